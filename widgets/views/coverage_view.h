// Embedding coverage: the selected group's rollout embeddings in 2-D (PCA fitted once per run, so
// frames stay aligned across steps, or a classical MDS of the group's kernel distances; the axes
// say how much variance they keep), correct filled, wrong hollow, size by GCPO credit, identical
// embeddings merged into one point with a "×n" badge, a hover tooltip with the completion, and a
// legend; beside it the kernel matrix, the volume as a waterfall (the marginal gain of each rollout
// as the subset grows in credit order, and v(S) reaching the team coverage), and the team coverage
// of every followed run over training steps. Reading and computing live in CoverageData.
#pragma once

#include <QHash>
#include <QTimer>

#include "run_data_source.h"
#include "views/coverage_data.h"
#include "views/pca_projection.h"
#include "views/run_view.h"

class QCheckBox;
class QComboBox;
class QCPColorMap;
class QLabel;

namespace gcpo::ui {

class CoverageView : public RunView {
    Q_OBJECT

public:
    explicit CoverageView(QWidget* parent = nullptr);
    ~CoverageView() override;

    void setDataSource(RunDataSource* source) override;
    QString viewTitle() const override;
    QList<QCustomPlot*> plots() const override;

    QCustomPlot* scatterPlot() const { return m_scatter; }
    QCustomPlot* kernelPlot() const { return m_kernelPlot; }
    QCustomPlot* waterfallPlot() const { return m_waterfall; }
    QCustomPlot* coverageOverStepsPlot() const { return m_overSteps; }
    void setShowAllGroups(bool on);
    bool showAllGroups() const;
    void setProjection(Projection p);
    Projection projectionKind() const { return m_projection; }

    // Shows a group (normally driven by the source's currentGroupChanged).
    void showGroup(const GroupRef& group);
    GroupRef group() const { return m_data.group; }
    int pointCount() const { return m_data.rolloutCount; }                      // the selected group's rollouts drawn
    int markerCount() const { return static_cast<int>(m_data.points.size()); }  // after merging duplicates
    int contextPointCount() const { return static_cast<int>(m_data.context.size()); }
    double teamCoverage() const { return m_data.teamCoverage; }
    const CoverageData& data() const { return m_data; }
    const PcaProjection* projection(qint64 runId) const;

private:
    void redraw();
    void drawScatter();
    void drawKernel();
    void drawWaterfall();
    void drawOverSteps();
    void onScatterHover(QMouseEvent* event);

    QCustomPlot* m_scatter = nullptr;
    QCustomPlot* m_kernelPlot = nullptr;
    QCustomPlot* m_waterfall = nullptr;
    QCustomPlot* m_overSteps = nullptr;
    QCPColorMap* m_kernelMap = nullptr;
    QCheckBox* m_allGroupsBox = nullptr;
    QComboBox* m_projectionBox = nullptr;
    QLabel* m_coverageLabel = nullptr;
    QList<QMetaObject::Connection> m_connections;
    QTimer m_overStepsTimer;  // new training steps: redraw the coverage over steps, coalesced
    QHash<qint64, PcaProjection> m_projections;
    CoverageData m_data;
    GroupRef m_group;
    Projection m_projection = Projection::Pca;
};

}  // namespace gcpo::ui
