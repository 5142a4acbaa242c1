// JSON parsing and validation for credit requests; messages name the offending key and index.
#include "rl/credit_json.h"

#include <cmath>
#include <set>
#include <stdexcept>

#include "util/json_guard.h"

namespace gcpo::rl {

namespace {

[[noreturn]] void fail(const std::string& msg) { throw std::invalid_argument(msg); }

double number(const nlohmann::json& v, const std::string& key) {
    if (!v.is_number()) fail(key + ": expected a number, got " + std::string(v.type_name()));
    const double x = v.get<double>();
    if (!std::isfinite(x)) fail(key + ": not a finite number");
    return x;
}

}  // namespace

void readCreditConfig(const nlohmann::json& j, CreditConfig* cfg, const std::string& path) {
    auto key = [&](const char* k) { return path + k; };
    if (j.contains("kernel")) {
        if (!j["kernel"].is_string() || !parseKernel(j["kernel"].get<std::string>(), &cfg->kernel))
            fail(key("kernel") + ": expected \"cosine\" or \"rbf\", got " + util::describeJson(j["kernel"]));
    }
    if (j.contains("rbf_gamma")) {
        cfg->rbfGamma = number(j["rbf_gamma"], key("rbf_gamma"));
        if (cfg->rbfGamma < kMinRbfGamma || cfg->rbfGamma > kMaxRbfGamma)
            fail(key("rbf_gamma") + ": must be in [1e-09, 1e+09] (the run config's range)");
    }
    if (j.contains("volume_scale")) {
        cfg->volumeScale = number(j["volume_scale"], key("volume_scale"));
        if (cfg->volumeScale < kMinVolumeScale || cfg->volumeScale > kMaxVolumeScale)
            fail(key("volume_scale") + ": must be in [1e-09, 1e+09] (the run config's range)");
    }
    if (j.contains("estimator")) {
        if (!j["estimator"].is_string() || !parseEstimator(j["estimator"].get<std::string>(), &cfg->estimator))
            fail(key("estimator") + ": expected \"exact\", \"permutation\" or \"leave_one_out\", got " +
                 util::describeJson(j["estimator"]));
    }
    if (j.contains("samples")) {
        const auto& s = j["samples"];
        const bool ok = s.is_number_unsigned() ? s.get<uint64_t>() >= 1 && s.get<uint64_t>() <= kMaxPermutationSamples
                                               : s.is_number_integer() && s.get<int64_t>() >= 1 && s.get<int64_t>() <= kMaxPermutationSamples;
        if (!ok) fail(key("samples") + ": expected an integer in [1, " + std::to_string(kMaxPermutationSamples) + "]");
        cfg->samples = j["samples"].get<int>();
    }
    if (j.contains("seed")) {
        const auto& s = j["seed"];  // any value in [0, 2^64 - 1]
        if (!s.is_number_unsigned() && !(s.is_number_integer() && s.get<int64_t>() >= 0))
            fail(key("seed") + ": expected an integer in [0, 2^64 - 1]");
        cfg->seed = j["seed"].get<uint64_t>();
    }
    if (j.contains("accuracy_weight")) {
        cfg->accuracyWeight = number(j["accuracy_weight"], key("accuracy_weight"));
        if (cfg->accuracyWeight < 0 || cfg->accuracyWeight > 1) fail(key("accuracy_weight") + ": must be in [0, 1]");
    }
    if (j.contains("scale_by_std")) {
        if (!j["scale_by_std"].is_boolean()) fail(key("scale_by_std") + ": expected true or false");
        cfg->scaleByStd = j["scale_by_std"].get<bool>();
    }
}

CreditRequest parseCreditRequest(const nlohmann::json& j) {
    if (!j.is_object()) fail("input: expected a JSON object");
    static const std::set<std::string> known = {"rewards",   "embeddings", "kernel",          "rbf_gamma",   "volume_scale",
                                                "estimator", "samples",    "seed",            "accuracy_weight", "scale_by_std"};
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!known.count(it.key())) fail(it.key() + ": unknown key");
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
        fail("rewards: a group holds at most " + std::to_string(kMaxGroupSize) + " rollouts (the run config's limit), got " + std::to_string(g));
    if (e.size() != g) fail("embeddings: expected " + std::to_string(g) + " rows (one per reward), got " + std::to_string(e.size()));
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
            fail(k + ": expected " + std::to_string(req.dim) + " numbers (like embeddings[0]), got " + std::to_string(e[i].size()));
        for (size_t c = 0; c < e[i].size(); ++c) req.embeddings.push_back(number(e[i][c], k + "[" + std::to_string(c) + "]"));
    }
    readCreditConfig(j, &req.config, "");
    if (req.config.estimator == CreditEstimator::Exact && static_cast<int>(g) > kMaxExactGroupSize)
        fail("estimator: \"exact\" supports at most " + std::to_string(kMaxExactGroupSize) + " rollouts, got G = " +
             std::to_string(g) + " (use \"permutation\")");
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
