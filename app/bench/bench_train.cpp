// gcpo-bench train: step-time breakdown per phase for GRPO and GCPO, measured in the same run.
#include <cstdio>
#include <filesystem>
#include <map>
#include <vector>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "app_env.h"
#include "bench/bench.h"
#include "bench/bench_scaling.h"
#include "rl/trainer.h"
#include "store/run_store.h"
#include "util/torch_runtime.h"

namespace gcpo::bench {

namespace {

struct Breakdown {
    std::map<std::string, double> mean;  // seconds per step, steps after the first
};

Breakdown runOne(const std::string& db, const std::string& algorithm, const std::string& embedding, int steps, int groupSize,
                 int prompts, const std::string& init, const std::string& checkpoint, const std::string& device) {
    nlohmann::json cfg = {{"name", "bench-" + algorithm},
                          {"algorithm", algorithm},
                          {"seed", 11},
                          {"steps", steps},
                          {"device", device},
                          {"threads", torchThreads()},  // the same count for every run (not re-probed per run)
                          {"model", {{"init", init}, {"checkpoint", checkpoint}}},
                          {"sampling", {{"prompts_per_step", prompts}, {"group_size", groupSize}, {"max_new_tokens", 40}}},
                          {"gcpo", {{"embedding", embedding}, {"estimator", "exact"}, {"monitor", algorithm == "gcpo"}}},
                          // A negligible learning rate keeps every run's policy identical to the start, so all
                          // runs sample the same completions and the ratio measures only the algorithm's cost
                          // (with real updates the policies drift apart and so do completion lengths).
                          {"optim", {{"lr", 1e-9}}},
                          {"eval", {{"every", 0}}},
                          {"checkpoint", {{"every", 0}}}};
    rl::TrainerOptions opt;
    opt.dbPath = db;
    opt.resourcesDir = app::resourcesDir();
    opt.threadsOverride = app::threadsFromEnv();
    int64_t id = 0;
    if (rl::runTraining(cfg, opt, &id) != rl::kTrainOk) throw std::runtime_error("bench run failed");
    store::RunStore s(db, store::RunStore::Mode::Read);
    Breakdown b;
    std::map<std::string, int> n;
    for (const auto& m : s.metricsSince(id, 1)) {  // skip step 1 (allocator and cache warm-up)
        if (m.key.rfind("time/", 0) != 0 && m.key != "step_time") continue;
        if (m.key == "time/store" && m.step == 2) continue;  // time/store reports the previous step's write
        b.mean[m.key] += m.value;
        ++n[m.key];
    }
    for (auto& [k, v] : b.mean) v /= std::max(1, n[k]);
    return b;
}

void addTrainBench(CLI::App& app) {
    auto* cmd = app.add_subcommand("train", "RL step-time breakdown, GRPO and GCPO side by side");
    auto steps = std::make_shared<int>(6);
    auto g = std::make_shared<int>(16);
    auto b = std::make_shared<int>(8);
    auto checkpoint = std::make_shared<std::string>();
    auto device = std::make_shared<std::string>("auto");
    cmd->add_option("--steps", *steps, "RL steps per algorithm (the first is not counted)");
    cmd->add_option("--group-size", *g, "G");
    cmd->add_option("--prompts", *b, "B");
    cmd->add_option("--checkpoint", *checkpoint, "policy checkpoint to start from (default: a fresh demo-size model)");
    cmd->add_option("--device", *device, "auto, cpu or cuda[:N]");
    auto scaling = std::make_shared<ScalingOptions>();
    scaling->nproc = 1;
    cmd->add_option("--nproc", scaling->nproc, "N > 1: weak scaling of N data-parallel ranks vs 1 (same B per rank) instead");
    cmd->add_option("--threads-per-rank", scaling->threadsPerRank, "with --nproc: LibTorch threads of each rank");
    cmd->callback([=] {
        if (scaling->nproc > 1) {
            ScalingOptions so = *scaling;
            so.steps = *steps;
            so.groupSize = *g;
            so.promptsPerRank = *b;
            so.device = *device;
            printEnvironment();
            return runScalingBench(so);
        }
        printEnvironment();
        const auto dir = std::filesystem::temp_directory_path() / ("gcpo-bench-train-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        const std::string init = checkpoint->empty() ? "scratch" : "checkpoint";
        std::printf(
            "# B = %d prompts x G = %d rollouts, 40 new tokens, %d steps per run, two runs per arm (order A B C C B A); policy: %s\n",
            *b, *g, *steps, checkpoint->empty() ? "fresh (scratch) demo-size model" : checkpoint->c_str());
        const std::string db = (dir / "bench.sqlite").string();
        // A short untimed run first: the first run in a process was measurably slower in every phase
        // (thread pool and allocator warm-up), which would bias whichever algorithm runs first.
        runOne(db, "grpo", "ngram-hash", 3, *g, *b, init, *checkpoint, *device);
        // GRPO computes no embeddings (monitoring off): the honest baseline for GCPO's overhead. The three
        // runs go in the order A B C C B A and each pair is averaged, so a load that drifts during the
        // benchmark (a shared machine) weighs on every algorithm alike.
        struct Arm {
            const char* algorithm;
            const char* embedding;
            Breakdown sum;
        };
        std::vector<Arm> arms = {{"grpo", "ngram-hash", {}}, {"gcpo", "ngram-hash", {}}, {"gcpo", "policy-hidden", {}}};
        for (int i : {0, 1, 2, 2, 1, 0}) {
            const Breakdown one = runOne(db, arms[i].algorithm, arms[i].embedding, *steps, *g, *b, init, *checkpoint, *device);
            for (const auto& [k, v] : one.mean) arms[i].sum.mean[k] += v / 2.0;
        }
        const Breakdown& grpo = arms[0].sum;
        const Breakdown& ngram = arms[1].sum;
        const Breakdown& hidden = arms[2].sum;
        std::filesystem::remove_all(dir);
        std::printf("%-20s %12s %18s %20s\n", "phase (s/step)", "grpo", "gcpo ngram-hash", "gcpo policy-hidden");
        for (const char* k :
             {"time/sampling", "time/reward", "time/embedding", "time/credit", "time/loss_backward", "time/store", "step_time"}) {
            auto get = [&](const Breakdown& x) { return x.mean.count(k) ? x.mean.at(k) : 0.0; };
            std::printf("%-20s %12.4f %18.4f %20.4f\n", k, get(grpo), get(ngram), get(hidden));
        }
        const double rg = grpo.mean.at("step_time");
        std::printf("GCPO / GRPO step-time ratio: %.3f (ngram-hash), %.3f (policy-hidden, pooled from the sampling pass)\n",
                    ngram.mean.at("step_time") / rg, hidden.mean.at("step_time") / rg);
        std::printf("store share of step time: grpo %.2f%%, gcpo %.2f%% / %.2f%%\n", 100.0 * grpo.mean.at("time/store") / rg,
                    100.0 * ngram.mean.at("time/store") / ngram.mean.at("step_time"),
                    100.0 * hidden.mean.at("time/store") / hidden.mean.at("step_time"));
    });
}

}  // namespace

GCPO_REGISTER_BENCH(30, addTrainBench);

}  // namespace gcpo::bench
