// config.json -> HfConfig for Llama, Mistral, Qwen2 and Qwen3 (defaults as transformers' config classes).
#include "model/hf/hf_config.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace gcpo::model::hf {

namespace {

[[noreturn]] void fail(const std::string& where, const std::string& key, const std::string& what) {
    throw HfConfigError(where + ": " + (key.empty() ? "" : key + ": ") + what);
}

int64_t positiveInt(const nlohmann::json& j, const std::string& key, const std::string& where, bool required, int64_t fallback) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        if (required) fail(where, key, "missing");
        return fallback;
    }
    if (!it->is_number_integer() || it->get<int64_t>() < 1) fail(where, key, "must be a positive integer, got " + it->dump());
    return it->get<int64_t>();
}

double positiveNumber(const nlohmann::json& j, const std::string& key, const std::string& where, double fallback) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    if (!it->is_number() || !(it->get<double>() > 0.0)) fail(where, key, "must be a positive number, got " + it->dump());
    return it->get<double>();
}

bool flag(const nlohmann::json& j, const std::string& key, const std::string& where, bool fallback) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    if (!it->is_boolean()) fail(where, key, "must be true or false, got " + it->dump());
    return it->get<bool>();
}

// rope_scaling (or newer transformers' rope_parameters, which also carries rope_theta).
void readRope(const nlohmann::json& j, const std::string& where, HfConfig& c) {
    c.ropeTheta = positiveNumber(j, "rope_theta", where, c.ropeTheta);
    for (const char* key : {"rope_scaling", "rope_parameters"}) {
        const auto it = j.find(key);
        if (it == j.end() || it->is_null()) continue;
        if (!it->is_object()) fail(where, key, "must be an object");
        const auto& r = *it;
        c.ropeTheta = positiveNumber(r, "rope_theta", where + ": " + key, c.ropeTheta);
        std::string type = r.value("rope_type", r.value("type", std::string("default")));
        if (type == "default") continue;
        if (type != "llama3") fail(where, std::string(key) + ".rope_type", "'" + type + "' is not supported (default, llama3)");
        c.ropeLlama3 = true;
        const std::string w = where + ": " + key;
        c.ropeFactor = positiveNumber(r, "factor", w, 8.0);
        c.ropeLowFreqFactor = positiveNumber(r, "low_freq_factor", w, 1.0);
        c.ropeHighFreqFactor = positiveNumber(r, "high_freq_factor", w, 4.0);
        c.ropeOriginalMaxPositions = positiveInt(r, "original_max_position_embeddings", w, false, 8192);
        if (!(c.ropeHighFreqFactor > c.ropeLowFreqFactor))
            fail(where, std::string(key) + ".high_freq_factor", "must exceed low_freq_factor");
    }
}

}  // namespace

const char* archName(HfArch a) {
    switch (a) {
    case HfArch::Llama: return "llama";
    case HfArch::Mistral: return "mistral";
    case HfArch::Qwen2: return "qwen2";
    case HfArch::Qwen3: return "qwen3";
    }
    return "?";
}

int64_t HfConfig::parameterCount() const {
    const int64_t C = hiddenSize, q = heads * headDim, kv = kvHeads * headDim, F = intermediateSize;
    int64_t perLayer = 2 * C;                // input and post-attention RMSNorm
    perLayer += C * q + 2 * C * kv + q * C;  // q, k, v, o
    if (qkvBias) perLayer += q + 2 * kv;
    if (oBias) perLayer += C;
    if (qkNorm) perLayer += 2 * headDim;
    perLayer += 3 * C * F + (mlpBias ? 2 * F + C : 0);  // gate, up, down
    return vocabSize * C * (tieWordEmbeddings ? 1 : 2) + layers * perLayer + C;
}

int64_t HfConfig::matmulParameterCount() const {
    const int64_t C = hiddenSize, q = heads * headDim, kv = kvHeads * headDim;
    return layers * (C * q + 2 * C * kv + q * C + 3 * C * intermediateSize) + vocabSize * C;
}

