// Incremental server-sent-events parser: bytes in (split anywhere), events out.
#pragma once

#include <QByteArray>
#include <QList>

namespace cl {

/// One dispatched server-sent event.
struct SseEvent
{
    QByteArray event; ///< The "event:" field; empty means the default type "message".
    QByteArray data;  ///< "data:" lines joined with '\n' (the final newline removed).
    QByteArray id;    ///< The last "id:" field seen; empty if none.
};

/**
 * Parses a text/event-stream as specified by the WHATWG HTML standard (§9.2.6): lines end in
 * CRLF, LF or CR; lines starting with ':' are comments; an empty line dispatches the event.
 * Chunks may split the stream anywhere, even inside a CRLF pair or a UTF-8 sequence.
 * Pure and synchronous; no thread affinity (use one instance from one thread at a time).
 */
class SseParser
{
public:
    /// Events longer than this make the parser fail (guards memory against a hostile server).
    static constexpr int kDefaultMaxEventBytes = 8 * 1024 * 1024;

    explicit SseParser(int maxEventBytes = kDefaultMaxEventBytes) : m_maxEventBytes(maxEventBytes)
    {
    }

    /// Consumes the next chunk and returns the events it completed, in order.
    QList<SseEvent> feed(const QByteArray &chunk);
    /// End of stream: returns an event whose terminating blank line never came (lenient; the
    /// standard would discard it), then resets.
    QList<SseEvent> finish();
    /// True after an event exceeded the size limit; feed() then returns nothing.
    bool overflowed() const { return m_overflow; }
    /// Grows with every byte of a field line (data, event, id, ...), complete or not; comments
    /// (": keep-alive") and blank lines leave it alone. Tells progress from keep-alive noise.
    qint64 progress() const { return m_progress; }
    void reset();

private:
    void processLine(const QByteArray &line, QList<SseEvent> &out);
    void appendToLine(const char *bytes, qsizetype size);

    int m_maxEventBytes;
    QByteArray m_line; ///< The current, unterminated line.
    QByteArray m_data; ///< Data lines of the current event, each followed by '\n'.
    QByteArray m_event;
    QByteArray m_lastId;
    bool m_hasData = false;
    bool m_skipLf = false; ///< The previous chunk ended in CR: a leading LF belongs to it.
    bool m_overflow = false;
    qint64 m_progress = 0;
};

} // namespace cl
