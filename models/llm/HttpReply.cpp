// HttpReply: an HTTP/1.1 client for one exchange, with the response decoded as it arrives.
#include "llm/HttpReply.h"

#include <QNetworkProxyFactory>
#include <QTcpSocket>

#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>
#endif

#include <cstring>

namespace cl {

namespace {

constexpr qsizetype kMaxChunkLine = 1024;

/// A request header may not carry a line break or NUL: it would end the header early.
bool isSafeHeaderPart(const QByteArray &s)
{
    return !s.contains('\r') && !s.contains('\n') && !s.contains('\0');
}

/// The next line of `in` from `pos` without its CR LF (or LF); false if none is complete.
bool takeLine(const QByteArray &in, qsizetype *pos, QByteArray *line)
{
    const qsizetype eol = in.indexOf('\n', *pos);
    if (eol < 0)
        return false;
    qsizetype end = eol;
    if (end > *pos && in.at(end - 1) == '\r')
        --end;
    *line = in.mid(*pos, end - *pos);
    *pos = eol + 1;
    return true;
}

QNetworkReply::NetworkError networkErrorOf(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return QNetworkReply::ConnectionRefusedError;
    case QAbstractSocket::RemoteHostClosedError:
        return QNetworkReply::RemoteHostClosedError;
    case QAbstractSocket::HostNotFoundError:
        return QNetworkReply::HostNotFoundError;
    case QAbstractSocket::SocketTimeoutError:
        return QNetworkReply::TimeoutError;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return QNetworkReply::SslHandshakeFailedError;
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        return QNetworkReply::ProxyAuthenticationRequiredError;
    case QAbstractSocket::ProxyConnectionRefusedError:
        return QNetworkReply::ProxyConnectionRefusedError;
    case QAbstractSocket::ProxyConnectionClosedError:
        return QNetworkReply::ProxyConnectionClosedError;
    case QAbstractSocket::ProxyConnectionTimeoutError:
        return QNetworkReply::ProxyTimeoutError;
    case QAbstractSocket::ProxyNotFoundError:
        return QNetworkReply::ProxyNotFoundError;
    case QAbstractSocket::ProxyProtocolError:
        return QNetworkReply::UnknownProxyError;
    default:
        return QNetworkReply::UnknownNetworkError;
    }
}

} // namespace

HttpReply::HttpReply(QNetworkAccessManager::Operation operation, const QNetworkRequest &req,
                     const QByteArray &body, const QNetworkProxy &proxy, qint64 maxBodyBytes,
                     QObject *parent)
    : QNetworkReply(parent), m_requestBody(body), m_proxy(proxy), m_maxBodyBytes(maxBodyBytes)
{
    setRequest(req);
    setUrl(req.url());
    setOperation(operation);
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    m_transferTimer.setSingleShot(true);
    connect(&m_transferTimer, &QTimer::timeout, this, [this] {
        fail(TimeoutError,
             QStringLiteral("No data moved for %1 s.").arg(request().transferTimeout() / 1000.0));
    });
    // Started from the event loop, as QNetworkAccessManager does: the caller connects first.
    QTimer::singleShot(0, this, [this] { start(); });
}

HttpReply::~HttpReply()
{
    closeSocket();
}

