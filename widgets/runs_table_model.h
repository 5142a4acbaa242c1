// The runs of the open database as a table: name, algorithm, status (`crashed` only when the run's
// owner is provably gone, see store/run_claim.h), step / total and the latest key metrics. Rows are keyed by run id: new runs are
// inserted, changed ones updated in place, so selections survive each poll.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>

#include "run_data_source.h"

namespace gcpo::ui {

class RunsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ColId, ColName, ColAlgorithm, ColStatus, ColStep, ColReward, ColCoverage, ColPass1, ColUpdated, ColumnCount };
    enum Role { RunIdRole = Qt::UserRole + 1, SortRole, StatusRole };  // StatusRole: int(store::RunStatus)

    // The latest values shown in the key-metric columns (NaN: none yet).
    struct KeyMetrics {
        double reward = qQNaN();
        double coverage = qQNaN();
        double pass1 = qQNaN();
        bool operator==(const KeyMetrics& o) const;
    };

    explicit RunsTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces the list (ordered by id). Unchanged rows stay put; new ids are inserted.
    void setRuns(const RunInfoList& runs);
    void setKeyMetrics(qint64 runId, const KeyMetrics& m);
    // The trainer child of this window died: show the run as crashed at once instead of waiting
    // for its heartbeat to go stale. Dropped as soon as the database says anything but running.
    void markCrashed(qint64 runId);
    void clearCrashed(qint64 runId);               // e.g. when the run is resumed
    gcpo::store::RunStatus status(int row) const;  // stored status, or Crashed when marked (row must be valid)
    void clear();

    int rowOfRun(qint64 runId) const;  // -1 when absent
    qint64 runIdAt(int row) const;
    const gcpo::store::RunInfo* runAt(int row) const;
    KeyMetrics keyMetrics(qint64 runId) const { return m_metrics.value(runId); }

    static QString statusText(gcpo::store::RunStatus status);  // translated
    // Interrupted, crashed or failed: the run can continue from its last checkpoint.
    static bool resumable(gcpo::store::RunStatus status);

private:
    RunInfoList m_runs;
    QHash<qint64, KeyMetrics> m_metrics;
    QSet<qint64> m_crashed;
};

}  // namespace gcpo::ui
