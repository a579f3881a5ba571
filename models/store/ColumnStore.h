// ColumnStore: a dataset's analysis columns in compact chunks inside the workspace file.
#pragma once

#include "DatasetInfo.h"
#include "ImportBatch.h"
#include "data/DataFrame.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace cl {

class Database;
class Statement;

/**
 * The columnar copy of a dataset's silver table (table column_chunk, one row per column and
 * chunk of rows; table column_copy says which datasets have a complete one).
 *
 * Each chunk holds kRowsPerChunk rows of one column at the narrowest width that keeps every
 * value: a categorical as its codes + 1 in 1, 2 or 4 bytes; a number as a 1- or 2-byte index
 * into the chunk's own dictionary of distinct values when there are fewer than 49,152 of
 * them (three quarters of a chunk; the macro columns have 10 to 316), else as 8-byte doubles;
 * the target as bytes. A reader
 * copies the bytes straight into a DataFrame's columns with SQLite's incremental blob I/O,
 * with no SQL row per value, and only the columns it asks for; a number column whose chunks
 * all have dictionaries becomes codes into their union (NumberColumn), never 8 bytes a row.
 *
 * The silver table stays the source of truth: the copy is written with it by the import (in
 * the same transaction), and rebuilt from it (rebuild()) when it is missing, older than
 * kFormat or does not match the dataset (rows, columns, a chunk's checksum).
 */
class ColumnStore
{
public:
    /// Bumped whenever the chunks' layout or encoding changes: older copies are rebuilt.
    static constexpr int kFormat = 1;
    /// 65,536: the import buffers a chunk of every column before it encodes it, and each new
    /// page of those buffers costs a page fault (10 us on this VM); with 262,144 rows the x100
    /// import took 34,000 faults and 99 MB, with 65,536 17,000 and 66 MB, 0.1 s sooner.
    /// Copies made with another size are read as they are (each chunk has its row count).
    static constexpr int64_t kRowsPerChunk = int64_t(1) << 16;

    /// A column as the copy stores it.
    struct Column
    {
        QString name;
        bool categorical = false;
    };

    /**
     * Writes the copy of one dataset, a row at a time (append()) or a batch at a time
     * (appendBatch()), a chunk whenever kRowsPerChunk rows are buffered, and its column_copy
     * row in finish(). Call inside the transaction that writes the dataset: anything short of
     * that transaction's commit leaves no copy. Memory: one chunk of rows per column.
     */
    class Writer
    {
    public:
        Writer(Database &db, qint64 datasetId, std::vector<Column> columns);
        ~Writer();
        Writer(const Writer &) = delete;
        Writer &operator=(const Writer &) = delete;

        /// Removes any earlier copy of the dataset and prepares the statements.
        bool begin();
        /// One value of the current row's column `column` (Null: missing). Text is not
        /// stored: the silver table's analysis columns are numbers and codes.
        void put(int column, const ImportCell &cell);
        /// Ends the current row; false when writing a full chunk failed.
        bool endRow();
        /// The first cells of each row of `batch`, whose rows are `stride` cells apart.
        bool appendBatch(const ImportBatch &batch, size_t stride);
        /// appendBatch's first half, for another thread than the one that stores: buffers the
        /// rows and encodes each chunk they complete into `out`, touching no statement. Calls
        /// must come from one thread at a time, in row order.
        void encodeBatch(const ImportBatch &batch, size_t stride,
                         std::vector<EncodedColumnChunk> *out);
        /// appendBatch's second half: stores chunks made by encodeBatch, in their order.
        bool store(const std::vector<EncodedColumnChunk> &chunks);
        /// Writes the last chunk and marks the copy complete for `rows` rows.
        bool finish();
        QString lastError() const { return m_error; }

    private:
        bool flush();
        /// The buffered rows as one chunk per column, appended to `out`; buffers emptied.
        void encodeBuffered(std::vector<EncodedColumnChunk> *out);

        Database &m_db;
        qint64 m_datasetId;
        std::vector<Column> m_columns;
        /// The rows of this chunk of one column: slots (code + 1) or numbers (NaN = missing).
        struct Buffer
        {
            UninitVector<uint32_t> slots;
            UninitVector<double> numbers;
        };
        std::vector<Buffer> m_buffer; ///< per column
        /// encodeNumbers' buffers, kept from chunk to chunk.
        UninitVector<uint32_t> m_slotScratch;
        std::vector<uint32_t> m_smallScratch;
        int64_t m_rows = 0;
        int64_t m_chunk = 0;
        std::unique_ptr<Statement> m_insert;
        QString m_error;
    };

    /// Why there is no usable copy of a dataset (empty when there is one).
    static QString staleness(Database &db, const DatasetInfo &info);

    /**
     * Reads the columns `names` (empty: all, in silver order) of `info`'s copy into a frame;
     * the target always. Empty with `why` when the copy is missing, stale or damaged, or a
     * name is no column of the dataset.
     */
    static std::optional<DataFrame> read(Database &db, const DatasetInfo &info,
                                         const QStringList &names, QString *why);

    /// One chunk of one column as readChunks() hands it over.
    struct ChunkSlots
    {
        int64_t firstRow = 0; ///< row of slots[0] in the copy (the silver table's row order)
        /// Per row: 0 = missing; else a categorical's code + 1, or a number's index + 1 into
        /// `values`.
        std::vector<uint32_t> slots;
        std::vector<double> values; ///< a number chunk's distinct values; empty for codes
    };

    /**
     * Reads one column of `info`'s copy a chunk at a time, in row order, as slots into each
     * chunk's distinct values: for a reader that decides once per distinct value (the Data
     * view's sort and filter) and needs neither a frame nor the target. A chunk stored as
     * doubles gets a table of its distinct values here. `visit` sees each chunk once (the
     * same object, refilled); false from it stops the read. False with `why` when the copy is
     * missing, stale or damaged, `column` is none of the dataset's, or `visit` stopped it.
     * Memory: one chunk.
     */
    static bool readChunks(Database &db, const DatasetInfo &info, const QString &column,
                           const std::function<bool(const ChunkSlots &)> &visit, QString *why);

    /// Writes the copy again from the silver table, in a transaction of its own.
    static bool rebuild(Database &db, const DatasetInfo &info, QString *error);

    /// The silver columns of `info` as the copy stores them.
    static std::vector<Column> columnsOf(const DatasetInfo &info);
};

} // namespace cl