HfConfig hfConfigFromJson(const nlohmann::json& j, const std::string& where) {
    if (!j.is_object()) fail(where, "", "not a JSON object");
    HfConfig c;
    c.raw = j;
    const auto archs = j.find("architectures");
    if (archs == j.end() || !archs->is_array() || archs->empty() || !(*archs)[0].is_string())
        fail(where, "architectures", "missing (expected e.g. [\"Qwen2ForCausalLM\"])");
    c.architecture = (*archs)[0].get<std::string>();
    if (c.architecture == "LlamaForCausalLM") c.arch = HfArch::Llama;
    else if (c.architecture == "MistralForCausalLM") c.arch = HfArch::Mistral;
    else if (c.architecture == "Qwen2ForCausalLM") c.arch = HfArch::Qwen2;
    else if (c.architecture == "Qwen3ForCausalLM") c.arch = HfArch::Qwen3;
    else
        fail(where, "architectures",
             "'" + c.architecture +
                 "' is not supported (LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM, Qwen3ForCausalLM)");
    const std::string act = j.value("hidden_act", std::string("silu"));
    if (act != "silu") fail(where, "hidden_act", "'" + act + "' is not supported (silu)");
    c.vocabSize = positiveInt(j, "vocab_size", where, true, 0);
    c.hiddenSize = positiveInt(j, "hidden_size", where, true, 0);
    c.intermediateSize = positiveInt(j, "intermediate_size", where, true, 0);
    c.layers = positiveInt(j, "num_hidden_layers", where, true, 0);
    c.heads = positiveInt(j, "num_attention_heads", where, true, 0);
    c.kvHeads = positiveInt(j, "num_key_value_heads", where, false, c.heads);
    if (c.heads % c.kvHeads != 0)
        fail(where, "num_key_value_heads",
             std::to_string(c.kvHeads) + " does not divide num_attention_heads " + std::to_string(c.heads));
    const bool headDimGiven = j.contains("head_dim") && !j.at("head_dim").is_null();
    if (!headDimGiven && c.hiddenSize % c.heads != 0)
        fail(where, "num_attention_heads",
             std::to_string(c.heads) + " does not divide hidden_size " + std::to_string(c.hiddenSize));
    c.headDim = positiveInt(j, "head_dim", where, false, c.hiddenSize / c.heads);
    if (c.headDim % 2 != 0) fail(where, "head_dim", "must be even for RoPE, got " + std::to_string(c.headDim));
    const int64_t defaultPositions = c.arch == HfArch::Llama ? 2048 : c.arch == HfArch::Mistral ? 131072 : 32768;
    c.maxPositions = positiveInt(j, "max_position_embeddings", where, false, defaultPositions);
    c.rmsNormEps = positiveNumber(j, "rms_norm_eps", where, 1e-6);
    readRope(j, where, c);
    c.tieWordEmbeddings = flag(j, "tie_word_embeddings", where, false);
    const bool attentionBias = flag(j, "attention_bias", where, false);
    c.qkvBias = c.arch == HfArch::Qwen2 ? true : attentionBias;
    c.oBias = c.arch == HfArch::Qwen2 ? false : attentionBias;
    c.mlpBias = c.arch == HfArch::Llama && flag(j, "mlp_bias", where, false);
    c.qkNorm = c.arch == HfArch::Qwen3;
    // A sliding window in effect caps the usable context at its size: up to that length windowed
    // attention is full causal attention, so the decoders need no window mask (HfConfig::context).
    const auto sw = j.find("sliding_window");
    const bool windowOn = c.arch == HfArch::Mistral || flag(j, "use_sliding_window", where, false);
    if (windowOn && sw != j.end() && sw->is_number_integer() && sw->get<int64_t>() > 0) c.slidingWindow = sw->get<int64_t>();
    c.torchDtype = j.value("torch_dtype", j.value("dtype", std::string()));
    return c;
}

HfConfig loadHfConfig(const std::string& dir) {
    const std::string path = (std::filesystem::path(dir) / "config.json").string();
    std::ifstream in(path);
    if (!in) throw HfConfigError(path + ": missing (not a Hugging Face model folder?)");
    std::stringstream ss;
    ss << in.rdbuf();
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(ss.str());
    } catch (const nlohmann::json::exception& e) {
        throw HfConfigError(path + ": not valid JSON (" + e.what() + ")");
    }
    return hfConfigFromJson(j, path);
}

