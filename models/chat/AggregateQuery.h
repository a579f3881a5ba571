// AggregateQuery: runs run_sql in aggregates mode with every guard: the parsed tree, SQLite's
// authorizer, the group sizes SQLite counted, and the differencing check across a session.
#pragma once

#include "AggregateSql.h"

#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace cl {

class ReadOnlyQuery;
struct ReadOnlyQueryOptions;
struct ReadOnlyQueryResult;

/// The filters (WHERE trees) and groupings of the aggregate queries a chat session has run,
/// newest last. Shared by the copies of one ChatContext; thread-safe.
class AggregateQueryHistory
{
public:
    struct Entry
    {
        std::optional<SqlExpr> where;
        QStringList groupBy;
        QStringList summed;  ///< columns under SUM, AVG or TOTAL (their dominance is checked)
        QStringList counted; ///< columns under COUNT(column) (their NULLs split the clients)
    };

    /// Aggregate queries one conversation may run: every earlier filter is compared with a
    /// new one, and a budget bounds what many small differences could add up to.
    static constexpr int kMaxQueries = 100;

    QList<Entry> entries() const;
    /// Counts one query against the budget; false once kMaxQueries have been run.
    bool spend();
    void add(const Entry &entry);

private:
    mutable QMutex m_mutex;
    QList<Entry> m_entries;
    int m_spent = 0;
};

/// Outcome of AggregateQuery::run(): the output columns only (the hidden ones removed).
struct AggregateQueryResult
{
    bool ok = false;
    QString error;
    bool timedOut = false;
    bool truncated = false;
    int dominated = 0; ///< values left out because one client held most of the sum
    QStringList columns;
    QList<QVariantList> rows;
};

/**
 * run_sql in aggregates mode, guarded four times over:
 * 1. AggregateSql parses the text into a tree and writes the SQL SQLite runs from the tree
 *    (HAVING COUNT(*) >= k, SUM/AVG/TOTAL nulled over fewer than k values).
 * 2. SQLite's authorizer (ReadOnlyQuery) allows only the view's columns and the functions the
 *    grammar needs (count, sum, avg, total, round, like), whatever the emitted text says.
 * 3. The result is checked on what SQLite counted: every row must carry a ticket of the
 *    connection's random group counter for a group of at least k rows, and every non-NULL
 *    sum or average one for at least k values; the output columns must be exactly those the
 *    tree names. Any mismatch refuses the whole result.
 * 4. Differencing: a query whose WHERE selects a set of clients that differs from an earlier
 *    query's of the session by 1 to k-1 clients is refused, since the two answers' difference
 *    would describe those few clients; so is a grouped query whose suppressed groups hold
 *    1 to k-1 clients in all (the total less the groups shown would describe them), and one
 *    that, with the earlier answers, would let a linear combination of answers tell the total
 *    of fewer than k clients (checkCombinations: within groups, over three or more). WHERE
 *    tests categories and bands only (rules.filterColumns), so no filter singles a client out
 *    by a numeric value. A conversation runs at most kMaxQueries aggregate queries.
 * 5. Dominance: a SUM, AVG or TOTAL in which one client's value is more than half of the
 *    group's sum of absolute values is left out (NULL): it would be close to that value.
 * SQLite errors after parsing are reported as one generic refusal, so an error cannot tell
 * the model anything about the data.
 *
 * Stateless apart from the history it is given; any thread (one ReadOnlyQuery per thread).
 */
class AggregateQuery
{
public:
    /// The functions an aggregate query may call (the grammar's, and LIKE's).
    static QStringList allowedFunctions();

    static AggregateQueryResult run(ReadOnlyQuery &query, const QString &sql,
                                    const AggregateSqlRules &rules,
                                    const ReadOnlyQueryOptions &limits,
                                    AggregateQueryHistory *history);

