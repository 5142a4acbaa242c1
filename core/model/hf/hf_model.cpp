// Loading and saving Hugging Face model folders (config.json + safetensors, sharded or not) with
// every tensor checked by name and shape; see hf_model.h.
#include "model/hf/hf_model.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "model/hf/safetensors.h"

namespace gcpo::model::hf {

namespace fs = std::filesystem;

namespace {

constexpr const char* kIndexName = "model.safetensors.index.json";
constexpr const char* kSingleName = "model.safetensors";

std::string shapeText(const std::vector<int64_t>& s) {
    std::string out = "[";
    for (size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
    return out + "]";
}

nlohmann::json readJson(const fs::path& path) {
    std::ifstream in(path);
    if (!in) throw HfModelError(path.string() + ": cannot be read");
    std::stringstream ss;
    ss << in.rdbuf();
    try {
        return nlohmann::json::parse(ss.str());
    } catch (const nlohmann::json::exception& e) {
        throw HfModelError(path.string() + ": not valid JSON (" + e.what() + ")");
    }
}

torch::ScalarType torchDtype(StDtype d) {
    return d == StDtype::F32 ? torch::kFloat : d == StDtype::BF16 ? torch::kBFloat16 : torch::kHalf;
}

bool ignoredName(const std::string& name, const HfConfig& c) {
    const std::string inv = "rotary_emb.inv_freq";
    if (name.size() >= inv.size() && name.compare(name.size() - inv.size(), inv.size(), inv) == 0) return true;
    return c.tieWordEmbeddings && name == "lm_head.weight";
}

// Where each tensor of the folder lives (the files stay mapped while this lives).
struct WeightIndex {
    std::vector<std::unique_ptr<SafetensorsFile>> files;
    std::map<std::string, std::pair<const SafetensorsFile*, const StTensorInfo*>> tensors;
};

WeightIndex indexWeights(const std::string& dir) {
    WeightIndex w;
    const fs::path indexPath = fs::path(dir) / kIndexName;
    std::map<std::string, std::string> declared;  // tensor -> shard, from the index
    if (fs::exists(indexPath)) {
        const auto j = readJson(indexPath);
        if (!j.is_object() || !j.contains("weight_map") || !j.at("weight_map").is_object())
            throw HfModelError(indexPath.string() + ": no weight_map object");
        for (const auto& [name, file] : j.at("weight_map").items()) {
            if (!file.is_string()) throw HfModelError(indexPath.string() + ": weight_map['" + name + "'] is not a file name");
            declared[name] = file.get<std::string>();
        }
    }
    for (const auto& path : hfWeightFiles(dir)) {
        w.files.push_back(std::make_unique<SafetensorsFile>(path));
        const auto& f = *w.files.back();
        for (const auto& t : f.header().tensors) {
            const auto [it, fresh] = w.tensors.insert({t.name, {&f, &t}});
            if (!fresh) throw HfModelError(path + ": tensor '" + t.name + "' is also in " + it->second.first->path());
        }
    }
    const std::string single = (fs::path(dir) / kSingleName).string();
    for (const auto& [name, file] : declared) {
        const auto it = w.tensors.find(name);
        if (it == w.tensors.end())
            throw HfModelError(indexPath.string() + ": tensor '" + name + "' is listed in " + file + " but no shard holds it");
        if (fs::path(it->second.first->path()).filename() != file)
            throw HfModelError(indexPath.string() + ": tensor '" + name + "' is listed in " + file + " but found in " +
                               it->second.first->path());
    }
    return w;
}

}  // namespace

std::vector<std::string> hfWeightFiles(const std::string& dir) {
    const fs::path indexPath = fs::path(dir) / kIndexName;
    std::vector<std::string> out;
    if (fs::exists(indexPath)) {
        const auto j = readJson(indexPath);
        if (!j.is_object() || !j.contains("weight_map") || !j.at("weight_map").is_object())
            throw HfModelError(indexPath.string() + ": no weight_map object");
        std::set<std::string> seen;
        for (const auto& [name, file] : j.at("weight_map").items()) {
            if (!file.is_string()) throw HfModelError(indexPath.string() + ": weight_map['" + name + "'] is not a file name");
            const std::string f = file.get<std::string>();
            if (f.find('/') != std::string::npos || f == ".." || f.empty())
                throw HfModelError(indexPath.string() + ": weight_map['" + name + "'] = '" + f + "' is not a file in the folder");
            if (seen.insert(f).second) out.push_back((fs::path(dir) / f).string());
        }
        if (out.empty()) throw HfModelError(indexPath.string() + ": weight_map is empty");
        for (const auto& f : out)
            if (!fs::exists(f)) throw HfModelError(f + ": missing (listed in " + indexPath.string() + ")");
        return out;
    }
    const fs::path single = fs::path(dir) / kSingleName;
    if (!fs::exists(single))
        throw HfModelError(dir + ": no " + std::string(kSingleName) + " or " + kIndexName +
                           " (not a Hugging Face model folder?)");
    return {single.string()};
}

void loadHfWeights(const std::string& dir, LlamaFamilyImpl& model) {
    const auto& cfg = model.config();
    WeightIndex w = indexWeights(dir);
    std::vector<std::string> problems;
    std::set<std::string> expectedNames;
    const auto expected = model.expectedTensors();
    for (const auto& [name, shape] : expected) {
        expectedNames.insert(name);
        const auto it = w.tensors.find(name);
        if (it == w.tensors.end()) {
            problems.push_back(dir + ": tensor '" + name + "' missing (expected shape " + shapeText(shape) + ")");
            continue;
        }
        if (it->second.second->shape != shape)
            problems.push_back(it->second.first->path() + ": tensor '" + name + "' has shape " +
                               shapeText(it->second.second->shape) + ", " + cfg.architecture + " with this config.json needs " +
                               shapeText(shape));
    }
    for (const auto& [name, where] : w.tensors)
        if (!expectedNames.count(name) && !ignoredName(name, cfg))
            problems.push_back(where.first->path() + ": tensor '" + name + "' is not a parameter of " + cfg.architecture +
                               " with this config.json");
    if (!problems.empty()) {
        std::string msg = problems.front();
        const size_t shown = std::min<size_t>(problems.size(), 8);
        for (size_t i = 1; i < shown; ++i) msg += "; " + problems[i];
        if (problems.size() > shown) msg += "; and " + std::to_string(problems.size() - shown) + " more";
        throw HfModelError(msg);
    }
    torch::NoGradGuard noGrad;
    auto params = model.named_parameters();
    for (const auto& [name, shape] : expected) {
        const auto& [file, info] = w.tensors.at(name);
        auto* p = params.find(name);
        if (!p) throw std::logic_error("hf model: parameter " + name + " not registered");
        const auto src = torch::from_blob(const_cast<uint8_t*>(file->bytes(*info)), shape,
                                          torch::TensorOptions().dtype(torchDtype(info->dtype)));  // borrowed, read only
        p->copy_(src);
    }
}

LlamaFamily loadHfModel(const std::string& dir, const torch::Device& device, torch::ScalarType dtype) {
    if (dtype != torch::kFloat && dtype != torch::kBFloat16) throw HfModelError("hf model: dtype must be fp32 or bf16");
    if (!fs::is_directory(dir)) throw HfModelError(dir + ": not a folder");
    const HfConfig cfg = loadHfConfig(dir);
    LlamaFamily model(cfg);
    model->to(dtype);
    model->setComputeDtype(dtype);
    loadHfWeights(dir, *model);
    model->to(device);
    model->eval();
    return model;
}

void saveHfModel(const std::string& dir, LlamaFamilyImpl& model, const HfSaveOptions& o) {
    if (o.dtype != torch::kFloat && o.dtype != torch::kBFloat16 && o.dtype != torch::kHalf)
        throw std::invalid_argument("saveHfModel: dtype must be fp32, bf16 or fp16");
    const fs::path target(dir);
    if (fs::exists(target) && !(fs::is_directory(target) && fs::is_empty(target))) {
        if (!o.replace || !fs::exists(target / "config.json"))
            throw std::invalid_argument(dir + ": exists and is not empty (refusing to overwrite it)");
    }
    const fs::path tmp = target.string() + ".tmp-" + std::to_string(::getpid());
    fs::remove_all(tmp);
    fs::create_directories(tmp);
    try {
        const StDtype st = o.dtype == torch::kFloat ? StDtype::F32 : o.dtype == torch::kBFloat16 ? StDtype::BF16 : StDtype::F16;
        std::vector<std::pair<std::string, torch::Tensor>> tensors;
        for (const auto& p : model.named_parameters())
            tensors.push_back({p.key(), p.value().detach().to(torch::kCPU, o.dtype).contiguous()});
        // Shards in registration order, each at most maxShardBytes (a bigger single tensor gets its own).
        std::vector<std::vector<size_t>> shards(1);
        int64_t shardBytes = 0, totalBytes = 0;
        for (size_t i = 0; i < tensors.size(); ++i) {
            const int64_t bytes = tensors[i].second.numel() * static_cast<int64_t>(dtypeSize(st));
            if (!shards.back().empty() && shardBytes + bytes > o.maxShardBytes) {
                shards.emplace_back();
                shardBytes = 0;
            }
            shards.back().push_back(i);
            shardBytes += bytes;
            totalBytes += bytes;
        }
        nlohmann::json weightMap = nlohmann::json::object();
        for (size_t s = 0; s < shards.size(); ++s) {
            char name[64];
            std::snprintf(name, sizeof name, "model-%05zu-of-%05zu.safetensors", s + 1, shards.size());
            const std::string file = shards.size() == 1 ? kSingleName : name;
            std::vector<StWriteTensor> out;
            for (size_t i : shards[s]) {
                const auto& t = tensors[i].second;
                out.push_back({tensors[i].first, st, std::vector<int64_t>(t.sizes().begin(), t.sizes().end()), t.data_ptr()});
                weightMap[tensors[i].first] = file;
            }
            writeSafetensors((tmp / file).string(), out, {{"format", "pt"}});
        }
        if (shards.size() > 1) {
            std::ofstream idx(tmp / kIndexName);
            idx << nlohmann::json{{"metadata", {{"total_size", totalBytes}}}, {"weight_map", weightMap}}.dump(2) << "\n";
            if (!idx) throw std::runtime_error((tmp / kIndexName).string() + ": write failed");
        }
        nlohmann::json config =
            model.config().raw.is_object() && !model.config().raw.empty() ? model.config().raw : hfConfigToJson(model.config());
        config["torch_dtype"] = o.dtype == torch::kFloat ? "float32" : o.dtype == torch::kBFloat16 ? "bfloat16" : "float16";
        {
            std::ofstream cfg(tmp / "config.json");
            cfg << config.dump(2) << "\n";
            if (!cfg) throw std::runtime_error((tmp / "config.json").string() + ": write failed");
        }
        if (!o.copyTokenizerFrom.empty())
            for (const char* f : {"tokenizer.json", "tokenizer_config.json", "generation_config.json", "special_tokens_map.json",
                                  "vocab.json", "merges.txt"}) {
                const fs::path src = fs::path(o.copyTokenizerFrom) / f;
                if (fs::exists(src)) fs::copy_file(src, tmp / f);
            }
        if (fs::exists(target)) fs::remove_all(target);
        fs::rename(tmp, target);
    } catch (...) {
        std::error_code ec;
        fs::remove_all(tmp, ec);
        throw;
    }
}

}  // namespace gcpo::model::hf
