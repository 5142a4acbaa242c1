// Settings of the supervised warm-up (SFT), read from JSON with errors naming the key path.
// Plain C++ (no LibTorch).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "model/model_config.h"

namespace gcpo::model {

struct SftConfig {
    nlohmann::json tasks;  // TaskSuite config: {"families":[{"name":..,"weight":..}], "format_reward":..}
    ModelConfig model;
    // "train"
    int64_t steps = 1000;
    int64_t batchSize = 32;    // (prompt, target) pairs per step
    double lr = 2e-3;          // peak learning rate
    double minLrRatio = 0.1;   // cosine decays to lr * minLrRatio
    int64_t warmupSteps = 50;  // linear warm-up: step s uses lr * (s + 1) / (warmupSteps + 1)
    double weightDecay = 0.1;  // AdamW, on matrices only (not biases, LayerNorms, embeddings)
    double beta1 = 0.9, beta2 = 0.95;
    double gradClip = 1.0;  // max global L2 norm; 0 = off
    uint64_t seed = 1;
    int64_t logEvery = 10;
    // "eval"
    int64_t evalEvery = 250;       // steps; 0 = only at the end
    int64_t evalPrompts = 128;     // held-out (Split::Test) prompts
    double evalTemperature = 0.0;  // 0 = greedy decoding
    int64_t evalMaxNewTokens = 64;
    uint64_t evalSeed = 12345;
    // "checkpoint"
    int64_t checkpointEvery = 0;  // steps; 0 = only at the end
    // run
    std::string device = "auto";
    int threads = 0;  // 0 = automatic (util/cpu_budget.h)
};

// Keys: "tasks" (required), "model" (see model_config.h), "train" {steps, batch_size, lr, min_lr_ratio,
// warmup_steps, weight_decay, beta1, beta2, grad_clip, seed, log_every}, "eval" {every, prompts,
// temperature, max_new_tokens, seed}, "checkpoint" {every}, "device", "threads". Unknown keys and
// out-of-range values throw std::invalid_argument naming the path (e.g. "train.lr: must be > 0").
// The model's vocab_size is filled from the tokenizer when absent.
SftConfig sftConfigFromJson(const nlohmann::json& j);
nlohmann::json toJson(const SftConfig& c);

// Learning rate at `step` (0-based): the project's one schedule (util/lr_schedule.h) with linear
// warm-up to lr over warmupSteps, then cosine to lr * minLrRatio.
double sftLearningRate(const SftConfig& c, int64_t step);

}  // namespace gcpo::model
