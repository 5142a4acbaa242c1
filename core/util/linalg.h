// Small dense float64 linear algebra for groups of rollouts (G up to a few hundred): no LibTorch.
#pragma once

#include <cstddef>
#include <vector>

namespace gcpo::linalg {

// Row-major n x n symmetric matrix A. Returns eigenvalues in descending order; when vectors is
// non-null it receives the matching unit eigenvectors as rows (vectors[k*n + i] is component i of
// the k-th eigenvector). Cyclic Jacobi rotations: exact to working precision, fine for n <= ~256.
std::vector<double> symmetricEigen(const std::vector<double>& a, int n, std::vector<double>* vectors = nullptr);

// Incremental Cholesky factor of a symmetric matrix M whose Schur complements are known to be at
// least `minPivot` (for M = I + beta * L with L positive semi-definite, every Schur complement is
// >= 1, so minPivot = 1). push() appends one row/column and returns log(pivot^2), i.e. the increase
// of log det. A pivot^2 below minPivot can only come from rounding (a kernel that is not PSD to
// working precision); it is raised to minPivot, which is the same as adding diagonal jitter
// (minPivot - pivot^2) to that element, and counted in jitterEvents().
class IncrementalCholesky {
public:
    explicit IncrementalCholesky(int capacity, double minPivot = 1.0);

    // offDiag[k] = M(order[k], new) for the k = 0..size()-1 elements already pushed; diag = M(new,new).
    double push(const double* offDiag, double diag);
    void pop() { --m_size; }
    void clear() { m_size = 0; }
    int size() const { return m_size; }
    long jitterEvents() const { return m_jitterEvents; }
    // Entry (i, j), j <= i, of the lower-triangular factor.
    double factor(int i, int j) const { return m_l[static_cast<size_t>(i) * m_capacity + j]; }

private:
    int m_capacity;
    int m_size = 0;
    double m_minPivot;
    long m_jitterEvents = 0;
    std::vector<double> m_l;  // (capacity, capacity) lower-triangular factor, row-major
};

// log det of the principal submatrix of the row-major n x n matrix m picked by idx, factorized from
// scratch (the naive reference used by tests and benchmarks).
double logdetSubset(const std::vector<double>& m, int n, const std::vector<int>& idx, double minPivot = 1.0);

}  // namespace gcpo::linalg
