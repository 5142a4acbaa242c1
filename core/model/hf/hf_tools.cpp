// HfScorer and convertHfFolder: the torch side of hf_tools.h.
#include "model/hf/hf_tools.h"

#include <stdexcept>

#include "model/hf/hf_model.h"
#include "util/torch_runtime.h"

namespace gcpo::model::hf {

namespace {

torch::ScalarType dtypeFromName(const std::string& d) {
    if (d == "fp32") return torch::kFloat;
    if (d == "bf16") return torch::kBFloat16;
    if (d == "fp16") return torch::kHalf;
    throw std::invalid_argument("dtype '" + d + "' is not fp32, bf16 or fp16");
}

}  // namespace

struct HfScorer::Impl {
    LlamaFamily model{nullptr};
};

HfScorer::HfScorer(const std::string& dir, const std::string& device, const std::string& dtype) : m(std::make_unique<Impl>()) {
    const auto t = dtypeFromName(dtype);
    if (t == torch::kHalf) throw std::invalid_argument("score: dtype must be fp32 or bf16");
    m->model = loadHfModel(dir, torch::Device(resolveDevice(device)), t);
}

HfScorer::~HfScorer() = default;

const HfConfig& HfScorer::config() const { return m->model->config(); }

std::vector<double> HfScorer::score(const std::vector<int64_t>& ids) {
    if (ids.empty()) return {};
    const int64_t V = m->model->vocabSize();
    for (size_t i = 0; i < ids.size(); ++i)
        if (ids[i] < 0 || ids[i] >= V)
            throw std::invalid_argument("id " + std::to_string(ids[i]) + " at position " + std::to_string(i) +
                                        " is outside the vocabulary (0.." + std::to_string(V - 1) + ")");
    if (static_cast<int64_t>(ids.size()) > m->model->contextLength())
        throw std::invalid_argument(std::to_string(ids.size()) + " tokens exceed the model context of " +
                                    std::to_string(m->model->contextLength()));
    torch::NoGradGuard noGrad;
    const auto tokens = torch::tensor(ids, torch::kLong).unsqueeze(0).to(m->model->device());              // (1, T)
    const auto lp = scoreTokens(*m->model, tokens).logprobs.to(torch::kCPU, torch::kDouble).contiguous();  // (1, T)
    return std::vector<double>(lp.data_ptr<double>(), lp.data_ptr<double>() + lp.numel());
}

void convertHfFolder(const std::string& src, const std::string& out, const std::string& dtype, int64_t maxShardBytes) {
    const auto t = dtypeFromName(dtype);
    // Loaded in fp32 unless both ends are bf16, so no value is rounded twice.
    LlamaFamily model = loadHfModel(src, torch::kCPU, t == torch::kBFloat16 ? torch::kBFloat16 : torch::kFloat);
    HfSaveOptions o;
    o.dtype = t;
    o.maxShardBytes = maxShardBytes;
    o.copyTokenizerFrom = src;
    saveHfModel(out, *model, o);
}

}  // namespace gcpo::model::hf
