// Embedding coverage view: per-run PCA scatter of the selected group and its kernel heat map.
#include "views/coverage_view.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <exception>

#include <qcustomplot.h>

#include "rl/credit.h"
#include "views/run_credit_config.h"

namespace gcpo::ui {

namespace {

const QColor kCorrect(214, 39, 40);
const QColor kIncorrect(70, 70, 70);
const QColor kContext(170, 170, 170, 140);

}  // namespace

CoverageView::CoverageView(QWidget* parent) : RunView(parent) {
    m_allGroupsBox = new QCheckBox(tr("All groups of the step"), this);
    m_allGroupsBox->setToolTip(tr("Also draw the other groups' rollouts of this step (grey)"));
    m_coverageLabel = new QLabel(tr("No group selected"), this);

    m_scatter = new QCustomPlot(this);
    m_scatter->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_scatter->setMinimumSize(240, 200);
    m_scatter->xAxis->setLabel(tr("PC 1"));
    m_scatter->yAxis->setLabel(tr("PC 2"));

    m_kernelPlot = new QCustomPlot(this);
    m_kernelPlot->setMinimumSize(200, 200);
    m_kernelPlot->xAxis->setLabel(tr("rollout"));
    m_kernelPlot->yAxis->setLabel(tr("rollout"));
    m_kernelPlot->yAxis->setRangeReversed(true);
    m_kernelMap = new QCPColorMap(m_kernelPlot->xAxis, m_kernelPlot->yAxis);
    m_kernelMap->setName(tr("kernel"));
    m_kernelMap->setGradient(QCPColorGradient(QCPColorGradient::gpThermal));
    m_kernelMap->setInterpolate(false);
    auto* scale = new QCPColorScale(m_kernelPlot);
    m_kernelPlot->plotLayout()->addElement(0, 1, scale);
    m_kernelMap->setColorScale(scale);
    scale->axis()->setLabel(tr("K(i, j)"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_coverageLabel, 1);
    bar->addWidget(m_allGroupsBox);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_scatter);
    splitter->addWidget(m_kernelPlot);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    QObject::connect(m_allGroupsBox, &QCheckBox::toggled, this, [this] { redraw(); });
}

CoverageView::~CoverageView() {
    for (const auto& c : m_connections) QObject::disconnect(c);
}

QString CoverageView::viewTitle() const { return tr("Embedding coverage"); }
QList<QCustomPlot*> CoverageView::plots() const { return {m_scatter, m_kernelPlot}; }

void CoverageView::setShowAllGroups(bool on) { m_allGroupsBox->setChecked(on); }
bool CoverageView::showAllGroups() const { return m_allGroupsBox->isChecked(); }

void CoverageView::setDataSource(RunDataSource* source) {
    for (const auto& c : m_connections) QObject::disconnect(c);
    m_connections.clear();
    m_source = source;
    m_projections.clear();
    if (source) {
        m_connections << QObject::connect(source, &RunDataSource::currentGroupChanged, this, &CoverageView::showGroup)
                      << QObject::connect(source, &RunDataSource::databaseOpened, this, [this] { m_projections.clear(); })
                      << QObject::connect(source, &RunDataSource::runReset, this,
                                          [this](qint64 runId) { m_projections.remove(runId); });
        showGroup(source->currentGroup());
    } else {
        showGroup({});
    }
}

const PcaProjection* CoverageView::projection(qint64 runId) const {
    auto it = m_projections.constFind(runId);
    return it == m_projections.cend() ? nullptr : &it.value();
}

const PcaProjection& CoverageView::projectionFor(qint64 runId) {
    auto it = m_projections.find(runId);
    if (it != m_projections.end()) return it.value();
    PcaProjection pca;
    gcpo::store::RunStore* store = m_source ? m_source->guiStore() : nullptr;
    if (store) {
        // The run's first step with stored embeddings: every later frame uses the same axes.
        for (const auto& s : store->steps(runId)) {
            if (!s.hasRollouts) continue;
            std::vector<std::vector<float>> rows;
            for (auto& r : store->rollouts(runId, s.step)) rows.push_back(std::move(r.embedding));
            if (pca.fit(rows)) break;
        }
    }
    return *m_projections.insert(runId, pca);
}

void CoverageView::showGroup(const GroupRef& group) {
    m_group = group;
    redraw();
}

void CoverageView::clearPlots() {
    m_scatter->clearGraphs();
    m_kernelMap->data()->clear();
    m_groupPoints = 0;
    m_contextPoints = 0;
    m_teamCoverage = 0.0;
}

void CoverageView::redraw() {
    clearPlots();
    gcpo::store::RunStore* store = m_source ? m_source->guiStore() : nullptr;
    if (!store || !m_group.isValid()) {
        m_coverageLabel->setText(tr("No group selected"));
        m_scatter->replot(QCustomPlot::rpQueuedReplot);
        m_kernelPlot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    std::vector<gcpo::store::RolloutRecord> rollouts;
    std::vector<gcpo::store::GroupRecord> groups;
    gcpo::rl::CreditConfig config;
    try {
        gcpo::store::RunStore::ReadTransaction snapshot(*store);
        groups = store->groups(m_group.runId, m_group.step);
        rollouts = store->rollouts(m_group.runId, m_group.step, showAllGroups() ? -1 : m_group.groupIndex);
        config = creditConfigFromJson(QString::fromStdString(store->runInfo(m_group.runId).configJson));
        // A run that stored no embeddings yet gets its frame fitted later (not cached empty).
        const PcaProjection& p = projectionFor(m_group.runId);
        if (!p.isFitted()) m_projections.remove(m_group.runId);
    } catch (const std::exception& e) {
        m_coverageLabel->setText(tr("Could not read the group: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    for (const auto& g : groups)
        if (g.groupIndex == m_group.groupIndex) m_teamCoverage = g.teamCoverage;

    const PcaProjection* pca = projection(m_group.runId);
    PcaProjection local;
    if (!pca) {  // no stored step to fit on yet: use this step's own embeddings
        std::vector<std::vector<float>> rows;
        for (const auto& r : rollouts) rows.push_back(r.embedding);
        local.fit(rows);
        pca = &local;
    }
    double maxCredit = 0.0;
    for (const auto& r : rollouts)
        if (r.groupIndex == m_group.groupIndex) maxCredit = std::max(maxCredit, r.gcpoCredit);

    QCPGraph* context = nullptr;
    std::vector<double> embeddings;   // (G, d) of the selected group, for the kernel
    int dim = 0;
    for (const auto& r : rollouts) {
        if (!pca->isFitted() || static_cast<int>(r.embedding.size()) != pca->dimension()) continue;
        const QPointF p = pca->project(r.embedding);
        if (r.groupIndex != m_group.groupIndex) {
            if (!context) {
                context = m_scatter->addGraph();
                context->setName(tr("other groups"));
                context->setLineStyle(QCPGraph::lsNone);
                context->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kContext, kContext, 5));
            }
            context->addData(p.x(), p.y());
            ++m_contextPoints;
            continue;
        }
        const double size = maxCredit > 0.0 ? 6.0 + 16.0 * std::max(0.0, r.gcpoCredit) / maxCredit : 9.0;
        QCPGraph* g = m_scatter->addGraph();
        g->setName(tr("rollout %1 (%2, credit %3)")
                       .arg(r.rolloutIndex)
                       .arg(r.correct ? tr("correct") : tr("incorrect"))
                       .arg(r.gcpoCredit, 0, 'f', 4));
        g->setLineStyle(QCPGraph::lsNone);
        const QColor c = r.correct ? kCorrect : kIncorrect;
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(c, 1.6),
                                           r.correct ? QBrush(c) : QBrush(Qt::NoBrush), size));
        g->addData(p.x(), p.y());
        ++m_groupPoints;
        dim = static_cast<int>(r.embedding.size());
        embeddings.insert(embeddings.end(), r.embedding.begin(), r.embedding.end());
    }
    m_scatter->xAxis->setLabel(tr("PC 1 (%1% of variance)").arg(pca->explainedVariance(0) * 100.0, 0, 'f', 1));
    m_scatter->yAxis->setLabel(tr("PC 2 (%1% of variance)").arg(pca->explainedVariance(1) * 100.0, 0, 'f', 1));
    m_scatter->rescaleAxes();
    m_scatter->xAxis->scaleRange(1.15, m_scatter->xAxis->range().center());
    m_scatter->yAxis->scaleRange(1.15, m_scatter->yAxis->range().center());

    if (m_groupPoints > 0) {
        const int g = m_groupPoints;
        const std::vector<double> k = gcpo::rl::kernelMatrix(embeddings, g, dim, config.kernel, config.rbfGamma);
        m_kernelMap->data()->setSize(g, g);
        m_kernelMap->data()->setRange(QCPRange(0, g - 1), QCPRange(0, g - 1));
        for (int i = 0; i < g; ++i)
            for (int j = 0; j < g; ++j) m_kernelMap->data()->setCell(i, j, k[static_cast<size_t>(i) * g + j]);
        m_kernelMap->rescaleDataRange(true);
        m_kernelPlot->rescaleAxes();
        m_kernelPlot->xAxis->setRange(-0.5, g - 0.5);
        m_kernelPlot->yAxis->setRange(-0.5, g - 0.5);
        m_coverageLabel->setText(tr("Run %1, step %2, group %3: team coverage %4 (%5 kernel), %6 rollouts")
                                     .arg(m_group.runId)
                                     .arg(m_group.step)
                                     .arg(m_group.groupIndex)
                                     .arg(m_teamCoverage, 0, 'f', 4)
                                     .arg(QString::fromLatin1(gcpo::rl::toString(config.kernel)))
                                     .arg(g));
    } else {
        m_coverageLabel->setText(tr("Step %1, group %2: no stored embeddings (rollout retention or embedding backend)")
                                     .arg(m_group.step)
                                     .arg(m_group.groupIndex));
    }
    m_scatter->replot(QCustomPlot::rpQueuedReplot);
    m_kernelPlot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace gcpo::ui
