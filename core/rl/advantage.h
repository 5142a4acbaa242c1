// Per-group advantages for every algorithm of the trainer, from rewards and embeddings.
// Plain C++ (no LibTorch): the same code serves the trainer and the workbench's what-if views.
#pragma once

#include <string>
#include <vector>

#include "rl/algorithms.h"
#include "rl/credit.h"

namespace gcpo::rl {

struct RunConfig;

// What the coverage game weighs each rollout by (gcpo.game_reward):
//   shaped:  the reward r_i as scored, format shaping included, so a well-formatted wrong answer
//            adds tasks.format_reward of volume, and in an all-wrong group the tiny credits of the
//            formatted answers are group-normalised into full-size advantages.
//   correct: the verifier's correctness c_i in {0, 1}: only correct rollouts add volume, as the
//            method says. The shaping s_i = r_i - c_i then enters as its own term, with exactly the
//            share it has in GRPO's advantage. GRPO's advantage is linear in the reward,
//            norm(r) = [(c - mean c) + (s - mean s)] / (std r + eps), so GCPO keeps GRPO's
//            shaping part and replaces only the correctness part by the credit:
//              A = (1 - w) [norm(φ) + (s - mean s) / (std r + eps)] + w norm(r)
//            (no division by std r + eps without algo.scale_by_std). The shaping term is 0 when the
//            group's shaping is equal, and φ = 0 in an all-wrong group, so A = 0 there as in GRPO.
struct AdvantageConfig {
    Algorithm algorithm = Algorithm::Gcpo;
    double diversityCoef = 0.0;      // grpo_diversity_bonus
    CreditConfig credit;             // credit settings, and credit.scaleByStd for every algorithm's normalisation
    bool computeCoverage = true;     // team coverage and credit also for non-GCPO algorithms (monitoring)
    bool gameOnCorrectness = false;  // gcpo.game_reward = correct (else shaped)
};

// The advantage settings of a resolved run config.
AdvantageConfig advantageConfig(const RunConfig& config);

struct GroupAdvantage {
    std::vector<double> advantage;             // what the loss uses
    std::vector<double> grpoAdvantage;         // GRPO's, for contrast (computed once per group)
    std::vector<double> credit;                // GCPO Shapley credit (zeros when not computed)
    std::vector<double> shapedReward;          // reward actually normalised (reward + diversity bonus for DQO-style)
    std::vector<double> gameReward;            // the coverage game's weights: the rewards, or the correctness
    double teamCoverage = 0.0;                 // v(all) (0 when not computed)
    double rewardMean = 0.0, rewardStd = 0.0;  // of the raw rewards, std with ddof = 1 (0 when G = 1)
    bool zeroStd = false;                      // all rewards equal
};

// embeddings: row-major G x dim (may be empty with dim 0 when neither the algorithm nor coverage
// needs them). correct: each rollout's correctness (1 or 0) as the verifier judged it, read only
// when config.gameOnCorrectness. Throws std::invalid_argument when the algorithm needs embeddings
// and has none, or when the game needs correctness and `correct` does not hold G values in [0, 1].
GroupAdvantage groupAdvantage(const std::vector<double>& rewards, const std::vector<double>& embeddings, int dim,
                              const AdvantageConfig& config, const std::vector<double>& correct = {});

// The advantage functions of the algorithm table (see AdvantageFn in algorithms.h).
// grpo and its loss variants: the group-normalised reward.
void grpoAdvantage(const std::vector<double>& rewards, const std::vector<double>& embeddings, int dim,
                   const AdvantageConfig& config, GroupAdvantage& out);
// gcpo: (1 - w) norm(credit) + w norm(reward), plus the shaping term when the game is played on
// correctness (see AdvantageConfig).
void gcpoAdvantage(const std::vector<double>& rewards, const std::vector<double>& embeddings, int dim,
                   const AdvantageConfig& config, GroupAdvantage& out);
// grpo_diversity_bonus (DQO-style): norm(reward + coefficient x leave-one-out log-det diversity).
void diversityBonusAdvantage(const std::vector<double>& rewards, const std::vector<double>& embeddings, int dim,
                             const AdvantageConfig& config, GroupAdvantage& out);

}  // namespace gcpo::rl
