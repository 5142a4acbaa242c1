// OpenBLAS kernel selection (see blas_kernel.h).
#include "common/blas_kernel.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <initializer_list>
#include <string>

namespace gcpo::app {

namespace {

// OpenBLAS's own name of the kernels it uses ("Prescott", "Haswell", "SkylakeX"), "" without OpenBLAS.
std::string openBlasString(const char* symbol) {
    using Fn = char* (*)();
    const auto fn = reinterpret_cast<Fn>(dlsym(RTLD_DEFAULT, symbol));
    const char* s = fn ? fn() : nullptr;
    return s ? s : "";
}

// OpenBLAS names its kernels with fixed spellings ("SkylakeX"), so an exact match suffices.
bool oneOf(const std::string& core, std::initializer_list<const char*> names) {
    return std::find(names.begin(), names.end(), core) != names.end();
}

}  // namespace

std::string blasCoreTypeToSet() {
    if (std::getenv("OPENBLAS_CORETYPE")) return "";
    const std::string core = openBlasString("openblas_get_corename");
    if (core.empty()) return "";
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    // OpenBLAS's kernel families that use AVX-512, and those that use AVX2 + FMA at least.
    const auto avx512 = {"SkylakeX", "Cooperlake", "SapphireRapids"};
    const auto avx2 = {"Haswell", "Zen", "SkylakeX", "Cooperlake", "SapphireRapids"};
    __builtin_cpu_init();
    const bool hasAvx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") &&
                           __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
                           __builtin_cpu_supports("avx512vl");
    if (hasAvx512 && !oneOf(core, avx512)) return "SkylakeX";
    if (!hasAvx512 && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && !oneOf(core, avx2)) return "Haswell";
#endif
    return "";
}

bool setBlasCoreType() {
    const std::string core = blasCoreTypeToSet();
    return !core.empty() && setenv("OPENBLAS_CORETYPE", core.c_str(), 1) == 0;
}

std::string blasDescription() {
    const std::string core = openBlasString("openblas_get_corename");
    if (core.empty()) return "no OpenBLAS loaded";
    std::string s = openBlasString("openblas_get_config") + ", kernels " + core;
    if (const char* forced = std::getenv("OPENBLAS_CORETYPE")) s += " (OPENBLAS_CORETYPE=" + std::string(forced) + ")";
    return s;
}

}  // namespace gcpo::app
