// sum-decomposition: write N as a sum of k distinct numbers from a given set. Several correct
// answers per prompt (3-6 with the defaults); the canonical answer is the sorted multiset "a+b+c".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tasks/task.h"

namespace gcpo::tasks {

struct SumDecompositionOptions {
    int setSize = 8;         // how many distinct numbers are offered (3..12)
    int64_t maxNumber = 12;  // offered numbers are drawn from [1, maxNumber]
    int kMin = 2;            // k is drawn uniformly from [kMin, kMax]
    int kMax = 3;
    int64_t maxTarget = 20;  // N <= maxTarget
    int minSolutions = 3;    // only targets with at least this many decompositions (typically 3-6 result)
};

// All k-subsets of `set` (distinct elements, by position) that sum to target, canonicalised
// ("2+5+7", ascending) and de-duplicated, sorted.
std::vector<std::string> sumDecompositions(const std::vector<int64_t>& set, int k, int64_t target);

class SumDecompositionFamily : public TaskFamily {
public:
    explicit SumDecompositionFamily(const SumDecompositionOptions& options = {});
    static SumDecompositionOptions parseOptions(const nlohmann::json& options);

    std::string name() const override { return "sum-decomposition"; }
    std::string description() const override;
    Task generate(Split split, uint64_t seed, int64_t index) const override;
    Verdict verify(const Task& task, const std::string& completion, const RewardConfig& reward) const override;
    bool enumeratesSolutions() const override { return true; }
    std::string targetCompletion(const Task& task, std::mt19937_64& rng) const override;
    Task fromJson(const nlohmann::json& j) const override;

    static Task makeTask(const std::vector<int64_t>& set, int k, int64_t target);

private:
    SumDecompositionOptions m_options;
};

}  // namespace gcpo::tasks
