// CodeColumn: the dictionary codes of one categorical column, at the narrowest width that fits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cl {

/**
 * One code per row, stored as a slot (code + 1, so slot 0 is a missing value) in 1, 2 or 4
 * bytes: the width is chosen from the number of levels, so a column of a few levels over 41M
 * rows takes 41 MB, not 164. Reading gives the code (-1 = missing) whatever the width.
 *
 * Hot loops that walk millions of rows copy slots a block at a time with slotsInto() and
 * work on the copy, instead of branching on the width for every row.
 */
class CodeColumn
{
public:
    CodeColumn() = default;
    /// Codes as int32 (-1 = missing), stored at the width their largest code needs.
    explicit CodeColumn(const std::vector<int32_t> &codes);
    /// `rows` missing values, stored at the width that `levelCount` levels need.
    static CodeColumn missing(size_t rows, int levelCount);

    /// Bytes per row that `levelCount` levels (and the missing slot) need: 1, 2 or 4.
    static int widthFor(int levelCount);

    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    int width() const { return m_width; }

    int32_t operator[](size_t row) const
    {
        switch (m_width) {
        case 1:
            return int32_t(m_u8[row]) - 1;
        case 2:
            return int32_t(m_u16[row]) - 1;
        default:
            return int32_t(m_u32[row]) - 1;
        }
    }
    /// The slot of `row`: its code + 1 (0 = missing).
    uint32_t slot(size_t row) const
    {
        switch (m_width) {
        case 1:
            return m_u8[row];
        case 2:
            return m_u16[row];
        default:
            return m_u32[row];
        }
    }
    /// Sets a row's code (-1 = missing); the code must fit the width.
    void set(size_t row, int32_t code);
    /// Appends a code, widening the storage when it does not fit.
    void push_back(int32_t code);
    void reserve(size_t rows);
    /// Appends every row of `other`.
    void append(const CodeColumn &other);

    /// Copies the slots (code + 1) of rows [begin, begin + count) into `out`.
    void slotsInto(size_t begin, size_t count, uint32_t *out) const;

    /// The storage of a width-`width` column of `rows` rows, slots little-endian in host
    /// order, for a loader that fills it in place (e.g. from a column chunk). Resizes.
    uint8_t *bytesForWidth(int width, size_t rows);
    /// Bytes of the storage (size() * width()).
    const uint8_t *bytes() const;

    bool operator==(const CodeColumn &o) const;
    bool operator!=(const CodeColumn &o) const { return !(*this == o); }

private:
    void widen(int width);

    int m_width = 1;
    size_t m_size = 0;
    std::vector<uint8_t> m_u8;
    std::vector<uint16_t> m_u16;
    std::vector<uint32_t> m_u32;
};

} // namespace cl
