// CsvReader: block-buffered CSV state machine.
#include "CsvReader.h"

#include <algorithm>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace cl {

namespace {
constexpr size_t kBlockSize = 1 << 20;
} // namespace

CsvReader::CsvReader(Source source, char delimiter, char quote, size_t blockSize)
    : m_source(std::move(source)), m_delimiter(delimiter), m_quote(quote)
{
    m_buffer.resize(std::max<size_t>(blockSize, 64));
}

CsvReader CsvReader::fromString(std::string_view text, char delimiter, char quote)
{
    auto data = std::make_shared<std::string>(text);
    auto offset = std::make_shared<size_t>(0);
    return CsvReader(
        [data, offset](char *buffer, int64_t capacity) -> int64_t {
            const size_t n = std::min(size_t(capacity), data->size() - *offset);
            std::memcpy(buffer, data->data() + *offset, n);
            *offset += n;
            return int64_t(n);
        },
        delimiter, quote, std::clamp<size_t>(text.size() + 1, 4096, kBlockSize));
}

bool CsvReader::refill()
{
    if (m_eof)
        return false;
    if (m_pos > 0) {
        // Compact: the unread tail moves to the front.
        std::memmove(m_buffer.data(), m_buffer.data() + m_pos, m_end - m_pos);
        m_end -= m_pos;
        m_consumedBefore += int64_t(m_pos);
        m_pos = 0;
    }
    // A record longer than the room left: the buffer doubles before it is full, so that a source
    // that fills less than it is offered (a transcoding one, a third) always has room to make
    // progress (with under 3 bytes it read nothing, which ended the input).
    if (m_buffer.size() - m_end < m_buffer.size() / 4)
        m_buffer.resize(m_buffer.size() * 2);
    const int64_t n = m_source(m_buffer.data() + m_end, int64_t(m_buffer.size() - m_end));
    if (n < 0) {
        m_readError = true;
        m_eof = true;
        return false;
    }
    if (n == 0) {
        m_eof = true;
        return false;
    }
    m_end += size_t(n);
    return true;
}

bool CsvReader::next()
{
    if (m_cut) { // the record before was cut: its line's rest is no record
        m_cut = false;
        skipRestOfLine();
    }
    m_runaway = false;
    for (;;) {
        if (m_pos >= m_end && !refill()) {
            if (m_pos >= m_end)
                return false;
        }
        // A record longer than m_maxRecord bytes (its line end included) is cut, however the
        // reads fell: still open with more than that read (each refill would read it from its
        // start again: a 583 MB file with one stray quote took 80 s and 1.6 GB, and a larger
        // one more memory than the machine has), or complete but that long.
        const size_t start = m_pos;
        const int64_t line = m_line;
        // A quote still open at the end of input (a stray one) is cut the same way: the lines
        // after it were the rest of its field, and lost with it.
        const ParseOutcome outcome = parseRecord(m_eof);
        if (outcome == ParseOutcome::Stray) {
            m_pos = start;
            m_line = line;
            cutAtFirstLineEnd(false);
            return true;
        }
        if (outcome == ParseOutcome::Complete) {
            const bool tooLong = m_pos - start > m_maxRecord;
            if (!tooLong && !m_unterminated)
                return true;
            m_pos = start;
            m_line = line;
            cutAtFirstLineEnd(tooLong);
            return true;
        }
        if (m_end - m_pos > m_maxRecord) {
            cutAtFirstLineEnd(true);
            return true;
        }
        if (!refill() && !m_eof)
            return false;
    }
}

/// The record that would not end becomes the first line it started on (or what the buffer
/// holds of it); the next call of next() passes over the rest of that line and its line end.
/// `runaway`: it was cut for its length; otherwise the input ended inside its quotes.
void CsvReader::cutAtFirstLineEnd(bool runaway)
{
    const char *buf = m_buffer.data();
    const size_t lineEnd = lineEndFrom(m_pos);
    m_fields.clear();
    m_arenaFields.clear();
    m_arena.clear();
    m_unterminated = !runaway;
    m_runaway = runaway;
    m_cut = true;
    m_linesOnlyUntil = std::max(m_linesOnlyUntil, m_consumedBefore + int64_t(m_end));
    m_recordLine = m_line;
    m_raw = std::string_view(buf + m_pos, lineEnd - m_pos);
    m_pos = lineEnd;
}

/// The first CR or LF at or after `p` in what was read; m_end when there is none.
size_t CsvReader::lineEndFrom(size_t p) const
{
    const char *buf = m_buffer.data();
    while (p < m_end && buf[p] != '\n' && buf[p] != '\r')
        ++p;
    return p;
}

