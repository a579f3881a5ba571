// ChatSession: the send / run tools / send again loop, with history and audit records.
#include "ChatSession.h"

#include "ChatGrounding.h"
#include "llm/ChatClient.h"
#include "llm/ChatCodec.h"
#include "store/ChatStore.h"
#include "store/Workspace.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cl {

ChatSession::ChatSession(ChatClient *client, Workspace *workspace, QObject *parent)
    : QObject(parent), m_client(client), m_workspace(workspace)
{
    connect(m_client, &ChatClient::textDelta, this, [this](const QString &t) {
        if (m_busy)
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
    if (m_busy)
        m_client->cancel();
}

void ChatSession::sendRound()
{
    ChatRequest req;
    req.stream = m_stream;
    req.messages = m_messages;
    // The last round offers no tools, so the model has to answer with what it has.
    if (m_round < kMaxToolRounds)
        req.tools = ChatTools::definitions();
    if (m_workspace && m_workspace->isOpen()) {
        ChatAuditRecord audit;
        audit.exchangeId = m_current.exchangeId;
        audit.sentAt = QDateTime::currentDateTimeUtc();
        QUrl url = m_client->config().baseUrl;
        url.setPath(url.path() + QStringLiteral("/chat/completions"));
        audit.endpoint = url.toString(QUrl::RemoveUserInfo);
        audit.body = ChatCodec::buildRequest(req, m_client->config().model);
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
    m_current.usage += result.usage;
    if (!result.model.isEmpty())
        m_current.model = result.model;
    if (!result.toolCalls.isEmpty() && m_round < kMaxToolRounds) {
        m_messages << ChatMessage::assistant(result.content, result.toolCalls);
        for (const ToolCall &call : result.toolCalls) {
            const ToolOutcome outcome = ChatTools::execute(call, m_context);
            m_current.evidence << outcome;
            m_references << outcome.result;
            m_messages << ChatMessage::toolResult(call.id, outcome.result);
            Q_EMIT toolExecuted(outcome);
        }
        ++m_round;
        saveExchange(QStringLiteral("running"), {});
        sendRound();
        return;
    }
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

void ChatSession::onFailed(const ChatError &error)
{
    m_busy = false;
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
    QJsonArray evidence;
    for (const ToolOutcome &o : m_current.evidence)
        evidence.append(QJsonObject{{QStringLiteral("tool"), o.name},
                                    {QStringLiteral("arguments"), o.arguments},
                                    {QStringLiteral("ok"), o.ok},
                                    {QStringLiteral("result"), o.result}});
    rec.evidenceJson = QString::fromUtf8(QJsonDocument(evidence).toJson(QJsonDocument::Compact));
    QJsonArray unverified;
    for (const NumberMention &n : m_current.unverified)
        unverified.append(QJsonObject{{QStringLiteral("text"), n.text},
                                      {QStringLiteral("position"), n.position},
                                      {QStringLiteral("length"), n.length}});
    rec.unverifiedJson =
        QString::fromUtf8(QJsonDocument(unverified).toJson(QJsonDocument::Compact));
    rec.model = m_current.model;
    rec.shareMode = sharingModeName(m_context.mode);
    rec.promptVersion = QString::fromLatin1(ChatGrounding::kPromptVersion);
    rec.promptTokens = m_current.usage.promptTokens;
    rec.completionTokens = m_current.usage.completionTokens;
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
