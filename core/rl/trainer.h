// The RL trainer behind a torch-free header: GCPO and GRPO (and variants) end to end, every step
// stored in the SQLite run store. The CLI and the workbench's tests drive it through this API.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "dist/dist_config.h"
#include "rl/run_config.h"
#include "util/run_protocol.h"

namespace gcpo::rl {

using TrainerProgress = RunProgress;  // phase sft, eval, step, done, interrupted or failed

struct TrainerOptions {
    std::string dbPath;
    std::function<void(const TrainerProgress&)> onProgress;  // may be empty
    const std::atomic<bool>* stop = nullptr;                 // graceful stop: finish step, checkpoint
    // The shared SFT warm-up cache (model/sft_cache.h), e.g. $XDG_CACHE_HOME/gcpo/sft as the CLI passes
    // it; "" = <dbPath>.sft beside the database.
    std::string sftCacheRoot;
    // Where the built-in SFT config (configs/sft_demo.json) is found when model.sft_config is empty.
    std::string resourcesDir;
    // > 0: LibTorch threads for this process, whatever the config's `threads` says (a setting of
    // the machine, e.g. the CLI's GCPO_THREADS; not part of the run's results or of any cache key).
    int threadsOverride = 0;
    // This process's place in a data-parallel job (default: the only process). Rank 0 alone opens
    // the database and writes checkpoints; the other ranks report only how they end.
    dist::DistConfig dist;
};

// Exit statuses of runTraining / resumeTraining (see util/run_protocol.h).
constexpr int kTrainOk = toInt(ExitCode::Ok);
constexpr int kTrainFailed = toInt(ExitCode::Failure);           // non-finite loss/gradient or another failure (status failed)
constexpr int kTrainInterrupted = toInt(ExitCode::Interrupted);  // stopped through *stop after a checkpoint (status interrupted)

// Trains the SFT warm-up first when the config asks for one that is not cached yet, creates the
// run in the database (its stored config: toJson(config), every value used) and trains it.
// *runIdOut receives the run id as soon as it exists.
int runTraining(const RunConfig& config, const TrainerOptions& options, int64_t* runIdOut = nullptr);
// The same from a JSON run config, resolved by resolveRunConfig first (throws std::invalid_argument
// listing every problem by key path before anything is written).
int runTraining(const nlohmann::json& config, const TrainerOptions& options, int64_t* runIdOut = nullptr);

// Continues run `runId` of options.dbPath from its last checkpoint (or from its initial policy):
// steps after that checkpoint are deleted and replayed, so the result equals an uninterrupted run.
int resumeTraining(int64_t runId, const TrainerOptions& options);

// Where the SFT warm-up for `sftConfig` is cached under `cacheRoot` (trained on first use).
std::string sftCacheDir(const std::string& cacheRoot, const nlohmann::json& sftConfig);

}  // namespace gcpo::rl
