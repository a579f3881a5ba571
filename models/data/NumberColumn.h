// NumberColumn: the values of one numeric column, as codes into its distinct values when few.
#pragma once

#include "CodeColumn.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <vector>

namespace cl {

/**
 * One double per row. When the column has at most kMaxDistinct distinct values they are kept
 * once, in a dictionary (ascending), and each row as a code into it in a CodeColumn (1 byte a
 * row for up to 255 distinct values, 2 for up to 65,535): the bank's ages, counts and monthly
 * indicators take 1 or 2 bytes a row instead of 8, which at 41M rows is most of a model's
 * memory. A column with more distinct values keeps its doubles ("coded" or not is a matter of
 * storage only: every reader gets doubles).
 *
 * Lossless: a value reads back with the bits it was given (-0.0 and 0.0 are two values), but
 * every NaN (a missing value, the missing code) reads back as the quiet NaN.
 *
 * Hot loops decode a block of rows at a time with valuesInto(), or read the codes and look
 * them up in bySlot() themselves. A plain value type; const use from several threads is fine.
 */
class NumberColumn
{
public:
    /// The most distinct values (NaN aside) that a column keeps as codes.
    static constexpr size_t kMaxDistinct = 65535;

    NumberColumn() = default;
    /// `values`, coded when they have at most kMaxDistinct distinct values, else as they are.
    explicit NumberColumn(std::vector<double> values);
    /// `values` as doubles, whatever their number of distinct values.
    static NumberColumn doubles(std::vector<double> values);
    /// Rows as `codes` into `dictionary` (code -1: missing), for a loader that has both.
    /// `dictionary`: distinct values in dictionaryLess() order, no NaN, at most kMaxDistinct;
    /// every code must be below its size.
    static NumberColumn coded(std::vector<double> dictionary, CodeColumn codes);

    /// The order of a dictionary: numeric, with -0.0 before 0.0 (NaN is never in one).
    static bool dictionaryLess(double a, double b) { return orderKey(a) < orderKey(b); }

    size_t size() const { return m_coded ? m_codes.size() : m_values.size(); }
    bool empty() const { return size() == 0; }
    /// True when the rows are codes into a dictionary, false when they are doubles.
    bool isCoded() const { return m_coded; }

    /// The value of `row` (NaN = missing).
    double operator[](size_t row) const
    {
        return m_coded ? m_bySlot[m_codes.slot(row)] : m_values[row];
    }
    /// The values of rows [first, first + count) into `out`.
    void valuesInto(size_t first, size_t count, double *out) const;
    /// Every value, as doubles (8 bytes a row: for tests and small columns).
    std::vector<double> toVector() const;

    /// Doubles: one per row; nullptr when coded.
    const double *data() const { return m_coded ? nullptr : m_values.data(); }
    /// Coded: one code per row into the dictionary (-1 = missing); empty for doubles.
    const CodeColumn &codes() const { return m_codes; }
    /// Coded: the value of each slot (code + 1): NaN for slot 0, then the dictionary. Empty
    /// for doubles.
    const std::vector<double> &bySlot() const { return m_bySlot; }
    /// Coded: the distinct values, in dictionaryLess() order; empty for doubles.
    std::vector<double> dictionary() const;
    /// Bytes the rows and the dictionary take.
    size_t memoryBytes() const;

    /// The same values row by row, bit for bit, NaN equal to NaN (whatever the storage).
    bool operator==(const NumberColumn &o) const;
    bool operator!=(const NumberColumn &o) const { return !(*this == o); }

    /**
     * Builds a column a row at a time, coded from the start (2 bytes a row while it builds):
     * a loader that reads row by row never holds 8 bytes a row unless there are more than
     * kMaxDistinct distinct values, when it turns to doubles. Not thread-safe.
     */
    class Builder
    {
    public:
        void reserve(size_t rows);
        void push_back(double v);
        /// The column (codes in dictionary order); the builder is left empty.
        NumberColumn finish();

    private:
        friend class NumberColumn;
        /// Appends the code of `v`; false (nothing appended) when `v` would be one distinct
        /// value too many.
        bool code(double v);
        void toDoubles();

        bool m_coded = true;
        std::vector<uint16_t> m_slots; ///< while coded: per row, 1 + index into m_seen
        std::vector<double> m_seen;    ///< while coded: distinct values, first seen first
        std::vector<uint16_t> m_small; ///< slot of each whole number in [0, 65536); 0: unseen
        std::unordered_map<uint64_t, uint16_t> m_index; ///< slot of the other values' bits
        uint64_t m_lastBits = 0;                        ///< the last looked-up other value
        uint16_t m_lastSlot = 0;                        ///< its slot; 0: none yet
        std::vector<double> m_values;                   ///< once not coded: the values
    };

private:
    /// An unsigned key in dictionaryLess() order: the bits, the sign flipped for positives
    /// and all of them for negatives.
    static uint64_t orderKey(double v)
    {
        uint64_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        return bits >> 63 ? ~bits : bits | (uint64_t(1) << 63);
    }

    bool m_coded = false;
    std::vector<double> m_values;
    CodeColumn m_codes;
    std::vector<double> m_bySlot;
};

} // namespace cl
