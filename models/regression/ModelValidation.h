// Train/test splits, held-out validation of a logistic model, and scoring of every row.
#pragma once

#include "ClassificationMetrics.h"
#include "DesignMatrix.h"
#include "LogisticFit.h"
#include "data/MonthRuns.h"
#include "util/Progress.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace cl {

enum class SplitKind
{
    TimeOrdered,      ///< the last testFraction of the rows (file order = date order) held out
    StratifiedRandom, ///< testFraction of each class held out at random (seeded)
    None,             ///< no held-out rows: fit on all rows, as statsmodels reports a model
    /// The rows of TimeOrdered held out in blocks (one per month with contacts, else
    /// kEqualBlocks equal blocks); each block is scored by a model fitted on every row before
    /// it, as Moro, Cortez and Rita (2014) validated on this data. A level that no earlier
    /// row has is scored at its column's average effect in those rows, not as the reference.
    RollingOrigin,
    /// The rows whose values hash below testFraction held out (RowHash): the same rows on
    /// every engine and in a snapshot, identical rows on one side.
    RowHash
};

struct SplitOptions
{
    SplitKind kind = SplitKind::TimeOrdered;
    double testFraction = 0.2;
    uint64_t seed = 20140601; ///< for StratifiedRandom; same seed, same split, any platform
};

/// Indexes (into the rows split) of training and test rows, each ascending. 4 bytes each: a
/// design has at most UINT32_MAX rows (DesignMatrix::frameRow).
struct Split
{
    std::vector<uint32_t> train;
    std::vector<uint32_t> test;
};

/**
 * Splits rows 0..y.size()-1. TimeOrdered: test = the last round(testFraction * n) rows.
 * StratifiedRandom: per class, round(testFraction * n_class) rows drawn by a Fisher-Yates
 * shuffle driven by std::mt19937_64(seed) (own index draws, so the split does not depend on
 * the standard library). RowHash: the rows whose `rowBuckets` (RowHash::buckets, one per row)
 * are below RowHash::threshold(testFraction).
 */
Split makeSplit(const std::vector<uint8_t> &y, const SplitOptions &options,
                const std::vector<uint32_t> &rowBuckets = {});

/// The period (month run, see MonthRuns) of each design row, for SplitKind::RollingOrigin.
struct RowPeriods
{
    std::vector<int32_t> ofRow; ///< per design row; -1 = unknown (continues the block)
    QStringList labels;         ///< label of each period
};

/// The month runs of the frame rows behind `design`'s rows (empty when `runs` are not in
/// date order, so that RollingOrigin falls back to equal blocks).
RowPeriods rowPeriods(const MonthRuns &runs, const DesignMatrix &design);

struct ValidationOptions
{
    SplitOptions split;
    FitOptions fit;
    double threshold = 0.5; ///< for the confusion matrix
    int calibrationGroups = 10;
    double topFraction = 0.2; ///< for the "calling the top X%" sentence
};

/// Metrics of the held-out rows.
struct HeldOutMetrics
{
    size_t rows = 0;
    size_t positives = 0;
    AucResult auc; ///< DeLong interval
    double logLoss = 0;
    double brier = 0;
    ConfusionMatrix confusion;
    HosmerLemeshow hosmerLemeshow;
    std::vector<DecileRow> deciles;
    double topFraction = 0.2;
    double topCapture = 0; ///< share of subscribers among the top topFraction by score
    QString topSentence;   ///< "Calling the top 20% by score reaches N% of the subscribers."
};

/// Outcome of validate(): the model fitted on the training rows and its held-out metrics.
/// A level of the held-out rows that no training row has: its dummy is all zero in training,
/// so the fit cannot estimate it and those rows are scored as the reference level.
struct UnseenLevel
{
    QString column;
    QString level;
    QString reference;
    size_t testRows = 0;
    size_t testPositives = 0;
};

