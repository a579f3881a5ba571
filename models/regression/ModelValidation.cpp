// ModelValidation: deterministic splits, fit on training rows, held-out metrics, scoring.
#include "ModelValidation.h"

#include "RowHash.h"

#include "StatFunctions.h"

#include "LinearPredictor.h"
#include "data/DataFrame.h"
#include "util/MessageText.h"

#include <QHash>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
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

using stats::sigmoid;

/// Design rows per level code of a categorical column, counted up to a growing row limit
/// (rolling origin's training rows only ever grow).
struct LevelTally
{
    const FrameColumn *column = nullptr;
    std::vector<size_t> rows; ///< per code
    size_t counted = 0;       ///< design rows [0, counted) are in `rows`

    void countTo(const DesignMatrix &design, size_t end)
    {
        for (; counted < end; ++counted)
            ++rows[size_t(column->codes[design.frameRow[counted]])];
    }
};

/// First held-out index (into split.test) of each rolling-origin block.
std::vector<size_t> blockStarts(const Split &split, const RowPeriods &periods)
{
    const size_t n = split.test.size();
    std::vector<size_t> starts{0};
    if (periods.ofRow.empty()) {
        for (int b = 1; b < kEqualBlocks; ++b) {
            const size_t s = n * size_t(b) / size_t(kEqualBlocks);
            if (s > starts.back())
                starts.push_back(s);
        }
        return starts;
    }
    int32_t current = periods.ofRow[split.test.front()];
    for (size_t k = 1; k < n; ++k) {
        const int32_t p = periods.ofRow[split.test[k]];
        if (p >= 0 && p != current) {
            if (current >= 0)
                starts.push_back(k);
            current = p;
        }
    }
    // Join neighbouring periods so that the fits stay bounded (one per block).
    if (starts.size() > size_t(kMaxRollingBlocks)) {
        std::vector<size_t> joined;
        for (size_t b = 0; b < size_t(kMaxRollingBlocks); ++b)
            joined.push_back(starts[b * starts.size() / size_t(kMaxRollingBlocks)]);
        starts = joined;
    }
    return starts;
}

QString blockLabel(const Split &split, const RowPeriods &periods, size_t first, size_t end)
{
    QStringList labels;
    for (size_t k = first; k < end && !periods.ofRow.empty(); ++k) {
        const int32_t p = periods.ofRow[split.test[k]];
        if (p >= 0 && (labels.isEmpty() || labels.last() != periods.labels.value(p)))
            labels << periods.labels.value(p);
    }
    if (!labels.isEmpty())
        return labels.size() == 1 ? labels.front()
                                  : labels.front() + QStringLiteral("-") + labels.last();
    return QStringLiteral("%1-%2").arg(split.test[first] + 1).arg(split.test[end - 1] + 1);
}

