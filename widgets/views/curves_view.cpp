// Curves view: followed runs overlaid, EMA over translucent raw series, coalesced redraws.
#include "views/curves_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

#include <qcustomplot.h>

#include "theme.h"

namespace gcpo::ui {

namespace {

constexpr int kFlushDelayMs = 40;  // coalescing window: at most ~25 redraws per second

CurveData::Axis toAxis(CurvesView::XAxis a) {
    switch (a) {
    case CurvesView::XAxis::WallTime: return CurveData::Axis::WallTime;
    case CurvesView::XAxis::RolloutsConsumed: return CurveData::Axis::RolloutsConsumed;
    default: return CurveData::Axis::Step;
    }
}

QString graphKey(qint64 runId, const QString& key) { return QString::number(runId) + QLatin1Char('|') + key; }

// Keys drawn together (pass@k, the step-time breakdown) each get their own hue; several runs of a
// family differ by lightness. Solid lines only: dashed pens over 10 000-point series make a redraw
// about 50x slower.
QColor familyColour(int key, int run) {
    const QColor c = Theme::seriesColour(key);
    return run == 0 ? c : run % 2 ? c.darker(100 + 35 * ((run + 1) / 2)) : c.lighter(100 + 30 * (run / 2));
}

constexpr int kMarkerPoints = 60;  // series this short get a marker on every point

}  // namespace

CurvesView::CurvesView(QWidget* parent) : RunView(parent) {
    m_metricBox = new QComboBox(this);
    m_metricBox->setToolTip(tr("Metric to plot"));
    // Long entries must not widen a dashboard panel: the popup shows them in full.
    m_metricBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_metricBox->setMinimumContentsLength(14);
    m_xAxisBox = new QComboBox(this);
    m_xAxisBox->addItem(tr("Step"), static_cast<int>(XAxis::Step));
    m_xAxisBox->addItem(tr("Wall time"), static_cast<int>(XAxis::WallTime));
    m_xAxisBox->addItem(tr("Rollouts consumed"), static_cast<int>(XAxis::RolloutsConsumed));
    m_xAxisBox->setToolTip(tr("Horizontal axis"));
    m_smoothSlider = new QSlider(Qt::Horizontal, this);
    m_smoothSlider->setRange(0, 99);
    m_smoothSlider->setValue(static_cast<int>(m_smoothing * 100));
    m_smoothSlider->setToolTip(tr("Debiased exponential moving average weight (0: raw series only)"));
    m_smoothSlider->setMaximumWidth(160);
    m_smoothLabel = new QLabel(this);
    m_status = new QLabel(this);
    m_logYBox = new QCheckBox(tr("Log y"), this);
    m_logYBox->setToolTip(tr("Logarithmic y axis (points at or below zero are not drawn)"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Metric:"), this));
    bar->addWidget(m_metricBox, 1);
    bar->addWidget(m_logYBox);
    auto* xLabel = new QLabel(tr("X axis:"), this);
    auto* smoothLabel = new QLabel(tr("Smoothing:"), this);
    bar->addWidget(xLabel);
    bar->addWidget(m_xAxisBox);
    bar->addWidget(smoothLabel);
    bar->addWidget(m_smoothSlider);
    bar->addWidget(m_smoothLabel);
    m_sharedControls = {xLabel, m_xAxisBox, smoothLabel, m_smoothSlider, m_smoothLabel};

    m_plot = new QCustomPlot(this);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    // Long noisy series are the slow part of a redraw: polylines in one call, and no antialiasing
    // of the translucent raw series (the smoothed line on top keeps it).
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    // Finished runs on one cached layer, live runs on another: a live update redraws only its own.
    m_plot->addLayer(QStringLiteral("finished"), m_plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    m_plot->addLayer(QStringLiteral("live"), m_plot->layer(QStringLiteral("finished")), QCustomPlot::limAbove);
    m_plot->layer(QStringLiteral("finished"))->setMode(QCPLayer::lmBuffered);
    m_plot->layer(QStringLiteral("live"))->setMode(QCPLayer::lmBuffered);
    Theme::putLegendBelow(m_plot);
    Theme::followTheme(m_plot);
    m_plot->setMinimumSize(240, 160);
    m_tracer = new QCPItemTracer(m_plot);
    m_tracer->setStyle(QCPItemTracer::tsCircle);
    m_tracer->setSize(7);
    m_tracer->setVisible(false);
    m_tracer->setLayer(QStringLiteral("overlay"));
    m_plot->layer(QStringLiteral("overlay"))->setMode(QCPLayer::lmBuffered);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_status);

    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushDelayMs);
    QObject::connect(&m_flushTimer, &QTimer::timeout, this, &CurvesView::flush);
    QObject::connect(m_metricBox, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0) setCurrentMetric(m_metricBox->itemData(i).toString());
    });
    QObject::connect(m_xAxisBox, &QComboBox::currentIndexChanged, this,
                     [this](int i) { setXAxis(static_cast<XAxis>(m_xAxisBox->itemData(i).toInt())); });
    QObject::connect(m_smoothSlider, &QSlider::valueChanged, this, [this](int v) { setSmoothing(v / 100.0); });
    QObject::connect(m_logYBox, &QCheckBox::toggled, this, &CurvesView::setLogY);
    QObject::connect(m_plot, &QCustomPlot::mouseMove, this, &CurvesView::updateHover);
    // The user zooming or dragging stops the automatic rescale; a double click brings it back.
    QObject::connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { m_rescale = false; });
    QObject::connect(m_plot, &QCustomPlot::mousePress, this, [this] { m_rescale = false; });
    QObject::connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] {
        m_rescale = true;
        scheduleReplot();
    });
    m_keptKeys.insert(QStringLiteral("rollouts_consumed"));
    for (const QString& k : MetricCatalog::entry(m_metricId).keys) m_keptKeys.insert(k);
    updatePicker();
    setSmoothing(m_smoothing);
}

