// What an import did: counts, warnings and errors; never shown to the user by the core.
#pragma once

#include "source/CsvDialect.h"
#include "store/RejectedRow.h"

#include <QString>
#include <QStringList>

namespace cl {

enum class ImportStatus
{
    Imported, ///< a new dataset was written
    Reused,   ///< the same file (SHA-256) was imported before; nothing written
    Failed,   ///< nothing written; see error
    Cancelled ///< nothing written
};

struct ImportResult
{
    ImportStatus status = ImportStatus::Failed;
    qint64 datasetId = -1; ///< the new or reused dataset; -1 when Failed/Cancelled
    QString error;         ///< "file:line: reason" for Failed
    QStringList warnings;  ///< e.g. "column 'duration' is only known after the call"
    CsvDialect dialect;
    qint64 dataLines = 0; ///< records after the header; == rowsRead + rowsRejected
    qint64 rowsRead = 0;
    qint64 rowsRejected = 0;
    qint64 subscribers = 0;       ///< rows with y = 1
    QString layout;               ///< "bank-additional-full", "bank-full" or "custom"
    double seconds = 0;           ///< until the data was committed
    double checkpointSeconds = 0; ///< copying the write-ahead log into the file afterwards

    bool ok() const { return status == ImportStatus::Imported || status == ImportStatus::Reused; }
};

} // namespace cl
