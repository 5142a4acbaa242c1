// pass@k from evaluation samples (see pass_at_k.h).
#include "views/pass_at_k.h"

#include <QSet>

#include <cmath>

#include "rl/metrics.h"

namespace gcpo::ui {

double passAtK(int n, int c, int k) {
    if (k < 1 || k > n || c < 0 || c > n) return qQNaN();
    return gcpo::rl::passAtK(n, c, k);  // the evaluator's own estimator
}

RunEvalOutcomes::RunEvalOutcomes(const std::vector<gcpo::store::EvalSample>& samples) {
    QMap<int, QSet<QString>> answers;
    for (const auto& s : samples) {
        PromptOutcome& p = m_prompts[s.promptIndex];
        p.promptIndex = s.promptIndex;
        if (p.prompt.isEmpty()) p.prompt = QString::fromStdString(s.prompt);
        ++p.samples;
        if (s.correct) {
            ++p.correct;
            answers[s.promptIndex].insert(QString::fromStdString(s.canonicalAnswer.empty() ? s.parsedAnswer : s.canonicalAnswer));
        }
    }
    for (auto it = m_prompts.begin(); it != m_prompts.end(); ++it) {
        it->distinctCorrect = static_cast<int>(answers.value(it.key()).size());
        m_maxSamples = std::max(m_maxSamples, it->samples);
    }
}

double RunEvalOutcomes::passAtK(int k) const {
    double sum = 0.0;
    int count = 0;
    for (const PromptOutcome& p : m_prompts) {
        const double v = gcpo::ui::passAtK(p.samples, p.correct, k);
        if (std::isfinite(v)) {
            sum += v;
            ++count;
        }
    }
    return count > 0 ? sum / count : qQNaN();
}

double RunEvalOutcomes::promptPassAtK(int promptIndex, int k) const {
    const auto it = m_prompts.constFind(promptIndex);
    return it == m_prompts.cend() ? qQNaN() : gcpo::ui::passAtK(it->samples, it->correct, k);
}

}  // namespace gcpo::ui
