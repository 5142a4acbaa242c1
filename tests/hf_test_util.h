// Test helpers for Hugging Face model folders: tiny random checkpoints written in HF layout, with the
// tensor names listed here by hand (independently of the module's own list).
#pragma once

#pragma push_macro("slots")
#undef slots
#include <torch/torch.h>
#pragma pop_macro("slots")

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/hf/safetensors.h"

namespace hftest {

namespace fs = std::filesystem;

// A fresh empty directory under the system temp dir, removed with the object.
struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& tag = "hf") {
        static int n = 0;
        path = fs::temp_directory_path() / ("gcpo_test_" + tag + "_" + std::to_string(::getpid()) + "_" + std::to_string(++n));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string str(const std::string& sub = "") const { return (sub.empty() ? path : path / sub).string(); }
};

struct TinySpec {
    std::string architecture = "Qwen2ForCausalLM";
    int64_t vocab = 64, hidden = 32, inter = 48, layers = 2, heads = 4, kvHeads = 2, headDim = 0;  // 0 = hidden / heads
    bool tied = false, attentionBias = false, llama3Rope = false;
    double theta = 10000.0, eps = 1e-5;
    int64_t maxPositions = 128;
};

inline int64_t headDimOf(const TinySpec& s) { return s.headDim > 0 ? s.headDim : s.hidden / s.heads; }

inline nlohmann::json configJson(const TinySpec& s) {
    nlohmann::json j = {{"architectures", {s.architecture}},
                        {"vocab_size", s.vocab},
                        {"hidden_size", s.hidden},
                        {"intermediate_size", s.inter},
                        {"num_hidden_layers", s.layers},
                        {"num_attention_heads", s.heads},
                        {"num_key_value_heads", s.kvHeads},
                        {"rms_norm_eps", s.eps},
                        {"rope_theta", s.theta},
                        {"max_position_embeddings", s.maxPositions},
                        {"tie_word_embeddings", s.tied},
                        {"attention_bias", s.attentionBias},
                        {"hidden_act", "silu"},
                        {"torch_dtype", "float32"}};
    if (s.headDim > 0) j["head_dim"] = s.headDim;
    if (s.llama3Rope)
        j["rope_scaling"] = {{"rope_type", "llama3"},
                             {"factor", 8.0},
                             {"low_freq_factor", 1.0},
                             {"high_freq_factor", 4.0},
                             {"original_max_position_embeddings", 16}};
    return j;
}

// Every tensor of the architecture with random values (norm weights near 1, biases small), fp32.
inline std::vector<std::pair<std::string, torch::Tensor>> randomWeights(const TinySpec& s, uint64_t seed) {
    torch::manual_seed(seed);
    const int64_t D = headDimOf(s), q = s.heads * D, kv = s.kvHeads * D;
    const bool qwen2 = s.architecture == "Qwen2ForCausalLM", qwen3 = s.architecture == "Qwen3ForCausalLM";
    const bool qkvBias = qwen2 || s.attentionBias, oBias = !qwen2 && s.attentionBias;
    std::vector<std::pair<std::string, torch::Tensor>> w;
    auto mat = [&](const std::string& n, int64_t r, int64_t c) { w.push_back({n, torch::randn({r, c}) * 0.3}); };
    auto vec = [&](const std::string& n, int64_t r) { w.push_back({n, torch::randn({r}) * 0.1}); };
    auto norm = [&](const std::string& n, int64_t r) { w.push_back({n, 1.0 + torch::randn({r}) * 0.1}); };
    mat("model.embed_tokens.weight", s.vocab, s.hidden);
    for (int64_t l = 0; l < s.layers; ++l) {
        const std::string p = "model.layers." + std::to_string(l) + ".";
        norm(p + "input_layernorm.weight", s.hidden);
        mat(p + "self_attn.q_proj.weight", q, s.hidden);
        mat(p + "self_attn.k_proj.weight", kv, s.hidden);
        mat(p + "self_attn.v_proj.weight", kv, s.hidden);
        mat(p + "self_attn.o_proj.weight", s.hidden, q);
        if (qkvBias) {
            vec(p + "self_attn.q_proj.bias", q);
            vec(p + "self_attn.k_proj.bias", kv);
            vec(p + "self_attn.v_proj.bias", kv);
        }
        if (oBias) vec(p + "self_attn.o_proj.bias", s.hidden);
        if (qwen3) {
            norm(p + "self_attn.q_norm.weight", D);
            norm(p + "self_attn.k_norm.weight", D);
        }
        norm(p + "post_attention_layernorm.weight", s.hidden);
        mat(p + "mlp.gate_proj.weight", s.inter, s.hidden);
        mat(p + "mlp.up_proj.weight", s.inter, s.hidden);
        mat(p + "mlp.down_proj.weight", s.hidden, s.inter);
    }
    norm("model.norm.weight", s.hidden);
    if (!s.tied) mat("lm_head.weight", s.vocab, s.hidden);
    return w;
}

// Writes config.json and the weights (dtype "F32" or "BF16"; shards > 1 splits them with an index).
inline void writeFolder(const std::string& dir, const TinySpec& s, const std::vector<std::pair<std::string, torch::Tensor>>& w,
                        const std::string& dtype = "F32", int shards = 1) {
    using namespace gcpo::model::hf;
    fs::create_directories(dir);
    std::ofstream(fs::path(dir) / "config.json") << configJson(s).dump(2);
    const bool bf16 = dtype == "BF16";
    std::vector<torch::Tensor> keep;
    nlohmann::json weightMap = nlohmann::json::object();
    const size_t per = (w.size() + static_cast<size_t>(shards) - 1) / static_cast<size_t>(shards);
    for (int s2 = 0; s2 < shards; ++s2) {
        char name[64];
        std::snprintf(name, sizeof name, "model-%05d-of-%05d.safetensors", s2 + 1, shards);
        const std::string file = shards == 1 ? "model.safetensors" : name;
        std::vector<StWriteTensor> out;
        for (size_t i = static_cast<size_t>(s2) * per; i < std::min(w.size(), static_cast<size_t>(s2 + 1) * per); ++i) {
            keep.push_back(w[i].second.to(bf16 ? torch::kBFloat16 : torch::kFloat).contiguous());
            out.push_back({w[i].first, bf16 ? StDtype::BF16 : StDtype::F32,
                           std::vector<int64_t>(w[i].second.sizes().begin(), w[i].second.sizes().end()), keep.back().data_ptr()});
            weightMap[w[i].first] = file;
        }
        writeSafetensors((fs::path(dir) / file).string(), out);
    }
    if (shards > 1)
        std::ofstream(fs::path(dir) / "model.safetensors.index.json")
            << nlohmann::json{{"metadata", {{"total_size", 0}}}, {"weight_map", weightMap}}.dump(2);
}

}  // namespace hftest
