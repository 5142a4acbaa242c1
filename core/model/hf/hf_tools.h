// Torch-free entry points for programs (gcpo-train score / export-model, gcpo-bench): scoring token
// sequences with a Hugging Face model folder and re-writing a folder in another dtype.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/hf/hf_config.h"

namespace gcpo::model::hf {

// A loaded model folder that scores sequences (eval mode, no gradients).
class HfScorer {
public:
    // device: "cpu", "cuda", "cuda:N" or "auto"; dtype "fp32" or "bf16". Throws std::invalid_argument
    // (HfConfigError, HfModelError, SafetensorsError) for a folder that cannot be loaded.
    HfScorer(const std::string& dir, const std::string& device = "cpu", const std::string& dtype = "fp32");
    ~HfScorer();
    HfScorer(const HfScorer&) = delete;
    HfScorer& operator=(const HfScorer&) = delete;

    // log p(ids[t] | ids[0..t-1]) for every t (0 for t = 0), computed in fp32 or better.
    // Throws std::invalid_argument for an id outside the vocabulary or a sequence beyond the context.
    std::vector<double> score(const std::vector<int64_t>& ids);
    const HfConfig& config() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

// Loads `src` (checked as loadHfModel does) and writes it to `out` with weights in `dtype` ("fp32",
// "bf16" or "fp16"), sharded above maxShardBytes, tokenizer files copied. `out` must not exist.
void convertHfFolder(const std::string& src, const std::string& out, const std::string& dtype,
                     int64_t maxShardBytes = 5'000'000'000);

}  // namespace gcpo::model::hf
