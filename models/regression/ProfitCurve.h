// ProfitCurve: what calling the best-scored clients would earn, given a cost and a value.
#pragma once

#include <QString>

#include <cstdint>
#include <vector>

namespace cl {

/// What a call costs and what a subscription is worth, in one currency. The defaults are
/// placeholders a bank replaces with its own figures; every output says which were used.
struct ProfitAssumptions
{
    double costPerCall = 5.0;
    double valuePerSubscription = 100.0;
};

/// Calling the `called` best-scored clients of a list.
struct ProfitPoint
{
    size_t called = 0;
    size_t subscribers = 0;
    double profit = 0;      ///< valuePerSubscription x subscribers - costPerCall x called
    double lowestScore = 0; ///< the score of the last client called (1 when none is)
};

/**
 * Expected profit along a ranking (held-out rows, scores and outcomes): one point per number
 * of clients called, 0 to all, ties in score called together. `best` maximises profit (the
 * fewest calls among equals), `everyone` calls every client. `breakEvenRate` is cost / value:
 * a call pays when the client's chance of subscribing is above it, which a calibrated score
 * estimates.
 */
struct ProfitCurve
{
    ProfitAssumptions assumptions;
    std::vector<ProfitPoint> points; ///< by calls, first (0 calls) to last (all)
    ProfitPoint best;
    ProfitPoint everyone;
    double breakEvenRate = 0;
    bool ok() const { return !points.empty(); }
};

ProfitCurve profitCurve(const std::vector<double> &score, const std::vector<uint8_t> &y,
                        const ProfitAssumptions &assumptions = {});

/// "Calling the best N of M held-out clients (score >= s) earns P, the most of any list;
/// calling all of them earns Q; a call pays when the chance of a yes is above r."
QString profitSentence(const ProfitCurve &curve);

} // namespace cl
