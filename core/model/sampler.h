// Batched, seeded sampling of G completions for each of B prompts, with a KV cache (or full
// recomputation, for the benchmark), temperature, top-k, top-p, max new tokens and per-row EOS stop.
//
// Legend: B = prompts, G = completions per prompt, R = B * G rows (prompt b's group is rows
// b*G .. b*G+G-1), P = longest prompt (prompts are left-padded to it), N = completion slots (the
// longest completion produced, <= maxNewTokens: sampling stops once every row has its EOS), C = d_model.
//
// Reproducibility: the random numbers come from a private CPU torch::Generator seeded with
// SamplingConfig::seed (one uniform per row and step, drawn up front; or one generator per prompt
// seeded with SamplingConfig::promptSeeds), and a token is chosen by inverse
// CDF on the filtered distribution. The global RNG is neither used nor advanced, and the same seed gives
// the same tokens on CPU and CUDA and with or without the KV cache (up to float rounding of the logits).
#pragma once

#include <cstdint>
#include <vector>

#include "model/policy.h"
#include "model/transformer.h"

namespace gcpo::model {

struct SamplingConfig {
    double temperature = 1.0;  // 0 = greedy (argmax)
    int64_t topK = 0;          // keep the k most likely tokens; 0 = off
    double topP = 1.0;         // nucleus: smallest set with probability >= topP; 1 = off
    int64_t maxNewTokens = 128;
    uint64_t seed = 0;
    // One seed per prompt (empty = off): prompt b's G rows then draw from their own generator, so a
    // prompt's rollouts do not depend on which other prompts share the batch (data-parallel ranks).
    std::vector<uint64_t> promptSeeds;
    bool useCache = true;  // false: recompute the whole sequence at every step (benchmark, tests)
};

struct SampleBatch {
    // Completion (after the prompt). A row stops after its EOS; later slots hold PAD and are masked out.
    torch::Tensor tokens;            // (R, N) int64
    torch::Tensor logprobs;          // (R, N) float: log pi(token | prefix) of the policy at temperature 1
                                     //   (no top-k/top-p): what RL ratios and KL need; 0 where mask is 0
    torch::Tensor samplingLogprobs;  // (R, N) float: log-prob under the distribution actually sampled
                                     //   (temperature, top-k, top-p applied); 0 where mask is 0
    torch::Tensor mask;              // (R, N) float: 1 for completion tokens (EOS included), else 0
    torch::Tensor lengths;           // (R) int64: completion tokens per row (EOS included)
    torch::Tensor finished;          // (R) bool: the row ended with EOS (false = cut at maxNewTokens)
    torch::Tensor hidden;            // (R, N, C) float: final hidden state after reading each completion
                                     //   token (mean-pool over mask for GCPO embeddings); 0 where mask is 0
    // The whole sequence, ready for TransformerImpl::forward / scoreTokens in the RL step:
    torch::Tensor sequences;      // (R, P + N) int64: left-padded prompt (BOS first) then completion
    torch::Tensor sequenceValid;  // (R, P + N) bool: real prompt tokens and completion tokens
    int64_t promptWidth = 0;      // P: completion slot n is sequence column P + n
    int64_t groupSize = 1;        // G
};

// prompts: B token sequences (each typically Tokenizer::encode(prompt, /*addBos=*/true)), non-empty.
// A row stops after any of stopIds (empty: every row runs maxNewTokens tokens; used by the benchmark).
// Runs in eval mode and without gradients (restores the module's training flag). Throws
// std::invalid_argument when P + maxNewTokens exceeds the model context or a setting is out of range.
SampleBatch sample(Policy& model, const std::vector<std::vector<int64_t>>& prompts, int64_t groupSize,
                   const SamplingConfig& config, const std::vector<int64_t>& stopIds);
// The built-in transformer with one EOS id (eosId < 0 disables the stop).
SampleBatch sample(Transformer& model, const std::vector<std::vector<int64_t>>& prompts, int64_t groupSize,
                   const SamplingConfig& config, int64_t eosId);

// Mean of hidden over the completion mask: (R, N, C) x (R, N) -> (R, C).
torch::Tensor meanPooledHidden(const SampleBatch& batch);

}  // namespace gcpo::model
