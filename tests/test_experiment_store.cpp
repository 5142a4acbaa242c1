// Unit tests of the schema 1 -> 2 migration, run management (rename, notes, tags, delete, search)
// and the experiment queries; prints the time the compare view's queries take on a 2 arms x 8
// seeds experiment (no timing assertion: performance is gcpo-bench's job).
#include <QtTest>

#include <QTemporaryDir>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "stats/experiment_report.h"
#include "store/experiment_definition.h"
#include "store/experiment_store.h"
#include "util/json_path.h"
#include "store/run_admin.h"
#include "store/run_store.h"
#include "store/schema.h"

using namespace gcpo::store;

namespace {

std::string readBytes(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream os;
    os << f.rdbuf();
    return os.str();
}

// Rows of a query on a raw read-only connection, one line per row, columns joined by '|'.
std::string rawQuery(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* s = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK) {
        while (sqlite3_step(s) == SQLITE_ROW) {
            if (!out.empty()) out += "\n";
            for (int c = 0; c < sqlite3_column_count(s); ++c) {
                const auto* t = sqlite3_column_text(s, c);
                out += (c ? "|" : "") + std::string(t ? reinterpret_cast<const char*>(t) : "NULL");
            }
        }
    } else {
        out = std::string("ERROR ") + sqlite3_errmsg(db);
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
}

// A file exactly as schema version 1 wrote it, with one run of two steps (written by raw SQL: a
// RunStore opened for writing would migrate it).
void writeVersion1File(const std::string& path) {
    {
        detail::Db db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        detail::initialiseSchema(db, 1);
        db.exec(R"SQL(
            INSERT INTO runs VALUES(1,'old run','grpo','finished',1.0,2.0,2.0,'{"algorithm":"grpo","seed":3}',3,'','',2);
            INSERT INTO steps VALUES(1,0,1.5,0),(1,1,1.6,0),(1,2,1.7,0);
            INSERT INTO metric_keys VALUES(1,'reward');
            INSERT INTO metrics VALUES(1,1,1,0.25),(1,2,1,0.5);
            INSERT INTO evals VALUES(1,0,'pass@1',0.1),(1,2,'pass@1',0.4);
            INSERT INTO eval_samples VALUES(1,2,0,0,'t0','p0','c','4','4',1),(1,2,0,1,'t0','p0','c','5','5',0);
            INSERT INTO logs VALUES(1,1,1.0,'info','hello');
            PRAGMA journal_mode = WAL;)SQL");
    }
    QCOMPARE(rawQuery(path, "PRAGMA user_version"), std::string("1"));
}

RunFilter byText(const std::string& text) {
    RunFilter f;
    f.text = text;
    return f;
}

std::string schemaOf(const std::string& path) {
    return rawQuery(path, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
}

RunInfo makeRun(const std::string& name, const std::string& algorithm, int64_t seed) {
    RunInfo i;
    i.name = name;
    i.algorithm = algorithm;
    i.configJson = R"({"algorithm":")" + algorithm + R"(","seed":)" + std::to_string(seed) + "}";
    i.seed = seed;
    i.totalSteps = 4;
    return i;
}

// Eval samples for `prompts` prompts x `n` samples; prompt p has (p + salt) % (n + 1) correct
// samples, whose answers take `distinct` different values.
std::vector<EvalSample> makeSamples(int prompts, int n, int salt) {
    std::vector<EvalSample> out;
    for (int p = 0; p < prompts; ++p) {
        const int c = (p + salt) % (n + 1);
        for (int s = 0; s < n; ++s) {
            const bool ok = s < c;
            const std::string ans = ok ? std::to_string(s % 2) : "x" + std::to_string(s);
            out.push_back({p, "task/" + std::to_string(p), "prompt " + std::to_string(p), s, "…", ans, ans, ok});
        }
    }
    return out;
}

}  // namespace

class TestExperimentStore : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string file(const char* name) { return m_dir.filePath(name).toStdString(); }

private slots:
    void version1FileReadsAsItIsThenMigratesOnWrite() {
        const std::string path = file("v1.sqlite");
        writeVersion1File(path);
        const std::string before = readBytes(path);
        {
            const RunStore r(path, RunStore::Mode::Read);
            QCOMPARE(r.schemaVersion(), 1);
            QCOMPARE(r.listRuns().size(), size_t(1));
            QCOMPARE(r.metricSeries(1, "reward").values, std::vector<double>({0.25, 0.5}));
            QVERIFY(listExperiments(r).empty());
            QCOMPARE(findExperiment(r, "x"), int64_t(0));
            QVERIFY(runAnnotations(r, 1).tags.empty());
            QVERIFY(allTags(r).empty());
            const auto found = findRuns(r, byText("old"));
            QCOMPARE(found.size(), size_t(1));
            QCOMPARE(found[0].experimentId, int64_t(0));
            QCOMPARE(finalEvals(r, {1})[0].step, int64_t(2));
            QCOMPARE(promptTallies(r, 1, 2)[0].correct, 1);
            QVERIFY_EXCEPTION_THROWN(experimentInfo(r, 1), std::invalid_argument);
            // `gcpo-train report` on a version 1 file: runs grouped by algorithm.
            const gcpo::stats::ExperimentReport rep = gcpo::stats::buildAlgorithmReport(r);
            QCOMPARE(rep.arms.size(), size_t(1));
            QCOMPARE(rep.arms[0].summary.at("pass@1").mean, 0.4);
        }
        QVERIFY(readBytes(path) == before);  // read-only: not a byte changed
        QCOMPARE(rawQuery(path, "PRAGMA user_version"), std::string("1"));

        {
            RunStore w(path, RunStore::Mode::Write);
            QCOMPARE(w.schemaVersion(), 2);
            QCOMPARE(w.runInfo(1).name, std::string("old run"));
            QCOMPARE(w.metricSeries(1, "reward").values, std::vector<double>({0.25, 0.5}));
            QCOMPARE(w.evals(1).size(), size_t(2));
            QCOMPARE(w.logTail(1).size(), size_t(1));
            addRunTag(w, 1, "baseline");
            QCOMPARE(runAnnotations(w, 1).tags, std::vector<std::string>({"baseline"}));
        }
        QCOMPARE(rawQuery(path, "PRAGMA user_version"), std::string("2"));
        QCOMPARE(rawQuery(path, "PRAGMA integrity_check"), std::string("ok"));
        QCOMPARE(rawQuery(path, "PRAGMA foreign_key_check"), std::string());
        // A migrated file has exactly the schema of a new one.
        const std::string fresh = file("fresh.sqlite");
        { RunStore w(fresh, RunStore::Mode::Write); }
        QCOMPARE(schemaOf(path), schemaOf(fresh));
        // Opening the migrated file again changes nothing.
        {
            RunStore w(path, RunStore::Mode::Write);
            QCOMPARE(w.schemaVersion(), 2);
        }
        QCOMPARE(schemaOf(path), schemaOf(fresh));
    }

