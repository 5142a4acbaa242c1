// countdown: instance generation (solvable by construction), solution enumeration, verification.
#include "tasks/countdown.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "tasks/expression.h"
#include "tasks/task_util.h"

namespace gcpo::tasks {

namespace {

struct Item {
    ExprPtr expr;  // null when only values are needed
    Rational value;
};

// Calls visit(item, remainingCount) for every partial result of every pairwise-combination
// sequence (each expression tree over a sub-multiset appears at least once).
template <typename Visit>
void combine(std::vector<Item>& items, bool buildExprs, const Visit& visit) {
    for (const Item& it : items) visit(it, items.size());
    if (items.size() < 2) return;
    for (size_t i = 0; i < items.size(); ++i) {
        for (size_t j = i + 1; j < items.size(); ++j) {
            std::vector<Item> rest;
            rest.reserve(items.size() - 1);
            for (size_t k = 0; k < items.size(); ++k)
                if (k != i && k != j) rest.push_back(items[k]);
            const Item& a = items[i];
            const Item& b = items[j];
            struct Cand {
                Expr::Op op;
                const Item* l;
                const Item* r;
            };
            const Cand cands[] = {{Expr::Op::Add, &a, &b}, {Expr::Op::Mul, &a, &b}, {Expr::Op::Sub, &a, &b},
                                  {Expr::Op::Sub, &b, &a}, {Expr::Op::Div, &a, &b}, {Expr::Op::Div, &b, &a}};
            for (const Cand& c : cands) {
                Rational v;
                try {
                    switch (c.op) {
                    case Expr::Op::Add: v = c.l->value + c.r->value; break;
                    case Expr::Op::Sub: v = c.l->value - c.r->value; break;
                    case Expr::Op::Mul: v = c.l->value * c.r->value; break;
                    default: v = c.l->value / c.r->value; break;
                    }
                } catch (const std::exception&) {  // division by zero or overflow: not a valid answer
                    continue;
                }
                rest.push_back({buildExprs ? Expr::binary(c.op, c.l->expr, c.r->expr) : nullptr, v});
                combine(rest, buildExprs, visit);
                rest.pop_back();
            }
        }
    }
}

std::vector<Item> leaves(const std::vector<int64_t>& numbers, bool buildExprs) {
    std::vector<Item> items;
    for (int64_t n : numbers) items.push_back({buildExprs ? Expr::number(n) : nullptr, Rational(n)});
    return items;
}

std::string promptFor(const std::vector<int64_t>& numbers, int64_t target, bool useAll) {
    return std::string(useAll ? "countdown-all " : "countdown ") + detail::joinInts(numbers, " ") + " -> " +
           std::to_string(target) + "\n";
}

}  // namespace

std::vector<std::string> countdownSolutions(const std::vector<int64_t>& numbers, int64_t target, bool useAll) {
    std::set<std::string> found;
    std::vector<Item> items = leaves(numbers, true);
    const Rational goal(target);
    combine(items, true, [&](const Item& it, size_t remaining) {
        if ((!useAll || remaining == 1) && it.value == goal) found.insert(canonicalForm(*it.expr));
    });
    return {found.begin(), found.end()};
}

std::vector<int64_t> countdownReachableIntegers(const std::vector<int64_t>& numbers, bool useAll) {
    std::set<int64_t> values;
    std::vector<Item> items = leaves(numbers, false);
    combine(items, false, [&](const Item& it, size_t remaining) {
        if ((!useAll || remaining == 1) && it.value.isInteger()) values.insert(it.value.num());
    });
    return {values.begin(), values.end()};
}

CountdownCheck checkCountdownAnswer(const std::vector<int64_t>& numbers, int64_t target, bool useAll, const std::string& answer) {
    CountdownCheck c;
    std::string error;
    ExprPtr e = parseExpression(answer, &error);
    if (!e) {
        c.error = "syntax error: " + error;
        return c;
    }
    c.parsed = true;
    c.canonical = canonicalForm(*e);
    std::map<int64_t, int> given, used;
    for (int64_t n : numbers) ++given[n];
    for (int64_t n : leafNumbers(*e)) ++used[n];
    for (const auto& [n, k] : used) {
        const auto it = given.find(n);
        if (it == given.end()) {
            c.error = std::to_string(n) + " is not one of the given numbers";
            return c;
        }
        if (k > it->second) {
            c.error = std::to_string(n) + " is used " + std::to_string(k) + " times but given " + std::to_string(it->second) +
                      (it->second == 1 ? " time" : " times");
            return c;
        }
    }
    if (useAll) {
        for (const auto& [n, k] : given) {
            if (used[n] < k) {
                c.error = std::to_string(n) + " is not used (every number must be used exactly once)";
                return c;
            }
        }
    }
    Rational value;
    try {
        value = evaluate(*e);
    } catch (const DivisionByZeroError&) {
        c.error = "division by zero";
        return c;
    } catch (const OverflowError&) {
        c.error = "arithmetic overflow";
        return c;
    }
    if (value != Rational(target)) {
        c.error = "evaluates to " + value.toString() + ", not " + std::to_string(target);
        return c;
    }
    c.correct = true;
    return c;
}

CountdownFamily::CountdownFamily(const CountdownOptions& options) : m_options(options) {}

CountdownOptions CountdownFamily::parseOptions(const nlohmann::json& options) {
    detail::OptionReader r(options);
    CountdownOptions o;
    o.count = static_cast<int>(r.integer("count", o.count, 2, 5));
    o.minNumber = r.integer("min_number", o.minNumber, 0, 1000000);
    o.maxNumber = r.integer("max_number", o.maxNumber, 1, 1000000);
    o.minTarget = r.integer("min_target", o.minTarget, -1000000000, 1000000000);
    o.maxTarget = r.integer("max_target", o.maxTarget, -1000000000, 1000000000);
    o.useAll = r.boolean("use_all", o.useAll);
    o.minSolutions = static_cast<int>(r.integer("min_solutions", o.minSolutions, 1, 1000));
    r.finish();
    if (o.minNumber > o.maxNumber) throw std::invalid_argument("min_number: must not exceed max_number");
    if (o.minTarget > o.maxTarget) throw std::invalid_argument("min_target: must not exceed max_target");
    return o;
}

std::string CountdownFamily::description() const {
    return "reach the target from " + std::to_string(m_options.count) + " numbers with + - * / ( ), each number " +
           (m_options.useAll ? "exactly once" : "at most once") + "; answer e.g. <answer>(7-3)*12</answer>";
}

Task CountdownFamily::makeTask(const std::vector<int64_t>& numbers, int64_t target, bool useAll) {
    Task t;
    t.family = "countdown";
    t.prompt = promptFor(numbers, target, useAll);
    t.data = {{"numbers", numbers}, {"target", target}, {"use_all", useAll}};
    t.solutions = countdownSolutions(numbers, target, useAll);
    return t;
}

Task CountdownFamily::generate(Split split, uint64_t seed, int64_t index) const {
    std::mt19937_64 rng = detail::instanceRng(name(), split, seed, index);
    for (int attempt = 0; attempt < 100000; ++attempt) {
        std::vector<int64_t> numbers;
        for (int i = 0; i < m_options.count; ++i)
            numbers.push_back(detail::uniformInt(rng, m_options.minNumber, m_options.maxNumber));
        std::vector<int64_t> targets;
        for (int64_t v : countdownReachableIntegers(numbers, m_options.useAll)) {
            const bool trivial = !m_options.useAll && std::find(numbers.begin(), numbers.end(), v) != numbers.end();
            if (v >= m_options.minTarget && v <= m_options.maxTarget && !trivial) targets.push_back(v);
        }
        if (targets.empty()) continue;
        const int64_t target = targets[static_cast<size_t>(detail::uniformInt(rng, 0, static_cast<int64_t>(targets.size()) - 1))];
        std::vector<int64_t> sorted = numbers;
        std::sort(sorted.begin(), sorted.end());
        const std::string key = std::string("countdown|") + (m_options.useAll ? "all|" : "") + detail::joinInts(sorted, ",") +
                                "|" + std::to_string(target);
        if (detail::splitOfKey(key) != split) continue;
        Task t = makeTask(numbers, target, m_options.useAll);
        if (static_cast<int>(t.solutions.size()) < m_options.minSolutions) continue;
        t.id = detail::taskId(name(), split, seed, index);
        t.data["split"] = split == Split::Test ? "test" : "train";
        return t;
    }
    throw std::runtime_error("countdown: no instance satisfies the options (check the number and target ranges)");
}

Verdict CountdownFamily::verify(const Task& task, const std::string& completion, const RewardConfig& reward) const {
    std::string answer;
    if (!extractTaggedAnswer(completion, &answer)) return detail::noAnswerVerdict();
    const std::vector<int64_t> numbers = detail::dataIntArray(task.data, "numbers", 1, 8);
    const int64_t target = detail::dataInt(task.data, "target");
    const bool useAll = detail::dataBool(task.data, "use_all", false);
    const CountdownCheck c = checkCountdownAnswer(numbers, target, useAll, answer);
    return detail::makeVerdict(reward, c.parsed, c.correct, answer, c.canonical, c.error);
}

std::string CountdownFamily::targetCompletion(const Task& task, std::mt19937_64& rng) const {
    std::vector<std::string> sols = task.solutions;
    if (sols.empty())
        sols = countdownSolutions(detail::dataIntArray(task.data, "numbers", 1, 5), detail::dataInt(task.data, "target"),
                                  detail::dataBool(task.data, "use_all", false));
    if (sols.empty()) throw std::invalid_argument("countdown: task " + task.id + " has no solution");
    return "<answer>" + sols[static_cast<size_t>(detail::uniformInt(rng, 0, static_cast<int64_t>(sols.size()) - 1))] +
           "</answer>";
}

Task CountdownFamily::fromJson(const nlohmann::json& j) const {
    Task t = TaskFamily::fromJson(j);
    const std::vector<int64_t> numbers = detail::dataIntArray(t.data, "numbers", 1, 8);
    const int64_t target = detail::dataInt(t.data, "target");
    const bool useAll = detail::dataBool(t.data, "use_all", false);
    if (t.prompt.empty()) t.prompt = promptFor(numbers, target, useAll);
    // Enumerating 6+ numbers takes too long for a verifier input; those tasks keep no solution set.
    if (!j.contains("solutions") && numbers.size() <= 5) t.solutions = countdownSolutions(numbers, target, useAll);
    return t;
}

}  // namespace gcpo::tasks
