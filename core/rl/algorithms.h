// The one table of RL algorithms: name, enum, implied settings, preset title, the settings each
// uses and its advantage function. Validation, the preset list and the workbench's enabled form
// fields all derive from it. Adding an algorithm = one row here + one advantage function.
// Plain C++ (no LibTorch, no Qt).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gcpo::rl {

enum class Algorithm { Gcpo, Grpo, DrGrpo, Dapo, GrpoEntropy, GrpoDiversityBonus };

struct AdvantageConfig;
struct GroupAdvantage;

// Fills out.advantage (and out.shapedReward where the algorithm shapes the reward) of one group.
// On entry `out` already holds the group's statistics, its GRPO advantage (computed once) and,
// when computed, its credit and team coverage. embeddings: row-major G x dim (may be empty).
using AdvantageFn = void (*)(const std::vector<double>& rewards, const std::vector<double>& embeddings, int dim,
                             const AdvantageConfig& config, GroupAdvantage& out);

struct AlgorithmInfo {
    Algorithm id;
    const char* name;        // the config's "algorithm" value, e.g. "dr_grpo"
    const char* title;       // preset title (English; the workbench translates it)
    const char* help;        // one line for the algorithm field's tooltip
    nlohmann::json implied;  // settings applied between the defaults and the user's config
    // Settings of the "algorithm" form group this algorithm reads beyond the ones every algorithm
    // reads (see algorithmUsesField).
    std::vector<std::string> fields;
    bool needsEmbeddings;  // the loss needs rollout embeddings
    bool needsCredit;      // the loss needs Shapley credit (else credit is only monitored)
    AdvantageFn advantage;
};

// Every algorithm, in display order.
const std::vector<AlgorithmInfo>& algorithms();
const AlgorithmInfo& algorithmInfo(Algorithm a);
const AlgorithmInfo* findAlgorithm(const std::string& name);  // nullptr when unknown
std::vector<std::string> algorithmNames();
Algorithm algorithmFromString(const std::string& name);  // throws std::invalid_argument naming it
const char* toString(Algorithm a);

// Whether a run of `algorithm` reads the setting at `path` (monitor: the value of gcpo.monitor,
// which makes non-GCPO runs compute coverage with the embedding and kernel settings). Settings
// outside the algorithm-specific ones are read by every algorithm.
bool algorithmUsesField(Algorithm algorithm, const std::string& path, bool monitor);

// The preset of an algorithm: {"name", "algorithm"} plus its implied settings.
nlohmann::json algorithmPreset(Algorithm a);

}  // namespace gcpo::rl
