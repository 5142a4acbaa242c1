// The SQLite run store: every training run, its per-step metrics, rollout groups, evaluations and
// checkpoints, in one database file that the trainer writes and the workbench and CLI read.
//
// Plain C++17 with std types only (no SQLite, Qt or LibTorch type in this header: pimpl).
//
// Concurrency model: the trainer is the only writer and writes one transaction per step (WAL
// mode), so readers on their own connections (other processes or threads) only ever see whole
// steps. One RunStore object is not thread-safe: give each thread its own. Several reader calls
// that must agree with each other go inside one ReadTransaction.
//
// Times are seconds since the Unix epoch (double). A NaN metric value is stored as SQL NULL and
// read back as NaN; infinities are stored as they are.
//
// Safety: opening checks the file read-only first. A file that is not a GCPO run database (random
// bytes, text, another application's SQLite database) or one written by a newer schema version
// is refused with std::runtime_error naming the file and the reason, and is never modified (not
// even by -wal/-shm sidecar files). Only a nonexistent or zero-byte file is created and
// initialised, and only by Mode::Write.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace gcpo::store {

// A file that cannot be used as a run database: not one (foreign, text, random bytes), a newer schema,
// damaged, a directory, or missing/empty where an existing database is needed. The file was not
// modified. gcpo-train exits with code 2 (bad input) for it, whatever the command.
struct DatabaseRefusedError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Stored in the SQLite header (PRAGMA application_id): "GCPO" in ASCII.
constexpr int32_t kApplicationId = 0x4743504F;
// PRAGMA user_version of the schema this build writes; files with a larger value are refused.
// Version 2 added experiments and run notes/tags: a version 1 file opened for writing is migrated
// (one transaction); opened for reading it is read as it is, never modified.
constexpr int kSchemaVersion = 2;
// A run whose status is `running` and whose heartbeat is older than this is reported as crashed.
constexpr double kDefaultStaleSeconds = 30.0;

// Stored statuses are Running, Finished, Failed and Interrupted. Crashed is never stored: readers
// derive it for a Running run whose owner is provably gone (run_claim.h: its lock file exists and
// no live process holds it), or, for a run without a lock file, whose heartbeat is stale.
enum class RunStatus { Running, Finished, Failed, Interrupted, Crashed };
std::string toString(RunStatus s);                    // "running", "finished", ... "crashed"
RunStatus runStatusFromString(const std::string& s);  // throws std::invalid_argument

struct RunInfo {
    int64_t id = 0;  // assigned by createRun; ignored on input
    std::string name;
    std::string algorithm;  // "gcpo", "grpo", "dr_grpo", ...
    RunStatus status = RunStatus::Running;
    double createdAt = 0.0;    // filled by the store
    double updatedAt = 0.0;    // last writeStep / setStatus / checkpoint
    double heartbeatAt = 0.0;  // last heartbeat (writeStep counts as one)
    std::string configJson;    // the full config actually used (any valid JSON text)
    int64_t seed = 0;
    std::string parentCheckpoint;  // SFT checkpoint the run started from ("" if none)
    std::string message;           // failure / interruption text ("" if none)
    int64_t totalSteps = 0;        // planned number of steps
    int64_t lastStep = -1;         // reader only: largest written step, -1 when none
};

// Which steps keep their rollouts (texts and embeddings, by far the largest part of a step).
// Groups, metrics, evals and eval samples are always kept.
struct RolloutRetention {
    enum class Mode { Every, EveryNth, None };
    Mode mode = Mode::Every;
    int64_t every = 1;  // for EveryNth: keep steps with step % every == 0 (every >= 1)
    bool keeps(int64_t step) const;
    static RolloutRetention everyStep() { return {}; }
    static RolloutRetention everyNth(int64_t n) { return {Mode::EveryNth, n}; }
    static RolloutRetention none() { return {Mode::None, 1}; }
};

struct MetricValue {
    std::string key;  // TRL-style names: "reward", "kl", "gcpo/team_coverage", ...
    double value = 0.0;
};

