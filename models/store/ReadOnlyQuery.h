// One read-only SELECT on a workspace, enforced by SQLite's authorizer, not by string checks.
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

namespace cl {

class Database;

/// Limits of one ReadOnlyQuery::run().
struct ReadOnlyQueryOptions
{
    int maxRows = 1000;        ///< Rows returned at most; further rows set `truncated`.
    int timeLimitMs = 2000;    ///< Wall-clock budget of prepare + step; <= 0: no limit.
    QStringList allowedTables; ///< Tables/views the query may read; empty: any table.
    qint64 maxResultBytes = 16 * 1024 * 1024; ///< Text/blob bytes returned at most.
    /// Functions the query may call (case-insensitive); empty: the built-in list of pure
    /// functions (isAllowedFunction()). groupCounterName() is always allowed.
    QStringList allowedFunctions;
    /// Columns the query may read from `allowedTables` (case-insensitive); empty: any. Reads
    /// of the tables under an allowed view, done by the view itself, stay allowed.
    QStringList allowedColumns;
};

/// What the group counter (ReadOnlyQuery::groupCounterName()) saw in one group.
struct GroupCount
{
    qint64 count = 0;  ///< rows, or non-NULL values of its argument
    double maxAbs = 0; ///< largest |value| of a numeric argument (0 without one)
    double sumAbs = 0; ///< sum of |value| of a numeric argument (0 without one)
};

/// Outcome of ReadOnlyQuery::run(). On refusal `ok` is false and `error` says why.
struct ReadOnlyQueryResult
{
    bool ok = false;
    QString error;
    bool truncated = false; ///< Row or byte cap reached; the rows are a prefix.
    bool timedOut = false;  ///< The time limit interrupted the query (then ok is false).
    QStringList columns;
    QList<QVariantList> rows;
    /// What SQLite counted for each call of groupCounterName() in this query, by ticket.
    /// Tickets are random, so a query cannot forge one.
    QHash<qint64, GroupCount> groupCounts;
};

/**
 * Runs a single SELECT (or WITH ... SELECT) on its own read-only connection
 * (SQLITE_OPEN_READONLY) to a workspace file. SQLite itself enforces the rules: an authorizer
 * allows only SELECT, reads (of `allowedTables` if given), recursive CTEs and a whitelist of
 * pure functions, so writes, DDL, ATTACH/DETACH, PRAGMA, transactions, VACUUM and functions
 * that touch files or load code are refused at prepare time. Extension loading is off, the
 * schema is untrusted, and a progress handler interrupts queries over the time limit. Text
 * after the first statement (other than comments and semicolons) is refused.
 *
 * Thread affinity: one thread at a time (the connection is not shared). Owns its connection.
 */
class ReadOnlyQuery
{
public:
    /// Opens `workspacePath` read-only; see isOpen() / openError().
    explicit ReadOnlyQuery(const QString &workspacePath);
    ~ReadOnlyQuery();
    ReadOnlyQuery(const ReadOnlyQuery &) = delete;
    ReadOnlyQuery &operator=(const ReadOnlyQuery &) = delete;

    bool isOpen() const;
    QString openError() const { return m_openError; }

    /// Runs `sql` under `options`. Never modifies the database.
    ReadOnlyQueryResult run(const QString &sql, const ReadOnlyQueryOptions &options = {});

    /// True if `name` (case-insensitive) is a function queries may call.
    static bool isAllowedFunction(const QString &name);

    /**
     * Name of an aggregate function registered on this connection only, random per
     * ReadOnlyQuery: `name()` counts the rows of its group, `name(x)` the non-NULL values of
     * x. Its value is a random ticket; run() returns each ticket with its count in
     * ReadOnlyQueryResult::groupCounts, so group sizes are checked on what SQLite counted,
     * whatever the query text says.
     */
    QString groupCounterName() const { return m_groupCounterName; }

    struct CounterState; ///< The group counter's tickets (internal).

private:
    std::unique_ptr<Database> m_db;
    QString m_openError;
    QString m_groupCounterName;
    std::unique_ptr<CounterState> m_counter;
};

} // namespace cl
