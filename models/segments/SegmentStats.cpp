// Wilson interval and the maximum-likelihood beta-binomial prior (Nelder-Mead).
#include "SegmentStats.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

namespace cl {

namespace {

constexpr double kMaxConcentration = 1e9;
constexpr double kMinConcentration = 1e-3;

} // namespace

std::pair<double, double> SegmentStats::wilson(qint64 successes, qint64 trials, double z)
{
    if (trials <= 0)
        return {0.0, 0.0};
    const double n = double(trials);
    const double p = double(successes) / n;
    const double z2 = z * z;
    const double denom = 1.0 + z2 / n;
    const double centre = (p + z2 / (2.0 * n)) / denom;
    const double half = z * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom;
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

double SegmentStats::betaBinomialLogLik(double alpha, double beta,
                                        const std::vector<qint64> &successes,
                                        const std::vector<qint64> &trials)
{
    const double lbetaPrior = std::lgamma(alpha) + std::lgamma(beta) - std::lgamma(alpha + beta);
    double sum = 0;
    for (size_t i = 0; i < successes.size(); ++i) {
        const double y = double(successes[i]);
        const double n = double(trials[i]);
        sum += std::lgamma(alpha + y) + std::lgamma(beta + n - y) - std::lgamma(alpha + beta + n) -
               lbetaPrior;
    }
    return sum;
}

BetaPrior SegmentStats::fitBetaPrior(const std::vector<qint64> &listedSuccesses,
                                     const std::vector<qint64> &listedTrials)
{
    // The fit sums over the pairs in one canonical order, so that the same segments listed in
    // another order (a warehouse numbers a column's levels its own way) give the same prior to
    // the last bit, and so the same printed rates.
    std::vector<std::pair<qint64, qint64>> pairs;
    pairs.reserve(listedTrials.size());
    for (size_t i = 0; i < listedTrials.size(); ++i)
        pairs.emplace_back(listedTrials[i], listedSuccesses[i]);
    std::sort(pairs.begin(), pairs.end());
    std::vector<qint64> successes, trials;
    successes.reserve(pairs.size());
    trials.reserve(pairs.size());
    for (const auto &[n, y] : pairs) {
        trials.push_back(n);
        successes.push_back(y);
    }
    BetaPrior prior;
    prior.method =
        QStringLiteral(QT_TRANSLATE_NOOP("cl::SegmentStats", "maximum likelihood concentration "
                                                             "(beta-binomial), mean fixed at the "
                                                             "population rate"));
    double totalY = 0, totalN = 0;
    for (size_t i = 0; i < trials.size(); ++i) {
        totalY += double(successes[i]);
        totalN += double(trials[i]);
    }
    // A pooled rate of 0 or 1 has no interior maximum; the raw rates are then kept.
    if (trials.size() < 2 || totalN <= 0 || totalY <= 0 || totalY >= totalN)
        return prior;

    const double mu0 = totalY / totalN;

    // The prior's mean is the population rate; only its concentration is fitted. Fitting the
    // mean too weighted every segment alike, so a few dozen small segments of 2 of 3 pulled
    // it to 19.3% by age band where the population subscribes at 11.3%, and every segment
    // was shrunk toward a rate nobody has.
    const double mu = mu0;
    const double logMin = std::log(kMinConcentration), logMax = std::log(kMaxConcentration);
    auto negLogLik = [&](double logS) {
        const double s = std::exp(logS);
        return -betaBinomialLogLik(mu * s, (1 - mu) * s, successes, trials);
    };
    // A grid finds the basin (the likelihood can be flat toward the cap), golden section the
    // optimum within it.
    constexpr int kGrid = 240;
    int best = 0;
    double bestValue = 1e300;
    for (int i = 0; i <= kGrid; ++i) {
        const double v = negLogLik(logMin + (logMax - logMin) * i / kGrid);
        if (v < bestValue) {
            bestValue = v;
            best = i;
        }
    }
    const double step = (logMax - logMin) / kGrid;
    double lo = std::max(logMin, logMin + step * (best - 1));
    double hi = std::min(logMax, logMin + step * (best + 1));
    const double golden = (std::sqrt(5.0) - 1) / 2;
    double c = hi - golden * (hi - lo), d = lo + golden * (hi - lo);
    double fc = negLogLik(c), fd = negLogLik(d);
    for (int iter = 0; iter < 200 && hi - lo > 1e-12; ++iter) {
        if (fc < fd) {
            hi = d;
            d = c;
            fd = fc;
            c = hi - golden * (hi - lo);
            fc = negLogLik(c);
        } else {
            lo = c;
            c = d;
            fc = fd;
            d = lo + golden * (hi - lo);
            fd = negLogLik(d);
        }
    }
    const double s = std::exp((lo + hi) / 2);
    prior.alpha = mu * s;
    prior.beta = (1 - mu) * s;
    prior.fitted = true;
    return prior;
}

} // namespace cl
