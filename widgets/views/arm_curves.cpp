// Seed-mean curves with 95 % bands per arm (see arm_curves.h).
#include "views/arm_curves.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMap>
#include <QVBoxLayout>

#include <cmath>

#include <qcustomplot.h>

#include "run_data_source.h"
#include "theme.h"
#include "views/metric_catalog.h"

namespace gcpo::ui {

namespace {

const SeriesChunk* chunkOf(const MetricBatch& metrics, const MetricBatch& evals, const QString& key, SeriesChunk* scratch) {
    if (key.startsWith(QLatin1String("eval/"))) {
        auto it = evals.series.constFind(key.mid(5));
        return it == evals.series.cend() ? nullptr : &it.value();
    }
    auto it = metrics.series.constFind(key);
    if (it == metrics.series.cend()) return nullptr;
    *scratch = it.value();
    return scratch;
}

}  // namespace

ArmCurves::ArmCurves(QWidget* parent) : QWidget(parent) {
    m_metricBox = new QComboBox(this);
    // Shrinks with the pane (the list shows the full names): its longest name must not squeeze the
    // final-metric table beside it.
    m_metricBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_metricBox->setMinimumContentsLength(12);
    for (const MetricEntry& e : MetricCatalog::entries())
        if (e.keys.size() == 1) m_metricBox->addItem(e.category + QStringLiteral(": ") + e.label, e.id);
    m_metricBox->setCurrentIndex(m_metricBox->findData(m_metric));
    m_seedsBox = new QCheckBox(tr("Seeds"), this);  // short: the pane may be narrow beside the table
    m_seedsBox->setToolTip(tr("Also draw every run of each arm as a thin line"));
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumSize(240, 180);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->xAxis->setLabel(tr("Step"));
    Theme::integerTicks(m_plot->xAxis);
    Theme::putLegendBelow(m_plot, 2);
    Theme::followTheme(m_plot);

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Metric:"), this));
    bar->addWidget(m_metricBox, 1);
    bar->addWidget(m_seedsBox);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_plot, 1);
    QObject::connect(m_metricBox, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0) setMetric(m_metricBox->itemData(i).toString());
    });
    QObject::connect(m_seedsBox, &QCheckBox::toggled, this, &ArmCurves::refresh);
}

void ArmCurves::setArms(const QList<Arm>& arms) {
    m_arms = arms;
    refresh();
}

void ArmCurves::setMetric(const QString& key) {
    m_metric = key;
    const int i = m_metricBox->findData(key);
    if (i >= 0 && i != m_metricBox->currentIndex()) {
        const QSignalBlocker block(m_metricBox);
        m_metricBox->setCurrentIndex(i);
    }
    refresh();
}

void ArmCurves::setShowSeeds(bool on) { m_seedsBox->setChecked(on); }
bool ArmCurves::showSeeds() const { return m_seedsBox->isChecked(); }
QVector<double> ArmCurves::meanSteps(int arm) const { return m_meanSteps.value(arm); }
QVector<double> ArmCurves::meanValues(int arm) const { return m_meanValues.value(arm); }

void ArmCurves::refresh() {
    m_plot->clearGraphs();
    m_meanSteps.clear();
    m_meanValues.clear();
    const bool sparse = m_metric.startsWith(QLatin1String("eval/"));
    const MetricEntry entry = MetricCatalog::entry(m_metric);
    // The label without its parenthesised detail (the picker shows it), so it fits the short axis.
    const QString shortLabel = entry.label.section(QStringLiteral(" ("), 0, 0);
    m_plot->yAxis->setLabel(entry.unit.isEmpty() ? shortLabel : QStringLiteral("%1 (%2)").arg(shortLabel, entry.unit));
    for (int a = 0; a < m_arms.size(); ++a) {
        const Arm& arm = m_arms[a];
        const QColor colour = Theme::seriesColour(a);
        QMap<double, QList<double>> byStep;
        for (qint64 id : arm.runIds) {
            if (!m_source) break;
            SeriesChunk scratch;
            const MetricBatch metrics = sparse ? MetricBatch{} : m_source->metricHistory(id);
            const MetricBatch evals = sparse ? m_source->evalHistory(id) : MetricBatch{};
            const SeriesChunk* c = chunkOf(metrics, evals, m_metric, &scratch);
            if (!c) continue;
            for (qsizetype i = 0; i < c->steps.size(); ++i) byStep[c->steps[i]].append(c->values[i]);
            if (showSeeds()) {
                QCPGraph* g = m_plot->addGraph();
                QColor thin = colour;
                thin.setAlpha(90);
                g->setPen(QPen(thin, 1.0));
                g->setData(c->steps, c->values, true);
                g->setName(tr("%1 seed %2").arg(arm.key).arg(arm.seeds.value(arm.runIds.indexOf(id))));
                g->removeFromLegend();
            }
        }
        QVector<double> steps, mean, low, high;
        for (auto it = byStep.cbegin(); it != byStep.cend(); ++it) {
            const ArmStat s = armStat(it.value());
            if (s.n == 0) continue;
            steps << it.key();
            mean << s.mean;
            low << (s.n >= 2 ? s.ciLow : s.mean);
            high << (s.n >= 2 ? s.ciHigh : s.mean);
        }
        m_meanSteps << steps;
        m_meanValues << mean;
        QCPGraph* lower = m_plot->addGraph();
        lower->setPen(Qt::NoPen);
        lower->setData(steps, low, true);
        lower->removeFromLegend();
        QCPGraph* upper = m_plot->addGraph();
        upper->setPen(Qt::NoPen);
        QColor fill = colour;
        fill.setAlpha(55);
        upper->setBrush(fill);
        upper->setChannelFillGraph(lower);
        upper->setData(steps, high, true);
        upper->removeFromLegend();
        QCPGraph* line = m_plot->addGraph();
        line->setPen(QPen(colour, 2.0));
        if (sparse || steps.size() <= 1) line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 6));
        line->setData(steps, mean, true);
        // Short (the pane may be narrow beside the table): the title says "seed mean and 95 % band".
        line->setName(tr("%1 (n = %2)").arg(arm.key).arg(arm.runIds.size()));
    }
    m_plot->rescaleAxes();
    const QCPRange x = m_plot->xAxis->range();
    if (x.size() <= 0) m_plot->xAxis->setRange(x.lower - 1, x.upper + 1);
    else m_plot->xAxis->scaleRange(1.04, x.center());
    const QCPRange y = m_plot->yAxis->range();
    if (y.size() <= 1e-12) m_plot->yAxis->setRange(y.lower - 0.5, y.upper + 0.5);
    else m_plot->yAxis->scaleRange(1.1, y.center());
    Theme::applyToPlot(m_plot);
}

}  // namespace gcpo::ui
