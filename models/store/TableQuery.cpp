// Paged, sorted and filtered reads of a dataset's silver table, with category labels.
#include "TableQuery.h"

#include "ColumnStore.h"
#include "Database.h"
#include "Statement.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>

namespace cl {

namespace {

/// Escapes LIKE wildcards so that the user's text matches literally (ESCAPE '\').
QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

void bindAll(Statement &st, const QVariantList &params, int first = 1)
{
    for (int i = 0; i < params.size(); ++i)
        st.bindVariant(first + i, params[i]);
}

/// SQLite's type affinity of a declared column type (datatype3.html, section 3.1).
enum class Affinity
{
    Integer,
    Text,
    Blob,
    Real,
    Numeric
};

Affinity affinityOf(const QString &declared)
{
    const QString t = declared.toUpper();
    if (t.contains(QLatin1String("INT")))
        return Affinity::Integer;
    if (t.contains(QLatin1String("CHAR")) || t.contains(QLatin1String("CLOB")) ||
        t.contains(QLatin1String("TEXT")))
        return Affinity::Text;
    if (t.contains(QLatin1String("BLOB")) || t.isEmpty())
        return Affinity::Blob;
    if (t.contains(QLatin1String("REAL")) || t.contains(QLatin1String("FLOA")) ||
        t.contains(QLatin1String("DOUB")))
        return Affinity::Real;
    return Affinity::Numeric;
}

/// Doubles hold every integer below this exactly; an INTEGER column's values beyond it may
/// have been rounded on their way into the copy.
constexpr double kExactIntegers = 9007199254740992.0; // 2^53

/// One column of the columnar copy as a sort or a filter over all its rows needs it.
struct CopyColumn
{
    /// Per row: 0 = missing (SQL NULL); else a categorical's code + 1, or a number's
    /// index + 1 into `values`.
    std::vector<uint32_t> keys;
    std::vector<double> values; ///< a number column's distinct values, ascending
};

/// Reads `column` of the copy into keys, one pass over its chunks; the chunks' own tables of
/// distinct values are merged into one afterwards.
bool readCopyColumn(Database &db, const DatasetInfo &info, const QString &column, bool categorical,
                    CopyColumn *out, QString *why)
{
    out->keys.assign(size_t(info.rowsRead), 0);
    out->values.clear();
    struct Chunk
    {
        size_t first = 0;
        size_t rows = 0;
        std::vector<double> values;
    };
    std::vector<Chunk> chunks;
    const bool read = ColumnStore::readChunks(
        db, info, column,
        [&](const ColumnStore::ChunkSlots &chunk) {
            std::copy(chunk.slots.begin(), chunk.slots.end(),
                      out->keys.begin() + std::ptrdiff_t(chunk.firstRow));
            if (!categorical)
                chunks.push_back({size_t(chunk.firstRow), chunk.slots.size(), chunk.values});
            return true;
        },
        why);
    if (!read)
        return false;
    if (categorical)
        return true;
    std::vector<double> &all = out->values;
    for (const Chunk &c : chunks)
        all.insert(all.end(), c.values.begin(), c.values.end());
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end()); // -0.0 and 0.0 are one value
    for (const Chunk &c : chunks) {
        std::vector<uint32_t> global(c.values.size() + 1, 0);
        for (size_t k = 0; k < c.values.size(); ++k)
            global[k + 1] =
                uint32_t(std::lower_bound(all.begin(), all.end(), c.values[k]) - all.begin()) + 1;
        for (size_t r = c.first; r < c.first + c.rows; ++r)
            out->keys[r] = global[out->keys[r]];
    }
    return true;
}

/// The row ids of `rows` (rows of the copy, ascending, given by `forEachRow(visit)`) in the
/// order of their `rank` (0 = NULL, the lowest, as in SQLite), ties in row order: a stable
/// counting sort, one pass to count and one to place.
template <class ForEachRow>
std::vector<qint64> orderByRank(const std::vector<uint32_t> &rank, size_t rankCount,
                                bool descending, qint64 firstRowId, size_t rows,
                                const ForEachRow &forEachRow)
{
    std::vector<size_t> start(rankCount + 1, 0);
    forEachRow([&](size_t r) { ++start[rank[r]]; });
    size_t at = 0;
    const auto place = [&](size_t k) {
        const size_t count = start[k];
        start[k] = at;
        at += count;
    };
    if (descending) {
        for (size_t k = rankCount; k-- > 1;)
            place(k);
        place(0); // NULL last, as SQLite's DESC puts it
    } else {
        for (size_t k = 0; k < rankCount; ++k)
            place(k);
    }
    std::vector<qint64> order(rows);
    forEachRow([&](size_t r) { order[start[rank[r]]++] = firstRowId + qint64(r); });
    return order;
}

} // namespace

