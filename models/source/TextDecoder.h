// Text encodings of CSV input: UTF-8 validation and Windows-1252 to UTF-8 conversion.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cl {

/**
 * Byte-level checks and conversions. Windows-1252 is a superset of the printable
 * Latin-1 range, so it is used for both "Windows-1252" and "Latin-1" input.
 */
namespace TextDecoder {

/// True when the bytes are valid UTF-8. `allowTruncatedTail` accepts a multi-byte
/// sequence cut off at the end (a sample taken from the middle of a file).
bool isValidUtf8(std::string_view bytes, bool allowTruncatedTail = false);

/// Appends the UTF-8 form of Windows-1252 bytes to `out`.
void appendWindows1252AsUtf8(std::string_view bytes, std::string &out);

/// Removes a leading UTF-8 byte order mark from `bytes`; true when there was one.
inline bool skipUtf8Bom(std::string_view &bytes)
{
    if (bytes.substr(0, 3) != std::string_view("\xEF\xBB\xBF", 3))
        return false;
    bytes.remove_prefix(3);
    return true;
}

} // namespace TextDecoder

} // namespace cl