    void failedMigrationLeavesVersion1() {
        // A version 1 file that (damaged or hand-edited) already has a table the migration creates:
        // the migration fails as a whole and the file stays a readable version 1 file.
        const std::string path = file("v1_clash.sqlite");
        writeVersion1File(path);
        {
            detail::Db db(path, SQLITE_OPEN_READWRITE);
            db.exec("CREATE TABLE run_tags(x)");
        }
        QVERIFY_EXCEPTION_THROWN(RunStore(path, RunStore::Mode::Write), std::runtime_error);
        QCOMPARE(rawQuery(path, "PRAGMA user_version"), std::string("1"));
        QCOMPARE(rawQuery(path, "SELECT count(*) FROM sqlite_master WHERE name = 'experiments'"), std::string("0"));
        const RunStore r(path, RunStore::Mode::Read);
        QCOMPARE(r.runInfo(1).name, std::string("old run"));
    }

    void renameNotesTags() {
        const std::string path = file("admin.sqlite");
        RunStore w(path, RunStore::Mode::Write);
        const int64_t a = w.createRun(makeRun("alpha", "gcpo", 1));
        const int64_t b = w.createRun(makeRun("beta", "grpo", 2));
        renameRun(w, a, "  alpha prime ");
        QCOMPARE(w.runInfo(a).name, std::string("alpha prime"));
        QVERIFY_EXCEPTION_THROWN(renameRun(w, a, "   "), std::invalid_argument);
        QVERIFY_EXCEPTION_THROWN(renameRun(w, 99, "x"), std::invalid_argument);
        setRunNotes(w, a, "lr too high?\nsecond line");
        setRunTags(w, a, {" sweep ", "lr", "sweep"});
        QCOMPARE(runAnnotations(w, a).notes, std::string("lr too high?\nsecond line"));
        QCOMPARE(runAnnotations(w, a).tags, std::vector<std::string>({"lr", "sweep"}));
        QVERIFY_EXCEPTION_THROWN(setRunTags(w, a, {"ok", "a,b"}), std::invalid_argument);
        QCOMPARE(runAnnotations(w, a).tags, std::vector<std::string>({"lr", "sweep"}));  // unchanged
        QVERIFY_EXCEPTION_THROWN(addRunTag(w, b, " "), std::invalid_argument);
        addRunTag(w, b, "sweep");
        removeRunTag(w, a, "lr");
        removeRunTag(w, a, "absent");
        QCOMPARE(allTags(w), std::vector<std::string>({"sweep"}));
        setRunNotes(w, a, "");
        QCOMPARE(runAnnotations(w, a).notes, std::string());
        QCOMPARE(storedConfig(w, b, 1), std::string("{\n \"algorithm\": \"grpo\",\n \"seed\": 2\n}"));

        const RunStore r(path, RunStore::Mode::Read);
        QVERIFY_EXCEPTION_THROWN(const_cast<RunStore&>(r).createRun(makeRun("x", "y", 0)), std::logic_error);
        QVERIFY_EXCEPTION_THROWN(renameRun(const_cast<RunStore&>(r), a, "x"), std::logic_error);
        QVERIFY_EXCEPTION_THROWN(addRunTag(const_cast<RunStore&>(r), a, "x"), std::logic_error);
    }

