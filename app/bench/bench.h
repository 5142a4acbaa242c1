// gcpo-bench modes: each file adds one benchmark subcommand. Benchmarks print ratios measured side
// by side in the same run, since the machines are shared and noisy.
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <functional>

namespace gcpo::bench {

// Each bench_*.cpp registers its mode with GCPO_REGISTER_BENCH(order, fn), fn(CLI::App&).
int registerBench(int order, std::function<void(CLI::App&)> adder);
void addRegisteredBenches(CLI::App& app);

// Seconds per call of fn: repeats until at least minSeconds have passed (and at least minReps
// calls), in `rounds` rounds, and returns the fastest round's mean (the least disturbed by noise).
double timePerCall(const std::function<void()>& fn, double minSeconds = 0.2, int minReps = 3, int rounds = 3);

// One line describing the machine and LibTorch settings the figures were measured with.
void printEnvironment();

}  // namespace gcpo::bench

#define GCPO_BENCH_CAT2(a, b) a##b
#define GCPO_BENCH_CAT(a, b) GCPO_BENCH_CAT2(a, b)
#define GCPO_REGISTER_BENCH(order, fn) \
    static const int GCPO_BENCH_CAT(gcpoBench_, __LINE__) = ::gcpo::bench::registerBench(order, fn)
