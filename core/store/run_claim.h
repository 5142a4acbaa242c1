// One live trainer per run: an exclusive claim on a lock file beside the run database, released by
// the operating system when its process ends in any way (exit, crash, kill -9).
//
// The claim is an open-file-description lock (Linux F_OFD_SETLK; flock elsewhere) on
// `<db>.runs/run-<id>.lock`, which also records the owner's pid, host and start time for messages.
// A reader asks, without taking any lock, whether a live process holds the claim (probeRunOwner):
// a held lock means the run is being trained, however late its heartbeat; a lock file that exists
// but is not held means the owner is provably gone (crashed). Without a lock file (a run from an
// older build, or a database copied from another machine) nothing can be proven: callers fall back
// to the heartbeat. Locks on network file systems are as reliable as the file system's locking.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace gcpo::store {

// Refusal to train a run that another live process owns; what() names the owner.
struct RunBusyError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class OwnerState {
    Alive,    // a live process holds the claim
    Gone,     // the lock file exists and nobody holds it: the last owner has ended
    Unknown,  // no lock file (or it cannot be read): decide by the heartbeat
};

struct RunOwner {
    int64_t pid = 0;
    std::string host;
    double startedAt = 0.0;        // seconds since the Unix epoch
    std::string describe() const;  // "pid 123 on host h since 2026-11-28 09:00:00 UTC"
};

std::string runLockPath(const std::string& dbPath, int64_t runId);

// Whether a live process owns run `runId` of `dbPath`; fills *owner (when given) from the lock file.
// Opens the lock file read-only and takes no lock, so it never disturbs a trainer.
OwnerState probeRunOwner(const std::string& dbPath, int64_t runId, RunOwner* owner = nullptr);

// The exclusive claim, held for the object's lifetime (movable, not copyable).
class RunClaim {
public:
    RunClaim() = default;
    ~RunClaim();
    RunClaim(RunClaim&& o) noexcept;
    RunClaim& operator=(RunClaim&& o) noexcept;
    RunClaim(const RunClaim&) = delete;
    RunClaim& operator=(const RunClaim&) = delete;

    // Claims run `runId` (creating `<db>.runs/` and the lock file when missing). Throws RunBusyError
    // naming the owner when another live process holds it, std::runtime_error on an I/O failure.
    static RunClaim acquire(const std::string& dbPath, int64_t runId);

    bool held() const { return m_fd >= 0; }
    void release();

private:
    int m_fd = -1;
};

}  // namespace gcpo::store
