// Checkpoints of RL runs on a Hugging Face policy: the policy as a Hugging Face folder (fp32 master
// weights, tokenizer files) beside the AdamW state and the RNG state, written atomically.
//
// Layout: DIR/manifest.json {"format":"gcpo-hf-checkpoint","version":1,"step":N}
//         DIR/model/        config.json, model.safetensors (fp32), tokenizer files
//         DIR/optimizer.pt  AdamW state (optional);  DIR/rng.pt  torch CPU generator state
// `gcpo-train export-model --db F --run ID` writes DIR/model out in the dtype asked for.
#pragma once

#include <torch/torch.h>

#include <string>

#include "model/hf/llama_family.h"

namespace gcpo::model::hf {

inline constexpr const char* kHfCheckpointFormat = "gcpo-hf-checkpoint";

// tokenizerFrom: the folder whose tokenizer files go into DIR/model. Replaces an existing checkpoint.
void saveHfCheckpoint(const std::string& dir, LlamaFamilyImpl& model, const std::string& tokenizerFrom,
                      torch::optim::Optimizer* optimizer, int64_t step);
// Loads the weights (and optimizer / RNG state when asked) into `model`; returns the step.
// Throws std::runtime_error naming the path for a missing or damaged checkpoint.
int64_t loadHfCheckpoint(const std::string& dir, LlamaFamilyImpl& model, torch::optim::Optimizer* optimizer, bool restoreRng);

}  // namespace gcpo::model::hf
