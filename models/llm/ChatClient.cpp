// ChatClient: the network side of the LLM client.
#include "llm/ChatClient.h"

#include "llm/ChatCodec.h"
#include "llm/StreamAssembler.h"

#include <QDateTime>
#include <QFile>
#include <QLocale>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QRandomGenerator>

#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#include <QSslError>
#endif

namespace cl {

namespace {

QString hostOf(const QUrl &url)
{
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

/// "64 KB", "16 MB": the caps as a user reads them.
QString sizeText(qint64 bytes)
{
    if (bytes >= 1024 * 1024)
        return QStringLiteral("%1 MB").arg(double(bytes) / (1024 * 1024), 0, 'g', 4);
    if (bytes >= 1024)
        return QStringLiteral("%1 KB").arg(double(bytes) / 1024, 0, 'g', 4);
    return QStringLiteral("%1 bytes").arg(bytes);
}

} // namespace

ChatClient::ChatClient(const ChatClientConfig &config, ApiKeyProvider keyProvider, QObject *parent)
    : QObject(parent), m_keyProvider(std::move(keyProvider))
{
    m_timer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    m_deadlineTimer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ChatClient::onTimeout);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &ChatClient::onDeadline);
    connect(&m_retryTimer, &QTimer::timeout, this, &ChatClient::startAttempt);
    setConfig(config);
}

ChatClient::~ChatClient()
{
    dropReply();
    if (m_modelsReply) {
        m_modelsReply->disconnect(this);
        m_modelsReply->abort();
    }
}

void ChatClient::setConfig(const ChatClientConfig &config)
{
    m_config = config;
    if (m_config.useSystemProxy) {
        // Process-wide, as Qt offers it: environment (http_proxy, no_proxy) or desktop settings.
        QNetworkProxyFactory::setUseSystemConfiguration(true);
    }
    m_http.setUseSystemProxy(m_config.useSystemProxy);
}

QNetworkRequest ChatClient::makeRequest(const QString &endpoint, bool *ok, ChatError *error) const
{
    *ok = false;
    const QUrl base = m_config.baseUrl;
    if (!base.isValid() ||
        (base.scheme() != QLatin1String("http") && base.scheme() != QLatin1String("https")) ||
        base.host().isEmpty()) {
        error->kind = ChatError::Kind::Configuration;
        error->message = QStringLiteral("The base URL \"%1\" is not an http(s) URL. Set "
                                        "OPENAI_BASE_URL, e.g. http://localhost:11434/v1.")
                             .arg(base.toString(QUrl::RemoveUserInfo));
        return {};
    }
    QNetworkRequest req(
        QUrl(base.toString(QUrl::StripTrailingSlash) + QLatin1Char('/') + endpoint));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setRawHeader("User-Agent", QByteArrayLiteral("CampaignLens/" CAMPAIGNLENS_VERSION));
    // HttpReply never follows a redirect: it would carry the Authorization header along.
    const QString key = m_keyProvider ? m_keyProvider().trimmed() : QString();
    if (!key.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + key.toUtf8());
    else if (base.host() == QLatin1String("api.openai.com")) {
        error->kind = ChatError::Kind::Unauthorized;
        error->message = QStringLiteral("No API key: set the OPENAI_API_KEY environment variable "
                                        "(or OPENAI_BASE_URL for a local server).");
        return {};
    }
    if (!m_config.extraCaCertificateFile.isEmpty()) {
#if QT_CONFIG(ssl)
        QList<QSslCertificate> certs =
            QSslCertificate::fromPath(m_config.extraCaCertificateFile, QSsl::Pem);
        if (certs.isEmpty())
            certs = QSslCertificate::fromPath(m_config.extraCaCertificateFile, QSsl::Der);
        if (certs.isEmpty()) {
            error->kind = ChatError::Kind::Configuration;
            error->message = QStringLiteral("No CA certificate could be read from %1.")
                                 .arg(m_config.extraCaCertificateFile);
            return {};
        }
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(certs);
        req.setSslConfiguration(ssl);
#else
        error->kind = ChatError::Kind::Configuration;
        error->message = QStringLiteral("This build has no TLS support for the extra CA file.");
        return {};
#endif
    }
    *ok = true;
    return req;
}

