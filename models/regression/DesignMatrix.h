// The design of a logistic model (its terms and rows over a DataFrame), and how it is made.
#pragma once

#include "ModelSpec.h"
#include "data/DataFrame.h"

#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace cl {

/// How one design column is computed from the frame.
struct DesignTerm
{
    enum class Kind
    {
        Intercept, ///< constant 1
        Numeric,   ///< (value - centre) / scale
        Level      ///< 1 where the column's code is `code`, else 0
    };
    Kind kind = Kind::Intercept;
    QString name;      ///< readable: "(Intercept)", "age", "job=retired (ref admin.)"
    QString column;    ///< source column; empty for the intercept
    QString level;     ///< level label for Kind::Level
    QString reference; ///< reference level label for Kind::Level
    int32_t code = -1; ///< level code for Kind::Level
    double centre = 0; ///< subtracted from numeric values (0 unless standardised)
    double scale = 1;  ///< divides numeric values (1 unless standardised)
};

/// A column of the frame that the model does not use, and why.
struct ExcludedColumn
{
    QString column;
    QString reason;
};

/**
 * The design of a logistic model over a frame: its columns (terms, intercept first) and its
 * rows (complete cases of the used columns; `frameRow` maps each back to the frame). It holds
 * no matrix: a value is read from the frame when it is needed, `codes[frameRow[i]] == code`
 * for a Level term and `(value(frameRow[i]) - centre) / scale` for a Numeric one, so that a
 * fit over millions of rows keeps one code (or, for a column of many distinct values, one
 * number) per row and used column, never rows x terms doubles.
 *
 * `frame` points at the frame it was built from (not owned): it must outlive every use of the
 * values (at(), fitLogistic(), predictProbabilities(), validate()). runModel() sets it to null
 * before it returns; the encoding (terms, notes, ...) stays valid without it.
 */
struct DesignMatrix
{
    size_t rows = 0;
    std::vector<DesignTerm> terms;        ///< one per design column
    std::vector<uint8_t> y;               ///< target per design row
    std::vector<uint32_t> frameRow;       ///< frame row of each design row, ascending
    const DataFrame *frame = nullptr;     ///< the frame the values are read from; not owned
    QStringList predictors;               ///< source columns used, in frame order
    std::vector<ExcludedColumn> excluded; ///< frame columns not used, with the reason
    QStringList notes;                    ///< merged rare levels and other encoding remarks
    /// Predictors known only after the call (postCallColumns()): a run with one of them
    /// cannot rank clients before calling them, and every output of it says so.
    QStringList postCall;
    size_t droppedRows = 0; ///< rows left out for missing values
    QString error;          ///< non-empty when no design could be built

    size_t cols() const { return terms.size(); }
    bool ok() const { return error.isEmpty(); }
    /// The value of design column `col` in design row `row`, read from `frame` (one value at a
    /// time: for checks and tests, not for passes over all rows).
    double at(size_t row, size_t col) const;
};

/**
 * The frame columns the design of `spec` over `frame` uses (its predictors, in frame order),
 * decided from the columns' names, kinds and level lists alone: a frame with the same columns
 * and levels but no rows gives the same answer. buildDesign() takes its predictors from here.
 * Validation errors of `spec` (an unknown column, a bad reference level) are left to
 * buildDesign(); the list then holds the columns that do exist.
 */
QStringList designColumns(const DataFrame &frame, const ModelSpec &spec = {});
/// The columns of `frame` the design leaves out, with the reason (DesignMatrix::excluded);
/// like designColumns(), from names, kinds and levels only.
std::vector<ExcludedColumn> excludedColumns(const DataFrame &frame, const ModelSpec &spec = {});

/**
 * Builds the design matrix of `spec` over `frame`.
 *
 * Encoding: intercept; numeric columns as they are (or standardised); categoricals one-hot
 * without their reference level (default: most frequent, ties to the first label in order); levels
 * under spec.minLevelShare of the rows, and (spec.mergeOneOutcomeLevels) levels whose rows all
 * have the same outcome, are merged into the reference with a note. Both rules depend on
 * shares and outcomes only, so a file repeated k times gives the same terms. Columns in frame
 * order, levels in code order.
 *
 * Left out by default (ModelSpec::include brings them back; postCallColumns() are then
 * listed in DesignMatrix::postCall):
 * - `duration`: known only after the call and predicts the outcome by itself.
 * - `campaign`: the calls of this campaign up to the last one, so it is complete only when
 *   the campaign is over (calls stop once a client says yes): a targeting model, which ranks
 *   clients before calling them, cannot use it either.
 * - `pdays`: missing (NaN) for the 96% never contacted before; `poutcome` carries that
 *   information without dropping rows.
 * - `previously_contacted` when `poutcome` is used: the same clients as poutcome other than
 *   "nonexistent" (its odds ratio next to poutcome's contradicted it).
 * - `emp_var_rate`, `nr_employed`, `cons_price_idx` and `cons_conf_idx` when `euribor3m` is
 *   used: the monthly economic indicators move together (GVIF 46 and 43 for emp_var_rate and
 *   euribor3m), and on a time split's training rows three of them are functions of the month,
 *   so no one of their effects could be read; euribor3m stands for the block.
 * - `age_band` when `age` is used (it is derived from age), or `age` when only `age_band` is
 *   asked for.
 * Rows with a missing value in a used column are dropped and counted. The result reads its
 * values from `frame` (see DesignMatrix), which must outlive it.
 */
DesignMatrix buildDesign(const DataFrame &frame, const ModelSpec &spec = {});

/// Rows and subscribers per level code of a categorical column, over a design's complete rows.
struct LevelCounts
{
    std::vector<size_t> rows, positives;
};

/**
 * The design of `spec` over a table known by its columns and counts only, such as a table on
 * a database engine: `schema` has the columns' names, kinds and levels (no rows), the table
 * `tableRows` rows of which `completeRows` are complete over the columns designColumns()
 * names, and `levelCounts(column)` counts those rows per level. The terms, exclusions and
 * notes are those buildDesign() makes over the same rows. The design has no rows, frame or
 * outcomes: the fit reaches the rows through DesignPasses. A standardising spec is refused
 * (its centres and scales need the rows).
 */
DesignMatrix designFromCounts(const DataFrame &schema, const ModelSpec &spec, size_t tableRows,
                              size_t completeRows,
                              const std::function<LevelCounts(const FrameColumn &)> &levelCounts);

} // namespace cl
