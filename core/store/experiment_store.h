// Experiments in the run database: a base config, arms (each a set of settings changed from the
// base: the algorithm and any other), and seeds; one planned run per arm x seed, linked to the
// stored run once it exists. Plus the evaluation queries the compare view and the report need
// (final evals per run, per-prompt tallies of the stored eval samples), all served by indexes.
//
// Writers need a RunStore opened for writing (std::logic_error otherwise), one transaction each.
// Readers work in any mode; on a schema version 1 file opened read-only there are no experiments.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "store/run_store.h"

namespace gcpo::store {

struct ExperimentArm {
    int32_t index = 0;         // 0-based, the order arms were defined in
    std::string name;          // unique within the experiment: "grpo", "gcpo", ...
    std::string settingsJson;  // JSON object {"key.path": value, ...} applied to the base config
};

struct ExperimentInfo {
    int64_t id = 0;    // assigned by createExperiment
    std::string name;  // unique within the database
    double createdAt = 0.0;
    std::string definitionJson;  // the definition it was created from (base config resolved inline)
    std::string notes;
    std::vector<ExperimentArm> arms;  // by index
    std::vector<int64_t> seeds;       // ascending
};

// One planned run (arm x seed) and, once it exists, the stored run's state.
struct ExperimentRun {
    int32_t armIndex = 0;
    std::string arm;
    int64_t seed = 0;
    int64_t runId = 0;                      // 0: not started (or its run was deleted)
    RunStatus status = RunStatus::Running;  // meaningful only when runId > 0 (Crashed derived as by runInfo)
    std::string runName;
    int64_t lastStep = -1;
    int64_t totalSteps = 0;
    double heartbeatAt = 0.0;
};

// ---- Writers ----
// Creates the experiment with its arms and one planned run per arm x seed, in one transaction.
// std::invalid_argument for an empty or taken name, no arms, no seeds, duplicate arm names or
// seeds, or settings that are not a JSON object.
int64_t createExperiment(RunStore& store, const ExperimentInfo& info);
// Adds arms after the stored ones and/or seeds to an experiment, planning the missing runs; the stored
// arms (names and settings) and seeds must all be kept, and the definition is replaced by `info`'s.
// Finished runs stay as they are. std::invalid_argument naming what differs otherwise.
void extendExperiment(RunStore& store, int64_t experimentId, const ExperimentInfo& info);
// Links planned run (experiment, arm, seed) to stored run `runId`, replacing an earlier link.
// std::invalid_argument when the slot or the run is unknown, or the run belongs to another slot.
void linkExperimentRun(RunStore& store, int64_t experimentId, int32_t armIndex, int64_t seed, int64_t runId);
void renameExperiment(RunStore& store, int64_t experimentId, const std::string& name);
void setExperimentNotes(RunStore& store, int64_t experimentId, const std::string& notes);
// Removes the experiment's definition and slots; its runs stay in the database as plain runs.
void deleteExperiment(RunStore& store, int64_t experimentId);

// ---- Readers ----
std::vector<ExperimentInfo> listExperiments(const RunStore& store);          // by id
ExperimentInfo experimentInfo(const RunStore& store, int64_t experimentId);  // std::invalid_argument if unknown
int64_t findExperiment(const RunStore& store, const std::string& name);      // 0 when none has that name
// Every planned run, by arm index then seed, with its run's state (one indexed query).
std::vector<ExperimentRun> experimentRuns(const RunStore& store, int64_t experimentId,
                                          double staleSeconds = kDefaultStaleSeconds);

// The evaluation at one step of one run: metric -> value.
struct RunEval {
    int64_t runId = 0;
    int64_t step = -1;  // -1: the run has no evaluation
    std::map<std::string, double> values;
};
// Each run's evaluation at its last evaluated step (step = -1, no values, for a run without one).
std::vector<RunEval> finalEvals(const RunStore& store, const std::vector<int64_t>& runIds);
// Each run's evaluation at `step` exactly (step = -1 when the run has none there).
std::vector<RunEval> evalsAtStep(const RunStore& store, const std::vector<int64_t>& runIds, int64_t step);

// One eval prompt's samples at one step of one run, tallied.
struct PromptTally {
    int32_t promptIndex = 0;  // the same prompt has the same index in every run
    std::string taskId;
    std::string prompt;
    int32_t samples = 0;          // n
    int32_t correct = 0;          // c
    int32_t distinctCorrect = 0;  // distinct canonical answers among the correct samples
};
// By prompt index, from the stored eval samples (every sample of every eval is kept).
std::vector<PromptTally> promptTallies(const RunStore& store, int64_t runId, int64_t step);

}  // namespace gcpo::store
