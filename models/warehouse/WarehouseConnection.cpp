// WarehouseConnection: the engine a URL names.
#include "WarehouseConnection.h"

#include "ChConnection.h"
#include "PgConnection.h"

#include <algorithm>

namespace cl {

namespace {

bool isPostgresUrl(const QString &url)
{
    return url.startsWith(QLatin1String("postgresql://")) ||
           url.startsWith(QLatin1String("postgres://")) ||
           (!url.contains(QLatin1String("://")) && url.contains(QLatin1Char('=')));
}

} // namespace

WarehouseRows WarehouseConnection::queryShaped(const QString &sql, const QString &purpose,
                                               int width, int rows,
                                               const ProgressCallback &progress)
{
    WarehouseRows out = query(sql, purpose, progress);
    if (!out.ok)
        return out;
    const bool rowsFit = rows < 0 || out.rows.size() == size_t(rows);
    const bool widthsFit = std::all_of(out.rows.begin(), out.rows.end(),
                                       [width](const QStringList &r) { return r.size() >= width; });
    if (!rowsFit || !widthsFit) {
        out.ok = false;
        out.error =
            QStringLiteral("%1: %2 failed: the answer is not %3 of %4 values")
                .arg(engine(), purpose,
                     rows < 0 ? QStringLiteral("rows") : QStringLiteral("%1 row(s)").arg(rows),
                     QString::number(width));
        out.rows.clear();
    }
    return out;
}

QString WarehouseConnection::partialCombiner(const QString &aggregate)
{
    QString function = aggregate.section(QLatin1Char('('), 0, 0).trimmed();
    if (function.endsWith(QLatin1String("If")))
        function.chop(2); // ClickHouse's conditional forms
    if (function == QLatin1String("sum") || function == QLatin1String("count"))
        return QStringLiteral("sum");
    if (function == QLatin1String("min") || function == QLatin1String("max"))
        return function;
    return {};
}

qint64 WarehouseConnection::codedRadix(const std::vector<QStringList> &levels)
{
    qint64 most = 0;
    for (const QStringList &l : levels)
        most = std::max<qint64>(most, l.size());
    return most + 1;
}

bool WarehouseConnection::codedSetsFit(const std::vector<std::vector<int>> &sets,
                                       const std::vector<QStringList> &levels)
{
    for (const std::vector<int> &set : sets) {
        if (set.size() > 2)
            return false;
    }
    const double radix = double(codedRadix(levels));
    return double(sets.size()) * radix * radix < 0x1p62;
}

bool WarehouseConnection::readCodedRow(const QStringList &row,
                                       const std::vector<std::vector<int>> &sets, qint64 radix,
                                       CodedGroup *group)
{
    if (row.size() != 2)
        return false;
    bool ok = false;
    qint64 id = row[0].toLongLong(&ok);
    if (!ok || id < 0)
        return false;
    const qint64 b = id % radix, a = (id / radix) % radix, set = id / radix / radix;
    if (set >= qint64(sets.size()))
        return false;
    const std::vector<int> &keys = sets[size_t(set)];
    if ((keys.size() < 1 && a != 0) || (keys.size() < 2 && b != 0))
        return false;
    group->set = int(set);
    group->codes = {int(a) - 1, int(b) - 1};
    // "[1,2.5]" (ClickHouse) or "{1,2.5}" (PostgreSQL); NULL, an empty sum, as 0.
    const QString &text = row[1];
    if (text.size() < 2)
        return false;
    group->sums.clear();
    for (const QStringView field : QStringView(text).mid(1, text.size() - 2).split(u',')) {
        if (field == u"NULL") {
            group->sums.push_back(0.0);
            continue;
        }
        double v = field.toDouble(&ok);
        if (!ok && (field == u"Infinity" || field == u"-Infinity")) { // PostgreSQL's
            v = field.startsWith(u'-') ? -qInf() : qInf();
            ok = true;
        }
        if (!ok)
            return false;
        group->sums.push_back(v);
    }
    return true;
}

QString WarehouseConnection::topRowsSql(const StagedRows &rows, const QStringList &columns,
                                        const QString &key, qint64 limit) const
{
    // aggregateSql() is a SELECT over the rows in every dialect: with no aggregate among the
    // columns it gives every row, to be ordered and cut here.
    // By the columns themselves: ClickHouse 18.16 reads ORDER BY 1 as a constant.
    QStringList order{key + QStringLiteral(" DESC")};
    for (const QString &c : columns) {
        if (c != key)
            order << c;
    }
    return QStringLiteral("%1 ORDER BY %2 LIMIT %3")
        .arg(aggregateSql(rows, columns), order.join(QStringLiteral(", ")))
        .arg(limit);
}

QString GroupedSelect::groupedClauses() const
{
    QString sql;
    if (!groupBy.isEmpty())
        sql += QStringLiteral(" GROUP BY ") + groupBy.join(QStringLiteral(", "));
    if (!having.isEmpty())
        sql += QStringLiteral(" HAVING ") + having;
    if (!orderBy.isEmpty())
        sql += QStringLiteral(" ORDER BY ") + orderBy.join(QStringLiteral(", "));
    return sql;
}

bool isWarehouseUrl(const QString &url)
{
    return isPostgresUrl(url) || ChConnection::isUrl(url);
}

QString subquerySelect(const QString &select)
{
    QString s = select.trimmed();
    while (s.endsWith(QLatin1Char(';')))
        s = s.chopped(1).trimmed();
    return s;
}

std::unique_ptr<WarehouseConnection> openWarehouse(const QString &url, QString *error,
                                                   int timeoutMs)
{
    if (ChConnection::isUrl(url)) {
        auto conn = std::make_unique<ChConnection>();
        if (!conn->open(url, error, timeoutMs))
            return nullptr;
        return conn;
    }
    if (isPostgresUrl(url)) {
        auto conn = std::make_unique<PgConnection>();
        if (!conn->open(url, error, timeoutMs))
            return nullptr;
        return conn;
    }
    if (error)
        *error = QStringLiteral("not a warehouse URL: write postgresql://..., clickhouse://... or "
                                "clickhouses://...");
    return nullptr;
}

QString engineName(const QString &engineId)
{
    return engineId == QLatin1String("clickhouse") ? ChConnection::engineName()
                                                   : PgConnection::engineName();
}

bool isNumberType(const QString &engineId, const QString &type)
{
    return engineId == QLatin1String("clickhouse") ? ChConnection::isNumberTypeName(type)
                                                   : PgConnection::isNumberTypeName(type);
}

QString urlWithoutPassword(const QString &url, bool *hadPassword)
{
    return ChConnection::isUrl(url) ? ChConnection::withoutPassword(url, hadPassword)
                                    : PgConnection::withoutPassword(url, hadPassword);
}

} // namespace cl
