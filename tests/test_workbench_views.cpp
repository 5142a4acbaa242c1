// The workbench's analysis views on a small real database written with the store's writer: two
// arms (grpo, gcpo) x three seeds whose eval values, samples and rollouts are chosen so that every
// number the views show can be computed by hand (given in the comments), plus brute-force and
// closed-form references for pass@k, the t interval and classical MDS.
#include <QtTest>

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include <cmath>
#include <functional>

#include <qcustomplot.h>

#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QWheelEvent>

#include "eval_sample_model.h"
#include "group_table_model.h"
#include "log_panel.h"
#include "runs_browser.h"
#include "runs_table_model.h"
#include "wheel_guard.h"
#include "rl/credit.h"
#include "run_data_source.h"
#include "store/run_store.h"
#include "views/arm_curves.h"
#include "views/arm_stats.h"
#include "views/compare_view.h"
#include "views/coverage_view.h"
#include "views/credit_view.h"
#include "views/curves_view.h"
#include "views/dashboard_view.h"
#include "views/distribution_plot.h"
#include "views/final_metrics_model.h"
#include "views/pass_at_k.h"
#include "views/prompt_outcome_model.h"
#include "views/rollout_groups_view.h"

using namespace gcpo;
using namespace gcpo::ui;

namespace {

constexpr int kG = 4, kD = 3, kSamples = 4;
const double kGrpoPass1[] = {0.30, 0.32, 0.34};
const double kGcpoPass1[] = {0.40, 0.41, 0.45};  // deltas 0.10, 0.09, 0.11: mean 0.10, sd 0.01
const double kGrpoVendi[] = {2.0, 2.2, 2.1};
const double kGcpoVendi[] = {2.1, 2.1, 2.15};  // deltas +0.1, -0.1, +0.05: interval holds 0

bool waitUntil(const std::function<bool()>& ready, int ms = 5000) {
    QElapsedTimer t;
    t.start();
    while (!ready() && t.elapsed() < ms) QTest::qWait(10);
    return ready();
}

// Step `step` of a run: group 0 all wrong (rewards 0 / 0.1 from the format reward, so GCPO's
// advantage is not zero), group 1 with rollouts 0 and 1 the same correct answer (same embedding).
store::StepRecord makeStep(int64_t runId, int64_t step, bool gcpo, int seedIndex) {
    store::StepRecord rec;
    rec.runId = runId;
    rec.step = step;
    rec.metrics = {{"reward", 0.1 * step + seedIndex}, {"gcpo/team_coverage", 1.0 + step}};
    for (int g = 0; g < 2; ++g) {
        std::vector<double> rewards, emb;
        std::vector<std::vector<float>> e(kG);
        for (int r = 0; r < kG; ++r) {
            e[r] = {static_cast<float>(std::cos(0.9 * r + g)), static_cast<float>(std::sin(0.9 * r + g)),
                    static_cast<float>(0.2 * r)};
            if (g == 1 && r == 1) e[r] = e[0];
            rewards.push_back(g == 0 ? (r % 2 ? 0.1 : 0.0) : (r < 3 ? 1.0 : 0.0));
            emb.insert(emb.end(), e[r].begin(), e[r].end());
        }
        const rl::CreditResult credit = rl::computeCredit(rewards, emb, kD, rl::CreditConfig{});
        store::GroupRecord gr;
        gr.groupIndex = g;
        gr.prompt = "train prompt " + std::to_string(g);
        gr.family = "countdown";
        gr.teamCoverage = credit.teamReward;
        for (int r = 0; r < kG; ++r) {
            store::RolloutRecord ro;
            ro.groupIndex = g;
            ro.rolloutIndex = r;
            ro.completion = "completion " + std::to_string(g) + "." + std::to_string(r);
            ro.parsedAnswer = g == 1 && r == 1 ? "0" : std::to_string(r);
            ro.reward = rewards[static_cast<size_t>(r)];
            ro.correct = ro.reward > 0.5;
            ro.grpoAdvantage = credit.grpoAdvantage[static_cast<size_t>(r)];
            ro.gcpoCredit = credit.credit[static_cast<size_t>(r)];
            ro.advantageUsed = gcpo ? credit.advantage[static_cast<size_t>(r)] : ro.grpoAdvantage;
            ro.length = 10 + r;
            ro.embedding = e[static_cast<size_t>(r)];
            gr.correctCount += ro.correct ? 1 : 0;
            rec.rollouts.push_back(std::move(ro));
        }
        rec.groups.push_back(gr);
    }
    if (step % 2 == 0) {
        const double pass1 = (gcpo ? kGcpoPass1 : kGrpoPass1)[seedIndex] + 0.01 * step;
        const double vendi = (gcpo ? kGcpoVendi : kGrpoVendi)[seedIndex];
        rec.evals = {{"pass@1", pass1}, {"vendi", vendi}};
        // Prompt 0: every sample correct (two distinct answers); prompt 1: none; prompt 2: gcpo one of four.
        for (int p = 0; p < 3; ++p)
            for (int s = 0; s < kSamples; ++s) {
                store::EvalSample es;
                es.promptIndex = p;
                es.prompt = "eval prompt " + std::to_string(p);
                es.sampleIndex = s;
                es.parsedAnswer = std::to_string(s % 2);
                es.canonicalAnswer = es.parsedAnswer;
                es.completion = "<answer>" + es.parsedAnswer + "</answer>";
                es.correct = p == 0 || (p == 2 && gcpo && s == 3);
                rec.evalSamples.push_back(es);
            }
    }
    return rec;
}

// A curves view following one run of the database at path, showing metric.
struct FollowedCurves {
    FollowedCurves(const QString& path, int64_t id, const char* metric) {
        view.setDataSource(&source);
        view.setCurrentMetric(QString::fromLatin1(metric));
        source.setPollIntervalMs(20);
        source.openDatabase(path);
        source.setFollowedRuns({id});
    }
    RunDataSource source;
    CurvesView view;
};

// A new database at path holding one run with these steps (their run ids are set); returns its id.
int64_t writeRun(const QString& path, const std::string& name, const std::string& algorithm,
                 std::vector<store::StepRecord> steps) {
    store::RunStore w(path.toStdString(), store::RunStore::Mode::Write);
    store::RunInfo info;
    info.name = name;
    info.algorithm = algorithm;
    info.configJson = "{}";
    const int64_t id = w.createRun(info);
    for (auto& step : steps) {
        step.runId = id;
        w.writeStep(step);
    }
    return id;
}

// Brute force: the share of k-subsets of n samples (c correct) that hold a correct one.
double passAtKBruteForce(int n, int c, int k) {
    int hit = 0, all = 0;
    for (int mask = 0; mask < (1 << n); ++mask) {
        if (__builtin_popcount(static_cast<unsigned>(mask)) != k) continue;
        ++all;
        hit += (mask & ((1 << c) - 1)) ? 1 : 0;  // samples 0..c-1 are the correct ones
    }
    return static_cast<double>(hit) / all;
}

}  // namespace

