// CodeColumn: width choice, widening, block copies.
#include "CodeColumn.h"

#include <algorithm>
#include <stdexcept>

namespace cl {

namespace {

int widthForSlot(uint32_t slot)
{
    return slot <= 0xFF ? 1 : slot <= 0xFFFF ? 2 : 4;
}

} // namespace

CodeColumn::CodeColumn(const std::vector<int32_t> &codes)
{
    int32_t top = -1;
    for (const int32_t c : codes)
        top = std::max(top, c);
    m_width = widthForSlot(uint32_t(top + 1));
    reserve(codes.size());
    for (const int32_t c : codes)
        push_back(c);
}

CodeColumn CodeColumn::missing(size_t rows, int levelCount)
{
    CodeColumn c;
    c.bytesForWidth(widthFor(levelCount), rows);
    return c;
}

int CodeColumn::widthFor(int levelCount)
{
    return widthForSlot(uint32_t(std::max(levelCount, 0)));
}

void CodeColumn::set(size_t row, int32_t code)
{
    const uint32_t slot = uint32_t(code + 1);
    if (widthForSlot(slot) > m_width)
        throw std::out_of_range("CodeColumn::set: code does not fit the width");
    switch (m_width) {
    case 1:
        m_u8[row] = uint8_t(slot);
        break;
    case 2:
        m_u16[row] = uint16_t(slot);
        break;
    default:
        m_u32[row] = slot;
    }
}

void CodeColumn::push_back(int32_t code)
{
    const uint32_t slot = uint32_t(code + 1);
    if (widthForSlot(slot) > m_width)
        widen(widthForSlot(slot));
    switch (m_width) {
    case 1:
        m_u8.push_back(uint8_t(slot));
        break;
    case 2:
        m_u16.push_back(uint16_t(slot));
        break;
    default:
        m_u32.push_back(slot);
    }
    ++m_size;
}

void CodeColumn::reserve(size_t rows)
{
    switch (m_width) {
    case 1:
        m_u8.reserve(rows);
        break;
    case 2:
        m_u16.reserve(rows);
        break;
    default:
        m_u32.reserve(rows);
    }
}

void CodeColumn::append(const CodeColumn &other)
{
    if (other.m_width > m_width)
        widen(other.m_width);
    reserve(m_size + other.m_size);
    for (size_t i = 0; i < other.m_size; ++i)
        push_back(other[i]);
}

void CodeColumn::slotsInto(size_t begin, size_t count, uint32_t *out) const
{
    switch (m_width) {
    case 1:
        std::copy(m_u8.begin() + std::ptrdiff_t(begin),
                  m_u8.begin() + std::ptrdiff_t(begin + count), out);
        break;
    case 2:
        std::copy(m_u16.begin() + std::ptrdiff_t(begin),
                  m_u16.begin() + std::ptrdiff_t(begin + count), out);
        break;
    default:
        std::copy(m_u32.begin() + std::ptrdiff_t(begin),
                  m_u32.begin() + std::ptrdiff_t(begin + count), out);
    }
}

uint8_t *CodeColumn::bytesForWidth(int width, size_t rows)
{
    m_u8.clear();
    m_u16.clear();
    m_u32.clear();
    m_width = width;
    m_size = rows;
    switch (width) {
    case 1:
        m_u8.assign(rows, 0);
        return m_u8.data();
    case 2:
        m_u16.assign(rows, 0);
        return reinterpret_cast<uint8_t *>(m_u16.data());
    case 4:
        m_u32.assign(rows, 0);
        return reinterpret_cast<uint8_t *>(m_u32.data());
    }
    throw std::invalid_argument("CodeColumn: width must be 1, 2 or 4");
}

const uint8_t *CodeColumn::bytes() const
{
    switch (m_width) {
    case 1:
        return m_u8.data();
    case 2:
        return reinterpret_cast<const uint8_t *>(m_u16.data());
    default:
        return reinterpret_cast<const uint8_t *>(m_u32.data());
    }
}

bool CodeColumn::operator==(const CodeColumn &o) const
{
    if (m_size != o.m_size)
        return false;
    for (size_t i = 0; i < m_size; ++i)
        if ((*this)[i] != o[i])
            return false;
    return true;
}

void CodeColumn::widen(int width)
{
    std::vector<int32_t> codes(m_size);
    for (size_t i = 0; i < m_size; ++i)
        codes[i] = (*this)[i];
    bytesForWidth(width, m_size);
    for (size_t i = 0; i < m_size; ++i)
        set(i, codes[i]);
}

} // namespace cl
