// `gcpo-train verify` without the command line: one JSON line {family, task, completion} in, one
// verdict object out. Never throws on bad input: a bad line gives a verdict naming the line.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "tasks/task.h"

namespace gcpo::tasks {

class LineVerifier {
public:
    explicit LineVerifier(const RewardConfig& reward) : m_reward(reward) {}

    // The verdict for input line `lineNo` (1-based): tasks::toJson(Verdict) plus "line"; for a bad
    // line (invalid UTF-8, too deep or invalid JSON, unknown key or family, bad task) the verdict
    // has input_error true and error "line N: <reason>", and *bad is set. Strings in the verdict
    // may hold invalid UTF-8 from the completion: write it with util::dumpSafe.
    nlohmann::json verify(const std::string& line, int64_t lineNo, bool* bad);

private:
    nlohmann::json verifyOrThrow(const std::string& line);
    RewardConfig m_reward;
    std::map<std::string, std::unique_ptr<TaskFamily>> m_families;
};

}  // namespace gcpo::tasks
