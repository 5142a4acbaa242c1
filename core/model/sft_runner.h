// Entry point of the supervised warm-up behind a torch-free header, for the CLI and the workbench.
// Progress goes through a callback and stopping through a flag; the core knows nothing of any UI.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace gcpo::model {

struct SftProgress {
    enum class Kind { Train, Eval, Checkpoint, Done };
    Kind kind = Kind::Train;
    int64_t step = 0;  // optimizer steps done
    int64_t totalSteps = 0;
    double elapsedSeconds = 0.0;
    // Train (averaged over the steps since the last Train report)
    double loss = 0.0;  // mean cross-entropy per completion token (nats)
    double lr = 0.0;
    double gradNorm = 0.0;         // before clipping
    double tokensPerSecond = 0.0;  // all tokens (prompt + completion) through forward + backward
    // Eval (held-out prompts, real verifier)
    int64_t evalPrompts = 0;
    double evalAccuracy = 0.0;     // fraction verified correct
    double evalFormatRate = 0.0;   // fraction well-formatted (<answer>...</answer> found)
    double evalReward = 0.0;       // mean verifier reward
    double evalMeanLength = 0.0;   // mean completion tokens
    std::string sampleCompletion;  // one decoded completion (for a glance at what the model writes)
    // Checkpoint / Done
    std::string checkpointDir;
};

const char* toString(SftProgress::Kind k);  // "train", "eval", "checkpoint", "done"
nlohmann::json toJson(const SftProgress& p);

// Runs SFT with `config` (sft_config.h), writing <outDir>/checkpoint (atomically, every
// checkpoint.every steps and at the end) and <outDir>/config.json. Returns 0 when all steps ran, or
// 130 when *stop became true (after writing a checkpoint). Throws std::invalid_argument for a bad
// config (message names the key path) and std::runtime_error for run failures.
int runSft(const nlohmann::json& config, const std::string& outDir, const std::function<void(const SftProgress&)>& onProgress,
           const std::atomic<bool>* stop = nullptr);

}  // namespace gcpo::model
