// Smoke tests of refusals at the command line (issue 12): bad lines in `verify` get their own
// verdict and the rest go on, bad options and strings are refused before any database is
// written, and refused files are left as they were.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <csignal>

class TestCliGuards : public QObject {
    Q_OBJECT
    QString m_exe = qEnvironmentVariable("GCPO_TRAIN");
    QTemporaryDir m_dir;

    struct Result {
        int code;
        QByteArray out;
        QString err;
    };
    Result run(const QStringList& args, const QByteArray& stdinData = {}) {
        QProcess p;
        p.start(m_exe, args);
        if (!stdinData.isEmpty()) p.write(stdinData);
        p.closeWriteChannel();
        if (!p.waitForFinished(120000)) return {-1, {}, "timeout"};
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : 1000 + p.exitCode(), p.readAllStandardOutput(),
                p.readAllStandardError()};
    }

    QString writeFile(const QString& name, const QByteArray& bytes) {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(bytes);
        return path;
    }

    QString config() {
        return writeFile(
            "cfg.json",
            "{\"name\":\"g\",\"algorithm\":\"grpo\",\"seed\":1,\"steps\":2,\"device\":\"cpu\",\n"
            "            \"model\":{\"init\":\"scratch\"},\"sampling\":{\"prompts_per_step\":2,\"group_size\":4,\"max_new_tokens\":8},\n"
            "            \"eval\":{\"every\":0},\"checkpoint\":{\"every\":1}}");
    }

