// Workbench shell tests (label gui, offscreen): the runs model under QAbstractItemModelTester, the
// config panel's inline validation, foreign files refused and left byte-identical, and real tiny
// gcpo-train runs started from the launcher (live progress, graceful stop) and shown in every view.
#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QDockWidget>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <qcustomplot.h>
#include <sqlite3.h>

#include "config_panel.h"
#include "log_panel.h"
#include "main_window.h"
#include "run_data_source.h"
#include "run_launcher.h"
#include "runs_browser.h"
#include "runs_table_model.h"
#include "rl/train_config.h"
#include "store/run_store.h"
#include "views/compare_view.h"
#include "views/coverage_view.h"
#include "views/dashboard_view.h"
#include "views/final_metrics_model.h"
#include "views/credit_view.h"
#include "views/curves_view.h"
#include "views/rollout_groups_view.h"
#include "config_diff_model.h"
#include "group_table_model.h"

using namespace gcpo::ui;
using gcpo::store::RunStore;

namespace {

// A run small enough for a test: random init (no SFT), B = 2, G = 4, 8 new tokens, tiny eval.
QByteArray tinyConfig(const QString& algorithm, int steps) {
    return QStringLiteral(R"({"name": "gui-%1", "algorithm": "%1", "seed": 3, "steps": %2,
        "model": {"init": "scratch"},
        "sampling": {"prompts_per_step": 2, "group_size": 4, "max_new_tokens": 8},
        "eval": {"every": 2, "prompts": 2, "samples": 2, "k": [1, 2]},
        "checkpoint": {"every": 1}})")
        .arg(algorithm)
        .arg(steps)
        .toUtf8();
}

QByteArray fileDigest(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

bool plotHasData(QCustomPlot* plot) {
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot->plottable(i);
        if (auto* one = p->interface1D(); one && one->dataCount() > 0) return true;
        if (auto* map = qobject_cast<QCPColorMap*>(p); map && map->data()->keySize() > 0) return true;
    }
    return false;
}

gcpo::store::RunInfo summary(qint64 id, gcpo::store::RunStatus status, qint64 lastStep) {
    gcpo::store::RunInfo r;
    r.id = id;
    r.name = "run" + std::to_string(id);
    r.algorithm = "gcpo";
    r.status = status;
    r.totalSteps = 10;
    r.lastStep = lastStep;
    return r;
}

}  // namespace

class TestWorkbench : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void runsModel();
    void progressLineParsing();
    void configPanelMarksInvalidField_data();
    void configPanelMarksInvalidField();
    void presetsAreValid_data();
    void presetsAreValid();
    void configRoundTrip();
    void foreignFileRefusedUnchanged_data();
    void foreignFileRefusedUnchanged();
    void launcherRefusesMissingTrainer();
    void launcherLiveRunAndStop();
    void crashShowsCrashedAndResumes();
    void endToEndViewsFill();

private:
    QTemporaryDir m_dir;
};

void TestWorkbench::initTestCase() {
    Q_INIT_RESOURCE(workbench);
    QStandardPaths::setTestModeEnabled(true);  // QSettings of the tests never touch the user's
    QCoreApplication::setOrganizationName(QStringLiteral("gcpo-test"));
    QCoreApplication::setApplicationName(QStringLiteral("test_workbench"));
    QVERIFY(m_dir.isValid());
}

