// JSON form of a credit request and result (gcpo-train credit, the trainer config, the workbench).
#pragma once

#include <nlohmann/json.hpp>

#include "rl/credit.h"

namespace gcpo::rl {

struct CreditRequest {
    std::vector<double> rewards;
    std::vector<double> embeddings;  // row-major G x d
    int dim = 0;
    CreditConfig config;
};

// Strictly validates a request object; throws std::invalid_argument whose message names the key
// and index (e.g. "embeddings[2]: expected 4 numbers, got 3"). Unknown keys are errors.
CreditRequest parseCreditRequest(const nlohmann::json& j);

// Reads the optional credit settings (kernel, rbf_gamma, volume_scale, estimator, samples, seed,
// accuracy_weight, scale_by_std) from j into cfg; `path` prefixes key names in error messages.
void readCreditConfig(const nlohmann::json& j, CreditConfig* cfg, const std::string& path);

nlohmann::json toJson(const CreditResult& r);

}  // namespace gcpo::rl
