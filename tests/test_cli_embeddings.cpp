// Smoke test of `gcpo-train embeddings`: agreement of each backend with the verifier's distinct
// correct answers, on a small run database this test writes (known answers and stored embeddings).
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <cmath>

#include "rl/run_config.h"
#include "store/run_store.h"

using namespace gcpo::store;

class TestCliEmbeddings : public QObject {
    Q_OBJECT
    QString m_exe = qEnvironmentVariable("GCPO_TRAIN");
    QTemporaryDir m_dir;
    QString m_db;
    int64_t m_hidden = 0, m_ngram = 0;

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
    static RolloutRecord rollout(int32_t group, int32_t index, const char* answer, const char* canonical, bool correct,
                                 std::vector<float> embedding) {
        RolloutRecord r;
        r.groupIndex = group;
        r.rolloutIndex = index;
        r.completion = std::string("<answer>") + answer + "</answer>";
        r.parsedAnswer = answer;
        r.canonicalAnswer = canonical;
        r.correct = correct;
        r.reward = correct ? 1.0 : 0.1;
        r.embedding = std::move(embedding);
        return r;
    }
    // backend -> family -> summary
    static QJsonObject summaries(const QByteArray& json, const QString& backend) {
        for (const auto& b : QJsonDocument::fromJson(json).object()["backends"].toArray())
            if (b.toObject()["backend"].toString() == backend) {
                QJsonObject byFamily;
                for (const auto& f : b.toObject()["families"].toArray()) byFamily[f.toObject()["family"].toString()] = f;
                byFamily["skipped_runs"] = b.toObject()["skipped_runs"];
                return byFamily;
            }
        return {};
    }

private slots:
    void initTestCase() {
        QVERIFY2(QFileInfo(m_exe).isExecutable(), "GCPO_TRAIN must point at gcpo-train");
        m_db = m_dir.filePath("runs.sqlite");
        RunStore w(m_db.toStdString(), RunStore::Mode::Write);
        RunInfo a;
        a.name = "hidden";
        a.algorithm = "gcpo";
        a.configJson =
            gcpo::rl::toJson(gcpo::rl::resolveRunConfig(nlohmann::json{{"gcpo", {{"embedding", "policy-hidden"}}}})).dump();
        m_hidden = w.createRun(a);
        StepRecord rec;
        rec.runId = m_hidden;
        rec.step = 1;
        rec.groups = {{0, "countdown 3 5 9 2 7 -> 17\n", "countdown", "c/0", 0.7, 0.5, 3, 0.0, false},
                      {1, "sum 3 of 1 2 4 5 9 -> 15\n", "sum-decomposition", "s/0", 1.0, 0.0, 3, 0.0, true},
                      {2, "countdown 1 2 -> 3\n", "countdown", "c/1", 0.3, 0.5, 1, 0.0, false}};
        // Group 0: one solution written two ways, a second solution whose hidden state is nearly
        // collinear with the first (cosine 100/101 = 0.990: policy-hidden merges them; centred on the
        // group mean (10, 0.25, 0) they are (0, 0.75, 0) and (0, -0.25, 1), cosine -0.24), and a wrong answer.
        rec.rollouts = {rollout(0, 0, "3+5+9", "3+5+9", true, {10, 1, 0}), rollout(0, 1, "9+5+3", "3+5+9", true, {10, 1, 0}),
                        rollout(0, 2, "2*7+3", "3+2*7", true, {10, 0, 1}), rollout(0, 3, "1+1", "1+1", false, {10, -1, -1}),
                        // Group 1: two solutions (one reordered), hidden states telling them apart.
                        rollout(1, 0, "9+5+1", "1+5+9", true, {0, 1, 0}), rollout(1, 1, "1+5+9", "1+5+9", true, {0, 1, 0}),
                        rollout(1, 2, "2+4+9", "2+4+9", true, {0, 0, 1}),
                        // Group 2: one correct rollout, too few to measure.
                        rollout(2, 0, "1+2", "1+2", true, {1, 0, 0}), rollout(2, 1, "2", "2", false, {0, 1, 0})};
        w.writeStep(rec);
        RunInfo b = a;
        b.name = "ngram";
        b.configJson =
            gcpo::rl::toJson(gcpo::rl::resolveRunConfig(nlohmann::json{{"gcpo", {{"embedding", "ngram-hash"}}}})).dump();
        m_ngram = w.createRun(b);
        StepRecord r2;
        r2.runId = m_ngram;
        r2.step = 1;
        r2.groups = {{0, "countdown 3 5 9 -> 17\n", "countdown", "c/2", 1.0, 0.0, 2, 0.0, true}};
        r2.rollouts = {rollout(0, 0, "3+5+9", "3+5+9", true, {0.5f, 0.5f}),
                       rollout(0, 1, "3 + 5 + 9", "3+5+9", true, {0.5f, 0.6f})};
        w.writeStep(r2);
    }

