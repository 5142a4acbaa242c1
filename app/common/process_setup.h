// Start-up shared by the programs that run LibTorch (gcpo-train, gcpo-bench): OpenMP's wait policy,
// OpenBLAS's kernels and the thread policy, read from the environment here so that the core only gets parameters.
#pragma once

#include <string>

namespace gcpo::app {

// OpenMP reads OMP_WAIT_POLICY once, when libgomp is loaded (before main): setting it in main() has
// no effect (measured), and OpenBLAS reads OPENBLAS_CORETYPE the same way. So this sets what needs
// setting and re-executes the program once (/proc/self/exe, same arguments):
// - OMP_WAIT_POLICY=PASSIVE when it is unset, so that idle OpenMP threads sleep instead of
//   spinning; spinning threads take a busy machine's cores from the threads doing the work (33x
//   slower measured). A value the user set is kept (an empty one gives OpenMP's own default), as
//   is a GOMP_SPINCOUNT.
// - OPENBLAS_CORETYPE where OpenBLAS chose kernels older than the CPU (common/blas_kernel.h).
// Returns normally when nothing needs doing or the re-exec failed.
void prepareProcess(char** argv);

// GCPO_CONCURRENT_RUNS (runs sharing this machine, set by the workbench for its children; default 1)
// and GCPO_THREAD_PROBE_S (load-probe window in seconds; default 0.2) -> gcpo::setThreadPolicy.
void applyThreadPolicyFromEnvironment();

// The per-user SFT warm-up cache: $GCPO_SFT_CACHE, else $XDG_CACHE_HOME/gcpo/sft, else
// $HOME/.cache/gcpo/sft; "" when none is set (the trainer then caches beside the database).
std::string sftCacheRootFromEnvironment();

}  // namespace gcpo::app
