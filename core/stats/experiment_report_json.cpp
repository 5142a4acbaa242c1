// The JSON form of an experiment report (see experiment_report.h); NaN becomes null.
#include <cmath>

#include "stats/experiment_report.h"

namespace gcpo::stats {

namespace {
using nlohmann::json;

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json nums(const std::vector<double>& v) {
    json a = json::array();
    for (double x : v) a.push_back(num(x));
    return a;
}
}  // namespace

json toJson(const ExperimentReport& r) {
    json j;
    j["experiment"] = {{"id", r.experimentId},
                       {"name", r.name},
                       {"grouping", r.grouping},
                       {"eval_step", r.evalStep < 0 ? json("final") : json(r.evalStep)}};
    j["metrics"] = r.metrics;
    j["method"] = {{"confidence", r.confidence},
                   {"arm_ci", "t-based: mean ± t(n-1) · std / sqrt(n), std with n - 1"},
                   {"pair_ci", "paired bootstrap percentile CI of the mean of per-seed differences b - a"},
                   {"pair_t_ci", "t-based CI of the same mean, for reference"},
                   {"p_value",
                    "two-sided sign-flip permutation test of the per-seed differences (exact enumeration of all "
                    "2^n sign patterns when exact, else seeded Monte Carlo)"},
                   {"per_prompt", "unbiased pass@k per eval prompt from the stored samples, mean over the paired seeds"}};
    json arms = json::object(), armRuns = json::object();
    json armOrder = json::array();
    for (const auto& a : r.arms) {
        armOrder.push_back(a.name);
        json m = json::object();
        for (const auto& [metric, s] : a.summary)
            m[metric] = {{"n", s.n},
                         {"mean", num(s.mean)},
                         {"std", num(s.std)},
                         {"ci_low", num(s.ciLow)},
                         {"ci_high", num(s.ciHigh)},
                         {"values", nums(a.values.at(metric))}};
        arms[a.name] = m;
        armRuns[a.name] = {
            {"seeds", a.seeds}, {"run_ids", a.runIds}, {"eval_steps", a.evalSteps}, {"pass_at_k_curve", nums(a.passAtKCurve)}};
    }
    j["arm_order"] = armOrder;
    j["arms"] = arms;
    j["arm_runs"] = armRuns;
    json pairs = json::array();
    for (const auto& p : r.pairs) {
        json m = json::object();
        for (const auto& [metric, c] : p.byMetric)
            m[metric] = {{"n", c.n},
                         {"delta_mean", num(c.deltaMean)},
                         {"delta_std", num(c.deltaStd)},
                         {"ci_low", num(c.ciLow)},
                         {"ci_high", num(c.ciHigh)},
                         {"t_ci_low", num(c.tCiLow)},
                         {"t_ci_high", num(c.tCiHigh)},
                         {"p_value", num(c.pValue)},
                         {"p_exact", c.exactP}};
        json prompts = json::array();
        for (const auto& pd : p.prompts)
            prompts.push_back({{"prompt_index", pd.promptIndex},
                               {"task_id", pd.taskId},
                               {"prompt", pd.prompt},
                               {"mean_a", nums(pd.meanA)},
                               {"mean_b", nums(pd.meanB)},
                               {"delta", nums(pd.delta)}});
        pairs.push_back(
            {{"a", p.armA},
             {"b", p.armB},
             {"delta", p.armB + " - " + p.armA},
             {"seeds", p.seeds},
             {"metrics", m},
             {"per_prompt", {{"k", p.ks}, {"better", p.better}, {"worse", p.worse}, {"same", p.same}, {"prompts", prompts}}}});
    }
    j["pairs"] = pairs;
    j["notes"] = r.notes;
    return j;
}

}  // namespace gcpo::stats