/// Passes over the rest of the current line and its line end (CR, LF or CRLF, also when the
/// CR is the last byte read so far), or to the end of input.
void CsvReader::skipRestOfLine()
{
    for (;;) {
        if (m_pos >= m_end && !refill())
            return;
        const char *buf = m_buffer.data();
        const size_t p = lineEndFrom(m_pos);
        if (p >= m_end) {
            m_pos = m_end; // the next refill starts an empty buffer
            continue;
        }
        if (buf[p] == '\r' && p + 1 >= m_end && !m_eof) {
            m_pos = p; // is an LF next? Read on to see
            refill();
            continue;
        }
        m_pos = buf[p] == '\r' && p + 1 < m_end && buf[p + 1] == '\n' ? p + 2 : p + 1;
        ++m_line;
        return;
    }
}

void CsvReader::addArenaField(size_t offset, size_t length)
{
    m_arenaFields.push_back({m_fields.size(), offset});
    m_fields.emplace_back(m_arena.data(), length); // pointer fixed at the end of the record
}

#ifdef __SSE2__
namespace {

/// One bit per byte of the 64 at `p` that equals `c`.
inline uint64_t bytesEqual(const char *p, __m128i c)
{
    uint64_t m = 0;
    for (int k = 0; k < 4; ++k) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * k));
        m |= uint64_t(unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, c)))) << (16 * k);
    }
    return m;
}

/// Bit k set when an odd number of bits at 0..k are: between an opening quote (included) and
/// its closing one (excluded).
inline uint64_t prefixXor(uint64_t x)
{
    for (int shift = 1; shift < 64; shift *= 2)
        x ^= x << shift;
    return x;
}

} // namespace
#endif

/// The common record: fields plain or wholly quoted ("married") with no quote, delimiter or
/// line end inside the quotes, and its line end in the buffer. It is read 64 bytes at a time
/// from bit masks of its delimiters, quotes and line ends (the byte-by-byte state machine took a
/// fifth of the parser's time on bank-additional-full). False, with nothing consumed, for any
/// other record (a doubled or stray quote, a quoted delimiter or line end, text after a closing
/// quote, a blank line, a CR that may begin a CRLF beyond the buffer, a line end not read yet):
/// the state machine then reads the record from its start.
bool CsvReader::parsePlainRecord()
{
#ifdef __SSE2__
    if (m_delimiter == '\n' || m_delimiter == '\r' || m_delimiter == m_quote || m_quote == '\n' ||
        m_quote == '\r')
        return false;
    const char *b = m_buffer.data() + m_pos;
    const size_t avail = m_end - m_pos;
    const __m128i delimiter = _mm_set1_epi8(m_delimiter);
    const __m128i quote = _mm_set1_epi8(m_quote);
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    // Fields are written over the previous record's views (usually as many), appended beyond.
    std::string_view *out = m_fields.data();
    size_t capacity = m_fields.size();
    size_t count = 0;
    size_t fieldStart = 0;
    uint64_t insideCarry = 0;     // all ones when the previous block ended inside quotes
    uint64_t startCarry = 1;      // bit 0: a field starts at the block's first byte
    uint64_t afterCloseCarry = 0; // bit 0: the block's first byte follows a closing quote
    for (size_t i = 0; i + 64 <= avail; i += 64) {
        const char *p = b + i;
        const uint64_t delimiters = bytesEqual(p, delimiter);
        const uint64_t quotes = bytesEqual(p, quote);
        const uint64_t lineEnds = bytesEqual(p, lf) | bytesEqual(p, cr);
        const uint64_t inside = prefixXor(quotes) ^ insideCarry;
        insideCarry = uint64_t(0) - (inside >> 63);
        const uint64_t endsOutside = lineEnds & ~inside;
        const uint64_t end = endsOutside & (0 - endsOutside); // the record's line end, if here
        const uint64_t before = end ? end - 1 : ~uint64_t(0);
        if ((delimiters | lineEnds) & inside & before)
            return false; // a quoted delimiter or line end
        const uint64_t fieldEnds = delimiters & ~inside & before;
        const uint64_t opening = quotes & inside & before;
        const uint64_t closing = quotes & ~inside & before;
        if (opening & ~((fieldEnds << 1) | startCarry))
            return false; // a quote inside a field
        if (((closing << 1) | afterCloseCarry) & ~(fieldEnds | end) & (before | end))
            return false; // text after a closing quote, or a doubled quote
        startCarry = fieldEnds >> 63;
        afterCloseCarry = closing >> 63;
        uint64_t each = end ? fieldEnds | end : fieldEnds;
        for (; each; each &= each - 1) {
            const size_t at = i + size_t(__builtin_ctzll(each));
            std::string_view f(b + fieldStart, at - fieldStart);
            if (at > fieldStart && b[fieldStart] == m_quote)
                f = std::string_view(b + fieldStart + 1, at - fieldStart - 2);
            if (count < capacity) {
                out[count] = f;
            } else {
                m_fields.push_back(f);
                out = m_fields.data();
                capacity = m_fields.size();
            }
            ++count;
            fieldStart = at + 1;
        }
        if (!end)
            continue;
        const size_t at = i + size_t(__builtin_ctzll(end));
        if (at == 0)
            return false; // a blank line
        size_t next = at + 1;
        if (b[at] == '\r') {
            if (next >= avail)
                return false; // CR or CRLF: the next byte is not read yet
            if (b[next] == '\n')
                ++next;
        }
        if (count != m_fields.size())
            m_fields.resize(count);
        m_unterminated = false;
        m_recordLine = m_line;
        ++m_line;
        m_raw = std::string_view(b, at);
        m_pos += next;
        return true;
    }
#endif
    return false;
}

