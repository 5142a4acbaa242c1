// One RL step: sample B prompts x G rollouts, verify, embed, compute advantages, then μ epochs of
// the clipped surrogate. Internal to the core (LibTorch types).
#pragma once

#include <string>

#include "rl/train_context.h"
#include "store/run_store.h"

namespace gcpo::rl {

struct StepResult {
    store::StepRecord record;  // metrics, groups and rollouts (evals are added by the caller)
    bool finite = true;        // false: a non-finite loss or gradient; nothing was applied
    std::string failure;       // which quantity was non-finite
};

// lr: the learning rate for this step (set on the optimizer before the update).
StepResult runRlStep(TrainContext& ctx, int64_t step, double lr);

}  // namespace gcpo::rl
