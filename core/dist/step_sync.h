// What a data-parallel RL step shares between ranks besides gradients: which prompts a rank owns,
// sums of per-rank statistics (the global normalisers and metrics), and the step's record, sent to
// rank 0 (the only writer). Each is a no-op on one rank. Internal to the core (LibTorch types).
#pragma once

#include <cstdint>
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

}  // namespace gcpo::dist
