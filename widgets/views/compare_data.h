// What the compare view reads, apart from drawing: the compared runs grouped into arms, the
// evaluation steps every run has, and at one chosen step each run's stored eval metrics and its
// per-prompt outcomes (from the stored samples), turned into the final-metric table rows, the
// pass@k-vs-k curves and the per-prompt pass@k of each arm. Reads through one RunStore snapshot.
#pragma once

#include <QHash>
#include <QList>
#include <QMap>
#include <QStringList>

#include "run_data_source.h"
#include "views/arm_stats.h"
#include "views/final_metrics_model.h"
#include "views/pass_at_k.h"

namespace gcpo::ui {

class CompareData {
public:
    // Reads everything for `runIds` at `evalStep` (-1: the latest step common to every run).
    // Throws std::exception from the store on a read error.
    void load(gcpo::store::RunStore& store, const QList<qint64>& runIds, const RunInfoList& runs, qint64 evalStep);
    void clear();

    const QList<Arm>& arms() const { return m_arms; }
    QStringList armKeys() const;
    int armIndex(const QString& key) const;
    const QList<qint64>& commonEvalSteps() const { return m_steps; }
    qint64 evalStep() const { return m_step; }
    // Baseline and treatment of the deltas: "grpo" and "gcpo" when present, else the first two arms.
    int defaultBaseline() const;
    int defaultTreatment() const;

    const RunEvalOutcomes& outcomes(qint64 runId) const;
    QStringList evalMetricKeys() const { return m_metricKeys; }  // in display order
    double evalValue(qint64 runId, const QString& key) const;    // NaN when absent

    // Rows for the final-metric table: every stored eval metric at the step.
    QList<FinalMetricRow> finalMetricRows(int baseline, int treatment) const;
    int maxSamples() const;  // the largest n over runs and prompts (pass@k defined for k <= n)
    // Arm a's pass@k for k = 1..maxSamples(): one ArmStat per k over the arm's runs.
    QList<ArmStat> passAtKCurve(int arm) const;
    // Prompt index -> mean over the arm's runs of that prompt's pass@k.
    QMap<int, double> promptPassAtK(int arm, int k) const;
    // Prompt index -> share of the arm's runs that solved the prompt (at least one correct sample).
    QMap<int, double> promptSolvedShare(int arm) const;
    QString promptText(int promptIndex) const { return m_promptText.value(promptIndex); }
    QList<int> promptIndices() const { return m_promptText.keys(); }
    // One run's stored samples of one prompt at the step (kept from load(): the Samples tab and its
    // prompt navigation read no database).
    std::vector<gcpo::store::EvalSample> samples(qint64 runId, int promptIndex) const;
    // The run's latest stored evaluation step when loaded (-1: none): an evaluation delivered later
    // at or before it is already in the table, only a later one needs a new load.
    qint64 lastEvalStep(qint64 runId) const { return m_lastEvalStep.value(runId, -1); }

private:
    QList<Arm> m_arms;
    QList<qint64> m_steps;
    qint64 m_step = -1;
    QHash<qint64, QHash<QString, double>> m_evals;
    QHash<qint64, RunEvalOutcomes> m_outcomes;
    QHash<qint64, std::vector<gcpo::store::EvalSample>> m_samples;  // at m_step, in stored order
    QHash<qint64, qint64> m_lastEvalStep;
    QStringList m_metricKeys;
    QMap<int, QString> m_promptText;
};

// Display label of an eval metric key ("pass@8" -> "pass@8", "distinct_correct" -> "Distinct correct answers").
QString evalMetricLabel(const QString& key);

}  // namespace gcpo::ui
