// Chat Completions client: streaming, cancel, time-outs, retries, response caps.
#pragma once

#include "llm/ApiKeyProvider.h"
#include "llm/ChatClientConfig.h"
#include "llm/ChatTypes.h"
#include "llm/HttpReply.h"

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class QNetworkReply;

namespace cl {

class StreamAssembler;

/**
 * Sends one chat request at a time to {baseUrl}/chat/completions and reports the answer by
 * signals: textDelta() while a stream arrives, then toolCallsReady() (if the model called
 * tools) and finished(), or failed() exactly once. fetchModels() runs independently.
 * Enforces ChatClientConfig::answerTimeoutMs per request and the response caps of ChatLimits
 * (body bytes, answer characters, tool calls) while the response arrives.
 *
 * Each request goes over an HttpReply (a socket read by us, so that the caps bound memory).
 * Thread affinity: lives in and must be used from the thread that created it; all signals are
 * emitted from that thread. Owns its network replies.
 * The API key is asked from the ApiKeyProvider for each attempt and is never put in a signal,
 * an error text or a log.
 */
class ChatClient : public QObject
{
    Q_OBJECT
public:
    explicit ChatClient(const ChatClientConfig &config = ChatClientConfig::fromEnvironment(),
                        ApiKeyProvider keyProvider = environmentApiKeyProvider(),
                        QObject *parent = nullptr);
    ~ChatClient() override;

    ChatClientConfig config() const { return m_config; }
    /// Takes effect from the next request.
    void setConfig(const ChatClientConfig &config);
    void setApiKeyProvider(ApiKeyProvider provider) { m_keyProvider = std::move(provider); }

    /// Starts a request. False (and nothing emitted) if one is already running.
    bool send(const ChatRequest &request);
    /// Aborts the running request (or its pending retry); failed() follows with Kind::Cancelled.
    /// No-op when idle.
    void cancel();
    bool isBusy() const { return m_busy; }

    /// GET {baseUrl}/models; modelsFetched() or modelsFailed() follows.
    void fetchModels();

Q_SIGNALS:
    /// A piece of the answer's text arrived (streaming only).
    void textDelta(const QString &text);
    /// The model asked for these tools to be run; emitted just before finished().
    void toolCallsReady(const QList<cl::ToolCall> &calls);
    /// The answer is complete.
    void finished(const cl::ChatResult &result);
    /// The request failed for good (after any retries) or was cancelled.
    void failed(const cl::ChatError &error);
    /// A 429/5xx answer will be retried after `delayMs`; `attempt` counts from 1.
    void retryScheduled(int attempt, int delayMs, const cl::ChatError &reason);
    void modelsFetched(const QStringList &models);
    void modelsFailed(const cl::ChatError &error);

private:
    enum class Phase
    {
        Connecting,
        WaitingFirstToken,
        Receiving
    };

    void startAttempt();
    void onRequestSent();
    void onReadyRead();
    void onFinished();
    void onTimeout();
    void onDeadline();
    /// Fails the request with Kind::TooLarge if the response broke a ChatLimits cap.
    bool failIfOverLimits(qsizetype answerChars, qsizetype toolCalls);
    void armTimer(Phase phase);
    void dropReply();
    void finishWithError(ChatError error);
    QNetworkRequest makeRequest(const QString &endpoint, bool *ok, ChatError *error) const;
    ChatError networkError(QNetworkReply *reply, bool streamStarted) const;
    ChatError httpError(int status, const QByteArray &body, const QString &model) const;
    int retryDelayMs(QNetworkReply *reply, int attempt) const;
    ChatError scrubbed(ChatError error) const;

    ChatClientConfig m_config;
    ApiKeyProvider m_keyProvider;
    HttpTransport m_http;
    QPointer<QNetworkReply> m_reply;
    QPointer<QNetworkReply> m_modelsReply;
    std::unique_ptr<StreamAssembler> m_assembler;
    QByteArray m_body;       ///< The request body, kept for retries.
    QString m_model;         ///< The model of the running request (for messages).
    QByteArray m_received;   ///< Non-streamed or error body so far.
    QStringList m_sslErrors; ///< TLS problems reported for the running reply.
    QTimer m_timer;          ///< The time-out of the current phase.
    QTimer m_retryTimer;
    QTimer m_deadlineTimer; ///< ChatClientConfig::answerTimeoutMs from send(), retries included.
    qint64 m_responseBytes = 0; ///< Body bytes of the running attempt's response.
    Phase m_phase = Phase::Connecting;
    bool m_busy = false;
    bool m_stream = false;
    bool m_isEventStream = false;
    int m_attempt = 0;        ///< 0 for the first try.
    quint64 m_generation = 0; ///< Counts send() calls, to drop stale queued reports.
};

} // namespace cl
