// Distribution over time of one per-rollout quantity of one run (advantage used, GCPO credit, GRPO
// advantage, reward, completion length): for every step with stored rollouts, the 5-95 % and
// 25-75 % quantile bands and the median, as TensorBoard's histogram-over-time shows it. Steps are
// read incrementally from the store (at most kStepsPerRefresh per refresh, so following a live run
// never stalls the window); a run with more stored steps than kMaxSteps is read at a stride, and
// the panel says so.
#pragma once

#include <QHash>
#include <QMap>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <vector>

class QComboBox;
class QCustomPlot;
class QLabel;

namespace gcpo::ui {

class RunDataSource;

struct StepQuantiles {
    double q05 = 0.0, q25 = 0.0, q50 = 0.0, q75 = 0.0, q95 = 0.0;
};
// Linear-interpolated quantiles (type 7, as numpy's default) of `values` (sorted in place).
StepQuantiles quantilesOf(std::vector<double>& values);

class DistributionPlot : public QWidget {
    Q_OBJECT

public:
    enum class Quantity { Advantage, Credit, GrpoAdvantage, Reward, Length };
    static constexpr int kStepsPerRefresh = 64;
    static constexpr int kMaxSteps = 400;

    explicit DistributionPlot(QWidget* parent = nullptr);

    void setDataSource(RunDataSource* source);
    void setQuantity(Quantity q);
    Quantity quantity() const { return m_quantity; }
    void setRun(qint64 runId);
    qint64 run() const { return m_runId; }
    QCustomPlot* plot() const { return m_plot; }
    const QMap<qint64, StepQuantiles>& steps() const { return m_steps; }
    // Reads up to kStepsPerRefresh new steps and redraws; returns true when more remain.
    bool refresh();

    static QString quantityKey(Quantity q);  // "advantage", "credit", ...
    static Quantity quantityFromKey(const QString& key);

private:
    void updateRuns();
    void redraw();

    QComboBox* m_runBox = nullptr;
    QComboBox* m_quantityBox = nullptr;
    QCustomPlot* m_plot = nullptr;
    QLabel* m_note = nullptr;
    QTimer m_timer;
    RunDataSource* m_source = nullptr;
    Quantity m_quantity = Quantity::Advantage;
    qint64 m_runId = 0;
    QMap<qint64, StepQuantiles> m_steps;
    qint64 m_lastRead = -1;
    QStringList m_runNames;
    int m_stride = 1;
};

}  // namespace gcpo::ui
