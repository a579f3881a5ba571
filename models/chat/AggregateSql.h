// AggregateSql: the SELECT shape run_sql accepts in aggregates mode, parsed into a tree and
// emitted from the tree, so SQLite suppresses every group and every aggregate of fewer than k
// clients.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace cl {

/// What AggregateSql checks a query against.
struct AggregateSqlRules
{
    QString view;          ///< The only relation the query may read (the labelled silver view).
    QStringList columns;   ///< The view's columns; any other identifier is refused.
    int minGroupSize = 10; ///< k: groups and aggregate inputs below k are suppressed.
    /// Columns WHERE may test (categories and bands: a filter then cannot single out a client
    /// by a numeric value); empty: every column.
    QStringList filterColumns;
    /// 0/1 columns (the target y): their sums are counts of clients, shared for groups of at
    /// least k like any count; the dominance rule, made for amounts, does not apply to them.
    QStringList indicatorColumns;
};

/// How an engine other than SQLite writes what the grammar means: a live dataset's run_sql runs
/// on PostgreSQL or ClickHouse (see EngineAggregateQuery). The tree's nodes are the same; the
/// dialect spells the names, literals and the operations whose spelling or meaning differs.
class AggregateDialect
{
public:
    virtual ~AggregateDialect() = default;
    /// The view's column `name` as the engine's query names it.
    virtual QString column(const QString &name) const = 0;
    virtual QString literal(const QString &text) const = 0;
    /// `function` (COUNT, SUM, AVG or TOTAL) of `argument`, a column() or "*" (COUNT only).
    virtual QString aggregate(const QString &function, const QString &argument) const = 0;
    /// `value` [NOT] LIKE `pattern` as SQLite reads it: ASCII letters in either case.
    virtual QString like(const QString &value, const QString &pattern, bool negated) const = 0;
    /// ROUND(value) or ROUND(value, digits) (`digits` empty: none).
    virtual QString round(const QString &value, const QString &digits) const = 0;
    /// `a` IS [NOT] `b`: equality with NULL equal to NULL.
    virtual QString is(const QString &a, const QString &b, bool negated) const = 0;
    /// 1 where `condition` holds, 0 where it is false or NULL.
    virtual QString isTrue(const QString &condition) const = 0;
    /// An ORDER BY term that sorts NULL first, as SQLite does ascending.
    virtual QString orderTerm(const QString &expr, bool descending) const = 0;
};

/// One node of a parsed expression. Parentheses are not nodes: the emitters parenthesise
/// every compound node, so the tree alone says what the expression means.
struct SqlExpr
{
    enum class Kind
    {
        Number,    ///< text: ASCII digits, at most one '.', an optional exponent.
        String,    ///< text: the value (no quotes, no NUL).
        Null,      ///< NULL.
        Column,    ///< text: the column as the view spells it.
        Alias,     ///< text: an output name (ORDER BY only).
        Ordinal,   ///< text: ASCII digits, a 1-based output position (ORDER BY only).
        Unary,     ///< text: "-" or "NOT"; args: the operand.
        Binary,    ///< text: "+", "-", "*", "/", "=", "<>", "<", "<=", ">", ">=", "AND", "OR",
                   ///< "IS", "IS NOT", "LIKE" or "NOT LIKE"; args: left, right.
        In,        ///< negated: NOT IN; args: the tested value, then the literals.
        Between,   ///< negated: NOT BETWEEN; args: value, low, high.
        Aggregate, ///< text: "COUNT", "SUM", "AVG" or "TOTAL"; args: none for COUNT(*), else
                   ///< one Column.
        Round      ///< args: the value, then optionally a Number of digits.
    };

    Kind kind = Kind::Null;
    QString text;
    bool negated = false; ///< In, Between.
    std::vector<SqlExpr> args;

    SqlExpr() = default;
    SqlExpr(const SqlExpr &) = default;
    SqlExpr(SqlExpr &&) noexcept = default;
    SqlExpr &operator=(const SqlExpr &) = default;
    SqlExpr &operator=(SqlExpr &&) noexcept = default;
    bool operator==(const SqlExpr &other) const;
    bool operator!=(const SqlExpr &other) const { return !(*this == other); }
};

/// A parsed aggregate SELECT (see AggregateSql). Column names are the view's spelling; GROUP BY
/// ordinals are resolved to their columns; the view's alias is gone.
struct AggregateSelect
{
    struct Item
    {
        SqlExpr expr;
        QString alias; ///< As written after AS; empty: none.
        bool operator==(const Item &o) const { return expr == o.expr && alias == o.alias; }
    };
    struct OrderTerm
    {
        SqlExpr expr;
        QString direction; ///< "ASC", "DESC" or empty.
        bool operator==(const OrderTerm &o) const
        {
            return expr == o.expr && direction == o.direction;
        }
    };

    std::vector<Item> items;
    std::optional<SqlExpr> where;
    QStringList groupBy;
    std::optional<SqlExpr> having;
    std::vector<OrderTerm> orderBy;
    QString limit;  ///< ASCII digits; empty: no LIMIT.
    QString offset; ///< ASCII digits; empty: no OFFSET.

