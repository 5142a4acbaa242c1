// Columnar metric history of one run as the curves view keeps it, with the step clock that maps a
// step to wall time and to rollouts consumed, and the debiased EMA used for smoothing.
#pragma once

#include <QHash>
#include <QString>
#include <QVector>

#include "run_data_source.h"

namespace gcpo::ui {

// Debiased exponential moving average (as TensorBoard): s_n = w s_{n-1} + (1 - w) x_n, shown as
// s_n / (1 - w^n), so the first points are not pulled towards zero. NaN inputs are skipped.
struct EmaState {
    double last = 0.0;
    double weightPower = 1.0;  // w^n
    qint64 count = 0;
    double next(double x, double weight);
};

class CurveData {
public:
    enum class Axis { Step, WallTime, RolloutsConsumed };

    // Metric keys as stored ("reward"); evaluation keys get the prefix "eval/".
    void appendMetrics(const MetricBatch& batch);
    void appendEvals(const MetricBatch& batch);
    void clear();

    bool has(const QString& key) const { return m_series.contains(key); }
    const SeriesChunk* series(const QString& key) const;
    QStringList keys() const { return m_series.keys(); }
    qsizetype size(const QString& key) const;

    // x of each point from index `from` of `key` on the chosen axis. Wall time is in seconds since
    // the run's first step; rollouts consumed comes from the run's "rollouts_consumed" metric (a
    // step before it is known maps to the last known value, or 0).
    QVector<double> xValues(const QString& key, qsizetype from, Axis axis) const;
    double xOf(double step, Axis axis) const;

private:
    double lookup(const QVector<double>& steps, const QVector<double>& values, double step) const;

    QHash<QString, SeriesChunk> m_series;
    QVector<double> m_clockSteps;
    QVector<double> m_clockWall;
};

}  // namespace gcpo::ui
