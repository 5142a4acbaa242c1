// Embedding coverage view: projection with merged duplicates, kernel, volume waterfall, coverage over steps.
#include "views/coverage_view.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <exception>

#include <qcustomplot.h>

#include "theme.h"

namespace gcpo::ui {

namespace {

QColor correctColour() { return Theme::instance()->isDark() ? QColor(80, 200, 120) : QColor(30, 140, 70); }
QColor wrongColour() { return Theme::instance()->isDark() ? QColor(200, 200, 200) : QColor(90, 90, 90); }

QCustomPlot* makePlot(QWidget* parent, int minW, int minH) {
    auto* p = new QCustomPlot(parent);
    p->setMinimumSize(minW, minH);
    Theme::followTheme(p);
    return p;
}

}  // namespace

CoverageView::CoverageView(QWidget* parent) : RunView(parent) {
    m_allGroupsBox = new QCheckBox(tr("All groups of the step"), this);
    m_allGroupsBox->setToolTip(tr("Also draw the other groups' rollouts of this step (grey; PCA only)"));
    m_projectionBox = new QComboBox(this);
    m_projectionBox->addItem(tr("PCA (one frame per run)"), static_cast<int>(Projection::Pca));
    m_projectionBox->addItem(tr("MDS of kernel distances (this group)"), static_cast<int>(Projection::Mds));
    m_projectionBox->setToolTip(
        tr("PCA keeps frames aligned across steps; classical MDS of d² = K_ii + K_jj − 2K_ij keeps "
           "more of the group's own geometry"));
    m_coverageLabel = new QLabel(tr("No group selected"), this);
    m_coverageLabel->setWordWrap(true);

    m_scatter = makePlot(this, 280, 220);
    m_scatter->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    Theme::putLegendBelow(m_scatter, 2);

    m_kernelPlot = makePlot(this, 200, 170);
    // The colour bar's own label was clipped at the plot's edge: the x label names the colour.
    m_kernelPlot->xAxis->setLabel(tr("rollout (colour: kernel K(i, j))"));
    m_kernelPlot->yAxis->setLabel(tr("rollout"));
    m_kernelPlot->yAxis->setRangeReversed(true);
    m_kernelMap = new QCPColorMap(m_kernelPlot->xAxis, m_kernelPlot->yAxis);
    m_kernelMap->setName(tr("kernel"));
    m_kernelMap->setGradient(QCPColorGradient(QCPColorGradient::gpThermal));
    m_kernelMap->setInterpolate(false);
    auto* scale = new QCPColorScale(m_kernelPlot);
    m_kernelPlot->plotLayout()->addElement(0, 1, scale);
    scale->setBarWidth(10);
    m_kernelMap->setColorScale(scale);
    auto* margins = new QCPMarginGroup(m_kernelPlot);
    m_kernelPlot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    Theme::applyToPlot(m_kernelPlot);

    m_waterfall = makePlot(this, 200, 170);
    m_waterfall->xAxis->setLabel(tr("rollouts added in decreasing credit order"));
    m_waterfall->yAxis->setLabel(tr("v(S) (nats)"));  // short enough for the short axis
    Theme::putLegendBelow(m_waterfall, 2);

    m_overSteps = makePlot(this, 200, 150);
    m_overSteps->xAxis->setLabel(tr("Step: team coverage of each run"));  // the y axis is too short to say it
    Theme::integerTicks(m_overSteps->xAxis);
    m_overSteps->yAxis->setLabel(tr("nats"));
    Theme::putLegendBelow(m_overSteps, 3);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_coverageLabel, 1);
    bar->addWidget(new QLabel(tr("Projection:"), this));
    bar->addWidget(m_projectionBox);
    bar->addWidget(m_allGroupsBox);
    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_kernelPlot);
    right->addWidget(m_waterfall);
    right->addWidget(m_overSteps);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_scatter);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({560, 440});
    right->setSizes({240, 290, 270});  // the heat map reads at any size; the axes need height
    m_overStepsTimer.setSingleShot(true);
    m_overStepsTimer.setInterval(1000);
    QObject::connect(&m_overStepsTimer, &QTimer::timeout, this, &CoverageView::drawOverSteps);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    QObject::connect(m_allGroupsBox, &QCheckBox::toggled, this, [this] { redraw(); });
    QObject::connect(m_projectionBox, &QComboBox::currentIndexChanged, this,
                     [this](int i) { setProjection(static_cast<Projection>(m_projectionBox->itemData(i).toInt())); });
    QObject::connect(m_scatter, &QCustomPlot::mouseMove, this, &CoverageView::onScatterHover);
}

