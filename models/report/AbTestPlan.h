// Sample size and duration of a two-arm A/B test on a response rate (two-proportion test).
#pragma once

#include <QString>

#include <vector>

namespace cl {

/// Unit in which a segment's contact volume is counted.
enum class VolumeUnit
{
    Month,   ///< calendar months, counted from the month column in row (date) order
    Campaign ///< the whole dataset as one campaign, when no date is known
};

/// What an A/B test plan asks for.
struct AbTestRequest
{
    double baselineRate = 0;     ///< p1: the segment's current response rate, in (0, 1)
    double minimumEffect = 0;    ///< absolute (0.02 = +2 points) or relative (0.1 = +10 %)
    bool relativeEffect = false; ///< minimumEffect is relative to baselineRate
    double alpha = 0.05;         ///< two-sided significance level
    double power = 0.8;          ///< 1 - beta
    double clientsPerPeriod = 0; ///< contact volume of the segment; <= 0 = unknown
    VolumeUnit unit = VolumeUnit::Month;
};

/// A computed plan; `ok` false with `error` set when the request is impossible.
struct AbTestPlan
{
    bool ok = false;
    QString error;
    AbTestRequest request;
    double targetRate = 0;   ///< p2 = p1 + effect (absolute) or p1 * (1 + effect)
    double cohenH = 0;       ///< 2 asin(sqrt(p2)) - 2 asin(sqrt(p1))
    double nPerArmExact = 0; ///< real-valued root of the power equation
    qint64 nPerArm = 0;      ///< ceil(nPerArmExact): clients in each arm
    qint64 nTotal = 0;       ///< both arms
    /// Periods (request.unit) the segment's volume needs to fill both arms; -1 when the
    /// volume is unknown or zero.
    double periodsNeeded = -1;
};

/**
 * A group-sequential version of a fixed plan: `looks` equally spaced looks at the data with
 * two-sided O'Brien-Fleming boundaries (stop at the first look k where |Z_k| >= C sqrt(K/k)),
 * the same alpha and power as the fixed test. It may run longer than the fixed test (at most
 * `inflation` times its size) but stops early on a real effect.
 */
struct SequentialPlan
{
    int looks = 0;
    std::vector<double> boundaries; ///< |Z| that stops the test at each look
    double inflation = 0;           ///< maximum size over the fixed test's (R)
    /// Expected size over the fixed test's when the target rate is true, and when there is
    /// no difference (it then usually runs to the end).
    double expectedEffect = 0;
    double expectedNull = 0;
    qint64 maxPerArm = 0;            ///< clients per arm if it runs to the last look
    qint64 expectedPerArmEffect = 0; ///< on average, when the target rate is true
};

/**
 * Plans two-sided two-proportion A/B tests by the arcsine (Cohen's h) method, the method of
 * statsmodels' NormalIndPower with proportion_effectsize:
 *
 *   h = 2 asin(sqrt(p2)) - 2 asin(sqrt(p1))
 *   power(n) = Phi(|h| sqrt(n/2) - z) + Phi(-|h| sqrt(n/2) - z),  z = Phi^-1(1 - alpha/2)
 *
 * and n per arm (equal arms) is the root of power(n) = target power. The start value is the
 * closed form n0 = 2 ((z + Phi^-1(power)) / h)^2, which ignores the second (far) tail; a
 * bisection then solves the full equation. Thread-safe; sequential() keeps each design it
 * solves (a few per process) behind a mutex.
 */
class AbTestPlanner
{
public:
    /// Cohen's h for rates p2 versus p1 (statsmodels proportion_effectsize(p2, p1)).
    static double cohenH(double p2, double p1);
    /// Power of the two-sided test with n clients per arm.
    static double power(double h, double nPerArm, double alpha);
    /// Real-valued n per arm for effect size h; NaN when h is 0 or not finite.
    static double nPerArm(double h, double alpha, double power);
    /// The smallest rate above `baseline` that a test with `nPerArm` clients per arm detects
    /// with `power` (the root of power(h(p2, baseline), nPerArm) = power, by bisection); NaN
    /// when not even a rate of 1 would be detected.
    static double detectableRate(double baseline, double nPerArm, double alpha = 0.05,
                                 double power = 0.8);
    /// The full plan for one request.
    static AbTestPlan plan(const AbTestRequest &request);
    /**
     * The O'Brien-Fleming design with `looks` looks (2 to 10) for `fixed`'s alpha and power,
     * sized from fixed.nPerArmExact. The law of (Z_1, ..., Z_K) is integrated by a recursion
     * on a grid (Armitage, McPherson and Rowe 1969); C and the drift are found by bisection.
     * Looks 0 or a failed fixed plan give an empty plan (looks == 0).
     */
    static SequentialPlan sequential(const AbTestPlan &fixed, int looks = 4);
    /// Chance of stopping at each look of two-sided `boundaries` (|Z_k|, equally spaced
    /// looks) when E[Z_K] = drift; the chance of never stopping is 1 minus their sum.
    static std::vector<double> stoppingProbabilities(const std::vector<double> &boundaries,
                                                     double drift);
    /// Standard normal CDF and quantile.
    static double normalCdf(double x);
    static double normalQuantile(double p);

private:
    /// Boundaries, inflation and expected sizes of sequential() (no sizes per arm).
    static SequentialPlan solveDesign(int looks, double alpha, double power);
};

} // namespace cl
