// Drawing of the compare view's two summary plots from CompareData: pass@k against k (log x,
// k = 1..n) per arm with 95 % error bars over seeds, and the per-prompt scatter of the baseline
// arm's pass@k (x) against the treatment arm's (y) with the diagonal; points above it are prompts
// the treatment does better on.
#pragma once

#include <QList>
#include <QMap>
#include <QString>

class QCustomPlot;

namespace gcpo::ui {

class CompareData;

void drawPassAtK(QCustomPlot* plot, const CompareData& data);

struct ScatterCounts {
    int above = 0, below = 0, equal = 0;
};
struct ScatterPoint {
    double x = 0.0, y = 0.0;
    int prompt = 0;
};
// Fills *points (for hover) with every prompt drawn.
ScatterCounts drawPromptScatter(QCustomPlot* plot, const CompareData& data, int baseline, int treatment, int k,
                                QList<ScatterPoint>* points = nullptr);

}  // namespace gcpo::ui
