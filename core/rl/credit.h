// GCPO credit assignment: team coverage of a rollout group and each rollout's Shapley credit.
// Plain C++ (no LibTorch type) so the workbench can recompute credit on stored rollouts directly.
//
// A group is G rollouts with rewards r_i in [0,1] and embeddings e_i in R^d (row-major, G x d).
//   K      kernel: cosine (K_ij = ê_i·ê_j, a zero vector gives a zero row) or rbf (exp(-γ||e_i-e_j||²))
//   L      = diag(r) K diag(r)           (reward-weighted kernel: wrong rollouts add nothing)
//   v(S)   = log det(I + β L_S), v(∅) = 0  (coverage, β = volume_scale)
//   R      = v(all)                        (team reward)
//   φ_i    Shapley value of i in the game v: Σ_i φ_i = R (efficiency)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gcpo::rl {

enum class KernelKind { Cosine, Rbf };
enum class CreditEstimator { Exact, Permutation, LeaveOneOut };

// Largest G for the exact estimator (2 x 2^G weighted coverage values are kept: 16 MiB at G = 20).
constexpr int kMaxExactGroupSize = 20;
// Limits shared by `gcpo-train credit` and the run config (gcpo.*, sampling.group_size), so that a
// group one accepts the other accepts too. Beyond them the coverage game loses its meaning in double
// precision (β L overflows, or log det(I + β L) rounds to 0) or the cost is unbounded.
constexpr int kMaxGroupSize = 512;
constexpr double kMinVolumeScale = 1e-9, kMaxVolumeScale = 1e9;
constexpr double kMinRbfGamma = 1e-9, kMaxRbfGamma = 1e9;
constexpr int kMaxPermutationSamples = 1000000;
// Permutation work bound: samples x G^3 (one incremental Cholesky per ordering), ~10 s on one core.
constexpr double kMaxPermutationWork = 1e10;

// "" when the estimator's cost for G rollouts (and `samples` orderings) is within the limits above,
// else a message naming the setting to change.
std::string creditCostProblem(int g, CreditEstimator estimator, int samples);

// Added to the standard deviation when advantages are scaled by it (as TRL does).
constexpr double kStdEpsilon = 1e-4;

struct CreditConfig {
    KernelKind kernel = KernelKind::Cosine;
    double rbfGamma = 1.0;
    double volumeScale = 1.0;  // β
    CreditEstimator estimator = CreditEstimator::Exact;
    int samples = 256;  // orderings for the permutation estimator
    uint64_t seed = 0;
    double accuracyWeight = 0.0;  // w in A = (1-w) norm(φ) + w norm(r)
    bool scaleByStd = true;       // false: Dr. GRPO centring only
};

struct CreditResult {
    double teamReward = 0.0;            // R = v(all)
    std::vector<double> credit;         // φ, G values
    std::vector<double> advantage;      // GCPO advantage, G values
    std::vector<double> grpoAdvantage;  // GRPO advantage of the same rewards, G values
    long jitterEvents = 0;              // Cholesky pivots raised to their lower bound (rounding only)
};

const char* toString(KernelKind k);
const char* toString(CreditEstimator e);
// Parse "cosine"|"rbf" and "exact"|"permutation"|"leave_one_out"; return false on an unknown name.
bool parseKernel(const std::string& s, KernelKind* out);
bool parseEstimator(const std::string& s, CreditEstimator* out);

// G x G kernel of row-major G x d embeddings.
std::vector<double> kernelMatrix(const std::vector<double>& embeddings, int g, int d, KernelKind kind, double rbfGamma);

// The coverage game of one group: M = I + β diag(r) K diag(r), with v(S) = log det M_S.
class CoverageGame {
public:
    CoverageGame(const std::vector<double>& rewards, const std::vector<double>& kernel, double volumeScale);
    int size() const { return m_g; }
    const std::vector<double>& matrix() const { return m_m; }
    double m(int i, int j) const { return m_m[static_cast<size_t>(i) * m_g + j]; }
    double value(const std::vector<int>& subset) const;  // from scratch
    double teamValue() const;

private:
    int m_g;
    std::vector<double> m_m;
};

// Estimators. Each returns G credits; jitterEvents (optional) counts raised pivots.
std::vector<double> shapleyExact(const CoverageGame& game, long* jitterEvents = nullptr);
// Monte Carlo over `samples` orderings (drawn in antithetic pairs: each ordering and its reverse),
// one incremental Cholesky per ordering (O(G^3)); interchangeable players (swapping them leaves M
// unchanged) then get the mean of their estimates, as their true Shapley values are equal.
std::vector<double> shapleyPermutation(const CoverageGame& game, int samples, uint64_t seed, long* jitterEvents = nullptr);
// v(all) - v(all \ {i}) = -log((M^-1)_ii). An approximation of the Shapley value: it ignores how
// i interacts with smaller coalitions, so duplicates get (almost) nothing instead of sharing credit.
std::vector<double> leaveOneOut(const CoverageGame& game, long* jitterEvents = nullptr);

// Naive references that refactorize every subset from scratch (tests and gcpo-bench only).
std::vector<double> shapleyExactNaive(const CoverageGame& game);
std::vector<double> shapleyPermutationNaive(const CoverageGame& game, int samples, uint64_t seed);
// Brute force over all G! orderings (tests only; G <= 9).
std::vector<double> shapleyAllOrderings(const CoverageGame& game);

// Sample standard deviation (ddof = 1); 0 when fewer than two values.
double sampleStd(const std::vector<double>& x);

// (x - mean) / (std + kStdEpsilon) with std the sample standard deviation (ddof = 1), or x - mean
// when scaleByStd is false. G <= 1 gives zeros.
std::vector<double> normalizeGroup(const std::vector<double>& x, bool scaleByStd);
std::vector<double> grpoAdvantages(const std::vector<double>& rewards, bool scaleByStd);

// (1 - w) norm(credit) + w grpoAdvantage: the GCPO advantage from a group's credit and its GRPO
// advantage (normalised with the same scaleByStd).
std::vector<double> gcpoAdvantages(const std::vector<double>& credit, const std::vector<double>& grpoAdvantage,
                                   double accuracyWeight, bool scaleByStd);

// Validates shapes and values and computes the credit: fills teamReward, credit and jitterEvents
// only (no advantages); throws std::invalid_argument naming the offending field and index.
CreditResult shapleyCredit(const std::vector<double>& rewards, const std::vector<double>& embeddings, int dim,
                           const CreditConfig& config);

// shapleyCredit, then the GRPO and GCPO advantages: the whole pipeline. The cosine kernel is
// invariant to each embedding's scale (any finite nonzero vector, however large or small, has unit
// norm); a zero vector gives a zero row. A non-finite result is refused with std::invalid_argument.
CreditResult computeCredit(const std::vector<double>& rewards, const std::vector<double>& embeddings, int dim,
                           const CreditConfig& config);

}  // namespace gcpo::rl
