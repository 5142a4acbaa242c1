// Sampling completions of one prompt from a checkpoint behind a torch-free header (CLI, workbench).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gcpo::model {

struct SampleRequest {
    std::string checkpoint;  // directory written by saveCheckpoint
    std::string prompt;      // encoded after BOS, as the trainer does (ignored when task is given)
    int64_t n = 8;           // completions
    double temperature = 1.0;
    int64_t topK = 0;
    double topP = 1.0;
    int64_t maxNewTokens = 64;  // lowered to fit the context when needed
    uint64_t seed = 0;
    std::string device = "auto";
    int threads = 0;
    // When not null: a task object as `gcpo-train tasks sample` prints it (with "family"); its prompt
    // is sampled and every completion verified.
    nlohmann::json task;
    double formatReward = 0.0;  // reward of a well-formatted wrong answer in verdicts
};

struct SampledCompletion {
    std::string text;
    int64_t tokens = 0;      // completion tokens, EOS included
    bool finished = false;   // ended with EOS
    double logprob = 0.0;    // sum of policy log-probs (temperature 1) over the completion
    nlohmann::json verdict;  // tasks::toJson(Verdict) when a task was given, else null
};

// Throws std::invalid_argument for a bad request (unknown family, malformed task object, characters
// outside the vocabulary, prompt longer than the context) and std::runtime_error for an unreadable checkpoint.
std::vector<SampledCompletion> sampleFromCheckpoint(const SampleRequest& request);

}  // namespace gcpo::model
