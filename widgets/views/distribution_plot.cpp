// Quantile bands of a per-rollout quantity over training steps (see distribution_plot.h).
#include "views/distribution_plot.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <exception>

#include <qcustomplot.h>

#include "run_data_source.h"
#include "theme.h"

namespace gcpo::ui {

StepQuantiles quantilesOf(std::vector<double>& v) {
    StepQuantiles q;
    if (v.empty()) return q;
    std::sort(v.begin(), v.end());
    auto at = [&v](double p) {
        const double h = (static_cast<double>(v.size()) - 1.0) * p;
        const size_t lo = static_cast<size_t>(std::floor(h));
        const size_t hi = std::min(lo + 1, v.size() - 1);
        return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
    };
    q.q05 = at(0.05);
    q.q25 = at(0.25);
    q.q50 = at(0.5);
    q.q75 = at(0.75);
    q.q95 = at(0.95);
    return q;
}

QString DistributionPlot::quantityKey(Quantity q) {
    switch (q) {
    case Quantity::Credit: return QStringLiteral("credit");
    case Quantity::GrpoAdvantage: return QStringLiteral("grpo_advantage");
    case Quantity::Reward: return QStringLiteral("reward");
    case Quantity::Length: return QStringLiteral("length");
    case Quantity::Advantage: break;
    }
    return QStringLiteral("advantage");
}

DistributionPlot::Quantity DistributionPlot::quantityFromKey(const QString& key) {
    for (Quantity q : {Quantity::Advantage, Quantity::Credit, Quantity::GrpoAdvantage, Quantity::Reward, Quantity::Length})
        if (quantityKey(q) == key) return q;
    return Quantity::Advantage;
}

DistributionPlot::DistributionPlot(QWidget* parent) : QWidget(parent) {
    m_quantityBox = new QComboBox(this);
    m_quantityBox->addItem(tr("Advantage used (distribution)"), static_cast<int>(Quantity::Advantage));
    m_quantityBox->addItem(tr("GCPO credit (distribution)"), static_cast<int>(Quantity::Credit));
    m_quantityBox->addItem(tr("GRPO advantage (distribution)"), static_cast<int>(Quantity::GrpoAdvantage));
    m_quantityBox->addItem(tr("Reward (distribution)"), static_cast<int>(Quantity::Reward));
    m_quantityBox->addItem(tr("Completion length (distribution)"), static_cast<int>(Quantity::Length));
    m_quantityBox->setToolTip(tr("Per-rollout quantity whose distribution over each step is drawn"));
    m_runBox = new QComboBox(this);
    m_runBox->setToolTip(tr("Run whose rollouts are read"));
    m_runBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumSize(240, 160);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->xAxis->setLabel(tr("Step"));
    Theme::integerTicks(m_plot->xAxis);
    Theme::putLegendBelow(m_plot);
    Theme::followTheme(m_plot);
    m_note = new QLabel(this);
    m_note->setVisible(false);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_quantityBox, 1);
    bar->addWidget(m_runBox);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_note);
    m_timer.setSingleShot(true);
    m_timer.setInterval(1500);  // a live run: read its new steps at most every 1.5 s
    QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
        if (refresh()) m_timer.start();
    });
    QObject::connect(m_quantityBox, &QComboBox::currentIndexChanged, this,
                     [this](int i) { setQuantity(static_cast<Quantity>(m_quantityBox->itemData(i).toInt())); });
    QObject::connect(m_runBox, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0) setRun(m_runBox->itemData(i).toLongLong());
    });
}

void DistributionPlot::setDataSource(RunDataSource* source) {
    if (m_source) m_source->disconnect(this);
    m_source = source;
    if (!source) return;
    QObject::connect(source, &RunDataSource::followedRunsChanged, this, &DistributionPlot::updateRuns);
    QObject::connect(source, &RunDataSource::runsChanged, this, &DistributionPlot::updateRuns);
    QObject::connect(source, &RunDataSource::stepAdvanced, this, [this](qint64 runId) {
        if (runId == m_runId && !m_timer.isActive()) m_timer.start();
    });
    QObject::connect(source, &RunDataSource::runReset, this, [this](qint64 runId) {
        if (runId == m_runId) setRun(runId);
    });
    updateRuns();
}

void DistributionPlot::updateRuns() {
    const QList<qint64> runs = m_source ? m_source->followedRuns() : QList<qint64>{};
    QStringList names;
    for (qint64 id : runs) {
        const gcpo::store::RunInfo* r = m_source->run(id);
        names << (r && !r->name.empty() ? QString::fromStdString(r->name) : tr("run %1").arg(id));
    }
    if (names != m_runNames || runs.size() != m_runBox->count()) {  // not on every poll of a live run
        m_runNames = names;
        const QSignalBlocker block(m_runBox);
        m_runBox->clear();
        for (int i = 0; i < runs.size(); ++i) m_runBox->addItem(names[i], runs[i]);
        m_runBox->setCurrentIndex(m_runBox->findData(m_runId));
    }
    if (!runs.contains(m_runId)) setRun(runs.isEmpty() ? 0 : runs.front());
}

