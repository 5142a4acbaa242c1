// OpenMP wait policy and OpenBLAS kernels (set, then re-exec) and the thread policy from the environment.
#include "common/process_setup.h"

#include <unistd.h>

#include <cstdlib>
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
}  // namespace

void prepareProcess(char** argv) {
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
