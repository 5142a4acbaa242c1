// JSON parsing and validation for credit requests; messages name the offending key and index.
#include "rl/credit_json.h"

#include <cmath>
#include <stdexcept>

#include "rl/run_config.h"
#include "util/json_guard.h"

namespace gcpo::rl {

namespace {

[[noreturn]] void fail(const std::string& msg) { throw std::invalid_argument(msg); }

// Setting keys of a request and the run config fields they are.
const std::pair<const char*, const char*> kCreditKeys[] = {{"kernel", "gcpo.kernel"},
                                                           {"rbf_gamma", "gcpo.rbf_gamma"},
                                                           {"volume_scale", "gcpo.volume_scale"},
                                                           {"estimator", "gcpo.estimator"},
                                                           {"samples", "gcpo.samples"},
                                                           {"accuracy_weight", "gcpo.accuracy_weight"},
                                                           {"scale_by_std", "algo.scale_by_std"}};

double number(const nlohmann::json& v, const std::string& key) {
    if (!v.is_number()) fail(key + ": expected a number, got " + std::string(v.type_name()));
    const double x = v.get<double>();
    if (!std::isfinite(x)) fail(key + ": not a finite number");
    return x;
}

// The credit seed takes every unsigned 64-bit value (the permutation RNG is std::mt19937_64): a
// wider range than a run's seed, so it is checked here instead of by the run config's table.
uint64_t readSeed(const nlohmann::json& v, const std::string& key) {
    if (v.is_number_unsigned()) return v.get<uint64_t>();
    if (v.is_number_integer() && v.get<int64_t>() >= 0) return static_cast<uint64_t>(v.get<int64_t>());
    std::string why = "expected an integer in [0, 18446744073709551615] (2^64 - 1), got " + util::describeJson(v);
    if (v.is_number_float() && std::isfinite(v.get<double>()) && v.get<double>() >= 18446744073709551616.0)
        why += " (above 2^64 - 1)";
    fail(key + ": " + why);
}

}  // namespace

CreditConfig readCreditConfig(const nlohmann::json& j, const std::string& path) {
    // The request's setting keys are run config fields under short names: the field table parses
    // and range-checks them, and creditConfig() builds the settings, exactly as for a run.
    nlohmann::json run = nlohmann::json::object();
    for (const auto& [key, field] : kCreditKeys) {
        if (!j.contains(key)) continue;
        const std::string fieldPath = field;
        const size_t dot = fieldPath.find('.');
        if (dot == std::string::npos) run[fieldPath] = j[key];
        else run[fieldPath.substr(0, dot)][fieldPath.substr(dot + 1)] = j[key];
    }
    const std::vector<ConfigIssue> issues = validateConfig(run);
    if (!issues.empty()) {
        std::string msg;
        for (const auto& issue : issues) {
            std::string key = issue.path;
            for (const auto& [k, field] : kCreditKeys)
                if (issue.path == field) key = k;
            msg += (msg.empty() ? "" : "; ") + path + key + ": " + issue.message;
        }
        fail(msg);
    }
    CreditConfig config = creditConfigFromRunJson(run);
    if (j.contains("seed")) config.seed = readSeed(j["seed"], path + "seed");
    return config;
}

CreditRequest parseCreditRequest(const nlohmann::json& j) {
    if (!j.is_object()) fail("input: expected a JSON object");
    for (auto it = j.begin(); it != j.end(); ++it) {
        bool known = it.key() == "rewards" || it.key() == "embeddings" || it.key() == "seed";
        for (const auto& [key, field] : kCreditKeys) known = known || it.key() == key;
        if (!known) fail(it.key() + ": unknown key");
    }
    if (!j.contains("rewards")) fail("rewards: missing key");
    if (!j.contains("embeddings")) fail("embeddings: missing key");
    const auto& r = j["rewards"];
    const auto& e = j["embeddings"];
    if (!r.is_array()) fail("rewards: expected an array of numbers");
    if (!e.is_array()) fail("embeddings: expected an array of arrays of numbers");
    CreditRequest req;
    const size_t g = r.size();
    if (g == 0) fail("rewards: empty group (G = 0)");
    if (g > static_cast<size_t>(kMaxGroupSize))
        fail("rewards: a group holds at most " + std::to_string(kMaxGroupSize) + " rollouts (the run config's limit), got " +
             std::to_string(g));
    if (e.size() != g)
        fail("embeddings: expected " + std::to_string(g) + " rows (one per reward), got " + std::to_string(e.size()));
    for (size_t i = 0; i < g; ++i) {
        const std::string k = "rewards[" + std::to_string(i) + "]";
        const double x = number(r[i], k);
        if (x < 0.0 || x > 1.0) fail(k + ": reward " + util::describeJson(r[i]) + " outside [0, 1]");
        req.rewards.push_back(x);
    }
    for (size_t i = 0; i < g; ++i) {
        const std::string k = "embeddings[" + std::to_string(i) + "]";
        if (!e[i].is_array()) fail(k + ": expected an array of numbers");
        if (i == 0) {
            if (e[0].empty()) fail(k + ": empty embedding (d = 0)");
            req.dim = static_cast<int>(e[0].size());
        }
        if (e[i].size() != static_cast<size_t>(req.dim))
            fail(k + ": expected " + std::to_string(req.dim) + " numbers (like embeddings[0]), got " +
                 std::to_string(e[i].size()));
        for (size_t c = 0; c < e[i].size(); ++c) req.embeddings.push_back(number(e[i][c], k + "[" + std::to_string(c) + "]"));
    }
    req.config = readCreditConfig(j, "");
    if (req.config.estimator == CreditEstimator::Exact && static_cast<int>(g) > kMaxExactGroupSize)
        fail("estimator: \"exact\" supports at most " + std::to_string(kMaxExactGroupSize) +
             " rollouts, got G = " + std::to_string(g) + " (use \"permutation\")");
    if (const std::string cost = creditCostProblem(static_cast<int>(g), req.config.estimator, req.config.samples); !cost.empty())
        fail("samples: " + cost);
    return req;
}

nlohmann::json toJson(const CreditResult& r) {
    return nlohmann::json{{"team_reward", r.teamReward},
                          {"credit", r.credit},
                          {"advantage", r.advantage},
                          {"grpo_advantage", r.grpoAdvantage},
                          {"jitter_events", r.jitterEvents}};
}

}  // namespace gcpo::rl
