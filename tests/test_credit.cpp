// Unit tests of the credit core against independent references: brute force over all orderings,
// closed-form cases, Shapley axioms, and direct combinatorics for pass@k.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "rl/credit.h"
#include "rl/credit_json.h"
#include "rl/metrics.h"
#include "util/linalg.h"

using namespace gcpo;
using namespace gcpo::rl;

namespace {

struct RandomGroup {
    std::vector<double> rewards, embeddings;
    int g, d;
};

RandomGroup randomGroup(int g, int d, uint64_t seed, bool binary) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> n01;
    std::uniform_real_distribution<double> u01;
    RandomGroup r{{}, {}, g, d};
    for (int i = 0; i < g; ++i) r.rewards.push_back(binary ? (u01(rng) < 0.6 ? 1.0 : 0.0) : u01(rng));
    for (int i = 0; i < g * d; ++i) r.embeddings.push_back(n01(rng));
    // a near-duplicate pair makes the game non-trivial
    if (g >= 3)
        for (int k = 0; k < d; ++k) r.embeddings[static_cast<size_t>(1) * d + k] = r.embeddings[k] + 0.05 * n01(rng);
    return r;
}

CoverageGame gameOf(const RandomGroup& r, KernelKind kind = KernelKind::Cosine, double beta = 1.0) {
    return CoverageGame(r.rewards, kernelMatrix(r.embeddings, r.g, r.d, kind, 0.3), beta);
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

double binom(int n, int k) {
    if (k < 0 || k > n) return 0.0;
    double b = 1.0;
    for (int i = 1; i <= k; ++i) b = b * (n - k + i) / i;
    return b;
}

}  // namespace

class TestCredit : public QObject {
    Q_OBJECT
private slots:
    void exactMatchesAllOrderings_data() {
        QTest::addColumn<int>("g");
        QTest::addColumn<int>("kernel");
        QTest::addColumn<bool>("binary");
        QTest::addColumn<double>("beta");
        for (int g = 1; g <= 7; ++g) {
            QTest::newRow(qPrintable(QString("cosine-binary-G%1").arg(g))) << g << 0 << true << 1.0;
            QTest::newRow(qPrintable(QString("rbf-graded-G%1").arg(g))) << g << 1 << false << 2.5;
        }
    }
    void exactMatchesAllOrderings() {
        QFETCH(int, g);
        QFETCH(int, kernel);
        QFETCH(bool, binary);
        QFETCH(double, beta);
        for (uint64_t seed = 0; seed < 5; ++seed) {
            const RandomGroup r = randomGroup(g, 6, 100 * g + seed, binary);
            const CoverageGame game = gameOf(r, kernel ? KernelKind::Rbf : KernelKind::Cosine, beta);
            const std::vector<double> ref = shapleyAllOrderings(game);
            const std::vector<double> exact = shapleyExact(game);
            const std::vector<double> naive = shapleyExactNaive(game);
            for (int i = 0; i < g; ++i) {
                QVERIFY2(std::abs(exact[i] - ref[i]) < 1e-9,
                         qPrintable(QString("i=%1 exact=%2 ref=%3").arg(i).arg(exact[i]).arg(ref[i])));
                QVERIFY(std::abs(naive[i] - ref[i]) < 1e-9);
            }
            QVERIFY(std::abs(sum(exact) - game.teamValue()) < 1e-9);  // efficiency
        }
    }

    void closedFormCase() {
        // e1 = e2 = (1,0), e3 = (0,1), r = (1,1,1,0): φ = (½ ln 3, ½ ln 3, ln 2, 0), R = ln 6.
        const std::vector<double> e = {1, 0, 1, 0, 0, 1, 0.6, 0.8};
        const std::vector<double> r = {1, 1, 1, 0};
        for (CreditEstimator est : {CreditEstimator::Exact, CreditEstimator::Permutation}) {
            CreditConfig cfg;
            cfg.estimator = est;
            cfg.samples = 2000;
            const CreditResult res = computeCredit(r, e, 2, cfg);
            QVERIFY(std::abs(res.teamReward - std::log(6.0)) < 1e-12);
            const double tol = est == CreditEstimator::Exact ? 1e-12 : 0.03;
            QVERIFY(std::abs(res.credit[0] - 0.5 * std::log(3.0)) < tol);
            QVERIFY(std::abs(res.credit[1] - 0.5 * std::log(3.0)) < tol);
            QVERIFY(std::abs(res.credit[2] - std::log(2.0)) < tol);
            QCOMPARE(res.credit[3], 0.0);
            // the unique correct answer earns more than each duplicate, the wrong one least
            QVERIFY(res.advantage[2] > res.advantage[0] && res.advantage[0] > res.advantage[3]);
            QVERIFY(std::abs(sum(res.credit) - res.teamReward) < 1e-12);
        }
        // leave-one-out: duplicates lose little when removed alone: ln 6 - ln 4 each, unique ln 2.
        CreditConfig loo;
        loo.estimator = CreditEstimator::LeaveOneOut;
        const CreditResult l = computeCredit(r, e, 2, loo);
        QVERIFY(std::abs(l.credit[0] - std::log(6.0 / 4.0)) < 1e-12);
        QVERIFY(std::abs(l.credit[2] - std::log(2.0)) < 1e-12);
        QVERIFY(std::abs(l.credit[3]) < 1e-12);
    }

