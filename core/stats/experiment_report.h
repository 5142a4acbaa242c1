// The statistics of an experiment, as `gcpo-train report` prints them and the compare view shows
// them: per arm and metric the mean, std and t-based 95 % CI over seeds of each run's evaluation;
// per pair of arms the paired deltas by seed (same seed: same prompts and random numbers) with a
// paired bootstrap CI and a sign-flip permutation p-value; per eval prompt the pass@k of each arm
// (mean over the paired seeds) and their difference, from the stored eval samples.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stats/descriptive.h"
#include "stats/resampling.h"
#include "store/experiment_store.h"
#include "store/run_store.h"

namespace gcpo::stats {

struct ReportOptions {
    std::vector<std::string> metrics;  // empty: every eval metric found (pass@k first, in k order)
    int64_t evalStep = -1;             // -1: each run's last evaluation; else that step exactly
    PairedOptions paired;              // confidence (also used for the arms' t CI), resamples, seed
    bool perPrompt = true;             // per-prompt pass@k deltas (reads every run's eval samples)
    bool perFamily = false;            // also "<family>/pass@k" and "<family>/distinct_correct" (familyEvalMetrics)
};

struct ArmReport {
    std::string name;
    std::vector<int64_t> seeds;                         // seeds with a finished, evaluated run, ascending
    std::vector<int64_t> runIds;                        // aligned with seeds
    std::vector<int64_t> evalSteps;                     // the evaluation step used per run
    std::map<std::string, std::vector<double>> values;  // metric -> value per seed (NaN if missing)
    std::map<std::string, Summary> summary;             // metric -> over seeds (missing values left out)
    std::vector<double> passAtKCurve;                   // k = 1..n: mean over seeds of the mean over prompts; empty if no samples
};

struct PromptDelta {
    int32_t promptIndex = 0;
    std::string taskId;
    std::string prompt;
    std::vector<double> meanA, meanB, delta;  // per k of PairReport::ks: mean over the paired seeds
};

struct PairReport {
    std::string armA, armB;      // delta = B - A
    std::vector<int64_t> seeds;  // seeds both arms have
    std::map<std::string, PairedComparison> byMetric;
    std::vector<int> ks;                   // per-prompt pass@k at these k
    std::vector<PromptDelta> prompts;      // by prompt index
    std::vector<int> better, worse, same;  // per k: prompts where B > A, B < A, equal (|delta| < 1e-12)
};

struct ExperimentReport {
    int64_t experimentId = 0;  // 0: finished runs grouped by algorithm (no experiment)
    std::string name;
    std::string grouping;   // "experiment" or "algorithm"
    int64_t evalStep = -1;  // as requested (-1: final)
    double confidence = 0.95;
    std::vector<std::string> metrics;
    std::vector<ArmReport> arms;     // in the experiment's arm order
    std::vector<PairReport> pairs;   // every i < j: arms[j] - arms[i]
    std::vector<std::string> notes;  // what was left out and why, mixed evaluation steps, ...
};

// Finished runs of experiment `experimentId` (std::invalid_argument if unknown).
ExperimentReport buildExperimentReport(const store::RunStore& store, int64_t experimentId, const ReportOptions& options = {});
// Finished runs grouped by algorithm (in order of each algorithm's first run) and paired by seed:
// for databases without experiments (schema 1, or runs made by `gcpo-train demo`). Where one
// algorithm has several finished runs with one seed, the latest is used and a note says so.
ExperimentReport buildAlgorithmReport(const store::RunStore& store, const ReportOptions& options = {});

// Mean over prompts of the unbiased pass@k, for k = 1..min n (empty when there are no prompts).
std::vector<double> passAtKCurve(const std::vector<store::PromptTally>& tallies);
// Per task family (the task id up to its first '/'), from one evaluation's stored samples:
// "<family>/pass@k" (mean over the family's prompts of the unbiased pass@k) for each k of `ks` no
// larger than every one of its prompts' sample counts, and "<family>/distinct_correct" (mean over its
// prompts of the distinct canonical correct answers).
std::map<std::string, double> familyEvalMetrics(const std::vector<store::PromptTally>& tallies, const std::vector<int>& ks);
// Per prompt pass@k (std::invalid_argument when k exceeds a prompt's sample count).
std::vector<double> promptPassAtK(const std::vector<store::PromptTally>& tallies, int k);

// The JSON form: {"experiment": {...}, "metrics": [...], "arms": {arm: {metric: {n, mean, std,
// ci_low, ci_high, values}}}, "arm_runs": {arm: {seeds, run_ids, eval_steps, pass_at_k_curve}},
// "pairs": [{"a", "b", "metrics": {metric: {n, delta_mean, ci_low, ci_high,
// p_value, ...}}, "per_prompt": {...}}], "method": {...}, "notes": [...]}; undefined numbers are null.
nlohmann::json toJson(const ExperimentReport& report);

}  // namespace gcpo::stats
