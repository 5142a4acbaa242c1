// Small helpers shared by gcpo-train subcommands: reading files or stdin, reporting errors.
#pragma once

#include <stdexcept>
#include <string>

namespace gcpo::cli {

// Thrown by a subcommand to exit with `code` after printing `what()` as one line on stderr.
struct ExitError : std::runtime_error {
    ExitError(int code, const std::string& msg) : std::runtime_error(msg), code(code) {}
    int code;
};

// Whole contents of `path`, or of stdin when path is "-". Throws ExitError(2) naming the file.
std::string readFileOrStdin(const std::string& path);

}  // namespace gcpo::cli
