// Columnar metric history of one run for the curves view (see curve_data.h).
#include "views/curve_data.h"

#include <algorithm>
#include <cmath>

namespace gcpo::ui {

double EmaState::next(double x, double weight) {
    if (!std::isfinite(x)) return count > 0 ? last / (1.0 - weightPower) : x;
    last = weight * last + (1.0 - weight) * x;
    weightPower *= weight;
    ++count;
    const double debias = 1.0 - weightPower;
    return debias > 0.0 ? last / debias : x;
}

void CurveData::appendMetrics(const MetricBatch& batch) {
    m_clockSteps += batch.clockSteps;
    m_clockWall += batch.clockWallTimes;
    for (auto it = batch.series.cbegin(); it != batch.series.cend(); ++it) {
        SeriesChunk& c = m_series[it.key()];
        c.steps += it.value().steps;
        c.values += it.value().values;
    }
}

void CurveData::appendEvals(const MetricBatch& batch) {
    for (auto it = batch.series.cbegin(); it != batch.series.cend(); ++it) {
        SeriesChunk& c = m_series[QStringLiteral("eval/") + it.key()];
        c.steps += it.value().steps;
        c.values += it.value().values;
    }
}

void CurveData::clear() {
    m_series.clear();
    m_clockSteps.clear();
    m_clockWall.clear();
}

const SeriesChunk* CurveData::series(const QString& key) const {
    auto it = m_series.constFind(key);
    return it == m_series.cend() ? nullptr : &it.value();
}

qsizetype CurveData::size(const QString& key) const {
    const SeriesChunk* c = series(key);
    return c ? c->values.size() : 0;
}

double CurveData::lookup(const QVector<double>& steps, const QVector<double>& values, double step) const {
    if (steps.isEmpty()) return 0.0;
    // Last entry with steps[i] <= step (the value known at that step); before the first: 0.
    auto it = std::upper_bound(steps.cbegin(), steps.cend(), step);
    if (it == steps.cbegin()) return 0.0;
    return values[static_cast<qsizetype>(std::distance(steps.cbegin(), it)) - 1];
}

double CurveData::xOf(double step, Axis axis) const {
    switch (axis) {
    case Axis::Step: return step;
    case Axis::WallTime: {
        if (m_clockSteps.isEmpty()) return 0.0;
        return lookup(m_clockSteps, m_clockWall, step) - (step < m_clockSteps.front() ? 0.0 : m_clockWall.front());
    }
    case Axis::RolloutsConsumed: {
        const SeriesChunk* r = series(QStringLiteral("rollouts_consumed"));
        return r ? lookup(r->steps, r->values, step) : 0.0;
    }
    }
    return step;
}

QVector<double> CurveData::xValues(const QString& key, qsizetype from, Axis axis) const {
    const SeriesChunk* c = series(key);
    if (!c || from >= c->steps.size()) return {};
    if (axis == Axis::Step) return c->steps.mid(from);
    QVector<double> x;
    x.reserve(c->steps.size() - from);
    for (qsizetype i = from; i < c->steps.size(); ++i) x.append(xOf(c->steps[i], axis));
    return x;
}

}  // namespace gcpo::ui
