// How well an embedding backend's kernel agrees with the verifier on what counts as a distinct
// solution, measured on stored rollout groups before training with it (`gcpo-train embeddings`).
// Plain C++ (no LibTorch).
//
// For a group with at least two correct rollouts, over the correct ones only:
//   verifier distinct  the number of distinct canonical answers (what eval/distinct_correct counts)
//   verifier Vendi     exp(entropy of the canonical answers' frequencies): the Vendi score of the
//                      kernel that is 1 for equal canonical answers and 0 otherwise
//   kernel clusters    connected components of the graph joining rollouts whose cosine is at
//                      least `threshold` (a zero vector joins nothing)
//   kernel Vendi       vendiScore of the embeddings (cosine kernel)
// A backend agrees when its clusters equal the verifier's distinct count (exact-match rate) and
// its kernel Vendi follows the verifier's (Spearman correlations over groups, mean |gap|).
#pragma once

#include <string>
#include <vector>

namespace gcpo::rl {

struct GroupAgreement {
    std::string family;
    int correct = 0;  // correct rollouts in the group (>= 2)
    int verifierDistinct = 0;
    double verifierVendi = 0.0;
    int kernelClusters = 0;
    double kernelVendi = 0.0;
};

// One group's statistics. embeddings: row-major (canonical.size() x dim), the rollouts of the group
// that are correct, in any order; canonical: their canonical answers. Throws std::invalid_argument
// on a size mismatch or fewer than 2 rows.
GroupAgreement groupAgreement(const std::string& family, const std::vector<std::string>& canonical,
                              const std::vector<double>& embeddings, int dim, double threshold);

struct AgreementSummary {
    std::string family;  // or "all"
    int groups = 0;
    double meanVerifierDistinct = 0.0, meanKernelClusters = 0.0;
    double exactMatchRate = 0.0;    // share of groups with kernel clusters == verifier distinct
    double spearmanClusters = 0.0;  // Spearman(kernel clusters, verifier distinct); NaN when either is constant
    double meanVerifierVendi = 0.0, meanKernelVendi = 0.0;
    double spearmanVendi = 0.0;    // Spearman(kernel Vendi, verifier distinct); NaN when either is constant
    double meanAbsVendiGap = 0.0;  // mean |kernel Vendi - verifier Vendi|
};

// Summaries of `groups` for each family (sorted by name) and then "all". Empty input: empty output.
std::vector<AgreementSummary> summariseAgreement(const std::vector<GroupAgreement>& groups);

// Spearman's rank correlation with mid-ranks for ties (Pearson correlation of the ranks); NaN when
// the sizes differ, fewer than 2 values, or either side is constant.
double spearman(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace gcpo::rl
