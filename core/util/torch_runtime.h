// LibTorch runtime settings behind a torch-free header: device selection, threads, versions, BLAS.
#pragma once

#include <string>

namespace gcpo {

// Resolve a device setting: "auto" (CUDA when available, else CPU), "cpu", "cuda" or "cuda:N".
// Returns the canonical name ("cpu", "cuda:0", ...). Throws std::invalid_argument for an unknown
// spelling, or when CUDA is asked for and not available, naming the value.
std::string resolveDevice(const std::string& spec);

// Intra-op threads for LibTorch (and OpenMP/BLAS through it). n <= 0 means automatic: the count
// chooseThreadCount() gives for the CPUs available now under the process's ThreadPolicy
// (util/cpu_budget.h). Returns the number actually set.
int setTorchThreads(int n);
// The automatic count (probes the CPUs; see cpu_budget.h) and the line that explains it.
int automaticThreadCount(std::string* why = nullptr);
int torchThreads();
// How many of those threads the project's own CPU kernels (the model's attention products and
// one-token decoding) run on, given 64 independent pieces: at::parallel_for is a header template,
// parallel only where its caller was compiled with LibTorch's OpenMP, and on one thread otherwise.
int coreKernelThreads();

std::string torchVersionString();
bool cudaAvailable();

// The BLAS shared library actually mapped into this process (resolved through symlinks, e.g.
// /usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3), or "unknown".
std::string loadedBlasLibrary();

}  // namespace gcpo