CurvesView::~CurvesView() {
    for (const auto& c : m_connections) QObject::disconnect(c);
    Theme::showLegendBelow(m_plot, true);  // back into the layout that deletes it
}

QString CurvesView::viewTitle() const { return tr("Curves"); }
QList<QCustomPlot*> CurvesView::plots() const { return {m_plot}; }

void CurvesView::setDataSource(RunDataSource* source) {
    for (const auto& c : m_connections) QObject::disconnect(c);
    m_connections.clear();
    m_source = source;
    m_data.clear();
    m_shown.clear();
    if (source) {
        m_connections << QObject::connect(source, &RunDataSource::metricsAppended, this, &CurvesView::onMetrics)
                      << QObject::connect(source, &RunDataSource::evalsAppended, this, &CurvesView::onEvals)
                      << QObject::connect(source, &RunDataSource::runReset, this, &CurvesView::onRunReset)
                      << QObject::connect(source, &RunDataSource::followedRunsChanged, this, &CurvesView::onFollowedRuns)
                      << QObject::connect(source, &RunDataSource::runsChanged, this, &CurvesView::onRunsChanged)
                      << QObject::connect(source, &RunDataSource::databaseClosed, this, [this] { onFollowedRuns({}); });
        onRunsChanged(source->runs());
        onFollowedRuns(source->followedRuns());
    } else {
        rebuildGraphs();
    }
}

void CurvesView::setRuns(const QList<qint64>& runIds) {
    m_explicitRuns = runIds;
    onFollowedRuns(m_source ? m_source->followedRuns() : QList<qint64>{});
}

QList<qint64> CurvesView::shownRuns() const { return m_shown; }

void CurvesView::onFollowedRuns(const QList<qint64>& runIds) {
    QList<qint64> shown;
    for (qint64 id : runIds)
        if (m_explicitRuns.isEmpty() || m_explicitRuns.contains(id)) shown.append(id);
    for (auto it = m_data.begin(); it != m_data.end();) it = shown.contains(it.key()) ? std::next(it) : m_data.erase(it);
    m_shown = shown;
    for (qint64 id : m_shown)
        if (!m_data.contains(id)) loadHistory(id);
    m_rescale = true;
    updatePicker();
    rebuildGraphs();
}

void CurvesView::loadHistory(qint64 runId) {
    CurveData& d = m_data[runId];
    d.clear();
    if (!m_source) return;
    const MetricBatch metrics = m_source->metricHistory(runId);
    for (auto it = metrics.series.cbegin(); it != metrics.series.cend(); ++it) m_seenKeys.insert(it.key());
    d.appendMetrics(keep(metrics));
    d.appendEvals(m_source->evalHistory(runId));
}

