// gcpo-train run / resume / demo: RL training runs stored in a SQLite run database.
#include <csignal>
#include <iostream>

#include <nlohmann/json.hpp>

#include "common/process_setup.h"
#include "rl/train_config.h"
#include "rl/trainer.h"
#include "store/run_claim.h"
#include "train/cli_util.h"
#include "train/commands.h"
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
    o.onProgress = [progressJson](const rl::TrainerProgress& p) {
        if (progressJson) {
            nlohmann::json j{{"phase", p.phase}, {"run_id", p.runId}, {"step", p.step}, {"total", p.totalSteps},
                             {"elapsed_s", p.elapsedSeconds}, {"eta_s", p.etaSeconds}, {"metrics", p.metrics},
                             {"message", p.message}};
            std::cout << j.dump() << std::endl;
        }
        std::cerr << "[" << p.phase << "] " << (p.message.empty() ? "" : p.message) << std::endl;
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

int finish(int rc) {
    if (rc == rl::kTrainInterrupted) throw ExitError(kExitInterrupted, "interrupted: checkpoint written, run marked interrupted");
    if (rc != rl::kTrainOk) throw ExitError(kExitFailure, "run failed (see the run's message in `runs list`)");
    return rc;
}

int trainOrExplain(const nlohmann::json& cfg, const rl::TrainerOptions& o, int64_t* id) {
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
    run->add_option("--config", a->config, "run config JSON (see resources/presets); - for stdin")->required();
    run->add_option("--db", a->db, "SQLite run database (created if missing)");
    run->add_option("--name", a->name, "run name (overrides the config)");
    // Given values always reach the config, so that 0 or a negative value is refused by its check.
    auto* stepsOpt = run->add_option("--steps", a->steps, "number of RL steps (overrides the config)");
    auto* seedOpt = run->add_option("--seed", a->seed, "seed (overrides the config)");
    run->add_option("--set", a->sets, "override one setting: key.path=value (repeatable)");
    run->add_flag("--progress-json", a->progressJson, "one JSON object per step on stdout");
    run->add_flag("--validate-only", a->validateOnly, "check the config, print the resolved config, write nothing");
    run->callback([a, stepsOpt, seedOpt] {
        nlohmann::json cfg = loadConfig(a->config);
        try {
            if (!a->name.empty()) rl::applyOverride(cfg, "name=" + a->name);
            if (stepsOpt->count() > 0) rl::applyOverride(cfg, "steps=" + std::to_string(a->steps));
            if (seedOpt->count() > 0) rl::applyOverride(cfg, "seed=" + std::to_string(a->seed));
            for (const auto& s : a->sets) rl::applyOverride(cfg, s);
            if (const std::string bad = util::findInvalidUtf8(cfg); !bad.empty())
                throw std::invalid_argument(bad + ": not valid UTF-8");
            if (a->validateOnly) {
                std::cout << rl::resolveConfig(cfg).dump(2) << "\n";
                return;
            }
        } catch (const std::invalid_argument& e) {
            throw ExitError(kExitBadInput, e.what());
        }
        if (a->db.empty()) throw ExitError(kExitBadInput, "--db is required to train");
        installSignalHandlers();
        int64_t id = 0;
        finish(trainOrExplain(cfg, makeOptions(a->db, a->progressJson), &id));
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
            finish(rl::resumeTraining(r->run, makeOptions(r->db, r->progressJson)));
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
        const std::string base = rl::resourcesDir() + "/configs/demo.json";
        for (const char* algorithm : {"grpo", "gcpo"}) {
            nlohmann::json cfg = loadConfig(base);
            try {
                rl::applyOverride(cfg, std::string("algorithm=") + algorithm);
                rl::applyOverride(cfg, std::string("name=demo-") + algorithm + "-seed" + std::to_string(d->seed));
                rl::applyOverride(cfg, "seed=" + std::to_string(d->seed));
                if (demoSteps->count() > 0) rl::applyOverride(cfg, "steps=" + std::to_string(d->steps));
                for (const auto& s : d->sets) rl::applyOverride(cfg, s);
                if (const std::string bad = util::findInvalidUtf8(cfg); !bad.empty())
                    throw std::invalid_argument(bad + ": not valid UTF-8");
            } catch (const std::invalid_argument& e) {
                throw ExitError(kExitBadInput, e.what());
            }
            int64_t id = 0;
            finish(trainOrExplain(cfg, makeOptions(d->db, d->progressJson), &id));
            std::cerr << "demo: " << algorithm << " run " << id << " finished\n";
        }
    });
}

}  // namespace

GCPO_REGISTER_COMMAND(50, addRunCommands);

}  // namespace gcpo::cli
