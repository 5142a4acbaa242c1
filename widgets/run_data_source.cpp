// The workbench's one data path: the GUI-side facade and its polling worker (see run_data_source.h).
#include "run_data_source.h"

#include <QMetaObject>
#include <QPair>
#include <QSet>
#include <QTimer>

#include <exception>
#include <string>
#include <set>
#include <unordered_map>

namespace gcpo::ui {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

void registerTypes() {
    static const bool done = [] {
        qRegisterMetaType<gcpo::store::RunInfo>();
        qRegisterMetaType<gcpo::ui::RunInfoList>();
        qRegisterMetaType<gcpo::ui::MetricBatch>();
        qRegisterMetaType<gcpo::ui::GroupRef>();
        qRegisterMetaType<QList<qint64>>();
        return true;
    }();
    (void)done;
}

}  // namespace

bool sameListing(const gcpo::store::RunInfo& a, const gcpo::store::RunInfo& b) {
    return a.id == b.id && a.name == b.name && a.algorithm == b.algorithm && a.status == b.status &&
           a.configJson == b.configJson && a.seed == b.seed && a.parentCheckpoint == b.parentCheckpoint &&
           a.message == b.message && a.totalSteps == b.totalSteps && a.lastStep == b.lastStep;
}

qsizetype MetricBatch::pointCount() const {
    qsizetype n = 0;
    for (const SeriesChunk& c : series) n += c.values.size();
    return n;
}

void MetricBatch::append(const MetricBatch& later) {
    if (runId == 0) runId = later.runId;
    clockSteps += later.clockSteps;
    clockWallTimes += later.clockWallTimes;
    for (auto it = later.series.cbegin(); it != later.series.cend(); ++it) {
        SeriesChunk& c = series[it.key()];
        c.steps += it.value().steps;
        c.values += it.value().values;
    }
}

// ---------------------------------------------------------------------------------------------
// The worker: lives on the source's thread, owns its own read connection, polls incrementally.
class RunDataWorker : public QObject {
    Q_OBJECT

public:
    RunDataWorker() {
        m_timer.setParent(this);
        m_timer.setInterval(250);
        QObject::connect(&m_timer, &QTimer::timeout, this, &RunDataWorker::poll);
    }

    void open(const QString& path, quint64 generation) {
        close();
        m_generation = generation;
        for (qint64 id : m_followed) m_epoch.insert(id, generation);
        try {
            m_store = std::make_unique<gcpo::store::RunStore>(path.toStdString(), gcpo::store::RunStore::Mode::Read);
        } catch (const std::exception& e) {
            emit failed(path, QString::fromUtf8(e.what()), generation);
            return;
        }
        m_timer.start();
        poll();
    }

    void close() {
        m_timer.stop();
        m_store.reset();
        m_runs.clear();
        m_lastStep.clear();
        m_lastEvalStep.clear();
        m_epoch.clear();
    }

    // Runs newly followed start from step 0 under `epoch`; runs still followed keep their place.
    void follow(const QList<qint64>& runIds, quint64 epoch) {
        QHash<qint64, qint64> last, lastEval;
        QHash<qint64, quint64> epochs;
        for (qint64 id : runIds) {
            const bool known = m_followed.contains(id) && m_epoch.contains(id);
            last.insert(id, known ? m_lastStep.value(id, -1) : -1);
            lastEval.insert(id, known ? m_lastEvalStep.value(id, -1) : -1);
            epochs.insert(id, known ? m_epoch.value(id) : epoch);
        }
        m_followed = runIds;
        m_lastStep = last;
        m_lastEvalStep = lastEval;
        m_epoch = epochs;
        if (m_store) poll();
    }

    void setInterval(int ms) { m_timer.setInterval(ms); }

    void setPriority(const QStringList& keys) {
        m_priority.clear();
        for (const QString& k : keys) m_priority.insert(k.toStdString());
    }

