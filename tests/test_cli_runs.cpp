// Smoke test of `gcpo-train runs list` and `gcpo-train export` on a database written in-process
// through the run store API (kept open, as a live trainer would), and of their exit codes.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include "store/run_store.h"

using namespace gcpo::store;

class TestCliRuns : public QObject {
    Q_OBJECT
    QString m_exe = qEnvironmentVariable("GCPO_TRAIN");
    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<RunStore> m_writer;  // stays open: the CLI reads a database that is being written

    struct Result {
        int code;
        QByteArray out, err;
    };
    Result run(const QStringList& args) {
        QProcess p;
        p.start(m_exe, args);
        if (!p.waitForFinished(60000)) return {-1, {}, "timeout"};
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }
    static QByteArray readAll(const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private slots:
    void initTestCase() {
        QVERIFY2(QFileInfo(m_exe).isExecutable(), "GCPO_TRAIN must point at gcpo-train");
        m_db = m_dir.filePath("runs.sqlite");
        m_writer = std::make_unique<RunStore>(m_db.toStdString(), RunStore::Mode::Write);
        RunInfo a;
        a.name = "grpo, seed 1";
        a.algorithm = "grpo";
        a.totalSteps = 10;
        const int64_t ida = m_writer->createRun(a);
        RunInfo b = a;
        b.name = "gcpo-live";
        b.algorithm = "gcpo";
        const int64_t idb = m_writer->createRun(b);
        for (int s = 0; s < 3; ++s) {
            StepRecord rec;
            rec.runId = ida;
            rec.step = s;
            rec.metrics = {{"reward", 0.5 + s}, {"kl", 0.01 * s}};
            rec.groups = {{0, "What is 2+2?", "arith", "arith/0", 0.5, 0.5, 1, 1.2, false}};
            rec.rollouts = {{0, 0, "<answer>4</answer>", "4", "4", 1.0, true, 1.0, 0.7, 0.7, 5, {1.0f, 0.0f}},
                            {0, 1, "it is \"5\", I think", "5", "5", 0.0, false, -1.0, 0.0, -0.7, 7, {0.0f, 1.0f}}};
            if (s == 2) rec.evals = {{"pass@1", 0.75}};
            m_writer->writeStep(rec);
        }
        m_writer->setStatus(ida, RunStatus::Finished);
        QCOMPARE(idb, int64_t(2));
    }

    void listShowsRunsAndCrashed() {
        Result r = run({"runs", "list", "--db", m_db});
        QCOMPARE(r.code, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith("id  name"));
        QVERIFY2(lines[1].contains("grpo, seed 1") && lines[1].contains("finished") && lines[1].contains("2/10"), lines[1]);
        QVERIFY2(lines[2].contains("gcpo-live") && lines[2].contains("running") && lines[2].contains("-/10"), lines[2]);
        // With a zero staleness threshold the running run's heartbeat is stale: crashed.
        Result j = run({"runs", "list", "--db", m_db, "--stale", "0", "--json"});
        QCOMPARE(j.code, 0);
        const QJsonArray a = QJsonDocument::fromJson(j.out).array();
        QCOMPARE(a.size(), 2);
        QCOMPARE(a[0].toObject()["status"].toString(), QString("finished"));
        QCOMPARE(a[0].toObject()["last_step"].toInt(), 2);
        QCOMPARE(a[1].toObject()["status"].toString(), QString("crashed"));
    }

    void exportCsvToStdoutAndFiles() {
        Result r = run({"export", "--db", m_db, "--run", "1", "--format", "csv"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith("# gcpo run export: run 1 \"grpo, seed 1\""));
        QVERIFY(r.out.contains("# table: metrics\r\nstep,key,value,wall_time\r\n0,reward,0.5,"));
        QVERIFY(r.out.contains("# table: evals\r\nstep,metric,value\r\n2,pass@1,0.75\r\n"));
        QVERIFY(r.out.contains("\"it is \"\"5\"\", I think\""));
        QCOMPARE(r.out.count("\n2,0,1,0.0,0,-1.0,0.0,-0.7,7,5,5,"), 1);  // rollout 1 of step 2

        const QString out = m_dir.filePath("run1.jsonl");
        Result f = run({"export", "--db", m_db, "--run", "1", "--format", "jsonl", "--out", out, "--embeddings"});
        QCOMPARE(f.code, 0);
        QVERIFY(f.out.isEmpty());
        const QList<QByteArray> lines = readAll(out).trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 6 + 1 + 3 + 6);  // run, metrics, eval, groups, rollouts
        QCOMPARE(QJsonDocument::fromJson(lines[0]).object()["table"].toString(), QString("run"));
        const QJsonObject last = QJsonDocument::fromJson(lines.last()).object();
        QCOMPARE(last["table"].toString(), QString("rollout"));
        QCOMPARE(last["embedding"].toArray().size(), 2);

        QTemporaryDir dir;
        Result d = run({"export", "--db", m_db, "--run", "1", "--out", dir.path()});
        QCOMPARE(d.code, 0);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 5);
        QVERIFY(readAll(dir.filePath("run_1_rollouts.csv")).startsWith("step,group_index,rollout_index,reward"));
    }

    void errorsExitTwoAndLeaveFilesAlone_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("needle");
        QTest::newRow("missing db") << "missing"
                                    << "no such run database";
        QTest::newRow("text file") << "text"
                                   << "not a GCPO run database";
        QTest::newRow("unknown run") << "unknown-run"
                                     << "no run with id 9";
        QTest::newRow("bad format") << "format"
                                    << "--format";
    }
    void errorsExitTwoAndLeaveFilesAlone() {
        QFETCH(QString, kind);
        QFETCH(QString, needle);
        QString db = m_db;
        QString runId = "1", format = "csv";
        if (kind == "missing") db = m_dir.filePath("nope.sqlite");
        if (kind == "unknown-run") runId = "9";
        if (kind == "format") format = "xlsx";
        if (kind == "text") {
            db = m_dir.filePath("notes.txt");
            QFile f(db);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("just some notes\n");
        }
        const QByteArray before = readAll(db);
        for (const QStringList& args :
             {QStringList{"export", "--db", db, "--run", runId, "--format", format}, QStringList{"runs", "list", "--db", db}}) {
            if (kind == "unknown-run" || kind == "format")
                if (args[0] == "runs") continue;
            Result r = run(args);
            QCOMPARE(r.code, 2);
            QVERIFY(r.out.isEmpty());
            QVERIFY2(QString(r.err).contains(needle), r.err.constData());
            QCOMPARE(r.err.trimmed().count('\n'), 0);
        }
        QCOMPARE(readAll(db), before);
        QCOMPARE(QFileInfo::exists(m_dir.filePath("nope.sqlite")), false);
    }
};

QTEST_GUILESS_MAIN(TestCliRuns)
#include "test_cli_runs.moc"
