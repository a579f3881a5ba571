// In-memory, dictionary-coded columnar form of a dataset's silver table.
#pragma once

#include "CodeColumn.h"
#include "NumberColumn.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <limits>
#include <vector>

namespace cl {

/// How a silver column is stored and analysed.
enum class ColumnKind
{
    Categorical, ///< small set of levels, stored as dictionary codes
    Numeric      ///< integer or real measurements
};

/**
 * One column of a DataFrame.
 *
 * Categorical columns keep one code per row in `codes` (at the narrowest width their levels
 * allow) and the labels in `levels` (`levels[code]`); `numbers` is empty. Numeric columns keep
 * `numbers` (codes into their distinct values when there are few, see NumberColumn), read
 * with value() or a block at a time with valuesInto(); `codes` and `levels` are empty. Missing
 * values: code kMissingCode, value NaN. "unknown" in the source data is an explicit level, not
 * a missing value.
 */
struct FrameColumn
{
    static constexpr int32_t kMissingCode = -1;

    QString name;
    ColumnKind kind = ColumnKind::Numeric;
    CodeColumn codes;
    QStringList levels;
    NumberColumn numbers;
    bool derived = false; ///< computed by the import (age_band, ...), not read from the file

    static FrameColumn categorical(const QString &name, const QStringList &levels,
                                   const std::vector<int32_t> &codes)
    {
        FrameColumn c;
        c.name = name;
        c.kind = ColumnKind::Categorical;
        c.levels = levels;
        c.codes = CodeColumn(codes);
        return c;
    }
    /// A numeric column of `values`, coded when that is narrower (NumberColumn).
    static FrameColumn numeric(const QString &name, std::vector<double> values)
    {
        FrameColumn c;
        c.name = name;
        c.numbers = NumberColumn(std::move(values));
        return c;
    }

    /// Numeric: the value of `row` (NaN = missing). Passes over many rows use valuesInto().
    double value(size_t row) const { return numbers[row]; }
    /// Numeric: the values of rows [first, first + count) into `out`.
    void valuesInto(size_t first, size_t count, double *out) const
    {
        numbers.valuesInto(first, count, out);
    }

    bool isCategorical() const { return kind == ColumnKind::Categorical; }
    int levelCount() const { return int(levels.size()); }
    int levelCode(const QString &label) const { return int(levels.indexOf(label)); }
    size_t rowCount() const { return isCategorical() ? codes.size() : numbers.size(); }
    /// Categorical: rows per level (missing rows not counted); empty for a numeric column.
    std::vector<qint64> levelCounts() const;
};

/**
 * A dataset as columns in memory, with the binary target y (0/1) kept apart.
 * Rows are in file order (the bank files are in date order). Not thread-safe for writing;
 * const access from several threads is fine.
 */
class DataFrame
{
public:
    size_t rowCount() const { return m_target.size(); }
    size_t columnCount() const { return m_columns.size(); }

    const std::vector<FrameColumn> &columns() const { return m_columns; }
    /// nullptr where there is no column of that name.
    const FrameColumn *column(const QString &name) const;
    int columnIndex(const QString &name) const;
    QStringList columnNames() const;

    /// y per row: 1 = subscribed, 0 = not.
    const std::vector<uint8_t> &target() const { return m_target; }
    size_t positives() const;

    void setTarget(std::vector<uint8_t> y) { m_target = std::move(y); }
    /// Adds a column; its length must equal the target's.
    void addColumn(FrameColumn column);

private:
    std::vector<FrameColumn> m_columns;
    std::vector<uint8_t> m_target;
};

} // namespace cl
