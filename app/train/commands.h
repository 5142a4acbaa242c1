// gcpo-train subcommands: each cmd_*.cpp file registers one or more subcommands with
// GCPO_REGISTER_COMMAND(order, fn), where fn(CLI::App&) adds them; main() calls them by order.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "util/run_protocol.h"

namespace gcpo::cli {

// Exit codes shared by every subcommand (the protocol's table, util/run_protocol.h).
constexpr int kExitOk = toInt(ExitCode::Ok);
constexpr int kExitFailure = toInt(ExitCode::Failure);          // a run or I/O failure
constexpr int kExitBadInput = toInt(ExitCode::BadInput);        // invalid input, config or arguments
constexpr int kExitBusy = toInt(ExitCode::Busy);                // another live process owns the run
constexpr int kExitInterrupted = toInt(ExitCode::Interrupted);  // stopped by SIGINT/SIGTERM after a clean checkpoint

using CommandAdder = std::function<void(CLI::App&)>;
int registerCommand(int order, CommandAdder adder);
void addRegisteredCommands(CLI::App& app);

}  // namespace gcpo::cli

#define GCPO_CAT2(a, b) a##b
#define GCPO_CAT(a, b) GCPO_CAT2(a, b)
#define GCPO_REGISTER_COMMAND(order, fn) \
    static const int GCPO_CAT(gcpoCommand_, __LINE__) = ::gcpo::cli::registerCommand(order, fn)
