// Unit tests of the reliability fixes (issue 12) on gcpo_base only: the per-run owner claim and the
// crashed status it proves, refusal of foreign and empty files, JSON depth and UTF-8 guards,
// checked task arithmetic, bounded expressions, credit at extreme inputs and its limits, answer
// length, and the cleaning of unfinished checkpoint folders.
#include <QtTest>

#include <QTemporaryDir>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numeric>
#include <sstream>

#include "model/checkpoint_info.h"
#include "rl/credit.h"
#include "rl/credit_json.h"
#include "rl/run_config.h"
#include "store/run_claim.h"
#include "store/run_store.h"
#include "tasks/answer_extraction.h"
#include "tasks/dataset_import.h"
#include "tasks/expression.h"
#include "tasks/line_verifier.h"
#include "tasks/task.h"
#include "util/json_guard.h"

using namespace gcpo;
namespace fs = std::filesystem;

namespace {

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << bytes;
}

std::string readBytes(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream os;
    os << f.rdbuf();
    return os.str();
}

void rawExec(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
}

int64_t newRun(store::RunStore& s) {
    store::RunInfo info;
    info.name = "r";
    info.algorithm = "gcpo";
    info.totalSteps = 3;
    return s.createRun(info);
}

std::string deep(int levels) { return std::string(levels, '[') + std::string(levels, ']'); }

nlohmann::json verifyLine(const std::string& line, bool* bad) {
    tasks::LineVerifier v{tasks::RewardConfig{}};
    return v.verify(line, 7, bad);
}

}  // namespace

class TestReliability : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string file(const char* name) const { return m_dir.filePath(name).toStdString(); }

