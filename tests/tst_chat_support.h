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

/// The model asks for `calls`.
inline FakeResponse toolCallResponse(const QList<ScriptedCall> &calls, bool stream)
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
                {"usage", usageJson()}}));
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
    body += "data: " + compactJson(QJsonObject{{"choices", QJsonArray()}, {"usage", usageJson()}}) +
            "\n\ndata: [DONE]\n\n";
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

} // namespace cl::test
