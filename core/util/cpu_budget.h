// How many CPUs this process may really use now (affinity, cgroup quota, other processes' load),
// and the default LibTorch thread count chosen from that and the number of runs sharing the machine.
// Plain C++ (no LibTorch, no environment variables): the programs in app/ pass what they read.
#pragma once

#include <string>

namespace gcpo {

struct CpuAvailability {
    int online = 1;      // hardware threads of the machine
    int affinity = 1;    // CPUs in this process's affinity mask (sched_getaffinity)
    double quota = 0.0;  // cgroup CPU quota in CPUs (cpu.max or cfs_quota_us / period); 0 = none
    double busy = 0.0;   // CPUs of the affinity mask kept busy by other processes during the probe
    double load1 = 0.0;  // 1-minute load average (/proc/loadavg), for the record only
    double probeSeconds = 0.0;
};

// Reads the affinity mask, the cgroup quota (v2 cpu.max, else v1 cpu.cfs_quota_us) and, over a window
// of `windowSeconds`, the busy time of the CPUs in the mask from /proc/stat minus this process's own
// CPU time. windowSeconds <= 0 skips the load probe (busy = 0). Missing files count as "no limit".
CpuAvailability probeCpuAvailability(double windowSeconds);

// The default intra-op thread count for one of `concurrentRuns` runs (>= 1) sharing this process's
// CPUs: min(the runs' fair share of min(affinity, quota), the CPUs left free by other processes),
// rounded down unless at least 0.75 of a further CPU is free, and never below 1. Oversubscribing a
// core costs far more than leaving one idle (a parallel region waits for its slowest thread).
int chooseThreadCount(const CpuAvailability& cpus, int concurrentRuns);

// One line for logs and benchmarks: "2 online, 2 in affinity, no quota, 1.0 busy -> 1 thread(s)".
std::string describe(const CpuAvailability& cpus, int concurrentRuns);

// Process-wide thread policy, set once by the program's main() from what it read (environment,
// command line) and used whenever a thread setting is 0 ("automatic").
struct ThreadPolicy {
    int concurrentRuns = 1;     // runs the workbench (or the user) runs at once, this one included
    double probeSeconds = 0.2;  // load-probe window; 0 = ignore other processes' load
};
void setThreadPolicy(const ThreadPolicy& policy);
ThreadPolicy threadPolicy();

}  // namespace gcpo