private slots:
    void initTestCase() { QVERIFY(QFileInfo(m_exe).isExecutable()); }

    void verifyGoesOnPastBadLines() {
        QByteArray input;
        input +=
            "{\"family\":\"countdown\",\"task\":{\"data\":{\"numbers\":[3,7,12],\"target\":48}},\"completion\":\"<answer>(7-3)*12</answer>\"}"
            "\n";
        input += "{\"family\":\"countdown\",\"task\":{\"data\":{\"numbers\":[3,7],\"target\":10}},\"completion\":\"\xff\"}\n";
        input +=
            "{\"family\":\"linear-equation\",\"task\":{\"data\":{\"a\":-1,\"b\":0,\"c\":-9223372036854775808}},\"completion\":\"<answer>1</answer>\"}"
            "\n";
        input +=
            "{\"family\":\"countdown\",\"task\":" + QByteArray(100000, '[') + QByteArray(100000, ']') + ",\"completion\":\"\"}\n";
        QByteArray chain = "1";
        for (int i = 0; i < 100000; ++i) chain += "+1";
        input += "{\"family\":\"countdown\",\"task\":{\"data\":{\"numbers\":[1,2],\"target\":3}},\"completion\":\"<answer>" +
                 chain + "</answer>\"}\n";
        input +=
            "{\"family\":\"countdown\",\"task\":{\"data\":{\"numbers\":[3,7,12],\"target\":48}},\"completion\":\"<answer>(7-3)*12</answer>\"}"
            "\n";
        const Result r = run({"verify", "-"}, input);
        QCOMPARE(r.code, 2);  // bad lines: exit 2 after every line was answered
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 6);
        const auto verdict = [&](int i) { return QJsonDocument::fromJson(lines[i]).object(); };
        QVERIFY(verdict(0)["correct"].toBool());
        for (int i : {1, 2, 3}) {
            QVERIFY(verdict(i)["input_error"].toBool());
            QVERIFY2(verdict(i)["error"].toString().startsWith(QString("line %1: ").arg(i + 1)), lines[i].constData());
        }
        QVERIFY(verdict(1)["error"].toString().contains("UTF-8"));
        QVERIFY(verdict(2)["error"].toString().contains("overflows"));
        QVERIFY(verdict(3)["error"].toString().contains("nested deeper"));
        QVERIFY(!verdict(4)["correct"].toBool() && verdict(4)["error"].toString().contains("too long"));
        QVERIFY(verdict(5)["correct"].toBool());
    }

    void creditRefusesByNameWithTrueValues() {
        const QByteArray group =
            "{\"rewards\":[1,0,1],\"embeddings\":[[1,0],[0,1],[1,1]],\"estimator\":\"permutation\",\"samples\":4,\"seed\":";
        Result r = run({"credit", "-"}, group + "9223372036854775808}");
        QVERIFY2(r.code == 0, qPrintable(r.err));  // the whole unsigned 64-bit range is a seed
        QVERIFY(QJsonDocument::fromJson(r.out).object().contains("credit"));
        QCOMPARE(run({"credit", "-"}, group + "9223372036854775808}").out, r.out);  // same seed, same credit
        const Result top = run({"credit", "-"}, group + "18446744073709551615}");
        QVERIFY2(top.code == 0, qPrintable(top.err));
        r = run({"credit", "-"}, group + "18446744073709551616}");
        QCOMPARE(r.code, 2);  // beyond 2^64 - 1: refused with its true value
        QVERIFY2(r.err.contains("seed") && r.err.contains("above 2^64 - 1") && !r.err.contains("-9."), qPrintable(r.err));
        r = run({"credit", "-"}, "{\"rewards\":[1,1],\"embeddings\":[[1e300,1e300],[1e-300,2e-300]]}");
        QCOMPARE(r.code, 0);
        QVERIFY2(!r.out.contains("null"), r.out.constData());
        r = run({"credit", "-"}, "{\"rewards\":[1,1],\"embeddings\":[[1,0],[0,1]],\"volume_scale\":1e300}");
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("volume_scale"));
        r = run({"credit", "-"},
                "{\"rewards\":[1],\"embeddings\":[[1]],\"kernel\":" + QByteArray(100000, '[') + QByteArray(100000, ']') + "}");
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("nested deeper"));
    }

    void badRunOptionsAreRefusedBeforeTheDatabase_data() {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("error");
        QTest::newRow("steps 0") << QStringList{"--steps", "0"} << "steps";
        QTest::newRow("negative steps") << QStringList{"--steps", "-3"} << "steps";
        QTest::newRow("negative seed") << QStringList{"--seed", "-1"} << "seed";
        QTest::newRow("invalid utf-8 name") << QStringList{"--name", QString::fromLatin1("bad\xff")} << "name";
    }
    void badRunOptionsAreRefusedBeforeTheDatabase() {
        QFETCH(QStringList, extra);
        QFETCH(QString, error);
        const QString db = m_dir.filePath("refused.sqlite");
        QProcess p;
        QStringList args = {"run", "--config", config(), "--db", db};
        // Pass raw bytes for the name: QProcess encodes arguments as UTF-8 otherwise.
        if (extra.first() == "--name") {
            const QString wrapper = writeFile("wrap.sh", "#!/bin/sh\nexec \"$@\" --name \"$(printf 'bad\\377')\"\n");
            QFile::setPermissions(wrapper, QFile::ReadOwner | QFile::ExeOwner);
            p.start(wrapper, QStringList{m_exe} + args);
        } else {
            p.start(m_exe, args + extra);
        }
        QVERIFY(p.waitForFinished(120000));
        const QString err = p.readAllStandardError();
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(err.contains(error), qPrintable(err));
        QVERIFY(!QFile::exists(db));
    }

    // Settings that can only fail when used are checked before the database or a run exists.
    void unusableSettingsAreRefusedBeforeAnyWrite_data() {
        QTest::addColumn<QStringList>("sets");
        QTest::addColumn<QString>("error");
        QTest::newRow("missing checkpoint") << QStringList{"model.init=checkpoint", "model.checkpoint=/nonexistent/ckpt"}
                                            << "model.checkpoint";
        QTest::newRow("unavailable device") << QStringList{"device=cuda:7"} << "device";
        QTest::newRow("device index overflow") << QStringList{"device=cuda:99999999999999"} << "device";
        QTest::newRow("empty name") << QStringList{"name=\"\""} << "name";
        QTest::newRow("empty name unquoted") << QStringList{"name="} << "name";
        QTest::newRow("dataset without path") << QStringList{"tasks.families=[{\"name\":\"gsm8k\"}]"} << "gsm8k";
        QTest::newRow("unsatisfiable options")
            << QStringList{"tasks.families=[{\"name\":\"countdown\",\"options\":{\"count\":2,\"max_number\":1,\"min_solutions\":1000}}]"}
            << "countdown";
    }
    void unusableSettingsAreRefusedBeforeAnyWrite() {
        QFETCH(QStringList, sets);
        QFETCH(QString, error);
        if (sets.first() == "device=cuda:7" && qEnvironmentVariableIsSet("GCPO_REQUIRE_CUDA"))
            QSKIP("a CUDA machine may have 8 devices");
        // One database path per row: a row that wrongly trained must not make the next one fail.
        const QString db = m_dir.filePath(QString("preflight-%1.sqlite").arg(QTest::currentDataTag()).replace(' ', '-'));
        QStringList args = {"run", "--config", config(), "--db", db};
        for (const QString& s : sets) args << "--set" << s;
        const Result r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(error), qPrintable(r.err));
        QVERIFY(!QFile::exists(db));
        QVERIFY(!QDir(db + ".sft").exists() && !QDir(db + ".runs").exists());
    }

    void foreignDatabaseIsRefusedBeforeTheWarmUp() {
        const QByteArray foreign = "not a database\n";
        const QString db = writeFile("foreign_sft.sqlite", foreign);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("GCPO_SFT_CACHE", m_dir.filePath("sft-cache-foreign"));
        p.setProcessEnvironment(env);
        QElapsedTimer t;
        t.start();
        p.start(m_exe, {"run", "--config", config(), "--db", db, "--set", "model.init=sft"});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(t.elapsed() < 20000, "the refusal came after a warm-up");
        QVERIFY(!QDir(m_dir.filePath("sft-cache-foreign")).exists());
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), foreign);
    }

    void interruptDuringTheWarmUpSaysNoRunExists() {
        const QString sft = writeFile("sft_small.json",
                                      "{\"tasks\":{\"families\":[{\"name\":\"countdown\"}]},"
                                      "\"model\":{\"layers\":1,\"d_model\":32,\"heads\":2,\"context\":128},"
                                      "\"train\":{\"steps\":100000,\"batch_size\":4,\"seed\":7771,\"log_every\":1},"
                                      "\"eval\":{\"every\":0},\"device\":\"cpu\",\"threads\":1}");
        const QString db = m_dir.filePath("warmup.sqlite");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("GCPO_SFT_CACHE", m_dir.filePath("sft-cache-int"));
        p.setProcessEnvironment(env);
        p.start(m_exe, {"run", "--config", config(), "--db", db, "--set", "model.init=sft", "--set", "model.sft_config=" + sft});
        // Started, not merely starting: the loop below ran zero times while the state was Starting.
        QVERIFY(p.waitForStarted(30000));
        QByteArray err;
        QElapsedTimer t;
        t.start();
        while (!err.contains("[sft] SFT warm-up train step") && t.elapsed() < 120000 && p.state() != QProcess::NotRunning) {
            p.waitForReadyRead(500);  // waits on stdout; stderr is read meanwhile
            err += p.readAllStandardError();
        }
        QVERIFY2(err.contains("[sft] SFT warm-up train step"), err.constData());  // the warm-up really trains
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(120000));
        err += p.readAllStandardError();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 130);
        QVERIFY2(err.contains("interrupted during the SFT warm-up: no run was created") && !err.contains("checkpoint written") &&
                     !err.contains("marked interrupted"),
                 err.constData());
        QVERIFY(!QFile::exists(db) && !QDir(db + ".runs").exists());  // no database, so no run row
        // The unfinished warm-up was discarded: the cache holds no warm-up, finished or partial.
        const QStringList kept = QDir(m_dir.filePath("sft-cache-int")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY2(kept.isEmpty(), qPrintable(kept.join(", ")));
    }

    void gradClipZeroMeansOff() {
        const QString db = m_dir.filePath("noclip.sqlite");
        const Result r = run({"run", "--config", config(), "--db", db, "--set", "optim.grad_clip=0"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    // One exit code for one refusal, whatever the command (README: exit codes).
    void refusedDatabaseIsExitTwoForEveryCommand_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("run") << QStringList{"run", "--config", "CFG", "--db", "DB"};
        QTest::newRow("resume") << QStringList{"resume", "--db", "DB", "--run", "1"};
        QTest::newRow("runs list") << QStringList{"runs", "list", "--db", "DB"};
        QTest::newRow("export") << QStringList{"export", "--db", "DB", "--run", "1"};
        QTest::newRow("report") << QStringList{"report", "--db", "DB"};
    }
    void refusedDatabaseIsExitTwoForEveryCommand() {
        QFETCH(QStringList, args);
        const QByteArray foreign = "SQLite format 3 is not what this text file is; it belongs to someone else\n";
        const QString db = writeFile("foreign.sqlite", foreign);
        for (QString& a : args) {
            if (a == "DB") a = db;
            if (a == "CFG") a = config();
        }
        const Result r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("not a GCPO run database"), qPrintable(r.err));
        QFile f(db);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), foreign);
        QVERIFY(!QFile::exists(db + "-wal") && !QFile::exists(db + "-shm"));
    }
};

QTEST_GUILESS_MAIN(TestCliGuards)
#include "test_cli_guards.moc"
