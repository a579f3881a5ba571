// Tests of the LLM codec: request JSON, responses, SSE parsing at any split, stream assembly,
// model lists, prices and key scrubbing (issue 5).
#include "llm/ApiKeyProvider.h"
#include "llm/ChatCodec.h"
#include "llm/PriceTable.h"
#include "llm/SseParser.h"
#include "llm/StreamAssembler.h"

#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

namespace {

QByteArray readFixture(const QString &name)
{
    QFile f(cl::test::fixture(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll();
}

/// Splits `bytes` into pieces: size 0 means random sizes 1..32 from `seed`.
QList<QByteArray> split(const QByteArray &bytes, int size, quint32 seed = 1)
{
    QList<QByteArray> out;
    QRandomGenerator rng(seed);
    for (qsizetype at = 0; at < bytes.size();) {
        const qsizetype n = size > 0 ? size : 1 + rng.bounded(32);
        out.append(bytes.mid(at, n));
        at += n;
    }
    return out;
}

QString eventsAsText(const QList<cl::SseEvent> &events)
{
    QStringList parts;
    for (const cl::SseEvent &e : events)
        parts.append(QString::fromUtf8(e.event + '|' + e.id + '|' + e.data));
    return parts.join(QStringLiteral(" ## "));
}

QList<cl::SseEvent> parseInPieces(const QByteArray &bytes, int size, quint32 seed)
{
    cl::SseParser parser;
    QList<cl::SseEvent> events;
    for (const QByteArray &piece : split(bytes, size, seed))
        events += parser.feed(piece);
    events += parser.finish();
    return events;
}

const QString kStreamedText = QStringLiteral("Students subscribe at 31.4% (n = 875) – «Prioritise» "
                                             "them 🎯.");

} // namespace

class TestLlmCodec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestHasModelMessagesToolsAndStreamOptions()
    {
        cl::ChatRequest req;
        req.messages = {
            cl::ChatMessage::system("You are an analyst."),
            cl::ChatMessage::user("Which segments?"),
            cl::ChatMessage::assistant({}, {{"call_1", "segment_stats", "{\"by\":[\"job\"]}"}}),
            cl::ChatMessage::toolResult("call_1", "{\"rows\":[]}")};
        req.tools = {
            {"segment_stats", "Segment rows",
             QJsonObject{{"type", "object"},
                         {"properties", QJsonObject{{"by", QJsonObject{{"type", "array"}}}}},
                         {"required", QJsonArray{"by"}}}}};
        const QJsonObject o =
            QJsonDocument::fromJson(cl::ChatCodec::buildRequest(req, "gpt-4o-mini")).object();
        QCOMPARE(o["model"].toString(), QStringLiteral("gpt-4o-mini"));
        QCOMPARE(o["stream"].toBool(), true);
        QCOMPARE(o["stream_options"].toObject()["include_usage"].toBool(), true);
        QVERIFY(!o.contains("temperature"));
        QVERIFY(!o.contains("max_tokens"));
        const QJsonArray msgs = o["messages"].toArray();
        QCOMPARE(msgs.size(), 4);
        QCOMPARE(msgs[0].toObject()["role"].toString(), QStringLiteral("system"));
        QCOMPARE(msgs[1].toObject()["content"].toString(), QStringLiteral("Which segments?"));
        const QJsonObject assistant = msgs[2].toObject();
        QVERIFY(assistant["content"].isNull());
        const QJsonObject call = assistant["tool_calls"].toArray()[0].toObject();
        QCOMPARE(call["id"].toString(), QStringLiteral("call_1"));
        QCOMPARE(call["type"].toString(), QStringLiteral("function"));
        QCOMPARE(call["function"].toObject()["name"].toString(), QStringLiteral("segment_stats"));
        QCOMPARE(call["function"].toObject()["arguments"].toString(),
                 QStringLiteral("{\"by\":[\"job\"]}"));
        const QJsonObject tool = msgs[3].toObject();
        QCOMPARE(tool["role"].toString(), QStringLiteral("tool"));
        QCOMPARE(tool["tool_call_id"].toString(), QStringLiteral("call_1"));
        const QJsonObject fn = o["tools"].toArray()[0].toObject()["function"].toObject();
        QCOMPARE(o["tools"].toArray()[0].toObject()["type"].toString(), QStringLiteral("function"));
        QCOMPARE(fn["name"].toString(), QStringLiteral("segment_stats"));
        QCOMPARE(fn["parameters"].toObject()["required"].toArray()[0].toString(),
                 QStringLiteral("by"));
    }
    void nonStreamedRequestHasNoStreamOptions()
    {
        cl::ChatRequest req;
        req.model = "llama3.2";
        req.stream = false;
        req.temperature = 0.2;
        req.maxTokens = 300;
        req.messages = {cl::ChatMessage::user("hi")};
        const QJsonObject o = QJsonDocument::fromJson(cl::ChatCodec::buildRequest(req)).object();
        QCOMPARE(o["model"].toString(), QStringLiteral("llama3.2"));
        QCOMPARE(o["stream"].toBool(true), false);
        QVERIFY(!o.contains("stream_options"));
        QVERIFY(!o.contains("tools"));
        QCOMPARE(o["temperature"].toDouble(), 0.2);
        QCOMPARE(o["max_tokens"].toInt(), 300);
    }
    void parsesTextResponse()
    {
        cl::ChatResult r;
        cl::ChatError e;
        QVERIFY(cl::ChatCodec::parseResponse(readFixture("llm_response_text.json"), &r, &e));
        QCOMPARE(r.content, QStringLiteral("Retired clients subscribe at 25.2%."));
        QCOMPARE(r.finishReason, QStringLiteral("stop"));
        QCOMPARE(r.model, QStringLiteral("gpt-4o-mini-2024-07-18"));
        QCOMPARE(r.usage.promptTokens, 700);
        QCOMPARE(r.usage.completionTokens, 9);
        QCOMPARE(r.usage.totalTokens, 709);
        QVERIFY(r.toolCalls.isEmpty());
    }
    void parsesToolCallResponse()
    {
        cl::ChatResult r;
        cl::ChatError e;
        QVERIFY(cl::ChatCodec::parseResponse(readFixture("llm_response_toolcalls.json"), &r, &e));
        QCOMPARE(r.finishReason, QStringLiteral("tool_calls"));
        QVERIFY(r.content.isEmpty());
        QCOMPARE(r.toolCalls.size(), 1);
        QCOMPARE(r.toolCalls[0].id, QStringLiteral("call_seg1"));
        QCOMPARE(r.toolCalls[0].name, QStringLiteral("segment_stats"));
        QCOMPARE(r.toolCalls[0].arguments, QStringLiteral("{\"by\": [\"job\"], \"min_n\": 30}"));
    }
    void badResponses_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("kind");
        const int malformed = int(cl::ChatError::Kind::MalformedResponse);
        const int server = int(cl::ChatError::Kind::ServerError);
        QTest::newRow("empty") << QByteArray() << malformed;
        QTest::newRow("html") << QByteArray("<html>502 Bad Gateway</html>") << malformed;
        QTest::newRow("truncated")
            << QByteArray("{\"choices\":[{\"message\":{\"content\":\"Hi") << malformed;
        QTest::newRow("array") << QByteArray("[1,2]") << malformed;
        QTest::newRow("no choices") << QByteArray("{\"id\":\"x\",\"choices\":[]}") << malformed;
        QTest::newRow("error object")
            << QByteArray("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}")
            << server;
        QTest::newRow("error string") << QByteArray("{\"error\":\"model not loaded\"}") << server;
    }
    void badResponses()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, kind);
        cl::ChatResult r;
        cl::ChatError e;
        QVERIFY(!cl::ChatCodec::parseResponse(body, &r, &e));
        QCOMPARE(int(e.kind), kind);
        QVERIFY(!e.message.isEmpty());
    }
    void errorObjectFields()
    {
        QString message, code;
        QVERIFY(cl::ChatCodec::parseErrorObject(
            "{\"error\":{\"message\":\"This model's maximum context length is 128000 "
            "tokens.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":"
            "\"context_length_exceeded\"}}",
            &message, &code));
        QCOMPARE(code, QStringLiteral("context_length_exceeded"));
        QVERIFY(message.startsWith("This model's maximum context length"));
        QVERIFY(!cl::ChatCodec::parseErrorObject("{\"choices\":[]}", &message, &code));
    }

    void sseSplitsGiveSameEvents_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<QString>("expected");
        QTest::newRow("LF") << QByteArray("data: a\n\ndata: b\n\n") << "||a ## ||b";
        QTest::newRow("CRLF") << QByteArray("data: a\r\n\r\ndata: b\r\n\r\n") << "||a ## ||b";
        QTest::newRow("CR only") << QByteArray("data: a\r\rdata: b\r\r") << "||a ## ||b";
        QTest::newRow("comments and keep-alives")
            << QByteArray(": ping\n\n: OPENROUTER PROCESSING\ndata: x\n\n") << "||x";
        QTest::newRow("multi-line data")
            << QByteArray("data: one\ndata:two\ndata:  three\n\n") << "||one\ntwo\n three";
        QTest::newRow("event and id")
            << QByteArray("event: error\nid: 7\ndata: {}\n\n") << "error|7|{}";
        QTest::newRow("field without colon") << QByteArray("data\n\n") << "||";
        QTest::newRow("empty event not dispatched")
            << QByteArray("event: x\n\ndata: y\n\n") << "||y";
        QTest::newRow("unterminated last event")
            << QByteArray("data: a\n\ndata: tail") << "||a ## ||tail";
        QTest::newRow("unknown fields ignored")
            << QByteArray("retry: 10\nfoo: bar\ndata: z\n\n") << "||z";
        QTest::newRow("DONE") << QByteArray("data: [DONE]\n\n") << "||[DONE]";
    }
    void sseSplitsGiveSameEvents()
    {
        QFETCH(QByteArray, stream);
        QFETCH(QString, expected);
        QCOMPARE(eventsAsText(parseInPieces(stream, int(stream.size()) + 1, 1)), expected);
        QCOMPARE(eventsAsText(parseInPieces(stream, 1, 1)), expected);
        for (quint32 seed = 1; seed <= 20; ++seed)
            QCOMPARE(eventsAsText(parseInPieces(stream, 0, seed)), expected);
    }
    void sseOversizedEventStopsParser()
    {
        cl::SseParser parser(64);
        parser.feed("data: " + QByteArray(100, 'x'));
        QVERIFY(parser.overflowed());
        QVERIFY(parser.feed("\n\ndata: y\n\n").isEmpty());
    }

    void assemblesStreamedText_data()
    {
        QTest::addColumn<int>("pieceSize");
        QTest::addColumn<quint32>("seed");
        QTest::newRow("whole") << 1 << 0u; // replaced below by the whole size
        QTest::newRow("1-byte chunks") << 1 << 1u;
        for (quint32 seed = 1; seed <= 10; ++seed)
            QTest::newRow(qPrintable(QStringLiteral("random split seed %1").arg(seed)))
                << 0 << seed;
    }
    void assemblesStreamedText()
    {
        QFETCH(int, pieceSize);
        QFETCH(quint32, seed);
        const QByteArray stream = readFixture("llm_stream_text.sse");
        cl::StreamAssembler a;
        QString deltas;
        int deltaCount = 0;
        for (const QByteArray &piece :
             split(stream, seed == 0 ? int(stream.size()) : pieceSize, seed)) {
            const auto step = a.feed(piece);
            QVERIFY(!step.failed);
            deltas += step.text;
            deltaCount += step.text.isEmpty() ? 0 : 1;
        }
        QVERIFY(!a.finish().failed);
        QVERIFY(a.isDone());
        QCOMPARE(deltas, kStreamedText);
        QVERIFY(deltaCount >= 1);
        const cl::ChatResult r = a.result();
        QCOMPARE(r.content, kStreamedText);
        QCOMPARE(r.finishReason, QStringLiteral("stop"));
        QCOMPARE(r.id, QStringLiteral("chatcmpl-A1"));
        QCOMPARE(r.usage.promptTokens, 412);
        QCOMPARE(r.usage.completionTokens, 19);
        QCOMPARE(r.usage.totalTokens, 431);
    }
    void assemblesToolCallsByIndex_data()
    {
        QTest::addColumn<int>("pieceSize");
        QTest::addColumn<quint32>("seed");
        QTest::newRow("1-byte chunks") << 1 << 1u;
        QTest::newRow("random split") << 0 << 7u;
        QTest::newRow("whole") << 100000 << 1u;
    }
    void assemblesToolCallsByIndex()
    {
        QFETCH(int, pieceSize);
        QFETCH(quint32, seed);
        cl::StreamAssembler a;
        for (const QByteArray &piece :
             split(readFixture("llm_stream_toolcalls.sse"), pieceSize, seed))
            QVERIFY(!a.feed(piece).failed);
        QVERIFY(a.isDone());
        const cl::ChatResult r = a.result();
        QCOMPARE(r.finishReason, QStringLiteral("tool_calls"));
        QVERIFY(r.content.isEmpty());
        QCOMPARE(r.toolCalls.size(), 2);
        QCOMPARE(r.toolCalls[0].id, QStringLiteral("call_seg1"));
        QCOMPARE(r.toolCalls[0].name, QStringLiteral("segment_stats"));
        QCOMPARE(r.toolCalls[0].arguments, QStringLiteral("{\"by\": [\"job\"], \"min_n\": 30}"));
        QVERIFY(QJsonDocument::fromJson(r.toolCalls[0].arguments.toUtf8()).isObject());
        QCOMPARE(r.toolCalls[1].id, QStringLiteral("call_mod2"));
        QCOMPARE(r.toolCalls[1].name, QStringLiteral("model_summary"));
        QCOMPARE(r.toolCalls[1].arguments, QStringLiteral("{}"));
        QCOMPARE(r.usage.totalTokens, 691);
    }
    void streamErrors_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("messagePart");
        const int server = int(cl::ChatError::Kind::ServerError);
        const int malformed = int(cl::ChatError::Kind::MalformedResponse);
        QTest::newRow("error event")
            << QByteArray("event: error\ndata: {\"error\":{\"message\":\"overloaded\"}}\n\n")
            << server << "overloaded";
        QTest::newRow("error object in data")
            << QByteArray("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
                          "data: {\"error\":{\"message\":\"upstream timeout\",\"code\":504}}\n\n")
            << server << "upstream timeout";
        QTest::newRow("malformed JSON")
            << QByteArray("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"\n\n")
            << malformed << "not valid JSON";
        QTest::newRow("JSON array")
            << QByteArray("data: [1,2]\n\n") << malformed << "not valid JSON";
    }
    void streamErrors()
    {
        QFETCH(QByteArray, stream);
        QFETCH(int, kind);
        QFETCH(QString, messagePart);
        cl::StreamAssembler a;
        bool failed = false;
        for (const QByteArray &piece : split(stream, 1))
            failed = a.feed(piece).failed || failed;
        QVERIFY(failed);
        QCOMPARE(int(a.error().kind), kind);
        QVERIFY2(a.error().message.contains(messagePart), qPrintable(a.error().message));
    }
    void dataAfterDoneIsIgnored()
    {
        cl::StreamAssembler a;
        a.feed(
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}]}\n\n"
            "data: [DONE]\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"}}]}\n\n"
            "data: garbage\n\n");
        QVERIFY(a.isDone());
        QVERIFY(!a.hasFailed());
        QCOMPARE(a.result().content, QStringLiteral("A"));
    }
    void streamWithoutDoneIsIncomplete()
    {
        cl::StreamAssembler a;
        a.feed("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}]}\n\n");
        QVERIFY(!a.isDone());
        QVERIFY(!a.hasFinishReason());
    }

    void modelLists_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QStringList>("models");
        QTest::newRow("OpenAI")
            << QByteArray(
                   "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\","
                   "\"owned_by\":\"system\"},{\"id\":\"gpt-4o\",\"object\":\"model\"}]}")
            << QStringList{"gpt-4o", "gpt-4o-mini"};
        QTest::newRow("Ollama tags") << QByteArray("{\"models\":[{\"name\":\"llama3.2:3b\"}]}")
                                     << QStringList{"llama3.2:3b"};
        QTest::newRow("empty") << QByteArray("{\"object\":\"list\",\"data\":[]}") << QStringList{};
    }
    void modelLists()
    {
        QFETCH(QByteArray, body);
        QFETCH(QStringList, models);
        QStringList got;
        cl::ChatError e;
        QVERIFY(cl::ChatCodec::parseModelList(body, &got, &e));
        QCOMPARE(got, models);
    }
    void malformedModelList()
    {
        QStringList got;
        cl::ChatError e;
        QVERIFY(!cl::ChatCodec::parseModelList("nope", &got, &e));
        QCOMPARE(e.kind, cl::ChatError::Kind::MalformedResponse);
        QVERIFY(!cl::ChatCodec::parseModelList("{\"data\":5}", &got, &e));
    }

    void priceTableCost()
    {
        const cl::PriceTable t = cl::PriceTable::defaults();
        cl::TokenUsage u;
        u.promptTokens = 1000000;
        u.completionTokens = 500000;
        QVERIFY(qAbs(t.cost("gpt-4o-mini", u) - (0.15 + 0.30)) < 1e-12);
        // A dated snapshot uses its family's price, the longest prefix ("gpt-4o-mini", not
        // "gpt-4o").
        QVERIFY(qAbs(t.cost("gpt-4o-mini-2024-07-18", u) - 0.45) < 1e-12);
        QVERIFY(qAbs(t.cost("gpt-4o-2024-08-06", u) - (2.5 + 5.0)) < 1e-12);
        QCOMPARE(t.cost("llama3.2", u), -1.0);
        QCOMPARE(t.cost("gpt-4o-mini", cl::TokenUsage()), -1.0);
    }
    void priceTableJsonRoundTripAndErrors()
    {
        cl::PriceTable t;
        QString error;
        QVERIFY(t.loadJson("{\"local-model\":{\"input_per_million\":0,\"output_per_million\":0}}",
                           &error));
        QVERIFY(t.hasPrice("local-model"));
        QVERIFY(!t.hasPrice("gpt-4o-mini"));
        cl::PriceTable u;
        QVERIFY(u.loadJson(cl::PriceTable::defaults().toJson()));
        QVERIFY(u.hasPrice("gpt-4.1-nano"));
        QVERIFY(!t.loadJson("{\"m\":{\"input_per_million\":\"cheap\"}}", &error));
        QVERIFY(error.contains("\"m\""));
        QVERIFY(t.hasPrice("local-model")); // unchanged after a failed load
        QVERIFY(!t.loadJson("{", &error));
    }
    void usageAccumulates()
    {
        cl::TokenUsage session;
        cl::TokenUsage a;
        a.promptTokens = 10;
        a.completionTokens = 5;
        session += a;
        session += cl::TokenUsage();
        session += a;
        QCOMPARE(session.promptTokens, 20);
        QCOMPARE(session.totalTokens, 30);
    }

    void scrubsKeys_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("key");
        QTest::newRow("exact key") << "bad key my-local-secret-key!"
                                   << "my-local-secret-key";
        QTest::newRow("OpenAI style, other key")
            << "Incorrect API key provided: sk-proj-AbC123xyz_987. You can find..."
            << "sk-other";
        QTest::newRow("masked echo")
            << "Incorrect API key provided: sk-abc12********************xyz9"
            << "sk-abc12-real";
    }
    void scrubsKeys()
    {
        QFETCH(QString, text);
        QFETCH(QString, key);
        const QString out = cl::scrubSecret(text, key);
        QVERIFY(!out.contains(key));
        QVERIFY(!out.contains(QRegularExpression("sk-[A-Za-z0-9_]{6,}")));
    }
    void environmentKeyProvider()
    {
        qputenv("OPENAI_API_KEY", " sk-env-test-0123456789 \n");
        QCOMPARE(cl::environmentApiKeyProvider()(), QStringLiteral("sk-env-test-0123456789"));
        qunsetenv("OPENAI_API_KEY");
        QVERIFY(cl::environmentApiKeyProvider()().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLlmCodec)
#include "tst_llm.moc"
