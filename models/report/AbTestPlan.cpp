// Arcsine-method sample sizes for two-proportion A/B tests (see AbTestPlan.h).
#include "AbTestPlan.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <tuple>

namespace cl {

double AbTestPlanner::normalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

double AbTestPlanner::normalQuantile(double p)
{
    if (!(p > 0 && p < 1))
        return std::numeric_limits<double>::quiet_NaN();
    // Acklam's rational approximation, then two Newton steps on the exact CDF.
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                               -2.759285104469687e+02, 1.383577518672690e+02,
                               -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                               -1.556989798598866e+02, 6.680131188771972e+01,
                               -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                               -2.400758277161838e+00, -2.549732539343734e+00,
                               4.374664141464968e+00,  2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                               3.754408661907416e+00};
    const double low = 0.02425;
    double x = 0;
    if (p < low) {
        const double q = std::sqrt(-2 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - low) {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
        const double q = std::sqrt(-2 * std::log(1 - p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    for (int i = 0; i < 2; ++i) {
        const double pdf = std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI);
        if (pdf > 0)
            x -= (normalCdf(x) - p) / pdf;
    }
    return x;
}

double AbTestPlanner::cohenH(double p2, double p1)
{
    return 2 * std::asin(std::sqrt(p2)) - 2 * std::asin(std::sqrt(p1));
}

double AbTestPlanner::power(double h, double nPerArm, double alpha)
{
    const double z = normalQuantile(1 - alpha / 2);
    const double shift = std::abs(h) * std::sqrt(nPerArm / 2);
    return normalCdf(shift - z) + normalCdf(-shift - z);
}

double AbTestPlanner::nPerArm(double h, double alpha, double targetPower)
{
    if (!std::isfinite(h) || h == 0 || !(alpha > 0 && alpha < 1) ||
        !(targetPower > alpha / 2 && targetPower < 1))
        return std::numeric_limits<double>::quiet_NaN();
    const double za = normalQuantile(1 - alpha / 2);
    const double zb = normalQuantile(targetPower);
    const double n0 = 2 * std::pow((za + zb) / h, 2);
    // The far tail only adds power, so the root lies at or below n0; power rises with n.
    double lo = 0, hi = n0;
    while (power(h, hi, alpha) < targetPower)
        hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-10 * hi; ++i) {
        const double mid = 0.5 * (lo + hi);
        (power(h, mid, alpha) < targetPower ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

double AbTestPlanner::detectableRate(double baseline, double nPerArm, double alpha, double target)
{
    if (!(baseline > 0 && baseline < 1) || !(nPerArm > 0))
        return std::nan("");
    const auto powerAt = [&](double p2) { return power(cohenH(p2, baseline), nPerArm, alpha); };
    double lo = baseline, hi = 1.0;
    if (powerAt(hi) < target)
        return std::nan("");
    for (int i = 0; i < 200 && hi - lo > 1e-12; ++i) {
        const double mid = (lo + hi) / 2;
        (powerAt(mid) < target ? lo : hi) = mid;
    }
    return hi;
}

AbTestPlan AbTestPlanner::plan(const AbTestRequest &request)
{
    AbTestPlan plan;
    plan.request = request;
    const double p1 = request.baselineRate;
    if (!(p1 > 0 && p1 < 1)) {
        plan.error = QStringLiteral("baseline rate must lie strictly between 0 and 1");
        return plan;
    }
    plan.targetRate =
        request.relativeEffect ? p1 * (1 + request.minimumEffect) : p1 + request.minimumEffect;
    if (!(plan.targetRate > 0 && plan.targetRate < 1) || request.minimumEffect == 0) {
        plan.error = QStringLiteral("target rate must differ from the baseline and lie "
                                    "strictly between 0 and 1");
        return plan;
    }
    plan.cohenH = cohenH(plan.targetRate, p1);
    plan.nPerArmExact = nPerArm(plan.cohenH, request.alpha, request.power);
    if (!std::isfinite(plan.nPerArmExact)) {
        plan.error = QStringLiteral("alpha and power must lie between 0 and 1");
        return plan;
    }
    plan.nPerArm = qint64(std::ceil(plan.nPerArmExact - 1e-9));
    plan.nTotal = 2 * plan.nPerArm;
    if (request.clientsPerPeriod > 0)
        plan.periodsNeeded = double(plan.nTotal) / request.clientsPerPeriod;
    plan.ok = true;
    return plan;
}

namespace {

/// Root of the increasing function f - target on [lo, hi] by bisection.
double bisect(const std::function<double(double)> &f, double target, double lo, double hi)
{
    for (int i = 0; i < 100 && hi - lo > 1e-12; ++i) {
        const double mid = 0.5 * (lo + hi);
        (f(mid) < target ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

std::vector<double> obrienFleming(double c, int looks)
{
    std::vector<double> b;
    for (int k = 1; k <= looks; ++k)
        b.push_back(c * std::sqrt(double(looks) / double(k)));
    return b;
}

double sum(const std::vector<double> &v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return s;
}

} // namespace

std::vector<double> AbTestPlanner::stoppingProbabilities(const std::vector<double> &boundaries,
                                                         double drift)
{
    // The B-value W_k = Z_k sqrt(t_k), t_k = k/K, is a Brownian motion with drift: each look
    // adds an independent N(drift dt, dt). The density of W on the continuation region is
    // carried from look to look on a Simpson grid.
    const int looks = int(boundaries.size());
    const double dt = 1.0 / looks, sd = std::sqrt(dt), step = drift * dt;
    constexpr int kPoints = 401; // odd, for Simpson's rule
    std::vector<double> stop(size_t(looks), 0.0);
    std::vector<double> grid, density; // the previous look's continuation density
    for (int k = 0; k < looks; ++k) {
        const double bound = boundaries[size_t(k)] * std::sqrt(double(k + 1) * dt);
        // Chance of crossing now from W = u: both tails of N(u + step, dt) beyond the bound.
        const auto crossFrom = [&](double u) {
            return normalCdf((-bound - u - step) / sd) + normalCdf((u + step - bound) / sd);
        };
        std::vector<double> next(kPoints), nextGrid(kPoints);
        const double h = 2 * bound / (kPoints - 1);
        for (int i = 0; i < kPoints; ++i)
            nextGrid[size_t(i)] = -bound + h * i;
        if (k == 0) {
            stop[0] = crossFrom(0);
            for (int i = 0; i < kPoints; ++i) {
                const double z = (nextGrid[size_t(i)] - step) / sd;
                next[size_t(i)] = std::exp(-0.5 * z * z) / (sd * std::sqrt(2 * M_PI));
            }
        } else {
            const double g = grid[1] - grid[0];
            const auto weight = [&](int j) {
                return (j == 0 || j == kPoints - 1 ? 1.0 : j % 2 ? 4.0 : 2.0) * g / 3.0;
            };
            double crossed = 0;
            for (int j = 0; j < kPoints; ++j)
                crossed += weight(j) * density[size_t(j)] * crossFrom(grid[size_t(j)]);
            stop[size_t(k)] = crossed;
            for (int i = 0; i < kPoints; ++i) {
                double f = 0;
                for (int j = 0; j < kPoints; ++j) {
                    const double z = (nextGrid[size_t(i)] - grid[size_t(j)] - step) / sd;
                    f += weight(j) * density[size_t(j)] * std::exp(-0.5 * z * z);
                }
                next[size_t(i)] = f / (sd * std::sqrt(2 * M_PI));
            }
        }
        grid.swap(nextGrid);
        density.swap(next);
    }
    return stop;
}

SequentialPlan AbTestPlanner::sequential(const AbTestPlan &fixed, int looks)
{
    SequentialPlan plan;
    if (!fixed.ok || looks < 2 || looks > 10 || !(fixed.nPerArmExact > 0))
        return plan;
    const double alpha = fixed.request.alpha, power = fixed.request.power;
    // The design depends on the looks, alpha and power only (about a second to solve): it is
    // kept for the next plan that asks for the same.
    using Key = std::tuple<int, double, double>;
    static std::mutex mutex;
    static std::map<Key, SequentialPlan> designs;
    {
        const std::lock_guard<std::mutex> lock(mutex);
        if (const auto it = designs.find({looks, alpha, power}); it != designs.end())
            plan = it->second;
    }
    if (plan.looks == 0) {
        plan = solveDesign(looks, alpha, power);
        const std::lock_guard<std::mutex> lock(mutex);
        designs.emplace(Key{looks, alpha, power}, plan);
    }
    plan.maxPerArm = qint64(std::ceil(plan.inflation * fixed.nPerArmExact));
    plan.expectedPerArmEffect = qint64(std::ceil(plan.expectedEffect * fixed.nPerArmExact));
    return plan;
}

SequentialPlan AbTestPlanner::solveDesign(int looks, double alpha, double power)
{
    SequentialPlan plan;
    const double c =
        bisect([&](double x) { return -sum(stoppingProbabilities(obrienFleming(x, looks), 0.0)); },
               -alpha, 1.0, 8.0);
    plan.looks = looks;
    plan.boundaries = obrienFleming(c, looks);
    const double drift = bisect(
        [&](double d) { return sum(stoppingProbabilities(plan.boundaries, d)); }, power, 0.0, 10.0);
    const double z = normalQuantile(1 - alpha / 2);
    const double fixedDrift =
        bisect([&](double d) { return normalCdf(d - z) + normalCdf(-d - z); }, power, 0.0, 10.0);
    plan.inflation = (drift / fixedDrift) * (drift / fixedDrift);
    const auto expected = [&](double d) {
        const std::vector<double> stop = stoppingProbabilities(plan.boundaries, d);
        double fraction = 1 - sum(stop); // runs to the last look
        for (int k = 0; k < looks; ++k)
            fraction += stop[size_t(k)] * double(k + 1) / looks;
        return plan.inflation * fraction;
    };
    plan.expectedEffect = expected(drift);
    plan.expectedNull = expected(0.0);
    return plan;
}

} // namespace cl