void TestWorkbench::runsModel() {
    RunsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setRuns({summary(1, gcpo::store::RunStatus::Finished, 9), summary(2, gcpo::store::RunStatus::Running, 3)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(RunsTableModel::ColumnCount));
    QCOMPARE(model.data(model.index(1, RunsTableModel::ColStep)).toString(), QStringLiteral("3 / 10"));

    // A poll adds a run and turns run 2 into crashed (stale heartbeat): rows updated in place.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setRuns({summary(1, gcpo::store::RunStatus::Finished, 9), summary(2, gcpo::store::RunStatus::Crashed, 3),
                   summary(3, gcpo::store::RunStatus::Running, -1)});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.data(model.index(1, RunsTableModel::ColStatus), RunsTableModel::StatusRole).toInt(),
             int(gcpo::store::RunStatus::Crashed));
    QCOMPARE(model.data(model.index(1, RunsTableModel::ColStatus)).toString(),
             RunsTableModel::statusText(gcpo::store::RunStatus::Crashed));
    QVERIFY(model.data(model.index(1, RunsTableModel::ColStatus), Qt::ToolTipRole).toString().contains(QStringLiteral("Resume")));
    QCOMPARE(model.data(model.index(2, RunsTableModel::ColStep)).toString(), QStringLiteral("0 / 10"));

    RunsTableModel::KeyMetrics m;
    m.reward = 0.625;
    model.setKeyMetrics(3, m);
    QCOMPARE(model.data(model.index(2, RunsTableModel::ColReward), RunsTableModel::SortRole).toDouble(), 0.625);
    QCOMPARE(model.data(model.index(2, RunsTableModel::ColCoverage)).toString(), QStringLiteral("–"));

    // This window's trainer died: crashed at once, until the database says otherwise.
    model.markCrashed(3);
    QVERIFY(model.status(2) == gcpo::store::RunStatus::Crashed);
    model.setRuns({summary(1, gcpo::store::RunStatus::Finished, 9), summary(2, gcpo::store::RunStatus::Crashed, 3),
                   summary(3, gcpo::store::RunStatus::Running, 0)});
    QVERIFY(model.status(2) == gcpo::store::RunStatus::Crashed);
    model.setRuns({summary(1, gcpo::store::RunStatus::Finished, 9), summary(2, gcpo::store::RunStatus::Crashed, 3),
                   summary(3, gcpo::store::RunStatus::Interrupted, 0)});
    QVERIFY(model.status(2) == gcpo::store::RunStatus::Interrupted);

    // Another database: different ids, so the model starts over.
    model.setRuns({summary(7, gcpo::store::RunStatus::Interrupted, 1)});
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.runIdAt(0), qint64(7));
    QCOMPARE(model.rowOfRun(3), -1);
    QVERIFY(std::isnan(model.keyMetrics(3).reward));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestWorkbench::progressLineParsing() {
    TrainProgress p;
    QVERIFY(parseProgressLine(
        R"({"phase":"step","run_id":4,"step":2,"total":10,"elapsed_s":1.5,"eta_s":6.0,"metrics":{"reward":0.5},"message":""})",
        &p));
    QCOMPARE(p.phase, QStringLiteral("step"));
    QCOMPARE(p.runId, qint64(4));
    QCOMPARE(p.step, qint64(2));
    QCOMPARE(p.total, qint64(10));
    QCOMPARE(p.etaSeconds, 6.0);
    QCOMPARE(p.metrics.value(QStringLiteral("reward")).toDouble(), 0.5);
    QVERIFY(parseProgressLine(R"({"phase":"sft","step":5,"total":100})", &p));
    QCOMPARE(p.runId, qint64(-1));
    QVERIFY(parseProgressLine(R"({"phase":"sft","run_id":0,"step":25,"total":600,"metrics":{"kind":"train"}})", &p));
    QCOMPARE(p.runId, qint64(-1));  // the SFT warm-up belongs to no run
    QCOMPARE(p.total, qint64(600));
    QVERIFY(p.etaSeconds < 0);
    QVERIFY(!parseProgressLine("step 3/10 reward 0.5", &p));
    QVERIFY(!parseProgressLine(R"({"no_phase": 1})", &p));
    QVERIFY(!parseProgressLine("{broken", &p));
}

void TestWorkbench::configPanelMarksInvalidField_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("text");  // typed into a line edit; empty: set the spin box
    QTest::addColumn<int>("spinValue");
    QTest::newRow("group size 1") << "sampling.group_size" << QString() << 1;
    QTest::newRow("k above n") << "eval.k"
                               << "1, 2, 64" << 0;
    QTest::newRow("lr not a number") << "optim.lr"
                                     << "fast" << 0;
    QTest::newRow("lr out of range") << "optim.lr"
                                     << "5" << 0;
    QTest::newRow("bad device") << "device"
                                << "tpu" << 0;
}

