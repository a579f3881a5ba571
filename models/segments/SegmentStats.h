// Statistics of segment rates: Wilson interval and the empirical-Bayes beta-binomial prior.
#pragma once

#include "SegmentResult.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace cl {

/// Pure statistics used by SegmentEngine; stateless and thread-safe.
class SegmentStats
{
public:
    /// Two-sided 95% normal quantile, as scipy.stats.norm.isf(0.025).
    static constexpr double kZ95 = 1.959963984540054;

    /**
     * Wilson score interval for `successes` of `trials` (as statsmodels'
     * proportion_confint(method="wilson")). {0, 0} for 0 trials.
     */
    static std::pair<double, double> wilson(qint64 successes, qint64 trials, double z = kZ95);

    /**
     * Fits a beta prior to (successes, trials) pairs: its mean is the pooled rate (shrinkage
     * toward the population, not toward the average of segment rates, which small extreme
     * segments pull away), its concentration maximises the beta-binomial likelihood (a grid
     * and golden section on log-concentration). When the data show no over-dispersion the
     * concentration runs to its cap (1e9): the posterior means then equal the pooled rate. Not
     * fitted with fewer than 2 pairs or no trials.
     */
    static BetaPrior fitBetaPrior(const std::vector<qint64> &successes,
                                  const std::vector<qint64> &trials);

    /// Beta-binomial log-likelihood without the binomial coefficients.
    static double betaBinomialLogLik(double alpha, double beta,
                                     const std::vector<qint64> &successes,
                                     const std::vector<qint64> &trials);
};

} // namespace cl
