// RecordSource: where an import's rows come from, one record at a time, whatever the format.
#pragma once

#include "SourceDescriptor.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <string_view>
#include <vector>

namespace cl {

/// One record as the source read it. The views stay valid until the next call of next().
struct SourceRecord
{
    int64_t position = 0; ///< where it starts in the source, as people count (CSV: line)
    std::string_view raw; ///< the record as the source holds it (kept for rejected rows)
    const std::vector<std::string_view> *fields = nullptr; ///< its fields, as text
    uint64_t hash = 0; ///< of its content: equal records have equal hashes (duplicates)
    /// Why the source could not read this record (empty line, unterminated quote, invalid
    /// UTF-8); empty when `fields` holds it. The record is then rejected, never dropped.
    QString problem;
};

/**
 * A source of records for an import: a file, and later a warehouse table. The importer calls
 * open() once, then (on a thread of its own) next() until it returns false, then finish().
 * A new kind of source implements this class, fills the descriptor for its kind, and needs
 * nothing else from the importer, the plan or the store.
 *
 * Threads: open(), fingerprintBeforeReading() and finish() on the importer's thread; next(),
 * position() on the parser thread, one at a time. stop() from any thread.
 */
class RecordSource
{
public:
    virtual ~RecordSource() = default;

    /// How messages name it ("data/bank.csv": the path as the user gave it).
    virtual QString name() const = 0;
    /// Reads what the plan needs before the rows: header and sample. False with error() set
    /// (naming the source) when it is no source of records.
    virtual bool open() = 0;
    /// Column names, in record order.
    virtual QStringList header() const = 0;
    /// The first records, decoded, for type and role inference.
    virtual QList<QStringList> sample() const = 0;
    /// Numbers in the text fields are written with a decimal comma ("1,5").
    virtual bool decimalComma() const { return false; }

    /// The fingerprint of the whole content when it can be had without reading the records
    /// (a regular file: its SHA-256), so that a known source is skipped before any work; empty
    /// when it is known only once the records are read (a pipe), or `cancel` was set.
    virtual QString fingerprintBeforeReading(const std::atomic<bool> *cancel) = 0;

    /// The next record; false at the end, after a read error (error() says which) or stop().
    virtual bool next(SourceRecord &record) = 0;
    /// Units read so far and in all (CSV: bytes); total 0 when unknown (a pipe).
    virtual int64_t position() const = 0;
    virtual int64_t total() const = 0;
    /// Ends background work (hashing) early: the import will keep nothing.
    virtual void stop() = 0;
    /// Called on the thread that called next(), once it calls it no more (at the end, or when
    /// the import stops early): what that thread made for reading is let go there (a
    /// warehouse stream's Qt Network objects belong to the thread that made them).
    virtual void doneReading() {}

    /// After the last record: checks the source did not change while it was read and settles
    /// its fingerprint. False with error() set otherwise, or after stop() (a source stopped
    /// early was not read whole: nothing may then be kept). Called once.
    virtual bool finish() = 0;
    /// Kind, label, location, fingerprint (after finish()) and details.
    virtual SourceDescriptor descriptor() const = 0;
    /// The dataset's name when the user gives none (CSV: the file name without suffixes).
    virtual QString datasetName() const { return descriptor().label; }

    /// "PATH: reason" of the last failure; a read error ends next() with this set.
    virtual QString error() const = 0;
};

} // namespace cl
