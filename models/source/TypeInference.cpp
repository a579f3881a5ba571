// TypeInference: number parsing with std::from_chars and the column type rule.
#include "TypeInference.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

namespace cl::TypeInference {

std::string_view trimmed(std::string_view s)
{
    size_t b = 0;
    size_t e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t'))
        ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        --e;
    return s.substr(b, e - b);
}

bool isMissingToken(std::string_view s)
{
    if (!s.empty() && ((s[0] >= '0' && s[0] <= '9') || s[0] == '-'))
        return false; // the common case: a number
    s = trimmed(s);
    if (s.empty())
        return true;
    if (s.size() > 4)
        return false;
    std::string lower(s);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return lower == "na" || lower == "n/a" || lower == "null" || lower == "nan" || lower == "?";
}

bool parseInteger(std::string_view s, int64_t &out)
{
    s = trimmed(s);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s.empty())
        return false;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool looksLikeDecimalComma(std::string_view s)
{
    s = trimmed(s);
    if (!s.empty() && (s.front() == '-' || s.front() == '+'))
        s.remove_prefix(1);
    const size_t comma = s.find(',');
    if (comma == std::string_view::npos || comma == 0 || comma + 1 == s.size())
        return false;
    for (size_t i = 0; i < s.size(); ++i) {
        if (i != comma && !std::isdigit(static_cast<unsigned char>(s[i])))
            return false;
    }
    return true;
}

bool parseReal(std::string_view s, bool decimalComma, double &out)
{
    s = trimmed(s);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s.empty())
        return false;
    char local[64];
    if (decimalComma && s.find(',') != std::string_view::npos) {
        if (s.size() >= sizeof local || s.find('.') != std::string_view::npos)
            return false;
        std::copy(s.begin(), s.end(), local);
        std::replace(local, local + s.size(), ',', '.');
        s = std::string_view(local, s.size());
    }
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(out);
}

void ColumnEvidence::add(std::string_view value, bool decimalComma)
{
    int64_t i = 0;
    double d = 0;
    if (isMissingToken(value))
        ++missing;
    else if (parseInteger(value, i))
        ++integers;
    else if (parseReal(value, decimalComma, d))
        ++reals;
    else
        ++texts;
}

StorageType inferType(const ColumnEvidence &e)
{
    const int64_t numbers = e.integers + e.reals;
    if (numbers == 0)
        return StorageType::Text;
    const int64_t present = numbers + e.texts;
    const bool fewStrays = e.texts <= 5 && e.texts * 50 <= present;
    if (!fewStrays)
        return StorageType::Text;
    return e.reals > 0 ? StorageType::Real : StorageType::Integer;
}

} // namespace cl::TypeInference
