// AggregateQuery: parse, differencing checks, guarded run on the sandboxed connection, the
// check of the result against the group sizes SQLite counted, and dominance suppression.
#include "AggregateQuery.h"

#include "store/ReadOnlyQuery.h"

#include <QMap>
#include <QMutexLocker>
#include <QSet>

namespace cl {

QList<AggregateQueryHistory::Entry> AggregateQueryHistory::entries() const
{
    QMutexLocker lock(&m_mutex);
    return m_entries;
}

bool AggregateQueryHistory::spend()
{
    QMutexLocker lock(&m_mutex);
    if (m_spent >= kMaxQueries)
        return false;
    ++m_spent;
    return true;
}

void AggregateQueryHistory::add(const Entry &entry)
{
    QMutexLocker lock(&m_mutex);
    for (const Entry &e : std::as_const(m_entries))
        if (e.where == entry.where && e.groupBy == entry.groupBy)
            return;
    m_entries.append(entry);
}

namespace {

QString quoteIdent(const QString &name)
{
    QString q = name;
    q.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

/// A WHERE as a 0/1 value per row, NULL counted as false (as WHERE does).
QString filterValue(const std::optional<SqlExpr> &where)
{
    return where ? QStringLiteral("(%1 IS TRUE)").arg(AggregateSql::expression(*where))
                 : QStringLiteral("1");
}

ReadOnlyQueryOptions sandboxed(const AggregateSqlRules &rules, ReadOnlyQueryOptions options)
{
    options.allowedTables = {rules.view};
    options.allowedColumns = rules.columns;
    options.allowedFunctions = AggregateQuery::allowedFunctions();
    return options;
}

QString groupByText(const QStringList &keys)
{
    if (keys.isEmpty())
        return {};
    QStringList quoted;
    for (const QString &c : keys)
        quoted << quoteIdent(c);
    return QStringLiteral(" GROUP BY ") + quoted.join(QStringLiteral(", "));
}

/// SQLite's own messages after parsing may depend on the data (a LIKE pattern too complex
/// for one row only, an overflow in one group): the model gets one message for all of them.
QString genericError(const ReadOnlyQueryResult &r)
{
    if (r.timedOut)
        return QStringLiteral("query stopped: over the time limit");
    if (r.error.startsWith(QLatin1String("refused:")))
        return r.error; // the authorizer's: decided on the query's text alone
    return QStringLiteral("refused: the query could not be run (nothing was shared)");
}

/// Per output item: the aggregates over a column it holds, as (column, is COUNT).
QList<QPair<QString, bool>> aggregatedColumns(const SqlExpr &e)
{
    QList<QPair<QString, bool>> out;
    if (e.kind == SqlExpr::Kind::Aggregate && !e.args.empty())
        out.append({e.args.front().text, e.text == QLatin1String("COUNT")});
    for (const SqlExpr &a : e.args)
        out += aggregatedColumns(a);
    return out;
}

} // namespace

QStringList AggregateQuery::allowedFunctions()
{
    return {QStringLiteral("count"), QStringLiteral("sum"),   QStringLiteral("avg"),
            QStringLiteral("total"), QStringLiteral("round"), QStringLiteral("like")};
}

QString AggregateQuery::verify(const AggregateSelect &q, const ReadOnlyQueryResult &result, int k)
{
    const QStringList names = AggregateSql::outputNames(q);
    const QStringList summed = AggregateSql::summedColumns(q);
    QStringList expected = names;
    expected << AggregateSql::groupTicketColumn() << AggregateSql::valueTicketColumns(q);
    if (result.columns != expected)
        return QStringLiteral("the statement's columns are not the ones the query names");
    const qsizetype n = names.size();
    QList<QList<QPair<QString, bool>>> guards(n);
    for (qsizetype i = 0; i < n; ++i)
        guards[i] = aggregatedColumns(q.items[size_t(i)].expr);
    QSet<qint64> used;
    const auto countOf = [&](const QVariant &ticket, GroupCount *count) {
        if (ticket.typeId() != QMetaType::LongLong)
            return false;
        const auto it = result.groupCounts.constFind(ticket.toLongLong());
        if (it == result.groupCounts.constEnd())
            return false;
        *count = *it;
        return true;
    };
    for (const QVariantList &row : result.rows) {
        if (row.size() != expected.size())
            return QStringLiteral("a row has the wrong number of columns");
        GroupCount group;
        if (!countOf(row[n], &group))
            return QStringLiteral("a row carries no group size counted by SQLite");
        if (used.contains(row[n].toLongLong()))
            return QStringLiteral("two rows claim the same group");
        used.insert(row[n].toLongLong());
        if (group.count < k)
            return QStringLiteral("a group of fewer than %1 clients came back").arg(k);
        for (qsizetype i = 0; i < n; ++i) {
            if (row[i].isNull())
                continue;
            for (const auto &[column, isCount] : std::as_const(guards[i])) {
                GroupCount values;
                if (!countOf(row[n + 1 + summed.indexOf(column)], &values))
                    return QStringLiteral("an aggregate carries no count of its values");
                const qint64 nulls = group.count - values.count;
                const bool ok =
                    isCount ? (values.count == 0 || values.count >= k) && (nulls == 0 || nulls >= k)
                            : values.count >= k;
                if (!ok)
                    return QStringLiteral("an aggregate over fewer than %1 values came back")
                        .arg(k);
            }
        }
    }
    return {};
}

int AggregateQuery::suppressDominated(const AggregateSelect &q, const ReadOnlyQueryResult &result,
                                      QList<QVariantList> *rows)
{
    const QStringList summed = AggregateSql::summedColumns(q);
    const qsizetype n = qsizetype(q.items.size());
    int dropped = 0;
    for (qsizetype r = 0; r < rows->size() && r < result.rows.size(); ++r) {
        for (qsizetype i = 0; i < n; ++i) {
            if ((*rows)[r][i].isNull())
                continue;
            for (const auto &[column, isCount] : aggregatedColumns(q.items[size_t(i)].expr)) {
                if (isCount)
                    continue;
                const auto it = result.groupCounts.constFind(
                    result.rows[r][n + 1 + summed.indexOf(column)].toLongLong());
                if (it != result.groupCounts.constEnd() && it->sumAbs > 0 &&
                    it->maxAbs > 0.5 * it->sumAbs) {
                    (*rows)[r][i] = QVariant();
                    ++dropped;
                    break;
                }
            }
        }
    }
    return dropped;
}

QString AggregateQuery::checkDifferencing(ReadOnlyQuery &query, const AggregateSelect &q,
                                          const AggregateSqlRules &rules,
                                          const ReadOnlyQueryOptions &limits,
                                          const QList<AggregateQueryHistory::Entry> &history)
{
    const ReadOnlyQueryOptions options = sandboxed(rules, limits);
    // Groups left out by this query that hold 1 to k-1 clients in all: the total (asked
    // before or after) less the groups shown would describe them.
    if (!q.groupBy.isEmpty()) {
        const QString sql =
            QStringLiteral("SELECT TOTAL(n) FROM (SELECT COUNT(*) AS n FROM %1 "
                           "WHERE %2%3 HAVING COUNT(*) < %4)")
                .arg(quoteIdent(rules.view), filterValue(q.where), groupByText(q.groupBy))
                .arg(rules.minGroupSize);
        const ReadOnlyQueryResult r = query.run(sql, options);
        if (!r.ok)
            return genericError(r);
        const double left = r.rows.isEmpty() ? 0 : r.rows.front().value(0).toDouble();
        if (left >= 1 && left < rules.minGroupSize)
            return QStringLiteral("refused: the groups this query leaves out hold fewer than %1 "
                                  "clients in all, so the total less the groups shown would "
                                  "describe them; group by fewer or coarser columns, or filter "
                                  "them out")
                .arg(rules.minGroupSize);
    }
    // Every earlier filter against this one, one scan per grouping (this query's, none, and
    // each earlier query's) with one column per earlier filter: the number of clients on
    // whom the two filters disagree. Counted over all rows: counting only the rows that can
    // move a sum would make a refusal tell whether a few clients' values are 0.
    QMap<QStringList, QList<QString>> byGrouping; // keys -> "A <> B" per earlier filter
    for (const AggregateQueryHistory::Entry &earlier : history) {
        if (earlier.where == q.where)
            continue;
        const QString differs =
            QStringLiteral("%1 <> %2").arg(filterValue(earlier.where), filterValue(q.where));
        byGrouping[QStringList()] << differs;
        if (!q.groupBy.isEmpty())
            byGrouping[q.groupBy] << differs;
        if (!earlier.groupBy.isEmpty() && earlier.groupBy != q.groupBy)
            byGrouping[earlier.groupBy] << differs;
    }
    for (auto it = byGrouping.cbegin(); it != byGrouping.cend(); ++it) {
        QStringList columns;
        qsizetype length = 0;
        const auto scan = [&]() -> QString {
            if (columns.isEmpty())
                return {};
            const QString sql = QStringLiteral("SELECT %1 FROM %2%3")
                                    .arg(columns.join(QStringLiteral(", ")), quoteIdent(rules.view),
                                         groupByText(it.key()));
            columns.clear();
            length = 0;
            const ReadOnlyQueryResult r = query.run(sql, options);
            if (!r.ok)
                return genericError(r);
            for (const QVariantList &row : r.rows)
                for (const QVariant &v : row)
                    if (v.toDouble() >= 1 && v.toDouble() < rules.minGroupSize)
                        return QStringLiteral(
                                   "refused: this filter differs from the filter of an earlier "
                                   "query in this conversation by fewer than %1 clients%2, so "
                                   "comparing the two answers would describe those few "
                                   "clients; use the same filter, or one that differs by at "
                                   "least %1 clients in every group")
                            .arg(rules.minGroupSize)
                            .arg(it.key().isEmpty() ? QString()
                                                    : QStringLiteral(" in some group of ") +
                                                          it.key().join(QStringLiteral(", ")));
            return {};
        };
        for (const QString &differs : it.value()) {
            const QString column = QStringLiteral("TOTAL(%1)").arg(differs);
            // SQLite takes statements of up to 100 KB here (ReadOnlyQuery).
            if (length + column.size() > 60000) {
                const QString error = scan();
                if (!error.isEmpty())
                    return error;
            }
            columns << column;
            length += column.size() + 2;
        }
        const QString error = scan();
        if (!error.isEmpty())
            return error;
    }
    return {};
}

AggregateQueryResult AggregateQuery::run(ReadOnlyQuery &query, const QString &sql,
                                         const AggregateSqlRules &rules,
                                         const ReadOnlyQueryOptions &limits,
                                         AggregateQueryHistory *history)
{
    AggregateQueryResult out;
    if (sql.size() > AggregateSql::kMaxSqlLength) {
        out.error = QStringLiteral("aggregates only (the query is longer than %1 characters)")
                        .arg(AggregateSql::kMaxSqlLength);
        return out;
    }
    const AggregateSqlParse parsed = AggregateSql::parse(sql, rules);
    if (!parsed.ok) {
        out.error = parsed.error;
        return out;
    }
    if (history) {
        if (!history->spend()) {
            out.error = QStringLiteral("refused: this conversation has run %1 aggregate queries, "
                                       "the most one conversation may; start a new one")
                            .arg(AggregateQueryHistory::kMaxQueries);
            return out;
        }
        out.error = checkDifferencing(query, parsed.query, rules, limits, history->entries());
        if (!out.error.isEmpty())
            return out;
    }
    const QString guarded = AggregateSql::guarded(parsed.query, rules, query.groupCounterName());
    const ReadOnlyQueryResult r = query.run(guarded, sandboxed(rules, limits));
    if (!r.ok) {
        out.timedOut = r.timedOut;
        out.error = genericError(r);
        return out;
    }
    const QString broken = verify(parsed.query, r, rules.minGroupSize);
    if (!broken.isEmpty()) {
        out.error = QStringLiteral("refused: %1 (nothing was shared)").arg(broken);
        return out;
    }
    const qsizetype n = qsizetype(parsed.query.items.size());
    out.columns = r.columns.mid(0, n);
    for (const QVariantList &row : r.rows)
        out.rows.append(row.mid(0, n));
    out.dominated = suppressDominated(parsed.query, r, &out.rows);
    out.truncated = r.truncated;
    out.ok = true;
    if (history)
        history->add({parsed.query.where, parsed.query.groupBy});
    return out;
}

} // namespace cl
