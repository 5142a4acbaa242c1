// RunStore: the reader side used by the workbench and the CLI (any mode, own connection).
#include <stdexcept>

#include "store/run_claim.h"
#include "store/run_store.h"
#include "store/run_store_impl.h"

namespace gcpo::store {

using detail::Stmt;

namespace {

const char* const kRunColumns =
    "SELECT r.id, r.name, r.algorithm, r.status, r.created_at, r.updated_at, r.heartbeat_at, r.config_json, r.seed, "
    "r.parent_checkpoint, r.message, r.total_steps, "
    "(SELECT max(s.step) FROM steps s WHERE s.run_id = r.id) FROM runs r ";

// A stored Running run is shown as Crashed when its owner is provably gone (its lock file exists and
// no process holds it) and as Running while a live process holds the lock, however late the
// heartbeat; only without a lock file does a stale heartbeat decide.
RunInfo readRun(const Stmt& s, const std::string& dbPath, double staleSeconds, double now) {
    RunInfo r;
    r.id = s.i64(0);
    r.name = s.text(1);
    r.algorithm = s.text(2);
    r.status = runStatusFromString(s.text(3));
    r.createdAt = s.dbl(4);
    r.updatedAt = s.dbl(5);
    r.heartbeatAt = s.dbl(6);
    r.configJson = s.text(7);
    r.seed = s.i64(8);
    r.parentCheckpoint = s.text(9);
    r.message = s.text(10);
    r.totalSteps = s.i64(11);
    r.lastStep = s.isNull(12) ? -1 : s.i64(12);
    if (r.status == RunStatus::Running) {
        const OwnerState owner = probeRunOwner(dbPath, r.id);
        if (owner == OwnerState::Gone || (owner == OwnerState::Unknown && now - r.heartbeatAt > staleSeconds))
            r.status = RunStatus::Crashed;
    }
    return r;
}

}  // namespace

std::vector<RunInfo> RunStore::listRuns(double staleSeconds) const {
    const double now = detail::nowSeconds();
    Stmt s = m_impl->db.prepare(std::string(kRunColumns) + "ORDER BY r.id");
    std::vector<RunInfo> out;
    while (s.step()) out.push_back(readRun(s, m_impl->path, staleSeconds, now));
    return out;
}

RunInfo RunStore::runInfo(int64_t runId, double staleSeconds) const {
    const double now = detail::nowSeconds();
    Stmt s = m_impl->db.prepare(std::string(kRunColumns) + "WHERE r.id = ?");
    s.bind(1, runId);
    if (!s.step()) throw std::invalid_argument(m_impl->path + ": no run with id " + std::to_string(runId));
    return readRun(s, m_impl->path, staleSeconds, now);
}

bool RunStore::hasRun(int64_t runId) const {
    Stmt s = m_impl->db.prepare("SELECT 1 FROM runs WHERE id = ?");
    s.bind(1, runId);
    return s.step();
}

std::vector<std::string> RunStore::metricKeys(int64_t runId) const {
    // One index probe per key known to the database (keys are few), instead of a scan of the run.
    Stmt s = m_impl->db.prepare(
        "SELECT k.name FROM metric_keys k WHERE EXISTS "
        "(SELECT 1 FROM metrics m WHERE m.run_id = ? AND m.key_id = k.id) ORDER BY k.name");
    s.bind(1, runId);
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text(0));
    return out;
}

std::vector<MetricRow> RunStore::metricsSince(int64_t runId, int64_t afterStep) const {
    Stmt s = m_impl->db.prepare(
        "SELECT m.step, k.name, m.value, st.wall_time FROM metrics m "
        "JOIN steps st ON st.run_id = m.run_id AND st.step = m.step "
        "JOIN metric_keys k ON k.id = m.key_id "
        "WHERE m.run_id = ? AND m.step > ? ORDER BY m.step, m.key_id");
    s.bind(1, runId).bind(2, afterStep);
    std::vector<MetricRow> out;
    while (s.step()) out.push_back({s.i64(0), s.text(1), s.dbl(2), s.dbl(3)});
    return out;
}

