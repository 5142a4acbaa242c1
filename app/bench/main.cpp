// gcpo-bench: benchmarks of the credit core, the policy and the trainer (not a CTest test).
#include <algorithm>
#include <cstdlib>
#include <string>
#include <iostream>
#include <vector>
#include <thread>
#include <unistd.h>

#include "bench/bench.h"
#include "common/blas_kernel.h"
#include "common/process_setup.h"
#include "util/torch_runtime.h"

namespace gcpo::bench {

namespace {
std::string& threadChoice() {
    static std::string why;
    return why;
}

std::vector<std::pair<int, std::function<void(CLI::App&)>>>& registry() {
    static std::vector<std::pair<int, std::function<void(CLI::App&)>>> r;
    return r;
}
}  // namespace

int registerBench(int order, std::function<void(CLI::App&)> adder) {
    registry().emplace_back(order, std::move(adder));
    return order;
}

void addRegisteredBenches(CLI::App& app) {
    auto r = registry();
    std::stable_sort(r.begin(), r.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [order, adder] : r) adder(app);
}

double timePerCall(const std::function<void()>& fn, double minSeconds, int minReps, int rounds) {
    using clock = std::chrono::steady_clock;
    double best = 1e300;
    for (int r = 0; r < rounds; ++r) {
        int reps = 0;
        const auto t0 = clock::now();
        double elapsed = 0.0;
        do {
            fn();
            ++reps;
            elapsed = std::chrono::duration<double>(clock::now() - t0).count();
        } while (elapsed < minSeconds || reps < minReps);
        best = std::min(best, elapsed / reps);
    }
    return best;
}

void printEnvironment() {
    char host[256] = {0};
    gethostname(host, sizeof host - 1);
    std::cout << "# machine: " << host << ", " << std::thread::hardware_concurrency() << " hardware threads"
              << "; LibTorch " << torchVersionString() << ", " << torchThreads() << " intra-op threads (" << coreKernelThreads()
              << " for the model's own CPU kernels)"
              << "; BLAS: " << loadedBlasLibrary() << "\n";
    const char* wait = std::getenv("OMP_WAIT_POLICY");
    std::cout << "# threads: " << (threadChoice().empty() ? "set by --threads" : "automatic: " + threadChoice())
              << "; OMP_WAIT_POLICY=" << (wait ? wait : "(unset)") << "\n";
    std::cout << "# BLAS kernels: " << gcpo::app::blasDescription() << "\n";
}

// --threads: n > 0 as given, else the automatic choice (recorded for printEnvironment).
void setThreads(int n) {
    if (n > 0) {
        setTorchThreads(n);
        return;
    }
    std::string why;
    setTorchThreads(automaticThreadCount(&why));
    threadChoice() = why;
}

}  // namespace gcpo::bench

int main(int argc, char** argv) {
    gcpo::app::prepareProcess(argv);
    gcpo::app::applyThreadPolicyFromEnvironment();
    CLI::App app{"gcpo-bench: benchmarks for GCPO Workbench"};
    app.require_subcommand(1);
    int threads = 0;
    app.add_option("--threads", threads, "LibTorch intra-op threads (0 = automatic: the CPUs free now, see util/cpu_budget.h)");
    app.parse_complete_callback([&] { gcpo::bench::setThreads(threads); });
    gcpo::bench::addRegisteredBenches(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    } catch (const std::exception& e) {
        std::cerr << "gcpo-bench: error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
