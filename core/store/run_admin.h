// Run management on a run database: rename, notes, tags, delete (one transaction), search and
// filter, and the full stored config. The workbench's runs panel and the CLI call these.
//
// Writers need a RunStore opened for writing (std::logic_error otherwise); each call is one
// transaction, so a failure changes nothing. Readers work in any mode and on schema version 1
// files too (opened read-only, such a file has no notes or tags: they read as empty).
// Unknown runs are std::invalid_argument naming the run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/run_store.h"

namespace gcpo::store {

// ---- Writers ----
// Name must not be empty or only blanks (std::invalid_argument); leading/trailing blanks are cut.
void renameRun(RunStore& store, int64_t runId, const std::string& name);
void setRunNotes(RunStore& store, int64_t runId, const std::string& notes);  // "" removes them
// Replaces the run's tags. Tags are trimmed; empty ones and ones holding a comma or a newline
// are std::invalid_argument; duplicates collapse.
void setRunTags(RunStore& store, int64_t runId, const std::vector<std::string>& tags);
void addRunTag(RunStore& store, int64_t runId, const std::string& tag);
void removeRunTag(RunStore& store, int64_t runId, const std::string& tag);  // absent: no-op

struct DeleteRunResult {
    int64_t stepsDeleted = 0;                     // rows of `steps` removed with the run
    std::vector<std::string> removedDirectories;  // checkpoint folders removed after the commit
};

// Deletes the run and everything it wrote (steps, metrics, groups, rollouts, evals, eval samples,
// checkpoint records, logs, notes, tags) in one transaction; an experiment that planned the run
// keeps its slot, empty again. A live run (status running with a fresh heartbeat, see
// kDefaultStaleSeconds) is refused with std::logic_error: stop it first. After the commit the
// run's checkpoint folder that the trainer made beside the database (<db>.runs/run-<id>) is
// removed; checkpoints recorded elsewhere are left on disk.
DeleteRunResult deleteRun(RunStore& store, int64_t runId, double staleSeconds = kDefaultStaleSeconds);

// ---- Readers ----
struct RunAnnotations {
    std::string notes;
    std::vector<std::string> tags;  // sorted
};
RunAnnotations runAnnotations(const RunStore& store, int64_t runId);
std::vector<std::string> allTags(const RunStore& store);  // every tag in use, sorted

// The run's stored config (the full resolved config it trained with), pretty-printed JSON.
std::string storedConfig(const RunStore& store, int64_t runId, int indent = 2);

struct RunFilter {
    std::string text;                 // case-insensitive substring of name, algorithm, notes, a tag,
                                      // the experiment's name or arm; "" matches every run
    std::vector<std::string> tags;    // the run has every one of these tags
    std::vector<RunStatus> statuses;  // any of these (Crashed as derived); empty: any
    std::string algorithm;            // exact; "" any
    int64_t experimentId = 0;         // 0 any; > 0 runs of that experiment; -1 runs of no experiment
};

struct RunListing {
    RunInfo run;
    RunAnnotations annotations;
    int64_t experimentId = 0;  // 0 when the run belongs to no experiment
    std::string experimentName;
    std::string arm;
};

// Runs matching every given criterion, by id. Two indexed queries whatever the number of runs.
std::vector<RunListing> findRuns(const RunStore& store, const RunFilter& filter = {}, double staleSeconds = kDefaultStaleSeconds);

}  // namespace gcpo::store
