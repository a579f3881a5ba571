// CategoryDictionary: label -> code for one categorical column during an import.
#pragma once

#include "data/ColumnRole.h"

#include <QString>
#include <QStringList>

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

/// Dictionary of one categorical column: normalised label -> code, with a cache from the
/// raw bytes (few distinct spellings per column) so most rows cost one short compare.
class CategoryDictionary
{
public:
    /// Code of `raw`; `*exact` tells whether the label alone gives `raw` back (an empty
    /// field and the missing level both read as NULL).
    int codeOf(std::string_view raw, bool *exact)
    {
        if (m_last >= 0 && sameText(m_spellings[size_t(m_last)].text, raw))
            return m_spellings[size_t(m_last)].hit(exact);
        if (m_spellings.size() <= kLinearLimit) {
            for (size_t i = 0; i < m_spellings.size(); ++i) {
                if (sameText(m_spellings[i].text, raw)) {
                    m_last = int(i);
                    return m_spellings[i].hit(exact);
                }
            }
        } else {
            const auto hit = m_spellingIndex.find(std::string(raw));
            if (hit != m_spellingIndex.end()) {
                m_last = hit->second;
                return m_spellings[size_t(hit->second)].hit(exact);
            }
        }
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
        m_spellings.push_back({std::string(raw), code, same});
        m_spellingIndex.emplace(std::string(raw), int(m_spellings.size() - 1));
        m_last = int(m_spellings.size() - 1);
        return m_spellings.back().hit(exact);
    }
    const QStringList &labels() const { return m_labels; }

    static QString normalise(std::string_view raw)
    {
        const QString s =
            QString::fromUtf8(raw.data(), qsizetype(raw.size())).simplified().toLower();
        return s.isEmpty() ? kMissingLevel : s;
    }

private:
    static constexpr size_t kLinearLimit = 16;
    struct QStringHash
    {
        size_t operator()(const QString &s) const { return qHash(s); }
    };
    struct Spelling
    {
        std::string text;
        int code = 0;
        bool exact = false;
        int hit(bool *isExact) const
        {
            *isExact = exact;
            return code;
        }
    };
    std::vector<Spelling> m_spellings;
    std::unordered_map<std::string, int> m_spellingIndex;
    std::unordered_map<QString, int, QStringHash> m_codes;
    QStringList m_labels;
    int m_last = -1;
};

} // namespace cl
