// TextDecoder: UTF-8 validation and Windows-1252 conversion tables.
#include "TextDecoder.h"

#include <cstdint>

namespace cl::TextDecoder {

namespace {
// Windows-1252 code points for bytes 0x80-0x9F (0 = undefined, mapped to U+FFFD).
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void appendCodePoint(char32_t cp, std::string &out)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}
} // namespace

bool isValidUtf8(std::string_view bytes, bool allowTruncatedTail)
{
    const auto *s = reinterpret_cast<const uint8_t *>(bytes.data());
    const size_t n = bytes.size();
    size_t i = 0;
    while (i < n) {
        const uint8_t c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len = 0;
        uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + size_t(len) > n) {
            if (!allowTruncatedTail)
                return false;
            for (size_t k = i + 1; k < n; ++k) {
                if ((s[k] & 0xC0) != 0x80)
                    return false;
            }
            return true;
        }
        for (int k = 1; k < len; ++k) {
            if ((s[i + size_t(k)] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + size_t(k)] & 0x3F);
        }
        const bool overlong =
            (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
        if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += size_t(len);
    }
    return true;
}

void appendWindows1252AsUtf8(std::string_view bytes, std::string &out)
{
    out.reserve(out.size() + bytes.size());
    for (const char ch : bytes) {
        const auto c = uint8_t(ch);
        if (c < 0x80) {
            out.push_back(ch);
        } else if (c < 0xA0) {
            const char16_t cp = kCp1252High[c - 0x80];
            appendCodePoint(cp ? cp : 0xFFFD, out);
        } else {
            appendCodePoint(c, out);
        }
    }
}

} // namespace cl::TextDecoder
