// RecordHashSet: the 64-bit hashes of the records seen so far, for counting duplicate rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cl {

/// Open-addressing set of 64-bit record hashes, for counting duplicate rows.
class RecordHashSet
{
public:
    RecordHashSet() : m_slots(1 << 16, 0) {}
    /// Inserts all `hashes`; returns how many were already present. Lookups are prefetched a
    /// few entries ahead: at millions of rows nearly every probe is a cache miss.
    int64_t insertAll(const std::vector<uint64_t> &hashes)
    {
        while ((m_size + hashes.size() + 1) * 2 > m_slots.size())
            grow();
        constexpr size_t kAhead = 8;
        const size_t mask = m_slots.size() - 1;
        int64_t repeated = 0;
        for (size_t k = 0; k < hashes.size(); ++k) {
            if (k + kAhead < hashes.size())
                __builtin_prefetch(&m_slots[hashes[k + kAhead] & mask]);
            if (!insert(hashes[k]))
                ++repeated;
        }
        return repeated;
    }

private:
    /// True when the hash was new.
    bool insert(uint64_t h)
    {
        if (h == 0)
            h = 1;
        if ((m_size + 1) * 2 > m_slots.size())
            grow();
        size_t i = h & (m_slots.size() - 1);
        while (m_slots[i] != 0) {
            if (m_slots[i] == h)
                return false;
            i = (i + 1) & (m_slots.size() - 1);
        }
        m_slots[i] = h;
        ++m_size;
        return true;
    }

    void grow()
    {
        std::vector<uint64_t> old(m_slots.size() * 2, 0);
        old.swap(m_slots);
        m_size = 0;
        for (uint64_t h : old) {
            if (h)
                insert(h);
        }
    }
    std::vector<uint64_t> m_slots;
    size_t m_size = 0;
};

} // namespace cl
