// Hugging Face model folders: load config.json + model.safetensors (or a sharded index) into a
// LlamaFamily policy with every tensor checked, and write a policy back in the same layout.
//
// Folder layout (read): config.json, model.safetensors or model.safetensors.index.json + its
// shards, tokenizer.json, tokenizer_config.json, optional generation_config.json.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <stdexcept>
#include <string>

#include "model/hf/llama_family.h"

namespace gcpo::model::hf {

// A folder that cannot be loaded: the message names the file and the tensor(s) at fault.
struct HfModelError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

// The weight files of DIR: the shards an index lists (each once, in order), else model.safetensors.
std::vector<std::string> hfWeightFiles(const std::string& dir);

// Builds the model that DIR/config.json describes, with parameters in `dtype` (kFloat or kBFloat16)
// on `device`, compute dtype = dtype, and copies every weight in. Refuses (HfModelError, listing
// every problem) a missing, extra, misshaped or duplicated tensor and a truncated or foreign file.
// Ignored: lm_head.weight of a tied model (transformers ties it too) and rotary_emb.inv_freq buffers.
LlamaFamily loadHfModel(const std::string& dir, const torch::Device& device, torch::ScalarType dtype = torch::kFloat);

// Copies the weights of DIR into `model` (same checks), converting to each parameter's dtype/device.
void loadHfWeights(const std::string& dir, LlamaFamilyImpl& model);

struct HfSaveOptions {
    torch::ScalarType dtype = torch::kBFloat16;  // stored dtype (kFloat, kBFloat16 or kHalf)
    int64_t maxShardBytes = 5'000'000'000;       // above this, model-0000i-of-0000n.safetensors + index
    std::string copyTokenizerFrom;               // folder whose tokenizer/generation files are copied ("" = none)
    bool replace = false;                        // replace an existing folder written by saveHfModel
};

// Writes `dir` atomically (a temporary sibling, then rename): config.json (the loaded config.json with
// torch_dtype set, or one written from the config), the weights, and the tokenizer files. Refuses an
// existing non-empty `dir` unless options.replace and it holds a config.json.
void saveHfModel(const std::string& dir, LlamaFamilyImpl& model, const HfSaveOptions& options = {});

}  // namespace gcpo::model::hf