TableQuery::TableQuery(Database &db, const DatasetInfo &dataset)
    : m_db(db), m_dataset(dataset), m_table(Database::quoteIdentifier(dataset.silverTable())),
      m_rowId(Database::quoteIdentifier(dataset.rowIdColumn))
{
    for (const SilverColumn &c : dataset.columns) {
        m_columns << c.name;
        m_categorical.push_back(c.categorical);
        m_levels.emplace_back();
    }
    Statement levels(db, QStringLiteral("SELECT column_name, code, label FROM category_level "
                                        "WHERE dataset_id = ? ORDER BY column_name, code"));
    levels.bind(1, dataset.id);
    while (levels.step()) {
        const int column = int(m_columns.indexOf(levels.columnText(0)));
        const qint64 code = levels.columnInt64(1);
        if (column < 0 || code < 0 || code > 1'000'000)
            continue;
        QStringList &labels = m_levels[size_t(column)];
        while (labels.size() <= code)
            labels << QString();
        labels[code] = levels.columnText(2);
    }
    if (!levels.ok()) {
        m_error = levels.error();
        return;
    }
    // The extent from the row id's b-tree: min() and max() each alone are one seek, where
    // count(*) reads every page (0.1 s on 411,880 rows, 1 s on 4 million, and the window builds
    // this on the GUI thread). The import's row count stands in for count(*): rows added or
    // removed by another tool show as ends that do not match it, or as a short page in fetch(),
    // and the row ids are then listed.
    qint64 ends[2] = {1, 0};
    for (int i = 0; i < 2; ++i) {
        Statement end(
            db, QStringLiteral("SELECT %1(%2) FROM %3")
                    .arg(i == 0 ? QStringLiteral("min") : QStringLiteral("max"), m_rowId, m_table));
        if (!end.step()) {
            m_error =
                end.ok() ? QStringLiteral("cannot read the rows of %1").arg(m_table) : end.error();
            return;
        }
        if (!end.isNull(0))
            ends[i] = end.columnInt64(0);
    }
    m_minRowId = ends[0];
    m_rowCount = dataset.rowsRead;
    m_tableRows = m_rowCount;
    m_contiguous = ends[1] - ends[0] + 1 == m_rowCount;
    if (!m_contiguous)
        listAllRows();
}

void TableQuery::adoptOrder(std::vector<qint64> order, const TableFilter &filter,
                            const TableSort &sort, RowSource source, const QString &copyUnused)
{
    m_order = std::move(order);
    m_useOrder = true;
    m_rowCount = qint64(m_order.size());
    m_filter = filter;
    m_sort = sort;
    m_rowSource = source;
    m_copyUnused = copyUnused;
}

void TableQuery::listAllRows()
{
    m_contiguous = false;
    QString error;
    if (!setQuery({}, {}, &error))
        m_error = error;
}

bool TableQuery::isCategorical(int column) const
{
    return column >= 0 && column < columnCount() && m_categorical[size_t(column)];
}

QStringList TableQuery::levels(int column) const
{
    return isCategorical(column) ? m_levels[size_t(column)] : QStringList();
}

std::vector<int> TableQuery::matchingCodes(int column, const TableFilter &filter) const
{
    const QString value = filter.value.trimmed();
    const QStringList &labels = m_levels[size_t(column)];
    std::vector<int> codes;
    for (int code = 0; code < labels.size(); ++code) {
        const bool hit = filter.op == TableFilter::Op::Contains
                             ? labels[code].contains(value, Qt::CaseInsensitive)
                             : labels[code].compare(value, Qt::CaseInsensitive) == 0;
        if (hit)
            codes.push_back(code);
    }
    return codes;
}

