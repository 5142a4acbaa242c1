// OpenBLAS's kernels for this CPU. A DYNAMIC_ARCH OpenBLAS (Debian's) picks its kernels from the
// CPU's family and model number when it is loaded, before main. A model newer than the library
// falls back to its oldest x86-64 kernels: on the development VM (family 6, model 207, AVX-512)
// OpenBLAS 0.3.21 chose "Prescott" (SSE3), and gcpo-bench's matmul peak was 50-61 GFLOP/s on two
// cores against 290-311 with the "SkylakeX" kernels the CPU supports (measured side by side).
// OpenBLAS reads OPENBLAS_CORETYPE only when it is loaded, so the programs set it and re-execute
// (common/process_setup.h); the test programs do the same from tests/blas_kernel_init.cpp.
#pragma once

#include <string>

namespace gcpo::app {

// The OPENBLAS_CORETYPE to set: "SkylakeX" where the CPU has AVX-512 (F, CD, BW, DQ, VL) and
// OpenBLAS chose kernels without it, "Haswell" where it has AVX2 and FMA and OpenBLAS chose older
// ones; "" when OpenBLAS is not loaded, its choice already uses what the CPU has, or
// OPENBLAS_CORETYPE is set (the user's choice, or this process was re-executed with it).
std::string blasCoreTypeToSet();

// Sets OPENBLAS_CORETYPE to blasCoreTypeToSet() when that is not empty; true when it did (the
// caller then re-executes the program for OpenBLAS to read it).
bool setBlasCoreType();

// One line for benchmark headers, e.g. "OpenBLAS 0.3.21 ... kernels SkylakeX (OPENBLAS_CORETYPE=SkylakeX)";
// "no OpenBLAS loaded" when the BLAS is another.
std::string blasDescription();

}  // namespace gcpo::app