void HttpReply::start()
{
    if (m_done)
        return;
    const QUrl target = url();
    const bool https = target.scheme() == QLatin1String("https");
    if (!https && target.scheme() != QLatin1String("http")) {
        fail(ProtocolUnknownError,
             QStringLiteral("Only http and https are supported, not \"%1\".").arg(target.scheme()));
        return;
    }
    QByteArray path = target.path(QUrl::FullyEncoded).toLatin1();
    if (path.isEmpty())
        path = "/";
    if (target.hasQuery())
        path += '?' + target.query(QUrl::FullyEncoded).toLatin1();
    const QByteArray verb = operation() == QNetworkAccessManager::PostOperation ? "POST" : "GET";
    QByteArray head =
        verb + ' ' + path + " HTTP/1.1\r\nHost: " +
        target.adjusted(QUrl::RemoveUserInfo).authority(QUrl::FullyEncoded).toLatin1() + "\r\n";
    const QNetworkRequest req = request();
    for (const QByteArray &name : req.rawHeaderList()) {
        const QByteArray lower = name.toLower();
        if (lower == "host" || lower == "content-length" || lower == "connection" ||
            lower == "accept-encoding" || lower == "transfer-encoding")
            continue; // ours to say
        const QByteArray value = req.rawHeader(name);
        if (!isSafeHeaderPart(name) || !isSafeHeaderPart(value) || name.contains(':')) {
            fail(ProtocolInvalidOperationError,
                 QStringLiteral("The request header \"%1\" holds a line break; not sent.")
                     .arg(QString::fromLatin1(name.left(64))));
            return;
        }
        head += name + ": " + value + "\r\n";
    }
    head += "Accept-Encoding: identity\r\nConnection: close\r\n";
    if (operation() == QNetworkAccessManager::PostOperation)
        head += "Content-Length: " + QByteArray::number(m_requestBody.size()) + "\r\n";
    head += "\r\n";
    m_requestBody.prepend(head);

    const quint16 port = quint16(target.port(https ? 443 : 80));
#if QT_CONFIG(ssl)
    if (https) {
        auto *ssl = new QSslSocket(this);
        ssl->setSslConfiguration(req.sslConfiguration());
        connect(ssl, &QSslSocket::encrypted, this, &HttpReply::sendRequest);
        connect(ssl, &QSslSocket::sslErrors, this,
                [this](const QList<QSslError> &errors) { Q_EMIT sslErrors(errors); });
        m_socket = ssl;
    }
#else
    if (https) {
        fail(ProtocolUnknownError, QStringLiteral("This build has no TLS support."));
        return;
    }
#endif
    if (!m_socket) {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QTcpSocket::connected, this, &HttpReply::sendRequest);
    }
    m_socket->setProxy(m_proxy);
    m_socket->setReadBufferSize(kSocketReadBuffer);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpReply::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpReply::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpReply::onSocketError);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this](qint64 n) {
        if (request().transferTimeout() > 0)
            m_transferTimer.start();
        m_requestWritten += n;
        if (m_requestWritten >= m_requestBytes && m_requestBytes > 0) {
            m_requestBytes = 0; // once
            Q_EMIT requestSent();
        }
    });
    if (req.transferTimeout() > 0) {
        m_transferTimer.setInterval(req.transferTimeout());
        m_transferTimer.start();
    }
#if QT_CONFIG(ssl)
    if (auto *ssl = qobject_cast<QSslSocket *>(m_socket)) {
        ssl->connectToHostEncrypted(target.host(), port);
        return;
    }
#endif
    m_socket->connectToHost(target.host(), port);
}

void HttpReply::sendRequest()
{
    if (m_done || !m_socket)
        return;
    m_state = State::Head;
    m_requestBytes = m_requestBody.size();
    m_requestWritten = 0;
    m_socket->write(m_requestBody);
    m_requestBody.clear();
    m_requestBody.squeeze();
}

void HttpReply::onReadyRead()
{
    if (m_done || !m_socket)
        return;
    if (request().transferTimeout() > 0)
        m_transferTimer.start();
    // At most the socket's 64 KB read buffer per call: the server cannot get further ahead.
    m_in += m_socket->readAll();
    parse();
}

bool HttpReply::parse()
{
    qsizetype pos = 0;
    const auto keep = [this, &pos] {
        if (!m_done)
            m_in.remove(0, pos);
        return !m_done;
    };
    while (!m_done) {
        switch (m_state) {
        case State::Connecting:
            if (m_in.isEmpty())
                return true;
            m_state = State::Head; // an early answer: read it
            break;
        case State::Head: {
            m_in.remove(0, pos);
            pos = 0;
            if (!parseHead())
                return !m_done;
            if (m_state == State::Head)
                break; // a 1xx interim answer: the real one follows
            break;
        }
        case State::Body: {
            const qsizetype available = m_in.size() - pos;
            if (available == 0)
                return keep();
            const qsizetype n =
                m_remaining < 0 ? available : qsizetype(qMin<qint64>(m_remaining, available));
            const QByteArray piece = m_in.mid(pos, n);
            pos += n;
            if (m_remaining > 0)
                m_remaining -= n;
            deliver(piece);
            if (!m_done && m_remaining == 0)
                complete();
            break;
        }
        case State::ChunkSize: {
            QByteArray line;
            if (!takeLine(m_in, &pos, &line)) {
                if (m_in.size() - pos > kMaxChunkLine)
                    fail(ProtocolFailure, QStringLiteral("A chunk-size line of the response is "
                                                         "longer than 1 KB."));
                return keep();
            }
            const qsizetype semicolon = line.indexOf(';');
            const QByteArray hex = (semicolon >= 0 ? line.left(semicolon) : line).trimmed();
            bool ok = false;
            const qint64 size = hex.size() <= 15 ? hex.toLongLong(&ok, 16) : -1;
            if (!ok || size < 0) {
                fail(ProtocolFailure, QStringLiteral("The response's chunked encoding is broken."));
                return false;
            }
            m_remaining = size;
            m_state = size == 0 ? State::Trailers : State::ChunkData;
            break;
        }
        case State::ChunkData: {
            const qsizetype available = m_in.size() - pos;
            if (available == 0)
                return keep();
            const qsizetype n = qsizetype(qMin<qint64>(m_remaining, available));
            const QByteArray piece = m_in.mid(pos, n);
            pos += n;
            m_remaining -= n;
            if (m_remaining == 0)
                m_state = State::ChunkEnd;
            deliver(piece);
            break;
        }
        case State::ChunkEnd: {
            QByteArray line;
            if (!takeLine(m_in, &pos, &line)) {
                if (m_in.size() - pos > 2)
                    fail(ProtocolFailure, QStringLiteral("The response's chunked encoding is "
                                                         "broken."));
                return keep();
            }
            if (!line.isEmpty()) {
                fail(ProtocolFailure, QStringLiteral("The response's chunked encoding is broken."));
                return false;
            }
            m_state = State::ChunkSize;
            break;
        }
        case State::Trailers: {
            QByteArray line;
            if (!takeLine(m_in, &pos, &line)) {
                if (m_in.size() - pos > kMaxHeadBytes)
                    fail(ProtocolFailure,
                         QStringLiteral("The response's trailers are over 64 KB."));
                return keep();
            }
            if (line.isEmpty())
                complete();
            break;
        }
        case State::Done:
            return false;
        }
    }
    return false;
}

