// gcpo-train experiment: runs an experiment (arms x seeds from one base config) as a queue of
// `gcpo-train run` children, N at a time, recorded in the run database; run again, it resumes:
// finished runs are skipped, interrupted and crashed ones resumed, missing ones started.
#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include <nlohmann/json.hpp>

#include "app_env.h"
#include "store/experiment_definition.h"
#include "store/experiment_store.h"
#include "store/run_admin.h"
#include "store/run_store.h"
#include "train/child_process.h"
#include "train/cli_util.h"
#include "train/commands.h"

namespace gcpo::cli {

namespace {

using nlohmann::json;

std::atomic<int> g_signals{0};
void onSignal(int) { g_signals.fetch_add(1); }

enum class SlotState { Pending, Resume, Busy, Active, Finished, Failed, Interrupted };

struct Slot {
    store::ExperimentRun plan;
    SlotState state = SlotState::Pending;
    std::string message;
};

struct Options {
    std::string config, db;
    int64_t resume = 0;
    int parallel = 0;  // 0: the definition's
    bool progressJson = false;
    bool validateOnly = false;
    bool extend = false;  // add the definition's new arms and seeds to the stored experiment
};

class Runner {
public:
    Runner(const Options& o) : m_opt(o) {}

    int run() {
        loadDefinition();
        validateArms();
        if (m_opt.validateOnly) {  // the definition as it would be stored, and every run's config
            json plan = store::toJson(m_def);
            plan["runs"] = json::array();
            for (int64_t seed : m_def.seeds)
                for (size_t a = 0; a < m_def.arms.size(); ++a) plan["runs"].push_back(store::runConfig(m_def, a, seed));
            std::cout << plan.dump(2) << std::endl;
            return kExitOk;
        }
        openExperiment();
        m_exe = selfExecutable();
        m_logDir = m_opt.db + ".experiments/exp-" + std::to_string(m_id);
        std::filesystem::create_directories(m_logDir);
        lockExperiment();
        planSlots();
        struct sigaction sa {};
        sa.sa_handler = onSignal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, nullptr);
        sigaction(SIGTERM, &sa, nullptr);
        loop();
        return summarize();
    }

private:
    // One runner per experiment: a second one would start the same planned runs twice. The lock
    // goes with the process (also on kill -9); children do not inherit it.
    void lockExperiment() {
        const std::string path = m_logDir + "/runner.lock";
        m_lockFd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (m_lockFd < 0) throw ExitError(kExitFailure, path + ": cannot open the experiment's lock file");
        if (::flock(m_lockFd, LOCK_EX | LOCK_NB) != 0)
            throw ExitError(kExitFailure, "experiment " + std::to_string(m_id) + " '" + m_def.name +
                                              "' is being run by another gcpo-train experiment process (" + path + ")");
    }

    void loadDefinition() {
        try {
            if (m_opt.resume > 0) {
                const store::RunStore s(m_opt.db, store::RunStore::Mode::Read);
                const store::ExperimentInfo info = store::experimentInfo(s, m_opt.resume);
                m_def = store::parseExperimentDefinition(json::parse(info.definitionJson), ".", "",
                                                         m_opt.db + " experiment " + std::to_string(m_opt.resume));
            } else {
                m_def = store::loadExperimentDefinition(m_opt.config, app::resourcesDir());
            }
        } catch (const std::exception& e) {
            throw ExitError(kExitBadInput, e.what());
        }
        m_parallel = m_opt.parallel > 0 ? m_opt.parallel : m_def.parallel;
        // The children inherit it: each chooses its automatic thread count for a 1/m_parallel share.
        ::setenv("GCPO_CONCURRENT_RUNS", std::to_string(std::max(1, m_parallel)).c_str(), 1);
    }

    // Every arm's config, checked by the trainer's own validation before anything is written.
    void validateArms() {
        const std::string exe = selfExecutable();
        for (size_t a = 0; a < m_def.arms.size(); ++a) {
            std::string out;
            const json cfg = store::runConfig(m_def, a, m_def.seeds.front());
            const int rc = runToCompletion(exe, {"run", "--config", "-", "--validate-only"}, cfg.dump(), &out);
            if (rc != 0)
                throw ExitError(
                    rc == kExitBadInput ? kExitBadInput : kExitFailure,
                    "experiment '" + m_def.name + "', arm '" + m_def.arms[a].name + "': its config is not valid:\n" + out);
        }
    }

