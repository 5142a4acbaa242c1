// A 2-D PCA projection fitted once (on one set of embeddings) and then applied to any embedding of
// the same dimension, so successive steps of a run share one frame. Uses gcpo::linalg::symmetricEigen
// on the d x d covariance (d up to a few hundred).
#pragma once

#include <QPointF>

#include <vector>

namespace gcpo::ui {

class PcaProjection {
public:
    // rows: n embeddings of equal dimension d (rows of another dimension are skipped). Needs n >= 1.
    // Returns false (and stays unfitted) when there is nothing to fit.
    bool fit(const std::vector<std::vector<float>>& rows);
    void reset();
    bool isFitted() const { return m_dim > 0; }
    int dimension() const { return m_dim; }
    // Coordinates on the first two principal axes; (0, 0) for a row of the wrong dimension.
    QPointF project(const std::vector<float>& row) const;
    // Share of variance on the two axes (for the axis labels).
    double explainedVariance(int axis) const;

private:
    int m_dim = 0;
    std::vector<double> m_mean;
    std::vector<double> m_axes;  // (2, d) row-major
    double m_explained[2] = {0.0, 0.0};
};

}  // namespace gcpo::ui
