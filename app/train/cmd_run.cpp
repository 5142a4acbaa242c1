// gcpo-train run / resume / demo: RL training runs stored in a SQLite run database.
#include <csignal>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app_env.h"
#include "common/process_setup.h"
#include "rl/run_config.h"
#include "rl/trainer.h"
#include "store/run_claim.h"
#include "train/cli_util.h"
#include "train/commands.h"
#include "train/dist_env.h"
#include "util/json_guard.h"

namespace gcpo::cli {

namespace {

std::atomic<bool> g_stop{false};

void onSignal(int) {
    g_stop.store(true);
    // A second signal ends the process at once (the database stays consistent: one transaction per step).
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

void installSignalHandlers() {
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

rl::TrainerOptions makeOptions(const std::string& db, bool progressJson) {
    rl::TrainerOptions o;
    o.dbPath = db;
    o.stop = &g_stop;
    o.sftCacheRoot = app::sftCacheRootFromEnvironment();
    o.dist = distConfigForTraining();  // torchrun / Slurm / gcpo-train launch; one process otherwise
    o.resourcesDir = app::resourcesDir();
    o.threadsOverride = app::threadsFromEnv();
    o.onProgress = [progressJson](const rl::TrainerProgress& p) {
        if (progressJson) std::cout << toJson(p).dump() << std::endl;
        std::cerr << "[" << toString(p.phase) << "] " << p.message << std::endl;
    };
    return o;
}

nlohmann::json loadConfig(const std::string& path) {
    const std::string text = readFileOrStdin(path);
    try {
        return util::parseJson(text);
    } catch (const nlohmann::json::exception& e) {
        throw ExitError(kExitBadInput, path + ": not valid JSON (" + util::toValidUtf8(e.what()) + ")");
    } catch (const std::invalid_argument& e) {
        throw ExitError(kExitBadInput, path + ": " + e.what());
    }
}

// runId: the run trained, 0 when none was created (stopped during the SFT warm-up).
int finish(int rc, int64_t runId) {
    if (rc == rl::kTrainInterrupted && runId <= 0)
        throw ExitError(kExitInterrupted,
                        "interrupted during the SFT warm-up: no run was created, the unfinished warm-up was discarded");
    if (rc == rl::kTrainInterrupted)
        throw ExitError(kExitInterrupted,
                        "interrupted: checkpoint written, run " + std::to_string(runId) + " marked interrupted");
    if (rc != rl::kTrainOk) throw ExitError(kExitFailure, "run failed (see the run's message in `runs list`)");
    return rc;
}

// The one resolution of a run config with its overrides; every problem listed, exit 2.
rl::RunConfig resolveOrExplain(const nlohmann::json& cfg, const std::vector<std::string>& overrides) {
    try {
        // Invalid UTF-8 in the config or an override is refused before anything is written.
        if (const std::string bad = util::findInvalidUtf8(cfg); !bad.empty())
            throw std::invalid_argument(bad + ": not valid UTF-8");
        for (const auto& o : overrides)
            if (!util::findInvalidUtf8(nlohmann::json(o)).empty())
                throw std::invalid_argument("--set " + o.substr(0, o.find('=')) + ": not valid UTF-8");
        return rl::resolveRunConfig(cfg, overrides);
    } catch (const std::invalid_argument& e) {
        throw ExitError(kExitBadInput, e.what());
    }
}

int trainOrExplain(const rl::RunConfig& cfg, const rl::TrainerOptions& o, int64_t* id) {
    try {
        return rl::runTraining(cfg, o, id);
    } catch (const std::invalid_argument& e) {
        throw ExitError(kExitBadInput, e.what());
    }
}

void addRunCommands(CLI::App& app) {
    struct RunArgs {
        std::string config, db, name;
        int64_t steps = 0, seed = -1;
        std::vector<std::string> sets;
        bool progressJson = false, validateOnly = false;
    };
    auto a = std::make_shared<RunArgs>();
    auto* run = app.add_subcommand("run", "Train one RL run (GCPO, GRPO or a variant) into a run database");
    run->add_option("--config", a->config, "run config JSON (e.g. resources/presets/*.json); - for stdin")->required();
    run->add_option("--db", a->db, "SQLite run database (created if missing)");
    auto* nameOpt = run->add_option("--name", a->name, "run name (overrides the config)");
    // Given values always reach the config, so that an empty name, 0 or a negative value is refused by its check.
    auto* stepsOpt = run->add_option("--steps", a->steps, "number of RL steps (overrides the config)");
    auto* seedOpt = run->add_option("--seed", a->seed, "seed (overrides the config)");
    run->add_option("--set", a->sets, "override one setting: key.path=value (repeatable; a string value may be JSON-quoted)");
    run->add_flag("--progress-json", a->progressJson, "one JSON object per step on stdout");
    run->add_flag("--validate-only", a->validateOnly, "check the config, print the resolved config, write nothing");
    run->callback([a, nameOpt, stepsOpt, seedOpt] {
        const nlohmann::json cfg = loadConfig(a->config);
        std::vector<std::string> overrides;
        if (nameOpt->count() > 0) overrides.push_back("name=" + a->name);
        if (stepsOpt->count() > 0) overrides.push_back("steps=" + std::to_string(a->steps));
        if (seedOpt->count() > 0) overrides.push_back("seed=" + std::to_string(a->seed));
        overrides.insert(overrides.end(), a->sets.begin(), a->sets.end());
        const rl::RunConfig resolved = resolveOrExplain(cfg, overrides);
        if (a->validateOnly) {
            std::cout << rl::toJson(resolved).dump(2) << "\n";
            return;
        }
        if (a->db.empty()) throw ExitError(kExitBadInput, "--db is required to train");
        installSignalHandlers();
        int64_t id = 0;
        const int rc = trainOrExplain(resolved, makeOptions(a->db, a->progressJson), &id);
        finish(rc, id);
        std::cerr << "run " << id << " finished\n";
    });

    struct ResumeArgs {
        std::string db;
        int64_t run = 0;
        bool progressJson = false;
    };
    auto r = std::make_shared<ResumeArgs>();
    auto* resume = app.add_subcommand("resume", "Continue an interrupted or crashed run from its last checkpoint");
    resume->add_option("--db", r->db, "SQLite run database")->required();
    resume->add_option("--run", r->run, "run id")->required();
    resume->add_flag("--progress-json", r->progressJson, "one JSON object per step on stdout");
    resume->callback([r] {
        installSignalHandlers();
        try {
            finish(rl::resumeTraining(r->run, makeOptions(r->db, r->progressJson)), r->run);
        } catch (const std::invalid_argument& e) {
            throw ExitError(kExitBadInput, e.what());
        } catch (const store::RunBusyError& e) {
            throw ExitError(kExitBusy, e.what());
        }
    });

    struct DemoArgs {
        std::string db;
        int64_t steps = 0, seed = 0;
        bool progressJson = false;
        std::vector<std::string> sets;
    };
    auto d = std::make_shared<DemoArgs>();
    auto* demo = app.add_subcommand(
        "demo", "The built-in experiment: SFT warm-up, then GRPO and GCPO from the same checkpoint, same seed and budget");
    demo->add_option("--db", d->db, "SQLite run database")->required();
    auto* demoSteps = demo->add_option("--steps", d->steps, "RL steps per run (default: the demo config's)");
    demo->add_option("--seed", d->seed, "seed shared by both runs");
    demo->add_option("--set", d->sets, "override one setting of both runs: key.path=value (repeatable)");
    demo->add_flag("--progress-json", d->progressJson, "one JSON object per step on stdout");
    demo->callback([d, demoSteps] {
        installSignalHandlers();
        const std::string resources = app::resourcesDir();
        if (resources.empty()) throw ExitError(kExitBadInput, "demo: no resources folder found (set GCPO_RESOURCES)");
        const nlohmann::json base = loadConfig(resources + "/configs/demo.json");
        std::vector<rl::RunConfig> runs;  // both resolved before either trains
        for (const char* algorithm : {"grpo", "gcpo"}) {
            std::vector<std::string> overrides = {std::string("algorithm=") + algorithm,
                                                  std::string("name=demo-") + algorithm + "-seed" + std::to_string(d->seed),
                                                  "seed=" + std::to_string(d->seed)};
            if (demoSteps->count() > 0) overrides.push_back("steps=" + std::to_string(d->steps));
            overrides.insert(overrides.end(), d->sets.begin(), d->sets.end());
            runs.push_back(resolveOrExplain(base, overrides));
        }
        for (const rl::RunConfig& cfg : runs) {
            int64_t id = 0;
            const int rc = trainOrExplain(cfg, makeOptions(d->db, d->progressJson), &id);
            finish(rc, id);
            std::cerr << "demo: " << rl::toString(cfg.algorithm) << " run " << id << " finished\n";
        }
    });
}

}  // namespace

GCPO_REGISTER_COMMAND(50, addRunCommands);

}  // namespace gcpo::cli