nlohmann::json hfConfigToJson(const HfConfig& c) {
    nlohmann::json j = {{"architectures", {c.architecture}},
                        {"model_type", archName(c.arch)},
                        {"vocab_size", c.vocabSize},
                        {"hidden_size", c.hiddenSize},
                        {"intermediate_size", c.intermediateSize},
                        {"num_hidden_layers", c.layers},
                        {"num_attention_heads", c.heads},
                        {"num_key_value_heads", c.kvHeads},
                        {"head_dim", c.headDim},
                        {"max_position_embeddings", c.maxPositions},
                        {"rms_norm_eps", c.rmsNormEps},
                        {"rope_theta", c.ropeTheta},
                        {"hidden_act", "silu"},
                        {"tie_word_embeddings", c.tieWordEmbeddings},
                        {"torch_dtype", c.torchDtype.empty() ? "float32" : c.torchDtype}};
    if (c.arch != HfArch::Qwen2) j["attention_bias"] = c.qkvBias;
    if (c.arch == HfArch::Llama) j["mlp_bias"] = c.mlpBias;
    if (c.arch == HfArch::Qwen2) j["use_sliding_window"] = false;
    if (c.arch == HfArch::Mistral) j["sliding_window"] = c.slidingWindow > 0 ? nlohmann::json(c.slidingWindow) : nlohmann::json();
    if (c.ropeLlama3)
        j["rope_scaling"] = {{"rope_type", "llama3"},
                             {"factor", c.ropeFactor},
                             {"low_freq_factor", c.ropeLowFreqFactor},
                             {"high_freq_factor", c.ropeHighFreqFactor},
                             {"original_max_position_embeddings", c.ropeOriginalMaxPositions}};
    return j;
}

HfConfig hfConfigPreset(const std::string& arch, const std::string& size) {
    // {architecture, vocab, hidden, intermediate, layers, heads, kv heads, head_dim (0 = C/H), tied, theta, max pos}
    struct Row {
        const char* arch;
        const char* size;
        const char* architecture;
        int64_t vocab, hidden, inter, layers, heads, kv, headDim;
        bool tied;
        double theta;
        int64_t maxPos;
    };
    static const Row kRows[] = {
        {"qwen2", "0.5b", "Qwen2ForCausalLM", 151936, 896, 4864, 24, 14, 2, 0, true, 1e6, 32768},
        {"qwen2", "1.5b", "Qwen2ForCausalLM", 151936, 1536, 8960, 28, 12, 2, 0, true, 1e6, 32768},
        {"qwen2", "3b", "Qwen2ForCausalLM", 151936, 2048, 11008, 36, 16, 2, 0, true, 1e6, 32768},
        {"qwen2", "7b", "Qwen2ForCausalLM", 152064, 3584, 18944, 28, 28, 4, 0, false, 1e6, 32768},
        {"qwen3", "0.6b", "Qwen3ForCausalLM", 151936, 1024, 3072, 28, 16, 8, 128, true, 1e6, 40960},
        {"qwen3", "1.7b", "Qwen3ForCausalLM", 151936, 2048, 6144, 28, 16, 8, 128, true, 1e6, 40960},
        {"qwen3", "8b", "Qwen3ForCausalLM", 151936, 4096, 12288, 36, 32, 8, 128, false, 1e6, 40960},
        {"llama", "1b", "LlamaForCausalLM", 128256, 2048, 8192, 16, 32, 8, 64, true, 5e5, 131072},
        {"llama", "8b", "LlamaForCausalLM", 128256, 4096, 14336, 32, 32, 8, 128, false, 5e5, 131072},
        {"mistral", "7b", "MistralForCausalLM", 32000, 4096, 14336, 32, 32, 8, 128, false, 1e4, 32768},
    };
    std::string known;
    for (const auto& r : kRows) {
        known += std::string(known.empty() ? "" : ", ") + r.arch + " " + r.size;
        if (arch != r.arch || size != r.size) continue;
        nlohmann::json j = {
            {"architectures", {r.architecture}},   {"vocab_size", r.vocab},         {"hidden_size", r.hidden},
            {"intermediate_size", r.inter},        {"num_hidden_layers", r.layers}, {"num_attention_heads", r.heads},
            {"num_key_value_heads", r.kv},         {"tie_word_embeddings", r.tied}, {"rope_theta", r.theta},
            {"max_position_embeddings", r.maxPos}, {"torch_dtype", "bfloat16"}};
        if (r.headDim > 0) j["head_dim"] = r.headDim;
        if (std::string(r.arch) == "llama")
            j["rope_scaling"] = {{"rope_type", "llama3"},
                                 {"factor", r.tied ? 32.0 : 8.0},
                                 {"low_freq_factor", 1.0},
                                 {"high_freq_factor", 4.0},
                                 {"original_max_position_embeddings", 8192}};
        if (std::string(r.arch) == "mistral") j["sliding_window"] = 4096;
        return hfConfigFromJson(j, "preset " + arch + " " + size);
    }
    throw HfConfigError("no preset '" + arch + " " + size + "' (known: " + known + ")");
}

}  // namespace gcpo::model::hf
