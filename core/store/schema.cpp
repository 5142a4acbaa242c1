// The run database schema and the read-only file check (see schema.h).
#include "store/schema.h"

#include <cstdio>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <system_error>

#include "store/run_store.h"

namespace gcpo::store::detail {

namespace {

// Version 1. Long-format metrics with interned key names; a steps table that every per-step table
// references with ON DELETE CASCADE, so deleting a step removes everything it wrote.
const char* const kSchemaSql = R"SQL(
CREATE TABLE runs(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    status TEXT NOT NULL CHECK(status IN ('running','finished','failed','interrupted')),
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    heartbeat_at REAL NOT NULL,
    config_json TEXT NOT NULL,
    seed INTEGER NOT NULL,
    parent_checkpoint TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL DEFAULT '',
    total_steps INTEGER NOT NULL DEFAULT 0);

CREATE TABLE steps(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    wall_time REAL NOT NULL,
    has_rollouts INTEGER NOT NULL,
    PRIMARY KEY(run_id, step)) WITHOUT ROWID;

CREATE TABLE metric_keys(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE);

CREATE TABLE metrics(
    run_id INTEGER NOT NULL,
    step INTEGER NOT NULL,
    key_id INTEGER NOT NULL REFERENCES metric_keys(id),
    value REAL,
    PRIMARY KEY(run_id, step, key_id),
    FOREIGN KEY(run_id, step) REFERENCES steps(run_id, step) ON DELETE CASCADE) WITHOUT ROWID;
CREATE INDEX metrics_by_key ON metrics(run_id, key_id, step);

CREATE TABLE rollout_groups(
    run_id INTEGER NOT NULL,
    step INTEGER NOT NULL,
    group_index INTEGER NOT NULL,
    prompt TEXT NOT NULL,
    family TEXT NOT NULL,
    task_id TEXT NOT NULL,
    reward_mean REAL,
    reward_std REAL,
    correct_count INTEGER NOT NULL,
    team_coverage REAL,
    zero_std INTEGER NOT NULL,
    UNIQUE(run_id, step, group_index),
    FOREIGN KEY(run_id, step) REFERENCES steps(run_id, step) ON DELETE CASCADE);

CREATE TABLE rollouts(
    run_id INTEGER NOT NULL,
    step INTEGER NOT NULL,
    group_index INTEGER NOT NULL,
    rollout_index INTEGER NOT NULL,
    completion TEXT NOT NULL,
    parsed_answer TEXT NOT NULL,
    canonical_answer TEXT NOT NULL,
    reward REAL,
    correct INTEGER NOT NULL,
    grpo_advantage REAL,
    gcpo_credit REAL,
    advantage_used REAL,
    length INTEGER NOT NULL,
    embedding BLOB NOT NULL,
    embedding_dim INTEGER NOT NULL,
    UNIQUE(run_id, step, group_index, rollout_index),
    FOREIGN KEY(run_id, step) REFERENCES steps(run_id, step) ON DELETE CASCADE);

CREATE TABLE evals(
    run_id INTEGER NOT NULL,
    step INTEGER NOT NULL,
    metric TEXT NOT NULL,
    value REAL,
    PRIMARY KEY(run_id, step, metric),
    FOREIGN KEY(run_id, step) REFERENCES steps(run_id, step) ON DELETE CASCADE) WITHOUT ROWID;

CREATE TABLE eval_samples(
    run_id INTEGER NOT NULL,
    step INTEGER NOT NULL,
    prompt_index INTEGER NOT NULL,
    sample_index INTEGER NOT NULL,
    task_id TEXT NOT NULL,
    prompt TEXT NOT NULL,
    completion TEXT NOT NULL,
    parsed_answer TEXT NOT NULL,
    canonical_answer TEXT NOT NULL,
    correct INTEGER NOT NULL,
    UNIQUE(run_id, step, prompt_index, sample_index),
    FOREIGN KEY(run_id, step) REFERENCES steps(run_id, step) ON DELETE CASCADE);

CREATE TABLE checkpoints(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    path TEXT NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY(run_id, step)) WITHOUT ROWID;

CREATE TABLE logs(
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    time REAL NOT NULL,
    level TEXT NOT NULL,
    text TEXT NOT NULL);
CREATE INDEX logs_by_run ON logs(run_id, id);

-- The metrics in the plain long format (run_id, step, key, value, wall_time) for SQL users.
CREATE VIEW metric_values AS
    SELECT m.run_id AS run_id, m.step AS step, k.name AS key, m.value AS value, s.wall_time AS wall_time
    FROM metrics m JOIN metric_keys k ON k.id = m.key_id
    JOIN steps s ON s.run_id = m.run_id AND s.step = m.step;
)SQL";

// Version 2 (migrated from 1 in one transaction, see migrateSchema): experiments (a base config,
// arms that change some settings, seeds) and their planned runs, and run annotations (notes, tags).
// Nothing in version 1 changes, so a version 1 file still reads as it is.
const char* const kSchemaV2Sql = R"SQL(
CREATE TABLE experiments(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at REAL NOT NULL,
    definition_json TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '');

CREATE TABLE experiment_arms(
    experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
    arm_index INTEGER NOT NULL,
    name TEXT NOT NULL,
    settings_json TEXT NOT NULL,
    PRIMARY KEY(experiment_id, arm_index),
    UNIQUE(experiment_id, name)) WITHOUT ROWID;

-- One row per planned run (arm x seed); run_id is NULL until its run exists, and again after
-- that run is deleted (the experiment then runs it anew when resumed).
CREATE TABLE experiment_runs(
    experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
    arm_index INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    run_id INTEGER UNIQUE REFERENCES runs(id) ON DELETE SET NULL,
    PRIMARY KEY(experiment_id, arm_index, seed),
    FOREIGN KEY(experiment_id, arm_index) REFERENCES experiment_arms(experiment_id, arm_index) ON DELETE CASCADE)
    WITHOUT ROWID;

CREATE TABLE run_notes(
    run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    notes TEXT NOT NULL);

CREATE TABLE run_tags(
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY(run_id, tag)) WITHOUT ROWID;
CREATE INDEX run_tags_by_tag ON run_tags(tag, run_id);

-- Per-prompt tallies of one evaluation read by (run, step) and grouped by prompt: the unique
-- index on (run_id, step, prompt_index, sample_index) already serves them.
)SQL";

