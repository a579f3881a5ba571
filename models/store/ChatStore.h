// Chat history and the audit log of sent payloads, per dataset, in the workspace.
#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QString>

namespace cl {

class Database;

/// One question and its answer (or failure), as kept in table chat_exchange.
struct ChatExchangeRecord
{
    qint64 id = -1; ///< -1 until stored.
    qint64 datasetId = -1;
    QDateTime startedAt;
    QString question;
    /// Empty while running or after a failure before any text; after Stop or a failure
    /// mid-answer, the text that had streamed (status says it is incomplete).
    QString answer;
    QString status;         ///< "running", "answered", "failed", "cancelled".
    QString error;          ///< Failure reason (never contains the key); empty otherwise.
    QString evidenceJson;   ///< JSON array of the tool calls with arguments and results.
    QString unverifiedJson; ///< JSON array of {text, position, length} of unverified numbers.
    QString model;
    QString shareMode;        ///< "aggregates", "schema" or "rows".
    QString promptVersion;    ///< Version of the system prompt that grounded the answer.
    qint64 promptTokens = -1; ///< -1: not reported by the server.
    qint64 completionTokens = -1;
    /// The token counts (and so the cost) are estimated: the server reported none (schema 9).
    bool tokensEstimated = false;
    double cost = -1;    ///< US dollars; -1 when unknown.
    bool pinned = false; ///< The user pinned it for the report's Q&A (schema version 4).
};

/// A number of an answer that matched nothing computed: one element of unverifiedJson.
struct UnverifiedMark
{
    qsizetype position = -1; ///< QString index in the answer; -1 when unknown
    qsizetype length = 0;
    QString text; ///< as written ("11.3%")

    /// The JSON array stored in ChatExchangeRecord::unverifiedJson, and read back.
    static QJsonArray toJson(const QList<UnverifiedMark> &marks);
    static QList<UnverifiedMark> fromJson(const QString &json);
};

/// One request body that left the machine (table chat_audit). Never holds the API key.
struct ChatAuditRecord
{
    qint64 id = -1;
    qint64 exchangeId = -1;
    QDateTime sentAt;
    QString endpoint; ///< Full URL the body was posted to.
    QByteArray body;  ///< Exactly the JSON sent.
};

/**
 * Reads and writes chat_exchange and chat_audit (schema versions 2, 4 and 9). Every write is its
 * own statement (autocommit), so what was written before a failure stays. Does not own the
 * Database; thread affinity is the Database's.
 */
class ChatStore
{
public:
    explicit ChatStore(Database &db) : m_db(db) {}

    /// Inserts a new exchange; returns its id, or -1 on error.
    qint64 insertExchange(const ChatExchangeRecord &record);
    /// Rewrites every field of an existing exchange (matched by id).
    bool updateExchange(const ChatExchangeRecord &record);
    /// Exchanges of a dataset, oldest first; `limit` 0: all.
    QList<ChatExchangeRecord> exchanges(qint64 datasetId, int limit = 0);
    /// Pins (or unpins) an exchange for the report's Q&A; false if no such exchange.
    bool setPinned(qint64 exchangeId, bool pinned);
    /// Pinned exchanges of a dataset, oldest first.
    QList<ChatExchangeRecord> pinnedQuestions(qint64 datasetId);
    /// Appends one sent body to the audit log; returns its id, or -1.
    qint64 appendAudit(const ChatAuditRecord &record);
    QList<ChatAuditRecord> auditLog(qint64 exchangeId = -1);
    QString lastError() const { return m_lastError; }

private:
    QList<ChatExchangeRecord> select(const QString &where, qint64 datasetId);

    Database &m_db;
    QString m_lastError;
};

} // namespace cl