std::vector<int> TableQuery::codesByLabel(int column) const
{
    const QStringList &labels = m_levels[size_t(column)];
    std::vector<int> codes(size_t(labels.size()));
    std::iota(codes.begin(), codes.end(), 0);
    std::stable_sort(codes.begin(), codes.end(), [&labels](int a, int b) {
        return labels[a].compare(labels[b], Qt::CaseInsensitive) < 0;
    });
    return codes;
}

bool TableQuery::buildCondition(const TableFilter &filter, Condition *out, QString *error,
                                const QString &value) const
{
    *out = {};
    if (!filter.isActive())
        return true;
    const int column = int(m_columns.indexOf(filter.column));
    if (column < 0) {
        if (error)
            *error =
                QStringLiteral("no column '%1' in dataset %2").arg(filter.column).arg(m_dataset.id);
        return false;
    }
    const QString q = value.isEmpty() ? Database::quoteIdentifier(m_columns[column]) : value;
    const QString text = filter.value.trimmed();
    if (m_categorical[size_t(column)]) {
        // Match labels here and filter on their codes, so the index-free scan stays integer.
        QStringList marks;
        for (const int code : matchingCodes(column, filter)) {
            marks << QStringLiteral("?");
            out->params << qint64(code);
        }
        out->sql = marks.isEmpty()
                       ? QStringLiteral("0")
                       : QStringLiteral("%1 IN (%2)").arg(q, marks.join(QLatin1Char(',')));
        return true;
    }
    if (filter.op == TableFilter::Op::Contains) {
        out->sql = QStringLiteral("CAST(%1 AS TEXT) LIKE ? ESCAPE '\\'").arg(q);
        out->params << likePattern(text);
        return true;
    }
    bool isNumber = false;
    const double number = QLocale::c().toDouble(text, &isNumber);
    out->sql = QStringLiteral("%1 = ?").arg(q);
    out->params << (isNumber ? QVariant(number) : QVariant(text));
    return true;
}

bool TableQuery::setQuery(const TableFilter &filter, const TableSort &sort, QString *error)
{
    Condition condition;
    if (!buildCondition(filter, &condition, error))
        return false;
    int sortColumn = -1;
    if (sort.isActive()) {
        sortColumn = int(m_columns.indexOf(sort.column));
        if (sortColumn < 0) {
            if (error)
                *error = QStringLiteral("no column '%1' in dataset %2")
                             .arg(sort.column)
                             .arg(m_dataset.id);
            return false;
        }
    }
    if (!filter.isActive() && sortColumn < 0 && m_contiguous) {
        m_rowCount = m_dataset.rowsRead; // the row ids are its range (see the constructor)
        m_order.clear();
        m_order.shrink_to_fit();
        m_useOrder = false;
        m_filter = filter;
        m_sort = sort;
        m_rowSource = RowSource::FileOrder;
        m_copyUnused.clear();
        return true;
    }

    QString copyUnused;
    if (m_planner == Planner::Auto && (filter.isActive() || sortColumn >= 0)) {
        const int filterColumn = filter.isActive() ? int(m_columns.indexOf(filter.column)) : -1;
        std::vector<qint64> order;
        if (orderFromCopy(filter, filterColumn, sortColumn, sort.descending, &order, &copyUnused)) {
            adoptOrder(std::move(order), filter, sort, RowSource::ColumnCopy, {});
            return true;
        }
    }

    QString key;
    if (sortColumn >= 0) {
        const QString q = Database::quoteIdentifier(m_columns[sortColumn]);
        if (m_categorical[size_t(sortColumn)]) {
            // Sort by label: rank the codes by their labels (integers of our own, no user text).
            const std::vector<int> codes = codesByLabel(sortColumn);
            key = QStringLiteral("CASE %1").arg(q);
            for (size_t rank = 0; rank < codes.size(); ++rank)
                key += QStringLiteral(" WHEN %1 THEN %2").arg(codes[rank]).arg(rank);
            key += QStringLiteral(" END");
            if (codes.empty())
                key = q;
        } else {
            key = q;
        }
        key += sort.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
        key += QStringLiteral(", ") + m_rowId;
    } else {
        key = m_rowId;
    }
    QString sql = QStringLiteral("SELECT %1 FROM %2").arg(m_rowId, m_table);
    if (!condition.sql.isEmpty())
        sql += QStringLiteral(" WHERE ") + condition.sql;
    sql += QStringLiteral(" ORDER BY ") + key;
    Statement st(m_db, sql);
    bindAll(st, condition.params);
    std::vector<qint64> order;
    order.reserve(size_t(filter.isActive() ? 1024 : std::max<qint64>(m_rowCount, 0)));
    while (st.step())
        order.push_back(st.columnInt64(0));
    if (!st.ok()) {
        if (error)
            *error = st.error();
        return false;
    }
    adoptOrder(std::move(order), filter, sort, RowSource::Sql, copyUnused);
    return true;
}

