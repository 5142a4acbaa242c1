// 2-D PCA projection fitted once per run (see pca_projection.h).
#include "views/pca_projection.h"

#include <cmath>

#include "util/linalg.h"

namespace gcpo::ui {

void PcaProjection::reset() {
    m_dim = 0;
    m_mean.clear();
    m_axes.clear();
    m_explained[0] = m_explained[1] = 0.0;
}

bool PcaProjection::fit(const std::vector<std::vector<float>>& rows) {
    reset();
    int d = 0;
    for (const auto& r : rows)
        if (!r.empty()) {
            d = static_cast<int>(r.size());
            break;
        }
    if (d == 0) return false;
    std::vector<const std::vector<float>*> used;
    for (const auto& r : rows)
        if (static_cast<int>(r.size()) == d) used.push_back(&r);
    const int n = static_cast<int>(used.size());
    std::vector<double> mean(static_cast<size_t>(d), 0.0);
    for (const auto* r : used)
        for (int j = 0; j < d; ++j) mean[static_cast<size_t>(j)] += (*r)[static_cast<size_t>(j)];
    for (double& m : mean) m /= n;
    // X: (n, d) centred rows.
    std::vector<double> x(static_cast<size_t>(n) * d);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < d; ++j)
            x[static_cast<size_t>(i) * d + j] =
                (*used[static_cast<size_t>(i)])[static_cast<size_t>(j)] - mean[static_cast<size_t>(j)];

    std::vector<double> axes(2 * static_cast<size_t>(d), 0.0);
    double total = 0.0;
    std::vector<double> values;
    if (d <= n) {
        // Covariance C = X^T X, (d, d): its top eigenvectors are the axes.
        std::vector<double> c(static_cast<size_t>(d) * d, 0.0);
        for (int i = 0; i < n; ++i)
            for (int a = 0; a < d; ++a) {
                const double xa = x[static_cast<size_t>(i) * d + a];
                for (int b = a; b < d; ++b) c[static_cast<size_t>(a) * d + b] += xa * x[static_cast<size_t>(i) * d + b];
            }
        for (int a = 0; a < d; ++a)
            for (int b = 0; b < a; ++b) c[static_cast<size_t>(a) * d + b] = c[static_cast<size_t>(b) * d + a];
        std::vector<double> vectors;
        values = gcpo::linalg::symmetricEigen(c, d, &vectors);
        for (int k = 0; k < 2 && k < d; ++k)
            for (int j = 0; j < d; ++j) axes[static_cast<size_t>(k) * d + j] = vectors[static_cast<size_t>(k) * d + j];
    } else {
        // Fewer rows than dimensions: Gram matrix G = X X^T, (n, n); axis v = X^T u / |X^T u|.
        std::vector<double> g(static_cast<size_t>(n) * n, 0.0);
        for (int a = 0; a < n; ++a)
            for (int b = a; b < n; ++b) {
                double s = 0.0;
                for (int j = 0; j < d; ++j) s += x[static_cast<size_t>(a) * d + j] * x[static_cast<size_t>(b) * d + j];
                g[static_cast<size_t>(a) * n + b] = g[static_cast<size_t>(b) * n + a] = s;
            }
        std::vector<double> vectors;
        values = gcpo::linalg::symmetricEigen(g, n, &vectors);
        for (int k = 0; k < 2 && k < n; ++k) {
            double norm = 0.0;
            for (int j = 0; j < d; ++j) {
                double s = 0.0;
                for (int i = 0; i < n; ++i) s += x[static_cast<size_t>(i) * d + j] * vectors[static_cast<size_t>(k) * n + i];
                axes[static_cast<size_t>(k) * d + j] = s;
                norm += s * s;
            }
            norm = std::sqrt(norm);
            if (norm > 0.0)
                for (int j = 0; j < d; ++j) axes[static_cast<size_t>(k) * d + j] /= norm;
        }
    }
    for (double v : values) total += std::max(0.0, v);
    for (int k = 0; k < 2 && k < static_cast<int>(values.size()); ++k)
        m_explained[k] = total > 0.0 ? std::max(0.0, values[static_cast<size_t>(k)]) / total : 0.0;
    m_dim = d;
    m_mean = std::move(mean);
    m_axes = std::move(axes);
    return true;
}

QPointF PcaProjection::project(const std::vector<float>& row) const {
    if (m_dim == 0 || static_cast<int>(row.size()) != m_dim) return {};
    double p[2] = {0.0, 0.0};
    for (int k = 0; k < 2; ++k)
        for (int j = 0; j < m_dim; ++j)
            p[k] += (row[static_cast<size_t>(j)] - m_mean[static_cast<size_t>(j)]) * m_axes[static_cast<size_t>(k) * m_dim + j];
    return {p[0], p[1]};
}

double PcaProjection::explainedVariance(int axis) const { return axis == 0 || axis == 1 ? m_explained[axis] : 0.0; }

}  // namespace gcpo::ui
