// ChTableSource: a ClickHouse table read once, as it streams, as the records of an import.
#pragma once

#include "ChConnection.h"
#include "TableRecords.h"
#include "source/RecordSource.h"

#include <atomic>
#include <memory>

namespace cl {

/// Kind of the descriptor of a dataset copied from a ClickHouse table.
inline const QString kChTableSourceKind = QStringLiteral("clickhouse");

/**
 * The rows of one ClickHouse table as an import's records: `import --from clickhouse://...
 * --table T` makes an ordinary local dataset of them (a snapshot), cleaned by the same plan as
 * a CSV file. Every column as ClickHouse writes it in TabSeparated (numbers as text; NULL an
 * empty field). The rows come in one query, read as they arrive (bounded memory); the sample
 * is a separate `LIMIT` query. ClickHouse has no snapshot: the count taken at open() must
 * equal the rows read, else finish() fails and nothing is kept. A record's position is its
 * row number in the order the server sent them.
 *
 * Fingerprint: as PgTableSource's (TableRecords), known after the last row. The URL is kept
 * without its password. Threads: open() on the importer's thread with a connection of its
 * own; next() on the parser's, where the streaming connection is opened (a Qt Network object
 * belongs to the thread that made it); stop() from any thread.
 */
class ChTableSource final : public RecordSource
{
public:
    ChTableSource(QString url, QString table);
    ~ChTableSource() override;

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

private:
    QString m_url;        ///< without a password
    QString m_connectUrl; ///< as given, until the stream is open
    QString m_table;
    QStringList m_header;
    QList<QStringList> m_sample;
    std::unique_ptr<ChConnection> m_conn; ///< the stream's, made on the parser's thread
    std::unique_ptr<ChRowStream> m_rows;
    int64_t m_position = 0;
    int64_t m_total = 0;
    std::atomic<bool> m_stop{false};
    TableRecords m_records;
    QString m_fingerprint;
    QString m_error;
};

} // namespace cl