/// Scores split.test block by block with fits on every earlier row (SplitKind::RollingOrigin).
void validateRollingOrigin(const DesignMatrix &design, const ValidationOptions &options,
                           const ProgressCallback &progress, const RowPeriods &periods,
                           ValidationReport &r)
{
    const std::vector<size_t> starts = blockStarts(r.split, periods);
    const size_t p = design.cols();
    r.unseenScoredAtAverage = true;
    r.testScores.assign(r.split.test.size(), 0.0);
    std::vector<UnseenLevel> unseen;
    // One tally per categorical with terms; termTally[j] is the one of Level term j.
    std::vector<LevelTally> tallies;
    std::vector<int> termTally(p, -1);
    for (size_t j = 0; j < p; ++j) {
        const DesignTerm &t = design.terms[j];
        if (t.kind != DesignTerm::Kind::Level)
            continue;
        const FrameColumn *c = design.frame->column(t.column);
        auto it = std::find_if(tallies.begin(), tallies.end(),
                               [c](const LevelTally &l) { return l.column == c; });
        if (it == tallies.end())
            it = tallies.insert(tallies.end(),
                                {c, std::vector<size_t>(size_t(c->levelCount()), 0), 0});
        termTally[j] = int(it - tallies.begin());
    }
    for (size_t b = 0; b < starts.size(); ++b) {
        const size_t first = starts[b];
        const size_t end = b + 1 < starts.size() ? starts[b + 1] : r.split.test.size();
        // Training: every design row before the block (the held-out rows are the last ones).
        const size_t trainEnd = r.split.test[first];
        const ProgressCallback blockProgress = [&](double f, const QString &phase) {
            return reportProgress(progress, (double(b) + f) / double(starts.size()), phase);
        };
        LogisticFit fit =
            fitLogistic(design, DesignRows::range(0, trainEnd), options.fit, blockProgress);
        RollingBlock block;
        block.label = blockLabel(r.split, periods, first, end);
        if (!fit.ok()) {
            r.fit = fit;
            if (fit.status != LogisticFit::Status::Cancelled)
                r.error = englishText(Message::EarlierModelError).arg(block.label, fit.message);
            return;
        }
        // Rows per level in training, and the average effect of each column there.
        for (LevelTally &tally : tallies)
            tally.countTo(design, trainEnd);
        std::vector<size_t> trainCount(p, 0);
        QHash<QString, double> average;
        for (size_t j = 0; j < p; ++j) {
            const DesignTerm &t = design.terms[j];
            if (t.kind != DesignTerm::Kind::Level)
                continue;
            trainCount[j] = tallies[size_t(termTally[j])].rows[size_t(t.code)];
            average[t.column] += fit.coefficients[j] * double(trainCount[j]) / double(trainEnd);
        }
        // A level no training row had is scored at its column's average effect.
        LinearPredictor predictor(*design.frame, design.terms, fit.coefficients);
        std::vector<size_t> unseenTerms;
        for (size_t j = 0; j < p; ++j) {
            if (design.terms[j].kind == DesignTerm::Kind::Level && trainCount[j] == 0) {
                predictor.addToLevel(design.terms[j], average.value(design.terms[j].column));
                unseenTerms.push_back(j);
            }
        }
        block.trainRows = trainEnd;
        std::vector<double> blockScores;
        std::vector<uint8_t> blockY;
        for (size_t k = first; k < end; ++k) {
            const size_t i = r.split.test[k];
            const size_t row = design.frameRow[i];
            const double eta = predictor.eta(row);
            bool rowUnseen = false;
            for (const size_t j : unseenTerms) {
                const DesignTerm &t = design.terms[j];
                if (tallies[size_t(termTally[j])].column->codes[row] != t.code)
                    continue;
                rowUnseen = true;
                auto it = std::find_if(unseen.begin(), unseen.end(), [&](const UnseenLevel &u) {
                    return u.column == t.column && u.level == t.level;
                });
                if (it == unseen.end())
                    it = unseen.insert(unseen.end(), {t.column, t.level, t.reference, 0, 0});
                ++it->testRows;
                it->testPositives += design.y[i];
            }
            const double score = 1.0 / (1.0 + std::exp(-eta));
            r.testScores[k] = score;
            blockScores.push_back(score);
            blockY.push_back(design.y[i]);
            block.rows += 1;
            block.positives += design.y[i];
            block.unseenRows += rowUnseen;
        }
        block.auc = block.positives > 0 && block.positives < block.rows
                        ? aucDeLong(blockScores, blockY).auc
                        : std::numeric_limits<double>::quiet_NaN();
        r.blocks.push_back(block);
        if (b + 1 == starts.size())
            r.fit = std::move(fit);
    }
    r.unseenLevels = std::move(unseen);
    std::vector<uint8_t> y;
    for (size_t i : r.split.test)
        y.push_back(design.y[i]);
    r.heldOut = evaluateScores(r.testScores, y, options);
}

} // namespace

RowPeriods rowPeriods(const MonthRuns &runs, const DesignMatrix &design)
{
    RowPeriods periods;
    if (!runs.ordered)
        return periods;
    periods.labels = runs.labels;
    for (const size_t row : design.frameRow)
        periods.ofRow.push_back(runs.runOfRow[row]);
    return periods;
}

Split makeSplit(const std::vector<uint8_t> &y, const SplitOptions &options,
                const std::vector<uint32_t> &rowBuckets)
{
    Split s;
    const size_t n = y.size();
    const double f = std::clamp(options.testFraction, 0.0, 1.0);
    std::vector<bool> inTest(n, false);
    if (options.kind == SplitKind::None) {
        // every row trains
    } else if (options.kind == SplitKind::TimeOrdered || options.kind == SplitKind::RollingOrigin) {
        const size_t test = size_t(std::llround(f * double(n)));
        for (size_t i = n - test; i < n; ++i)
            inTest[i] = true;
    } else if (options.kind == SplitKind::RowHash) {
        const uint64_t below = RowHash::threshold(f);
        for (size_t i = 0; i < n && i < rowBuckets.size(); ++i)
            inTest[i] = rowBuckets[i] < below;
    } else {
        std::mt19937_64 rng(options.seed);
        for (uint8_t cls : {uint8_t(0), uint8_t(1)}) {
            std::vector<uint32_t> rows;
            for (size_t i = 0; i < n; ++i) {
                if ((y[i] != 0) == (cls != 0))
                    rows.push_back(uint32_t(i));
            }
            for (size_t i = rows.size(); i > 1; --i)
                std::swap(rows[i - 1], rows[size_t(drawBelow(rng, i))]);
            const size_t test = size_t(std::llround(f * double(rows.size())));
            for (size_t i = 0; i < test; ++i)
                inTest[rows[i]] = true;
        }
    }
    const size_t tests = size_t(std::count(inTest.begin(), inTest.end(), true));
    s.test.reserve(tests);
    s.train.reserve(n - tests);
    for (size_t i = 0; i < n; ++i)
        (inTest[i] ? s.test : s.train).push_back(uint32_t(i));
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
    m.topSentence = topCaptureSentence(m.topFraction, m.topCapture);
    return m;
}

