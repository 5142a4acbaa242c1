// The main window: wiring only. Dockable panels (runs browser, run configuration, log, and the
// live views), the actions with their shortcuts, the progress bar, and the saved layout.
#pragma once

#include <QList>
#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QProgressBar;

namespace gcpo::ui {

class ConfigPanel;
class LogPanel;
class RunDataSource;
class RunLauncher;
class RunView;
class RunsBrowser;
struct TrainProgress;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a run database read-only. A file that is not one (or of a newer schema) gets a
    // message box with the store's error and is left untouched; returns false then.
    bool openDatabase(const QString& path);
    // Creates an empty run database (refuses a file that exists and is not one) and opens it.
    bool newDatabase(const QString& path);
    // Creates/opens `path` and starts `gcpo-train demo` in it at once (steps 0: the demo's own).
    bool startDemo(const QString& path, int steps = 0);
    bool startTraining();
    void stopTraining();
    bool resumeRun(qint64 runId);
    void showView(int index);  // 0..4: dashboard, rollout groups, coverage, credit, compare

    RunDataSource* dataSource() const { return m_source; }
    RunLauncher* launcher() const { return m_launcher; }
    RunsBrowser* runsBrowser() const { return m_runs; }
    ConfigPanel* configPanel() const { return m_config; }
    LogPanel* logPanel() const { return m_log; }
    QProgressBar* progressBar() const { return m_progress; }
    QList<RunView*> views() const { return m_views; }
    QList<QDockWidget*> viewDocks() const { return m_viewDocks; }
    RunView* activeView() const { return m_activeView; }
    QString lastError() const { return m_lastError; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createDocks();
    void createMenus();
    QDockWidget* addDock(QWidget* w, const QString& title, const QString& name, Qt::DockWidgetArea area);
    void showError(const QString& title, const QString& text);
    void onProgress(const TrainProgress& p);
    void onTrainerFinished(int exitCode, bool crashed, const QString& summary);
    void onRunSelection(const QList<qint64>& runIds);
    void updateActions();
    void onOpenTriggered();
    void onNewTriggered();
    void onExportTriggered();
    void onResumeTriggered();
    void restoreLayout();

    RunDataSource* m_source = nullptr;
    RunLauncher* m_launcher = nullptr;
    RunsBrowser* m_runs = nullptr;
    ConfigPanel* m_config = nullptr;
    LogPanel* m_log = nullptr;
    QDockWidget* m_logDock = nullptr;
    QList<RunView*> m_views;
    QList<QDockWidget*> m_viewDocks;
    RunView* m_activeView = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_phase = nullptr;
    QString m_lastError;

    QAction* m_openAction = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_startAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_resumeAction = nullptr;
    QAction* m_demoAction = nullptr;
    QAction* m_demoSummaryAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_settingsAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_quitAction = nullptr;
    QList<QAction*> m_viewActions;
};

}  // namespace gcpo::ui
