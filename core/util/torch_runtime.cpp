// LibTorch runtime settings: device resolution, thread count, version and loaded BLAS library.
#include "util/torch_runtime.h"

#include "util/cpu_budget.h"

#include <torch/torch.h>

#include <ATen/Parallel.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>

namespace gcpo {

std::string resolveDevice(const std::string& spec) {
    if (spec == "cpu") return "cpu";
    if (spec == "auto") return torch::cuda::is_available() ? "cuda:0" : "cpu";
    static const std::regex cuda("^cuda(:([0-9]{1,6}))?$");  // bounded: std::stoi never overflows
    std::smatch m;
    if (!std::regex_match(spec, m, cuda))
        throw std::invalid_argument("device: unknown value \"" + spec + "\" (expected auto, cpu, cuda or cuda:N)");
    const int index = m[2].matched ? std::stoi(m[2].str()) : 0;
    if (!torch::cuda::is_available())
        throw std::invalid_argument("device: \"" + spec + "\" asked for, but CUDA is not available in this build/machine");
    if (index >= static_cast<int>(torch::cuda::device_count()))
        throw std::invalid_argument("device: \"" + spec + "\" but only " + std::to_string(torch::cuda::device_count()) +
                                    " CUDA device(s) exist");
    return "cuda:" + std::to_string(index);
}

int automaticThreadCount(std::string* why) {
    const ThreadPolicy policy = threadPolicy();
    const CpuAvailability cpus = probeCpuAvailability(policy.probeSeconds);
    if (why) *why = describe(cpus, policy.concurrentRuns);
    return chooseThreadCount(cpus, policy.concurrentRuns);
}

int setTorchThreads(int n) {
    if (n <= 0) n = automaticThreadCount();
    at::set_num_threads(n);
    return at::get_num_threads();
}

int torchThreads() { return at::get_num_threads(); }

int coreKernelThreads() {
    std::array<std::atomic<bool>, 64> seen{};
    at::parallel_for(0, 64, 1, [&](int64_t, int64_t) { seen[static_cast<size_t>(at::get_thread_num()) % 64] = true; });
    return static_cast<int>(std::count(seen.begin(), seen.end(), true));
}

std::string torchVersionString() {
#ifdef TORCH_VERSION
    return TORCH_VERSION;
#else
    return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
           std::to_string(TORCH_VERSION_PATCH);
#endif
}

bool cudaAvailable() { return torch::cuda::is_available(); }

std::string loadedBlasLibrary() {
    std::ifstream maps("/proc/self/maps");
    std::string line, found;
    while (std::getline(maps, line)) {
        const auto slash = line.find('/');
        if (slash == std::string::npos) continue;
        const std::string path = line.substr(slash);
        const std::string name = std::filesystem::path(path).filename().string();
        if (name.find("blas") == std::string::npos && name.find("mkl_core") == std::string::npos) continue;
        std::error_code ec;
        const auto real = std::filesystem::canonical(path, ec);
        found = ec ? path : real.string();
        if (found.find("openblas") != std::string::npos || found.find("mkl") != std::string::npos) break;
    }
    return found.empty() ? "unknown" : found;
}

}  // namespace gcpo
