// Per-group advantages for every algorithm of the trainer, from rewards and embeddings.
// Plain C++ (no LibTorch): the same code serves the trainer and the workbench's what-if views.
#pragma once

#include <string>
#include <vector>

#include "rl/algorithms.h"
#include "rl/credit.h"

namespace gcpo::rl {

struct RunConfig;

struct AdvantageConfig {
    Algorithm algorithm = Algorithm::Gcpo;
    double diversityCoef = 0.0;   // grpo_diversity_bonus
    CreditConfig credit;          // credit settings, and credit.scaleByStd for every algorithm's normalisation
    bool computeCoverage = true;  // team coverage and credit also for non-GCPO algorithms (monitoring)
};

// The advantage settings of a resolved run config.
AdvantageConfig advantageConfig(const RunConfig& config);

struct GroupAdvantage {
    std::vector<double> advantage;             // what the loss uses
    std::vector<double> grpoAdvantage;         // GRPO's, for contrast (computed once per group)
    std::vector<double> credit;                // GCPO Shapley credit (zeros when not computed)
    std::vector<double> shapedReward;          // reward actually normalised (reward + diversity bonus for DQO-style)
    double teamCoverage = 0.0;                 // v(all) (0 when not computed)
    double rewardMean = 0.0, rewardStd = 0.0;  // of the raw rewards, std with ddof = 1 (0 when G = 1)
    bool zeroStd = false;                      // all rewards equal
};

// embeddings: row-major G x dim (may be empty with dim 0 when neither the algorithm nor coverage
// needs them). Throws std::invalid_argument when the algorithm needs embeddings and has none.
GroupAdvantage groupAdvantage(const std::vector<double>& rewards, const std::vector<double>& embeddings, int dim,
                              const AdvantageConfig& config);

// The advantage functions of the algorithm table (see AdvantageFn in algorithms.h).
// grpo and its loss variants: the group-normalised reward.
void grpoAdvantage(const std::vector<double>& rewards, const std::vector<double>& embeddings, int dim,
                   const AdvantageConfig& config, GroupAdvantage& out);
// gcpo: (1 - w) norm(credit) + w norm(reward).
void gcpoAdvantage(const std::vector<double>& rewards, const std::vector<double>& embeddings, int dim,
                   const AdvantageConfig& config, GroupAdvantage& out);
// grpo_diversity_bonus (DQO-style): norm(reward + coefficient x leave-one-out log-det diversity).
void diversityBonusAdvantage(const std::vector<double>& rewards, const std::vector<double>& embeddings, int dim,
                             const AdvantageConfig& config, GroupAdvantage& out);

}  // namespace gcpo::rl
