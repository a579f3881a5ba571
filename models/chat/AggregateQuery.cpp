// AggregateQuery: parse, differencing check, guarded run on the sandboxed connection, and the
// check of the result against the group sizes SQLite counted.
#include "AggregateQuery.h"

#include "store/ReadOnlyQuery.h"

#include <QMutexLocker>
#include <QSet>

namespace cl {

QList<AggregateQueryHistory::Entry> AggregateQueryHistory::entries() const
{
    QMutexLocker lock(&m_mutex);
    return m_entries;
}

void AggregateQueryHistory::add(const Entry &entry)
{
    QMutexLocker lock(&m_mutex);
    for (qsizetype i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].where == entry.where && m_entries[i].groupBy == entry.groupBy) {
            m_entries.move(i, m_entries.size() - 1);
            return;
        }
    m_entries.append(entry);
    while (m_entries.size() > kLimit)
        m_entries.removeFirst();
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
    // Which hidden value-count column guards which output item.
    QList<QList<qsizetype>> guards(n);
    for (qsizetype i = 0; i < n; ++i)
        for (const QString &c : AggregateSql::summedColumns(q, int(i)))
            guards[i] << n + 1 + summed.indexOf(c);
    QSet<qint64> used;
    const auto countOf = [&](const QVariant &ticket, qint64 *count) {
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
        qint64 rows = 0;
        if (!countOf(row[n], &rows))
            return QStringLiteral("a row carries no group size counted by SQLite");
        if (used.contains(row[n].toLongLong()))
            return QStringLiteral("two rows claim the same group");
        used.insert(row[n].toLongLong());
        if (rows < k)
            return QStringLiteral("a group of fewer than %1 clients came back").arg(k);
        for (qsizetype i = 0; i < n; ++i) {
            if (row[i].isNull())
                continue;
            for (qsizetype g : std::as_const(guards[i])) {
                qint64 values = 0;
                if (!countOf(row[g], &values))
                    return QStringLiteral("a sum carries no count of its values");
                if (values < k)
                    return QStringLiteral("a sum or average over fewer than %1 values came back")
                        .arg(k);
            }
        }
    }
    return {};
}

QString AggregateQuery::checkDifferencing(ReadOnlyQuery &query, const AggregateSelect &q,
                                          const AggregateSqlRules &rules,
                                          const ReadOnlyQueryOptions &limits,
                                          const QList<AggregateQueryHistory::Entry> &history)
{
    const ReadOnlyQueryOptions options = sandboxed(rules, limits);
    for (const AggregateQueryHistory::Entry &earlier : history) {
        if (earlier.where == q.where)
            continue;
        const QString differs =
            QStringLiteral("%1 <> %2").arg(filterValue(earlier.where), filterValue(q.where));
        QList<QStringList> groupings{QStringList()};
        if (!q.groupBy.isEmpty())
            groupings << q.groupBy;
        if (!earlier.groupBy.isEmpty() && earlier.groupBy != q.groupBy)
            groupings << earlier.groupBy;
        for (const QStringList &keys : std::as_const(groupings)) {
            QStringList quoted;
            for (const QString &c : keys)
                quoted << quoteIdent(c);
            const QString sql =
                QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2%3 HAVING COUNT(*) < %4 LIMIT 1")
                    .arg(quoteIdent(rules.view), differs,
                         keys.isEmpty()
                             ? QString()
                             : QStringLiteral(" GROUP BY ") + quoted.join(QStringLiteral(", ")))
                    .arg(rules.minGroupSize);
            const ReadOnlyQueryResult r = query.run(sql, options);
            if (!r.ok)
                return r.timedOut ? QStringLiteral("query stopped: over the time limit") : r.error;
            for (const QVariantList &row : r.rows)
                if (!row.isEmpty() && row[0].toLongLong() > 0)
                    return QStringLiteral(
                               "refused: this filter differs from the filter of an earlier "
                               "query in this conversation by fewer than %1 clients%2, so "
                               "comparing the two answers would describe those few clients; "
                               "use the same filter, or one that differs by at least %1 "
                               "clients in every group")
                        .arg(rules.minGroupSize)
                        .arg(keys.isEmpty() ? QString()
                                            : QStringLiteral(" in some group of ") +
                                                  keys.join(QStringLiteral(", ")));
        }
    }
    return {};
}

AggregateQueryResult AggregateQuery::run(ReadOnlyQuery &query, const QString &sql,
                                         const AggregateSqlRules &rules,
                                         const ReadOnlyQueryOptions &limits,
                                         AggregateQueryHistory *history)
{
    AggregateQueryResult out;
    const AggregateSqlParse parsed = AggregateSql::parse(sql, rules);
    if (!parsed.ok) {
        out.error = parsed.error;
        return out;
    }
    if (history) {
        out.error = checkDifferencing(query, parsed.query, rules, limits, history->entries());
        if (!out.error.isEmpty())
            return out;
    }
    const QString guarded = AggregateSql::guarded(parsed.query, rules, query.groupCounterName());
    const ReadOnlyQueryResult r = query.run(guarded, sandboxed(rules, limits));
    if (!r.ok) {
        out.timedOut = r.timedOut;
        out.error = r.error;
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
    out.truncated = r.truncated;
    out.ok = true;
    if (history)
        history->add({parsed.query.where, parsed.query.groupBy});
    return out;
}

} // namespace cl
