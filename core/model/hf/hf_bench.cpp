// Hugging Face policy benchmarks: dtype matmul peak and training throughput (see hf_bench.h).
#include "model/hf/hf_bench.h"

#include <torch/torch.h>

#include <chrono>

#include "model/hf/hf_model.h"
#include "model/sampler.h"

namespace gcpo::model::hf {

namespace {

using Clock = std::chrono::steady_clock;

torch::ScalarType computeType(const std::string& d) { return d == "bf16" ? torch::kBFloat16 : torch::kFloat; }

void synchronize(const torch::Device& device) {
    if (device.is_cuda()) torch::zeros({1}, torch::TensorOptions().device(device)).sum().item<float>();
}

template <typename Fn>
double secondsPerCall(Fn&& fn, const torch::Device& device, double minSeconds, int minReps = 2) {
    fn();  // warm-up
    synchronize(device);
    int reps = 0;
    const auto t0 = Clock::now();
    double elapsed = 0.0;
    do {
        fn();
        ++reps;
        synchronize(device);
        elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
    } while (elapsed < minSeconds || reps < minReps);
    return elapsed / reps;
}

}  // namespace

HfPeak measureHfMatmulPeak(const HfBenchSetup& s) {
    torch::NoGradGuard noGrad;
    const torch::Device device(s.device);
    const auto opts = torch::TensorOptions().device(device).dtype(computeType(s.dtype));
    HfPeak best;
    const std::vector<int64_t> sizes =
        device.is_cuda() ? std::vector<int64_t>{2048, 4096, 8192} : std::vector<int64_t>{256, 512, 1024};
    for (int64_t n : sizes) {
        torch::manual_seed(1);
        const auto a = torch::randn({n, n}, opts);  // (n, n)
        const auto b = torch::randn({n, n}, opts);  // (n, n)
        auto c = torch::empty({n, n}, opts);        // (n, n)
        const double sec = secondsPerCall([&] { torch::mm_out(c, a, b); }, device, s.minSeconds / 4, 3);
        const double gflops = 2.0 * n * n * n / sec / 1e9;
        if (gflops > best.gflops) best = {gflops, n};
    }
    return best;
}

static LlamaFamily benchModel(const HfBenchSetup& s) {
    torch::manual_seed(2);
    LlamaFamily model = s.modelDir.empty() ? LlamaFamily(s.config) : loadHfModel(s.modelDir, torch::kCPU, torch::kFloat);
    model->to(torch::Device(s.device));
    model->setComputeDtype(computeType(s.dtype));
    return model;
}

HfTrainBench measureHfTraining(const HfBenchSetup& s, int64_t batch, int64_t tokens) {
    const torch::Device device(s.device);
    LlamaFamily model = benchModel(s);
    model->setGradientCheckpointing(s.gradientCheckpointing);
    model->train();
    torch::optim::AdamW opt(model->parameters(), torch::optim::AdamWOptions(1e-6));
    const int64_t V = model->vocabSize();
    const auto x = torch::randint(0, V, {batch, tokens}, torch::TensorOptions().dtype(torch::kLong).device(device));  // (B, T)
    auto step = [&] {
        opt.zero_grad();
        (-scoreTokens(*model, x).logprobs.mean()).backward();
        opt.step();
    };
    const auto& c = model->config();
    HfTrainBench r;
    r.parameters = model->parameterCount();
    r.matmulParameters = c.matmulParameterCount();
    r.batch = batch;
    r.tokens = tokens;
    r.flopsPerToken =
        6.0 * static_cast<double>(r.matmulParameters) + 12.0 * static_cast<double>(c.layers * tokens * c.heads * c.headDim);
    r.secondsPerStep = secondsPerCall(step, device, s.minSeconds, 2);
    r.tokensPerSecond = static_cast<double>(batch * tokens) / r.secondsPerStep;
    r.gflops = r.tokensPerSecond * r.flopsPerToken / 1e9;
    return r;
}

HfSampleBench measureHfSampling(const HfBenchSetup& s, int64_t prompts, int64_t group, int64_t newTokens) {
    const torch::Device device(s.device);
    LlamaFamily model = benchModel(s);
    if (s.dtype == "bf16") model->to(torch::kBFloat16);  // a frozen-reference-like bf16 copy samples as fast as it can
    std::vector<std::vector<int64_t>> ps;
    int64_t promptTokens = 0;
    for (int64_t b = 0; b < prompts; ++b) {  // chat-formatted task prompts are ~40-60 tokens
        std::vector<int64_t> p;
        for (int64_t t = 0; t < 48 + (b % 4); ++t) p.push_back((b * 7919 + t * 104729) % model->vocabSize());
        promptTokens = std::max<int64_t>(promptTokens, static_cast<int64_t>(p.size()));
        ps.push_back(std::move(p));
    }
    SamplingConfig sc;
    sc.maxNewTokens = newTokens;
    sc.seed = 4;
    HfSampleBench r;
    r.rows = prompts * group;
    r.newTokens = newTokens;
    r.promptTokens = promptTokens;
    r.seconds = secondsPerCall([&] { sample(*model, ps, group, sc, {}); }, device, s.minSeconds, 1);
    r.tokensPerSecond = static_cast<double>(r.rows * newTokens) / r.seconds;
    return r;
}

}  // namespace gcpo::model::hf
