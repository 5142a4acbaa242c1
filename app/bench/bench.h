// gcpo-bench modes: each file adds one benchmark subcommand. Benchmarks print ratios measured side
// by side in the same run, since the machines are shared and noisy.
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <functional>

namespace gcpo::bench {

void addCreditBench(CLI::App& app);

// Seconds per call of fn: repeats until at least minSeconds have passed (and at least minReps
// calls), in `rounds` rounds, and returns the fastest round's mean (the least disturbed by noise).
double timePerCall(const std::function<void()>& fn, double minSeconds = 0.2, int minReps = 3, int rounds = 3);

// One line describing the machine and LibTorch settings the figures were measured with.
void printEnvironment();

}  // namespace gcpo::bench
