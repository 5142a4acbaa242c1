// One verdict per JSON input line, with per-line errors (see line_verifier.h).
#include "tasks/line_verifier.h"

#include <stdexcept>

#include "tasks/task_suite.h"
#include "util/json_guard.h"

namespace gcpo::tasks {

nlohmann::json LineVerifier::verifyOrThrow(const std::string& line) {
    if (line.find_first_not_of(" \t") == std::string::npos) throw std::invalid_argument("empty line");
    if (!util::isValidUtf8(line)) throw std::invalid_argument("not valid UTF-8");
    nlohmann::json j;
    try {
        j = util::parseJson(line);
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(std::string("not valid JSON (") + e.what() + ")");
    }
    if (!j.is_object()) throw std::invalid_argument("must be a JSON object {family, task, completion}");
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it.key() != "family" && it.key() != "task" && it.key() != "completion")
            throw std::invalid_argument(it.key() + ": unknown key");
    for (const char* key : {"family", "task", "completion"})
        if (!j.contains(key)) throw std::invalid_argument(std::string(key) + ": missing key");
    if (!j["family"].is_string()) throw std::invalid_argument("family: must be a string");
    if (!j["completion"].is_string()) throw std::invalid_argument("completion: must be a string");
    const std::string name = j["family"].get<std::string>();
    auto it = m_families.find(name);
    if (it == m_families.end()) it = m_families.emplace(name, makeFamily(name)).first;
    Task task;
    try {
        task = it->second->fromJson(j["task"]);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string("task.") + e.what());
    }
    return toJson(it->second->verify(task, j["completion"].get<std::string>(), m_reward));
}

nlohmann::json LineVerifier::verify(const std::string& line, int64_t lineNo, bool* bad) {
    nlohmann::json verdict;
    try {
        verdict = verifyOrThrow(line);
    } catch (const std::exception& e) {  // invalid_argument, or logic_error for an imported family without data
        if (bad) *bad = true;
        verdict = toJson(Verdict{});
        verdict["error"] = util::toValidUtf8("line " + std::to_string(lineNo) + ": " + e.what());
        verdict["input_error"] = true;
    }
    verdict["line"] = lineNo;
    return verdict;
}

}  // namespace gcpo::tasks