bool TableQuery::orderFromCopy(const TableFilter &filter, int filterColumn, int sortColumn,
                               bool descending, std::vector<qint64> *order, QString *why)
{
    const auto fail = [why](const QString &reason) {
        *why = reason;
        return false;
    };
    // Row i of the copy is the silver row with the i-th smallest row id: with contiguous ids
    // that is minRowId + i. (With gaps, mapping back would take a scan of the whole table.)
    if (!m_contiguous)
        return fail(QStringLiteral("the silver table's row ids have gaps"));
    if (m_tableRows != m_dataset.rowsRead)
        return fail(QStringLiteral("the silver table holds %1 rows, the dataset record %2")
                        .arg(m_tableRows)
                        .arg(m_dataset.rowsRead));
    if (m_tableRows > qint64(std::numeric_limits<uint32_t>::max()))
        return fail(QStringLiteral("more rows than a 32-bit row index holds"));

    // How SQLite stores and compares the values depends on each column's declared type.
    const auto affinity = [this](int column, Affinity *out) {
        Statement st(m_db, QStringLiteral("SELECT type FROM pragma_table_info(?) WHERE name = ?"));
        st.bind(1, m_dataset.silverTable());
        st.bind(2, m_columns[column]);
        if (!st.step())
            return false;
        *out = affinityOf(st.columnText(0));
        return true;
    };
    // Numbers and codes compare as numbers only in a column of numeric affinity (a TEXT one
    // would hold them as text), and equal doubles only mean equal SQLite values up to 2^53.
    const auto usable = [&](int column, const CopyColumn &c, Affinity a) -> QString {
        if (a == Affinity::Text || a == Affinity::Blob)
            return QStringLiteral("column %1 is not declared as a number").arg(m_columns[column]);
        if (m_categorical[size_t(column)] && m_levels[size_t(column)].isEmpty())
            return QStringLiteral("categorical column %1 has no labels").arg(m_columns[column]);
        if (a != Affinity::Real && !c.values.empty() &&
            (std::abs(c.values.front()) >= kExactIntegers ||
             std::abs(c.values.back()) >= kExactIntegers))
            return QStringLiteral("column %1 has integers beyond 2^53").arg(m_columns[column]);
        return {};
    };
    const size_t n = size_t(m_tableRows);

    std::vector<uint32_t> selected; // rows of the copy that pass the filter, ascending
    CopyColumn sortKeys;
    bool sortKeysRead = false;
    // A column of the copy, or why the copy cannot answer for it.
    const auto readUsable = [&](int column, CopyColumn *out, Affinity &a) -> QString {
        QString reason;
        if (!affinity(column, &a))
            return QStringLiteral("the declared type of %1 is unknown").arg(m_columns[column]);
        if (!readCopyColumn(m_db, m_dataset, m_columns[column], m_categorical[size_t(column)], out,
                            &reason))
            return reason;
        return usable(column, *out, a);
    };
    if (filterColumn >= 0) {
        CopyColumn c;
        Affinity a;
        if (const QString reason = readUsable(filterColumn, &c, a); !reason.isEmpty())
            return fail(reason);
        // Whether each key passes: decided once per label or distinct value, as the SQL
        // condition decides it (hit[0], NULL, never passes).
        std::vector<uint8_t> hit;
        if (m_categorical[size_t(filterColumn)]) {
            hit.assign(size_t(m_levels[size_t(filterColumn)].size()) + 1, 0);
            for (const int code : matchingCodes(filterColumn, filter))
                hit[size_t(code) + 1] = 1;
        } else {
            hit.assign(c.values.size() + 1, 0);
            Condition condition;
            // The condition itself, on each distinct value bound as the silver table stores
            // it: an INTEGER column keeps whole numbers as integers (5 is '5' as text), a
            // REAL one as reals ('5.0'). CAST(... AS NUMERIC) leaves a number as it is and
            // compares like the column (a text operand is converted where it looks numeric).
            if (!buildCondition(filter, &condition, why, QStringLiteral("CAST(?1 AS NUMERIC)")))
                return false;
            const bool numberEquals = filter.op == TableFilter::Op::Equals &&
                                      condition.params.value(0).typeId() == QMetaType::Double;
            if (numberEquals) {
                // A number against numbers: SQLite compares an integer below 2^53 and a real
                // exactly as two doubles compare (a NaN parameter binds as NULL: no match).
                const double number = condition.params.value(0).toDouble();
                for (size_t k = 0; k < c.values.size(); ++k)
                    hit[k + 1] = c.values[k] == number;
            } else {
                Statement st(m_db, QStringLiteral("SELECT ") + condition.sql);
                bindAll(st, condition.params, 2);
                for (size_t k = 0; k < c.values.size(); ++k) {
                    const double v = c.values[k];
                    if (a != Affinity::Real && v == std::trunc(v))
                        st.bind(1, qint64(v));
                    else
                        st.bind(1, v);
                    if (!st.step())
                        return fail(st.ok() ? QStringLiteral("no result") : st.error());
                    hit[k + 1] = !st.isNull(0) && st.columnInt64(0) != 0;
                    st.reset();
                }
            }
        }
        size_t matches = 0;
        for (size_t r = 0; r < n; ++r) {
            const uint32_t key = c.keys[r];
            matches += key < hit.size() && hit[key];
        }
        selected.reserve(matches);
        for (size_t r = 0; r < n; ++r) {
            const uint32_t key = c.keys[r];
            if (key < hit.size() && hit[key])
                selected.push_back(uint32_t(r));
        }
        if (filterColumn == sortColumn) {
            sortKeys = std::move(c);
            sortKeysRead = true;
        }
    }

    if (sortColumn < 0) {
        order->resize(selected.size());
        for (size_t i = 0; i < selected.size(); ++i)
            (*order)[i] = m_minRowId + qint64(selected[i]);
        return true;
    }
    if (!sortKeysRead) {
        Affinity a;
        if (const QString reason = readUsable(sortColumn, &sortKeys, a); !reason.isEmpty())
            return fail(reason);
    }
    // Keys become ranks in place: a number's key already is its rank among the distinct
    // values; a code takes its label's place (the SQL query's CASE), an unknown code NULL.
    std::vector<uint32_t> &rank = sortKeys.keys;
    size_t rankCount = sortKeys.values.size() + 1;
    if (m_categorical[size_t(sortColumn)]) {
        const std::vector<int> codes = codesByLabel(sortColumn);
        std::vector<uint32_t> rankOfKey(codes.size() + 1, 0);
        for (size_t place = 0; place < codes.size(); ++place)
            rankOfKey[size_t(codes[place]) + 1] = uint32_t(place) + 1;
        for (uint32_t &k : rank)
            k = k < rankOfKey.size() ? rankOfKey[k] : 0;
        rankCount = rankOfKey.size();
    }
    if (filterColumn >= 0) {
        *order = orderByRank(rank, rankCount, descending, m_minRowId, selected.size(),
                             [&selected](const auto &visit) {
                                 for (const uint32_t r : selected)
                                     visit(size_t(r));
                             });
    } else {
        *order = orderByRank(rank, rankCount, descending, m_minRowId, n, [n](const auto &visit) {
            for (size_t r = 0; r < n; ++r)
                visit(r);
        });
    }
    return true;
}

