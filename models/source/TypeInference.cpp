// TypeInference: number parsing with std::from_chars and the column type rule.
#include "TypeInference.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

namespace cl::TypeInference {

namespace {

/// Powers of ten that a double holds exactly.
constexpr double kExactPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/// The usual number of a data file, "-36.4" or "5191": an optional minus, at most 15 digits
/// with at most one point between two of them. Its digits as an integer m < 10^15 < 2^53 and its
/// value m / 10^k are both exact doubles, so one division gives the correctly rounded value,
/// the one std::from_chars gives (Clinger's fast path). False for anything else, read then by
/// the general path.
bool parsePlainDecimal(std::string_view s, double &out)
{
    const char *p = s.data();
    const char *end = p + s.size();
    const bool negative = p != end && *p == '-';
    p += negative;
    if (end - p < 1 || end - p > 16)
        return false;
    uint64_t m = 0;
    int digits = 0;
    const char *point = nullptr;
    for (; p != end; ++p) {
        const auto d = unsigned(*p) - unsigned('0');
        if (d <= 9) {
            m = m * 10 + d;
            ++digits;
        } else if (*p == '.' && !point && digits > 0) {
            point = p;
        } else {
            return false;
        }
    }
    if (digits > 15 || point == end - 1)
        return false;
    const double v = point ? double(m) / kExactPowersOfTen[end - point - 1] : double(m);
    out = negative ? -v : v;
    return true;
}

} // namespace

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

/// `s` without a leading '+', which std::from_chars does not read; empty (no number) when a
/// sign follows it: "+-5" is no number, not -5.
std::string_view withoutPlus(std::string_view s)
{
    if (s.empty() || s.front() != '+')
        return s;
    s.remove_prefix(1);
    return !s.empty() && (s.front() == '-' || s.front() == '+') ? std::string_view() : s;
}

bool parseInteger(std::string_view s, int64_t &out)
{
    // The usual case first: an optional minus and at most 18 digits, which cannot overflow.
    {
        const bool negative = !s.empty() && s.front() == '-';
        const size_t n = s.size() - size_t(negative);
        if (n >= 1 && n <= 18) {
            int64_t v = 0;
            size_t i = size_t(negative);
            for (; i < s.size(); ++i) {
                const auto d = unsigned(s[i]) - unsigned('0');
                if (d > 9)
                    break;
                v = v * 10 + int64_t(d);
            }
            if (i == s.size()) {
                out = negative ? -v : v;
                return true;
            }
        }
    }
    s = withoutPlus(trimmed(s));
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
    if (parsePlainDecimal(s, out))
        return true;
    s = withoutPlus(trimmed(s));
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
