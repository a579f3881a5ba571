// LiveDataset: the import's cleaning rules in the connection's dialect, and one GROUP BY.
#include "LiveDataset.h"
#include "WarehouseSql.h"
#include "import/ImportPlan.h"

#include "data/AgeBands.h"
#include "import/LayoutMatcher.h"
#include "regression/RowHash.h"
#include "segments/SegmentEngine.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>

namespace cl {

namespace {

/// The alias of the table's row in every query: a column of that name cannot shadow it,
/// since columns are always written alias-qualified.
const QString kRow = QStringLiteral("cl_row");
/// Above this many levels a text column with no role is free text (names, ids), as the
/// import leaves it out of the analyses.
constexpr int kMaxFreeTextLevels = 1000;

/// The age band's label (AgeBands' default edges); NULL where the age is missing.
/// The age band of `age`'s value: the bands whose labels the dataset's age_band column holds
/// (the defaults, or connect's --age-bands).
QString ageBandExpr(const WarehouseConnection &conn, const LiveDatasetInfo &info,
                    const LiveColumn &age)
{
    const QString number = WarehouseSql::numberExpr(conn, age);
    const LiveColumn *band = info.column(kAgeBandColumn);
    const AgeBands bands = band ? AgeBands::fromLabels(band->levels) : AgeBands();
    const QStringList labels = bands.labels();
    QString e = QStringLiteral("(CASE WHEN %1 IS NULL THEN NULL").arg(number);
    for (size_t i = 0; i < bands.edges().size(); ++i)
        // One .arg call: the column's name in `number` may hold "%2" (a column x%2).
        e += QStringLiteral(" WHEN %1 < %2 THEN %3")
                 .arg(number, QString::number(bands.edges()[i]), conn.quoteLiteral(labels[int(i)]));
    return e + QStringLiteral(" ELSE %1 END)").arg(conn.quoteLiteral(labels.back()));
}

/// The column in `role`; null when there is none.
const LiveColumn *roleColumn(const LiveDatasetInfo &info, ColumnRole role)
{
    for (const LiveColumn &c : info.columns) {
        if (c.role == roleName(role))
            return &c;
    }
    return nullptr;
}

/// previously_contacted as the import makes it: yes when pdays holds a day (not a sentinel:
/// 999 or -1; -1 only in the bank-full layout, where 999 is a day), previous is above 0 or
/// poutcome (trimmed, as spelled) is neither empty, missing, "nonexistent" nor "unknown"; no
/// when pdays holds a sentinel and nothing else says yes; NULL otherwise.
QString previouslyContactedExpr(const WarehouseConnection &conn, const LiveDatasetInfo &info)
{
    const LiveColumn *pdays = roleColumn(info, ColumnRole::Pdays);
    if (!pdays)
        return QStringLiteral("NULL");
    QStringList header;
    for (const LiveColumn &c : info.columns)
        if (!c.source.isEmpty())
            header << c.source;
    const QString days = WarehouseSql::numberExpr(conn, *pdays);
    QStringList sentinel;
    for (const double s : LayoutMatcher::match(header, {}).layout == QLatin1String("bank-full")
                              ? std::vector<double>{-1}
                              : std::vector<double>{999, -1})
        sentinel << QStringLiteral("%1 = %2").arg(days, conn.toDouble(conn.doubleLiteral(s)));
    const QString never =
        QLatin1Char('(') + sentinel.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    QStringList yes{QStringLiteral("(%1 IS NOT NULL AND NOT %2)").arg(days, never)};
    if (const LiveColumn *previous = roleColumn(info, ColumnRole::Previous);
        previous && !previous->categorical)
        yes << QStringLiteral("%1 > 0").arg(WarehouseSql::numberExpr(conn, *previous));
    if (const LiveColumn *poutcome = roleColumn(info, ColumnRole::Poutcome);
        poutcome && poutcome->categorical) {
        const QString t =
            conn.trimmedText(conn.textExpr(WarehouseSql::columnRef(conn, poutcome->source)));
        yes << QStringLiteral("(%1 NOT IN ('nonexistent', 'unknown') AND lower(%1) NOT IN ('', "
                              "'na', 'n/a', 'null', 'nan', '?'))")
                   .arg(t);
    }
    return QStringLiteral("(CASE WHEN %1 THEN 'yes' WHEN %2 THEN 'no' END)")
        .arg(yes.join(QStringLiteral(" OR ")), never);
}

/// The column in the age role, of which age_band is made; null when there is none.
const LiveColumn *ageColumn(const LiveDatasetInfo &info)
{
    return roleColumn(info, ColumnRole::Age);
}

QString categoricalNames(const LiveDatasetInfo &info)
{
    QStringList names;
    for (const LiveColumn &c : info.columns) {
        if (c.categorical)
            names << c.name;
    }
    return names.join(QStringLiteral(", "));
}

} // namespace

namespace WarehouseSql {

QString tableRef(const WarehouseConnection &conn, const QString &table, const QString &query)
{
    if (!query.isEmpty())
        return QStringLiteral("(%1) AS %2").arg(query, kRow);
    return conn.quoteIdentifier(table) + QStringLiteral(" AS ") + kRow;
}

QString columnRef(const WarehouseConnection &conn, const QString &source)
{
    return kRow + QLatin1Char('.') + conn.quoteIdentifier(source);
}

QString targetExpr(const WarehouseConnection &conn, const LiveDatasetInfo &info)
{
    QStringList plausible;
    for (const LiveColumn &c : info.columns) {
        if (!c.source.isEmpty() && isNumeric(info, c) && !c.plausible)
            plausible << plausibleExpr(conn, c);
    }
    const QString y = readableTargetExpr(conn, info);
    if (plausible.isEmpty())
        return y;
    return QStringLiteral("(CASE WHEN %1 THEN %2 ELSE NULL END)")
        .arg(plausible.join(QStringLiteral(" AND ")), y);
}

QString readableTargetExpr(const WarehouseConnection &conn, const LiveDatasetInfo &info)
{
    return conn.targetExpr(columnRef(conn, targetColumn(info)->source));
}

QString plausibleExpr(const WarehouseConnection &conn, const LiveColumn &c)
{
    const PlausibleRange range = plausibleRange(roleFromName(c.role));
    const QString x = numberExpr(conn, c);
    QString e = QStringLiteral("%1 >= %2 AND %1 <= %3")
                    .arg(x, conn.toDouble(conn.doubleLiteral(range.lowest)),
                         conn.toDouble(conn.doubleLiteral(range.highest)));
    if (range.whole)
        e += QStringLiteral(" AND %1 = floor(%1)").arg(x);
    // NaN and the infinities, which numberExpr reads as missing, an import rejects.
    return QStringLiteral("((%1 IS NULL OR (%2)) AND NOT %3)")
        .arg(x, e, conn.notANumberExpr(columnRef(conn, c.source), c.type));
}

QString numberExpr(const WarehouseConnection &conn, const LiveColumn &c)
{
    return conn.numberExpr(columnRef(conn, c.source), c.type);
}

bool isNumeric(const LiveDatasetInfo &info, const LiveColumn &c)
{
    if (c.categorical || c.role == roleName(ColumnRole::Target))
        return false;
    return isNumberType(info.engine, c.type) || !c.role.isEmpty();
}

const LiveColumn *targetColumn(const LiveDatasetInfo &info)
{
    return roleColumn(info, ColumnRole::Target);
}

QString levelExpr(const WarehouseConnection &conn, const LiveDatasetInfo &info, const LiveColumn &c)
{
    if (c.name == kAgeBandColumn) {
        if (const LiveColumn *age = ageColumn(info))
            return ageBandExpr(conn, info, *age);
    }
    if (c.name == kPreviouslyContactedColumn && c.source.isEmpty())
        return previouslyContactedExpr(conn, info);
    return conn.categoryExpr(columnRef(conn, c.source));
}

QList<const LiveColumn *> rowHashColumns(const LiveDatasetInfo &info)
{
    // The columns an analysis reads (LiveModel::schema's), as a local frame holds them.
    QStringList names;
    std::vector<bool> derived;
    for (const LiveColumn &c : info.columns) {
        if (c.role != roleName(ColumnRole::Target) && (c.categorical || isNumeric(info, c))) {
            names << c.name;
            derived.push_back(c.source.isEmpty());
        }
    }
    QList<const LiveColumn *> out;
    for (const QString &name : RowHash::columns(names, derived))
        out << info.column(name);
    return out;
}

QString rowHashBucketExpr(const WarehouseConnection &conn, const QList<const LiveColumn *> &columns,
                          const QStringList &values, const QString &y)
{
    const QString empty = conn.quoteLiteral(QString());
    const QString separator = conn.quoteLiteral(QString(QLatin1Char(RowHash::kSeparator)));
    // Typed as doubles: ClickHouse reads an integral literal as an integer, and its greatest()
    // takes no mix of the two.
    const auto number = [&](double v) { return conn.toDouble(conn.doubleLiteral(v)); };
    QStringList parts;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const QString value =
            columns[i]->categorical
                ? values[i]
                : conn.integerText(QStringLiteral("least(greatest(floor(%1 * %2 + 0.5), %3), %4)")
                                       .arg(values[i], number(RowHash::kScale),
                                            number(-RowHash::kLimit), number(RowHash::kLimit)));
        parts << QStringLiteral("coalesce(%1, %2)").arg(value, empty) << separator;
    }
    parts << QStringLiteral("coalesce(%1, %2)").arg(conn.textExpr(y), empty);
    return conn.md5Bucket(QStringLiteral("(%1)").arg(parts.join(QStringLiteral(" || "))));
}

} // namespace WarehouseSql

