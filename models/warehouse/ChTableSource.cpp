// ChTableSource: DESCRIBE, count and sample on one connection; the rows streamed on another.
#include "ChTableSource.h"

namespace cl {

namespace {

constexpr int kSampleRows = 2000;

/// NULL as the empty field a CSV file has.
QStringList fields(QStringList row)
{
    for (QString &f : row) {
        if (f.isNull())
            f = QStringLiteral("");
    }
    return row;
}

} // namespace

ChTableSource::ChTableSource(QString url, QString table, QString query)
    : WarehouseTableSource(kChTableSourceKind, ChConnection::engineName(),
                           ChConnection::withoutPassword(url), std::move(table), std::move(query)),
      m_connectUrl(std::move(url))
{
}

ChTableSource::~ChTableSource()
{
    endReading();
}

void ChTableSource::endReading()
{
    // The stream's reply belongs to its connection: it goes first.
    m_rows.reset();
    m_conn.reset();
}

bool ChTableSource::open()
{
    ChConnection conn;
    if (!conn.open(m_connectUrl, &m_error))
        return false;
    const QString table = relation(conn), what = relationText(conn);
    const ProgressCallback going = [this](double, const QString &) { return !m_stop.load(); };
    const QString purpose = QStringLiteral("reading the columns of %1").arg(what);
    const WarehouseRows columns =
        m_query.isEmpty() ? conn.queryShaped(conn.columnsSql(m_table), purpose, 2, -1, going)
                          : conn.queryColumns(m_query, purpose);
    if (!columns.ok) {
        m_error = columns.error;
        return false;
    }
    // Every column by name: `SELECT *` leaves out ALIAS and MATERIALIZED columns, which
    // DESCRIBE lists.
    QStringList quoted;
    for (const QStringList &c : columns.rows) {
        m_header << c.value(0);
        quoted << conn.quoteIdentifier(c.value(0));
    }
    m_select = quoted.join(QStringLiteral(", "));
    beginRecords();
    if (m_header.isEmpty()) {
        m_error = QStringLiteral("%1: no columns").arg(name());
        return false;
    }
    const WarehouseRows count =
        conn.queryShaped(QStringLiteral("SELECT count() FROM %1").arg(table),
                         QStringLiteral("counting the rows of %1").arg(what), 1, 1, going);
    if (!count.ok) {
        m_error = count.error;
        return false;
    }
    m_total = count.rows.at(0).at(0).toLongLong();
    const WarehouseRows sample = conn.queryShaped(
        QStringLiteral("SELECT %1 FROM %2 LIMIT %3")
            .arg(m_select, table, QString::number(kSampleRows)),
        QStringLiteral("reading a sample of %1").arg(what), int(m_header.size()), -1, going);
    if (!sample.ok) {
        m_error = sample.error;
        return false;
    }
    for (const QStringList &row : sample.rows)
        m_sample << fields(row);
    return true;
}

bool ChTableSource::next(SourceRecord &record)
{
    // The stream and its connection end on this thread, which made them.
    if (m_stop || !m_error.isEmpty()) {
        endReading();
        return false;
    }
    if (!m_rows) {
        m_conn = std::make_unique<ChConnection>();
        if (!m_conn->open(m_connectUrl, &m_error))
            return false;
        m_connectUrl.clear(); // the password, if the URL had one, is not kept
        m_rows = m_conn->stream(
            QStringLiteral("SELECT %1 FROM %2").arg(m_select, relation(*m_conn)),
            QStringLiteral("reading the rows of %1").arg(relationText(*m_conn)), &m_stop);
    }
    QStringList row;
    if (!m_rows->next(&row)) {
        m_error = m_rows->error();
        endReading();
        return false;
    }
    if (row.size() != m_header.size()) {
        // ClickHouse writes an error that comes after the first rows into the answer itself.
        m_error = QStringLiteral("%1: row %2 has %3 fields, not %4: %5")
                      .arg(name(), QString::number(m_position + 1), QString::number(row.size()),
                           QString::number(m_header.size()), row.join(QLatin1Char('\t')).left(500));
        endReading();
        return false;
    }
    record = this->record(fields(std::move(row)));
    return true;
}

} // namespace cl