struct GroupRecord {
    int32_t groupIndex = 0;  // 0..B-1 within the step
    std::string prompt;
    std::string family;
    std::string taskId;
    double rewardMean = 0.0;
    double rewardStd = 0.0;
    int32_t correctCount = 0;
    double teamCoverage = 0.0;  // GCPO team reward v(all) (0 for algorithms that do not compute it)
    bool zeroStd = false;       // all rewards equal: no GRPO signal
};

struct RolloutRecord {
    int32_t groupIndex = 0;
    int32_t rolloutIndex = 0;  // 0..G-1 within the group
    std::string completion;
    std::string parsedAnswer;
    std::string canonicalAnswer;
    double reward = 0.0;
    bool correct = false;
    double grpoAdvantage = 0.0;
    double gcpoCredit = 0.0;
    double advantageUsed = 0.0;    // the advantage the loss actually used
    int32_t length = 0;            // completion length in tokens
    std::vector<float> embedding;  // stored as a float32 little-endian blob; may be empty
};

struct EvalValue {
    std::string metric;  // "pass@1", "pass@8", "distinct_correct", ...
    double value = 0.0;
};

struct EvalSample {
    int32_t promptIndex = 0;  // index in the held-out evaluation set (same across runs)
    std::string taskId;
    std::string prompt;
    int32_t sampleIndex = 0;  // 0..n-1
    std::string completion;
    std::string parsedAnswer;
    std::string canonicalAnswer;
    bool correct = false;
};

// Everything one training step produces; written atomically by writeStep.
struct StepRecord {
    int64_t runId = 0;
    int64_t step = 0;                  // >= 0, each step written once per run
    double wallTime = 0.0;             // 0: the store uses the current time
    std::vector<MetricValue> metrics;  // keys unique within the step
    std::vector<GroupRecord> groups;
    std::vector<RolloutRecord> rollouts;  // dropped when the retention policy skips the step
    std::vector<EvalValue> evals;         // empty on steps without evaluation
    std::vector<EvalSample> evalSamples;
};

// Reader rows.
struct MetricRow {
    int64_t step = 0;
    std::string key;
    double value = 0.0;
    double wallTime = 0.0;
};

// One metric's full series, columnar (ready for plotting), in step order.
struct MetricSeries {
    std::string key;
    std::vector<int64_t> steps;
    std::vector<double> values;
    std::vector<double> wallTimes;
};

struct StepInfo {
    int64_t step = 0;
    double wallTime = 0.0;
    bool hasRollouts = false;  // false when the retention policy dropped them
};

struct EvalRow {
    int64_t step = 0;
    std::string metric;
    double value = 0.0;
};

struct CheckpointInfo {
    int64_t step = 0;
    std::string path;
    double createdAt = 0.0;
};

struct LogLine {
    double time = 0.0;
    std::string level;  // "info", "warn", "error", ...
    std::string text;
};

class RunStore {
public:
    enum class Mode {
        Read,    // SQLITE_OPEN_READONLY; the file must exist and be a GCPO run database. In a folder
                 // this process cannot write to it is opened immutable (no -wal/-shm is needed).
        Write,   // created and initialised when missing or empty; the trainer's mode for a new run
        Update,  // written, but the file must already be a GCPO run database (resume)
    };

    // Throws std::runtime_error naming `path` and the reason when the file cannot be used.
    RunStore(const std::string& path, Mode mode);
    ~RunStore();
    RunStore(RunStore&&) noexcept;
    RunStore& operator=(RunStore&&) noexcept;
    RunStore(const RunStore&) = delete;
    RunStore& operator=(const RunStore&) = delete;

    // Throws DatabaseRefusedError when opening `path` in `mode` would be refused; opens nothing and
    // creates nothing. For the checks a command makes before its first write.
    static void checkUsable(const std::string& path, Mode mode);

