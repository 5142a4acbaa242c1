// RunsBrowser: the runs table, its selection, and the database actions.
#include "runs_browser.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <exception>
#include <optional>

#include "runs_table_model.h"

namespace gcpo::ui {

namespace {
constexpr int kMaxRecent = 10;
const char* const kRecentKey = "recentDatabases";

// Sorts like QSortFilterProxyModel and shows only the runs the search found (all without one).
class RunsProxy : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setVisible(const std::optional<QSet<qint64>>& ids) {
        m_ids = ids;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        if (!m_ids) return true;
        return m_ids->contains(sourceModel()->index(row, 0, parent).data(RunsTableModel::RunIdRole).toLongLong());
    }

private:
    std::optional<QSet<qint64>> m_ids;
};
}  // namespace

RunsBrowser::RunsBrowser(QWidget* parent) : QWidget(parent) {
    m_model = new RunsTableModel(this);
    m_proxy = new RunsProxy(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RunsTableModel::SortRole);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("runsTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RunsTableModel::ColId, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setAlternatingRowColors(true);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setToolTip(tr("Select one or more runs (Ctrl/Shift+click) to show them in the views"));
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsBrowser::onSelectionChanged);
    connect(m_table, &QTableView::customContextMenuRequested, this, &RunsBrowser::showContextMenu);

    m_toolBar = new QToolBar(this);
    m_toolBar->setIconSize(QSize(18, 18));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_path = new QLabel(tr("No database open"), this);
    m_path->setObjectName(QStringLiteral("databasePath"));
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_path->setWordWrap(true);

    m_recentMenu = new QMenu(tr("Recent databases"), this);
    rebuildRecentMenu();
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("runsSearch"));
    m_search->setPlaceholderText(tr("Search runs: name, algorithm, tag, notes, experiment…"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, &RunsBrowser::applySearch);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_path);
    layout->addWidget(m_search);
    layout->addWidget(m_table, 1);
}

void RunsBrowser::setVisibleRuns(const std::optional<QSet<qint64>>& ids) { static_cast<RunsProxy*>(m_proxy)->setVisible(ids); }

void RunsBrowser::setDataSource(RunDataSource* source) {
    if (m_source) m_source->disconnect(this);
    m_source = source;
    if (!source) return;
    connect(source, &RunDataSource::runsChanged, this, &RunsBrowser::onRunsChanged);
    connect(source, &RunDataSource::databaseOpened, this, &RunsBrowser::onDatabaseOpened);
    connect(source, &RunDataSource::databaseClosed, this, &RunsBrowser::onDatabaseClosed);
    if (source->isOpen()) {
        onDatabaseOpened(source->databasePath());
        onRunsChanged(source->runs());
    }
}

void RunsBrowser::setDatabaseActions(const QList<QAction*>& actions) {
    m_toolBar->clear();
    m_toolBar->addActions(actions);
}

void RunsBrowser::onDatabaseOpened(const QString& path) {
    m_model->clear();
    m_metricsAtStep.clear();
    m_lastEmitted.clear();
    m_path->setText(QDir::toNativeSeparators(path));
    m_path->setToolTip(QFileInfo(path).absoluteFilePath());
    addRecent(path);
}

void RunsBrowser::onDatabaseClosed() {
    m_model->clear();
    m_metricsAtStep.clear();
    m_path->setText(tr("No database open"));
}

void RunsBrowser::onRunsChanged(const RunInfoList& runs) {
    const bool firstList = m_model->rowCount() == 0 && !runs.isEmpty();
    m_model->setRuns(runs);
    refreshKeyMetrics(runs);
    if (!m_search->text().trimmed().isEmpty()) applySearch();
    QList<qint64> wanted;
    for (qint64 id : std::as_const(m_pendingSelection))
        if (m_model->rowOfRun(id) >= 0) wanted << id;
    if (!wanted.isEmpty()) {
        for (qint64 id : wanted) m_pendingSelection.removeAll(id);
        QList<qint64> sel = selectedRuns();
        for (qint64 id : wanted)
            if (!sel.contains(id)) sel << id;
        selectRuns(sel);
    } else if (firstList && selectedRuns().isEmpty()) {
        selectRuns({runs.last().id});  // a database just opened: show its latest run
    }
}

// The latest reward, team coverage and pass@1 of each run whose last step moved since the last
// read: a few indexed one-row queries on the GUI connection.
void RunsBrowser::refreshKeyMetrics(const RunInfoList& runs) {
    auto* store = m_source ? m_source->guiStore() : nullptr;
    if (!store) return;
    for (const gcpo::store::RunInfo& r : runs) {
        if (r.lastStep < 0 || m_metricsAtStep.value(r.id, -2) == r.lastStep) continue;
        RunsTableModel::KeyMetrics m;
        try {
            gcpo::store::RunStore::ReadTransaction snapshot(*store);
            const auto reward = store->metricSeries(r.id, "reward", r.lastStep - 1);
            if (!reward.values.empty()) m.reward = reward.values.back();
            const auto coverage = store->metricSeries(r.id, "gcpo/team_coverage", r.lastStep - 1);
            if (!coverage.values.empty()) m.coverage = coverage.values.back();
            const auto evalSteps = store->evalSteps(r.id);
            if (!evalSteps.empty()) {
                for (const auto& e : store->evals(r.id))
                    if (e.step == evalSteps.back() && e.metric == "pass@1") m.pass1 = e.value;
            }
        } catch (const std::exception&) {
            continue;  // the run vanished or the file went away: the next poll says so
        }
        m_metricsAtStep.insert(r.id, r.lastStep);
        m_model->setKeyMetrics(r.id, m);
    }
}

