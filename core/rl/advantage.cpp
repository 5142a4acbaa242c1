// Per-group advantages: the shared group statistics, then the algorithm's own advantage function.
#include "rl/advantage.h"

#include <numeric>
#include <stdexcept>

#include "rl/run_config.h"

namespace gcpo::rl {

AdvantageConfig advantageConfig(const RunConfig& c) {
    AdvantageConfig a;
    a.algorithm = c.algorithm;
    a.diversityCoef = c.algo.diversityCoef;
    a.credit = creditConfig(c);
    a.computeCoverage = c.gcpo.monitor;
    a.gameOnCorrectness = c.gcpo.gameReward == GameReward::Correct;
    return a;
}

void grpoAdvantage(const std::vector<double>&, const std::vector<double>&, int, const AdvantageConfig&, GroupAdvantage& out) {
    out.advantage = out.grpoAdvantage;
}

void gcpoAdvantage(const std::vector<double>& rewards, const std::vector<double>&, int, const AdvantageConfig& cfg,
                   GroupAdvantage& out) {
    out.advantage = gcpoAdvantages(out.credit, out.grpoAdvantage, cfg.credit.accuracyWeight, cfg.credit.scaleByStd);
    if (!cfg.gameOnCorrectness) return;
    // The format shaping the game no longer sees, as its share of GRPO's advantage (advantage.h).
    const size_t g = rewards.size();
    if (g < 2) return;
    std::vector<double> shaping(g);
    for (size_t i = 0; i < g; ++i) shaping[i] = rewards[i] - out.gameReward[i];
    const std::vector<double> centred = normalizeGroup(shaping, /*scaleByStd=*/false);  // equal shaping: exactly 0
    const double scale = cfg.credit.scaleByStd ? 1.0 / (out.rewardStd + kStdEpsilon) : 1.0;
    for (size_t i = 0; i < g; ++i) out.advantage[i] += (1.0 - cfg.credit.accuracyWeight) * centred[i] * scale;
}

void diversityBonusAdvantage(const std::vector<double>& rewards, const std::vector<double>& emb, int dim,
                             const AdvantageConfig& cfg, GroupAdvantage& out) {
    const int g = static_cast<int>(rewards.size());
    // Each rollout's leave-one-out log-det diversity of the unweighted kernel.
    const CoverageGame game(std::vector<double>(g, 1.0), kernelMatrix(emb, g, dim, cfg.credit.kernel, cfg.credit.rbfGamma),
                            cfg.credit.volumeScale);
    const std::vector<double> div = leaveOneOut(game);
    for (int i = 0; i < g; ++i) out.shapedReward[i] = rewards[i] + cfg.diversityCoef * div[i];
    out.advantage = normalizeGroup(out.shapedReward, cfg.credit.scaleByStd);
}

GroupAdvantage groupAdvantage(const std::vector<double>& rewards, const std::vector<double>& emb, int dim,
                              const AdvantageConfig& cfg, const std::vector<double>& correct) {
    const AlgorithmInfo& algorithm = algorithmInfo(cfg.algorithm);
    const int g = static_cast<int>(rewards.size());
    GroupAdvantage out;
    out.rewardMean = g ? std::accumulate(rewards.begin(), rewards.end(), 0.0) / g : 0.0;
    out.rewardStd = sampleStd(rewards);
    out.zeroStd = true;
    for (double r : rewards) out.zeroStd = out.zeroStd && r == rewards.front();
    out.grpoAdvantage = grpoAdvantages(rewards, cfg.credit.scaleByStd);
    out.credit.assign(g, 0.0);
    out.shapedReward = rewards;
    out.gameReward = rewards;
    if (cfg.gameOnCorrectness) {
        if (correct.size() != rewards.size())
            throw std::invalid_argument("gcpo.game_reward = correct: expected the correctness of " + std::to_string(g) +
                                        " rollouts, got " + std::to_string(correct.size()));
        for (int i = 0; i < g; ++i)
            if (!(correct[i] >= 0.0 && correct[i] <= 1.0))
                throw std::invalid_argument("correct[" + std::to_string(i) + "] must be in [0, 1]");
        out.gameReward = correct;
    }

    const bool haveEmb = dim > 0 && emb.size() == static_cast<size_t>(g) * dim;
    if (algorithm.needsEmbeddings && !haveEmb)
        throw std::invalid_argument(std::string(algorithm.name) + ": embeddings (G x d) are required");
    if ((algorithm.needsCredit || cfg.computeCoverage) && haveEmb && g > 0) {
        CreditConfig cc = cfg.credit;
        // Monitoring for non-GCPO runs: exact up to the limit, else a cheap permutation estimate.
        if (cc.estimator == CreditEstimator::Exact && g > kMaxExactGroupSize) cc.estimator = CreditEstimator::Permutation;
        const CreditResult res = shapleyCredit(out.gameReward, emb, dim, cc);
        out.credit = res.credit;
        out.teamCoverage = res.teamReward;
    }
    algorithm.advantage(rewards, emb, dim, cfg, out);
    return out;
}

}  // namespace gcpo::rl