    static RunStore openForReading(const std::string& path) { return RunStore(path, Mode::Read); }
    static RunStore openForWriting(const std::string& path) { return RunStore(path, Mode::Write); }

    const std::string& path() const;
    Mode mode() const;
    int schemaVersion() const;  // user_version of the open file

    // ---- Writer (Mode::Write; a reader calling these gets std::logic_error) ----
    void setRolloutRetention(const RolloutRetention& r);  // throws std::invalid_argument if every < 1
    RolloutRetention rolloutRetention() const;
    int64_t createRun(const RunInfo& info);  // stores status Running; returns the new id
    // Metrics, groups, rollouts (subject to retention), evals and eval samples in one transaction;
    // also refreshes the run's heartbeat and updated time. Throws std::invalid_argument for an
    // unknown run, a negative step, a step already written, or duplicate keys/indices (nothing
    // is written then).
    void writeStep(const StepRecord& rec);
    void heartbeat(int64_t runId);
    void setStatus(int64_t runId, RunStatus status, const std::string& message = {});
    void setTotalSteps(int64_t runId, int64_t totalSteps);
    void addCheckpoint(int64_t runId, int64_t step, const std::string& path);
    // Removes every step > `step` (metrics, groups, rollouts, evals, eval samples) and the
    // checkpoint records after it, in one transaction: a resumed run then replays those steps.
    void deleteStepsAfter(int64_t runId, int64_t step);
    void appendLog(int64_t runId, const std::string& level, const std::string& text);

    // ---- Reader (any mode) ----
    // Runs by id. A Running run is reported as Crashed when its owner is provably gone, or when it
    // has no owner lock file and its heartbeat is older than staleSeconds (run_claim.h).
    std::vector<RunInfo> listRuns(double staleSeconds = kDefaultStaleSeconds) const;
    RunInfo runInfo(int64_t runId, double staleSeconds = kDefaultStaleSeconds) const;  // throws std::invalid_argument if unknown
    bool hasRun(int64_t runId) const;
    std::vector<std::string> metricKeys(int64_t runId) const;  // sorted
    // Rows with step > afterStep (pass -1 for all), ordered by step, then key registration order.
    std::vector<MetricRow> metricsSince(int64_t runId, int64_t afterStep = -1) const;
    MetricSeries metricSeries(int64_t runId, const std::string& key, int64_t afterStep = -1) const;
    std::vector<StepInfo> steps(int64_t runId) const;                    // ascending
    int64_t maxStep(int64_t runId) const;                                // -1 when none
    std::vector<GroupRecord> groups(int64_t runId, int64_t step) const;  // by group index
    // Rollouts of one group (groupIndex >= 0) or of the whole step (groupIndex = -1), by index.
    std::vector<RolloutRecord> rollouts(int64_t runId, int64_t step, int32_t groupIndex = -1) const;
    std::vector<EvalRow> evals(int64_t runId) const;  // by step, then metric
    std::vector<int64_t> evalSteps(int64_t runId) const;
    std::vector<EvalSample> evalSamples(int64_t runId, int64_t step) const;  // by prompt, sample
    std::vector<CheckpointInfo> checkpoints(int64_t runId) const;            // by step
    std::vector<LogLine> logTail(int64_t runId, int maxLines = 200) const;   // oldest first

    // Holds one read snapshot for its lifetime: every reader call made on `store` meanwhile sees
    // the same committed steps, whatever the writer does. A nested ReadTransaction shares the
    // outer one's snapshot. Writer calls are not allowed while one is held.
    class ReadTransaction {
    public:
        explicit ReadTransaction(const RunStore& store);
        ~ReadTransaction();
        ReadTransaction(const ReadTransaction&) = delete;
        ReadTransaction& operator=(const ReadTransaction&) = delete;

    private:
        const RunStore* m_store;
    };

    struct Impl;
    // The connection behind this store, for the other store files (experiment_store, run_admin);
    // Impl is defined only in core/store's private run_store_impl.h.
    Impl& impl() const { return *m_impl; }

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace gcpo::store
