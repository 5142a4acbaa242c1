// Data-parallel plumbing: torchrun/Slurm environment parsing, the step-record codec, and the c10d
// communicator with two Gloo ranks on localhost (every collective against closed-form values; a
// killed or hung rank makes the other fail within the timeout, naming the rank).
#include <QtTest>

#include <QProcess>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>

#include "dist/record_codec.h"
#include "train/dist_env.h"

using namespace gcpo;

namespace {

cli::EnvLookup envOf(const std::map<std::string, std::string>& vars) {
    return [vars](const char* name) -> const char* {
        const auto it = vars.find(name);
        return it == vars.end() ? nullptr : it->second.c_str();
    };
}

int freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

store::StepRecord sampleRecord() {
    store::StepRecord r;
    r.runId = 4;
    r.step = 12;
    r.wallTime = 1.5e9;
    r.metrics = {{"reward", 0.25}, {"loss", -1e-7}};
    r.groups.push_back({3, "What is 2+2?", "arithmetic", "a-17", 0.5, 0.5, 2, 1.25, false});
    store::RolloutRecord o;
    o.groupIndex = 3;
    o.rolloutIndex = 1;
    o.completion = std::string("4\0<eos>", 7);  // an embedded NUL survives
    o.parsedAnswer = "4";
    o.canonicalAnswer = "4";
    o.reward = 1.0;
    o.correct = true;
    o.grpoAdvantage = 0.7;
    o.gcpoCredit = -0.125;
    o.advantageUsed = 0.3;
    o.length = 5;
    o.embedding = {0.5f, -1.0f, 3.0f};
    r.rollouts.push_back(o);
    r.evals = {{"pass@1", 0.75}};
    r.evalSamples.push_back({2, "t", "p", 1, "c", "pa", "ca", true});
    return r;
}

}  // namespace

class TestDist : public QObject {
    Q_OBJECT
    QString m_worker = qEnvironmentVariable("GCPO_DIST_WORKER");

    // Starts both ranks; returns their exit codes and stderr; kills what still runs after waitMs.
    struct Outcome {
        int code[2] = {-1, -1};
        QString err[2];
        qint64 ms[2] = {0, 0};
    };
    Outcome runPair(const QString& mode, double timeoutS, int waitMs, int rank1ExtraMs = 5000) {
        const QString port = QString::number(freePort());
        QProcess p[2];
        QElapsedTimer t;
        t.start();
        for (int r = 0; r < 2; ++r) p[r].start(m_worker, {QString::number(r), "2", port, mode, QString::number(timeoutS)});
        Outcome o;
        for (int r = 0; r < 2; ++r) {
            // Rank 1 gets at most rank1ExtraMs more once rank 0 has finished (a hung rank is then killed).
            const int budget = r == 0 ? waitMs - int(t.elapsed()) : std::min(rank1ExtraMs, waitMs - int(t.elapsed()));
            if (!p[r].waitForFinished(std::max(1, budget))) {
                p[r].kill();
                p[r].waitForFinished();
                o.code[r] = -1;
            } else {
                o.code[r] = p[r].exitStatus() == QProcess::NormalExit ? p[r].exitCode() : -9;
            }
            o.ms[r] = t.elapsed();
            o.err[r] = QString::fromUtf8(p[r].readAllStandardError());
        }
        return o;
    }

private slots:
    void torchrunVariables() {
        const auto c = cli::distConfigFromEnvironment(envOf({{"RANK", "3"},
                                                             {"WORLD_SIZE", "8"},
                                                             {"LOCAL_RANK", "1"},
                                                             {"MASTER_ADDR", "10.0.0.2"},
                                                             {"MASTER_PORT", "29999"},
                                                             {"SLURM_PROCID", "5"},
                                                             {"SLURM_NTASKS", "16"}}));  // torchrun's variables win over Slurm's
        QCOMPARE(c.source, std::string("torchrun"));
        QCOMPARE(c.rank, 3);
        QCOMPARE(c.worldSize, 8);
        QCOMPARE(c.localRank, 1);
        QCOMPARE(c.masterAddr, std::string("10.0.0.2"));
        QCOMPARE(c.masterPort, 29999);
        QVERIFY(c.distributed());
    }

    void noVariablesIsOneProcess() {
        const auto c = cli::distConfigFromEnvironment(envOf({}));
        QCOMPARE(c.worldSize, 1);
        QCOMPARE(c.rank, 0);
        QVERIFY(!c.distributed());
        QCOMPARE(cli::distConfigFromEnvironment(envOf({{"WORLD_SIZE", "1"}})).worldSize, 1);
    }

    void slurmVariables() {
        auto c = cli::distConfigFromEnvironment(envOf({{"SLURM_PROCID", "5"},
                                                       {"SLURM_NTASKS", "8"},
                                                       {"SLURM_LOCALID", "1"},
                                                       {"SLURM_JOB_NODELIST", "gpu[07-09,12],cpu1"}}));
        QCOMPARE(c.source, std::string("slurm"));
        QCOMPARE(c.rank, 5);
        QCOMPARE(c.worldSize, 8);
        QCOMPARE(c.localRank, 1);
        QCOMPARE(c.masterAddr, std::string("gpu07"));
        QCOMPARE(c.masterPort, 29500);
        c = cli::distConfigFromEnvironment(envOf({{"SLURM_PROCID", "0"},
                                                  {"SLURM_NTASKS", "2"},
                                                  {"SLURM_LOCALID", "0"},
                                                  {"SLURM_LAUNCH_NODE_IPADDR", "10.1.2.3"},
                                                  {"SLURM_JOB_NODELIST", "n1"},
                                                  {"MASTER_PORT", "4000"}}));
        QCOMPARE(c.masterAddr, std::string("10.1.2.3"));
        QCOMPARE(c.masterPort, 4000);
        QCOMPARE(cli::firstSlurmHost("a1,a2"), std::string("a1"));
        QCOMPARE(cli::firstSlurmHost("rack[2-3]-n[1-4]"), std::string("rack2-n[1-4]"));
        QCOMPARE(cli::firstSlurmHost("node-[003-005]"), std::string("node-003"));
    }

