// TableRecords: each row as a CSV line for its raw text, its fields in the same buffer.
#include "TableRecords.h"

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

void TableRecords::begin(const QString &kind, const QStringList &header)
{
    const QByteArray head =
        (kind + QLatin1Char('\n') + header.join(QLatin1Char('\n')) + QLatin1String("\n\n"))
            .toUtf8();
    m_sha.add(head.constData(), size_t(head.size()));
}

SourceRecord TableRecords::record(const QStringList &row, int64_t position)
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
    SourceRecord record;
    record.position = position;
    record.raw = std::string_view(m_raw.data(), rawSize);
    record.fields = &m_fields;
    record.hash = scanRecord(record.raw).hash;
    return record;
}

} // namespace cl
