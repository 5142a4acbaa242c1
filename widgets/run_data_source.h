// The workbench's one data path: follows a run database on a worker thread and delivers new data
// to the views by value through queued signals (the window never waits for the database).
//
// Threading: RunDataSource lives on the GUI thread. It owns a QThread running a parentless worker
// QObject (cleaned up through QThread::finished -> deleteLater) that holds its own read-only
// RunStore connection and polls every pollIntervalMs() (250 ms by default) incrementally: the run
// list (with `crashed` derived from a stale heartbeat), and for each followed run only the metric
// rows and evaluations after the last step already delivered. The GUI thread never waits for a
// big read. A followed run whose steps were truncated (a resume) is announced with runReset() and
// then delivered again from its first step.
//
// For small on-demand reads (one step's groups and rollouts, one evaluation's samples) views use
// guiStore(): a second read-only connection on the GUI thread (cheap indexed queries).
//
// Embedding (main window):
//     auto* source = new gcpo::ui::RunDataSource(this);
//     view->setDataSource(source);                 // every RunView, see views/run_view.h
//     source->openDatabase(path);                  // errors arrive as databaseError(path, message)
//     source->setFollowedRuns({runIdA, runIdB});   // the runs selected in the runs browser
// The selected rollout group (run, step, group) is shared through setCurrentGroup() /
// currentGroupChanged(): the rollout groups view sets it, the coverage and credit views follow it.
#pragma once

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QVector>

#include <memory>

#include "store/run_store.h"

namespace gcpo::ui {

class RunDataWorker;

// The runs list: the store's own records (status as store::RunStatus, `crashed` derived from a
// stale heartbeat by the store).
using RunInfoList = QList<gcpo::store::RunInfo>;
// Whether two records show the same in the runs list (the heartbeat and updated time change on
// every step; they alone do not make a new list).
bool sameListing(const gcpo::store::RunInfo& a, const gcpo::store::RunInfo& b);

// New points of one metric, in ascending step order. Steps are doubles so they plot directly.
struct SeriesChunk {
    QVector<double> steps;
    QVector<double> values;
};

// Columnar batch of new data for one run. Within each key, every point has a step greater than the
// points of that key delivered before (when a long run is opened, the keys some view asked for
// with setPriorityKeys() come first, in their own batch, and the other keys follow).
// For metricsAppended the clock lists each new step once with its wall time (seconds since the
// epoch); for evalsAppended the keys are the evaluation metric names ("pass@1", "vendi", ...) and
// the clock is empty (use the metrics' clock to place an evaluation step in wall time).
struct MetricBatch {
    qint64 runId = 0;
    QVector<double> clockSteps;
    QVector<double> clockWallTimes;
    QHash<QString, SeriesChunk> series;

    bool isEmpty() const { return series.isEmpty() && clockSteps.isEmpty(); }
    qsizetype pointCount() const;
    // Appends a later batch of the same run (used by the source's history cache).
    void append(const MetricBatch& later);
};

// The selected rollout group; step < 0 or groupIndex < 0 means none.
struct GroupRef {
    qint64 runId = 0;
    qint64 step = -1;
    int groupIndex = -1;

    bool isValid() const { return step >= 0 && groupIndex >= 0; }
    bool operator==(const GroupRef& o) const { return runId == o.runId && step == o.step && groupIndex == o.groupIndex; }
    bool operator!=(const GroupRef& o) const { return !(*this == o); }
};

class RunDataSource : public QObject {
    Q_OBJECT

public:
    explicit RunDataSource(QObject* parent = nullptr);
    ~RunDataSource() override;  // stops the worker thread and waits for it

    QString databasePath() const { return m_path; }
    bool isOpen() const { return !m_path.isEmpty(); }
    RunInfoList runs() const { return m_runs; }           // the last list delivered
    const gcpo::store::RunInfo* run(qint64 runId) const;  // nullptr when unknown
    QList<qint64> followedRuns() const { return m_followed; }
    int pollIntervalMs() const { return m_pollIntervalMs; }

    // Everything delivered so far for a followed run (metrics / evaluations), so a view created or
    // re-targeted later can start from the history and then follow the signals.
    MetricBatch metricHistory(qint64 runId) const { return m_metricHistory.value(runId); }
    MetricBatch evalHistory(qint64 runId) const { return m_evalHistory.value(runId); }
    qint64 deliveredStep(qint64 runId) const { return m_deliveredStep.value(runId, -1); }