    void poll() {
        if (!m_store) return;
        try {
            gcpo::store::RunStore::ReadTransaction snapshot(*m_store);
            RunInfoList runs;
            for (const auto& r : m_store->listRuns()) runs.append(r);
            bool same = runs.size() == m_runs.size();
            for (qsizetype i = 0; same && i < runs.size(); ++i) same = sameListing(runs[i], m_runs[i]);
            if (!same) {
                m_runs = runs;
                emit runsRead(runs, m_generation);
            }
            QList<QPair<qint64, qint64>> todo;  // (run, its last step in this snapshot)
            for (qint64 id : m_followed)
                for (const gcpo::store::RunInfo& r : runs)
                    if (r.id == id) todo.append({id, r.lastStep});
            // Runs opened in bulk: first the keys a view shows, for every run, so all their
            // curves appear at once; then everything else, run by run.
            QSet<qint64> prioritySent;
            for (const auto& [id, maxStep] : todo) {
                const qint64 last = checkReset(id, maxStep);
                if (maxStep - last <= kBulkSteps || m_priority.empty()) continue;
                std::vector<std::string> first;
                for (const std::string& k : m_store->metricKeys(id))
                    if (m_priority.count(k)) first.push_back(k);
                if (first.empty()) continue;
                emit metricsRead(id, readBulk(id, last, first, true), m_epoch.value(id));
                prioritySent.insert(id);
            }
            for (const auto& [id, maxStep] : todo) readRun(id, maxStep, prioritySent.contains(id));
        } catch (const std::exception& e) {
            emit failed(QString::fromStdString(m_store->path()), QString::fromUtf8(e.what()), m_generation);
        }
    }

signals:
    void failed(const QString& path, const QString& message, quint64 generation);
    void runsRead(const gcpo::ui::RunInfoList& runs, quint64 generation);
    void metricsRead(qint64 runId, const gcpo::ui::MetricBatch& batch, quint64 generation);
    void evalsRead(qint64 runId, const gcpo::ui::MetricBatch& batch, quint64 generation);
    void stepRead(qint64 runId, qint64 maxStep, quint64 generation);
    void runWasReset(qint64 runId, quint64 generation);

private:
    // Steps removed since the last poll (a resume truncated the run): announce it and deliver the
    // run again from its first step. Returns the last step already delivered.
    qint64 checkReset(qint64 id, qint64 maxStep) {
        const qint64 last = m_lastStep.value(id, -1);
        if (maxStep >= last) return last;
        emit runWasReset(id, m_epoch.value(id));
        m_lastStep[id] = -1;
        m_lastEvalStep[id] = -1;
        return -1;
    }

    void readRun(qint64 id, qint64 maxStep, bool prioritySent) {
        const quint64 epoch = m_epoch.value(id);
        const qint64 last = checkReset(id, maxStep);
        if (maxStep <= last) return;
        if (maxStep - last > kBulkSteps) {
            std::vector<std::string> keys;
            for (const std::string& k : m_store->metricKeys(id))
                if (!prioritySent || !m_priority.count(k)) keys.push_back(k);
            const MetricBatch batch = readBulk(id, last, keys, !prioritySent);
            if (!batch.isEmpty()) emit metricsRead(id, batch, epoch);
        } else {
            const MetricBatch batch = readRows(id, last);
            if (!batch.isEmpty()) emit metricsRead(id, batch, epoch);
        }
        m_lastStep[id] = maxStep;

        const qint64 lastEval = m_lastEvalStep.value(id, -1);
        const auto evalSteps = m_store->evalSteps(id);
        if (!evalSteps.empty() && evalSteps.back() > lastEval) {
            MetricBatch evals;
            evals.runId = id;
            for (const auto& row : m_store->evals(id)) {
                if (row.step <= lastEval) continue;
                SeriesChunk& c = evals.series[qs(row.metric)];
                c.steps.append(static_cast<double>(row.step));
                c.values.append(row.value);
            }
            m_lastEvalStep[id] = evalSteps.back();
            emit evalsRead(id, evals, epoch);
        }
        emit stepRead(id, maxStep, epoch);
    }

    // Few new steps (a live run): one query for every new row. Many (opening a long run): one
    // indexed query per key, columnar, without a key string per row (about 3x less work).
    static constexpr qint64 kBulkSteps = 64;

    MetricBatch readRows(qint64 id, qint64 last) const {
        MetricBatch batch;
        batch.runId = id;
        std::unordered_map<std::string, SeriesChunk*> chunks;
        double lastClock = -1.0;
        for (const auto& row : m_store->metricsSince(id, last)) {
            const double step = static_cast<double>(row.step);
            if (step != lastClock) {
                batch.clockSteps.append(step);
                batch.clockWallTimes.append(row.wallTime);
                lastClock = step;
            }
            auto it = chunks.find(row.key);
            if (it == chunks.end()) it = chunks.emplace(row.key, &batch.series[qs(row.key)]).first;
            it->second->steps.append(step);
            it->second->values.append(row.value);
        }
        return batch;
    }

