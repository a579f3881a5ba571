// ChConnection: a read-only session to ClickHouse over its HTTP interface (Qt Network).
#pragma once

#include "WarehouseConnection.h"

#include <QString>
#include <QUrl>

#include <memory>

#include <atomic>

class QNetworkAccessManager;
class QNetworkReply;

namespace cl {

/**
 * One query's rows read as they arrive (TabSeparated), so that a whole table passes through
 * with bounded memory (the reply buffers a few MB, the server waits). Made by
 * ChConnection::stream(); lives on the connection's thread and not longer than it.
 */
class ChRowStream
{
public:
    ~ChRowStream();
    ChRowStream(const ChRowStream &) = delete;
    ChRowStream &operator=(const ChRowStream &) = delete;

    /// The next row (NULL a null QString); false at the end, or after an error (error() says
    /// which) or a stop.
    bool next(QStringList *row);
    /// "ClickHouse: PURPOSE failed: ..." after a failed next(); empty at a clean end.
    QString error() const { return m_error; }

private:
    friend class ChConnection;
    ChRowStream(QNetworkReply *reply, QString failurePrefix, const std::atomic<bool> *stop);
    /// Runs the event loop until the reply has news (data, headers, its end) or a stop.
    void wait();
    void fail(const QString &why);

    QNetworkReply *m_reply;
    QString m_failurePrefix; ///< "ClickHouse: PURPOSE failed: "
    const std::atomic<bool> *m_stop;
    bool m_checked = false; ///< the status was read (an error's body is a message, not rows)
    QByteArray m_held;      ///< the last line read, given out once the next one is in
    bool m_holding = false; ///< m_held holds a line
    QString m_error;
};

/**
 * ClickHouse through its HTTP interface: each query is one POST with the SQL as the body and
 * `readonly=1`, `max_execution_time` and a `query_id` as URL parameters; the answer is read as
 * TabSeparated. A cancelled query is dropped (the connection closed) and killed by its
 * query_id. Written for the SQL that Debian 12's ClickHouse 18.16 and current releases both
 * accept (no CASE x WHEN, no positional GROUP BY, no trimBoth).
 *
 * URL: clickhouse://[user@]host[:port][/database] (HTTP, port 8123 by default) or
 * clickhouses://... (HTTPS, port 8443; `?sslrootcert=FILE` names the CA to trust). The
 * password comes from $CLICKHOUSE_PASSWORD (or the URL, used but never stored).
 *
 * Thread affinity: open() and query() on one thread, which needs a QCoreApplication; query()
 * runs a local event loop until the answer is in.
 */
class ChConnection final : public WarehouseConnection
{
public:
    static constexpr int kDefaultTimeoutMs = 10 * 60 * 1000;

    ChConnection();
    ~ChConnection() override;
    ChConnection(const ChConnection &) = delete;
    ChConnection &operator=(const ChConnection &) = delete;

    static bool isUrl(const QString &url);
    /// `url` without its password; *hadPassword says whether it had one.
    static QString withoutPassword(const QString &url, bool *hadPassword = nullptr);
    static QString engineName() { return QStringLiteral("ClickHouse"); }
    /// A ClickHouse type that holds numbers (Int32, Nullable(Float64), Decimal(9, 2), ...).
    static bool isNumberTypeName(const QString &type);

    /// Reads the URL and asks the server for its version (a query, so the credentials are
    /// checked). False with *error naming the engine.
    bool open(const QString &url, QString *error, int timeoutMs = kDefaultTimeoutMs);
    bool isOpen() const override { return m_open; }
    /// The server's version, as it answered open().
    QString serverVersion() const { return m_version; }

    QString engine() const override { return engineName(); }
    QString engineId() const override { return QStringLiteral("clickhouse"); }
    WarehouseRows query(const QString &sql, const QString &purpose,
                        const ProgressCallback &progress = {}) override;
    QString quoteIdentifier(const QString &name) const override;
    QString quoteLiteral(const QString &text) const override;
    bool isNumberType(const QString &type) const override;
    bool isTextType(const QString &type) const override;
    bool isIntegerType(const QString &type) const override;
    QString columnsSql(const QString &table) const override;
    WarehouseRows queryColumns(const QString &select, const QString &purpose) override;
    QString categoryExpr(const QString &ref) const override;
    QString textExpr(const QString &ref) const override;
    QString integerText(const QString &expr) const override;
    QString md5Bucket(const QString &expr) const override;
    QString containsExpr(const QString &text, const QString &needle) const override;
    QString targetExpr(const QString &ref) const override;
    QString numberExpr(const QString &ref, const QString &type) const override;
    QString notANumberExpr(const QString &ref, const QString &type) const override;
    QString checksumExpr(const QString &alias, const QStringList &refs) const override;
    QString firstAppearanceExpr(const QString &) const override { return {}; }
    QString doubleLiteral(double v) const override;
    QString toDouble(const QString &expr) const override;
    QString ln(const QString &expr) const override;
    QString aggregateIf(const QString &function, const QString &argument,
                        const QString &condition) const override;
    QString countDistinctIf(const QString &expr, const QString &condition) const override;
    QString trimmedText(const QString &expr) const override;
    QString valueAtMax(const QString &value, const QString &by, const QString &then) const override;
    QString distinctRowsSql(const QString &from, const QStringList &refs,
                            const QString &condition) const override;
    QString lookup(const QString &key, const QStringList &labels,
                   const QStringList &values) const override;
    QString aggregateSql(const StagedRows &rows, const QStringList &aggregates) const override;
    QString selectSql(const StagedRows &rows, const GroupedSelect &select) const override;
    QString rankedGroupsSql(const StagedRows &rows, const QString &key,
                            const QString &y) const override;
    QString groupingSetsSql(const StagedRows &rows, const QStringList &keys,
                            const std::vector<std::vector<int>> &sets,
                            const QStringList &aggregates) const override;
    QString codedSetsSql(const StagedRows &rows, const QStringList &keys,
                         const std::vector<std::vector<int>> &sets, const QStringList &aggregates,
                         int pairAggregates, const std::vector<QStringList> &levels) const override;
    QStringList snapshotBegin() const override;
    QString snapshotEnd() const override;

    /// Starts `sql` (read-only) and reads its rows as they come; `stop`, when set, drops it.
    std::unique_ptr<ChRowStream> stream(const QString &sql, const QString &purpose,
                                        const std::atomic<bool> *stop = nullptr);

    /// The query_id prefix of every query this app sends ("campaignlens-"), for the server's
    /// query log.
    static QString queryIdPrefix() { return QStringLiteral("campaignlens-"); }

private:
    WarehouseRows post(const QString &sql, const QString &purpose, bool readOnly,
                       const ProgressCallback &progress);
    /// The POST of `sql` with this connection's settings and credentials; `whole`: the server
    /// answers once the query has ended (a stream takes rows as they come).
    QNetworkReply *send(const QString &sql, const QString &queryId, bool readOnly, bool whole);
    QString failure(const QString &purpose, const QString &serverText) const;

    std::unique_ptr<QNetworkAccessManager> m_net;
    QUrl m_endpoint; ///< http(s)://host:port/ without credentials
    QString m_database;
    QString m_user;
    QString m_password;
    QString m_caFile;
    QString m_version;
    int m_timeoutMs = kDefaultTimeoutMs;
    bool m_open = false;
};

} // namespace cl
