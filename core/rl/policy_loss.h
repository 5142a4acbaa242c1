// The clipped policy-gradient surrogate with DAPO clip-higher, three loss aggregations, KL to a
// reference (k1/k2/k3) and an entropy bonus. Internal to the core (LibTorch types).
//
// Legend: R = rollouts (rows), N = completion slots.
#pragma once

#include <torch/torch.h>

#include "rl/run_config.h"  // LossAggregation, KlEstimator

namespace gcpo::rl {

struct LossSettings {
    double clipLow = 0.2, clipHigh = 0.2;
    LossAggregation aggregation = LossAggregation::SeqMeanTokenMean;
    double klCoef = 0.0;
    KlEstimator klEstimator = KlEstimator::K3;
    double entropyCoef = 0.0;
    int64_t maxNewTokens = 1;  // Dr. GRPO's constant normaliser
};

// Normalisers of the whole step (over all micro-batches), so micro-batching changes nothing.
struct LossNorm {
    double tokens = 1.0;  // completion tokens of kept rows
    double rows = 1.0;    // kept rows
};

struct LossTerms {
    torch::Tensor loss;  // () scalar to backpropagate (this micro-batch's share)
    // Sums over this micro-batch's masked tokens (0-dim tensors; divide by LossNorm::tokens):
    torch::Tensor klSum;        // () Σ KL estimate
    torch::Tensor entropySum;   // () Σ token entropy (0 when not computed)
    torch::Tensor clipLowSum;   // () Σ tokens clipped at the low side with A < 0
    torch::Tensor clipHighSum;  // () Σ tokens clipped at the high side with A > 0
};

// logprobs, oldLogprobs, refLogprobs (undefined when klCoef = 0), entropy (undefined when not
// needed), mask: (R, N); advantages: (R). Rows with mask all 0 contribute nothing.
LossTerms policyLoss(const torch::Tensor& logprobs, const torch::Tensor& oldLogprobs, const torch::Tensor& refLogprobs,
                     const torch::Tensor& entropy, const torch::Tensor& advantages, const torch::Tensor& mask,
                     const LossSettings& s, const LossNorm& norm);

}  // namespace gcpo::rl
