// AggregateSql: the SELECT shape run_sql accepts in aggregates mode, rewritten so SQLite
// suppresses every group and every aggregate of fewer than k clients.
#pragma once

#include <QString>
#include <QStringList>

namespace cl {

/// What AggregateSql::rewrite() checks a query against.
struct AggregateSqlRules
{
    QString view;          ///< The only relation the query may read (the labelled silver view).
    QStringList columns;   ///< The view's columns; any other identifier is refused.
    int minGroupSize = 10; ///< k: groups and aggregate inputs below k are suppressed.
};

/// Outcome of AggregateSql::rewrite(). On refusal `ok` is false and `error` tells the model
/// what to write instead.
struct AggregateSqlResult
{
    bool ok = false;
    QString error;
    QString sql; ///< The query to run: canonical, guarded (see AggregateSql).
};

/**
 * Accepts one aggregate SELECT in a small grammar and re-emits it, so that what SQLite runs
 * is generated here, never passed through:
 *
 *     SELECT item, ... FROM view [[AS] alias] [WHERE condition]
 *         [GROUP BY column, ...] [HAVING condition] [ORDER BY term [ASC|DESC], ...]
 *         [LIMIT n [OFFSET m]]
 *
 * - An output item is a GROUP BY column, an aggregate, a literal, or +, -, *, /, comparisons
 *   and ROUND() over those. Aggregates: COUNT(*), COUNT([DISTINCT] column), SUM(column),
 *   AVG(column), TOTAL(column) — over a bare column, never an expression (SUM(CASE WHEN
 *   <one client> THEN age ELSE 0 END) would single a client out). MIN/MAX (an extreme client's
 *   value), GROUP_CONCAT, window functions, CASE, subqueries, UNION, CTEs, string operators and
 *   every other function are refused.
 * - The emitted query carries `HAVING COUNT(*) >= k` (groups of fewer than k clients are
 *   dropped by SQLite), and every SUM/AVG/TOTAL becomes
 *   `CASE WHEN COUNT(column) >= k THEN AVG(column) END` (NULL when fewer than k clients have a
 *   value), in the output, HAVING and ORDER BY alike.
 * - WHERE filters rows with columns, literals, arithmetic, comparisons, IN (literals), BETWEEN,
 *   LIKE, IS [NOT] NULL, AND/OR/NOT; it never produces output.
 *
 * Hence every value in the result is a group key held by at least k clients of the filtered
 * population, an aggregate over at least k values, or a function of those. Not covered:
 * differencing across several queries (the same aggregate with and without one client).
 *
 * Pure and stateless; any thread.
 */
class AggregateSql
{
public:
    static AggregateSqlResult rewrite(const QString &sql, const AggregateSqlRules &rules);
};

} // namespace cl
