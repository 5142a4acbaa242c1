// Benchmarks of Hugging Face policies behind a torch-free header (gcpo-bench model --model/--arch):
// matmul peak of a dtype, training tokens/s and MFU, KV-cache sampling tokens/s at the RL batch.
#pragma once

#include <cstdint>
#include <string>

#include "model/hf/hf_config.h"

namespace gcpo::model::hf {

struct HfBenchSetup {
    std::string modelDir;        // a model folder ("" = random weights of `config`)
    HfConfig config;             // used when modelDir is empty
    std::string device = "cpu";  // resolved name
    std::string dtype = "fp32";  // "fp32" or "bf16" (bf16: fp32 master weights, bf16 arithmetic)
    bool gradientCheckpointing = false;
    double minSeconds = 1.0;
};

struct HfPeak {
    double gflops = 0.0;
    int64_t size = 0;
};
// Best n x n x n matmul rate in `dtype` over a few sizes.
HfPeak measureHfMatmulPeak(const HfBenchSetup& s);

struct HfTrainBench {
    int64_t parameters = 0, matmulParameters = 0, batch = 0, tokens = 0;
    double flopsPerToken = 0.0;  // 6 N + 12 L T (H D): weights and attention, forward + backward
    double secondsPerStep = 0.0, tokensPerSecond = 0.0, gflops = 0.0;
};
// Forward + backward of the token log-likelihood and an AdamW step on random tokens.
HfTrainBench measureHfTraining(const HfBenchSetup& s, int64_t batch, int64_t tokens);

struct HfSampleBench {
    int64_t rows = 0, newTokens = 0, promptTokens = 0;
    double seconds = 0.0, tokensPerSecond = 0.0;  // rows * newTokens / seconds
};
// KV-cache sampling of prompts x group rows, each generating exactly newTokens (no stop), temperature 1.
HfSampleBench measureHfSampling(const HfBenchSetup& s, int64_t prompts, int64_t group, int64_t newTokens);

}  // namespace gcpo::model::hf
