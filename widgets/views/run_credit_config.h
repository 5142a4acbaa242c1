// The credit settings a run trained with, read from its stored config JSON by the core's typed
// reader (gcpo::rl::creditConfigFromRunJson: gcpo.kernel, gcpo.rbf_gamma, gcpo.volume_scale,
// gcpo.estimator, gcpo.samples, gcpo.accuracy_weight, algo.scale_by_std, seed), the very settings
// the trainer used. Missing keys take the defaults; an invalid value throws std::invalid_argument
// naming its key path.
#pragma once

#include <QString>

#include "rl/credit.h"

namespace gcpo::ui {

gcpo::rl::CreditConfig creditConfigFromJson(const QString& configJson);

}  // namespace gcpo::ui
