// diffRuns: two stored runs compared quantity by quantity (see run_diff.h).
#include "store/run_diff.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace gcpo::store {

namespace {

bool isTiming(const std::string& key) { return key == "step_time" || key.rfind("time/", 0) == 0; }

std::string at(int64_t step, const std::string& what) { return "step " + std::to_string(step) + " " + what; }

template <class T>
std::string show(const T& v) {
    std::ostringstream os;
    os.precision(17);
    os << v;
    return os.str();
}

// Exact fields: a difference is a mismatch naming the field and both values.
template <class T>
void same(RunDiff& d, const T& a, const T& b, const std::string& where) {
    if (!(a == b)) d.mismatch(where + ": " + show(a) + " vs " + show(b));
}

void sameText(RunDiff& d, const std::string& a, const std::string& b, const std::string& where) {
    ++d.textsCompared;
    if (a != b) d.mismatch(where + " differs: \"" + a.substr(0, 60) + "\" vs \"" + b.substr(0, 60) + "\"");
}

void diffMetrics(RunDiff& d, const RunStore& a, int64_t ra, const RunStore& b, int64_t rb) {
    std::map<std::pair<int64_t, std::string>, double> ma, mb;
    for (const MetricRow& m : a.metricsSince(ra, -1))
        if (!isTiming(m.key)) ma[{m.step, m.key}] = m.value;
    for (const MetricRow& m : b.metricsSince(rb, -1))
        if (!isTiming(m.key)) mb[{m.step, m.key}] = m.value;
    for (const auto& [k, v] : ma) {
        const auto it = mb.find(k);
        if (it == mb.end()) d.mismatch(at(k.first, "metric " + k.second + " only in the first run"));
        else d.metrics.note(v, it->second, at(k.first, "metric " + k.second));
    }
    for (const auto& [k, v] : mb)
        if (!ma.count(k)) d.mismatch(at(k.first, "metric " + k.second + " only in the second run"));
}

void diffGroups(RunDiff& d, const std::vector<GroupRecord>& ga, const std::vector<GroupRecord>& gb, int64_t step) {
    same(d, ga.size(), gb.size(), at(step, "group count"));
    for (size_t i = 0; i < std::min(ga.size(), gb.size()); ++i) {
        const GroupRecord &x = ga[i], &y = gb[i];
        const std::string w = at(step, "group " + std::to_string(x.groupIndex));
        same(d, x.groupIndex, y.groupIndex, at(step, "group index"));
        sameText(d, x.taskId, y.taskId, w + " task_id");
        sameText(d, x.prompt, y.prompt, w + " prompt");
        sameText(d, x.family, y.family, w + " family");
        same(d, x.correctCount, y.correctCount, w + " correct_count");
        same(d, x.zeroStd, y.zeroStd, w + " zero_std");
        d.groups.note(x.rewardMean, y.rewardMean, w + " reward_mean");
        d.groups.note(x.rewardStd, y.rewardStd, w + " reward_std");
        d.groups.note(x.teamCoverage, y.teamCoverage, w + " team_coverage");
    }
}

void diffRollouts(RunDiff& d, const std::vector<RolloutRecord>& ra, const std::vector<RolloutRecord>& rb, int64_t step) {
    same(d, ra.size(), rb.size(), at(step, "rollout count"));
    for (size_t i = 0; i < std::min(ra.size(), rb.size()); ++i) {
        const RolloutRecord &x = ra[i], &y = rb[i];
        const std::string w = at(step, "rollout " + std::to_string(x.groupIndex) + "." + std::to_string(x.rolloutIndex));
        same(d, x.groupIndex, y.groupIndex, at(step, "rollout group index"));
        same(d, x.rolloutIndex, y.rolloutIndex, at(step, "rollout index"));
        sameText(d, x.completion, y.completion, w + " completion");
        sameText(d, x.parsedAnswer, y.parsedAnswer, w + " parsed_answer");
        sameText(d, x.canonicalAnswer, y.canonicalAnswer, w + " canonical_answer");
        same(d, x.correct, y.correct, w + " correct");
        same(d, x.length, y.length, w + " length");
        d.rollouts.note(x.reward, y.reward, w + " reward");
        d.rollouts.note(x.grpoAdvantage, y.grpoAdvantage, w + " grpo_advantage");
        d.rollouts.note(x.gcpoCredit, y.gcpoCredit, w + " gcpo_credit");
        d.rollouts.note(x.advantageUsed, y.advantageUsed, w + " advantage_used");
        same(d, x.embedding.size(), y.embedding.size(), w + " embedding size");
        for (size_t c = 0; c < std::min(x.embedding.size(), y.embedding.size()); ++c)
            d.embeddings.note(x.embedding[c], y.embedding[c], w + " embedding[" + std::to_string(c) + "]");
    }
}

void diffEvals(RunDiff& d, const RunStore& a, int64_t ra, const RunStore& b, int64_t rb) {
    std::map<std::pair<int64_t, std::string>, double> ea, eb;
    for (const EvalRow& e : a.evals(ra)) ea[{e.step, e.metric}] = e.value;
    for (const EvalRow& e : b.evals(rb)) eb[{e.step, e.metric}] = e.value;
    for (const auto& [k, v] : ea) {
        const auto it = eb.find(k);
        if (it == eb.end()) d.mismatch(at(k.first, "eval " + k.second + " only in the first run"));
        else d.evals.note(v, it->second, at(k.first, "eval " + k.second));
    }
    for (const auto& [k, v] : eb)
        if (!ea.count(k)) d.mismatch(at(k.first, "eval " + k.second + " only in the second run"));
    for (const int64_t step : a.evalSteps(ra)) {
        const auto sa = a.evalSamples(ra, step), sb = b.evalSamples(rb, step);
        same(d, sa.size(), sb.size(), at(step, "eval sample count"));
        for (size_t i = 0; i < std::min(sa.size(), sb.size()); ++i) {
            const std::string w =
                at(step, "eval sample " + std::to_string(sa[i].promptIndex) + "." + std::to_string(sa[i].sampleIndex));
            same(d, sa[i].promptIndex, sb[i].promptIndex, at(step, "eval prompt index"));
            same(d, sa[i].sampleIndex, sb[i].sampleIndex, at(step, "eval sample index"));
            sameText(d, sa[i].taskId, sb[i].taskId, w + " task_id");
            sameText(d, sa[i].completion, sb[i].completion, w + " completion");
            same(d, sa[i].correct, sb[i].correct, w + " correct");
        }
    }
}

nlohmann::json toJson(const DiffMax& m) { return {{"max_abs", m.value}, {"where", m.where}, {"compared", m.compared}}; }

}  // namespace

