// gcpo-bench train --nproc N: weak scaling of data-parallel training (N ranks vs 1, same per-rank batch).
#pragma once

#include <string>

namespace gcpo::bench {

struct ScalingOptions {
    int nproc = 2;
    int steps = 6;           // per run; the first step is not counted
    int groupSize = 16;      // G
    int promptsPerRank = 8;  // B per rank: the one-process run gets this B, the N-rank run N times it
    int threadsPerRank = 1;
    std::string device = "auto";  // auto: cuda:LOCAL_RANK per rank when CUDA is there
    std::string trainExe;         // gcpo-train (default: beside this program)
};

// Runs `gcpo-train run` (1 process) and `gcpo-train launch --nproc N -- run` (N ranks) on the same
// per-rank batch and prints step time, all-reduce time and the weak-scaling efficiency t1 / tN.
void runScalingBench(const ScalingOptions& options);

}  // namespace gcpo::bench
