// FakeOpenAiServer: request parsing and scripted, optionally split or broken, responses.
#include "FakeOpenAiServer.h"

#include <QHostAddress>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

#if QT_CONFIG(ssl)
#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#endif

namespace cl::test {

FakeResponse FakeResponse::json(int status, const QByteArray &body)
{
    FakeResponse r;
    r.status = status;
    r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    r.body = body;
    return r;
}

FakeResponse FakeResponse::sse(const QByteArray &body, Split split, quint32 seed)
{
    FakeResponse r;
    r.headers.append(
        qMakePair(QByteArray("Content-Type"), QByteArray("text/event-stream; charset=utf-8")));
    r.body = body;
    r.split = split;
    r.seed = seed;
    return r;
}

FakeOpenAiServer::FakeOpenAiServer(QObject *parent) : QObject(parent) {}

bool FakeOpenAiServer::listen()
{
    m_server = std::make_unique<QTcpServer>();
    connect(m_server.get(), &QTcpServer::newConnection, this, &FakeOpenAiServer::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

bool FakeOpenAiServer::listenTls(const QString &certificateFile, const QString &keyFile)
{
#if QT_CONFIG(ssl)
    if (!QSslSocket::supportsSsl())
        return false;
    QFile keyIn(keyFile);
    if (!keyIn.open(QIODevice::ReadOnly))
        return false;
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setLocalCertificateChain(QSslCertificate::fromPath(certificateFile));
    conf.setPrivateKey(QSslKey(&keyIn, QSsl::Rsa));
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(conf);
    m_server = std::move(server);
    m_tls = true;
    // QSslServer hands a connection over only after its handshake, with this signal.
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this,
            &FakeOpenAiServer::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
#else
    Q_UNUSED(certificateFile);
    Q_UNUSED(keyFile);
    return false;
#endif
}

QString FakeOpenAiServer::baseUrl() const
{
    return QStringLiteral("%1://127.0.0.1:%2/v1")
        .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
        .arg(port());
}

void FakeOpenAiServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            if (socket->property("answering").toBool()) {
                ++m_clientAborts;
                Q_EMIT clientAborted();
            }
            m_buffers.remove(socket);
            socket->deleteLater();
        });
        // With TLS the request may already be buffered when the connection is handed over.
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void FakeOpenAiServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buf = m_buffers[socket];
    buf += socket->readAll();
    const qsizetype headerEnd = buf.indexOf("\r\n\r\n");
    if (headerEnd < 0 || socket->property("answered").toBool())
        return;
    RecordedRequest req;
    const QList<QByteArray> lines = buf.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    req.method = requestLine.value(0);
    req.path = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            req.headers.insert(lines[i].left(colon).trimmed().toLower(),
                               lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype length = req.headers.value("content-length", "0").toLongLong();
    if (buf.size() < headerEnd + 4 + length)
        return;
    req.body = buf.mid(headerEnd + 4, length);
    socket->setProperty("answered", true);
    m_requests.append(req);
    Q_EMIT requestReceived();
    FakeResponse response =
        m_queue.isEmpty()
            ? FakeResponse::json(500, R"({"error":{"message":"no scripted response"}})")
            : m_queue.takeFirst();
    respond(socket, response);
}

/// Where one answer stands: the next piece is cut from the (repeated) body as it goes.
struct FakeOpenAiServer::Sending
{
    FakeResponse response;
    QRandomGenerator rng;
    qint64 total = 0; ///< Body bytes in all, repetitions included.
    qint64 sent = 0;
};

void FakeOpenAiServer::respond(QTcpSocket *socket, const FakeResponse &response)
{
    if (response.neverAnswer) {
        socket->setProperty("answering", true);
        return;
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + " Scripted\r\n";
    for (const auto &h : response.headers)
        head += h.first + ": " + h.second + "\r\n";
    head += "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    socket->write(head);
    socket->flush();

    auto state = std::make_shared<Sending>();
    state->response = response;
    state->rng = QRandomGenerator(response.seed);
    state->total = response.body.size() * qMax(1, response.bodyRepeat);
    socket->setProperty("answering", true);
    sendNext(socket, state);
}

void FakeOpenAiServer::sendNext(QTcpSocket *socket, std::shared_ptr<Sending> state)
{
    QPointer<QTcpSocket> guard(socket);
    if (!guard || socket->state() != QAbstractSocket::ConnectedState)
        return;
    const FakeResponse &response = state->response;
    const auto later = [this, guard, state](int ms) {
        QTimer::singleShot(ms, this, [this, guard, state] {
            if (guard)
                sendNext(guard, state);
        });
    };
    if (socket->bytesToWrite() > 4 * 1024 * 1024) {
        later(1); // the client reads slower than we write: do not pile up the whole body
        return;
    }
    const bool stalled = response.stallAfter >= 0 && state->sent >= response.stallAfter;
    if (stalled) {
        if (response.keepAliveMs <= 0)
            return; // keep the connection open, silent
        const QByteArray comment = ": keep-alive\n\n";
        socket->write(QByteArray::number(comment.size(), 16) + "\r\n" + comment + "\r\n");
        socket->flush();
        m_bodyBytesSent += comment.size();
        later(response.keepAliveMs);
        return;
    }
    if (state->sent >= state->total) {
        socket->write("0\r\n\r\n");
        socket->setProperty("answering", false);
        socket->disconnectFromHost();
        return;
    }
    const qsizetype bodySize = response.body.size();
    const qsizetype offset = qsizetype(state->sent % bodySize);
    qsizetype n = bodySize - offset; // Whole: the rest of this repetition
    if (response.split == FakeResponse::Split::OneByte)
        n = 1;
    else if (response.split == FakeResponse::Split::Random)
        n = qMin<qsizetype>(n, 1 + state->rng.bounded(48));
    QByteArray piece = response.body.mid(offset, n);
    if (response.dropAfter >= 0 && state->sent + piece.size() > response.dropAfter)
        piece.truncate(response.dropAfter - state->sent);
    if (response.stallAfter >= 0 && state->sent + piece.size() > response.stallAfter)
        piece.truncate(response.stallAfter - state->sent);
    if (!piece.isEmpty()) {
        socket->write(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
        socket->flush();
    }
    state->sent += piece.size();
    m_bodyBytesSent += piece.size();
    if (response.dropAfter >= 0 && state->sent >= response.dropAfter) {
        socket->setProperty("answering", false);
        socket->disconnectFromHost(); // no terminating chunk: the stream is cut
        return;
    }
    later(response.pieceDelayMs);
}

} // namespace cl::test
