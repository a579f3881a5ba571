// Pure codec of the OpenAI Chat Completions wire format: request JSON out, responses in.
#pragma once

#include "llm/ChatTypes.h"

#include <QByteArray>
#include <QJsonArray>
#include <QStringList>

namespace cl {

/**
 * Builds request bodies and parses response bodies of POST /chat/completions and GET /models.
 * Stateless and pure (no I/O); callable from any thread. Streamed responses are assembled by
 * StreamAssembler, which uses the same helpers.
 */
class ChatCodec
{
public:
    /// The JSON body of a request. `defaultModel` is used when request.model is empty.
    /// Streamed requests ask for usage in the last chunk (stream_options.include_usage).
    static QByteArray buildRequest(const ChatRequest &request, const QString &defaultModel = {});

    /// One message as the API expects it (tool calls as "function" calls).
    static QJsonObject messageToJson(const ChatMessage &message);
    /// One tool as {"type":"function","function":{name, description, parameters}}.
    static QJsonObject toolToJson(const ToolDefinition &tool);

    /// Parses a non-streamed response body. On failure returns false and fills `error`
    /// (MalformedResponse, or ServerError for an {"error": ...} body).
    static bool parseResponse(const QByteArray &body, ChatResult *result, ChatError *error);

    /// Reads {"error":{message,type,code}} (OpenAI and most compatible servers) or
    /// {"error":"text"} (some local servers). False if the body holds no error object.
    static bool parseErrorObject(const QByteArray &body, QString *message, QString *code);

    /// Reads the "usage" object; invalid TokenUsage if absent or null.
    static TokenUsage parseUsage(const QJsonValue &usage);
    /// Reads a "tool_calls" array of a complete (non-delta) message.
    static QList<ToolCall> parseToolCalls(const QJsonArray &calls);

    /// Model ids of a GET /models body ({"data":[{"id":...}]}; Ollama's {"models":[{"name"}]}
    /// too), sorted. False and `error` on malformed input.
    static bool parseModelList(const QByteArray &body, QStringList *models, ChatError *error);
};

} // namespace cl