void TableQuery::adoptQuery(TableQuery &other)
{
    m_filter = other.m_filter;
    m_sort = other.m_sort;
    m_rowCount = other.m_rowCount;
    m_useOrder = other.m_useOrder;
    m_rowSource = other.m_rowSource;
    m_copyUnused = other.m_copyUnused;
    m_order = std::move(other.m_order);
    other.m_order.clear();
    other.m_useOrder = false;
    other.m_filter = {};
    other.m_sort = {};
}

qint64 TableQuery::count(const TableFilter &filter, QString *error)
{
    Condition condition;
    if (!buildCondition(filter, &condition, error))
        return -1;
    QString sql = QStringLiteral("SELECT count(*) FROM %1").arg(m_table);
    if (!condition.sql.isEmpty())
        sql += QStringLiteral(" WHERE ") + condition.sql;
    Statement st(m_db, sql);
    bindAll(st, condition.params);
    if (!st.step()) {
        if (error)
            *error = st.error();
        return -1;
    }
    return st.columnInt64(0);
}

std::vector<qint64> TableQuery::rowIds(qint64 offset, qint64 limit) const
{
    std::vector<qint64> ids;
    if (offset < 0 || limit <= 0 || offset >= m_rowCount)
        return ids;
    const qint64 end = std::min(m_rowCount, offset + limit);
    if (m_useOrder) {
        ids.assign(m_order.begin() + std::ptrdiff_t(offset), m_order.begin() + std::ptrdiff_t(end));
    } else {
        ids.resize(size_t(end - offset));
        std::iota(ids.begin(), ids.end(), m_minRowId + offset);
    }
    return ids;
}

