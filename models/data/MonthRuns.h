// MonthRuns: the months with contacts of a frame in row order, and whether rows are in date order.
#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace cl {

/// The column that names each contact's month (its runs cut a rolling-origin validation).
inline const QString kMonthColumn = QStringLiteral("month");

class DataFrame;

/**
 * The runs of one `month` label in row order. In a file kept in date order (the UCI files)
 * each run is one calendar month with contacts; in a shuffled file (bank.csv, a 10% sample)
 * the label changes almost every row and the runs mean nothing.
 */
struct MonthRuns
{
    std::vector<int32_t> runOfRow; ///< per frame row: index into `labels`; -1 = month missing
    QStringList labels;            ///< month label of each run, in row order
    /// The rows are in date order: the label changes at most once per 20 rows and the runs
    /// cover at most 20 years (bank-additional-full: 26 runs in 41,188 rows; bank.csv: 3,751
    /// in 4,521 rows). False when there is no categorical `month` column.
    bool ordered = false;

    int count() const { return int(labels.size()); }
};

/// The month runs of `frame` (empty when it has no categorical `month` column).
MonthRuns monthRuns(const DataFrame &frame);

} // namespace cl