void TestWorkbench::configPanelMarksInvalidField() {
    QFETCH(QString, path);
    QFETCH(QString, text);
    QFETCH(int, spinValue);
    ConfigPanel panel;
    panel.setDatabase(m_dir.filePath(QStringLiteral("runs.sqlite")));
    QVERIFY2(panel.isValid(), qPrintable(panel.issues().join(QLatin1Char('\n'))));
    QVERIFY(panel.startButton()->isEnabled());
    QSignalSpy validity(&panel, &ConfigPanel::validityChanged);

    QWidget* editor = panel.editor(path);
    QVERIFY(editor);
    QVERIFY(!editor->toolTip().isEmpty());  // every field says what it does
    if (text.isEmpty()) qobject_cast<QSpinBox*>(editor)->setValue(spinValue);
    else qobject_cast<QLineEdit*>(editor)->setText(text);

    QVERIFY(!panel.isValid());
    QVERIFY(!panel.issueFor(path).isEmpty());
    QVERIFY(editor->property("gcpoInvalid").toBool());
    QVERIFY(!panel.startButton()->isEnabled());
    QCOMPARE(validity.count(), 1);
    QCOMPARE(validity.first().first().toBool(), false);
    // Only the offending field is marked.
    QVERIFY(!panel.editor(QStringLiteral("seed"))->property("gcpoInvalid").toBool());

    // A preset that replaces the whole config makes it valid again and enables Start.
    QString error;
    QVERIFY2(panel.applyPreset(QStringLiteral("demo"), &error), qPrintable(error));
    QVERIFY2(panel.isValid(), qPrintable(panel.issues().join(QLatin1Char('\n'))));
    QVERIFY(!editor->property("gcpoInvalid").toBool());
    QVERIFY(panel.startButton()->isEnabled());
    QCOMPARE(validity.last().first().toBool(), true);

    panel.setRunning(true);  // never two trainers from one window
    QVERIFY(!panel.startButton()->isEnabled());
}

void TestWorkbench::presetsAreValid_data() {
    QTest::addColumn<QString>("id");
    for (const QString& id : ConfigPanel::presetIds()) QTest::newRow(qPrintable(id)) << id;
}

void TestWorkbench::presetsAreValid() {
    QFETCH(QString, id);
    ConfigPanel panel;
    panel.setDatabase(m_dir.filePath(QStringLiteral("runs.sqlite")));
    qobject_cast<QSpinBox*>(panel.editor(QStringLiteral("steps")))->setValue(123);
    QString error;
    QVERIFY2(panel.applyPreset(id, &error), qPrintable(error));
    QVERIFY2(panel.isValid(), qPrintable(panel.issues().join(QLatin1Char('\n'))));
    QVERIFY(panel.startButton()->isEnabled());
    const nlohmann::json cfg = panel.config();
    if (id == QLatin1String("demo")) {
        // the demo replaces everything: its steps are the demo config's, not the 123 set above
        QFile demo(qEnvironmentVariable("GCPO_RESOURCES") + QStringLiteral("/configs/demo.json"));
        QVERIFY(demo.open(QIODevice::ReadOnly));
        QCOMPARE(cfg["steps"].get<int>(), nlohmann::json::parse(demo.readAll().toStdString())["steps"].get<int>());
    } else {
        QCOMPARE(QString::fromStdString(cfg["algorithm"].get<std::string>()), id);
        // the whole form is reset to the preset: steps back to the default
        QCOMPARE(cfg["steps"].get<int>(), gcpo::rl::defaultConfig()["steps"].get<int>());
    }
    if (id == QLatin1String("dapo")) QCOMPARE(cfg["algo"]["clip_high"].get<double>(), 0.28);
    if (id == QLatin1String("grpo")) QCOMPARE(cfg["algo"]["clip_high"].get<double>(), 0.2);
}

