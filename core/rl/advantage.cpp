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
    return a;
}

void grpoAdvantage(const std::vector<double>&, const std::vector<double>&, int, const AdvantageConfig&, GroupAdvantage& out) {
    out.advantage = out.grpoAdvantage;
}

void gcpoAdvantage(const std::vector<double>&, const std::vector<double>&, int, const AdvantageConfig& cfg, GroupAdvantage& out) {
    out.advantage = gcpoAdvantages(out.credit, out.grpoAdvantage, cfg.credit.accuracyWeight, cfg.credit.scaleByStd);
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
                              const AdvantageConfig& cfg) {
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

    const bool haveEmb = dim > 0 && emb.size() == static_cast<size_t>(g) * dim;
    if (algorithm.needsEmbeddings && !haveEmb)
        throw std::invalid_argument(std::string(algorithm.name) + ": embeddings (G x d) are required");
    if ((algorithm.needsCredit || cfg.computeCoverage) && haveEmb && g > 0) {
        CreditConfig cc = cfg.credit;
        // Monitoring for non-GCPO runs: exact up to the limit, else a cheap permutation estimate.
        if (cc.estimator == CreditEstimator::Exact && g > kMaxExactGroupSize) cc.estimator = CreditEstimator::Permutation;
        const CreditResult res = shapleyCredit(rewards, emb, dim, cc);
        out.credit = res.credit;
        out.teamCoverage = res.teamReward;
    }
    algorithm.advantage(rewards, emb, dim, cfg, out);
    return out;
}

}  // namespace gcpo::rl