MetricSeries RunStore::metricSeries(int64_t runId, const std::string& key, int64_t afterStep) const {
    MetricSeries out;
    out.key = key;
    Stmt s = m_impl->db.prepare(
        "SELECT m.step, m.value, st.wall_time FROM metrics m "
        "JOIN steps st ON st.run_id = m.run_id AND st.step = m.step "
        "WHERE m.run_id = ? AND m.key_id = (SELECT id FROM metric_keys WHERE name = ?) AND m.step > ? "
        "ORDER BY m.step");
    s.bind(1, runId).bind(2, key).bind(3, afterStep);
    while (s.step()) {
        out.steps.push_back(s.i64(0));
        out.values.push_back(s.dbl(1));
        out.wallTimes.push_back(s.dbl(2));
    }
    return out;
}

std::vector<StepInfo> RunStore::steps(int64_t runId) const {
    Stmt s = m_impl->db.prepare("SELECT step, wall_time, has_rollouts FROM steps WHERE run_id = ? ORDER BY step");
    s.bind(1, runId);
    std::vector<StepInfo> out;
    while (s.step()) out.push_back({s.i64(0), s.dbl(1), s.i64(2) != 0});
    return out;
}

int64_t RunStore::maxStep(int64_t runId) const {
    Stmt s = m_impl->db.prepare("SELECT max(step) FROM steps WHERE run_id = ?");
    s.bind(1, runId);
    s.step();
    return s.isNull(0) ? -1 : s.i64(0);
}

std::vector<GroupRecord> RunStore::groups(int64_t runId, int64_t step) const {
    Stmt s = m_impl->db.prepare(
        "SELECT group_index, prompt, family, task_id, reward_mean, reward_std, correct_count, team_coverage, zero_std "
        "FROM rollout_groups WHERE run_id = ? AND step = ? ORDER BY group_index");
    s.bind(1, runId).bind(2, step);
    std::vector<GroupRecord> out;
    while (s.step()) {
        GroupRecord g;
        g.groupIndex = static_cast<int32_t>(s.i64(0));
        g.prompt = s.text(1);
        g.family = s.text(2);
        g.taskId = s.text(3);
        g.rewardMean = s.dbl(4);
        g.rewardStd = s.dbl(5);
        g.correctCount = static_cast<int32_t>(s.i64(6));
        g.teamCoverage = s.dbl(7);
        g.zeroStd = s.i64(8) != 0;
        out.push_back(std::move(g));
    }
    return out;
}

