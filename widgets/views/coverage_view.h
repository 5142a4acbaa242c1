// Embedding coverage: the selected group's rollout embeddings projected to 2-D by a PCA fitted once
// per run (on its first step with stored embeddings, so frames stay aligned across steps); correct
// rollouts filled, incorrect hollow, marker size by GCPO credit; optionally every group of the
// step in grey. Beside it the group's kernel matrix (the run's kernel) as a heat map.
#pragma once

#include <QHash>

#include "run_data_source.h"
#include "views/pca_projection.h"
#include "views/run_view.h"

class QCheckBox;
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
    void setShowAllGroups(bool on);
    bool showAllGroups() const;

    // Shows a group (normally driven by the source's currentGroupChanged).
    void showGroup(const GroupRef& group);
    GroupRef group() const { return m_group; }
    int pointCount() const { return m_groupPoints; }      // the selected group's rollouts drawn
    int contextPointCount() const { return m_contextPoints; }  // other groups' rollouts drawn
    double teamCoverage() const { return m_teamCoverage; }
    const PcaProjection* projection(qint64 runId) const;

private:
    const PcaProjection& projectionFor(qint64 runId);
    void redraw();
    void clearPlots();

    QCustomPlot* m_scatter = nullptr;
    QCustomPlot* m_kernelPlot = nullptr;
    QCPColorMap* m_kernelMap = nullptr;
    QCheckBox* m_allGroupsBox = nullptr;
    QLabel* m_coverageLabel = nullptr;
    QList<QMetaObject::Connection> m_connections;
    QHash<qint64, PcaProjection> m_projections;
    GroupRef m_group;
    int m_groupPoints = 0;
    int m_contextPoints = 0;
    double m_teamCoverage = 0.0;
};

}  // namespace gcpo::ui
