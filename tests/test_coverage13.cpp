// Unit tests of issue 13's fidelity and embedding work: the coverage game on correctness
// (gcpo.game_reward), canonical answers of every built-in family, the canonical-answer and
// group-centred embeddings, and the kernel-vs-verifier agreement statistics. References: closed-form
// log-determinants, hand-ranked Spearman values, and the pre-change GCPO formula (computeCredit).
#include <QtTest>

#include <cmath>
#include <set>

#include "rl/advantage.h"
#include "rl/answer_embedding.h"
#include "rl/embedding_agreement.h"
#include "rl/ngram_embedding.h"
#include "rl/run_config.h"
#include "stats/experiment_report.h"
#include "tasks/countdown.h"
#include "tasks/sum_decomposition.h"
#include "tasks/task.h"

using namespace gcpo;
using namespace gcpo::rl;

namespace {

double dot(const std::vector<double>& a, const std::vector<double>& b) {
    double s = 0;
    for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
    return s;
}

std::vector<double> concat(const std::vector<std::vector<double>>& rows) {
    std::vector<double> out;
    for (const auto& r : rows) out.insert(out.end(), r.begin(), r.end());
    return out;
}

AdvantageConfig gcpoConfig(bool onCorrectness, double w = 0.0) {
    AdvantageConfig cfg;
    cfg.algorithm = Algorithm::Gcpo;
    cfg.gameOnCorrectness = onCorrectness;
    cfg.credit.accuracyWeight = w;
    return cfg;
}

// The canonical form the family's verifier gives an answer ("" when unparseable).
std::string canonical(const tasks::TaskFamily& f, const tasks::Task& t, const std::string& answer) {
    return f.verify(t, "<answer>" + answer + "</answer>", tasks::RewardConfig{1.0, 0.1}).canonical;
}

}  // namespace

class TestCoverage13 : public QObject {
    Q_OBJECT

private slots:
    // ---- gcpo.game_reward ----------------------------------------------------------------------

    void configKey() {
        QVERIFY(defaultRunConfig().gcpo.gameReward == GameReward::Shaped);  // the default keeps old runs as they were
        const RunConfig c =
            resolveRunConfig(nlohmann::json::object(), {"gcpo.game_reward=correct", "gcpo.embedding=canonical-answer"});
        QVERIFY(c.gcpo.gameReward == GameReward::Correct);
        QVERIFY(c.gcpo.embedding == EmbeddingBackend::CanonicalAnswer);
        QVERIFY(advantageConfig(c).gameOnCorrectness);
        QVERIFY(!advantageConfig(defaultRunConfig()).gameOnCorrectness);
        QVERIFY(resolveRunConfig(toJson(c)).gcpo.gameReward == GameReward::Correct);  // round trip through the stored JSON
        QVERIFY(toJson(c)["gcpo"]["game_reward"] == "correct");
        QVERIFY(resolveRunConfig(nlohmann::json{{"gcpo", {{"embedding", "policy-hidden-centred"}}}}).gcpo.embedding ==
                EmbeddingBackend::PolicyHiddenCentred);
        for (const char* bad : {"gcpo.game_reward=reward", "gcpo.embedding=canonical"}) {
            try {
                resolveRunConfig(nlohmann::json::object(), {bad});
                QFAIL(bad);
            } catch (const std::invalid_argument& e) {
                QVERIFY2(QString(e.what()).contains(QString(bad).section('=', 0, 0) + ": expected one of"), e.what());
            }
        }
        QVERIFY(algorithmUsesField(Algorithm::Gcpo, "gcpo.game_reward", true));
        QVERIFY(algorithmUsesField(Algorithm::Grpo, "gcpo.game_reward", true));    // monitored coverage
        QVERIFY(!algorithmUsesField(Algorithm::Grpo, "gcpo.game_reward", false));  // monitoring off
    }

