// StreamAssembler: merging streamed Chat Completions deltas.
#include "llm/StreamAssembler.h"

#include "llm/ChatCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace cl {

StreamAssembler::Step StreamAssembler::feed(const QByteArray &bytes)
{
    Step step;
    if (hasFailed())
        return step;
    const QList<SseEvent> events = m_parser.feed(bytes);
    for (const SseEvent &ev : events) {
        consumeEvent(ev, step);
        if (hasFailed())
            break;
    }
    if (!hasFailed() && m_parser.overflowed())
        fail(ChatError::Kind::MalformedResponse,
             QStringLiteral("The server sent an oversized stream event."));
    step.failed = hasFailed();
    return step;
}

StreamAssembler::Step StreamAssembler::finish()
{
    Step step;
    if (hasFailed())
        return step;
    const QList<SseEvent> events = m_parser.finish();
    for (const SseEvent &ev : events) {
        consumeEvent(ev, step);
        if (hasFailed())
            break;
    }
    step.failed = hasFailed();
    return step;
}

ChatResult StreamAssembler::result() const
{
    ChatResult r = m_result;
    r.toolCalls = m_calls.values();
    return r;
}

void StreamAssembler::fail(ChatError::Kind kind, const QString &message,
                           const QString &serverMessage, const QString &code)
{
    m_error.kind = kind;
    m_error.message = message;
    m_error.serverMessage = serverMessage;
    m_error.serverCode = code;
}

void StreamAssembler::consumeEvent(const SseEvent &ev, Step &step)
{
    if (m_done)
        return; // anything after [DONE] is ignored
    const QByteArray data = ev.data.trimmed();
    if (data == "[DONE]") {
        m_done = true;
        return;
    }
    m_started = true;
    QString msg, code;
    if (ev.event == "error") {
        if (!ChatCodec::parseErrorObject(data, &msg, &code))
            msg = QString::fromUtf8(data.left(500));
        fail(ChatError::Kind::ServerError,
             QStringLiteral("The server reported an error during the answer: %1").arg(msg), msg,
             code);
        return;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        fail(ChatError::Kind::MalformedResponse,
             QStringLiteral("The server sent a stream chunk that is not valid JSON (%1).")
                 .arg(pe.error != QJsonParseError::NoError ? pe.errorString()
                                                           : QStringLiteral("not an object")));
        return;
    }
    if (ChatCodec::parseErrorObject(data, &msg, &code)) {
        fail(ChatError::Kind::ServerError,
             QStringLiteral("The server reported an error during the answer: %1").arg(msg), msg,
             code);
        return;
    }
    const QJsonObject o = doc.object();
    if (m_result.id.isEmpty())
        m_result.id = o.value(QStringLiteral("id")).toString();
    if (m_result.model.isEmpty())
        m_result.model = o.value(QStringLiteral("model")).toString();
    const TokenUsage usage = ChatCodec::parseUsage(o.value(QStringLiteral("usage")));
    if (usage.isValid())
        m_result.usage = usage;
    const QJsonArray choices = o.value(QStringLiteral("choices")).toArray();
    for (const QJsonValue &cv : choices) {
        const QJsonObject choice = cv.toObject();
        if (choice.value(QStringLiteral("index")).toInt(0) != 0)
            continue; // we ask for one choice (n = 1)
        const QJsonObject delta = choice.value(QStringLiteral("delta")).toObject();
        const QString text = delta.value(QStringLiteral("content")).toString();
        if (!text.isEmpty()) {
            m_result.content += text;
            step.text += text;
        }
        const QJsonArray calls = delta.value(QStringLiteral("tool_calls")).toArray();
        for (int i = 0; i < calls.size(); ++i) {
            const QJsonObject c = calls.at(i).toObject();
            // Servers that omit "index" send each call whole, in order.
            const int index = c.contains(QStringLiteral("index"))
                                  ? c.value(QStringLiteral("index")).toInt()
                                  : int(m_calls.size());
            ToolCall &call = m_calls[index];
            const QString id = c.value(QStringLiteral("id")).toString();
            if (!id.isEmpty())
                call.id = id;
            const QJsonObject f = c.value(QStringLiteral("function")).toObject();
            const QString name = f.value(QStringLiteral("name")).toString();
            if (!name.isEmpty())
                call.name = name;
            const QJsonValue args = f.value(QStringLiteral("arguments"));
            if (args.isObject())
                call.arguments += QString::fromUtf8(
                    QJsonDocument(args.toObject()).toJson(QJsonDocument::Compact));
            else
                call.arguments += args.toString();
        }
        const QString finish = choice.value(QStringLiteral("finish_reason")).toString();
        if (!finish.isEmpty())
            m_result.finishReason = finish;
    }
}

} // namespace cl
