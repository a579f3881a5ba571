// DatasetWriter: all SQL of an import: tables, rows, rejected rows, views, levels, dataset row.
#pragma once

#include "ColumnStore.h"
#include "DatasetInfo.h"
#include "DatasetTables.h"
#include "ImportBatch.h"
#include "Transaction.h"
#include "WriteBehind.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace cl {

class Statement;
class Workspace;

/**
 * Writes one dataset inside one transaction: begin(), createTables(), encodeColumns() and
 * write() per batch, finish() (levels, the labelled and raw views, the dataset row), commit().
 * Anything short of commit() leaves the workspace as it was. The columnar copy of the silver
 * table (ColumnStore) is written in the same transaction, from the same batches. Thread: the
 * one that owns the workspace, except encodeColumns().
 */
class DatasetWriter
{
public:
    explicit DatasetWriter(Workspace &workspace);
    ~DatasetWriter();
    DatasetWriter(const DatasetWriter &) = delete;
    DatasetWriter &operator=(const DatasetWriter &) = delete;

    /**
     * Takes the workspace's write lock. While another writer holds it, waits up to `waitMs`,
     * calling `waiting` every quarter second (false = give up: cancelled). False when the lock
     * was not had; busy() tells whether another writer was the reason.
     */
    bool begin(int waitMs, const std::function<bool()> &waiting);
    bool busy() const;
    /// The silver table (rows numbered 1, 2, ... in source order) and the statements.
    bool createTables(const DatasetTables &tables);
    /**
     * Encodes the columnar copy's chunks that `batch` completes into batch.columnChunks. May
     * run on another thread than write(), beside it (the import's second core), but on one
     * thread at a time and on the batches in their order; every batch goes through it before
     * write().
     */
    void encodeColumns(ImportBatch &batch);
    /// The batch's rows, rejects and (encoded by encodeColumns()) columnar chunks.
    bool write(const ImportBatch &batch);
    /**
     * Category levels (`levels[i]`: labels of categorical silver column i's codes), the views,
     * and the dataset row from `info` (its id is set here; its columns describe the silver
     * table's, in order).
     */
    bool finish(DatasetInfo info, const std::vector<QStringList> &levels);
    bool commit();
    /// Copies the write-ahead log into the workspace file (after commit()). Seconds taken.
    double checkpoint();

    qint64 datasetId() const { return m_datasetId; }
    QString lastError() const;

private:
    bool prepareInserts();
    bool addRemainderColumns(const ImportBatch &batch);
    bool createRawView(const std::vector<QStringList> &levels);
    /// Binds `cell` to parameter `index` unless `bound` (what the parameter holds) equals it.
    void bindCell(Statement &st, ImportCell &bound, int index, const ImportCell &cell,
                  const std::string &text)
    {
        // Bindings outlive sqlite3_reset, so a number or NULL equal to the one this parameter
        // already holds is not bound again. Rows come in date order: the economic indicators,
        // the month and most codes repeat from one statement to the next. Text is always bound
        // (it points into the batch's buffer). Inline: a call per cell was 4% of the import.
        if (cell.sameValue(bound))
            return;
        bound = cell;
        bindValue(st, index, cell, text);
    }
    static void bindValue(Statement &st, int index, const ImportCell &cell,
                          const std::string &text);
    QString silverTable() const;

    Workspace &m_ws;
    DatasetTables m_tables;
    std::optional<Transaction> m_tx;
    std::unique_ptr<WriteBehind> m_logWriteBehind; ///< the write-ahead log, flushed as it grows
    std::vector<bool> m_remainderStored;
    qint64 m_datasetId = -1;
    std::unique_ptr<Statement> m_rowInsert;
    std::unique_ptr<Statement> m_rowInsertMany;
    std::unique_ptr<Statement> m_rejectInsert;
    std::unique_ptr<ColumnStore::Writer> m_columnCopy; ///< the columnar copy, written alongside
    std::vector<int> m_bindOrder;        ///< the stored columns the inserts take, in table order
    std::vector<ImportCell> m_boundOne;  ///< what each parameter of m_rowInsert holds
    std::vector<ImportCell> m_boundMany; ///< the same for m_rowInsertMany
    bool m_checkpointOff = false;        ///< wal_autocheckpoint is 0 until the destructor
};

} // namespace cl
