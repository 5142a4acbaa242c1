// gcpo-train subcommands: each file adds one subcommand to the CLI11 app.
#pragma once

#include <CLI/CLI.hpp>

namespace gcpo::cli {

// Exit codes shared by every subcommand.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;   // a run or I/O failure
constexpr int kExitBadInput = 2;  // invalid input, config or arguments

void addCreditCommand(CLI::App& app);

}  // namespace gcpo::cli
