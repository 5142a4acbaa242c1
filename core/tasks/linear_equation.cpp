// linear-equation: generation of ax + b = c with an integer solution, and verification.
#include "tasks/linear_equation.h"

#include <limits>
#include <stdexcept>

#include "tasks/rational.h"
#include "tasks/task_util.h"

namespace gcpo::tasks {

namespace {

std::string equationText(int64_t a, int64_t b, int64_t c) {
    std::string s = a == 1 ? "x" : std::to_string(a) + "x";
    if (b > 0) s += "+" + std::to_string(b);
    if (b < 0) s += std::to_string(b);
    return s + "=" + std::to_string(c);
}

}  // namespace

LinearEquationFamily::LinearEquationFamily(const LinearEquationOptions& options) : m_options(options) {}

LinearEquationOptions LinearEquationFamily::parseOptions(const nlohmann::json& options) {
    detail::OptionReader r(options);
    LinearEquationOptions o;
    o.maxCoefficient = r.integer("max_coefficient", o.maxCoefficient, 1, 1000000);
    o.maxSolution = r.integer("max_solution", o.maxSolution, 0, 1000000);
    o.maxOffset = r.integer("max_offset", o.maxOffset, 0, 1000000);
    r.finish();
    return o;
}

std::string LinearEquationFamily::description() const {
    return "solve ax+b=c for integer x (|x| <= " + std::to_string(m_options.maxSolution) + "); answer e.g. <answer>-3</answer>";
}

Task LinearEquationFamily::makeTask(int64_t a, int64_t b, int64_t c) {
    if (a == 0) throw std::invalid_argument("data.a: must not be 0");
    int64_t diff = 0;
    if (__builtin_sub_overflow(c, b, &diff)) throw std::invalid_argument("data: c - b overflows 64-bit integers");
    if (a == -1 && diff == std::numeric_limits<int64_t>::min())
        throw std::invalid_argument("data: x = (c - b) / a overflows 64-bit integers");
    if (diff % a != 0) throw std::invalid_argument("data: c - b must be a multiple of a (integer x)");
    Task t;
    t.family = "linear-equation";
    t.prompt = "solve " + equationText(a, b, c) + "\n";
    t.data = {{"a", a}, {"b", b}, {"c", c}, {"x", diff / a}};
    t.solutions = {std::to_string(diff / a)};
    return t;
}

Task LinearEquationFamily::generate(Split split, uint64_t seed, int64_t index) const {
    std::mt19937_64 rng = detail::instanceRng(name(), split, seed, index);
    for (int attempt = 0; attempt < 100000; ++attempt) {
        const int64_t a = detail::uniformInt(rng, 1, m_options.maxCoefficient);
        const int64_t x = detail::uniformInt(rng, -m_options.maxSolution, m_options.maxSolution);
        const int64_t b = detail::uniformInt(rng, -m_options.maxOffset, m_options.maxOffset);
        const int64_t c = a * x + b;
        if (detail::splitOfKey("lin|" + equationText(a, b, c)) != split) continue;
        Task t = makeTask(a, b, c);
        t.id = detail::taskId(name(), split, seed, index);
        t.data["split"] = split == Split::Test ? "test" : "train";
        return t;
    }
    throw std::runtime_error("linear-equation: no instance in the requested split");
}

Verdict LinearEquationFamily::verify(const Task& task, const std::string& completion, const RewardConfig& reward) const {
    std::string answer;
    if (!extractTaggedAnswer(completion, &answer)) return detail::noAnswerVerdict();
    const int64_t gold = detail::dataInt(task.data, "x");
    std::string text = answer;
    // "x=7" and "x = 7" are accepted as well as "7".
    const size_t eq = text.find('=');
    if (eq != std::string::npos && detail::trim(text.substr(0, eq)) == "x") text = text.substr(eq + 1);
    text = detail::trim(text);
    const std::optional<Rational> v = Rational::parse(text);
    if (!v) return detail::makeVerdict(reward, false, false, answer, "", "answer is not a number: '" + answer + "'");
    const std::string canonical = v->toString();
    if (*v != Rational(gold))
        return detail::makeVerdict(reward, true, false, answer, canonical, "x = " + canonical + " is wrong");
    return detail::makeVerdict(reward, true, true, answer, canonical, "");
}

std::string LinearEquationFamily::targetCompletion(const Task& task, std::mt19937_64&) const {
    const int64_t a = detail::dataInt(task.data, "a");
    const int64_t b = detail::dataInt(task.data, "b");
    const int64_t c = detail::dataInt(task.data, "c");
    const std::string work = b == 0 ? "" : equationText(a, 0, c - b) + "\n";
    return work + "<answer>" + std::to_string(detail::dataInt(task.data, "x")) + "</answer>";
}

Task LinearEquationFamily::fromJson(const nlohmann::json& j) const {
    Task t = TaskFamily::fromJson(j);
    const Task ref = makeTask(detail::dataInt(t.data, "a"), detail::dataInt(t.data, "b"), detail::dataInt(t.data, "c"));
    if (t.data.contains("x") && detail::dataInt(t.data, "x") != ref.data["x"].get<int64_t>())
        throw std::invalid_argument("data.x: does not solve the equation");
    t.data["x"] = ref.data["x"];
    if (t.prompt.empty()) t.prompt = ref.prompt;
    if (!j.contains("solutions")) t.solutions = ref.solutions;
    return t;
}

}  // namespace gcpo::tasks
