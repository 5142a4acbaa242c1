// Curves: one metric (or a family such as pass@k or the step-time breakdown) of every followed run
// overlaid, one colour per run (per key for a family), debiased EMA smoothing drawn over the
// translucent raw series for dense training series only: evaluation series (a few points) are
// always drawn raw with markers, as is any series of one point. Hover lists the raw value of every
// curve at that x. The legend sits under the axes, the y label carries the unit, log y on demand.
// Only the keys of the shown metric are kept (the source holds the full history); the dashboard
// shows several of these side by side in compact mode (no x-axis and smoothing controls).
//
// New points are appended with QCPGraph::addData(..., alreadySorted = true) as they arrive; one
// single-shot ~40 ms timer coalesces them into one rpQueuedReplot (<= ~25 redraws per second).
// Nothing is decimated: every stored point is in the graphs (QCustomPlot's adaptive sampling only
// merges points that fall on the same screen pixel when drawing; exports use the full data).
#pragma once

#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include "run_data_source.h"
#include "views/curve_data.h"
#include "views/metric_catalog.h"
#include "views/run_view.h"

class QCheckBox;
class QComboBox;
class QCPGraph;
class QCPItemTracer;
class QLabel;
class QSlider;

namespace gcpo::ui {

class CurvesView : public RunView {
    Q_OBJECT

public:
    enum class XAxis { Step, WallTime, RolloutsConsumed };
    Q_ENUM(XAxis)

    explicit CurvesView(QWidget* parent = nullptr);
    ~CurvesView() override;

    void setDataSource(RunDataSource* source) override;
    QString viewTitle() const override;
    QList<QCustomPlot*> plots() const override;
    QCustomPlot* plot() const { return m_plot; }

    // Picker entries (MetricCatalog ids, plus any other metric key the runs carry).
    QStringList metricIds() const;
    QString currentMetric() const { return m_metricId; }
    void setCurrentMetric(const QString& id);
    XAxis xAxis() const { return m_xAxis; }
    void setXAxis(XAxis axis);
    double smoothing() const { return m_smoothing; }  // EMA weight in [0, 0.999]
    void setSmoothing(double weight);
    bool isSmoothed() const;  // smoothing > 0 and the metric is not sparse
    bool logY() const { return m_logY; }
    void setLogY(bool on);
    // Compact: only the metric picker and log-y (the dashboard sets x axis and smoothing for all).
    void setCompact(bool on);

    // Shows these runs instead of the source's followed runs (empty: follow the source again).
    void setRuns(const QList<qint64>& runIds);
    QList<qint64> shownRuns() const;
    // A shown run's colour and name as drawn (the colour of its single-metric curves).
    QColor runColor(qint64 runId) const;
    QString runLabel(qint64 runId) const;

signals:
    // The shown runs, their names or the metric changed and the graphs were rebuilt.
    void graphsRebuilt();

public:
    // Raw points drawn for (run, key) (key as in MetricCatalog: "reward", "eval/pass@8"); -1 if none.
    int pointCount(qint64 runId, const QString& key) const;
    int replotCount() const { return m_replots; }  // redraws requested so far (tests, benchmark)

private:
    struct CurveGraphs {
        QCPGraph* raw = nullptr;
        QCPGraph* smooth = nullptr;
        int rawCount = 0;  // points already in raw
        EmaState ema;
    };

    void onMetrics(qint64 runId, const MetricBatch& batch);
    void onEvals(qint64 runId, const MetricBatch& batch);
    void onRunReset(qint64 runId);
    void onFollowedRuns(const QList<qint64>& runIds);
    void onRunsChanged(const RunInfoList& runs);
    void loadHistory(qint64 runId);
    void rebuildGraphs();
    // Moves new points of shown curves into the graphs; returns true when only graphs on the live
    // layer received points.
    bool appendPending();
    void scheduleReplot();
    // The coalescing timer's tick: append, then one redraw: of the live layer alone when only live
    // runs grew and the axes kept their ranges (the finished runs' layer stays cached), else full.
    void flush();
    void updatePicker();
    void updateHover(QMouseEvent* event);
    MetricBatch keep(const MetricBatch& batch) const;  // only the keys the shown metric needs
    void fitRanges();

    QCustomPlot* m_plot = nullptr;
    QComboBox* m_metricBox = nullptr;
    QComboBox* m_xAxisBox = nullptr;
    QSlider* m_smoothSlider = nullptr;
    QLabel* m_smoothLabel = nullptr;
    QLabel* m_status = nullptr;
    bool m_compact = false;  // a dashboard panel: smaller fonts, the unit alone on the y axis
    QCheckBox* m_logYBox = nullptr;
    QList<QWidget*> m_sharedControls;  // hidden in compact mode
    QSet<QString> m_seenKeys;          // every key the runs carry (for the picker)
    QSet<QString> m_keptKeys;          // keys held in m_data
    QCPItemTracer* m_tracer = nullptr;
    QTimer m_flushTimer;
    QList<QMetaObject::Connection> m_connections;

    QHash<qint64, CurveData> m_data;       // every run shown, all metrics
    QHash<QString, CurveGraphs> m_graphs;  // "<runId>|<key>" of the current metric
    QList<qint64> m_explicitRuns;
    QList<qint64> m_shown;
    QHash<qint64, QString> m_runNames;
    QSet<qint64> m_liveRuns;   // status "running": drawn on their own layer
    bool m_fullReplot = true;  // something beside the live layer changed
    QStringList m_extraKeys;   // metric keys outside the catalog
    QString m_metricId = QStringLiteral("eval/pass@1");
    XAxis m_xAxis = XAxis::Step;
    double m_smoothing = 0.6;
    bool m_logY = false;
    bool m_rescale = true;  // rescale axes at the next flush (until the user zooms)
    int m_replots = 0;
};

}  // namespace gcpo::ui
