// One HTTP/1.1 exchange on its own socket, read by us so that memory stays bounded.
#pragma once

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

class QTcpSocket;

namespace cl {

/**
 * A QNetworkReply for one request on a connection of its own ("Connection: close").
 *
 * Why not QNetworkAccessManager: Qt 6.4's HTTP thread reads a response ahead of the reader,
 * and a reply starts before setReadBufferSize() can limit that, so a fast server pushed 50 to
 * 200 MB into memory before the client saw its cap. Here the socket's read buffer is 64 KB and
 * the body is decoded (Content-Length, chunked or until close) on the reader's thread as it
 * arrives; a body over `maxBodyBytes` fails the reply with QNetworkReply::UnknownContentError
 * and closes the socket, so at most that much (plus 64 KB) is ever held.
 *
 * What it does not do, on purpose: follow redirects (the API key would go along), keep
 * connections alive, negotiate HTTP/2 or content encodings (it asks for identity).
 * TLS uses the request's QSslConfiguration and verifies the peer; TLS errors fail the reply.
 * The proxy given is used for the connection (an HTTP proxy is asked to CONNECT).
 *
 * Signals as QNetworkReply documents them: metaDataChanged() when the status line and headers
 * are in, readyRead() per piece of body, requestSent(), then finished() exactly once (abort()
 * included). Thread affinity: the creating thread.
 */
class HttpReply : public QNetworkReply
{
    Q_OBJECT
public:
    HttpReply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
              const QByteArray &body, const QNetworkProxy &proxy, qint64 maxBodyBytes,
              QObject *parent = nullptr);
    ~HttpReply() override;

    void abort() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }

    /// The limits of the response's head: status line and headers together.
    static constexpr qsizetype kMaxHeadBytes = 64 * 1024;
    static constexpr qint64 kSocketReadBuffer = 64 * 1024;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    enum class State
    {
        Connecting,
        Head,
        Body,      ///< Content-Length or until close
        ChunkSize, ///< the line with the next chunk's size
        ChunkData,
        ChunkEnd, ///< the CRLF after a chunk
        Trailers,
        Done
    };

    void start();
    void sendRequest();
    void onReadyRead();
    void onDisconnected();
    void onSocketError();
    bool parse(); ///< false once the reply has finished (or failed)
    bool parseHead();
    void deliver(const QByteArray &bytes);
    void fail(NetworkError code, const QString &message);
    void complete();
    void closeSocket();

    QByteArray m_requestBody;
    QNetworkProxy m_proxy;
    qint64 m_maxBodyBytes;
    QTcpSocket *m_socket = nullptr;
    QTimer m_transferTimer; ///< QNetworkRequest::transferTimeout(), re-armed on progress
    QByteArray m_in;        ///< Received, not yet parsed.
    QByteArray m_out;       ///< Decoded body, not yet read.
    qsizetype m_outPos = 0;
    qint64 m_requestBytes = 0;
    qint64 m_requestWritten = 0;
    qint64 m_bodyReceived = 0;
    qint64 m_remaining = -1; ///< Bytes left of a Content-Length body or of a chunk; -1: to close.
    State m_state = State::Connecting;
    bool m_done = false;
};

/**
 * Makes HttpReply objects the way QNetworkAccessManager makes its replies, with the proxy
 * chosen per request: none, or what QNetworkProxyFactory says for the URL (environment or
 * desktop settings) when `useSystemProxy`.
 */
class HttpTransport
{
public:
    void setUseSystemProxy(bool use) { m_useSystemProxy = use; }
    QNetworkReply *post(const QNetworkRequest &request, const QByteArray &body, qint64 maxBodyBytes,
                        QObject *parent);
    QNetworkReply *get(const QNetworkRequest &request, qint64 maxBodyBytes, QObject *parent);

private:
    QNetworkProxy proxyFor(const QNetworkRequest &request) const;
    bool m_useSystemProxy = false;
};

} // namespace cl
