// Runs grouped into arms (an arm = one algorithm, its runs = one per seed) and the statistics the
// compare view shows: per arm mean, sample std and a 95 % Student-t interval over seeds, and the
// paired difference of two arms over the seeds both have (same seed = same prompts and random
// numbers), with its own 95 % t interval.
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "run_data_source.h"

namespace gcpo::ui {

// One arm: its key ("gcpo"), and its runs ordered by seed.
struct Arm {
    QString key;
    QList<qint64> runIds;
    QList<qint64> seeds;   // parallel to runIds
};

// Groups `runIds` (in the order given) by algorithm; arms keep the order of first appearance,
// runs within an arm are sorted by seed. Runs missing from `runs` are left out.
QList<Arm> groupRunsIntoArms(const QList<qint64>& runIds, const RunSummaryList& runs);

struct ArmStat {
    int n = 0;                 // values that were finite
    double mean = qQNaN();
    double std = qQNaN();      // sample std (ddof 1); NaN for n < 2
    double ciLow = qQNaN();    // mean -/+ t(0.975, n-1) * std / sqrt(n); NaN for n < 2
    double ciHigh = qQNaN();
};

struct PairedStat {
    int n = 0;                 // seeds present (and finite) in both arms
    double mean = qQNaN();     // mean of (b - a) over those seeds
    double ciLow = qQNaN();
    double ciHigh = qQNaN();
    // True only when the interval exists and lies strictly above or strictly below 0.
    bool excludesZero() const { return n >= 2 && (ciLow > 0.0 || ciHigh < 0.0); }
};

// 0.975 quantile of Student's t with `df` degrees of freedom (df >= 1; exact table to 30, then a
// 1/df expansion good to 1e-3).
double studentT975(int df);
ArmStat armStat(const QList<double>& values);
// Paired difference b - a over the seeds both maps hold.
PairedStat pairedStat(const QHash<qint64, double>& a, const QHash<qint64, double>& b);

}  // namespace gcpo::ui
