// What a data-parallel RL step shares between ranks besides gradients: which prompts a rank owns,
// sums of per-rank statistics (the global normalisers and metrics), and the step's record, sent to
// rank 0 (the only writer). Each is a no-op on one rank. Internal to the core (LibTorch types).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dist/communicator.h"
#include "store/run_store.h"

namespace gcpo::dist {

// A rank's contiguous share [first, first + count) of `total` items (prompts of a step, evaluation
// prompts). Throws std::invalid_argument when total is not divisible by the world size and
// `exact` is set (training: every rank gets whole groups, the same number).
struct Share {
    int64_t first = 0;
    int64_t count = 0;
};
Share shareOf(int64_t total, const Communicator& comm, bool exact);

// Element-wise sums over the ranks, in float64 (one collective). Returns `values` on one rank.
std::vector<double> sumOverRanks(Communicator& comm, std::vector<double> values);

// Rank 0: appends the other ranks' groups, rollouts and evaluation samples (in rank order) to
// `record`; the other ranks send theirs. Metrics and evaluation values are not sent (the caller
// computes them from sumOverRanks, identical everywhere). Returns the seconds spent.
double gatherShares(Communicator& comm, store::StepRecord& record);

// Runs `produce` on rank 0 alone and returns its result on every rank (through the rendezvous
// store, waiting as long as rank 0 needs: it may train the SFT warm-up meanwhile). When `produce`
// throws, rank 0 rethrows it and the other ranks throw std::invalid_argument (bad input, so that
// every rank exits 2) or std::runtime_error with its message. Each key is used once per job.
std::string fromRoot(Communicator& comm, const std::string& key, const std::function<std::string()>& produce);

// A run's B prompts must split into equal whole shares: throws std::invalid_argument naming
// sampling.prompts_per_step otherwise (before anything is written).
void checkPromptSplit(int64_t promptsPerStep, int worldSize);

// Starts the collectives of a run on this rank's device (rankDevice of `deviceSetting`) with the
// run's backend and timeout; nothing on one rank.
void startRunGroup(Communicator& comm, const DistConfig& placement, const std::string& deviceSetting, Backend backend,
                   double timeoutSeconds);

}  // namespace gcpo::dist