class TestWorkbenchViews : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    QList<qint64> m_grpo, m_gcpo, m_all;

    void open(RunDataSource& source, const QList<qint64>& runs) {
        source.setPollIntervalMs(20);
        source.openDatabase(m_path);
        source.setFollowedRuns(runs);
        for (qint64 id : runs) QVERIFY(waitUntil([&] { return source.deliveredStep(id) == 2; }));
    }

private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("gcpo-test"));
        QCoreApplication::setApplicationName(QStringLiteral("test_workbench_views"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("arms.sqlite"));
        store::RunStore w(m_path.toStdString(), store::RunStore::Mode::Write);
        for (int seed = 0; seed < 3; ++seed)
            for (bool gcpo : {false, true}) {
                store::RunInfo info;
                info.name = (gcpo ? "gcpo-s" : "grpo-s") + std::to_string(seed + 1);
                info.algorithm = gcpo ? "gcpo" : "grpo";
                info.seed = seed + 1;
                info.configJson =
                    gcpo ? R"({"algo":{"name":"gcpo"},"gcpo":{"volume_scale":1.0}})" : R"({"algo":{"name":"grpo"}})";
                const int64_t id = w.createRun(info);
                for (int64_t s = 0; s < 3; ++s) w.writeStep(makeStep(id, s, gcpo, seed));
                w.setStatus(id, store::RunStatus::Finished);
                (gcpo ? m_gcpo : m_grpo) << id;
                m_all << id;
            }
    }

    void armIntervalsAndPairedDifferences() {
        // {1, 2, 3}: mean 2, sd 1, half-width t(0.975, 2) / sqrt(3) = 4.30265 / 1.73205 = 2.48414.
        const ArmStat s = armStat({1.0, 2.0, 3.0, qQNaN()});
        QCOMPARE(s.n, 3);
        QCOMPARE(s.mean, 2.0);
        QCOMPARE(s.std, 1.0);
        QVERIFY(std::abs(s.ciHigh - 2.0 - 2.48414) < 1e-5);
        QCOMPARE(armStat({5.0}).n, 1);
        QVERIFY(std::isnan(armStat({5.0}).ciLow));
        QCOMPARE(armStat({}).n, 0);
        // Paired by seed: seed 9 is only in one arm and is left out. Deltas 0.10, 0.09, 0.11: the
        // bootstrap means lie in [0.09, 0.11]; the exact sign-flip p is 2 of 8 patterns = 0.25.
        const PairedStat d = pairedStat({{1, 0.30}, {2, 0.32}, {3, 0.34}, {9, 5.0}}, {{1, 0.40}, {2, 0.41}, {3, 0.45}});
        QCOMPARE(d.n, 3);
        QVERIFY(std::abs(d.mean - 0.10) < 1e-12);
        QVERIFY(d.ciLow >= 0.09 - 1e-12 && d.ciHigh <= 0.11 + 1e-12 && d.ciLow < d.mean && d.ciHigh > d.mean);
        QVERIFY(std::abs(d.pValue - 0.25) < 1e-12);
        QVERIFY(d.excludesZero());
        QVERIFY(!pairedStat({{1, 0.0}, {2, 0.0}, {3, 0.0}}, {{1, 0.1}, {2, -0.1}, {3, 0.05}}).excludesZero());
        // Arms: an experiment's arm name wins over the algorithm; seeds sorted within an arm.
        RunInfoList runs;
        for (int i = 1; i <= 4; ++i) {
            gcpo::store::RunInfo r;
            r.id = i;
            r.algorithm = i <= 2 ? "grpo" : "gcpo";
            r.seed = 10 - i;
            runs << r;
        }
        const QList<Arm> arms = groupRunsIntoArms({1, 2, 3, 4}, runs, {{4, QStringLiteral("gcpo-beta2")}});
        QCOMPARE(arms.size(), 3);
        QCOMPARE(arms[0].runIds, (QList<qint64>{2, 1}));  // seeds 8, 9
        QCOMPARE(arms[2].key, QStringLiteral("gcpo-beta2"));
    }

    void passAtKAgainstBruteForce() {
        for (int n = 1; n <= 8; ++n)
            for (int c = 0; c <= n; ++c)
                for (int k = 1; k <= n; ++k)
                    QVERIFY2(std::abs(passAtK(n, c, k) - passAtKBruteForce(n, c, k)) < 1e-12,
                             qPrintable(QStringLiteral("%1 %2 %3").arg(n).arg(c).arg(k)));
        QVERIFY(std::isnan(passAtK(4, 1, 5)));
    }

    void classicalMdsKeepsDistancesOfAPlanarSet() {
        // Linear kernel K = X X^T of points in the plane: MDS recovers every pairwise distance.
        const std::vector<QPointF> x{{0, 0}, {3, 0}, {0, 4}, {1, 1}, {-2, 0.5}};
        const int n = static_cast<int>(x.size());
        std::vector<double> k(static_cast<size_t>(n * n));
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) k[static_cast<size_t>(i * n + j)] = x[i].x() * x[j].x() + x[i].y() * x[j].y();
        double explained[2];
        const std::vector<QPointF> y = classicalMds(k, n, explained);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) QVERIFY(std::abs(QLineF(x[i], x[j]).length() - QLineF(y[i], y[j]).length()) < 1e-9);
        QVERIFY(std::abs(explained[0] + explained[1] - 1.0) < 1e-12);  // all the variance is in 2-D
    }

    void compareViewTableIntervalsAndColours() {
        RunDataSource source;
        CompareView view;
        view.resize(1280, 800);
        QAbstractItemModelTester tester(view.metricsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.setDataSource(&source);
        open(source, m_all);
        QVERIFY(waitUntil([&] { return view.data().arms().size() == 2 && view.metricsModel()->rowCount() == 2; }));
        QCOMPARE(view.data().armKeys(), (QStringList{"grpo", "gcpo"}));
        QCOMPARE(view.data().arms()[1].seeds, (QList<qint64>{1, 2, 3}));
        QCOMPARE(view.evalStep(), 2);  // the latest common eval step
        const FinalMetricsModel* m = view.metricsModel();
        QCOMPARE(m->deltaTitle(), QStringLiteral("gcpo − grpo"));
        QCOMPARE(m->rows()[0].key, QStringLiteral("pass@1"));
        QCOMPARE(m->rows()[1].key, QStringLiteral("vendi"));
        // pass@1 at step 2: grpo 0.32, 0.34, 0.36 (mean 0.34); paired delta 0.10 ± 0.0248: coloured.
        QVERIFY(std::abs(m->rows()[0].arms[0].mean - 0.34) < 1e-12);
        QVERIFY(std::abs(m->rows()[0].delta.mean - 0.10) < 1e-12);
        const QModelIndex pass1Delta = m->index(0, m->deltaColumn());
        QVERIFY(m->data(pass1Delta, FinalMetricsModel::ExcludesZeroRole).toBool());
        QVERIFY(m->data(pass1Delta, Qt::BackgroundRole).isValid());
        const PairedStat& ref = m->rows()[0].delta;
        QCOMPARE(m->data(pass1Delta).toString(),
                 QStringLiteral("+0.100 [%1, %2] p 0.25").arg(ref.ciLow, 0, 'f', 3).arg(ref.ciHigh, 0, 'f', 3));
        QCOMPARE(m->data(m->index(0, 0)).toString(), QStringLiteral("0.340 ± 0.050"));  // t(2) * 0.02 / sqrt(3) = 0.0497
        // Vendi: deltas +0.1, -0.1, +0.05: the interval holds 0, so no colour.
        const QModelIndex vendiDelta = m->index(1, m->deltaColumn());
        QVERIFY(!m->data(vendiDelta, FinalMetricsModel::ExcludesZeroRole).toBool());
        QVERIFY(!m->data(vendiDelta, Qt::BackgroundRole).isValid());
        QCOMPARE(m->headerData(0, Qt::Horizontal).toString(), QStringLiteral("grpo (n = 3)"));
        QVERIFY(m->toHtml().contains("background:"));
        // Swapping the arms flips the sign.
        view.setArms(1, 0);
        QVERIFY(std::abs(view.metricsModel()->rows()[0].delta.mean + 0.10) < 1e-12);
        view.setArms(0, 1);
        // An earlier eval step: step 0 values (0.30, 0.32, 0.34).
        view.setEvalStep(0);
        QVERIFY(std::abs(view.metricsModel()->rows()[0].arms[0].mean - 0.32) < 1e-12);
        view.setEvalStep(2);
        QCOMPARE(view.evalStep(), 2);
    }

    void compareViewPassAtKPromptsAndSamples() {
        RunDataSource source;
        CompareView view;
        view.setDataSource(&source);
        open(source, m_all);
        QVERIFY(waitUntil([&] { return view.data().maxSamples() == kSamples; }));
        // From the samples: gcpo prompt pass@k = 1, 0 and passAtK(4, 1, k); grpo 1, 0, 0.
        const QList<ArmStat> gcpo = view.data().passAtKCurve(1), grpo = view.data().passAtKCurve(0);
        QCOMPARE(gcpo.size(), kSamples);
        for (int k = 1; k <= kSamples; ++k) {
            QVERIFY(std::abs(gcpo[k - 1].mean - (1.0 + passAtKBruteForce(4, 1, k)) / 3.0) < 1e-12);
            QVERIFY(std::abs(grpo[k - 1].mean - 1.0 / 3.0) < 1e-12);
            QCOMPARE(gcpo[k - 1].n, 3);
        }
        QCOMPARE(view.passAtKPlot()->xAxis->scaleType(), QCPAxis::stLogarithmic);
        // Per-prompt scatter at k = 1: prompt 2 above the diagonal, prompts 0 and 1 on it.
        view.setScatterK(1);
        QCOMPARE(view.scatterCounts().above, 1);
        QCOMPARE(view.scatterCounts().equal, 2);
        QCOMPARE(view.scatterCounts().below, 0);
        // Prompt filters.
        PromptOutcomeModel* prompts = view.promptModel();
        QAbstractItemModelTester tester(prompts, QAbstractItemModelTester::FailureReportingMode::QtTest);
        prompts->setFilter(PromptOutcomeModel::Filter::TreatmentOnly);
        QCOMPARE(prompts->shownPrompts(), QList<int>{2});
        QCOMPARE(prompts->countFor(PromptOutcomeModel::Filter::Both), 1);
        QCOMPARE(prompts->countFor(PromptOutcomeModel::Filter::Neither), 1);
        QCOMPARE(prompts->countFor(PromptOutcomeModel::Filter::BaselineOnly), 0);
        // Samples: all n of every run, ordered grpo seeds then gcpo seeds; distinct answers starred.
        view.setPromptIndex(0);
        QCOMPARE(view.sampleModel()->columnCount(), 6);
        QCOMPARE(view.sampleModel()->rowCount(), kSamples);
        QCOMPARE(view.sampleModel()->distinctCorrect(0), 2);
        QVERIFY(view.sampleModel()->data(view.sampleModel()->index(0, 0)).toString().endsWith(QStringLiteral("★")));
        QVERIFY(view.sampleModel()->data(view.sampleModel()->index(2, 0)).toString().contains(QStringLiteral("(= #0)")));
        QVERIFY(view.sampleModel()->headerData(3, Qt::Horizontal).toString().startsWith(QStringLiteral("gcpo")));
        // Seed-mean curve of eval pass@1 with its band; individual seeds on demand.
        ArmCurves* curves = view.armCurves();
        curves->setMetric(QStringLiteral("eval/pass@1"));
        QCOMPARE(curves->meanSteps(1), (QVector<double>{0.0, 2.0}));
        QVERIFY(std::abs(curves->meanValues(1)[1] - (0.42 + 0.43 + 0.47) / 3.0) < 1e-12);
        const int without = curves->plot()->graphCount();
        curves->setShowSeeds(true);
        QCOMPARE(curves->plot()->graphCount(), without + 6);
    }

    void compareReportExport() {
        RunDataSource source;
        CompareView view;
        view.resize(1280, 800);
        view.setDataSource(&source);
        open(source, m_all);
        QVERIFY(waitUntil([&] { return view.metricsModel()->rowCount() == 2; }));
        QString error;
        const QString pdf = m_dir.filePath("report.pdf"), html = m_dir.filePath("report.html");
        QVERIFY2(view.exportReport(pdf, &error), qPrintable(error));
        QVERIFY2(view.exportReport(html, &error), qPrintable(error));
        QFile p(pdf), h(html);
        QVERIFY(p.open(QIODevice::ReadOnly) && h.open(QIODevice::ReadOnly));
        QVERIFY(p.read(5) == "%PDF-");
        QVERIFY(p.size() > 20000);  // three raster plots
        const QByteArray page = h.readAll();
        QCOMPARE(page.count("data:image/png;base64,"), 3);  // self-contained
        QVERIFY(!page.contains("src=\"plot"));
        QVERIFY(page.contains("<table") && page.contains("+0.100 ["));
        QVERIFY(!view.exportReport(m_dir.filePath("report.docx"), &error));
        QVERIFY(error.contains("docx"));
    }

    void coverageDuplicatesWaterfallAndMds() {
        RunDataSource source;
        CoverageView view;
        view.setDataSource(&source);
        open(source, {m_gcpo[0]});
        source.setCurrentGroup({m_gcpo[0], 1, 1});
        QCOMPARE(view.pointCount(), kG);
        QCOMPARE(view.markerCount(), kG - 1);  // rollouts 0 and 1 share an embedding
        const CoverageData& d = view.data();
        bool merged = false;
        for (const CoveragePoint& p : d.points) merged = merged || p.rollouts == QList<int>{0, 1};
        QVERIFY(merged);
        // The waterfall's last subset is the whole group: v(all) = the stored team coverage, and
        // the marginal gains sum to it; a wrong rollout adds nothing.
        QCOMPARE(static_cast<int>(d.cumulative.size()), kG);
        QVERIFY(std::abs(d.cumulative.back() - view.teamCoverage()) < 1e-9);
        double sum = 0.0;
        for (size_t i = 0; i < d.gains.size(); ++i) {
            sum += d.gains[i];
            if (!d.orderCorrect[i]) QVERIFY(std::abs(d.gains[i]) < 1e-12);
        }
        QVERIFY(std::abs(sum - view.teamCoverage()) < 1e-9);
        QVERIFY(d.explained[0] > 0.0);
        view.setProjection(Projection::Mds);
        QCOMPARE(view.markerCount(), kG - 1);
        QVERIFY(view.data().explained[0] > 0.0 && view.data().explained[0] + view.data().explained[1] <= 1.0 + 1e-12);
        QVERIFY(view.scatterPlot()->xAxis->label().startsWith(QStringLiteral("MDS 1")));
        QVERIFY(view.coverageOverStepsPlot()->graphCount() >= 1);  // team coverage of the run over steps
    }

    void allWrongGroupsWithAdvantageAreFlagged() {
        RunDataSource source;
        RolloutGroupsView groups;
        CreditView credit;
        groups.setDataSource(&source);
        credit.setDataSource(&source);
        open(source, {m_gcpo[0]});
        groups.setStep(1);
        QVERIFY(groups.groupModel()->isFlagged(0));  // no correct rollout, GCPO advantage != 0
        QVERIFY(!groups.groupModel()->isFlagged(1));
        QVERIFY(groups.groupModel()
                    ->data(groups.groupModel()->index(0, GroupTableModel::Correct))
                    .toString()
                    .contains(QStringLiteral("⚠")));
        groups.selectGroup(0);
        QVERIFY(credit.allWrongWithAdvantage());
        groups.selectGroup(1);
        QVERIFY(!credit.allWrongWithAdvantage());
    }

    void dashboardPanelsAndSparseSeries() {
        RunDataSource source;
        DashboardView dash;
        dash.setDataSource(&source);
        QCOMPARE(dash.panels(), DashboardView::defaultPanels());
        QCOMPARE(dash.distributionPanels().size(), 1);
        open(source, m_all.mid(0, 2));
        // Evaluation series: raw with markers, never smoothed, whatever the smoothing weight.
        CurvesView* pass = dash.curvePanels().front();
        QCOMPARE(pass->currentMetric(), QStringLiteral("eval/pass@1"));
        QVERIFY(!pass->isSmoothed());
        QVERIFY(waitUntil([&] { return pass->pointCount(m_all[0], "eval/pass@1") == 2; }));
        QVERIFY(pass->plot()->graph(0)->scatterStyle().shape() != QCPScatterStyle::ssNone);
        QVERIFY(pass->plot()->yAxis->label().contains(QStringLiteral("fraction")));
        // The legend is laid out under the axes, not inside them.
        QVERIFY(pass->plot()->legend->layout() != pass->plot()->axisRect()->insetLayout());
        // Runs are named once, above the panels, in the colour of their curves; a single-metric
        // panel has no legend of its own (24 runs squeezed its axes into a strip).
        QCOMPARE(pass->shownRuns().size(), 2);
        QCOMPARE(pass->plot()->legend->itemCount(), 0);
        QVERIFY(!pass->plot()->legend->visible());
        const QString legend = dash.runLegendText().remove(QChar(0x2060));  // word joiners
        for (qint64 id : pass->shownRuns()) {
            QVERIFY(legend.contains(pass->runLabel(id).section(QLatin1Char('/'), -1).toHtmlEscaped()));
            QVERIFY(legend.contains(pass->runColor(id).name()));
        }
        QVERIFY(pass->runColor(pass->shownRuns()[0]) != pass->runColor(pass->shownRuns()[1]));
        // Without a legend the axes take the panel's width (an empty legend grid once capped it).
        dash.resize(1200, 800);
        dash.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dash));
        pass->plot()->replot();
        QVERIFY2(pass->plot()->axisRect()->outerRect().width() > 0.9 * pass->plot()->width(),
                 qPrintable(QStringLiteral("axes %1 of %2 px")
                                .arg(pass->plot()->axisRect()->outerRect().width())
                                .arg(pass->plot()->width())));
        // A family panel (every pass@k) keeps its legend of keys.
        CurvesView* family = dash.curvePanels()[1];
        family->setCurrentMetric(QStringLiteral("eval/pass@k"));
        QVERIFY(family->plot()->legend->itemCount() > 0);
        QVERIFY(family->plot()->legend->visible());
        family->setCurrentMetric(QStringLiteral("eval/pass@8"));
        CurvesView* reward = dash.curvePanels()[3];
        QCOMPARE(reward->currentMetric(), QStringLiteral("reward"));
        QVERIFY(reward->isSmoothed());
        // The distribution panel: quantiles of the advantage used over the 3 steps.
        DistributionPlot* dist = dash.distributionPanels().front();
        QVERIFY(waitUntil([&] { return dist->steps().size() == 3; }));
        // Layout: saved and restored.
        dash.setPanels({QStringLiteral("curve:kl"), QStringLiteral("dist:length")});
        dash.setColumns(2);
        DashboardView again;
        QCOMPARE(again.panels(), (QStringList{QStringLiteral("curve:kl"), QStringLiteral("dist:length")}));
        QCOMPARE(again.columns(), 2);
        again.resetLayout();
        QCOMPARE(again.panels(), DashboardView::defaultPanels());
    }

    void runsManagement() {
        // On a copy: rename, tags, notes, search, stored config, delete; every edit one transaction.
        const QString path = m_dir.filePath("manage.sqlite");
        QVERIFY(QFile::copy(m_path, path));
        RunDataSource source;
        RunsBrowser browser;
        browser.setDataSource(&source);
        source.setPollIntervalMs(20);
        source.openDatabase(path);
        QVERIFY(waitUntil([&] { return browser.model()->rowCount() == 6; }));
        const qint64 id = m_gcpo[1];
        QString error;
        QVERIFY2(browser.renameRun(id, QStringLiteral("  gcpo seed 2 (beta 1)  "), &error), qPrintable(error));
        QVERIFY(waitUntil([&] { return source.run(id) && source.run(id)->name == std::string("gcpo seed 2 (beta 1)"); }));
        QVERIFY(!browser.renameRun(id, QStringLiteral("   "), &error));  // an empty name is refused, naming why
        QVERIFY(!error.isEmpty());
        QVERIFY2(browser.setRunTags(id, {QStringLiteral("keep"), QStringLiteral(" paper ")}, &error), qPrintable(error));
        QVERIFY2(browser.setRunNotes(id, QStringLiteral("the best seed so far"), &error), qPrintable(error));
        browser.setSearchText(QStringLiteral("PAPER"));  // tags match, case-insensitive
        QCOMPARE(browser.visibleRunCount(), 1);
        browser.setSearchText(QStringLiteral("best seed"));  // notes match
        QCOMPARE(browser.visibleRunCount(), 1);
        browser.setSearchText(QStringLiteral("grpo"));  // algorithm and names
        QCOMPARE(browser.visibleRunCount(), 3);
        browser.setSearchText(QString());
        QCOMPARE(browser.visibleRunCount(), 6);
        const QString config = browser.storedConfig(id, &error);
        QVERIFY(config.contains(QStringLiteral("\"volume_scale\"")));
        QSignalSpy fromConfig(&browser, &RunsBrowser::newRunFromConfigRequested);
        QVERIFY2(browser.deleteRun(m_grpo[2], &error), qPrintable(error));
        QVERIFY(waitUntil([&] { return browser.model()->rowCount() == 5; }));
        QVERIFY(browser.model()->rowOfRun(m_grpo[2]) < 0);
        QVERIFY(!browser.deleteRun(m_grpo[2], &error));  // already gone: a clear error
        QVERIFY(error.contains(QString::number(m_grpo[2])));
    }

    void wheelNeverChangesAnUnfocusedField() {
        QScrollArea area;
        auto* form = new QWidget;
        auto* layout = new QVBoxLayout(form);
        auto* spin = new QSpinBox;
        spin->setRange(1, 64);
        spin->setValue(8);
        layout->addWidget(spin);
        layout->addSpacing(2000);  // a form taller than its scroll area
        area.setWidget(form);
        area.resize(200, 200);
        area.show();
        WheelGuard guard;
        qApp->installEventFilter(&guard);
        const QPointF at(5, 5);
        QWheelEvent down(at, spin->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                         false);
        QApplication::sendEvent(spin, &down);
        QCOMPARE(spin->value(), 8);                      // unchanged
        QVERIFY(area.verticalScrollBar()->value() > 0);  // the form scrolled instead
        QVERIFY(!WheelGuard::guards(area.verticalScrollBar()));
        qApp->removeEventFilter(&guard);
    }

    void logPanelLevelsAndTail() {
        QCOMPARE(LogPanel::levelOf(QStringLiteral("step 3/10 reward 0.41 (ETA 0:12)")), LogPanel::Level::Info);
        QCOMPARE(LogPanel::levelOf(QStringLiteral("warning: rollout retention drops step 4")), LogPanel::Level::Warning);
        QCOMPARE(LogPanel::levelOf(QStringLiteral("gcpo-train: run failed at step 7: non-finite loss")), LogPanel::Level::Error);
        LogPanel log;
        log.resize(400, 150);
        log.show();
        for (int i = 0; i < 200; ++i)
            log.appendLine(QStringLiteral("progress line %1 ").arg(i) + QString(300, QLatin1Char('x')), true);
        QVERIFY(log.followsTail());  // a long line (horizontal scroll bar) does not stop following
        auto* text = log.findChild<QPlainTextEdit*>(QStringLiteral("logText"));
        text->verticalScrollBar()->setValue(10);  // the user scrolls up to read
        log.appendLine(QStringLiteral("one more"));
        QCOMPARE(text->verticalScrollBar()->value(), 10);
        QVERIFY(!log.followsTail());
        text->verticalScrollBar()->setValue(text->verticalScrollBar()->maximum());
        log.appendLine(QStringLiteral("and another"));
        QVERIFY(log.followsTail());
    }

    void quantilesMatchNumpy() {
        // numpy.percentile([1, 2, 3, 4, 10], [5, 25, 50, 75, 95]) = 1.2, 2, 3, 4, 8.8
        std::vector<double> v{10, 3, 1, 4, 2};
        const StepQuantiles q = quantilesOf(v);
        QVERIFY(std::abs(q.q05 - 1.2) < 1e-12 && q.q25 == 2.0 && q.q50 == 3.0 && q.q75 == 4.0 && std::abs(q.q95 - 8.8) < 1e-12);
    }

    void singlePointSeriesIsVisible() {
        // A run with one step: its only point gets a marker and a sensible range, not an empty one.
        const QString path = m_dir.filePath("one.sqlite");
        const int64_t id = writeRun(path, "one", "gcpo", {makeStep(0, 0, true, 0)});
        FollowedCurves f(path, id, "reward");
        CurvesView& view = f.view;
        QVERIFY(waitUntil([&] { return view.pointCount(id, "reward") == 1; }));
        QTest::qWait(100);
        QVERIFY(view.plot()->xAxis->range().size() > 0.0);
        QVERIFY(view.plot()->yAxis->range().size() > 0.0);
        QVERIFY(view.plot()->yAxis->range().contains(0.0));
        QVERIFY(view.plot()->graph(0)->scatterStyle().shape() != QCPScatterStyle::ssNone);
    }

    void flatSeriesAfterAWideOneGetsANarrowRange() {
        // An all-zero metric (the KL of a run without a KL term) shown after one in the tens of
        // thousands: the axis fits the zeros, not the previous metric's span.
        const QString path = m_dir.filePath("flat.sqlite");
        std::vector<store::StepRecord> steps;
        for (int64_t s = 0; s < 5; ++s) {
            steps.push_back(makeStep(0, s, false, 0));
            steps.back().metrics.push_back({"tokens", 10000.0 * s});
            steps.back().metrics.push_back({"kl", 0.0});
            steps.back().metrics.push_back({"entropy", 0.5});
        }
        const int64_t id = writeRun(path, "flat", "grpo", steps);
        FollowedCurves f(path, id, "tokens");
        CurvesView& view = f.view;
        QVERIFY(waitUntil([&] { return view.pointCount(id, "tokens") == 5; }));
        QVERIFY(view.plot()->yAxis->range().size() > 10000.0);
        view.setCurrentMetric(QStringLiteral("kl"));
        QVERIFY(waitUntil([&] { return view.pointCount(id, "kl") == 5; }));
        QTest::qWait(100);
        const QCPRange y = view.plot()->yAxis->range();
        QVERIFY2(y.contains(0.0) && y.size() > 0.0 && y.size() < 1.0, qPrintable(QString("%1 .. %2").arg(y.lower).arg(y.upper)));
        // The same on a log axis: a flat positive series after the wide one.
        view.setLogY(true);
        view.setCurrentMetric(QStringLiteral("tokens"));
        QVERIFY(waitUntil([&] { return view.pointCount(id, "tokens") == 5; }));
        QVERIFY(view.plot()->yAxis->range().upper > 10000.0);
        view.setCurrentMetric(QStringLiteral("entropy"));
        QVERIFY(waitUntil([&] { return view.pointCount(id, "entropy") == 5; }));
        QTest::qWait(100);
        const QCPRange logY = view.plot()->yAxis->range();
        QVERIFY2(logY.contains(0.5) && logY.lower > 0.0 && logY.upper < 2.0,
                 qPrintable(QString("%1 .. %2").arg(logY.lower).arg(logY.upper)));
    }
};

QTEST_MAIN(TestWorkbenchViews)
#include "test_workbench_views.moc"
