// TokenEstimate: about four characters a token.
#include "llm/TokenEstimate.h"

namespace cl::TokenEstimate {

qint64 tokensOf(const QString &text)
{
    return (qint64(text.size()) + 3) / 4;
}

TokenUsage usage(const QByteArray &requestBody, const QString &answer,
                 const QList<ToolCall> &toolCalls)
{
    TokenUsage u;
    u.promptTokens = tokensOf(QString::fromUtf8(requestBody));
    u.completionTokens = tokensOf(answer);
    for (const ToolCall &call : toolCalls)
        u.completionTokens += tokensOf(call.name + call.arguments);
    u.totalTokens = u.promptTokens + u.completionTokens;
    u.estimated = true;
    return u;
}

} // namespace cl::TokenEstimate