    void searchAndFilter() {
        const std::string path = file("search.sqlite");
        RunStore w(path, RunStore::Mode::Write);
        const int64_t a = w.createRun(makeRun("GCPO lr 1e-4", "gcpo", 1));
        const int64_t b = w.createRun(makeRun("grpo baseline", "grpo", 1));
        const int64_t c = w.createRun(makeRun("third", "gcpo", 2));
        w.setStatus(a, RunStatus::Finished);
        w.setStatus(b, RunStatus::Failed, "nan");
        addRunTag(w, b, "Sweep-A");
        addRunTag(w, c, "Sweep-A");
        addRunTag(w, c, "keep");
        setRunNotes(w, a, "promising");
        ExperimentInfo e;
        e.name = "cmp";
        e.arms = {{0, "grpo", R"({"algorithm":"grpo"})"}, {1, "gcpo", R"({"algorithm":"gcpo"})"}};
        e.seeds = {1};
        const int64_t exp = createExperiment(w, e);
        linkExperimentRun(w, exp, 1, 1, a);

        auto ids = [&](const RunFilter& f) {
            std::vector<int64_t> out;
            for (const auto& l : findRuns(w, f)) out.push_back(l.run.id);
            return out;
        };
        QCOMPARE(ids({}), std::vector<int64_t>({a, b, c}));
        QCOMPARE(ids(byText("gcpo")), std::vector<int64_t>({a, c}));     // name or algorithm, any case
        QCOMPARE(ids(byText("PROMIS")), std::vector<int64_t>({a}));      // notes
        QCOMPARE(ids(byText("sweep-a")), std::vector<int64_t>({b, c}));  // a tag
        QCOMPARE(ids(byText("cmp")), std::vector<int64_t>({a}));         // the experiment's name
        RunFilter f;
        f.tags = {"Sweep-A", "keep"};
        QCOMPARE(ids(f), std::vector<int64_t>({c}));
        f = {};
        f.statuses = {RunStatus::Finished, RunStatus::Failed};
        QCOMPARE(ids(f), std::vector<int64_t>({a, b}));
        f = {};
        f.algorithm = "gcpo";
        f.experimentId = -1;
        QCOMPARE(ids(f), std::vector<int64_t>({c}));
        f.experimentId = exp;
        QCOMPARE(ids(f), std::vector<int64_t>({a}));
        const auto listing = findRuns(w, f);
        QCOMPARE(listing[0].arm, std::string("gcpo"));
        QCOMPARE(listing[0].experimentName, std::string("cmp"));
        QCOMPARE(listing[0].annotations.notes, std::string("promising"));
    }

