// Dashboard: several metric panels at once in a grid (by default pass@1, pass@8, distinct correct
// answers, reward, team coverage, KL, entropy, length and the advantage distribution over time), each a
// compact CurvesView or DistributionPlot with its own metric picker and close button; one shared
// x axis and smoothing for all curve panels, and one legend of the runs for all panels (a legend
// per panel squeezed the axes into a strip once an experiment's 24 runs were shown). The panel list and the column count are a UI
// preference kept in QSettings ("dashboard/panels", "dashboard/columns").
#pragma once

#include <QList>
#include <QStringList>

#include "views/curves_view.h"
#include "views/run_view.h"

class QComboBox;
class QGridLayout;
class QLabel;
class QSlider;
class QSpinBox;

namespace gcpo::ui {

class DistributionPlot;

class DashboardView : public RunView {
    Q_OBJECT

public:
    explicit DashboardView(QWidget* parent = nullptr);
    ~DashboardView() override;

    void setDataSource(RunDataSource* source) override;
    QString viewTitle() const override;
    QList<QCustomPlot*> plots() const override;

    // Panel specs: "curve:<metric id>" or "dist:<quantity key>".
    static QStringList defaultPanels();
    QStringList panels() const;
    void setPanels(const QStringList& specs);  // rebuilds the grid and saves the layout
    void addPanel(const QString& spec);
    void removePanel(int index);
    int columns() const { return m_columns; }  // the chosen panels per row, at most
    void setColumns(int columns);
    // Panels per row now: fewer than columns() while the view is too narrow for them to be legible.
    int shownColumns() const { return m_shownColumns; }
    void setXAxis(CurvesView::XAxis axis);
    void setSmoothing(double weight);
    void resetLayout();

    QList<CurvesView*> curvePanels() const;
    QList<DistributionPlot*> distributionPanels() const;
    // The one run legend above the panels (each run's colour and name), as rich text.
    QString runLegendText() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Panel {
        QString spec;
        QWidget* frame = nullptr;
        CurvesView* curves = nullptr;
        DistributionPlot* distribution = nullptr;
    };
    QWidget* makeFrame(Panel& p);
    void relayout();
    void updateRunLegend();
    void saveLayout() const;
    QString specOf(const Panel& p) const;

    QGridLayout* m_grid = nullptr;
    QWidget* m_gridHost = nullptr;
    QSpinBox* m_columnsBox = nullptr;
    QComboBox* m_xAxisBox = nullptr;
    QSlider* m_smoothSlider = nullptr;
    QLabel* m_smoothLabel = nullptr;
    QLabel* m_runLegend = nullptr;
    QList<Panel> m_panels;
    int m_columns = 3;
    int m_shownColumns = 0;
    CurvesView::XAxis m_xAxis = CurvesView::XAxis::Step;
    double m_smoothing = 0.6;
};

}  // namespace gcpo::ui
