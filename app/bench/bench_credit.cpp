// gcpo-bench credit: time per group of each credit estimator against a naive version that
// refactorizes every subset from scratch, measured side by side.
#include <cstdio>
#include <iostream>
#include <random>

#include "bench/bench.h"
#include "rl/credit.h"

namespace gcpo::bench {

namespace {

// A realistic group: ~60% correct, clusters of near-duplicate solutions, d = 64.
rl::CoverageGame makeGroup(int g, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> n01(0.0, 1.0);
    const int d = 64, clusters = std::max(2, g / 3);
    std::vector<double> centres(static_cast<size_t>(clusters) * d), e(static_cast<size_t>(g) * d), r(g);
    for (double& c : centres) c = n01(rng);
    for (int i = 0; i < g; ++i) {
        const int c = static_cast<int>(rng() % clusters);
        for (int k = 0; k < d; ++k) e[static_cast<size_t>(i) * d + k] = centres[static_cast<size_t>(c) * d + k] + 0.3 * n01(rng);
        r[i] = (rng() % 10) < 6 ? 1.0 : 0.0;
    }
    return rl::CoverageGame(r, rl::kernelMatrix(e, g, d, rl::KernelKind::Cosine, 1.0), 1.0);
}

}  // namespace

namespace {

void addCreditBench(CLI::App& app) {
    auto* cmd = app.add_subcommand("credit", "Credit estimators: time per group and speed-up over naive refactorization");
    auto samples = std::make_shared<int>(64);
    cmd->add_option("--samples", *samples, "orderings for the permutation estimator")->check(CLI::PositiveNumber);
    cmd->callback([samples] {
        printEnvironment();
        std::printf("%-4s %-14s %14s %14s %9s\n", "G", "estimator", "ms/group", "naive ms/group", "speed-up");
        for (int g : {8, 16, 32, 64}) {
            const rl::CoverageGame game = makeGroup(g, 1234 + g);
            volatile double sink = 0.0;
            auto row = [&](const char* name, const std::function<std::vector<double>()>& fast,
                           const std::function<std::vector<double>()>& naive) {
                const double tf = timePerCall([&] { sink = sink + fast()[0]; });
                const double tn = timePerCall([&] { sink = sink + naive()[0]; }, 0.2, 1, 1);
                std::printf("%-4d %-14s %14.4f %14.4f %8.1fx\n", g, name, tf * 1e3, tn * 1e3, tn / tf);
                std::fflush(stdout);
            };
            if (g <= rl::kMaxExactGroupSize)
                row(
                    "exact", [&] { return rl::shapleyExact(game); }, [&] { return rl::shapleyExactNaive(game); });
            else std::printf("%-4d %-14s %14s\n", g, "exact", "n/a (G > 20)");
            const int m = *samples;
            row(
                "permutation", [&] { return rl::shapleyPermutation(game, m, 7); },
                [&] { return rl::shapleyPermutationNaive(game, m, 7); });
            row(
                "leave_one_out", [&] { return rl::leaveOneOut(game); },
                [&] {
                    // naive leave-one-out: G + 1 log-dets, each from scratch
                    std::vector<int> all(g);
                    for (int i = 0; i < g; ++i) all[i] = i;
                    const double full = game.value(all);
                    std::vector<double> out(g);
                    for (int i = 0; i < g; ++i) {
                        std::vector<int> rest;
                        for (int j = 0; j < g; ++j)
                            if (j != i) rest.push_back(j);
                        out[i] = full - game.value(rest);
                    }
                    return out;
                });
        }
        std::printf("# permutation: %d orderings (antithetic pairs), incremental Cholesky; naive refactorizes every prefix\n",
                    *samples);
    });
}

}  // namespace

GCPO_REGISTER_BENCH(10, addCreditBench);

}  // namespace gcpo::bench
