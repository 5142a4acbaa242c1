// Builds the experiment report from the run store and core/stats (see experiment_report.h).
#include "stats/experiment_report.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "rl/metrics.h"

namespace gcpo::stats {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct RunPick {
    int64_t runId = 0;
    int64_t seed = 0;
};
struct ArmRuns {
    std::string name;
    std::vector<RunPick> runs;
};

// "pass@8" -> 8; 0 for other names.
int passK(const std::string& metric) {
    if (metric.rfind("pass@", 0) != 0) return 0;
    try {
        size_t used = 0;
        const int k = std::stoi(metric.substr(5), &used);
        return used == metric.size() - 5 && k > 0 ? k : 0;
    } catch (const std::exception&) {
        return 0;
    }
}

// pass@k by k, then the diversity metrics the README reports, then the rest by name; per-family
// metrics ("<family>/<metric>") after all of those, by family, each family's in the same order.
std::vector<std::string> orderPlainMetrics(const std::set<std::string>& found);

std::vector<std::string> orderMetrics(const std::set<std::string>& found) {
    std::set<std::string> plain;
    std::map<std::string, std::set<std::string>> byFamily;
    for (const auto& m : found) {
        const size_t slash = m.find('/');
        if (slash == std::string::npos || slash == 0) plain.insert(m);
        else byFamily[m.substr(0, slash)].insert(m.substr(slash + 1));
    }
    std::vector<std::string> out = orderPlainMetrics(plain);
    for (const auto& [family, metrics] : byFamily)
        for (const auto& m : orderPlainMetrics(metrics)) out.push_back(family + "/" + m);
    return out;
}

std::vector<std::string> orderPlainMetrics(const std::set<std::string>& found) {
    static const std::vector<std::string> kPreferred = {"distinct_correct", "solution_coverage", "vendi"};
    std::vector<std::string> pass, rest;
    for (const auto& m : found) (passK(m) ? pass : rest).push_back(m);
    std::sort(pass.begin(), pass.end(), [](const auto& a, const auto& b) { return passK(a) < passK(b); });
    std::vector<std::string> out = pass;
    for (const auto& p : kPreferred)
        if (found.count(p)) out.push_back(p);
    for (const auto& m : rest)
        if (std::find(kPreferred.begin(), kPreferred.end(), m) == kPreferred.end()) out.push_back(m);
    return out;
}

ExperimentReport build(const store::RunStore& store, const std::vector<ArmRuns>& arms, const ReportOptions& o,
                       ExperimentReport r) {
    r.evalStep = o.evalStep;
    r.confidence = o.paired.confidence;
    std::set<std::string> found;
    std::unordered_map<int64_t, store::RunEval> evalOf;
    for (const auto& arm : arms) {
        std::vector<int64_t> ids;
        for (const auto& p : arm.runs) ids.push_back(p.runId);
        const auto evals = o.evalStep < 0 ? store::finalEvals(store, ids) : store::evalsAtStep(store, ids, o.evalStep);
        for (const auto& e : evals) {
            evalOf[e.runId] = e;
            for (const auto& [m, v] : e.values) found.insert(m);
        }
    }
    if (o.perFamily) {  // per-family metrics of the same evaluations, from their stored samples
        std::vector<int> ks;
        for (const auto& m : found)
            if (passK(m)) ks.push_back(passK(m));
        if (ks.empty()) ks.push_back(1);
        for (auto& [runId, e] : evalOf) {
            if (e.step < 0) continue;
            for (const auto& [m, v] : familyEvalMetrics(store::promptTallies(store, runId, e.step), ks)) {
                e.values[m] = v;
                found.insert(m);
            }
        }
    }
    r.metrics = o.metrics.empty() ? orderMetrics(found) : o.metrics;
    for (const auto& m : r.metrics)
        if (!found.count(m)) r.notes.push_back("metric '" + m + "' is in no evaluation used");

    std::set<int64_t> stepsUsed;
    for (const auto& arm : arms) {
        ArmReport a;
        a.name = arm.name;
        for (const auto& p : arm.runs) {
            const store::RunEval& e = evalOf[p.runId];
            if (e.step < 0) {
                r.notes.push_back("arm " + arm.name + ", seed " + std::to_string(p.seed) + ": run " + std::to_string(p.runId) +
                                  " has no evaluation" +
                                  (o.evalStep >= 0 ? " at step " + std::to_string(o.evalStep) : std::string()) + " (left out)");
                continue;
            }
            a.seeds.push_back(p.seed);
            a.runIds.push_back(p.runId);
            a.evalSteps.push_back(e.step);
            stepsUsed.insert(e.step);
            for (const auto& m : r.metrics) {
                auto it = e.values.find(m);
                a.values[m].push_back(it == e.values.end() ? kNaN : it->second);
            }
        }
        for (const auto& m : r.metrics) {
            std::vector<double> v;
            for (double x : a.values[m])
                if (!std::isnan(x)) v.push_back(x);
            a.summary[m] = summarize(v, o.paired.confidence);
        }
        r.arms.push_back(std::move(a));
    }
    if (stepsUsed.size() > 1) {
        std::string s;
        for (int64_t st : stepsUsed) s += (s.empty() ? "" : ", ") + std::to_string(st);
        r.notes.push_back("the runs' final evaluations are at different steps (" + s + ")");
    }

    // Per-prompt tallies of every run used (one indexed query each).
    std::unordered_map<int64_t, std::vector<store::PromptTally>> talliesOf;
    if (o.perPrompt)
        for (const auto& a : r.arms)
            for (size_t i = 0; i < a.runIds.size(); ++i)
                talliesOf[a.runIds[i]] = store::promptTallies(store, a.runIds[i], a.evalSteps[i]);
    for (auto& a : r.arms) {
        std::vector<std::vector<double>> curves;
        size_t len = std::numeric_limits<size_t>::max();
        for (int64_t id : a.runIds) {
            curves.push_back(passAtKCurve(talliesOf[id]));
            len = std::min(len, curves.back().size());
        }
        if (curves.empty() || len == 0) continue;
        a.passAtKCurve.assign(len, 0.0);
        for (const auto& c : curves)
            for (size_t k = 0; k < len; ++k) a.passAtKCurve[k] += c[k] / static_cast<double>(curves.size());
    }

    std::vector<int> metricKs;
    for (const auto& m : r.metrics)
        if (passK(m)) metricKs.push_back(passK(m));
    if (metricKs.empty()) metricKs.push_back(1);
    for (size_t i = 0; i < r.arms.size(); ++i)
        for (size_t j = i + 1; j < r.arms.size(); ++j) {
            const ArmReport& A = r.arms[i];
            const ArmReport& B = r.arms[j];
            PairReport p;
            p.armA = A.name;
            p.armB = B.name;
            std::vector<std::pair<size_t, size_t>> idx;  // positions in A and B of each shared seed
            for (size_t x = 0; x < A.seeds.size(); ++x)
                for (size_t y = 0; y < B.seeds.size(); ++y)
                    if (A.seeds[x] == B.seeds[y]) idx.push_back({x, y}), p.seeds.push_back(A.seeds[x]);
            for (const auto& m : r.metrics) {
                std::vector<double> va, vb;
                for (auto [x, y] : idx) {
                    const double a = A.values.at(m)[x], b = B.values.at(m)[y];
                    if (!std::isnan(a) && !std::isnan(b)) va.push_back(a), vb.push_back(b);
                }
                p.byMetric[m] = comparePaired(va, vb, o.paired);
            }
            if (o.perPrompt && !idx.empty()) {
                // Prompts every paired run evaluated, with the same task; k up to the smallest n.
                std::map<int32_t, PromptDelta> prompts;
                std::map<int32_t, int> seen;
                int minN = std::numeric_limits<int>::max();
                bool mismatch = false;
                for (auto [x, y] : idx)
                    for (int64_t id : {A.runIds[x], B.runIds[y]})
                        for (const auto& t : talliesOf[id]) {
                            auto [it, fresh] = prompts.try_emplace(t.promptIndex);
                            if (fresh) it->second = {t.promptIndex, t.taskId, t.prompt, {}, {}, {}};
                            else if (it->second.taskId != t.taskId) mismatch = true;
                            ++seen[t.promptIndex];
                            minN = std::min(minN, t.samples);
                        }
                if (mismatch)
                    r.notes.push_back(p.armB + " - " + p.armA +
                                      ": eval prompt indices name different tasks in "
                                      "different runs; per-prompt deltas left out");
                for (int k : metricKs)
                    if (k <= minN) p.ks.push_back(k);
                const int runsPerPrompt = static_cast<int>(2 * idx.size());
                if (!mismatch && !p.ks.empty()) {
                    std::map<int64_t, std::map<int32_t, const store::PromptTally*>> byRun;
                    for (auto [x, y] : idx)
                        for (int64_t id : {A.runIds[x], B.runIds[y]})
                            for (const auto& t : talliesOf[id]) byRun[id][t.promptIndex] = &t;
                    for (auto& [index, pd] : prompts) {
                        if (seen[index] != runsPerPrompt) continue;  // not evaluated by every paired run
                        for (int k : p.ks) {
                            double sa = 0.0, sb = 0.0;
                            for (auto [x, y] : idx) {
                                const auto* ta = byRun[A.runIds[x]][index];
                                const auto* tb = byRun[B.runIds[y]][index];
                                sa += rl::passAtK(ta->samples, ta->correct, k);
                                sb += rl::passAtK(tb->samples, tb->correct, k);
                            }
                            pd.meanA.push_back(sa / static_cast<double>(idx.size()));
                            pd.meanB.push_back(sb / static_cast<double>(idx.size()));
                            pd.delta.push_back(pd.meanB.back() - pd.meanA.back());
                        }
                        p.prompts.push_back(pd);
                    }
                    p.better.assign(p.ks.size(), 0);
                    p.worse.assign(p.ks.size(), 0);
                    p.same.assign(p.ks.size(), 0);
                    for (const auto& pd : p.prompts)
                        for (size_t k = 0; k < p.ks.size(); ++k)
                            ++(pd.delta[k] > 1e-12 ? p.better : pd.delta[k] < -1e-12 ? p.worse : p.same)[k];
                }
            }
            r.pairs.push_back(std::move(p));
        }
    return r;
}

}  // namespace

