// Arms, per-arm intervals and paired differences for the compare view (see arm_stats.h).
#include "views/arm_stats.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "stats/descriptive.h"
#include "stats/resampling.h"

namespace gcpo::ui {

QList<Arm> groupRunsIntoArms(const QList<qint64>& runIds, const RunInfoList& runs, const QHash<qint64, QString>& armOf) {
    QList<Arm> arms;
    for (qint64 id : runIds) {
        const auto it = std::find_if(runs.cbegin(), runs.cend(), [id](const gcpo::store::RunInfo& r) { return r.id == id; });
        if (it == runs.cend()) continue;
        QString key = armOf.value(id);
        if (key.isEmpty()) key = it->algorithm.empty() ? QStringLiteral("?") : QString::fromStdString(it->algorithm);
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

ArmStat armStat(const QList<double>& values) {
    std::vector<double> finite;
    for (double v : values)
        if (std::isfinite(v)) finite.push_back(v);
    ArmStat s;
    if (finite.empty()) return s;
    const gcpo::stats::Summary sum = gcpo::stats::summarize(finite, 0.95);
    s.n = sum.n;
    s.mean = sum.mean;
    if (s.n >= 2) {
        s.std = sum.std;
        s.ciLow = sum.ciLow;
        s.ciHigh = sum.ciHigh;
    }
    return s;
}

PairedStat pairedStat(const QHash<qint64, double>& a, const QHash<qint64, double>& b) {
    std::vector<qint64> seeds;
    for (auto it = a.cbegin(); it != a.cend(); ++it) {
        const auto other = b.constFind(it.key());
        if (other != b.cend() && std::isfinite(it.value()) && std::isfinite(other.value())) seeds.push_back(it.key());
    }
    std::sort(seeds.begin(), seeds.end());  // the bootstrap's draws follow the seed order
    std::vector<double> va, vb;
    for (qint64 s : seeds) {
        va.push_back(a.value(s));
        vb.push_back(b.value(s));
    }
    PairedStat p;
    p.n = static_cast<int>(seeds.size());
    if (p.n == 0) return p;
    const gcpo::stats::PairedComparison c = gcpo::stats::comparePaired(va, vb);
    p.mean = c.deltaMean;
    p.pValue = c.pValue;
    if (p.n >= 2) {
        p.ciLow = c.ciLow;
        p.ciHigh = c.ciHigh;
    }
    return p;
}

}  // namespace gcpo::ui
