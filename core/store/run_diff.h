// Compares two stored runs quantity by quantity (metrics, groups, rollouts, evaluations), e.g. a
// data-parallel run against one process on the same global batch, or a rerun against the original.
// Plain C++ (no LibTorch): the final parameters are compared by model/parameter_diff.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/run_store.h"

namespace gcpo::store {

// The largest absolute difference of one kind of stored number, and where it was.
struct DiffMax {
    double value = 0.0;
    std::string where;  // e.g. "step 3 metric kl", "step 2 rollout 1.4 advantage_used"; "" when all equal
    int64_t compared = 0;
    void note(double a, double b, const std::string& at);
};

struct RunDiff {
    // Timings (step_time, time/*) differ between any two runs and are not compared.
    DiffMax metrics, groups, rollouts, embeddings, evals;
    int64_t textsCompared = 0;  // completions, answers, prompts and task ids (compared exactly)
    // Differences that are not a matter of precision: steps, keys, counts or texts that differ.
    // At most kMaxMismatches are listed; mismatchCount counts all of them.
    std::vector<std::string> mismatches;
    int64_t mismatchCount = 0;
    static constexpr size_t kMaxMismatches = 20;

    void mismatch(const std::string& what);
    double maxAbs() const;  // over every kind above
    nlohmann::json toJson() const;
};

// Run runA of a against run runB of b (the two may be one store). Throws std::invalid_argument for
// an unknown run id.
RunDiff diffRuns(const RunStore& a, int64_t runA, const RunStore& b, int64_t runB);

}  // namespace gcpo::store
