// Marginal contributions view: stored credit vs GRPO advantage, and a live what-if recomputation.
#include "views/credit_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <cmath>
#include <exception>
#include <numeric>

#include <qcustomplot.h>

#include "theme.h"
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
    Theme::putLegendBelow(m_plot, 2);
    Theme::followTheme(m_plot);
    m_title = new QLabel(tr("No group selected"), this);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_flag = new QLabel(this);
    m_flag->setWordWrap(true);
    m_flag->setStyleSheet(QStringLiteral("QLabel { background: #ffc85a; color: #202020; padding: 3px; }"));
    m_flag->setVisible(false);
    // Every rollout index is labelled (a fixed tick step of 1).
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setLabel(tr("rollout"));
    m_plot->yAxis->setLabel(tr("credit / advantage"));
    auto* group = new QCPBarsGroup(m_plot);
    group->setSpacingType(QCPBarsGroup::stAbsolute);
    group->setSpacing(1);
    m_creditBars = makeBars(m_plot, group, tr("GCPO credit (stored)"), QColor(44, 160, 44), false);
    m_grpoBars = makeBars(m_plot, group, tr("GRPO advantage (stored)"), QColor(31, 119, 180), false);
    m_whatIfCreditBars = makeBars(m_plot, group, tr("credit (what if)"), QColor(44, 160, 44), true);
    m_whatIfAdvantageBars = makeBars(m_plot, group, tr("GCPO advantage (what if)"), QColor(255, 127, 14), true);

    m_sumLabel = new QLabel(tr("No group selected"), this);
    m_sumLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_whatIfLabel = new QLabel(this);
    m_whatIfLabel->setWordWrap(true);
    m_strip = new WhatIfStrip(this);

    auto* left = new QVBoxLayout;
    left->addWidget(m_title);
    left->addWidget(m_flag);
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
    m_allWrongMoved = false;
    if (!group.isValid()) m_title->setText(tr("No group selected"));
    gcpo::store::RunStore* store = m_source ? m_source->guiStore() : nullptr;
    if (store && group.isValid()) {
        try {
            gcpo::store::RunStore::ReadTransaction snapshot(*store);
            const auto rollouts = store->rollouts(group.runId, group.step, group.groupIndex);
            QString prompt;
            int correct = 0;
            for (const auto& g : store->groups(group.runId, group.step))
                if (g.groupIndex == group.groupIndex) {
                    m_storedCoverage = g.teamCoverage;
                    prompt = QString::fromStdString(g.prompt).simplified();
                    correct = g.correctCount;
                }
            const auto info = store->runInfo(group.runId);
            m_title->setText(tr("<b>Run %1 (%2, %3), step %4, group %5</b>: %6")
                                 .arg(group.runId)
                                 .arg(QString::fromStdString(info.name).toHtmlEscaped(),
                                      QString::fromStdString(info.algorithm).toHtmlEscaped())
                                 .arg(group.step)
                                 .arg(group.groupIndex)
                                 .arg(prompt.left(160).toHtmlEscaped()));
            double moved = 0.0;
            for (const auto& r : rollouts) moved = std::max(moved, std::abs(r.advantageUsed));
            m_allWrongMoved = correct == 0 && moved > 1e-9;
            m_flag->setText(tr("⚠ No rollout of this group is correct, yet the advantage used is non-zero (largest |A| = %1): "
                               "the rewards differ only by the format reward, and the loss still moves the policy on it.")
                                .arg(moved, 0, 'f', 3));
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
    m_flag->setVisible(m_allWrongMoved && g > 0);
    QVector<double> keys(g);
    std::iota(keys.begin(), keys.end(), 0.0);
    auto vec = [](const std::vector<double>& v) { return QVector<double>(v.begin(), v.end()); };
    m_creditBars->setData(keys, vec(m_storedCredit), true);
    m_grpoBars->setData(keys, vec(m_storedGrpo), true);
    m_whatIfCreditBars->setData(m_hasWhatIf ? keys : QVector<double>{}, m_hasWhatIf ? vec(m_whatIf.credit) : QVector<double>{},
                                true);
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
                                       .arg(m_whatIf.jitterEvents > 0
                                                ? tr(", %n jitter event(s)", nullptr, static_cast<int>(m_whatIf.jitterEvents))
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
