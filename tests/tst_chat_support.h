// Scripted answers for the chat tests: tool calls and text, as JSON or as a stream of events.
#pragma once

#include "ChatContextFixture.h"
#include "FakeOpenAiServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPair>

namespace cl::test {

/// A tool call for the fake server to send: name and JSON arguments.
using ScriptedCall = QPair<QString, QJsonObject>;

inline QByteArray compactJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

inline QJsonObject usageJson()
{
    return QJsonObject{{"prompt_tokens", 1200}, {"completion_tokens", 80}, {"total_tokens", 1280}};
}

/// The model asks for `calls`; without `withUsage` the server reports no token usage.
inline FakeResponse toolCallResponse(const QList<ScriptedCall> &calls, bool stream,
                                     bool withUsage = true)
{
    QJsonArray arr;
    for (int i = 0; i < calls.size(); ++i) {
        QJsonObject fn{{"name", calls[i].first},
                       {"arguments", QString::fromUtf8(compactJson(calls[i].second))}};
        QJsonObject c{
            {"id", QStringLiteral("call_%1").arg(i)}, {"type", "function"}, {"function", fn}};
        if (stream)
            c.insert("index", i);
        arr.append(c);
    }
    if (!stream) {
        const QJsonObject msg{
            {"role", "assistant"}, {"content", QJsonValue()}, {"tool_calls", arr}};
        return FakeResponse::json(
            200,
            compactJson(QJsonObject{
                {"id", "chatcmpl-T"},
                {"model", "gpt-4o-mini"},
                {"choices", QJsonArray{QJsonObject{
                                {"index", 0}, {"message", msg}, {"finish_reason", "tool_calls"}}}},
                {"usage", withUsage ? QJsonValue(usageJson()) : QJsonValue()}}));
    }
    QByteArray body;
    body +=
        "data: " +
        compactJson(QJsonObject{
            {"model", "gpt-4o-mini"},
            {"choices", QJsonArray{QJsonObject{{"index", 0},
                                               {"delta", QJsonObject{{"role", "assistant"},
                                                                     {"tool_calls", arr}}}}}}}) +
        "\n\n";
    body += "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n";
    if (withUsage)
        body +=
            "data: " + compactJson(QJsonObject{{"choices", QJsonArray()}, {"usage", usageJson()}}) +
            "\n\n";
    body += "data: [DONE]\n\n";
    return FakeResponse::sse(body, FakeResponse::Split::Random, 7);
}

/// The model answers `text`.
inline FakeResponse textResponse(const QString &text, bool stream)
{
    if (!stream) {
        const QJsonObject msg{{"role", "assistant"}, {"content", text}};
        return FakeResponse::json(
            200, compactJson(QJsonObject{
                     {"id", "chatcmpl-A"},
                     {"model", "gpt-4o-mini"},
                     {"choices", QJsonArray{QJsonObject{
                                     {"index", 0}, {"message", msg}, {"finish_reason", "stop"}}}},
                     {"usage", usageJson()}}));
    }
    QByteArray body;
    // Three pieces, so the text really arrives in deltas.
    const int third = int(text.size() / 3);
    for (const QString &piece : {text.left(third), text.mid(third, third), text.mid(2 * third)})
        body += "data: " +
                compactJson(QJsonObject{
                    {"model", "gpt-4o-mini"},
                    {"choices", QJsonArray{QJsonObject{
                                    {"index", 0}, {"delta", QJsonObject{{"content", piece}}}}}}}) +
                "\n\n";
    body += "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
    body += "data: " + compactJson(QJsonObject{{"choices", QJsonArray()}, {"usage", usageJson()}}) +
            "\n\ndata: [DONE]\n\n";
    FakeResponse r = FakeResponse::sse(body, FakeResponse::Split::Random, 3);
    r.pieceDelayMs = 3; // paced, so that the text arrives in several reads
    return r;
}

/// One streamed event carrying `piece` of the answer text.
inline QByteArray textEvent(const QString &piece)
{
    return "data: " +
           compactJson(QJsonObject{
               {"model", "gpt-4o-mini"},
               {"choices", QJsonArray{QJsonObject{{"index", 0},
                                                  {"delta", QJsonObject{{"content", piece}}}}}}}) +
           "\n\n";
}

/// The model streams `pieces` and finishes, reporting no token usage, as servers that ignore
/// stream_options.include_usage do.
inline FakeResponse textResponseWithoutUsage(const QStringList &pieces)
{
    QByteArray body;
    for (const QString &piece : pieces)
        body += textEvent(piece);
    body += "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
            "data: [DONE]\n\n";
    FakeResponse r = FakeResponse::sse(body, FakeResponse::Split::Random, 5);
    r.pieceDelayMs = 2;
    return r;
}

/// The model streams `sent`, then goes silent with the connection open (it would send `rest`):
/// an answer caught mid-way.
inline FakeResponse stalledTextResponse(const QString &sent, const QString &rest)
{
    const QByteArray first = textEvent(sent);
    FakeResponse r = FakeResponse::sse(first + textEvent(rest));
    r.stallAfter = first.size();
    return r;
}

} // namespace cl::test
