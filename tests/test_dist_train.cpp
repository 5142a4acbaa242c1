// Data-parallel training end to end with the real gcpo-train (Gloo on localhost, 2 ranks x 1
// thread): a 3-step run on 2 ranks stores the same rewards, advantages, rollouts, metrics and
// evaluations as one process on the same global batch, and ends with the same parameters (1e-5),
// which `gcpo-train runs compare` confirms (and it tells a run of another seed apart);
// kill -9 of rank 1 mid-run fails rank 0 within the timeout, the run is marked failed naming rank 1
// and the database stays intact; the failed run resumes on 2 ranks and then equals the
// uninterrupted run; SIGTERM to one rank interrupts every rank cleanly (exit 130); a batch that
// cannot be split over the ranks is refused before anything is written.
#include <QtTest>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>

#pragma push_macro("slots")
#undef slots
#include <torch/torch.h>
#pragma pop_macro("slots")

#include "model/checkpoint.h"
#include "model/sampler.h"
#include "store/run_store.h"

using namespace gcpo;

namespace {

constexpr double kTol = 1e-5;

bool agree(double a, double b) { return std::abs(a - b) <= kTol * std::max(1.0, std::abs(a)); }

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

}  // namespace

class TestDistTrain : public QObject {
    Q_OBJECT
    QString m_exe = qEnvironmentVariable("GCPO_TRAIN");
    QTemporaryDir m_dir;
    QString m_config;

    QStringList runArgs(const QString& db, int steps) const {
        return {"run",
                "--config",
                m_config,
                "--db",
                db,
                "--steps",
                QString::number(steps),
                "--set",
                "distributed.timeout_s=10",
                "--set",
                "distributed.check_every=1"};
    }

    int launch(const QStringList& args, int nproc, QString* err = nullptr) {
        QProcess p;
        p.start(m_exe, QStringList{"launch", "--nproc", QString::number(nproc), "--grace", "20", "--"} + args);
        if (!p.waitForFinished(240000)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        if (err) *err = QString::fromUtf8(p.readAllStandardError());
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -9;
    }

    int single(const QStringList& args, QString* err = nullptr) {
        QProcess p;
        p.start(m_exe, args);
        if (!p.waitForFinished(240000)) return -1;
        if (err) *err = QString::fromUtf8(p.readAllStandardError());
        return p.exitCode();
    }

    // gcpo-train runs compare; its JSON report in *out.
    int compare(const QString& dbA, int runA, const QString& dbB, int runB, QString* out) {
        QProcess p;
        p.start(m_exe, {"runs", "compare", "--db", dbA, "--run", QString::number(runA), "--with", dbB, "--with-run",
                        QString::number(runB)});
        if (!p.waitForFinished(120000)) return -1;
        *out = QString::fromUtf8(p.readAllStandardOutput());
        return p.exitCode();
    }

    // Rank r of a 2-rank job started by hand (so that the test can signal one rank).
    void startRank(QProcess& p, int rank, int port, const QStringList& args) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("RANK", QString::number(rank));
        env.insert("LOCAL_RANK", QString::number(rank));
        env.insert("WORLD_SIZE", "2");
        env.insert("MASTER_ADDR", "127.0.0.1");
        env.insert("MASTER_PORT", QString::number(port));
        p.setProcessEnvironment(env);
        p.start(m_exe, args);
    }

