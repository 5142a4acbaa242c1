// Resampling statistics over seeds: the percentile bootstrap CI of a mean, the sign-flip
// permutation test of paired differences, and the paired comparison of two arms by seed.
// Seeded and deterministic: the same inputs and seed give the same numbers on every platform
// (std::mt19937_64 with an explicit index mapping, no std distributions).
#pragma once

#include <cstdint>
#include <vector>

namespace gcpo::stats {

// Quantile of `sorted` (ascending) at p in [0, 1], linear interpolation between order statistics
// (Hyndman & Fan type 7, R's default). NaN for an empty vector.
double quantileSorted(const std::vector<double>& sorted, double p);

// The `resamples` means of bootstrap resamples (n draws with replacement) of `values`.
std::vector<double> bootstrapMeans(const std::vector<double>& values, int resamples, uint64_t seed);

struct Interval {
    double low = 0.0;
    double high = 0.0;
};
// Percentile bootstrap CI of the mean: the (1-c)/2 and (1+c)/2 quantiles of bootstrapMeans. NaN
// bounds for an empty vector; for n = 1 the interval is the value itself.
Interval bootstrapMeanCi(const std::vector<double>& values, double confidence = 0.95, int resamples = 10000,
                         uint64_t seed = 0x9e3779b97f4a7c15ull);

struct SignFlipResult {
    double pValue = 1.0;
    bool exact = true;     // every one of the 2^n sign patterns enumerated
    int64_t patterns = 0;  // patterns evaluated (2^n, or the Monte Carlo draws)
};
// Two-sided sign-flip permutation test of H0 "the paired differences are symmetric about 0":
// the statistic is |Σ d_i|; the p-value is the share of sign patterns with |Σ ±d_i| >= |Σ d_i|
// (ties within 1e-9 relative count as >=). Exact enumeration when n <= exactMaxN, otherwise
// `draws` random patterns and p = (1 + hits) / (1 + draws). p = 1 for n = 0 or all d = 0.
SignFlipResult signFlipTest(const std::vector<double>& differences, int exactMaxN = 20, int draws = 100000,
                            uint64_t seed = 0x5eed5eed5eedull);

struct PairedComparison {
    int n = 0;               // pairs (seeds present in both arms)
    double deltaMean = 0.0;  // mean of b - a
    double deltaStd = 0.0;   // sample std of b - a
    double ciLow = 0.0;      // paired bootstrap percentile CI of deltaMean
    double ciHigh = 0.0;
    double tCiLow = 0.0;  // t-based CI of deltaMean, for reference
    double tCiHigh = 0.0;
    double pValue = 1.0;  // sign-flip permutation test
    bool exactP = true;
};
struct PairedOptions {
    double confidence = 0.95;
    int resamples = 10000;
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    int exactMaxN = 20;
    int draws = 100000;
};
// b[i] - a[i] for pairs i (same seed): a and b must have the same length (std::invalid_argument).
PairedComparison comparePaired(const std::vector<double>& a, const std::vector<double>& b, const PairedOptions& options = {});

}  // namespace gcpo::stats
