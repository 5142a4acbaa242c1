// The algorithm table and the questions answered from it.
#include "rl/algorithms.h"

#include <algorithm>
#include <stdexcept>

#include "rl/advantage.h"

namespace gcpo::rl {

using nlohmann::json;

namespace {

// Read by a non-GCPO run when gcpo.monitor is on (coverage and credit computed for comparison).
const std::vector<std::string> kMonitorFields = {"gcpo.embedding",    "gcpo.ngram_dim", "gcpo.kernel",  "gcpo.rbf_gamma",
                                                 "gcpo.volume_scale", "gcpo.estimator", "gcpo.samples", "gcpo.game_reward"};
const std::vector<std::string> kMonitor = {"gcpo.monitor"};

std::vector<std::string> plus(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

std::vector<AlgorithmInfo> makeTable() {
    const auto gcpoFields = plus(kMonitorFields, {"gcpo.accuracy_weight"});
    const auto diversityFields = plus(kMonitor, {"algo.diversity_coef", "gcpo.embedding", "gcpo.ngram_dim", "gcpo.kernel",
                                                 "gcpo.rbf_gamma", "gcpo.volume_scale"});
    return {
        {Algorithm::Gcpo, "gcpo", "GCPO (Shapley coverage credit)", "gcpo (Shapley credit of coverage)", json::object(),
         gcpoFields, true, true, &gcpoAdvantage},
        {Algorithm::Grpo, "grpo", "GRPO", "grpo", json::object(), kMonitor, false, false, &grpoAdvantage},
        {Algorithm::DrGrpo,
         "dr_grpo",
         "Dr. GRPO",
         "dr_grpo (no std scaling, token-sum loss)",
         {{"algo", {{"scale_by_std", false}, {"loss_agg", "seq-mean-token-sum-norm"}}}},
         kMonitor,
         false,
         false,
         &grpoAdvantage},
        {Algorithm::Dapo,
         "dapo",
         "DAPO",
         "dapo (clip-higher, token-mean, zero-variance filtering)",
         {{"algo", {{"clip_high", 0.28}, {"loss_agg", "token-mean"}, {"filter_zero_std", true}}}},
         kMonitor,
         false,
         false,
         &grpoAdvantage},
        {Algorithm::GrpoEntropy,
         "grpo_entropy",
         "GRPO + entropy bonus",
         "grpo_entropy (entropy bonus)",
         {{"algo", {{"entropy_coef", 0.01}}}},
         kMonitor,
         false,
         false,
         &grpoAdvantage},
        {Algorithm::GrpoDiversityBonus, "grpo_diversity_bonus", "GRPO + diversity bonus",
         "grpo_diversity_bonus (reward plus leave-one-out log-det diversity)", json::object(), diversityFields, true, false,
         &diversityBonusAdvantage},
    };
}

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

const std::vector<AlgorithmInfo>& algorithms() {
    static const std::vector<AlgorithmInfo> table = makeTable();
    return table;
}

const AlgorithmInfo& algorithmInfo(Algorithm a) {
    for (const auto& info : algorithms())
        if (info.id == a) return info;
    throw std::logic_error("algorithm table: no row for enum value " + std::to_string(static_cast<int>(a)));
}

const AlgorithmInfo* findAlgorithm(const std::string& name) {
    for (const auto& info : algorithms())
        if (name == info.name) return &info;
    return nullptr;
}

std::vector<std::string> algorithmNames() {
    std::vector<std::string> out;
    for (const auto& info : algorithms()) out.emplace_back(info.name);
    return out;
}

Algorithm algorithmFromString(const std::string& name) {
    if (const AlgorithmInfo* info = findAlgorithm(name)) return info->id;
    throw std::invalid_argument("algorithm: unknown name \"" + name + "\"");
}

const char* toString(Algorithm a) { return algorithmInfo(a).name; }

bool algorithmUsesField(Algorithm algorithm, const std::string& path, bool monitor) {
    bool specific = false;  // read by some algorithms only
    for (const auto& info : algorithms()) specific = specific || contains(info.fields, path);
    if (!specific) return true;
    const AlgorithmInfo& info = algorithmInfo(algorithm);
    if (contains(info.fields, path)) return true;
    return monitor && contains(info.fields, "gcpo.monitor") && contains(kMonitorFields, path);
}

json algorithmPreset(Algorithm a) {
    const AlgorithmInfo& info = algorithmInfo(a);
    json preset = info.implied;
    preset["name"] = info.name;
    preset["algorithm"] = info.name;
    return preset;
}

}  // namespace gcpo::rl
