// EngineAggregateQuery: the aggregate grammar written in an engine's dialect, the guards and
// the differencing checks run on the engine, the result checked as SQLite's is.
#include "EngineAggregateQuery.h"

#include "store/ReadOnlyQuery.h"
#include "warehouse/LiveDataset.h"
#include "warehouse/WarehouseConnection.h"

#include <algorithm>

namespace cl {

namespace {

const QString kAnswerPurpose = QStringLiteral("answering the chat's run_sql");
const QString kCheckPurpose = QStringLiteral("checking the chat's query against earlier ones");

/// PostgreSQL's and ClickHouse's spelling of the grammar over a LiveView's columns (cl_v<i>).
class EngineDialect final : public AggregateDialect
{
public:
    EngineDialect(const WarehouseConnection &conn, const LiveView &view)
        : m_conn(conn), m_ch(conn.engineId() == QLatin1String("clickhouse")), m_view(view)
    {
    }

    QString column(const QString &name) const override
    {
        return QStringLiteral("cl_v%1").arg(m_view.names.indexOf(name));
    }
    QString literal(const QString &text) const override { return m_conn.quoteLiteral(text); }
    QString aggregate(const QString &function, const QString &argument) const override
    {
        if (function == QLatin1String("TOTAL"))
            return m_ch ? QStringLiteral("toFloat64(ifNull(sum(%1), 0))").arg(argument)
                        : QStringLiteral("CAST(coalesce(sum(%1), 0) AS double precision)")
                              .arg(argument);
        if (m_ch && argument == QLatin1String("*"))
            return QStringLiteral("count()");
        return QStringLiteral("%1(%2)").arg(function.toLower(), argument);
    }
    QString like(const QString &value, const QString &pattern, bool negated) const override
    {
        const QString no = negated ? QStringLiteral("NOT ") : QString();
        // SQLite's LIKE has no escape character and folds ASCII letters only.
        if (m_ch)
            return QStringLiteral("(lower(%1) %2LIKE lower(replaceAll(%3, '\\\\', '\\\\\\\\')))")
                .arg(value, no, pattern);
        return QStringLiteral("(%1 %2ILIKE %3 ESCAPE '')").arg(value, no, pattern);
    }
    QString round(const QString &value, const QString &digits) const override
    {
        if (m_ch)
            return digits.isEmpty() ? QStringLiteral("round(%1)").arg(value)
                                    : QStringLiteral("round(%1, %2)").arg(value, digits);
        // float8 has no round(x, n); numeric rounds halves away from zero, as SQLite does.
        return digits.isEmpty()
                   ? QStringLiteral("CAST(round(CAST(%1 AS numeric)) AS double precision)")
                         .arg(value)
                   : QStringLiteral("CAST(round(CAST(%1 AS numeric), %2) AS double precision)")
                         .arg(value, digits);
    }
    QString is(const QString &a, const QString &b, bool negated) const override
    {
        if (!m_ch)
            return QStringLiteral("(%1 IS %2DISTINCT FROM %3)")
                .arg(a, negated ? QString() : QStringLiteral("NOT "), b);
        if (b == QLatin1String("NULL"))
            return QStringLiteral("%1(%2)").arg(
                negated ? QStringLiteral("isNotNull") : QStringLiteral("isNull"), a);
        const QString same =
            QStringLiteral("(ifNull(%1 = %2, 0) OR (isNull(%1) AND isNull(%2)))").arg(a, b);
        return negated ? QStringLiteral("(NOT %1)").arg(same) : same;
    }
    QString isTrue(const QString &condition) const override
    {
        return m_ch ? QStringLiteral("ifNull((%1) != 0, 0)").arg(condition)
                    : QStringLiteral("(CASE WHEN %1 THEN 1 ELSE 0 END)").arg(condition);
    }
    QString orderTerm(const QString &expr, bool descending) const override
    {
        return descending ? QStringLiteral("%1 DESC NULLS LAST").arg(expr)
                          : QStringLiteral("%1 ASC NULLS FIRST").arg(expr);
    }

