// HttpReply against a server on 127.0.0.1 that sends exactly the bytes a test scripts: framing
// (Content-Length, chunked, until close), interim answers, broken and oversized answers.
#include "llm/HttpReply.h"

#include <QHostAddress>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

namespace {

/// Accepts one connection at a time, records the request bytes, and answers with `answer`,
/// written `piece` bytes per event-loop turn; then closes unless `keepOpen`.
class RawServer : public QObject
{
public:
    QByteArray answer;
    qsizetype piece = 1 << 20;
    bool keepOpen = false;
    bool waitForRequest = true; ///< answer only after the whole request (head + body) is in
    QByteArray received;
    qint64 written = 0;

    RawServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *s = m_server.nextPendingConnection();
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            connect(s, &QTcpSocket::readyRead, this, [this, s] {
                received += s->readAll();
                if (waitForRequest && requestComplete() && !m_answering)
                    startAnswer(s);
            });
            if (!waitForRequest)
                startAnswer(s);
        });
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
    }
    QUrl url(const QString &path = QStringLiteral("/v1/x")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }

private:
    bool requestComplete() const
    {
        const qsizetype end = received.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const qsizetype at = received.toLower().indexOf("content-length: ");
        const qsizetype length =
            at >= 0 && at < end
                ? received.mid(at + 16, received.indexOf('\r', at) - at - 16).toLongLong()
                : 0;
        return received.size() >= end + 4 + length;
    }
    void startAnswer(QTcpSocket *s)
    {
        m_answering = true;
        sendFrom(QPointer<QTcpSocket>(s), 0);
    }
    void sendFrom(QPointer<QTcpSocket> s, qsizetype at)
    {
        if (!s || s->state() != QAbstractSocket::ConnectedState)
            return;
        if (at >= answer.size()) {
            if (!keepOpen)
                s->disconnectFromHost();
            return;
        }
        const QByteArray bytes = answer.mid(at, piece);
        s->write(bytes);
        s->flush();
        written += bytes.size();
        QTimer::singleShot(0, this, [this, s, at, n = bytes.size()] { sendFrom(s, at + n); });
    }
    QTcpServer m_server;
    bool m_answering = false;
};

struct Run
{
    std::unique_ptr<QNetworkReply> reply;
    QByteArray body;
    int finishedCount = 0;
    int metaDataCount = 0;
};

/// Runs `reply` to its end, reading the body as it arrives.
std::unique_ptr<Run> run(QNetworkReply *reply, int timeoutMs = 5000)
{
    auto r = std::make_unique<Run>();
    r->reply.reset(reply);
    QObject::connect(reply, &QNetworkReply::readyRead, reply,
                     [p = r.get()] { p->body += p->reply->readAll(); });
    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply,
                     [p = r.get()] { ++p->metaDataCount; });
    QObject::connect(reply, &QNetworkReply::finished, reply, [p = r.get()] {
        p->body += p->reply->readAll();
        ++p->finishedCount;
    });
    // The caller checks finishedCount; a second finished() would show in the wait after.
    (void)QTest::qWaitFor([p = r.get()] { return p->finishedCount > 0; }, timeoutMs);
    QTest::qWait(20);
    return r;
}

QNetworkReply *get(const QUrl &url, qint64 cap = 1 << 20)
{
    return cl::HttpTransport().get(QNetworkRequest(url), cap, nullptr);
}

} // namespace

