// Arcsine-method sample sizes for two-proportion A/B tests (see AbTestPlan.h).
#include "AbTestPlan.h"

#include <cmath>
#include <limits>

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

} // namespace cl
