// Functions the regression needs: the logistic function, normal and chi-square tails.
#pragma once

#include <cmath>

namespace cl::stats {

/// 1 / (1 + e^-x), without overflow for large negative x.
inline double sigmoid(double x)
{
    if (x >= 0)
        return 1.0 / (1.0 + std::exp(-x));
    const double e = std::exp(x);
    return e / (1.0 + e);
}

/// P(Z > z) for a standard normal Z.
double normalSf(double z);
/// Two-sided p-value of a z statistic, P(|Z| > |z|).
double twoSidedP(double z);
/// 0.975 quantile of the standard normal (95% two-sided intervals).
constexpr double kZ975 = 1.959963984540054;
/// P(X > x) for X chi-square with `df` degrees of freedom (regularised upper gamma).
double chiSquareSf(double x, double df);

} // namespace cl::stats