    void axioms() {
        const RandomGroup base = randomGroup(8, 5, 77, true);
        RandomGroup r = base;
        // rollouts 2 and 5 identical and both correct; rollout 6 wrong
        r.rewards[2] = r.rewards[5] = 1.0;
        r.rewards[6] = 0.0;
        for (int k = 0; k < r.d; ++k) r.embeddings[5 * r.d + k] = r.embeddings[2 * r.d + k];
        const CoverageGame game = gameOf(r);
        const std::vector<double> phi = shapleyExact(game);
        QVERIFY(std::abs(phi[2] - phi[5]) < 1e-12);  // symmetry
        QCOMPARE(phi[6], 0.0);                       // null player (exactly: its row of L is zero)
        QVERIFY(std::abs(sum(phi) - game.teamValue()) < 1e-10);
        for (double x : phi) QVERIFY(x >= -1e-12);  // monotone game: credits are non-negative
        const std::vector<double> perm = shapleyPermutation(game, 64, 3);
        QVERIFY(std::abs(sum(perm) - game.teamValue()) < 1e-10);  // efficiency holds per ordering
        QVERIFY(std::abs(perm[6]) < 1e-15);
    }

    void permutationWithinTolerance() {
        // Stated tolerance: with M = 4096 orderings the max error is below 2% of R on these groups.
        for (uint64_t seed = 0; seed < 4; ++seed) {
            const RandomGroup r = randomGroup(10, 8, 900 + seed, true);
            const CoverageGame game = gameOf(r);
            const std::vector<double> exact = shapleyExact(game);
            const std::vector<double> perm = shapleyPermutation(game, 4096, seed);
            double err = 0.0;
            for (int i = 0; i < r.g; ++i) err = std::max(err, std::abs(perm[i] - exact[i]));
            QVERIFY2(err < 0.02 * game.teamValue() + 1e-12, qPrintable(QString::number(err)));
            // same seed, same answer; incremental and naive agree ordering by ordering
            QCOMPARE(shapleyPermutation(game, 64, seed), shapleyPermutation(game, 64, seed));
            const std::vector<double> naive = shapleyPermutationNaive(game, 64, seed);
            const std::vector<double> fast = shapleyPermutation(game, 64, seed);
            for (int i = 0; i < r.g; ++i) QVERIFY(std::abs(naive[i] - fast[i]) < 1e-9);
        }
    }

    void leaveOneOutMatchesDefinition() {
        const RandomGroup r = randomGroup(9, 4, 5, false);
        const CoverageGame game = gameOf(r, KernelKind::Rbf, 3.0);
        const std::vector<double> loo = leaveOneOut(game);
        std::vector<int> all(r.g);
        std::iota(all.begin(), all.end(), 0);
        for (int i = 0; i < r.g; ++i) {
            std::vector<int> rest;
            for (int j : all)
                if (j != i) rest.push_back(j);
            QVERIFY(std::abs(loo[i] - (game.value(all) - game.value(rest))) < 1e-10);
        }
    }

