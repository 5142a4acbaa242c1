// arithmetic: generation of a op b and exact verification of the integer answer.
#include "tasks/arithmetic.h"

#include <algorithm>
#include <stdexcept>

#include "tasks/task_util.h"

namespace gcpo::tasks {

namespace {

int64_t pow10(int d) {
    int64_t p = 1;
    while (d-- > 0) p *= 10;
    return p;
}

// A value with a uniformly drawn digit count in [1, maxDigits], then uniform among those.
int64_t drawOperand(std::mt19937_64& rng, int maxDigits) {
    const int digits = static_cast<int>(detail::uniformInt(rng, 1, maxDigits));
    return detail::uniformInt(rng, digits == 1 ? 0 : pow10(digits - 1), pow10(digits) - 1);
}

std::string expressionText(int64_t a, char op, int64_t b) { return std::to_string(a) + op + std::to_string(b); }

}  // namespace

ArithmeticFamily::ArithmeticFamily(const ArithmeticOptions& options) : m_options(options) {}

ArithmeticOptions ArithmeticFamily::parseOptions(const nlohmann::json& options) {
    detail::OptionReader r(options);
    ArithmeticOptions o;
    o.maxDigits = static_cast<int>(r.integer("max_digits", o.maxDigits, 1, 9));
    o.mulMaxDigits = static_cast<int>(r.integer("mul_max_digits", o.mulMaxDigits, 1, 9));
    o.ops = r.string("ops", o.ops);
    r.finish();
    if (o.ops.empty() || o.ops.find_first_not_of("+-*") != std::string::npos)
        throw std::invalid_argument("ops: must be a non-empty string of the characters + - *");
    return o;
}

std::string ArithmeticFamily::description() const {
    return "compute a " + m_options.ops + " b with up to " + std::to_string(m_options.maxDigits) +
           "-digit operands; answer e.g. <answer>405</answer>";
}

Task ArithmeticFamily::makeTask(int64_t a, char op, int64_t b) {
    int64_t result = 0;
    bool overflow = false;
    switch (op) {
    case '+': overflow = __builtin_add_overflow(a, b, &result); break;
    case '-': overflow = __builtin_sub_overflow(a, b, &result); break;
    case '*': overflow = __builtin_mul_overflow(a, b, &result); break;
    default: throw std::invalid_argument("data.op: must be one of + - *");
    }
    if (overflow) throw std::invalid_argument("data: the result overflows 64-bit integers");
    Task t;
    t.family = "arithmetic";
    t.prompt = "arith " + expressionText(a, op, b) + "\n";
    t.data = {{"a", a}, {"op", std::string(1, op)}, {"b", b}, {"answer", result}};
    t.solutions = {std::to_string(result)};
    return t;
}

Task ArithmeticFamily::generate(Split split, uint64_t seed, int64_t index) const {
    std::mt19937_64 rng = detail::instanceRng(name(), split, seed, index);
    for (int attempt = 0; attempt < 100000; ++attempt) {
        const char op =
            m_options.ops[static_cast<size_t>(detail::uniformInt(rng, 0, static_cast<int64_t>(m_options.ops.size()) - 1))];
        const int64_t a = drawOperand(rng, m_options.maxDigits);
        const int64_t b =
            drawOperand(rng, op == '*' ? std::min(m_options.mulMaxDigits, m_options.maxDigits) : m_options.maxDigits);
        if (detail::splitOfKey("arith|" + expressionText(a, op, b)) != split) continue;
        Task t = makeTask(a, op, b);
        t.id = detail::taskId(name(), split, seed, index);
        t.data["split"] = split == Split::Test ? "test" : "train";
        return t;
    }
    throw std::runtime_error("arithmetic: no instance in the requested split");
}

Verdict ArithmeticFamily::verify(const Task& task, const std::string& completion, const RewardConfig& reward) const {
    std::string answer;
    if (!extractTaggedAnswer(completion, &answer)) return detail::noAnswerVerdict();
    const int64_t gold = detail::dataInt(task.data, "answer");
    int64_t v = 0;
    if (!detail::parseInteger(answer, &v))
        return detail::makeVerdict(reward, false, false, answer, "", "answer is not an integer: '" + answer + "'");
    const std::string canonical = std::to_string(v);
    if (v != gold) return detail::makeVerdict(reward, true, false, answer, canonical, canonical + " is wrong");
    return detail::makeVerdict(reward, true, true, answer, canonical, "");
}

std::string ArithmeticFamily::targetCompletion(const Task& task, std::mt19937_64&) const {
    return "<answer>" + std::to_string(detail::dataInt(task.data, "answer")) + "</answer>";
}

Task ArithmeticFamily::fromJson(const nlohmann::json& j) const {
    Task t = TaskFamily::fromJson(j);
    const int64_t a = detail::dataInt(t.data, "a");
    const int64_t b = detail::dataInt(t.data, "b");
    const std::string op = detail::dataString(t.data, "op");
    if (op.size() != 1) throw std::invalid_argument("data.op: must be one of + - *");
    const Task ref = makeTask(a, op[0], b);
    if (t.data.contains("answer") && detail::dataInt(t.data, "answer") != ref.data["answer"].get<int64_t>())
        throw std::invalid_argument("data.answer: does not equal a " + op + " b");
    t.data["answer"] = ref.data["answer"];
    if (t.prompt.empty()) t.prompt = ref.prompt;
    if (!j.contains("solutions")) t.solutions = ref.solutions;
    return t;
}

}  // namespace gcpo::tasks
