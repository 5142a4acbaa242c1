// The RL trainer behind a torch-free header: GCPO and GRPO (and variants) end to end, every step
// stored in the SQLite run store. The CLI and the workbench's tests drive it through this API.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace gcpo::rl {

struct TrainerProgress {
    std::string phase;   // "sft" (warm-up being trained), "step", "eval", "checkpoint", "done"
    int64_t runId = 0;
    int64_t step = 0;
    int64_t totalSteps = 0;
    double elapsedSeconds = 0.0;
    double etaSeconds = 0.0;
    nlohmann::json metrics = nlohmann::json::object();  // this step's scalar metrics (TRL names)
    std::string message;  // human-readable line
};

struct TrainerOptions {
    std::string dbPath;
    std::function<void(const TrainerProgress&)> onProgress;  // may be empty
    const std::atomic<bool>* stop = nullptr;                 // graceful stop: finish step, checkpoint
    // The shared SFT warm-up cache (model/sft_cache.h), e.g. $XDG_CACHE_HOME/gcpo/sft as the CLI passes
    // it; "" = <dbPath>.sft beside the database.
    std::string sftCacheRoot;
};

// Exit statuses of runTraining / resumeTraining.
constexpr int kTrainOk = 0;
constexpr int kTrainFailed = 1;        // non-finite loss/gradient or another run failure (status failed)
constexpr int kTrainInterrupted = 130;  // stopped through *stop after a checkpoint (status interrupted)

// Validates `config` (throws std::invalid_argument listing every problem by key path before
// anything is written), trains the SFT warm-up first when the config asks for one that is not
// cached yet, creates the run in the database and trains it. *runIdOut receives the run id as
// soon as it exists.
int runTraining(const nlohmann::json& config, const TrainerOptions& options, int64_t* runIdOut = nullptr);

// Continues run `runId` of options.dbPath from its last checkpoint (or from its initial policy):
// steps after that checkpoint are deleted and replayed, so the result equals an uninterrupted run.
int resumeTraining(int64_t runId, const TrainerOptions& options);

// Where the SFT warm-up for `sftConfig` is cached under `cacheRoot` (trained on first use).
std::string sftCacheDir(const std::string& cacheRoot, const nlohmann::json& sftConfig);

// The resources folder (presets, demo configs): $GCPO_RESOURCES, else the source tree's resources/.
std::string resourcesDir();

}  // namespace gcpo::rl
