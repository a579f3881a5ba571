// ChatSession: the send / run tools / send again loop, with history and audit records.
#include "ChatSession.h"

#include "ChatGrounding.h"
#include "ChatToolRegistry.h"
#include "llm/ChatClient.h"
#include "llm/ChatCodec.h"
#include "llm/TokenEstimate.h"
#include "store/ChatStore.h"
#include "store/Workspace.h"
#include "util/WorkerPool.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cl {

namespace {

/// A call that is not run: the model gets a short reason, the evidence a short excerpt.
ToolOutcome refusedCall(const ToolCall &call, const QString &reason)
{
    ToolOutcome o;
    o.callId = call.id;
    o.name = call.name;
    o.arguments = call.arguments.size() > 200 ? call.arguments.left(200) + QStringLiteral("…")
                                              : call.arguments;
    return ToolResult::refused(o, reason);
}

} // namespace

ChatSession::ChatSession(ChatClient *client, Workspace *workspace, QObject *parent)
    : QObject(parent), m_client(client), m_workspace(workspace)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &ChatSession::onDeadline);
    connect(m_client, &ChatClient::textDelta, this, [this](const QString &t) {
        if (!m_busy)
            return;
        m_roundText += t;
        Q_EMIT textReceived(t);
    });
    connect(m_client, &ChatClient::finished, this, [this](const ChatResult &r) {
        if (m_busy)
            onFinished(r);
    });
    connect(m_client, &ChatClient::failed, this, [this](const ChatError &e) {
        if (m_busy)
            onFailed(e);
    });
}

void ChatSession::setContext(const ChatContext &context)
{
    m_context = context;
    m_history.clear();
}

void ChatSession::setPriceTable(const PriceTable &prices)
{
    m_prices = prices;
    m_sessionCost = 0;
    for (const auto &[model, usage] : std::as_const(m_spend)) {
        const double c = m_prices.cost(model, usage);
        if (c > 0)
            m_sessionCost += c;
    }
}

ChatRequest ChatSession::firstRequest(const QString &question) const
{
    ChatRequest req;
    req.stream = m_stream;
    req.messages << ChatMessage::system(ChatGrounding::systemPrompt(m_context));
    const qsizetype from = std::max<qsizetype>(0, m_history.size() - 2 * kHistoryTurns);
    req.messages << m_history.mid(from);
    req.messages << ChatMessage::user(question);
    req.tools = ChatTools::definitions();
    return req;
}

QByteArray ChatSession::previewBody(const QString &question) const
{
    return ChatCodec::buildRequest(firstRequest(question), m_client->config().model);
}

bool ChatSession::ask(const QString &question)
{
    if (m_busy || question.trimmed().isEmpty() || m_client->isBusy())
        return false;
    const ChatRequest first = firstRequest(question.trimmed());
    m_messages = first.messages;
    m_systemPrompt = first.messages.front().content;
    m_references = {m_systemPrompt, question};
    m_current = ChatAnswer();
    m_current.question = question.trimmed();
    m_current.model = m_client->config().model;
    m_round = 0;
    m_busy = true;
    m_deadlineHit = false;
    if (m_client->config().answerTimeoutMs > 0)
        m_deadline.start(m_client->config().answerTimeoutMs);
    ChatExchangeRecord rec;
    rec.datasetId = m_context.dataset.id;
    rec.startedAt = QDateTime::currentDateTimeUtc();
    rec.question = m_current.question;
    rec.status = QStringLiteral("running");
    rec.model = m_current.model;
    rec.shareMode = sharingModeName(m_context.mode);
    rec.promptVersion = QString::fromLatin1(ChatGrounding::kPromptVersion);
    if (m_workspace && m_workspace->isOpen())
        m_current.exchangeId = ChatStore(m_workspace->db()).insertExchange(rec);
    sendRound();
    return true;
}

void ChatSession::cancel()
{
    if (!m_busy)
        return;
    if (m_client->isBusy()) {
        m_client->cancel(); // answerFailed follows (onFailed)
    } else if (m_toolsRunning) {
        ++m_toolBatch; // the running tools' result is dropped when it comes
        m_toolsRunning = false;
        failWith(ChatError::Kind::Cancelled, {});
    }
}

void ChatSession::onDeadline()
{
    if (!m_busy)
        return;
    m_deadlineHit = true;
    if (m_client->isBusy()) {
        m_client->cancel(); // answerFailed follows, as a time-out (see onFailed)
    } else {
        ++m_toolBatch; // tools still running: their result is dropped
        m_toolsRunning = false;
        failWith(ChatError::Kind::Timeout, {});
    }
}

void ChatSession::failWith(ChatError::Kind kind, const QString &message)
{
    ChatError e;
    e.kind = kind;
    e.message = message;
    onFailed(e);
}

