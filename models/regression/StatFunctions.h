// Distribution functions the regression reports need: normal and chi-square tails.
#pragma once

namespace cl::stats {

/// P(Z > z) for a standard normal Z.
double normalSf(double z);
/// Two-sided p-value of a z statistic, P(|Z| > |z|).
double twoSidedP(double z);
/// 0.975 quantile of the standard normal (95% two-sided intervals).
constexpr double kZ975 = 1.959963984540054;
/// P(X > x) for X chi-square with `df` degrees of freedom (regularised upper gamma).
double chiSquareSf(double x, double df);

} // namespace cl::stats
