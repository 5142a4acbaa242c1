// The test programs get OpenBLAS's kernels the way gcpo-train does (app/common/blas_kernel.h): this
// constructor runs after the libraries are loaded and before main, and where OpenBLAS chose kernels
// older than the CPU it sets OPENBLAS_CORETYPE and re-executes the test with the same arguments.
#include <unistd.h>

#include "common/blas_kernel.h"

namespace {

// glibc passes (argc, argv, envp) to the program's constructors.
__attribute__((constructor)) void selectBlasKernels(int, char** argv, char**) {
    if (gcpo::app::setBlasCoreType()) execv("/proc/self/exe", argv);  // returns only on failure
}

}  // namespace
