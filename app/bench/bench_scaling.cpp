// Weak scaling of data-parallel training: one process vs N ranks (gcpo-train launch), each rank with
// the same batch, measured in the same invocation one after the other (see bench_scaling.h).
#include "bench/bench_scaling.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/run_store.h"

namespace fs = std::filesystem;

namespace gcpo::bench {

namespace {

struct Timing {
    double step = 0, allreduce = 0, gather = 0;
};

int runChild(const std::vector<std::string>& args) {
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Mean per-step times of the newest run in db, steps after the first.
Timing newestRunTiming(const std::string& db) {
    store::RunStore s(db, store::RunStore::Mode::Read);
    const auto runs = s.listRuns();
    if (runs.empty()) throw std::runtime_error("no run in " + db);
    int64_t id = 0;
    for (const auto& r : runs) id = std::max(id, r.id);
    std::map<std::string, std::pair<double, int>> acc;
    for (const auto& m : s.metricsSince(id, 1)) {
        auto& a = acc[m.key];
        a.first += m.value;
        ++a.second;
    }
    auto mean = [&](const char* k) { return acc.count(k) ? acc[k].first / std::max(1, acc[k].second) : 0.0; };
    return {mean("step_time"), mean("time/allreduce"), mean("time/gather")};
}

}  // namespace

void runScalingBench(const ScalingOptions& o) {
    std::string exe = o.trainExe;
    if (exe.empty()) {
        exe = (fs::read_symlink("/proc/self/exe").parent_path() / "gcpo-train").string();
    }
    if (!fs::exists(exe)) throw std::runtime_error("gcpo-train not found at " + exe + " (use --train-exe)");
    const auto dir = fs::temp_directory_path() / ("gcpo-bench-scaling-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string config = (dir / "config.json").string();
    std::ofstream(config) << nlohmann::json{
        {"name", "bench-scaling"},
        {"algorithm", "gcpo"},
        {"seed", 11},
        {"device", o.device},
        {"threads", o.threadsPerRank},
        {"model", {{"init", "scratch"}}},
        {"sampling", {{"group_size", o.groupSize}, {"max_new_tokens", 40}}},
        {"gcpo", {{"embedding", "ngram-hash"}}},
        // A negligible learning rate keeps the policies equal, so both runs
        // sample completions of the same lengths.
        {"optim", {{"lr", 1e-9}}},
        {"eval", {{"every", 0}}},
        {"checkpoint",
         {{"every", 0}}}}.dump();
    auto args = [&](const std::string& db, int prompts) {
        return std::vector<std::string>{"run",
                                        "--config",
                                        config,
                                        "--db",
                                        db,
                                        "--steps",
                                        std::to_string(o.steps),
                                        "--set",
                                        "sampling.prompts_per_step=" + std::to_string(prompts)};
    };
    std::printf(
        "# weak scaling: %d rank(s) x %d thread(s) vs 1 x %d, B = %d prompts per rank x G = %d, 40 new tokens, "
        "%d steps (the first not counted), device %s\n",
        o.nproc, o.threadsPerRank, o.threadsPerRank, o.promptsPerRank, o.groupSize, o.steps, o.device.c_str());
    const std::string db1 = (dir / "one.sqlite").string(), dbN = (dir / "many.sqlite").string();
    std::vector<std::string> one{exe};
    for (auto& a : args(db1, o.promptsPerRank)) one.push_back(a);
    std::vector<std::string> many{exe, "launch", "--nproc", std::to_string(o.nproc), "--"};
    for (auto& a : args(dbN, o.promptsPerRank * o.nproc)) many.push_back(a);
    if (runChild(one) != 0) throw std::runtime_error("the one-process run failed");
    if (runChild(many) != 0) throw std::runtime_error("the " + std::to_string(o.nproc) + "-rank run failed");
    const Timing t1 = newestRunTiming(db1), tN = newestRunTiming(dbN);
    fs::remove_all(dir);
    std::printf("%-22s %12s %12s\n", "s/step", "1 rank", (std::to_string(o.nproc) + " ranks").c_str());
    std::printf("%-22s %12.4f %12.4f\n", "step_time", t1.step, tN.step);
    std::printf("%-22s %12.4f %12.4f\n", "time/allreduce", t1.allreduce, tN.allreduce);
    std::printf("%-22s %12.4f %12.4f\n", "time/gather", t1.gather, tN.gather);
    std::printf("weak-scaling efficiency t1 / t%d: %.3f (1 = perfect); throughput %.2fx with %d ranks\n", o.nproc,
                t1.step / tN.step, o.nproc * t1.step / tN.step, o.nproc);
}

}  // namespace gcpo::bench