bool ChatClient::send(const ChatRequest &request)
{
    if (m_busy)
        return false;
    m_busy = true;
    ++m_generation;
    m_stream = request.stream;
    m_model = request.model.isEmpty() ? m_config.model : request.model;
    m_body = ChatCodec::buildRequest(request, m_config.model);
    m_attempt = 0;
    if (m_config.answerTimeoutMs > 0)
        m_deadlineTimer.start(m_config.answerTimeoutMs);
    else
        m_deadlineTimer.stop();
    startAttempt();
    return true;
}

void ChatClient::startAttempt()
{
    bool ok = false;
    ChatError error;
    QNetworkRequest req = makeRequest(QStringLiteral("chat/completions"), &ok, &error);
    if (!ok) {
        // Report asynchronously so that send() never emits before returning.
        const quint64 generation = m_generation;
        QTimer::singleShot(0, this, [this, error, generation] {
            if (generation == m_generation) // not a later request's
                finishWithError(error);
        });
        return;
    }
    if (m_stream)
        req.setRawHeader("Accept", "text/event-stream");
    m_assembler = std::make_unique<StreamAssembler>();
    m_received.clear();
    m_responseBytes = 0;
    m_sslErrors.clear();
    m_isEventStream = false;
    // The reply's own cap is a backstop with slack: onReadyRead() meets the cap first and
    // fails with the message a user reads.
    m_reply = m_http.post(req, m_body, m_config.limits.maxResponseBytes + (1 << 20), this);
    connect(m_reply, &QNetworkReply::requestSent, this, &ChatClient::onRequestSent);
    connect(m_reply, &QNetworkReply::readyRead, this, &ChatClient::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ChatClient::onFinished);
#if QT_CONFIG(ssl)
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            m_sslErrors.append(e.errorString());
    });
#endif
    armTimer(Phase::Connecting);
}

void ChatClient::armTimer(Phase phase)
{
    m_phase = phase;
    const int ms = phase == Phase::Connecting          ? m_config.connectTimeoutMs
                   : phase == Phase::WaitingFirstToken ? m_config.firstTokenTimeoutMs
                                                       : m_config.idleTimeoutMs;
    if (ms > 0)
        m_timer.start(ms);
    else
        m_timer.stop();
}

void ChatClient::onRequestSent()
{
    if (m_phase == Phase::Connecting)
        armTimer(Phase::WaitingFirstToken);
}

void ChatClient::onReadyRead()
{
    if (!m_reply)
        return;
    const QByteArray bytes = m_reply->readAll();
    if (bytes.isEmpty())
        return;
    m_responseBytes += bytes.size();
    if (m_responseBytes > m_config.limits.maxResponseBytes) {
        // Stop reading at the cap: a hostile body is never buffered whole.
        ChatError error;
        error.kind = ChatError::Kind::TooLarge;
        error.httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        error.message = QStringLiteral("The server's response exceeded %1, the limit for one "
                                       "response; it was not read further.")
                            .arg(sizeText(m_config.limits.maxResponseBytes));
        dropReply();
        finishWithError(error);
        return;
    }
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_isEventStream = m_stream && status >= 200 && status < 300 &&
                      m_reply->header(QNetworkRequest::ContentTypeHeader)
                          .toString()
                          .contains(QLatin1String("text/event-stream"));
    if (!m_isEventStream) {
        m_received += bytes;
        armTimer(Phase::Receiving);
        return;
    }
    const qint64 progressBefore = m_assembler->progress();
    const StreamAssembler::Step step = m_assembler->feed(bytes);
    // Keep-alive comments and blank lines are silence: they re-arm no timer.
    const bool progressed = m_assembler->progress() != progressBefore;
    if (m_assembler->hasStarted()) {
        if (progressed || m_phase != Phase::Receiving)
            armTimer(Phase::Receiving);
    } else if (m_phase == Phase::Connecting) {
        armTimer(Phase::WaitingFirstToken); // keep-alive comments do not count as a token
    }
    if (failIfOverLimits(m_assembler->contentSize(), m_assembler->toolCallCount()))
        return; // the text of this step is over the cap: not shown
    if (!step.text.isEmpty())
        Q_EMIT textDelta(step.text);
    if (step.failed) {
        const ChatError error = m_assembler->error();
        dropReply();
        finishWithError(error);
    }
}

