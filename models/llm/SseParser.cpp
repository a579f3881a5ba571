// SseParser: line splitting and field handling of text/event-stream.
#include "llm/SseParser.h"

namespace cl {

QList<SseEvent> SseParser::feed(const QByteArray &chunk)
{
    QList<SseEvent> out;
    if (m_overflow)
        return out;
    const char *p = chunk.constData();
    const qsizetype n = chunk.size();
    qsizetype i = 0;
    if (m_skipLf && n > 0) {
        if (p[0] == '\n')
            i = 1;
        m_skipLf = false;
    }
    qsizetype start = i;
    for (; i < n; ++i) {
        const char c = p[i];
        if (c != '\n' && c != '\r')
            continue;
        appendToLine(p + start, i - start);
        processLine(m_line, out);
        m_line.clear();
        if (c == '\r') {
            if (i + 1 < n) {
                if (p[i + 1] == '\n')
                    ++i;
            } else {
                m_skipLf = true;
            }
        }
        start = i + 1;
        if (m_overflow)
            return out;
    }
    appendToLine(p + start, n - start);
    if (m_line.size() + m_data.size() > m_maxEventBytes) {
        m_overflow = true;
        m_line.clear();
        m_data.clear();
    }
    return out;
}

void SseParser::appendToLine(const char *bytes, qsizetype size)
{
    m_line.append(bytes, size);
    if (!m_line.isEmpty() && m_line.at(0) != ':')
        m_progress += size;
}

QList<SseEvent> SseParser::finish()
{
    QList<SseEvent> out;
    if (!m_overflow) {
        if (!m_line.isEmpty())
            processLine(m_line, out);
        processLine(QByteArray(), out);
    }
    reset();
    return out;
}

void SseParser::reset()
{
    m_line.clear();
    m_data.clear();
    m_event.clear();
    m_lastId.clear();
    m_hasData = false;
    m_skipLf = false;
    m_overflow = false;
}

void SseParser::processLine(const QByteArray &line, QList<SseEvent> &out)
{
    if (line.isEmpty()) {
        if (m_hasData) {
            SseEvent ev;
            ev.event = m_event;
            ev.data = m_data;
            ev.data.chop(1); // the '\n' after the last data line
            ev.id = m_lastId;
            out.append(ev);
        }
        m_data.clear();
        m_event.clear();
        m_hasData = false;
        return;
    }
    if (line.at(0) == ':')
        return; // comment, e.g. ": OPENROUTER PROCESSING" keep-alives
    const qsizetype colon = line.indexOf(':');
    QByteArray field = colon < 0 ? line : line.left(colon);
    QByteArray value;
    if (colon >= 0) {
        value = line.mid(colon + 1);
        if (value.startsWith(' '))
            value.remove(0, 1);
    }
    if (field == "data") {
        if (m_data.size() + value.size() + 1 > m_maxEventBytes) {
            m_overflow = true;
            m_data.clear();
            return;
        }
        m_data.append(value);
        m_data.append('\n');
        m_hasData = true;
    } else if (field == "event") {
        m_event = value;
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_lastId = value;
    }
    // "retry" and unknown fields are ignored, as the standard says.
}

} // namespace cl
