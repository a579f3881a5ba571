// PgLiveDataset: the import's cleaning rules as PostgreSQL expressions, and one GROUP BY.
#include "PgLiveDataset.h"
#include "PgSql.h"

#include "data/AgeBands.h"
#include "import/LayoutMatcher.h"
#include "segments/SegmentEngine.h"

#include <QElapsedTimer>

namespace cl {

namespace {

/// The alias of the table's row in every query: a column of that name cannot shadow it,
/// since columns are always written alias-qualified.
const QString kRow = QStringLiteral("cl_row");
/// Above this many levels a text column with no role is free text (names, ids), as the
/// import leaves it out of the analyses.
constexpr int kMaxFreeTextLevels = 1000;

bool isTextType(const QString &type)
{
    return type == QLatin1String("text") || type.startsWith(QLatin1String("character")) ||
           type == QLatin1String("name") || type == QLatin1String("citext");
}

QString columnRef(const PgConnection &conn, const QString &source)
{
    return kRow + QLatin1Char('.') + conn.quoteIdentifier(source);
}

/// A category as the import labels it: whitespace simplified, lower case, empty "(missing)".
QString categoryExpr(const PgConnection &conn, const QString &source)
{
    return QStringLiteral("coalesce(nullif(lower(btrim(regexp_replace(%1::text, '\\s+', ' ', "
                          "'g'), ' ')), ''), %2)")
        .arg(columnRef(conn, source), conn.quoteLiteral(kMissingLevel));
}

/// The age band's label (AgeBands' default edges); NULL where the age is missing.
QString ageBandExpr(const PgConnection &conn, const LiveColumn &age)
{
    const QString number = PgSql::numberExpr(conn, age);
    const AgeBands bands;
    const QStringList labels = bands.labels();
    QString e = QStringLiteral("(CASE WHEN %1 IS NULL THEN NULL").arg(number);
    for (size_t i = 0; i < bands.edges().size(); ++i)
        e += QStringLiteral(" WHEN %1 < %2 THEN %3")
                 .arg(number)
                 .arg(bands.edges()[i])
                 .arg(conn.quoteLiteral(labels[int(i)]));
    return e + QStringLiteral(" ELSE %1 END)").arg(conn.quoteLiteral(labels.back()));
}

} // namespace

namespace PgSql {

bool isNumberType(const QString &type)
{
    static const QStringList numbers{QStringLiteral("smallint"),         QStringLiteral("integer"),
                                     QStringLiteral("bigint"),           QStringLiteral("real"),
                                     QStringLiteral("double precision"), QStringLiteral("numeric")};
    return numbers.contains(type) || type.startsWith(QLatin1String("numeric("));
}

QString tableRef(const PgConnection &conn, const QString &table)
{
    return conn.quoteIdentifier(table) + QStringLiteral(" AS ") + kRow;
}

QString targetExpr(const PgConnection &conn, const QString &source)
{
    return QStringLiteral("(CASE lower(btrim(%1::text, E' \\t\\r\\n')) WHEN 'yes' THEN 1 "
                          "WHEN '1' THEN 1 WHEN 'true' THEN 1 WHEN 'y' THEN 1 WHEN 'no' THEN 0 "
                          "WHEN '0' THEN 0 WHEN 'false' THEN 0 WHEN 'n' THEN 0 END)")
        .arg(columnRef(conn, source));
}

QString numberExpr(const PgConnection &conn, const LiveColumn &c)
{
    const QString ref = columnRef(conn, c.source);
    // NaN and the infinities are missing values, as the import reads them.
    return isNumberType(c.type)
               ? QStringLiteral("nullif(nullif(nullif(%1::float8, 'NaN'), 'Infinity'), "
                                "'-Infinity')")
                     .arg(ref)
               : QStringLiteral("(CASE WHEN btrim(%1::text) ~ '^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)"
                                "([eE][+-]?[0-9]+)?$' THEN btrim(%1::text)::float8 END)")
                     .arg(ref);
}

const LiveColumn *targetColumn(const LiveDatasetInfo &info)
{
    for (const LiveColumn &c : info.columns) {
        if (c.role == roleName(ColumnRole::Target))
            return &c;
    }
    return nullptr;
}

QString levelExpr(const PgConnection &conn, const LiveDatasetInfo &info, const LiveColumn &c)
{
    if (c.name == kAgeBandColumn) {
        for (const LiveColumn &a : info.columns) {
            if (a.role == roleName(ColumnRole::Age))
                return ageBandExpr(conn, a);
        }
    }
    return categoryExpr(conn, c.source);
}

} // namespace PgSql

namespace {

using PgSql::levelExpr;
using PgSql::tableRef;
using PgSql::targetColumn;
using PgSql::targetExpr;

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

namespace PgLiveDataset {

LiveTableDescription describe(PgConnection &conn, const LiveTableRequest &request,
                              const ProgressCallback &progress)
{
    LiveTableDescription d;
    LiveDatasetInfo &info = d.info;
    info.engine = QStringLiteral("postgresql");
    info.table = request.table;
    info.name = request.name.isEmpty() ? request.table : request.name;
    const QString quotedTable = conn.quoteIdentifier(request.table);
    const PgRows cols = conn.query(
        QStringLiteral("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                       "WHERE attrelid = %1::regclass AND attnum > 0 AND NOT attisdropped "
                       "ORDER BY attnum")
            .arg(conn.quoteLiteral(quotedTable)),
        QStringLiteral("reading the columns of table %1").arg(quotedTable), progress);
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
        d.error = QStringLiteral("%1: table %2: %3")
                      .arg(PgConnection::engineName(), quotedTable, match.error);
        return d;
    }
    bool hasAge = false;
    for (int i = 0; i < match.columns.size(); ++i) {
        const ColumnMapping &m = match.columns[i];
        LiveColumn c;
        c.source = m.sourceName;
        c.name = m.name;
        c.role = roleName(m.role);
        c.type = types[i];
        c.categorical = m.role == ColumnRole::None ? isTextType(c.type) : isCategoricalRole(m.role);
        hasAge = hasAge || m.role == ColumnRole::Age;
        info.columns << c;
    }
    if (hasAge) {
        LiveColumn band;
        band.name = kAgeBandColumn;
        band.type = QStringLiteral("derived");
        band.categorical = true;
        band.levels = AgeBands().labels();
        info.columns << band;
    }
    const LiveColumn *target = targetColumn(info);
    const QString y = targetExpr(conn, target->source);
    // Levels in the order of first appearance (an import numbers them so); a view has no
    // ctid, so its levels are sorted by label instead.
    for (LiveColumn &c : info.columns) {
        if (!c.categorical || c.name == kAgeBandColumn)
            continue;
        const QString expr = categoryExpr(conn, c.source);
        const QString purpose =
            QStringLiteral("reading the levels of column %1").arg(conn.quoteIdentifier(c.source));
        auto levelsBy = [&](const QString &order) {
            return conn.query(QStringLiteral("SELECT %1 AS level FROM %2 WHERE %3 IS NOT NULL "
                                             "GROUP BY 1 ORDER BY %4 LIMIT %5")
                                  .arg(expr, tableRef(conn, request.table), y, order)
                                  .arg(kMaxFreeTextLevels + 1),
                              purpose, progress);
        };
        PgRows levels = levelsBy(QStringLiteral("min(%1.ctid)").arg(kRow));
        if (!levels.ok && !levels.cancelled)
            levels = levelsBy(QStringLiteral("1"));
        if (!levels.ok) {
            d.error = levels.error;
            return d;
        }
        if (c.role.isEmpty() && levels.rows.size() > size_t(kMaxFreeTextLevels)) {
            c.categorical = false; // free text, as the import leaves it out
            d.warnings << QStringLiteral("column '%1' has more than %2 distinct values: kept "
                                         "out of the segments as free text")
                              .arg(c.source)
                              .arg(kMaxFreeTextLevels);
            continue;
        }
        for (const QStringList &row : levels.rows)
            c.levels << row[0];
    }
    const PgRows counts =
        conn.query(QStringLiteral("SELECT count(%1), coalesce(sum(%1), 0) FROM %2")
                       .arg(y, tableRef(conn, request.table)),
                   QStringLiteral("counting the clients of table %1").arg(quotedTable), progress);
    if (!counts.ok) {
        d.error = counts.error;
        return d;
    }
    info.rows = counts.rows[0][0].toLongLong();
    info.subscribers = counts.rows[0][1].toLongLong();
    QString error;
    info.fingerprint = fingerprint(conn, info, &error, progress);
    if (info.fingerprint.isEmpty()) {
        d.error = error;
        return d;
    }
    d.ok = true;
    return d;
}

QString fingerprint(PgConnection &conn, const LiveDatasetInfo &info, QString *error,
                    const ProgressCallback &progress)
{
    // One pass: the row count and a sum of the rows' hashes (order-free, so a table rewritten
    // in another order with the same rows keeps its fingerprint).
    const PgRows r = conn.query(
        QStringLiteral("SELECT count(*), coalesce(sum(hashtext(ROW(%1.*)::text)::numeric), 0) "
                       "FROM %2")
            .arg(kRow, tableRef(conn, info.table)),
        QStringLiteral("reading the fingerprint of table %1").arg(conn.quoteIdentifier(info.table)),
        progress);
    if (!r.ok) {
        if (error)
            *error = r.error;
        return {};
    }
    return r.rows[0][0] + QLatin1Char(':') + r.rows[0][1];
}

QString segmentSql(const PgConnection &conn, const LiveDatasetInfo &info, const SegmentQuery &query,
                   QString *error)
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
        select << QStringLiteral("%1 AS d%2").arg(levelExpr(conn, info, *c)).arg(d);
        groups << QStringLiteral("d%1").arg(d);
    }
    const LiveColumn *target = targetColumn(info);
    QStringList where{targetExpr(conn, target->source) + QStringLiteral(" IS NOT NULL")};
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
    return QStringLiteral("SELECT %1, count(*), sum(%2) FROM %3 WHERE %4 GROUP BY %5")
        .arg(select.join(QStringLiteral(", ")), targetExpr(conn, target->source),
             tableRef(conn, info.table), where.join(QStringLiteral(" AND ")),
             groups.join(QStringLiteral(", ")));
}

LiveSegments segments(PgConnection &conn, const LiveDatasetInfo &info, const SegmentQuery &query,
                      const ProgressCallback &progress)
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
    const QString now = fingerprint(conn, info, &error, progress);
    if (now.isEmpty()) {
        out.result.error = error;
        return out;
    }
    if (now != info.fingerprint)
        out.changed = QStringLiteral("table %1 changed since it was connected (fingerprint %2, "
                                     "now %3): the segments count today's rows")
                          .arg(conn.quoteIdentifier(info.table), info.fingerprint, now);
    const PgRows rows = conn.query(
        out.sql,
        QStringLiteral("counting the segments of table %1").arg(conn.quoteIdentifier(info.table)),
        progress);
    if (!rows.ok) {
        out.result.error = rows.error;
        return out;
    }
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

} // namespace PgLiveDataset

} // namespace cl
