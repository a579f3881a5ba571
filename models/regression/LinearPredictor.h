// LinearPredictor: x'beta of a frame row, term by term from the frame's codes and numbers.
#pragma once

#include "DesignMatrix.h"
#include "data/CodeColumn.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace cl {

class DataFrame;
struct FrameColumn;

/**
 * The linear predictor of a logistic model over the rows of a frame, read from the frame's
 * columns one row at a time: a categorical adds its level's coefficient (a table indexed by
 * the frame's codes), a numeric column its coefficient times (value - centre) / scale. No
 * design matrix is made, so scoring millions of rows needs one double per row at most.
 *
 * Columns are found by name and levels by label, so the frame may be another one than the
 * model was fitted on; a level the frame has and the model does not counts as the reference.
 * Holds pointers into `frame`, which must outlive it. Const use from several threads is fine.
 */
class LinearPredictor
{
public:
    /// `coefficients` has one entry per term of `terms`. error() says why it cannot score
    /// (a term's column is missing from `frame` or of another kind).
    LinearPredictor(const DataFrame &frame, const std::vector<DesignTerm> &terms,
                    const std::vector<double> &coefficients);

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }

    /// Adds `amount` to the predictor of the rows that have the level of Level term `term`
    /// (rolling origin scores a level no earlier row had at its column's average effect).
    void addToLevel(const DesignTerm &term, double amount);

    /// x'beta of frame row `row`; NaN when a used column is missing in that row.
    double eta(size_t row) const
    {
        double e = m_intercept;
        for (const Piece &p : m_pieces) {
            if (p.values)
                e += p.coefficient * ((p.values[row] - p.centre) / p.scale);
            else
                e += p.table[p.codes->slot(row)];
        }
        return e;
    }

private:
    static constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
    /// One used column, in the order of the terms.
    struct Piece
    {
        const FrameColumn *column = nullptr;
        bool categorical = false;
        /// A numeric column of doubles: its values; null for codes (categorical or numeric).
        const double *values = nullptr;
        double coefficient = 0;            ///< numeric column
        double centre = 0, scale = 1;      ///< numeric column
        const CodeColumn *codes = nullptr; ///< null for doubles
        /// Per slot of `codes` (code + 1): NaN for a missing value (slot 0), then for a
        /// categorical the sum of the coefficients of its terms with that level (0 for the
        /// reference and for levels the model lacks), for a coded numeric column its term,
        /// coefficient * (value - centre) / scale, computed as for doubles. Empty for doubles.
        std::vector<double> table;
    };

    double m_intercept = 0;
    std::vector<Piece> m_pieces;
    QString m_error;
};

} // namespace cl