    void openExperiment() {
        try {
            m_store = std::make_unique<store::RunStore>(m_opt.db, store::RunStore::Mode::Write);
        } catch (const std::exception& e) {
            throw ExitError(kExitBadInput, e.what());
        }
        json mine = store::toJson(m_def);
        mine.erase("parallel");  // how many at a time is no part of what is compared
        m_id = store::findExperiment(*m_store, m_def.name);
        if (m_id == 0) {
            m_id = store::createExperiment(*m_store, store::toExperimentInfo(m_def));
            note("created experiment " + std::to_string(m_id) + " '" + m_def.name + "': " + std::to_string(m_def.arms.size()) +
                 " arms x " + std::to_string(m_def.seeds.size()) + " seeds");
            return;
        }
        json stored = json::parse(store::experimentInfo(*m_store, m_id).definitionJson);
        stored.erase("parallel");
        if (stored == mine) {
            note("resuming experiment " + std::to_string(m_id) + " '" + m_def.name + "'");
            return;
        }
        // An extension keeps the base, the common settings, every stored arm and seed, and adds arms
        // after them or seeds: the finished runs stay valid and paired with the new ones.
        json storedRest = stored, mineRest = mine;
        for (const char* key : {"arms", "seeds"}) storedRest.erase(key), mineRest.erase(key);
        if (!m_opt.extend || storedRest != mineRest)
            throw ExitError(kExitBadInput, m_opt.db + ": experiment '" + m_def.name + "' (id " + std::to_string(m_id) +
                                               ") exists with a different definition; give this one another name, "
                                               "resume the stored one with --resume " +
                                               std::to_string(m_id) +
                                               (m_opt.extend || storedRest != mineRest
                                                    ? std::string(" (an extension may only add arms or seeds)")
                                                    : std::string(", or add its new arms or seeds with --extend")));
        try {
            store::extendExperiment(*m_store, m_id, store::toExperimentInfo(m_def));
        } catch (const std::invalid_argument& e) {
            throw ExitError(kExitBadInput, e.what());
        }
        note("extended experiment " + std::to_string(m_id) + " '" + m_def.name + "' to " + std::to_string(m_def.arms.size()) +
             " arms x " + std::to_string(m_def.seeds.size()) + " seeds");
    }

    // Finished runs are skipped, stopped ones resumed; a run whose link was never recorded (the
    // runner died first) is found by its name.
    void planSlots() {
        const double created = store::experimentInfo(*m_store, m_id).createdAt;
        for (auto& p : store::experimentRuns(*m_store, m_id)) {
            Slot s;
            s.plan = p;
            if (s.plan.runId == 0) adoptOrphan(s, created);
            classify(s);
            m_slots.push_back(std::move(s));
        }
        // Seed by seed, arms side by side: partial results are already paired.
        std::stable_sort(m_slots.begin(), m_slots.end(), [](const Slot& a, const Slot& b) { return a.plan.seed < b.plan.seed; });
    }

    void adoptOrphan(Slot& s, double createdAfter) {
        const std::string name = store::runName(m_def, static_cast<size_t>(s.plan.armIndex), s.plan.seed);
        int64_t found = 0;
        for (const auto& l : store::findRuns(*m_store, {}))
            if (l.run.name == name && l.experimentId == 0 && l.run.createdAt >= createdAfter - 1.0) found = l.run.id;
        if (found == 0) return;
        store::linkExperimentRun(*m_store, m_id, s.plan.armIndex, s.plan.seed, found);
        s.plan.runId = found;
    }

    void classify(Slot& s) {
        if (s.plan.runId == 0) {
            s.state = SlotState::Pending;
            return;
        }
        const store::RunInfo info = m_store->runInfo(s.plan.runId);
        switch (info.status) {
        case store::RunStatus::Finished: s.state = SlotState::Finished; break;
        case store::RunStatus::Failed: s.state = SlotState::Failed, s.message = info.message; break;
        case store::RunStatus::Running: s.state = SlotState::Busy; break;  // a live process owns it
        case store::RunStatus::Interrupted:
        case store::RunStatus::Crashed: s.state = SlotState::Resume; break;
        }
    }

    std::string label(const Slot& s) const { return "[" + s.plan.arm + " seed " + std::to_string(s.plan.seed) + "]"; }

    void note(const std::string& line) const { std::cerr << "experiment: " << line << std::endl; }