    MetricBatch readBulk(qint64 id, qint64 last, const std::vector<std::string>& keys, bool withClock) const {
        MetricBatch batch;
        batch.runId = id;
        if (withClock)
            for (const auto& s : m_store->steps(id)) {
                if (s.step <= last) continue;
                batch.clockSteps.append(static_cast<double>(s.step));
                batch.clockWallTimes.append(s.wallTime);
            }
        for (const std::string& key : keys) {
            const gcpo::store::MetricSeries m = m_store->metricSeries(id, key, last);
            if (m.steps.empty()) continue;
            SeriesChunk& c = batch.series[qs(key)];
            c.steps.reserve(static_cast<qsizetype>(m.steps.size()));
            for (int64_t s : m.steps) c.steps.append(static_cast<double>(s));
            c.values = QVector<double>(m.values.begin(), m.values.end());
        }
        return batch;
    }

    QTimer m_timer;
    std::unique_ptr<gcpo::store::RunStore> m_store;
    quint64 m_generation = 0;
    RunInfoList m_runs;
    QList<qint64> m_followed;
    QHash<qint64, qint64> m_lastStep;
    QHash<qint64, qint64> m_lastEvalStep;
    QHash<qint64, quint64> m_epoch;
    std::set<std::string> m_priority;
};

// ---------------------------------------------------------------------------------------------
RunDataSource::RunDataSource(QObject* parent) : QObject(parent) {
    registerTypes();
    m_thread.setObjectName(QStringLiteral("RunDataSource"));
    m_worker = new RunDataWorker;  // parentless: it moves to the thread
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    QObject::connect(this, &RunDataSource::workerOpen, m_worker, &RunDataWorker::open);
    QObject::connect(this, &RunDataSource::workerClose, m_worker, &RunDataWorker::close);
    QObject::connect(this, &RunDataSource::workerFollow, m_worker, &RunDataWorker::follow);
    QObject::connect(this, &RunDataSource::workerInterval, m_worker, &RunDataWorker::setInterval);
    QObject::connect(this, &RunDataSource::workerPoll, m_worker, &RunDataWorker::poll);
    QObject::connect(this, &RunDataSource::workerPriority, m_worker, &RunDataWorker::setPriority);

    QObject::connect(m_worker, &RunDataWorker::failed, this, &RunDataSource::onWorkerError);
    QObject::connect(m_worker, &RunDataWorker::runsRead, this, &RunDataSource::onWorkerRuns);
    QObject::connect(m_worker, &RunDataWorker::metricsRead, this, &RunDataSource::onWorkerMetrics);
    QObject::connect(m_worker, &RunDataWorker::evalsRead, this, &RunDataSource::onWorkerEvals);
    QObject::connect(m_worker, &RunDataWorker::stepRead, this, &RunDataSource::onWorkerStep);
    QObject::connect(m_worker, &RunDataWorker::runWasReset, this, &RunDataSource::onWorkerReset);
    m_thread.start();
}

RunDataSource::~RunDataSource() {
    emit workerClose();
    m_thread.quit();
    m_thread.wait();
}

const gcpo::store::RunInfo* RunDataSource::run(qint64 runId) const {
    for (const gcpo::store::RunInfo& r : m_runs)
        if (r.id == runId) return &r;
    return nullptr;
}

void RunDataSource::openDatabase(const QString& path) {
    closeDatabase();
    // Checked here first (read-only, cheap) so that a foreign or newer file is refused at once.
    try {
        m_guiStore = std::make_unique<gcpo::store::RunStore>(path.toStdString(), gcpo::store::RunStore::Mode::Read);
    } catch (const std::exception& e) {
        emit databaseError(path, QString::fromUtf8(e.what()));
        return;
    }
    m_path = path;
    m_openGeneration = ++m_generation;
    m_runEpoch.clear();
    for (qint64 id : m_followed) m_runEpoch.insert(id, m_openGeneration);
    emit databaseOpened(path);
    emit workerOpen(path, m_openGeneration);
}