bool HttpReply::parseHead()
{
    const qsizetype end = m_in.indexOf("\r\n\r\n");
    const qsizetype endLf = m_in.indexOf("\n\n");
    qsizetype headEnd = -1, bodyStart = -1;
    if (end >= 0 && (endLf < 0 || end < endLf)) {
        headEnd = end;
        bodyStart = end + 4;
    } else if (endLf >= 0) {
        headEnd = endLf;
        bodyStart = endLf + 2;
    }
    if (headEnd < 0) {
        if (m_in.size() > kMaxHeadBytes)
            fail(ProtocolFailure, QStringLiteral("The response's headers are over 64 KB."));
        else if (!m_in.isEmpty() && !QByteArray("HTTP/").startsWith(m_in.left(5)))
            fail(ProtocolFailure, QStringLiteral("The server's answer is not HTTP."));
        return false;
    }
    if (headEnd > kMaxHeadBytes) {
        fail(ProtocolFailure, QStringLiteral("The response's headers are over 64 KB."));
        return false;
    }
    const QByteArray head = m_in.left(headEnd);
    m_in.remove(0, bodyStart);
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &line : lines)
        if (line.endsWith('\r'))
            line.chop(1);
    const QList<QByteArray> status = lines.value(0).split(' ');
    bool ok = false;
    const int code = status.value(1).toInt(&ok);
    if (!lines.value(0).startsWith("HTTP/1.") || !ok || code < 100 || code > 599) {
        fail(ProtocolFailure, QStringLiteral("The server's answer is not HTTP."));
        return false;
    }
    if (code < 200) {
        if (code == 101) {
            fail(ProtocolFailure, QStringLiteral("The server switched protocols."));
            return false;
        }
        return true; // interim (100 Continue, 103 Early Hints): the final answer follows
    }
    QList<QPair<QByteArray, QByteArray>> headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        if (!line.isEmpty() && (line.at(0) == ' ' || line.at(0) == '\t') && !headers.isEmpty()) {
            headers.last().second += ' ' + line.trimmed(); // obsolete line folding
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    qint64 contentLength = -1;
    bool chunked = false;
    for (const auto &[name, value] : headers) {
        const QByteArray current = rawHeader(name);
        setRawHeader(name, current.isEmpty() ? value : current + ", " + value);
        const QByteArray lower = name.toLower();
        if (lower == "transfer-encoding")
            chunked = value.toLower().contains("chunked");
        else if (lower == "content-length") {
            const qint64 n = value.toLongLong(&ok);
            if (!ok || n < 0 || (contentLength >= 0 && n != contentLength)) {
                fail(ProtocolFailure, QStringLiteral("The response's Content-Length is invalid."));
                return false;
            }
            contentLength = n;
        }
    }
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, code);
    const qsizetype reasonAt = lines.value(0).indexOf(' ', 9);
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute,
                 reasonAt < 0 ? QString()
                              : QString::fromLatin1(lines.value(0).mid(reasonAt + 1)).left(200));
    if (chunked) {
        m_state = State::ChunkSize;
    } else if (contentLength >= 0) {
        m_state = State::Body;
        m_remaining = contentLength;
    } else if (code == 204 || code == 304) {
        m_state = State::Body;
        m_remaining = 0;
    } else {
        m_state = State::Body;
        m_remaining = -1; // until the server closes
    }
    Q_EMIT metaDataChanged();
    if (!m_done && m_state == State::Body && m_remaining == 0)
        complete();
    return !m_done;
}

