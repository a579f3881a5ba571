// RecordScan: one pass over a record's bytes for its hash and an ASCII check.
#pragma once

#include <cstdint>
#include <string_view>

namespace cl {

/// What one pass over a record's bytes tells: a 64-bit hash (for counting duplicate rows)
/// and whether every byte is ASCII (then it is valid UTF-8 without a closer look).
struct RecordScan
{
    uint64_t hash = 0;
    bool ascii = true;
};

/// Hash and ASCII check of `s` in one pass: xxHash64's round on four independent lanes over
/// 32-byte blocks (the multiplications overlap), then its merge and final mix. Good enough to
/// count duplicates among millions of rows, and cheap on the parser's thread.
RecordScan scanRecord(std::string_view s);

} // namespace cl