void RunDataSource::closeDatabase() {
    if (m_path.isEmpty() && !m_guiStore) return;
    ++m_generation;
    m_runEpoch.clear();
    emit workerClose();
    m_guiStore.reset();
    m_path.clear();
    m_runs.clear();
    m_metricHistory.clear();
    m_evalHistory.clear();
    m_deliveredStep.clear();
    setCurrentGroup({});
    emit databaseClosed();
    emit runsChanged(m_runs);
}

void RunDataSource::setFollowedRuns(const QList<qint64>& runIds) {
    if (runIds == m_followed) return;
    const quint64 epoch = ++m_generation;
    QHash<qint64, quint64> epochs;
    for (qint64 id : runIds) epochs.insert(id, m_followed.contains(id) && m_runEpoch.contains(id) ? m_runEpoch.value(id) : epoch);
    if (!isOpen()) epochs.clear();
    m_runEpoch = epochs;
    m_followed = runIds;
    for (auto it = m_metricHistory.begin(); it != m_metricHistory.end();)
        it = runIds.contains(it.key()) ? std::next(it) : m_metricHistory.erase(it);
    for (auto it = m_evalHistory.begin(); it != m_evalHistory.end();)
        it = runIds.contains(it.key()) ? std::next(it) : m_evalHistory.erase(it);
    for (auto it = m_deliveredStep.begin(); it != m_deliveredStep.end();)
        it = runIds.contains(it.key()) ? std::next(it) : m_deliveredStep.erase(it);
    emit followedRunsChanged(m_followed);
    emit workerFollow(m_followed, epoch);
}

void RunDataSource::setPollIntervalMs(int ms) {
    m_pollIntervalMs = qMax(10, ms);
    emit workerInterval(m_pollIntervalMs);
}

void RunDataSource::refreshNow() { emit workerPoll(); }

void RunDataSource::setCurrentGroup(const GroupRef& group) {
    if (group == m_currentGroup) return;
    m_currentGroup = group;
    emit currentGroupChanged(group);
}

void RunDataSource::setPriorityKeys(const QObject* requester, const QStringList& keys) {
    if (!requester) return;
    if (!m_priorityKeys.contains(requester))
        QObject::connect(requester, &QObject::destroyed, this, [this, requester] {
            m_priorityKeys.remove(requester);
            QStringList all;
            for (const QStringList& k : std::as_const(m_priorityKeys)) all += k;
            emit workerPriority(all);
        });
    m_priorityKeys.insert(requester, keys);
    QStringList all;
    for (const QStringList& k : std::as_const(m_priorityKeys)) all += k;
    all.removeDuplicates();
    emit workerPriority(all);
}

void RunDataSource::onWorkerError(const QString& path, const QString& message, quint64 generation) {
    if (generation != m_openGeneration || !isOpen()) return;
    emit databaseError(path, message);
}

void RunDataSource::onWorkerRuns(const RunInfoList& runs, quint64 generation) {
    if (generation != m_openGeneration || !isOpen()) return;
    m_runs = runs;
    emit runsChanged(m_runs);
}

void RunDataSource::onWorkerMetrics(qint64 runId, const MetricBatch& batch, quint64 epoch) {
    if (!m_runEpoch.contains(runId) || m_runEpoch.value(runId) != epoch) return;
    m_metricHistory[runId].append(batch);
    emit metricsAppended(runId, batch);
}

void RunDataSource::onWorkerEvals(qint64 runId, const MetricBatch& batch, quint64 epoch) {
    if (!m_runEpoch.contains(runId) || m_runEpoch.value(runId) != epoch) return;
    m_evalHistory[runId].append(batch);
    emit evalsAppended(runId, batch);
}

void RunDataSource::onWorkerStep(qint64 runId, qint64 maxStep, quint64 epoch) {
    if (!m_runEpoch.contains(runId) || m_runEpoch.value(runId) != epoch) return;
    m_deliveredStep[runId] = maxStep;
    emit stepAdvanced(runId, maxStep);
}

void RunDataSource::onWorkerReset(qint64 runId, quint64 epoch) {
    if (!m_runEpoch.contains(runId) || m_runEpoch.value(runId) != epoch) return;
    m_metricHistory.remove(runId);
    m_evalHistory.remove(runId);
    m_deliveredStep.remove(runId);
    emit runReset(runId);
}

}  // namespace gcpo::ui

#include "run_data_source.moc"
