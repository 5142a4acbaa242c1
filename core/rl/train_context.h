// What one RL run holds while it trains: policy, frozen reference, tokenizer, tasks, optimizer and
// the settings read from the resolved config. Internal to the core (LibTorch types).
#pragma once

#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/policy.h"
#include "model/prompt_codec.h"
#include "model/sampler.h"
#include "model/tokenizer.h"
#include "model/transformer.h"
#include "rl/advantage.h"
#include "rl/policy_loss.h"
#include "tasks/task.h"
#include "tasks/task_suite.h"

namespace gcpo::rl {

struct TrainContext {
    nlohmann::json config;  // resolved (every value used)
    torch::Device device{torch::kCPU};
    // The trained policy and its frozen reference: the built-in transformer (model::TransformerPolicy)
    // or a Hugging Face decoder (model::hf::LlamaFamilyImpl), used through the same interface.
    std::shared_ptr<model::Policy> policy;
    std::shared_ptr<model::Policy> reference;  // frozen; null when the loss has no KL term
    std::shared_ptr<model::PromptCodec> codec; // task prompt -> ids, ids -> completion text, stop ids
    model::Tokenizer tokenizer;                // the built-in model's vocabulary (its checkpoints)
    std::string hfDir;                         // model.path of a Hugging Face policy ("" = built-in)
    std::unique_ptr<tasks::TaskSuite> suite;
    std::unique_ptr<torch::optim::AdamW> optimizer;
    AdvantageConfig advantage;
    LossSettings loss;
    std::string embedding;  // "policy-hidden" | "ngram-hash"
    int ngramDim = 512;
    bool needEmbeddings = true;
    uint64_t seed = 0;
    int64_t prompts = 8, groupSize = 8, epochs = 1, microBatch = 0;
    bool filterZeroStd = false;
    model::SamplingConfig sampling;
};

// SplitMix64: derives independent, reproducible seeds per (run seed, step, purpose).
uint64_t mixSeed(uint64_t seed, uint64_t a, uint64_t b = 0);

// One step's (or one evaluation's) rollouts: sampled, decoded, verified and embedded.
// Legend: B = prompts, G = group size, R = B * G rows, N = completion slots, C = d_model.
struct Rollouts {
    std::vector<tasks::Task> tasks;        // B
    model::SampleBatch batch;              // tensors (R, ...)
    std::vector<std::string> texts;        // R decoded completions
    std::vector<tasks::Verdict> verdicts;  // R
    std::vector<double> rewards;           // R
    std::vector<double> embeddings;        // R x dim, row-major (empty when not needed)
    int dim = 0;
    torch::Tensor refLogprobs;             // (R, N) reference log-probs of the completion (undefined if not computed)
    double secondsSampling = 0, secondsReward = 0, secondsEmbedding = 0;
};

// needRefLogprobs: also score the completions under the reference (for the KL term).
Rollouts generateRollouts(TrainContext& ctx, std::vector<tasks::Task> tasks, int64_t groupSize,
                          const model::SamplingConfig& sampling, bool needRefLogprobs, bool needEmbeddings);

}  // namespace gcpo::rl