CoverageView::~CoverageView() {
    for (const auto& c : m_connections) QObject::disconnect(c);
}

QString CoverageView::viewTitle() const { return tr("Embedding coverage"); }
QList<QCustomPlot*> CoverageView::plots() const { return {m_scatter, m_kernelPlot, m_waterfall, m_overSteps}; }

void CoverageView::setShowAllGroups(bool on) { m_allGroupsBox->setChecked(on); }
bool CoverageView::showAllGroups() const { return m_allGroupsBox->isChecked(); }

void CoverageView::setProjection(Projection p) {
    m_projection = p;
    const int i = m_projectionBox->findData(static_cast<int>(p));
    if (i != m_projectionBox->currentIndex()) {
        const QSignalBlocker block(m_projectionBox);
        m_projectionBox->setCurrentIndex(i);
    }
    redraw();
}

void CoverageView::setDataSource(RunDataSource* source) {
    for (const auto& c : m_connections) QObject::disconnect(c);
    m_connections.clear();
    m_source = source;
    m_projections.clear();
    if (source) {
        m_connections << QObject::connect(source, &RunDataSource::currentGroupChanged, this, &CoverageView::showGroup)
                      << QObject::connect(source, &RunDataSource::databaseOpened, this, [this] { m_projections.clear(); })
                      << QObject::connect(source, &RunDataSource::followedRunsChanged, this, &CoverageView::drawOverSteps)
                      << QObject::connect(source, &RunDataSource::metricsAppended, this,
                                          [this] {
                                              if (!m_overStepsTimer.isActive())
                                                  m_overStepsTimer.start();  // at most once a second
                                          })
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

void CoverageView::showGroup(const GroupRef& group) {
    m_group = group;
    redraw();
}

void CoverageView::redraw() {
    gcpo::store::RunStore* store = m_source ? m_source->guiStore() : nullptr;
    m_data.clear();
    QString error;
    if (store && m_group.isValid()) {
        try {
            m_data.load(*store, m_group, showAllGroups() && m_projection == Projection::Pca, m_projection, &m_projections);
        } catch (const std::exception& e) {
            m_data.clear();
            error = tr("Could not read the group: %1").arg(QString::fromUtf8(e.what()));
        }
    }
    if (!error.isEmpty()) m_coverageLabel->setText(error);
    else if (!m_group.isValid()) m_coverageLabel->setText(tr("No group selected"));
    else if (m_data.rolloutCount == 0)
        m_coverageLabel->setText(
            tr("Run %1, step %2, group %3: %4").arg(m_group.runId).arg(m_group.step).arg(m_group.groupIndex).arg(m_data.note));
    else
        m_coverageLabel->setText(tr("<b>Run %1, step %2, group %3</b>: team coverage %4 nats (%5 kernel, β = %6); %7 rollouts, "
                                    "%8 distinct embeddings")
                                     .arg(m_group.runId)
                                     .arg(m_group.step)
                                     .arg(m_group.groupIndex)
                                     .arg(m_data.teamCoverage, 0, 'f', 4)
                                     .arg(QString::fromLatin1(gcpo::rl::toString(m_data.config.kernel)))
                                     .arg(m_data.config.volumeScale)
                                     .arg(m_data.rolloutCount)
                                     .arg(m_data.points.size()));
    drawScatter();
    drawKernel();
    drawWaterfall();
    drawOverSteps();
}

void CoverageView::drawScatter() {
    m_scatter->clearGraphs();
    m_scatter->clearItems();
    const QColor ok = correctColour(), bad = wrongColour();
    QColor context = wrongColour();
    context.setAlpha(90);
    // Legend entries first (graphs without data carry the legend's symbols).
    auto legendOnly = [this](const QString& name, const QCPScatterStyle& style) {
        QCPGraph* g = m_scatter->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(style);
        g->setName(name);
    };
    legendOnly(tr("correct (size ∝ credit)"), QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(ok, 1.6), QBrush(ok), 9));
    legendOnly(tr("wrong"), QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(bad, 1.6), QBrush(Qt::NoBrush), 9));
    if (!m_data.points.isEmpty())
        legendOnly(tr("×n: n rollouts with the same embedding"), QCPScatterStyle(QCPScatterStyle::ssNone));
    if (!m_data.context.isEmpty()) {
        QCPGraph* g = m_scatter->addGraph();
        g->setName(tr("other groups of the step"));
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, context, context, 5));
        for (const QPointF& p : m_data.context) g->addData(p.x(), p.y());
    }
    double maxCredit = 0.0;
    for (const CoveragePoint& p : m_data.points) maxCredit = std::max(maxCredit, p.credit);
    const QColor text = QApplication::palette().color(QPalette::Text);
    for (const CoveragePoint& p : m_data.points) {
        const double size = maxCredit > 0.0 ? 7.0 + 17.0 * std::max(0.0, p.credit) / maxCredit : 9.0;
        QCPGraph* g = m_scatter->addGraph();
        g->removeFromLegend();
        g->setLineStyle(QCPGraph::lsNone);
        const QColor c = p.correct ? ok : bad;
        g->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(c, 1.6), p.correct ? QBrush(c) : QBrush(Qt::NoBrush), size));
        g->addData(p.pos.x(), p.pos.y());
        if (p.rollouts.size() > 1) {
            auto* badge = new QCPItemText(m_scatter);
            badge->position->setCoords(p.pos);
            badge->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
            badge->setPadding(QMargins(int(size / 2) + 2, 0, 0, int(size / 2)));
            badge->setText(QStringLiteral("×%1").arg(p.rollouts.size()));
            badge->setFont(QFont(font().family(), 9, QFont::Bold));
            badge->setColor(text);
            badge->setProperty("themeText", true);
        }
    }
    const QString axis =
        m_projection == Projection::Pca ? tr("PC %1 (%2 % of variance)") : tr("MDS %1 (%2 % of the kernel's variance)");
    m_scatter->xAxis->setLabel(axis.arg(1).arg(m_data.explained[0] * 100.0, 0, 'f', 1));
    m_scatter->yAxis->setLabel(axis.arg(2).arg(m_data.explained[1] * 100.0, 0, 'f', 1));
    m_scatter->rescaleAxes();
    for (QCPAxis* a : {m_scatter->xAxis, m_scatter->yAxis}) {
        const QCPRange r = a->range();
        a->setRange(r.size() > 1e-9 ? QCPRange(r.lower - 0.15 * r.size(), r.upper + 0.15 * r.size())
                                    : QCPRange(r.lower - 1, r.upper + 1));
    }
    m_scatter->replot(QCustomPlot::rpQueuedReplot);
}

