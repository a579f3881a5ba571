// StatFunctions: erfc-based normal tails and the regularised incomplete gamma function.
#include "StatFunctions.h"

#include <cmath>
#include <limits>

namespace cl::stats {

double normalSf(double z)
{
    return 0.5 * std::erfc(z / std::sqrt(2.0));
}

double twoSidedP(double z)
{
    return std::erfc(std::fabs(z) / std::sqrt(2.0));
}

namespace {

// Lower regularised gamma P(a, x) by its series (x < a + 1).
double gammaPSeries(double a, double x)
{
    double sum = 1.0 / a, term = sum, ap = a;
    for (int n = 0; n < 10000; ++n) {
        ap += 1;
        term *= x / ap;
        sum += term;
        if (std::fabs(term) < std::fabs(sum) * 1e-16)
            break;
    }
    return sum * std::exp(-x + a * std::log(x) - std::lgamma(a));
}

// Upper regularised gamma Q(a, x) by Lentz's continued fraction (x >= a + 1).
double gammaQFraction(double a, double x)
{
    const double tiny = std::numeric_limits<double>::min() / std::numeric_limits<double>::epsilon();
    double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
    for (int i = 1; i < 10000; ++i) {
        const double an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (std::fabs(d) < tiny)
            d = tiny;
        c = b + an / c;
        if (std::fabs(c) < tiny)
            c = tiny;
        d = 1 / d;
        const double del = d * c;
        h *= del;
        if (std::fabs(del - 1) < 1e-16)
            break;
    }
    return std::exp(-x + a * std::log(x) - std::lgamma(a)) * h;
}

} // namespace

double chiSquareSf(double x, double df)
{
    if (std::isnan(x) || df <= 0)
        return std::nan("");
    if (x <= 0)
        return 1.0;
    const double a = df / 2, h = x / 2;
    return h < a + 1 ? 1.0 - gammaPSeries(a, h) : gammaQFraction(a, h);
}

} // namespace cl::stats
