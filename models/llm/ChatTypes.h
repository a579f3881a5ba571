// Plain value types of the LLM client: messages, tool calls, requests, results, usage, errors.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace cl {

/// One function call the model asked for. `arguments` is the raw JSON text the model wrote.
struct ToolCall
{
    QString id;        ///< Server-assigned id, echoed back in the tool result message.
    QString name;      ///< Function name, one of the ChatRequest::tools.
    QString arguments; ///< JSON text as received; may be invalid JSON (the model wrote it).

    bool operator==(const ToolCall &o) const
    {
        return id == o.id && name == o.name && arguments == o.arguments;
    }
};

/// One message of a conversation, in the shape of the Chat Completions API.
struct ChatMessage
{
    enum class Role
    {
        System,
        User,
        Assistant,
        Tool
    };
    Role role = Role::User;
    QString content;           ///< May be empty for an assistant message that only calls tools.
    QList<ToolCall> toolCalls; ///< Assistant messages only: the calls the model made.
    QString toolCallId;        ///< Tool messages only: the ToolCall::id this answers.

    static ChatMessage system(const QString &text) { return {Role::System, text, {}, {}}; }
    static ChatMessage user(const QString &text) { return {Role::User, text, {}, {}}; }
    static ChatMessage assistant(const QString &text, const QList<ToolCall> &calls = {})
    {
        return {Role::Assistant, text, calls, {}};
    }
    /// The result of running a tool locally, sent back to the model.
    static ChatMessage toolResult(const QString &callId, const QString &resultJson)
    {
        return {Role::Tool, resultJson, {}, callId};
    }
};

/// A function the model may call; `parameters` is a JSON Schema object.
struct ToolDefinition
{
    QString name;
    QString description;
    QJsonObject parameters;
};

/// Everything needed for one POST /chat/completions.
struct ChatRequest
{
    QString model; ///< Empty: the client's configured model.
    QList<ChatMessage> messages;
    QList<ToolDefinition> tools; ///< Empty: no "tools" key is sent.
    bool stream = true;          ///< Server-sent events, with usage in the last chunk.
    double temperature = -1;     ///< Negative: not sent (server default).
    int maxTokens = 0;           ///< 0: not sent (server default).
};

/// Token counts of one response. -1 means the server did not report them.
struct TokenUsage
{
    qint64 promptTokens = -1;
    qint64 completionTokens = -1;
    qint64 totalTokens = -1;
    /// The counts are an estimate (see TokenEstimate.h), not the server's, in part or in whole.
    bool estimated = false;

    bool isValid() const { return promptTokens >= 0 && completionTokens >= 0; }
    /// Adds another response's counts (invalid counts add nothing); a sum with an estimated
    /// part is estimated.
    TokenUsage &operator+=(const TokenUsage &o)
    {
        if (!o.isValid())
            return *this;
        promptTokens = qMax<qint64>(promptTokens, 0) + o.promptTokens;
        completionTokens = qMax<qint64>(completionTokens, 0) + o.completionTokens;
        totalTokens = promptTokens + completionTokens;
        estimated = estimated || o.estimated;
        return *this;
    }
};

/// A complete answer: text and/or tool calls, with usage.
struct ChatResult
{
    QString id;    ///< Server's completion id, empty if not sent.
    QString model; ///< Model that answered, as reported by the server.
    QString content;
    QList<ToolCall>
        toolCalls;        ///< Non-empty when the model wants tools run (finishReason "tool_calls").
    QString finishReason; ///< "stop", "length", "tool_calls", "content_filter"; empty if unknown.
    TokenUsage usage;
};

/// Why a request failed. `message` is for the user and never contains the API key.
struct ChatError
{
    enum class Kind
    {
        None,
        Configuration,     ///< Bad base URL, unreadable CA file.
        ConnectionRefused, ///< Nothing listens at the base URL (local server not started?).
        HostNotFound,      ///< DNS failure or network down.
        Network,           ///< Other transport failure.
        Tls,               ///< Certificate or handshake problem.
        Timeout,           ///< Connect, first-token or idle time-out (see message).
        Unauthorized,      ///< 401: key missing or wrong.
        Forbidden,         ///< 403: key lacks access (region, organisation, model).
        NotFound,          ///< 404: usually an unknown model or a wrong base URL.
        BadRequest,        ///< 400/413/422: e.g. context too long; serverMessage says which.
        RateLimited,       ///< 429 after all retries (or quota exhausted).
        Server,            ///< 5xx after all retries.
        ServerError,       ///< An error object inside a 200 response or stream.
        MalformedResponse, ///< Not the JSON or SSE we expect.
        StreamDropped,     ///< Connection ended before the stream finished.
        TooLarge,          ///< The response broke a cap of ChatLimits (size, tool calls).
        EmptyAnswer,       ///< The exchange ended without answer text (garbage, tools only).
        Cancelled          ///< cancel() was called.
    };
    Kind kind = Kind::None;
    int httpStatus = 0;    ///< 0 when there was no HTTP response.
    QString message;       ///< Human-readable, key scrubbed.
    QString serverMessage; ///< error.message from the server, key scrubbed; may be empty.
    QString serverCode;    ///< error.code or error.type from the server; may be empty.

    bool isError() const { return kind != Kind::None; }
};

} // namespace cl

Q_DECLARE_METATYPE(cl::ToolCall)
Q_DECLARE_METATYPE(cl::ChatResult)
Q_DECLARE_METATYPE(cl::ChatError)
