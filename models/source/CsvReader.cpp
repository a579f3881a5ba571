// CsvReader: block-buffered CSV state machine.
#include "CsvReader.h"

#include <algorithm>
#include <cstring>

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
    if (m_end == m_buffer.size())
        m_buffer.resize(m_buffer.size() * 2); // one record larger than the buffer
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
    for (;;) {
        if (m_pos >= m_end && !refill()) {
            if (m_pos >= m_end)
                return false;
        }
        if (parseRecord(m_eof) == ParseOutcome::Complete)
            return true;
        if (!refill() && !m_eof)
            return false;
    }
}

void CsvReader::addArenaField(size_t offset, size_t length)
{
    m_arenaFields.push_back({m_fields.size(), offset});
    m_fields.emplace_back(m_arena.data(), length); // pointer fixed at the end of the record
}

CsvReader::ParseOutcome CsvReader::parseRecord(bool atEof)
{
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
                if (c == '\n')
                    ++lines;
                else if (c == '\r' && !(q + 1 < end && buf[q + 1] == '\n'))
                    ++lines;
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
