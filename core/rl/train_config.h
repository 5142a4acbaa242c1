// The RL run configuration's field table: one row per setting (path, type, default, range, group,
// help) drives defaults, validation, the CLI's --set overrides, the typed RunConfig
// (run_config.h) and the workbench's configuration form. Plain C++ (no LibTorch): the workbench
// validates with the very same code as the trainer.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gcpo::rl {

enum class FieldType { Int, Double, Bool, String, Choice, IntList, Object };

struct ConfigField {
    std::string path;  // dotted key path, e.g. "sampling.group_size"
    FieldType type;
    nlohmann::json defaultValue;
    double min = 0.0, max = 0.0;       // inclusive range for Int / Double / IntList entries (min < max)
    std::vector<std::string> choices;  // for Choice
    std::string group;                 // task, model, sampling, algorithm, optimisation, evaluation, storage, run
    std::string label;                 // short English label
    std::string help;                  // what it does (tooltip)
};

struct ConfigIssue {
    std::string path;
    std::string message;
};

// All fields of a run config, in display order.
const std::vector<ConfigField>& configFields();
const ConfigField* findField(const std::string& path);

// The defaults, as a nested JSON object.
nlohmann::json defaultConfig();

// defaults, overridden by `config` (nested objects merged key by key; arrays and values replaced).
nlohmann::json mergeConfig(const nlohmann::json& base, const nlohmann::json& override);

// Every problem with a config (unknown keys, wrong types, out-of-range values, cross-field rules
// such as group_size >= 2 or k <= eval samples), each with its key path. Empty when valid.
// `config` is validated as given and after merging with the defaults.
std::vector<ConfigIssue> validateConfig(const nlohmann::json& config);

// defaults, then the settings implied by config's algorithm (see algorithms.h), then `config`;
// not validated. The typed form of a run config is resolveRunConfig (run_config.h).
nlohmann::json withDefaults(const nlohmann::json& config);

// "invalid config (N problems):" and one "  path: message" line per issue.
std::string describeIssues(const std::vector<ConfigIssue>& issues);

// Applies "key.path=value" to config: the value of a string or choice setting is taken as it is
// (a JSON string literal such as "" or "a b" is decoded), any other is parsed as JSON. Throws std::invalid_argument naming the assignment when it is malformed or the key
// path is not a known field.
void applyOverride(nlohmann::json& config, const std::string& assignment);
// The same, reporting a problem as *issue (path "--set", message naming the assignment and the
// key) and returning false instead of throwing.
bool applyOverride(nlohmann::json& config, const std::string& assignment, ConfigIssue* issue);

}  // namespace gcpo::rl
