// Settings of the Chat Completions client: endpoint, model, time-outs, size caps, retries, TLS,
// proxy.
#pragma once

#include <QString>
#include <QUrl>

namespace cl {

/**
 * Size caps against a broken or hostile server, all in one place (docs/chat.md lists them).
 * ChatClient enforces the first three on every response, ChatSession the last two on every
 * tool round. Far above what a real answer needs; tests set small values.
 */
struct ChatLimits
{
    /// Raw body of one response, streamed or not; more fails the request as it arrives.
    qint64 maxResponseBytes = 16 * 1024 * 1024;
    /// Text of one answer (characters); more fails it: no model writes a 1 M-character answer.
    qint64 maxAnswerChars = 1024 * 1024;
    /// Tool calls in one response; more fails the request (each would be echoed back).
    int maxToolCallsPerResponse = 64;
    /// Tool calls run per round; the rest of that round get a short error result instead.
    int maxToolCallsPerRound = 8;
    /// UTF-8 bytes of one call's arguments; longer ones are refused and not echoed back.
    int maxToolArgumentBytes = 16 * 1024;
};

/// Where and how ChatClient talks to an OpenAI-compatible server. A value type.
struct ChatClientConfig
{
    /// Base URL without the endpoint, e.g. http://127.0.0.1:11434/v1 for Ollama.
    QUrl baseUrl = QUrl(QStringLiteral("https://api.openai.com/v1"));
    /// Used when a ChatRequest names no model.
    QString model = QStringLiteral("gpt-4o-mini");

    int connectTimeoutMs = 15000;    ///< Until the request is on the wire (TCP + TLS + proxy).
    int firstTokenTimeoutMs = 90000; ///< From sent request to the first answer data.
    int idleTimeoutMs = 30000;       ///< Longest silence between two pieces of a started answer
                                     ///< (SSE comments and blank lines are silence).
    /// Longest time for one answer, 0: none. ChatClient applies it to each request (retry waits
    /// included), ChatSession to a whole question (all its tool rounds).
    int answerTimeoutMs = 300000;

    ChatLimits limits; ///< Size caps; see ChatLimits.

    int maxRetries = 3;          ///< Extra attempts after a 429 or 5xx; 0 disables retries.
    int initialBackoffMs = 1000; ///< Doubles per attempt when the server gives no Retry-After.
    int maxRetryDelayMs = 60000; ///< A longer Retry-After fails instead of waiting.

    bool useSystemProxy = true;     ///< Honour the system/environment proxy; false: no proxy.
    QString extraCaCertificateFile; ///< PEM or DER file of a corporate proxy's CA; empty: none.

    /// Defaults overridden by OPENAI_BASE_URL, as the official SDKs do.
    static ChatClientConfig fromEnvironment()
    {
        ChatClientConfig c;
        const QString base = qEnvironmentVariable("OPENAI_BASE_URL").trimmed();
        if (!base.isEmpty())
            c.baseUrl = QUrl(base);
        return c;
    }
};

} // namespace cl
