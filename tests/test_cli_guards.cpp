// Smoke tests of refusals at the command line (issue 12): bad lines in `verify` get their own
// verdict and the rest go on, bad options and strings are refused before any database is
// written, and refused files are left as they were.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

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
        return writeFile("cfg.json", "{\"name\":\"g\",\"algorithm\":\"grpo\",\"seed\":1,\"steps\":2,\"device\":\"cpu\",\n"
            "            \"model\":{\"init\":\"scratch\"},\"sampling\":{\"prompts_per_step\":2,\"group_size\":4,\"max_new_tokens\":8},\n"
            "            \"eval\":{\"every\":0},\"checkpoint\":{\"every\":1}}");
    }

private slots:
    void initTestCase() { QVERIFY(QFileInfo(m_exe).isExecutable()); }

    void verifyGoesOnPastBadLines() {
        QByteArray input;
        input += "{\"family\":\"countdown\",\"task\":{\"data\":{\"numbers\":[3,7,12],\"target\":48}},\"completion\":\"<answer>(7-3)*12</answer>\"}" "\n";
        input += "{\"family\":\"countdown\",\"task\":{\"data\":{\"numbers\":[3,7],\"target\":10}},\"completion\":\"\xff\"}\n";
        input += "{\"family\":\"linear-equation\",\"task\":{\"data\":{\"a\":-1,\"b\":0,\"c\":-9223372036854775808}},\"completion\":\"<answer>1</answer>\"}" "\n";
        input += "{\"family\":\"countdown\",\"task\":" + QByteArray(100000, '[') + QByteArray(100000, ']') + ",\"completion\":\"\"}\n";
        QByteArray chain = "1";
        for (int i = 0; i < 100000; ++i) chain += "+1";
        input += "{\"family\":\"countdown\",\"task\":{\"data\":{\"numbers\":[1,2],\"target\":3}},\"completion\":\"<answer>" + chain + "</answer>\"}\n";
        input += "{\"family\":\"countdown\",\"task\":{\"data\":{\"numbers\":[3,7,12],\"target\":48}},\"completion\":\"<answer>(7-3)*12</answer>\"}" "\n";
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

    void creditRefusesByNameAndAcceptsLargeSeeds() {
        Result r = run({"credit", "-"}, "{\"rewards\":[1,0],\"embeddings\":[[1,0],[0,1]],\"estimator\":\"permutation\",\"samples\":4,\"seed\":9223372036854775808}");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run({"credit", "-"}, "{\"rewards\":[1,1],\"embeddings\":[[1e300,1e300],[1e-300,2e-300]]}");
        QCOMPARE(r.code, 0);
        QVERIFY2(!r.out.contains("null"), r.out.constData());
        r = run({"credit", "-"}, "{\"rewards\":[1,1],\"embeddings\":[[1,0],[0,1]],\"volume_scale\":1e300}");
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("volume_scale"));
        r = run({"credit", "-"}, "{\"rewards\":[1],\"embeddings\":[[1]],\"kernel\":" + QByteArray(100000, '[') + QByteArray(100000, ']') + "}");
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
};

QTEST_GUILESS_MAIN(TestCliGuards)
#include "test_cli_guards.moc"