void ChatSession::sendRound()
{
    ChatRequest req;
    req.stream = m_stream;
    req.messages = m_messages;
    // The last round offers no tools, so the model has to answer with what it has.
    if (m_round < kMaxToolRounds)
        req.tools = ChatTools::definitions();
    // The body ChatClient::send() builds from the same request: audited, and the base of the
    // token estimate when the server reports none.
    m_roundBody = ChatCodec::buildRequest(req, m_client->config().model);
    m_roundText.clear();
    m_roundCounted = false;
    if (m_workspace && m_workspace->isOpen()) {
        ChatAuditRecord audit;
        audit.exchangeId = m_current.exchangeId;
        audit.sentAt = QDateTime::currentDateTimeUtc();
        QUrl url = m_client->config().baseUrl;
        url.setPath(url.path() + QStringLiteral("/chat/completions"));
        audit.endpoint = url.toString(QUrl::RemoveUserInfo);
        audit.body = m_roundBody;
        ChatStore(m_workspace->db()).appendAudit(audit);
    }
    if (m_round > 0)
        Q_EMIT roundStarted(m_round);
    if (!m_client->send(req)) {
        ChatError e;
        e.kind = ChatError::Kind::Configuration;
        e.message = QStringLiteral("the chat client is busy with another request");
        onFailed(e);
    }
}

void ChatSession::onFinished(const ChatResult &result)
{
    // Many local servers ignore stream_options.include_usage: then the round is estimated.
    m_current.usage += result.usage.isValid()
                           ? result.usage
                           : TokenEstimate::usage(m_roundBody, result.content, result.toolCalls);
    m_roundCounted = true;
    if (!result.model.isEmpty())
        m_current.model = result.model;
    if (!result.toolCalls.isEmpty() && m_round < kMaxToolRounds) {
        const ChatLimits limits = m_client->config().limits;
        QList<ToolCall> echoed = result.toolCalls;
        // Calls refused here get their outcome now; the others are run by runTools().
        QList<ToolOutcome> outcomes;
        QList<std::optional<ToolCall>> toRun;
        for (qsizetype i = 0; i < result.toolCalls.size(); ++i) {
            const ToolCall &call = result.toolCalls.at(i);
            const qsizetype argumentBytes = call.arguments.toUtf8().size();
            if (argumentBytes > limits.maxToolArgumentBytes) {
                // Not echoed back either: the next request would carry it again.
                echoed[i].arguments = QStringLiteral("{}");
                outcomes << refusedCall(
                    call, QStringLiteral("arguments too long (%1 bytes, at most %2): not run")
                              .arg(argumentBytes)
                              .arg(limits.maxToolArgumentBytes));
                toRun << std::nullopt;
            } else if (i >= limits.maxToolCallsPerRound) {
                outcomes << refusedCall(call, QStringLiteral("not run: at most %1 tool calls per "
                                                             "round; ask again in the next round")
                                                  .arg(limits.maxToolCallsPerRound));
                toRun << std::nullopt;
            } else {
                outcomes << ToolOutcome();
                toRun << call;
            }
        }
        m_messages << ChatMessage::assistant(result.content, echoed);
        runTools(toRun, outcomes);
        return;
    }
    // Text alone is an answer. A reply without it (garbage events, an empty stream, tool calls
    // after the last round) is a failure, stored as one, not an empty "answered" exchange.
    if (result.content.trimmed().isEmpty()) {
        failWith(ChatError::Kind::EmptyAnswer,
                 !result.toolCalls.isEmpty()
                     ? QStringLiteral("The model still asked for tools after %1 tool rounds and "
                                      "gave no answer text.")
                           .arg(kMaxToolRounds)
                     : QStringLiteral("The server's reply had no answer text (finish reason: "
                                      "%1).")
                           .arg(result.finishReason.isEmpty() ? QStringLiteral("none")
                                                              : result.finishReason));
        return;
    }
    m_deadline.stop();
    m_current.text = result.content;
    m_current.unverified = NumberVerifier::unverified(m_current.text, m_references);
    m_current.cost = m_prices.cost(m_current.model, m_current.usage);
    m_sessionUsage += m_current.usage;
    m_spend.append({m_current.model, m_current.usage});
    if (m_current.cost > 0)
        m_sessionCost += m_current.cost;
    m_history << ChatMessage::user(m_current.question) << ChatMessage::assistant(m_current.text);
    saveExchange(QStringLiteral("answered"), {});
    m_busy = false;
    Q_EMIT answerFinished(m_current);
}

