// MainWindow: creates the panels and views, connects them, and keeps the layout in QSettings.
#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

#include <exception>

#include "about_dialog.h"
#include "config_panel.h"
#include "demo_summary_dialog.h"
#include "log_panel.h"
#include "run_data_source.h"
#include "run_launcher.h"
#include "runs_browser.h"
#include "runs_table_model.h"
#include "settings_dialog.h"
#include "store/run_store.h"
#include "views/compare_view.h"
#include "views/coverage_view.h"
#include "views/credit_view.h"
#include "views/curves_view.h"
#include "views/dashboard_view.h"
#include "views/rollout_groups_view.h"
#include "wheel_guard.h"

namespace gcpo::ui {

namespace {
constexpr int kLayoutVersion = 1;

QString formatDuration(double seconds) {
    if (seconds < 0) return QStringLiteral("–");
    const qint64 s = qint64(seconds + 0.5);
    return s >= 3600 ? QStringLiteral("%1:%2:%3")
                           .arg(s / 3600)
                           .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
                           .arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

bool resumable(const std::optional<gcpo::store::RunStatus>& status) { return status && RunsTableModel::resumable(*status); }
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("GCPO Workbench"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/gcpo.svg")));
    setDockNestingEnabled(true);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setMinimumSize(900, 600);

    m_source = new RunDataSource(this);
    m_launcher = new RunLauncher(this);
    // The wheel never changes an unfocused field (one guard per application).
    if (!qApp->findChild<WheelGuard*>()) qApp->installEventFilter(new WheelGuard(qApp));
    createActions();
    createDocks();
    createMenus();

    m_phase = new QLabel(tr("Idle"), this);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("trainingProgress"));
    m_progress->setMaximumWidth(320);
    m_progress->setTextVisible(true);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    statusBar()->addPermanentWidget(m_phase);
    statusBar()->addPermanentWidget(m_progress);

    connect(m_source, &RunDataSource::databaseError, this, [this](const QString& path, const QString& msg) {
        showError(tr("Cannot open database"), tr("%1\n\n%2").arg(path, msg));
    });
    connect(m_source, &RunDataSource::databaseOpened, this, [this](const QString& path) {
        setWindowTitle(tr("%1 – GCPO Workbench").arg(QFileInfo(path).fileName()));
        m_config->setDatabase(path);
        updateActions();
    });
    connect(m_source, &RunDataSource::runsChanged, this, &MainWindow::updateActions);
    connect(m_source, &RunDataSource::databaseClosed, this, [this] {
        m_config->setDatabase(QString());
        updateActions();
    });
    connect(m_config, &ConfigPanel::databaseChosen, this, &MainWindow::newDatabase);
    connect(m_runs, &RunsBrowser::selectionChanged, this, &MainWindow::onRunSelection);
    connect(m_runs, &RunsBrowser::recentChosen, this, &MainWindow::openDatabase);
    connect(m_runs, &RunsBrowser::resumeRequested, this, &MainWindow::resumeRun);
    connect(m_runs, &RunsBrowser::newRunFromConfigRequested, this, [this](const QString& json) {
        QString error;
        nlohmann::json config;
        try {
            config = nlohmann::json::parse(json.toStdString());
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        if (error.isEmpty() && m_config->setConfig(config, &error)) {
            findChild<QDockWidget*>(QStringLiteral("configDock"))->raise();
            statusBar()->showMessage(tr("The configuration panel holds the run's config: change what you want, then Start"),
                                     8000);
        } else {
            showError(tr("New run from this config"), error);
        }
    });
    connect(m_runs, &RunsBrowser::showLogRequested, this, [this](qint64 id) {
        const gcpo::store::RunInfo* r = m_source->run(id);
        m_log->showStoredLog(m_source->databasePath(), id, r ? QString::fromStdString(r->name) : QString());
        m_logDock->raise();
    });
    connect(m_config, &ConfigPanel::validityChanged, this, &MainWindow::updateActions);
    connect(m_config, &ConfigPanel::startRequested, this, &MainWindow::startTraining);
    connect(m_launcher, &RunLauncher::logLine, m_log, qOverload<const QString&, bool>(&LogPanel::appendLine));
    connect(m_launcher, &RunLauncher::progress, this, &MainWindow::onProgress);
    connect(m_launcher, &RunLauncher::finished, this, &MainWindow::onTrainerFinished);
    connect(m_launcher, &RunLauncher::failed, this, [this](const QString& msg) {
        m_log->appendLine(msg, LogPanel::Level::Error);
        showError(tr("Cannot start training"), msg);
    });
    connect(m_launcher, &RunLauncher::started, this, [this] {
        m_phase->setText(tr("Starting gcpo-train…"));
        m_progress->setRange(0, 0);  // busy until the first progress line
        updateActions();
    });
    connect(m_launcher, &RunLauncher::runCreated, this, [this](qint64 id) {
        m_runs->addToSelection(id);
        m_source->refreshNow();
    });
    restoreLayout();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions() {
    const auto make = [this](const QString& icon, const QString& text, const QKeySequence& key, const QString& tip) {
        auto* a = new QAction(icon.isEmpty() ? QIcon() : QIcon(icon), text, this);
        if (!key.isEmpty()) a->setShortcut(key);
        a->setStatusTip(tip);
        a->setToolTip(key.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        return a;
    };
    m_openAction = make(QStringLiteral(":/icons/open.svg"), tr("&Open Database…"), QKeySequence::Open, tr("Open a run database"));
    m_newAction =
        make(QStringLiteral(":/icons/new.svg"), tr("&New Database…"), QKeySequence::New, tr("Create an empty run database"));
    m_startAction = make(QStringLiteral(":/icons/start.svg"), tr("&Start Training"), QKeySequence(Qt::CTRL | Qt::Key_R),
                         tr("Start gcpo-train with the configuration panel's settings"));
    m_stopAction = make(QStringLiteral(":/icons/stop.svg"), tr("S&top Training"), QKeySequence(Qt::CTRL | Qt::Key_Period),
                        tr("Stop gracefully: finish the step, checkpoint, mark the run interrupted"));
    m_resumeAction = make(QStringLiteral(":/icons/resume.svg"), tr("&Resume Run"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                          tr("Resume the selected interrupted or crashed run from its last checkpoint"));
    m_demoAction = make(QString(), tr("Run the &Demo Experiment"), QKeySequence(),
                        tr("SFT warm-up, then GRPO and GCPO from the same checkpoint, in the open database"));
    m_demoSummaryAction = make(QString(), tr("&What This Demo Shows…"), QKeySequence(),
                               tr("The demo's question and its measured result with its uncertainty"));
    m_demoSummaryAction->setObjectName(QStringLiteral("demoSummaryAction"));
    m_exportAction = make(QStringLiteral(":/icons/export.svg"), tr("&Export Plot…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                          tr("Export the active view's plot as PNG, PDF, SVG or its data as CSV"));
    m_settingsAction =
        make(QStringLiteral(":/icons/settings.svg"), tr("Se&ttings…"), QKeySequence::Preferences, tr("Language and theme"));
    m_aboutAction = make(QStringLiteral(":/icons/about.svg"), tr("&About GCPO Workbench"), QKeySequence(),
                         tr("Versions of Qt, LibTorch and the database schema"));
    m_quitAction = make(QString(), tr("&Quit"), QKeySequence::Quit, tr("Quit the workbench"));
    m_stopAction->setObjectName(QStringLiteral("stopAction"));
    m_startAction->setObjectName(QStringLiteral("startAction"));

    connect(m_openAction, &QAction::triggered, this, &MainWindow::onOpenTriggered);
    connect(m_newAction, &QAction::triggered, this, &MainWindow::onNewTriggered);
    connect(m_startAction, &QAction::triggered, this, &MainWindow::startTraining);
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopTraining);
    connect(m_resumeAction, &QAction::triggered, this, &MainWindow::onResumeTriggered);
    connect(m_demoAction, &QAction::triggered, this, [this] { startDemo(m_source->databasePath()); });
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::onExportTriggered);
    connect(m_settingsAction, &QAction::triggered, this, [this] { SettingsDialog(this).exec(); });
    connect(m_aboutAction, &QAction::triggered, this, [this] { AboutDialog(this).exec(); });
    connect(m_demoSummaryAction, &QAction::triggered, this, [this] {
        auto* dialog = new DemoSummaryDialog(this);  // non-modal: it stays open beside the live views
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    connect(m_quitAction, &QAction::triggered, this, &MainWindow::close);
}

QDockWidget* MainWindow::addDock(QWidget* w, const QString& title, const QString& name, Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name);  // the key saveState() stores the dock under
    dock->setWidget(w);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createDocks() {
    m_runs = new RunsBrowser(this);
    m_runs->setDataSource(m_source);
    m_runs->setDatabaseActions({m_openAction, m_newAction, m_resumeAction});
    m_config = new ConfigPanel(this);
    m_log = new LogPanel(this);
    QDockWidget* runsDock = addDock(m_runs, tr("Runs"), QStringLiteral("runsDock"), Qt::LeftDockWidgetArea);
    QDockWidget* configDock = addDock(m_config, tr("Run configuration"), QStringLiteral("configDock"), Qt::LeftDockWidgetArea);
    splitDockWidget(runsDock, configDock, Qt::Vertical);

    m_views = {new DashboardView(this), new RolloutGroupsView(this), new CoverageView(this), new CreditView(this),
               new CompareView(this)};
    const QStringList names{QStringLiteral("curvesDock"), QStringLiteral("groupsDock"), QStringLiteral("coverageDock"),
                            QStringLiteral("creditDock"), QStringLiteral("compareDock")};
    for (int i = 0; i < m_views.size(); ++i) {
        RunView* view = m_views[i];
        view->setDataSource(m_source);
        QDockWidget* dock = addDock(view, view->viewTitle(), names[i], Qt::RightDockWidgetArea);
        if (i > 0) tabifyDockWidget(m_viewDocks.first(), dock);
        connect(dock, &QDockWidget::visibilityChanged, this, [this, view](bool visible) {
            if (visible) m_activeView = view;
        });
        auto* a = new QAction(view->viewTitle(), this);
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(a, &QAction::triggered, this, [this, i] { showView(i); });
        m_viewActions << a;
        m_viewDocks << dock;
    }
    m_activeView = m_views.first();
    m_logDock = addDock(m_log, tr("Log"), QStringLiteral("logDock"), Qt::BottomDockWidgetArea);
    setTabPosition(Qt::RightDockWidgetArea, QTabWidget::North);
    m_viewDocks.first()->raise();
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_openAction, m_newAction});
    file->addMenu(m_runs->recentMenu());
    file->addSeparator();
    file->addAction(m_exportAction);
    file->addSeparator();
    file->addAction(m_settingsAction);
    file->addSeparator();
    file->addAction(m_quitAction);
    QMenu* training = menuBar()->addMenu(tr("&Training"));
    training->addActions({m_startAction, m_stopAction, m_resumeAction});
    training->addSeparator();
    training->addAction(m_demoAction);
    training->addAction(m_demoSummaryAction);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addActions(m_viewActions);
    view->addSeparator();
    QMenu* panels = view->addMenu(tr("Panels"));
    for (QDockWidget* dock : findChildren<QDockWidget*>()) panels->addAction(dock->toggleViewAction());
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_demoSummaryAction);
    help->addAction(m_aboutAction);

    QToolBar* tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setIconSize(QSize(20, 20));
    tools->addActions({m_openAction, m_startAction, m_stopAction, m_resumeAction, m_exportAction});
}

void MainWindow::restoreLayout() {
    QSettings s;
    if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray())) {
        const QRect avail = screen() ? screen()->availableGeometry() : QRect(0, 0, 1600, 1000);
        resize(std::min(1500, avail.width() * 9 / 10), std::min(950, avail.height() * 9 / 10));
    }
    if (restoreState(s.value(QStringLiteral("window/state")).toByteArray(), kLayoutVersion)) return;
    // First start: the views get most of the room once the window has its size.
    QTimer::singleShot(0, this, [this] {
        QDockWidget* runsDock = findChild<QDockWidget*>(QStringLiteral("runsDock"));
        QDockWidget* configDock = findChild<QDockWidget*>(QStringLiteral("configDock"));
        // Below 1400 px the views need every pixel (the compare table's difference column).
        const int left = width() < 1400 ? 32 : 36;
        resizeDocks({runsDock, m_viewDocks.first()}, {width() * left / 100, width() * (100 - left) / 100}, Qt::Horizontal);
        // Runs get room for several rows (at 800 px high 30 % showed two); the form scrolls.
        resizeDocks({runsDock, configDock}, {height() * 38 / 100, height() * 62 / 100}, Qt::Vertical);
        resizeDocks({m_viewDocks.first(), m_logDock}, {height() * 78 / 100, height() * 22 / 100}, Qt::Vertical);
    });
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_launcher->isRunning()) {
        const auto answer = QMessageBox::question(
            this, tr("Training is running"),
            tr("gcpo-train is still training. Stop it (it checkpoints, and the run can be resumed later) and quit?"));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState(kLayoutVersion));
    event->accept();  // ~RunLauncher stops a running child gracefully
}

void MainWindow::showError(const QString& title, const QString& text) {
    m_lastError = text;
    statusBar()->showMessage(title, 10000);
    // Not exec(): a message must never stall the live views (or a test driving the window).
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("errorBox"));
    box->open();
}

bool MainWindow::openDatabase(const QString& path) {
    if (!QFileInfo(path).isFile()) {
        showError(tr("Cannot open database"), tr("%1 does not exist.").arg(path));
        return false;
    }
    try {  // checked here first so the user gets the store's own reason at once; nothing is written
        const gcpo::store::RunStore probe(path.toStdString(), gcpo::store::RunStore::Mode::Read);
    } catch (const std::exception& e) {
        showError(tr("Not a GCPO run database"), QString::fromUtf8(e.what()));
        return false;
    }
    m_source->openDatabase(QFileInfo(path).absoluteFilePath());
    return true;
}

bool MainWindow::newDatabase(const QString& path) {
    if (QFileInfo(path).isFile() && QFileInfo(path).size() > 0) return openDatabase(path);
    try {
        const gcpo::store::RunStore created(path.toStdString(), gcpo::store::RunStore::Mode::Write);
    } catch (const std::exception& e) {
        showError(tr("Cannot create database"), QString::fromUtf8(e.what()));
        return false;
    }
    return openDatabase(path);
}

bool MainWindow::startDemo(const QString& path, int steps) {
    if (path.isEmpty() || !newDatabase(path)) return false;
    try {  // a demo already training in this file (another window or the CLI): just follow it
        const gcpo::store::RunStore store(path.toStdString(), gcpo::store::RunStore::Mode::Read);
        for (const auto& r : store.listRuns())
            if (r.status == gcpo::store::RunStatus::Running) {
                statusBar()->showMessage(tr("A run is already training in this database; following it."), 10000);
                return true;
            }
    } catch (const std::exception&) {}
    m_config->setRunning(true);
    return m_launcher->startDemo(QFileInfo(path).absoluteFilePath(), steps);
}

bool MainWindow::startTraining() {
    if (m_launcher->isRunning() || !m_config->isValid() || !m_source->isOpen()) return false;
    m_log->appendLine(tr("Starting a run in %1").arg(m_source->databasePath()));
    m_config->setRunning(true);
    const bool ok = m_launcher->startRun(m_source->databasePath(), m_config->configJson());
    if (!ok) m_config->setRunning(false);
    return ok;
}

void MainWindow::stopTraining() {
    m_launcher->stop();
    m_phase->setText(tr("Stopping: finishing the step and checkpointing…"));
}

bool MainWindow::resumeRun(qint64 runId) {
    if (m_launcher->isRunning() || !m_source->isOpen()) return false;
    m_config->setRunning(true);
    m_runs->model()->clearCrashed(runId);
    const bool ok = m_launcher->startResume(m_source->databasePath(), runId);
    if (!ok) m_config->setRunning(false);
    return ok;
}

void MainWindow::showView(int index) {
    if (index < 0 || index >= m_viewDocks.size()) return;
    m_viewDocks[index]->show();
    m_viewDocks[index]->raise();
    m_activeView = m_views[index];
    m_views[index]->setFocus();
}

void MainWindow::onProgress(const TrainProgress& p) {
    QString phase;
    if (p.phase == QLatin1String("sft")) phase = tr("SFT warm-up");
    else if (p.phase == QLatin1String("eval")) phase = tr("Evaluating");
    else if (p.phase == QLatin1String("step")) phase = tr("Training");
    else if (p.phase == QLatin1String("done")) phase = tr("Finished");
    else if (p.phase == QLatin1String("interrupted")) phase = tr("Interrupted");
    else if (p.phase == QLatin1String("failed")) phase = tr("Failed");
    else phase = p.phase;
    if (p.total > 0) {
        m_progress->setRange(0, int(p.total));
        m_progress->setValue(int(std::clamp<qint64>(p.step, 0, p.total)));  // steps done
        m_progress->setFormat(tr("%v / %m  (ETA %1)").arg(formatDuration(p.etaSeconds)));
    }
    m_phase->setText(p.runId >= 0 ? tr("%1 – run %2").arg(phase).arg(p.runId) : phase);
    if (!p.message.isEmpty()) statusBar()->showMessage(p.message, 5000);
}

void MainWindow::onTrainerFinished(int exitCode, bool crashed, const QString& summary) {
    m_config->setRunning(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(exitCode == 0 && !crashed ? 1 : 0);
    m_progress->setFormat(QStringLiteral("%p%"));
    m_phase->setText(summary.section(QLatin1Char('\n'), 0, 0));
    statusBar()->showMessage(summary.section(QLatin1Char('\n'), 0, 0), 15000);
    if (crashed && m_launcher->currentRunId() >= 0) m_runs->model()->markCrashed(m_launcher->currentRunId());
    if (exitCode != 0 || crashed) {
        m_logDock->show();
        m_logDock->raise();
        if (m_launcher->currentRunId() >= 0)
            m_log->showStoredLog(m_launcher->database(), m_launcher->currentRunId(), QString(), 20);
    }
    m_source->refreshNow();
    updateActions();
}

void MainWindow::onRunSelection(const QList<qint64>& runIds) {
    if (runIds.size() == 1) {
        const gcpo::store::RunInfo* r = m_source->run(runIds.first());
        const auto status = m_runs->runStatus(runIds.first());
        using gcpo::store::RunStatus;
        if (r && (status == RunStatus::Crashed || status == RunStatus::Failed) && !m_launcher->isRunning())
            m_log->showStoredLog(m_source->databasePath(), r->id, QString::fromStdString(r->name), 20);
    }
    updateActions();
}

void MainWindow::updateActions() {
    const bool running = m_launcher->isRunning();
    // Start needs a valid config and an open database to write the run into.
    m_startAction->setEnabled(!running && m_config->isValid() && m_source->isOpen());
    m_startAction->setToolTip(m_source->isOpen() ? tr("Start gcpo-train with the configuration panel's settings (Ctrl+R)")
                                                 : tr("Open or create a run database first (File > Open / New)"));
    m_stopAction->setEnabled(running);
    m_demoAction->setEnabled(!running && m_source->isOpen());
    bool canResume = false;
    for (qint64 id : m_runs->selectedRuns()) canResume = canResume || resumable(m_runs->runStatus(id));
    m_resumeAction->setEnabled(!running && canResume);
    m_config->setRunning(running);
}

void MainWindow::onOpenTriggered() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open run database"), QString(),
                                                      tr("Run databases (*.sqlite *.db);;All files (*)"));
    if (!path.isEmpty()) openDatabase(path);
}

void MainWindow::onNewTriggered() {
    const QString path = QFileDialog::getSaveFileName(this, tr("New run database"), QStringLiteral("runs.sqlite"),
                                                      tr("Run databases (*.sqlite *.db)"));
    if (!path.isEmpty()) newDatabase(path);
}

void MainWindow::onResumeTriggered() {
    for (qint64 id : m_runs->selectedRuns()) {
        if (resumable(m_runs->runStatus(id))) {
            resumeRun(id);
            return;
        }
    }
}

void MainWindow::onExportTriggered() {
    RunView* view = m_activeView;
    if (!view) return;
    QString filter;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export %1").arg(view->viewTitle()), QStringLiteral("plot.png"),
        tr("PNG image (*.png);;PDF document (*.pdf);;SVG vector image (*.svg);;CSV data, full resolution (*.csv)"), &filter);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + filter.section(QLatin1String("*."), 1).section(QLatin1Char(')'), 0, 0);
    QString error;
    if (view->exportCurrent(path, &error)) statusBar()->showMessage(tr("Exported %1").arg(path), 8000);
    else showError(tr("Export failed"), error);
}

}  // namespace gcpo::ui
