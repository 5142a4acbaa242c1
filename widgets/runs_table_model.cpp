// RunsTableModel: runs as rows keyed by id, updated in place from each poll.
#include "runs_table_model.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QIcon>
#include <QLocale>

#include <cmath>

namespace gcpo::ui {

namespace {

bool sameNumber(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

QVariant metricCell(double v, int role) {
    if (std::isnan(v)) return role == RunsTableModel::SortRole ? QVariant(-1e300) : QVariant(QStringLiteral("–"));
    if (role == RunsTableModel::SortRole) return v;
    return QLocale().toString(v, 'f', 3);
}

using gcpo::store::RunStatus;

QColor statusColor(RunStatus s) {
    switch (s) {
    case RunStatus::Running: return QColor(0x2e, 0x86, 0xde);
    case RunStatus::Finished: return QColor(0x2e, 0xa0, 0x43);
    case RunStatus::Interrupted: return QColor(0xe0, 0x8e, 0x0b);
    case RunStatus::Failed:
    case RunStatus::Crashed: break;
    }
    return QColor(0xd9, 0x35, 0x3f);
}

QString qs(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

bool RunsTableModel::KeyMetrics::operator==(const KeyMetrics& o) const {
    return sameNumber(reward, o.reward) && sameNumber(coverage, o.coverage) && sameNumber(pass1, o.pass1);
}

RunsTableModel::RunsTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int RunsTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_runs.size()); }
int RunsTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString RunsTableModel::statusText(RunStatus s) {
    switch (s) {
    case RunStatus::Running: return tr("running");
    case RunStatus::Finished: return tr("finished");
    case RunStatus::Failed: return tr("failed");
    case RunStatus::Interrupted: return tr("interrupted");
    case RunStatus::Crashed: return tr("crashed");
    }
    return qs(gcpo::store::toString(s));
}

bool RunsTableModel::resumable(RunStatus s) {
    return s == RunStatus::Interrupted || s == RunStatus::Crashed || s == RunStatus::Failed;
}

QVariant RunsTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    gcpo::store::RunInfo r = m_runs.at(index.row());
    r.status = status(index.row());
    if (role == RunIdRole) return qint64(r.id);
    if (role == StatusRole) return int(r.status);
    const KeyMetrics m = m_metrics.value(r.id);
    const int col = index.column();
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (col) {
        case ColId: return qint64(r.id);
        case ColName: return qs(r.name);
        case ColAlgorithm: return qs(r.algorithm);
        case ColStatus: return role == SortRole ? QVariant(qs(gcpo::store::toString(r.status))) : QVariant(statusText(r.status));
        case ColStep:
            if (role == SortRole) return qint64(r.lastStep);
            {  // the trainer numbers steps 1..total, so the last written step is the steps done
                const qint64 done = std::max<qint64>(r.lastStep, 0);
                return r.totalSteps > 0 ? QStringLiteral("%1 / %2").arg(done).arg(r.totalSteps) : QString::number(done);
            }
        case ColReward: return metricCell(m.reward, role);
        case ColCoverage: return metricCell(m.coverage, role);
        case ColPass1: return metricCell(m.pass1, role);
        case ColUpdated:
            if (role == SortRole) return r.updatedAt;
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(qint64(r.updatedAt * 1000.0)), QLocale::ShortFormat);
        default: return {};
        }
    }
    if (role == Qt::ForegroundRole && col == ColStatus) return QBrush(statusColor(r.status));
    if (role == Qt::DecorationRole && col == ColStatus) {
        if (r.status == RunStatus::Running) return QIcon(QStringLiteral(":/icons/start.svg"));
        if (r.status == RunStatus::Crashed || r.status == RunStatus::Failed) return QIcon(QStringLiteral(":/icons/warning.svg"));
    }
    if (role == Qt::TextAlignmentRole &&
        (col == ColId || col == ColStep || col == ColReward || col == ColCoverage || col == ColPass1))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        QString tip = tr("Run %1 \"%2\" (%3), seed %4").arg(r.id).arg(qs(r.name), qs(r.algorithm)).arg(r.seed);
        if (!r.message.empty()) tip += QLatin1Char('\n') + qs(r.message);
        if (r.status == RunStatus::Crashed)
            tip +=
                QLatin1Char('\n') +
                tr("The trainer stopped sending heartbeats: it crashed or was killed. Resume continues from the last checkpoint.");
        return tip;
    }
    return {};
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ColId: return tr("ID");
    case ColName: return tr("Name");
    case ColAlgorithm: return tr("Algorithm");
    case ColStatus: return tr("Status");
    case ColStep: return tr("Step");
    case ColReward: return tr("Reward");
    case ColCoverage: return tr("Coverage");
    case ColPass1: return tr("pass@1");
    case ColUpdated: return tr("Updated");
    default: return {};
    }
}

