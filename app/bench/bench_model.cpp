// gcpo-bench model: peak fp32 matmul rate, SFT training throughput and MFU against that peak, and
// sampling throughput with the KV cache and with full recomputation, measured in one run; with
// --busy N, the automatic thread count against one thread beside N core-bound hog processes.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>
#include <vector>

#include "bench/bench.h"
#include "bench/bench_hf_model.h"
#include "model/model_bench.h"
#include "util/torch_runtime.h"

namespace gcpo::bench {

namespace {

// N child processes that each keep one core busy (a plain arithmetic loop, normal priority) until
// this object is destroyed; they also die with the benchmark (PR_SET_PDEATHSIG).
class Hogs {
public:
    explicit Hogs(int n) {
        for (int i = 0; i < n; ++i) {
            const pid_t pid = fork();
            if (pid == 0) {
                prctl(PR_SET_PDEATHSIG, SIGKILL);
                volatile double x = 1.0;
                for (;;) x = x * 1.0000001 + 1e-9;
            }
            if (pid > 0) m_pids.push_back(pid);
        }
    }
    ~Hogs() {
        for (pid_t pid : m_pids) kill(pid, SIGKILL);
        for (pid_t pid : m_pids) waitpid(pid, nullptr, 0);
    }
    Hogs(const Hogs&) = delete;
    Hogs& operator=(const Hogs&) = delete;
    size_t count() const { return m_pids.size(); }

private:
    std::vector<pid_t> m_pids;
};

// Training and KV-cache sampling at the automatic thread count and at 1 thread, alternated over two
// rounds beside `busy` hogs (best round of each kept: noise on a shared machine only slows things).
void contention(const model::ModelBenchSetup& s, int busy, int64_t batch, int64_t tokens, int64_t group, int64_t newTokens) {
    Hogs hogs(busy);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // let the hogs show in the load probe
    std::string why;
    const int automatic = automaticThreadCount(&why);
    printEnvironment();
    std::printf("# %zu core-bound hog process(es) running beside the benchmark\n", hogs.count());
    std::printf("# automatic thread count: %s\n", why.c_str());
    std::fflush(stdout);
    struct Rate {
        double train = 0, sample = 0, matmul = 0;
    };
    Rate autoRate, oneRate;
    for (int round = 0; round < 2; ++round)
        for (int which = 0; which < 2; ++which) {
            setTorchThreads(which == 0 ? automatic : 1);
            Rate& into = which == 0 ? autoRate : oneRate;
            into.train = std::max(into.train, model::measureTraining(s, batch, tokens).tokensPerSecond);
            into.sample = std::max(into.sample, model::measureSampling(s, 1, group, newTokens, true).tokensPerSecond);
            into.matmul = std::max(into.matmul, model::measureMatmulPeak(s).gflops);
        }
    std::printf("%-26s %14s %20s %18s\n", "threads", "training tok/s", "KV sampling tok/s", "matmul GFLOP/s");
    std::printf("%-26s %14.0f %20.0f %18.1f\n", ("automatic (" + std::to_string(automatic) + ")").c_str(), autoRate.train,
                autoRate.sample, autoRate.matmul);
    std::printf("%-26s %14.0f %20.0f %18.1f\n", "1", oneRate.train, oneRate.sample, oneRate.matmul);
    // The bare matmul's own scaling is what the hardware gives: a training ratio near it is the ceiling.
    std::printf("automatic / 1 thread: training %.2fx, sampling %.2fx, bare matmul %.2fx  (goals: >= 0.5x busy, >= 1.6x idle)\n",
                autoRate.train / oneRate.train, autoRate.sample / oneRate.sample, autoRate.matmul / oneRate.matmul);
}

void addModelBench(CLI::App& app) {
    auto* cmd = app.add_subcommand("model", "Policy: matmul peak, training tokens/s and MFU, KV-cache vs recomputation sampling");
    struct Args {
        std::string device = "cpu";
        int64_t layers = 4, dModel = 256, heads = 4, batch = 16, tokens = 128, group = 16, newTokens = 128, rlPrompts = 8;
        double seconds = 1.0;
        bool skipUncached = false, rlOnly = false, profile = false;
        int busy = -1;
        int rounds = 5;
    };
    auto a = std::make_shared<Args>();
    cmd->add_option("--device", a->device, "auto, cpu, cuda or cuda:N");
    cmd->add_option("--layers", a->layers)->check(CLI::PositiveNumber);
    cmd->add_option("--d-model", a->dModel)->check(CLI::PositiveNumber);
    cmd->add_option("--heads", a->heads)->check(CLI::PositiveNumber);
    cmd->add_option("--batch", a->batch, "training batch (sequences)")->check(CLI::PositiveNumber);
    cmd->add_option("--tokens", a->tokens, "training sequence length")->check(CLI::PositiveNumber);
    cmd->add_option("--group", a->group, "G: completions per prompt for sampling")->check(CLI::PositiveNumber);
    cmd->add_option("--new-tokens", a->newTokens, "tokens generated per completion")->check(CLI::PositiveNumber);
    cmd->add_option("--rl-prompts", a->rlPrompts, "B: prompts per RL step (B x G sequences sampled at once)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--seconds", a->seconds, "minimum seconds per timed measurement")->check(CLI::PositiveNumber);
    cmd->add_flag("--skip-uncached", a->skipUncached, "skip the (slow) full-recomputation sampling");
    cmd->add_option("--rounds", a->rounds, "peak / training rounds, alternated; the MFU is the median of the rounds' ratios")
        ->check(CLI::Range(1, 50));
    cmd->add_flag("--profile", a->profile,
                  "only profile the training step: each operator's self time and the matmuls' share of the step");
    cmd->add_flag("--rl-only", a->rlOnly, "only the RL-batch sampling line (for the side-by-side with plain PyTorch)");
    cmd->add_option("--busy", a->busy,
                    "contention mode: run N core-bound hogs beside the benchmark and compare the automatic thread "
                    "count with 1 thread (N = 0: the same comparison on the machine as it is)")
        ->check(CLI::NonNegativeNumber);
    addHfModelOptions(cmd);
    cmd->callback([a] {
        if (hfModelBenchRequested())
            return runHfModelBench(a->device, a->batch, a->tokens, a->rlPrompts, a->group, a->newTokens, a->seconds);
        model::ModelBenchSetup s;
        s.layers = a->layers;
        s.dModel = a->dModel;
        s.heads = a->heads;
        s.context = std::max<int64_t>(a->tokens, 32 + a->newTokens);
        s.device = resolveDevice(a->device);
        s.minSeconds = a->seconds;
        if (a->busy >= 0) return contention(s, a->busy, a->batch, a->tokens, a->group, a->newTokens);
        printEnvironment();
        if (a->profile) {
            // The square-matmul peak before and after (the best counts), the profiled step between.
            model::MatmulPeak peak = model::measureMatmulPeak(s);
            const auto p = model::profileTraining(s, a->batch, a->tokens);
            if (const auto again = model::measureMatmulPeak(s); again.gflops > peak.gflops) peak = again;
            std::printf(
                "# training step profile: batch %lld x %lld, model %lld layers, d_model %lld (3 steps, LibTorch profiler)\n",
                static_cast<long long>(a->batch), static_cast<long long>(a->tokens), static_cast<long long>(s.layers),
                static_cast<long long>(s.dModel));
            std::printf("step                 %10.1f ms (profiled)\n", p.secondsPerStep * 1e3);
            std::printf(
                "matmuls' share       %10.1f %%  (self time of mm, bmm, addmm, baddbmm, the linear layers and the attention products: %.1f ms/step)\n",
                100.0 * p.matmulSeconds / p.secondsPerStep, p.matmulSeconds * 1e3);
            const double stepRate = p.flopsPerStep / p.secondsPerStep / 1e9, matmulRate = p.flopsPerStep / p.matmulSeconds / 1e9;
            std::printf("matmul peak          %10.1f GFLOP/s  (fp32, %lld^3, best of before and after)\n", peak.gflops,
                        static_cast<long long>(peak.size));
            std::printf("step FLOP rate       %10.1f GFLOP/s  %.0f%% of the peak (profiled, so a little below the MFU line)\n",
                        stepRate, 100.0 * stepRate / peak.gflops);
            std::printf("matmuls' own rate    %10.1f GFLOP/s  %.0f%% of the peak: the most a step of these shapes can reach\n",
                        matmulRate, 100.0 * matmulRate / peak.gflops);
            for (size_t i = 0; i < p.ops.size() && i < 12; ++i)
                std::printf("  %-40s %8.1f ms/step  %5.1f %%\n", p.ops[i].first.c_str(), p.ops[i].second * 1e3,
                            100.0 * p.ops[i].second / p.secondsPerStep);
            return;
        }
        if (a->rlOnly) {
            const auto rl = model::measureSampling(s, a->rlPrompts, a->group, a->newTokens, true);
            std::printf(
                "gcpo sampling, RL batch   %10.0f tokens/s  B x G = %lld x %lld = %lld sequences, %lld new tokens, %.3f s\n",
                rl.tokensPerSecond, static_cast<long long>(a->rlPrompts), static_cast<long long>(a->group),
                static_cast<long long>(rl.rows), static_cast<long long>(a->newTokens), rl.seconds);
            return;
        }
        std::printf("# device %s; model %lld layers, d_model %lld, %lld heads, context %lld (fp32)\n", s.device.c_str(),
                    static_cast<long long>(s.layers), static_cast<long long>(s.dModel), static_cast<long long>(s.heads),
                    static_cast<long long>(s.context));
        // Peak and training alternate (P T P T ...), and each round's training rate is divided by its
        // own peak: on a VM the clock and the neighbours move the rates by tens of percent within a
        // minute (a peak taken once read 131 % MFU), and a ratio of two figures taken seconds apart
        // cancels the slow part of that. The MFU is the median of the rounds' ratios.
        model::MatmulPeak peak;
        model::TrainBench t;
        std::vector<double> ratios;
        for (int round = 0; round < a->rounds; ++round) {
            const auto p = model::measureMatmulPeak(s);
            std::printf("matmul peak          %10.1f GFLOP/s  (fp32, %lld^3, BLAS %s; round %d)\n", p.gflops,
                        static_cast<long long>(p.size), loadedBlasLibrary().c_str(), round + 1);
            std::fflush(stdout);
            if (p.gflops > peak.gflops) peak = p;
            const auto tr = model::measureTraining(s, a->batch, a->tokens);
            ratios.push_back(tr.gflops / p.gflops);
            std::printf(
                "training             %10.0f tokens/s  %.1f ms/step, batch %lld x %lld, %.2fM params (%.2fM in matmuls); %.0f%% of "
                "this round's peak; %.0f page faults/step\n",
                tr.tokensPerSecond, tr.secondsPerStep * 1e3, static_cast<long long>(tr.batch), static_cast<long long>(tr.tokens),
                tr.parameters / 1e6, tr.matmulParameters / 1e6, 100.0 * ratios.back(), tr.pageFaultsPerStep);
            std::fflush(stdout);
            if (tr.tokensPerSecond > t.tokensPerSecond) t = tr;
        }
        std::vector<double> sorted = ratios;
        std::sort(sorted.begin(), sorted.end());
        const size_t n = sorted.size();
        const double median = n % 2 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        std::printf("training FLOP rate   %10.1f GFLOP/s  best round (6N + 12*L*T*C = %.1f MFLOP/token)\n", t.gflops,
                    t.flopsPerToken / 1e6);
        std::printf(
            "MFU                  %10.0f%%  median of %zu rounds' training / peak (range %.0f-%.0f%%; best training over "
            "best peak %.0f%%)\n",
            100.0 * median, n, 100.0 * sorted.front(), 100.0 * sorted.back(), 100.0 * t.gflops / peak.gflops);
        std::fflush(stdout);
        const auto cached = model::measureSampling(s, 1, a->group, a->newTokens, true);
        std::printf("sampling, KV cache   %10.0f tokens/s  G=%lld, %lld new tokens, %.3f s per group\n", cached.tokensPerSecond,
                    static_cast<long long>(a->group), static_cast<long long>(a->newTokens), cached.seconds);
        std::fflush(stdout);
        if (!a->skipUncached) {
            const auto full = model::measureSampling(s, 1, a->group, a->newTokens, false);
            std::printf("sampling, recompute  %10.0f tokens/s  G=%lld, %lld new tokens, %.3f s per group\n", full.tokensPerSecond,
                        static_cast<long long>(a->group), static_cast<long long>(a->newTokens), full.seconds);
            std::printf("KV-cache speed-up    %10.1fx\n", cached.tokensPerSecond / full.tokensPerSecond);
            std::fflush(stdout);
        }
        const auto rl = model::measureSampling(s, a->rlPrompts, a->group, a->newTokens, true);
        std::printf("sampling, RL batch   %10.0f tokens/s  B x G = %lld x %lld = %lld sequences, %lld new tokens, %.3f s\n",
                    rl.tokensPerSecond, static_cast<long long>(a->rlPrompts), static_cast<long long>(a->group),
                    static_cast<long long>(rl.rows), static_cast<long long>(a->newTokens), rl.seconds);
        std::printf("# targets: training >= 75%% of the measured peak; KV cache >= 15x recomputation\n");
    });
}

}  // namespace

GCPO_REGISTER_BENCH(30, addModelBench);

}  // namespace gcpo::bench