MetricBatch CurvesView::keep(const MetricBatch& batch) const {
    MetricBatch kept;
    kept.runId = batch.runId;
    kept.clockSteps = batch.clockSteps;  // implicitly shared: no copy
    kept.clockWallTimes = batch.clockWallTimes;
    for (auto it = batch.series.cbegin(); it != batch.series.cend(); ++it)
        if (m_keptKeys.contains(it.key())) kept.series.insert(it.key(), it.value());
    return kept;
}

void CurvesView::onRunsChanged(const RunInfoList& runs) {
    bool renamed = false;
    QSet<qint64> live;
    for (const gcpo::store::RunInfo& r : runs)
        if (r.status == gcpo::store::RunStatus::Running) live.insert(r.id);
    for (qint64 id : m_shown) renamed = renamed || live.contains(id) != m_liveRuns.contains(id);
    m_liveRuns = live;
    for (const gcpo::store::RunInfo& r : runs) {
        const QString label = r.name.empty() ? tr("run %1").arg(r.id) : QString::fromStdString(r.name);
        if (m_runNames.value(r.id) != label) {
            m_runNames.insert(r.id, label);
            renamed = renamed || m_shown.contains(r.id);
        }
    }
    if (renamed) rebuildGraphs();
}

void CurvesView::onMetrics(qint64 runId, const MetricBatch& batch) {
    if (!m_shown.contains(runId)) return;
    bool newKey = false;
    for (auto it = batch.series.cbegin(); it != batch.series.cend(); ++it)
        if (!m_seenKeys.contains(it.key())) {
            m_seenKeys.insert(it.key());
            newKey = true;
        }
    m_data[runId].appendMetrics(keep(batch));
    if (newKey) updatePicker();
    scheduleReplot();
}

void CurvesView::onEvals(qint64 runId, const MetricBatch& batch) {
    if (!m_shown.contains(runId)) return;
    m_data[runId].appendEvals(batch);
    updatePicker();
    scheduleReplot();
}

void CurvesView::onRunReset(qint64 runId) {
    if (!m_shown.contains(runId)) return;
    m_data[runId].clear();
    rebuildGraphs();
}

QStringList CurvesView::metricIds() const {
    QStringList ids;
    for (int i = 0; i < m_metricBox->count(); ++i) ids << m_metricBox->itemData(i).toString();
    return ids;
}

void CurvesView::updatePicker() {
    QStringList catalogKeys;
    for (const MetricEntry& e : MetricCatalog::entries()) catalogKeys << e.keys;
    QStringList extra;
    for (const QString& k : std::as_const(m_seenKeys))
        if (!catalogKeys.contains(k) && !extra.contains(k)) extra << k;
    for (const CurveData& d : m_data)
        for (const QString& k : d.keys())
            if (k.startsWith(QLatin1String("eval/")) && !catalogKeys.contains(k) && !extra.contains(k)) extra << k;
    extra.sort();
    if (extra == m_extraKeys && m_metricBox->count() > 0) return;
    m_extraKeys = extra;
    const QSignalBlocker block(m_metricBox);
    m_metricBox->clear();
    for (const MetricEntry& e : MetricCatalog::entries()) m_metricBox->addItem(e.category + QStringLiteral(": ") + e.label, e.id);
    for (const QString& k : m_extraKeys) m_metricBox->addItem(tr("Other: %1").arg(k), k);
    const int i = m_metricBox->findData(m_metricId);
    if (i >= 0) m_metricBox->setCurrentIndex(i);
}

void CurvesView::setCurrentMetric(const QString& id) {
    if (id == m_metricId && !m_graphs.isEmpty()) return;
    m_metricId = id;
    const int i = m_metricBox->findData(id);
    if (i >= 0 && i != m_metricBox->currentIndex()) {
        const QSignalBlocker block(m_metricBox);
        m_metricBox->setCurrentIndex(i);
    }
    // Keys not held yet come from the source's history (it keeps every key of the followed runs).
    QSet<QString> needed{QStringLiteral("rollouts_consumed")};
    for (const QString& k : MetricCatalog::entry(id).keys)
        if (!k.startsWith(QLatin1String("eval/"))) needed.insert(k);
    if (!m_keptKeys.contains(needed)) {
        m_keptKeys = needed;
        for (qint64 runId : std::as_const(m_shown)) loadHistory(runId);
    }
    m_rescale = true;
    rebuildGraphs();
}