    void deleteRemovesEverythingInOneTransaction() {
        const std::string path = file("delete.sqlite");
        RunStore w(path, RunStore::Mode::Write);
        const int64_t keep = w.createRun(makeRun("keep", "grpo", 0));
        const int64_t gone = w.createRun(makeRun("gone", "gcpo", 0));
        for (int64_t id : {keep, gone})
            for (int64_t step = 0; step < 3; ++step) {
                StepRecord s;
                s.runId = id;
                s.step = step;
                s.metrics = {{"reward", 0.5 * step}};
                s.groups = {{0, "p", "countdown", "t", 0.5, 0.1, 1, 2.0, false}};
                s.rollouts = {{0, 0, "c", "1", "1", 1.0, true, 0.1, 0.2, 0.2, 3, {1.f, 2.f}}};
                s.evals = {{"pass@1", 0.25}};
                s.evalSamples = makeSamples(2, 2, 0);
                w.writeStep(s);
            }
        const std::string dir = path + ".runs/run-" + std::to_string(gone) + "/step-2";
        std::filesystem::create_directories(dir);
        w.addCheckpoint(gone, 2, dir);
        w.appendLog(gone, "info", "x");
        addRunTag(w, gone, "t");
        setRunNotes(w, gone, "n");
        ExperimentInfo e;
        e.name = "e";
        e.arms = {{0, "gcpo", "{}"}};
        e.seeds = {0};
        const int64_t exp = createExperiment(w, e);
        linkExperimentRun(w, exp, 0, 0, gone);

        QVERIFY_EXCEPTION_THROWN(deleteRun(w, gone), std::logic_error);  // still running (fresh heartbeat)
        QCOMPARE(w.maxStep(gone), int64_t(2));
        w.setStatus(gone, RunStatus::Interrupted);
        const DeleteRunResult res = deleteRun(w, gone);
        QCOMPARE(res.stepsDeleted, int64_t(3));
        QCOMPARE(res.removedDirectories.size(), size_t(1));
        QVERIFY(!std::filesystem::exists(path + ".runs/run-" + std::to_string(gone)));
        QVERIFY(!w.hasRun(gone));
        for (const char* table : {"steps", "metrics", "rollout_groups", "rollouts", "evals", "eval_samples", "checkpoints",
                                  "logs", "run_notes", "run_tags"})
            QCOMPARE(rawQuery(path, std::string("SELECT count(*) FROM ") + table + " WHERE run_id = " + std::to_string(gone)),
                     std::string("0"));
        QCOMPARE(w.maxStep(keep), int64_t(2));  // the other run is untouched
        QCOMPARE(w.evalSamples(keep, 2).size(), size_t(4));
        const auto slots_ = experimentRuns(w, exp);
        QCOMPARE(slots_.size(), size_t(1));
        QCOMPARE(slots_[0].runId, int64_t(0));  // the slot is free again
        QCOMPARE(rawQuery(path, "PRAGMA foreign_key_check"), std::string());
        QVERIFY_EXCEPTION_THROWN(deleteRun(w, gone), std::invalid_argument);
    }

