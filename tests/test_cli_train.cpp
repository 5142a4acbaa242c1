// Smoke tests of `gcpo-train run/resume`: config errors, progress JSON, SIGTERM, kill -9 and resume.
#include <QtTest>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <sqlite3.h>

#include "store/run_store.h"

using namespace gcpo;

class TestCliTrain : public QObject {
    Q_OBJECT
    QString m_exe = qEnvironmentVariable("GCPO_TRAIN");
    QTemporaryDir m_dir;

    QString writeConfig(const QString& name, int steps) {
        const QString path = m_dir.filePath(name + ".json");
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(QString(R"({"name":"%1","algorithm":"gcpo","seed":1,"steps":%2,"device":"cpu",
            "model":{"init":"scratch"},
            "sampling":{"prompts_per_step":2,"group_size":4,"max_new_tokens":8},
            "gcpo":{"embedding":"ngram-hash","ngram_dim":32},
            "eval":{"every":0},"checkpoint":{"every":1}})")
                    .arg(name)
                    .arg(steps)
                    .toUtf8());
        return path;
    }

    // Starts gcpo-train and waits until it has reported `step` on its progress JSON.
    bool waitForStep(QProcess& p, int step) {
        QByteArray buffer;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 120000) {
            if (!p.waitForReadyRead(1000) && p.state() != QProcess::Running) return false;
            buffer += p.readAllStandardOutput();
            for (const QByteArray& line : buffer.split('\n')) {
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                if (o["phase"].toString() == "step" && o["step"].toInt() >= step) return true;
            }
        }
        return false;
    }

    int integrityOk(const QString& db) {
        sqlite3* h = nullptr;
        if (sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return 0;
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, nullptr);
        int ok = sqlite3_step(st) == SQLITE_ROW && QByteArray(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "ok";
        sqlite3_finalize(st);
        sqlite3_close(h);
        return ok;
    }

private slots:
    void initTestCase() { QVERIFY(QFileInfo(m_exe).isExecutable()); }

    void invalidConfigListsEveryProblemAndWritesNothing() {
        const QString cfg = m_dir.filePath("bad.json");
        QFile f(cfg);
        f.open(QIODevice::WriteOnly);
        f.write(R"({"sampling":{"group_size":1},"eval":{"samples":4,"k":[1,8]},"optim":{"lr":-1}})");
        f.close();
        const QString db = m_dir.filePath("bad.sqlite");
        QProcess p;
        p.start(m_exe, {"run", "--config", cfg, "--db", db});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        const QString err = p.readAllStandardError();
        QVERIFY2(err.contains("sampling.group_size") && err.contains("eval.k") && err.contains("optim.lr"), qPrintable(err));
        QVERIFY(!QFile::exists(db));
        p.start(m_exe, {"run", "--config", cfg, "--db", db, "--set", "sampling.groupsize=4"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("unknown key sampling.groupsize"));
    }

    void overridesShowInTheResolvedConfig() {
        QProcess p;
        p.start(m_exe, {"run", "--config", writeConfig("v", 3), "--validate-only", "--steps", "7", "--set", "algorithm=dapo",
                        "--set", "sampling.group_size=6"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(o["steps"].toInt(), 7);
        QCOMPARE(o["sampling"].toObject()["group_size"].toInt(), 6);
        QCOMPARE(o["algo"].toObject()["clip_high"].toDouble(), 0.28);  // DAPO's implied setting
    }

    void sigtermInterruptsThenResumeFinishes() {
        const QString db = m_dir.filePath("term.sqlite");
        QProcess p;
        p.start(m_exe, {"run", "--config", writeConfig("term", 40), "--db", db, "--progress-json"});
        QVERIFY(waitForStep(p, 2));
        p.terminate();  // SIGTERM: finish the step, checkpoint, mark interrupted
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 130);
        int64_t last = 0;
        {
            store::RunStore s(db.toStdString(), store::RunStore::Mode::Read);
            const auto runs = s.listRuns();
            QCOMPARE(runs.size(), size_t(1));
            QCOMPARE(store::toString(runs[0].status), store::toString(store::RunStatus::Interrupted));
            last = s.maxStep(runs[0].id);
            QVERIFY(last >= 2 && last < 40);
            QCOMPARE(s.checkpoints(runs[0].id).back().step, last);
        }
        p.start(m_exe, {"resume", "--db", db, "--run", "1"});
        QVERIFY(p.waitForFinished(300000));
        QCOMPARE(p.exitCode(), 0);
        store::RunStore s(db.toStdString(), store::RunStore::Mode::Read);
        QCOMPARE(store::toString(s.runInfo(1).status), store::toString(store::RunStatus::Finished));
        QCOMPARE(s.maxStep(1), int64_t(40));
        QCOMPARE(s.steps(1).size(), size_t(40));
    }

    void killNineLeavesAConsistentResumableDatabase() {
        const QString db = m_dir.filePath("kill.sqlite");
        QProcess p;
        p.start(m_exe, {"run", "--config", writeConfig("kill", 40), "--db", db, "--progress-json"});
        QVERIFY(waitForStep(p, 3));
        p.kill();  // SIGKILL
        QVERIFY(p.waitForFinished(30000));
        QVERIFY(integrityOk(db));
        {
            store::RunStore s(db.toStdString(), store::RunStore::Mode::Read);
            const store::RunInfo r = s.runInfo(1, /*staleSeconds=*/0.0);
            QCOMPARE(store::toString(r.status),
                     store::toString(store::RunStatus::Crashed));  // stale heartbeat, never marked finished
            QVERIFY(s.maxStep(1) >= 3);
            QCOMPARE(int64_t(s.steps(1).size()), s.maxStep(1));  // every completed step is there, whole
        }
        p.start(m_exe, {"resume", "--db", db, "--run", "1"});
        QVERIFY(p.waitForFinished(300000));
        QCOMPARE(p.exitCode(), 0);
        store::RunStore s(db.toStdString(), store::RunStore::Mode::Read);
        QCOMPARE(store::toString(s.runInfo(1).status), store::toString(store::RunStatus::Finished));
        QCOMPARE(s.steps(1).size(), size_t(40));
    }
};

QTEST_GUILESS_MAIN(TestCliTrain)
#include "test_cli_train.moc"