void TestWorkbench::configRoundTrip() {
    ConfigPanel panel;
    QString error;
    QVERIFY(panel.setConfig(nlohmann::json::parse(tinyConfig(QStringLiteral("grpo"), 7).toStdString()), &error));
    QVERIFY2(panel.isValid(), qPrintable(panel.issues().join(QLatin1Char('\n'))));
    const QString path = m_dir.filePath(QStringLiteral("saved.json"));
    QVERIFY2(panel.saveFile(path, &error), qPrintable(error));
    ConfigPanel other;
    QVERIFY2(other.loadFile(path, &error), qPrintable(error));
    QCOMPARE(other.config(), panel.config());
    QCOMPARE(other.config()["sampling"]["group_size"].get<int>(), 4);
    QCOMPARE(other.config()["eval"]["k"], nlohmann::json::array({1, 2}));
    QVERIFY(!other.loadFile(m_dir.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY(!error.isEmpty());
}

void TestWorkbench::foreignFileRefusedUnchanged_data() {
    QTest::addColumn<QString>("kind");
    QTest::newRow("text") << "text";
    QTest::newRow("other sqlite") << "sqlite";
    QTest::newRow("newer schema") << "newer";
}

void TestWorkbench::foreignFileRefusedUnchanged() {
    QFETCH(QString, kind);
    const QString path = m_dir.filePath(QStringLiteral("foreign_%1.db").arg(kind));
    if (kind == QLatin1String("text")) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("name,value\nnot,a database\n");
    } else {
        if (kind == QLatin1String("newer")) RunStore(path.toStdString(), RunStore::Mode::Write);
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
        const char* sql = kind == QLatin1String("newer")
                              ? "PRAGMA user_version = 99;"
                              : "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES('x');";
        QCOMPARE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
    }
    const QByteArray before = fileDigest(path);
    const qint64 sizeBefore = QFileInfo(path).size();
    const bool walBefore = QFile::exists(path + QStringLiteral("-wal"));
    QVERIFY(!before.isEmpty());

    MainWindow window;
    QVERIFY(!window.openDatabase(path));
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox*>(QStringLiteral("errorBox"))) != nullptr);
    QVERIFY(box->isVisible());
    QVERIFY2(box->text().contains(QFileInfo(path).fileName()), qPrintable(box->text()));
    QVERIFY(!window.dataSource()->isOpen());
    box->close();
    QCOMPARE(fileDigest(path), before);
    QCOMPARE(QFileInfo(path).size(), sizeBefore);
    // SQLite may leave an empty -wal beside a WAL-mode file it opened read-only; never content.
    if (!walBefore) QCOMPARE(QFileInfo(path + QStringLiteral("-wal")).size(), qint64(0));
}

void TestWorkbench::launcherRefusesMissingTrainer() {
    const QByteArray saved = qgetenv("GCPO_TRAIN");
    qputenv("GCPO_TRAIN", m_dir.filePath(QStringLiteral("no-such-trainer")).toUtf8());
    RunLauncher launcher;
    QSignalSpy failed(&launcher, &RunLauncher::failed);
    QVERIFY(!launcher.startRun(m_dir.filePath(QStringLiteral("x.sqlite")), tinyConfig(QStringLiteral("gcpo"), 3)));
    QCOMPARE(failed.count(), 1);
    QVERIFY(!launcher.isRunning());
    qputenv("GCPO_TRAIN", saved);
}

