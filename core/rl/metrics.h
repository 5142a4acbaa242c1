// Accuracy and diversity metrics shared by the trainer, the evaluator and the workbench.
#pragma once

#include <string>
#include <vector>

namespace gcpo::rl {

// Unbiased pass@k (Chen et al. 2021) from n samples of which c are correct, in the numerically
// stable product form 1 - Π_{i=n-c+1}^{n} (1 - k/i). Returns 1 when n - c < k. Throws
// std::invalid_argument when k > n, k < 1 or c is outside [0, n].
double passAtK(int n, int c, int k);

// Number of distinct answers among the correct ones (answers compared as given: canonicalise first).
int distinctCorrect(const std::vector<std::string>& answers, const std::vector<bool>& correct);

// Mean over pairs i < j of 1 - cos(e_i, e_j) for row-major n x d embeddings; 0 when n < 2.
// A zero vector has cosine 0 to everything.
double meanPairwiseCosineDistance(const std::vector<double>& embeddings, int n, int d);

// Vendi score (Friedman & Dieng 2023) with the cosine kernel: exp(-Σ λ log λ), λ the eigenvalues of
// K / n. Between 1 (all identical) and n (all orthogonal); 0 when n = 0.
double vendiScore(const std::vector<double>& embeddings, int n, int d);

}  // namespace gcpo::rl
