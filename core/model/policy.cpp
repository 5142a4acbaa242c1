// Scoring of given sequences under any Policy (log-probs, entropy, hidden states).
//
// Legend: B = batch, T = tokens, V = vocabulary, C = hidden size.
#include "model/policy.h"

#include <stdexcept>

namespace gcpo::model {

TokenScores scoreTokens(Policy& policy, const torch::Tensor& tokens, const torch::Tensor& validIn, bool withEntropy,
                        double temperature) {
    if (!(temperature > 0.0)) throw std::invalid_argument("scoreTokens: temperature must be > 0");
    if (tokens.dim() != 2 || tokens.size(1) < 1) throw std::invalid_argument("scoreTokens: tokens must be (B, T) with T >= 1");
    const auto out = policy.forward(tokens, validIn);
    const auto valid = validIn.defined() ? validIn.to(tokens.device(), torch::kBool)  // (B, T)
                                         : torch::ones(tokens.sizes(), tokens.options().dtype(torch::kBool));
    const int64_t B = tokens.size(0), T = tokens.size(1);
    auto logits = out.logits.narrow(1, 0, T - 1).to(torch::kFloat);  // (B, T-1, V) position t-1 predicts token t
    if (temperature != 1.0) logits = logits / temperature;
    const auto logp = torch::log_softmax(logits, -1);  // (B, T-1, V)
    const auto target = tokens.narrow(1, 1, T - 1);    // (B, T-1)
    // A token is scored when it and its predecessor are real (the first real token of a row is not).
    const auto scored = (valid.narrow(1, 1, T - 1) & valid.narrow(1, 0, T - 1)).to(logp.scalar_type());  // (B, T-1)
    const auto zero = torch::zeros({B, 1}, logp.options());                                              // (B, 1)
    TokenScores s;
    s.logprobs = torch::cat({zero, logp.gather(2, target.unsqueeze(2)).squeeze(2) * scored}, 1);  // (B, T)
    if (withEntropy) s.entropy = torch::cat({zero, -(logp.exp() * logp).sum(-1) * scored}, 1);    // (B, T)
    s.hidden = out.hidden;                                                                        // (B, T, C)
    return s;
}

}  // namespace gcpo::model