// A real gcpo-train child: progress lines arrive live, the runs list follows the database, and
// Stop (SIGTERM) ends it as interrupted with exit code 130.
void TestWorkbench::launcherLiveRunAndStop() {
    if (RunLauncher::trainerPath().isEmpty()) QSKIP("gcpo-train not found (set GCPO_TRAIN)");
    const QString db = m_dir.filePath(QStringLiteral("live.sqlite"));
    RunStore(db.toStdString(), RunStore::Mode::Write);  // an empty database to follow from the start

    RunDataSource source;
    RunsBrowser browser;
    browser.setDataSource(&source);
    source.setPollIntervalMs(100);
    source.openDatabase(db);
    RunLauncher launcher;
    QSignalSpy progress(&launcher, &RunLauncher::progress);
    QSignalSpy created(&launcher, &RunLauncher::runCreated);
    QSignalSpy finished(&launcher, &RunLauncher::finished);
    QVERIFY(launcher.startRun(db, tinyConfig(QStringLiteral("gcpo"), 500)));
    QVERIFY(launcher.isRunning());

    const auto stepsSeen = [&progress] {
        int n = 0;
        for (const auto& args : progress) n += args.first().value<TrainProgress>().phase == QLatin1String("step");
        return n;
    };
    QTRY_VERIFY_WITH_TIMEOUT(stepsSeen() >= 2, 180000);
    QVERIFY(created.count() >= 1);
    const qint64 runId = created.first().first().toLongLong();
    const TrainProgress last = launcher.lastProgress();
    QCOMPARE(last.runId, runId);
    QCOMPARE(last.total, qint64(500));
    QVERIFY(last.step >= 1);
    // The runs model follows the database the trainer writes.
    RunsTableModel* model = browser.model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOfRun(runId) >= 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(model->runAt(model->rowOfRun(runId))->lastStep >= 1, 10000);
    QVERIFY(model->runAt(model->rowOfRun(runId))->status == gcpo::store::RunStatus::Running);
    QVERIFY(browser.selectedRuns().contains(runId));  // a newly opened database shows its run

    launcher.stop();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
    QCOMPARE(finished.first().at(0).toInt(), 130);
    QCOMPARE(finished.first().at(1).toBool(), false);
    QVERIFY(!launcher.isRunning());
    const RunStore store(db.toStdString(), RunStore::Mode::Read);
    const auto info = store.runInfo(runId);
    QCOMPARE(QString::fromStdString(gcpo::store::toString(info.status)), QStringLiteral("interrupted"));
    QVERIFY(info.lastStep < 499);
    QVERIFY(!store.checkpoints(runId).empty());
    QTRY_VERIFY_WITH_TIMEOUT(model->runAt(model->rowOfRun(runId))->status == gcpo::store::RunStatus::Interrupted, 10000);
}

// The trainer killed (SIGKILL) under the window: the window stays up, the run shows as crashed
// with its log tail, and Resume continues it from its last checkpoint.
void TestWorkbench::crashShowsCrashedAndResumes() {
    if (RunLauncher::trainerPath().isEmpty()) QSKIP("gcpo-train not found (set GCPO_TRAIN)");
    const QString db = m_dir.filePath(QStringLiteral("crash.sqlite"));
    MainWindow window;
    window.dataSource()->setPollIntervalMs(100);
    QVERIFY(window.newDatabase(db));
    QVERIFY(window.configPanel()->setConfig(nlohmann::json::parse(tinyConfig(QStringLiteral("grpo"), 500).toStdString())));
    QVERIFY(window.configPanel()->startButton()->isEnabled());
    QSignalSpy progress(window.launcher(), &RunLauncher::progress);
    QSignalSpy finished(window.launcher(), &RunLauncher::finished);
    QVERIFY(window.startTraining());
    QVERIFY(!window.configPanel()->startButton()->isEnabled());  // one trainer at a time
    QTRY_VERIFY_WITH_TIMEOUT(
        window.launcher()->lastProgress().phase == QLatin1String("step") && window.launcher()->lastProgress().step >= 2, 180000);
    const qint64 runId = window.launcher()->currentRunId();
    QVERIFY(runId > 0);

    window.launcher()->kill();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QCOMPARE(finished.first().at(1).toBool(), true);  // crashed
    QVERIFY(window.runsBrowser()->runStatus(runId) == gcpo::store::RunStatus::Crashed);
    QVERIFY(window.configPanel()->startButton()->isEnabled());
    QVERIFY(window.logPanel()->text().contains(QStringLiteral("crashed")));
    {
        const RunStore store(db.toStdString(), RunStore::Mode::Read);
        QVERIFY(!store.checkpoints(runId).empty());
    }

    finished.clear();
    QVERIFY(window.resumeRun(runId));
    QTRY_VERIFY_WITH_TIMEOUT(window.launcher()->lastProgress().phase == QLatin1String("step"), 180000);
    QCOMPARE(window.launcher()->lastProgress().runId, runId);
    QTRY_VERIFY_WITH_TIMEOUT(window.runsBrowser()->runStatus(runId) == gcpo::store::RunStatus::Running, 10000);
    window.stopTraining();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    QCOMPARE(finished.first().at(0).toInt(), 130);
    QTRY_VERIFY_WITH_TIMEOUT(window.runsBrowser()->runStatus(runId) == gcpo::store::RunStatus::Interrupted, 10000);
}

