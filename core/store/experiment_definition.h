// The experiment definition file (JSON): one base config, arms that each change some settings of
// it (the algorithm and any other), and seeds. `gcpo-train experiment` runs one `gcpo-train run`
// per arm x seed; the workbench writes the same format.
//
//   {
//     "name": "demo-gcpo-vs-grpo",              unique in the database; letters, digits, - _ .
//     "base": "../configs/demo.json",           a config file (relative to this file, else to the
//                                               resources folder) or an inline config object
//     "set": {"steps": 100},                    optional: settings changed for every arm
//     "arms": [{"name": "grpo", "set": {"algorithm": "grpo"}},
//              {"name": "gcpo", "set": {"algorithm": "gcpo", "gcpo.estimator": "exact"}}],
//     "seeds": [0, 1, 2, 3],                    or {"first": 0, "count": 8}
//     "parallel": 1                             optional: runs at a time (default 1)
//   }
//
// "set" keys are dotted config paths ("sampling.group_size"); values are JSON values. "seed" and
// "name" are set per run by the experiment and may not appear in any "set". Whether the settings
// are valid configs is checked by the trainer (`gcpo-train run --validate-only`), not here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/experiment_store.h"

namespace gcpo::store {

struct ExperimentArmDefinition {
    std::string name;
    nlohmann::json set = nlohmann::json::object();
};

struct ExperimentDefinition {
    std::string name;
    nlohmann::json base = nlohmann::json::object();  // the base config, inline
    nlohmann::json set = nlohmann::json::object();
    std::vector<ExperimentArmDefinition> arms;
    std::vector<int64_t> seeds;
    int parallel = 1;
};

// Parses and checks a definition; a "base" file name is read relative to `baseDir`, then to
// `resourcesDir`. Throws std::invalid_argument listing every problem, each named by its field
// ("arms[1].name: ...") and prefixed with `where` (the file name).
ExperimentDefinition parseExperimentDefinition(const nlohmann::json& j, const std::string& baseDir,
                                               const std::string& resourcesDir, const std::string& where);
// Reads `path` and parses it (std::invalid_argument naming the file for unreadable or bad JSON).
ExperimentDefinition loadExperimentDefinition(const std::string& path, const std::string& resourcesDir);

// The canonical JSON (base inline, seeds as a list): what the database stores, and what a rerun
// of the same definition is compared with.
nlohmann::json toJson(const ExperimentDefinition& d);

// The config of one run: base, then the common "set", then the arm's "set", then seed and name.
nlohmann::json runConfig(const ExperimentDefinition& d, size_t arm, int64_t seed);
// "<experiment>/<arm>/seed<seed>": the run name the experiment gives each of its runs.
std::string runName(const ExperimentDefinition& d, size_t arm, int64_t seed);

// The store's record of the definition (arms with their settings, seeds, definition JSON).
ExperimentInfo toExperimentInfo(const ExperimentDefinition& d);

}  // namespace gcpo::store
