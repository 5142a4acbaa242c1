// Small dense float64 linear algebra: Jacobi eigen-decomposition and incremental Cholesky.
#include "util/linalg.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace gcpo::linalg {

std::vector<double> symmetricEigen(const std::vector<double>& in, int n, std::vector<double>* vectors) {
    if (n < 0 || in.size() != static_cast<size_t>(n) * n)
        throw std::invalid_argument("symmetricEigen: matrix size does not match n");
    std::vector<double> a = in;
    std::vector<double> v(static_cast<size_t>(n) * n, 0.0);
    for (int i = 0; i < n; ++i) v[i * n + i] = 1.0;
    auto at = [&](int i, int j) -> double& { return a[static_cast<size_t>(i) * n + j]; };
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0.0, total = 0.0;
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) {
                total += at(i, j) * at(i, j);
                if (i != j) off += at(i, j) * at(i, j);
            }
        if (off <= 1e-30 * std::max(total, 1e-300)) break;
        for (int p = 0; p < n - 1; ++p)
            for (int q = p + 1; q < n; ++q) {
                const double apq = at(p, q);
                if (std::abs(apq) < 1e-300) continue;
                const double theta = (at(q, q) - at(p, p)) / (2.0 * apq);
                const double t = (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1.0));
                const double c = 1.0 / std::sqrt(t * t + 1.0), s = t * c;
                for (int k = 0; k < n; ++k) {  // rotate columns p, q
                    const double akp = at(k, p), akq = at(k, q);
                    at(k, p) = c * akp - s * akq;
                    at(k, q) = s * akp + c * akq;
                }
                for (int k = 0; k < n; ++k) {  // rotate rows p, q
                    const double apk = at(p, k), aqk = at(q, k);
                    at(p, k) = c * apk - s * aqk;
                    at(q, k) = s * apk + c * aqk;
                }
                for (int k = 0; k < n; ++k) {
                    const double vkp = v[k * n + p], vkq = v[k * n + q];
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
    }
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int x, int y) { return at(x, x) > at(y, y); });
    std::vector<double> values(n);
    if (vectors) vectors->assign(static_cast<size_t>(n) * n, 0.0);
    for (int k = 0; k < n; ++k) {
        values[k] = at(order[k], order[k]);
        if (vectors)
            for (int i = 0; i < n; ++i) (*vectors)[static_cast<size_t>(k) * n + i] = v[i * n + order[k]];
    }
    return values;
}

IncrementalCholesky::IncrementalCholesky(int capacity, double minPivot)
    : m_capacity(capacity), m_minPivot(minPivot), m_l(static_cast<size_t>(capacity) * capacity, 0.0) {}

double IncrementalCholesky::push(const double* offDiag, double diag) {
    if (m_size >= m_capacity) throw std::logic_error("IncrementalCholesky: capacity exceeded");
    const int k = m_size;
    double* row = &m_l[static_cast<size_t>(k) * m_capacity];
    double sq = 0.0;
    // Forward substitution: row = L^{-1} offDiag.
    for (int i = 0; i < k; ++i) {
        const double* li = &m_l[static_cast<size_t>(i) * m_capacity];
        double s = offDiag[i];
        for (int j = 0; j < i; ++j) s -= li[j] * row[j];
        row[i] = s / li[i];
        sq += row[i] * row[i];
    }
    double pivot2 = diag - sq;
    if (!(pivot2 >= m_minPivot)) {  // also catches NaN
        ++m_jitterEvents;
        pivot2 = m_minPivot;
    }
    row[k] = std::sqrt(pivot2);
    ++m_size;
    return std::log(pivot2);
}

double logdetSubset(const std::vector<double>& m, int n, const std::vector<int>& idx, double minPivot) {
    const int k = static_cast<int>(idx.size());
    IncrementalCholesky chol(k, minPivot);
    std::vector<double> col(k);
    double logdet = 0.0;
    for (int a = 0; a < k; ++a) {
        for (int b = 0; b < a; ++b) col[b] = m[static_cast<size_t>(idx[b]) * n + idx[a]];
        logdet += chol.push(col.data(), m[static_cast<size_t>(idx[a]) * n + idx[a]]);
    }
    return logdet;
}

}  // namespace gcpo::linalg