CsvReader::ParseOutcome CsvReader::parseRecord(bool atEof)
{
    if (m_plainScan && parsePlainRecord())
        return ParseOutcome::Complete;
    const char *buf = m_buffer.data();
    const size_t end = m_end;
    const size_t start = m_pos;
    size_t p = start;
    int64_t lines = 0;
    m_fields.clear(); // views into the buffer, or placeholders for fields in the arena
    m_arenaFields.clear();
    m_arena.clear();
    m_unterminated = false;

    size_t recordEnd = 0; // exclusive end of record text
    size_t next = 0;      // where the following record starts

    for (;;) {
        // One field starts at p.
        if (p < end && buf[p] == m_quote) {
            // Quoted field: copy into the arena only when a doubled quote needs unescaping.
            size_t q = p + 1;
            size_t segStart = q;
            bool useArena = false;
            size_t arenaOffset = m_arena.size();
            bool closed = false;
            while (q < end) {
                const char c = buf[q];
                if (c == m_quote) {
                    if (q + 1 < end && buf[q + 1] == m_quote) {
                        if (!useArena) {
                            useArena = true;
                            arenaOffset = m_arena.size();
                        }
                        m_arena.append(buf + segStart, q + 1 - segStart);
                        q += 2;
                        segStart = q;
                        continue;
                    }
                    if (q + 1 >= end && !atEof)
                        return ParseOutcome::NeedMore; // cannot tell "" from " yet
                    closed = true;
                    break;
                }
                if (c == '\n' || c == '\r') {
                    if (m_consumedBefore + int64_t(q) < m_linesOnlyUntil)
                        return ParseOutcome::Stray;
                    if (c == '\n' || !(q + 1 < end && buf[q + 1] == '\n'))
                        ++lines;
                }
                ++q;
            }
            if (!closed) {
                if (!atEof)
                    return ParseOutcome::NeedMore;
                // Input ended inside quotes: keep what there is, flag the record.
                m_unterminated = true;
                if (useArena)
                    m_arena.append(buf + segStart, end - segStart);
                if (useArena)
                    addArenaField(arenaOffset, m_arena.size() - arenaOffset);
                else
                    m_fields.emplace_back(buf + p + 1, end - (p + 1));
                recordEnd = end;
                next = end;
                break;
            }
            // q is at the closing quote. Text up to a delimiter or line end is appended.
            size_t after = q + 1;
            size_t tailEnd = after;
            while (tailEnd < end && buf[tailEnd] != m_delimiter && buf[tailEnd] != '\n' &&
                   buf[tailEnd] != '\r')
                ++tailEnd;
            if (tailEnd >= end && !atEof)
                return ParseOutcome::NeedMore;
            if (tailEnd > after || useArena) {
                if (!useArena) {
                    useArena = true;
                    arenaOffset = m_arena.size();
                }
                m_arena.append(buf + segStart, q - segStart);
                m_arena.append(buf + after, tailEnd - after);
                addArenaField(arenaOffset, m_arena.size() - arenaOffset);
            } else {
                m_fields.emplace_back(buf + p + 1, q - (p + 1));
            }
            p = tailEnd;
        } else {
            size_t q = p;
            while (q < end && buf[q] != m_delimiter && buf[q] != '\n' && buf[q] != '\r')
                ++q;
            if (q >= end && !atEof)
                return ParseOutcome::NeedMore;
            m_fields.emplace_back(buf + p, q - p);
            p = q;
        }
        // p is at a delimiter, a line end or the end of input.
        if (p < end && buf[p] == m_delimiter) {
            ++p;
            continue;
        }
        recordEnd = p;
        if (p >= end) {
            next = end;
        } else if (buf[p] == '\r') {
            if (p + 1 >= end && !atEof)
                return ParseOutcome::NeedMore;
            next = (p + 1 < end && buf[p + 1] == '\n') ? p + 2 : p + 1;
            ++lines;
        } else {
            next = p + 1;
            ++lines;
        }
        break;
    }

    m_recordLine = m_line;
    m_line += lines;
    m_pos = next;
    m_raw = std::string_view(buf + start, recordEnd - start);
    if (m_raw.empty() && !m_unterminated) {
        m_fields.clear();
        return ParseOutcome::Complete; // blank line: no fields
    }
    // The arena may have moved while it grew: its fields are pointed at only now.
    for (const ArenaField &a : m_arenaFields)
        m_fields[a.index] = std::string_view(m_arena.data() + a.offset, m_fields[a.index].size());
    return ParseOutcome::Complete;
}

} // namespace cl
