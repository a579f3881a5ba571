// DataFrame: lookup helpers over the column list.
#include "DataFrame.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace cl {

std::vector<qint64> FrameColumn::levelCounts() const
{
    std::vector<qint64> n(size_t(levelCount()), 0);
    std::vector<uint32_t> slots(4096);
    for (size_t begin = 0; begin < codes.size(); begin += slots.size()) {
        const size_t count = std::min(slots.size(), codes.size() - begin);
        codes.slotsInto(begin, count, slots.data());
        for (size_t i = 0; i < count; ++i)
            if (slots[i] > 0 && slots[i] <= uint32_t(n.size()))
                ++n[slots[i] - 1];
    }
    return n;
}

const FrameColumn *DataFrame::column(const QString &name) const
{
    const int i = columnIndex(name);
    return i < 0 ? nullptr : &m_columns[size_t(i)];
}

int DataFrame::columnIndex(const QString &name) const
{
    for (size_t i = 0; i < m_columns.size(); ++i) {
        if (m_columns[i].name == name)
            return int(i);
    }
    return -1;
}

QStringList DataFrame::columnNames() const
{
    QStringList names;
    for (const auto &c : m_columns)
        names << c.name;
    return names;
}

size_t DataFrame::positives() const
{
    return std::accumulate(m_target.begin(), m_target.end(), size_t(0));
}

void DataFrame::addColumn(FrameColumn column)
{
    if (column.rowCount() != m_target.size())
        throw std::invalid_argument("DataFrame::addColumn: column length differs from target");
    m_columns.push_back(std::move(column));
}

} // namespace cl
