// ChTableSource: a ClickHouse table read once, as it streams, as the records of an import.
#pragma once

#include "ChConnection.h"
#include "WarehouseTableSource.h"

#include <memory>

namespace cl {

/// Kind of the descriptor of a dataset copied from a ClickHouse table.
inline const QString kChTableSourceKind = QStringLiteral("clickhouse");

/**
 * The rows of one ClickHouse table as an import's records (`import --from clickhouse://...
 * --table T`). Every column as ClickHouse writes it in TabSeparated (numbers as text; NULL an
 * empty field). The rows come in one query, read as they arrive (bounded memory); the sample
 * is a separate `LIMIT` query. ClickHouse has no snapshot: the count taken at open() must
 * equal the rows read, else finish() fails and nothing is kept. A record's position is its
 * row number in the order the server sent them.
 *
 * Records, fingerprint and the final count check: WarehouseTableSource. The URL is kept
 * without its password. Threads: open() on the importer's thread with a connection of its
 * own; next() on the parser's, where the streaming connection is opened (a Qt Network object
 * belongs to the thread that made it); stop() from any thread.
 */
class ChTableSource final : public WarehouseTableSource
{
public:
    /// With `query`, the rows of that read-only SELECT, named `table`.
    ChTableSource(QString url, QString table, QString query = {});
    ~ChTableSource() override;

    bool open() override;
    bool next(SourceRecord &record) override;

private:
    void endReading() override;

    QString m_connectUrl;                 ///< as given, until the stream is open
    QString m_select;                     ///< every column, quoted, in the header's order
    std::unique_ptr<ChConnection> m_conn; ///< the stream's, made on the parser's thread
    std::unique_ptr<ChRowStream> m_rows;
};

} // namespace cl
