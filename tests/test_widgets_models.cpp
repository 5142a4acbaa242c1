// Workbench data layer and live views on a small but real run database written with the store's
// writer: item models (QAbstractItemModelTester), incremental delivery by the data source, every
// view filling from it, the what-if recomputation against computeCredit, and plot export.
#include <QtTest>

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>

#include <cmath>

#include <qcustomplot.h>

#include "config_diff_model.h"
#include "eval_sample_model.h"
#include "group_table_model.h"
#include "rl/credit.h"
#include "rollout_table_model.h"
#include "run_data_source.h"
#include "store/run_store.h"
#include "views/arm_curves.h"
#include "views/compare_view.h"
#include "views/coverage_view.h"
#include "views/credit_view.h"
#include "views/curves_view.h"
#include "views/rollout_groups_view.h"

using namespace gcpo;
using namespace gcpo::ui;

namespace {

constexpr int kB = 3;  // groups per step
constexpr int kG = 4;  // rollouts per group
constexpr int kD = 6;  // embedding dimension
const char* kMetricKeys[] = {"reward", "accuracy", "kl", "gcpo/team_coverage", "rollouts_consumed"};
constexpr int kMetricsPerStep = 5;

std::vector<float> embeddingFor(int64_t step, int group, int rollout) {
    std::vector<float> e(kD);
    for (int j = 0; j < kD; ++j)
        e[static_cast<size_t>(j)] = static_cast<float>(std::sin(0.7 * (j + 1) * (rollout + 1) + 0.3 * group + 0.05 * step) +
                                                       (j == rollout % kD ? 1.0 : 0.0));
    return e;
}

// One step of run `runId`: metrics, B groups of G rollouts with embeddings and stored credit, and
// evaluations (2 prompts x 4 samples) at even steps.
void writeStep(store::RunStore& w, int64_t runId, int64_t step, bool algoGcpo) {
    store::StepRecord rec;
    rec.runId = runId;
    rec.step = step;
    for (int k = 0; k < kMetricsPerStep; ++k) {
        const double v = k == 4 ? static_cast<double>((step + 1) * kB * kG) : 0.1 * step + k + (algoGcpo ? 0.5 : 0.0);
        rec.metrics.push_back({kMetricKeys[k], v});
    }
    for (int g = 0; g < kB; ++g) {
        std::vector<double> rewards, emb;
        for (int r = 0; r < kG; ++r) {
            rewards.push_back((r + g + step) % 3 == 0 ? 0.0 : 1.0);
            const auto e = embeddingFor(step, g, r);
            emb.insert(emb.end(), e.begin(), e.end());
        }
        const rl::CreditResult credit = rl::computeCredit(rewards, emb, kD, rl::CreditConfig{});
        store::GroupRecord gr;
        gr.groupIndex = g;
        gr.prompt = "prompt " + std::to_string(g) + " of step " + std::to_string(step);
        gr.family = "countdown";
        gr.teamCoverage = credit.teamReward;
        for (int r = 0; r < kG; ++r) {
            store::RolloutRecord ro;
            ro.groupIndex = g;
            ro.rolloutIndex = r;
            ro.completion = "completion " + std::to_string(r);
            ro.parsedAnswer = std::to_string(r % 2);
            ro.canonicalAnswer = ro.parsedAnswer;
            ro.reward = rewards[static_cast<size_t>(r)];
            ro.correct = ro.reward > 0.5;
            ro.grpoAdvantage = credit.grpoAdvantage[static_cast<size_t>(r)];
            ro.gcpoCredit = credit.credit[static_cast<size_t>(r)];
            ro.advantageUsed = algoGcpo ? credit.advantage[static_cast<size_t>(r)] : ro.grpoAdvantage;
            ro.length = 10 + r;
            ro.embedding = embeddingFor(step, g, r);
            gr.correctCount += ro.correct ? 1 : 0;
            gr.rewardMean += ro.reward / kG;
            rec.rollouts.push_back(std::move(ro));
        }
        gr.zeroStd = gr.correctCount == 0 || gr.correctCount == kG;
        rec.groups.push_back(gr);
    }
    if (step % 2 == 0) {
        rec.evals = {{"pass@1", 0.2 + 0.01 * step}, {"pass@8", 0.5}, {"distinct_correct", algoGcpo ? 2.0 : 1.0}};
        for (int p = 0; p < 2; ++p)
            for (int s = 0; s < 4; ++s) {
                store::EvalSample es;
                es.promptIndex = p;
                es.prompt = "eval prompt " + std::to_string(p);
                es.sampleIndex = s;
                es.completion = "answer " + std::to_string(algoGcpo ? s : 0);
                es.parsedAnswer = std::to_string(algoGcpo ? s : 0);
                es.canonicalAnswer = es.parsedAnswer;
                es.correct = s != 3;
                rec.evalSamples.push_back(es);
            }
    }
    w.writeStep(rec);
}

bool waitUntil(const std::function<bool()>& ready, int ms = 5000) {
    QElapsedTimer t;
    t.start();
    while (!ready() && t.elapsed() < ms) QTest::qWait(10);
    return ready();
}

qsizetype fileLines(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return -1;
    return f.readAll().count('\n');
}

}  // namespace

