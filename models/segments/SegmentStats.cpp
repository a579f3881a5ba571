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

/// Nelder-Mead in two dimensions; returns the best point found.
std::array<double, 2> nelderMead(const std::function<double(const std::array<double, 2> &)> &f,
                                 std::array<double, 2> start, double step)
{
    using P = std::array<double, 2>;
    std::array<P, 3> x = {start, P{start[0] + step, start[1]}, P{start[0], start[1] + step}};
    std::array<double, 3> fx = {f(x[0]), f(x[1]), f(x[2])};
    for (int iter = 0; iter < 5000; ++iter) {
        std::array<int, 3> order = {0, 1, 2};
        std::sort(order.begin(), order.end(), [&](int a, int b) { return fx[a] < fx[b]; });
        const int best = order[0], mid = order[1], worst = order[2];
        const double spread = std::fabs(fx[worst] - fx[best]);
        const double size =
            std::max(std::fabs(x[worst][0] - x[best][0]), std::fabs(x[worst][1] - x[best][1]));
        if (spread <= 1e-13 * (1.0 + std::fabs(fx[best])) && size < 1e-9)
            break;
        const P centroid = {(x[best][0] + x[mid][0]) / 2, (x[best][1] + x[mid][1]) / 2};
        auto along = [&](double t) {
            return P{centroid[0] + t * (x[worst][0] - centroid[0]),
                     centroid[1] + t * (x[worst][1] - centroid[1])};
        };
        const P r = along(-1.0);
        const double fr = f(r);
        if (fr < fx[best]) {
            const P e = along(-2.0);
            const double fe = f(e);
            if (fe < fr) {
                x[worst] = e;
                fx[worst] = fe;
            } else {
                x[worst] = r;
                fx[worst] = fr;
            }
        } else if (fr < fx[mid]) {
            x[worst] = r;
            fx[worst] = fr;
        } else {
            const bool outside = fr < fx[worst];
            const P c = along(outside ? -0.5 : 0.5);
            const double fc = f(c);
            if (fc < (outside ? fr : fx[worst])) {
                x[worst] = c;
                fx[worst] = fc;
            } else {
                for (int i : {mid, worst}) {
                    x[i] = P{(x[i][0] + x[best][0]) / 2, (x[i][1] + x[best][1]) / 2};
                    fx[i] = f(x[i]);
                }
            }
        }
    }
    const int best = int(std::min_element(fx.begin(), fx.end()) - fx.begin());
    return x[size_t(best)];
}

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

BetaPrior SegmentStats::fitBetaPrior(const std::vector<qint64> &successes,
                                     const std::vector<qint64> &trials)
{
    BetaPrior prior;
    prior.method = QStringLiteral("maximum likelihood (beta-binomial)");
    double totalY = 0, totalN = 0;
    for (size_t i = 0; i < trials.size(); ++i) {
        totalY += double(successes[i]);
        totalN += double(trials[i]);
    }
    // A pooled rate of 0 or 1 has no interior maximum; the raw rates are then kept.
    if (trials.size() < 2 || totalN <= 0 || totalY <= 0 || totalY >= totalN)
        return prior;

    // Moment start: weighted variance of the rates against the binomial variance.
    const double mu0 = totalY / totalN;
    double var = 0;
    for (size_t i = 0; i < trials.size(); ++i) {
        const double p = double(successes[i]) / double(trials[i]);
        var += double(trials[i]) * (p - mu0) * (p - mu0);
    }
    var /= totalN;
    double s0 = var > 0 ? mu0 * (1 - mu0) / var - 1.0 : 1e4;
    s0 = std::clamp(s0, 1.0, 1e6);

    const double logMin = std::log(kMinConcentration), logMax = std::log(kMaxConcentration);
    auto negLogLik = [&](const std::array<double, 2> &x) {
        const double mu = 1.0 / (1.0 + std::exp(-x[0]));
        const double s = std::exp(std::clamp(x[1], logMin, logMax));
        const double a = mu * s, b = (1 - mu) * s;
        if (!(a > 0) || !(b > 0))
            return 1e300;
        return -betaBinomialLogLik(a, b, successes, trials);
    };
    std::array<double, 2> x = {std::log(mu0 / (1 - mu0)), std::log(s0)};
    // Restarts shrink the simplex around the optimum (Nelder-Mead can stall on a ridge).
    for (double step : {1.0, 0.1, 0.01})
        x = nelderMead(negLogLik, x, step);
    const double mu = 1.0 / (1.0 + std::exp(-x[0]));
    const double s = std::exp(std::clamp(x[1], logMin, logMax));
    prior.alpha = mu * s;
    prior.beta = (1 - mu) * s;
    prior.fitted = true;
    return prior;
}

} // namespace cl