void RunsTableModel::setRuns(const RunInfoList& runs) {
    for (const gcpo::store::RunInfo& r : runs)
        if (r.status != RunStatus::Running) m_crashed.remove(r.id);
    // Runs are only ever added to a database; if ids disappear (another file), start over.
    bool prefix = runs.size() >= m_runs.size();
    for (int i = 0; prefix && i < m_runs.size(); ++i) prefix = runs[i].id == m_runs[i].id;
    if (!prefix) {
        beginResetModel();
        m_runs = runs;
        QHash<qint64, KeyMetrics> kept;
        for (const gcpo::store::RunInfo& r : runs)
            if (m_metrics.contains(r.id)) kept.insert(r.id, m_metrics.value(r.id));
        m_metrics = kept;
        endResetModel();
        return;
    }
    for (int i = 0; i < m_runs.size(); ++i) {
        if (!sameListing(m_runs[i], runs[i])) {
            m_runs[i] = runs[i];
            emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
        }
    }
    if (runs.size() > m_runs.size()) {
        beginInsertRows({}, int(m_runs.size()), int(runs.size()) - 1);
        for (int i = int(m_runs.size()); i < runs.size(); ++i) m_runs.append(runs[i]);
        endInsertRows();
    }
}

void RunsTableModel::setKeyMetrics(qint64 runId, const KeyMetrics& m) {
    if (m_metrics.contains(runId) && m_metrics.value(runId) == m) return;
    m_metrics.insert(runId, m);
    const int row = rowOfRun(runId);
    if (row >= 0) emit dataChanged(index(row, ColReward), index(row, ColPass1));
}

RunStatus RunsTableModel::status(int row) const {
    const gcpo::store::RunInfo& r = m_runs.at(row);
    return r.status == RunStatus::Running && m_crashed.contains(r.id) ? RunStatus::Crashed : r.status;
}

void RunsTableModel::markCrashed(qint64 runId) {
    m_crashed.insert(runId);
    const int row = rowOfRun(runId);
    if (row >= 0) emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void RunsTableModel::clearCrashed(qint64 runId) {
    if (!m_crashed.remove(runId)) return;
    const int row = rowOfRun(runId);
    if (row >= 0) emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void RunsTableModel::clear() {
    beginResetModel();
    m_crashed.clear();
    m_runs.clear();
    m_metrics.clear();
    endResetModel();
}

int RunsTableModel::rowOfRun(qint64 runId) const {
    for (int i = 0; i < m_runs.size(); ++i)
        if (m_runs[i].id == runId) return i;
    return -1;
}

qint64 RunsTableModel::runIdAt(int row) const { return row >= 0 && row < m_runs.size() ? m_runs[row].id : -1; }
const gcpo::store::RunInfo* RunsTableModel::runAt(int row) const {
    return row >= 0 && row < m_runs.size() ? &m_runs[row] : nullptr;
}

}  // namespace gcpo::ui
