// Trainer tests on CPU: the clipped-surrogate loss against hand-computed values; micro-batched
// gradients equal full-batch gradients; every algorithm runs end to end into the store; an
// interrupted and resumed run reproduces the uninterrupted run step for step; a non-finite loss
// fails the run cleanly.
#include <QtTest>

#include <atomic>
#include <cmath>
#include <map>

#pragma push_macro("slots")
#undef slots
#include <torch/torch.h>
#pragma pop_macro("slots")

#include "model/checkpoint.h"
#include "rl/policy_loss.h"
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
                {"threads", 1},
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

// The loss case (R = 4 rows, N = 3 slots, ε_low = 0.2, ε_high = 0.28), ratios chosen so that each
// clip side binds once and is bypassed once:
//   row 0: A =  1,   r = (1.5, 0.9)       1.5 clipped to 1.28 (high side, counted)
//   row 1: A = -0.5, r = (0.7)            0.7 clipped to 0.8  (low side, counted)
//   row 2: A = -0.5, r = (1.5, 1.1, 1.0)  1.5 not clipped: min(rA, clip(r)A) keeps -0.75
//   row 3: A =  1,   r = (0.5)            0.5 not clipped: min keeps 0.5
// Per-token surrogate -min(rA, clip(r)A): row 0 (-1.28, -0.9), row 1 (0.4), row 2 (0.75, 0.55,
// 0.5), row 3 (-0.5).
struct LossCase {
    torch::Tensor logp, old, ref, entropy, adv, mask;  // (R, N) and adv (R)
    std::vector<std::vector<double>> lp, rf, en, mk;   // the same values on the host
    std::vector<double> a;
};

LossCase lossCase() {
    const std::vector<std::vector<double>> ratio = {{1.5, 0.9, 1.0}, {0.7, 1.0, 1.0}, {1.5, 1.1, 1.0}, {0.5, 1.0, 1.0}};
    LossCase c;
    c.mk = {{1, 1, 0}, {1, 0, 0}, {1, 1, 1}, {1, 0, 0}};
    c.a = {1.0, -0.5, -0.5, 1.0};
    for (int r = 0; r < 4; ++r) {
        c.lp.push_back({});
        c.rf.push_back({});
        c.en.push_back({});
        for (int n = 0; n < 3; ++n) {
            c.lp[r].push_back(std::log(ratio[r][n]) - 1.0 - 0.1 * n);  // old log-prob: -1 - 0.1 n
            c.rf[r].push_back(-0.8 - 0.05 * r - 0.2 * n);
            c.en[r].push_back(0.3 + 0.1 * r + 0.05 * n);
        }
    }
    auto t = [](const std::vector<std::vector<double>>& v) {
        torch::Tensor out = torch::empty({4, 3}, torch::kDouble);  // (R, N)
        for (int r = 0; r < 4; ++r)
            for (int n = 0; n < 3; ++n) out[r][n] = v[r][n];
        return out;
    };
    c.logp = t(c.lp);
    c.old = c.logp - t({{std::log(1.5), std::log(0.9), 0.0},
                        {std::log(0.7), 0.0, 0.0},
                        {std::log(1.5), std::log(1.1), 0.0},
                        {std::log(0.5), 0.0, 0.0}});
    c.ref = t(c.rf);
    c.entropy = t(c.en);
    c.mask = t(c.mk);
    c.adv = torch::tensor(c.a, torch::kDouble);  // (R)
    return c;
}

