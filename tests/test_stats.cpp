// Unit tests of core/stats against hand-computed cases, closed forms and brute force: Student-t
// quantiles (published table values, the Cauchy and df = 2 closed forms), the t interval, the
// percentile bootstrap against the exact bootstrap distribution (all n^n resamples enumerated
// here), the sign-flip test against its own enumeration written here and against hand counts, and
// the experiment report built from a small store against values computed here by hand.
#include <QtTest>

#include <QTemporaryDir>

#include <cmath>
#include <functional>
#include <map>
#include <random>

#include "stats/descriptive.h"
#include "stats/experiment_report.h"
#include "stats/resampling.h"
#include "store/experiment_store.h"
#include "store/run_store.h"

using namespace gcpo;
using namespace gcpo::stats;

namespace {

bool near(double a, double b, double tol) { return std::fabs(a - b) <= tol; }

// Exact bootstrap distribution of the mean of `v`: every one of the n^n index tuples, equally likely.
std::vector<double> exactBootstrapMeans(const std::vector<double>& v) {
    const size_t n = v.size();
    std::vector<double> out;
    std::vector<size_t> idx(n, 0);
    while (true) {
        double s = 0.0;
        for (size_t i : idx) s += v[i];
        out.push_back(s / static_cast<double>(n));
        size_t pos = 0;
        while (pos < n && ++idx[pos] == n) idx[pos++] = 0;
        if (pos == n) break;
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Share of `sorted` that is < x and <= x.
std::pair<double, double> cdfAround(const std::vector<double>& sorted, double x) {
    const double n = static_cast<double>(sorted.size());
    const auto lo = std::lower_bound(sorted.begin(), sorted.end(), x - 1e-12) - sorted.begin();
    const auto hi = std::upper_bound(sorted.begin(), sorted.end(), x + 1e-12) - sorted.begin();
    return {static_cast<double>(lo) / n, static_cast<double>(hi) / n};
}

// Sign-flip p-value by recursion over the signs (a second, independent enumeration).
double bruteSignFlipP(const std::vector<double>& d) {
    double observed = 0.0;
    for (double x : d) observed += x;
    int hits = 0, total = 0;
    std::function<void(size_t, double)> go = [&](size_t i, double s) {
        if (i == d.size()) {
            ++total;
            if (std::fabs(s) >= std::fabs(observed) - 1e-9) ++hits;
            return;
        }
        go(i + 1, s + d[i]);
        go(i + 1, s - d[i]);
    };
    go(0, 0.0);
    return static_cast<double>(hits) / total;
}

}  // namespace

class TestStats : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void studentTAgainstTablesAndClosedForms() {
        // Two-sided 95 % critical values from published t tables.
        const std::map<double, double> table = {{1, 12.7062047},  {2, 4.30265273},  {3, 3.18244631},  {7, 2.36462425},
                                                {15, 2.13144955}, {30, 2.04227246}, {1e6, 1.95996627}};
        for (auto [df, t] : table) QVERIFY2(near(studentTQuantile(0.975, df), t, 1e-6), qPrintable(QString::number(df)));
        QVERIFY(near(studentTQuantile(0.025, 7), -2.36462425, 1e-6));
        QVERIFY(near(studentTQuantile(0.5, 5), 0.0, 1e-9));
        for (double t : {-3.0, -0.7, 0.0, 0.4, 2.5, 40.0}) {
            QVERIFY(near(studentTCdf(t, 1), 0.5 + std::atan(t) / M_PI, 1e-12));  // Cauchy
            QVERIFY(near(studentTCdf(t, 2), 0.5 + t / (2.0 * std::sqrt(2.0 + t * t)), 1e-12));
        }
        for (double x : {0.0, 0.1, 0.5, 0.93, 1.0}) {
            QVERIFY(near(incompleteBeta(x, 1, 1), x, 1e-12));
            QVERIFY(near(incompleteBeta(x, 3, 1), x * x * x, 1e-12));
            QVERIFY(near(incompleteBeta(x, 1, 4), 1 - std::pow(1 - x, 4), 1e-12));
        }
        QVERIFY_EXCEPTION_THROWN(studentTQuantile(1.0, 3), std::invalid_argument);
        QVERIFY_EXCEPTION_THROWN(studentTQuantile(0.5, 0), std::invalid_argument);
    }

    void summaryByHand() {
        const Summary s = summarize({1, 2, 3, 4});
        QCOMPARE(s.n, 4);
        QVERIFY(near(s.mean, 2.5, 1e-15));
        QVERIFY(near(s.std, std::sqrt(5.0 / 3.0), 1e-15));
        const double half = 3.18244631 * std::sqrt(5.0 / 3.0) / 2.0;  // t(3) · s / sqrt(4)
        QVERIFY(near(s.ciLow, 2.5 - half, 1e-7));
        QVERIFY(near(s.ciHigh, 2.5 + half, 1e-7));
        const Summary one = summarize({0.7});
        QCOMPARE(one.mean, 0.7);
        QVERIFY(std::isnan(one.std) && std::isnan(one.ciLow) && std::isnan(one.ciHigh));
        QVERIFY(std::isnan(summarize({}).mean));
        const Summary same = summarize({0.3, 0.3, 0.3});
        QCOMPARE(same.std, 0.0);
        QCOMPARE(same.ciLow, 0.3);
        QVERIFY_EXCEPTION_THROWN(summarize({1, NAN}), std::invalid_argument);
        QVERIFY_EXCEPTION_THROWN(summarize({1, 2}, 1.0), std::invalid_argument);
        QVERIFY(near(summarize({1, 2, 3, 4}, 0.9).ciHigh - 2.5, 2.35336343 * std::sqrt(5.0 / 3.0) / 2.0, 1e-7));
    }

    void quantileType7ByHand() {
        QCOMPARE(quantileSorted({1, 2, 3, 4}, 0.0), 1.0);
        QCOMPARE(quantileSorted({1, 2, 3, 4}, 1.0), 4.0);
        QCOMPARE(quantileSorted({1, 2, 3, 4}, 0.5), 2.5);
        QCOMPARE(quantileSorted({10, 20, 30, 40, 50}, 0.1), 14.0);  // h = 0.4
    }

    void bootstrapAgainstExactEnumeration() {
        const std::vector<double> v = {0.1, 0.4, 0.45, 0.9, 1.3};
        const std::vector<double> exact = exactBootstrapMeans(v);  // 5^5 = 3125 resamples
        QCOMPARE(exact.size(), size_t(3125));
        const Interval ci = bootstrapMeanCi(v, 0.95, 200000, 7);
        // Each bound sits where the exact distribution crosses 2.5 % / 97.5 % (within MC error).
        const auto [lowBelow, lowAt] = cdfAround(exact, ci.low);
        QVERIFY2(lowBelow - 0.004 <= 0.025 && 0.025 <= lowAt + 0.004,
                 qPrintable(QString("low %1: exact cdf %2..%3").arg(ci.low).arg(lowBelow).arg(lowAt)));
        const auto [highBelow, highAt] = cdfAround(exact, ci.high);
        QVERIFY2(highBelow - 0.004 <= 0.975 && 0.975 <= highAt + 0.004,
                 qPrintable(QString("high %1: exact cdf %2..%3").arg(ci.high).arg(highBelow).arg(highAt)));
        // And the exact quantiles themselves agree to within the atoms' spacing.
        QVERIFY(near(ci.low, quantileSorted(exact, 0.025), 0.02));
        QVERIFY(near(ci.high, quantileSorted(exact, 0.975), 0.02));
        // The mean of the bootstrap means is the sample mean.
        const auto means = bootstrapMeans(v, 200000, 3);
        double s = 0.0;
        for (double m : means) s += m;
        QVERIFY(near(s / means.size(), mean(v), 0.002));
        // Seeded: the same seed gives the same interval, another seed a different one.
        const Interval again = bootstrapMeanCi(v, 0.95, 2000, 11);
        QCOMPARE(again.low, bootstrapMeanCi(v, 0.95, 2000, 11).low);
        QVERIFY(bootstrapMeans(v, 50, 11) != bootstrapMeans(v, 50, 12));
        const Interval single = bootstrapMeanCi({0.42});
        QCOMPARE(single.low, 0.42);
        QCOMPARE(single.high, 0.42);
        QVERIFY(std::isnan(bootstrapMeanCi({}).low));
    }

    void signFlipByHand() {
        // d = 1, 2, 3: the 8 sums are ±6, ±4, ±2, 0, 0; |sum| >= 6 for 2 of them.
        SignFlipResult r = signFlipTest({1, 2, 3});
        QCOMPARE(r.pValue, 0.25);
        QVERIFY(r.exact);
        QCOMPARE(r.patterns, int64_t(8));
        QCOMPARE(signFlipTest({2, 2, 2, 2}).pValue, 2.0 / 16.0);
        QCOMPARE(signFlipTest({1, -1}).pValue, 1.0);  // observed sum 0: every pattern ties
        QCOMPARE(signFlipTest({0, 0, 0}).pValue, 1.0);
        QCOMPARE(signFlipTest({}).pValue, 1.0);
        QCOMPARE(signFlipTest({0.5}).pValue, 1.0);  // one pair can never be significant
        // 8 positive differences: the smallest possible two-sided p is 2 / 256.
        QCOMPARE(signFlipTest({0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}).pValue, 2.0 / 256.0);
        // Ties counted with a tolerance: 0.1 + 0.2 vs 0.3 in floating point.
        QCOMPARE(signFlipTest({0.1, 0.2, -0.3}).pValue, 1.0);
    }

    void signFlipAgainstBruteForceAndMonteCarlo() {
        std::mt19937_64 rng(1234);
        std::normal_distribution<double> normal(0.05, 0.1);
        for (int trial = 0; trial < 5; ++trial) {
            std::vector<double> d(10);
            for (double& x : d) x = normal(rng);
            QCOMPARE(signFlipTest(d).pValue, bruteSignFlipP(d));
        }
        std::vector<double> d(14);
        for (double& x : d) x = normal(rng);
        const SignFlipResult exact = signFlipTest(d);
        const SignFlipResult mc = signFlipTest(d, /*exactMaxN=*/0, 200000, 99);
        QVERIFY(exact.exact);
        QVERIFY(!mc.exact);
        QCOMPARE(mc.patterns, int64_t(200000));
        QVERIFY2(near(mc.pValue, exact.pValue, 0.005), qPrintable(QString("%1 vs %2").arg(mc.pValue).arg(exact.pValue)));
        QCOMPARE(signFlipTest(d, 0, 5000, 5).pValue, signFlipTest(d, 0, 5000, 5).pValue);
        QVERIFY_EXCEPTION_THROWN(signFlipTest({1, INFINITY}), std::invalid_argument);
    }

    void pairedComparisonByHand() {
        const PairedComparison c = comparePaired({0.5, 0.6, 0.7}, {0.6, 0.8, 1.0});  // d = 0.1, 0.2, 0.3
        QCOMPARE(c.n, 3);
        QVERIFY(near(c.deltaMean, 0.2, 1e-12));
        QVERIFY(near(c.deltaStd, 0.1, 1e-12));
        QCOMPARE(c.pValue, 0.25);
        QVERIFY(c.exactP);
        const double half = 4.30265273 * 0.1 / std::sqrt(3.0);
        QVERIFY(near(c.tCiLow, 0.2 - half, 1e-7));
        QVERIFY(near(c.tCiHigh, 0.2 + half, 1e-7));
        // The paired bootstrap CI is the percentile CI of the differences' bootstrap (27 atoms).
        const std::vector<double> exact = exactBootstrapMeans({0.1, 0.2, 0.3});
        QVERIFY(cdfAround(exact, c.ciLow).first - 0.01 <= 0.025 && 0.025 <= cdfAround(exact, c.ciLow).second + 0.01);
        QVERIFY(c.ciLow >= 0.1 - 1e-12 && c.ciHigh <= 0.3 + 1e-12 && c.ciLow < 0.2 && c.ciHigh > 0.2);
        QVERIFY_EXCEPTION_THROWN(comparePaired({1, 2}, {1}), std::invalid_argument);
    }

    void passAtKCurveByHand() {
        // n = 4, c = 1: pass@k = k / 4; n = 4, c = 0: 0; n = 4, c = 4: 1.
        const std::vector<store::PromptTally> t = {{0, "a", "p", 4, 1, 1}, {1, "b", "q", 4, 0, 0}, {2, "c", "r", 4, 4, 2}};
        const auto curve = passAtKCurve(t);
        QCOMPARE(curve.size(), size_t(4));
        for (int k = 1; k <= 4; ++k) QVERIFY(near(curve[k - 1], (k / 4.0 + 0.0 + 1.0) / 3.0, 1e-12));
        QCOMPARE(promptPassAtK(t, 2), std::vector<double>({0.5, 0.0, 1.0}));
        QVERIFY(passAtKCurve({}).empty());
    }

    // A small experiment in a real store: 2 arms x 3 seeds (one run of arm b unfinished), two
    // eval prompts of 4 samples; every reported number recomputed here from the inputs.
    void experimentReportFromStore() {
        const std::string path = m_dir.filePath("report.sqlite").toStdString();
        store::RunStore w(path, store::RunStore::Mode::Write);
        store::ExperimentInfo e;
        e.name = "cmp";
        e.arms = {{0, "a", R"({"algorithm":"grpo"})"}, {1, "b", R"({"algorithm":"gcpo"})"}};
        e.seeds = {0, 1, 2, 3};
        const int64_t exp = store::createExperiment(w, e);
        const std::map<std::pair<int, int>, double> pass1 = {{{0, 0}, 0.40}, {{0, 1}, 0.50}, {{0, 2}, 0.45},
                                                             {{1, 0}, 0.55}, {{1, 1}, 0.52}, {{1, 2}, 0.60}};
        // Correct samples out of 4 for prompts 0 and 1, per (arm, seed).
        const std::map<std::pair<int, int>, std::pair<int, int>> correct = {{{0, 0}, {1, 0}}, {{0, 1}, {2, 0}}, {{0, 2}, {1, 1}},
                                                                            {{1, 0}, {3, 0}}, {{1, 1}, {2, 1}}, {{1, 2}, {4, 0}}};
        for (int arm = 0; arm < 2; ++arm)
            for (int seed = 0; seed < 4; ++seed) {
                store::RunInfo ri;
                ri.name = "r";
                ri.algorithm = arm ? "gcpo" : "grpo";
                ri.seed = seed;
                const int64_t run = w.createRun(ri);
                store::linkExperimentRun(w, exp, arm, seed, run);
                if (seed == 3) {  // arm a: finished without evals; arm b: never finished
                    if (arm == 0) w.setStatus(run, store::RunStatus::Finished);
                    continue;
                }
                for (int64_t step : {0, 10}) {
                    store::StepRecord s;
                    s.runId = run;
                    s.step = step;
                    s.evals = {{"pass@1", step ? pass1.at({arm, seed}) : 0.1}, {"vendi", 2.0 + arm}};
                    if (step == 10) {
                        const auto [c0, c1] = correct.at({arm, seed});
                        for (int p = 0; p < 2; ++p)
                            for (int i = 0; i < 4; ++i)
                                s.evalSamples.push_back(
                                    {p, "t" + std::to_string(p), "prompt", i, "x", "1", "1", i < (p ? c1 : c0)});
                    }
                    w.writeStep(s);
                }
                w.setStatus(run, store::RunStatus::Finished);
            }

        const ExperimentReport r = buildExperimentReport(w, exp);
        QCOMPARE(r.grouping, std::string("experiment"));
        QCOMPARE(r.metrics, std::vector<std::string>({"pass@1", "vendi"}));
        QCOMPARE(r.arms.size(), size_t(2));
        QCOMPARE(r.arms[0].seeds, std::vector<int64_t>({0, 1, 2}));  // seed 3 has no evaluation
        QCOMPARE(r.arms[1].seeds, std::vector<int64_t>({0, 1, 2}));  // seed 3 not finished
        QCOMPARE(r.notes.size(), size_t(2));
        const Summary sa = r.arms[0].summary.at("pass@1");
        QVERIFY(near(sa.mean, 0.45, 1e-12));
        QVERIFY(near(sa.std, 0.05, 1e-12));
        QVERIFY(near(sa.ciHigh, 0.45 + 4.30265273 * 0.05 / std::sqrt(3.0), 1e-7));
        QCOMPARE(r.arms[1].summary.at("vendi").std, 0.0);
        QCOMPARE(r.pairs.size(), size_t(1));
        const PairReport& p = r.pairs[0];
        QCOMPARE(p.armA, std::string("a"));
        QCOMPARE(p.armB, std::string("b"));
        const PairedComparison& c = p.byMetric.at("pass@1");  // d = 0.15, 0.02, 0.15
        QCOMPARE(c.n, 3);
        QVERIFY(near(c.deltaMean, 0.32 / 3.0, 1e-12));
        QCOMPARE(c.pValue, 0.25);  // all 3 positive: 2 of 8 patterns as extreme
        // pass@k-vs-k of arm a: mean over seeds of the mean over 2 prompts of pass@k(4, c).
        auto passK = [](int c, int k) {
            return 1.0 - (4 - c >= k ? std::tgamma(5 - c) / std::tgamma(5 - c - k) / (std::tgamma(5) / std::tgamma(5 - k)) : 0.0);
        };
        for (int k = 1; k <= 4; ++k) {
            const double want = ((passK(1, k) + passK(0, k)) + (passK(2, k) + passK(0, k)) + (passK(1, k) + passK(1, k))) / 6.0;
            QVERIFY2(near(r.arms[0].passAtKCurve[k - 1], want, 1e-12), qPrintable(QString::number(k)));
        }
        // Per prompt, pass@1 = c / 4: prompt 0: a = (1+2+1)/12, b = (3+2+4)/12; prompt 1: a = 1/12, b = 1/12.
        QCOMPARE(p.ks, std::vector<int>({1}));
        QCOMPARE(p.prompts.size(), size_t(2));
        QVERIFY(near(p.prompts[0].meanA[0], 4.0 / 12.0, 1e-12));
        QVERIFY(near(p.prompts[0].delta[0], 5.0 / 12.0, 1e-12));
        QVERIFY(near(p.prompts[1].delta[0], 0.0, 1e-12));
        QCOMPARE(p.better, std::vector<int>({1}));
        QCOMPARE(p.same, std::vector<int>({1}));

        const nlohmann::json j = toJson(r);
        for (const char* k : {"n", "mean", "std", "ci_low", "ci_high"}) QVERIFY(j["arms"]["b"]["pass@1"].contains(k));
        for (const char* k : {"delta_mean", "ci_low", "ci_high", "p_value"})
            QVERIFY(j["pairs"][0]["metrics"]["vendi"].contains(k));
        QCOMPARE(j["pairs"][0]["metrics"]["pass@1"]["p_value"].get<double>(), 0.25);
        QVERIFY(j["pairs"][0]["metrics"]["vendi"]["ci_low"].get<double>() == 1.0);  // every d = 1

        // At step 0 every run has pass@1 = 0.1: zero deltas, p = 1.
        ReportOptions at0;
        at0.evalStep = 0;
        const ExperimentReport r0 = buildExperimentReport(w, exp, at0);
        QCOMPARE(r0.pairs[0].byMetric.at("pass@1").pValue, 1.0);
        QVERIFY(r0.pairs[0].prompts.empty());  // no samples stored at step 0

        // Grouped by algorithm (no experiment): the same runs, arm names are the algorithms.
        const ExperimentReport byAlg = buildAlgorithmReport(w);
        QCOMPARE(byAlg.arms.size(), size_t(2));
        QCOMPARE(byAlg.arms[0].name, std::string("grpo"));
        QCOMPARE(byAlg.pairs[0].byMetric.at("pass@1").deltaMean, c.deltaMean);
    }
};

QTEST_GUILESS_MAIN(TestStats)
#include "test_stats.moc"
