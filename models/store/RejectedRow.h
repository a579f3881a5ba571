// RejectedRow: a record the import could not read, as kept in table rejected_row.
#pragma once

#include <QString>

namespace cl {

/// One row that could not be read; it is stored in the rejects table, never dropped.
struct RejectedRow
{
    qint64 line = 0; ///< 1-based physical line (or record number) where the record starts
    QString reason;
    QString raw; ///< the record's text as read (decoded to UTF-8)
};

} // namespace cl
