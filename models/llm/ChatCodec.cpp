// ChatCodec: JSON building and parsing for Chat Completions.
#include "llm/ChatCodec.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

namespace cl {

namespace {

QString roleName(ChatMessage::Role role)
{
    switch (role) {
    case ChatMessage::Role::System:
        return QStringLiteral("system");
    case ChatMessage::Role::User:
        return QStringLiteral("user");
    case ChatMessage::Role::Assistant:
        return QStringLiteral("assistant");
    case ChatMessage::Role::Tool:
        return QStringLiteral("tool");
    }
    return QStringLiteral("user");
}

} // namespace

QJsonObject ChatCodec::messageToJson(const ChatMessage &message)
{
    QJsonObject o;
    o.insert(QStringLiteral("role"), roleName(message.role));
    if (message.role == ChatMessage::Role::Assistant && !message.toolCalls.isEmpty()) {
        // The API wants null content, not "", beside tool calls with no text.
        o.insert(QStringLiteral("content"),
                 message.content.isEmpty() ? QJsonValue(QJsonValue::Null) : message.content);
        QJsonArray calls;
        for (const ToolCall &call : message.toolCalls) {
            calls.append(QJsonObject{{QStringLiteral("id"), call.id},
                                     {QStringLiteral("type"), QStringLiteral("function")},
                                     {QStringLiteral("function"),
                                      QJsonObject{{QStringLiteral("name"), call.name},
                                                  {QStringLiteral("arguments"), call.arguments}}}});
        }
        o.insert(QStringLiteral("tool_calls"), calls);
    } else {
        o.insert(QStringLiteral("content"), message.content);
    }
    if (message.role == ChatMessage::Role::Tool)
        o.insert(QStringLiteral("tool_call_id"), message.toolCallId);
    return o;
}

QJsonObject ChatCodec::toolToJson(const ToolDefinition &tool)
{
    QJsonObject function{{QStringLiteral("name"), tool.name}};
    if (!tool.description.isEmpty())
        function.insert(QStringLiteral("description"), tool.description);
    function.insert(QStringLiteral("parameters"),
                    tool.parameters.isEmpty()
                        ? QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                      {QStringLiteral("properties"), QJsonObject()}}
                        : tool.parameters);
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("function")},
                       {QStringLiteral("function"), function}};
}

QByteArray ChatCodec::buildRequest(const ChatRequest &request, const QString &defaultModel)
{
    QJsonObject body;
    body.insert(QStringLiteral("model"), request.model.isEmpty() ? defaultModel : request.model);
    QJsonArray messages;
    for (const ChatMessage &m : request.messages)
        messages.append(messageToJson(m));
    body.insert(QStringLiteral("messages"), messages);
    if (!request.tools.isEmpty()) {
        QJsonArray tools;
        for (const ToolDefinition &t : request.tools)
            tools.append(toolToJson(t));
        body.insert(QStringLiteral("tools"), tools);
    }
    body.insert(QStringLiteral("stream"), request.stream);
    if (request.stream)
        body.insert(QStringLiteral("stream_options"),
                    QJsonObject{{QStringLiteral("include_usage"), true}});
    if (request.temperature >= 0)
        body.insert(QStringLiteral("temperature"), request.temperature);
    if (request.maxTokens > 0)
        body.insert(QStringLiteral("max_tokens"), request.maxTokens);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

TokenUsage ChatCodec::parseUsage(const QJsonValue &usage)
{
    TokenUsage u;
    if (!usage.isObject())
        return u;
    const QJsonObject o = usage.toObject();
    const auto count = [&o](const char *key) {
        const QJsonValue v = o.value(QLatin1String(key));
        return v.isDouble() && v.toDouble() >= 0 ? qint64(v.toDouble()) : qint64(-1);
    };
    u.promptTokens = count("prompt_tokens");
    u.completionTokens = count("completion_tokens");
    u.totalTokens = count("total_tokens");
    if (u.totalTokens < 0 && u.isValid())
        u.totalTokens = u.promptTokens + u.completionTokens;
    return u;
}

QList<ToolCall> ChatCodec::parseToolCalls(const QJsonArray &calls)
{
    QList<ToolCall> out;
    for (const QJsonValue &v : calls) {
        const QJsonObject c = v.toObject();
        const QJsonObject f = c.value(QStringLiteral("function")).toObject();
        ToolCall call;
        call.id = c.value(QStringLiteral("id")).toString();
        call.name = f.value(QStringLiteral("name")).toString();
        const QJsonValue args = f.value(QStringLiteral("arguments"));
        // Some servers send arguments as an object rather than a JSON string.
        call.arguments =
            args.isObject()
                ? QString::fromUtf8(QJsonDocument(args.toObject()).toJson(QJsonDocument::Compact))
                : args.toString();
        out.append(call);
    }
    return out;
}

bool ChatCodec::parseErrorObject(const QByteArray &body, QString *message, QString *code)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return false;
    const QJsonValue err = doc.object().value(QStringLiteral("error"));
    if (err.isString()) {
        *message = err.toString();
        code->clear();
        return true;
    }
    if (!err.isObject())
        return false;
    const QJsonObject e = err.toObject();
    *message = e.value(QStringLiteral("message")).toString();
    const QJsonValue c = e.value(QStringLiteral("code"));
    *code = c.isString()   ? c.toString()
            : c.isDouble() ? QString::number(c.toInt())
                           : e.value(QStringLiteral("type")).toString();
    return true;
}

