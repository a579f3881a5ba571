// ProfitCurve: cumulative subscribers along the ranking, priced.
#include "ProfitCurve.h"

#include <algorithm>
#include <numeric>

namespace cl {

ProfitCurve profitCurve(const std::vector<double> &score, const std::vector<uint8_t> &y,
                        const ProfitAssumptions &assumptions)
{
    ProfitCurve c;
    c.assumptions = assumptions;
    const size_t n = std::min(score.size(), y.size());
    if (n == 0 || !(assumptions.valuePerSubscription > 0))
        return c;
    c.breakEvenRate = assumptions.costPerCall / assumptions.valuePerSubscription;
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return score[a] > score[b]; });
    const auto priced = [&](size_t called, size_t subscribers, double lowest) {
        return ProfitPoint{called, subscribers,
                           assumptions.valuePerSubscription * double(subscribers) -
                               assumptions.costPerCall * double(called),
                           lowest};
    };
    c.points.push_back(priced(0, 0, 1.0));
    size_t subscribers = 0;
    for (size_t k = 0; k < n; ++k) {
        subscribers += y[order[k]] ? 1 : 0;
        // Clients with the same score are called together: a list cannot split a tie fairly.
        if (k + 1 < n && score[order[k + 1]] == score[order[k]])
            continue;
        c.points.push_back(priced(k + 1, subscribers, score[order[k]]));
    }
    c.best = *std::max_element(c.points.begin(), c.points.end(),
                               [](const ProfitPoint &a, const ProfitPoint &b) {
                                   return a.profit < b.profit; // first of equals: fewest calls
                               });
    c.everyone = c.points.back();
    return c;
}

QString profitSentence(const ProfitCurve &c)
{
    if (!c.ok())
        return {};
    const size_t all = c.everyone.called;
    return QStringLiteral("With a call at %1 and a subscription worth %2 (assumed; set your own), "
                          "calling the best %3 of %4 held-out clients (score %5 or more) earns "
                          "%6, the most of any list; calling all of them earns %7. A call pays "
                          "when the chance of a yes is above %8%.")
        .arg(c.assumptions.costPerCall, 0, 'f', 2)
        .arg(c.assumptions.valuePerSubscription, 0, 'f', 2)
        .arg(c.best.called)
        .arg(all)
        .arg(c.best.lowestScore, 0, 'f', 3)
        .arg(c.best.profit, 0, 'f', 0)
        .arg(c.everyone.profit, 0, 'f', 0)
        .arg(100 * c.breakEvenRate, 0, 'g', 3);
}

} // namespace cl