void CurvesView::setXAxis(XAxis axis) {
    m_xAxis = axis;
    const int i = m_xAxisBox->findData(static_cast<int>(axis));
    if (i != m_xAxisBox->currentIndex()) {
        const QSignalBlocker block(m_xAxisBox);
        m_xAxisBox->setCurrentIndex(i);
    }
    m_rescale = true;
    rebuildGraphs();
}

void CurvesView::setSmoothing(double weight) {
    m_smoothing = qBound(0.0, weight, 0.999);
    const int slider = static_cast<int>(std::lround(m_smoothing * 100));
    if (slider != m_smoothSlider->value()) {
        const QSignalBlocker block(m_smoothSlider);
        m_smoothSlider->setValue(slider);
    }
    m_smoothLabel->setText(QString::number(m_smoothing, 'f', 2));
    rebuildGraphs();
}

bool CurvesView::isSmoothed() const { return m_smoothing > 0.0 && !MetricCatalog::entry(m_metricId).sparse; }

void CurvesView::setLogY(bool on) {
    m_logY = on;
    if (m_logYBox->isChecked() != on) {
        const QSignalBlocker block(m_logYBox);
        m_logYBox->setChecked(on);
    }
    m_plot->yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (on) m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    m_rescale = true;
    rebuildGraphs();
}

void CurvesView::setCompact(bool on) {
    if (m_compact == on) return;
    m_compact = on;
    for (QWidget* w : std::as_const(m_sharedControls)) w->setVisible(!on);
    m_status->setVisible(!on);
    const QFont small(font().family(), on ? 8 : font().pointSize());
    for (QCPAxis* a : {m_plot->xAxis, m_plot->yAxis}) {
        a->setLabelFont(small);
        a->setTickLabelFont(small);
    }
    rebuildGraphs();
}

QColor CurvesView::runColor(qint64 runId) const { return Theme::seriesColour(qMax(0, static_cast<int>(m_shown.indexOf(runId)))); }

QString CurvesView::runLabel(qint64 runId) const { return m_runNames.value(runId, tr("run %1").arg(runId)); }

void CurvesView::rebuildGraphs() {
    m_plot->clearGraphs();
    m_graphs.clear();
    m_tracer->setGraph(nullptr);
    m_tracer->setVisible(false);
    const MetricEntry entry = MetricCatalog::entry(m_metricId);
    if (m_source) m_source->setPriorityKeys(this, entry.keys);
    const bool smoothEntry = isSmoothed();
    const bool family = entry.keys.size() > 1;
    for (int r = 0; r < m_shown.size(); ++r) {
        const qint64 runId = m_shown[r];
        for (int k = 0; k < entry.keys.size(); ++k) {
            const QColor colour = family ? familyColour(k, r) : runColor(runId);
            const QString& key = entry.keys[k];
            const bool smooth = smoothEntry && !key.startsWith(QLatin1String("eval/"));  // evaluations: raw
            const QString name =
                family ? (m_shown.size() > 1 ? runLabel(runId) + QStringLiteral(" · ") + key : key) : runLabel(runId);
            CurveGraphs g;
            g.raw = m_plot->addGraph();
            QColor rawColour = colour;
            if (smooth) rawColour.setAlpha(70);
            g.raw->setPen(QPen(rawColour, smooth ? 1.0 : 1.5));
            g.raw->setName(name + (smooth ? tr(" (raw)") : QString()));
            g.raw->setAntialiased(!smooth);
            g.smooth = m_plot->addGraph();
            g.smooth->setPen(QPen(colour, 2.0));
            g.smooth->setName(name);
            g.smooth->setVisible(smooth);
            const QString layer = m_liveRuns.contains(runId) ? QStringLiteral("live") : QStringLiteral("finished");
            g.raw->setLayer(layer);
            g.smooth->setLayer(layer);
            if (smooth) g.raw->removeFromLegend();
            else g.smooth->removeFromLegend();
            // A dashboard panel names no runs: one legend for the whole dashboard does, so that
            // twenty runs do not squeeze each panel's axes into a strip.
            if (m_compact && !family) {
                g.raw->removeFromLegend();
                g.smooth->removeFromLegend();
            }
            // A family over several runs: one legend entry per key (the first run's hue); the
            // runs are shades of it, named in the hover.
            if (family && r > 0) {
                g.raw->removeFromLegend();
                g.smooth->removeFromLegend();
            } else if (family && m_shown.size() > 1) {
                (smooth ? g.smooth : g.raw)->setName(tr("%1 (all runs, by shade)").arg(key));
            }
            m_graphs.insert(graphKey(runId, key), g);
        }
    }
    static const QString axisLabels[] = {tr("Step"), tr("Wall time (s)"), tr("Rollouts consumed")};
    m_plot->xAxis->setLabel(axisLabels[static_cast<int>(m_xAxis)]);
    // The label without its parenthesised detail (the picker shows that), then the unit.
    const QString shortLabel = entry.label.section(QStringLiteral(" ("), 0, 0);
    // A compact dashboard panel names its metric in the picker above the plot; its short axis
    // cannot hold "Distinct correct answers (answers)", so it shows the unit alone.
    if (m_compact && !entry.unit.isEmpty()) m_plot->yAxis->setLabel(entry.unit);
    else m_plot->yAxis->setLabel(entry.unit.isEmpty() ? shortLabel : QStringLiteral("%1 (%2)").arg(shortLabel, entry.unit));
    if (m_xAxis == XAxis::WallTime) m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    else Theme::integerTicks(m_plot->xAxis);
    Theme::showLegendBelow(m_plot, m_plot->legend->itemCount() > 0);
    m_rescale = true;
    appendPending();
    m_fullReplot = true;  // the next tick redraws everything even if only live runs grew
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    ++m_replots;
    emit graphsRebuilt();
}