    void degenerateGroupsGiveZeroAdvantages() {
        CreditConfig cfg;
        // G = 1
        CreditResult one = computeCredit({1.0}, {0.3, 0.4}, 2, cfg);
        QCOMPARE(one.advantage, std::vector<double>{0.0});
        QCOMPARE(one.grpoAdvantage, std::vector<double>{0.0});
        QVERIFY(std::abs(one.teamReward - std::log(2.0)) < 1e-12);
        // all-zero rewards
        CreditResult zero = computeCredit({0, 0, 0, 0}, {1, 0, 0, 1, 1, 1, 0, 0}, 2, cfg);
        for (double a : zero.advantage) QCOMPARE(a, 0.0);
        for (double a : zero.grpoAdvantage) QCOMPARE(a, 0.0);
        QCOMPARE(zero.teamReward, 0.0);
        // all-identical rollouts, including zero embeddings and every estimator
        for (CreditEstimator est : {CreditEstimator::Exact, CreditEstimator::Permutation, CreditEstimator::LeaveOneOut}) {
            cfg.estimator = est;
            for (const std::vector<double>& e : {std::vector<double>{2, 1, 2, 1, 2, 1}, std::vector<double>{0, 0, 0, 0, 0, 0}}) {
                const CreditResult same = computeCredit({1, 1, 1}, e, 2, cfg);
                for (double a : same.advantage) {
                    QVERIFY(std::isfinite(a));
                    QCOMPARE(a, 0.0);
                }
            }
        }
        // the largest volume scale the run config allows stays finite; a larger one is refused
        cfg.estimator = CreditEstimator::Exact;
        cfg.volumeScale = kMaxVolumeScale;
        const RandomGroup r = randomGroup(6, 3, 1, true);
        const CreditResult big = computeCredit(r.rewards, r.embeddings, r.d, cfg);
        for (double a : big.advantage) QVERIFY(std::isfinite(a));
        cfg.volumeScale = 1e12;
        QVERIFY_EXCEPTION_THROWN(computeCredit(r.rewards, r.embeddings, r.d, cfg), std::invalid_argument);
    }

    void advantageFormulas() {
        // GRPO with sample std (ddof = 1): r = (1,0,0,1) -> mean .5, std sqrt(1/3)
        const std::vector<double> a = grpoAdvantages({1, 0, 0, 1}, true);
        const double sd = std::sqrt(1.0 / 3.0);
        QVERIFY(std::abs(a[0] - 0.5 / (sd + 1e-4)) < 1e-12);
        QVERIFY(std::abs(a[1] + 0.5 / (sd + 1e-4)) < 1e-12);
        const std::vector<double> dr = grpoAdvantages({1, 0, 0, 1}, false);
        QCOMPARE(dr, (std::vector<double>{0.5, -0.5, -0.5, 0.5}));
        // accuracy_weight = 1 gives back GRPO; 0.5 the average of both normalised signals
        const RandomGroup r = randomGroup(6, 4, 9, true);
        CreditConfig cfg;
        cfg.accuracyWeight = 1.0;
        const CreditResult full = computeCredit(r.rewards, r.embeddings, r.d, cfg);
        for (int i = 0; i < r.g; ++i) QVERIFY(std::abs(full.advantage[i] - full.grpoAdvantage[i]) < 1e-12);
        cfg.accuracyWeight = 0.5;
        const CreditResult half = computeCredit(r.rewards, r.embeddings, r.d, cfg);
        const std::vector<double> nphi = normalizeGroup(half.credit, true);
        for (int i = 0; i < r.g; ++i) QVERIFY(std::abs(half.advantage[i] - 0.5 * (nphi[i] + half.grpoAdvantage[i])) < 1e-12);
    }