    /// Check 3 above on a result of AggregateSql::guarded(q, rules, counter): an empty string
    /// if it holds, else why not.
    static QString verify(const AggregateSelect &q, const ReadOnlyQueryResult &result, int k);

    /// Check 5 above: sets dominated sums and averages in `rows` (the output columns of a
    /// verified `result`) to NULL; returns how many.
    /// `nulledFrom` > 0: an engine nulled dominated values itself; a NULL over at least that
    /// many values whose column is dominated is counted too.
    static int suppressDominated(const AggregateSelect &q, const ReadOnlyQueryResult &result,
                                 QList<QVariantList> *rows,
                                 const QStringList &indicatorColumns = {}, int nulledFrom = 0);

    /// What the history keeps of a query: its filter, grouping and summed columns.
    static AggregateQueryHistory::Entry entryOf(const AggregateSelect &q);

    /// Most classes of clients checkCombinations() examines (GROUP BY of all the filters and
    /// grouping columns of a conversation).
    static constexpr int kMaxAuditAtoms = 20000;

    /// Check 4 across any number of queries: the clients are split into the classes that all
    /// the filters and grouping columns of `queries` treat alike, and each query's shared cells
    /// (groups of at least k clients) are sums over classes. A query is refused when a class or
    /// a combination of classes lies in the span of the cells, so that some combination of
    /// answers would give its total, and it holds fewer than k clients in all or, for a summed
    /// column that is not 0/1, one client's absolute value is more than half of its total
    /// (dominance, as for one answer). An empty string if none does.
    static QString checkCombinations(ReadOnlyQuery &query,
                                     const QList<AggregateQueryHistory::Entry> &queries,
                                     const AggregateSqlRules &rules,
                                     const ReadOnlyQueryOptions &limits);

    /// What checkCombinations() splits the clients by: the distinct filters (and which one each
    /// query has, -1 for none), the grouping columns, the columns counted or summed (whose
    /// NULLs split the clients too) and the columns summed.
    struct AtomPlan
    {
        QList<SqlExpr> filters;
        QList<int> filterOf;
        QStringList columns, valued, summed;
    };
    static AtomPlan atomPlan(const QList<AggregateQueryHistory::Entry> &queries);
    /// checkCombinations()' verdict on the classes of clients, one row each: COUNT(*), a 0/1
    /// per plan filter (1: it holds), the plan's columns, a 0/1 per valued column (1: NULL),
    /// then per summed column its largest absolute value and its total of absolute values.
    /// More than kMaxAuditAtoms rows are refused.
    static QString auditAtoms(const AtomPlan &plan,
                              const QList<AggregateQueryHistory::Entry> &queries,
                              const AggregateSqlRules &rules, const QList<QVariantList> &rows);
    /// The refusal auditAtoms() gives when there are too many classes to audit.
    static QString tooManyAtoms(const AggregateSqlRules &rules);
    /// A refusal when HAVING or ORDER BY uses SUM, AVG or TOTAL (they are checked after the
    /// query has run); empty otherwise.
    static QString sumsOutsideTheOutput(const AggregateSelect &q);

    /// The first steps of run() on any engine: the length, the grammar, sums outside the
    /// output, and the conversation's budget (spent here). The parsed query, or nullopt with
    /// *error set.
    static std::optional<AggregateSelect> admit(const QString &sql, const AggregateSqlRules &rules,
                                                AggregateQueryHistory *history, QString *error);

    /// Check 4 above: an empty string if `q` may run after the queries in `history`.
    /// `alsoShared`: other aggregates the same answer shares (segment_stats' population),
    /// audited together with `q`.
    static QString checkDifferencing(ReadOnlyQuery &query, const AggregateSelect &q,
                                     const AggregateSqlRules &rules,
                                     const ReadOnlyQueryOptions &limits,
                                     const QList<AggregateQueryHistory::Entry> &history,
                                     const QList<AggregateQueryHistory::Entry> &alsoShared = {});
};

} // namespace cl
