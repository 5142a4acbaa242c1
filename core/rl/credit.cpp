// GCPO credit assignment: kernels, the log-det coverage game, and its Shapley estimators.
#include "rl/credit.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <sstream>
#include <stdexcept>

#include "util/linalg.h"

namespace gcpo::rl {

using linalg::IncrementalCholesky;

const char* toString(KernelKind k) { return k == KernelKind::Cosine ? "cosine" : "rbf"; }

const char* toString(CreditEstimator e) {
    switch (e) {
    case CreditEstimator::Exact: return "exact";
    case CreditEstimator::Permutation: return "permutation";
    case CreditEstimator::LeaveOneOut: return "leave_one_out";
    }
    return "exact";
}

bool parseKernel(const std::string& s, KernelKind* out) {
    if (s == "cosine") *out = KernelKind::Cosine;
    else if (s == "rbf") *out = KernelKind::Rbf;
    else return false;
    return true;
}

bool parseEstimator(const std::string& s, CreditEstimator* out) {
    if (s == "exact") *out = CreditEstimator::Exact;
    else if (s == "permutation") *out = CreditEstimator::Permutation;
    else if (s == "leave_one_out") *out = CreditEstimator::LeaveOneOut;
    else return false;
    return true;
}

std::vector<double> kernelMatrix(const std::vector<double>& e, int g, int d, KernelKind kind, double gamma) {
    std::vector<double> k(static_cast<size_t>(g) * g, 0.0);
    if (kind == KernelKind::Cosine) {
        // Each row is divided by its largest |component| first: the cosine does not change, and
        // neither the squares of huge components overflow nor those of tiny ones underflow to 0.
        std::vector<double> u(e.begin(), e.begin() + static_cast<std::ptrdiff_t>(g) * d);
        std::vector<double> inv(g, 0.0);
        for (int i = 0; i < g; ++i) {
            double* row = u.data() + static_cast<size_t>(i) * d;
            double peak = 0.0;
            for (int c = 0; c < d; ++c) peak = std::max(peak, std::fabs(row[c]));
            if (peak == 0.0) continue;  // zero vector -> zero row
            double n2 = 0.0;
            for (int c = 0; c < d; ++c) {
                row[c] /= peak;
                n2 += row[c] * row[c];
            }
            inv[i] = 1.0 / std::sqrt(n2);
        }
        for (int i = 0; i < g; ++i)
            for (int j = i; j < g; ++j) {
                double dot = 0.0;
                for (int c = 0; c < d; ++c) dot += u[static_cast<size_t>(i) * d + c] * u[static_cast<size_t>(j) * d + c];
                double v = std::clamp(dot * inv[i] * inv[j], -1.0, 1.0);
                if (i == j && inv[i] > 0.0) v = 1.0;  // exact unit diagonal
                k[static_cast<size_t>(i) * g + j] = k[static_cast<size_t>(j) * g + i] = v;
            }
    } else {
        for (int i = 0; i < g; ++i)
            for (int j = i; j < g; ++j) {
                double d2 = 0.0;
                for (int c = 0; c < d; ++c) {
                    const double diff = e[static_cast<size_t>(i) * d + c] - e[static_cast<size_t>(j) * d + c];
                    d2 += diff * diff;
                }
                k[static_cast<size_t>(i) * g + j] = k[static_cast<size_t>(j) * g + i] = std::exp(-gamma * d2);
            }
    }
    return k;
}

CoverageGame::CoverageGame(const std::vector<double>& r, const std::vector<double>& kernel, double beta)
    : m_g(static_cast<int>(r.size())), m_m(kernel.size()) {
    if (kernel.size() != r.size() * r.size()) throw std::invalid_argument("CoverageGame: kernel is not G x G");
    for (int i = 0; i < m_g; ++i)
        for (int j = 0; j < m_g; ++j)
            m_m[static_cast<size_t>(i) * m_g + j] =
                (i == j ? 1.0 : 0.0) + beta * r[i] * kernel[static_cast<size_t>(i) * m_g + j] * r[j];
}

double CoverageGame::value(const std::vector<int>& subset) const { return linalg::logdetSubset(m_m, m_g, subset); }

double CoverageGame::teamValue() const {
    std::vector<int> all(m_g);
    std::iota(all.begin(), all.end(), 0);
    return value(all);
}

namespace {

// Shapley weight of a coalition of size s not containing i: s! (G-s-1)! / G!.
std::vector<double> shapleyWeights(int g) {
    std::vector<double> w(std::max(g, 1));
    for (int s = 0; s < g; ++s) w[s] = std::exp(std::lgamma(s + 1.0) + std::lgamma(g - s + 0.0) - std::lgamma(g + 1.0));
    return w;
}

// φ from coverage values stored as a[S] = w(|S|-1) v(S) and b[S] = w(|S|) v(S):
// φ_i = Σ_{S∋i} w(|S|-1) v(S) - Σ_{S∌i} w(|S|) v(S). Sequential sweeps, G · 2^G additions.
std::vector<double> shapleyFromWeighted(const std::vector<double>& a, const std::vector<double>& b, int g) {
    std::vector<double> phi(g, 0.0);
    const size_t n = static_cast<size_t>(1) << g;
    for (int i = 0; i < g; ++i) {
        const size_t bit = static_cast<size_t>(1) << i;
        double with = 0.0, without = 0.0;
        for (size_t hi = 0; hi < n; hi += 2 * bit)
            for (size_t lo = 0; lo < bit; ++lo) {
                without += b[hi + lo];
                with += a[hi + lo + bit];
            }
        phi[i] = with - without;
    }
    return phi;
}

std::vector<double> shapleyFromValues(const std::vector<double>& v, int g) {
    const std::vector<double> w = shapleyWeights(g);
    std::vector<double> a(v.size(), 0.0), b(v.size(), 0.0);
    for (size_t mask = 0; mask < v.size(); ++mask) {
        const int s = __builtin_popcountll(mask);
        if (s > 0) a[mask] = w[s - 1] * v[mask];
        if (s < g) b[mask] = w[s] * v[mask];
    }
    return shapleyFromWeighted(a, b, g);
}

// Depth-first walk over all subsets in increasing index order. At a node S with largest index m,
// buffer[depth] holds the Schur complement C = M_RR - M_RS M_S^-1 M_SR for the candidates R > m;
// child S + j has pivot C_jj (v grows by log C_jj) and Schur complement C - c_j c_j^T / C_jj, a
// rank-1 update over the candidates after j. Total cost Σ_j 2^j (G-j)^2 / 2 = O(2^G).
struct SubsetWalker {
    int g;
    const std::vector<double>& w;  // Shapley weights
    std::vector<double>& a;
    std::vector<double>& b;
    std::vector<double> buffer;  // (G + 1) x G x G
    long jitterEvents = 0;