double value(const torch::Tensor& t) { return t.item<double>(); }

}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { setTorchThreads(1); }

    void policyLossMatchesHandComputedValues_data() {
        QTest::addColumn<int>("aggregation");
        QTest::addColumn<double>("expected");  // surrogate only (β = 0, no entropy bonus)
        // token-mean: Σ / 7 tokens; seq-mean-token-mean: mean over 4 rows of each row's mean;
        // seq-mean-token-sum-norm: Σ / (4 rows x 3 max new tokens).
        const double sum = -1.28 - 0.9 + 0.4 + 0.75 + 0.55 + 0.5 - 0.5;  // -0.48
        QTest::newRow("token-mean") << int(rl::LossAggregation::TokenMean) << sum / 7.0;
        QTest::newRow("seq-mean-token-mean")
            << int(rl::LossAggregation::SeqMeanTokenMean) << (-2.18 / 2.0 + 0.4 + 1.8 / 3.0 - 0.5) / 4.0;
        QTest::newRow("seq-mean-token-sum-norm") << int(rl::LossAggregation::SeqMeanTokenSumNorm) << sum / 12.0;
    }
    void policyLossMatchesHandComputedValues() {
        QFETCH(int, aggregation);
        QFETCH(double, expected);
        const LossCase c = lossCase();
        rl::LossSettings s;
        s.clipLow = 0.2;
        s.clipHigh = 0.28;
        s.aggregation = static_cast<rl::LossAggregation>(aggregation);
        s.maxNewTokens = 3;
        const rl::LossNorm norm{7.0, 4.0};
        const rl::LossTerms t = rl::policyLoss(c.logp, c.old, torch::Tensor(), torch::Tensor(), c.adv, c.mask, s, norm);
        QVERIFY2(std::abs(value(t.loss) - expected) < 1e-12, qPrintable(QString("%1 vs %2").arg(value(t.loss)).arg(expected)));
        QCOMPARE(value(t.clipHighSum), 1.0);  // row 0's 1.5 (A > 0); row 2's 1.5 has A < 0
        QCOMPARE(value(t.clipLowSum), 1.0);   // row 1's 0.7 (A < 0); row 3's 0.5 has A > 0
        QCOMPARE(value(t.klSum), 0.0);
        // The gradient reaches only unclipped tokens: d/dlogp of -rA is -rA where not clipped.
        torch::Tensor lp = c.logp.clone().set_requires_grad(true);
        s.aggregation = rl::LossAggregation::TokenMean;
        rl::policyLoss(lp, c.old, torch::Tensor(), torch::Tensor(), c.adv, c.mask, s, norm).loss.backward();
        const auto g = lp.grad();
        QCOMPARE(value(g[0][0]), 0.0);  // clipped high
        QVERIFY(std::abs(value(g[0][1]) - (-0.9 / 7.0)) < 1e-12);
        QCOMPARE(value(g[1][0]), 0.0);                             // clipped low
        QVERIFY(std::abs(value(g[2][0]) - (0.75 / 7.0)) < 1e-12);  // pessimistic side: unclipped
        QVERIFY(std::abs(value(g[3][0]) - (-0.5 / 7.0)) < 1e-12);
        QCOMPARE(value(g[0][2]), 0.0);  // masked
    }

    void policyLossKlEstimatorsAndEntropy_data() {
        QTest::addColumn<int>("estimator");
        QTest::newRow("k1") << int(rl::KlEstimator::K1);
        QTest::newRow("k2") << int(rl::KlEstimator::K2);
        QTest::newRow("k3") << int(rl::KlEstimator::K3);
    }
    void policyLossKlEstimatorsAndEntropy() {
        QFETCH(int, estimator);
        const LossCase c = lossCase();
        rl::LossSettings s;
        s.clipLow = 0.2;
        s.clipHigh = 0.28;
        s.aggregation = rl::LossAggregation::TokenMean;
        s.klCoef = 0.3;
        s.klEstimator = static_cast<rl::KlEstimator>(estimator);
        s.entropyCoef = 0.05;
        const rl::LossNorm norm{7.0, 4.0};
        const rl::LossTerms t = rl::policyLoss(c.logp, c.old, c.ref, c.entropy, c.adv, c.mask, s, norm);
        // Reference on the host: d = log π_ref - log π; k1 = -d, k2 = d²/2, k3 = e^d - d - 1.
        const double surrogate[4][3] = {{-1.28, -0.9, 0}, {0.4, 0, 0}, {0.75, 0.55, 0.5}, {-0.5, 0, 0}};
        double klSum = 0, entSum = 0, loss = 0;
        for (int r = 0; r < 4; ++r)
            for (int n = 0; n < 3; ++n) {
                if (c.mk[r][n] == 0) continue;
                const double d = c.rf[r][n] - c.lp[r][n];
                const double kl = estimator == int(rl::KlEstimator::K1)   ? -d
                                  : estimator == int(rl::KlEstimator::K2) ? 0.5 * d * d
                                                                          : std::exp(d) - d - 1.0;
                klSum += kl;
                entSum += c.en[r][n];
                loss += surrogate[r][n] + 0.3 * kl - 0.05 * c.en[r][n];
            }
        QVERIFY2(std::abs(value(t.klSum) - klSum) < 1e-12, qPrintable(QString::number(value(t.klSum))));
        QVERIFY(std::abs(value(t.entropySum) - entSum) < 1e-12);
        QVERIFY2(std::abs(value(t.loss) - loss / 7.0) < 1e-12,
                 qPrintable(QString("%1 vs %2").arg(value(t.loss)).arg(loss / 7.0)));
    }

    void microBatchedGradientsEqualFullBatch() {
        // The RL update scores the rows in micro-batches and normalises each share by the whole
        // step's token and row counts, so the accumulated gradient equals the full batch's.
        torch::manual_seed(5);
        model::ModelConfig mc;
        mc.layers = 2;
        mc.dModel = 32;
        mc.heads = 2;
        mc.vocabSize = model::Tokenizer().vocabSize();
        model::Transformer m(mc);
        const int64_t R = 7, P = 4, N = 6;
        const torch::Tensor seq = torch::randint(4, mc.vocabSize, {R, P + N}, torch::kLong);  // (R, P + N)
        torch::Tensor valid = torch::ones({R, P + N}, torch::kBool);                          // (R, P + N)
        valid.index_put_({0, torch::indexing::Slice(0, 2)}, false);                           // left padding
        torch::Tensor mask = torch::ones({R, N});                                             // (R, N)
        mask.index_put_({1, torch::indexing::Slice(3, N)}, 0.0);                              // early EOS
        mask.index_put_({4, torch::indexing::Slice(1, N)}, 0.0);
        const torch::Tensor adv = torch::randn({R});  // (R)
        torch::Tensor old;                            // (R, N)
        {
            torch::NoGradGuard ng;
            old = model::scoreTokens(m, seq, valid).logprobs.slice(1, P, P + N) + 0.1 * torch::randn({R, N});
        }
        const torch::Tensor ref = old - 0.05;  // (R, N)
        for (auto agg :
             {rl::LossAggregation::TokenMean, rl::LossAggregation::SeqMeanTokenMean, rl::LossAggregation::SeqMeanTokenSumNorm}) {
            rl::LossSettings s;
            s.aggregation = agg;
            s.klCoef = 0.1;
            s.entropyCoef = 0.01;
            s.maxNewTokens = N;
            const rl::LossNorm norm{mask.sum().item<double>(), double(R)};
            auto gradients = [&](int64_t mb) {
                m->zero_grad();
                double loss = 0;
                for (int64_t first = 0; first < R; first += mb) {
                    const int64_t last = std::min(R, first + mb);
                    const auto sc = model::scoreTokens(m, seq.slice(0, first, last), valid.slice(0, first, last), true);
                    const auto t = rl::policyLoss(sc.logprobs.slice(1, P, P + N), old.slice(0, first, last),
                                                  ref.slice(0, first, last), sc.entropy.slice(1, P, P + N),
                                                  adv.slice(0, first, last), mask.slice(0, first, last), s, norm);
                    t.loss.backward();
                    loss += t.loss.item<double>();
                }
                std::vector<torch::Tensor> g;
                for (const auto& p : m->parameters()) g.push_back(p.grad().clone());
                return std::make_pair(loss, g);
            };
            const auto [fullLoss, full] = gradients(R);
            const auto [microLoss, micro] = gradients(3);  // 3 + 3 + 1 rows
            QVERIFY(std::abs(fullLoss - microLoss) < 1e-5 * std::max(1.0, std::abs(fullLoss)));
            double maxDiff = 0, maxAbs = 0;
            for (size_t i = 0; i < full.size(); ++i) {
                maxDiff = std::max(maxDiff, (full[i] - micro[i]).abs().max().item<double>());
                maxAbs = std::max(maxAbs, full[i].abs().max().item<double>());
            }
            QVERIFY(maxAbs > 0);
            QVERIFY2(maxDiff <= 1e-5 * maxAbs, qPrintable(QString("max |Δgrad| %1 of %2").arg(maxDiff).arg(maxAbs)));
        }
    }

    void everyAlgorithmRunsEndToEnd_data() {
        QTest::addColumn<QString>("algorithm");
        QTest::addColumn<QString>("embedding");
        for (const char* a : {"gcpo", "grpo", "dr_grpo", "dapo", "grpo_entropy", "grpo_diversity_bonus"})
            QTest::newRow(a) << a << "ngram-hash";
        QTest::newRow("gcpo-policy-hidden") << "gcpo"
                                            << "policy-hidden";
    }
    void everyAlgorithmRunsEndToEnd() {
        QFETCH(QString, algorithm);
        QFETCH(QString, embedding);
        const std::string db = m_dir.filePath("algos.sqlite").toStdString();
        rl::TrainerOptions opt;
        opt.dbPath = db;
        int steps = 0;
        opt.onProgress = [&](const rl::TrainerProgress& p) { steps += p.phase == RunPhase::Step; };
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
        QCOMPARE(stored["algo"]["loss_agg"].get<std::string>(), std::string(algorithm == "dapo"      ? "token-mean"
                                                                            : algorithm == "dr_grpo" ? "seq-mean-token-sum-norm"
                                                                                                     : "seq-mean-token-mean"));
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

    void evalDiversityIsMeasuredInOneEmbedding() {
        // GRPO does not train on the embedding (it only monitors the coverage game), so runs that
        // differ only in gcpo.embedding sample the same completions; their evaluations, Vendi and
        // pairwise distance of the correct samples included, must then be equal. Evaluated with
        // the training embedding they were not (canonical answers are orthogonal vectors).
        const char* res = std::getenv("GCPO_RESOURCES");
        QVERIFY2(res, "GCPO_RESOURCES is not set");
        std::vector<Series> evals;
        for (const char* embedding : {"ngram-hash", "canonical-answer", "policy-hidden"}) {
            const std::string db = m_dir.filePath(QStringLiteral("evalemb-%1.sqlite").arg(embedding)).toStdString();
            json cfg = tinyConfig("grpo", embedding);
            cfg["model"] = {{"init", "sft"}};  // the shipped warm-up: some correct samples to measure
            cfg["steps"] = 1;
            cfg["sampling"]["max_new_tokens"] = 40;  // room for an answer
            cfg["eval"] = {{"every", 1}, {"prompts", 8}, {"samples", 8}, {"k", {1, 8}}};
            rl::TrainerOptions opt;
            opt.dbPath = db;
            opt.resourcesDir = res;
            int64_t id = 0;
            QCOMPARE(rl::runTraining(cfg, opt, &id), rl::kTrainOk);
            Series e;
            for (const auto& [key, v] : metricsOf(db, id))
                if (key.second.rfind("eval/", 0) == 0) e[key] = v;
            QVERIFY2(e.count({0, "eval/vendi"}) && e.count({1, "eval/vendi"}), "no correct sample to measure");
            evals.push_back(e);
        }
        for (size_t i = 1; i < evals.size(); ++i) {
            QCOMPARE(evals[i].size(), evals[0].size());
            for (const auto& [key, v] : evals[0])
                QVERIFY2(
                    std::abs(evals[i].at(key) - v) < 1e-12,
                    qPrintable(
                        QString("%1 at step %2: %3 vs %4").arg(key.second.c_str()).arg(key.first).arg(evals[i].at(key)).arg(v)));
        }
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
            if (p.phase == RunPhase::Step && p.step == 3) stop = true;  // stop after step 3 (checkpoint at 2)
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
            QVERIFY2(
                std::abs(sb.at(k) - v) <= 1e-9 * std::max(1.0, std::abs(v)),
                qPrintable(
                    QString("step %1 %2: %3 vs %4").arg(k.first).arg(QString::fromStdString(k.second)).arg(v).arg(sb.at(k))));
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
