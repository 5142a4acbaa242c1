// The runs browser: the open database's runs (RunsTableModel through a sort proxy), multi-select
// to choose the runs the views show, a search box (name, algorithm, notes, tags, experiment and
// arm, through the store's findRuns), a context menu (resume, show log, rename, tags, notes,
// delete with confirmation, the full stored config, new run from this config), and the database
// actions (open, new, recent databases kept in QSettings). Edits open the database for writing
// for that one transaction (runs_browser_actions.cpp); the views keep their read-only connection.
#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QWidget>

#include <optional>

#include "run_data_source.h"

class QAction;
class QLabel;
class QLineEdit;
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
    void setDatabaseActions(const QList<QAction*>& actions);  // shown in the browser's tool bar

    RunsTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QMenu* recentMenu() const { return m_recentMenu; }

    QList<qint64> selectedRuns() const;
    // Search: runs whose name, algorithm, notes, a tag, experiment or arm hold `text` (case-insensitive).
    void setSearchText(const QString& text);
    int visibleRunCount() const;

    // Run management (each one transaction on the database; false and *error on failure).
    bool renameRun(qint64 runId, const QString& name, QString* error = nullptr);
    bool setRunTags(qint64 runId, const QStringList& tags, QString* error = nullptr);
    bool setRunNotes(qint64 runId, const QString& notes, QString* error = nullptr);
    bool deleteRun(qint64 runId, QString* error = nullptr);  // no confirmation here: the menu asks
    QString storedConfig(qint64 runId, QString* error = nullptr) const;
    std::optional<gcpo::store::RunStatus> runStatus(qint64 runId) const;  // as shown (incl. crashed); none when unknown
    void selectRuns(const QList<qint64>& runIds);
    void addToSelection(qint64 runId);  // selects it as soon as it appears in the list

    // Recent databases (QSettings "recentDatabases", most recent first, at most 10).
    void addRecent(const QString& path);
    QStringList recentDatabases() const;

signals:
    void selectionChanged(const QList<qint64>& runIds);
    void recentChosen(const QString& path);
    void resumeRequested(qint64 runId);
    void showLogRequested(qint64 runId);
    // "New run from this config": the run's stored config JSON, for the configuration panel.
    void newRunFromConfigRequested(const QString& configJson);

private:
    void onRunsChanged(const RunInfoList& runs);
    void onDatabaseOpened(const QString& path);
    void onDatabaseClosed();
    void onSelectionChanged();
    void refreshKeyMetrics(const RunInfoList& runs);
    void rebuildRecentMenu();
    void showContextMenu(const QPoint& pos);
    void applySearch();
    void setVisibleRuns(const std::optional<QSet<qint64>>& ids);  // nullopt: every run
    void editTags(qint64 runId);
    void editNotes(qint64 runId);
    void confirmDelete(qint64 runId);
    void showConfig(qint64 runId);
    template <typename Fn>
    bool write(Fn&& fn, QString* error);

    RunDataSource* m_source = nullptr;
    RunsTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QLineEdit* m_search = nullptr;
    QTableView* m_table = nullptr;
    QToolBar* m_toolBar = nullptr;
    QLabel* m_path = nullptr;
    QMenu* m_recentMenu = nullptr;
    QHash<qint64, qint64> m_metricsAtStep;  // run -> lastStep its key metrics were read at
    QList<qint64> m_pendingSelection;       // runs to select once they are listed
    QList<qint64> m_lastEmitted;
};

}  // namespace gcpo::ui