    double* level(int depth) { return &buffer[static_cast<size_t>(depth) * g * g]; }

    void record(uint32_t mask, int size, double v) {
        if (size > 0) a[mask] = w[size - 1] * v;
        if (size < g) b[mask] = w[size] * v;
    }

    void walk(int start, uint32_t mask, int depth, double logdet) {
        const double* c = level(depth);
        double* next = level(depth + 1);
        for (int j = start; j < g; ++j) {
            double pivot = c[j * g + j];
            if (!(pivot >= 1.0)) {  // see IncrementalCholesky: raise to the exact lower bound
                ++jitterEvents;
                pivot = 1.0;
            }
            const double v = logdet + std::log(pivot);
            const uint32_t child = mask | (1u << j);
            record(child, depth + 1, v);
            if (j + 1 >= g) continue;
            const double inv = 1.0 / pivot;
            const double* cj = c + j * g;
            for (int l = j + 1; l < g; ++l) {
                const double f = cj[l] * inv;
                const double* cl = c + l * g;
                double* nl = next + l * g;
                for (int m = l; m < g; ++m) nl[m] = cl[m] - f * cj[m];
                for (int m = l + 1; m < g; ++m) next[m * g + l] = nl[m];
            }
            walk(j + 1, child, depth + 1, v);
        }
    }
};

void checkExactSize(int g) {
    if (g > kMaxExactGroupSize) {
        std::ostringstream os;
        os << "exact Shapley credit supports at most " << kMaxExactGroupSize << " rollouts per group, got " << g
           << "; use the permutation estimator";
        throw std::invalid_argument(os.str());
    }
}

std::vector<int> sampleOrdering(int g, int sample, std::mt19937_64& rng, const std::vector<int>& previous) {
    if (sample % 2 == 1) return std::vector<int>(previous.rbegin(), previous.rend());  // antithetic pair
    std::vector<int> p(g);
    std::iota(p.begin(), p.end(), 0);
    for (int i = g - 1; i > 0; --i) {  // Fisher-Yates with an explicit, portable draw
        const int j = static_cast<int>(rng() % static_cast<uint64_t>(i + 1));
        std::swap(p[i], p[j]);
    }
    return p;
}

// Players i and j are interchangeable when swapping them leaves M unchanged; their Shapley values
// are then equal. The Monte Carlo estimate is averaged over each such class, which keeps Σφ = R and
// removes sampling noise between exact duplicates (identical rollouts get identical credit).
void averageInterchangeable(const CoverageGame& game, std::vector<double>& phi) {
    const int g = game.size();
    std::vector<int> cls(g, -1);
    auto same = [&](int i, int j) {
        const double tol = 1e-12 * std::max(1.0, std::abs(game.m(i, i)));
        if (std::abs(game.m(i, i) - game.m(j, j)) > tol) return false;
        for (int k = 0; k < g; ++k)
            if (k != i && k != j && std::abs(game.m(i, k) - game.m(j, k)) > tol) return false;
        return true;
    };
    for (int i = 0; i < g; ++i) {
        if (cls[i] >= 0) continue;
        cls[i] = i;
        std::vector<int> members{i};
        for (int j = i + 1; j < g; ++j)
            if (cls[j] < 0 && same(i, j)) {
                cls[j] = i;
                members.push_back(j);
            }
        if (members.size() < 2) continue;
        double mean = 0.0;
        for (int m : members) mean += phi[m];
        mean /= members.size();
        for (int m : members) phi[m] = mean;
    }
}

// Adds each player's marginal coverage along `order` to phi, every prefix factorized from scratch
// (the naive references).
void addMarginalsFromScratch(const CoverageGame& game, const std::vector<int>& order, std::vector<double>& phi) {
    std::vector<int> prefix;
    double before = 0.0;
    for (int k : order) {
        prefix.push_back(k);
        const double after = game.value(prefix);
        phi[k] += after - before;
        before = after;
    }
}

}  // namespace

std::vector<double> shapleyExact(const CoverageGame& game, long* jitterEvents) {
    const int g = game.size();
    checkExactSize(g);
    const std::vector<double> w = shapleyWeights(g);
    const size_t n = static_cast<size_t>(1) << g;
    std::vector<double> a(n, 0.0), b(n, 0.0);
    SubsetWalker walker{g, w, a, b, std::vector<double>(static_cast<size_t>(g + 1) * g * g, 0.0)};
    std::copy(game.matrix().begin(), game.matrix().end(), walker.level(0));
    walker.record(0u, 0, 0.0);
    walker.walk(0, 0u, 0, 0.0);
    if (jitterEvents) *jitterEvents += walker.jitterEvents;
    return shapleyFromWeighted(a, b, g);
}

std::vector<double> shapleyExactNaive(const CoverageGame& game) {
    const int g = game.size();
    checkExactSize(g);
    std::vector<double> v(static_cast<size_t>(1) << g, 0.0);
    std::vector<int> idx;
    for (uint32_t mask = 1; mask < (1u << g); ++mask) {
        idx.clear();
        for (int i = 0; i < g; ++i)
            if (mask & (1u << i)) idx.push_back(i);
        v[mask] = game.value(idx);
    }
    return shapleyFromValues(v, g);
}

std::vector<double> shapleyPermutation(const CoverageGame& game, int samples, uint64_t seed, long* jitterEvents) {
    const int g = game.size();
    if (samples < 1) throw std::invalid_argument("samples must be at least 1");
    std::mt19937_64 rng(seed);
    std::vector<double> phi(g, 0.0), col(std::max(g, 1));
    IncrementalCholesky chol(std::max(g, 1));
    std::vector<int> p;
    for (int s = 0; s < samples; ++s) {
        p = sampleOrdering(g, s, rng, p);
        chol.clear();
        for (int k = 0; k < g; ++k) {
            for (int a = 0; a < k; ++a) col[a] = game.m(p[a], p[k]);
            phi[p[k]] += chol.push(col.data(), game.m(p[k], p[k]));
        }
    }
    for (double& x : phi) x /= samples;
    averageInterchangeable(game, phi);
    if (jitterEvents) *jitterEvents += chol.jitterEvents();
    return phi;
}

std::vector<double> shapleyPermutationNaive(const CoverageGame& game, int samples, uint64_t seed) {
    const int g = game.size();
    std::mt19937_64 rng(seed);
    std::vector<double> phi(g, 0.0);
    std::vector<int> p;
    for (int s = 0; s < samples; ++s) {
        p = sampleOrdering(g, s, rng, p);
        addMarginalsFromScratch(game, p, phi);
    }
    for (double& x : phi) x /= samples;
    averageInterchangeable(game, phi);
    return phi;
}

std::vector<double> shapleyAllOrderings(const CoverageGame& game) {
    const int g = game.size();
    if (g > 9) throw std::invalid_argument("shapleyAllOrderings: G! orderings only up to G = 9");
    std::vector<int> p(g);
    std::iota(p.begin(), p.end(), 0);
    std::vector<double> phi(g, 0.0);
    double count = 0.0;
    do {
        addMarginalsFromScratch(game, p, phi);
        count += 1.0;
    } while (std::next_permutation(p.begin(), p.end()));
    for (double& x : phi) x /= count;
    return phi;
}

std::vector<double> leaveOneOut(const CoverageGame& game, long* jitterEvents) {
    const int g = game.size();
    IncrementalCholesky chol(std::max(g, 1));
    std::vector<double> col(std::max(g, 1));
    for (int k = 0; k < g; ++k) {
        for (int a = 0; a < k; ++a) col[a] = game.m(a, k);
        chol.push(col.data(), game.m(k, k));
    }
    if (jitterEvents) *jitterEvents += chol.jitterEvents();
    // (M^-1)_ii = Σ_k (L^-1)_{k i}^2; column i of L^-1 by forward substitution.
    std::vector<double> loo(g, 0.0), x(g);
    for (int i = 0; i < g; ++i) {
        double sum = 0.0;
        for (int k = 0; k < g; ++k) {
            if (k < i) {
                x[k] = 0.0;
                continue;
            }
            double s = (k == i) ? 1.0 : 0.0;
            for (int j = i; j < k; ++j) s -= chol.factor(k, j) * x[j];
            x[k] = s / chol.factor(k, k);
            sum += x[k] * x[k];
        }
        loo[i] = -std::log(sum);  // log det M - log det M_{-i}
    }
    return loo;
}

double sampleStd(const std::vector<double>& x) {
    const size_t g = x.size();
    if (g <= 1) return 0.0;
    const double mean = std::accumulate(x.begin(), x.end(), 0.0) / g;
    double ss = 0.0;
    for (double xi : x) ss += (xi - mean) * (xi - mean);
    return std::sqrt(ss / (g - 1));
}

std::vector<double> normalizeGroup(const std::vector<double>& x, bool scaleByStd) {
    const size_t g = x.size();
    std::vector<double> out(g, 0.0);
    if (g <= 1) return out;
    const double mean = std::accumulate(x.begin(), x.end(), 0.0) / g;
    const double sd = sampleStd(x);
    for (size_t i = 0; i < g; ++i) {
        double c = x[i] - mean;
        if (std::abs(c) < 1e-12 * std::max(1.0, std::abs(mean))) c = 0.0;  // identical values: exactly zero
        out[i] = scaleByStd ? c / (sd + kStdEpsilon) : c;
    }
    return out;
}

std::vector<double> grpoAdvantages(const std::vector<double>& rewards, bool scaleByStd) {
    return normalizeGroup(rewards, scaleByStd);
}

std::string creditCostProblem(int g, CreditEstimator estimator, int samples) {
    if (g > kMaxGroupSize)
        return "a group holds at most " + std::to_string(kMaxGroupSize) + " rollouts, got G = " + std::to_string(g);
    if (estimator == CreditEstimator::Exact && g > kMaxExactGroupSize)
        return "exact credit supports G <= " + std::to_string(kMaxExactGroupSize) + ", got G = " + std::to_string(g) +
               "; use \"permutation\"";
    if (estimator == CreditEstimator::Permutation) {
        if (samples < 1 || samples > kMaxPermutationSamples)
            return "samples must be in [1, " + std::to_string(kMaxPermutationSamples) + "], got " + std::to_string(samples);
        const double work = static_cast<double>(samples) * g * g * g;
        if (work > kMaxPermutationWork) {
            std::ostringstream os;
            os << "samples x G^3 = " << work << " exceeds the limit " << kMaxPermutationWork << " (at G = " << g
               << " use at most " << static_cast<long long>(kMaxPermutationWork / (static_cast<double>(g) * g * g))
               << " samples)";
            return os.str();
        }
    }
    return "";
}

std::vector<double> gcpoAdvantages(const std::vector<double>& credit, const std::vector<double>& grpoAdvantage,
                                   double accuracyWeight, bool scaleByStd) {
    const std::vector<double> nphi = normalizeGroup(credit, scaleByStd);
    std::vector<double> out(nphi.size());
    for (size_t i = 0; i < nphi.size(); ++i) out[i] = (1.0 - accuracyWeight) * nphi[i] + accuracyWeight * grpoAdvantage[i];
    return out;
}

CreditResult shapleyCredit(const std::vector<double>& rewards, const std::vector<double>& embeddings, int dim,
                           const CreditConfig& cfg) {
    const int g = static_cast<int>(rewards.size());
    auto fail = [](const std::string& msg) { throw std::invalid_argument(msg); };
    if (g < 1) fail("rewards: a group needs at least one rollout (G = 0)");
    if (dim < 1) fail("embeddings: dimension must be at least 1");
    if (embeddings.size() != static_cast<size_t>(g) * dim) fail("embeddings: expected G x d values");
    for (int i = 0; i < g; ++i)
        if (!std::isfinite(rewards[i]) || rewards[i] < 0.0 || rewards[i] > 1.0)
            fail("rewards[" + std::to_string(i) + "] must be a finite number in [0, 1]");
    for (size_t k = 0; k < embeddings.size(); ++k)
        if (!std::isfinite(embeddings[k]))
            fail("embeddings[" + std::to_string(k / dim) + "][" + std::to_string(k % dim) + "] is not finite");
    auto range = [](double lo, double hi) {
        std::ostringstream os;
        os << "[" << lo << ", " << hi << "]";
        return os.str();
    };
    if (!(cfg.rbfGamma >= kMinRbfGamma && cfg.rbfGamma <= kMaxRbfGamma))
        fail("rbf_gamma must be in " + range(kMinRbfGamma, kMaxRbfGamma));
    if (!(cfg.volumeScale >= kMinVolumeScale && cfg.volumeScale <= kMaxVolumeScale))
        fail("volume_scale must be in " + range(kMinVolumeScale, kMaxVolumeScale));
    if (!(cfg.accuracyWeight >= 0.0 && cfg.accuracyWeight <= 1.0)) fail("accuracy_weight must be in [0, 1]");
    if (const std::string cost = creditCostProblem(g, cfg.estimator, cfg.samples); !cost.empty()) fail(cost);

    CreditResult res;
    const CoverageGame game(rewards, kernelMatrix(embeddings, g, dim, cfg.kernel, cfg.rbfGamma), cfg.volumeScale);
    switch (cfg.estimator) {
    case CreditEstimator::Exact: res.credit = shapleyExact(game, &res.jitterEvents); break;
    case CreditEstimator::Permutation: res.credit = shapleyPermutation(game, cfg.samples, cfg.seed, &res.jitterEvents); break;
    case CreditEstimator::LeaveOneOut: res.credit = leaveOneOut(game, &res.jitterEvents); break;
    }
    res.teamReward = game.teamValue();
    return res;
}

CreditResult computeCredit(const std::vector<double>& rewards, const std::vector<double>& embeddings, int dim,
                           const CreditConfig& cfg) {
    CreditResult res = shapleyCredit(rewards, embeddings, dim, cfg);
    res.grpoAdvantage = grpoAdvantages(rewards, cfg.scaleByStd);
    res.advantage = gcpoAdvantages(res.credit, res.grpoAdvantage, cfg.accuracyWeight, cfg.scaleByStd);
    const int g = static_cast<int>(rewards.size());
    bool finite = std::isfinite(res.teamReward);
    for (int i = 0; i < g; ++i) finite = finite && std::isfinite(res.credit[i]) && std::isfinite(res.advantage[i]);
    if (!finite)
        throw std::invalid_argument("credit: the result is not finite for this group (team reward " +
                                    std::to_string(res.teamReward) + ")");
    return res;
}

}  // namespace gcpo::rl
