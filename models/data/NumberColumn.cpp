// NumberColumn: coding, the dictionary order, block decoding, the row-by-row builder.
#include "NumberColumn.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace cl {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

/// Whole numbers in [0, 65536) (ages, counts, days) look up a table, not a hash map.
constexpr double kSmall = 65536;

template <class Slot>
void decode(const Slot *slots, size_t count, const double *bySlot, double *out)
{
    for (size_t i = 0; i < count; ++i)
        out[i] = bySlot[slots[i]];
}

uint64_t bitsOf(double v)
{
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    return bits;
}

} // namespace

NumberColumn::NumberColumn(std::vector<double> values)
{
    Builder b;
    b.reserve(values.size());
    for (const double v : values) {
        if (!b.code(v)) {
            *this = doubles(std::move(values));
            return;
        }
    }
    *this = b.finish();
}

NumberColumn NumberColumn::doubles(std::vector<double> values)
{
    NumberColumn c;
    c.m_values = std::move(values);
    return c;
}

NumberColumn NumberColumn::coded(std::vector<double> dictionary, CodeColumn codes)
{
    NumberColumn c;
    c.m_coded = true;
    c.m_codes = std::move(codes);
    c.m_bySlot.reserve(dictionary.size() + 1);
    c.m_bySlot.push_back(kNan);
    c.m_bySlot.insert(c.m_bySlot.end(), dictionary.begin(), dictionary.end());
    return c;
}

void NumberColumn::valuesInto(size_t first, size_t count, double *out) const
{
    if (!m_coded) {
        std::copy(m_values.begin() + std::ptrdiff_t(first),
                  m_values.begin() + std::ptrdiff_t(first + count), out);
        return;
    }
    const uint8_t *bytes = m_codes.bytes();
    switch (m_codes.width()) {
    case 1:
        decode(bytes + first, count, m_bySlot.data(), out);
        break;
    case 2:
        decode(reinterpret_cast<const uint16_t *>(bytes) + first, count, m_bySlot.data(), out);
        break;
    default:
        decode(reinterpret_cast<const uint32_t *>(bytes) + first, count, m_bySlot.data(), out);
    }
}

std::vector<double> NumberColumn::toVector() const
{
    std::vector<double> out(size());
    valuesInto(0, out.size(), out.data());
    return out;
}

std::vector<double> NumberColumn::dictionary() const
{
    return m_bySlot.empty() ? std::vector<double>()
                            : std::vector<double>(m_bySlot.begin() + 1, m_bySlot.end());
}

size_t NumberColumn::memoryBytes() const
{
    return m_coded ? m_codes.size() * size_t(m_codes.width()) + m_bySlot.size() * sizeof(double)
                   : m_values.size() * sizeof(double);
}

bool NumberColumn::operator==(const NumberColumn &o) const
{
    if (size() != o.size())
        return false;
    constexpr size_t kBlock = 4096;
    std::vector<double> a(std::min(kBlock, size())), b(a.size());
    for (size_t first = 0; first < size(); first += kBlock) {
        const size_t count = std::min(kBlock, size() - first);
        valuesInto(first, count, a.data());
        o.valuesInto(first, count, b.data());
        for (size_t i = 0; i < count; ++i)
            if (std::isnan(a[i]) ? !std::isnan(b[i]) : bitsOf(a[i]) != bitsOf(b[i]))
                return false;
    }
    return true;
}

void NumberColumn::Builder::reserve(size_t rows)
{
    if (m_coded)
        m_slots.reserve(rows);
    else
        m_values.reserve(rows);
}

void NumberColumn::Builder::push_back(double v)
{
    if (m_coded && code(v))
        return;
    if (m_coded)
        toDoubles();
    m_values.push_back(v);
}

bool NumberColumn::Builder::code(double v)
{
    uint16_t slot = 0; // NaN: missing
    const auto add = [this](double value, uint16_t *out) {
        if (m_seen.size() == kMaxDistinct)
            return false;
        m_seen.push_back(value);
        *out = uint16_t(m_seen.size());
        return true;
    };
    if (v >= 0 && v < kSmall && !std::signbit(v) && double(uint32_t(v)) == v) {
        if (m_small.empty())
            m_small.assign(size_t(kSmall), 0);
        uint16_t &known = m_small[size_t(v)];
        if (known == 0 && !add(v, &known))
            return false;
        slot = known;
    } else if (!std::isnan(v)) {
        // Others first compare with the last one (a monthly indicator repeats for many rows).
        const uint64_t bits = bitsOf(v);
        if (m_lastSlot == 0 || bits != m_lastBits) {
            const auto it = m_index.find(bits);
            uint16_t found = 0;
            if (it != m_index.end())
                found = it->second;
            else if (!add(v, &found))
                return false;
            else
                m_index.emplace(bits, found);
            m_lastBits = bits;
            m_lastSlot = found;
        }
        slot = m_lastSlot;
    }
    m_slots.push_back(slot);
    return true;
}

void NumberColumn::Builder::toDoubles()
{
    m_values.reserve(m_slots.capacity());
    for (const uint16_t s : m_slots)
        m_values.push_back(s == 0 ? kNan : m_seen[s - 1u]);
    m_coded = false;
    m_slots = {};
    m_seen = {};
    m_small = {};
    m_index = {};
}

NumberColumn NumberColumn::Builder::finish()
{
    if (!m_coded) {
        NumberColumn c = doubles(std::move(m_values));
        *this = Builder();
        return c;
    }
    // From first-seen order to dictionary order: a table from old slots to new ones.
    std::vector<uint32_t> order(m_seen.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [this](uint32_t a, uint32_t b) { return dictionaryLess(m_seen[a], m_seen[b]); });
    std::vector<uint16_t> newSlot(m_seen.size() + 1, 0);
    std::vector<double> dictionary(m_seen.size());
    for (size_t k = 0; k < order.size(); ++k) {
        newSlot[order[k] + 1] = uint16_t(k + 1);
        dictionary[k] = m_seen[order[k]];
    }
    CodeColumn codes;
    const size_t n = m_slots.size();
    uint8_t *out = codes.bytesForWidth(CodeColumn::widthFor(int(dictionary.size())), n);
    if (codes.width() == 1) {
        for (size_t i = 0; i < n; ++i)
            out[i] = uint8_t(newSlot[m_slots[i]]);
    } else {
        auto *out16 = reinterpret_cast<uint16_t *>(out);
        for (size_t i = 0; i < n; ++i)
            out16[i] = newSlot[m_slots[i]];
    }
    *this = Builder();
    return coded(std::move(dictionary), std::move(codes));
}

} // namespace cl
