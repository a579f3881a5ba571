// TableRecords: rows of a warehouse table turned into an import's records, and their hash.
#pragma once

#include "source/RecordSource.h"
#include "source/Sha256.h"

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace cl {

/**
 * What a table source (PgTableSource, ChTableSource) gives the importer for each row: the
 * fields as text (NULL read as an empty field), the raw text a rejected row keeps (the fields
 * as a CSV line), a hash of the content for duplicates, and the SHA-256 of the kind, the
 * column names and every raw line: the snapshot's fingerprint. A record points into this
 * object's buffers, valid until the next call. Not thread-safe; one reader.
 */
class TableRecords
{
public:
    /// Starts the fingerprint with the source's kind and its column names: the same rows
    /// under other names are another dataset (and never equal to a CSV file's hash).
    void begin(const QString &kind, const QStringList &header);
    /// The record of `row` at `position` (1 is the first row).
    SourceRecord record(const QStringList &row, int64_t position);
    /// The SHA-256 of all that was read; call once, after the last record.
    QString fingerprint() { return m_sha.hexDigest(); }

private:
    std::string m_raw;
    std::vector<std::string_view> m_fields;
    Sha256 m_sha;
};

} // namespace cl
