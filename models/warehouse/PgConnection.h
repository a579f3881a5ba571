// PgConnection: one read-only libpq session to PostgreSQL, with quoting, cancel and messages.
#pragma once

#include "WarehouseConnection.h"

#include <QString>
#include <QStringList>

#include <vector>

struct pg_conn;
struct pg_result;

namespace cl {

/**
 * A libpq connection that only reads: every session runs with default_transaction_read_only
 * and a statement_timeout. The URL is whatever libpq accepts ("postgresql://user@host:port/db",
 * "host=... dbname=..."); passwords come from libpq's own sources (PGPASSWORD, ~/.pgpass, a
 * service file), never from here.
 *
 * Thread affinity: one thread runs open() and query(); cancelling goes through query()'s
 * ProgressCallback (polled about every 50 ms while the server works), which sends PQcancel.
 */
class PgConnection final : public WarehouseConnection
{
public:
    static constexpr int kDefaultTimeoutMs = 10 * 60 * 1000;

    PgConnection() = default;
    ~PgConnection() override;
    PgConnection(const PgConnection &) = delete;
    PgConnection &operator=(const PgConnection &) = delete;

    /// Connects and makes the session read-only. False with `*error` naming the engine.
    bool open(const QString &url, QString *error, int statementTimeoutMs = kDefaultTimeoutMs);
    bool isOpen() const override { return m_conn != nullptr; }
    void close();

    /// Runs one statement. `purpose` names it in an error ("counting the segments of T").
    /// The callback is asked every ~50 ms while the server works; false cancels the query
    /// (PQcancel) and the result says cancelled.
    WarehouseRows query(const QString &sql, const QString &purpose,
                        const ProgressCallback &progress = {}) override;

    /// `name` quoted as a PostgreSQL identifier (PQescapeIdentifier): "y""; DROP".
    QString quoteIdentifier(const QString &name) const override;
    /// `text` as a PostgreSQL string literal (PQescapeLiteral).
    QString quoteLiteral(const QString &text) const override;

    QString engine() const override { return engineName(); }
    QString engineId() const override { return QStringLiteral("postgresql"); }
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
    QString firstAppearanceExpr(const QString &alias) const override;
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

    /// `url` without its password (URL or key=value form); *hadPassword says if it had one.
    static QString withoutPassword(const QString &url, bool *hadPassword = nullptr);
    /// The engine's name in messages: "PostgreSQL".
    static QString engineName();
    /// A PostgreSQL type name that holds numbers ("integer", "numeric(10,2)", ...).
    static bool isNumberTypeName(const QString &type);

private:
    QString failure(const QString &purpose, const QString &serverText) const;

    pg_conn *m_conn = nullptr;
};

} // namespace cl
