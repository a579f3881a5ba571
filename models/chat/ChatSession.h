// A conversation about one dataset: grounding, the tool loop, verification, history, audit.
#pragma once

#include "ChatContext.h"
#include "ChatTools.h"
#include "NumberVerifier.h"
#include "llm/ChatTypes.h"
#include "llm/PriceTable.h"

#include <QObject>
#include <QPair>
#include <QTimer>

#include <optional>

namespace cl {

class ChatClient;
class Workspace;

/// The outcome of one question.
struct ChatAnswer
{
    qint64 exchangeId = -1; ///< Row in chat_exchange.
    QString question;
    /// The answer; after a failure or Stop, the text that had streamed in the last round.
    QString text;
    QList<NumberMention> unverified; ///< Numbers of `text` found in no reference.
    QList<ToolOutcome> evidence;     ///< Tool calls in the order they ran.
    /// Summed over the rounds of this exchange; a round the server reported no usage for is
    /// estimated (TokenEstimate), and then `usage.estimated` is set.
    TokenUsage usage;
    double cost = -1; ///< US dollars; -1 when unknown.
    QString model;
};

/**
 * Sends a question with the grounding system prompt and the tool definitions; while the model
 * asks for tools (at most kMaxToolRounds rounds) runs them locally (ChatTools) and sends the
 * results; then checks the numbers of the final text (NumberVerifier) and stores the exchange.
 * The client's ChatLimits cap each round (tool calls run, argument size) and its
 * answerTimeoutMs the whole question; a reply without answer text is a failure (EmptyAnswer).
 * The exchange row is written when the question is sent and updated at the end, failure
 * included (a stopped or failed answer keeps the text that had streamed, with its status);
 * every request body is appended to the audit log before it is sent. A round whose server
 * reports no token usage is counted with TokenEstimate, marked as estimated.
 *
 * Thread affinity: the thread of the ChatClient and the Workspace. Owns neither; both must
 * outlive the session. Tool calls run on a pool thread (QtConcurrent) on a copy of the context;
 * the session waits for them without blocking its thread, and cancel() drops their result.
 */
class ChatSession : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxToolRounds = 4;
    static constexpr int kHistoryTurns = 4; ///< Earlier question/answer pairs sent as context.

    ChatSession(ChatClient *client, Workspace *workspace, QObject *parent = nullptr);

    void setContext(const ChatContext &context);
    const ChatContext &context() const { return m_context; }
    /// Also re-prices this session's earlier answers, so sessionCost() follows the table.
    void setPriceTable(const PriceTable &prices);
    const PriceTable &priceTable() const { return m_prices; }
    void setStreaming(bool stream) { m_stream = stream; }

    /// The first request of asking `question` now, exactly as it would be sent.
    ChatRequest firstRequest(const QString &question) const;
    /// Its JSON body: what leaves the machine (the key travels only in a header).
    QByteArray previewBody(const QString &question) const;

    /// Starts answering; false if a question is running or the question is empty.
    bool ask(const QString &question);
    /// Stops the running question (answerFailed with Kind::Cancelled follows).
    void cancel();
    bool isBusy() const { return m_busy; }

    /// Totals of this session; the cost sums the priced exchanges (0 when none is priced).
    TokenUsage sessionUsage() const { return m_sessionUsage; }
    double sessionCost() const { return m_sessionCost; }

Q_SIGNALS:
    /// A piece of answer text arrived (streaming).
    void textReceived(const QString &delta);
    /// The model asked for `calls` tools; they run locally now (roundStarted follows).
    void toolsStarted(int calls);
    /// A new round started (after tools ran); text streamed so far was not the answer.
    void roundStarted(int round);
    void toolExecuted(const cl::ToolOutcome &outcome);
    void answerFinished(const cl::ChatAnswer &answer);
    void answerFailed(const cl::ChatError &error, const cl::ChatAnswer &partial);

private:
    void sendRound();
    void onFinished(const ChatResult &result);
    /// Runs calls[i] (when set) into outcomes[i] on a pool thread, then continues with
    /// onToolsFinished() on this one.
    void runTools(const QList<std::optional<ToolCall>> &calls, const QList<ToolOutcome> &outcomes);
    void onToolsFinished(const QList<ToolOutcome> &outcomes);
    void onFailed(const ChatError &error);
    void saveExchange(const QString &status, const QString &error);
    void onDeadline();
    void failWith(ChatError::Kind kind, const QString &message);

    ChatClient *m_client;
    Workspace *m_workspace;
    ChatContext m_context;
    PriceTable m_prices = PriceTable::defaults();
    bool m_stream = true;
    bool m_busy = false;
    bool m_deadlineHit = false; ///< The cancel in progress is the answer time limit's.
    QTimer m_deadline;          ///< ChatClientConfig::answerTimeoutMs over all rounds.
    int m_round = 0;
    bool m_toolsRunning = false;
    /// The running batch's inputs and the sharing rule it runs under (see onToolsFinished).
    QList<std::optional<ToolCall>> m_pendingCalls;
    QList<ToolOutcome> m_pendingOutcomes;
    SharingMode m_batchMode = SharingMode::Aggregates;
    int m_batchMinGroupSize = 0;
    quint64 m_toolBatch = 0; ///< Bumped per batch and on cancel: a stale batch's result is dropped.
    QString m_systemPrompt;
    QList<ChatMessage> m_messages; ///< The running exchange's conversation.
    QList<ChatMessage> m_history;  ///< Earlier answered turns (user, assistant).
    QByteArray m_roundBody;        ///< The running round's request body, as sent.
    QString m_roundText;           ///< Text streamed in the running round so far.
    bool m_roundCounted = false;   ///< The running round's tokens are in m_current.usage.
    ChatAnswer m_current;
    QStringList m_references;
    TokenUsage m_sessionUsage;
    double m_sessionCost = 0;
    QList<QPair<QString, TokenUsage>> m_spend; ///< Model and usage of each exchange so far.
};

} // namespace cl

Q_DECLARE_METATYPE(cl::ToolOutcome)
Q_DECLARE_METATYPE(cl::ChatAnswer)
