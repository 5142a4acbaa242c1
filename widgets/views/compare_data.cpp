// The compare view's reads and derived numbers (see compare_data.h).
#include "views/compare_data.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <cmath>

#include "store/run_admin.h"
#include "views/metric_catalog.h"

namespace gcpo::ui {

namespace {

// pass@k ascending first, then the diversity metrics in the order researchers read them, then the rest.
int metricRank(const QString& key) {
    if (key.startsWith(QLatin1String("pass@"))) return key.mid(5).toInt();
    static const QStringList order{QStringLiteral("distinct_correct"), QStringLiteral("solution_coverage"),
                                   QStringLiteral("vendi"), QStringLiteral("pairwise_distance")};
    const int i = static_cast<int>(order.indexOf(key));
    return i >= 0 ? 1000 + i : 2000;
}

}  // namespace

QString evalMetricLabel(const QString& key) {
    if (key.startsWith(QLatin1String("pass@"))) return key;
    const QString id = QStringLiteral("eval/") + key;
    if (MetricCatalog::contains(id)) {
        QString label = MetricCatalog::entry(id).label;
        return label.remove(QCoreApplication::translate("gcpo::ui::MetricCatalog", " (eval)"));
    }
    // The evaluation's other metrics, named with their unit (the catalog's entries draw them
    // together with the training series).
    if (key == QLatin1String("entropy")) return QCoreApplication::translate("gcpo::ui", "Entropy (nats per token)");
    if (key == QLatin1String("format_rate")) return QCoreApplication::translate("gcpo::ui", "Well-formatted (fraction)");
    if (key == QLatin1String("mean_length")) return QCoreApplication::translate("gcpo::ui", "Mean length (tokens)");
    if (key == QLatin1String("reward")) return QCoreApplication::translate("gcpo::ui", "Reward (mean)");
    return key;
}

void CompareData::clear() {
    m_arms.clear();
    m_steps.clear();
    m_step = -1;
    m_evals.clear();
    m_outcomes.clear();
    m_samples.clear();
    m_lastEvalStep.clear();
    m_metricKeys.clear();
    m_promptText.clear();
}

void CompareData::load(gcpo::store::RunStore& store, const QList<qint64>& runIds, const RunInfoList& runs, qint64 evalStep) {
    clear();
    gcpo::store::RunStore::ReadTransaction snapshot(store);
    // Runs of an experiment belong to its arm (which may differ in more than the algorithm).
    QHash<qint64, QString> armOf;
    for (const auto& l : gcpo::store::findRuns(store))
        if (l.experimentId > 0 && !l.arm.empty() && runIds.contains(l.run.id))
            armOf.insert(l.run.id, QString::fromStdString(l.arm));
    m_arms = groupRunsIntoArms(runIds, runs, armOf);
    QList<qint64> ids;
    for (const Arm& a : m_arms) ids += a.runIds;
    if (ids.isEmpty()) return;
    bool first = true;
    for (qint64 id : ids) {
        const auto steps = store.evalSteps(id);
        const QList<qint64> these(steps.begin(), steps.end());
        m_lastEvalStep.insert(id, these.isEmpty() ? -1 : *std::max_element(these.begin(), these.end()));
        if (first) m_steps = these;
        else
            m_steps.erase(std::remove_if(m_steps.begin(), m_steps.end(), [&these](qint64 s) { return !these.contains(s); }),
                          m_steps.end());
        first = false;
    }
    if (m_steps.isEmpty()) return;
    m_step = m_steps.contains(evalStep) ? evalStep : m_steps.back();
    QSet<QString> keys;
    for (qint64 id : ids) {
        QHash<QString, double>& mine = m_evals[id];
        for (const auto& row : store.evals(id))
            if (row.step == m_step) {
                const QString k = QString::fromStdString(row.metric);
                mine.insert(k, row.value);
                keys.insert(k);
            }
        auto samples = store.evalSamples(id, m_step);
        m_outcomes.insert(id, RunEvalOutcomes(samples));
        m_samples.insert(id, std::move(samples));
        for (const PromptOutcome& p : m_outcomes[id].prompts())
            if (!m_promptText.contains(p.promptIndex)) m_promptText.insert(p.promptIndex, p.prompt);
    }
    m_metricKeys = QStringList(keys.begin(), keys.end());
    std::sort(m_metricKeys.begin(), m_metricKeys.end(), [](const QString& a, const QString& b) {
        const int ra = metricRank(a), rb = metricRank(b);
        return ra != rb ? ra < rb : a < b;
    });
}

std::vector<gcpo::store::EvalSample> CompareData::samples(qint64 runId, int promptIndex) const {
    std::vector<gcpo::store::EvalSample> out;
    const auto it = m_samples.constFind(runId);
    if (it == m_samples.cend()) return out;
    for (const auto& s : *it)
        if (s.promptIndex == promptIndex) out.push_back(s);
    return out;
}

QStringList CompareData::armKeys() const {
    QStringList k;
    for (const Arm& a : m_arms) k << a.key;
    return k;
}

int CompareData::armIndex(const QString& key) const {
    for (int i = 0; i < m_arms.size(); ++i)
        if (m_arms[i].key == key) return i;
    return -1;
}

int CompareData::defaultBaseline() const {
    const int grpo = armIndex(QStringLiteral("grpo"));
    return grpo >= 0 ? grpo : (m_arms.isEmpty() ? -1 : 0);
}

int CompareData::defaultTreatment() const {
    const int gcpo = armIndex(QStringLiteral("gcpo"));
    const int base = defaultBaseline();
    if (gcpo >= 0 && gcpo != base) return gcpo;
    for (int i = 0; i < m_arms.size(); ++i)
        if (i != base) return i;
    return -1;
}

const RunEvalOutcomes& CompareData::outcomes(qint64 runId) const {
    static const RunEvalOutcomes none;
    const auto it = m_outcomes.constFind(runId);
    return it == m_outcomes.cend() ? none : it.value();
}

double CompareData::evalValue(qint64 runId, const QString& key) const { return m_evals.value(runId).value(key, qQNaN()); }

QList<FinalMetricRow> CompareData::finalMetricRows(int baseline, int treatment) const {
    QList<FinalMetricRow> rows;
    for (const QString& key : m_metricKeys) {
        FinalMetricRow row;
        row.key = key;
        row.label = evalMetricLabel(key);
        for (const Arm& arm : m_arms) {
            QList<double> values;
            for (qint64 id : arm.runIds) values << evalValue(id, key);
            row.arms << armStat(values);
        }
        if (baseline >= 0 && treatment >= 0 && baseline < m_arms.size() && treatment < m_arms.size() && baseline != treatment) {
            QHash<qint64, double> a, b;
            for (int i = 0; i < m_arms[baseline].runIds.size(); ++i)
                a.insert(m_arms[baseline].seeds[i], evalValue(m_arms[baseline].runIds[i], key));
            for (int i = 0; i < m_arms[treatment].runIds.size(); ++i)
                b.insert(m_arms[treatment].seeds[i], evalValue(m_arms[treatment].runIds[i], key));
            row.delta = pairedStat(a, b);
        }
        rows << row;
    }
    return rows;
}

int CompareData::maxSamples() const {
    int n = 0;
    for (const RunEvalOutcomes& o : m_outcomes) n = std::max(n, o.maxSamples());
    return n;
}

QList<ArmStat> CompareData::passAtKCurve(int arm) const {
    QList<ArmStat> curve;
    if (arm < 0 || arm >= m_arms.size()) return curve;
    for (int k = 1; k <= maxSamples(); ++k) {
        QList<double> values;
        for (qint64 id : m_arms[arm].runIds) values << outcomes(id).passAtK(k);
        curve << armStat(values);
    }
    return curve;
}

QMap<int, double> CompareData::promptPassAtK(int arm, int k) const {
    QMap<int, double> out;
    if (arm < 0 || arm >= m_arms.size()) return out;
    for (int p : m_promptText.keys()) {
        QList<double> values;
        for (qint64 id : m_arms[arm].runIds) values << outcomes(id).promptPassAtK(p, k);
        const ArmStat s = armStat(values);
        if (s.n > 0) out.insert(p, s.mean);
    }
    return out;
}

QMap<int, double> CompareData::promptSolvedShare(int arm) const {
    QMap<int, double> out;
    if (arm < 0 || arm >= m_arms.size()) return out;
    for (int p : m_promptText.keys()) {
        int solved = 0, seen = 0;
        for (qint64 id : m_arms[arm].runIds) {
            const auto it = outcomes(id).prompts().constFind(p);
            if (it == outcomes(id).prompts().cend()) continue;
            ++seen;
            solved += it->correct > 0 ? 1 : 0;
        }
        if (seen > 0) out.insert(p, static_cast<double>(solved) / seen);
    }
    return out;
}

}  // namespace gcpo::ui
