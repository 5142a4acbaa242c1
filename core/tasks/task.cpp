// Task interface plumbing: verdict/task JSON, the family factory, <answer> extraction, alphabet.
#include "tasks/task.h"

#include <stdexcept>

#include "tasks/arithmetic.h"
#include "tasks/countdown.h"
#include "tasks/imported_family.h"
#include "tasks/linear_equation.h"
#include "tasks/sum_decomposition.h"
#include "tasks/task_util.h"

namespace gcpo::tasks {

const char* splitName(Split s) { return s == Split::Test ? "test" : "train"; }

std::optional<Split> parseSplit(const std::string& name) {
    if (name == "train") return Split::Train;
    if (name == "test") return Split::Test;
    return std::nullopt;
}

const std::string& taskAlphabet() {
    static const std::string alphabet = [] {
        std::string a = "\n";
        for (int c = 32; c <= 126; ++c) a += static_cast<char>(c);
        return a;
    }();
    return alphabet;
}

nlohmann::json toJson(const Verdict& v) {
    return {{"correct", v.correct},     {"reward", v.reward}, {"parsed_answer", v.parsedAnswer},
            {"canonical", v.canonical}, {"error", v.error},   {"well_formatted", v.wellFormatted}};
}

nlohmann::json TaskFamily::toJson(const Task& task) const {
    return {
        {"family", task.family}, {"id", task.id}, {"prompt", task.prompt}, {"data", task.data}, {"solutions", task.solutions}};
}

Task TaskFamily::fromJson(const nlohmann::json& j) const {
    if (!j.is_object()) throw std::invalid_argument("task: must be an object");
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& k = it.key();
        if (k != "family" && k != "id" && k != "prompt" && k != "data" && k != "solutions")
            throw std::invalid_argument(k + ": unknown key in a task object");
    }
    Task t;
    t.family = name();
    if (j.contains("family")) {
        if (!j["family"].is_string()) throw std::invalid_argument("family: must be a string");
        if (j["family"].get<std::string>() != name())
            throw std::invalid_argument("family: expected '" + name() + "', got '" + j["family"].get<std::string>() + "'");
    }
    for (const char* key : {"id", "prompt"}) {
        if (!j.contains(key)) continue;
        if (!j[key].is_string()) throw std::invalid_argument(std::string(key) + ": must be a string");
        (std::string(key) == "id" ? t.id : t.prompt) = j[key].get<std::string>();
    }
    if (!j.contains("data")) throw std::invalid_argument("data: missing key");
    if (!j["data"].is_object()) throw std::invalid_argument("data: must be an object");
    t.data = j["data"];
    if (j.contains("solutions")) {
        const auto& s = j["solutions"];
        if (!s.is_array()) throw std::invalid_argument("solutions: must be an array of strings");
        for (size_t i = 0; i < s.size(); ++i) {
            if (!s[i].is_string()) throw std::invalid_argument("solutions[" + std::to_string(i) + "]: must be a string");
            t.solutions.push_back(s[i].get<std::string>());
        }
    }
    return t;
}

std::vector<std::string> familyNames() {
    return {"countdown", "sum-decomposition", "arithmetic", "linear-equation", "gsm8k", "math"};
}

std::unique_ptr<TaskFamily> makeFamily(const std::string& name, const nlohmann::json& options) {
    const nlohmann::json opts = options.is_null() ? nlohmann::json::object() : options;
    if (!opts.is_object()) throw std::invalid_argument("options: must be an object");
    if (name == "countdown") return std::make_unique<CountdownFamily>(CountdownFamily::parseOptions(opts));
    if (name == "sum-decomposition") return std::make_unique<SumDecompositionFamily>(SumDecompositionFamily::parseOptions(opts));
    if (name == "arithmetic") return std::make_unique<ArithmeticFamily>(ArithmeticFamily::parseOptions(opts));
    if (name == "linear-equation") return std::make_unique<LinearEquationFamily>(LinearEquationFamily::parseOptions(opts));
    if (name == "gsm8k") return std::make_unique<ImportedFamily>(DatasetFormat::Gsm8k, opts);
    if (name == "math") return std::make_unique<ImportedFamily>(DatasetFormat::Math, opts);
    std::string known;
    for (const std::string& n : familyNames()) known += (known.empty() ? "" : ", ") + n;
    throw std::invalid_argument("unknown task family '" + name + "' (known: " + known + ")");
}

bool extractTaggedAnswer(const std::string& completion, std::string* answer) {
    static const std::string open = "<answer>", close = "</answer>";
    if (answer) answer->clear();
    const size_t end = completion.rfind(close);
    if (end == std::string::npos) return false;
    const size_t begin = completion.rfind(open, end);
    if (begin == std::string::npos) return false;
    if (answer) *answer = detail::trim(completion.substr(begin + open.size(), end - begin - open.size()));
    return true;
}

}  // namespace gcpo::tasks
