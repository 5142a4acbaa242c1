// Bootstrap and sign-flip permutation statistics (see resampling.h).
#include "stats/resampling.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>

#include "stats/descriptive.h"

namespace gcpo::stats {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// An index in [0, n) from 53 random bits: the same on every standard library.
size_t drawIndex(std::mt19937_64& rng, size_t n) {
    const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
    return std::min(n - 1, static_cast<size_t>(u * static_cast<double>(n)));
}

void requireFinite(const std::vector<double>& v, const char* what) {
    for (double x : v)
        if (!std::isfinite(x)) throw std::invalid_argument(std::string(what) + ": a value is not finite");
}
}  // namespace

double quantileSorted(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return kNaN;
    if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("quantile: p must lie in [0, 1]");
    const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
    const size_t lo = static_cast<size_t>(std::floor(h));
    const size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

std::vector<double> bootstrapMeans(const std::vector<double>& values, int resamples, uint64_t seed) {
    if (resamples < 1) throw std::invalid_argument("bootstrap: resamples must be at least 1");
    requireFinite(values, "bootstrap");
    std::vector<double> out;
    if (values.empty()) return out;
    std::mt19937_64 rng(seed);
    out.reserve(static_cast<size_t>(resamples));
    const size_t n = values.size();
    for (int r = 0; r < resamples; ++r) {
        double s = 0.0;
        for (size_t i = 0; i < n; ++i) s += values[drawIndex(rng, n)];
        out.push_back(s / static_cast<double>(n));
    }
    return out;
}

Interval bootstrapMeanCi(const std::vector<double>& values, double confidence, int resamples, uint64_t seed) {
    if (!(confidence > 0.0 && confidence < 1.0)) throw std::invalid_argument("bootstrap: confidence must lie in (0, 1)");
    if (values.empty()) return {kNaN, kNaN};
    std::vector<double> means = bootstrapMeans(values, resamples, seed);
    std::sort(means.begin(), means.end());
    return {quantileSorted(means, 0.5 * (1.0 - confidence)), quantileSorted(means, 0.5 * (1.0 + confidence))};
}

SignFlipResult signFlipTest(const std::vector<double>& d, int exactMaxN, int draws, uint64_t seed) {
    requireFinite(d, "sign-flip test");
    if (exactMaxN > 30) throw std::invalid_argument("sign-flip test: exactMaxN above 30 would enumerate over 2^30 patterns");
    if (draws < 1) throw std::invalid_argument("sign-flip test: draws must be at least 1");
    SignFlipResult r;
    const size_t n = d.size();
    double observed = 0.0, scale = 0.0;
    for (double x : d) observed += x, scale += std::fabs(x);
    if (n == 0 || scale == 0.0) {
        r.patterns = n == 0 ? 1 : int64_t(1) << std::min<size_t>(n, 62);
        return r;  // p = 1: nothing differs
    }
    const double threshold = std::fabs(observed) - 1e-9 * scale;
    if (static_cast<int>(n) <= exactMaxN) {
        const uint64_t total = uint64_t(1) << n;
        uint64_t hits = 0;
        for (uint64_t mask = 0; mask < total; ++mask) {
            double s = 0.0;
            for (size_t i = 0; i < n; ++i) s += (mask >> i & 1u) ? -d[i] : d[i];
            if (std::fabs(s) >= threshold) ++hits;
        }
        r.pValue = static_cast<double>(hits) / static_cast<double>(total);
        r.patterns = static_cast<int64_t>(total);
        return r;
    }
    std::mt19937_64 rng(seed);
    int64_t hits = 0;
    for (int k = 0; k < draws; ++k) {
        double s = 0.0;
        uint64_t bits = 0;
        for (size_t i = 0; i < n; ++i) {
            if (i % 64 == 0) bits = rng();
            s += (bits >> (i % 64) & 1u) ? -d[i] : d[i];
        }
        if (std::fabs(s) >= threshold) ++hits;
    }
    r.exact = false;
    r.patterns = draws;
    r.pValue = static_cast<double>(1 + hits) / static_cast<double>(1 + draws);
    return r;
}

PairedComparison comparePaired(const std::vector<double>& a, const std::vector<double>& b, const PairedOptions& o) {
    if (a.size() != b.size())
        throw std::invalid_argument("paired comparison: " + std::to_string(a.size()) + " values against " +
                                    std::to_string(b.size()));
    std::vector<double> d(a.size());
    for (size_t i = 0; i < a.size(); ++i) d[i] = b[i] - a[i];
    requireFinite(d, "paired comparison");
    PairedComparison c;
    const Summary s = summarize(d, o.confidence);
    c.n = s.n;
    c.deltaMean = s.mean;
    c.deltaStd = s.std;
    c.tCiLow = s.ciLow;
    c.tCiHigh = s.ciHigh;
    const Interval ci = bootstrapMeanCi(d, o.confidence, o.resamples, o.seed);
    c.ciLow = ci.low;
    c.ciHigh = ci.high;
    const SignFlipResult p = signFlipTest(d, o.exactMaxN, o.draws, o.seed ^ 0x5eedull);
    c.pValue = p.pValue;
    c.exactP = p.exact;
    return c;
}

}  // namespace gcpo::stats