bool CurvesView::appendPending() {
    bool onlyLive = true;
    const MetricEntry entry = MetricCatalog::entry(m_metricId);
    const CurveData::Axis axis = toAxis(m_xAxis);
    const bool smoothEntry = isSmoothed();
    qsizetype total = 0;
    for (qint64 runId : m_shown) {
        const CurveData& d = m_data[runId];
        for (const QString& key : entry.keys) {
            auto it = m_graphs.find(graphKey(runId, key));
            if (it == m_graphs.end()) continue;
            CurveGraphs& g = it.value();
            const SeriesChunk* c = d.series(key);
            const qsizetype n = c ? c->values.size() : 0;
            total += n;
            if (n <= g.rawCount) continue;
            onlyLive = onlyLive && m_liveRuns.contains(runId);
            const QVector<double> x = d.xValues(key, g.rawCount, axis);
            const QVector<double> y = c->values.mid(g.rawCount);
            g.raw->addData(x, y, true);
            const bool smooth = smoothEntry && !key.startsWith(QLatin1String("eval/"));
            if (smooth) {
                QVector<double> s(y.size());
                for (qsizetype i = 0; i < y.size(); ++i) s[i] = g.ema.next(y[i], m_smoothing);
                g.smooth->addData(x, s, true);
            }
            // A one-point or short series (evaluations) gets markers, or it would be invisible.
            const bool markers = key.startsWith(QLatin1String("eval/")) || n <= kMarkerPoints;
            if (markers != (g.raw->scatterStyle().shape() != QCPScatterStyle::ssNone)) {
                const QColor c = g.raw->pen().color();
                QColor solid = c;
                solid.setAlpha(255);
                g.raw->setScatterStyle(markers ? QCPScatterStyle(QCPScatterStyle::ssDisc, solid, solid, smooth ? 3 : 5)
                                               : QCPScatterStyle(QCPScatterStyle::ssNone));
            }
            g.rawCount = static_cast<int>(n);
        }
    }
    m_status->setText(tr("%n point(s) drawn, all stored points (no downsampling)", nullptr, static_cast<int>(total)) +
                      (entry.sparse ? tr("; evaluation series are never smoothed") : QString()));
    if (m_rescale && total > 0) fitRanges();
    return onlyLive;
}

