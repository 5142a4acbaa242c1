// Policy benchmarks behind a torch-free header (gcpo-bench model): peak matmul rate, SFT training
// throughput and model-FLOPs utilisation, sampling with and without the KV cache.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace gcpo::model {

struct ModelBenchSetup {
    int64_t layers = 4, dModel = 256, heads = 4, context = 256;
    std::string device = "cpu";  // resolved name ("cpu", "cuda:0")
    double minSeconds = 1.0;     // per timed measurement
};

struct MatmulPeak {
    double gflops = 0.0;  // best fp32 rate over the sizes tried
    int64_t size = 0;     // n of the n x n x n matmul that reached it
};
MatmulPeak measureMatmulPeak(const ModelBenchSetup& setup);

struct TrainBench {
    int64_t parameters = 0;        // all parameters
    int64_t matmulParameters = 0;  // N in 6 * N * tokens
    int64_t batch = 0, tokens = 0;
    double flopsPerToken = 0.0;  // 6 * N + 12 * layers * T * C (forward + backward, attention included)
    double secondsPerStep = 0.0;
    double tokensPerSecond = 0.0;
    double gflops = 0.0;             // achieved model FLOP rate
    double pageFaultsPerStep = 0.0;  // minor page faults per step (fresh memory from the kernel)
};
// Forward + backward + AdamW step on a (batch, tokens) batch of random tokens.
TrainBench measureTraining(const ModelBenchSetup& setup, int64_t batch, int64_t tokens);

// Where a training step's time goes: the step run under LibTorch's (legacy) profiler, each
// operator's self time (its own time, without the operators it calls) per step.
struct TrainProfile {
    double secondsPerStep = 0.0;                      // wall time of a profiled step
    double matmulSeconds = 0.0;                       // self time of mm, bmm, addmm, baddbmm, addbmm per step
    std::vector<std::pair<std::string, double>> ops;  // operator, self seconds per step, largest first
    double flopsPerStep = 0.0;                        // the model FLOPs of a step (all of them matmul FLOPs, as in TrainBench)
};
TrainProfile profileTraining(const ModelBenchSetup& setup, int64_t batch, int64_t tokens, int steps = 3);

struct SampleBench {
    int64_t rows = 0, newTokens = 0, promptTokens = 0;
    double seconds = 0.0;
    double tokensPerSecond = 0.0;  // rows * newTokens / seconds
};
// prompts x group rows, each generating exactly newTokens (no EOS stop), temperature 1.
SampleBench measureSampling(const ModelBenchSetup& setup, int64_t prompts, int64_t group, int64_t newTokens, bool useCache);

}  // namespace gcpo::model
