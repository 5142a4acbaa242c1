// What one RL run holds while it trains: policy, frozen reference, tokenizer, tasks, optimizer and
// the typed run config. Internal to the core (LibTorch types).
#pragma once

#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dist/communicator.h"
#include "model/policy.h"
#include "model/prompt_codec.h"
#include "model/sampler.h"
#include "model/tokenizer.h"
#include "model/transformer.h"
#include "rl/advantage.h"
#include "rl/policy_loss.h"
#include "rl/run_config.h"
#include "tasks/task.h"
#include "tasks/task_suite.h"

namespace gcpo::rl {

struct TrainContext {
    RunConfig cfg;  // resolved (every value used)
    torch::Device device{torch::kCPU};
    // The trained policy and its frozen reference: the built-in transformer (model::TransformerPolicy)
    // or a Hugging Face decoder (model::hf::LlamaFamilyImpl), used through the same interface.
    std::shared_ptr<model::Policy> policy;
    std::shared_ptr<model::Policy> reference;   // frozen; null when the loss has no KL term
    std::shared_ptr<model::PromptCodec> codec;  // task prompt -> ids, ids -> completion text, stop ids
    model::Tokenizer tokenizer;                 // the built-in model's vocabulary (its checkpoints)
    bool hf = false;                            // a Hugging Face policy (cfg.model.path)
    std::unique_ptr<tasks::TaskSuite> suite;
    std::unique_ptr<torch::optim::AdamW> optimizer;
    // Derived once from cfg by the trainer's set-up:
    AdvantageConfig advantage;
    LossSettings loss;
    EmbeddingBackend embedding = EmbeddingBackend::PolicyHidden;  // cfg.gcpo.embedding
    int ngramDim = 512;                                           // cfg.gcpo.ngramDim
    bool needEmbeddings = true;
    model::SamplingConfig sampling;
    // The ranks of a data-parallel run (the local one-rank communicator otherwise): each rank
    // trains its share of the step's prompts; gradients and statistics are summed over the ranks.
    std::unique_ptr<dist::Communicator> comm = dist::makeLocalCommunicator();
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
    torch::Tensor refLogprobs;  // (R, N) reference log-probs of the completion (undefined if not computed)
    double secondsSampling = 0, secondsReward = 0, secondsEmbedding = 0;
};

// needRefLogprobs: also score the completions under the reference (for the KL term).
Rollouts generateRollouts(TrainContext& ctx, std::vector<tasks::Task> tasks, int64_t groupSize,
                          const model::SamplingConfig& sampling, bool needRefLogprobs, bool needEmbeddings);

}  // namespace gcpo::rl
