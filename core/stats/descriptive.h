// Descriptive statistics over seeds: mean, sample standard deviation, Student-t quantiles and the
// t-based confidence interval of a mean. Plain C++ (no LibTorch, no Qt).
#pragma once

#include <vector>

namespace gcpo::stats {

// n, mean, sample standard deviation (n - 1 in the denominator) and the t-based CI of the mean:
// mean ± t_{n-1, (1+confidence)/2} · std / sqrt(n). Undefined parts are NaN: everything for n = 0,
// std and the CI for n = 1. NaN inputs are not allowed (std::invalid_argument).
struct Summary {
    int n = 0;
    double mean = 0.0;
    double std = 0.0;
    double ciLow = 0.0;
    double ciHigh = 0.0;
};
Summary summarize(const std::vector<double>& values, double confidence = 0.95);

double mean(const std::vector<double>& values);       // NaN for an empty vector
double sampleStd(const std::vector<double>& values);  // NaN for fewer than 2 values

// P(T <= t) for Student's t with `df` > 0 degrees of freedom (through the regularized incomplete
// beta function), and its inverse for 0 < p < 1 (bisection to ~1e-12).
double studentTCdf(double t, double df);
double studentTQuantile(double p, double df);

// Regularized incomplete beta I_x(a, b), a, b > 0, 0 <= x <= 1 (continued fraction, Lentz).
double incompleteBeta(double x, double a, double b);

}  // namespace gcpo::stats
