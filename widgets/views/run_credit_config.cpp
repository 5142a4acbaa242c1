// The credit settings a run trained with, from its stored config JSON (see run_credit_config.h).
#include "views/run_credit_config.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "rl/run_config.h"

namespace gcpo::ui {

gcpo::rl::CreditConfig creditConfigFromJson(const QString& configJson) {
    const nlohmann::json config = nlohmann::json::parse(configJson.toStdString(), nullptr, /*allow_exceptions=*/false);
    if (config.is_discarded()) throw std::invalid_argument("the run's stored config is not valid JSON");
    return gcpo::rl::creditConfigFromRunJson(config);
}

}  // namespace gcpo::ui
