// Paged, sorted and filtered reads of a dataset's silver table, with category labels.
#include "TableQuery.h"

#include "Database.h"
#include "Statement.h"

#include <QLocale>

#include <algorithm>
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
    m_contiguous = ends[1] - ends[0] + 1 == m_rowCount;
    if (!m_contiguous)
        listAllRows();
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

bool TableQuery::buildCondition(const TableFilter &filter, Condition *out, QString *error) const
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
    const QString q = Database::quoteIdentifier(m_columns[column]);
    const QString value = filter.value.trimmed();
    if (m_categorical[size_t(column)]) {
        // Match labels here and filter on their codes, so the index-free scan stays integer.
        const QStringList &labels = m_levels[size_t(column)];
        QStringList marks;
        for (int code = 0; code < labels.size(); ++code) {
            const bool hit = filter.op == TableFilter::Op::Contains
                                 ? labels[code].contains(value, Qt::CaseInsensitive)
                                 : labels[code].compare(value, Qt::CaseInsensitive) == 0;
            if (hit) {
                marks << QStringLiteral("?");
                out->params << qint64(code);
            }
        }
        out->sql = marks.isEmpty()
                       ? QStringLiteral("0")
                       : QStringLiteral("%1 IN (%2)").arg(q, marks.join(QLatin1Char(',')));
        return true;
    }
    if (filter.op == TableFilter::Op::Contains) {
        out->sql = QStringLiteral("CAST(%1 AS TEXT) LIKE ? ESCAPE '\\'").arg(q);
        out->params << likePattern(value);
        return true;
    }
    bool isNumber = false;
    const double number = QLocale::c().toDouble(value, &isNumber);
    out->sql = QStringLiteral("%1 = ?").arg(q);
    out->params << (isNumber ? QVariant(number) : QVariant(value));
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
        return true;
    }

    QString key;
    if (sortColumn >= 0) {
        const QString q = Database::quoteIdentifier(m_columns[sortColumn]);
        if (m_categorical[size_t(sortColumn)]) {
            // Sort by label: rank the codes by their labels (integers of our own, no user text).
            const QStringList &labels = m_levels[size_t(sortColumn)];
            std::vector<int> codes(size_t(labels.size()));
            std::iota(codes.begin(), codes.end(), 0);
            std::stable_sort(codes.begin(), codes.end(), [&labels](int a, int b) {
                return labels[a].compare(labels[b], Qt::CaseInsensitive) < 0;
            });
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
    m_order = std::move(order);
    m_useOrder = true;
    m_rowCount = qint64(m_order.size());
    m_filter = filter;
    m_sort = sort;
    return true;
}

void TableQuery::adoptQuery(TableQuery &other)
{
    m_filter = other.m_filter;
    m_sort = other.m_sort;
    m_rowCount = other.m_rowCount;
    m_useOrder = other.m_useOrder;
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