    void experimentsAndEvalQueries() {
        const std::string path = file("exp.sqlite");
        RunStore w(path, RunStore::Mode::Write);
        ExperimentInfo e;
        e.name = "gcpo-vs-grpo";
        e.definitionJson = R"({"arms":2})";
        e.arms = {{0, "grpo", R"({"algorithm":"grpo"})"}, {1, "gcpo", R"({"algorithm":"gcpo"})"}};
        e.seeds = {5, 3};
        QVERIFY_EXCEPTION_THROWN(createExperiment(w, ExperimentInfo{}), std::invalid_argument);
        ExperimentInfo bad = e;
        bad.arms[1].name = "grpo";
        QVERIFY_EXCEPTION_THROWN(createExperiment(w, bad), std::invalid_argument);
        bad = e;
        bad.seeds = {1, 1};
        QVERIFY_EXCEPTION_THROWN(createExperiment(w, bad), std::invalid_argument);
        bad = e;
        bad.arms[0].settingsJson = "[1]";
        QVERIFY_EXCEPTION_THROWN(createExperiment(w, bad), std::invalid_argument);
        const int64_t id = createExperiment(w, e);
        QVERIFY_EXCEPTION_THROWN(createExperiment(w, e), std::invalid_argument);  // name taken
        QCOMPARE(findExperiment(w, "gcpo-vs-grpo"), id);

        const ExperimentInfo got = experimentInfo(w, id);
        QCOMPARE(got.seeds, std::vector<int64_t>({3, 5}));
        QCOMPARE(got.arms.size(), size_t(2));
        QCOMPARE(got.arms[1].name, std::string("gcpo"));
        QCOMPARE(got.arms[1].settingsJson, std::string(R"({"algorithm":"gcpo"})"));
        QCOMPARE(got.definitionJson, std::string(R"({"arms":2})"));

        std::vector<ExperimentRun> slots_ = experimentRuns(w, id);
        QCOMPARE(slots_.size(), size_t(4));
        QCOMPARE(slots_[0].arm, std::string("grpo"));
        QCOMPARE(slots_[0].seed, int64_t(3));
        QCOMPARE(slots_[3].arm, std::string("gcpo"));
        QCOMPARE(slots_[3].seed, int64_t(5));
        for (const auto& s : slots_) QCOMPARE(s.runId, int64_t(0));

        // Runs for three of the four slots; evaluations at steps 0 and 4 (step 4 has the samples).
        std::map<std::pair<int, int64_t>, int64_t> runOf;
        int salt = 0;
        for (int arm = 0; arm < 2; ++arm)
            for (int64_t seed : {3, 5}) {
                if (arm == 1 && seed == 5) continue;
                const int64_t run = w.createRun(makeRun("r", arm ? "gcpo" : "grpo", seed));
                linkExperimentRun(w, id, arm, seed, run);
                runOf[{arm, seed}] = run;
                for (int64_t step : {0, 4}) {
                    StepRecord s;
                    s.runId = run;
                    s.step = step;
                    s.evals = {{"pass@1", 0.1 * step + arm + 0.01 * seed}, {"pass@4", 0.5}};
                    if (step == 4) s.evalSamples = makeSamples(5, 4, salt++);
                    w.writeStep(s);
                }
            }
        auto R = [&](int arm, int64_t seed) { return runOf.at({arm, seed}); };
        QVERIFY_EXCEPTION_THROWN(linkExperimentRun(w, id, 1, 5, R(0, 3)), std::invalid_argument);  // linked elsewhere
        QVERIFY_EXCEPTION_THROWN(linkExperimentRun(w, id, 1, 7, R(0, 3)), std::invalid_argument);  // no such slot
        w.setStatus(R(0, 3), RunStatus::Finished);

        slots_ = experimentRuns(w, id);
        QCOMPARE(slots_[0].runId, R(0, 3));
        QCOMPARE(store_status(slots_[0].status), std::string("finished"));
        QCOMPARE(slots_[0].lastStep, int64_t(4));
        QCOMPARE(slots_[3].runId, int64_t(0));

        const auto finals = finalEvals(w, {R(0, 5), R(1, 3), 999});
        QCOMPARE(finals[0].step, int64_t(4));
        QCOMPARE(finals[0].values.at("pass@1"), 0.1 * 4 + 0 + 0.05);
        QCOMPARE(finals[1].values.at("pass@1"), 0.1 * 4 + 1 + 0.03);
        QCOMPARE(finals[2].step, int64_t(-1));
        QVERIFY(finals[2].values.empty());
        const auto at0 = evalsAtStep(w, {R(1, 3)}, 0);
        QCOMPARE(at0[0].values.at("pass@1"), 1.03);
        QCOMPARE(evalsAtStep(w, {R(1, 3)}, 2)[0].step, int64_t(-1));

        // Tallies against a count made here from the samples themselves.
        const int64_t run = R(1, 3);
        const auto tallies = promptTallies(w, run, 4);
        const auto samples = w.evalSamples(run, 4);
        QCOMPARE(tallies.size(), size_t(5));
        for (const auto& t : tallies) {
            int n = 0, c = 0;
            std::set<std::string> distinct;
            for (const auto& s : samples)
                if (s.promptIndex == t.promptIndex) {
                    ++n;
                    if (s.correct) ++c, distinct.insert(s.canonicalAnswer);
                }
            QCOMPARE(t.samples, n);
            QCOMPARE(t.correct, c);
            QCOMPARE(t.distinctCorrect, int(distinct.size()));
            QCOMPARE(t.taskId, "task/" + std::to_string(t.promptIndex));
        }
        QVERIFY(promptTallies(w, run, 0).empty());

        renameExperiment(w, id, "renamed");
        setExperimentNotes(w, id, "n");
        QCOMPARE(listExperiments(w).at(0).name, std::string("renamed"));
        QCOMPARE(listExperiments(w).at(0).notes, std::string("n"));
        deleteExperiment(w, id);
        QVERIFY(listExperiments(w).empty());
        QVERIFY(w.hasRun(run));  // runs stay
        QCOMPARE(findRuns(w, {}).at(0).experimentId, int64_t(0));
    }

