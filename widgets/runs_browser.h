// The runs browser: the open database's runs (RunsTableModel through a sort proxy), multi-select
// to choose the runs the views show, a context menu (resume, show log), and the database actions
// (open, new, recent databases kept in QSettings).
#pragma once

#include <optional>

#include <QHash>
#include <QList>
#include <QWidget>

#include "run_data_source.h"

class QAction;
class QLabel;
class QMenu;
class QSortFilterProxyModel;
class QTableView;
class QToolBar;

namespace gcpo::ui {

class RunsTableModel;

class RunsBrowser : public QWidget {
    Q_OBJECT
public:
    explicit RunsBrowser(QWidget* parent = nullptr);

    // Follows `source`: its run list fills the table, the selection sets its followed runs.
    void setDataSource(RunDataSource* source);
    void setDatabaseActions(const QList<QAction*>& actions);   // shown in the browser's tool bar

    RunsTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QMenu* recentMenu() const { return m_recentMenu; }

    QList<qint64> selectedRuns() const;
    std::optional<gcpo::store::RunStatus> runStatus(qint64 runId) const;   // as shown (incl. crashed); none when unknown
    void selectRuns(const QList<qint64>& runIds);
    void addToSelection(qint64 runId);   // selects it as soon as it appears in the list

    // Recent databases (QSettings "recentDatabases", most recent first, at most 10).
    void addRecent(const QString& path);
    QStringList recentDatabases() const;

signals:
    void selectionChanged(const QList<qint64>& runIds);
    void recentChosen(const QString& path);
    void resumeRequested(qint64 runId);
    void showLogRequested(qint64 runId);

private:
    void onRunsChanged(const RunInfoList& runs);
    void onDatabaseOpened(const QString& path);
    void onDatabaseClosed();
    void onSelectionChanged();
    void refreshKeyMetrics(const RunInfoList& runs);
    void rebuildRecentMenu();
    void showContextMenu(const QPoint& pos);

    RunDataSource* m_source = nullptr;
    RunsTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    QToolBar* m_toolBar = nullptr;
    QLabel* m_path = nullptr;
    QMenu* m_recentMenu = nullptr;
    QHash<qint64, qint64> m_metricsAtStep;   // run -> lastStep its key metrics were read at
    QList<qint64> m_pendingSelection;        // runs to select once they are listed
    QList<qint64> m_lastEmitted;
};

}  // namespace gcpo::ui
