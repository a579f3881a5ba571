// ImportPlan: from a source's header and sample to typed silver rows and a quality summary.
#pragma once

#include "LayoutMatcher.h"
#include "QualitySummary.h"
#include "data/AgeBands.h"
#include "data/ColumnRole.h"
#include "store/DatasetInfo.h"
#include "store/DatasetTables.h"
#include "store/ImportBatch.h"

#include <QList>
#include <QMap>
#include <QStringList>

#include <memory>
#include <string_view>
#include <vector>

namespace cl {

/// What the user said about the columns, and how the source writes numbers.
struct ImportPlanSettings
{
    /// Source column name -> role, overriding automatic mapping ("customer_age" -> Age).
    QMap<QString, ColumnRole> roleOverrides;
    AgeBands ageBands;
    bool decimalComma = false; ///< numbers written as "1,5"
};

/// The values a numeric column of `role` may hold (README "Plausible values"): a value outside
/// [lowest, highest], not a number, or not whole where `whole`, rejects its row. A live dataset
/// leaves such rows out on the engine by the same ranges.
struct PlausibleRange
{
    double lowest;
    double highest;
    bool whole;
};
PlausibleRange plausibleRange(ColumnRole role);
/// A range's bound as the rejections word it ("120", "1e+15").
QString plausibleBoundText(double v);

/// Records seen so far; dataLines == rowsRead + rowsRejected.
struct ImportCounts
{
    int64_t dataLines = 0;
    int64_t rowsRead = 0;
    int64_t rowsRejected = 0;
    int64_t subscribers = 0; ///< accepted rows with y = 1
};

/**
 * The import's rules, with no SQLite and no file: column roles and types (LayoutMatcher and
 * type inference on the sample), plausible ranges, the cleaning of each cell (target spellings,
 * pdays sentinels, previously_contacted, age bands, category codes), the layout of the silver
 * table and its raw remainders, and the quality accumulators. Testable on records in memory.
 *
 * Threads: one at a time (the importer's parser thread adds records; the importer reads the
 * results after it has joined).
 */
class ImportPlan
{
public:
    ImportPlan(const QStringList &header, const QList<QStringList> &sample,
               const ImportPlanSettings &settings);
    ~ImportPlan();
    ImportPlan(const ImportPlan &) = delete;
    ImportPlan &operator=(const ImportPlan &) = delete;

    /// False when the header cannot be planned (no target column, ...): error() says why.
    bool ok() const;
    QString error() const;
    /// "bank-additional-full", "bank-full" or "custom".
    QString layout() const;

    /// Stored cells per row in a batch: the silver columns, then the raw remainders.
    int rowWidth() const;
    /// Remainder columns (ImportBatch::remaindersUsed needs one flag for each).
    int remainderCount() const;

    /**
     * Cleans one record into the next row of `batch`. True when accepted: the cells are
     * appended, dictionaries and accumulators grow. False with `*reason` ("column 'age': 150 is
     * outside the plausible range 1 to 120") when rejected: `batch` is left as it was.
     */
    bool addRecord(const std::vector<std::string_view> &fields, ImportBatch &batch,
                   QString *reason);
    /// A record the source could not read (its reason is the source's).
    void addUnreadable();
    /// Distinct values a categorical column may have (a name or an identifier has one a row).
    static constexpr int kMaxLevels = 100000;
    /**
     * True once a record gave a categorical column more than kMaxLevels values: that record was
     * rejected with the reason, and the import stops (the sample the column was planned from
     * was too small to tell it is no category, and its levels would fill the memory).
     */
    bool tooManyLevels() const;
    const ImportCounts &counts() const;

    /// The tables the writer makes (known before the first record).
    DatasetTables tables() const;
    /// After the records: the labels of each silver column's codes (empty when not categorical).
    std::vector<QStringList> levels() const;
    /// The silver columns as the dataset row describes them.
    QList<SilverColumn> columns() const;
    /// Counts, per-column facts and the warnings a banker needs, with `duplicates` rows that
    /// repeat an earlier one (counted by whoever holds the record hashes).
    QualitySummary quality(int64_t duplicates) const;

private:
    struct State;
    std::unique_ptr<State> d;
};

} // namespace cl