    void everyBackendOnEveryRun() {
        const Result r = run({"embeddings", "--db", m_db, "--format", "json"});
        QVERIFY2(r.code == 0, r.err.constData());
        // canonical-answer: the verifier's count exactly, in all 3 measurable groups.
        const QJsonObject canon = summaries(r.out, "canonical-answer");
        QCOMPARE(canon["all"].toObject()["groups"].toInt(), 3);
        QCOMPARE(canon["all"].toObject()["exact_match_rate"].toDouble(), 1.0);
        QCOMPARE(canon["countdown"].toObject()["groups"].toInt(), 2);
        QCOMPARE(canon["countdown"].toObject()["mean_verifier_distinct"].toDouble(), 1.5);  // (2 + 1) / 2
        QCOMPARE(canon["sum-decomposition"].toObject()["mean_kernel_clusters"].toDouble(), 2.0);
        // ngram-hash: every reordering and spacing is a cluster of its own.
        const QJsonObject ngram = summaries(r.out, "ngram-hash");
        QCOMPARE(ngram["all"].toObject()["exact_match_rate"].toDouble(), 0.0);
        QCOMPARE(ngram["countdown"].toObject()["mean_kernel_clusters"].toDouble(), 2.5);  // (3 + 2) / 2
        // policy-hidden: only run 1 stored hidden states; it merges group 0's two solutions.
        const QJsonObject hidden = summaries(r.out, "policy-hidden");
        QCOMPARE(hidden["all"].toObject()["groups"].toInt(), 2);
        QCOMPARE(hidden["countdown"].toObject()["mean_kernel_clusters"].toDouble(), 1.0);
        QCOMPARE(hidden["sum-decomposition"].toObject()["mean_kernel_clusters"].toDouble(), 2.0);
        QVERIFY(hidden["skipped_runs"].toObject()[QString::number(m_ngram)].toString().contains("ngram-hash"));
        // Centred over group 0 (the wrong answer included), the near-collinear pair separates.
        const QJsonObject centred = summaries(r.out, "policy-hidden-centred");
        QCOMPARE(centred["all"].toObject()["groups"].toInt(), 2);
        QCOMPARE(centred["countdown"].toObject()["mean_kernel_clusters"].toDouble(), 2.0);
    }

