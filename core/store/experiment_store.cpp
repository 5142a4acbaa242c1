// Experiments and their planned runs in the run database, and the evaluation queries over them
// (see experiment_store.h).
#include "store/experiment_store.h"

#include <nlohmann/json.hpp>

#include <set>
#include <stdexcept>

#include "store/run_claim.h"
#include "store/run_store_impl.h"

namespace gcpo::store {

using detail::Stmt;
using detail::Transaction;

namespace {

bool hasV2(const RunStore::Impl& d) { return d.version >= 2; }

void requireExperiment(RunStore::Impl& d, int64_t id) {
    Stmt s = d.db.prepare("SELECT 1 FROM experiments WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) throw std::invalid_argument(d.path + ": no experiment with id " + std::to_string(id));
}

void requireFreeName(RunStore::Impl& d, const std::string& name, int64_t except) {
    Stmt s = d.db.prepare("SELECT id FROM experiments WHERE name = ? AND id <> ?");
    s.bind(1, name).bind(2, except);
    if (s.step())
        throw std::invalid_argument(d.path + ": an experiment named '" + name + "' exists already (id " +
                                    std::to_string(s.i64(0)) + ")");
}

void readArmsAndSeeds(RunStore::Impl& d, ExperimentInfo& e) {
    {
        Stmt s =
            d.db.prepare("SELECT arm_index, name, settings_json FROM experiment_arms WHERE experiment_id = ? ORDER BY arm_index");
        s.bind(1, e.id);
        while (s.step()) e.arms.push_back({static_cast<int32_t>(s.i64(0)), s.text(1), s.text(2)});
    }
    Stmt s = d.db.prepare("SELECT DISTINCT seed FROM experiment_runs WHERE experiment_id = ? ORDER BY seed");
    s.bind(1, e.id);
    while (s.step()) e.seeds.push_back(s.i64(0));
}

void insertArm(RunStore::Impl& d, int64_t experimentId, size_t index, const ExperimentArm& arm) {
    d.db.prepare("INSERT INTO experiment_arms(experiment_id, arm_index, name, settings_json) VALUES(?,?,?,?)")
        .bind(1, experimentId)
        .bind(2, static_cast<int64_t>(index))
        .bind(3, arm.name)
        .bind(4, arm.settingsJson.empty() ? std::string("{}") : arm.settingsJson)
        .run();
}

// One planned run (arm x seed), not yet linked to a stored run.
void insertSlot(RunStore::Impl& d, int64_t experimentId, size_t armIndex, int64_t seed) {
    d.db.prepare("INSERT INTO experiment_runs(experiment_id, arm_index, seed, run_id) VALUES(?,?,?,NULL)")
        .bind(1, experimentId)
        .bind(2, static_cast<int64_t>(armIndex))
        .bind(3, seed)
        .run();
}

}  // namespace

int64_t createExperiment(RunStore& store, const ExperimentInfo& info) {
    RunStore::Impl& d = store.impl();
    d.requireWriter("createExperiment");
    if (info.name.empty()) throw std::invalid_argument("experiment: name is empty");
    if (info.arms.empty()) throw std::invalid_argument("experiment '" + info.name + "': no arms");
    if (info.seeds.empty()) throw std::invalid_argument("experiment '" + info.name + "': no seeds");
    std::set<std::string> names;
    for (const auto& a : info.arms) {
        if (a.name.empty()) throw std::invalid_argument("experiment '" + info.name + "': an arm has no name");
        if (!names.insert(a.name).second)
            throw std::invalid_argument("experiment '" + info.name + "': arm '" + a.name + "' given twice");
        const auto settings = nlohmann::json::parse(a.settingsJson.empty() ? "{}" : a.settingsJson, nullptr, false);
        if (!settings.is_object())
            throw std::invalid_argument("experiment '" + info.name + "': arm '" + a.name + "' settings are not a JSON object");
    }
    if (std::set<int64_t>(info.seeds.begin(), info.seeds.end()).size() != info.seeds.size())
        throw std::invalid_argument("experiment '" + info.name + "': a seed is given twice");
    const std::string definition = info.definitionJson.empty() ? std::string("{}") : info.definitionJson;
    if (!nlohmann::json::accept(definition))
        throw std::invalid_argument("experiment '" + info.name + "': definition is not valid JSON");
    Transaction tx(d.db, true);
    requireFreeName(d, info.name, 0);
    d.db.prepare("INSERT INTO experiments(name, created_at, definition_json, notes) VALUES(?,?,?,?)")
        .bind(1, info.name)
        .bind(2, detail::nowSeconds())
        .bind(3, definition)
        .bind(4, info.notes)
        .run();
    const int64_t id = sqlite3_last_insert_rowid(d.db.handle());
    for (size_t i = 0; i < info.arms.size(); ++i) {
        insertArm(d, id, i, info.arms[i]);
        for (int64_t seed : info.seeds) insertSlot(d, id, i, seed);
    }
    tx.commit();
    return id;
}

void extendExperiment(RunStore& store, int64_t experimentId, const ExperimentInfo& info) {
    RunStore::Impl& d = store.impl();
    d.requireWriter("extendExperiment");
    Transaction tx(d.db, true);
    ExperimentInfo old;
    old.id = experimentId;
    requireExperiment(d, experimentId);
    readArmsAndSeeds(d, old);
    const std::string what = d.path + ": experiment " + std::to_string(experimentId);
    if (info.arms.size() < old.arms.size())
        throw std::invalid_argument(what + ": an extension keeps every arm (" + std::to_string(old.arms.size()) + " stored, " +
                                    std::to_string(info.arms.size()) + " given)");
    for (size_t i = 0; i < old.arms.size(); ++i) {
        const auto given =
            nlohmann::json::parse(info.arms[i].settingsJson.empty() ? "{}" : info.arms[i].settingsJson, nullptr, false);
        if (info.arms[i].name != old.arms[i].name || given != nlohmann::json::parse(old.arms[i].settingsJson, nullptr, false))
            throw std::invalid_argument(what + ": arm " + std::to_string(i) + " ('" + old.arms[i].name +
                                        "') differs; an extension only adds arms after the stored ones");
    }
    std::set<std::string> names;
    for (const auto& a : info.arms)
        if (a.name.empty() || !names.insert(a.name).second)
            throw std::invalid_argument(what + ": arm names must be non-empty and distinct ('" + a.name + "')");
    const std::set<int64_t> oldSeeds(old.seeds.begin(), old.seeds.end());
    const std::set<int64_t> seeds(info.seeds.begin(), info.seeds.end());
    if (seeds.size() != info.seeds.size()) throw std::invalid_argument(what + ": a seed is given twice");
    for (int64_t s : oldSeeds)
        if (!seeds.count(s))
            throw std::invalid_argument(what + ": an extension keeps every seed (seed " + std::to_string(s) + " is missing)");
    if (!nlohmann::json::accept(info.definitionJson)) throw std::invalid_argument(what + ": definition is not valid JSON");
    d.db.prepare("UPDATE experiments SET definition_json = ? WHERE id = ?")
        .bind(1, info.definitionJson)
        .bind(2, experimentId)
        .run();
    for (size_t i = 0; i < info.arms.size(); ++i) {
        const bool newArm = i >= old.arms.size();
        if (newArm) insertArm(d, experimentId, i, info.arms[i]);
        for (int64_t seed : info.seeds)
            if (newArm || !oldSeeds.count(seed)) insertSlot(d, experimentId, i, seed);
    }
    tx.commit();
}

void linkExperimentRun(RunStore& store, int64_t experimentId, int32_t armIndex, int64_t seed, int64_t runId) {
    RunStore::Impl& d = store.impl();
    d.requireWriter("linkExperimentRun");
    Transaction tx(d.db, true);
    d.requireRun(runId);
    {
        Stmt s = d.db.prepare(
            "SELECT experiment_id, arm_index, seed FROM experiment_runs WHERE run_id = ? AND NOT "
            "(experiment_id = ? AND arm_index = ? AND seed = ?)");
        s.bind(1, runId).bind(2, experimentId).bind(3, armIndex).bind(4, seed);
        if (s.step())
            throw std::invalid_argument(d.path + ": run " + std::to_string(runId) + " already belongs to experiment " +
                                        std::to_string(s.i64(0)) + " (arm " + std::to_string(s.i64(1)) + ", seed " +
                                        std::to_string(s.i64(2)) + ")");
    }
    d.db.prepare("UPDATE experiment_runs SET run_id = ? WHERE experiment_id = ? AND arm_index = ? AND seed = ?")
        .bind(1, runId)
        .bind(2, experimentId)
        .bind(3, armIndex)
        .bind(4, seed)
        .run();
    if (d.db.changes() != 1)
        throw std::invalid_argument(d.path + ": experiment " + std::to_string(experimentId) + " plans no run for arm " +
                                    std::to_string(armIndex) + ", seed " + std::to_string(seed));
    tx.commit();
}

void renameExperiment(RunStore& store, int64_t experimentId, const std::string& name) {
    RunStore::Impl& d = store.impl();
    d.requireWriter("renameExperiment");
    if (name.empty()) throw std::invalid_argument("renameExperiment: the new name is empty");
    Transaction tx(d.db, true);
    requireExperiment(d, experimentId);
    requireFreeName(d, name, experimentId);
    d.db.prepare("UPDATE experiments SET name = ? WHERE id = ?").bind(1, name).bind(2, experimentId).run();
    tx.commit();
}

void setExperimentNotes(RunStore& store, int64_t experimentId, const std::string& notes) {
    RunStore::Impl& d = store.impl();
    d.requireWriter("setExperimentNotes");
    Transaction tx(d.db, true);
    requireExperiment(d, experimentId);
    d.db.prepare("UPDATE experiments SET notes = ? WHERE id = ?").bind(1, notes).bind(2, experimentId).run();
    tx.commit();
}

void deleteExperiment(RunStore& store, int64_t experimentId) {
    RunStore::Impl& d = store.impl();
    d.requireWriter("deleteExperiment");
    Transaction tx(d.db, true);
    requireExperiment(d, experimentId);
    d.db.prepare("DELETE FROM experiments WHERE id = ?").bind(1, experimentId).run();  // cascades to arms and slots
    tx.commit();
}

std::vector<ExperimentInfo> listExperiments(const RunStore& store) {
    RunStore::Impl& d = store.impl();
    std::vector<ExperimentInfo> out;
    if (!hasV2(d)) return out;
    RunStore::ReadTransaction snapshot(store);
    {
        Stmt s = d.db.prepare("SELECT id, name, created_at, definition_json, notes FROM experiments ORDER BY id");
        while (s.step()) {
            ExperimentInfo e;
            e.id = s.i64(0);
            e.name = s.text(1);
            e.createdAt = s.dbl(2);
            e.definitionJson = s.text(3);
            e.notes = s.text(4);
            out.push_back(std::move(e));
        }
    }
    for (auto& e : out) readArmsAndSeeds(d, e);
    return out;
}

ExperimentInfo experimentInfo(const RunStore& store, int64_t experimentId) {
    RunStore::Impl& d = store.impl();
    if (!hasV2(d))
        throw std::invalid_argument(d.path + ": no experiment with id " + std::to_string(experimentId) +
                                    " (schema version 1 files have no experiments)");
    RunStore::ReadTransaction snapshot(store);
    ExperimentInfo e;
    {
        Stmt s = d.db.prepare("SELECT id, name, created_at, definition_json, notes FROM experiments WHERE id = ?");
        s.bind(1, experimentId);
        if (!s.step()) throw std::invalid_argument(d.path + ": no experiment with id " + std::to_string(experimentId));
        e.id = s.i64(0);
        e.name = s.text(1);
        e.createdAt = s.dbl(2);
        e.definitionJson = s.text(3);
        e.notes = s.text(4);
    }
    readArmsAndSeeds(d, e);
    return e;
}

int64_t findExperiment(const RunStore& store, const std::string& name) {
    RunStore::Impl& d = store.impl();
    if (!hasV2(d)) return 0;
    Stmt s = d.db.prepare("SELECT id FROM experiments WHERE name = ?");
    s.bind(1, name);
    return s.step() ? s.i64(0) : 0;
}

std::vector<ExperimentRun> experimentRuns(const RunStore& store, int64_t experimentId, double staleSeconds) {
    RunStore::Impl& d = store.impl();
    experimentInfo(store, experimentId);  // throws for an unknown experiment
    const double now = detail::nowSeconds();
    Stmt s = d.db.prepare(
        "SELECT er.arm_index, a.name, er.seed, r.id, r.status, r.name, r.total_steps, r.heartbeat_at, "
        "(SELECT max(st.step) FROM steps st WHERE st.run_id = r.id) "
        "FROM experiment_runs er "
        "JOIN experiment_arms a ON a.experiment_id = er.experiment_id AND a.arm_index = er.arm_index "
        "LEFT JOIN runs r ON r.id = er.run_id "
        "WHERE er.experiment_id = ? ORDER BY er.arm_index, er.seed");
    s.bind(1, experimentId);
    std::vector<ExperimentRun> out;
    while (s.step()) {
        ExperimentRun r;
        r.armIndex = static_cast<int32_t>(s.i64(0));
        r.arm = s.text(1);
        r.seed = s.i64(2);
        if (!s.isNull(3)) {
            r.runId = s.i64(3);
            r.status = runStatusFromString(s.text(4));
            r.runName = s.text(5);
            r.totalSteps = s.i64(6);
            r.heartbeatAt = s.dbl(7);
            r.lastStep = s.isNull(8) ? -1 : s.i64(8);
            if (r.status == RunStatus::Running) {  // as RunStore::runInfo derives it (run_claim.h)
                const OwnerState owner = probeRunOwner(d.path, r.runId);
                if (owner == OwnerState::Gone || (owner == OwnerState::Unknown && now - r.heartbeatAt > staleSeconds))
                    r.status = RunStatus::Crashed;
            }
        }
        out.push_back(std::move(r));
    }
    return out;
}

namespace {
RunEval evalAt(RunStore::Impl& d, int64_t runId, int64_t step) {
    RunEval e;
    e.runId = runId;
    if (step < 0) return e;
    Stmt s = d.db.prepare("SELECT metric, value FROM evals WHERE run_id = ? AND step = ?");
    s.bind(1, runId).bind(2, step);
    while (s.step()) e.values[s.text(0)] = s.dbl(1);
    if (!e.values.empty()) e.step = step;
    return e;
}
}  // namespace

std::vector<RunEval> finalEvals(const RunStore& store, const std::vector<int64_t>& runIds) {
    RunStore::Impl& d = store.impl();
    RunStore::ReadTransaction snapshot(store);
    std::vector<RunEval> out;
    for (int64_t id : runIds) {
        Stmt s = d.db.prepare("SELECT max(step) FROM evals WHERE run_id = ?");  // the primary key's prefix
        s.bind(1, id);
        s.step();
        const int64_t last = s.isNull(0) ? -1 : s.i64(0);
        out.push_back(evalAt(d, id, last));
    }
    return out;
}

std::vector<RunEval> evalsAtStep(const RunStore& store, const std::vector<int64_t>& runIds, int64_t step) {
    RunStore::Impl& d = store.impl();
    RunStore::ReadTransaction snapshot(store);
    std::vector<RunEval> out;
    for (int64_t id : runIds) out.push_back(evalAt(d, id, step));
    return out;
}

std::vector<PromptTally> promptTallies(const RunStore& store, int64_t runId, int64_t step) {
    RunStore::Impl& d = store.impl();
    // The unique index (run_id, step, prompt_index, sample_index) gives the rows in group order.
    Stmt s = d.db.prepare(
        "SELECT prompt_index, min(task_id), min(prompt), count(*), sum(correct), "
        "count(DISTINCT CASE WHEN correct THEN canonical_answer END) "
        "FROM eval_samples WHERE run_id = ? AND step = ? GROUP BY prompt_index ORDER BY prompt_index");
    s.bind(1, runId).bind(2, step);
    std::vector<PromptTally> out;
    while (s.step()) {
        PromptTally t;
        t.promptIndex = static_cast<int32_t>(s.i64(0));
        t.taskId = s.text(1);
        t.prompt = s.text(2);
        t.samples = static_cast<int32_t>(s.i64(3));
        t.correct = static_cast<int32_t>(s.i64(4));
        t.distinctCorrect = static_cast<int32_t>(s.i64(5));
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace gcpo::store
