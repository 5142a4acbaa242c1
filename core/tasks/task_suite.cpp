// TaskSuite: config validation (errors name the key path), weighted sampling, verification.
#include "tasks/task_suite.h"

#include <cmath>
#include <stdexcept>

#include "tasks/task_util.h"

namespace gcpo::tasks {

namespace {

double readReward(const nlohmann::json& config, const char* key, double fallback) {
    if (!config.contains(key)) return fallback;
    const auto& v = config[key];
    if (!v.is_number()) throw std::invalid_argument(std::string(key) + ": must be a number");
    const double x = v.get<double>();
    if (!std::isfinite(x) || x < 0.0 || x > 1.0) throw std::invalid_argument(std::string(key) + ": must be in [0, 1]");
    return x;
}

}  // namespace

TaskSuite::TaskSuite(const nlohmann::json& config) {
    if (!config.is_object()) throw std::invalid_argument("task suite config: must be a JSON object");
    for (auto it = config.begin(); it != config.end(); ++it)
        if (it.key() != "families" && it.key() != "format_reward" && it.key() != "correct_reward")
            throw std::invalid_argument(it.key() + ": unknown key");
    m_reward.formatReward = readReward(config, "format_reward", 0.0);
    m_reward.correctReward = readReward(config, "correct_reward", 1.0);
    if (m_reward.formatReward > m_reward.correctReward)
        throw std::invalid_argument("format_reward: must not exceed correct_reward");
    if (!config.contains("families")) throw std::invalid_argument("families: missing key");
    const auto& families = config["families"];
    if (!families.is_array() || families.empty()) throw std::invalid_argument("families: must be a non-empty array");
    m_config = {{"format_reward", m_reward.formatReward},
                {"correct_reward", m_reward.correctReward},
                {"families", nlohmann::json::array()}};
    for (size_t i = 0; i < families.size(); ++i) {
        const std::string path = "families[" + std::to_string(i) + "]";
        const auto& f = families[i];
        if (!f.is_object()) throw std::invalid_argument(path + ": must be an object");
        for (auto it = f.begin(); it != f.end(); ++it)
            if (it.key() != "name" && it.key() != "weight" && it.key() != "options")
                throw std::invalid_argument(path + "." + it.key() + ": unknown key");
        if (!f.contains("name") || !f["name"].is_string()) throw std::invalid_argument(path + ".name: missing or not a string");
        const std::string name = f["name"].get<std::string>();
        if (hasFamily(name)) throw std::invalid_argument(path + ".name: family '" + name + "' appears twice");
        double weight = 1.0;
        if (f.contains("weight")) {
            if (!f["weight"].is_number()) throw std::invalid_argument(path + ".weight: must be a number");
            weight = f["weight"].get<double>();
            if (!std::isfinite(weight) || weight <= 0.0) throw std::invalid_argument(path + ".weight: must be > 0");
        }
        const nlohmann::json options = f.contains("options") ? f["options"] : nlohmann::json::object();
        if (!options.is_object()) throw std::invalid_argument(path + ".options: must be an object");
        std::unique_ptr<TaskFamily> family;
        try {
            family = makeFamily(name, options);
        } catch (const std::invalid_argument& e) {
            const std::string msg = e.what();
            throw std::invalid_argument(msg.rfind("unknown task family", 0) == 0 ? path + ".name: " + msg
                                                                                 : path + ".options." + msg);
        }
        m_totalWeight += weight;
        m_entries.push_back({name, weight, std::move(family)});
        m_config["families"].push_back({{"name", name}, {"weight", weight}, {"options", options}});
    }
}

Task TaskSuite::sample(Split split, uint64_t seed, int64_t index) const {
    const uint64_t h = detail::mix64(detail::mix64(seed ^ 0x5a17eULL) ^ static_cast<uint64_t>(index));
    const double u = static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0) * m_totalWeight;  // [0, total)
    double acc = 0.0;
    for (const Entry& e : m_entries) {
        acc += e.weight;
        if (u < acc) return e.family->generate(split, seed, index);
    }
    return m_entries.back().family->generate(split, seed, index);
}

Verdict TaskSuite::verify(const Task& task, const std::string& completion) const {
    return family(task.family).verify(task, completion, m_reward);
}

const TaskFamily& TaskSuite::family(const std::string& name) const {
    for (const Entry& e : m_entries)
        if (e.name == name) return *e.family;
    throw std::invalid_argument("task family '" + name + "' is not part of this task suite");
}

bool TaskSuite::hasFamily(const std::string& name) const {
    for (const Entry& e : m_entries)
        if (e.name == name) return true;
    return false;
}

std::vector<std::string> TaskSuite::familyNames() const {
    std::vector<std::string> out;
    for (const Entry& e : m_entries) out.push_back(e.name);
    return out;
}

double TaskSuite::weight(const std::string& name) const {
    for (const Entry& e : m_entries)
        if (e.name == name) return e.weight / m_totalWeight;
    throw std::invalid_argument("task family '" + name + "' is not part of this task suite");
}

}  // namespace gcpo::tasks
