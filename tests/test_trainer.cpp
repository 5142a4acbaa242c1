// Trainer tests on CPU: every algorithm runs end to end into the store; an interrupted and resumed
// run reproduces the uninterrupted run step for step; a non-finite loss fails the run cleanly.
#include <QtTest>

#include <atomic>
#include <cmath>
#include <map>

#pragma push_macro("slots")
#undef slots
#include <torch/torch.h>
#pragma pop_macro("slots")

#include "model/checkpoint.h"
#include "rl/trainer.h"
#include "store/run_store.h"
#include "util/torch_runtime.h"

using nlohmann::json;
using namespace gcpo;

namespace {

json tinyConfig(const std::string& algorithm, const std::string& embedding = "ngram-hash") {
    return json{{"name", "tiny-" + algorithm},
                {"algorithm", algorithm},
                {"seed", 3},
                {"steps", 4},
                {"device", "cpu"},
                {"model", {{"init", "scratch"}}},
                {"sampling", {{"prompts_per_step", 2}, {"group_size", 4}, {"max_new_tokens", 8}}},
                {"gcpo", {{"embedding", embedding}, {"ngram_dim", 64}}},
                {"eval", {{"every", 2}, {"prompts", 3}, {"samples", 4}, {"k", {1, 2, 4}}}},
                {"checkpoint", {{"every", 2}}}};
}

using Series = std::map<std::pair<int64_t, std::string>, double>;

Series metricsOf(const std::string& db, int64_t run) {
    store::RunStore s(db, store::RunStore::Mode::Read);
    Series out;
    for (const auto& m : s.metricsSince(run, -1))
        if (m.key.rfind("time/", 0) != 0 && m.key != "step_time") out[{m.step, m.key}] = m.value;
    for (const auto& e : s.evals(run)) out[{e.step, "eval/" + e.metric}] = e.value;
    return out;
}

}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { setTorchThreads(1); }

    void everyAlgorithmRunsEndToEnd_data() {
        QTest::addColumn<QString>("algorithm");
        QTest::addColumn<QString>("embedding");
        for (const char* a : {"gcpo", "grpo", "dr_grpo", "dapo", "grpo_entropy", "grpo_diversity_bonus"})
            QTest::newRow(a) << a << "ngram-hash";
        QTest::newRow("gcpo-policy-hidden") << "gcpo" << "policy-hidden";
    }
    void everyAlgorithmRunsEndToEnd() {
        QFETCH(QString, algorithm);
        QFETCH(QString, embedding);
        const std::string db = m_dir.filePath("algos.sqlite").toStdString();
        rl::TrainerOptions opt;
        opt.dbPath = db;
        int steps = 0;
        opt.onProgress = [&](const rl::TrainerProgress& p) { steps += p.phase == "step"; };
        json cfg = tinyConfig(algorithm.toStdString(), embedding.toStdString());
        if (algorithm == "gcpo") cfg["algo"] = {{"kl_coef", 0.05}};  // exercises the reference policy
        int64_t id = 0;
        QCOMPARE(rl::runTraining(cfg, opt, &id), rl::kTrainOk);
        QCOMPARE(steps, 4);
        store::RunStore s(db, store::RunStore::Mode::Read);
        const store::RunInfo info = s.runInfo(id);
        QCOMPARE(store::toString(info.status), store::toString(store::RunStatus::Finished));
        QCOMPARE(s.maxStep(id), int64_t(4));
        const json stored = json::parse(info.configJson);
        QCOMPARE(stored["algo"]["loss_agg"].get<std::string>(),
                 std::string(algorithm == "dapo" ? "token-mean" : algorithm == "dr_grpo" ? "seq-mean-token-sum-norm" : "seq-mean-token-mean"));
        const auto groups = s.groups(id, 1);
        QCOMPARE(groups.size(), size_t(2));
        const auto rollouts = s.rollouts(id, 1);
        QCOMPARE(rollouts.size(), size_t(8));
        double creditSum = 0;
        for (const auto& r : rollouts) {
            QVERIFY(!r.embedding.empty());
            QVERIFY(std::isfinite(r.advantageUsed));
            if (r.groupIndex == 0) creditSum += r.gcpoCredit;
        }
        QVERIFY(std::abs(creditSum - groups[0].teamCoverage) < 1e-6);  // efficiency, as stored
        QVERIFY(!s.evalSamples(id, 2).empty());
        QCOMPARE(s.evalSamples(id, 2).size(), size_t(12));
        QCOMPARE(s.checkpoints(id).back().step, int64_t(4));
        bool sawKey = false;
        for (const auto& k : s.metricKeys(id)) sawKey = sawKey || k == "frac_reward_zero_std";
        QVERIFY(sawKey);
    }

    void interruptedAndResumedEqualsUninterrupted() {
        const std::string dbA = m_dir.filePath("straight.sqlite").toStdString();
        const std::string dbB = m_dir.filePath("resumed.sqlite").toStdString();
        json cfg = tinyConfig("gcpo");
        cfg["steps"] = 5;
        rl::TrainerOptions a;
        a.dbPath = dbA;
        int64_t idA = 0;
        QCOMPARE(rl::runTraining(cfg, a, &idA), rl::kTrainOk);

        std::atomic<bool> stop{false};
        rl::TrainerOptions b;
        b.dbPath = dbB;
        b.stop = &stop;
        b.onProgress = [&](const rl::TrainerProgress& p) {
            if (p.phase == "step" && p.step == 3) stop = true;  // stop after step 3 (checkpoint at 2)
        };
        int64_t idB = 0;
        QCOMPARE(rl::runTraining(cfg, b, &idB), rl::kTrainInterrupted);
        {
            store::RunStore s(dbB, store::RunStore::Mode::Read);
            QCOMPARE(store::toString(s.runInfo(idB).status), store::toString(store::RunStatus::Interrupted));
            QCOMPARE(s.maxStep(idB), int64_t(3));
            QCOMPARE(s.checkpoints(idB).back().step, int64_t(3));  // interruption checkpoints the last step
        }
        stop = false;
        b.onProgress = nullptr;
        QCOMPARE(rl::resumeTraining(idB, b), rl::kTrainOk);
        const Series sa = metricsOf(dbA, idA), sb = metricsOf(dbB, idB);
        QCOMPARE(sa.size(), sb.size());
        for (const auto& [k, v] : sa) {
            QVERIFY2(sb.count(k), k.second.c_str());
            QVERIFY2(std::abs(sb.at(k) - v) <= 1e-9 * std::max(1.0, std::abs(v)),
                     qPrintable(QString("step %1 %2: %3 vs %4").arg(k.first).arg(QString::fromStdString(k.second)).arg(v).arg(sb.at(k))));
        }
    }

    void nonFiniteLossFailsTheRun() {
        // A policy whose output layer norm holds NaN: its first loss is NaN.
        const std::string ckpt = m_dir.filePath("nan-policy").toStdString();
        model::ModelConfig mc;
        mc.layers = 1;
        mc.dModel = 32;
        mc.heads = 2;
        model::Tokenizer tok;
        mc.vocabSize = tok.vocabSize();
        model::Transformer m(mc);
        {
            torch::NoGradGuard ng;
            m->lnF->weight.fill_(std::numeric_limits<float>::quiet_NaN());
        }
        model::CheckpointInfo info;
        info.model = mc;
        info.tokenizer = tok;
        model::saveCheckpoint(ckpt, m, tok, nullptr, info);
        json cfg = tinyConfig("grpo");
        cfg["model"] = {{"init", "checkpoint"}, {"checkpoint", ckpt}};
        cfg["eval"]["every"] = 0;
        rl::TrainerOptions opt;
        opt.dbPath = m_dir.filePath("nan.sqlite").toStdString();
        int64_t id = 0;
        QCOMPARE(rl::runTraining(cfg, opt, &id), rl::kTrainFailed);
        store::RunStore s(opt.dbPath, store::RunStore::Mode::Read);
        const store::RunInfo r = s.runInfo(id);
        QCOMPARE(store::toString(r.status), store::toString(store::RunStatus::Failed));
        QVERIFY2(QString::fromStdString(r.message).contains("step 1"), r.message.c_str());
        QVERIFY2(QString::fromStdString(r.message).contains("NaN"), r.message.c_str());
        QCOMPARE(s.maxStep(id), int64_t(-1));  // nothing of the failed step was written
    }

    void invalidConfigWritesNothing() {
        const QString db = m_dir.filePath("never.sqlite");
        rl::TrainerOptions opt;
        opt.dbPath = db.toStdString();
        json cfg = tinyConfig("grpo");
        cfg["sampling"]["group_size"] = 1;
        cfg["eval"]["k"] = {1, 64};
        try {
            rl::runTraining(cfg, opt);
            QFAIL("invalid config accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY(QString(e.what()).contains("sampling.group_size"));
            QVERIFY(QString(e.what()).contains("eval.k"));
        }
        QVERIFY(!QFile::exists(db));
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "test_trainer.moc"
