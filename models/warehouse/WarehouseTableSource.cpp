// WarehouseTableSource: each row as a CSV line for its raw text, its fields in the same buffer.
#include "WarehouseTableSource.h"
#include "ChTableSource.h"
#include "PgTableSource.h"
#include "WarehouseConnection.h"
#include "WarehouseSql.h"

#include "source/RecordScan.h"

namespace cl {

namespace {

/// A field as CSV writes it (quoted when it holds a comma, a quote or a line break), for the
/// record's raw text that a rejected row keeps.
void appendCsvField(std::string &out, const QByteArray &field)
{
    const bool quote =
        field.contains(',') || field.contains('"') || field.contains('\n') || field.contains('\r');
    if (!quote) {
        out.append(field.constData(), size_t(field.size()));
        return;
    }
    out += '"';
    for (const char c : field) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

} // namespace

WarehouseTableSource::WarehouseTableSource(QString kind, QString engine, QString url, QString table,
                                           QString query)
    : m_table(std::move(table)), m_query(std::move(query)), m_kind(std::move(kind)),
      m_engine(std::move(engine)), m_url(std::move(url))
{
}

QString WarehouseTableSource::name() const
{
    return (m_query.isEmpty() ? QStringLiteral("%1 table %2") : QStringLiteral("%1 query %2"))
        .arg(m_engine, m_table);
}

QString WarehouseTableSource::relation(const WarehouseConnection &conn) const
{
    return WarehouseSql::tableRef(conn, m_table, m_query);
}

QString WarehouseTableSource::relationText(const WarehouseConnection &conn) const
{
    return (m_query.isEmpty() ? QStringLiteral("table %1") : QStringLiteral("query %1"))
        .arg(conn.quoteIdentifier(m_table));
}

void WarehouseTableSource::beginRecords()
{
    const QByteArray head =
        (m_kind + QLatin1Char('\n') + m_header.join(QLatin1Char('\n')) + QLatin1String("\n\n"))
            .toUtf8();
    m_sha.add(head.constData(), size_t(head.size()));
}

SourceRecord WarehouseTableSource::record(const QStringList &row)
{
    m_raw.clear();
    std::vector<QByteArray> utf8;
    utf8.reserve(size_t(row.size()));
    for (qsizetype i = 0; i < row.size(); ++i) {
        utf8.push_back(row[i].toUtf8());
        if (i > 0)
            m_raw += ',';
        appendCsvField(m_raw, utf8.back());
    }
    // The fields point into the same buffer, after the raw text and its line end.
    const size_t rawSize = m_raw.size();
    m_raw += '\n';
    m_sha.add(m_raw.data(), m_raw.size());
    std::vector<size_t> starts;
    for (const QByteArray &f : utf8) {
        starts.push_back(m_raw.size());
        m_raw.append(f.constData(), size_t(f.size()));
    }
    m_fields.clear();
    for (size_t i = 0; i < utf8.size(); ++i)
        m_fields.emplace_back(m_raw.data() + starts[i], size_t(utf8[i].size()));
    SourceRecord r;
    r.position = ++m_position;
    r.raw = std::string_view(m_raw.data(), rawSize);
    r.fields = &m_fields;
    r.hash = scanRecord(r.raw).hash;
    return r;
}

bool WarehouseTableSource::finish()
{
    endReading();
    if (m_stop) {
        m_error = QStringLiteral("%1: stopped before the last row").arg(name());
        return false;
    }
    if (!m_error.isEmpty())
        return false;
    if (m_position != m_total) {
        m_error = QStringLiteral("%1: read %2 rows where %3 were counted when the import began")
                      .arg(name(), QString::number(m_position), QString::number(m_total));
        return false;
    }
    m_fingerprint = m_sha.hexDigest();
    return true;
}

SourceDescriptor WarehouseTableSource::descriptor() const
{
    SourceDescriptor d;
    d.kind = m_kind;
    d.label = m_table;
    d.location = m_url;
    d.fingerprint = m_fingerprint;
    d.details.insert(QStringLiteral("table"), m_table);
    if (!m_query.isEmpty())
        d.details.insert(QStringLiteral("query"), m_query);
    d.details.insert(QStringLiteral("rows"), double(m_total));
    d.details.insert(
        QStringLiteral("summary"),
        QStringLiteral("%1, a snapshot of %2 rows").arg(name(), QString::number(m_total)));
    return d;
}

std::unique_ptr<WarehouseTableSource> warehouseTableSource(const QString &url, const QString &table,
                                                           const QString &query)
{
    if (ChConnection::isUrl(url))
        return std::make_unique<ChTableSource>(url, table, query);
    return std::make_unique<PgTableSource>(url, table, query);
}

} // namespace cl
