// ClassificationMetrics: rank-based AUC with DeLong variance, calibration and gains tables.
#include "ClassificationMetrics.h"

#include "StatFunctions.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cl {

namespace {

/// Mid-ranks (1-based, ties averaged) of v.
std::vector<double> midRanks(const std::vector<double> &v)
{
    const size_t n = v.size();
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
    std::vector<double> ranks(n);
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j + 1 < n && v[order[j + 1]] == v[order[i]])
            ++j;
        const double r = 0.5 * double(i + j) + 1;
        for (size_t k = i; k <= j; ++k)
            ranks[order[k]] = r;
        i = j + 1;
    }
    return ranks;
}

double sampleVariance(const std::vector<double> &v)
{
    if (v.size() < 2)
        return 0;
    const double m = std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    double ss = 0;
    for (double x : v)
        ss += (x - m) * (x - m);
    return ss / double(v.size() - 1);
}

/// Row order by score, descending (ties keep row order).
std::vector<size_t> descendingOrder(const std::vector<double> &score)
{
    std::vector<size_t> order(score.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return score[a] > score[b]; });
    return order;
}

} // namespace

AucResult aucDeLong(const std::vector<double> &score, const std::vector<uint8_t> &y)
{
    AucResult r;
    std::vector<double> pos, neg;
    for (size_t i = 0; i < score.size(); ++i)
        (y[i] ? pos : neg).push_back(score[i]);
    const size_t m = pos.size(), n = neg.size();
    if (m == 0 || n == 0) {
        r.auc = std::nan("");
        r.ciLow = r.ciHigh = r.stdError = std::nan("");
        return r;
    }
    // Fast DeLong (Sun & Xu 2014): placement values from three rankings.
    std::vector<double> all(pos);
    all.insert(all.end(), neg.begin(), neg.end());
    const std::vector<double> tz = midRanks(all), tx = midRanks(pos), ty = midRanks(neg);
    std::vector<double> v10(m), v01(n);
    double sum = 0;
    for (size_t i = 0; i < m; ++i) {
        v10[i] = (tz[i] - tx[i]) / double(n);
        sum += v10[i];
    }
    for (size_t j = 0; j < n; ++j)
        v01[j] = 1.0 - (tz[m + j] - ty[j]) / double(m);
    r.auc = sum / double(m);
    r.stdError = std::sqrt(sampleVariance(v10) / double(m) + sampleVariance(v01) / double(n));
    r.ciLow = std::max(0.0, r.auc - stats::kZ975 * r.stdError);
    r.ciHigh = std::min(1.0, r.auc + stats::kZ975 * r.stdError);
    return r;
}

double logLoss(const std::vector<double> &p, const std::vector<uint8_t> &y)
{
    double s = 0;
    for (size_t i = 0; i < p.size(); ++i) {
        const double q = std::clamp(p[i], 1e-15, 1 - 1e-15);
        s -= y[i] ? std::log(q) : std::log1p(-q);
    }
    return p.empty() ? std::nan("") : s / double(p.size());
}

double brierScore(const std::vector<double> &p, const std::vector<uint8_t> &y)
{
    double s = 0;
    for (size_t i = 0; i < p.size(); ++i)
        s += (p[i] - y[i]) * (p[i] - y[i]);
    return p.empty() ? std::nan("") : s / double(p.size());
}

ConfusionMatrix confusionAt(const std::vector<double> &p, const std::vector<uint8_t> &y,
                            double threshold)
{
    ConfusionMatrix c;
    c.threshold = threshold;
    for (size_t i = 0; i < p.size(); ++i) {
        const bool predicted = p[i] >= threshold;
        if (y[i])
            ++(predicted ? c.truePositives : c.falseNegatives);
        else
            ++(predicted ? c.falsePositives : c.trueNegatives);
    }
    finishConfusion(c);
    return c;
}