std::vector<double> passAtKCurve(const std::vector<store::PromptTally>& tallies) {
    if (tallies.empty()) return {};
    int minN = std::numeric_limits<int>::max();
    for (const auto& t : tallies) minN = std::min(minN, t.samples);
    std::vector<double> out;
    for (int k = 1; k <= minN; ++k) {
        double s = 0.0;
        for (const auto& t : tallies) s += rl::passAtK(t.samples, t.correct, k);
        out.push_back(s / static_cast<double>(tallies.size()));
    }
    return out;
}

std::map<std::string, double> familyEvalMetrics(const std::vector<store::PromptTally>& tallies, const std::vector<int>& ks) {
    std::map<std::string, std::vector<const store::PromptTally*>> byFamily;
    for (const auto& t : tallies) byFamily[t.taskId.substr(0, t.taskId.find('/'))].push_back(&t);
    std::map<std::string, double> out;
    for (const auto& [family, prompts] : byFamily) {
        int minN = std::numeric_limits<int>::max();
        double distinct = 0.0;
        for (const auto* t : prompts) {
            minN = std::min(minN, t->samples);
            distinct += t->distinctCorrect;
        }
        const double n = static_cast<double>(prompts.size());
        for (int k : ks) {
            if (k < 1 || k > minN) continue;
            double sum = 0.0;
            for (const auto* t : prompts) sum += rl::passAtK(t->samples, t->correct, k);
            out[family + "/pass@" + std::to_string(k)] = sum / n;
        }
        out[family + "/distinct_correct"] = distinct / n;
    }
    return out;
}

