// Supervised warm-up of the policy on (prompt, target completion) pairs drawn from a task suite:
// loss on completion tokens only, AdamW with warm-up + cosine LR, global-norm clipping, and
// evaluation on held-out prompts with the real verifier. The torch-free entry point is sft_runner.h.
//
// Legend: B = pairs per batch, T = longest BOS + prompt + completion + EOS in the batch, V = vocabulary.
#pragma once

#include <torch/torch.h>

#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "model/sft_config.h"
#include "model/tokenizer.h"
#include "model/transformer.h"
#include "tasks/task_suite.h"

namespace gcpo::model {

// Right-padded training batch: BOS + prompt + completion + EOS per row.
struct SftBatch {
    torch::Tensor tokens;    // (B, T) int64
    torch::Tensor valid;     // (B, T) bool: real tokens
    torch::Tensor lossMask;  // (B, T) float: 1 where the token is a completion token or the EOS (the targets)
    int64_t realTokens = 0;  // sum of valid (host count, for throughput)
};
// Throws std::invalid_argument when a pair does not fit `context` or contains a character outside the vocabulary.
SftBatch makeSftBatch(const std::vector<std::pair<std::string, std::string>>& pairs, const Tokenizer& tokenizer, int64_t context,
                      const torch::Device& device);

// Mean cross-entropy (nats) over the loss-mask tokens; a 0-dim tensor with gradients.
torch::Tensor sftLoss(Transformer& model, const SftBatch& batch);

struct SftEvalResult {
    int64_t prompts = 0;
    double accuracy = 0.0, formatRate = 0.0, reward = 0.0, meanLength = 0.0;
    std::string sampleCompletion;  // the first prompt's completion
};

class SftTrainer {
public:
    SftTrainer(const SftConfig& config, const torch::Device& device);

    // One optimizer step on the next batch. loss and gradNorm stay on the device (no host sync).
    struct StepStats {
        torch::Tensor loss;      // 0-dim
        torch::Tensor gradNorm;  // 0-dim, before clipping
        double lr = 0.0;
        int64_t tokens = 0;  // real tokens in the batch
    };
    StepStats step();
    // Greedy (or eval.temperature) decoding of eval.prompts held-out (Split::Test) prompts, verified.
    SftEvalResult evaluate();

    void save(const std::string& dir, const nlohmann::json& extra);
    // Restores model, optimizer, step, data RNG and torch RNG; refuses a mismatched model config.
    void resume(const std::string& dir);

    Transformer& model() { return m_model; }
    const Tokenizer& tokenizer() const { return m_tokenizer; }
    const tasks::TaskSuite& suite() const { return *m_suite; }
    int64_t stepsDone() const { return m_step; }
    const SftConfig& config() const { return m_config; }

private:
    std::vector<std::pair<std::string, std::string>> nextPairs();

    SftConfig m_config;
    torch::Device m_device;
    Tokenizer m_tokenizer;
    std::unique_ptr<tasks::TaskSuite> m_suite;
    Transformer m_model{nullptr};
    std::unique_ptr<torch::optim::AdamW> m_optimizer;
    std::mt19937_64 m_dataRng;  // draws each target from its solution set
    int64_t m_step = 0;         // batch `step` uses training tasks step * batchSize .. + batchSize - 1
};

}  // namespace gcpo::model