QString topCaptureSentence(double fraction, double capture)
{
    return QStringLiteral("Calling the top %1% by score reaches %2% of the subscribers.")
        .arg(fraction * 100, 0, 'g', 3)
        .arg(capture * 100, 0, 'f', 1);
}

SplitRates splitRates(const DesignMatrix &design, const Split &split)
{
    const auto positives = [&](const std::vector<uint32_t> &rows) {
        size_t n = 0;
        for (size_t r : rows)
            n += design.y[r];
        return n;
    };
    return splitRates(split.train.size(), positives(split.train), split.test.size(),
                      positives(split.test));
}

SplitRates splitRates(size_t trainRows, size_t trainPositives, size_t testRows,
                      size_t testPositives)
{
    const auto rate = [](size_t n, size_t positives) {
        return n == 0 ? 0.0 : double(positives) / double(n);
    };
    SplitRates rates;
    rates.train = rate(trainRows, trainPositives);
    rates.test = rate(testRows, testPositives);
    rates.shifted = trainRows >= 100 && testRows >= 100 &&
                    (rates.test > 1.5 * rates.train || rates.train > 1.5 * rates.test);
    return rates;
}

ValidationReport validate(const DesignMatrix &design, const ValidationOptions &options,
                          const ProgressCallback &progress, const RowPeriods &periods)
{
    ValidationReport r;
    if (!design.ok()) {
        r.error = design.error;
        return r;
    }
    r.split = makeSplit(design.y, options.split,
                        options.split.kind == SplitKind::RowHash && design.frame
                            ? RowHash::buckets(*design.frame, design.frameRow)
                            : std::vector<uint32_t>());
    if (r.split.train.empty() || (r.split.test.empty() && options.split.kind != SplitKind::None)) {
        r.error = englishText(Message::EmptySplitError);
        return r;
    }
    if (options.split.kind == SplitKind::RollingOrigin) {
        validateRollingOrigin(design, options, progress, periods, r);
        return r;
    }
    // Held-out levels without a training row: their dummies are zero in training, so the fit
    // cannot estimate them and scores those rows as the reference level.
    const DesignRows train = DesignRows::list(r.split.train);
    const DesignRows test = DesignRows::list(r.split.test);
    if (!test.empty()) {
        // Per categorical with terms: rows per code in training, rows and positives in test.
        QHash<QString, std::array<std::vector<size_t>, 3>> counts;
        for (const DesignTerm &t : design.terms) {
            if (t.kind != DesignTerm::Kind::Level || counts.contains(t.column))
                continue;
            const FrameColumn *c = design.frame->column(t.column);
            std::array<std::vector<size_t>, 3> &n = counts[t.column];
            for (std::vector<size_t> &v : n)
                v.assign(size_t(c->levelCount()), 0);
            for (size_t k = 0; k < train.size(); ++k)
                ++n[0][size_t(c->codes[design.frameRow[train[k]]])];
            for (size_t k = 0; k < test.size(); ++k) {
                const size_t i = test[k];
                const size_t code = size_t(c->codes[design.frameRow[i]]);
                ++n[1][code];
                n[2][code] += design.y[i];
            }
        }
        for (const DesignTerm &t : design.terms) {
            if (t.kind != DesignTerm::Kind::Level)
                continue;
            const std::array<std::vector<size_t>, 3> &n = counts[t.column];
            const size_t code = size_t(t.code);
            if (n[0][code] == 0 && n[1][code] > 0)
                r.unseenLevels.push_back({t.column, t.level, t.reference, n[1][code], n[2][code]});
        }
    }
    r.fit = fitLogistic(design, train, options.fit, progress);
    if (!r.fit.ok()) {
        r.error = r.fit.message;
        return r;
    }
    if (test.empty())
        return r; // SplitKind::None: the fit is the result
    r.testScores = predictProbabilities(design, test, r.fit.coefficients);
    std::vector<uint8_t> testY(test.size());
    for (size_t k = 0; k < test.size(); ++k)
        testY[k] = design.y[test[k]];
    r.heldOut = evaluateScores(r.testScores, testY, options);
    return r;
}

std::vector<double> scoreFrame(const DataFrame &frame, const DesignMatrix &design,
                               const LogisticFit &fit, QString *error)
{
    const LinearPredictor predictor(frame, design.terms, fit.coefficients);
    if (!predictor.ok()) {
        if (error)
            *error = predictor.error();
        return {};
    }
    std::vector<double> out(frame.rowCount());
    for (size_t i = 0; i < out.size(); ++i) {
        const double eta = predictor.eta(i);
        out[i] = std::isnan(eta) ? eta : sigmoid(eta);
    }
    return out;
}

} // namespace cl