    void textOutputAndOneRun() {
        const Result r = run({"embeddings", "--db", m_db, "--run", QString::number(m_ngram), "--backend", "policy-hidden",
                              "--backend", "canonical-answer"});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.contains("canonical-answer"));
        QVERIFY(r.out.contains("note: policy-hidden: no group to measure"));
        QVERIFY(r.out.contains("policy hidden states need the model"));
    }

    void reportPerFamily() {
        // Two finished runs, one seed, evaluated on a countdown and a sum-decomposition prompt.
        const QString db = m_dir.filePath("report.sqlite");
        {
            RunStore w(db.toStdString(), RunStore::Mode::Write);
            const int correctOf[2][2] = {{1, 4}, {2, 4}};  // [run][prompt]: correct samples of 4
            const char* answers[2][2][4] = {{{"a", "b", "c", "d"}, {"x", "y", "x", "y"}},
                                            {{"a", "b", "c", "d"}, {"x", "x", "x", "x"}}};
            for (int run = 0; run < 2; ++run) {
                RunInfo info;
                info.name = run ? "gcpo" : "grpo";
                info.algorithm = info.name;
                info.seed = 1;
                const int64_t id = w.createRun(info);
                StepRecord rec;
                rec.runId = id;
                rec.step = 2;
                rec.evals = {{"pass@1", 0.0}, {"pass@2", 0.0}};
                const char* tasks[2] = {"countdown/test/s0/0", "sum-decomposition/test/s0/1"};
                for (int p = 0; p < 2; ++p)
                    for (int k = 0; k < 4; ++k)
                        rec.evalSamples.push_back(
                            {p, tasks[p], "prompt", k, "c", answers[run][p][k], answers[run][p][k], k < correctOf[run][p]});
                w.writeStep(rec);
                w.setStatus(id, RunStatus::Finished);
            }
        }
        const Result r = run({"report", "--db", db, "--by-algorithm", "--per-family", "--format", "json"});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject arms = QJsonDocument::fromJson(r.out).object()["arms"].toObject();
        auto mean = [&](const char* arm, const char* metric) {
            return arms[arm].toObject()[metric].toObject()["mean"].toDouble();
        };
        QCOMPARE(mean("grpo", "countdown/pass@1"), 0.25);
        QCOMPARE(mean("grpo", "countdown/pass@2"), 0.5);  // 1 - C(3,2)/C(4,2)
        QCOMPARE(mean("gcpo", "countdown/pass@1"), 0.5);
        QCOMPARE(mean("gcpo", "countdown/distinct_correct"), 2.0);
        QCOMPARE(mean("grpo", "sum-decomposition/pass@2"), 1.0);
        QCOMPARE(mean("grpo", "sum-decomposition/distinct_correct"), 2.0);
        QCOMPARE(mean("gcpo", "sum-decomposition/distinct_correct"), 1.0);
        // Without the flag the report is as before.
        const Result plain = run({"report", "--db", db, "--by-algorithm", "--format", "json"});
        QCOMPARE(plain.code, 0);
        const QJsonObject plainArms = QJsonDocument::fromJson(plain.out).object()["arms"].toObject();
        QVERIFY(plainArms["grpo"].toObject().contains("pass@1"));
        QVERIFY(!plainArms["grpo"].toObject().contains("countdown/pass@1"));
    }

    // gcpo.game_reward = correct and gcpo.embedding = canonical-answer through the real trainer, from
    // the shipped SFT warm-up (real answers, right and wrong), checked on what the run stored.
    void trainsOnCorrectnessWithCanonicalAnswers() {
        const QString db = m_dir.filePath("train.sqlite");
        const QString config = QString::fromUtf8(qgetenv("GCPO_RESOURCES")) + "/presets/gcpo.json";
        const Result r = run({"run", "--config", config, "--db", db, "--steps", "2", "--seed", "3", "--set", "threads=1", "--set",
                              "eval.every=0", "--set", "gcpo.game_reward=correct", "--set", "gcpo.embedding=canonical-answer"});
        QVERIFY2(r.code == 0, r.err.constData());
        const RunStore s(db.toStdString(), RunStore::Mode::Read);
        const RunInfo info = s.listRuns().back();
        QCOMPARE(QString::fromStdString(nlohmann::json::parse(info.configJson)["gcpo"]["game_reward"].get<std::string>()),
                 QString("correct"));
        int allWrong = 0, mixed = 0;
        for (int64_t step : {1, 2}) {
            const auto groups = s.groups(info.id, step);
            const auto rollouts = s.rollouts(info.id, step);
            for (const auto& g : groups) {
                std::vector<const RolloutRecord*> rs;
                for (const auto& x : rollouts)
                    if (x.groupIndex == g.groupIndex) rs.push_back(&x);
                double creditSum = 0;
                for (const auto* x : rs) {
                    creditSum += x->gcpoCredit;
                    if (!x->correct) QCOMPARE(x->gcpoCredit, 0.0);  // wrong answers add no volume
                    for (const auto* y : rs)                        // one vector per canonical answer
                        if (x->canonicalAnswer == y->canonicalAnswer) QVERIFY(x->embedding == y->embedding);
                }
                QVERIFY(std::abs(creditSum - g.teamCoverage) < 1e-6);  // efficiency (float32 storage aside)
                if (g.correctCount == 0) {
                    ++allWrong;  // no credit: the advantage is GRPO's, i.e. only the format shaping
                    for (const auto* x : rs) QVERIFY(std::abs(x->advantageUsed - x->grpoAdvantage) < 1e-9);
                } else if (g.correctCount < static_cast<int>(rs.size())) {
                    ++mixed;
                }
            }
        }
        QVERIFY2(allWrong + mixed > 0, "the warm-up should produce wrong answers in some groups");
    }

    // Each start of gcpo-train loads LibTorch (about 1 s): a few representative refusals only.
    void badInput() {
        QCOMPARE(run({"embeddings", "--db", m_db, "--backend", "word2vec"}).code, 2);
        QCOMPARE(run({"embeddings", "--db", m_db, "--run", "99"}).code, 2);
        QFile text(m_dir.filePath("text.sqlite"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("not a database\n");
        text.close();
        const Result refused = run({"embeddings", "--db", text.fileName()});
        QCOMPARE(refused.code, 2);
        QVERIFY2(refused.err.contains("not a GCPO run database"), refused.err.constData());
        QVERIFY(!QFile::exists(text.fileName() + "-wal") && !QFile::exists(text.fileName() + "-shm"));
        QCOMPARE(QFileInfo(text.fileName()).size(), qint64(15));  // never modified
    }
};

QTEST_GUILESS_MAIN(TestCliEmbeddings)
#include "test_cli_embeddings.moc"
