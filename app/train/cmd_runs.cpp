// gcpo-train runs list / export: read a run database (never writing it) and print or export runs.
#include <ctime>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "store/export.h"
#include "store/run_store.h"
#include "train/cli_util.h"
#include "train/commands.h"

namespace gcpo::cli {

namespace {

// Opens for reading; a missing, foreign or newer database is bad input (exit code 2).
store::RunStore openDb(const std::string& path) {
    try {
        return store::RunStore::openForReading(path);
    } catch (const std::exception& e) {
        throw ExitError(kExitBadInput, e.what());
    }
}

std::string localTime(double t) {
    const std::time_t s = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&s, &tm);
    std::ostringstream os;
    os << std::put_time(&tm, "%Y-%m-%d %H:%M:%S");
    return os.str();
}

void printTable(const std::vector<store::RunInfo>& runs) {
    std::vector<std::vector<std::string>> rows = {{"id", "name", "algorithm", "status", "step", "updated"}};
    for (const auto& r : runs)
        rows.push_back({std::to_string(r.id), r.name, r.algorithm, store::toString(r.status),
                        (r.lastStep < 0 ? std::string("-") : std::to_string(r.lastStep)) + "/" + std::to_string(r.totalSteps),
                        localTime(r.updatedAt)});
    std::cout << cli::alignedTable(rows);
}

void addRunsCommand(CLI::App& app) {
    auto* runs = app.add_subcommand("runs", "Inspect the runs of a run database (read-only)");
    runs->require_subcommand(1);
    auto* list = runs->add_subcommand("list", "List runs: id, name, algorithm, status (crashed: stale heartbeat), step, updated");
    struct Opts {
        std::string db;
        double stale = store::kDefaultStaleSeconds;
        bool json = false;
    };
    auto o = std::make_shared<Opts>();
    list->add_option("--db", o->db, "Run database (SQLite)")->required();
    list->add_option("--stale", o->stale, "Seconds without heartbeat after which a running run counts as crashed")
        ->capture_default_str();
    list->add_flag("--json", o->json, "Print a JSON array instead of a table");
    list->callback([o] {
        const store::RunStore db = openDb(o->db);
        const std::vector<store::RunInfo> runs = db.listRuns(o->stale);
        if (!o->json) {
            printTable(runs);
            return;
        }
        nlohmann::json a = nlohmann::json::array();
        for (const auto& r : runs)
            a.push_back({{"id", r.id},
                         {"name", r.name},
                         {"algorithm", r.algorithm},
                         {"status", store::toString(r.status)},
                         {"last_step", r.lastStep},
                         {"total_steps", r.totalSteps},
                         {"seed", r.seed},
                         {"created_at", r.createdAt},
                         {"updated_at", r.updatedAt},
                         {"heartbeat_at", r.heartbeatAt},
                         {"message", r.message}});
        std::cout << a.dump() << "\n";
    });
}

void addExportCommand(CLI::App& app) {
    auto* cmd = app.add_subcommand("export", "Export one run's metrics, evals, groups and rollouts as CSV or JSON Lines");
    struct Opts {
        std::string db, format = "csv", out;
        int64_t run = 0;
        bool embeddings = false;
    };
    auto o = std::make_shared<Opts>();
    cmd->add_option("--db", o->db, "Run database (SQLite)")->required();
    cmd->add_option("--run", o->run, "Run id (see `gcpo-train runs list`)")->required();
    cmd->add_option("--format", o->format, "csv or jsonl")->capture_default_str();
    cmd->add_option("--out", o->out, "Output file, or an existing directory for one file per table (default: stdout)");
    cmd->add_flag("--embeddings", o->embeddings, "Include rollout embeddings");
    cmd->footer(
        "CSV to one stream: sections opened by \"# table: <name>\" lines, each with a header row.\n"
        "CSV to a directory: run_<id>_run.json and run_<id>_<table>.csv. JSONL: one object per line, with\n"
        "\"table\" naming it (run, metric, eval, group, rollout). Files are written whole (temp + rename).");
    cmd->callback([o] {
        store::ExportOptions opts;
        try {
            opts.format = store::exportFormatFromString(o->format);
        } catch (const std::invalid_argument& e) {
            throw ExitError(kExitBadInput, std::string("--format: ") + e.what());
        }
        opts.includeEmbeddings = o->embeddings;
        const store::RunStore db = openDb(o->db);
        if (!db.hasRun(o->run)) throw ExitError(kExitBadInput, o->db + ": no run with id " + std::to_string(o->run));
        try {
            if (o->out.empty()) {
                store::exportRun(db, o->run, opts, std::cout);
                std::cout.flush();
            } else {
                for (const auto& f : store::exportRunToPath(db, o->run, opts, o->out)) std::cerr << "wrote " << f << "\n";
            }
        } catch (const std::invalid_argument& e) {
            throw ExitError(kExitBadInput, e.what());
        }
    });
}

}  // namespace

GCPO_REGISTER_COMMAND(60, addRunsCommand);
GCPO_REGISTER_COMMAND(61, addExportCommand);

}  // namespace gcpo::cli
