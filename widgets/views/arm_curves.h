// Curves of arms, not runs: for the chosen metric, each arm's mean over its seeds at every step as
// a line, with the 95 % t interval over seeds as a band; the individual seeds as thin lines on
// demand. Eval metrics have few points: they are drawn with markers. Data comes from the source's
// delivered history (the compare view calls setArms and then refresh on new data).
#pragma once

#include <QList>
#include <QWidget>

#include "views/arm_stats.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;

namespace gcpo::ui {

class RunDataSource;

class ArmCurves : public QWidget {
    Q_OBJECT

public:
    explicit ArmCurves(QWidget* parent = nullptr);

    void setDataSource(RunDataSource* source) { m_source = source; }
    void setArms(const QList<Arm>& arms);
    void refresh();  // recompute from the source's history and redraw

    QCustomPlot* plot() const { return m_plot; }
    QString metric() const { return m_metric; }  // "eval/pass@8", "reward", ...
    void setMetric(const QString& key);
    void setShowSeeds(bool on);
    bool showSeeds() const;
    // Mean line of arm a (after refresh): steps and values, for tests.
    QVector<double> meanSteps(int arm) const;
    QVector<double> meanValues(int arm) const;

private:
    QCustomPlot* m_plot = nullptr;
    QComboBox* m_metricBox = nullptr;
    QCheckBox* m_seedsBox = nullptr;
    RunDataSource* m_source = nullptr;
    QList<Arm> m_arms;
    QString m_metric = QStringLiteral("eval/pass@1");
    QList<QVector<double>> m_meanSteps, m_meanValues;
};

}  // namespace gcpo::ui