    void exactSupportsTwentyRollouts() {
        const RandomGroup r = randomGroup(20, 8, 42, true);
        const CoverageGame game = gameOf(r);
        const std::vector<double> phi = shapleyExact(game);
        QVERIFY(std::abs(sum(phi) - game.teamValue()) < 1e-8);
        CreditConfig cfg;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, computeCredit(std::vector<double>(kMaxExactGroupSize + 1, 1.0),
                                                                      std::vector<double>(kMaxExactGroupSize + 1, 1.0), 1, cfg));
    }

    void kernels() {
        // zero vector -> zero row in cosine; rbf closed form
        const std::vector<double> e = {3, 4, 0, 0, 4, 3};
        const std::vector<double> k = kernelMatrix(e, 3, 2, KernelKind::Cosine, 1.0);
        QCOMPARE(k[0], 1.0);
        QCOMPARE(k[1 * 3 + 1], 0.0);
        QCOMPARE(k[0 * 3 + 1], 0.0);
        QVERIFY(std::abs(k[0 * 3 + 2] - 24.0 / 25.0) < 1e-15);
        const std::vector<double> kr = kernelMatrix(e, 3, 2, KernelKind::Rbf, 0.5);
        QVERIFY(std::abs(kr[0 * 3 + 2] - std::exp(-0.5 * 2.0)) < 1e-15);
        QCOMPARE(kr[1 * 3 + 1], 1.0);
    }

    void jsonRequestErrorsNameKeyAndIndex_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << R"({"rewards":[1]})"
                                 << "embeddings: missing key";
        QTest::newRow("empty") << R"({"rewards":[],"embeddings":[]})"
                               << "G = 0";
        QTest::newRow("ragged") << R"({"rewards":[1,0],"embeddings":[[1,2],[3]]})"
                                << "embeddings[1]";
        QTest::newRow("reward") << R"({"rewards":[1,1.5],"embeddings":[[1],[2]]})"
                                << "rewards[1]";
        QTest::newRow("nonnum") << R"({"rewards":[1,0],"embeddings":[[1],["x"]]})"
                                << "embeddings[1][0]";
        QTest::newRow("unknown") << R"({"rewards":[1],"embeddings":[[1]],"kernal":"rbf"})"
                                 << "kernal: unknown key";
        QTest::newRow("estimator") << R"({"rewards":[1],"embeddings":[[1]],"estimator":"mc"})"
                                   << "estimator";
        QTest::newRow("toolarge") << QString(R"({"rewards":[%1],"embeddings":[%2]})")
                                         .arg(QString("1,").repeated(kMaxExactGroupSize) + "1")
                                         .arg(QString("[1],").repeated(kMaxExactGroupSize) + "[1]")
                                  << "exact";
    }
    void jsonRequestErrorsNameKeyAndIndex() {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        try {
            parseCreditRequest(nlohmann::json::parse(json.toStdString()));
            QFAIL("no error");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains(expected), e.what());
        }
    }

    void passAtKMatchesCombinatorics() {
        for (int n = 1; n <= 10; ++n)
            for (int c = 0; c <= n; ++c)
                for (int k = 1; k <= n; ++k) {
                    // direct: fraction of k-subsets of the n samples containing a correct one
                    int hit = 0, total = 0;
                    for (uint32_t m = 0; m < (1u << n); ++m) {
                        if (__builtin_popcount(m) != k) continue;
                        ++total;
                        hit += (m & ((1u << c) - 1u)) != 0;
                    }
                    QVERIFY(std::abs(passAtK(n, c, k) - static_cast<double>(hit) / total) < 1e-12);
                }
        QVERIFY(std::abs(passAtK(200, 3, 100) - (1.0 - binom(197, 100) / binom(200, 100))) < 1e-12);
        QCOMPARE(passAtK(16, 15, 2), 1.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, passAtK(4, 1, 5));
    }

    void diversityMetrics() {
        const std::vector<double> orth = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        QVERIFY(std::abs(vendiScore(orth, 3, 3) - 3.0) < 1e-9);
        QVERIFY(std::abs(meanPairwiseCosineDistance(orth, 3, 3) - 1.0) < 1e-12);
        const std::vector<double> same = {1, 2, 1, 2, 1, 2, 1, 2};
        QVERIFY(std::abs(vendiScore(same, 4, 2) - 1.0) < 1e-9);
        QVERIFY(std::abs(meanPairwiseCosineDistance(same, 4, 2)) < 1e-12);
        // two clusters of two identical vectors: K/n has eigenvalues (1/2, 1/2) -> Vendi 2
        const std::vector<double> two = {1, 0, 1, 0, 0, 1, 0, 1};
        QVERIFY(std::abs(vendiScore(two, 4, 2) - 2.0) < 1e-9);
        QCOMPARE(distinctCorrect({"1+2", "2+1", "1+2", "3"}, {true, true, true, false}), 2);
    }

    void eigenSolver() {
        const RandomGroup r = randomGroup(7, 7, 3, false);
        std::vector<double> a(49);
        for (int i = 0; i < 7; ++i)
            for (int j = 0; j < 7; ++j)
                for (int k = 0; k < 7; ++k) a[i * 7 + j] += r.embeddings[i * 7 + k] * r.embeddings[j * 7 + k];
        std::vector<double> vec;
        const std::vector<double> val = linalg::symmetricEigen(a, 7, &vec);
        QVERIFY(std::is_sorted(val.rbegin(), val.rend()));
        for (int k = 0; k < 7; ++k)  // A v = λ v
            for (int i = 0; i < 7; ++i) {
                double av = 0.0;
                for (int j = 0; j < 7; ++j) av += a[i * 7 + j] * vec[k * 7 + j];
                QVERIFY(std::abs(av - val[k] * vec[k * 7 + i]) < 1e-9 * std::max(1.0, val[0]));
            }
    }
};

QTEST_APPLESS_MAIN(TestCredit)
#include "test_credit.moc"
