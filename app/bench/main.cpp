// gcpo-bench: benchmarks of the credit core, the policy and the trainer (not a CTest test).
#include <iostream>
#include <thread>
#include <unistd.h>

#include "bench/bench.h"
#include "util/torch_runtime.h"

namespace gcpo::bench {

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
              << "; LibTorch " << torchVersionString() << ", " << torchThreads() << " intra-op threads"
              << "; BLAS: " << loadedBlasLibrary() << "\n";
}

}  // namespace gcpo::bench

int main(int argc, char** argv) {
    CLI::App app{"gcpo-bench: benchmarks for GCPO Workbench"};
    app.require_subcommand(1);
    int threads = 0;
    app.add_option("--threads", threads, "LibTorch intra-op threads (0 = all cores)");
    app.parse_complete_callback([&] { gcpo::setTorchThreads(threads); });
    gcpo::bench::addCreditBench(app);
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
