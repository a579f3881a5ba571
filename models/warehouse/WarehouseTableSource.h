// WarehouseTableSource: what a snapshot of a warehouse table gives an import, on any engine.
#pragma once

#include "source/RecordSource.h"
#include "source/Sha256.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace cl {

class WarehouseConnection;

/**
 * A table on an engine read once as an import's records (`import --from URL --table T`): an
 * ordinary local dataset, cleaned by the same plan as a CSV file. This base holds what every
 * engine shares: the header and sample that open() fills, the records (the fields as text,
 * NULL an empty field; the raw text a rejected row keeps, the fields as a CSV line; a hash of
 * the content for duplicates), the fingerprint (SHA-256 of the kind, the column names and every
 * raw line, known after the last row, so the server's row order is part of it), the count
 * check at the end and the descriptor. PgTableSource and ChTableSource open the table and
 * read its rows. With a query (`import --from URL --query SQL`, the dialog's Query), the rows
 * are those of the read-only SELECT run as a subquery, and `table` is the query's name.
 *
 * Threads: open() on the importer's thread, next() on the parser's, one after the other;
 * stop() from any thread. A record points into this object's buffers until the next call.
 */
class WarehouseTableSource : public RecordSource
{
public:
    /// `url` without its password; `engine` as messages name it ("PostgreSQL"); `query`: a
    /// read-only SELECT whose rows are read instead of table `table`'s (then the query's name).
    WarehouseTableSource(QString kind, QString engine, QString url, QString table,
                         QString query = {});

    QString name() const override;
    QStringList header() const override { return m_header; }
    QList<QStringList> sample() const override { return m_sample; }
    QString fingerprintBeforeReading(const std::atomic<bool> *) override { return {}; }
    int64_t position() const override { return m_position; }
    int64_t total() const override { return m_total; }
    void stop() override { m_stop = true; }
    void doneReading() override { endReading(); }
    /// Ends the engine's reading (endReading()), then checks that every counted row came.
    bool finish() override;
    SourceDescriptor descriptor() const override;
    QString datasetName() const override { return m_table; }
    QString error() const override { return m_error; }

protected:
    /// Closes what the engine kept open for the rows (a transaction, a stream).
    virtual void endReading() = 0;
    /// Starts the fingerprint with the kind and m_header: the same rows under other names are
    /// another dataset (and never equal to a CSV file's hash). Call once m_header is known.
    void beginRecords();
    /// The record of the next row.
    SourceRecord record(const QStringList &row);
    /// What follows FROM: the quoted table, or the query as a subquery (WarehouseSql::tableRef).
    QString relation(const WarehouseConnection &conn) const;
    /// "table \"bank\"" or "query \"young\"", as a query's purpose names it.
    QString relationText(const WarehouseConnection &conn) const;

    QString m_table;
    QString m_query; ///< empty: the table's rows
    QStringList m_header;
    QList<QStringList> m_sample;
    int64_t m_position = 0;
    int64_t m_total = 0; ///< the rows counted when the import began
    std::atomic<bool> m_stop{false};
    QString m_error;

private:
    QString m_kind, m_engine, m_url;
    std::string m_raw;
    std::vector<std::string_view> m_fields;
    Sha256 m_sha;
    QString m_fingerprint;
};

/// The snapshot source for `url`'s engine (see openWarehouse()): table `table`, or the rows of
/// read-only SELECT `query` named `table`.
std::unique_ptr<WarehouseTableSource> warehouseTableSource(const QString &url, const QString &table,
                                                           const QString &query = {});

} // namespace cl
