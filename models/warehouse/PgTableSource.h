// PgTableSource: a PostgreSQL table read once, in pages, as the records of an import (a snapshot).
#pragma once

#include "PgConnection.h"
#include "TableRecords.h"
#include "source/RecordSource.h"

#include <memory>
#include <string>

namespace cl {

/// Kind of the descriptor of a dataset copied from a PostgreSQL table.
inline const QString kPgTableSourceKind = QStringLiteral("postgresql");

/**
 * The rows of one table as an import's records: `import --from URL --table T` makes an ordinary
 * local dataset of them (a snapshot for offline work), cleaned by the same plan as a CSV file.
 * Every column is read as text (`::text`: booleans as true/false, numbers as PostgreSQL writes
 * them); NULL and the empty string are both an empty field. The rows come through a cursor in
 * one read-only REPEATABLE READ transaction, so the count, the sample and the rows see one
 * state of the table; a record's position is its row number (1 is the first row).
 *
 * Fingerprint: SHA-256 of the kind, the column names and the records as read (known after the
 * last one, like a pipe's; the server's row order is part of it, so an unchanged table may still
 * be imported again rather than reused). The
 * URL is kept without its password (libpq's PGPASSWORD, ~/.pgpass or a service file give it).
 * Threads: open() on the importer's thread, next() on the parser's, one after the other (the
 * connection is never used by two threads at once); stop() from any thread, and it cancels
 * any query then running.
 */
class PgTableSource final : public RecordSource
{
public:
    PgTableSource(QString url, QString table);
    ~PgTableSource() override;

    QString name() const override;
    bool open() override;
    QStringList header() const override { return m_header; }
    QList<QStringList> sample() const override { return m_sample; }
    QString fingerprintBeforeReading(const std::atomic<bool> *) override { return {}; }
    bool next(SourceRecord &record) override;
    int64_t position() const override { return m_position; }
    int64_t total() const override { return m_total; }
    void stop() override { m_stop = true; }
    bool finish() override;
    SourceDescriptor descriptor() const override;
    QString datasetName() const override { return m_table; }
    QString error() const override { return m_error; }

    /// Rows fetched per round trip.
    static constexpr int kPageRows = 5000;

private:
    bool fetch();

    QString m_url; ///< without a password
    QString m_connectUrl;
    QString m_table;
    PgConnection m_conn;
    QStringList m_header;
    QList<QStringList> m_sample;
    std::vector<QStringList> m_page;
    size_t m_next = 0;
    bool m_exhausted = false;
    int64_t m_position = 0;
    int64_t m_total = 0;
    std::atomic<bool> m_stop{false};
    TableRecords m_records;
    QString m_fingerprint;
    QString m_error;
};

} // namespace cl
