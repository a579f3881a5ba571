// RecordScan: xxHash64's round and merge over a record, with the ASCII check in the same loads.
#include "RecordScan.h"

#include <cstring>

namespace cl {

namespace {

uint64_t load64(const char *p)
{
    uint64_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
}

uint64_t rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

} // namespace

RecordScan scanRecord(std::string_view s)
{
    constexpr uint64_t kP1 = 0x9E3779B185EBCA87ull;
    constexpr uint64_t kP2 = 0xC2B2AE3D27D4EB4Full;
    constexpr uint64_t kP4 = 0x85EBCA77C2B2AE63ull;
    const auto round = [](uint64_t acc, uint64_t w) { return rotl(acc + w * kP2, 31) * kP1; };
    const char *p = s.data();
    const size_t n = s.size();
    uint64_t any = 0;
    uint64_t h = 0x27D4EB2F165667C5ull + uint64_t(n);
    size_t i = 0;
    if (n >= 32) {
        uint64_t v1 = kP1 + kP2, v2 = kP2, v3 = 0, v4 = 0 - kP1;
        for (; i + 32 <= n; i += 32) {
            const uint64_t w1 = load64(p + i), w2 = load64(p + i + 8);
            const uint64_t w3 = load64(p + i + 16), w4 = load64(p + i + 24);
            any |= w1 | w2 | w3 | w4;
            v1 = round(v1, w1);
            v2 = round(v2, w2);
            v3 = round(v3, w3);
            v4 = round(v4, w4);
        }
        h += rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
        for (const uint64_t v : {v1, v2, v3, v4})
            h = (h ^ round(0, v)) * kP1 + kP4;
    }
    for (; i + 8 <= n; i += 8) {
        const uint64_t w = load64(p + i);
        any |= w;
        h = rotl(h ^ round(0, w), 27) * kP1 + kP4;
    }
    uint64_t tail = 0;
    std::memcpy(&tail, p + i, n - i);
    any |= tail;
    h = rotl(h ^ round(0, tail), 27) * kP1;
    h ^= h >> 33;
    h *= kP2;
    h ^= h >> 29;
    h *= 0x165667B19E3779F9ull;
    h ^= h >> 32;
    return {h, (any & 0x8080808080808080ull) == 0};
}

} // namespace cl