bool ChatClient::failIfOverLimits(qsizetype answerChars, qsizetype toolCalls)
{
    ChatError error;
    error.kind = ChatError::Kind::TooLarge;
    if (answerChars > m_config.limits.maxAnswerChars)
        error.message = QStringLiteral("The answer exceeded %1 characters, the limit for one "
                                       "answer.")
                            .arg(m_config.limits.maxAnswerChars);
    else if (toolCalls > m_config.limits.maxToolCallsPerResponse)
        error.message = QStringLiteral("The model asked for more than %1 tool calls in one "
                                       "response, the limit.")
                            .arg(m_config.limits.maxToolCallsPerResponse);
    else
        return false;
    dropReply();
    finishWithError(error);
    return true;
}

void ChatClient::onFinished()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    onReadyRead(); // whatever is left in the buffer
    if (!m_reply)
        return; // onReadyRead failed the request
    m_timer.stop();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError netError = reply->error();

    if (status >= 200 && status < 300) {
        // Also when the body was empty, so that onReadyRead() never looked at the headers.
        m_isEventStream = m_stream && reply->header(QNetworkRequest::ContentTypeHeader)
                                          .toString()
                                          .contains(QLatin1String("text/event-stream"));
        ChatResult result;
        if (m_isEventStream) {
            const StreamAssembler::Step step = m_assembler->finish();
            if (failIfOverLimits(m_assembler->contentSize(), m_assembler->toolCallCount()))
                return;
            if (!step.text.isEmpty())
                Q_EMIT textDelta(step.text);
            const bool complete = m_assembler->isDone() || m_assembler->hasFinishReason();
            // A half-received last event is a dropped connection, not malformed JSON; a
            // server error event without its blank line is still the server's error.
            if (step.failed &&
                (complete || m_assembler->error().kind == ChatError::Kind::ServerError)) {
                const ChatError error = m_assembler->error();
                dropReply();
                finishWithError(error);
                return;
            }
            if (!complete) {
                ChatError error;
                error.kind = ChatError::Kind::StreamDropped;
                error.httpStatus = status;
                error.message =
                    QStringLiteral("The connection ended before the answer was complete "
                                   "(%1 characters received%2).")
                        .arg(m_assembler->result().content.size())
                        .arg(netError != QNetworkReply::NoError
                                 ? QStringLiteral(": ") + reply->errorString()
                                 : QString());
                dropReply();
                finishWithError(error);
                return;
            }
            result = m_assembler->result();
        } else {
            ChatError error;
            if (netError != QNetworkReply::NoError) {
                error = networkError(reply, true);
                dropReply();
                finishWithError(error);
                return;
            }
            // A server may ignore "stream": true and answer with plain JSON; both are fine.
            if (!ChatCodec::parseResponse(m_received, &result, &error)) {
                error.httpStatus = status;
                dropReply();
                finishWithError(error);
                return;
            }
            if (failIfOverLimits(result.content.size(), result.toolCalls.size()))
                return;
            if (m_stream && !result.content.isEmpty())
                Q_EMIT textDelta(result.content);
        }
        dropReply();
        m_busy = false;
        m_deadlineTimer.stop();
        if (!result.toolCalls.isEmpty())
            Q_EMIT toolCallsReady(result.toolCalls);
        Q_EMIT finished(result);
        return;
    }

    if (status == 0) {
        const ChatError error = networkError(reply, false);
        dropReply();
        finishWithError(error);
        return;
    }

    ChatError error = httpError(status, m_received, m_model);
    const bool retryable =
        (status == 429 && error.serverCode != QLatin1String("insufficient_quota")) ||
        (status >= 500 && status <= 599);
    if (retryable && m_attempt < m_config.maxRetries) {
        const int delay = retryDelayMs(reply, m_attempt);
        dropReply();
        if (delay < 0) {
            error.message += QStringLiteral(" The server asked to wait longer than %1 s.")
                                 .arg(m_config.maxRetryDelayMs / 1000);
            finishWithError(error);
            return;
        }
        ++m_attempt;
        Q_EMIT retryScheduled(m_attempt, delay, scrubbed(error));
        m_retryTimer.start(delay);
        return;
    }
    if (retryable && m_attempt > 0)
        error.message += QStringLiteral(" (gave up after %1 retries)").arg(m_attempt);
    dropReply();
    finishWithError(error);
}

