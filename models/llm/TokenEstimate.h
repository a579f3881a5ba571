// Token counts estimated from text, for servers that report no usage.
#pragma once

#include "llm/ChatTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace cl {

/**
 * Many local OpenAI-compatible servers ignore `stream_options.include_usage` and send no usage.
 * Then the tokens are estimated with the rule of thumb OpenAI gives for English text: about four
 * characters a token, rounded up. The prompt is the request body as sent (JSON, tool definitions
 * included: roughly what a chat template adds around the messages), the completion the answer
 * text plus each tool call's name and arguments. Good to some tens of percent for English and
 * JSON; a guide to the order of the cost, never a bill. Pure functions; no thread affinity.
 */
namespace TokenEstimate {

/// ceil(characters / 4); 0 for empty text.
qint64 tokensOf(const QString &text);

/// The estimated usage of one round: `requestBody` as sent, what came back. `estimated` is set.
TokenUsage usage(const QByteArray &requestBody, const QString &answer,
                 const QList<ToolCall> &toolCalls = {});

} // namespace TokenEstimate

} // namespace cl
