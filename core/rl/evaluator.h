// Evaluation on held-out prompts: pass@k, distinct correct answers, solution-space coverage,
// diversity of correct samples, entropy and length. Internal to the core (LibTorch types).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "rl/train_context.h"
#include "store/run_store.h"

namespace gcpo::rl {

// The evaluation prompt set is fixed (Split::Test, a constant seed) and its sampling seed depends
// only on the step, so runs evaluated at the same step see the same prompts and random numbers.
constexpr uint64_t kEvalSeed = 0x6576616c;  // "eval"

struct EvalResult {
    std::vector<store::EvalValue> values;    // metric names without prefix: "pass@1", "distinct_correct", ...
    std::vector<store::EvalSample> samples;  // every sample, for side-by-side comparison
};

EvalResult evaluate(TrainContext& ctx, int64_t step);

}  // namespace gcpo::rl