void CoverageView::drawKernel() {
    m_kernelMap->data()->clear();
    const int g = m_data.rolloutCount;
    if (g > 0) {
        m_kernelMap->data()->setSize(g, g);
        m_kernelMap->data()->setRange(QCPRange(0, g - 1), QCPRange(0, g - 1));
        for (int i = 0; i < g; ++i)
            for (int j = 0; j < g; ++j) m_kernelMap->data()->setCell(i, j, m_data.kernel[static_cast<size_t>(i) * g + j]);
        m_kernelMap->rescaleDataRange(true);
        m_kernelPlot->xAxis->setRange(-0.5, g - 0.5);
        m_kernelPlot->yAxis->setRange(-0.5, g - 0.5);
    }
    m_kernelPlot->replot(QCustomPlot::rpQueuedReplot);
}

void CoverageView::drawWaterfall() {
    m_waterfall->clearPlottables();
    m_waterfall->clearItems();
    const int n = static_cast<int>(m_data.gains.size());
    if (n > 0) {
        // Each bar floats from v(S_{k-1}) to v(S_k): its height is the marginal gain of rollout k.
        auto* ok = new QCPBars(m_waterfall->xAxis, m_waterfall->yAxis);
        auto* bad = new QCPBars(m_waterfall->xAxis, m_waterfall->yAxis);
        auto* base = new QCPBars(m_waterfall->xAxis, m_waterfall->yAxis);
        base->setPen(Qt::NoPen);
        base->setBrush(Qt::NoBrush);
        base->removeFromLegend();
        ok->moveAbove(base);
        bad->moveAbove(base);
        ok->setName(tr("gain, correct rollout"));
        bad->setName(tr("gain, wrong rollout"));  // only the format reward makes it gain
        ok->setBrush(correctColour());
        ok->setPen(QPen(correctColour().darker(130)));
        bad->setBrush(wrongColour());
        bad->setPen(QPen(wrongColour()));
        QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
        for (int k = 0; k < n; ++k) {
            const double lower = k == 0 ? 0.0 : m_data.cumulative[static_cast<size_t>(k) - 1];
            base->addData(k, lower);
            (m_data.orderCorrect[static_cast<size_t>(k)] ? ok : bad)
                ->addData(k, std::max(0.0, m_data.gains[static_cast<size_t>(k)]));
            (m_data.orderCorrect[static_cast<size_t>(k)] ? bad : ok)->addData(k, 0.0);
            ticker->addTick(k, QString::number(m_data.creditOrder[static_cast<size_t>(k)]));
        }
        m_waterfall->xAxis->setTicker(ticker);
        QCPGraph* v = m_waterfall->addGraph();
        v->setName(tr("v(S)"));  // the x axis says S grows in credit order
        v->setPen(QPen(Theme::seriesColour(0), 1.5));
        v->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
        for (int k = 0; k < n; ++k) v->addData(k, m_data.cumulative[static_cast<size_t>(k)]);
        QCPGraph* team = m_waterfall->addGraph();
        team->setName(tr("stored team coverage"));
        team->setPen(QPen(Theme::seriesColour(3), 1.0, Qt::DashLine));
        team->setData({-0.5, n - 0.5}, {m_data.teamCoverage, m_data.teamCoverage});
        m_waterfall->xAxis->setLabel(tr("rollout # added, in decreasing credit order"));
        m_waterfall->xAxis->setRange(-0.6, n - 0.4);
        m_waterfall->yAxis->setRange(0.0, std::max(m_data.cumulative.back(), m_data.teamCoverage) * 1.12 + 1e-6);
    }
    Theme::applyToPlot(m_waterfall);
}

