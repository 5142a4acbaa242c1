// Runs grouped into arms (an experiment's arm, or for runs outside an experiment their algorithm;
// the runs of an arm = one per seed) and the statistics the compare view shows, computed by
// core/stats exactly as `gcpo-train report` computes them: per arm mean, sample std and the 95 %
// Student-t interval over seeds; the paired difference of two arms over the seeds both have (same
// seed = same prompts and random numbers) with its paired bootstrap 95 % interval and sign-flip
// permutation p-value.
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
    QList<qint64> seeds;  // parallel to runIds
};

// Groups `runIds` (in the order given) by arm: armOf[run] when given (an experiment's arm name),
// else the run's algorithm. Arms keep the order of first appearance, runs within an arm are sorted
// by seed. Runs missing from `runs` are left out.
QList<Arm> groupRunsIntoArms(const QList<qint64>& runIds, const RunInfoList& runs, const QHash<qint64, QString>& armOf = {});

struct ArmStat {
    int n = 0;  // values that were finite
    double mean = qQNaN();
    double std = qQNaN();    // sample std (ddof 1); NaN for n < 2
    double ciLow = qQNaN();  // mean -/+ t(0.975, n-1) * std / sqrt(n); NaN for n < 2
    double ciHigh = qQNaN();
};

struct PairedStat {
    int n = 0;               // seeds present (and finite) in both arms
    double mean = qQNaN();   // mean of (b - a) over those seeds
    double ciLow = qQNaN();  // paired bootstrap percentile interval (core/stats comparePaired)
    double ciHigh = qQNaN();
    double pValue = qQNaN();  // two-sided sign-flip permutation test
    // True only when the interval exists and lies strictly above or strictly below 0.
    bool excludesZero() const { return n >= 2 && (ciLow > 0.0 || ciHigh < 0.0); }
};

// Non-finite values (a run without that metric) are left out.
ArmStat armStat(const QList<double>& values);
// Paired difference b - a over the seeds both maps hold.
PairedStat pairedStat(const QHash<qint64, double>& a, const QHash<qint64, double>& b);

}  // namespace gcpo::ui
