// Streaming RFC 4180 reader: quoted fields, doubled quotes, embedded newlines, CRLF/LF/CR.
#pragma once

#include <QString>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace cl {

/**
 * Pull reader of CSV records from a byte source, in blocks, with bounded memory.
 *
 * The source is a function that fills a buffer and returns the byte count (0 at end,
 * -1 on a read error). Field views stay valid until the next call of next().
 * Lenient where RFC 4180 is strict and nothing is lost: a quote inside an unquoted field
 * is kept as a character; text after a closing quote is appended to the field.
 * Not thread-safe; one reader per thread.
 */
class CsvReader
{
public:
    using Source = std::function<int64_t(char *buffer, int64_t capacity)>;

    /// `blockSize`: bytes asked of the source at a time (the buffer grows for longer records).
    CsvReader(Source source, char delimiter, char quote = '"', size_t blockSize = 1 << 20);
    /// Reads from a string held by the caller (tests, previews, fuzzing).
    static CsvReader fromString(std::string_view text, char delimiter, char quote = '"');

    /// Advances to the next record. False at the end of input or on a read error.
    bool next();

    int fieldCount() const { return int(m_fields.size()); }
    std::string_view field(int i) const { return m_fields[size_t(i)]; }
    const std::vector<std::string_view> &fields() const { return m_fields; }
    /// The record's bytes as they stand in the input, without the line end.
    std::string_view rawRecord() const { return m_raw; }
    /// 1-based physical line where the current record starts.
    int64_t line() const { return m_recordLine; }
    /**
     * True when the input ended inside a quoted field that this record opened: a stray quote.
     * The record is then the line it started on, without fields, and reading goes on with the
     * next line: the lines after a stray quote are records of their own, not the rest of one
     * field (they were lost with it). Up to where that record's scan went (the end of input, or
     * maxRecordBytes() on), a quoted field may not span lines: one still open at its line end
     * is cut the same way, or every line of `x",y,"z` lines would scan to the end again.
     */
    bool unterminatedQuote() const { return m_unterminated; }
    /**
     * True when a record was still open after maxRecordBytes(): a quote that never closes
     * (one stray quote in a file without quotes made the rest of the file one field), or a
     * line that long. The record is then the first line it started on (at most what the buffer
     * holds of it), without fields; reading goes on after that line's end, so the memory the
     * reader holds stays bounded. A record that long is not read whole: the lines of a quoted
     * field over maxRecordBytes() are read as records of their own.
     */
    bool cutRunawayRecord() const { return m_runaway; }
    static constexpr size_t kMaxRecordBytes = size_t(64) << 20;
    /// kMaxRecordBytes unless set (tests use a small one).
    void setMaxRecordBytes(size_t bytes) { m_maxRecord = bytes; }
    size_t maxRecordBytes() const { return m_maxRecord; }
    /// True when the current record is an empty line.
    bool isBlankLine() const { return m_raw.empty(); }
    /// Input bytes consumed up to the end of the current record.
    int64_t bytesConsumed() const { return m_consumedBefore + int64_t(m_pos); }
    bool hasReadError() const { return m_readError; }
    /// Records without a quote are split 16 bytes at a time (on by default); off, every
    /// record goes through the state machine. Both give the same records: tests compare them.
    void setPlainScan(bool on) { m_plainScan = on; }

private:
    enum class ParseOutcome
    {
        Complete,
        NeedMore,
        Stray ///< a quoted field open at a line end the scan of a cut record passed
    };
    ParseOutcome parseRecord(bool atEof);
    bool parsePlainRecord();
    bool refill();
    void cutAtFirstLineEnd(bool runaway);
    void skipRestOfLine();
    size_t lineEndFrom(size_t p) const;

    /// A field that needed unescaping: its text is in m_arena from `offset`.
    struct ArenaField
    {
        size_t index;
        size_t offset;
    };
    void addArenaField(size_t offset, size_t length);

    Source m_source;
    char m_delimiter;
    char m_quote;
    std::vector<char> m_buffer;
    size_t m_pos = 0; ///< start of the next record in m_buffer
    size_t m_end = 0; ///< bytes of valid data in m_buffer
    bool m_eof = false;
    bool m_readError = false;
    int64_t m_consumedBefore = 0; ///< bytes dropped from the buffer's front by compaction
    int64_t m_line = 1;
    int64_t m_recordLine = 0;
    bool m_unterminated = false;
    bool m_runaway = false;
    bool m_cut = false; ///< the current record was cut: its line's rest is passed over next
    /// Input offset up to which the scan of a cut record went: before it, a quoted field still
    /// open at a line end is a stray quote too (each line's record would scan there again).
    int64_t m_linesOnlyUntil = 0;
    size_t m_maxRecord = kMaxRecordBytes;
    bool m_plainScan = true;
    std::string m_arena;
    std::vector<ArenaField> m_arenaFields;
    std::vector<std::string_view> m_fields;
    std::string_view m_raw;
    std::string m_ownedInput; ///< for fromString
};

} // namespace cl