    void extendAddsArmsAndSeedsKeepingFinishedRuns() {
        const std::string path = file("extend.sqlite");
        RunStore w(path, RunStore::Mode::Write);
        ExperimentInfo e;
        e.name = "ablation";
        e.definitionJson = R"({"v":1})";
        e.arms = {{0, "grpo", R"({"algorithm":"grpo"})"}, {1, "gcpo", R"({"algorithm":"gcpo"})"}};
        e.seeds = {0, 1};
        const int64_t id = createExperiment(w, e);
        const int64_t done = w.createRun(makeRun("r", "grpo", 0));
        linkExperimentRun(w, id, 0, 0, done);

        ExperimentInfo more = e;
        more.definitionJson = R"({"v":2})";
        more.arms.push_back({2, "gcpo-correct", R"({"algorithm":"gcpo","gcpo":{"x":1}})"});
        more.seeds = {0, 1, 2};
        ExperimentInfo bad = more;  // a stored arm changed
        bad.arms[1].settingsJson = R"({"algorithm":"dapo"})";
        QVERIFY_EXCEPTION_THROWN(extendExperiment(w, id, bad), std::invalid_argument);
        bad = more;  // a stored seed dropped
        bad.seeds = {1, 2};
        QVERIFY_EXCEPTION_THROWN(extendExperiment(w, id, bad), std::invalid_argument);
        bad = more;  // a stored arm dropped
        bad.arms.erase(bad.arms.begin() + 1);
        QVERIFY_EXCEPTION_THROWN(extendExperiment(w, id, bad), std::invalid_argument);
        bad = more;  // a new arm reuses a name
        bad.arms[2].name = "gcpo";
        QVERIFY_EXCEPTION_THROWN(extendExperiment(w, id, bad), std::invalid_argument);
        QCOMPARE(experimentRuns(w, id).size(), size_t(4));  // the refusals changed nothing
        QCOMPARE(experimentInfo(w, id).definitionJson, std::string(R"({"v":1})"));

        extendExperiment(w, id, more);
        const ExperimentInfo got = experimentInfo(w, id);
        QCOMPARE(got.definitionJson, std::string(R"({"v":2})"));
        QCOMPARE(got.arms.size(), size_t(3));
        QCOMPARE(got.arms[2].name, std::string("gcpo-correct"));
        QCOMPARE(got.seeds, std::vector<int64_t>({0, 1, 2}));
        const auto runs = experimentRuns(w, id);
        QCOMPARE(runs.size(), size_t(9));  // 3 arms x 3 seeds, each planned once
        int linked = 0;
        for (const auto& r : runs)
            if (r.runId != 0) {
                ++linked;
                QCOMPARE(r.runId, done);  // the finished run is still in its slot
                QCOMPARE(r.arm, std::string("grpo"));
                QCOMPARE(r.seed, int64_t(0));
            }
        QCOMPARE(linked, 1);
        extendExperiment(w, id, more);  // the same extension again plans nothing new
        QCOMPARE(experimentRuns(w, id).size(), size_t(9));
    }