private slots:
    // ---- one live trainer per run ------------------------------------------------------------

    void claimIsExclusiveAndProbedWithoutLocking() {
        const std::string db = file("claim.sqlite");
        QCOMPARE(int(store::probeRunOwner(db, 1)), int(store::OwnerState::Unknown));  // no lock file yet
        {
            store::RunClaim claim = store::RunClaim::acquire(db, 1);
            QVERIFY(claim.held());
            store::RunOwner owner;
            QCOMPARE(int(store::probeRunOwner(db, 1, &owner)), int(store::OwnerState::Alive));
            QCOMPARE(owner.pid, int64_t(::getpid()));
            QVERIFY(owner.startedAt > 0);
            try {
                store::RunClaim second = store::RunClaim::acquire(db, 1);
                QFAIL("a second claim on a held run succeeded");
            } catch (const store::RunBusyError& e) {
                QVERIFY2(QString(e.what()).contains("pid " + QString::number(::getpid())), e.what());
            }
            // Probing from this process (as the trainer's own reads do) must not drop the claim.
            QCOMPARE(int(store::probeRunOwner(db, 1)), int(store::OwnerState::Alive));
            QCOMPARE(int(store::probeRunOwner(db, 1)), int(store::OwnerState::Alive));
            store::RunClaim other = store::RunClaim::acquire(db, 2);  // other runs are independent
            QVERIFY(other.held());
        }
        QCOMPARE(int(store::probeRunOwner(db, 1)), int(store::OwnerState::Gone));
        store::RunClaim again = store::RunClaim::acquire(db, 1);
        QVERIFY(again.held());
    }

    void claimOfAKilledProcessIsReleased() {
        const std::string db = file("killed.sqlite");
        int pipeFd[2];
        QCOMPARE(::pipe(pipeFd), 0);
        const pid_t child = ::fork();
        if (child == 0) {
            try {
                store::RunClaim claim = store::RunClaim::acquire(db, 5);
                (void)!::write(pipeFd[1], "x", 1);
                ::pause();  // killed by the parent while holding the claim
            } catch (...) {}
            ::_exit(1);
        }
        char c = 0;
        QCOMPARE(::read(pipeFd[0], &c, 1), ssize_t(1));
        store::RunOwner owner;
        QCOMPARE(int(store::probeRunOwner(db, 5, &owner)), int(store::OwnerState::Alive));
        QCOMPARE(owner.pid, int64_t(child));
        QVERIFY_EXCEPTION_THROWN(store::RunClaim::acquire(db, 5), store::RunBusyError);
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        QCOMPARE(int(store::probeRunOwner(db, 5)), int(store::OwnerState::Gone));
        QVERIFY(store::RunClaim::acquire(db, 5).held());
        ::close(pipeFd[0]);
        ::close(pipeFd[1]);
    }

    void crashedOnlyWhenTheOwnerIsProvablyGone() {
        const std::string db = file("status.sqlite");
        store::RunStore s(db, store::RunStore::Mode::Write);
        const int64_t id = newRun(s);
        // No lock file: the heartbeat decides (as for runs of older builds).
        QCOMPARE(store::toString(s.runInfo(id, 1e9).status), std::string("running"));
        QCOMPARE(store::toString(s.runInfo(id, -1.0).status), std::string("crashed"));
        {
            store::RunClaim claim = store::RunClaim::acquire(db, id);
            // A live owner with a late heartbeat is running, not crashed.
            QCOMPARE(store::toString(s.runInfo(id, -1.0).status), std::string("running"));
            QCOMPARE(store::toString(s.listRuns(-1.0).at(0).status), std::string("running"));
        }
        // The owner is gone: crashed at once, however fresh the heartbeat.
        s.heartbeat(id);
        QCOMPARE(store::toString(s.runInfo(id, 1e9).status), std::string("crashed"));
        store::RunStore reader(db, store::RunStore::Mode::Read);
        QCOMPARE(store::toString(reader.listRuns(1e9).at(0).status), std::string("crashed"));
    }

    // ---- databases: only an absent or empty file becomes one; refusals leave no trace ----------

    void onlyAnAbsentOrEmptyFileBecomesADatabase() {
        const std::string views = file("views.sqlite");
        rawExec(views, "CREATE VIEW v AS SELECT 1");  // objects, but no tables
        const std::string before = readBytes(views);
        QVERIFY_EXCEPTION_THROWN(store::RunStore(views, store::RunStore::Mode::Write), std::runtime_error);
        QCOMPARE(readBytes(views), before);

        const std::string header = file("header_only.sqlite");
        rawExec(header, "PRAGMA user_version = 0; VACUUM");
        QVERIFY(fs::file_size(header) > 0);
        QVERIFY_EXCEPTION_THROWN(store::RunStore(header, store::RunStore::Mode::Write), std::runtime_error);

        const std::string empty = file("empty_for_resume.sqlite");
        writeBytes(empty, "");
        try {
            store::RunStore s(empty, store::RunStore::Mode::Update);
            QFAIL("an empty file was opened for resuming");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("empty"), e.what());
        }
        QCOMPARE(fs::file_size(empty), uintmax_t(0));
        QVERIFY_EXCEPTION_THROWN(store::RunStore(file("absent.sqlite"), store::RunStore::Mode::Update), std::runtime_error);
        QVERIFY(!fs::exists(file("absent.sqlite")));
    }

    void refusedWalFileGetsNoSidecars() {
        const std::string foreign = file("foreign_wal.sqlite");
        rawExec(foreign, "PRAGMA journal_mode = WAL; CREATE TABLE t(x); INSERT INTO t VALUES(1)");
        fs::remove(foreign + "-wal");
        fs::remove(foreign + "-shm");
        const std::string before = readBytes(foreign);
        for (auto mode : {store::RunStore::Mode::Write, store::RunStore::Mode::Read, store::RunStore::Mode::Update})
            QVERIFY_EXCEPTION_THROWN(store::RunStore(foreign, mode), std::runtime_error);
        QVERIFY(!fs::exists(foreign + "-wal"));
        QVERIFY(!fs::exists(foreign + "-shm"));
        QCOMPARE(readBytes(foreign), before);
    }

    // Another user can list a finished run database in a folder they may not write (issue 12,
    // item 14): no -shm can be created there, so the reader opens the file as it is. As root the
    // reader is a forked child that drops to uid/gid 65534 (root could write anywhere).
    void readOnlyDatabaseInAReadOnlyFolderCanBeListed() {
        const fs::path folder = fs::path(file("ro-folder"));
        fs::create_directories(folder);
        const std::string db = (folder / "runs.sqlite").string();
        {
            store::RunStore w(db, store::RunStore::Mode::Write);
            newRun(w);
        }
        QVERIFY(!fs::exists(db + "-wal") && !fs::exists(db + "-shm"));  // a clean close leaves no sidecars
        if (::geteuid() == 0)
            for (fs::path up = fs::path(m_dir.path().toStdString()).parent_path(); up != up.root_path(); up = up.parent_path())
                if ((fs::status(up).permissions() & fs::perms::others_exec) == fs::perms::none)
                    QSKIP(qPrintable("another user cannot reach the temporary folder (" + QString::fromStdString(up.string()) +
                                     " is not searchable by others)"));
        const auto wasMode = fs::status(m_dir.path().toStdString()).permissions();
        fs::permissions(m_dir.path().toStdString(), fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
        fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
        fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read | fs::perms::group_exec |
                                    fs::perms::others_read | fs::perms::others_exec);
        const pid_t child = ::fork();
        if (child == 0) {
            if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(3);
            if (::access(folder.c_str(), W_OK) == 0) ::_exit(4);  // the folder must really be read-only to the reader
            try {
                store::RunStore r(db, store::RunStore::Mode::Read);
                ::_exit(r.listRuns().size() == 1 && r.runInfo(1).name == "r" ? 0 : 5);
            } catch (...) {
                ::_exit(6);
            }
        }
        int status = 0;
        ::waitpid(child, &status, 0);
        fs::permissions(folder, fs::perms::owner_all);
        fs::permissions(m_dir.path().toStdString(), wasMode);
        QVERIFY(WIFEXITED(status));
        QVERIFY2(WEXITSTATUS(status) == 0, qPrintable(QString("reader exit %1 (3 setuid, 4 folder writable, 5 wrong "
                                                              "listing, 6 open refused)")
                                                          .arg(WEXITSTATUS(status))));
        QVERIFY(!fs::exists(db + "-wal") && !fs::exists(db + "-shm"));
    }

    // ---- JSON: depth and UTF-8 ---------------------------------------------------------------

    void jsonDepthIsBoundedWithANamedError() {
        QVERIFY(util::parseJson(deep(util::kMaxJsonDepth)).is_array());
        QVERIFY(util::parseJson("\"[[[[[[\"").is_string());  // brackets inside strings do not count
        try {
            util::parseJson("{\"kernel\":" + deep(100000) + "}");
            QFAIL("100000 levels accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains("nested deeper than 64"), e.what());
        }
        // Credit input: the deep value under a known key is refused by name, not by a crash.
        bool threw = false;
        try {
            rl::parseCreditRequest(util::parseJson(R"({"rewards":[1],"embeddings":[[1]],"kernel":)" + deep(60) + "}"));
        } catch (const std::invalid_argument& e) {
            threw = QString(e.what()).startsWith("kernel:");
        }
        QVERIFY(threw);
    }

    void utf8IsCheckedAndRepaired() {
        QVERIFY(util::isValidUtf8("plain ascii ×÷ \xF0\x9F\x98\x80"));
        for (const char* bad : {"\xff", "\xC0\x80", "\xED\xA0\x80", "\xE2\x88", "\xF4\x90\x80\x80"})
            QVERIFY(!util::isValidUtf8(bad));
        QCOMPARE(util::toValidUtf8("a\xff"
                                   "b"),
                 std::string("a\xEF\xBF\xBD"
                             "b"));
        nlohmann::json j = {{"name", "ok"}, {"tasks", {{"families", {"a", std::string("b\xfe")}}}}};
        QCOMPARE(util::findInvalidUtf8(j), std::string("tasks.families[1]"));
        QVERIFY(util::isValidUtf8(util::dumpSafe(j)));
    }

    // ---- verify and import: per-line errors, checked arithmetic, bounded expressions ----------

    void verifyLinesNeverThrowAndNameTheLine_data() {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("error");
        QTest::newRow("int64-min / -1")
            << QByteArray(
                   R"({"family":"linear-equation","task":{"data":{"a":-1,"b":0,"c":-9223372036854775808}},"completion":"<answer>1</answer>"})")
            << "overflows 64-bit";
        QTest::newRow("invalid utf-8")
            << QByteArray(
                   "{\"family\":\"countdown\",\"task\":{\"data\":{\"numbers\":[3,7],\"target\":10}},\"completion\":\"\xff\"}")
            << "not valid UTF-8";
        QTest::newRow("deep task")
            << QByteArray(("{\"family\":\"countdown\",\"task\":" + deep(100000) + ",\"completion\":\"x\"}").c_str())
            << "nested deeper";
        QTest::newRow("uint64 target")
            << QByteArray(
                   R"({"family":"countdown","task":{"data":{"numbers":[3,7],"target":18446744073709551615}},"completion":"<answer>3+7</answer>"})")
            << "signed 64-bit range";
    }
    void verifyLinesNeverThrowAndNameTheLine() {
        QFETCH(QByteArray, line);
        QFETCH(QString, error);
        bool bad = false;
        const nlohmann::json v = verifyLine(line.toStdString(), &bad);
        QVERIFY(bad);
        QCOMPARE(v["line"].get<int>(), 7);
        QVERIFY(v["input_error"].get<bool>());
        const QString e = QString::fromStdString(v["error"].get<std::string>());
        QVERIFY2(e.startsWith("line 7: ") && e.contains(error), qPrintable(e));
        QVERIFY(util::isValidUtf8(util::dumpSafe(v)));
    }

    void countdownAnswersAreBounded() {
        std::string chain = "1";
        for (int i = 0; i < 100000; ++i) chain += "+1";
        std::string error;
        QVERIFY(tasks::parseExpression(chain, &error) == nullptr);
        QVERIFY2(QString::fromStdString(error).contains("too long"), error.c_str());
        bool bad = false;
        const nlohmann::json line = {{"family", "countdown"},
                                     {"task", {{"data", {{"numbers", {1, 2}}, {"target", 3}}}}},
                                     {"completion", "<answer>" + chain + "</answer>"}};
        const nlohmann::json v = verifyLine(line.dump(), &bad);
        QVERIFY(!bad);  // a valid line whose answer is wrong
        QVERIFY(!v["correct"].get<bool>());
        QVERIFY(QString::fromStdString(v["error"].get<std::string>()).contains("too long"));
        QVERIFY(tasks::parseExpression("(7-3)*25", &error) != nullptr);
    }

    void importKeepsGoingPastBadLines() {
        const std::string text = "{\"question\":\"2+2\xff?\",\"answer\":\"#### 4\"}\n" + ("{\"question\":" + deep(1000) + "}\n") +
                                 "{\"question\":\"3+3?\",\"answer\":\"#### 6\"}\n" + "{\"question\":\"long\",\"answer\":\"#### " +
                                 std::string(5000, '7') + "\"}\n";
        const tasks::ImportReport r = tasks::importJsonlText(text, tasks::DatasetFormat::Gsm8k);
        QCOMPARE(r.lines, int64_t(4));
        QCOMPARE(r.kept(), size_t(1));
        QCOMPARE(r.skipped.size(), size_t(3));
        QCOMPARE(r.skipped[0].line, int64_t(1));
        QVERIFY(QString::fromStdString(r.skipped[0].reason).contains("UTF-8"));
        QVERIFY(QString::fromStdString(r.skipped[1].reason).contains("nested deeper"));
        QVERIFY(QString::fromStdString(r.skipped[2].reason).contains("longer than"));
        QVERIFY(util::isValidUtf8(util::dumpSafe(r.summary())));
    }

    // ---- credit: scale invariance, finite results, shared limits ---------------------------

    void cosineCreditIsScaleInvariant() {
        const std::vector<double> r = {1, 1, 1, 0.5};
        const std::vector<double> base = {1, 2, -3, 0.5, 0.25, 1, 2, 2, 0, -1, 1, 1};
        rl::CreditConfig cfg;
        const rl::CreditResult ref = rl::computeCredit(r, base, 3, cfg);
        for (double scale : {1e300, 1e-300, 1e-310}) {  // overflowing, underflowing and subnormal squares
            std::vector<double> e = base;
            for (size_t i = 3; i < 6; ++i) e[i] *= scale;  // one rollout's embedding rescaled
            const rl::CreditResult res = rl::computeCredit(r, e, 3, cfg);
            QVERIFY(std::fabs(res.teamReward - ref.teamReward) < 1e-9);
            for (size_t i = 0; i < r.size(); ++i) QVERIFY(std::fabs(res.credit[i] - ref.credit[i]) < 1e-9);
        }
    }

    void creditLimitsAgreeWithTheConfigAndResultsAreFinite() {
        const std::vector<double> r = {1, 1, 0.5};
        const std::vector<double> e = {1, 0, 0.9, 0.1, 0, 1};
        rl::CreditConfig cfg;
        cfg.volumeScale = rl::kMaxVolumeScale;
        const rl::CreditResult big = rl::computeCredit(r, e, 2, cfg);
        const double sum = std::accumulate(big.credit.begin(), big.credit.end(), 0.0);
        QVERIFY2(std::fabs(sum - big.teamReward) < 1e-6 * std::fabs(big.teamReward),
                 qPrintable(QString::number(sum - big.teamReward)));
        cfg.volumeScale = 1e300;
        QVERIFY_EXCEPTION_THROWN(rl::computeCredit(r, e, 2, cfg), std::invalid_argument);
        QVERIFY_EXCEPTION_THROWN(
            rl::parseCreditRequest(nlohmann::json::parse(R"({"rewards":[1],"embeddings":[[1]],"volume_scale":1e300})")),
            std::invalid_argument);
        // The credit seed takes the whole unsigned 64-bit range (std::mt19937_64), never wrapped;
        // beyond it, or negative, it is refused with its true value.
        const auto seedOf = [](const char* seed) {
            return rl::parseCreditRequest(
                       nlohmann::json::parse(
                           std::string(
                               R"({"rewards":[1,0],"embeddings":[[1,0],[0,1]],"estimator":"permutation","samples":4,"seed":)") +
                           seed + "}"))
                .config.seed;
        };
        QCOMPARE(seedOf("9223372036854775808"), uint64_t(1) << 63);
        QCOMPARE(seedOf("18446744073709551615"), std::numeric_limits<uint64_t>::max());
        QCOMPARE(seedOf("0"), uint64_t(0));
        for (const char* bad : {"18446744073709551616", "-1", "1.5", "\"7\""}) {
            try {
                seedOf(bad);
                QFAIL(qPrintable(QString("seed %1 accepted").arg(bad)));
            } catch (const std::invalid_argument& e) {
                QVERIFY2(QString(e.what()).startsWith("seed:") && !QString(e.what()).contains("-9."), e.what());
            }
        }
        // Unbounded cost is refused by name.
        nlohmann::json huge = {{"rewards", std::vector<double>(600, 1.0)},
                               {"embeddings", std::vector<std::vector<double>>(600, {1.0})},
                               {"estimator", "permutation"}};
        QVERIFY_EXCEPTION_THROWN(rl::parseCreditRequest(huge), std::invalid_argument);
        QVERIFY(rl::creditCostProblem(rl::kMaxGroupSize, rl::CreditEstimator::Permutation, 1000000).find("samples") !=
                std::string::npos);
        QVERIFY(rl::creditCostProblem(16, rl::CreditEstimator::Permutation, 256).empty());
    }

    void runConfigRefusesTheCreditCostCreditRefuses() {
        const nlohmann::json cfg = {{"sampling", {{"group_size", rl::kMaxGroupSize}}},
                                    {"gcpo", {{"estimator", "permutation"}, {"samples", 1000000}}}};
        try {
            rl::resolveRunConfig(cfg);
            QFAIL("a config whose credit `gcpo-train credit` refuses was accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains("gcpo.samples"), e.what());
        }
        const nlohmann::json ok = {{"sampling", {{"group_size", 16}}},
                                   {"gcpo", {{"estimator", "permutation"}, {"samples", 256}}}};
        QCOMPARE(rl::resolveRunConfig(ok).sampling.groupSize, int64_t(16));
    }

    // ---- checkpoints ---------------------------------------------------------------------------

    void unfinishedCheckpointFoldersAreRemoved() {
        const fs::path run = fs::path(file("ckpt.sqlite.runs")) / "run-1";
        for (const char* d : {"step-2", "step-4.tmp-123-1", "step-4.old-99"}) fs::create_directories(run / d / "sub");
        writeBytes((run / "step-4.tmp-123-1" / "model.pt").string(), std::string(1000, 'x'));
        QCOMPARE(model::removeCheckpointTemporaries(run.string()), 2);
        QVERIFY(fs::exists(run / "step-2"));
        QVERIFY(!fs::exists(run / "step-4.tmp-123-1"));
        QVERIFY(!fs::exists(run / "step-4.old-99"));
        QCOMPARE(model::removeCheckpointTemporaries(file("nonexistent")), 0);
    }

    void manifestParserNamesTheProblem() {
        const std::string ok = R"({"format":"gcpo-policy-checkpoint","version":1,"step":3,"files":[]})";
        model::checkManifest("d", ok);
        QVERIFY_EXCEPTION_THROWN(
            model::checkManifest("d", R"({"format":"gcpo-policy-checkpoint","version":18446744073709551615})"),
            std::runtime_error);
        QVERIFY_EXCEPTION_THROWN(model::checkManifest("d", "{\"format\":" + deep(100000) + "}"), std::runtime_error);
        try {
            model::parseCheckpointInfo("d", ok, R"({"model":{},"tokenizer":{"format":"x","tokens":[]},"step":"three"})");
            QFAIL("a bad config.json was accepted");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("config.json"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestReliability)
#include "test_reliability.moc"
