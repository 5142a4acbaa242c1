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
    std::string dataRngState;                         // training-data RNG (std::mt19937_64 text form), "" if none
    nlohmann::json extra = nlohmann::json::object();  // caller data (e.g. the SFT config and last eval)
};

// Name infixes of a checkpoint being written ("step-5.tmp-<pid>-<n>") or replaced ("step-5.old-<pid>").
inline constexpr const char* kCheckpointTempMarker = ".tmp-";
inline constexpr const char* kCheckpointOldMarker = ".old-";

// Removes the folders in `dir` that a writer killed mid-checkpoint left behind (names with the markers
// above). Call it only while no other process writes checkpoints into `dir` (the trainer does, holding
// the run's claim). Returns how many it removed; a missing `dir` is no error.
int removeCheckpointTemporaries(const std::string& dir);

// Reads manifest.json and config.json. Throws std::runtime_error with a clear message (naming the
// path) for a missing directory, a directory that is not a GCPO checkpoint, an unsupported version,
// or a damaged JSON file.
CheckpointInfo readCheckpointInfo(const std::string& dir);

// The parsers behind readCheckpointInfo, on the files' texts (`dir` only names them in messages):
// checkManifest throws std::runtime_error unless manifestText is a supported GCPO manifest;
// parseCheckpointInfo checks both texts (hasOptimizer stays false: it is a property of the folder).
void checkManifest(const std::string& dir, const std::string& manifestText);
CheckpointInfo parseCheckpointInfo(const std::string& dir, const std::string& manifestText, const std::string& configText);

}  // namespace gcpo::model