    void definitionParsingAndExpansion() {
        const std::string dir = m_dir.path().toStdString();
        {
            std::ofstream f(dir + "/base.json");
            f << R"({"algorithm":"gcpo","steps":10,"sampling":{"group_size":8}})";
        }
        const nlohmann::json j = nlohmann::json::parse(R"({
            "name": "cmp", "base": "base.json", "set": {"steps": 3},
            "arms": [{"name": "grpo", "set": {"algorithm": "grpo"}},
                     {"name": "gcpo-g4", "set": {"sampling.group_size": 4, "gcpo.estimator": "exact"}}],
            "seeds": {"first": 5, "count": 3}, "parallel": 2})");
        const ExperimentDefinition d = parseExperimentDefinition(j, dir, "", "exp.json");
        QCOMPARE(d.seeds, std::vector<int64_t>({5, 6, 7}));
        QCOMPARE(d.parallel, 2);
        const nlohmann::json c = runConfig(d, 1, 6);
        QCOMPARE(c.dump(), nlohmann::json::parse(R"({"algorithm":"gcpo","steps":3,"sampling":{"group_size":4},
            "gcpo":{"estimator":"exact"},"seed":6,"name":"cmp/gcpo-g4/seed6"})")
                               .dump());
        QCOMPARE(runConfig(d, 0, 5)["algorithm"].get<std::string>(), std::string("grpo"));
        // The canonical form parses back to the same definition, base inline.
        const ExperimentDefinition again = parseExperimentDefinition(toJson(d), "/nonexistent", "", "db");
        QCOMPARE(toJson(again), toJson(d));
        const ExperimentInfo info = toExperimentInfo(d);
        QCOMPARE(info.arms.size(), size_t(2));
        QCOMPARE(info.arms[1].settingsJson, std::string(R"({"gcpo.estimator":"exact","sampling.group_size":4})"));

        // Every problem listed at once, each named by its field.
        const nlohmann::json bad = nlohmann::json::parse(R"({
            "name": "a b", "base": "missing.json", "sets": {},
            "arms": [{"name": "x", "set": {"seed": 3}}, {"name": "x"}, 7],
            "seeds": [1, 1, -2], "parallel": 0})");
        try {
            parseExperimentDefinition(bad, dir, "", "bad.json");
            QFAIL("accepted a bad definition");
        } catch (const std::invalid_argument& e) {
            const QString msg = e.what();
            for (const char* part : {"bad.json", "sets: unknown field", "name: required", "base: ", "missing.json",
                                     "arms[0].set.seed", "arms[1].name: 'x' is given to another arm",
                                     "arms[2]:", "seeds[1]: seed 1 given twice", "seeds[2]", "parallel"})
                QVERIFY2(msg.contains(part), qPrintable(QString(part) + " missing in:\n" + msg));
        }
        nlohmann::json clash = j;
        clash["arms"][0]["set"] = {{"steps.x", 1}};  // steps is a number in the base
        QVERIFY_EXCEPTION_THROWN(parseExperimentDefinition(clash, dir, "", "c.json"), std::invalid_argument);
        nlohmann::json cfg = nlohmann::json::object();
        gcpo::util::setPath(cfg, "a.b.c", 1);
        QCOMPARE(cfg.dump(), std::string(R"({"a":{"b":{"c":1}}})"));
        QVERIFY_EXCEPTION_THROWN(gcpo::util::setPath(cfg, "a..b", 1), std::invalid_argument);
    }

    // The compare view's queries on 2 arms x 8 seeds of the demo's shape (100 steps, 30 metrics
    // per step, 6 evaluations of 32 prompts x 16 samples). Prints the time; asserts only results.
    void openTwoArmsEightSeedsTiming() {
        const std::string path = file("timing.sqlite");
        int64_t id = 0;
        {
            RunStore w(path, RunStore::Mode::Write);
            ExperimentInfo e;
            e.name = "timing";
            e.arms = {{0, "grpo", R"({"algorithm":"grpo"})"}, {1, "gcpo", R"({"algorithm":"gcpo"})"}};
            for (int s = 0; s < 8; ++s) e.seeds.push_back(s);
            id = createExperiment(w, e);
            for (int arm = 0; arm < 2; ++arm)
                for (int seed = 0; seed < 8; ++seed) {
                    const int64_t run = w.createRun(makeRun("r", arm ? "gcpo" : "grpo", seed));
                    linkExperimentRun(w, id, arm, seed, run);
                    for (int64_t step = 0; step <= 100; ++step) {
                        StepRecord s;
                        s.runId = run;
                        s.step = step;
                        for (int k = 0; k < 30; ++k) s.metrics.push_back({"metric/" + std::to_string(k), step + k * 0.5});
                        if (step % 20 == 0) {
                            s.evals = {{"pass@1", 0.3}, {"pass@8", 0.6}, {"distinct_correct", 2.0}, {"vendi", 3.0}};
                            s.evalSamples = makeSamples(32, 16, seed + arm);
                        }
                        w.writeStep(s);
                    }
                    w.setStatus(run, RunStatus::Finished);
                }
        }
        const auto t0 = std::chrono::steady_clock::now();
        const RunStore r(path, RunStore::Mode::Read);
        RunStore::ReadTransaction snapshot(r);
        const auto experiments = listExperiments(r);
        const auto runs = experimentRuns(r, id);
        std::vector<int64_t> ids;
        for (const auto& x : runs) ids.push_back(x.runId);
        const auto finals = finalEvals(r, ids);
        size_t points = 0, tallies = 0;
        for (int64_t run : ids) {
            for (const auto& t : promptTallies(r, run, 100)) tallies += static_cast<size_t>(t.samples);
            points += r.evals(run).size();
            for (int k = 0; k < 5; ++k) points += r.metricSeries(run, "metric/" + std::to_string(k)).values.size();
        }
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        qInfo(
            "2 arms x 8 seeds: open, experiment, runs, final evals, per-prompt tallies, eval and 5 metric series "
            "of 16 runs: %.1f ms (file %.1f MB; shared machine, contended)",
            ms, std::filesystem::file_size(path) / 1e6);
        QCOMPARE(experiments.size(), size_t(1));
        QCOMPARE(runs.size(), size_t(16));
        QCOMPARE(finals.size(), size_t(16));
        for (const auto& f : finals) QCOMPARE(f.step, int64_t(100));
        QCOMPARE(tallies, size_t(16 * 32 * 16));
        QCOMPARE(points, size_t(16 * (6 * 4 + 5 * 101)));
    }

private:
    static std::string store_status(RunStatus s) { return toString(s); }
};

QTEST_GUILESS_MAIN(TestExperimentStore)
#include "test_experiment_store.moc"
