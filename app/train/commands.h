// gcpo-train subcommands: each cmd_*.cpp file registers one or more subcommands with
// GCPO_REGISTER_COMMAND(order, fn), where fn(CLI::App&) adds them; main() calls them by order.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace gcpo::cli {

// Exit codes shared by every subcommand.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;   // a run or I/O failure
constexpr int kExitBadInput = 2;  // invalid input, config or arguments
constexpr int kExitBusy = 3;      // refused: another live process owns the run
constexpr int kExitInterrupted = 130;  // stopped by SIGINT/SIGTERM after a clean checkpoint

using CommandAdder = std::function<void(CLI::App&)>;
int registerCommand(int order, CommandAdder adder);
void addRegisteredCommands(CLI::App& app);

}  // namespace gcpo::cli

#define GCPO_CAT2(a, b) a##b
#define GCPO_CAT(a, b) GCPO_CAT2(a, b)
#define GCPO_REGISTER_COMMAND(order, fn) \
    static const int GCPO_CAT(gcpoCommand_, __LINE__) = ::gcpo::cli::registerCommand(order, fn)
