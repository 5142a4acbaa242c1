// sum-decomposition: generation with a guaranteed number of decompositions, and verification.
#include "tasks/sum_decomposition.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "tasks/task_util.h"

namespace gcpo::tasks {

namespace {

void subsets(const std::vector<int64_t>& set, size_t from, int k, int64_t remaining, std::vector<int64_t>& chosen,
             std::set<std::string>& out) {
    if (k == 0) {
        if (remaining == 0) {
            std::vector<int64_t> s = chosen;
            std::sort(s.begin(), s.end());
            out.insert(detail::joinInts(s, "+"));
        }
        return;
    }
    for (size_t i = from; i < set.size(); ++i) {
        int64_t rest = 0;
        if (__builtin_sub_overflow(remaining, set[i], &rest)) continue;
        chosen.push_back(set[i]);
        subsets(set, i + 1, k - 1, rest, chosen, out);
        chosen.pop_back();
    }
}

void tallySums(const std::vector<int64_t>& set, size_t from, int k, int64_t sum, std::map<int64_t, int>& tally) {
    if (k == 0) {
        ++tally[sum];
        return;
    }
    for (size_t i = from; i < set.size(); ++i) tallySums(set, i + 1, k - 1, sum + set[i], tally);
}

std::string promptFor(const std::vector<int64_t>& set, int k, int64_t target) {
    return "sum " + std::to_string(k) + " of " + detail::joinInts(set, " ") + " -> " + std::to_string(target) + "\n";
}

}  // namespace

std::vector<std::string> sumDecompositions(const std::vector<int64_t>& set, int k, int64_t target) {
    std::set<std::string> out;
    std::vector<int64_t> chosen;
    if (k > 0) subsets(set, 0, k, target, chosen, out);
    return {out.begin(), out.end()};
}

SumDecompositionFamily::SumDecompositionFamily(const SumDecompositionOptions& options) : m_options(options) {}

SumDecompositionOptions SumDecompositionFamily::parseOptions(const nlohmann::json& options) {
    detail::OptionReader r(options);
    SumDecompositionOptions o;
    o.setSize = static_cast<int>(r.integer("set_size", o.setSize, 3, 12));
    o.maxNumber = r.integer("max_number", o.maxNumber, 3, 1000);
    o.kMin = static_cast<int>(r.integer("k_min", o.kMin, 1, 6));
    o.kMax = static_cast<int>(r.integer("k_max", o.kMax, 1, 6));
    o.maxTarget = r.integer("max_target", o.maxTarget, 1, 100000);
    o.minSolutions = static_cast<int>(r.integer("min_solutions", o.minSolutions, 1, 100));
    r.finish();
    if (o.kMin > o.kMax) throw std::invalid_argument("k_min: must not exceed k_max");
    if (o.setSize > o.maxNumber) throw std::invalid_argument("set_size: must not exceed max_number");
    if (o.kMax > o.setSize) throw std::invalid_argument("k_max: must not exceed set_size");
    return o;
}

std::string SumDecompositionFamily::description() const {
    return "write N as a sum of k distinct numbers from a set of " + std::to_string(m_options.setSize) +
           "; many correct answers; answer e.g. <answer>2+5+7</answer>";
}

Task SumDecompositionFamily::makeTask(const std::vector<int64_t>& set, int k, int64_t target) {
    Task t;
    t.family = "sum-decomposition";
    t.prompt = promptFor(set, k, target);
    t.data = {{"set", set}, {"k", k}, {"target", target}};
    t.solutions = sumDecompositions(set, k, target);
    return t;
}

Task SumDecompositionFamily::generate(Split split, uint64_t seed, int64_t index) const {
    std::mt19937_64 rng = detail::instanceRng(name(), split, seed, index);
    for (int attempt = 0; attempt < 100000; ++attempt) {
        // A uniformly random set of distinct numbers (partial Fisher-Yates over 1..maxNumber).
        std::vector<int64_t> pool;
        for (int64_t v = 1; v <= m_options.maxNumber; ++v) pool.push_back(v);
        for (int i = 0; i < m_options.setSize; ++i)
            std::swap(pool[static_cast<size_t>(i)],
                      pool[static_cast<size_t>(detail::uniformInt(rng, i, static_cast<int64_t>(pool.size()) - 1))]);
        std::vector<int64_t> set(pool.begin(), pool.begin() + m_options.setSize);
        std::sort(set.begin(), set.end());
        const int k = static_cast<int>(detail::uniformInt(rng, m_options.kMin, m_options.kMax));
        // How many k-subsets reach each sum (elements are distinct, so subsets are distinct answers).
        std::map<int64_t, int> tally;
        tallySums(set, 0, k, 0, tally);
        std::map<int64_t, int> counts;
        for (const auto& [n, c] : tally)
            if (n >= 1 && n <= m_options.maxTarget && c >= m_options.minSolutions) counts[n] = c;
        if (counts.empty()) continue;
        auto it = counts.begin();
        std::advance(it, detail::uniformInt(rng, 0, static_cast<int64_t>(counts.size()) - 1));
        const int64_t target = it->first;
        const std::string key = "sum|" + std::to_string(k) + "|" + detail::joinInts(set, ",") + "|" + std::to_string(target);
        if (detail::splitOfKey(key) != split) continue;
        Task t = makeTask(set, k, target);
        t.id = detail::taskId(name(), split, seed, index);
        t.data["split"] = split == Split::Test ? "test" : "train";
        return t;
    }
    throw std::runtime_error("sum-decomposition: no instance satisfies the options (raise max_target or lower min_solutions)");
}

Verdict SumDecompositionFamily::verify(const Task& task, const std::string& completion, const RewardConfig& reward) const {
    std::string answer;
    if (!extractTaggedAnswer(completion, &answer)) return detail::noAnswerVerdict();
    const std::vector<int64_t> set = detail::dataIntArray(task.data, "set", 1, 16);
    const int64_t k = detail::dataInt(task.data, "k");
    const int64_t target = detail::dataInt(task.data, "target");
    // Syntax: integers joined by '+', spaces allowed.
    std::vector<int64_t> terms;
    size_t start = 0;
    for (;;) {
        const size_t plus = answer.find('+', start);
        const std::string part = detail::trim(answer.substr(start, plus == std::string::npos ? std::string::npos : plus - start));
        int64_t v = 0;
        if (part.empty() || part.find(',') != std::string::npos || !detail::parseInteger(part, &v) || part[0] == '-' ||
            part[0] == '+')
            return detail::makeVerdict(reward, false, false, answer, "",
                                       "expected whole numbers joined by '+', got '" + answer + "'");
        terms.push_back(v);
        if (plus == std::string::npos) break;
        start = plus + 1;
    }
    std::vector<int64_t> sorted = terms;
    std::sort(sorted.begin(), sorted.end());
    const std::string canonical = detail::joinInts(sorted, "+");
    auto wrong = [&](const std::string& why) { return detail::makeVerdict(reward, true, false, answer, canonical, why); };
    if (static_cast<int64_t>(terms.size()) != k)
        return wrong(std::to_string(k) + " numbers are required, got " + std::to_string(terms.size()));
    for (size_t i = 0; i < sorted.size(); ++i) {
        if (std::find(set.begin(), set.end(), sorted[i]) == set.end())
            return wrong(std::to_string(sorted[i]) + " is not in the set");
        if (i > 0 && sorted[i] == sorted[i - 1]) return wrong(std::to_string(sorted[i]) + " is used more than once");
    }
    int64_t sum = 0;
    for (int64_t v : terms) {
        if (__builtin_add_overflow(sum, v, &sum)) return wrong("arithmetic overflow");
    }
    if (sum != target) return wrong("sums to " + std::to_string(sum) + ", not " + std::to_string(target));
    return detail::makeVerdict(reward, true, true, answer, canonical, "");
}

std::string SumDecompositionFamily::targetCompletion(const Task& task, std::mt19937_64& rng) const {
    std::vector<std::string> sols = task.solutions;
    if (sols.empty())
        sols = sumDecompositions(detail::dataIntArray(task.data, "set", 1, 16), static_cast<int>(detail::dataInt(task.data, "k")),
                                 detail::dataInt(task.data, "target"));
    if (sols.empty()) throw std::invalid_argument("sum-decomposition: task " + task.id + " has no solution");
    return "<answer>" + sols[static_cast<size_t>(detail::uniformInt(rng, 0, static_cast<int64_t>(sols.size()) - 1))] +
           "</answer>";
}

Task SumDecompositionFamily::fromJson(const nlohmann::json& j) const {
    Task t = TaskFamily::fromJson(j);
    const std::vector<int64_t> set = detail::dataIntArray(t.data, "set", 1, 16);
    const int64_t k = detail::dataInt(t.data, "k");
    const int64_t target = detail::dataInt(t.data, "target");
    if (k < 1 || k > static_cast<int64_t>(set.size())) throw std::invalid_argument("data.k: must be in [1, size of data.set]");
    if (t.prompt.empty()) t.prompt = promptFor(set, static_cast<int>(k), target);
    if (!j.contains("solutions")) t.solutions = sumDecompositions(set, static_cast<int>(k), target);
    return t;
}

}  // namespace gcpo::tasks
