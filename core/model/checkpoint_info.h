// What a policy checkpoint directory holds, read without LibTorch (manifest, model config, vocabulary).
// The workbench lists and describes checkpoints through this; loading the weights needs checkpoint.h.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "model/model_config.h"
#include "model/tokenizer.h"

namespace gcpo::model {

// A checkpoint is a directory:
//   manifest.json   {"format":"gcpo-policy-checkpoint","version":1,"step":N,"files":[...]}
//   config.json     {"model":{ModelConfig},"tokenizer":{vocabulary},"rng":{...},"extra":{...}}
//   model.pt        module parameters (torch::serialize archive)
//   optimizer.pt    AdamW state (optional)
//   rng.pt          torch CPU generator state
// It is written to a temporary sibling directory and renamed into place, so a reader sees either the
// old checkpoint or the new one, never a half-written one.
inline constexpr const char* kCheckpointFormat = "gcpo-policy-checkpoint";
inline constexpr int kCheckpointVersion = 1;

struct CheckpointInfo {
    ModelConfig model;
    Tokenizer tokenizer;
    int64_t step = 0;
    bool hasOptimizer = false;
    std::string dataRngState;  // training-data RNG (std::mt19937_64 text form), "" if none
    nlohmann::json extra = nlohmann::json::object();  // caller data (e.g. the SFT config and last eval)
};

// Reads manifest.json and config.json. Throws std::runtime_error with a clear message (naming the
// path) for a missing directory, a directory that is not a GCPO checkpoint, an unsupported version,
// or a damaged JSON file.
CheckpointInfo readCheckpointInfo(const std::string& dir);

}  // namespace gcpo::model
