// pass@k from stored evaluation samples: for a prompt with n samples of which c are correct, the
// unbiased estimator pass@k = 1 - C(n-c, k) / C(n, k) (Chen et al. 2021), for every k = 1..n; a
// run's pass@k is its mean over prompts. Also each prompt's outcome (correct and distinct correct
// answers), which the compare view's prompt list and per-prompt scatter use.
#pragma once

#include <QMap>
#include <QString>
#include <QVector>

#include <vector>

#include "store/run_store.h"

namespace gcpo::ui {

// gcpo::rl::passAtK (the evaluator's estimator), with NaN instead of an exception for k > n.
double passAtK(int n, int c, int k);

struct PromptOutcome {
    int promptIndex = 0;
    QString prompt;
    int samples = 0;
    int correct = 0;
    int distinctCorrect = 0;  // by canonical answer (parsed answer when none)
};

// One run's samples of one eval step, by prompt.
class RunEvalOutcomes {
public:
    RunEvalOutcomes() = default;
    explicit RunEvalOutcomes(const std::vector<gcpo::store::EvalSample>& samples);

    const QMap<int, PromptOutcome>& prompts() const { return m_prompts; }
    int maxSamples() const { return m_maxSamples; }  // the largest n of any prompt
    // Mean over prompts of pass@k (prompts with fewer than k samples left out); NaN when none.
    double passAtK(int k) const;
    // pass@k of one prompt; NaN when the prompt is absent or has fewer than k samples.
    double promptPassAtK(int promptIndex, int k) const;

private:
    QMap<int, PromptOutcome> m_prompts;
    int m_maxSamples = 0;
};

}  // namespace gcpo::ui