void DiffMax::note(double a, double b, const std::string& where) {
    ++compared;
    // NaN against anything (NaN included) is the largest difference there is.
    const double diff = std::isnan(a) || std::isnan(b) ? (std::isnan(a) && std::isnan(b) ? 0.0 : INFINITY)
                        : a == b                       ? 0.0
                                                       : std::fabs(a - b);
    if (diff > value) {
        value = diff;
        this->where = where;
    }
}

void RunDiff::mismatch(const std::string& what) {
    ++mismatchCount;
    if (mismatches.size() < kMaxMismatches) mismatches.push_back(what);
}

double RunDiff::maxAbs() const { return std::max({metrics.value, groups.value, rollouts.value, embeddings.value, evals.value}); }

nlohmann::json RunDiff::toJson() const {
    return {{"max_abs", maxAbs()},
            {"metrics", store::toJson(metrics)},
            {"groups", store::toJson(groups)},
            {"rollouts", store::toJson(rollouts)},
            {"embeddings", store::toJson(embeddings)},
            {"evals", store::toJson(evals)},
            {"texts_compared", textsCompared},
            {"mismatch_count", mismatchCount},
            {"mismatches", mismatches}};
}

RunDiff diffRuns(const RunStore& a, int64_t runA, const RunStore& b, int64_t runB) {
    a.runInfo(runA);  // std::invalid_argument for an unknown run
    b.runInfo(runB);
    RunDiff d;
    const std::vector<StepInfo> sa = a.steps(runA), sb = b.steps(runB);
    same(d, sa.size(), sb.size(), "stored step count");
    for (size_t i = 0; i < std::min(sa.size(), sb.size()); ++i) {
        same(d, sa[i].step, sb[i].step, "stored step");
        same(d, sa[i].hasRollouts, sb[i].hasRollouts, at(sa[i].step, "has rollouts"));
    }
    diffMetrics(d, a, runA, b, runB);
    for (size_t i = 0; i < std::min(sa.size(), sb.size()); ++i) {
        const int64_t step = sa[i].step;
        diffGroups(d, a.groups(runA, step), b.groups(runB, step), step);
        diffRollouts(d, a.rollouts(runA, step), b.rollouts(runB, step), step);
    }
    diffEvals(d, a, runA, b, runB);
    return d;
}

}  // namespace gcpo::store
