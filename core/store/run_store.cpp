// RunStore: opening (read-only check first), and the writer side used by the trainer.
#include "store/run_store.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <set>
#include <stdexcept>
#include <utility>

#include <unistd.h>

#include "store/run_store_impl.h"
#include "store/schema.h"

namespace gcpo::store {

using detail::Stmt;
using detail::Transaction;

std::string toString(RunStatus s) {
    switch (s) {
    case RunStatus::Running: return "running";
    case RunStatus::Finished: return "finished";
    case RunStatus::Failed: return "failed";
    case RunStatus::Interrupted: return "interrupted";
    case RunStatus::Crashed: return "crashed";
    }
    return "unknown";
}

RunStatus runStatusFromString(const std::string& s) {
    for (RunStatus r : {RunStatus::Running, RunStatus::Finished, RunStatus::Failed, RunStatus::Interrupted, RunStatus::Crashed})
        if (toString(r) == s) return r;
    throw std::invalid_argument("unknown run status '" + s + "' (expected running, finished, failed, interrupted or crashed)");
}

bool RolloutRetention::keeps(int64_t step) const {
    switch (mode) {
    case Mode::Every: return true;
    case Mode::EveryNth: return every >= 1 && step % every == 0;
    case Mode::None: return false;
    }
    return false;
}

void RunStore::Impl::requireWriter(const char* operation) const {
    if (mode == Mode::Read)
        throw std::logic_error(path + ": " + operation + " needs the database opened for writing (it is open read-only)");
    if (readTransactionDepth > 0)
        throw std::logic_error(path + ": " + operation + " called while a ReadTransaction is held on this store");
}

void RunStore::Impl::requireRun(int64_t runId) {
    Stmt s = db.prepare("SELECT 1 FROM runs WHERE id = ?");
    s.bind(1, runId);
    if (!s.step()) throw std::invalid_argument(path + ": no run with id " + std::to_string(runId));
}

int64_t RunStore::Impl::keyId(const std::string& key) {
    auto it = keyIds.find(key);
    if (it != keyIds.end()) return it->second;
    db.prepare("INSERT OR IGNORE INTO metric_keys(name) VALUES(?)").bind(1, key).run();
    Stmt s = db.prepare("SELECT id FROM metric_keys WHERE name = ?");
    s.bind(1, key);
    if (!s.step()) throw std::runtime_error(path + ": metric key '" + key + "' vanished");
    const int64_t id = s.i64(0);
    keyIds.emplace(key, id);
    return id;
}

namespace {
detail::FileKind inspectForMode(const std::string& path, RunStore::Mode mode, int* version) {
    if (path.empty()) throw std::invalid_argument("run database path is empty");
    const detail::FileKind kind = detail::inspectFile(path, version);  // read-only; throws for foreign files
    if (mode != RunStore::Mode::Write && kind == detail::FileKind::New) {
        std::error_code ec;
        throw DatabaseRefusedError(path + (std::filesystem::exists(path, ec)
                                               ? ": is empty, no run database has been written to it yet"
                                               : ": no such run database"));
    }
    return kind;
}
}  // namespace

void RunStore::checkUsable(const std::string& path, Mode mode) {
    int version = 0;
    inspectForMode(path, mode, &version);
}

RunStore::RunStore(const std::string& path, Mode mode) : m_impl(std::make_unique<Impl>()) {
    Impl& d = *m_impl;
    d.path = path;
    d.mode = mode;
    int version = 0;
    const detail::FileKind kind = inspectForMode(path, mode, &version);
    if (mode == Mode::Read) {
        // Without write access to the folder SQLite cannot create the -shm file a WAL reader needs:
        // read the file as it is (a writer that closed cleanly left no -wal behind).
        namespace fs = std::filesystem;
        const fs::path folder = fs::absolute(fs::path(path)).parent_path();
        std::error_code ec;
        const bool sidecarsPossible = ::access(folder.c_str(), W_OK) == 0 || fs::exists(path + "-shm", ec);
        d.db = sidecarsPossible ? detail::Db(path, SQLITE_OPEN_READONLY)
                                : detail::Db(detail::immutableUri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
        d.version = version;
        return;
    }
    const bool isNew = kind == detail::FileKind::New;
    d.db = detail::Db(path, SQLITE_OPEN_READWRITE | (isNew ? SQLITE_OPEN_CREATE : 0));
    d.db.exec("PRAGMA foreign_keys = ON");
    // The schema is created in rollback-journal mode in one commit, so a reader never meets a
    // half-initialised file; then the file switches to WAL for the run.
    if (isNew) detail::initialiseSchema(d.db);
    else if (version < kSchemaVersion) {
        const int from = detail::migrateSchema(d.db);
        if (from < kSchemaVersion) spdlog::info("run store: migrated {} from schema {} to {}", path, from, kSchemaVersion);
    }
    d.db.exec("PRAGMA journal_mode = WAL");
    d.db.exec("PRAGMA synchronous = NORMAL");  // WAL + NORMAL: a killed process loses no committed step
    d.version = static_cast<int>(d.db.pragmaInt("user_version"));
    if (isNew) spdlog::debug("run store: created {}", path);
}

RunStore::~RunStore() = default;
RunStore::RunStore(RunStore&&) noexcept = default;
RunStore& RunStore::operator=(RunStore&&) noexcept = default;

const std::string& RunStore::path() const { return m_impl->path; }
RunStore::Mode RunStore::mode() const { return m_impl->mode; }
int RunStore::schemaVersion() const { return m_impl->version; }

void RunStore::setRolloutRetention(const RolloutRetention& r) {
    if (r.mode == RolloutRetention::Mode::EveryNth && r.every < 1)
        throw std::invalid_argument("rollout retention: every must be >= 1 (got " + std::to_string(r.every) + ")");
    m_impl->retention = r;
}

RolloutRetention RunStore::rolloutRetention() const { return m_impl->retention; }

int64_t RunStore::createRun(const RunInfo& info) {
    Impl& d = *m_impl;
    d.requireWriter("createRun");
    if (info.name.empty()) throw std::invalid_argument("createRun: name is empty");
    if (info.algorithm.empty()) throw std::invalid_argument("createRun: algorithm is empty");
    if (info.totalSteps < 0) throw std::invalid_argument("createRun: totalSteps is negative");
    const std::string config = info.configJson.empty() ? std::string("{}") : info.configJson;
    if (!nlohmann::json::accept(config)) throw std::invalid_argument("createRun: configJson is not valid JSON");
    const double now = detail::nowSeconds();
    Transaction tx(d.db, true);
    d.db.prepare(
            "INSERT INTO runs(name, algorithm, status, created_at, updated_at, heartbeat_at, config_json, seed, "
            "parent_checkpoint, message, total_steps) VALUES(?,?,'running',?,?,?,?,?,?,?,?)")
        .bind(1, info.name)
        .bind(2, info.algorithm)
        .bind(3, now)
        .bind(4, now)
        .bind(5, now)
        .bind(6, config)
        .bind(7, info.seed)
        .bind(8, info.parentCheckpoint)
        .bind(9, info.message)
        .bind(10, info.totalSteps)
        .run();
    const int64_t id = sqlite3_last_insert_rowid(d.db.handle());
    tx.commit();
    return id;
}

namespace {

void validateStep(const std::string& path, const StepRecord& rec) {
    const std::string where = path + ": run " + std::to_string(rec.runId) + " step " + std::to_string(rec.step) + ": ";
    if (rec.step < 0) throw std::invalid_argument(where + "step must be >= 0");
    std::set<std::string> keys;
    for (const auto& m : rec.metrics) {
        if (m.key.empty()) throw std::invalid_argument(where + "empty metric key");
        if (!keys.insert(m.key).second) throw std::invalid_argument(where + "metric '" + m.key + "' given twice");
    }
    std::set<int32_t> groups;
    for (const auto& g : rec.groups)
        if (!groups.insert(g.groupIndex).second)
            throw std::invalid_argument(where + "group " + std::to_string(g.groupIndex) + " given twice");
    std::set<std::pair<int32_t, int32_t>> rollouts;
    for (const auto& r : rec.rollouts) {
        const std::string id = std::to_string(r.groupIndex) + "/" + std::to_string(r.rolloutIndex);
        if (!groups.count(r.groupIndex)) throw std::invalid_argument(where + "rollout " + id + " names a group not in the step");
        if (!rollouts.insert({r.groupIndex, r.rolloutIndex}).second)
            throw std::invalid_argument(where + "rollout " + id + " given twice");
    }
    std::set<std::string> evals;
    for (const auto& e : rec.evals)
        if (e.metric.empty() || !evals.insert(e.metric).second)
            throw std::invalid_argument(where + "eval metric '" + e.metric + "' empty or given twice");
    std::set<std::pair<int32_t, int32_t>> samples;
    for (const auto& s : rec.evalSamples)
        if (!samples.insert({s.promptIndex, s.sampleIndex}).second)
            throw std::invalid_argument(where + "eval sample " + std::to_string(s.promptIndex) + "/" +
                                        std::to_string(s.sampleIndex) + " given twice");
}

}  // namespace

void RunStore::writeStep(const StepRecord& rec) {
    Impl& d = *m_impl;
    d.requireWriter("writeStep");
    validateStep(d.path, rec);
    const double now = detail::nowSeconds();
    const double wall = rec.wallTime != 0.0 ? rec.wallTime : now;
    const bool keepRollouts = d.retention.keeps(rec.step);
    try {
        Transaction tx(d.db, true);
        d.requireRun(rec.runId);
        {
            Stmt s = d.db.prepare("SELECT 1 FROM steps WHERE run_id = ? AND step = ?");
            s.bind(1, rec.runId).bind(2, rec.step);
            if (s.step())
                throw std::invalid_argument(d.path + ": run " + std::to_string(rec.runId) + " step " + std::to_string(rec.step) +
                                            " is already stored (a resumed run calls deleteStepsAfter first)");
        }
        d.db.prepare("INSERT INTO steps(run_id, step, wall_time, has_rollouts) VALUES(?,?,?,?)")
            .bind(1, rec.runId)
            .bind(2, rec.step)
            .bind(3, wall)
            .bind(4, int64_t(keepRollouts && !rec.rollouts.empty()))
            .run();
        for (const auto& m : rec.metrics) {
            const int64_t key = d.keyId(m.key);
            d.db.prepare("INSERT INTO metrics(run_id, step, key_id, value) VALUES(?,?,?,?)")
                .bind(1, rec.runId)
                .bind(2, rec.step)
                .bind(3, key)
                .bind(4, m.value)
                .run();
        }
        for (const auto& g : rec.groups)
            d.db.prepare(
                    "INSERT INTO rollout_groups(run_id, step, group_index, prompt, family, task_id, reward_mean, "
                    "reward_std, correct_count, team_coverage, zero_std) VALUES(?,?,?,?,?,?,?,?,?,?,?)")
                .bind(1, rec.runId)
                .bind(2, rec.step)
                .bind(3, g.groupIndex)
                .bind(4, g.prompt)
                .bind(5, g.family)
                .bind(6, g.taskId)
                .bind(7, g.rewardMean)
                .bind(8, g.rewardStd)
                .bind(9, g.correctCount)
                .bind(10, g.teamCoverage)
                .bind(11, int64_t(g.zeroStd))
                .run();
        if (keepRollouts)
            for (const auto& r : rec.rollouts) {
                const std::vector<unsigned char> blob = detail::encodeFloats(r.embedding);
                d.db.prepare(
                        "INSERT INTO rollouts(run_id, step, group_index, rollout_index, completion, parsed_answer, "
                        "canonical_answer, reward, correct, grpo_advantage, gcpo_credit, advantage_used, length, "
                        "embedding, embedding_dim) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                    .bind(1, rec.runId)
                    .bind(2, rec.step)
                    .bind(3, r.groupIndex)
                    .bind(4, r.rolloutIndex)
                    .bind(5, r.completion)
                    .bind(6, r.parsedAnswer)
                    .bind(7, r.canonicalAnswer)
                    .bind(8, r.reward)
                    .bind(9, int64_t(r.correct))
                    .bind(10, r.grpoAdvantage)
                    .bind(11, r.gcpoCredit)
                    .bind(12, r.advantageUsed)
                    .bind(13, r.length)
                    .bindBlob(14, blob.data(), blob.size())
                    .bind(15, static_cast<int64_t>(r.embedding.size()))
                    .run();
            }
        for (const auto& e : rec.evals)
            d.db.prepare("INSERT INTO evals(run_id, step, metric, value) VALUES(?,?,?,?)")
                .bind(1, rec.runId)
                .bind(2, rec.step)
                .bind(3, e.metric)
                .bind(4, e.value)
                .run();
        for (const auto& s : rec.evalSamples)
            d.db.prepare(
                    "INSERT INTO eval_samples(run_id, step, prompt_index, sample_index, task_id, prompt, "
                    "completion, parsed_answer, canonical_answer, correct) VALUES(?,?,?,?,?,?,?,?,?,?)")
                .bind(1, rec.runId)
                .bind(2, rec.step)
                .bind(3, s.promptIndex)
                .bind(4, s.sampleIndex)
                .bind(5, s.taskId)
                .bind(6, s.prompt)
                .bind(7, s.completion)
                .bind(8, s.parsedAnswer)
                .bind(9, s.canonicalAnswer)
                .bind(10, int64_t(s.correct))
                .run();
        d.db.prepare("UPDATE runs SET updated_at = ?, heartbeat_at = ? WHERE id = ?")
            .bind(1, now)
            .bind(2, now)
            .bind(3, rec.runId)
            .run();
        tx.commit();
    } catch (...) {
        d.keyIds.clear();  // keys interned by the rolled-back transaction are gone
        throw;
    }
}

namespace {
void updateRun(RunStore::Impl& d, int64_t runId, const std::string& sql, const std::function<void(Stmt&)>& bind) {
    Stmt s = d.db.prepare(sql);
    bind(s);
    s.run();
    if (d.db.changes() != 1) throw std::invalid_argument(d.path + ": no run with id " + std::to_string(runId));
}
}  // namespace

void RunStore::heartbeat(int64_t runId) {
    m_impl->requireWriter("heartbeat");
    updateRun(*m_impl, runId, "UPDATE runs SET heartbeat_at = ? WHERE id = ?",
              [&](Stmt& s) { s.bind(1, detail::nowSeconds()).bind(2, runId); });
}

void RunStore::setStatus(int64_t runId, RunStatus status, const std::string& message) {
    m_impl->requireWriter("setStatus");
    if (status == RunStatus::Crashed)
        throw std::invalid_argument("setStatus: 'crashed' is derived from a stale heartbeat and is never stored");
    const double now = detail::nowSeconds();
    updateRun(*m_impl, runId, "UPDATE runs SET status = ?, message = ?, updated_at = ?, heartbeat_at = ? WHERE id = ?",
              [&](Stmt& s) { s.bind(1, toString(status)).bind(2, message).bind(3, now).bind(4, now).bind(5, runId); });
}

void RunStore::setTotalSteps(int64_t runId, int64_t totalSteps) {
    m_impl->requireWriter("setTotalSteps");
    if (totalSteps < 0) throw std::invalid_argument("setTotalSteps: totalSteps is negative");
    updateRun(*m_impl, runId, "UPDATE runs SET total_steps = ?, updated_at = ? WHERE id = ?",
              [&](Stmt& s) { s.bind(1, totalSteps).bind(2, detail::nowSeconds()).bind(3, runId); });
}

void RunStore::addCheckpoint(int64_t runId, int64_t step, const std::string& path) {
    Impl& d = *m_impl;
    d.requireWriter("addCheckpoint");
    if (step < 0) throw std::invalid_argument("addCheckpoint: step must be >= 0");
    if (path.empty()) throw std::invalid_argument("addCheckpoint: path is empty");
    Transaction tx(d.db, true);
    d.requireRun(runId);
    const double now = detail::nowSeconds();
    d.db.prepare("INSERT OR REPLACE INTO checkpoints(run_id, step, path, created_at) VALUES(?,?,?,?)")
        .bind(1, runId)
        .bind(2, step)
        .bind(3, path)
        .bind(4, now)
        .run();
    d.db.prepare("UPDATE runs SET updated_at = ? WHERE id = ?").bind(1, now).bind(2, runId).run();
    tx.commit();
}

void RunStore::deleteStepsAfter(int64_t runId, int64_t step) {
    Impl& d = *m_impl;
    d.requireWriter("deleteStepsAfter");
    Transaction tx(d.db, true);
    d.requireRun(runId);
    // ON DELETE CASCADE removes the step's metrics, groups, rollouts, evals and eval samples.
    d.db.prepare("DELETE FROM steps WHERE run_id = ? AND step > ?").bind(1, runId).bind(2, step).run();
    d.db.prepare("DELETE FROM checkpoints WHERE run_id = ? AND step > ?").bind(1, runId).bind(2, step).run();
    d.db.prepare("UPDATE runs SET updated_at = ? WHERE id = ?").bind(1, detail::nowSeconds()).bind(2, runId).run();
    tx.commit();
}

void RunStore::appendLog(int64_t runId, const std::string& level, const std::string& text) {
    Impl& d = *m_impl;
    d.requireWriter("appendLog");
    Transaction tx(d.db, true);
    d.requireRun(runId);
    d.db.prepare("INSERT INTO logs(run_id, time, level, text) VALUES(?,?,?,?)")
        .bind(1, runId)
        .bind(2, detail::nowSeconds())
        .bind(3, level)
        .bind(4, text)
        .run();
    tx.commit();
}

}  // namespace gcpo::store