void DistributionPlot::setQuantity(Quantity q) {
    m_quantity = q;
    const int i = m_quantityBox->findData(static_cast<int>(q));
    if (i != m_quantityBox->currentIndex()) {
        const QSignalBlocker block(m_quantityBox);
        m_quantityBox->setCurrentIndex(i);
    }
    setRun(m_runId);
}

void DistributionPlot::setRun(qint64 runId) {
    m_runId = runId;
    m_steps.clear();
    m_lastRead = -1;
    m_stride = 1;
    if (m_runBox->currentData().toLongLong() != runId) {
        const QSignalBlocker block(m_runBox);
        m_runBox->setCurrentIndex(m_runBox->findData(runId));
    }
    if (refresh()) m_timer.start();
}

bool DistributionPlot::refresh() {
    gcpo::store::RunStore* store = m_source ? m_source->guiStore() : nullptr;
    bool more = false;
    if (store && m_runId > 0) {
        try {
            gcpo::store::RunStore::ReadTransaction snapshot(*store);
            std::vector<int64_t> stored;
            for (const auto& s : store->steps(m_runId))
                if (s.hasRollouts) stored.push_back(s.step);
            if (m_lastRead < 0) m_stride = std::max<int>(1, static_cast<int>((stored.size() + kMaxSteps - 1) / kMaxSteps));
            int read = 0;
            for (size_t i = 0; i < stored.size(); i += static_cast<size_t>(m_stride)) {
                if (stored[i] <= m_lastRead) continue;
                if (read == kStepsPerRefresh) {
                    more = true;
                    break;
                }
                std::vector<double> values;
                for (const auto& r : store->rollouts(m_runId, stored[i])) {
                    switch (m_quantity) {
                    case Quantity::Advantage: values.push_back(r.advantageUsed); break;
                    case Quantity::Credit: values.push_back(r.gcpoCredit); break;
                    case Quantity::GrpoAdvantage: values.push_back(r.grpoAdvantage); break;
                    case Quantity::Reward: values.push_back(r.reward); break;
                    case Quantity::Length: values.push_back(r.length); break;
                    }
                }
                values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
                             values.end());
                if (!values.empty()) m_steps.insert(stored[i], quantilesOf(values));
                m_lastRead = stored[i];
                ++read;
            }
        } catch (const std::exception& e) {
            m_note->setText(tr("Could not read the rollouts: %1").arg(QString::fromUtf8(e.what())));
            m_note->setVisible(true);
            return false;
        }
    }
    m_note->setText(tr("Every %1th stored step is shown (the run has more than %2)").arg(m_stride).arg(kMaxSteps));
    m_note->setVisible(m_stride > 1);
    redraw();
    return more;
}

void DistributionPlot::redraw() {
    m_plot->clearGraphs();
    QVector<double> x, q05, q25, q50, q75, q95;
    for (auto it = m_steps.cbegin(); it != m_steps.cend(); ++it) {
        x << static_cast<double>(it.key());
        q05 << it->q05;
        q25 << it->q25;
        q50 << it->q50;
        q75 << it->q75;
        q95 << it->q95;
    }
    const QColor c = Theme::seriesColour(0);
    auto band = [&](const QVector<double>& lo, const QVector<double>& hi, int alpha, const QString& name) {
        QCPGraph* lower = m_plot->addGraph();
        lower->setPen(Qt::NoPen);
        lower->setData(x, lo, true);
        lower->removeFromLegend();
        QCPGraph* upper = m_plot->addGraph();
        upper->setPen(Qt::NoPen);
        QColor fill = c;
        fill.setAlpha(alpha);
        upper->setBrush(fill);
        upper->setChannelFillGraph(lower);
        upper->setData(x, hi, true);
        upper->setName(name);
    };
    band(q05, q95, 45, tr("5–95 %"));
    band(q25, q75, 95, tr("25–75 %"));
    QCPGraph* median = m_plot->addGraph();
    median->setPen(QPen(c.darker(130), 1.8));
    if (x.size() <= 60) median->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c.darker(130), c.darker(130), 4));
    median->setData(x, q50, true);
    median->setName(tr("median"));
    const bool length = m_quantity == Quantity::Length;
    m_plot->yAxis->setLabel(length ? tr("%1 (tokens)").arg(m_quantityBox->currentText().section(QLatin1String(" ("), 0, 0))
                                   : m_quantityBox->currentText().section(QLatin1String(" ("), 0, 0));
    m_plot->rescaleAxes();
    const QCPRange xr = m_plot->xAxis->range(), yr = m_plot->yAxis->range();
    m_plot->xAxis->setRange(xr.size() > 0 ? QCPRange(xr.lower - 0.02 * xr.size(), xr.upper + 0.02 * xr.size())
                                          : QCPRange(xr.lower - 1, xr.upper + 1));
    m_plot->yAxis->setRange(yr.size() > 0 ? QCPRange(yr.lower - 0.06 * yr.size(), yr.upper + 0.06 * yr.size())
                                          : QCPRange(yr.lower - 0.5, yr.upper + 0.5));
    Theme::applyToPlot(m_plot);
}

}  // namespace gcpo::ui