    /// `condition` where `guard` holds, else false; `condition` is evaluated only where
    /// `guard` holds (CASE; ClickHouse evaluates both, but its arithmetic never raises).
    QString onlyWhen(const QString &guard, const QString &condition) const
    {
        return m_ch ? QStringLiteral("if(%1, ifNull((%2) != 0, 0), 0)").arg(guard, condition)
                    : QStringLiteral("(CASE WHEN %1 THEN %2 ELSE false END)").arg(guard, condition);
    }
    /// A WHERE or HAVING condition: ClickHouse wants a UInt8, which NULL is not.
    QString condition(const QString &expr) const { return m_ch ? isTrue(expr) : expr; }
    /// A filter as 1/0 per row, no filter 1.
    QString filterValue(const std::optional<SqlExpr> &where) const
    {
        return where ? isTrue(AggregateSql::expression(*where, *this, 0)) : QStringLiteral("1");
    }
    bool isCategorical(const QString &name) const
    {
        const qsizetype i = m_view.names.indexOf(name);
        return i >= 0 && m_view.categorical.value(i);
    }

private:
    const WarehouseConnection &m_conn;
    bool m_ch;
    const LiveView &m_view;
};

/// `e` with ORDER BY's aliases and positions replaced by the output items they name.
SqlExpr resolved(const SqlExpr &e, const AggregateSelect &q)
{
    if (e.kind == SqlExpr::Kind::Ordinal) {
        const qsizetype i = e.text.toLongLong() - 1;
        if (i >= 0 && size_t(i) < q.items.size())
            return q.items[size_t(i)].expr;
    }
    if (e.kind == SqlExpr::Kind::Alias)
        for (const AggregateSelect::Item &item : q.items)
            if (item.alias.compare(e.text, Qt::CaseInsensitive) == 0)
                return item.expr;
    SqlExpr out = e;
    for (SqlExpr &a : out.args)
        a = resolved(a, q);
    return out;
}

/// True when `e` names no column and no aggregate: the same value for every group.
bool isConstant(const SqlExpr &e)
{
    if (e.kind == SqlExpr::Kind::Column || e.kind == SqlExpr::Kind::Aggregate ||
        e.kind == SqlExpr::Kind::Alias || e.kind == SqlExpr::Kind::Ordinal)
        return false;
    for (const SqlExpr &a : e.args)
        if (!isConstant(a))
            return false;
    return true;
}

/// An engine's text as the value SQLite would have given: NULL, a label, or a number.
QVariant typed(const QString &text, bool label)
{
    if (text.isNull())
        return {};
    if (label)
        return text;
    bool ok = false;
    const qlonglong whole = text.toLongLong(&ok);
    if (ok)
        return whole;
    const double real = text.toDouble(&ok);
    return ok ? QVariant(real) : QVariant(text);
}

QString engineRefusal(const WarehouseRows &r, bool *timedOut)
{
    *timedOut = r.error.contains(QLatin1String("timeout"), Qt::CaseInsensitive) ||
                r.error.contains(QLatin1String("Timeout exceeded"), Qt::CaseInsensitive);
    return *timedOut ? QStringLiteral("query stopped: over the time limit")
                     : QStringLiteral("refused: the query could not be run on the engine "
                                      "(nothing was shared)");
}

/// Check 4 of AggregateQuery on the engine (see AggregateQuery::checkDifferencing).
QString differencing(WarehouseConnection &conn, const LiveView &view, const EngineDialect &dialect,
                     const AggregateSelect &q, const AggregateSqlRules &rules,
                     const QList<AggregateQueryHistory::Entry> &history,
                     const QList<AggregateQueryHistory::Entry> &alsoShared)
{
    const int k = rules.minGroupSize;
    bool timedOut = false;
    const auto groupKeys = [&](const QStringList &columns) {
        QStringList keys;
        for (const QString &c : columns)
            keys << dialect.column(c);
        return keys;
    };
    if (!q.groupBy.isEmpty()) {
        GroupedSelect small;
        small.items = {dialect.aggregate(QStringLiteral("COUNT"), QStringLiteral("*")) +
                       QStringLiteral(" AS cl_n")};
        if (q.where)
            small.where = dialect.condition(AggregateSql::expression(*q.where, dialect, 0));
        small.groupBy = groupKeys(q.groupBy);
        small.having = dialect.condition(QStringLiteral("%1 < %2").arg(
            dialect.aggregate(QStringLiteral("COUNT"), QStringLiteral("*")), QString::number(k)));
        const WarehouseRows r =
            conn.queryShaped(QStringLiteral("SELECT sum(cl_n) FROM (%1) AS cl_t")
                                 .arg(conn.selectSql(view.rows, small)),
                             kCheckPurpose, 1, 1);
        if (!r.ok)
            return engineRefusal(r, &timedOut);
        const double left = r.rows.front().front().toDouble();
        if (left >= 1 && left < k)
            return QStringLiteral("refused: the groups this query leaves out hold fewer than %1 "
                                  "clients in all, so the total less the groups shown would "
                                  "describe them; group by fewer or coarser columns, or filter "
                                  "them out")
                .arg(k);
    }
    // Each earlier filter against this one: the clients on whom they disagree, overall.
    QStringList differs;
    for (const AggregateQueryHistory::Entry &earlier : history)
        if (earlier.where != q.where)
            differs << QStringLiteral("sum(abs(%1 - %2))")
                           .arg(dialect.filterValue(earlier.where), dialect.filterValue(q.where));
    for (qsizetype from = 0; from < differs.size(); from += 100) {
        GroupedSelect s;
        s.items = differs.mid(from, 100);
        const WarehouseRows r =
            conn.queryShaped(conn.selectSql(view.rows, s), kCheckPurpose, int(s.items.size()), 1);
        if (!r.ok)
            return engineRefusal(r, &timedOut);
        for (const QString &v : r.rows.front())
            if (v.toDouble() >= 1 && v.toDouble() < k)
                return QStringLiteral("refused: this filter differs from the filter of an earlier "
                                      "query in this conversation by fewer than %1 clients, so "
                                      "comparing the two answers would describe those few "
                                      "clients; use the same filter, or one that differs by at "
                                      "least %1 clients in every group")
                    .arg(k);
    }
    // The classes of clients every query of the conversation treats alike.
    QList<AggregateQueryHistory::Entry> all = history;
    all.append(AggregateQuery::entryOf(q));
    all += alsoShared;
    if (all.size() < 2 || k <= 1)
        return {};
    const AggregateQuery::AtomPlan plan = AggregateQuery::atomPlan(all);
    GroupedSelect atoms;
    QStringList keys;
    for (const SqlExpr &f : plan.filters)
        keys << dialect.filterValue(f);
    for (const QString &c : plan.columns)
        keys << dialect.column(c);
    for (const QString &c : plan.valued)
        keys << dialect.isTrue(QStringLiteral("(%1 IS NULL)").arg(dialect.column(c)));
    atoms.items << dialect.aggregate(QStringLiteral("COUNT"), QStringLiteral("*")) << keys;
    atoms.groupBy = keys;
    for (const QString &c : plan.summed) {
        const QString absolute = QStringLiteral("abs(%1)").arg(dialect.column(c));
        atoms.items << QStringLiteral("max(%1)").arg(absolute)
                    << dialect.aggregate(QStringLiteral("TOTAL"), absolute);
    }
    // Counted first: a conversation with too many classes is refused without their rows.
    const QString atomsSql = conn.selectSql(view.rows, atoms);
    const WarehouseRows count = conn.queryShaped(
        QStringLiteral("SELECT count(*) FROM (%1) AS cl_a").arg(atomsSql), kCheckPurpose, 1, 1);
    if (!count.ok)
        return engineRefusal(count, &timedOut);
    if (count.rows.front().front().toLongLong() > AggregateQuery::kMaxAuditAtoms)
        return AggregateQuery::tooManyAtoms(rules);
    const WarehouseRows r = conn.queryShaped(atomsSql, kCheckPurpose, int(atoms.items.size()));
    if (!r.ok)
        return engineRefusal(r, &timedOut);
    QList<QVariantList> rows;
    rows.reserve(qsizetype(r.rows.size()));
    for (const QStringList &row : r.rows) {
        QVariantList values;
        for (const QString &v : row)
            values << (v.isNull() ? QVariant() : QVariant(v));
        rows << values;
    }
    return AggregateQuery::auditAtoms(plan, all, rules, rows);
}

} // namespace

namespace EngineAggregateQuery {

QString viewName(const LiveDatasetInfo &info)
{
    return QStringLiteral("live_%1").arg(info.id);
}

AggregateSqlRules rules(const WarehouseConnection &conn, const LiveDatasetInfo &info,
                        int minGroupSize)
{
    const LiveView view = LiveDataset::view(conn, info);
    AggregateSqlRules r;
    r.view = viewName(info);
    r.columns = view.names;
    r.minGroupSize = minGroupSize;
    for (qsizetype i = 0; i < view.names.size(); ++i)
        if (view.categorical[i])
            r.filterColumns << view.names[i];
    r.indicatorColumns = {view.target};
    return r;
}

AggregateQueryResult run(WarehouseConnection &conn, const LiveDatasetInfo &info, const QString &sql,
                         const AggregateSqlRules &rules, AggregateQueryHistory *history,
                         int maxRows)
{
    AggregateQueryResult out;
    const std::optional<AggregateSelect> admitted =
        AggregateQuery::admit(sql, rules, history, &out.error);
    if (!admitted)
        return out;
    const AggregateSelect &q = *admitted;
    const LiveView view = LiveDataset::view(conn, info);
    const EngineDialect dialect(conn, view);
    if (history) {
        out.error = differencing(conn, view, dialect, q, rules, history->entries(), {});
        if (!out.error.isEmpty())
            return out;
    }

    // The query, guarded as AggregateSql::guarded() guards it, then the sizes the result is
    // checked against: the group's clients, and per summed column its values, largest and
    // total absolute value (0 for a label, which has none).
    const int k = rules.minGroupSize;
    const QString countAll = dialect.aggregate(QStringLiteral("COUNT"), QStringLiteral("*"));
    GroupedSelect select;
    for (const AggregateSelect::Item &item : q.items)
        select.items << AggregateSql::expression(item.expr, dialect, k, rules.indicatorColumns);
    select.items << countAll;
    const QStringList summed = AggregateSql::summedColumns(q);
    for (const QString &c : summed) {
        const QString ref = dialect.column(c);
        select.items << dialect.aggregate(QStringLiteral("COUNT"), ref);
        if (dialect.isCategorical(c))
            select.items << QStringLiteral("0") << QStringLiteral("0");
        else
            select.items << QStringLiteral("max(abs(%1))").arg(ref)
                         << dialect.aggregate(QStringLiteral("TOTAL"),
                                              QStringLiteral("abs(%1)").arg(ref));
    }
    if (q.where)
        select.where = dialect.condition(AggregateSql::expression(*q.where, dialect, k));
    for (const QString &c : q.groupBy)
        select.groupBy << dialect.column(c);
    // The model's HAVING is evaluated for groups of at least k clients only: behind AND,
    // PostgreSQL may evaluate it first on a small group, and its error would tell the group
    // is there.
    const QString enough = QStringLiteral("%1 >= %2").arg(countAll, QString::number(k));
    select.having = dialect.condition(
        q.having ? dialect.onlyWhen(enough, AggregateSql::expression(*q.having, dialect, k,
                                                                     rules.indicatorColumns))
                 : enough);
    for (const AggregateSelect::OrderTerm &t : q.orderBy) {
        // A constant sorts nothing, and PostgreSQL reads a bare whole number as a position:
        // past the output it would sort by the hidden sizes.
        const SqlExpr term = resolved(t.expr, q);
        if (isConstant(term))
            continue;
        select.orderBy << dialect.orderTerm(
            AggregateSql::expression(term, dialect, k, rules.indicatorColumns),
            t.direction == QLatin1String("DESC"));
    }
    const qint64 asked = q.limit.isEmpty() ? -1 : q.limit.toLongLong();
    select.limit = asked >= 0 ? std::min<qint64>(asked, maxRows + 1) : maxRows + 1;
    select.offset = q.offset.isEmpty() ? 0 : q.offset.toLongLong();

    const int n = int(q.items.size());
    const int width = n + 1 + 3 * int(summed.size());
    const WarehouseRows r =
        conn.queryShaped(conn.selectSql(view.rows, select), kAnswerPurpose, width);
    if (!r.ok) {
        out.error = engineRefusal(r, &out.timedOut);
        return out;
    }

    // The sizes become tickets, so the result is checked by the very code that checks
    // SQLite's.
    ReadOnlyQueryResult checked;
    checked.ok = true;
    checked.columns = AggregateSql::outputNames(q);
    checked.columns << AggregateSql::groupTicketColumn() << AggregateSql::valueTicketColumns(q);
    qint64 ticket = 0;
    for (const QStringList &row : r.rows) {
        if (row.size() != width) {
            out.error = QStringLiteral("refused: a row has the wrong number of columns (nothing "
                                       "was shared)");
            return out;
        }
        QVariantList values;
        for (int i = 0; i < n; ++i) {
            const SqlExpr &e = q.items[size_t(i)].expr;
            values << typed(row[i],
                            e.kind == SqlExpr::Kind::Column && dialect.isCategorical(e.text));
        }
        checked.groupCounts.insert(++ticket, {row[n].toLongLong(), 0, 0});
        values << ticket;
        for (int c = 0; c < summed.size(); ++c) {
            const int at = n + 1 + 3 * c;
            checked.groupCounts.insert(
                ++ticket, {row[at].toLongLong(), row[at + 1].toDouble(), row[at + 2].toDouble()});
            values << ticket;
        }
        checked.rows << values;
    }
    const QString broken = AggregateQuery::verify(q, checked, k);
    if (!broken.isEmpty()) {
        out.error = QStringLiteral("refused: %1 (nothing was shared)").arg(broken);
        return out;
    }
    out.truncated = checked.rows.size() > maxRows;
    if (out.truncated)
        checked.rows.resize(maxRows);
    out.columns = checked.columns.mid(0, n);
    for (const QVariantList &row : std::as_const(checked.rows))
        out.rows << row.mid(0, n);
    out.dominated =
        AggregateQuery::suppressDominated(q, checked, &out.rows, rules.indicatorColumns, k);
    out.ok = true;
    if (history)
        history->add(AggregateQuery::entryOf(q));
    return out;
}

QString checkDifferencing(WarehouseConnection &conn, const LiveDatasetInfo &info,
                          const AggregateSelect &q, const AggregateSqlRules &rules,
                          const QList<AggregateQueryHistory::Entry> &history,
                          const QList<AggregateQueryHistory::Entry> &alsoShared)
{
    const LiveView view = LiveDataset::view(conn, info);
    return differencing(conn, view, EngineDialect(conn, view), q, rules, history, alsoShared);
}

} // namespace EngineAggregateQuery

} // namespace cl
