// Per-group advantages: GRPO and its variants, the DQO-style diversity bonus, and GCPO credit.
#include "rl/advantage.h"

#include <cmath>
#include <numeric>
#include <stdexcept>

namespace gcpo::rl {

Algorithm algorithmFromString(const std::string& n) {
    if (n == "gcpo") return Algorithm::Gcpo;
    if (n == "grpo") return Algorithm::Grpo;
    if (n == "dr_grpo") return Algorithm::DrGrpo;
    if (n == "dapo") return Algorithm::Dapo;
    if (n == "grpo_entropy") return Algorithm::GrpoEntropy;
    if (n == "grpo_diversity_bonus") return Algorithm::GrpoDiversityBonus;
    throw std::invalid_argument("algorithm: unknown name \"" + n + "\"");
}

const char* toString(Algorithm a) {
    switch (a) {
    case Algorithm::Gcpo: return "gcpo";
    case Algorithm::Grpo: return "grpo";
    case Algorithm::DrGrpo: return "dr_grpo";
    case Algorithm::Dapo: return "dapo";
    case Algorithm::GrpoEntropy: return "grpo_entropy";
    case Algorithm::GrpoDiversityBonus: return "grpo_diversity_bonus";
    }
    return "gcpo";
}

AdvantageConfig advantageConfigFromRun(const nlohmann::json& c) {
    AdvantageConfig a;
    a.algorithm = algorithmFromString(c.at("algorithm").get<std::string>());
    a.scaleByStd = c.at("algo").at("scale_by_std").get<bool>();
    a.diversityCoef = c.at("algo").at("diversity_coef").get<double>();
    const auto& g = c.at("gcpo");
    parseKernel(g.at("kernel").get<std::string>(), &a.credit.kernel);
    parseEstimator(g.at("estimator").get<std::string>(), &a.credit.estimator);
    a.credit.rbfGamma = g.at("rbf_gamma").get<double>();
    a.credit.volumeScale = g.at("volume_scale").get<double>();
    a.credit.samples = g.at("samples").get<int>();
    a.credit.seed = c.at("seed").get<uint64_t>();
    a.credit.accuracyWeight = g.at("accuracy_weight").get<double>();
    a.credit.scaleByStd = a.scaleByStd;
    a.computeCoverage = g.at("monitor").get<bool>();
    return a;
}

GroupAdvantage groupAdvantage(const std::vector<double>& rewards, const std::vector<double>& emb, int dim,
                              const AdvantageConfig& cfg) {
    const int g = static_cast<int>(rewards.size());
    GroupAdvantage out;
    out.rewardMean = g ? std::accumulate(rewards.begin(), rewards.end(), 0.0) / g : 0.0;
    out.rewardStd = sampleStd(rewards);
    out.zeroStd = true;
    for (double r : rewards) out.zeroStd = out.zeroStd && r == rewards.front();
    out.grpoAdvantage = grpoAdvantages(rewards, cfg.scaleByStd);
    out.credit.assign(g, 0.0);
    out.shapedReward = rewards;

    const bool haveEmb = dim > 0 && emb.size() == static_cast<size_t>(g) * dim;
    const bool gcpo = cfg.algorithm == Algorithm::Gcpo;
    if ((gcpo || cfg.computeCoverage) && haveEmb && g > 0) {
        CreditConfig cc = cfg.credit;
        // Monitoring for non-GCPO runs: exact up to the limit, else a cheap permutation estimate.
        if (cc.estimator == CreditEstimator::Exact && g > kMaxExactGroupSize) cc.estimator = CreditEstimator::Permutation;
        const CreditResult res = computeCredit(rewards, emb, dim, cc);
        out.credit = res.credit;
        out.teamCoverage = res.teamReward;
        if (gcpo) out.advantage = res.advantage;
    } else if (gcpo) {
        throw std::invalid_argument("gcpo: embeddings (G x d) are required for credit assignment");
    }

    if (cfg.algorithm == Algorithm::GrpoDiversityBonus) {
        if (!haveEmb) throw std::invalid_argument("grpo_diversity_bonus: embeddings are required");
        // DQO-style: each rollout's leave-one-out log-det diversity of the unweighted kernel.
        const CoverageGame game(std::vector<double>(g, 1.0), kernelMatrix(emb, g, dim, cfg.credit.kernel, cfg.credit.rbfGamma),
                                cfg.credit.volumeScale);
        const std::vector<double> div = leaveOneOut(game);
        for (int i = 0; i < g; ++i) out.shapedReward[i] = rewards[i] + cfg.diversityCoef * div[i];
        out.advantage = normalizeGroup(out.shapedReward, cfg.scaleByStd);
    } else if (!gcpo) {
        out.advantage = out.grpoAdvantage;
    }
    return out;
}

}  // namespace gcpo::rl
