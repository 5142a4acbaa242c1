// Accuracy and diversity metrics: pass@k, distinct correct answers, pairwise distance, Vendi score.
#include "rl/metrics.h"

#include <cmath>
#include <set>
#include <stdexcept>
#include <string>

#include "rl/credit.h"
#include "util/linalg.h"

namespace gcpo::rl {

double passAtK(int n, int c, int k) {
    if (k < 1) throw std::invalid_argument("pass@k: k must be at least 1");
    if (k > n) throw std::invalid_argument("pass@k: k = " + std::to_string(k) + " exceeds n = " + std::to_string(n));
    if (c < 0 || c > n) throw std::invalid_argument("pass@k: correct count outside [0, n]");
    if (n - c < k) return 1.0;
    double prod = 1.0;
    for (int i = n - c + 1; i <= n; ++i) prod *= 1.0 - static_cast<double>(k) / i;
    return 1.0 - prod;
}

int distinctCorrect(const std::vector<std::string>& answers, const std::vector<bool>& correct) {
    if (answers.size() != correct.size()) throw std::invalid_argument("distinctCorrect: size mismatch");
    std::set<std::string> seen;
    for (size_t i = 0; i < answers.size(); ++i)
        if (correct[i]) seen.insert(answers[i]);
    return static_cast<int>(seen.size());
}

double meanPairwiseCosineDistance(const std::vector<double>& e, int n, int d) {
    if (n < 2) return 0.0;
    const std::vector<double> k = kernelMatrix(e, n, d, KernelKind::Cosine, 1.0);
    double sum = 0.0;
    for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j) sum += 1.0 - k[static_cast<size_t>(i) * n + j];
    return sum / (0.5 * n * (n - 1));
}

double vendiScore(const std::vector<double>& e, int n, int d) {
    if (n == 0) return 0.0;
    std::vector<double> k = kernelMatrix(e, n, d, KernelKind::Cosine, 1.0);
    for (int i = 0; i < n; ++i) k[static_cast<size_t>(i) * n + i] = 1.0;  // Vendi needs K_ii = 1
    for (double& x : k) x /= n;
    double h = 0.0;
    for (double lambda : linalg::symmetricEigen(k, n))
        if (lambda > 1e-12) h -= lambda * std::log(lambda);
    return std::exp(h);
}

}  // namespace gcpo::rl