    void launch(size_t i) {
        Slot& s = m_slots[i];
        const std::string log = m_logDir + "/" + s.plan.arm + "-seed" + std::to_string(s.plan.seed) + ".log";
        Child c;
        if (s.state == SlotState::Resume) {
            note(label(s) + " resuming run " + std::to_string(s.plan.runId) + " (log " + log + ")");
            c = startChild(m_exe, {"resume", "--db", m_opt.db, "--run", std::to_string(s.plan.runId), "--progress-json"}, "",
                           log);
        } else {
            note(label(s) + " starting (log " + log + ")");
            const json cfg = store::runConfig(m_def, static_cast<size_t>(s.plan.armIndex), s.plan.seed);
            c = startChild(m_exe, {"run", "--config", "-", "--db", m_opt.db, "--progress-json"}, cfg.dump(), log);
        }
        s.state = SlotState::Active;
        m_children[i] = std::move(c);
    }

    void onLine(size_t i, const std::string& line) {
        Slot& s = m_slots[i];
        RunProgress p;
        if (!parseProgressLine(line, &p)) return;  // not a progress line (util/run_protocol.h)
        if (p.runId > 0) {
            m_gateOpen = true;  // past any SFT warm-up: the cache exists now
            if (s.plan.runId == 0) {
                store::linkExperimentRun(*m_store, m_id, s.plan.armIndex, s.plan.seed, p.runId);
                s.plan.runId = p.runId;
                note(label(s) + " run " + std::to_string(p.runId));
            }
        }
        if (m_opt.progressJson) {
            json j = toJson(p);
            j["experiment_id"] = m_id;
            j["arm"] = s.plan.arm;
            j["seed"] = s.plan.seed;
            std::cout << j.dump() << std::endl;
        }
        if (p.phase == RunPhase::Step && p.totalSteps > 0 && p.step % std::max<int64_t>(1, p.totalSteps / 5) == 0)
            note(label(s) + " step " + std::to_string(p.step) + "/" + std::to_string(p.totalSteps) + ", eta " +
                 std::to_string(static_cast<int64_t>(p.etaSeconds)) + " s");
    }

    void onExit(size_t i, int rc) {
        Slot& s = m_slots[i];
        if (s.plan.runId == 0) adoptOrphan(s, 0.0);
        if (rc == 0) {
            s.state = SlotState::Finished;
        } else if (rc == kExitInterrupted) {
            s.state = SlotState::Interrupted;
        } else if (rc == kExitBusy) {  // another live process took the run first: follow it
            s.state = SlotState::Busy;
        } else {
            s.state = SlotState::Failed;
            s.message = "exit code " + std::to_string(rc) + " (see the log in " + m_logDir + ")";
            if (rc == kExitBadInput) m_badInput = true;
        }
        m_gateOpen = true;
        note(label(s) + " " +
             (rc == 0                  ? "finished"
              : rc == kExitInterrupted ? "interrupted"
              : rc == kExitBusy        ? "owned by another process"
                                       : s.message) +
             (s.plan.runId ? " (run " + std::to_string(s.plan.runId) + ")" : ""));
    }

    void loop() {
        auto lastBusyCheck = std::chrono::steady_clock::now();
        int forwarded = 0;
        while (true) {
            const int signals = g_signals.load();
            if (signals > forwarded) {  // each signal forwarded once: the first asks for a clean stop
                if (forwarded == 0) note("stopping: every running run checkpoints and stops (signal again to end at once)");
                for (auto& [i, c] : m_children) ::kill(c.pid, SIGTERM);
                forwarded = signals;
            }
            const bool stopping = signals > 0 || m_badInput;
            for (size_t i = 0; i < m_slots.size() && !stopping; ++i) {
                if (static_cast<int>(m_children.size()) >= m_parallel) break;
                if (!m_gateOpen && !m_children.empty()) break;  // the first run alone until it has a run id
                const SlotState st = m_slots[i].state;
                if (st == SlotState::Pending || st == SlotState::Resume) launch(i);
            }
            const bool waiting = std::any_of(m_slots.begin(), m_slots.end(), [&](const Slot& s) {
                return s.state == SlotState::Busy ||
                       (!stopping && (s.state == SlotState::Pending || s.state == SlotState::Resume));
            });
            if (m_children.empty() && !waiting) return;

            std::vector<pollfd> fds;
            std::vector<size_t> owners;
            for (auto& [i, c] : m_children)
                if (c.stdoutFd >= 0) fds.push_back({c.stdoutFd, POLLIN, 0}), owners.push_back(i);
            ::poll(fds.data(), fds.size(), 500);
            for (size_t k = 0; k < fds.size(); ++k) {
                Child& c = m_children[owners[k]];
                bool eof = false;
                for (const auto& line : readLines(c, &eof)) onLine(owners[k], line);
                if (eof) ::close(c.stdoutFd), c.stdoutFd = -1;
            }
            for (auto it = m_children.begin(); it != m_children.end();) {
                int status = 0;
                if (it->second.stdoutFd < 0 && ::waitpid(it->second.pid, &status, WNOHANG) == it->second.pid) {
                    const size_t i = it->first;
                    it = m_children.erase(it);
                    onExit(i, exitCodeOf(status));
                } else {
                    ++it;
                }
            }
            // Runs another process was training when this one started: follow them until they stop.
            if (std::chrono::steady_clock::now() - lastBusyCheck > std::chrono::seconds(2)) {
                lastBusyCheck = std::chrono::steady_clock::now();
                for (auto& s : m_slots)
                    if (s.state == SlotState::Busy) {
                        classify(s);
                        if (s.state != SlotState::Busy)
                            note(label(s) + " run " + std::to_string(s.plan.runId) + " was stopped elsewhere; taking it over");
                    }
            }
        }
    }

