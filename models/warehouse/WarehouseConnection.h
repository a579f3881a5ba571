// WarehouseConnection: one read-only session to a SQL engine, and the dialect a live dataset's
// SQL is written in.
#pragma once

#include "util/Progress.h"
#include <array>

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace cl {

/// The rows of one query as text; a NULL is a null QString (isNull()).
struct WarehouseRows
{
    bool ok = false;
    bool cancelled = false;
    /// "ENGINE: PURPOSE failed: SERVER'S MESSAGE" when !ok.
    QString error;
    QStringList columns;
    std::vector<QStringList> rows;
    /// The answer's size as the engine sent it: ClickHouse's HTTP body; PostgreSQL's field
    /// texts and a 4-byte length each (the DataRow message without its headers).
    qint64 bytes = 0;
};

/**
 * Rows of a table with columns derived in stages: each stage's expressions ("expr AS name") may
 * name the columns of the stages before it, and its filters keep the rows they hold for. The
 * dialect writes them as the engine runs them best: PostgreSQL as nested subqueries (each
 * computed once), ClickHouse as one flat query over the table (WITH aliases), so that on a
 * Distributed table every shard aggregates its own rows.
 *
 * The names are the caller's; on ClickHouse they must differ from the table's columns (its
 * shards read an alias before a column of the same name): LiveModel prefixes them with cl_.
 */
struct StagedRows
{
    QString from;                     ///< the table with its alias ("`bank` AS cl_row")
    std::vector<QStringList> stages;  ///< per stage: "expr AS name", ...
    std::vector<QStringList> filters; ///< per stage: conditions after it (AND)

    void add(const QStringList &columns, const QStringList &conditions = {})
    {
        stages.push_back(columns);
        filters.push_back(conditions);
    }
};

/// A grouped SELECT over staged rows (a live dataset's run_sql): the clauses as the engine
/// writes them; the conditions and terms name the rows' columns.
struct GroupedSelect
{
    QStringList items;
    QString where; ///< a condition; empty: none
    QStringList groupBy;
    QString having; ///< a condition; empty: none
    QStringList orderBy;
    qint64 limit = -1; ///< < 0: none
    qint64 offset = 0;

    /// " GROUP BY ... HAVING ... ORDER BY ..." as written (the clauses every dialect shares).
    QString groupedClauses() const;
};

/// A group of WarehouseConnection::codedSetsSql() read back. Its id on the wire is
/// (set * R + a) * R + b, R = codedRadix(): a and b are the positions (1-based) of the set's
/// first and second key's value among their levels, 0 for no such key or for a value that is
/// none of them (a level new since they were read, or NULL).
struct CodedGroup
{
    int set = 0;              ///< index into the sets
    std::array<int, 2> codes; ///< per key of the set: its level's index, -1 for none of them
    std::vector<double> sums; ///< the aggregates sent (an empty result, NULL, as 0)
};

/**
 * A session that only reads, on PostgreSQL (PgConnection, libpq) or ClickHouse (ChConnection,
 * HTTP). Besides running queries it knows its engine's dialect: how to quote, which types hold
 * numbers or text, and the import's cleaning rules as that engine writes them. LiveDataset
 * composes the analyses' SQL from these pieces, so one code path serves every engine.
 *
 * Thread affinity: one thread opens and queries; query()'s ProgressCallback, polled about every
 * 50 ms while the server works, cancels the running query when it returns false.
 */
class WarehouseConnection
{
public:
    virtual ~WarehouseConnection() = default;

    /// The engine's name in messages: "PostgreSQL", "ClickHouse".
    virtual QString engine() const = 0;
    /// The engine's id as a live dataset stores it: "postgresql", "clickhouse".
    virtual QString engineId() const = 0;
    virtual bool isOpen() const = 0;

    /// Runs one statement. `purpose` names it in an error ("counting the segments of T").
    virtual WarehouseRows query(const QString &sql, const QString &purpose,
                                const ProgressCallback &progress = {}) = 0;
    /// query(), then the answer's shape: every row at least `width` fields, and exactly `rows`
    /// rows when `rows` >= 0. Any other answer (a broken or hostile server's) fails, naming the
    /// engine and the purpose, instead of being read.
    WarehouseRows queryShaped(const QString &sql, const QString &purpose, int width, int rows = -1,
                              const ProgressCallback &progress = {});

    /// `name` quoted as an identifier of this engine.
    virtual QString quoteIdentifier(const QString &name) const = 0;
    /// `text` as a string literal of this engine.
    virtual QString quoteLiteral(const QString &text) const = 0;

    // The dialect. `ref` is a column reference (already quoted and qualified).
    /// A type name that holds numbers / text.
    virtual bool isNumberType(const QString &type) const = 0;
    virtual bool isTextType(const QString &type) const = 0;
    /// A type that holds whole numbers only (an import types such a column "integer").
    virtual bool isIntegerType(const QString &type) const = 0;
    /// A query whose rows are (name, type) of `table`'s columns, in the table's order.
    virtual QString columnsSql(const QString &table) const = 0;
    /// The (name, type) rows of what the read-only SELECT `select` returns, without running
    /// it over the rows.
    virtual WarehouseRows queryColumns(const QString &select, const QString &purpose) = 0;
    /// A category as the import labels it: whitespace runs one space, trimmed, lower case; an
    /// empty or NULL field "(missing)".
    virtual QString categoryExpr(const QString &ref) const = 0;
    /// A column's value as the text a query's answer gives of it (NULL stays NULL).
    virtual QString textExpr(const QString &ref) const = 0;
    /// Text `expr` with spaces and tabs trimmed at both ends, as the import trims a field
    /// (case and inner white space as they are).
    virtual QString trimmedText(const QString &expr) const = 0;
    /// An integral double `expr` (|value| <= 1e15) as the text of a 64-bit integer ("93994").
    virtual QString integerText(const QString &expr) const = 0;
    /// RowHash::bucket of text `expr`: the first 4 bytes of its MD5, big-endian, as a number.
    virtual QString md5Bucket(const QString &expr) const = 0;
    /// True where text `text` holds literal `needle`, in any case (no LIKE wildcards).
    virtual QString containsExpr(const QString &text, const QString &needle) const = 0;
    /// 1 or 0 for the target's spellings (yes/no, 1/0, true/false, y/n; any case, trimmed);
    /// NULL for anything else (a row the import rejects).
    virtual QString targetExpr(const QString &ref) const = 0;
    /// A double: a number type's value (NaN and infinities NULL: notANumberExpr finds the rows
    /// an import rejects for them), a text column's where it reads as a number; NULL where
    /// missing or unreadable.
    virtual QString numberExpr(const QString &ref, const QString &type) const = 0;
    /// True where the value is NaN or an infinity (a number type's, or a text column's "NaN",
    /// "inf", "-Infinity", ... in any case): no missing value but one an import rejects; false
    /// elsewhere, NULL too.
    virtual QString notANumberExpr(const QString &ref, const QString &type) const = 0;
    /// An aggregate over the rows of `alias` that is the same for the same rows in any order
    /// (`refs` are all its columns): the fingerprint's checksum.
    virtual QString checksumExpr(const QString &alias, const QStringList &refs) const = 0;
    /// An aggregate that orders a level by its first appearance in the table's physical
    /// order; empty where the engine has no such order (levels are then sorted by label).
    virtual QString firstAppearanceExpr(const QString &alias) const = 0;

    // The dialect of the model's passes (LiveModel).
    /// `v` as an exact double literal (17 digits); NaN and the infinities as the engine
    /// spells them.
    virtual QString doubleLiteral(double v) const = 0;
    /// `expr` as a double.
    virtual QString toDouble(const QString &expr) const = 0;
    /// The natural logarithm of `expr`.
    virtual QString ln(const QString &expr) const = 0;
    /// The aggregate `function` of `argument` over the rows where `condition` holds
    /// (`argument` "*" for count).
    virtual QString aggregateIf(const QString &function, const QString &argument,
                                const QString &condition) const = 0;
    /// The number of distinct values of `expr` over the rows where `condition` holds.
    virtual QString countDistinctIf(const QString &expr, const QString &condition) const = 0;
    /// The aggregate that adds up partial results of `aggregate` ("sum(x) FILTER (...)",
    /// "sumIf(x, c)" and the like): sum for sums and counts, min and max for themselves; empty
    /// for any other.
    static QString partialCombiner(const QString &aggregate);
    /// An aggregate: `value` of the row with the largest `by`, among equals the smallest
    /// `then` (numbers, never NULL).
    virtual QString valueAtMax(const QString &value, const QString &by,
                               const QString &then) const = 0;
    /// One row, one number: the distinct rows of `from` where `condition` holds, compared on
    /// `refs` (NULL equal to NULL).
    virtual QString distinctRowsSql(const QString &from, const QStringList &refs,
                                    const QString &condition) const = 0;
    /// `key`'s value looked up: `values[i]` where it equals `labels[i]` (quoted literals),
    /// else 0.
    virtual QString lookup(const QString &key, const QStringList &labels,
                           const QStringList &values) const = 0;
    /// One row: `aggregates` over `rows`.
    virtual QString aggregateSql(const StagedRows &rows, const QStringList &aggregates) const = 0;
    /// One query over `rows` grouped by each of `sets` (lists of indexes into `keys`, which
    /// are names of `rows`' columns; an empty list is the whole table). A result row holds a
    /// flag per key ("0" where its set groups by that key, as PostgreSQL's GROUPING()), the
    /// keys (NULL where not grouped), then `aggregates`.
    virtual QString groupingSetsSql(const StagedRows &rows, const QStringList &keys,
                                    const std::vector<std::vector<int>> &sets,
                                    const QStringList &aggregates) const = 0;
    /// groupingSetsSql() in a compact form, for the model's passes, whose answers are mostly
    /// the cells of pairs of keys: every set has at most two keys, `levels` are the labels each
    /// key can take (one list per key) and codedSetsFit() holds. A result row holds two fields:
    /// its group's id (CodedGroup), then the aggregates as one array in the dialect's text
    /// ("[1,2.5]" or "{1,2.5}"): all of them, or for a set of two keys only the first
    /// `pairAggregates` (at least 1). Where flags, labels and NULLs took 121 bytes a pair's cell,
    /// this takes about 27.
    virtual QString codedSetsSql(const StagedRows &rows, const QStringList &keys,
                                 const std::vector<std::vector<int>> &sets,
                                 const QStringList &aggregates, int pairAggregates,
                                 const std::vector<QStringList> &levels) const = 0;
    /// True when codedSetsSql() can take these sets: no set of more than two keys, and every
    /// id fits 62 bits.
    static bool codedSetsFit(const std::vector<std::vector<int>> &sets,
                             const std::vector<QStringList> &levels);
    /// The radix of a coded group's id: one more than the most levels of any key.
    static qint64 codedRadix(const std::vector<QStringList> &levels);
    /// A row of codedSetsSql() read back: false when it is not one.
    static bool readCodedRow(const QStringList &row, const std::vector<std::vector<int>> &sets,
                             qint64 radix, CodedGroup *group);
    /// `select` over `rows`: on ClickHouse one flat query (its shards group their own rows).
    virtual QString selectSql(const StagedRows &rows, const GroupedSelect &select) const = 0;
    /// The first `limit` rows of `rows` by `key` (a column), largest first, ties by `columns`
    /// in order: each row's `columns` (expressions over the rows' columns, no aggregates).
    QString topRowsSql(const StagedRows &rows, const QStringList &columns, const QString &key,
                       qint64 limit) const;
    /// One row per distinct value of `key` (a double column of `rows`), as doubles: cl_key, the
    /// rows cl_n and the sum of `y` (a 0/1 column) cl_pos of that value, and the rows cl_above
    /// and sum of `y` cl_posabove of every greater value: the ranks an exact AUC and rank-based
    /// groups need, left on the engine (an aggregate over it is one row).
    virtual QString rankedGroupsSql(const StagedRows &rows, const QString &key,
                                    const QString &y) const = 0;
    /// Statements that start and end one consistent read of the table for a fit (a
    /// REPEATABLE READ transaction); empty where the engine has none.
    virtual QStringList snapshotBegin() const = 0;
    virtual QString snapshotEnd() const = 0;
};

/// The engine's name in messages ("PostgreSQL", "ClickHouse") for its stored id.
QString engineName(const QString &engineId);

/// True when `type` holds numbers on engine `engineId` ("postgresql", "clickhouse").
bool isNumberType(const QString &engineId, const QString &type);

/// Opens `url` on the engine its scheme names: postgresql:// (or libpq's key=value settings),
/// clickhouse:// (HTTP) or clickhouses:// (HTTPS). Null with *error naming the engine.
/// Every statement is stopped by the server after `timeoutMs`.
std::unique_ptr<WarehouseConnection> openWarehouse(const QString &url, QString *error,
                                                   int timeoutMs = 10 * 60 * 1000);
/// True when `url` names an engine openWarehouse() knows.
bool isWarehouseUrl(const QString &url);
/// `url` without its password (any engine's form); *hadPassword says whether it had one.
QString urlWithoutPassword(const QString &url, bool *hadPassword = nullptr);
/// A read-only SELECT as it is run as a subquery: trimmed, without the trailing semicolons
/// that would end the subquery early.
QString subquerySelect(const QString &select);
/// The name a query's rows go by when the user gives none (connect, import, the dialog).
inline const QString kUnnamedQuery = QStringLiteral("query");

} // namespace cl
