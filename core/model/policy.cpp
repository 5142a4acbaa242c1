// Scoring of given sequences under any Policy (log-probs, entropy, hidden states).
//
// Legend: B = batch, T = tokens, V = vocabulary, C = hidden size.
#include "model/policy.h"

#include <stdexcept>

namespace gcpo::model {

TokenScores scoreTokens(Policy& policy, const torch::Tensor& tokens, const torch::Tensor& valid, bool withEntropy,
                        double temperature) {
    if (!(temperature > 0.0)) throw std::invalid_argument("scoreTokens: temperature must be > 0");
    if (tokens.dim() != 2 || tokens.size(1) < 1) throw std::invalid_argument("scoreTokens: tokens must be (B, T) with T >= 1");
    return scoresFromForward(policy.forward(tokens, valid), tokens, valid, withEntropy, temperature);
}

}  // namespace gcpo::model