class TestWidgetsModels : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<store::RunStore> m_writer;
    int64_t m_gcpo = 0;
    int64_t m_grpo = 0;

    void openFollowing(RunDataSource& source, const QList<qint64>& runs) {
        source.setPollIntervalMs(20);
        source.openDatabase(m_path);
        source.setFollowedRuns(runs);
        for (qint64 id : runs) QVERIFY(waitUntil([&] { return source.deliveredStep(id) == m_writer->maxStep(id); }));
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("runs.sqlite"));
        m_writer = std::make_unique<store::RunStore>(m_path.toStdString(), store::RunStore::Mode::Write);
        store::RunInfo a;
        a.name = "gcpo-a";
        a.algorithm = "gcpo";
        a.configJson =
            R"({"algo":{"name":"gcpo","scale_by_std":true},"gcpo":{"kernel":"cosine","volume_scale":1.0},"seed":1,"lr":0.001})";
        store::RunInfo b = a;
        b.name = "grpo-b";
        b.algorithm = "grpo";
        b.configJson = R"({"algo":{"name":"grpo","scale_by_std":true},"gcpo":{"kernel":"cosine","volume_scale":2.0},"seed":1})";
        m_gcpo = m_writer->createRun(a);
        m_grpo = m_writer->createRun(b);
        for (int64_t s = 0; s < 5; ++s) {
            writeStep(*m_writer, m_gcpo, s, true);
            writeStep(*m_writer, m_grpo, s, false);
        }
    }

    void groupModel() {
        GroupTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGroups(m_writer->groups(m_gcpo, 2), kG);
        QCOMPARE(model.rowCount(), kB);
        QCOMPARE(model.rowCount(model.index(0, 0)), 0);
        QCOMPARE(model.columnCount(), static_cast<int>(GroupTableModel::ColumnCount));
        QCOMPARE(model.data(model.index(1, GroupTableModel::Prompt)).toString(), QStringLiteral("prompt 1 of step 2"));
        QCOMPARE(model.data(model.index(1, GroupTableModel::Index), GroupTableModel::kGroupIndexRole).toInt(), 1);
        QVERIFY(model.data(model.index(0, GroupTableModel::Correct)).toString().endsWith(QStringLiteral("/ 4")));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void rolloutModelAndPalette() {
        RolloutTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRollouts(m_writer->rollouts(m_gcpo, 1, 0));
        QCOMPARE(model.rowCount(), kG);
        QCOMPARE(model.rowCount(model.index(0, 0)), 0);
        // Diverging palette: 0 is the table's base colour, positive green, negative orange.
        QCOMPARE(RolloutTableModel::advantageColor(0.0, 1.0), QApplication::palette().color(QPalette::Base));
        const QColor pos = RolloutTableModel::advantageColor(1.0, 1.0);
        const QColor neg = RolloutTableModel::advantageColor(-1.0, 1.0);
        QVERIFY(pos.green() > pos.red());
        QVERIFY(neg.red() > neg.blue() && neg.red() > neg.green());
        // Sorting by the raw value through a proxy orders the rewards.
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(Qt::UserRole);
        proxy.sort(RolloutTableModel::Reward, Qt::DescendingOrder);
        for (int r = 1; r < proxy.rowCount(); ++r)
            QVERIFY(proxy.index(r - 1, RolloutTableModel::Reward).data(Qt::UserRole).toDouble() >=
                    proxy.index(r, RolloutTableModel::Reward).data(Qt::UserRole).toDouble());
    }

    void configDiffModel() {
        const auto flat = ConfigDiffModel::flatten(R"({"a":{"b":1,"c":[true,"x"]},"d":null})");
        QCOMPARE(flat.value("a.b"), QStringLiteral("1"));
        QCOMPARE(flat.value("a.c.0"), QStringLiteral("true"));
        QCOMPARE(flat.value("a.c.1"), QStringLiteral("x"));
        QCOMPARE(flat.value("d"), QStringLiteral("null"));
        ConfigDiffModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns({"a", "b"}, {QString::fromStdString(m_writer->runInfo(m_gcpo).configJson),
                                   QString::fromStdString(m_writer->runInfo(m_grpo).configJson)});
        QCOMPARE(model.differingKeys(), (QStringList{"algo.name", "gcpo.volume_scale", "lr"}));
        QCOMPARE(model.columnCount(), 3);
        QCOMPARE(model.data(model.index(2, 2)).toString(), QObject::tr("(not set)"));
    }

    void evalSampleModel() {
        EvalSampleModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSamples({"a", "b"}, {m_writer->evalSamples(m_gcpo, 2), m_writer->evalSamples(m_grpo, 2)});
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.correctCount(0), 6);     // 2 prompts x 3 correct
        QCOMPARE(model.distinctCorrect(0), 3);  // answers 0, 1, 2
        QCOMPARE(model.distinctCorrect(1), 1);
    }

    void dataSourceIncremental() {
        RunDataSource source;
        QSignalSpy metrics(&source, &RunDataSource::metricsAppended);
        QSignalSpy evals(&source, &RunDataSource::evalsAppended);
        QSignalSpy runs(&source, &RunDataSource::runsChanged);
        openFollowing(source, {m_gcpo});
        QVERIFY(runs.count() >= 1);
        QCOMPARE(source.runs().size(), 2);
        QVERIFY(source.run(m_gcpo)->status == store::RunStatus::Running);
        MetricBatch all = source.metricHistory(m_gcpo);
        const qint64 before = m_writer->maxStep(m_gcpo);
        QCOMPARE(all.pointCount(), (before + 1) * kMetricsPerStep);
        QCOMPARE(all.clockSteps.size(), before + 1);
        QCOMPARE(source.evalHistory(m_gcpo).series.value("pass@1").values.size(), 3);
        QVERIFY(evals.count() >= 1);

        metrics.clear();
        for (int64_t s = before + 1; s <= before + 3; ++s) writeStep(*m_writer, m_gcpo, s, true);
        writeStep(*m_writer, m_grpo, before + 1, false);
        QVERIFY(waitUntil([&] { return source.deliveredStep(m_gcpo) == before + 3; }));
        qsizetype newPoints = 0;
        for (const auto& args : metrics) {
            QCOMPARE(args.at(0).toLongLong(), m_gcpo);  // the unfollowed run is not delivered
            const auto batch = args.at(1).value<MetricBatch>();
            for (double step : batch.series.value("reward").steps) QVERIFY(step > before);
            newPoints += batch.pointCount();
        }
        QCOMPARE(newPoints, 3 * kMetricsPerStep);
        QCOMPARE(source.metricHistory(m_gcpo).series.value("reward").values.size(), before + 4);
    }

    void dataSourceRefusesForeignFile() {
        const QString foreign = m_dir.filePath("notes.txt");
        QFile f(foreign);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a database\n");
        f.close();
        RunDataSource source;
        QSignalSpy errors(&source, &RunDataSource::databaseError);
        source.openDatabase(foreign);
        QCOMPARE(errors.count(), 1);
        QVERIFY(!source.isOpen());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("not a database\n"));
    }

    void curvesView() {
        RunDataSource source;
        CurvesView view;
        view.setDataSource(&source);
        view.setCurrentMetric("reward");
        openFollowing(source, {m_gcpo, m_grpo});
        const int nA = static_cast<int>(m_writer->maxStep(m_gcpo) + 1);
        const int nB = static_cast<int>(m_writer->maxStep(m_grpo) + 1);
        QVERIFY(waitUntil([&] { return view.pointCount(m_gcpo, "reward") == nA && view.pointCount(m_grpo, "reward") == nB; }));
        const int replots = view.replotCount();
        // Live: new steps arrive as appended points, redrawn through the coalescing timer.
        writeStep(*m_writer, m_grpo, nB, false);
        QVERIFY(waitUntil([&] { return view.pointCount(m_grpo, "reward") == nB + 1; }));
        QVERIFY(view.replotCount() > replots);
        // Smoothing: the debiased EMA starts at the first raw value; the raw graph keeps every point.
        QCustomPlot* plot = view.plot();
        QCPGraph* raw = nullptr;
        QCPGraph* smooth = nullptr;
        for (int i = 0; i < plot->graphCount(); ++i)
            if (plot->graph(i)->dataCount() == nA) (raw ? smooth : raw) = plot->graph(i);
        QVERIFY(raw && smooth);
        QCOMPARE(smooth->data()->at(0)->value, raw->data()->at(0)->value);
        QVERIFY(smooth->data()->at(nA - 1)->value < raw->data()->at(nA - 1)->value);  // lags a rising series
        // Evaluation metrics and the rollouts-consumed axis.
        view.setCurrentMetric("eval/pass@k");
        QCOMPARE(view.pointCount(m_gcpo, "eval/pass@1"), (nA + 1) / 2);
        view.setXAxis(CurvesView::XAxis::RolloutsConsumed);
        view.setCurrentMetric("reward");
        QCPGraph* g = plot->graph(0);
        QCOMPARE(g->data()->at(1)->key, 2.0 * kB * kG);
        QVERIFY(view.metricIds().contains("clip_ratio"));
    }

    void rolloutGroupsView() {
        RunDataSource source;
        RolloutGroupsView view;
        view.setDataSource(&source);
        QAbstractItemModelTester groupTester(view.groupModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester rolloutTester(view.rolloutModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        openFollowing(source, {m_gcpo});
        QVERIFY(waitUntil([&] { return view.currentStep() == m_writer->maxStep(m_gcpo); }));
        QCOMPARE(view.groupModel()->rowCount(), kB);
        QCOMPARE(view.rolloutModel()->rowCount(), kG);
        QVERIFY(source.currentGroup().isValid());
        view.setStep(1);
        QVERIFY(!view.followLive());
        QCOMPARE(view.currentStep(), 1);
        view.selectGroup(2);
        QCOMPARE(source.currentGroup(), (GroupRef{m_gcpo, 1, 2}));
        QCOMPARE(view.rolloutModel()->rollouts().front().gcpoCredit, m_writer->rollouts(m_gcpo, 1, 2).front().gcpoCredit);
        view.setFollowLive(true);
        writeStep(*m_writer, m_gcpo, m_writer->maxStep(m_gcpo) + 1, true);
        QVERIFY(waitUntil([&] { return view.currentStep() == m_writer->maxStep(m_gcpo); }));
        QCOMPARE(view.currentGroupIndex(), 2);  // the selected group stays selected
    }

    void coverageView() {
        RunDataSource source;
        CoverageView view;
        view.setDataSource(&source);
        openFollowing(source, {m_gcpo});
        source.setCurrentGroup({m_gcpo, 2, 1});
        QCOMPARE(view.pointCount(), kG);
        QCOMPARE(view.contextPointCount(), 0);
        QCOMPARE(view.teamCoverage(), m_writer->groups(m_gcpo, 2)[1].teamCoverage);
        auto* map = qobject_cast<QCPColorMap*>(view.kernelPlot()->plottable(0));
        QVERIFY(map);
        QCOMPARE(map->data()->keySize(), kG);
        QCOMPARE(map->data()->cell(1, 1), 1.0);  // cosine kernel diagonal
        view.setShowAllGroups(true);
        QCOMPARE(view.contextPointCount(), (kB - 1) * kG);
        // One PCA frame per run, fitted on step 0: the same embedding projects the same everywhere.
        const PcaProjection* pca = view.projection(m_gcpo);
        QVERIFY(pca && pca->isFitted());
        const QPointF p = pca->project(embeddingFor(0, 0, 0));
        source.setCurrentGroup({m_gcpo, 4, 0});
        QCOMPARE(view.projection(m_gcpo)->project(embeddingFor(0, 0, 0)), p);
        PcaProjection fresh;
        std::vector<std::vector<float>> rows;
        for (const auto& r : m_writer->rollouts(m_gcpo, 0)) rows.push_back(r.embedding);
        QVERIFY(fresh.fit(rows));
        QCOMPARE(fresh.project(embeddingFor(0, 0, 0)), p);
    }

    void creditViewWhatIf() {
        RunDataSource source;
        CreditView view;
        view.setDataSource(&source);
        openFollowing(source, {m_gcpo});
        source.setCurrentGroup({m_gcpo, 3, 0});
        QCOMPARE(view.barCount(), kG);
        const auto rollouts = m_writer->rollouts(m_gcpo, 3, 0);
        double sum = 0.0;
        for (size_t i = 0; i < rollouts.size(); ++i) {
            QCOMPARE(view.storedCredits()[i], rollouts[i].gcpoCredit);
            sum += rollouts[i].gcpoCredit;
        }
        QVERIFY(std::abs(sum - view.storedTeamCoverage()) < 1e-9);
        rl::CreditConfig c;
        c.kernel = rl::KernelKind::Rbf;
        c.rbfGamma = 0.5;
        c.volumeScale = 3.0;
        c.estimator = rl::CreditEstimator::LeaveOneOut;
        c.accuracyWeight = 0.25;
        view.setWhatIfConfig(c);
        QVERIFY2(view.hasWhatIf(), qPrintable(view.whatIfError()));
        std::vector<double> rewards, emb;
        for (const auto& r : rollouts) {
            rewards.push_back(r.reward);
            emb.insert(emb.end(), r.embedding.begin(), r.embedding.end());
        }
        const rl::CreditResult expected = rl::computeCredit(rewards, emb, kD, c);
        QCOMPARE(view.whatIfResult().teamReward, expected.teamReward);
        QCOMPARE(view.whatIfResult().credit, expected.credit);
        QCOMPARE(view.whatIfResult().advantage, expected.advantage);
        QVERIFY(std::abs(view.whatIfResult().teamReward - view.storedTeamCoverage()) > 1e-6);  // changed game
        QCOMPARE(view.storedCredits()[0], rollouts[0].gcpoCredit);                             // stored values kept for contrast
    }

    void compareView() {
        RunDataSource source;
        CompareView view;
        view.setDataSource(&source);
        openFollowing(source, {m_gcpo, m_grpo});
        QCOMPARE(view.configModel()->differingKeys(), (QStringList{"algo.name", "gcpo.volume_scale", "lr"}));
        QVERIFY(view.commonEvalSteps().contains(2));
        view.setEvalStep(2);
        view.setPromptIndex(1);
        QCOMPARE(view.sampleModel()->columnCount(), 2);
        QCOMPARE(view.sampleModel()->rowCount(), 4);
        QCOMPARE(view.sampleModel()->distinctCorrect(0), 3);
        QCOMPARE(view.sampleModel()->distinctCorrect(1), 1);
        QVERIFY(waitUntil([&] { return !view.armCurves()->meanValues(1).isEmpty(); }));
        QCOMPARE(view.armCurves()->meanValues(1).front(), 0.2);  // one seed: the run's own pass@1 at step 0
    }

    void compareViewFollowsARunSelectionWithTheSameEvalSteps() {
        // Regression: going from one run to two whose evaluation steps are the same must still
        // show both runs' samples side by side.
        RunDataSource source;
        CompareView view;
        view.setDataSource(&source);
        openFollowing(source, {m_gcpo});
        view.setEvalStep(2);
        QCOMPARE(view.sampleModel()->columnCount(), 1);
        source.setFollowedRuns({m_gcpo, m_grpo});
        QVERIFY(waitUntil([&] { return view.sampleModel()->columnCount() == 2; }));
    }

    void exportFormats() {
        RunDataSource source;
        CurvesView curves;
        CreditView credit;
        CoverageView coverage;
        curves.setDataSource(&source);
        credit.setDataSource(&source);
        coverage.setDataSource(&source);
        curves.setCurrentMetric("reward");
        openFollowing(source, {m_gcpo});
        const int n = static_cast<int>(m_writer->maxStep(m_gcpo) + 1);
        QVERIFY(waitUntil([&] { return curves.pointCount(m_gcpo, "reward") == n; }));
        source.setCurrentGroup({m_gcpo, 1, 0});
        QString error;
        for (RunView* view : QList<RunView*>{&curves, &credit, &coverage}) {
            const QStringList files = view->exportPlots(m_dir.path(), "export_" + QString::number(quintptr(view)), &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(files.size(), 4 * view->plots().size());
            for (const QString& f : files) QVERIFY2(QFileInfo(f).size() > 0, qPrintable(f));
        }
        // CSV at full resolution: header + raw and EMA graphs, every point.
        const QString csv = m_dir.filePath("curves.csv");
        QVERIFY(curves.exportCurrent(csv, &error));
        QCOMPARE(fileLines(csv), 1 + 2 * n);
        QFile svg(m_dir.filePath("curves.svg"));
        QVERIFY(curves.exportCurrent(svg.fileName(), &error));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("<svg"));
        QVERIFY(!curves.exportCurrent(m_dir.filePath("curves.bmpx"), &error));
        QVERIFY(!error.isEmpty());
    }

    void dataSourceRunReset() {
        RunDataSource source;
        QSignalSpy resets(&source, &RunDataSource::runReset);
        openFollowing(source, {m_grpo});
        m_writer->deleteStepsAfter(m_grpo, 1);
        QVERIFY(waitUntil([&] { return resets.count() == 1 && source.deliveredStep(m_grpo) == 1; }));
        QCOMPARE(source.metricHistory(m_grpo).series.value("reward").values.size(), 2);
    }

    void dataSourcePriorityKeysFirst() {
        // A long run opened in bulk: the keys a view shows arrive first, in their own batch.
        store::RunInfo info;
        info.name = "long";
        info.algorithm = "gcpo";
        info.configJson = "{}";
        const int64_t run = m_writer->createRun(info);
        try {
            for (int64_t s = 0; s < 100; ++s) writeStep(*m_writer, run, s, true);
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
        RunDataSource source;
        QObject requester;
        source.setPriorityKeys(&requester, {"kl"});
        QSignalSpy metrics(&source, &RunDataSource::metricsAppended);
        openFollowing(source, {run});
        QVERIFY(metrics.count() >= 2);
        const auto first = metrics.at(0).at(1).value<MetricBatch>();
        QCOMPARE(first.series.keys(), QStringList{"kl"});
        QCOMPARE(first.series.value("kl").values.size(), 100);
        QCOMPARE(first.clockSteps.size(), 100);
        const auto rest = metrics.at(1).at(1).value<MetricBatch>();
        QVERIFY(!rest.series.contains("kl"));
        QCOMPARE(rest.series.size(), kMetricsPerStep - 1);
        const MetricBatch all = source.metricHistory(run);
        QCOMPARE(all.pointCount(), 100 * kMetricsPerStep);
        QCOMPARE(all.clockSteps.size(), 100);
    }
};

QTEST_MAIN(TestWidgetsModels)
#include "test_widgets_models.moc"