// Two tiny finished runs made by the CLI, opened in the window: every view shows data.
void TestWorkbench::endToEndViewsFill() {
    const QString trainer = RunLauncher::trainerPath();
    if (trainer.isEmpty()) QSKIP("gcpo-train not found (set GCPO_TRAIN)");
    const QString db = m_dir.filePath(QStringLiteral("e2e.sqlite"));
    for (const QString& algo : {QStringLiteral("grpo"), QStringLiteral("gcpo")}) {
        const QString cfg = m_dir.filePath(algo + QStringLiteral(".json"));
        QFile f(cfg);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(tinyConfig(algo, 4));
        f.close();
        QProcess p;
        p.start(trainer, {QStringLiteral("run"), QStringLiteral("--config"), cfg, QStringLiteral("--db"), db});
        QVERIFY(p.waitForFinished(300000));
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, p.readAllStandardError().constData());
    }

    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(window.openDatabase(db));
    QTRY_COMPARE_WITH_TIMEOUT(window.runsBrowser()->model()->rowCount(), 2, 10000);
    window.runsBrowser()->selectRuns({1, 2});
    QTRY_COMPARE(window.dataSource()->followedRuns(), (QList<qint64>{1, 2}));

    auto* curves = qobject_cast<DashboardView*>(window.views().at(0));
    auto* groups = qobject_cast<RolloutGroupsView*>(window.views().at(1));
    auto* coverage = qobject_cast<CoverageView*>(window.views().at(2));
    auto* credit = qobject_cast<CreditView*>(window.views().at(3));
    auto* compare = qobject_cast<CompareView*>(window.views().at(4));
    QVERIFY(curves && groups && coverage && credit && compare);
    for (int i = 0; i < 5; ++i) {  // each view raised in turn, as Ctrl+1..5 do
        window.showView(i);
        QCOMPARE(window.activeView(), window.views().at(i));
    }
    window.showView(0);
    QVERIFY(curves->plots().size() >= 5);                                   // several metric panels at once
    QTRY_VERIFY_WITH_TIMEOUT(plotHasData(curves->plots().first()), 10000);  // pass@k (eval)
    window.showView(1);
    QTRY_VERIFY_WITH_TIMEOUT(groups->groupModel()->rowCount() == 2, 10000);  // B = 2 groups per step
    groups->selectGroup(0);
    QTRY_VERIFY(window.dataSource()->currentGroup().isValid());
    window.showView(2);
    QTRY_COMPARE_WITH_TIMEOUT(coverage->pointCount(), 4, 10000);  // G = 4 rollouts
    window.showView(3);
    QTRY_COMPARE_WITH_TIMEOUT(credit->barCount(), 4, 10000);
    QVERIFY(plotHasData(credit->plots().first()));
    window.showView(4);
    QTRY_COMPARE_WITH_TIMEOUT(compare->comparedRuns().size(), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(compare->configModel()->rowCount() > 0, 10000);  // algorithm differs
    QTRY_VERIFY_WITH_TIMEOUT(plotHasData(compare->plots().first()), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(compare->metricsModel()->rowCount() > 0, 10000);  // final metrics of both arms
    QCOMPARE(compare->data().arms().size(), 2);

    // Export of the active view writes a real file.
    const QString png = m_dir.filePath(QStringLiteral("compare.png"));
    QString error;
    QVERIFY2(window.activeView()->exportCurrent(png, &error), qPrintable(error));
    QVERIFY(QFileInfo(png).size() > 1000);
}

QTEST_MAIN(TestWorkbench)
#include "test_workbench.moc"
