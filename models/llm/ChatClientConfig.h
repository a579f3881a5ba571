// Settings of the Chat Completions client: endpoint, model, time-outs, retries, TLS, proxy.
#pragma once

#include <QString>
#include <QUrl>

namespace cl {

/// Where and how ChatClient talks to an OpenAI-compatible server. A value type.
struct ChatClientConfig
{
    /// Base URL without the endpoint, e.g. http://127.0.0.1:11434/v1 for Ollama.
    QUrl baseUrl = QUrl(QStringLiteral("https://api.openai.com/v1"));
    /// Used when a ChatRequest names no model.
    QString model = QStringLiteral("gpt-4o-mini");

    int connectTimeoutMs = 15000;    ///< Until the request is on the wire (TCP + TLS + proxy).
    int firstTokenTimeoutMs = 90000; ///< From sent request to the first answer data.
    int idleTimeoutMs = 30000;       ///< Longest silence between two pieces of a started answer.

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
