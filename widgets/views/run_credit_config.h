// The credit settings a run trained with, read from its stored config JSON (gcpo.kernel,
// gcpo.rbf_gamma, gcpo.volume_scale, gcpo.estimator, gcpo.samples, gcpo.accuracy_weight,
// algo.scale_by_std); missing or invalid values keep CreditConfig's defaults.
#pragma once

#include <QString>

#include "rl/credit.h"

namespace gcpo::ui {

gcpo::rl::CreditConfig creditConfigFromJson(const QString& configJson);

}  // namespace gcpo::ui
