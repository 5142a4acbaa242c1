// Smoke test of `gcpo-train credit`: the real binary, JSON in and out, exit codes for bad input.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <cmath>

class TestCliCredit : public QObject {
    Q_OBJECT
    QString m_exe = qEnvironmentVariable("GCPO_TRAIN");

    struct Result {
        int code;
        QByteArray out, err;
    };
    Result run(const QStringList& args, const QByteArray& stdinData) {
        QProcess p;
        p.start(m_exe, args);
        p.write(stdinData);
        p.closeWriteChannel();
        if (!p.waitForFinished(60000)) return {-1, {}, "timeout"};
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

private slots:
    void initTestCase() { QVERIFY2(QFileInfo(m_exe).isExecutable(), "GCPO_TRAIN must point at gcpo-train"); }

    void closedCaseFromStdinAndFile() {
        const QByteArray in = R"({"rewards":[1,1,1,0],"embeddings":[[1,0],[1,0],[0,1],[0.6,0.8]]})";
        Result r = run({"credit", "-"}, in);
        QCOMPARE(r.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QVERIFY(std::abs(o["team_reward"].toDouble() - std::log(6.0)) < 1e-12);
        const QJsonArray credit = o["credit"].toArray();
        QCOMPARE(credit.size(), 4);
        QVERIFY(std::abs(credit[2].toDouble() - std::log(2.0)) < 1e-12);
        QCOMPARE(o["advantage"].toArray().size(), 4);
        QCOMPARE(o["grpo_advantage"].toArray().size(), 4);

        QTemporaryDir dir;
        QFile f(dir.filePath("g.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(in);
        f.close();
        Result r2 = run({"credit", f.fileName()}, {});
        QCOMPARE(r2.code, 0);
        QCOMPARE(r2.out, r.out);
    }

    void badInputExitsTwoWithOneLine_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("needle");
        QTest::newRow("not json") << QByteArray("{rewards:") << "not valid JSON";
        QTest::newRow("missing key") << QByteArray(R"({"embeddings":[[1]]})") << "rewards: missing key";
        QTest::newRow("G=0") << QByteArray(R"({"rewards":[],"embeddings":[]})") << "G = 0";
        QTest::newRow("ragged") << QByteArray(R"({"rewards":[1,1],"embeddings":[[1,0],[1]]})") << "embeddings[1]";
        QTest::newRow("non-finite") << QByteArray(R"({"rewards":[1,1],"embeddings":[[1,0],[1,1e999]]})") << "1e999";
        QTest::newRow("reward range") << QByteArray(R"({"rewards":[1,-0.5],"embeddings":[[1],[1]]})") << "rewards[1]";
        QTest::newRow("unknown key") << QByteArray(R"({"rewards":[1],"embeddings":[[1]],"beta":2})") << "beta: unknown key";
        QTest::newRow("unknown estimator") << QByteArray(R"({"rewards":[1],"embeddings":[[1]],"estimator":"mc"})") << "estimator";
    }
    void badInputExitsTwoWithOneLine() {
        QFETCH(QByteArray, input);
        QFETCH(QString, needle);
        Result r = run({"credit", "-"}, input);
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(QString(r.err).contains(needle), r.err.constData());
        QCOMPARE(r.err.trimmed().count('\n'), 0);
    }

    void missingFileIsNamed() {
        Result r = run({"credit", "/nonexistent/group.json"}, {});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("/nonexistent/group.json"));
    }
};

QTEST_GUILESS_MAIN(TestCliCredit)
#include "test_cli_credit.moc"
