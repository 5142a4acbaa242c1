// Arms, per-arm intervals and paired differences for the compare view (see arm_stats.h).
#include "views/arm_stats.h"

#include <algorithm>
#include <cmath>

namespace gcpo::ui {

QList<Arm> groupRunsIntoArms(const QList<qint64>& runIds, const RunSummaryList& runs) {
    QList<Arm> arms;
    for (qint64 id : runIds) {
        const auto it = std::find_if(runs.cbegin(), runs.cend(), [id](const RunSummary& r) { return r.id == id; });
        if (it == runs.cend()) continue;
        const QString key = it->algorithm.isEmpty() ? QStringLiteral("?") : it->algorithm;
        auto arm = std::find_if(arms.begin(), arms.end(), [&key](const Arm& a) { return a.key == key; });
        if (arm == arms.end()) {
            arms.append(Arm{key, {}, {}});
            arm = arms.end() - 1;
        }
        int at = 0;
        while (at < arm->seeds.size() && arm->seeds[at] <= it->seed) ++at;
        arm->runIds.insert(at, id);
        arm->seeds.insert(at, it->seed);
    }
    return arms;
}

double studentT975(int df) {
    static const double table[] = {12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
                                   2.2010,  2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
                                   2.0796,  2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
    if (df < 1) return qQNaN();
    if (df <= 30) return table[df - 1];
    // Cornish-Fisher expansion of t around the normal quantile z = 1.959964.
    const double z = 1.959964, z3 = z * z * z, z5 = z3 * z * z;
    return z + (z3 + z) / (4.0 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * df * df);
}

ArmStat armStat(const QList<double>& values) {
    ArmStat s;
    double sum = 0.0;
    for (double v : values)
        if (std::isfinite(v)) {
            sum += v;
            ++s.n;
        }
    if (s.n == 0) return s;
    s.mean = sum / s.n;
    if (s.n < 2) return s;
    double ss = 0.0;
    for (double v : values)
        if (std::isfinite(v)) ss += (v - s.mean) * (v - s.mean);
    s.std = std::sqrt(ss / (s.n - 1));
    const double half = studentT975(s.n - 1) * s.std / std::sqrt(static_cast<double>(s.n));
    s.ciLow = s.mean - half;
    s.ciHigh = s.mean + half;
    return s;
}

PairedStat pairedStat(const QHash<qint64, double>& a, const QHash<qint64, double>& b) {
    QList<double> diffs;
    for (auto it = a.cbegin(); it != a.cend(); ++it) {
        const auto other = b.constFind(it.key());
        if (other != b.cend() && std::isfinite(it.value()) && std::isfinite(other.value())) diffs.append(other.value() - it.value());
    }
    const ArmStat d = armStat(diffs);
    PairedStat p;
    p.n = d.n;
    p.mean = d.mean;
    p.ciLow = d.ciLow;
    p.ciHigh = d.ciHigh;
    return p;
}

}  // namespace gcpo::ui
