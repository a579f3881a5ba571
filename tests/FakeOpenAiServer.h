// A scripted OpenAI-compatible HTTP server on 127.0.0.1 for the LLM client tests.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>
#include <QTcpServer>

#include <memory>

class QTcpSocket;

namespace cl::test {

/// One scripted answer. Responses are served in the order they were enqueued.
struct FakeResponse
{
    enum class Split
    {
        Whole,   ///< The body in one write.
        OneByte, ///< One byte per write (and per HTTP chunk).
        Random   ///< Pieces of 1..48 bytes, sizes from `seed`.
    };
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; ///< Extra headers (Content-Type included).
    QByteArray body;
    Split split = Split::Whole;
    quint32 seed = 1;
    int pieceDelayMs = 0;      ///< Pause between pieces; 0 still yields to the event loop.
    qsizetype dropAfter = -1;  ///< Close the connection after this many body bytes; -1: never.
    qsizetype stallAfter = -1; ///< Stop sending (connection open) after this many bytes.
    bool neverAnswer = false;  ///< Read the request, then say nothing.
    /// With stallAfter: instead of silence, send the SSE comment ": keep-alive\n\n" every
    /// this many ms (the connection stays open); 0: silence.
    int keepAliveMs = 0;
    /// The body is sent this many times in a row, generated piece by piece as the client reads,
    /// so a test can send hundreds of MB without holding them.
    int bodyRepeat = 1;

    static FakeResponse json(int status, const QByteArray &body);
    static FakeResponse sse(const QByteArray &body, Split split = Split::Whole, quint32 seed = 1);
};

/// What the client sent. Header names are lowercase.
struct RecordedRequest
{
    QByteArray method;
    QByteArray path;
    QMap<QByteArray, QByteArray> headers;
    QByteArray body;
};

/**
 * Listens on 127.0.0.1 (port chosen by the OS), parses HTTP/1.1 requests and answers each with
 * the next scripted FakeResponse, chunked, with "Connection: close". Thread affinity: the test
 * thread; owns its sockets.
 */
class FakeOpenAiServer : public QObject
{
    Q_OBJECT
public:
    explicit FakeOpenAiServer(QObject *parent = nullptr);
    bool listen();
    /// Listens with TLS (QSslServer) using a PEM certificate and key; false if TLS is missing.
    bool listenTls(const QString &certificateFile, const QString &keyFile);
    quint16 port() const { return m_server ? m_server->serverPort() : 0; }
    /// http(s)://127.0.0.1:PORT/v1
    QString baseUrl() const;
    void enqueue(const FakeResponse &response) { m_queue.append(response); }
    QList<RecordedRequest> requests() const { return m_requests; }
    /// Connections the client closed before the scripted answer was fully sent.
    int clientAborts() const { return m_clientAborts; }
    /// Body bytes written for all answers so far (keep-alive comments included).
    qint64 bodyBytesSent() const { return m_bodyBytesSent; }

Q_SIGNALS:
    void requestReceived();
    void clientAborted();

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const FakeResponse &response);
    struct Sending;
    void sendNext(QTcpSocket *socket, std::shared_ptr<Sending> state);

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    QList<FakeResponse> m_queue;
    QList<RecordedRequest> m_requests;
    QMap<QTcpSocket *, QByteArray> m_buffers;
    int m_clientAborts = 0;
    qint64 m_bodyBytesSent = 0;
};

} // namespace cl::test