class TestHttpReply : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sendsOneWellFormedRequest()
    {
        RawServer server;
        server.answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        QNetworkRequest req(server.url(QStringLiteral("/v1/chat/completions?a=1")));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        req.setRawHeader("Authorization", "Bearer k");
        auto r = run(cl::HttpTransport().post(req, "{\"q\":1}", 1 << 20, nullptr));
        QCOMPARE(r->finishedCount, 1);
        QCOMPARE(r->reply->error(), QNetworkReply::NoError);
        QCOMPARE(r->body, QByteArray("ok"));
        const QByteArray head = server.received.left(server.received.indexOf("\r\n\r\n") + 4);
        QVERIFY2(head.startsWith("POST /v1/chat/completions?a=1 HTTP/1.1\r\n"), head.constData());
        QVERIFY(head.contains(QByteArray("\r\nHost: 127.0.0.1:") +
                              QByteArray::number(server.url().port()) + "\r\n"));
        QVERIFY(head.contains("\r\nContent-Length: 7\r\n"));
        QVERIFY(head.contains("\r\nConnection: close\r\n"));
        QVERIFY(head.contains("\r\nAccept-Encoding: identity\r\n"));
        QVERIFY(head.contains("\r\nAuthorization: Bearer k\r\n"));
        QVERIFY(head.contains("\r\nContent-Type: application/json\r\n"));
        QVERIFY(server.received.endsWith("\r\n\r\n{\"q\":1}"));
    }
    void requestSentIsSignalledOnce()
    {
        RawServer server;
        server.answer = "HTTP/1.1 204 No Content\r\n\r\n";
        QNetworkReply *reply = cl::HttpTransport().post(QNetworkRequest(server.url()),
                                                        QByteArray(300000, 'b'), 1 << 20, nullptr);
        QSignalSpy sent(reply, &QNetworkReply::requestSent);
        auto r = run(reply);
        QCOMPARE(r->finishedCount, 1);
        QCOMPARE(r->reply->error(), QNetworkReply::NoError);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(r->reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 204);
        QVERIFY(server.received.endsWith(QByteArray(300000, 'b')));
    }
    void aHeaderWithALineBreakIsNotSent()
    {
        RawServer server;
        QNetworkRequest req(server.url());
        req.setRawHeader("Authorization", "Bearer k\r\nX-Injected: 1");
        auto r = run(cl::HttpTransport().get(req, 1 << 20, nullptr));
        QCOMPARE(r->finishedCount, 1);
        QCOMPARE(r->reply->error(), QNetworkReply::ProtocolInvalidOperationError);
        QTest::qWait(50);
        QCOMPARE(server.received, QByteArray());
    }
    void contentLengthBodyEndsAtItsLength()
    {
        RawServer server;
        server.answer =
            "HTTP/1.1 200 OK\r\ncontent-length: 5\r\nX-A: 1\r\nx-a: 2\r\n\r\nhelloEXTRA";
        server.keepOpen = true; // the length, not the close, ends it
        auto r = run(get(server.url()));
        QCOMPARE(r->finishedCount, 1);
        QCOMPARE(r->reply->error(), QNetworkReply::NoError);
        QCOMPARE(r->body, QByteArray("hello"));
        QCOMPARE(r->reply->rawHeader("X-A"), QByteArray("1, 2"));
        QCOMPARE(r->metaDataCount, 1);
        QCOMPARE(r->finishedCount, 1);
    }
    void bodyUntilCloseEndsAtTheClose()
    {
        RawServer server;
        server.answer = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nto the end";
        server.piece = 3;
        auto r = run(get(server.url()));
        QCOMPARE(r->finishedCount, 1);
        QCOMPARE(r->reply->error(), QNetworkReply::NoError);
        QCOMPARE(r->body, QByteArray("to the end"));
        QCOMPARE(r->reply->header(QNetworkRequest::ContentTypeHeader).toString(),
                 QStringLiteral("text/plain"));
    }
    void chunkedByteByByteWithExtensionsAndTrailers()
    {
        RawServer server;
        server.answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "5;ext=1\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-T: 1\r\n\r\n";
        server.piece = 1;
        server.keepOpen = true;
        auto r = run(get(server.url()));
        QCOMPARE(r->finishedCount, 1);
        QCOMPARE(r->reply->error(), QNetworkReply::NoError);
        QCOMPARE(r->body, QByteArray("hello 0123456789"));
    }
    void interimAnswersAreSkipped()
    {
        RawServer server;
        server.answer =
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nx";
        auto r = run(get(server.url()));
        QCOMPARE(r->finishedCount, 1);
        QCOMPARE(r->reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        QCOMPARE(r->body, QByteArray("x"));
    }
    void aShortBodyIsAClosedConnection()
    {
        RawServer server;
        server.answer = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc";
        auto r = run(get(server.url()));
        QCOMPARE(r->finishedCount, 1);
        QCOMPARE(r->reply->error(), QNetworkReply::RemoteHostClosedError);
        QCOMPARE(r->body, QByteArray("abc"));
        QCOMPARE(r->finishedCount, 1);
    }
    void aCutChunkedBodyIsAClosedConnection()
    {
        RawServer server;
        server.answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel";
        auto r = run(get(server.url()));
        QCOMPARE(r->finishedCount, 1);
        QCOMPARE(r->reply->error(), QNetworkReply::RemoteHostClosedError);
        QCOMPARE(r->body, QByteArray("hel"));
    }
    void noAnswerAtAllIsAClosedConnection()
    {
        RawServer server; // empty answer: the server closes at once
        auto r = run(get(server.url()));
        QCOMPARE(r->finishedCount, 1);
        QCOMPARE(r->reply->error(), QNetworkReply::RemoteHostClosedError);
        QVERIFY(!r->reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid());
    }
    void brokenAnswersAreProtocolFailures_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n\r\n");
        QTest::newRow("bad status") << QByteArray("HTTP/1.1 abc OK\r\n\r\n");
        QTest::newRow("bad chunk size") << QByteArray(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
        QTest::newRow("chunk without its CRLF") << QByteArray(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n0\r\n\r\n");
        QTest::newRow("bad length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\n");
        QTest::newRow("two lengths")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcd");
        QTest::newRow("switching protocols") << QByteArray("HTTP/1.1 101 Switching\r\n\r\n");
    }
    void brokenAnswersAreProtocolFailures()
    {
        QFETCH(QByteArray, answer);
        RawServer server;
        server.answer = answer;
        server.keepOpen = true;
        auto r = run(get(server.url()));
        QCOMPARE(r->finishedCount, 1);
        QCOMPARE(r->reply->error(), QNetworkReply::ProtocolFailure);
        QCOMPARE(r->finishedCount, 1);
    }
    void endlessHeadersStopAt64KB()
    {
        RawServer server;
        server.answer = "HTTP/1.1 200 OK\r\n";
        for (int i = 0; i < 200000; ++i)
            server.answer += "X-Pad-" + QByteArray::number(i) + ": 0123456789\r\n";
        server.piece = 16 * 1024;
        server.keepOpen = true;
        auto r = run(get(server.url()));
        QCOMPARE(r->finishedCount, 1);
        QCOMPARE(r->reply->error(), QNetworkReply::ProtocolFailure);
        QVERIFY2(r->reply->errorString().contains("64 KB"), qPrintable(r->reply->errorString()));
        QTest::qWait(100);
        QVERIFY2(server.written < 8 * 1024 * 1024,
                 qPrintable(QString::number(server.written))); // it stopped reading
    }
    void aBodyOverTheCapStopsTheReply()
    {
        RawServer server;
        server.answer = "HTTP/1.1 200 OK\r\n\r\n" + QByteArray(40 * 1024 * 1024, 'z');
        server.piece = 256 * 1024;
        auto r = run(get(server.url(), 1 << 20), 20000);
        QCOMPARE(r->finishedCount, 1);
        QCOMPARE(r->reply->error(), QNetworkReply::UnknownContentError);
        QVERIFY(r->body.size() <= (1 << 20));
        QTest::qWait(100);
        QVERIFY2(server.written < 16 * 1024 * 1024, qPrintable(QString::number(server.written)));
    }
    void abortFinishesOnce()
    {
        RawServer server;
        server.answer = "HTTP/1.1 200 OK\r\n\r\npartial";
        server.keepOpen = true;
        QNetworkReply *reply = get(server.url());
        QSignalSpy finished(reply, &QNetworkReply::finished);
        connect(reply, &QNetworkReply::readyRead, reply, [reply] { reply->abort(); });
        QTRY_COMPARE(finished.size(), 1);
        QTest::qWait(50);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        delete reply;
    }
    void aSilentServerTimesOut()
    {
        RawServer server;
        server.keepOpen = true; // accepts, reads, never answers
        QNetworkRequest req(server.url());
        req.setTransferTimeout(200);
        auto r = run(cl::HttpTransport().get(req, 1 << 20, nullptr));
        QCOMPARE(r->finishedCount, 1);
        QCOMPARE(r->reply->error(), QNetworkReply::TimeoutError);
    }
    void aRefusedConnectionSaysSo()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        auto r = run(get(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port))));
        QCOMPARE(r->finishedCount, 1);
        QCOMPARE(r->reply->error(), QNetworkReply::ConnectionRefusedError);
    }
};

QTEST_GUILESS_MAIN(TestHttpReply)
#include "tst_httpreply.moc"