void ChatSession::runTools(const QList<std::optional<ToolCall>> &calls,
                           const QList<ToolOutcome> &outcomes)
{
    // The tools scan the frame and run SQL for up to seconds: on a pool thread, with copies
    // of what they read. A watcher deleted with the session drops a late result.
    const quint64 batch = ++m_toolBatch;
    const ChatContext context = m_context;
    m_pendingCalls = calls;
    m_pendingOutcomes = outcomes;
    m_batchMode = context.mode;
    m_batchMinGroupSize = context.minGroupSize;
    const ChatToolRegistry *registry = &ChatToolRegistry::builtIn();
    m_toolsRunning = true;
    Q_EMIT toolsStarted(int(calls.size()));
    auto *watcher = new QFutureWatcher<QList<ToolOutcome>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, batch] {
        watcher->deleteLater();
        if (batch == m_toolBatch)
            onToolsFinished(watcher->result());
    });
    watcher->setFuture(runInBackground([calls, outcomes, context, registry] {
        QList<ToolOutcome> done = outcomes;
        for (qsizetype i = 0; i < calls.size(); ++i) {
            if (calls.at(i))
                done[i] = registry->execute(*calls.at(i), context);
        }
        return done;
    }));
}

void ChatSession::onToolsFinished(const QList<ToolOutcome> &outcomes)
{
    m_toolsRunning = false;
    if (!m_busy)
        return; // cancelled or timed out while the tools ran
    if (m_context.mode != m_batchMode || m_context.minGroupSize != m_batchMinGroupSize) {
        // The user changed what may be shared while the tools ran: nothing computed under the
        // old rule leaves; the calls run again under the new one.
        runTools(m_pendingCalls, m_pendingOutcomes);
        return;
    }
    for (const ToolOutcome &outcome : outcomes) {
        m_current.evidence << outcome;
        m_references << outcome.result;
        m_messages << ChatMessage::toolResult(outcome.callId, outcome.result);
        Q_EMIT toolExecuted(outcome);
    }
    ++m_round;
    saveExchange(QStringLiteral("running"), {});
    sendRound();
}

void ChatSession::onFailed(const ChatError &reported)
{
    m_busy = false;
    m_deadline.stop();
    ChatError error = reported;
    if (m_deadlineHit && (error.kind == ChatError::Kind::Cancelled || error.message.isEmpty())) {
        error.kind = ChatError::Kind::Timeout;
        error.message = QStringLiteral("No complete answer within %1 s, the time limit for one "
                                       "answer (%2 requests sent).")
                            .arg(m_client->config().answerTimeoutMs / 1000.0)
                            .arg(m_round + 1);
    }
    m_deadlineHit = false;
    // A round cut short (Stop, a dropped stream, a time-out) after text had come: the server
    // worked on the prompt and wrote that much, and reports nothing, so both are estimated.
    // The text is kept as the partial answer, stored and shown with the failure.
    if (!m_roundCounted && !m_roundText.isEmpty()) {
        m_current.usage += TokenEstimate::usage(m_roundBody, m_roundText);
        m_roundCounted = true;
    }
    if (m_current.text.isEmpty() && !m_roundText.trimmed().isEmpty()) {
        m_current.text = m_roundText;
        m_current.unverified = NumberVerifier::unverified(m_current.text, m_references);
    }
    m_sessionUsage += m_current.usage;
    // Tokens of the rounds before the failure were billed too.
    m_current.cost = m_prices.cost(m_current.model, m_current.usage);
    m_spend.append({m_current.model, m_current.usage});
    if (m_current.cost > 0)
        m_sessionCost += m_current.cost;
    saveExchange(error.kind == ChatError::Kind::Cancelled ? QStringLiteral("cancelled")
                                                          : QStringLiteral("failed"),
                 error.message);
    Q_EMIT answerFailed(error, m_current);
}

void ChatSession::saveExchange(const QString &status, const QString &error)
{
    if (!m_workspace || !m_workspace->isOpen() || m_current.exchangeId < 0)
        return;
    ChatExchangeRecord rec;
    rec.id = m_current.exchangeId;
    rec.datasetId = m_context.dataset.id;
    rec.startedAt = QDateTime::currentDateTimeUtc();
    rec.question = m_current.question;
    rec.answer = m_current.text;
    rec.status = status;
    rec.error = error;
    rec.evidenceJson = QString::fromUtf8(
        QJsonDocument(toolOutcomesJson(m_current.evidence)).toJson(QJsonDocument::Compact));
    QList<UnverifiedMark> marks;
    for (const NumberMention &n : m_current.unverified)
        marks << n.mark();
    rec.unverifiedJson = QString::fromUtf8(
        QJsonDocument(UnverifiedMark::toJson(marks)).toJson(QJsonDocument::Compact));
    rec.model = m_current.model;
    rec.shareMode = sharingModeName(m_context.mode);
    rec.promptVersion = QString::fromLatin1(ChatGrounding::kPromptVersion);
    rec.promptTokens = m_current.usage.promptTokens;
    rec.completionTokens = m_current.usage.completionTokens;
    rec.tokensEstimated = m_current.usage.estimated;
    rec.cost = m_current.cost;
    ChatStore store(m_workspace->db());
    // Keep the original start time: read it back rather than overwrite it.
    const auto all = store.exchanges(m_context.dataset.id);
    for (const ChatExchangeRecord &r : all)
        if (r.id == rec.id)
            rec.startedAt = r.startedAt;
    store.updateExchange(rec);
}

} // namespace cl
