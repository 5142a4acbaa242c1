// Clipped surrogate loss, aggregation, KL estimators and entropy bonus.
#include "rl/policy_loss.h"

namespace gcpo::rl {

LossTerms policyLoss(const torch::Tensor& logp, const torch::Tensor& oldLogp, const torch::Tensor& refLogp,
                     const torch::Tensor& entropy, const torch::Tensor& adv, const torch::Tensor& mask, const LossSettings& s,
                     const LossNorm& norm) {
    const torch::Tensor a = adv.unsqueeze(1);                                              // (R, 1)
    const torch::Tensor ratio = torch::exp(logp - oldLogp);                                // (R, N)
    const torch::Tensor clipped = torch::clamp(ratio, 1.0 - s.clipLow, 1.0 + s.clipHigh);  // (R, N)
    torch::Tensor perToken = -torch::min(ratio * a, clipped * a);                          // (R, N)

    LossTerms t;
    const auto opts = logp.options();
    t.klSum = torch::zeros({}, opts);
    if (s.klCoef > 0.0 && refLogp.defined()) {
        const torch::Tensor d = refLogp - logp;  // (R, N) log(π_ref / π)
        torch::Tensor kl;                        // (R, N)
        switch (s.klEstimator) {
        case KlEstimator::K1: kl = -d; break;
        case KlEstimator::K2: kl = 0.5 * d * d; break;
        case KlEstimator::K3: kl = torch::exp(d) - d - 1.0; break;
        }
        perToken = perToken + s.klCoef * kl;
        t.klSum = (kl * mask).sum().detach();
    }
    t.entropySum = torch::zeros({}, opts);
    if (entropy.defined()) {
        if (s.entropyCoef > 0.0) perToken = perToken - s.entropyCoef * entropy;
        t.entropySum = (entropy * mask).sum().detach();
    }
    {
        torch::NoGradGuard ng;
        t.clipLowSum = ((ratio < 1.0 - s.clipLow) & (a < 0)).to(mask.dtype()).mul(mask).sum();
        t.clipHighSum = ((ratio > 1.0 + s.clipHigh) & (a > 0)).to(mask.dtype()).mul(mask).sum();
    }
    const torch::Tensor masked = perToken * mask;  // (R, N)
    switch (s.aggregation) {
    case LossAggregation::TokenMean: t.loss = masked.sum() / norm.tokens; break;
    case LossAggregation::SeqMeanTokenMean: t.loss = (masked.sum(1) / mask.sum(1).clamp_min(1.0)).sum() / norm.rows; break;
    case LossAggregation::SeqMeanTokenSumNorm: t.loss = masked.sum() / (norm.rows * static_cast<double>(s.maxNewTokens)); break;
    }
    return t;
}

}  // namespace gcpo::rl