// Migrations: kMigrations[v - 1] takes a file from version v to v + 1.
const char* const kMigrations[] = {kSchemaV2Sql};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kSchemaVersion - 1,
              "one migration per schema version after the first");

const std::set<std::string> kRequiredTablesV1 = {"runs",     "steps", "metric_keys",  "metrics",     "rollout_groups",
                                                 "rollouts", "evals", "eval_samples", "checkpoints", "logs"};
const std::set<std::string> kRequiredTablesV2 = {"experiments", "experiment_arms", "experiment_runs", "run_notes", "run_tags"};

[[noreturn]] void refuse(const std::string& path, const std::string& why) {
    throw DatabaseRefusedError(path + ": " + why + "; the file was not modified");
}

}  // namespace

std::string immutableUri(const std::string& path) {
    std::string uri = "file:";
    for (const char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
            uri += hex;
        } else {
            uri += c;
        }
    }
    return uri + "?immutable=1";
}

FileKind inspectFile(const std::string& path, int* userVersion) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec && ec != std::errc::no_such_file_or_directory)
        throw std::runtime_error(path + ": cannot inspect file (" + ec.message() + ")");
    if (!fs::exists(st)) return FileKind::New;
    if (fs::is_directory(st)) throw DatabaseRefusedError(path + ": is a directory, not a run database");
    const auto size = fs::file_size(path, ec);
    if (ec) throw std::runtime_error(path + ": cannot read file size (" + ec.message() + ")");
    if (size == 0) return FileKind::New;

    Db db(immutableUri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    int64_t appId = 0, version = 0;
    std::set<std::string> tables;
    int64_t objects = 0;
    try {
        appId = db.pragmaInt("application_id");
        version = db.pragmaInt("user_version");
        Stmt s = db.prepare("SELECT type, name FROM sqlite_master");
        while (s.step()) {
            ++objects;
            if (s.text(0) == "table") tables.insert(s.text(1));
        }
    } catch (const std::runtime_error&) {
        const int code = sqlite3_errcode(db.handle()) & 0xff;
        if (code == SQLITE_NOTADB) refuse(path, "not a GCPO run database (not an SQLite database at all)");
        refuse(path, std::string("cannot be read as an SQLite database (") + sqlite3_errmsg(db.handle()) + ")");
    }
    db.close();

    if (static_cast<int32_t>(appId) != kApplicationId) {
        if (objects == 0)
            refuse(path,
                   "not a GCPO run database (an SQLite database without GCPO's application id; only a missing or "
                   "empty file becomes a new run database)");
        char buf[96];
        std::snprintf(buf, sizeof buf, "application_id 0x%08llx, GCPO run databases have 0x%08x",
                      static_cast<unsigned long long>(static_cast<uint32_t>(appId)), static_cast<unsigned>(kApplicationId));
        refuse(path, "not a GCPO run database (an SQLite database of another application: " + std::string(buf) + ")");
    }
    if (version > kSchemaVersion)
        refuse(path, "written by a newer GCPO Workbench (schema version " + std::to_string(version) +
                         ", this build reads up to " + std::to_string(kSchemaVersion) + ")");
    if (version < 1) refuse(path, "GCPO run database without a schema version (incomplete or damaged)");
    std::set<std::string> required = kRequiredTablesV1;
    if (version >= 2) required.insert(kRequiredTablesV2.begin(), kRequiredTablesV2.end());
    for (const auto& t : required)
        if (!tables.count(t)) refuse(path, "GCPO run database without its table '" + t + "' (damaged)");
    if (userVersion) *userVersion = static_cast<int>(version);
    return FileKind::RunDb;
}

void initialiseSchema(Db& db, int version) {
    if (version < 1 || version > kSchemaVersion)
        throw std::invalid_argument("initialiseSchema: no schema version " + std::to_string(version));
    // Rollout rows are ~1.2 KB (a 256-dim float32 embedding plus text): 16 KiB pages waste less
    // of each page than 4 KiB ones (measured 84 vs 91 KB per B=8 x G=8 step). Only takes effect
    // on an empty file, so it is set before the first CREATE TABLE.
    db.exec("PRAGMA page_size = 16384");
    Transaction tx(db, /*immediate=*/true);
    // Another process may have initialised the file between inspection and this transaction.
    if (db.pragmaInt("application_id") == kApplicationId && db.pragmaInt("user_version") >= 1) return;
    db.exec(kSchemaSql);
    // A new file gets exactly what a migrated one has: version 1, then every migration.
    for (int v = 1; v < version; ++v) db.exec(kMigrations[v - 1]);
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version = " + std::to_string(version));
    tx.commit();
}

int migrateSchema(Db& db) {
    Transaction tx(db, /*immediate=*/true);
    // Re-read inside the write lock: another process may have migrated the file meanwhile.
    const int from = static_cast<int>(db.pragmaInt("user_version"));
    if (from >= kSchemaVersion) return from;
    for (int v = from; v < kSchemaVersion; ++v) db.exec(kMigrations[v - 1]);
    db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
    tx.commit();
    return from;
}

}  // namespace gcpo::store::detail
