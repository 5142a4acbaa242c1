// gcpo-bench train: step-time breakdown per phase for GRPO and GCPO, measured in the same run.
#include <cstdio>
#include <filesystem>
#include <map>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "bench/bench.h"
#include "rl/trainer.h"
#include "store/run_store.h"

namespace gcpo::bench {

namespace {

struct Breakdown {
    std::map<std::string, double> mean;  // seconds per step, steps after the first
};

Breakdown runOne(const std::string& db, const std::string& algorithm, int steps, int groupSize, int prompts,
                 const std::string& init, const std::string& checkpoint, const std::string& device) {
    nlohmann::json cfg = {{"name", "bench-" + algorithm},
                          {"algorithm", algorithm},
                          {"seed", 11},
                          {"steps", steps},
                          {"device", device},
                          {"threads", 0},
                          {"model", {{"init", init}, {"checkpoint", checkpoint}}},
                          {"sampling", {{"prompts_per_step", prompts}, {"group_size", groupSize}, {"max_new_tokens", 40}}},
                          {"gcpo", {{"embedding", "policy-hidden"}, {"estimator", "exact"}, {"monitor", algorithm == "gcpo"}}},
                          {"eval", {{"every", 0}}},
                          {"checkpoint", {{"every", 0}}}};
    rl::TrainerOptions opt;
    opt.dbPath = db;
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
    cmd->callback([=] {
        printEnvironment();
        const auto dir = std::filesystem::temp_directory_path() / ("gcpo-bench-train-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        const std::string init = checkpoint->empty() ? "scratch" : "checkpoint";
        std::printf("# B = %d prompts x G = %d rollouts, 40 new tokens, %d steps each; policy: %s\n", *b, *g, *steps,
                    checkpoint->empty() ? "fresh (scratch) demo-size model" : checkpoint->c_str());
        const Breakdown grpo = runOne((dir / "bench.sqlite").string(), "grpo", *steps, *g, *b, init, *checkpoint, *device);
        const Breakdown gcpo = runOne((dir / "bench.sqlite").string(), "gcpo", *steps, *g, *b, init, *checkpoint, *device);
        std::filesystem::remove_all(dir);
        std::printf("%-20s %12s %12s\n", "phase (s/step)", "grpo", "gcpo");
        for (const char* k : {"time/sampling", "time/reward", "time/embedding", "time/credit", "time/loss_backward",
                              "time/store", "step_time"}) {
            auto get = [&](const Breakdown& x) { return x.mean.count(k) ? x.mean.at(k) : 0.0; };
            std::printf("%-20s %12.4f %12.4f\n", k, get(grpo), get(gcpo));
        }
        const double rg = grpo.mean.at("step_time"), rc = gcpo.mean.at("step_time");
        std::printf("GCPO / GRPO step-time ratio: %.3f\n", rc / rg);
        std::printf("store share of step time: grpo %.2f%%, gcpo %.2f%%\n", 100.0 * grpo.mean.at("time/store") / rg,
                    100.0 * gcpo.mean.at("time/store") / rc);
    });
}

}  // namespace

GCPO_REGISTER_BENCH(30, addTrainBench);

}  // namespace gcpo::bench