void finishConfusion(ConfusionMatrix &c)
{
    const auto ratio = [](size_t a, size_t b) { return b ? double(a) / double(b) : std::nan(""); };
    c.sensitivity = ratio(c.truePositives, c.truePositives + c.falseNegatives);
    c.specificity = ratio(c.trueNegatives, c.trueNegatives + c.falsePositives);
    c.precision = ratio(c.truePositives, c.truePositives + c.falsePositives);
    c.accuracy = ratio(c.truePositives + c.trueNegatives,
                       c.truePositives + c.trueNegatives + c.falsePositives + c.falseNegatives);
}

HosmerLemeshow hosmerLemeshow(const std::vector<double> &p, const std::vector<uint8_t> &y,
                              int groups)
{
    HosmerLemeshow hl;
    const size_t n = p.size();
    if (n == 0 || groups < 3)
        return hl;
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
    hl.groups.resize(size_t(groups));
    for (size_t i = 0; i < n; ++i) {
        CalibrationGroup &g = hl.groups[i * size_t(groups) / n];
        ++g.rows;
        g.observed += y[order[i]];
        g.expected += p[order[i]];
    }
    finishHosmerLemeshow(hl);
    return hl;
}

void finishHosmerLemeshow(HosmerLemeshow &hl)
{
    hl.chi2 = 0;
    for (CalibrationGroup &g : hl.groups) {
        if (g.rows == 0)
            continue;
        g.meanPredicted = g.expected / double(g.rows);
        g.observedRate = g.observed / double(g.rows);
        const double var = g.expected * (1 - g.meanPredicted);
        if (var > 0)
            hl.chi2 += (g.observed - g.expected) * (g.observed - g.expected) / var;
    }
    hl.df = int(hl.groups.size()) - 2;
    hl.p = stats::chiSquareSf(hl.chi2, hl.df);
}

std::vector<DecileRow> decileTable(const std::vector<double> &score, const std::vector<uint8_t> &y,
                                   int groups)
{
    const size_t n = score.size();
    std::vector<DecileRow> rows(size_t(std::max(groups, 0)));
    if (n == 0 || groups <= 0)
        return rows;
    const std::vector<size_t> order = descendingOrder(score);
    size_t total = 0;
    for (uint8_t v : y)
        total += v;
    for (size_t g = 0; g < rows.size(); ++g) {
        rows[g].decile = int(g + 1);
        rows[g].minScore = INFINITY;
        rows[g].maxScore = -INFINITY;
    }
    for (size_t i = 0; i < n; ++i) {
        DecileRow &r = rows[i * size_t(groups) / n];
        ++r.clients;
        r.subscribers += y[order[i]];
        r.minScore = std::min(r.minScore, score[order[i]]);
        r.maxScore = std::max(r.maxScore, score[order[i]]);
    }
    finishDecileTable(rows, total);
    return rows;
}

void finishDecileTable(std::vector<DecileRow> &rows, size_t total)
{
    size_t n = 0;
    for (const DecileRow &r : rows)
        n += r.clients;
    const double overall = double(total) / double(n);
    size_t cumClients = 0, cumSubs = 0;
    for (DecileRow &r : rows) {
        cumClients += r.clients;
        cumSubs += r.subscribers;
        r.rate = r.clients ? double(r.subscribers) / double(r.clients) : std::nan("");
        r.lift = overall > 0 ? r.rate / overall : std::nan("");
        r.cumulativeClients = cumClients;
        r.cumulativeSubscribers = cumSubs;
        r.cumulativeCapture = total ? double(cumSubs) / double(total) : std::nan("");
    }
}

double captureAtTop(const std::vector<double> &score, const std::vector<uint8_t> &y,
                    double fraction)
{
    const size_t n = score.size();
    size_t total = 0;
    for (uint8_t v : y)
        total += v;
    if (n == 0 || total == 0)
        return std::nan("");
    const size_t top = std::min(n, size_t(std::ceil(fraction * double(n) - 1e-9)));
    const std::vector<size_t> order = descendingOrder(score);
    size_t hit = 0;
    for (size_t i = 0; i < top; ++i)
        hit += y[order[i]];
    return double(hit) / double(total);
}

} // namespace cl