/// One block of a rolling-origin validation: its rows and how the model before it did.
struct RollingBlock
{
    QString label;        ///< the block's month ("sep"), or its design rows ("32951-34600")
    size_t trainRows = 0; ///< rows before the block: the model that scored it saw these
    size_t rows = 0;      ///< held-out rows of the block
    size_t positives = 0;
    double auc = 0;        ///< of the block's rows; NaN when they hold one outcome only
    size_t unseenRows = 0; ///< rows with a level no earlier row had (scored at the average)
};

struct ValidationReport
{
    Split split; ///< indexes into the design rows
    /// Held-out levels the training rows never saw (the time split of bank-additional-full
    /// scored its 570 September contacts, 44.9% subscribers, as May, the weakest month).
    std::vector<UnseenLevel> unseenLevels;
    /// RollingOrigin: unseen levels were scored at the column's average effect in the
    /// training rows; otherwise they are scored as the reference level.
    bool unseenScoredAtAverage = false;
    /// RollingOrigin: the blocks, in row order; `fit` is the model of the last block.
    std::vector<RollingBlock> blocks;
    LogisticFit fit;                ///< fitted on split.train
    HeldOutMetrics heldOut;         ///< empty unless fit.ok()
    std::vector<double> testScores; ///< probability per test row (order of split.test)
    QString error;
    bool ok() const { return error.isEmpty() && fit.ok(); }
    /// True when the split held rows out (SplitKind::None holds none: no held-out metrics).
    /// A live model's rows stay on the engine: `split` is empty and heldOut counts them.
    bool hasHeldOut() const { return !split.test.empty() || heldOut.rows > 0; }
    /// Rows the fit saw (the split's training rows; a rolling origin's last fit saw more).
    size_t trainRows() const { return split.train.empty() ? fit.rows : split.train.size(); }
    size_t testRows() const { return split.test.empty() ? heldOut.rows : split.test.size(); }
};

/// Subscription rates of the training and the held-out rows of a split.
struct SplitRates
{
    double train = 0;
    double test = 0;
    /// The held-out rows differ from the training rows by more than half (either way), with
    /// at least 100 rows on each side: held-out calibration and accuracy then measure that
    /// shift as much as the model (bank-additional-full's time split: 6.4% against 30.8%).
    bool shifted = false;
};
SplitRates splitRates(const DesignMatrix &design, const Split &split);
/// The same from counts: rows and subscribers on each side.
SplitRates splitRates(size_t trainRows, size_t trainPositives, size_t testRows,
                      size_t testPositives);

/// All held-out metrics of probabilities `p` for outcomes `y`.
HeldOutMetrics evaluateScores(const std::vector<double> &p, const std::vector<uint8_t> &y,
                              const ValidationOptions &options = {});

/// "Calling the top 20% by score reaches 61.3% of the subscribers."
QString topCaptureSentence(double fraction, double capture);

/// Blocks of a rolling-origin validation at most; more periods are joined into this many.
inline constexpr int kMaxRollingBlocks = 24;
/// Blocks of a rolling-origin validation when the rows have no periods.
inline constexpr int kEqualBlocks = 5;

/**
 * Splits the design rows, fits on the training rows and evaluates on the test rows.
 * The encoding (reference levels, merged levels, scaling) is that of `design`, i.e. made on
 * all rows; only the coefficients see the training rows alone. `periods` places the blocks
 * of SplitKind::RollingOrigin (empty: kEqualBlocks equal blocks).
 */
ValidationReport validate(const DesignMatrix &design, const ValidationOptions &options = {},
                          const ProgressCallback &progress = {}, const RowPeriods &periods = {});

/// Probability for every row of `frame` under `fit` (encoding of `design`); NaN for rows
/// with a missing value in a used column.
std::vector<double> scoreFrame(const DataFrame &frame, const DesignMatrix &design,
                               const LogisticFit &fit, QString *error = nullptr);

} // namespace cl
