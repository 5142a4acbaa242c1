// Unit tests of the SQLite run store: exact round trips, incremental reads, retention, crash
// detection, refusal of foreign files (left byte-for-byte unchanged), snapshot isolation between
// connections, resume truncation, export, integrity, and the measured database growth per step.
#include <QtTest>

#include <QTemporaryDir>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "store/export.h"
#include "store/run_diff.h"
#include "store/run_store.h"

using namespace gcpo::store;

namespace {

std::string readBytes(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream os;
    os << f.rdbuf();
    return os.str();
}

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << bytes;
}

// Runs SQL on a raw connection (the test's stand-in for another program).
void rawExec(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    const QString msg = err ? QString(err) : QString();
    sqlite3_free(err);
    sqlite3_close(db);
    QVERIFY2(rc == SQLITE_OK, qPrintable(msg));
}

std::string rawQuery(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* s = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK) {
        while (sqlite3_step(s) == SQLITE_ROW) {
            if (!out.empty()) out += "\n";
            const auto* t = sqlite3_column_text(s, 0);
            out += t ? reinterpret_cast<const char*>(t) : "NULL";
        }
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
}

// A step of B groups x G rollouts with dim-dimensional embeddings and nMetrics metrics; every
// value depends on (step, b, g) so that a mix-up between rows is caught.
StepRecord makeStep(int64_t runId, int64_t step, int B = 2, int G = 3, int dim = 4, int nMetrics = 3, int completionChars = 0) {
    StepRecord r;
    r.runId = runId;
    r.step = step;
    r.wallTime = 1.7e9 + static_cast<double>(step) * 0.5;
    for (int k = 0; k < nMetrics; ++k) r.metrics.push_back({"m" + std::to_string(k), step * 10.0 + k + 0.125});
    for (int b = 0; b < B; ++b) {
        GroupRecord g;
        g.groupIndex = b;
        g.prompt = "Prompt " + std::to_string(step) + "," + std::to_string(b) + " \"quoted\"\nline2";
        g.family = "countdown";
        g.taskId = "countdown/train/" + std::to_string(step * 100 + b);
        g.rewardMean = 0.25 * b;
        g.rewardStd = 0.1 + b;
        g.correctCount = b + 1;
        g.teamCoverage = 1.5 + step + b;
        g.zeroStd = b % 2 == 1;
        r.groups.push_back(g);
        for (int i = 0; i < G; ++i) {
            RolloutRecord o;
            o.groupIndex = b;
            o.rolloutIndex = i;
            o.completion = completionChars ? std::string(static_cast<size_t>(completionChars), 'a' + i % 26)
                                           : "think… <answer>" + std::to_string(i) + "</answer>, done";
            o.parsedAnswer = std::to_string(i);
            o.canonicalAnswer = "c" + std::to_string(i);
            o.reward = i % 2;
            o.correct = i % 2 == 1;
            o.grpoAdvantage = -1.0 + i / 3.0;
            o.gcpoCredit = 0.01 * (step + b + i);
            o.advantageUsed = o.gcpoCredit - 0.5;
            o.length = 17 + i;
            for (int j = 0; j < dim; ++j) o.embedding.push_back(static_cast<float>(std::sin(step + b * 7 + i * 13 + j)));
            r.rollouts.push_back(o);
        }
    }
    return r;
}

RunInfo makeRun(const std::string& name) {
    RunInfo i;
    i.name = name;
    i.algorithm = "gcpo";
    i.configJson = R"({"algorithm":"gcpo","group_size":3})";
    i.seed = 42;
    i.parentCheckpoint = "sft.pt";
    i.totalSteps = 100;
    return i;
}

}  // namespace

class TestStore : public QObject {
    Q_OBJECT
    std::unique_ptr<QTemporaryDir> m_dir;  // a fresh folder per test function (and data row)
    std::string file(const char* name) { return m_dir->filePath(name).toStdString(); }

    // SQLite's own consistency checks of a database this test function wrote.
    static void checkIntegrity(const std::string& path) {
        QCOMPARE(rawQuery(path, "PRAGMA integrity_check"), std::string("ok"));
        QCOMPARE(rawQuery(path, "PRAGMA foreign_key_check"), std::string());
    }

private slots:
    // Every test function makes the databases it checks: none depends on another's files.
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { m_dir.reset(); }