void CurvesView::fitRanges() {
    // The visible graphs' own key and value spans. QCustomPlot's rescaleAxes keeps an axis's current
    // size where the data span none (one point, a flat series): a metric of zeros shown after one in
    // the tens of thousands kept a ±20,000 axis, and the checks below never saw an empty span.
    QCPRange x = m_plot->xAxis->range(), y = m_plot->yAxis->range();
    bool anyX = false, anyY = false;
    const QCP::SignDomain ySign = m_logY ? QCP::sdPositive : QCP::sdBoth;
    for (int i = 0; i < m_plot->plottableCount(); ++i) {
        const QCPAbstractPlottable* p = m_plot->plottable(i);
        if (!p->visible()) continue;
        bool foundX = false, foundY = false;
        const QCPRange keys = p->getKeyRange(foundX), values = p->getValueRange(foundY, ySign);
        if (foundX) {
            if (anyX) x.expand(keys);
            else x = keys;
            anyX = true;
        }
        if (foundY) {
            if (anyY) y.expand(values);
            else y = values;
            anyY = true;
        }
    }
    // One point (or a flat series) must not give an empty or absurd range.
    if (x.size() <= 0.0) x = QCPRange(x.lower - 1.0, x.upper + 1.0);
    else x = QCPRange(x.lower - 0.02 * x.size(), x.upper + 0.02 * x.size());
    if (m_logY) {
        if (y.lower <= 0.0 || y.size() <= 0.0)
            y = QCPRange(y.upper > 0 ? y.upper / 10.0 : 1e-3, y.upper > 0 ? y.upper * 2.0 : 1.0);
        else y = QCPRange(y.lower / 1.2, y.upper * 1.2);
    } else if (y.size() <= 1e-12 * std::max(1.0, std::abs(y.center()))) {
        const double pad = std::max(0.05 * std::abs(y.center()), 0.05);
        y = QCPRange(y.center() - pad, y.center() + pad);
    } else {
        y = QCPRange(y.lower - 0.06 * y.size(), y.upper + 0.06 * y.size());
    }
    m_plot->xAxis->setRange(x);
    m_plot->yAxis->setRange(y);
}

void CurvesView::scheduleReplot() {
    if (!m_flushTimer.isActive()) m_flushTimer.start();
}

void CurvesView::flush() {
    const QCPRange x = m_plot->xAxis->range(), y = m_plot->yAxis->range();
    const bool onlyLive = appendPending();
    const bool sameAxes = m_plot->xAxis->range() == x && m_plot->yAxis->range() == y;
    ++m_replots;
    if (onlyLive && sameAxes && !m_fullReplot) {
        m_plot->layer(QStringLiteral("live"))->replot();
        return;
    }
    m_fullReplot = false;
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int CurvesView::pointCount(qint64 runId, const QString& key) const {
    auto it = m_graphs.constFind(graphKey(runId, key));
    return it == m_graphs.cend() ? -1 : it.value().raw->dataCount();
}

// Hover: the RAW value of every curve at the point nearest the cursor's x (within 40 px), the
// smoothed value beside it when smoothing is on; the tracer marks the curve nearest in y.
void CurvesView::updateHover(QMouseEvent* event) {
    const double x = m_plot->xAxis->pixelToCoord(event->position().x());
    QCPGraph* best = nullptr;
    double bestKey = 0.0;
    double bestDist = std::numeric_limits<double>::max();
    QStringList lines;
    const bool smooth = isSmoothed();
    for (auto it = m_graphs.cbegin(); it != m_graphs.cend(); ++it) {
        QCPGraph* g = it.value().raw;
        if (g->dataCount() == 0) continue;
        auto p = g->data()->findBegin(x, false);
        if (p == g->data()->constEnd()) p = g->data()->constEnd() - 1;
        auto next = p + 1;
        if (next != g->data()->constEnd() && std::abs(next->key - x) < std::abs(p->key - x)) p = next;
        const double dy = std::abs(m_plot->yAxis->coordToPixel(p->value) - event->position().y());
        const double dx = std::abs(m_plot->xAxis->coordToPixel(p->key) - event->position().x());
        if (dx > 40) continue;
        QString line =
            QStringLiteral("%1: %2 @ %3").arg(it.value().smooth->name()).arg(p->value, 0, 'g', 5).arg(p->key, 0, 'g', 7);
        if (smooth) {
            auto s = it.value().smooth->data()->findBegin(p->key, false);
            if (s != it.value().smooth->data()->constEnd() && s->key == p->key)
                line += tr(" (smoothed %1)").arg(s->value, 0, 'g', 5);
        }
        lines << line;
        if (dy < bestDist) {
            bestDist = dy;
            best = g;
            bestKey = p->key;
        }
    }
    lines.sort();
    m_tracer->setVisible(best != nullptr);
    if (best) {
        m_tracer->setGraph(best);
        m_tracer->setGraphKey(bestKey);
        QColor c = best->pen().color();
        c.setAlpha(255);
        m_tracer->setPen(QPen(c, 1.5));
        QToolTip::showText(event->globalPosition().toPoint(), lines.join(QLatin1Char('\n')), m_plot);
    } else {
        QToolTip::hideText();
    }
    m_plot->layer(QStringLiteral("overlay"))->replot();  // the curves' layers stay cached
}

}  // namespace gcpo::ui
