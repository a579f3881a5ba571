// ChatStore: plain SQL over chat_exchange and chat_audit.
#include "ChatStore.h"

#include "Database.h"
#include "Statement.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace cl {

QJsonArray UnverifiedMark::toJson(const QList<UnverifiedMark> &marks)
{
    QJsonArray out;
    for (const UnverifiedMark &m : marks)
        out.append(QJsonObject{{QStringLiteral("text"), m.text},
                               {QStringLiteral("position"), double(m.position)},
                               {QStringLiteral("length"), double(m.length)}});
    return out;
}

QList<UnverifiedMark> UnverifiedMark::fromJson(const QString &json)
{
    QList<UnverifiedMark> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.toUtf8()).array()) {
        const QJsonObject o = v.toObject();
        out << UnverifiedMark{qsizetype(o.value(QStringLiteral("position")).toInt(-1)),
                              qsizetype(o.value(QStringLiteral("length")).toInt()),
                              o.value(QStringLiteral("text")).toString()};
    }
    return out;
}

namespace {

const QString kExchangeColumns = QStringLiteral(
    "id, dataset_id, started_at, question, answer, status, error, evidence, unverified, model, "
    "share_mode, prompt_version, prompt_tokens, completion_tokens, cost, pinned, tokens_estimated");

void bindExchange(Statement &st, const ChatExchangeRecord &r)
{
    st.bind(1, r.datasetId);
    st.bind(2, r.startedAt.toUTC().toString(Qt::ISODateWithMs));
    st.bind(3, r.question);
    st.bind(4, r.answer);
    st.bind(5, r.status);
    st.bind(6, r.error);
    st.bind(7, r.evidenceJson.isEmpty() ? QStringLiteral("[]") : r.evidenceJson);
    st.bind(8, r.unverifiedJson.isEmpty() ? QStringLiteral("[]") : r.unverifiedJson);
    st.bind(9, r.model);
    st.bind(10, r.shareMode);
    st.bind(11, r.promptVersion);
    st.bind(12, r.promptTokens);
    st.bind(13, r.completionTokens);
    st.bind(14, r.cost);
    st.bind(15, qint64(r.tokensEstimated ? 1 : 0));
}

} // namespace

qint64 ChatStore::insertExchange(const ChatExchangeRecord &record)
{
    Statement st(m_db, QStringLiteral("INSERT INTO chat_exchange(dataset_id, started_at, question, "
                                      "answer, status, error, evidence, unverified, model, "
                                      "share_mode, prompt_version, prompt_tokens, "
                                      "completion_tokens, cost, tokens_estimated) "
                                      "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    bindExchange(st, record);
    if (!st.exec()) {
        m_lastError = st.error();
        return -1;
    }
    return m_db.lastInsertRowId();
}

bool ChatStore::updateExchange(const ChatExchangeRecord &record)
{
    Statement st(m_db, QStringLiteral("UPDATE chat_exchange SET dataset_id=?, started_at=?, "
                                      "question=?, answer=?, status=?, error=?, evidence=?, "
                                      "unverified=?, model=?, share_mode=?, prompt_version=?, "
                                      "prompt_tokens=?, completion_tokens=?, cost=?, "
                                      "tokens_estimated=? WHERE id=?"));
    bindExchange(st, record);
    st.bind(16, record.id);
    if (!st.exec()) {
        m_lastError = st.error();
        return false;
    }
    return true;
}

QList<ChatExchangeRecord> ChatStore::exchanges(qint64 datasetId, int limit)
{
    QList<ChatExchangeRecord> out = select(QStringLiteral("dataset_id = ?"), datasetId);
    if (limit > 0 && out.size() > limit)
        out = out.mid(out.size() - limit);
    return out;
}

bool ChatStore::setPinned(qint64 exchangeId, bool pinned)
{
    Statement st(m_db, QStringLiteral("UPDATE chat_exchange SET pinned = ? WHERE id = ?"));
    st.bind(1, qint64(pinned ? 1 : 0));
    st.bind(2, exchangeId);
    if (!st.exec()) {
        m_lastError = st.error();
        return false;
    }
    if (m_db.changes() != 1) {
        m_lastError = QStringLiteral("no chat exchange with id %1").arg(exchangeId);
        return false;
    }
    return true;
}

QList<ChatExchangeRecord> ChatStore::pinnedQuestions(qint64 datasetId)
{
    return select(QStringLiteral("dataset_id = ? AND pinned <> 0"), datasetId);
}

QList<ChatExchangeRecord> ChatStore::select(const QString &where, qint64 datasetId)
{
    QList<ChatExchangeRecord> out;
    Statement st(m_db, QStringLiteral("SELECT %1 FROM chat_exchange WHERE %2 ORDER BY id")
                           .arg(kExchangeColumns, where));
    st.bind(1, datasetId);
    while (st.step()) {
        ChatExchangeRecord r;
        r.id = st.columnInt64(0);
        r.datasetId = st.columnInt64(1);
        r.startedAt = QDateTime::fromString(st.columnText(2), Qt::ISODateWithMs);
        r.question = st.columnText(3);
        r.answer = st.columnText(4);
        r.status = st.columnText(5);
        r.error = st.columnText(6);
        r.evidenceJson = st.columnText(7);
        r.unverifiedJson = st.columnText(8);
        r.model = st.columnText(9);
        r.shareMode = st.columnText(10);
        r.promptVersion = st.columnText(11);
        r.promptTokens = st.columnInt64(12);
        r.completionTokens = st.columnInt64(13);
        r.cost = st.columnDouble(14);
        r.pinned = st.columnInt64(15) != 0;
        r.tokensEstimated = st.columnInt64(16) != 0;
        out << r;
    }
    return out;
}

qint64 ChatStore::appendAudit(const ChatAuditRecord &record)
{
    Statement st(m_db, QStringLiteral("INSERT INTO chat_audit(exchange_id, sent_at, endpoint, "
                                      "body) VALUES(?,?,?,?)"));
    if (record.exchangeId < 0)
        st.bindNull(1);
    else
        st.bind(1, record.exchangeId);
    st.bind(2, record.sentAt.toUTC().toString(Qt::ISODateWithMs));
    st.bind(3, record.endpoint);
    st.bind(4, QString::fromUtf8(record.body));
    if (!st.exec()) {
        m_lastError = st.error();
        return -1;
    }
    return m_db.lastInsertRowId();
}

QList<ChatAuditRecord> ChatStore::auditLog(qint64 exchangeId)
{
    QList<ChatAuditRecord> out;
    Statement st(m_db, exchangeId < 0
                           ? QStringLiteral("SELECT id, exchange_id, sent_at, endpoint, body FROM "
                                            "chat_audit ORDER BY id")
                           : QStringLiteral("SELECT id, exchange_id, sent_at, endpoint, body FROM "
                                            "chat_audit WHERE exchange_id = ? ORDER BY id"));
    if (exchangeId >= 0)
        st.bind(1, exchangeId);
    while (st.step()) {
        ChatAuditRecord r;
        r.id = st.columnInt64(0);
        r.exchangeId = st.isNull(1) ? -1 : st.columnInt64(1);
        r.sentAt = QDateTime::fromString(st.columnText(2), Qt::ISODateWithMs);
        r.endpoint = st.columnText(3);
        r.body = st.columnText(4).toUtf8();
        out << r;
    }
    return out;
}

} // namespace cl
