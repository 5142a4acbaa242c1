// Shape of the transformer policy: one config struct (nanoGPT style), read from and written to JSON.
// Plain C++ (no LibTorch), so configs are validated by the CLI and the workbench without tensors.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace gcpo::model {

struct ModelConfig {
    int64_t vocabSize = 99;             // tokenizer vocabulary (Tokenizer().vocabSize())
    int64_t layers = 4;                 // transformer blocks
    int64_t dModel = 128;               // C, residual width
    int64_t heads = 4;                  // H; dModel % heads == 0 (and head size even for rotary)
    int64_t context = 128;              // longest sequence (prompt + completion) in tokens
    int64_t mlpRatio = 4;               // MLP hidden width = mlpRatio * dModel
    double dropout = 0.0;               // attention-probability and residual dropout (training only)
    std::string positions = "learned";  // "learned" (absolute embedding) or "rotary" (RoPE)
    bool tieWeights = true;             // output head shares the token embedding matrix

    int64_t headDim() const { return dModel / heads; }
    bool operator==(const ModelConfig& o) const;
    bool operator!=(const ModelConfig& o) const { return !(*this == o); }
};

// {"vocab_size","layers","d_model","heads","context","mlp_ratio","dropout","positions","tie_weights"}
nlohmann::json toJson(const ModelConfig& c);
// Reads the keys above (each optional, defaults as in the struct) and validates. Throws
// std::invalid_argument naming the key path ("<where>.d_model: ..."), also for an unknown key.
ModelConfig modelConfigFromJson(const nlohmann::json& j, const std::string& where = "model");
// Throws std::invalid_argument naming the offending key under `where`.
void validate(const ModelConfig& c, const std::string& where = "model");
// Human-readable list of the fields that differ ("d_model 128 vs 256, positions learned vs rotary"); "" if equal.
std::string describeDifference(const ModelConfig& a, const ModelConfig& b);

}  // namespace gcpo::model
