// Saving and loading policy checkpoints (model, AdamW state, config, vocabulary, RNG state, step),
// written atomically, checked on load. Layout and the torch-free reader: checkpoint_info.h.
#pragma once

#include <torch/torch.h>

#include <string>

#include "model/checkpoint_info.h"
#include "model/transformer.h"

namespace gcpo::model {

// Writes `dir` atomically (temporary sibling directory, then rename; an existing checkpoint at `dir`
// is replaced). optimizer may be null. The torch CPU generator state is saved as well.
// Throws std::runtime_error naming the path on an I/O failure.
void saveCheckpoint(const std::string& dir, Transformer& model, const Tokenizer& tokenizer, torch::optim::Optimizer* optimizer,
                    const CheckpointInfo& info);

// Loads `dir` into an existing model (and optimizer, when given and saved). Refuses, with
// std::runtime_error naming both values, a checkpoint whose model config or vocabulary differs from
// model.config() / tokenizer. A truncated or foreign file gives std::runtime_error naming the file.
// restoreRng: also set the torch CPU generator to the saved state (to resume training exactly).
CheckpointInfo loadCheckpoint(const std::string& dir, Transformer& model, const Tokenizer& tokenizer,
                              torch::optim::Optimizer* optimizer = nullptr, bool restoreRng = false);

// A policy built from the checkpoint's own config, on `device`, in eval mode.
struct LoadedPolicy {
    Transformer model{nullptr};
    Tokenizer tokenizer;
    CheckpointInfo info;
};
LoadedPolicy loadPolicy(const std::string& dir, const torch::Device& device);

}  // namespace gcpo::model