int ChatClient::retryDelayMs(QNetworkReply *reply, int attempt) const
{
    int delay = -1;
    bool ok = false;
    const QByteArray ms = reply->rawHeader("retry-after-ms").trimmed();
    const QByteArray after = reply->rawHeader("Retry-After").trimmed();
    if (!ms.isEmpty()) {
        const double v = ms.toDouble(&ok);
        if (ok && v >= 0)
            delay = int(qMin(v, 1e9));
    }
    if (delay < 0 && !after.isEmpty()) {
        const double seconds = after.toDouble(&ok);
        if (ok && seconds >= 0) {
            delay = int(qMin(seconds * 1000, 1e9));
        } else {
            const QDateTime when = QLocale::c().toDateTime(
                QString::fromLatin1(after).left(25), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss"));
            if (when.isValid()) {
                QDateTime utc = when;
                utc.setTimeSpec(Qt::UTC);
                delay = int(qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(utc)));
            }
        }
    }
    if (delay >= 0)
        return delay > m_config.maxRetryDelayMs ? -1 : delay;
    // Exponential backoff with jitter, so that many clients do not retry in step.
    const double base = double(m_config.initialBackoffMs) * double(1 << qMin(attempt, 16));
    const double jittered = base * (0.75 + 0.5 * QRandomGenerator::global()->generateDouble());
    return int(qMin(jittered, double(m_config.maxRetryDelayMs)));
}

void ChatClient::onTimeout()
{
    if (!m_reply)
        return;
    ChatError error;
    error.kind = ChatError::Kind::Timeout;
    const QString host = hostOf(m_config.baseUrl);
    switch (m_phase) {
    case Phase::Connecting:
        error.message = QStringLiteral("Could not connect to %1 within %2 s.")
                            .arg(host)
                            .arg(m_config.connectTimeoutMs / 1000.0);
        break;
    case Phase::WaitingFirstToken:
        error.message = QStringLiteral("%1 did not start answering within %2 s.")
                            .arg(host)
                            .arg(m_config.firstTokenTimeoutMs / 1000.0);
        break;
    case Phase::Receiving:
        error.message = QStringLiteral("%1 stopped sending for %2 s in the middle of the answer.")
                            .arg(host)
                            .arg(m_config.idleTimeoutMs / 1000.0);
        break;
    }
    dropReply();
    finishWithError(error);
}

void ChatClient::onDeadline()
{
    if (!m_busy)
        return;
    dropReply();
    ChatError error;
    error.kind = ChatError::Kind::Timeout;
    error.message = QStringLiteral("%1 gave no complete answer within %2 s, the time limit for "
                                   "one answer.")
                        .arg(hostOf(m_config.baseUrl))
                        .arg(m_config.answerTimeoutMs / 1000.0);
    finishWithError(error);
}

