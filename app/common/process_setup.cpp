// OpenMP wait policy and OpenBLAS kernels (set, then re-exec) and the thread policy from the environment.
#include "common/process_setup.h"

#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <cstdlib>
#include <cstring>
#include <string>

#include "common/blas_kernel.h"
#include "util/cpu_budget.h"

namespace gcpo::app {

namespace {
double envNumber(const char* name, double fallback, double lo, double hi) {
    const char* v = std::getenv(name);
    if (!v || !*v) return fallback;
    char* end = nullptr;
    const double x = std::strtod(v, &end);
    return (end && *end == '\0' && x >= lo && x <= hi) ? x : fallback;
}

// glibc's malloc serves a block above its mmap threshold with a fresh mapping and gives it back on
// free, and hands free memory at the top of the heap back to the kernel once more than the trim
// threshold lies there; both thresholds grow only as far as the blocks freed so far. A training step
// allocates and frees the same tens of megabytes of activations every step, so the kernel mapped and
// zeroed them again page by page: 4,000-14,600 minor page faults per step of `gcpo-bench model`.
// Fixed thresholds (32 MiB, glibc's largest mmap threshold; 1 GiB of free heap kept) let the next
// step reuse the memory. A malloc setting in GLIBC_TUNABLES is the user's choice and is kept.
void keepFreedMemory() {
#if defined(__GLIBC__)
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    if (tunables && std::strstr(tunables, "glibc.malloc.")) return;
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}
}  // namespace

void prepareProcess(char** argv) {
    keepFreedMemory();
    bool changed = setBlasCoreType();
    // Set, even empty (= OpenMP's own default), or a spin count chosen: the user's choice.
    if (!std::getenv("OMP_WAIT_POLICY") && !std::getenv("GOMP_SPINCOUNT"))
        changed = setenv("OMP_WAIT_POLICY", "PASSIVE", 1) == 0 || changed;
    if (changed) execv("/proc/self/exe", argv);  // returns only on failure: then go on as loaded
}

void applyThreadPolicyFromEnvironment() {
    ThreadPolicy p;
    p.concurrentRuns = static_cast<int>(envNumber("GCPO_CONCURRENT_RUNS", 1, 1, 4096));
    p.probeSeconds = envNumber("GCPO_THREAD_PROBE_S", p.probeSeconds, 0.0, 10.0);
    setThreadPolicy(p);
}

std::string sftCacheRootFromEnvironment() {
    auto env = [](const char* name) -> std::string {
        const char* v = std::getenv(name);
        return v ? v : "";
    };
    if (const std::string v = env("GCPO_SFT_CACHE"); !v.empty()) return v;
    if (const std::string v = env("XDG_CACHE_HOME"); !v.empty() && v[0] == '/') return v + "/gcpo/sft";
    if (const std::string v = env("HOME"); !v.empty()) return v + "/.cache/gcpo/sft";
    return "";
}

}  // namespace gcpo::app
