// config.json of a Hugging Face decoder (Llama, Mistral, Qwen2, Qwen3) as a typed struct, torch-free:
// the workbench shows it and the loader builds the module from it. Unknown architectures are refused.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace gcpo::model::hf {

// A config.json that cannot be used: the message names the file and the key.
struct HfConfigError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

enum class HfArch { Llama, Mistral, Qwen2, Qwen3 };

struct HfConfig {
    HfArch arch = HfArch::Qwen2;
    std::string architecture = "Qwen2ForCausalLM";  // as written in "architectures"
    int64_t vocabSize = 0;
    int64_t hiddenSize = 0;        // C
    int64_t intermediateSize = 0;  // MLP width
    int64_t layers = 0;            // num_hidden_layers
    int64_t heads = 0;             // num_attention_heads (H)
    int64_t kvHeads = 0;           // num_key_value_heads (Hkv; H % Hkv == 0)
    int64_t headDim = 0;           // D: head_dim when given, else hiddenSize / heads
    int64_t maxPositions = 0;      // max_position_embeddings
    double rmsNormEps = 1e-6;
    double ropeTheta = 10000.0;
    // rope_scaling {"rope_type": "llama3", factor, low_freq_factor, high_freq_factor, original_max_position_embeddings}
    bool ropeLlama3 = false;
    double ropeFactor = 1.0, ropeLowFreqFactor = 1.0, ropeHighFreqFactor = 4.0;
    int64_t ropeOriginalMaxPositions = 8192;
    bool tieWordEmbeddings = false;
    bool qkvBias = false;       // q/k/v projections have biases (Qwen2 always; others: attention_bias)
    bool oBias = false;         // o_proj has a bias (Llama/Mistral/Qwen3 attention_bias)
    bool mlpBias = false;       // Llama mlp_bias
    bool qkNorm = false;        // Qwen3 per-head RMSNorm of q and k before RoPE
    int64_t slidingWindow = 0;  // > 0: attention window in effect (caps the usable context)
    std::string torchDtype;     // "bfloat16", "float32", ... as declared (informational)
    nlohmann::json raw;         // the file as read (export writes it back with torch_dtype updated)

    // Longest sequence the policy accepts: maxPositions, capped by an active sliding window.
    int64_t context() const { return slidingWindow > 0 && slidingWindow < maxPositions ? slidingWindow : maxPositions; }
    // Exact parameter count of the weights this config implies (tied embeddings counted once).
    int64_t parameterCount() const;
    // Parameters in a matrix multiply per token (every Linear weight and the output head): N in 6 N T.
    int64_t matmulParameterCount() const;
};

const char* archName(HfArch a);  // "llama", "mistral", "qwen2", "qwen3"

// Reads a parsed config.json. `where` names the file in messages ("DIR/config.json").
// Throws HfConfigError for an unknown architecture, a missing or invalid key, an activation other
// than silu, or inconsistent head counts.
HfConfig hfConfigFromJson(const nlohmann::json& j, const std::string& where = "config.json");
// Reads DIR/config.json (HfConfigError naming the file when it is absent or not JSON).
HfConfig loadHfConfig(const std::string& dir);

// A config.json of the given architecture written from scratch (tests, benchmarks): the keys
// transformers' config class for that architecture reads, with the values of `c`.
nlohmann::json hfConfigToJson(const HfConfig& c);

// Shapes of named sizes ("0.5b", "1.5b", "7b") of an architecture, as published for Qwen2.5
// (qwen2/qwen3 use the Qwen2.5 shapes; llama/mistral use Llama-3.2-1B / Llama-3.1-8B / Mistral-7B
// shapes for "1b", "8b", "7b"). Throws HfConfigError for an unknown pair.
HfConfig hfConfigPreset(const std::string& arch, const std::string& size);

}  // namespace gcpo::model::hf
