// ModelValidation: deterministic splits, fit on training rows, held-out metrics, scoring.
#include "ModelValidation.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace cl {

namespace {

/// Uniform index in [0, bound) from raw generator output, by rejection (no std distribution).
uint64_t drawBelow(std::mt19937_64 &rng, uint64_t bound)
{
    const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t v;
    do
        v = rng();
    while (v >= limit);
    return v % bound;
}

} // namespace

Split makeSplit(const std::vector<uint8_t> &y, const SplitOptions &options)
{
    Split s;
    const size_t n = y.size();
    const double f = std::clamp(options.testFraction, 0.0, 1.0);
    std::vector<bool> inTest(n, false);
    if (options.kind == SplitKind::None) {
        // every row trains
    } else if (options.kind == SplitKind::TimeOrdered) {
        const size_t test = size_t(std::llround(f * double(n)));
        for (size_t i = n - test; i < n; ++i)
            inTest[i] = true;
    } else {
        std::mt19937_64 rng(options.seed);
        for (uint8_t cls : {uint8_t(0), uint8_t(1)}) {
            std::vector<size_t> rows;
            for (size_t i = 0; i < n; ++i) {
                if ((y[i] != 0) == (cls != 0))
                    rows.push_back(i);
            }
            for (size_t i = rows.size(); i > 1; --i)
                std::swap(rows[i - 1], rows[size_t(drawBelow(rng, i))]);
            const size_t test = size_t(std::llround(f * double(rows.size())));
            for (size_t i = 0; i < test; ++i)
                inTest[rows[i]] = true;
        }
    }
    for (size_t i = 0; i < n; ++i)
        (inTest[i] ? s.test : s.train).push_back(i);
    return s;
}

HeldOutMetrics evaluateScores(const std::vector<double> &p, const std::vector<uint8_t> &y,
                              const ValidationOptions &options)
{
    HeldOutMetrics m;
    m.rows = p.size();
    for (uint8_t v : y)
        m.positives += v;
    m.auc = aucDeLong(p, y);
    m.logLoss = logLoss(p, y);
    m.brier = brierScore(p, y);
    m.confusion = confusionAt(p, y, options.threshold);
    m.hosmerLemeshow = hosmerLemeshow(p, y, options.calibrationGroups);
    m.deciles = decileTable(p, y, 10);
    m.topFraction = options.topFraction;
    m.topCapture = captureAtTop(p, y, options.topFraction);
    m.topSentence = QStringLiteral("Calling the top %1% by score reaches %2% of the subscribers.")
                        .arg(options.topFraction * 100, 0, 'g', 3)
                        .arg(m.topCapture * 100, 0, 'f', 1);
    return m;
}

SplitRates splitRates(const DesignMatrix &design, const Split &split)
{
    const auto rate = [&](const std::vector<size_t> &rows) {
        size_t positives = 0;
        for (size_t r : rows)
            positives += design.y[r];
        return rows.empty() ? 0.0 : double(positives) / double(rows.size());
    };
    SplitRates rates;
    rates.train = rate(split.train);
    rates.test = rate(split.test);
    rates.shifted = split.train.size() >= 100 && split.test.size() >= 100 &&
                    (rates.test > 1.5 * rates.train || rates.train > 1.5 * rates.test);
    return rates;
}

ValidationReport validate(const DesignMatrix &design, const ValidationOptions &options,
                          const ProgressCallback &progress)
{
    ValidationReport r;
    if (!design.ok()) {
        r.error = design.error;
        return r;
    }
    r.split = makeSplit(design.y, options.split);
    if (r.split.train.empty() ||
        (r.split.test.empty() && options.split.kind != SplitKind::None)) {
        r.error = QStringLiteral("the split leaves no training or no test rows");
        return r;
    }
    // Held-out levels without a training row: their dummies are zero in training, so the fit
    // cannot estimate them and scores those rows as the reference level.
    for (size_t j = 0; j < design.terms.size() && !r.split.test.empty(); ++j) {
        const DesignTerm &t = design.terms[j];
        if (t.kind != DesignTerm::Kind::Level)
            continue;
        const double *col = design.values.data() + j * design.rows;
        size_t trainRows = 0;
        for (size_t i : r.split.train)
            trainRows += col[i] != 0;
        UnseenLevel u{t.column, t.level, t.reference, 0, 0};
        for (size_t i : r.split.test) {
            if (col[i] != 0) {
                ++u.testRows;
                u.testPositives += design.y[i];
            }
        }
        if (trainRows == 0 && u.testRows > 0)
            r.unseenLevels.push_back(u);
    }
    const DesignMatrix train = design.subset(r.split.train);
    r.fit = fitLogistic(train, options.fit, progress);
    if (!r.fit.ok()) {
        r.error = r.fit.message;
        return r;
    }
    if (r.split.test.empty())
        return r; // SplitKind::None: the fit is the result
    const DesignMatrix test = design.subset(r.split.test);
    r.testScores = predictProbabilities(test, r.fit);
    r.heldOut = evaluateScores(r.testScores, test.y, options);
    return r;
}

std::vector<double> scoreFrame(const DataFrame &frame, const DesignMatrix &design,
                               const LogisticFit &fit, QString *error)
{
    const std::vector<double> x = encodeRows(frame, design.terms, error);
    if (x.empty() && frame.rowCount() > 0)
        return {};
    return predictProbabilities(x, frame.rowCount(), fit.coefficients);
}

} // namespace cl
