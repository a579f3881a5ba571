// The numeric design matrix of a logistic model, and how it was made from a DataFrame.
#pragma once

#include "ModelSpec.h"
#include "data/DataFrame.h"

#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>
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
 * Dense design matrix, column-major (`values[j * rows + i]`), with intercept first.
 * Rows with a missing value in any used column are left out; `frameRow` maps each design
 * row back to the frame. Plain data: copy it, keep it with the fit to score new frames.
 */
struct DesignMatrix
{
    size_t rows = 0;
    std::vector<DesignTerm> terms;        ///< one per design column
    std::vector<double> values;           ///< rows x terms.size(), column-major
    std::vector<uint8_t> y;               ///< target per design row
    std::vector<size_t> frameRow;         ///< frame row of each design row
    QStringList predictors;               ///< source columns used, in frame order
    std::vector<ExcludedColumn> excluded; ///< frame columns not used, with the reason
    QStringList notes;                    ///< merged rare levels and other encoding remarks
    size_t droppedRows = 0;               ///< rows left out for missing values
    QString error;                        ///< non-empty when no design could be built

    size_t cols() const { return terms.size(); }
    bool ok() const { return error.isEmpty(); }
    double at(size_t row, size_t col) const { return values[col * rows + row]; }
    /// Design restricted to the given design rows (same terms), e.g. a training split.
    DesignMatrix subset(const std::vector<size_t> &designRows) const;
};

/**
 * Builds the design matrix of `spec` over `frame`.
 *
 * Encoding: intercept; numeric columns as they are (or standardised); categoricals one-hot
 * without their reference level (default: most frequent, ties to the lower code); levels with
 * fewer than spec.minLevelRows rows are merged into the reference. Columns in frame order,
 * levels in code order.
 *
 * Left out by default (ModelSpec::include brings them back):
 * - `duration`: known only after the call and predicts the outcome by itself; a targeting
 *   model cannot use it.
 * - `pdays`: missing (NaN) for the 96% never contacted before; `previously_contacted` and
 *   `poutcome` carry that information without dropping rows.
 * - `age_band` when `age` is used (it is derived from age), or `age` when only `age_band` is
 *   asked for.
 * Rows with a missing value in a used column are dropped and counted.
 */
DesignMatrix buildDesign(const DataFrame &frame, const ModelSpec &spec = {});

/**
 * Applies the encoding of `design` (its terms) to the rows of `frame`: the matrix of every
 * frame row, with NaN in all columns of rows that have a missing value. Unknown levels
 * (not in the frame's dictionary) give 0 in every dummy of that column.
 */
std::vector<double> encodeRows(const DataFrame &frame, const std::vector<DesignTerm> &terms,
                               QString *error = nullptr);

} // namespace cl