    // A read-only connection on the GUI thread for small on-demand reads; nullptr when no database
    // is open. Do not keep it across databaseOpened / databaseClosed.
    gcpo::store::RunStore* guiStore() const { return m_guiStore.get(); }

    GroupRef currentGroup() const { return m_currentGroup; }

public slots:
    // Opens `path` read-only (nothing in the file is ever modified). On success databaseOpened(path)
    // and then runsChanged(); otherwise databaseError(path, message) and the previous database
    // stays closed.
    void openDatabase(const QString& path);
    void closeDatabase();
    // The runs whose metrics and evaluations are delivered (in this order); runs no longer
    // followed drop their history, newly followed runs are read from their first step.
    void setFollowedRuns(const QList<qint64>& runIds);
    void setPollIntervalMs(int ms);
    void refreshNow();  // poll at once instead of waiting for the timer
    void setCurrentGroup(const gcpo::ui::GroupRef& group);
    // Metric keys `requester` shows now (e.g. the curves view's current metric): when a long run
    // is opened they are read and delivered before the others, so its curves appear at once. The
    // keys of every requester are honoured; a requester's entry goes when it is destroyed.
    void setPriorityKeys(const QObject* requester, const QStringList& keys);

signals:
    void databaseOpened(const QString& path);
    void databaseClosed();
    void databaseError(const QString& path, const QString& message);
    void runsChanged(const gcpo::ui::RunInfoList& runs);
    void followedRunsChanged(const QList<qint64>& runIds);
    void metricsAppended(qint64 runId, const gcpo::ui::MetricBatch& batch);
    void evalsAppended(qint64 runId, const gcpo::ui::MetricBatch& batch);
    void stepAdvanced(qint64 runId, qint64 maxStep);
    void runReset(qint64 runId);  // drop this run's points: it is delivered again from step 0
    void currentGroupChanged(const gcpo::ui::GroupRef& group);

    // Internal: requests to the worker (queued to its thread).
    void workerOpen(const QString& path, quint64 generation);
    void workerClose();
    void workerFollow(const QList<qint64>& runIds, quint64 epoch);
    void workerInterval(int ms);
    void workerPoll();
    void workerPriority(const QStringList& keys);

private:
    void onWorkerError(const QString& path, const QString& message, quint64 generation);
    void onWorkerRuns(const gcpo::ui::RunInfoList& runs, quint64 generation);
    // Per-run deliveries carry the epoch at which the worker started reading that run; one that
    // does not match m_runEpoch (the run was unfollowed, or the database closed) is dropped.
    void onWorkerMetrics(qint64 runId, const gcpo::ui::MetricBatch& batch, quint64 epoch);
    void onWorkerEvals(qint64 runId, const gcpo::ui::MetricBatch& batch, quint64 epoch);
    void onWorkerStep(qint64 runId, qint64 maxStep, quint64 epoch);
    void onWorkerReset(qint64 runId, quint64 epoch);

    QThread m_thread;
    RunDataWorker* m_worker = nullptr;  // lives on m_thread; deleted through finished -> deleteLater
    quint64 m_generation = 0;           // bumps on every open/close/follow: stale deliveries are dropped
    quint64 m_openGeneration = 0;       // m_generation when the database was opened
    QHash<qint64, quint64> m_runEpoch;  // followed run -> m_generation when its reading started
    QString m_path;
    std::unique_ptr<gcpo::store::RunStore> m_guiStore;
    RunInfoList m_runs;
    QList<qint64> m_followed;
    QHash<qint64, MetricBatch> m_metricHistory;
    QHash<qint64, MetricBatch> m_evalHistory;
    QHash<qint64, qint64> m_deliveredStep;
    GroupRef m_currentGroup;
    QHash<const QObject*, QStringList> m_priorityKeys;
    int m_pollIntervalMs = 250;
};

}  // namespace gcpo::ui

Q_DECLARE_METATYPE(gcpo::store::RunInfo)
Q_DECLARE_METATYPE(gcpo::ui::RunInfoList)
Q_DECLARE_METATYPE(gcpo::ui::MetricBatch)
Q_DECLARE_METATYPE(gcpo::ui::GroupRef)
