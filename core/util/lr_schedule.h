// The one learning-rate schedule of the project (RL trainer and SFT warm-up): linear warm-up, then
// constant or cosine decay to a floor. Plain C++.
#pragma once

#include <cstdint>

namespace gcpo {

struct LrSchedule {
    double peak = 1e-3;       // learning rate after warm-up
    int64_t warmupSteps = 0;  // update u (0-based) < warmupSteps uses peak * (u + 1) / (warmupSteps + 1)
    int64_t totalSteps = 1;   // updates in the whole run
    bool cosine = false;      // false: constant after warm-up
    double minRatio = 0.1;    // cosine decays from peak to peak * minRatio at the last update
};

// Learning rate of update `update` (0-based: the first update of a run is 0).
double learningRate(const LrSchedule& s, int64_t update);

}  // namespace gcpo