std::vector<RolloutRecord> RunStore::rollouts(int64_t runId, int64_t step, int32_t groupIndex) const {
    Stmt s = m_impl->db.prepare(
        "SELECT group_index, rollout_index, completion, parsed_answer, canonical_answer, reward, correct, "
        "grpo_advantage, gcpo_credit, advantage_used, length, embedding, embedding_dim FROM rollouts "
        "WHERE run_id = ? AND step = ? AND (? < 0 OR group_index = ?) ORDER BY group_index, rollout_index");
    s.bind(1, runId).bind(2, step).bind(3, groupIndex).bind(4, groupIndex);
    std::vector<RolloutRecord> out;
    while (s.step()) {
        RolloutRecord r;
        r.groupIndex = static_cast<int32_t>(s.i64(0));
        r.rolloutIndex = static_cast<int32_t>(s.i64(1));
        r.completion = s.text(2);
        r.parsedAnswer = s.text(3);
        r.canonicalAnswer = s.text(4);
        r.reward = s.dbl(5);
        r.correct = s.i64(6) != 0;
        r.grpoAdvantage = s.dbl(7);
        r.gcpoCredit = s.dbl(8);
        r.advantageUsed = s.dbl(9);
        r.length = static_cast<int32_t>(s.i64(10));
        int bytes = 0;
        const void* blob = s.blob(11, &bytes);
        const int64_t dim = s.i64(12);
        if (bytes != dim * 4)
            throw std::runtime_error(m_impl->path + ": rollout " + std::to_string(r.groupIndex) + "/" +
                                     std::to_string(r.rolloutIndex) + " of step " + std::to_string(step) +
                                     " has an embedding blob of " + std::to_string(bytes) + " bytes for dimension " +
                                     std::to_string(dim));
        r.embedding = detail::decodeFloats(blob, static_cast<size_t>(bytes));
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<EvalRow> RunStore::evals(int64_t runId) const {
    Stmt s = m_impl->db.prepare("SELECT step, metric, value FROM evals WHERE run_id = ? ORDER BY step, metric");
    s.bind(1, runId);
    std::vector<EvalRow> out;
    while (s.step()) out.push_back({s.i64(0), s.text(1), s.dbl(2)});
    return out;
}

std::vector<int64_t> RunStore::evalSteps(int64_t runId) const {
    Stmt s = m_impl->db.prepare("SELECT DISTINCT step FROM evals WHERE run_id = ? ORDER BY step");
    s.bind(1, runId);
    std::vector<int64_t> out;
    while (s.step()) out.push_back(s.i64(0));
    return out;
}

std::vector<EvalSample> RunStore::evalSamples(int64_t runId, int64_t step) const {
    Stmt s = m_impl->db.prepare(
        "SELECT prompt_index, task_id, prompt, sample_index, completion, parsed_answer, canonical_answer, correct "
        "FROM eval_samples WHERE run_id = ? AND step = ? ORDER BY prompt_index, sample_index");
    s.bind(1, runId).bind(2, step);
    std::vector<EvalSample> out;
    while (s.step()) {
        EvalSample e;
        e.promptIndex = static_cast<int32_t>(s.i64(0));
        e.taskId = s.text(1);
        e.prompt = s.text(2);
        e.sampleIndex = static_cast<int32_t>(s.i64(3));
        e.completion = s.text(4);
        e.parsedAnswer = s.text(5);
        e.canonicalAnswer = s.text(6);
        e.correct = s.i64(7) != 0;
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<CheckpointInfo> RunStore::checkpoints(int64_t runId) const {
    Stmt s = m_impl->db.prepare("SELECT step, path, created_at FROM checkpoints WHERE run_id = ? ORDER BY step");
    s.bind(1, runId);
    std::vector<CheckpointInfo> out;
    while (s.step()) out.push_back({s.i64(0), s.text(1), s.dbl(2)});
    return out;
}

std::vector<LogLine> RunStore::logTail(int64_t runId, int maxLines) const {
    if (maxLines < 0) throw std::invalid_argument("logTail: maxLines is negative");
    Stmt s = m_impl->db.prepare(
        "SELECT time, level, text FROM (SELECT id, time, level, text FROM logs WHERE run_id = ? "
        "ORDER BY id DESC LIMIT ?) ORDER BY id");
    s.bind(1, runId).bind(2, maxLines);
    std::vector<LogLine> out;
    while (s.step()) out.push_back({s.dbl(0), s.text(1), s.text(2)});
    return out;
}

RunStore::ReadTransaction::ReadTransaction(const RunStore& store) : m_store(&store) {
    RunStore::Impl& d = *store.m_impl;
    if (d.readTransactionDepth++ > 0) return;  // nested: share the outer snapshot
    try {
        d.db.prepare("BEGIN DEFERRED").run();
        // The snapshot starts at the first read, so read now: later calls all see this state.
        d.db.prepare("SELECT count(*) FROM sqlite_master").run();
    } catch (...) {
        sqlite3_exec(d.db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        d.readTransactionDepth = 0;
        throw;
    }
}

RunStore::ReadTransaction::~ReadTransaction() {
    RunStore::Impl& d = *m_store->m_impl;
    if (--d.readTransactionDepth == 0) sqlite3_exec(d.db.handle(), "COMMIT", nullptr, nullptr, nullptr);
}

}  // namespace gcpo::store
