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
    /// Predictors known only after the call (postCallColumns()): a run with one of them
    /// cannot rank clients before calling them, and every output of it says so.
    QStringList postCall;
    size_t droppedRows = 0; ///< rows left out for missing values
    QString error;          ///< non-empty when no design could be built

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
 * without their reference level (default: most frequent, ties to the lower code); levels
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
