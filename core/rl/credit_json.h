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

// The optional credit settings of j (kernel, rbf_gamma, volume_scale, estimator, samples, seed,
// accuracy_weight, scale_by_std): the run config fields gcpo.* and algo.scale_by_std under short
// names, parsed and range-checked by the run config's field table (absent ones take its defaults);
// seed is any integer in [0, 2^64 - 1] (a run's seed is narrower). `path` prefixes key names in
// error messages.
CreditConfig readCreditConfig(const nlohmann::json& j, const std::string& path);

nlohmann::json toJson(const CreditResult& r);

}  // namespace gcpo::rl