    void badVariablesNameTheVariable_data() {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("va");
        QTest::addColumn<QString>("expect");
        QTest::newRow("rank text") << "RANK"
                                   << "one"
                                   << "RANK=\"one\" is not an integer";
        QTest::newRow("rank range") << "RANK"
                                    << "4"
                                    << "RANK must be in 0..1";
        QTest::newRow("port") << "MASTER_PORT"
                              << "70000"
                              << "MASTER_PORT must be in 1..65535";
        QTest::newRow("no master") << "MASTER_ADDR"
                                   << ""
                                   << "MASTER_ADDR is empty";
    }
    void badVariablesNameTheVariable() {
        QFETCH(QString, a);
        QFETCH(QString, va);
        QFETCH(QString, expect);
        std::map<std::string, std::string> vars{
            {"RANK", "1"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}, {"MASTER_PORT", "1234"}};
        vars[a.toStdString()] = va.toStdString();
        try {
            cli::distConfigFromEnvironment(envOf(vars));
            QFAIL("accepted a bad variable");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains(expect), e.what());
        }
    }

    void recordRoundTrip() {
        const store::StepRecord r = sampleRecord();
        const std::string bytes = dist::encodeStepRecord(r);
        const store::StepRecord b = dist::decodeStepRecord(bytes);
        QCOMPARE(b.runId, r.runId);
        QCOMPARE(b.step, r.step);
        QCOMPARE(b.wallTime, r.wallTime);
        QCOMPARE(b.metrics.size(), r.metrics.size());
        QCOMPARE(b.metrics[1].key, r.metrics[1].key);
        QCOMPARE(b.metrics[1].value, r.metrics[1].value);
        QCOMPARE(b.groups[0].prompt, r.groups[0].prompt);
        QCOMPARE(b.groups[0].teamCoverage, r.groups[0].teamCoverage);
        QCOMPARE(b.groups[0].correctCount, r.groups[0].correctCount);
        const auto &x = b.rollouts[0], &y = r.rollouts[0];
        QCOMPARE(x.completion, y.completion);
        QCOMPARE(x.completion.size(), size_t(7));
        QCOMPARE(x.correct, y.correct);
        QCOMPARE(x.gcpoCredit, y.gcpoCredit);
        QCOMPARE(x.advantageUsed, y.advantageUsed);
        QCOMPARE(x.length, y.length);
        QVERIFY(x.embedding == y.embedding);
        QCOMPARE(b.evals[0].value, 0.75);
        QCOMPARE(b.evalSamples[0].canonicalAnswer, std::string("ca"));
        QCOMPARE(b.evalSamples[0].correct, true);
        // Re-encoding the decoded record gives the same bytes.
        QCOMPARE(dist::encodeStepRecord(b), bytes);

        store::StepRecord whole;
        dist::appendShare(whole, dist::decodeStepRecord(bytes));
        dist::appendShare(whole, dist::decodeStepRecord(bytes));
        QCOMPARE(whole.rollouts.size(), size_t(2));
        QCOMPARE(whole.evalSamples.size(), size_t(2));
        QVERIFY(whole.metrics.empty());
    }

    void corruptRecordIsRefused() {
        const std::string bytes = dist::encodeStepRecord(sampleRecord());
        for (size_t cut : {size_t(0), size_t(5), size_t(40), bytes.size() - 1}) {
            try {
                dist::decodeStepRecord(bytes.substr(0, cut));
                QFAIL(qPrintable(QString("accepted a record cut at %1 bytes").arg(cut)));
            } catch (const std::runtime_error& e) {
                QVERIFY2(QString(e.what()).contains("step record"), e.what());
            }
        }
        try {
            dist::decodeStepRecord(bytes + "x");
            QFAIL("accepted trailing bytes");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("trailing"), e.what());
        }
    }

    void twoGlooRanksAgree() {
        QVERIFY(QFileInfo(m_worker).isExecutable());
        const Outcome o = runPair("ok", 20.0, 60000);
        QVERIFY2(o.code[0] == 0 && o.code[1] == 0, qPrintable(o.err[0] + " | " + o.err[1]));
    }

    void killedRankFailsTheOther() {
        const Outcome o = runPair("die", 5.0, 30000);
        QCOMPARE(o.code[1], -9);  // killed by SIGKILL
        QVERIFY2(o.code[0] == 3, qPrintable(o.err[0]));
        QVERIFY2(o.err[0].contains("failed on rank 0") && o.err[0].contains("rank 1 last reported: first all-reduce"),
                 qPrintable(o.err[0]));
        QVERIFY2(o.ms[0] < 15000, qPrintable(QString::number(o.ms[0])));
    }

    void hungRankTimesOut() {
        const Outcome o = runPair("hang", 2.0, 30000, /*rank1ExtraMs=*/100);
        QVERIFY2(o.code[0] == 3, qPrintable(o.err[0]));
        QVERIFY2(o.err[0].contains("rank 1 last reported: sleeping on purpose"), qPrintable(o.err[0]));
        QVERIFY2(o.ms[0] < 12000, qPrintable(QString::number(o.ms[0])));
    }
};

QTEST_GUILESS_MAIN(TestDist)
#include "test_dist.moc"
