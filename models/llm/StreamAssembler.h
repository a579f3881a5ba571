// Assembles streamed chat.completion.chunk events into text deltas and a final ChatResult.
#pragma once

#include "llm/ChatTypes.h"
#include "llm/SseParser.h"

#include <QMap>

namespace cl {

/**
 * Feed it raw response bytes (any split); it runs an SseParser and merges the JSON deltas:
 * content pieces, tool calls whose id/name/arguments arrive in pieces keyed by index, the
 * finish reason and the usage chunk. Handles `data: [DONE]`, `event: error` and
 * `data: {"error": ...}`. Pure; no thread affinity (one instance per response).
 */
class StreamAssembler
{
public:
    /// What one feed() produced.
    struct Step
    {
        QString text;        ///< Content that arrived in this chunk (may be empty).
        bool failed = false; ///< A server error event or malformed data; see error().
    };

    /// Consumes bytes. After a failure, further input is ignored.
    Step feed(const QByteArray &bytes);
    /// End of input: flushes an unterminated last event. Returns a Step like feed().
    Step finish();

    /// True once `data: [DONE]` arrived.
    bool isDone() const { return m_done; }
    /// True if any finish_reason arrived (some servers omit [DONE]).
    bool hasFinishReason() const { return !m_result.finishReason.isEmpty(); }
    /// True once any data event was consumed.
    bool hasStarted() const { return m_started; }
    bool hasFailed() const { return m_error.isError(); }
    /// Grows with answer data only, not with SSE comments or blank lines (see SseParser).
    qint64 progress() const { return m_parser.progress(); }
    /// Characters of answer text so far.
    qsizetype contentSize() const { return m_result.content.size(); }
    /// Distinct tool calls so far.
    qsizetype toolCallCount() const { return m_calls.size(); }
    ChatError error() const { return m_error; }
    /// The result so far; complete after isDone().
    ChatResult result() const;

private:
    void consumeEvent(const SseEvent &ev, Step &step);
    void fail(ChatError::Kind kind, const QString &message, const QString &serverMessage = {},
              const QString &code = {});

    SseParser m_parser;
    ChatResult m_result;
    QMap<int, ToolCall> m_calls; ///< By the "index" the server gives each call.
    ChatError m_error;
    bool m_done = false;
    bool m_started = false;
};

} // namespace cl
