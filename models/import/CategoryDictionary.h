// CategoryDictionary: label -> code for one categorical column during an import.
#pragma once

#include "data/ColumnRole.h"

#include <QHashFunctions>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cl {

/// Equal bytes, for the short strings of category spellings: overlapping word loads instead
/// of a call to memcmp.
inline bool sameShortBytes(const char *a, const char *b, size_t n)
{
    const auto word = [](const char *p, size_t size) {
        uint64_t w = 0;
        std::memcpy(&w, p, size);
        return w;
    };
    if (n >= 8 && n <= 16)
        return word(a, 8) == word(b, 8) && word(a + n - 8, 8) == word(b + n - 8, 8);
    if (n >= 4 && n < 8)
        return word(a, 4) == word(b, 4) && word(a + n - 4, 4) == word(b + n - 4, 4);
    if (n < 4) {
        for (size_t i = 0; i < n; ++i)
            if (a[i] != b[i])
                return false;
        return true;
    }
    return std::memcmp(a, b, n) == 0;
}

inline bool sameText(const std::string &a, std::string_view b)
{
    return a.size() == b.size() && sameShortBytes(a.data(), b.data(), b.size());
}

/// Dictionary of one categorical column: normalised label -> code, with a table from the raw
/// bytes (few distinct spellings per column) so that most rows cost one hash and one short
/// compare. Not thread-safe; one per column of one import.
class CategoryDictionary
{
public:
    /// `key` keys the fast hash of the spellings: random for each process unless given (tests).
    explicit CategoryDictionary(uint64_t key = processKey()) : m_key(key) {}
    static uint64_t processKey()
    {
        static const uint64_t key = QRandomGenerator::system()->generate64();
        return key;
    }
    /// The most slots an insert may pass before the table changes to Qt's seeded hash.
    static constexpr size_t kMaxProbe = 32;

    /// Code of `raw`; `*exact` tells whether the label alone gives `raw` back (an empty
    /// field and the missing level both read as NULL).
    int codeOf(std::string_view raw, bool *exact)
    {
        // Rows come in date order: the month and the weekday repeat from one row to the next.
        if (m_last >= 0 && sameText(m_spellings[size_t(m_last)].text, raw))
            return m_spellings[size_t(m_last)].hit(exact);
        const uint64_t h = m_strong ? strongHash(raw) : fastHash(raw, m_key);
        size_t slot = size_t(h) & (m_slots.size() - 1);
        for (; m_slots[slot] >= 0; slot = (slot + 1) & (m_slots.size() - 1)) {
            const auto i = size_t(m_slots[slot]);
            if (m_spellings[i].hash == h && sameText(m_spellings[i].text, raw)) {
                m_last = int(i);
                return m_spellings[i].hit(exact);
            }
        }
        return addSpelling(raw, h, slot, exact);
    }
    const QStringList &labels() const { return m_labels; }
    /// The most slots a look-up of a known spelling passes before it finds it.
    size_t longestProbe() const
    {
        size_t longest = 0;
        for (size_t slot = 0; slot < m_slots.size(); ++slot)
            if (m_slots[slot] >= 0)
                longest =
                    std::max(longest, probeLength(m_spellings[size_t(m_slots[slot])].hash, slot));
        return longest;
    }

    /// Every byte counts (a file of many long labels alike but for one byte in the middle must
    /// not make every look-up walk the table); short labels, the usual ones, in two loads.
    static uint64_t fastHash(std::string_view s, uint64_t key)
    {
        constexpr uint64_t k1 = 0x9E3779B97F4A7C15ull;
        constexpr uint64_t k2 = 0xC2B2AE3D27D4EB4Full;
        const auto word = [](const char *p, size_t size) {
            uint64_t w = 0;
            std::memcpy(&w, p, size);
            return w;
        };
        const size_t n = s.size();
        uint64_t h = (uint64_t(n) * k1) ^ key;
        if (n <= 8) {
            h ^= word(s.data(), n) * k2;
        } else if (n <= 16) {
            h ^= (word(s.data(), 8) * k2) ^ (word(s.data() + n - 8, 8) * k1);
        } else {
            size_t i = 0;
            for (; i + 8 <= n; i += 8)
                h = (h ^ word(s.data() + i, 8)) * k2 + k1;
            h ^= word(s.data() + i, n - i) * k1;
        }
        h ^= h >> 29;
        h *= k2;
        return h ^ (h >> 32);
    }

    static QString normalise(std::string_view raw)
    {
        const QString s =
            QString::fromUtf8(raw.data(), qsizetype(raw.size())).simplified().toLower();
        return s.isEmpty() ? kMissingLevel : s;
    }

private:
    struct QStringHash
    {
        size_t operator()(const QString &s) const { return qHash(s); }
    };
    struct Spelling
    {
        std::string text;
        uint64_t hash = 0;
        int code = 0;
        bool exact = false;
        int hit(bool *isExact) const
        {
            *isExact = exact;
            return code;
        }
    };

    /// Qt's hash of the bytes with its random seed for the process (AES or SipHash): a file
    /// cannot be crafted to collide in it. Slower than fastHash, so used only once fastHash has
    /// made a long probe: a file crafted for it (the key is random, but the hash is ours, not
    /// one made to withstand that) would otherwise make every look-up walk its labels.
    static uint64_t strongHash(std::string_view s)
    {
        return uint64_t(qHashBits(s.data(), s.size(), QHashSeed::globalSeed()));
    }
    size_t probeLength(uint64_t hash, size_t slot) const
    {
        return (slot - size_t(hash)) & (m_slots.size() - 1);
    }
    /// Every spelling in the table again, at its hash's slot (the hashes are kept).
    void placeAll()
    {
        for (size_t i = 0; i < m_spellings.size(); ++i) {
            size_t slot = size_t(m_spellings[i].hash) & (m_slots.size() - 1);
            while (m_slots[slot] >= 0)
                slot = (slot + 1) & (m_slots.size() - 1);
            m_slots[slot] = int(i);
        }
    }

    int addSpelling(std::string_view raw, uint64_t h, size_t freeSlot, bool *exact)
    {
        const QString label = normalise(raw);
        int code;
        const auto known = m_codes.find(label);
        if (known != m_codes.end()) {
            code = known->second;
        } else {
            code = int(m_labels.size());
            m_labels << label;
            m_codes.emplace(label, code);
        }
        const bool same = raw.empty()
                              ? label == kMissingLevel
                              : label != kMissingLevel &&
                                    label == QString::fromUtf8(raw.data(), qsizetype(raw.size()));
        m_spellings.push_back({std::string(raw), h, code, same});
        m_last = int(m_spellings.size() - 1);
        m_slots[freeSlot] = m_last;
        if (!m_strong && probeLength(h, freeSlot) > kMaxProbe) {
            m_strong = true;
            for (Spelling &sp : m_spellings)
                sp.hash = strongHash(sp.text);
            m_slots.assign(m_slots.size(), -1);
            placeAll();
        }
        if (m_spellings.size() * 2 > m_slots.size()) { // at most half full: short probes
            m_slots.assign(m_slots.size() * 2, -1);
            placeAll();
        }
        return m_spellings.back().hit(exact);
    }

    std::vector<Spelling> m_spellings;
    std::vector<int> m_slots = std::vector<int>(64, -1); ///< spelling index, -1 free; a power of 2
    std::unordered_map<QString, int, QStringHash> m_codes;
    QStringList m_labels;
    int m_last = -1;
    uint64_t m_key;
    bool m_strong = false; ///< hashes are strongHash's: fastHash made a long probe
};

} // namespace cl