    static bool waitForStep(QProcess& p, int step) {
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

    static bool integrityOk(const QString& db) {
        sqlite3* h = nullptr;
        if (sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return false;
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, nullptr);
        const bool ok =
            sqlite3_step(st) == SQLITE_ROW && QByteArray(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "ok";
        sqlite3_finalize(st);
        sqlite3_close(h);
        return ok;
    }

    // Every stored quantity of run a (db da) equals run b's (db dbb): metrics except timings, groups,
    // rollouts (texts exactly; numbers to kTol), evaluations and evaluation samples.
    static void compareRuns(const std::string& da, int64_t a, const std::string& dbb, int64_t b, int64_t steps) {
        store::RunStore sa(da, store::RunStore::Mode::Read), sb(dbb, store::RunStore::Mode::Read);
        QCOMPARE(sa.maxStep(a), steps);
        QCOMPARE(sb.maxStep(b), steps);
        std::map<std::pair<int64_t, std::string>, double> ma, mb;
        for (const auto& m : sa.metricsSince(a, -1))
            if (m.key.rfind("time/", 0) != 0 && m.key != "step_time") ma[{m.step, m.key}] = m.value;
        for (const auto& m : sb.metricsSince(b, -1))
            if (m.key.rfind("time/", 0) != 0 && m.key != "step_time") mb[{m.step, m.key}] = m.value;
        QCOMPARE(ma.size(), mb.size());
        QVERIFY(ma.size() > 20);
        for (const auto& [k, v] : ma) {
            QVERIFY2(mb.count(k), k.second.c_str());
            QVERIFY2(agree(v, mb[k]), qPrintable(QString("step %1 %2: %3 vs %4")
                                                     .arg(k.first)
                                                     .arg(k.second.c_str())
                                                     .arg(v, 0, 'g', 12)
                                                     .arg(mb[k], 0, 'g', 12)));
        }
        int rolloutsCompared = 0;
        for (int64_t step = 1; step <= steps; ++step) {
            const auto ga = sa.groups(a, step), gb = sb.groups(b, step);
            QCOMPARE(ga.size(), gb.size());
            for (size_t i = 0; i < ga.size(); ++i) {
                QCOMPARE(ga[i].groupIndex, gb[i].groupIndex);
                QCOMPARE(ga[i].taskId, gb[i].taskId);
                QCOMPARE(ga[i].correctCount, gb[i].correctCount);
                QVERIFY(agree(ga[i].rewardMean, gb[i].rewardMean));
                QVERIFY(agree(ga[i].teamCoverage, gb[i].teamCoverage));
            }
            const auto ra = sa.rollouts(a, step), rb = sb.rollouts(b, step);
            QCOMPARE(ra.size(), rb.size());
            for (size_t i = 0; i < ra.size(); ++i) {
                QCOMPARE(ra[i].groupIndex, rb[i].groupIndex);
                QCOMPARE(ra[i].rolloutIndex, rb[i].rolloutIndex);
                QCOMPARE(ra[i].completion, rb[i].completion);
                QCOMPARE(ra[i].reward, rb[i].reward);
                QVERIFY(agree(ra[i].grpoAdvantage, rb[i].grpoAdvantage));
                QVERIFY(agree(ra[i].gcpoCredit, rb[i].gcpoCredit));
                QVERIFY(agree(ra[i].advantageUsed, rb[i].advantageUsed));
                QCOMPARE(ra[i].embedding.size(), rb[i].embedding.size());
                for (size_t d = 0; d < ra[i].embedding.size(); ++d) QVERIFY(agree(ra[i].embedding[d], rb[i].embedding[d]));
                ++rolloutsCompared;
            }
            const auto ea = sa.evalSamples(a, step), eb = sb.evalSamples(b, step);
            QCOMPARE(ea.size(), eb.size());
            for (size_t i = 0; i < ea.size(); ++i) {
                QCOMPARE(ea[i].promptIndex, eb[i].promptIndex);
                QCOMPARE(ea[i].completion, eb[i].completion);
            }
        }
        QCOMPARE(rolloutsCompared, int(steps * 4 * 4));
        const auto ea = sa.evals(a), eb = sb.evals(b);
        QCOMPARE(ea.size(), eb.size());
        QVERIFY(!ea.empty());
        for (size_t i = 0; i < ea.size(); ++i) QVERIFY2(agree(ea[i].value, eb[i].value), ea[i].metric.c_str());
    }

    static double parameterDifference(const std::string& ckptA, const std::string& ckptB) {
        const auto pa = model::loadPolicy(ckptA, torch::kCPU).model->named_parameters();
        const auto pb = model::loadPolicy(ckptB, torch::kCPU).model->named_parameters();
        double worst = 0.0;
        for (const auto& item : pa) worst = std::max(worst, (item.value() - pb[item.key()]).abs().max().item<double>());
        return worst;
    }

private slots:
    void initTestCase() {
        QVERIFY(QFileInfo(m_exe).isExecutable());
        m_config = m_dir.filePath("tiny.json");
        QFile f(m_config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // Policy-hidden embeddings and a KL term exercise the reference on every rank; 3 evaluation
        // prompts do not split evenly over 2 ranks; two micro-batches per rank.
        f.write(R"({"name":"tiny-dist","algorithm":"gcpo","seed":7,"steps":3,"device":"cpu","threads":1,
            "model":{"init":"scratch"},
            "sampling":{"prompts_per_step":4,"group_size":4,"max_new_tokens":8},
            "algo":{"kl_coef":0.05,"loss_agg":"token-mean"},
            "optim":{"micro_batch":4,"lr":0.003},
            "gcpo":{"embedding":"policy-hidden"},
            "eval":{"every":3,"prompts":3,"samples":4,"k":[1,2]},"checkpoint":{"every":1,"keep":5}})");
    }

    // What makes ranks reproduce one process: with per-prompt seeds, a prompt's completions do not
    // depend on the other prompts of the batch (their number, lengths or order).
    void promptSeedsMakeSamplingBatchIndependent() {
        torch::manual_seed(3);
        model::ModelConfig mc;
        mc.vocabSize = 40;
        mc.layers = 2;
        mc.dModel = 32;
        mc.heads = 2;
        mc.context = 64;
        model::Transformer m(mc);
        const std::vector<std::vector<int64_t>> prompts{{1, 5, 7, 9, 11, 3}, {1, 4}, {1, 8, 8, 2}};
        model::SamplingConfig sc;
        sc.maxNewTokens = 12;
        sc.promptSeeds = {101, 202, 303};
        const auto all = model::sample(m, prompts, 3, sc, /*eosId=*/2);
        sc.promptSeeds = {202};
        const auto alone = model::sample(m, {prompts[1]}, 3, sc, 2);
        const int64_t n = alone.tokens.size(1);
        QVERIFY(torch::equal(all.tokens.slice(0, 3, 6).slice(1, 0, n), alone.tokens));
        QVERIFY(torch::allclose(all.logprobs.slice(0, 3, 6).slice(1, 0, n), alone.logprobs, 1e-5, 1e-6));
        // Without per-prompt seeds the same prompt samples differently in the two batches.
        sc.promptSeeds.clear();
        sc.seed = 9;
        const auto a = model::sample(m, prompts, 3, sc, 2), b = model::sample(m, {prompts[1]}, 3, sc, 2);
        const int64_t nb = std::min(a.tokens.size(1), b.tokens.size(1));
        QVERIFY(!torch::equal(a.tokens.slice(0, 3, 6).slice(1, 0, nb), b.tokens.slice(1, 0, nb)));
    }

    void twoRanksEqualOneProcess() {
        const QString one = m_dir.filePath("one.sqlite"), two = m_dir.filePath("two.sqlite");
        QString err;
        QVERIFY2(single(runArgs(one, 3), &err) == 0, qPrintable(err));
        QVERIFY2(launch(runArgs(two, 3), 2, &err) == 0, qPrintable(err));
        compareRuns(one.toStdString(), 1, two.toStdString(), 1, 3);
        store::RunStore s(two.toStdString(), store::RunStore::Mode::Read);
        QCOMPARE(store::toString(s.runInfo(1).status), std::string("finished"));
        store::RunStore s1(one.toStdString(), store::RunStore::Mode::Read);
        const double diff = parameterDifference(s1.checkpoints(1).back().path, s.checkpoints(1).back().path);
        QVERIFY2(diff <= kTol, qPrintable(QString::number(diff)));

        // `runs compare` (the check a user repeats on any two runs) agrees with the comparison above...
        QString out;
        QCOMPARE(compare(one, 1, two, 1, &out), 0);
        const QJsonObject same = QJsonDocument::fromJson(out.toUtf8()).object();
        QVERIFY2(same["same"].toBool() && same["mismatch_count"].toInt() == 0, qPrintable(out));
        QVERIFY(same["max_abs"].toDouble() <= kTol);
        QCOMPARE(same["parameters"].toObject()["max_abs"].toDouble(), diff);
        QCOMPARE(same["rollouts"].toObject()["compared"].toInt(), 3 * 4 * 4 * 4);  // 4 numbers per rollout
        // ...and finds a run of another seed different, naming what differs.
        QVERIFY2(single(runArgs(one, 3) + QStringList{"--seed", "8"}, &err) == 0, qPrintable(err));
        QCOMPARE(compare(one, 1, one, 2, &out), 1);
        const QJsonObject other = QJsonDocument::fromJson(out.toUtf8()).object();
        QVERIFY2(!other["same"].toBool() && other["mismatch_count"].toInt() > 0, qPrintable(out));
        QVERIFY(other["parameters"].toObject()["max_abs"].toDouble() > kTol);
    }

    void killedRankFailsTheRunThenItResumes() {
        const QString db = m_dir.filePath("kill.sqlite");
        const int port = freePort();
        QProcess r0, r1;
        startRank(r0, 0, port, runArgs(db, 3) + QStringList{"--set", "distributed.timeout_s=5", "--progress-json"});
        startRank(r1, 1, port, runArgs(db, 3) + QStringList{"--set", "distributed.timeout_s=5"});
        QVERIFY(waitForStep(r0, 1));
        r1.kill();  // SIGKILL of rank 1, mid step 2
        QElapsedTimer t;
        t.start();
        QVERIFY(r1.waitForFinished(10000));
        QVERIFY(r0.waitForFinished(30000));
        QVERIFY2(t.elapsed() < 20000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(r0.exitCode(), 1);
        QVERIFY(integrityOk(db));
        {
            store::RunStore s(db.toStdString(), store::RunStore::Mode::Read);
            const store::RunInfo info = s.runInfo(1);
            QCOMPARE(store::toString(info.status), std::string("failed"));
            QVERIFY2(QString::fromStdString(info.message).contains("rank 1"), info.message.c_str());
            QVERIFY(s.maxStep(1) >= 1 && s.maxStep(1) < 3);
            QCOMPARE(int64_t(s.steps(1).size()), s.maxStep(1) + 1);  // whole steps only (and step 0, the baseline evaluation)
        }
        QString err;
        QVERIFY2(launch({"resume", "--db", db, "--run", "1"}, 2, &err) == 0, qPrintable(err));
        store::RunStore s(db.toStdString(), store::RunStore::Mode::Read);
        QCOMPARE(store::toString(s.runInfo(1).status), std::string("finished"));
        // The resumed run equals the uninterrupted one-process run.
        compareRuns(m_dir.filePath("one.sqlite").toStdString(), 1, db.toStdString(), 1, 3);
    }

    void sigtermToOneRankInterruptsAll() {
        const QString db = m_dir.filePath("term.sqlite");
        const int port = freePort();
        QProcess r0, r1;
        startRank(r0, 0, port, runArgs(db, 40) + QStringList{"--progress-json"});
        startRank(r1, 1, port, runArgs(db, 40));
        QVERIFY(waitForStep(r0, 1));
        r1.terminate();  // SIGTERM to rank 1 only (as a preempted Slurm task)
        QVERIFY(r0.waitForFinished(60000));
        QVERIFY(r1.waitForFinished(60000));
        QCOMPARE(r0.exitCode(), 130);
        QCOMPARE(r1.exitCode(), 130);
        store::RunStore s(db.toStdString(), store::RunStore::Mode::Read);
        QCOMPARE(store::toString(s.runInfo(1).status), std::string("interrupted"));
        const int64_t last = s.maxStep(1);
        QVERIFY(last >= 1 && last < 40);
        QCOMPARE(s.checkpoints(1).back().step, last);
    }

    void batchThatCannotBeSplitIsRefused() {
        const QString db = m_dir.filePath("uneven.sqlite");
        QString err;
        QCOMPARE(launch(runArgs(db, 3) + QStringList{"--set", "sampling.prompts_per_step=5"}, 2, &err), 2);
        QVERIFY2(err.contains("sampling.prompts_per_step"), qPrintable(err));
        QVERIFY(!QFile::exists(db));
    }
};

QTEST_GUILESS_MAIN(TestDistTrain)
#include "test_dist_train.moc"