void ChatClient::cancel()
{
    if (!m_busy)
        return;
    m_retryTimer.stop();
    dropReply();
    ChatError error;
    error.kind = ChatError::Kind::Cancelled;
    error.message = QStringLiteral("Cancelled.");
    finishWithError(error);
}

void ChatClient::dropReply()
{
    m_timer.stop();
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->abort(); // closes the socket: the server sees the request go away
    reply->deleteLater();
}

void ChatClient::finishWithError(ChatError error)
{
    if (!m_busy)
        return;
    m_busy = false;
    m_retryTimer.stop();
    m_deadlineTimer.stop();
    Q_EMIT failed(scrubbed(std::move(error)));
}

ChatError ChatClient::scrubbed(ChatError error) const
{
    const QString key = m_keyProvider ? m_keyProvider() : QString();
    error.message = scrubSecret(error.message, key);
    error.serverMessage = scrubSecret(error.serverMessage, key);
    error.serverCode = scrubSecret(error.serverCode, key);
    return error;
}

ChatError ChatClient::networkError(QNetworkReply *reply, bool streamStarted) const
{
    ChatError e;
    const QString host = hostOf(m_config.baseUrl);
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        e.kind = ChatError::Kind::ConnectionRefused;
        e.message = QStringLiteral("Connection refused by %1: is the server running and the "
                                   "base URL (OPENAI_BASE_URL) right?")
                        .arg(host);
        break;
    case QNetworkReply::HostNotFoundError:
        e.kind = ChatError::Kind::HostNotFound;
        e.message = QStringLiteral("Host %1 not found: the network may be down, or the base URL "
                                   "is wrong.")
                        .arg(m_config.baseUrl.host());
        break;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::InsecureRedirectError:
        e.kind = ChatError::Kind::Tls;
        e.message = QStringLiteral("Secure connection to %1 failed: %2. Behind a corporate proxy, "
                                   "set its CA certificate file in the settings.")
                        .arg(host, m_sslErrors.isEmpty() ? reply->errorString()
                                                         : m_sslErrors.join(QStringLiteral("; ")));
        break;
    case QNetworkReply::UnknownContentError: // HttpReply's cap on the body
        e.kind = ChatError::Kind::TooLarge;
        e.message = QStringLiteral("%1 sent more than %2; it was not read further.")
                        .arg(host, sizeText(m_config.limits.maxResponseBytes));
        break;
    case QNetworkReply::TimeoutError:
        e.kind = ChatError::Kind::Timeout;
        e.message = QStringLiteral("The connection to %1 timed out.").arg(host);
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.kind = streamStarted ? ChatError::Kind::StreamDropped : ChatError::Kind::Network;
        e.message = streamStarted
                        ? QStringLiteral("The connection to %1 dropped before the answer was "
                                         "complete.")
                              .arg(host)
                        : QStringLiteral("%1 closed the connection without answering.").arg(host);
        break;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        e.kind = ChatError::Kind::Network;
        e.message = QStringLiteral("The proxy failed: %1. Check the system proxy settings "
                                   "(http_proxy, https_proxy, no_proxy).")
                        .arg(reply->errorString());
        break;
    default:
        e.kind = ChatError::Kind::Network;
        e.message =
            QStringLiteral("Network error talking to %1: %2").arg(host, reply->errorString());
        break;
    }
    if (!m_sslErrors.isEmpty() && e.kind == ChatError::Kind::Network) {
        e.kind = ChatError::Kind::Tls;
        e.message += QStringLiteral(" (TLS: %1)").arg(m_sslErrors.join(QStringLiteral("; ")));
    }
    return e;
}

