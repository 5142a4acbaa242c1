// Per-group advantages for every algorithm of the trainer, from rewards and embeddings.
// Plain C++ (no LibTorch): the same code serves the trainer and the workbench's what-if views.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rl/credit.h"

namespace gcpo::rl {

enum class Algorithm { Gcpo, Grpo, DrGrpo, Dapo, GrpoEntropy, GrpoDiversityBonus };
Algorithm algorithmFromString(const std::string& name);  // throws std::invalid_argument naming it
const char* toString(Algorithm a);

struct AdvantageConfig {
    Algorithm algorithm = Algorithm::Gcpo;
    bool scaleByStd = true;
    double diversityCoef = 0.0;  // grpo_diversity_bonus
    CreditConfig credit;         // gcpo (and the coverage shown for every algorithm)
    bool computeCoverage = true;  // team coverage and credit also for non-GCPO algorithms (monitoring)
};

// Reads algorithm, algo.scale_by_std, algo.diversity_coef and the gcpo.* credit keys of a resolved
// run config (see train_config.h).
AdvantageConfig advantageConfigFromRun(const nlohmann::json& resolvedConfig);

struct GroupAdvantage {
    std::vector<double> advantage;      // what the loss uses
    std::vector<double> grpoAdvantage;  // GRPO's, for contrast
    std::vector<double> credit;         // GCPO Shapley credit (zeros when not computed)
    std::vector<double> shapedReward;   // reward actually normalised (reward + diversity bonus for DQO-style)
    double teamCoverage = 0.0;          // v(all) (0 when not computed)
    double rewardMean = 0.0, rewardStd = 0.0;  // of the raw rewards, std with ddof = 1 (0 when G = 1)
    bool zeroStd = false;               // all rewards equal
};

// embeddings: row-major G x dim (may be empty with dim 0 when neither GCPO nor coverage needs them).
GroupAdvantage groupAdvantage(const std::vector<double>& rewards, const std::vector<double>& embeddings, int dim,
                              const AdvantageConfig& config);

}  // namespace gcpo::rl