namespace {

using WarehouseSql::columnRef;
using WarehouseSql::levelExpr;
using WarehouseSql::tableRef;

} // namespace

namespace LiveDataset {

LiveTableDescription describe(WarehouseConnection &conn, const LiveTableRequest &request,
                              const ProgressCallback &progress)
{
    LiveTableDescription d;
    LiveDatasetInfo &info = d.info;
    auto fail = [&d](const QString &why) {
        d.error = why;
        return d;
    };
    info.engine = conn.engineId();
    info.table = request.table;
    info.query = request.query;
    info.name = request.name.isEmpty() ? request.table : request.name;
    const QString quotedTable = conn.quoteIdentifier(request.table);
    const WarehouseRows cols =
        request.query.isEmpty()
            ? conn.queryShaped(conn.columnsSql(request.table),
                               QStringLiteral("reading the columns of table %1").arg(quotedTable),
                               2, -1, progress)
            : conn.queryColumns(request.query,
                                QStringLiteral("reading the columns of query %1").arg(quotedTable));
    if (cols.ok && cols.rows.empty())
        return fail(conn.engine() + QStringLiteral(": table %1 has no columns, or there is no "
                                                   "such table")
                                        .arg(quotedTable));
    if (!cols.ok) {
        d.error = cols.error;
        return d;
    }
    QStringList header, types;
    for (const QStringList &row : cols.rows) {
        header << row[0];
        types << row[1];
    }
    const LayoutMatch match = LayoutMatcher::match(header, request.roleOverrides);
    if (!match.ok()) {
        d.error = QStringLiteral("%1: table %2: %3").arg(conn.engine(), quotedTable, match.error);
        return d;
    }
    bool hasAge = false, hasPdays = false;
    for (int i = 0; i < match.columns.size(); ++i) {
        const ColumnMapping &m = match.columns[i];
        LiveColumn c;
        c.source = m.sourceName;
        c.name = m.name;
        c.role = roleName(m.role);
        c.type = types[i];
        c.categorical =
            m.role == ColumnRole::None ? conn.isTextType(c.type) : isCategoricalRole(m.role);
        hasAge = hasAge || m.role == ColumnRole::Age;
        hasPdays = hasPdays || m.role == ColumnRole::Pdays;
        info.columns << c;
    }
    if (hasAge) {
        LiveColumn band;
        band.name = kAgeBandColumn;
        band.type = QStringLiteral("derived");
        band.categorical = true;
        band.levels = request.ageBands.labels();
        info.columns << band;
    }
    if (hasPdays) {
        LiveColumn contacted;
        contacted.name = kPreviouslyContactedColumn;
        contacted.type = QStringLiteral("derived");
        contacted.categorical = true;
        contacted.levels = QStringList{QStringLiteral("no"), QStringLiteral("yes")};
        info.columns << contacted;
    }
    // Each numeric column's values outside its plausible range, first: a column with none is
    // not checked per row, by the queries below and while the table keeps its fingerprint.
    // The fingerprint before it, too: a table that changes during the connect keeps no flag.
    QString error, unchanged;
    QStringList implausible;
    QList<LiveColumn *> numeric;
    for (LiveColumn &c : info.columns) {
        if (!c.source.isEmpty() && WarehouseSql::isNumeric(info, c)) {
            numeric << &c;
            implausible << conn.aggregateIf(QStringLiteral("count"), QStringLiteral("*"),
                                            QStringLiteral("NOT ") +
                                                WarehouseSql::plausibleExpr(conn, c));
        }
    }
    if (!numeric.isEmpty()) {
        unchanged = fingerprint(conn, info, &error, progress);
        if (unchanged.isEmpty()) {
            d.error = error;
            return d;
        }
        const WarehouseRows found =
            conn.queryShaped(QStringLiteral("SELECT %1 FROM %2")
                                 .arg(implausible.join(QStringLiteral(", ")),
                                      tableRef(conn, request.table, request.query)),
                             QStringLiteral("checking the numbers of table %1").arg(quotedTable),
                             int(implausible.size()), 1, progress);
        if (!found.ok) {
            d.error = found.error;
            return d;
        }
        for (qsizetype i = 0; i < numeric.size(); ++i)
            numeric[i]->plausible = found.rows[0][i].toLongLong() == 0;
    }
    const QString y = WarehouseSql::targetExpr(conn, info);
    // Levels in the order of first appearance (an import numbers them so); a view, or an
    // engine with no physical row order, has its levels sorted by label instead.
    for (LiveColumn &c : info.columns) {
        if (!c.categorical || c.source.isEmpty())
            continue; // derived: age_band, previously_contacted
        const QString expr = conn.categoryExpr(columnRef(conn, c.source));
        const QString purpose =
            QStringLiteral("reading the levels of column %1").arg(conn.quoteIdentifier(c.source));
        auto levelsBy = [&](const QString &order) {
            return conn.queryShaped(QStringLiteral("SELECT %1 FROM %2 WHERE %3 IS NOT NULL "
                                                   "GROUP BY %1 ORDER BY %4 LIMIT %5")
                                        .arg(expr, tableRef(conn, request.table, request.query), y,
                                             order, QString::number(kMaxFreeTextLevels + 1)),
                                    purpose, 1, -1, progress);
        };
        const QString first = conn.firstAppearanceExpr(kRow);
        WarehouseRows levels = levelsBy(first.isEmpty() ? expr : first);
        if (!levels.ok && !levels.cancelled && !first.isEmpty())
            levels = levelsBy(expr);
        if (!levels.ok) {
            d.error = levels.error;
            return d;
        }
        if (c.role.isEmpty() && levels.rows.size() > size_t(kMaxFreeTextLevels)) {
            c.categorical = false; // free text, as the import leaves it out
            d.warnings << QStringLiteral("column '%1' has more than %2 distinct values: kept "
                                         "out of the segments as free text")
                              .arg(c.source, QString::number(kMaxFreeTextLevels));
            continue;
        }
        for (const QStringList &row : levels.rows)
            c.levels << row[0];
    }
    const WarehouseRows counts = conn.queryShaped(
        QStringLiteral("SELECT count(%1), coalesce(sum(%1), 0) FROM %2")
            .arg(y, tableRef(conn, request.table, request.query)),
        QStringLiteral("counting the clients of table %1").arg(quotedTable), 2, 1, progress);
    if (!counts.ok) {
        d.error = counts.error;
        return d;
    }
    info.rows = counts.rows[0][0].toLongLong();
    info.subscribers = counts.rows[0][1].toLongLong();
    info.fingerprint = fingerprint(conn, info, &error, progress);
    if (info.fingerprint.isEmpty()) {
        d.error = error;
        return d;
    }
    if (!numeric.isEmpty())
        info = asOfFingerprint(info, unchanged);
    d.ok = true;
    return d;
}

LiveDatasetInfo asOfFingerprint(const LiveDatasetInfo &info, const QString &now)
{
    if (!now.isEmpty() && now == info.fingerprint)
        return info;
    LiveDatasetInfo checked = info;
    for (LiveColumn &c : checked.columns)
        c.plausible = false;
    return checked;
}

QString fingerprint(WarehouseConnection &conn, const LiveDatasetInfo &info, QString *error,
                    const ProgressCallback &progress, qint64 *bytes)
{
    // One pass: the row count and a sum of the rows' hashes (order-free, so a table rewritten
    // in another order with the same rows keeps its fingerprint).
    QStringList refs;
    for (const LiveColumn &c : info.columns) {
        if (!c.source.isEmpty())
            refs << columnRef(conn, c.source);
    }
    const WarehouseRows r = conn.queryShaped(
        QStringLiteral("SELECT count(*), %1 FROM %2")
            .arg(conn.checksumExpr(kRow, refs), tableRef(conn, info.table, info.query)),
        QStringLiteral("reading the fingerprint of table %1").arg(conn.quoteIdentifier(info.table)),
        2, 1, progress);
    if (!r.ok) {
        if (error)
            *error = r.error;
        return {};
    }
    if (bytes)
        *bytes += r.bytes;
    return r.rows[0][0] + QLatin1Char(':') + r.rows[0][1];
}

LiveRows firstRows(WarehouseConnection &conn, const LiveDatasetInfo &info,
                   const TableFilter &filter, const TableSort &sort, int limit,
                   const ProgressCallback &progress)
{
    LiveRows out;
    const auto column = [&](const QString &name) -> const LiveColumn * {
        for (const LiveColumn &c : info.columns)
            if (!c.source.isEmpty() && c.source == name)
                return &c;
        out.rows.error =
            QStringLiteral("%1: table %2 has no column %3")
                .arg(conn.engine(), conn.quoteIdentifier(info.table), conn.quoteIdentifier(name));
        return nullptr;
    };
    const QString from = tableRef(conn, info.table, info.query);
    QString where;
    if (filter.isActive()) {
        const LiveColumn *c = column(filter.column);
        if (!c)
            return out;
        const QString ref = columnRef(conn, c->source);
        bool number = false;
        const double value = filter.value.trimmed().toDouble(&number);
        if (filter.op == TableFilter::Op::Contains)
            where = conn.containsExpr(conn.textExpr(ref), conn.quoteLiteral(filter.value));
        else if (number && conn.isNumberType(c->type) && std::isfinite(value))
            where = QStringLiteral("%1 = %2").arg(ref, conn.doubleLiteral(value));
        else
            where =
                QStringLiteral("%1 = %2").arg(conn.textExpr(ref), conn.quoteLiteral(filter.value));
        where = QStringLiteral(" WHERE ") + where;
    }
    // Every source column by name: ClickHouse's answers carry no column names.
    QStringList names, refs;
    for (const LiveColumn &c : info.columns)
        if (!c.source.isEmpty()) {
            names << c.source;
            refs << columnRef(conn, c.source);
        }
    QString order;
    if (sort.isActive()) {
        const LiveColumn *c = column(sort.column);
        if (!c)
            return out;
        // Ties by every other column, so that the first rows of a column with many equal
        // values are the same rows each time (an engine returns ties in any order, and a
        // sharded one in a different order from one run to the next).
        QStringList keys{QStringLiteral("%1 %2").arg(columnRef(conn, c->source),
                                                     sort.descending ? QStringLiteral("DESC")
                                                                     : QStringLiteral("ASC"))};
        for (qsizetype i = 0; i < names.size(); ++i)
            if (names[i] != c->source)
                keys << refs[i];
        order = QStringLiteral(" ORDER BY ") + keys.join(QStringLiteral(", "));
    }
    const QString what = conn.quoteIdentifier(info.table);
    out.sql = QStringLiteral("SELECT %1 FROM %2%3%4 LIMIT %5")
                  .arg(refs.join(QStringLiteral(", ")), from, where, order,
                       QString::number(std::max(limit, 0)));
    out.rows = conn.queryShaped(out.sql, QStringLiteral("reading rows of %1").arg(what),
                                int(names.size()), -1, progress);
    out.rows.columns = names;
    if (!out.rows.ok || where.isEmpty())
        return out;
    const WarehouseRows n = conn.queryShaped(
        QStringLiteral("SELECT count(*) FROM %1%2").arg(from, where),
        QStringLiteral("counting the matching rows of %1").arg(what), 1, 1, progress);
    if (!n.ok) {
        out.rows.ok = false;
        out.rows.error = n.error;
        return out;
    }
    out.matching = n.rows.at(0).at(0).toLongLong();
    return out;
}

LiveView view(const WarehouseConnection &conn, const LiveDatasetInfo &info)
{
    LiveView v;
    QStringList select;
    const auto add = [&](const QString &expr, const QString &name, bool categorical) {
        select << QStringLiteral("%1 AS cl_v%2").arg(expr, QString::number(v.names.size()));
        v.names << name;
        v.categorical << categorical;
    };
    for (const LiveColumn &c : info.columns) {
        if (c.role == roleName(ColumnRole::Target)) {
            v.target = c.name;
            add(WarehouseSql::targetExpr(conn, info), c.name, false);
        } else if (c.categorical) {
            add(levelExpr(conn, info, c), c.name, true);
        } else if (WarehouseSql::isNumeric(info, c) && c.role != roleName(ColumnRole::Pdays)) {
            add(WarehouseSql::numberExpr(conn, c), c.name, false);
        }
    }
    v.rows.from = tableRef(conn, info.table, info.query);
    const qsizetype y = v.names.indexOf(v.target);
    v.rows.add(select, {QStringLiteral("cl_v%1 IS NOT NULL").arg(y)});
    return v;
}

QMap<QString, SegmentResult> levelCounts(WarehouseConnection &conn, const LiveDatasetInfo &info,
                                         QString *error, const ProgressCallback &progress)
{
    const LiveView v = view(conn, info);
    QStringList keys, names;
    std::vector<std::vector<int>> sets;
    std::vector<QStringList> levels;
    for (qsizetype i = 0; i < v.names.size(); ++i) {
        if (!v.categorical[i])
            continue;
        sets.push_back({int(keys.size())});
        keys << QStringLiteral("cl_v%1").arg(i);
        names << v.names[i];
        levels.push_back(info.column(v.names[i])->levels);
    }
    QMap<QString, SegmentResult> out;
    if (keys.isEmpty())
        return out;
    const QString y = QStringLiteral("cl_v%1").arg(v.names.indexOf(v.target));
    const int nk = int(keys.size());
    const WarehouseRows rows = conn.queryShaped(
        conn.groupingSetsSql(v.rows, keys, sets,
                             {QStringLiteral("count(*)"), QStringLiteral("sum(%1)").arg(y)}),
        QStringLiteral("counting the levels of table %1").arg(conn.quoteIdentifier(info.table)),
        2 * nk + 2, -1, progress);
    if (!rows.ok) {
        *error = rows.error;
        return {};
    }
    std::vector<std::vector<SegmentCell>> cells(static_cast<size_t>(nk));
    for (const QStringList &row : rows.rows) {
        int key = -1;
        for (int i = 0; i < nk; ++i)
            if (row[i] == QLatin1String("0"))
                key = i;
        if (key < 0)
            continue;
        SegmentCell cell;
        const QString &label = row[nk + key];
        int code = -1;
        if (!label.isNull()) {
            QStringList &known = levels[size_t(key)];
            code = int(known.indexOf(label));
            if (code < 0) {
                code = int(known.size());
                known << label; // new since the table was connected
            }
        }
        cell.codes.push_back(code);
        cell.clients = row[2 * nk].toLongLong();
        cell.subscribers = row[2 * nk + 1].toLongLong();
        cells[size_t(key)].push_back(std::move(cell));
    }
    for (int i = 0; i < nk; ++i) {
        SegmentQuery query;
        query.by = {names[i]};
        query.minN = 0;
        out.insert(names[i], SegmentEngine::fromCells(query, {levels[size_t(i)]},
                                                      std::move(cells[size_t(i)])));
    }
    return out;
}

QString segmentSql(const WarehouseConnection &conn, const LiveDatasetInfo &info,
                   const SegmentQuery &query, QString *error)
{
    const int dims = int(query.by.size());
    if (dims < 1 || dims > SegmentEngine::kMaxDimensions) {
        *error = QStringLiteral("segment by 1 to %1 columns, not %2")
                     .arg(SegmentEngine::kMaxDimensions)
                     .arg(dims);
        return {};
    }
    auto categorical = [&](const QString &name, const LiveColumn **out) {
        const LiveColumn *c = info.column(name);
        if (!c || !c->categorical) {
            *error = c ? QStringLiteral("column '%1' is numeric; segment by a categorical column "
                                        "(%2)")
                             .arg(name, categoricalNames(info))
                       : QStringLiteral("no column '%1' (categorical columns: %2)")
                             .arg(name, categoricalNames(info));
            return false;
        }
        *out = c;
        return true;
    };
    // Two levels: the rows are first counted, with their subscribers, by the raw values of
    // the dimensions (the age band, a cheap CASE, is made there), and the cleaning expressions
    // of the dimensions then run once per group of the raw values instead of once per row.
    // Where the values are spelled one way (the bank files) the inner groups are the
    // segments themselves, so no shard sends more rows than there are segments. The inner
    // query names the raw columns as the table does, under the same alias, so the level
    // expressions read them unchanged. The target and the filters are read per row there.
    QStringList innerSelect, innerGroups, innerNames;
    const QString count = QStringLiteral("cl_n");
    const QString positives = QStringLiteral("cl_s");
    const QString band = QStringLiteral("cl_age_band");
    const QString contacted = QStringLiteral("cl_contacted");
    for (const LiveColumn &c : info.columns) {
        if (c.source == count || c.source == positives || c.source == band ||
            c.source == contacted) {
            *error = QStringLiteral("a column may not be named %1, %2, %3 or %4 for segments")
                         .arg(count, positives, band, contacted);
            return {};
        }
    }
    const LiveColumn *age = ageColumn(info);
    QStringList select, groups;
    for (int d = 0; d < dims; ++d) {
        const LiveColumn *c = nullptr;
        if (!categorical(query.by[d], &c))
            return {};
        for (int e = 0; e < d; ++e) {
            if (query.by[e] == query.by[d]) {
                *error = QStringLiteral("column '%1' named twice").arg(c->name);
                return {};
            }
        }
        // The expression, not its alias, is grouped by: PostgreSQL reads a name in GROUP BY
        // as the table's column first, and a table may have a column d0.
        QString level;
        if (c->name == kAgeBandColumn && age) {
            const QString expr = ageBandExpr(conn, info, *age);
            innerSelect << QStringLiteral("%1 AS %2").arg(expr, band);
            innerGroups << expr;
            level = kRow + QLatin1Char('.') + band;
        } else if (c->name == kPreviouslyContactedColumn && c->source.isEmpty()) {
            const QString expr = previouslyContactedExpr(conn, info);
            innerSelect << QStringLiteral("%1 AS %2").arg(expr, contacted);
            innerGroups << expr;
            level = kRow + QLatin1Char('.') + contacted;
        } else {
            const QString ref = columnRef(conn, c->source);
            if (!innerNames.contains(c->source)) {
                innerNames << c->source;
                innerSelect << QStringLiteral("%1 AS %2").arg(ref, conn.quoteIdentifier(c->source));
                innerGroups << ref;
            }
            level = levelExpr(conn, info, *c);
        }
        select << QStringLiteral("%1 AS d%2").arg(level, QString::number(d));
        groups << level;
    }
    const QString y = WarehouseSql::targetExpr(conn, info);
    QStringList where{y + QStringLiteral(" IS NOT NULL")};
    for (const SegmentFilter &f : query.filters) {
        const LiveColumn *c = nullptr;
        if (!categorical(f.column, &c))
            return {};
        const QString expr = levelExpr(conn, info, *c);
        QStringList any, literals;
        for (const QString &label : f.labels) {
            // As SegmentEngine::filterMasks: "(missing)" selects missing values (NULL) and
            // the level an empty field gets.
            if (label == SegmentEngine::missingLabel()) {
                any << expr + QStringLiteral(" IS NULL");
                if (!c->levels.contains(label))
                    continue;
            } else if (!c->levels.contains(label)) {
                *error = QStringLiteral("'%1' is no value of '%2' (values: %3)")
                             .arg(label, c->name, c->levels.join(QStringLiteral(", ")));
                return {};
            }
            literals << conn.quoteLiteral(label);
        }
        if (!literals.isEmpty())
            any << QStringLiteral("%1 IN (%2)").arg(expr, literals.join(QStringLiteral(", ")));
        where << QLatin1Char('(') + any.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    }
    const QString inner =
        QStringLiteral("(SELECT %1, count(*) AS %2, sum(%3) AS %4 FROM %5 WHERE %6 GROUP BY %7) "
                       "AS %8")
            .arg(innerSelect.join(QStringLiteral(", ")), count, y, positives,
                 tableRef(conn, info.table, info.query), where.join(QStringLiteral(" AND ")),
                 innerGroups.join(QStringLiteral(", ")), kRow);
    const QString row = kRow + QLatin1Char('.');
    return QStringLiteral("SELECT %1, sum(%2), sum(%3) FROM %4 GROUP BY %5")
        .arg(select.join(QStringLiteral(", ")), row + count, row + positives, inner,
             groups.join(QStringLiteral(", ")));
}

LiveSegments segments(WarehouseConnection &conn, const LiveDatasetInfo &info,
                      const SegmentQuery &query, const ProgressCallback &progress)
{
    QElapsedTimer timer;
    timer.start();
    LiveSegments out;
    out.result.query = query;
    QString error;
    out.sql = segmentSql(conn, info, query, &error);
    if (out.sql.isEmpty()) {
        out.result.error = error;
        return out;
    }
    const QString now = fingerprint(conn, info, &error, progress, &out.bytes);
    if (now.isEmpty()) {
        out.result.error = error;
        return out;
    }
    if (now != info.fingerprint) {
        out.changed = QStringLiteral("table %1 changed since it was connected (fingerprint %2, "
                                     "now %3): the segments count today's rows")
                          .arg(conn.quoteIdentifier(info.table), info.fingerprint, now);
        out.sql = segmentSql(conn, asOfFingerprint(info, now), query, &error);
    }
    const WarehouseRows rows = conn.queryShaped(
        out.sql,
        QStringLiteral("counting the segments of table %1").arg(conn.quoteIdentifier(info.table)),
        int(query.by.size()) + 2, -1, progress);
    if (!rows.ok) {
        out.result.error = rows.error;
        return out;
    }
    out.bytes += rows.bytes;
    const int dims = int(query.by.size());
    std::vector<QStringList> levels;
    for (const QString &name : query.by)
        levels.push_back(info.column(name)->levels);
    QStringList newLevels;
    std::vector<SegmentCell> cells;
    cells.reserve(rows.rows.size());
    for (const QStringList &row : rows.rows) {
        SegmentCell cell;
        for (int d = 0; d < dims; ++d) {
            const QString &label = row[d];
            int code = -1;
            if (!label.isNull()) {
                code = int(levels[size_t(d)].indexOf(label));
                if (code < 0) {
                    code = int(levels[size_t(d)].size());
                    levels[size_t(d)] << label;
                    newLevels << QStringLiteral("%1=%2").arg(query.by[d], label);
                }
            }
            cell.codes.push_back(code);
        }
        cell.clients = row[dims].toLongLong();
        cell.subscribers = row[dims + 1].toLongLong();
        cells.push_back(std::move(cell));
    }
    out.result = SegmentEngine::fromCells(query, levels, std::move(cells));
    if (!newLevels.isEmpty())
        out.result.warnings << QStringLiteral("values not seen when the table was connected: %1")
                                   .arg(newLevels.join(QStringLiteral(", ")));
    out.result.seconds = double(timer.nsecsElapsed()) / 1e9;
    return out;
}

LiveQuality quality(WarehouseConnection &conn, const LiveDatasetInfo &info,
                    const ProgressCallback &progress)
{
    LiveQuality out;
    const QString table = conn.quoteIdentifier(info.table);
    QString error;
    const QString now = fingerprint(conn, info, &error, progress, &out.bytes);
    ++out.queries;
    if (now.isEmpty()) {
        out.error = error;
        return out;
    }
    if (now != info.fingerprint)
        out.changed = QStringLiteral("table %1 changed since it was info (fingerprint %2, "
                                     "now %3): the figures are today's")
                          .arg(table, info.fingerprint, now);
    // The rows an import reads are those it accepts; every figure is over them. Each row's
    // values computed once (on ClickHouse, WITH aliases: the conditions written out in every
    // aggregate passed its largest query size), and whether the row is read from them: every
    // number is checked here whatever the table's fingerprint.
    StagedRows perRow;
    perRow.from = tableRef(conn, info.table, info.query);
    QStringList values;
    const QString read = QStringLiteral("cl_qy IS NOT NULL");
    QStringList sums{
        QStringLiteral("count(*)"),
        conn.aggregateIf(QStringLiteral("count"), QStringLiteral("*"), read),
        QStringLiteral("coalesce(%1, 0)")
            .arg(conn.aggregateIf(QStringLiteral("sum"), QStringLiteral("cl_qy"), read))};
    struct Slots
    {
        int first = 0; ///< index of its first figure in the answer
        enum class Kind
        {
            Target,
            Categorical,
            Number,
            Text
        } kind = Kind::Text;
    };
    std::vector<Slots> slots;
    QStringList refs;
    // As an import, which rejects a row at its first column in order that it cannot read: the
    // conditions of the columns before, met.
    QStringList before, plausibles;
    for (const LiveColumn &c : info.columns) {
        if (c.source.isEmpty())
            continue; // derived (age_band): no column of the table
        refs << columnRef(conn, c.source);
        Slots s;
        s.first = int(sums.size());
        const QString n = QString::number(slots.size());
        if (c.role == roleName(ColumnRole::Target)) {
            s.kind = Slots::Kind::Target;
            values << WarehouseSql::readableTargetExpr(conn, info) + QStringLiteral(" AS cl_qr");
            before << QStringLiteral("cl_qr IS NOT NULL");
        } else if (c.categorical) {
            s.kind = Slots::Kind::Categorical;
            const QString label = QStringLiteral("cl_ql") + n;
            values << levelExpr(conn, info, c) + QStringLiteral(" AS ") + label;
            for (const QString &level : {kMissingLevel, QStringLiteral("unknown")})
                sums << conn.aggregateIf(
                    QStringLiteral("count"), QStringLiteral("*"),
                    QStringLiteral("%1 AND %2 = %3").arg(read, label, conn.quoteLiteral(level)));
            sums << conn.countDistinctIf(label, read);
        } else if (WarehouseSql::isNumeric(info, c)) {
            s.kind = Slots::Kind::Number;
            const QString x = QStringLiteral("cl_qx") + n, plausible = QStringLiteral("cl_qp") + n;
            values << WarehouseSql::numberExpr(conn, c) + QStringLiteral(" AS ") + x
                   << WarehouseSql::plausibleExpr(conn, c) + QStringLiteral(" AS ") + plausible;
            const QString there = QStringLiteral("%1 AND %2 IS NOT NULL").arg(read, x);
            sums << conn.aggregateIf(QStringLiteral("count"), QStringLiteral("*"), there)
                 << conn.aggregateIf(QStringLiteral("min"), x, there)
                 << conn.aggregateIf(QStringLiteral("max"), x, there)
                 << conn.aggregateIf(QStringLiteral("sum"), x, there)
                 << conn.aggregateIf(QStringLiteral("count"), QStringLiteral("*"),
                                     QStringLiteral("%1 AND %2 <> floor(%2)").arg(there, x));
            // The rows rejected for this column's value.
            sums << conn.aggregateIf(
                QStringLiteral("count"), QStringLiteral("*"),
                (before + QStringList{QStringLiteral("NOT ") + plausible}).join(u" AND "));
            before << plausible;
            plausibles << plausible;
        } else {
            const QString text = QStringLiteral("cl_qt") + n;
            values << conn.categoryExpr(columnRef(conn, c.source)) + QStringLiteral(" AS ") + text;
            sums << conn.aggregateIf(
                QStringLiteral("count"), QStringLiteral("*"),
                QStringLiteral("%1 AND %2 = %3").arg(read, text, conn.quoteLiteral(kMissingLevel)));
        }
        slots.push_back(s);
    }
    perRow.add(values);
    perRow.add({plausibles.isEmpty()
                    ? QStringLiteral("cl_qr AS cl_qy")
                    : QStringLiteral("(CASE WHEN %1 THEN cl_qr ELSE NULL END) AS cl_qy")
                          .arg(plausibles.join(QStringLiteral(" AND ")))});
    const QString from = perRow.from;
    const WarehouseRows r =
        conn.queryShaped(conn.aggregateSql(perRow, sums),
                         QStringLiteral("reading the quality figures of table %1").arg(table),
                         int(sums.size()), 1, progress);
    ++out.queries;
    if (!r.ok) {
        out.error = r.error;
        return out;
    }
    out.bytes += r.bytes;
    const WarehouseRows distinct = conn.queryShaped(
        conn.distinctRowsSql(
            from, refs,
            QStringLiteral("(%1) IS NOT NULL").arg(WarehouseSql::targetExpr(conn, info))),
        QStringLiteral("counting the duplicate rows of table %1").arg(table), 1, 1, progress);
    ++out.queries;
    if (!distinct.ok) {
        out.error = distinct.error;
        return out;
    }
    out.bytes += distinct.bytes;

    const QStringList &v = r.rows[0];
    auto count = [&](int i) { return v[i].toLongLong(); };
    QualitySummary &q = out.summary;
    q.dataLines = count(0);
    q.rowsRead = count(1);
    q.rowsRejected = q.dataLines - q.rowsRead;
    q.subscribers = count(2);
    q.duplicates = q.rowsRead - distinct.rows[0][0].toLongLong();
    std::vector<ColumnFacts> facts;
    size_t at = 0;
    for (const LiveColumn &c : info.columns) {
        if (c.source.isEmpty())
            continue;
        const Slots &s = slots[at++];
        ColumnQuality cq;
        cq.name = c.name;
        cq.sourceName = c.source;
        cq.role = c.role;
        ColumnFacts f;
        f.pdaysSentinel = c.role == roleName(ColumnRole::Pdays);
        f.renamed = false; // a table's column is read under its own name
        switch (s.kind) {
        case Slots::Kind::Target:
            cq.type = QStringLiteral("target");
            cq.distinct = int(q.subscribers > 0) + int(q.rowsRead > q.subscribers);
            break;
        case Slots::Kind::Categorical:
            cq.type = QStringLiteral("categorical");
            cq.missing = count(s.first);
            cq.unknown = count(s.first + 1);
            cq.distinct = int(count(s.first + 2));
            break;
        case Slots::Kind::Number: {
            const qint64 numbers = count(s.first);
            const bool whole = conn.isIntegerType(c.type) ||
                               (!conn.isNumberType(c.type) && count(s.first + 4) == 0);
            cq.type = whole ? QStringLiteral("integer") : QStringLiteral("real");
            cq.missing = q.rowsRead - numbers;
            const PlausibleRange range = plausibleRange(roleFromName(c.role));
            f.implausible = count(s.first + 5);
            f.lowest = plausibleBoundText(range.lowest);
            f.highest = plausibleBoundText(range.highest);
            if (numbers > 0) {
                cq.min = v[s.first + 1].toDouble();
                cq.max = v[s.first + 2].toDouble();
                cq.mean = v[s.first + 3].toDouble() / double(numbers);
            }
            break;
        }
        case Slots::Kind::Text:
            cq.type = QStringLiteral("text");
            cq.missing = count(s.first);
            cq.analysed = false;
            break;
        }
        q.columns << cq;
        facts.push_back(f);
    }
    q.addWarnings(facts);
    out.ok = true;
    return out;
}

} // namespace LiveDataset

} // namespace cl