void CoverageView::drawOverSteps() {
    m_overSteps->clearGraphs();
    if (m_source) {
        const QList<qint64> runs = m_source->followedRuns();
        for (int i = 0; i < runs.size(); ++i) {
            const MetricBatch h = m_source->metricHistory(runs[i]);
            const auto it = h.series.constFind(QStringLiteral("gcpo/team_coverage"));
            if (it == h.series.cend() || it->values.isEmpty()) continue;
            const gcpo::store::RunInfo* r = m_source->run(runs[i]);
            QCPGraph* g = m_overSteps->addGraph();
            const QColor c = Theme::seriesColour(i);
            g->setPen(QPen(c, 1.5));
            if (it->values.size() <= 60) g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, c, 4));
            g->setData(it->steps, it->values, true);
            g->setName(r && !r->name.empty() ? QString::fromStdString(r->name) : tr("run %1").arg(runs[i]));
        }
        if (m_group.isValid()) {
            auto* line = new QCPItemStraightLine(m_overSteps);
            line->point1->setCoords(m_group.step, 0);
            line->point2->setCoords(m_group.step, 1);
            line->setPen(QPen(QApplication::palette().color(QPalette::Text), 1, Qt::DotLine));
        }
    }
    m_overSteps->rescaleAxes();
    m_overSteps->yAxis->scaleRange(1.1, m_overSteps->yAxis->range().center());
    m_overSteps->replot(QCustomPlot::rpQueuedReplot);
    Theme::applyToPlot(m_overSteps);
}

void CoverageView::onScatterHover(QMouseEvent* event) {
    const CoveragePoint* best = nullptr;
    double bestDist = 14.0;
    for (const CoveragePoint& p : m_data.points) {
        const double d = std::hypot(m_scatter->xAxis->coordToPixel(p.pos.x()) - event->position().x(),
                                    m_scatter->yAxis->coordToPixel(p.pos.y()) - event->position().y());
        if (d < bestDist) {
            bestDist = d;
            best = &p;
        }
    }
    if (!best) {
        QToolTip::hideText();
        return;
    }
    QStringList ids;
    for (int r : best->rollouts) ids << QString::number(r);
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("Rollout(s) %1 (%2), answer %3, credit %4\n\n%5")
                           .arg(ids.join(QStringLiteral(", ")), best->correct ? tr("correct") : tr("wrong"), best->answer)
                           .arg(best->credit, 0, 'f', 4)
                           .arg(best->completion.left(600)),
                       m_scatter);
}

}  // namespace gcpo::ui