QString TableQuery::selectList() const
{
    QStringList quoted;
    for (const QString &c : m_columns)
        quoted << Database::quoteIdentifier(c);
    return quoted.join(QStringLiteral(", "));
}

QVariant TableQuery::cell(int column, const QVariant &stored) const
{
    if (!stored.isValid() || !m_categorical[size_t(column)])
        return stored;
    const qint64 code = stored.toLongLong();
    const QStringList &labels = m_levels[size_t(column)];
    return code >= 0 && code < labels.size() ? QVariant(labels[code]) : QVariant();
}

QList<QVariantList> TableQuery::fetch(qint64 offset, int limit, QString *error)
{
    QList<QVariantList> rows;
    if (offset < 0 || limit <= 0 || offset >= m_rowCount || m_columns.isEmpty())
        return rows;
    const qint64 end = std::min(m_rowCount, offset + qint64(limit));
    rows.reserve(end - offset);
    const int n = columnCount();
    auto readRow = [&](Statement &st) {
        QVariantList row;
        row.reserve(n);
        for (int c = 0; c < n; ++c)
            row << cell(c, st.columnVariant(c));
        rows << row;
    };
    if (!m_useOrder) {
        Statement st(m_db, QStringLiteral("SELECT %1 FROM %2 WHERE %3 >= ? AND %3 < ? "
                                          "ORDER BY %3")
                               .arg(selectList(), m_table, m_rowId));
        st.bind(1, m_minRowId + offset);
        st.bind(2, m_minRowId + end);
        while (st.step())
            readRow(st);
        if (!st.ok()) {
            if (error)
                *error = st.error();
        } else if (rows.size() < end - offset) {
            // A gap in the row ids: rows were deleted since the import counted them.
            listAllRows();
            return ok() ? fetch(offset, limit, error) : QList<QVariantList>();
        }
        return rows;
    }
    Statement st(
        m_db, QStringLiteral("SELECT %1 FROM %2 WHERE %3 = ?").arg(selectList(), m_table, m_rowId));
    for (qint64 i = offset; i < end; ++i) {
        st.bind(1, m_order[size_t(i)]);
        if (st.step())
            readRow(st);
        st.reset();
        if (!st.ok()) {
            if (error)
                *error = st.error();
            break;
        }
    }
    return rows;
}

QList<RejectedRow> TableQuery::rejectedRows(Database &db, qint64 datasetId, int limit,
                                            QString *error)
{
    QList<RejectedRow> rows;
    Statement st(db, QStringLiteral("SELECT line, reason, raw FROM rejected_row "
                                    "WHERE dataset_id = ? ORDER BY line LIMIT ?"));
    st.bind(1, datasetId);
    st.bind(2, qint64(limit));
    while (st.step())
        rows << RejectedRow{st.columnInt64(0), st.columnText(1), st.columnText(2)};
    if (!st.ok() && error)
        *error = st.error();
    return rows;
}

} // namespace cl
