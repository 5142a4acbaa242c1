// Small helpers shared by gcpo-train subcommands: reading files or stdin, reporting errors.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace gcpo::cli {

// Thrown by a subcommand to exit with `code` after printing `what()` as one line on stderr.
struct ExitError : std::runtime_error {
    ExitError(int code, const std::string& msg) : std::runtime_error(msg), code(code) {}
    int code;
};

// Whole contents of `path`, or of stdin when path is "-". Throws ExitError(2) naming the file.
std::string readFileOrStdin(const std::string& path);

// Rows as left-aligned columns two spaces apart (widths in bytes), one line each, "\n"-terminated.
std::string alignedTable(const std::vector<std::vector<std::string>>& rows);

}  // namespace gcpo::cli