void HttpReply::deliver(const QByteArray &bytes)
{
    if (bytes.isEmpty() || m_done)
        return;
    m_bodyReceived += bytes.size();
    if (m_bodyReceived > m_maxBodyBytes) {
        fail(UnknownContentError,
             QStringLiteral("The response body exceeded %1 bytes, the limit; it was not read "
                            "further.")
                 .arg(m_maxBodyBytes));
        return;
    }
    if (m_outPos > 0 && m_outPos == m_out.size()) {
        m_out.clear();
        m_outPos = 0;
    }
    m_out += bytes;
    Q_EMIT readyRead();
}

void HttpReply::onDisconnected()
{
    if (m_done)
        return;
    if (m_socket && m_socket->bytesAvailable() > 0) {
        m_in += m_socket->readAll();
        if (!parse())
            return;
    }
    if (m_state == State::Body && m_remaining < 0) {
        complete(); // the body ran until the server closed: that is its end
        return;
    }
    const bool answered = m_state != State::Connecting &&
                          (m_state != State::Head || !m_in.isEmpty() ||
                           attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid());
    fail(RemoteHostClosedError,
         answered ? QStringLiteral("The connection closed before the response was complete.")
                  : QStringLiteral("The server closed the connection without answering."));
}

void HttpReply::onSocketError()
{
    if (m_done || !m_socket)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError) {
        onDisconnected(); // read what is left; the end may be the body's end
        return;
    }
    fail(networkErrorOf(error), m_socket->errorString());
}

void HttpReply::complete()
{
    if (m_done)
        return;
    m_done = true;
    m_state = State::Done;
    m_transferTimer.stop();
    closeSocket();
    setFinished(true);
    Q_EMIT readChannelFinished();
    Q_EMIT finished();
}

void HttpReply::fail(NetworkError code, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    m_state = State::Done;
    m_transferTimer.stop();
    closeSocket();
    setError(code, message);
    setFinished(true);
    Q_EMIT errorOccurred(code);
    Q_EMIT finished();
}

void HttpReply::abort()
{
    if (m_done)
        return;
    fail(OperationCanceledError, QStringLiteral("Operation canceled"));
    m_out.clear();
    m_outPos = 0;
    QNetworkReply::close();
}

void HttpReply::closeSocket()
{
    if (!m_socket)
        return;
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

qint64 HttpReply::bytesAvailable() const
{
    return (m_out.size() - m_outPos) + QNetworkReply::bytesAvailable();
}

qint64 HttpReply::readData(char *data, qint64 maxSize)
{
    const qint64 n = qMin<qint64>(maxSize, m_out.size() - m_outPos);
    if (n <= 0)
        return m_done ? -1 : 0;
    std::memcpy(data, m_out.constData() + m_outPos, size_t(n));
    m_outPos += n;
    if (m_outPos == m_out.size()) {
        m_out.clear();
        m_outPos = 0;
    }
    return n;
}

QNetworkProxy HttpTransport::proxyFor(const QNetworkRequest &request) const
{
    if (!m_useSystemProxy)
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const QList<QNetworkProxy> proxies =
        QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(request.url()));
    for (QNetworkProxy proxy : proxies) {
        switch (proxy.type()) {
        case QNetworkProxy::NoProxy:
        case QNetworkProxy::HttpProxy:
        case QNetworkProxy::Socks5Proxy:
            return proxy;
        case QNetworkProxy::HttpCachingProxy:
            proxy.setType(QNetworkProxy::HttpProxy); // asked to CONNECT, as for https
            return proxy;
        default:
            break;
        }
    }
    return QNetworkProxy(QNetworkProxy::NoProxy);
}

QNetworkReply *HttpTransport::post(const QNetworkRequest &request, const QByteArray &body,
                                   qint64 maxBodyBytes, QObject *parent)
{
    return new HttpReply(QNetworkAccessManager::PostOperation, request, body, proxyFor(request),
                         maxBodyBytes, parent);
}

QNetworkReply *HttpTransport::get(const QNetworkRequest &request, qint64 maxBodyBytes,
                                  QObject *parent)
{
    return new HttpReply(QNetworkAccessManager::GetOperation, request, QByteArray(),
                         proxyFor(request), maxBodyBytes, parent);
}

} // namespace cl
