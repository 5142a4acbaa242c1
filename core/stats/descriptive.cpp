// Mean, standard deviation and Student-t intervals (see descriptive.h).
#include "stats/descriptive.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace gcpo::stats {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Continued fraction of I_x(a, b) (modified Lentz), valid for x < (a + 1) / (a + b + 2).
double betaContinuedFraction(double x, double a, double b) {
    constexpr double kTiny = 1e-300, kEps = 1e-15;
    double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
    if (std::fabs(d) < kTiny) d = kTiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 1000; ++m) {
        const double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
        d = 1.0 + aa * d;
        c = 1.0 + aa / c;
        if (std::fabs(d) < kTiny) d = kTiny;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
        d = 1.0 + aa * d;
        c = 1.0 + aa / c;
        if (std::fabs(d) < kTiny) d = kTiny;
        if (std::fabs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        const double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1.0) < kEps) break;
    }
    return h;
}
}  // namespace

double incompleteBeta(double x, double a, double b) {
    if (!(a > 0.0) || !(b > 0.0)) throw std::invalid_argument("incompleteBeta: a and b must be positive");
    if (!(x >= 0.0 && x <= 1.0)) throw std::invalid_argument("incompleteBeta: x must lie in [0, 1]");
    if (x == 0.0 || x == 1.0) return x;
    const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
    if (x < (a + 1.0) / (a + b + 2.0)) return front * betaContinuedFraction(x, a, b) / a;
    return 1.0 - front * betaContinuedFraction(1.0 - x, b, a) / b;
}

double studentTCdf(double t, double df) {
    if (!(df > 0.0)) throw std::invalid_argument("studentTCdf: degrees of freedom must be positive");
    if (std::isnan(t)) return kNaN;
    if (std::isinf(t)) return t > 0 ? 1.0 : 0.0;
    const double tail = 0.5 * incompleteBeta(df / (df + t * t), 0.5 * df, 0.5);  // P(T > |t|)
    return t >= 0.0 ? 1.0 - tail : tail;
}

double studentTQuantile(double p, double df) {
    if (!(p > 0.0 && p < 1.0)) throw std::invalid_argument("studentTQuantile: p must lie in (0, 1)");
    if (!(df > 0.0)) throw std::invalid_argument("studentTQuantile: degrees of freedom must be positive");
    if (p < 0.5) return -studentTQuantile(1.0 - p, df);
    double lo = 0.0, hi = 1.0;
    while (studentTCdf(hi, df) < p) hi *= 2.0;
    for (int i = 0; i < 200 && hi - lo > 1e-13 * (1.0 + hi); ++i) {
        const double mid = 0.5 * (lo + hi);
        (studentTCdf(mid, df) < p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

double mean(const std::vector<double>& v) {
    if (v.empty()) return kNaN;
    double s = 0.0;
    for (double x : v) s += x;
    return s / static_cast<double>(v.size());
}

double sampleStd(const std::vector<double>& v) {
    if (v.size() < 2) return kNaN;
    const double m = mean(v);
    double ss = 0.0;
    for (double x : v) ss += (x - m) * (x - m);
    return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

Summary summarize(const std::vector<double>& values, double confidence) {
    if (!(confidence > 0.0 && confidence < 1.0))
        throw std::invalid_argument("summarize: confidence must lie in (0, 1), got " + std::to_string(confidence));
    for (double x : values)
        if (std::isnan(x)) throw std::invalid_argument("summarize: a value is NaN");
    Summary s;
    s.n = static_cast<int>(values.size());
    s.mean = mean(values);
    s.std = sampleStd(values);
    if (s.n < 2) {
        s.ciLow = s.ciHigh = kNaN;
        return s;
    }
    const double half = studentTQuantile(0.5 * (1.0 + confidence), s.n - 1) * s.std / std::sqrt(double(s.n));
    s.ciLow = s.mean - half;
    s.ciHigh = s.mean + half;
    return s;
}

}  // namespace gcpo::stats
