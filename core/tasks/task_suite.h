// A weighted mixture of task families with one reward setting: what the SFT warm-up and the RL
// trainer sample prompts from and verify completions with.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tasks/task.h"

namespace gcpo::tasks {

class TaskSuite {
public:
    // Config: {"families": [{"name": "countdown", "weight": 1, "options": {...}}, ...],
    //          "format_reward": 0.1, "correct_reward": 1.0}
    // "families" is required and non-empty; "weight" (> 0, default 1) and "options" (default {})
    // are optional; a family may appear once. Throws std::invalid_argument whose message starts
    // with the key path, e.g. "families[1].options.count: must be in [2, 5], got 9".
    explicit TaskSuite(const nlohmann::json& config);

    // Deterministic in (split, seed, index): the family is drawn by weight from a hash of
    // (seed, index), then that family generates (split, seed, index).
    Task sample(Split split, uint64_t seed, int64_t index) const;
    // Verifies with the family named by task.family and this suite's reward settings.
    // Throws std::invalid_argument if the family is not part of the suite.
    Verdict verify(const Task& task, const std::string& completion) const;

    const TaskFamily& family(const std::string& name) const;  // throws std::invalid_argument
    bool hasFamily(const std::string& name) const;
    std::vector<std::string> familyNames() const;  // in config order
    double weight(const std::string& name) const;  // normalised to sum 1
    const RewardConfig& reward() const { return m_reward; }
    const nlohmann::json& config() const { return m_config; }  // as given, with defaults filled in

    // All characters generated prompts and completions can contain (see taskAlphabet()).
    static const std::string& alphabet() { return taskAlphabet(); }

private:
    struct Entry {
        std::string name;
        double weight;
        std::unique_ptr<TaskFamily> family;
    };
    std::vector<Entry> m_entries;
    double m_totalWeight = 0.0;
    RewardConfig m_reward;
    nlohmann::json m_config;
};

}  // namespace gcpo::tasks
