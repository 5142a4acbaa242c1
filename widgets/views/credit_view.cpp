// Marginal contributions view: stored credit vs GRPO advantage, and a live what-if recomputation.
#include "views/credit_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <exception>
#include <numeric>

#include <qcustomplot.h>

#include "views/run_credit_config.h"
#include "views/what_if_strip.h"

namespace gcpo::ui {

namespace {

QCPBars* makeBars(QCustomPlot* plot, QCPBarsGroup* group, const QString& name, const QColor& colour, bool hollow) {
    auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
    bars->setName(name);
    bars->setWidth(0.2);
    bars->setPen(QPen(colour.darker(130), hollow ? 1.5 : 1.0));
    QColor fill = colour;
    if (hollow) fill.setAlpha(60);
    bars->setBrush(fill);
    bars->setBarsGroup(group);
    return bars;
}

}  // namespace

CreditView::CreditView(QWidget* parent) : RunView(parent) {
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumSize(320, 200);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(QFont(font().family(), 8));
    m_plot->xAxis->setLabel(tr("rollout"));
    m_plot->yAxis->setLabel(tr("credit / advantage"));
    auto* group = new QCPBarsGroup(m_plot);
    group->setSpacingType(QCPBarsGroup::stAbsolute);
    group->setSpacing(1);
    m_creditBars = makeBars(m_plot, group, tr("GCPO credit (stored)"), QColor(214, 39, 40), false);
    m_grpoBars = makeBars(m_plot, group, tr("GRPO advantage (stored)"), QColor(31, 119, 180), false);
    m_whatIfCreditBars = makeBars(m_plot, group, tr("credit (what if)"), QColor(214, 39, 40), true);
    m_whatIfAdvantageBars = makeBars(m_plot, group, tr("GCPO advantage (what if)"), QColor(255, 127, 14), true);

    m_sumLabel = new QLabel(tr("No group selected"), this);
    m_sumLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_whatIfLabel = new QLabel(this);
    m_whatIfLabel->setWordWrap(true);
    m_strip = new WhatIfStrip(this);

    auto* left = new QVBoxLayout;
    left->addWidget(m_plot, 1);
    left->addWidget(m_sumLabel);
    left->addWidget(m_whatIfLabel);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(left, 1);
    layout->addWidget(m_strip);
    QObject::connect(m_strip, &WhatIfStrip::configChanged, this, [this](const gcpo::rl::CreditConfig& c) {
        m_whatIfConfig = c;
        recompute();
    });
}

CreditView::~CreditView() {
    for (const auto& c : m_connections) QObject::disconnect(c);
}

QString CreditView::viewTitle() const { return tr("Marginal contributions"); }
QList<QCustomPlot*> CreditView::plots() const { return {m_plot}; }
int CreditView::barCount() const { return m_creditBars->dataCount(); }

void CreditView::setDataSource(RunDataSource* source) {
    for (const auto& c : m_connections) QObject::disconnect(c);
    m_connections.clear();
    m_source = source;
    if (source) {
        m_connections << QObject::connect(source, &RunDataSource::currentGroupChanged, this, &CreditView::showGroup);
        showGroup(source->currentGroup());
    } else {
        showGroup({});
    }
}

void CreditView::showGroup(const GroupRef& group) {
    const bool newRun = group.runId != m_group.runId || !m_group.isValid();
    m_group = group;
    m_rewards.clear();
    m_embeddings.clear();
    m_storedCredit.clear();
    m_storedGrpo.clear();
    m_storedUsed.clear();
    m_storedCoverage = 0.0;
    m_dim = 0;
    gcpo::store::RunStore* store = m_source ? m_source->guiStore() : nullptr;
    if (store && group.isValid()) {
        try {
            gcpo::store::RunStore::ReadTransaction snapshot(*store);
            const auto rollouts = store->rollouts(group.runId, group.step, group.groupIndex);
            for (const auto& g : store->groups(group.runId, group.step))
                if (g.groupIndex == group.groupIndex) m_storedCoverage = g.teamCoverage;
            if (newRun) {
                const gcpo::rl::CreditConfig runConfig =
                    creditConfigFromJson(QString::fromStdString(store->runInfo(group.runId).configJson));
                m_strip->setRunConfig(runConfig);
                m_strip->setConfig(runConfig);
                m_whatIfConfig = runConfig;
            }
            bool embeddingsOk = !rollouts.empty() && !rollouts.front().embedding.empty();
            const size_t dim = embeddingsOk ? rollouts.front().embedding.size() : 0;
            for (const auto& r : rollouts) {
                m_rewards.push_back(r.reward);
                m_storedCredit.push_back(r.gcpoCredit);
                m_storedGrpo.push_back(r.grpoAdvantage);
                m_storedUsed.push_back(r.advantageUsed);
                embeddingsOk = embeddingsOk && r.embedding.size() == dim;
                if (embeddingsOk) m_embeddings.insert(m_embeddings.end(), r.embedding.begin(), r.embedding.end());
            }
            m_dim = embeddingsOk ? static_cast<int>(dim) : 0;
            if (!embeddingsOk) m_embeddings.clear();
        } catch (const std::exception& e) {
            m_sumLabel->setText(tr("Could not read the group: %1").arg(QString::fromUtf8(e.what())));
        }
    }
    recompute();
}

void CreditView::setWhatIfConfig(const gcpo::rl::CreditConfig& config) {
    m_whatIfConfig = config;
    m_strip->setConfig(config);
    recompute();
}

void CreditView::recompute() {
    m_hasWhatIf = false;
    m_whatIfError.clear();
    m_whatIf = {};
    if (m_dim > 0 && !m_rewards.empty()) {
        try {
            m_whatIf = gcpo::rl::computeCredit(m_rewards, m_embeddings, m_dim, m_whatIfConfig);
            m_hasWhatIf = true;
        } catch (const std::exception& e) {
            m_whatIfError = QString::fromUtf8(e.what());
        }
    } else if (!m_rewards.empty()) {
        m_whatIfError = tr("no stored embeddings for this group");
    }
    redraw();
}

void CreditView::redraw() {
    const int g = static_cast<int>(m_rewards.size());
    QVector<double> keys(g);
    std::iota(keys.begin(), keys.end(), 0.0);
    auto vec = [](const std::vector<double>& v) { return QVector<double>(v.begin(), v.end()); };
    m_creditBars->setData(keys, vec(m_storedCredit), true);
    m_grpoBars->setData(keys, vec(m_storedGrpo), true);
    m_whatIfCreditBars->setData(m_hasWhatIf ? keys : QVector<double>{}, m_hasWhatIf ? vec(m_whatIf.credit) : QVector<double>{}, true);
    m_whatIfAdvantageBars->setData(m_hasWhatIf ? keys : QVector<double>{},
                                   m_hasWhatIf ? vec(m_whatIf.advantage) : QVector<double>{}, true);
    if (g == 0) {
        m_sumLabel->setText(m_group.isValid() ? tr("No rollouts stored for this step") : tr("No group selected"));
        m_whatIfLabel->clear();
    } else {
        const double sum = std::accumulate(m_storedCredit.begin(), m_storedCredit.end(), 0.0);
        m_sumLabel->setText(tr("Stored: Σ credit = %1, team coverage = %2 (difference %3)")
                                .arg(sum, 0, 'f', 4)
                                .arg(m_storedCoverage, 0, 'f', 4)
                                .arg(sum - m_storedCoverage, 0, 'g', 3));
        if (m_hasWhatIf) {
            const double s = std::accumulate(m_whatIf.credit.begin(), m_whatIf.credit.end(), 0.0);
            m_whatIfLabel->setText(tr("What if (%1 kernel, β = %2, %3): team coverage = %4, Σ credit = %5%6")
                                       .arg(QString::fromLatin1(gcpo::rl::toString(m_whatIfConfig.kernel)))
                                       .arg(m_whatIfConfig.volumeScale)
                                       .arg(QString::fromLatin1(gcpo::rl::toString(m_whatIfConfig.estimator)))
                                       .arg(m_whatIf.teamReward, 0, 'f', 4)
                                       .arg(s, 0, 'f', 4)
                                       .arg(m_whatIf.jitterEvents > 0 ? tr(", %n jitter event(s)", nullptr,
                                                                            static_cast<int>(m_whatIf.jitterEvents))
                                                                      : QString()));
        } else {
            m_whatIfLabel->setText(tr("What if: %1").arg(m_whatIfError));
        }
    }
    m_plot->rescaleAxes();
    m_plot->xAxis->setRange(-0.6, qMax(1, g) - 0.4);
    const QCPRange y = m_plot->yAxis->range();
    m_plot->yAxis->setRange(qMin(0.0, y.lower) - 0.05 * y.size() - 0.01, qMax(0.0, y.upper) + 0.05 * y.size() + 0.01);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace gcpo::ui
