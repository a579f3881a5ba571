// PgTableSource: a PostgreSQL table read once, in pages, as the records of an import (a snapshot).
#pragma once

#include "PgConnection.h"
#include "WarehouseTableSource.h"

#include <vector>

namespace cl {

/// Kind of the descriptor of a dataset copied from a PostgreSQL table.
inline const QString kPgTableSourceKind = QStringLiteral("postgresql");

/**
 * The rows of one PostgreSQL table as an import's records (`import --from URL --table T`).
 * Every column is read as text (`::text`: booleans as true/false, numbers as PostgreSQL writes
 * them); NULL and the empty string are both an empty field. The rows come through a cursor in
 * one read-only REPEATABLE READ transaction, so the count, the sample and the rows see one
 * state of the table; a record's position is its row number (1 is the first row).
 *
 * Records, fingerprint and the final count check: WarehouseTableSource. The URL is kept
 * without its password (libpq's PGPASSWORD, ~/.pgpass or a service file give it). Threads: as
 * WarehouseTableSource's (the connection is never used by two threads at once); stop() also
 * cancels any query then running.
 */
class PgTableSource final : public WarehouseTableSource
{
public:
    /// With `query`, the rows of that read-only SELECT, named `table`.
    PgTableSource(QString url, QString table, QString query = {});
    ~PgTableSource() override;

    bool open() override;
    bool next(SourceRecord &record) override;

    /// Rows fetched per round trip.
    static constexpr int kPageRows = 5000;

private:
    void endReading() override;
    bool fetch();

    QString m_connectUrl;
    PgConnection m_conn;
    std::vector<QStringList> m_page;
    size_t m_next = 0;
    bool m_exhausted = false;
};

} // namespace cl
