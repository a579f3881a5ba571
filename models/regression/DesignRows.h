// DesignRows: which rows of a design a fit or a score reads, without copying the design.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cl {

/**
 * A selection of design rows: a contiguous range, or a list of indexes that the caller owns.
 * Validation fits on its training rows and scores its test rows through one of these, so
 * that no part of the design is ever copied. Plain value; the list it may point to must
 * outlive it.
 */
class DesignRows
{
public:
    /// Rows [begin, end).
    static DesignRows range(size_t begin, size_t end)
    {
        DesignRows r;
        r.m_begin = begin;
        r.m_size = end > begin ? end - begin : 0;
        return r;
    }
    /// The rows `rows` lists, in its order (repeats allowed); `rows` must outlive the result.
    /// An ascending run without gaps becomes a range, so that readers can take it in one go.
    static DesignRows list(const std::vector<uint32_t> &rows)
    {
        if (!rows.empty() && rows.back() >= rows.front() &&
            size_t(rows.back()) - rows.front() + 1 == rows.size()) {
            bool ascending = true;
            for (size_t k = 1; k < rows.size() && ascending; ++k)
                ascending = rows[k] == rows[k - 1] + 1u;
            if (ascending)
                return range(rows.front(), size_t(rows.back()) + 1);
        }
        DesignRows r;
        r.m_list = &rows;
        r.m_size = rows.size();
        return r;
    }

    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    /// The design row of the k-th selected row.
    size_t operator[](size_t k) const { return m_list ? (*m_list)[k] : m_begin + k; }
    /// True for a contiguous range; first() is then its first row.
    bool isRange() const { return m_list == nullptr; }
    size_t first() const { return m_list ? (m_size ? (*m_list)[0] : 0) : m_begin; }

private:
    const std::vector<uint32_t> *m_list = nullptr; ///< null: the range [m_begin, m_begin + m_size)
    size_t m_begin = 0;
    size_t m_size = 0;
};

} // namespace cl