    void roundTripEverythingExactly() {
        const std::string path = file("roundtrip.sqlite");
        RunStore w(path, RunStore::Mode::Write);
        QCOMPARE(w.schemaVersion(), kSchemaVersion);
        const int64_t id = w.createRun(makeRun("first, \"run\""));
        StepRecord rec = makeStep(id, 0);
        rec.metrics.push_back({"kl", std::numeric_limits<double>::quiet_NaN()});
        rec.metrics.push_back({"grad_norm", std::numeric_limits<double>::infinity()});
        rec.evals = {{"pass@1", 0.5}, {"pass@8", 0.875}};
        rec.evalSamples = {{0, "t/0", "p0", 0, "c00", "1", "1", true},
                           {0, "t/0", "p0", 1, "c01", "2", "2", false},
                           {1, "t/1", "p1", 0, "c10", "", "", false}};
        w.writeStep(rec);
        w.addCheckpoint(id, 0, "/ck/step0.pt");
        w.appendLog(id, "info", "hello");

        RunStore r(path, RunStore::Mode::Read);
        const RunInfo info = r.runInfo(id);
        QCOMPARE(info.name, std::string("first, \"run\""));
        QCOMPARE(info.algorithm, std::string("gcpo"));
        QCOMPARE(toString(info.status), toString(RunStatus::Running));
        QCOMPARE(info.seed, int64_t(42));
        QCOMPARE(info.parentCheckpoint, std::string("sft.pt"));
        QCOMPARE(info.configJson, std::string(R"({"algorithm":"gcpo","group_size":3})"));
        QCOMPARE(info.totalSteps, int64_t(100));
        QCOMPARE(info.lastStep, int64_t(0));
        QVERIFY(info.createdAt > 1.6e9 && info.heartbeatAt >= info.createdAt);

        const auto rows = r.metricsSince(id, -1);
        QCOMPARE(rows.size(), rec.metrics.size());
        for (size_t k = 0; k < rows.size(); ++k) {  // key registration order within the step
            QCOMPARE(rows[k].key, rec.metrics[k].key);
            QCOMPARE(rows[k].step, int64_t(0));
            QCOMPARE(rows[k].wallTime, rec.wallTime);
            if (std::isnan(rec.metrics[k].value)) QVERIFY(std::isnan(rows[k].value));
            else QCOMPARE(rows[k].value, rec.metrics[k].value);
        }
        const auto groups = r.groups(id, 0);
        QCOMPARE(groups.size(), rec.groups.size());
        for (size_t b = 0; b < groups.size(); ++b) {
            QCOMPARE(groups[b].prompt, rec.groups[b].prompt);
            QCOMPARE(groups[b].taskId, rec.groups[b].taskId);
            QCOMPARE(groups[b].teamCoverage, rec.groups[b].teamCoverage);
            QCOMPARE(groups[b].rewardStd, rec.groups[b].rewardStd);
            QCOMPARE(groups[b].correctCount, rec.groups[b].correctCount);
            QCOMPARE(groups[b].zeroStd, rec.groups[b].zeroStd);
        }
        const auto all = r.rollouts(id, 0);
        QCOMPARE(all.size(), rec.rollouts.size());
        for (size_t i = 0; i < all.size(); ++i) {
            const RolloutRecord &a = all[i], &b = rec.rollouts[i];
            QCOMPARE(a.groupIndex, b.groupIndex);
            QCOMPARE(a.rolloutIndex, b.rolloutIndex);
            QCOMPARE(a.completion, b.completion);
            QCOMPARE(a.canonicalAnswer, b.canonicalAnswer);
            QCOMPARE(a.correct, b.correct);
            QCOMPARE(a.gcpoCredit, b.gcpoCredit);
            QCOMPARE(a.advantageUsed, b.advantageUsed);
            QCOMPARE(a.length, b.length);
            QVERIFY(a.embedding == b.embedding);  // bit-exact float32 round trip
        }
        const auto g1 = r.rollouts(id, 0, 1);
        QCOMPARE(g1.size(), size_t(3));
        QCOMPARE(g1[0].groupIndex, 1);
        // The blob is float32 little-endian whatever the host: check the raw bytes of rollout 0/0.
        const float e0 = rec.rollouts[0].embedding[0];
        uint32_t bits;
        std::memcpy(&bits, &e0, 4);
        char hex[9];
        std::snprintf(hex, sizeof hex, "%02X%02X%02X%02X", bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, bits >> 24);
        const std::string blobHex = rawQuery(path, "SELECT hex(substr(embedding,1,4)) FROM rollouts ORDER BY rowid LIMIT 1");
        QCOMPARE(blobHex, std::string(hex));

        const auto evals = r.evals(id);
        QCOMPARE(evals.size(), size_t(2));
        QCOMPARE(evals[1].metric, std::string("pass@8"));
        QCOMPARE(evals[1].value, 0.875);
        QCOMPARE(r.evalSteps(id), std::vector<int64_t>{0});
        const auto samples = r.evalSamples(id, 0);
        QCOMPARE(samples.size(), size_t(3));
        QCOMPARE(samples[1].completion, std::string("c01"));
        QCOMPARE(samples[0].correct, true);
        QCOMPARE(samples[2].promptIndex, 1);
        const auto cks = r.checkpoints(id);
        QCOMPARE(cks.size(), size_t(1));
        QCOMPARE(cks[0].path, std::string("/ck/step0.pt"));
        QCOMPARE(r.logTail(id).at(0).text, std::string("hello"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, r.runInfo(id + 1));
        QVERIFY(!r.hasRun(id + 1));
        checkIntegrity(path);
    }

    void incrementalMetrics() {
        const std::string path = file("incremental.sqlite");
        RunStore w(path, RunStore::Mode::Write);
        const int64_t id = w.createRun(makeRun("inc"));
        RunStore r(path, RunStore::Mode::Read);
        QVERIFY(r.metricsSince(id).empty());
        QCOMPARE(r.maxStep(id), int64_t(-1));
        for (int s = 0; s < 5; ++s) w.writeStep(makeStep(id, s));
        QCOMPARE(r.metricsSince(id, -1).size(), size_t(15));
        const auto tail = r.metricsSince(id, 2);
        QCOMPARE(tail.size(), size_t(6));
        for (size_t i = 0; i < tail.size(); ++i) {
            QCOMPARE(tail[i].step, int64_t(3 + i / 3));
            QCOMPARE(tail[i].key, "m" + std::to_string(i % 3));
            QCOMPARE(tail[i].value, tail[i].step * 10.0 + double(i % 3) + 0.125);
        }
        w.writeStep(makeStep(id, 5));
        QCOMPARE(r.metricsSince(id, 4).size(), size_t(3));
        const MetricSeries m1 = r.metricSeries(id, "m1", 1);
        QCOMPARE(m1.steps, (std::vector<int64_t>{2, 3, 4, 5}));
        QCOMPARE(m1.values.at(3), 51.125);
        QCOMPARE(m1.wallTimes.at(0), 1.7e9 + 1.0);
        QCOMPARE(r.metricKeys(id), (std::vector<std::string>{"m0", "m1", "m2"}));
        QCOMPARE(r.maxStep(id), int64_t(5));
        QCOMPARE(r.steps(id).size(), size_t(6));
    }

    void retention_data() {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("every");
        QTest::addColumn<QList<int>>("kept");
        QTest::newRow("every step") << int(RolloutRetention::Mode::Every) << 1 << QList<int>{0, 1, 2, 3, 4, 5, 6};
        QTest::newRow("every 3rd") << int(RolloutRetention::Mode::EveryNth) << 3 << QList<int>{0, 3, 6};
        QTest::newRow("none") << int(RolloutRetention::Mode::None) << 1 << QList<int>{};
    }
    void retention() {
        QFETCH(int, mode);
        QFETCH(int, every);
        QFETCH(QList<int>, kept);
        const std::string path = file("retention.sqlite");
        std::filesystem::remove(path);
        RunStore w(path, RunStore::Mode::Write);
        w.setRolloutRetention({static_cast<RolloutRetention::Mode>(mode), every});
        const int64_t id = w.createRun(makeRun("ret"));
        for (int s = 0; s < 7; ++s) w.writeStep(makeStep(id, s));
        for (const StepInfo& st : w.steps(id)) {
            const bool keep = kept.contains(int(st.step));
            QCOMPARE(st.hasRollouts, keep);
            QCOMPARE(w.rollouts(id, st.step).size(), keep ? size_t(6) : size_t(0));
            QCOMPARE(w.groups(id, st.step).size(), size_t(2));  // groups are always kept
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, w.setRolloutRetention(RolloutRetention::everyNth(0)));
    }

    void crashedByStaleHeartbeat() {
        const std::string path = file("crash.sqlite");
        RunStore w(path, RunStore::Mode::Write);
        const int64_t live = w.createRun(makeRun("live"));
        const int64_t done = w.createRun(makeRun("done"));
        w.setStatus(done, RunStatus::Finished);
        RunStore r(path, RunStore::Mode::Read);
        QCOMPARE(toString(r.listRuns().at(0).status), toString(RunStatus::Running));
        std::this_thread::sleep_for(std::chrono::milliseconds(120));
        auto runs = r.listRuns(0.05);
        QCOMPARE(runs.size(), size_t(2));
        QCOMPARE(toString(runs[0].status), toString(RunStatus::Crashed));
        QCOMPARE(toString(runs[1].status), toString(RunStatus::Finished));  // only running runs can be crashed
        QCOMPARE(toString(r.runInfo(live, 0.05).status), toString(RunStatus::Crashed));
        w.heartbeat(live);
        QCOMPARE(toString(r.runInfo(live, 0.05).status), toString(RunStatus::Running));
        w.setStatus(live, RunStatus::Failed, "NaN loss at step 3");
        QCOMPARE(r.runInfo(live).message, std::string("NaN loss at step 3"));
        QCOMPARE(toString(r.runInfo(live).status), std::string("failed"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, w.setStatus(live, RunStatus::Crashed));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, w.heartbeat(999));
    }

    void foreignFilesRefusedAndUnchanged_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("needle");
        QTest::newRow("random bytes") << "random"
                                      << "not an SQLite database";
        QTest::newRow("text file") << "text"
                                   << "not an SQLite database";
        QTest::newRow("other application") << "other"
                                           << "another application";
        QTest::newRow("newer schema") << "newer"
                                      << "newer";
        QTest::newRow("gcpo id, table missing") << "damaged"
                                                << "without its table";
    }
    void foreignFilesRefusedAndUnchanged() {
        QFETCH(QString, kind);
        QFETCH(QString, needle);
        const std::string path = file(("foreign_" + kind.toStdString() + ".db").c_str());
        if (kind == "random") {
            std::mt19937 rng(7);
            std::string bytes(8192, '\0');
            for (char& c : bytes) c = static_cast<char>(rng());
            writeBytes(path, bytes);
        } else if (kind == "text") {
            writeBytes(path, "name,value\nalpha,1\n");
        } else if (kind == "other") {
            rawExec(path, "CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES('ada');");
        } else {
            {
                RunStore w(path, RunStore::Mode::Write);
                w.createRun(makeRun("x"));
            }
            rawExec(path, kind == "newer" ? "PRAGMA user_version = 99; PRAGMA journal_mode = DELETE;"
                                          : "DROP TABLE logs; PRAGMA journal_mode = DELETE;");
        }
        const std::string before = readBytes(path);
        QVERIFY(!before.empty());
        for (RunStore::Mode mode : {RunStore::Mode::Read, RunStore::Mode::Write}) {
            try {
                RunStore s(path, mode);
                QFAIL("a foreign file was opened");
            } catch (const std::runtime_error& e) {
                const QString what = e.what();
                QVERIFY2(what.contains(QString::fromStdString(path)) && what.contains(needle), e.what());
            }
        }
        QVERIFY(readBytes(path) == before);
        for (const char* suffix : {"-wal", "-journal"}) QVERIFY(!std::filesystem::exists(path + suffix));
    }