    void allWrongGroupGetsNoAdvantageOnCorrectness() {
        // Four well-formatted wrong answers (reward 0.1 each), pairwise different embeddings.
        const std::vector<double> r(4, 0.1), c(4, 0.0);
        const std::vector<double> e = {1, 0, 1, 0, 0, 1, 0.6, 0.8};
        const GroupAdvantage on = groupAdvantage(r, e, 2, gcpoConfig(true), c);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(on.advantage[i], 0.0);
            QCOMPARE(on.credit[i], 0.0);
        }
        QCOMPARE(on.teamCoverage, 0.0);
        // shaped: the old behaviour, the same numbers as the pre-change formula.
        const GroupAdvantage off = groupAdvantage(r, e, 2, gcpoConfig(false), c);
        const CreditResult ref = computeCredit(r, e, 2, CreditConfig{});
        QCOMPARE(off.advantage, ref.advantage);
        QCOMPARE(off.credit, ref.credit);
        double largest = 0;
        for (double a : off.advantage) largest = std::max(largest, std::abs(a));
        // Credits of order 1e-4, normalised by their std + 1e-4: advantages of 0.22 where GRPO's are 0.
        QVERIFY2(largest > 0.1, "shaped: the tiny credits of wrong answers are group-normalised into sizeable advantages");
        for (double a : off.grpoAdvantage) QCOMPARE(a, 0.0);
        // The 4-argument call (no correctness) is the shaped game, unchanged.
        QCOMPARE(groupAdvantage(r, e, 2, gcpoConfig(false)).advantage, ref.advantage);
    }

    void distinctCorrectAnswerEarnsMoreAndCreditsAreEfficient() {
        // Rollouts 0, 1 identical correct; 2 a distinct correct answer; 3 a formatted wrong answer
        // whose embedding is orthogonal to all (shaped: it would add volume); 4 unformatted wrong.
        const std::vector<double> r = {1, 1, 1, 0.1, 0}, c = {1, 1, 1, 0, 0};
        const std::vector<double> emb = concat({{1, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.6, 0.8, 0}});
        for (double beta : {1.0, 0.5}) {
            AdvantageConfig cfg = gcpoConfig(true);
            cfg.credit.volumeScale = beta;
            const GroupAdvantage g = groupAdvantage(r, emb, 3, cfg, c);
            // Closed form of the game on the correct rollouts: the duplicates span one direction with
            // L = [[1,1],[1,1]] (det(I + βL) = 1 + 2β), the distinct one another: v = log(1+2β) + log(1+β).
            const double team = std::log(1 + 2 * beta) + std::log(1 + beta);
            QVERIFY(std::abs(g.teamCoverage - team) < 1e-12);
            double sum = 0;
            for (double x : g.credit) sum += x;
            QVERIFY(std::abs(sum - team) < 1e-12);  // efficiency
            QVERIFY(std::abs(g.credit[0] - 0.5 * std::log(1 + 2 * beta)) < 1e-12);
            QVERIFY(std::abs(g.credit[2] - std::log(1 + beta)) < 1e-12);
            QCOMPARE(g.credit[3], 0.0);  // wrong: no volume on correctness
            QCOMPARE(g.credit[4], 0.0);
            QVERIFY(g.credit[2] > g.credit[0]);
            QVERIFY(g.advantage[2] > g.advantage[0]);
            QCOMPARE(g.advantage[0], g.advantage[1]);
            // The shaping term by hand: s = (0, 0, 0, 0.1, 0), centred, over std r + eps.
            const std::vector<double> nphi = normalizeGroup(g.credit, true);
            const double sMean = 0.1 / 5, scale = 1.0 / (sampleStd(r) + kStdEpsilon);
            for (int i = 0; i < 5; ++i) {
                const double s = (i == 3 ? 0.1 : 0.0) - sMean;
                QVERIFY(std::abs(g.advantage[i] - (nphi[i] + s * scale)) < 1e-12);
            }
            QVERIFY(g.advantage[3] > g.advantage[4]);  // the formatted wrong answer still beats the unformatted one
            // On the shaped game the formatted wrong answer takes credit: the fidelity problem.
            const GroupAdvantage shaped = groupAdvantage(
                r, emb, 3,
                [&] {
                    AdvantageConfig s = gcpoConfig(false);
                    s.credit.volumeScale = beta;
                    return s;
                }(),
                c);
            QVERIFY(shaped.credit[3] > 0.0);
        }
    }

    void accuracyWeightOneIsGrpoAndDrGrpoCentresOnly() {
        const std::vector<double> r = {1, 0.1, 0, 1}, c = {1, 0, 0, 1};
        const std::vector<double> emb = concat({{1, 0}, {0, 1}, {0.6, 0.8}, {1, 0}});
        const GroupAdvantage g = groupAdvantage(r, emb, 2, gcpoConfig(true, 1.0), c);
        QCOMPARE(g.advantage, g.grpoAdvantage);
        AdvantageConfig dr = gcpoConfig(true);
        dr.credit.scaleByStd = false;
        const GroupAdvantage d = groupAdvantage(r, emb, 2, dr, c);
        const std::vector<double> centredPhi = normalizeGroup(d.credit, false);
        const double sMean = 0.1 / 4;
        for (int i = 0; i < 4; ++i) QVERIFY(std::abs(d.advantage[i] - (centredPhi[i] + (i == 1 ? 0.1 : 0.0) - sMean)) < 1e-12);
    }

    void correctnessIsRequiredOnCorrectness() {
        const std::vector<double> r = {1, 0}, e = {1, 0, 0, 1};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, groupAdvantage(r, e, 2, gcpoConfig(true)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, groupAdvantage(r, e, 2, gcpoConfig(true), {1, 2}));
        // Monitoring for GRPO plays the same game: coverage of the correct rollouts only.
        AdvantageConfig grpo = gcpoConfig(true);
        grpo.algorithm = Algorithm::Grpo;
        const GroupAdvantage g = groupAdvantage({1, 0.1}, e, 2, grpo, {1, 0});
        QVERIFY(std::abs(g.teamCoverage - std::log(2.0)) < 1e-12);
        QCOMPARE(g.advantage, g.grpoAdvantage);
    }

    // ---- canonical answers next to each verifier ------------------------------------------------

    void countdownCanonicalForms() {
        const auto f = tasks::makeFamily("countdown");
        const tasks::Task t = tasks::CountdownFamily::makeTask({2, 3, 4, 7}, 14, false);
        const std::string a = canonical(*f, t, "3*4+2");
        QVERIFY(!a.empty());
        for (const char* same : {"4*3+2", "2+3*4", " 2 + ( 3 * 4 ) ", "((2))+(4*3)", "2+(4*3)"})
            QCOMPARE(canonical(*f, t, same), a);
        const std::string b = canonical(*f, t, "(3+4)*2");
        for (const char* same : {"2*(4+3)", "2 * (3 + 4)", "((4+3))*2"}) QCOMPARE(canonical(*f, t, same), b);
        const std::string d = canonical(*f, t, "7*(4-2)");
        QCOMPARE(canonical(*f, t, "(4 - 2) * 7"), d);
        QCOMPARE(canonical(*f, t, "7*2"), canonical(*f, t, "2*7"));
        const std::set<std::string> distinct = {a, b, d, canonical(*f, t, "2*7")};
        QCOMPARE(distinct.size(), size_t(4));  // four different solutions stay four
        // Associativity: (3+5)+9, 3+(5+9) and 9+5+3 are one expression.
        const tasks::Task u = tasks::CountdownFamily::makeTask({3, 5, 9}, 17, true);
        const std::string s = canonical(*f, u, "3+5+9");
        for (const char* same : {"9+5+3", "(3+5)+9", "3+(5+9)", "9 +5+ 3"}) QCOMPARE(canonical(*f, u, same), s);
        QCOMPARE(canonical(*f, u, "3+5+"), std::string());  // unparseable: no canonical form
        QVERIFY(!canonical(*f, u, "3+5").empty());          // wrong but parseable: it has one
    }

    void sumDecompositionAndNumericCanonicalForms() {
        const auto sum = tasks::makeFamily("sum-decomposition");
        const tasks::Task t = tasks::SumDecompositionFamily::makeTask({1, 2, 4, 5, 9}, 3, 15);
        QCOMPARE(canonical(*sum, t, "9+5+1"), std::string("1+5+9"));
        QCOMPARE(canonical(*sum, t, " 1 + 5+ 9 "), std::string("1+5+9"));
        QCOMPARE(canonical(*sum, t, "5+9+1"), std::string("1+5+9"));
        QVERIFY(canonical(*sum, t, "2+4+9") != canonical(*sum, t, "1+5+9"));

        const auto arith = tasks::makeFamily("arithmetic");
        const tasks::Task a = arith->generate(tasks::Split::Train, 3, 0);
        const std::string gold = a.solutions.front();
        QCOMPARE(canonical(*arith, a, " " + gold + " "), gold);
        QCOMPARE(canonical(*arith, a, "+" + gold), gold.front() == '-' ? std::string() : gold);
        QCOMPARE(canonical(*arith, a, "1,234"), std::string("1234"));

        const auto lin = tasks::makeFamily("linear-equation");
        const tasks::Task l = lin->generate(tasks::Split::Train, 3, 0);
        const std::string x = canonical(*lin, l, "7");
        for (const char* same : {"x = 7", "x=7", "14/2", "7.0", " 7 "}) QCOMPARE(canonical(*lin, l, same), x);
        QVERIFY(canonical(*lin, l, "7/2") != x);
    }

    // ---- embeddings ----------------------------------------------------------------------------

    void canonicalAnswerEmbedding_() {
        const int dim = 512;
        const auto a = canonicalAnswerEmbedding("3+5+9", dim);
        QCOMPARE(a, canonicalAnswerEmbedding("3+5+9", dim));
        QVERIFY(std::abs(dot(a, a) - 1.0) < 1e-12);
        QCOMPARE(canonicalAnswerEmbedding("", dim), hashedKeyEmbedding(kNoAnswerKey, dim));
        // Near-orthogonal for different keys, including near-identical strings (where character
        // n-grams are close: compare ngram-hash).
        std::vector<std::vector<double>> v;
        for (int i = 0; i < 60; ++i) v.push_back(canonicalAnswerEmbedding("1+" + std::to_string(i) + "+9", dim));
        double worst = 0, sumAbs = 0;
        int pairs = 0;
        for (size_t i = 0; i < v.size(); ++i)
            for (size_t j = i + 1; j < v.size(); ++j) {
                const double c = std::abs(dot(v[i], v[j]));
                worst = std::max(worst, c);
                sumAbs += c;
                ++pairs;
            }
        QVERIFY2(worst < 0.25, qPrintable(QString::number(worst)));
        QVERIFY(sumAbs / pairs < 0.06);  // E|cos| = sqrt(2 / (π dim)) = 0.035
        QVERIFY(dot(ngramHashEmbedding("1+5+9", dim), ngramHashEmbedding("1+5+8", dim)) > 0.6);
        QVERIFY(std::abs(dot(canonicalAnswerEmbedding("1+5+9", dim), canonicalAnswerEmbedding("1+5+8", dim))) < 0.25);
    }

    void centredHiddenStates() {
        // Two groups of 3 rows in R^2: group 0 nearly collinear, group 1 all equal.
        std::vector<double> e = {10, 1, 10, 1.2, 10, 0.8, 3, 4, 3, 4, 3, 4};
        centreRowsPerGroup(e, 6, 2, 3);
        // Group 0: mean (10, 1); rows (0, 0), (0, 0.2), (0, -0.2) -> zero, (0, 1), (0, -1).
        QCOMPARE(e[0], 0.0);
        QCOMPARE(e[1], 0.0);
        QVERIFY(std::abs(e[3] - 1.0) < 1e-12 && std::abs(e[2]) < 1e-12);
        QVERIFY(std::abs(e[5] + 1.0) < 1e-12);
        for (int k = 6; k < 12; ++k) QCOMPARE(e[k], 0.0);  // equal to the mean: the zero vector
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, centreRowsPerGroup(e, 5, 2, 3));
    }

    // ---- agreement with the verifier -----------------------------------------------------------

    void spearmanAgainstHandRanks() {
        QVERIFY(std::abs(spearman({1, 2, 3, 4}, {1, 3, 2, 4}) - 0.8) < 1e-12);  // 1 - 6 Σd² / (n(n²-1))
        QVERIFY(std::abs(spearman({1, 2, 3, 4}, {40, 30, 20, 10}) + 1.0) < 1e-12);
        // Ties: x ranks (1.5, 1.5, 3), y ranks (1, 2, 3): Pearson of the ranks = 0.866...
        QVERIFY(std::abs(spearman({5, 5, 7}, {1, 2, 3}) - std::sqrt(3.0) / 2) < 1e-12);
        QVERIFY(std::isnan(spearman({1, 1, 1}, {1, 2, 3})));
        QVERIFY(std::isnan(spearman({1}, {1})));
    }

    void agreementOfCanonicalAndNgramBackends() {
        // Correct answers of one group: 3+5+9 three times (one reordered, one spaced) and 2*7 once.
        const std::vector<std::string> canon = {"3+5+9", "3+5+9", "3+5+9", "2*7"};
        const std::vector<std::string> text = {"<answer>3+5+9</answer>", "<answer>9+5+3</answer>", "<answer>3 + 5 + 9</answer>",
                                               "<answer>2*7</answer>"};
        std::vector<double> ce, ne;
        for (size_t i = 0; i < canon.size(); ++i) {
            const auto c = canonicalAnswerEmbedding(canon[i], 256), n = ngramHashEmbedding(text[i], 256);
            ce.insert(ce.end(), c.begin(), c.end());
            ne.insert(ne.end(), n.begin(), n.end());
        }
        const GroupAgreement c = groupAgreement("countdown", canon, ce, 256, 0.99);
        QCOMPARE(c.verifierDistinct, 2);
        QCOMPARE(c.kernelClusters, 2);
        // Verifier Vendi: frequencies (3/4, 1/4) -> exp(H).
        const double h = -(0.75 * std::log(0.75) + 0.25 * std::log(0.25));
        QVERIFY(std::abs(c.verifierVendi - std::exp(h)) < 1e-12);
        QVERIFY(std::abs(c.kernelVendi - c.verifierVendi) < 0.02);  // near-orthogonal, not exactly
        const GroupAgreement n = groupAgreement("countdown", canon, ne, 256, 0.99);
        QCOMPARE(n.kernelClusters, 4);  // reordering and spacing count as new solutions
        QVERIFY(std::abs(n.kernelVendi - n.verifierVendi) > std::abs(c.kernelVendi - c.verifierVendi));

        const GroupAgreement other{"sum-decomposition", 3, 3, 3.0, 2, 2.0};
        const auto s = summariseAgreement({c, n, other});
        QCOMPARE(s.size(), size_t(3));  // countdown, sum-decomposition, all
        QCOMPARE(s[0].family, std::string("countdown"));
        QCOMPARE(s[0].groups, 2);
        QCOMPARE(s[0].exactMatchRate, 0.5);
        QCOMPARE(s[0].meanKernelClusters, 3.0);
        QVERIFY(std::isnan(s[0].spearmanClusters));  // verifier distinct constant within countdown
        QCOMPARE(s[2].family, std::string("all"));
        QCOMPARE(s[2].groups, 3);
        QVERIFY(std::abs(s[2].exactMatchRate - 1.0 / 3) < 1e-12);
        // all: clusters (2, 4, 2) vs distinct (2, 2, 3)
        QVERIFY(std::abs(s[2].spearmanClusters - spearman({2, 4, 2}, {2, 2, 3})) < 1e-12);
        QVERIFY(summariseAgreement({}).empty());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, groupAgreement("x", {"a"}, {1.0}, 1, 0.99));
    }

    // ---- per-family eval metrics -----------------------------------------------------------------

    void familyEvalMetricsByHand() {
        using gcpo::store::PromptTally;
        // countdown: prompts with 1/4 and 3/4 correct; math: one prompt with n = 2 (pass@4 undefined).
        const std::vector<PromptTally> t = {
            {0, "countdown/test/s0/0", "p", 4, 1, 1}, {1, "countdown/test/s0/1", "p", 4, 3, 2}, {2, "math/L7", "p", 2, 1, 1}};
        const auto m = gcpo::stats::familyEvalMetrics(t, {1, 2, 4});
        QVERIFY(std::abs(m.at("countdown/pass@1") - 0.5) < 1e-12);
        // pass@2 = 1 - C(n-c,2)/C(n,2): 1 - 3/6 and 1 - 0/6.
        QVERIFY(std::abs(m.at("countdown/pass@2") - 0.75) < 1e-12);
        QVERIFY(std::abs(m.at("countdown/pass@4") - 1.0) < 1e-12);
        QVERIFY(std::abs(m.at("countdown/distinct_correct") - 1.5) < 1e-12);
        QVERIFY(std::abs(m.at("math/pass@2") - 1.0) < 1e-12);
        QVERIFY(!m.count("math/pass@4"));
        QCOMPARE(m.size(), size_t(7));
    }
};

QTEST_APPLESS_MAIN(TestCoverage13)
#include "test_coverage13.moc"