    int summarize() {
        int finished = 0, failed = 0, open = 0;
        std::cerr << "experiment " << m_id << " '" << m_def.name << "':\n";
        for (auto& s : m_slots) {
            const char* what = "not started";
            switch (s.state) {
            case SlotState::Finished: what = "finished", ++finished; break;
            case SlotState::Failed: what = "failed", ++failed; break;
            case SlotState::Interrupted: what = "interrupted", ++open; break;
            case SlotState::Resume: what = "stopped (resumable)", ++open; break;
            case SlotState::Busy: what = "running elsewhere", ++open; break;
            default: ++open; break;
            }
            std::cerr << "  " << s.plan.arm << " seed " << s.plan.seed << ": "
                      << (s.plan.runId ? "run " + std::to_string(s.plan.runId) + " " : std::string()) << what
                      << (s.message.empty() ? "" : " - " + s.message) << "\n";
        }
        std::cerr << finished << " finished, " << failed << " failed, " << open << " to do; report: gcpo-train report --db "
                  << m_opt.db << " --experiment " << m_id << std::endl;
        if (m_badInput) throw ExitError(kExitBadInput, "a run rejected its config (see its log)");
        if (g_signals.load() > 0) throw ExitError(kExitInterrupted, "interrupted: run the same command again to resume");
        if (failed > 0) throw ExitError(kExitFailure, std::to_string(failed) + " run(s) failed");
        return kExitOk;
    }

    Options m_opt;
    store::ExperimentDefinition m_def;
    std::unique_ptr<store::RunStore> m_store;
    int64_t m_id = 0;
    int m_parallel = 1;
    std::string m_exe, m_logDir;
    std::vector<Slot> m_slots;
    std::map<size_t, Child> m_children;  // slot index -> running child
    int m_lockFd = -1;                   // held until the process ends
    bool m_gateOpen = false;
    bool m_badInput = false;
};

void addExperimentCommand(CLI::App& app) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "experiment", "Run an experiment (arms x seeds from one base config) as a queue of runs; run again to resume");
    cmd->add_option("--config", o->config, "experiment definition JSON (see resources/experiments)");
    cmd->add_option("--db", o->db, "SQLite run database (created if missing)")->required();
    cmd->add_option("--resume", o->resume, "resume the stored experiment with this id (no --config needed)");
    cmd->add_option("--parallel", o->parallel, "runs at a time (default: the definition's \"parallel\", else 1)")
        ->check(CLI::Range(1, 64));
    cmd->add_flag("--extend", o->extend,
                  "the stored experiment of this name gets the definition's new arms (after its own) and seeds; "
                  "finished runs are kept");
    cmd->add_flag("--validate-only", o->validateOnly,
                  "check the definition and every arm's config, print every run's config, write nothing");
    cmd->add_flag("--progress-json", o->progressJson, "the runs' progress JSON on stdout, with experiment_id, arm and seed");
    cmd->footer(
        "Finished runs are skipped, interrupted or crashed ones resumed from their last checkpoint, failed ones\n"
        "reported. Each run's stderr goes to <db>.experiments/exp-<id>/<arm>-seed<seed>.log. Ctrl-C stops\n"
        "every run cleanly at a checkpoint (exit 130).");
    cmd->callback([o] {
        if (o->config.empty() == (o->resume == 0)) throw ExitError(kExitBadInput, "give either --config or --resume");
        Runner(*o).run();
    });
}

}  // namespace

GCPO_REGISTER_COMMAND(55, addExperimentCommand);

}  // namespace gcpo::cli