    void newAndEmptyFiles() {
        const std::string missing = file("missing.sqlite");
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, RunStore(missing, RunStore::Mode::Read));
        QVERIFY(!std::filesystem::exists(missing));  // a reader never creates a file
        const std::string empty = file("empty.sqlite");
        writeBytes(empty, "");
        try {
            RunStore s(empty, RunStore::Mode::Read);
            QFAIL("an empty file opened for reading");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("empty"), e.what());
        }
        {
            RunStore w(empty, RunStore::Mode::Write);
            QVERIFY(w.listRuns().empty());
        }
        RunStore r(empty, RunStore::Mode::Read);  // a WAL file whose writer has gone: no -wal, no -shm
        QVERIFY(r.listRuns().empty());
        QCOMPARE(rawQuery(empty, "PRAGMA page_size"), std::string("16384"));
        QCOMPARE(rawQuery(empty, "PRAGMA application_id"), std::to_string(kApplicationId));
        QCOMPARE(rawQuery(empty, "PRAGMA journal_mode"), std::string("wal"));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, r.createRun(makeRun("no")));  // read-only store
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, RunStore(m_dir->path().toStdString(), RunStore::Mode::Write));
    }

    void badArguments() {
        const std::string path = file("bad.sqlite");
        RunStore w(path, RunStore::Mode::Write);
        const int64_t id = w.createRun(makeRun("bad"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, w.writeStep(makeStep(id + 5, 0)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, w.writeStep(makeStep(id, -1)));
        StepRecord dup = makeStep(id, 0);
        dup.metrics.push_back(dup.metrics[0]);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, w.writeStep(dup));
        StepRecord orphan = makeStep(id, 0);
        orphan.rollouts[0].groupIndex = 9;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, w.writeStep(orphan));
        RunInfo noName = makeRun("");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, w.createRun(noName));
        RunInfo badJson = makeRun("j");
        badJson.configJson = "{nope";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, w.createRun(badJson));
        QCOMPARE(w.maxStep(id), int64_t(-1));  // nothing was written by the refused steps
        w.writeStep(makeStep(id, 0));
        try {
            w.writeStep(makeStep(id, 0));
            QFAIL("a step was written twice");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains("already stored"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runStatusFromString("paused"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, RunStore("", RunStore::Mode::Read));
    }

    void readerSeesOnlyCommittedSteps() {
        const std::string path = file("isolation.sqlite");
        RunStore w(path, RunStore::Mode::Write);
        const int64_t id = w.createRun(makeRun("iso"));
        w.writeStep(makeStep(id, 0));
        RunStore r(path, RunStore::Mode::Read);
        // Another connection holds a write transaction with a half-written step 1.
        sqlite3* raw = nullptr;
        QCOMPARE(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
        QCOMPARE(sqlite3_exec(raw,
                              "BEGIN IMMEDIATE; INSERT INTO steps VALUES(1, 1, 0.0, 0);"
                              "INSERT INTO metrics VALUES(1, 1, 1, 3.5);",
                              nullptr, nullptr, nullptr),
                 SQLITE_OK);
        QCOMPARE(r.maxStep(id), int64_t(0));
        QCOMPARE(r.metricsSince(id, 0).size(), size_t(0));
        QCOMPARE(sqlite3_exec(raw, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(raw);
        QCOMPARE(r.maxStep(id), int64_t(1));
        QCOMPARE(r.metricsSince(id, 0).size(), size_t(1));

        // A writer thread writes whole steps while the reader checks that every step it sees is
        // complete, and that a ReadTransaction keeps one snapshot.
        const int64_t id2 = w.createRun(makeRun("threaded"));
        std::atomic<bool> done{false};
        std::string writerError;
        std::thread writer([&] {
            try {
                RunStore tw(path, RunStore::Mode::Write);
                for (int s = 0; s < 60; ++s) tw.writeStep(makeStep(id2, s, 4, 4, 16, 20));
            } catch (const std::exception& e) {
                writerError = e.what();
            }
            done = true;
        });
        struct Joiner {
            std::thread& t;
            ~Joiner() {
                if (t.joinable()) t.join();
            }  // also when a check below fails
        } joiner{writer};
        int checks = 0;
        while (!done || checks == 0) {
            RunStore::ReadTransaction snap(r);
            const int64_t last = r.maxStep(id2);
            if (last >= 0) {
                QCOMPARE(r.metricsSince(id2, last - 1).size(), size_t(20));
                QCOMPARE(r.groups(id2, last).size(), size_t(4));
                QCOMPARE(r.rollouts(id2, last).size(), size_t(16));
                QCOMPARE(r.steps(id2).size(), size_t(last + 1));
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            QCOMPARE(r.maxStep(id2), last);  // same snapshot despite the writer
            ++checks;
        }
        writer.join();
        QVERIFY2(checks > 0, "the reader never ran");
        QVERIFY2(writerError.empty(), writerError.c_str());
        QCOMPARE(r.maxStep(id2), int64_t(59));
        checkIntegrity(path);
    }

    void deleteStepsAfterForResume() {
        const std::string path = file("resume.sqlite");
        RunStore w(path, RunStore::Mode::Write);
        const int64_t id = w.createRun(makeRun("resume"));
        const int64_t other = w.createRun(makeRun("other"));
        for (int s = 0; s < 10; ++s) {
            StepRecord rec = makeStep(id, s);
            if (s % 3 == 0) rec.evals = {{"pass@1", s / 10.0}};
            w.writeStep(rec);
            w.writeStep(makeStep(other, s));
        }
        w.addCheckpoint(id, 4, "ck4");
        w.addCheckpoint(id, 8, "ck8");
        w.deleteStepsAfter(id, 5);
        QCOMPARE(w.maxStep(id), int64_t(5));
        QCOMPARE(w.metricsSince(id, 5).size(), size_t(0));
        QCOMPARE(w.rollouts(id, 6).size(), size_t(0));
        QCOMPARE(w.groups(id, 7).size(), size_t(0));
        QCOMPARE(w.evalSteps(id), (std::vector<int64_t>{0, 3}));
        QCOMPARE(w.checkpoints(id).size(), size_t(1));
        QCOMPARE(w.maxStep(other), int64_t(9));  // other runs untouched
        QCOMPARE(w.rollouts(other, 9).size(), size_t(6));
        QCOMPARE(rawQuery(path, "SELECT count(*) FROM rollouts WHERE run_id = " + std::to_string(id) + " AND step > 5"),
                 std::string("0"));
        w.writeStep(makeStep(id, 6));  // the replay of step 6 is accepted
        QCOMPARE(w.maxStep(id), int64_t(6));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, w.deleteStepsAfter(777, 0));
        checkIntegrity(path);
    }

    void exportCsvAndJsonl() {
        const std::string path = file("export.sqlite");
        RunStore w(path, RunStore::Mode::Write);
        const int64_t id = w.createRun(makeRun("exp"));
        for (int s = 0; s < 2; ++s) {
            StepRecord rec = makeStep(id, s);
            rec.evals = {{"pass@1", 0.25}};
            w.writeStep(rec);
        }
        RunStore r(path, RunStore::Mode::Read);
        std::ostringstream csv;
        exportRun(r, id, {ExportFormat::Csv, false}, csv);
        const std::string c = csv.str();
        QVERIFY(c.rfind("# gcpo run export: run 1 \"exp\"", 0) == 0);
        for (const char* s :
             {"# table: metrics\r\nstep,key,value,wall_time\r\n0,m0,0.125,1700000000.0\r\n",
              "# table: evals\r\nstep,metric,value\r\n0,pass@1,0.25\r\n1,pass@1,0.25\r\n", "\"Prompt 0,1 \"\"quoted\"\"\nline2\"",
              "# table: rollouts\r\n", "\"think… <answer>0</answer>, done\""})
            QVERIFY2(c.find(s) != std::string::npos, s);
        QCOMPARE(csvField("plain"), std::string("plain"));
        QCOMPARE(csvField("a\"b"), std::string("\"a\"\"b\""));

        std::ostringstream jl;
        exportRun(r, id, {ExportFormat::Jsonl, true}, jl);
        std::istringstream lines(jl.str());
        std::map<std::string, int> perTable;
        std::string line;
        nlohmann::json first;
        while (std::getline(lines, line)) {
            const auto j = nlohmann::json::parse(line);
            if (perTable.empty()) first = j;
            ++perTable[j.at("table").get<std::string>()];
            if (j["table"] == "rollout") QCOMPARE(j["embedding"].size(), size_t(4));
        }
        QCOMPARE(first["table"].get<std::string>(), std::string("run"));
        QCOMPARE(first["config"]["group_size"].get<int>(), 3);
        QCOMPARE(perTable["metric"], 6);
        QCOMPARE(perTable["eval"], 2);
        QCOMPARE(perTable["group"], 4);
        QCOMPARE(perTable["rollout"], 12);

        const std::string out = file("exp.csv");
        QCOMPARE(exportRunToPath(r, id, {ExportFormat::Csv, false}, out).size(), size_t(1));
        QCOMPARE(readBytes(out), c);
        QTemporaryDir dir;
        const auto files = exportRunToPath(r, id, {ExportFormat::Csv, false}, dir.path().toStdString());
        QCOMPARE(files.size(), size_t(5));
        QVERIFY(readBytes(files[1]).rfind("step,key,value,wall_time\r\n", 0) == 0);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 5);  // no temporary file left
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, exportRun(r, 99, {}, jl));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, exportFormatFromString("xlsx"));
    }

    // Measures database growth per step for a typical config (B=8 x G=8, 128-char completions,
    // 256-dim float32 embeddings, 40 metrics) and checks it stays near the raw payload.
    void bytesPerStepAndIntegrity() {
        const std::string path = file("growth.sqlite");
        const int steps = 100, B = 8, G = 8, dim = 256, metrics = 40, chars = 128;
        double writeSeconds = 0;
        {
            RunStore w(path, RunStore::Mode::Write);
            const int64_t id = w.createRun(makeRun("growth"));
            w.writeStep(makeStep(id, 0, B, G, dim, metrics, chars));
            rawExec(path, "PRAGMA wal_checkpoint(TRUNCATE)");
            const auto base = std::filesystem::file_size(path);
            for (int s = 1; s <= steps; ++s) {
                const StepRecord rec = makeStep(id, s, B, G, dim, metrics, chars);
                const auto t0 = std::chrono::steady_clock::now();
                w.writeStep(rec);
                writeSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            }
            rawExec(path, "PRAGMA wal_checkpoint(TRUNCATE)");
            const double perStep = double(std::filesystem::file_size(path) - base) / steps;
            const double payload = B * G * (dim * 4.0 + chars) + metrics * 8.0;
            qInfo("run store growth: %.0f bytes/step (raw payload %.0f, ratio %.2f), writeStep %.2f ms", perStep, payload,
                  perStep / payload, 1000.0 * writeSeconds / steps);
            QVERIFY(perStep > payload);
            QVERIFY(perStep < 1.3 * payload);
        }
        checkIntegrity(path);
    }

    // diffRuns against differences planted by hand: each kind reports its largest one and where.
    void diffRunsFindsPlantedDifferences() {
        const std::string path = file("diff.sqlite");
        RunStore w(path, RunStore::Mode::Write);
        const int64_t a = w.createRun(makeRun("a")), b = w.createRun(makeRun("b")), c = w.createRun(makeRun("c"));
        for (int64_t step = 0; step < 3; ++step) {
            w.writeStep(makeStep(a, step));
            w.writeStep(makeStep(b, step));
            StepRecord r = makeStep(c, step);
            if (step == 1) {
                r.metrics[2].value += 0.25;
                r.rollouts[4].advantageUsed -= 1e-3;
                r.rollouts[2].embedding[3] += 2e-6f;
                r.groups[1].teamCoverage += 1e-7;
                r.rollouts[5].completion = "another completion";
            }
            if (step == 2) r.metrics.push_back({"time/sampling", 9.0});  // timings are not compared
            w.writeStep(r);
        }
        const RunDiff same = diffRuns(w, a, w, b);
        QCOMPARE(same.maxAbs(), 0.0);
        QCOMPARE(same.mismatchCount, int64_t(0));
        QCOMPARE(same.metrics.compared, int64_t(9));
        QCOMPARE(same.rollouts.compared, int64_t(3 * 6 * 4));
        QCOMPARE(same.embeddings.compared, int64_t(3 * 6 * 4));
        QVERIFY(same.metrics.where.empty());

        const RunDiff d = diffRuns(w, a, w, c);
        QCOMPARE(d.metrics.value, 0.25);
        QCOMPARE(d.metrics.where, std::string("step 1 metric m2"));
        QVERIFY(std::fabs(d.rollouts.value - 1e-3) < 1e-12);
        QCOMPARE(d.rollouts.where, std::string("step 1 rollout 1.1 advantage_used"));
        QVERIFY(d.embeddings.value > 1.5e-6 && d.embeddings.value < 2.5e-6);
        QCOMPARE(d.embeddings.where, std::string("step 1 rollout 0.2 embedding[3]"));
        QVERIFY(std::fabs(d.groups.value - 1e-7) < 1e-12);
        QCOMPARE(d.maxAbs(), 0.25);
        QCOMPARE(d.mismatchCount, int64_t(1));
        QVERIFY2(QString::fromStdString(d.mismatches.at(0)).startsWith("step 1 rollout 1.2 completion differs"),
                 d.mismatches.at(0).c_str());
        QCOMPARE(d.toJson()["mismatch_count"].get<int64_t>(), int64_t(1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, diffRuns(w, a, w, 99));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "test_store.moc"