bool ChatCodec::parseResponse(const QByteArray &body, ChatResult *result, ChatError *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        error->kind = ChatError::Kind::MalformedResponse;
        error->message = QStringLiteral("The server's answer is not valid JSON (%1 at byte %2).")
                             .arg(pe.errorString())
                             .arg(pe.offset);
        return false;
    }
    QString msg, code;
    if (parseErrorObject(body, &msg, &code)) {
        error->kind = ChatError::Kind::ServerError;
        error->serverMessage = msg;
        error->serverCode = code;
        error->message = QStringLiteral("The server reported an error: %1").arg(msg);
        return false;
    }
    const QJsonObject o = doc.object();
    const QJsonArray choices = o.value(QStringLiteral("choices")).toArray();
    if (choices.isEmpty() || !choices.first().isObject()) {
        error->kind = ChatError::Kind::MalformedResponse;
        error->message = QStringLiteral("The server's answer has no choices.");
        return false;
    }
    const QJsonObject choice = choices.first().toObject();
    const QJsonObject message = choice.value(QStringLiteral("message")).toObject();
    *result = ChatResult();
    result->id = o.value(QStringLiteral("id")).toString();
    result->model = o.value(QStringLiteral("model")).toString();
    result->content = message.value(QStringLiteral("content")).toString();
    result->toolCalls = parseToolCalls(message.value(QStringLiteral("tool_calls")).toArray());
    result->finishReason = choice.value(QStringLiteral("finish_reason")).toString();
    result->usage = parseUsage(o.value(QStringLiteral("usage")));
    return true;
}

bool ChatCodec::parseModelList(const QByteArray &body, QStringList *models, ChatError *error)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject()) {
        error->kind = ChatError::Kind::MalformedResponse;
        error->message = QStringLiteral("The model list is not valid JSON.");
        return false;
    }
    const QJsonObject o = doc.object();
    QJsonArray list = o.value(QStringLiteral("data")).toArray();
    QString key = QStringLiteral("id");
    if (!o.contains(QStringLiteral("data")) && o.value(QStringLiteral("models")).isArray()) {
        list = o.value(QStringLiteral("models")).toArray();
        key = QStringLiteral("name");
    } else if (!o.value(QStringLiteral("data")).isArray()) {
        error->kind = ChatError::Kind::MalformedResponse;
        error->message = QStringLiteral("The model list has no \"data\" array.");
        return false;
    }
    models->clear();
    for (const QJsonValue &v : list) {
        const QString id = v.toObject().value(key).toString();
        if (!id.isEmpty())
            models->append(id);
    }
    std::sort(models->begin(), models->end());
    return true;
}

} // namespace cl
