// The compare view's pass@k-vs-k and per-prompt scatter plots (see compare_plots.h).
#include "views/compare_plots.h"

#include <QApplication>
#include <QCoreApplication>

#include <cmath>

#include <qcustomplot.h>

#include "theme.h"
#include "views/compare_data.h"

namespace gcpo::ui {

namespace {
// lupdate files tr() calls in these free functions under the namespace: the same context here.
QString tr(const char* s) { return QCoreApplication::translate("gcpo::ui", s); }
}  // namespace

void drawPassAtK(QCustomPlot* plot, const CompareData& data) {
    plot->clearPlottables();
    const int n = data.maxSamples();
    plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    // k = 1, 2, 4, ... labelled; log spacing.
    auto logTicker = QSharedPointer<QCPAxisTickerLog>::create();
    logTicker->setLogBase(2);
    logTicker->setSubTickCount(0);
    plot->xAxis->setTicker(logTicker);
    plot->xAxis->setNumberFormat(QStringLiteral("f"));
    plot->xAxis->setNumberPrecision(0);
    plot->xAxis->setLabel(tr("k (samples per prompt, log scale)"));
    plot->yAxis->setLabel(tr("pass@k (fraction of prompts)"));
    for (int a = 0; a < data.arms().size(); ++a) {
        const QList<ArmStat> curve = data.passAtKCurve(a);
        QVector<double> k, mean, err;
        for (int i = 0; i < curve.size(); ++i) {
            if (curve[i].n == 0) continue;
            k << i + 1;
            mean << curve[i].mean;
            err << (curve[i].n >= 2 ? (curve[i].ciHigh - curve[i].ciLow) / 2.0 : 0.0);
        }
        const QColor c = Theme::seriesColour(a);
        QCPGraph* g = plot->addGraph();
        g->setPen(QPen(c, 2.0));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, c, 5));
        g->setData(k, mean, true);
        g->setName(QStringLiteral("%1 (n = %2)").arg(data.arms()[a].key).arg(data.arms()[a].runIds.size()));
        auto* bars = new QCPErrorBars(plot->xAxis, plot->yAxis);
        bars->setDataPlottable(g);
        bars->setData(err);
        bars->setPen(QPen(c, 1.0));
        bars->removeFromLegend();
    }
    plot->xAxis->setRange(0.8, std::max(2, n) * 1.25);
    plot->yAxis->setRange(0.0, 1.02);
    Theme::applyToPlot(plot);
}

ScatterCounts drawPromptScatter(QCustomPlot* plot, const CompareData& data, int baseline, int treatment, int k,
                                QList<ScatterPoint>* points) {
    plot->clearPlottables();
    plot->clearItems();
    ScatterCounts counts;
    if (points) points->clear();
    const bool ok = baseline >= 0 && treatment >= 0 && baseline != treatment;
    const QString xName = ok ? data.arms()[baseline].key : QString();
    const QString yName = ok ? data.arms()[treatment].key : QString();
    plot->xAxis->setLabel(tr("%1 pass@%2 per prompt (mean over seeds)").arg(xName).arg(k));
    plot->yAxis->setLabel(tr("%1 pass@%2").arg(yName).arg(k));
    QCPGraph* diagonal = plot->addGraph();
    QColor grey = QApplication::palette().color(QPalette::Text);
    grey.setAlpha(120);
    diagonal->setPen(QPen(grey, 1.0, Qt::DashLine));
    diagonal->setData({0.0, 1.0}, {0.0, 1.0});
    diagonal->setName(tr("equal"));
    if (ok) {
        const QMap<int, double> x = data.promptPassAtK(baseline, k), y = data.promptPassAtK(treatment, k);
        QVector<double> xs[3], ys[3];
        for (auto it = x.cbegin(); it != x.cend(); ++it) {
            if (!y.contains(it.key())) continue;
            const double yv = y.value(it.key());
            const int bucket = yv > it.value() + 1e-9 ? 0 : yv < it.value() - 1e-9 ? 1 : 2;
            (bucket == 0 ? counts.above : bucket == 1 ? counts.below : counts.equal)++;
            xs[bucket] << it.value();
            ys[bucket] << yv;
            if (points) points->append({it.value(), yv, it.key()});
        }
        const QColor colours[3] = {Theme::seriesColour(treatment), Theme::seriesColour(baseline), grey};
        const QString names[3] = {tr("%1 better (%2)").arg(yName).arg(counts.above),
                                  tr("%1 better (%2)").arg(xName).arg(counts.below), tr("equal (%1)").arg(counts.equal)};
        for (int b = 0; b < 3; ++b) {
            QCPGraph* g = plot->addGraph();
            g->setLineStyle(QCPGraph::lsNone);
            QColor fill = colours[b];
            fill.setAlpha(110);
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(colours[b], 1.2), fill, 8));
            g->setData(xs[b], ys[b]);
            g->setName(names[b]);
        }
    }
    plot->xAxis->setRange(-0.04, 1.04);
    plot->yAxis->setRange(-0.04, 1.04);
    Theme::applyToPlot(plot);
    return counts;
}

}  // namespace gcpo::ui
