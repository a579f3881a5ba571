// What the user asked of an import: file, name, overrides of detection and column roles.
#pragma once

#include "data/AgeBands.h"
#include "data/ColumnRole.h"
#include "source/CsvDialect.h"

#include <QMap>
#include <QString>

#include <functional>

#include <optional>

namespace cl {

struct ImportOptions
{
    QString path;
    QString name;                  ///< dataset name; empty = file's base name
    std::optional<char> delimiter; ///< override of the detected delimiter
    std::optional<TextEncoding> encoding;
    std::optional<bool> hasHeader;
    std::optional<bool> decimalComma;
    /// Source column name -> role, overriding automatic mapping ("customer_age" -> Age).
    QMap<QString, ColumnRole> roleOverrides;
    bool strict = false;        ///< first rejected row fails the whole import
    bool reuseExisting = false; ///< same SHA-256 already imported: return it, import nothing
    bool synthetic = false;     ///< data made by the demo generator (labelled as such)
    AgeBands ageBands;
    /// Copy the write-ahead log into the workspace file right after the commit. Off for
    /// callers that checkpoint later (e.g. in the background).
    bool checkpoint = true;
    /// When another import (any writer) holds the workspace: how long to wait for it to
    /// finish, in milliseconds, before failing with a message that says so. 0: fail at once.
    int writerWaitMs = 30 * 60 * 1000;
    /// Called once, on the importing thread, when the import starts waiting for that writer.
    std::function<void()> waitingForWriter;
};

} // namespace cl