ChatError ChatClient::httpError(int status, const QByteArray &body, const QString &model) const
{
    ChatError e;
    e.httpStatus = status;
    QString serverMessage, code;
    if (!ChatCodec::parseErrorObject(body, &serverMessage, &code))
        serverMessage = QString::fromUtf8(body.left(300)).simplified();
    e.serverMessage = serverMessage;
    e.serverCode = code;
    const QString said =
        serverMessage.isEmpty() ? QString() : QStringLiteral(" Server: \"%1\"").arg(serverMessage);
    const QString host = hostOf(m_config.baseUrl);
    switch (status) {
    case 401:
        e.kind = ChatError::Kind::Unauthorized;
        e.message = QStringLiteral("%1 rejected the API key (401). Check OPENAI_API_KEY.%2")
                        .arg(host, said);
        break;
    case 403:
        e.kind = ChatError::Kind::Forbidden;
        e.message = QStringLiteral("Access denied (403): the key may not be allowed to use model "
                                   "\"%1\" or this region.%2")
                        .arg(model, said);
        break;
    case 404:
        e.kind = ChatError::Kind::NotFound;
        if (model.isEmpty()) {
            e.message = QStringLiteral("Not found (404): %1 offers no model list there; check "
                                       "the base URL.%2")
                            .arg(host, said);
            break;
        }
        e.message = QStringLiteral("Not found (404): model \"%1\" does not exist on %2, or the "
                                   "base URL is wrong.%3")
                        .arg(model, host, said);
        break;
    case 429:
        e.kind = ChatError::Kind::RateLimited;
        e.message = code == QLatin1String("insufficient_quota")
                        ? QStringLiteral("The account's quota is exhausted (429).%1").arg(said)
                        : QStringLiteral("Rate limit reached (429).%1").arg(said);
        break;
    default:
        if (status >= 300 && status < 400) {
            e.kind = ChatError::Kind::Configuration;
            e.message = QStringLiteral("%1 redirects (HTTP %2) instead of answering; redirects are "
                                       "not followed so that the key stays with %1. Set the base "
                                       "URL to the final address.")
                            .arg(host)
                            .arg(status);
        } else if (status >= 500) {
            e.kind = ChatError::Kind::Server;
            e.message = QStringLiteral("%1 failed with HTTP %2.%3").arg(host).arg(status).arg(said);
        } else {
            e.kind = ChatError::Kind::BadRequest;
            const bool tooLong = code == QLatin1String("context_length_exceeded") ||
                                 serverMessage.contains(QLatin1String("context length")) ||
                                 serverMessage.contains(QLatin1String("maximum context"));
            e.message =
                tooLong ? QStringLiteral("The conversation is too long for model \"%1\" (HTTP %2): "
                                         "start a new chat or ask a shorter question.%3")
                              .arg(model)
                              .arg(status)
                              .arg(said)
                        : QStringLiteral("The server refused the request (HTTP %1).%2")
                              .arg(status)
                              .arg(said);
        }
        break;
    }
    return e;
}

void ChatClient::fetchModels()
{
    if (m_modelsReply)
        return;
    bool ok = false;
    ChatError error;
    QNetworkRequest req = makeRequest(QStringLiteral("models"), &ok, &error);
    if (!ok) {
        QTimer::singleShot(0, this, [this, error] { Q_EMIT modelsFailed(scrubbed(error)); });
        return;
    }
    req.setTransferTimeout(qMax(1, m_config.connectTimeoutMs + m_config.firstTokenTimeoutMs));
    m_modelsReply = m_http.get(req, m_config.limits.maxResponseBytes, this);
    QNetworkReply *reply = m_modelsReply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_modelsReply = nullptr;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        ChatError e;
        QStringList models;
        if (status == 0)
            e = networkError(reply, false);
        else if (status < 200 || status >= 300)
            e = httpError(status, body, QString());
        else if (ChatCodec::parseModelList(body, &models, &e)) {
            Q_EMIT modelsFetched(models);
            return;
        }
        Q_EMIT modelsFailed(scrubbed(e));
    });
}

} // namespace cl