    bool operator==(const AggregateSelect &other) const;
    bool operator!=(const AggregateSelect &other) const { return !(*this == other); }
};

/// Outcome of AggregateSql::parse(). On refusal `ok` is false and `error` tells the model what
/// to write instead.
struct AggregateSqlParse
{
    bool ok = false;
    QString error;
    AggregateSelect query;
};

/**
 * Accepts one aggregate SELECT in a small grammar, as a tree:
 *
 *     SELECT item, ... FROM view [[AS] alias] [WHERE condition]
 *         [GROUP BY column, ...] [HAVING condition] [ORDER BY term [ASC|DESC], ...]
 *         [LIMIT n [OFFSET m]]
 *
 * - An output item is a GROUP BY column, an aggregate, a literal, or +, -, *, /, comparisons
 *   and ROUND() over those. Aggregates: COUNT(*), COUNT(column), SUM(column),
 *   AVG(column), TOTAL(column) — over a bare column, never an expression (SUM(CASE WHEN
 *   <one client> THEN age ELSE 0 END) would single a client out). MIN/MAX (an extreme client's
 *   value), COUNT(DISTINCT) (whether a rare value occurs), GROUP_CONCAT, window functions, CASE,
 *   subqueries, UNION, CTEs, string operators and every other function are refused.
 * - WHERE filters rows with the rules' filter columns, literals, arithmetic, comparisons,
 *   IN (literals), BETWEEN, LIKE, IS [NOT] NULL, AND/OR/NOT; it never produces output.
 * - Size: at most kMaxSqlLength characters, kMaxTokens tokens, string literals of at most
 *   kMaxLiteralLength characters (SQLite's own limits would fail on the data, not the text).
 * - Text: ASCII digits and ASCII operators only; NUL and other control characters (but tab,
 *   CR and LF between tokens) are refused, in literals too.
 *
 * SQL is only ever produced from the tree, never copied from the input: every compound node is
 * parenthesised, every operator stands between spaces, literals and names are quoted and
 * escaped, and no comment can be written (parse(canonical(q)) == q is tested and fuzzed).
 *
 * guarded() adds the k-anonymity guards: `HAVING COUNT(*) >= k` (groups of fewer than k
 * clients are dropped by SQLite), and every SUM/AVG/TOTAL becomes
 * `(CASE WHEN COUNT(column) >= k THEN AVG(column) END)` (NULL when fewer than k clients have a
 * value), in the output, HAVING and ORDER BY alike; COUNT(column) is NULL unless both the
 * values and the NULLs number 0 or at least k. Hence every value in the result is a group
 * key held by at least k clients of the filtered population, an aggregate over at least k
 * values, or a function of those. Differencing across several queries is AggregateQuery's
 * concern.
 *
 * Pure and stateless; any thread.
 */
class AggregateSql
{
public:
    static AggregateSqlParse parse(const QString &sql, const AggregateSqlRules &rules);

    /// The query in the grammar's own canonical form (no guards); parse() gives `q` back.
    static QString canonical(const AggregateSelect &q, const QString &view);

    /// One expression in canonical form (as canonical() writes it, no guards).
    static QString expression(const SqlExpr &e);
    /// One expression in an engine's dialect; with `k` > 0 its aggregates carry guarded()'s
    /// guards and, for SUM/AVG/TOTAL of a column not among `indicatorColumns`, the dominance
    /// rule (NULL where one client holds more than half of the absolute values). A division
    /// by 0 is NULL. Alias and Ordinal nodes must have been replaced by the items they name.
    static QString expression(const SqlExpr &e, const AggregateDialect &dialect, int k,
                              const QStringList &indicatorColumns = {});

    /// The name each output column gets: the alias, else the column of a bare column, else
    /// the item's canonical expression.
    static QStringList outputNames(const AggregateSelect &q);

    /// Name of the hidden column that carries `groupCounter()`'s ticket for every group.
    static QString groupTicketColumn();
    /// Names of the hidden columns with `groupCounter(column)` tickets, one per column that an
    /// output item sums or averages (see summedColumns()), in that order.
    static QStringList valueTicketColumns(const AggregateSelect &q);
    /// The columns output item `item` aggregates (SUM, AVG, TOTAL or COUNT of a column); all
    /// items if `item` < 0.
    static QStringList summedColumns(const AggregateSelect &q, int item = -1);

    /// Characters of a query as the model writes it (AggregateQuery checks it; parse() takes
    /// four times as many, room for the parentheses and spaces of the canonical form).
    static constexpr int kMaxSqlLength = 8000;
    static constexpr int kMaxTokens = 1500;       ///< tokens of one query, parentheses not counted
    static constexpr int kMaxLiteralLength = 500; ///< characters of one string literal

    /**
     * The query SQLite runs: the guards above, every output column named (outputNames()), and,
     * when `groupCounter` is not empty, hidden columns after the output: `groupCounter()` (a
     * ticket per group) and `groupCounter(column)` for each summed column, so the group sizes
     * can be checked on what SQLite returns (see ReadOnlyQuery::groupCounterName()).
     */
    static QString guarded(const AggregateSelect &q, const AggregateSqlRules &rules,
                           const QString &groupCounter = QString());
};

} // namespace cl