QList<qint64> RunsBrowser::selectedRuns() const {
    QList<qint64> ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex& i : rows) ids << m_proxy->data(i, RunsTableModel::RunIdRole).toLongLong();
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::optional<gcpo::store::RunStatus> RunsBrowser::runStatus(qint64 runId) const {
    const int row = m_model->rowOfRun(runId);
    if (row < 0) return std::nullopt;
    return m_model->status(row);
}

void RunsBrowser::selectRuns(const QList<qint64>& runIds) {
    QItemSelection sel;
    for (qint64 id : runIds) {
        const int row = m_model->rowOfRun(id);
        if (row < 0) continue;
        const QModelIndex p = m_proxy->mapFromSource(m_model->index(row, 0));
        sel.select(p, p.siblingAtColumn(RunsTableModel::ColumnCount - 1));
    }
    m_table->selectionModel()->select(sel, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void RunsBrowser::addToSelection(qint64 runId) {
    if (m_model->rowOfRun(runId) >= 0) {
        QList<qint64> sel = selectedRuns();
        if (!sel.contains(runId)) sel << runId;
        selectRuns(sel);
    } else if (!m_pendingSelection.contains(runId)) {
        m_pendingSelection << runId;
        if (m_source) m_source->refreshNow();
    }
}

void RunsBrowser::onSelectionChanged() {
    const QList<qint64> ids = selectedRuns();
    if (ids == m_lastEmitted) return;
    m_lastEmitted = ids;
    if (m_source) m_source->setFollowedRuns(ids);
    emit selectionChanged(ids);
}

QStringList RunsBrowser::recentDatabases() const { return QSettings().value(QLatin1String(kRecentKey)).toStringList(); }

void RunsBrowser::addRecent(const QString& path) {
    const QString abs = QFileInfo(path).absoluteFilePath();
    QStringList list = recentDatabases();
    list.removeAll(abs);
    list.prepend(abs);
    while (list.size() > kMaxRecent) list.removeLast();
    QSettings().setValue(QLatin1String(kRecentKey), list);
    rebuildRecentMenu();
}

void RunsBrowser::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList list = recentDatabases();
    for (int i = 0; i < list.size(); ++i) {
        const QString path = list[i];
        QAction* a = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg((i + 1) % 10).arg(QFileInfo(path).fileName()));
        a->setToolTip(path);
        a->setStatusTip(path);
        connect(a, &QAction::triggered, this, [this, path] { emit recentChosen(path); });
    }
    if (list.isEmpty()) m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
    m_recentMenu->addSeparator();
    QAction* clearAction = m_recentMenu->addAction(tr("Clear list"));
    clearAction->setEnabled(!list.isEmpty());
    connect(clearAction, &QAction::triggered, this, [this] {
        QSettings().remove(QLatin1String(kRecentKey));
        rebuildRecentMenu();
    });
}

void RunsBrowser::showContextMenu(const QPoint& pos) {
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid()) return;
    const qint64 id = m_proxy->data(index, RunsTableModel::RunIdRole).toLongLong();
    const auto status = static_cast<gcpo::store::RunStatus>(m_proxy->data(index, RunsTableModel::StatusRole).toInt());
    const QString name = m_proxy->data(index.siblingAtColumn(RunsTableModel::ColName)).toString();
    QMenu menu(this);
    QAction* resume = menu.addAction(QIcon(QStringLiteral(":/icons/resume.svg")), tr("Resume run %1").arg(id));
    resume->setEnabled(RunsTableModel::resumable(status));
    QAction* log = menu.addAction(tr("Show stored log"));
    menu.addSeparator();
    QAction* config = menu.addAction(tr("Show stored config…"));
    QAction* fromConfig = menu.addAction(tr("New run from this config"));
    menu.addSeparator();
    QAction* rename = menu.addAction(tr("Rename…"));
    QAction* tags = menu.addAction(tr("Tags…"));
    QAction* notes = menu.addAction(tr("Notes…"));
    menu.addSeparator();
    QAction* remove = menu.addAction(tr("Delete run %1…").arg(id));
    remove->setEnabled(status != gcpo::store::RunStatus::Running);
    QAction* chosen = menu.exec(m_table->viewport()->mapToGlobal(pos));
    QString error;
    if (chosen == resume) emit resumeRequested(id);
    else if (chosen == log) emit showLogRequested(id);
    else if (chosen == config) showConfig(id);
    else if (chosen == fromConfig) {
        const QString json = storedConfig(id, &error);
        if (!json.isEmpty()) emit newRunFromConfigRequested(json);
    } else if (chosen == rename) {
        bool ok = false;
        const QString newName =
            QInputDialog::getText(this, tr("Rename run %1").arg(id), tr("Name:"), QLineEdit::Normal, name, &ok);
        if (ok) renameRun(id, newName, &error);
    } else if (chosen == tags) editTags(id);
    else if (chosen == notes) editNotes(id);
    else if (chosen == remove) confirmDelete(id);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Runs"), error);
}

}  // namespace gcpo::ui
