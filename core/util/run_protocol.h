// The protocol between gcpo-train and the programs that start it (the workbench's launcher):
// process exit codes, and the progress lines that --progress-json writes to stdout, one JSON
// object per line. Both sides use this header, so neither re-types a code or a key.
// Plain C++ (no LibTorch, no Qt).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace gcpo {

// Exit codes of gcpo-train (every subcommand) and of the trainer's run functions.
enum class ExitCode : int {
    Ok = 0,
    Failure = 1,        // a run failed (non-finite loss/gradient, I/O error, ...): see its message
    BadInput = 2,       // invalid input, config or arguments; nothing was written
    Busy = 3,           // refused: another live process owns the run
    Interrupted = 130,  // stopped by SIGINT/SIGTERM after a clean checkpoint; the run can be resumed
};

struct ExitCodeInfo {
    ExitCode code;
    const char* name;     // "ok", "failure", "bad-input", "busy", "interrupted"
    const char* meaning;  // one English line
};

// Every exit code, in numeric order.
constexpr ExitCodeInfo kExitCodes[] = {
    {ExitCode::Ok, "ok", "finished"},
    {ExitCode::Failure, "failure", "the run or command failed"},
    {ExitCode::BadInput, "bad-input", "invalid input, config or arguments; nothing was written"},
    {ExitCode::Busy, "busy", "refused: another live process owns the run; nothing was written"},
    {ExitCode::Interrupted, "interrupted", "stopped after a clean checkpoint; resumable"},
};

constexpr int toInt(ExitCode c) { return static_cast<int>(c); }
// The code of a process exit status; false for a status that is none of kExitCodes.
bool exitCodeFromInt(int status, ExitCode* out);

// What a progress line reports.
enum class RunPhase {
    Sft,          // the SFT warm-up is being trained (no run id yet)
    Eval,         // an evaluation (step 0: the initial policy)
    Step,         // an RL step was written
    Done,         // the run finished
    Interrupted,  // stopped gracefully after a checkpoint
    Failed,       // the run failed (message says why)
    Resume,       // a message while a run is being resumed (e.g. a checkpoint skipped)
};
const char* toString(RunPhase p);                              // "sft", "eval", "step", "done", "interrupted", "failed", "resume"
bool runPhaseFromString(const std::string& s, RunPhase* out);  // false for an unknown name

// One progress line: {"phase","run_id","step","total","elapsed_s","eta_s","metrics","message"}.
struct RunProgress {
    RunPhase phase = RunPhase::Step;
    int64_t runId = 0;  // 0 while no run exists yet (SFT warm-up)
    int64_t step = 0;
    int64_t totalSteps = 0;
    double elapsedSeconds = 0.0;
    double etaSeconds = 0.0;
    nlohmann::json metrics = nlohmann::json::object();  // this step's scalar metrics (TRL names)
    std::string message;                                // human-readable line
};

nlohmann::json toJson(const RunProgress& p);
// One stdout line; false when it is not a progress object (e.g. a plain log line or an unknown phase).
bool parseProgressLine(const std::string& line, RunProgress* out);

}  // namespace gcpo
