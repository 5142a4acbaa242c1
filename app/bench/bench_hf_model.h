// gcpo-bench model --model DIR | --arch A --size S: the Hugging Face policy part of the model bench.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

namespace gcpo::bench {

// Adds --model, --arch, --size, --dtype and --gradient-checkpointing to the `model` subcommand.
void addHfModelOptions(CLI::App* cmd);
// True when --model or --arch was given: then runHfModelBench replaces the built-in model bench.
bool hfModelBenchRequested();
// Training (batch x tokens) and KV-cache sampling (rlPrompts x group rows, newTokens each).
void runHfModelBench(const std::string& device, int64_t batch, int64_t tokens, int64_t rlPrompts, int64_t group,
                     int64_t newTokens, double seconds);

}  // namespace gcpo::bench
