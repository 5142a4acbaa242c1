// The learning-rate schedule shared by the RL trainer and the SFT warm-up.
#include "util/lr_schedule.h"

#include <algorithm>
#include <cmath>

namespace gcpo {

double learningRate(const LrSchedule& s, int64_t update) {
    if (update < s.warmupSteps) return s.peak * static_cast<double>(update + 1) / static_cast<double>(s.warmupSteps + 1);
    if (!s.cosine) return s.peak;
    const double span = static_cast<double>(std::max<int64_t>(1, s.totalSteps - s.warmupSteps));
    const double progress = std::min(1.0, static_cast<double>(update - s.warmupSteps) / span);
    const double minLr = s.peak * s.minRatio;
    return minLr + 0.5 * (s.peak - minLr) * (1.0 + std::cos(M_PI * progress));
}

}  // namespace gcpo