std::vector<double> promptPassAtK(const std::vector<store::PromptTally>& tallies, int k) {
    std::vector<double> out;
    for (const auto& t : tallies) out.push_back(rl::passAtK(t.samples, t.correct, k));
    return out;
}

ExperimentReport buildExperimentReport(const store::RunStore& store, int64_t experimentId, const ReportOptions& o) {
    store::RunStore::ReadTransaction snapshot(store);
    const store::ExperimentInfo info = store::experimentInfo(store, experimentId);
    std::vector<ArmRuns> arms;
    for (const auto& a : info.arms) arms.push_back({a.name, {}});
    ExperimentReport r;
    r.experimentId = info.id;
    r.name = info.name;
    r.grouping = "experiment";
    int unfinished = 0;
    for (const auto& slot : store::experimentRuns(store, experimentId)) {
        if (slot.runId > 0 && slot.status == store::RunStatus::Finished)
            arms[static_cast<size_t>(slot.armIndex)].runs.push_back({slot.runId, slot.seed});
        else ++unfinished;
    }
    if (unfinished) r.notes.push_back(std::to_string(unfinished) + " planned run(s) not finished (left out)");
    return build(store, arms, o, std::move(r));
}

ExperimentReport buildAlgorithmReport(const store::RunStore& store, const ReportOptions& o) {
    store::RunStore::ReadTransaction snapshot(store);
    std::vector<ArmRuns> arms;
    ExperimentReport r;
    r.name = store.path();
    r.grouping = "algorithm";
    for (const auto& run : store.listRuns()) {  // by id
        if (run.status != store::RunStatus::Finished) continue;
        auto it = std::find_if(arms.begin(), arms.end(), [&](const ArmRuns& a) { return a.name == run.algorithm; });
        if (it == arms.end()) it = arms.insert(arms.end(), ArmRuns{run.algorithm, {}});
        auto same = std::find_if(it->runs.begin(), it->runs.end(), [&](const RunPick& p) { return p.seed == run.seed; });
        if (same != it->runs.end()) {
            r.notes.push_back(run.algorithm + ", seed " + std::to_string(run.seed) + ": run " + std::to_string(run.id) +
                              " used, earlier run " + std::to_string(same->runId) + " with that seed left out");
            same->runId = run.id;
        } else {
            it->runs.push_back({run.id, run.seed});
        }
    }
    for (auto& a : arms)
        std::sort(a.runs.begin(), a.runs.end(), [](const RunPick& x, const RunPick& y) { return x.seed < y.seed; });
    return build(store, arms, o, std::move(r));
}

}  // namespace gcpo::stats
