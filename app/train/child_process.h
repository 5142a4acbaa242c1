// Child gcpo-train processes for `gcpo-train experiment`: start one with its config on stdin, its
// stdout on a pipe and its stderr in a log file; stop and reap it. POSIX (Linux) only.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace gcpo::cli {

// The path of the running executable (/proc/self/exe). Throws std::runtime_error.
std::string selfExecutable();

struct Child {
    pid_t pid = -1;
    int stdoutFd = -1;    // non-blocking read end of the child's stdout
    std::string pending;  // bytes read but not yet a whole line
};

// Starts `exe args...` in its own process group (so a terminal's Ctrl-C reaches only the parent,
// which stops children one clean SIGTERM at a time), with `stdinText` written to its stdin and
// stderr appended to `logPath`. On Linux the child gets SIGTERM if the parent dies.
Child startChild(const std::string& exe, const std::vector<std::string>& args, const std::string& stdinText,
                 const std::string& logPath);

// Reads what is available; returns the complete lines (without '\n'). Sets *eof at end of stream.
std::vector<std::string> readLines(Child& c, bool* eof);

// Runs `exe args...` with `stdinText` on stdin to completion; stdout and stderr together into *output.
int runToCompletion(const std::string& exe, const std::vector<std::string>& args, const std::string& stdinText,
                    std::string* output);

// Exit status as a shell reports it: the exit code, or 128 + the signal number.
int exitCodeOf(int waitStatus);

}  // namespace gcpo::cli
