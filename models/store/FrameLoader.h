// Loads a dataset's analysis columns into a DataFrame: from its columnar copy, or its silver table.
#pragma once

#include "data/DataFrame.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace cl {

class Workspace;

/**
 * The columns `columns` (empty: every column) of one dataset, with the target, codes and
 * level labels. Read from the dataset's columnar copy (ColumnStore); when that is missing or
 * stale it is rebuilt first if the file is writable (on a connection of its own when
 * `workspace` is read-only), else the silver table is read.
 * Empty on error (see error).
 */
std::optional<DataFrame> loadFrame(Workspace &workspace, qint64 datasetId,
                                   const QStringList &columns, QString *error = nullptr);
/// Every column of the dataset.
std::optional<DataFrame> loadFrame(Workspace &workspace, qint64 datasetId,
                                   QString *error = nullptr);

/// The same from the silver table, row by row through SQL (the columnar copy's reference).
std::optional<DataFrame> loadFrameFromSilver(Workspace &workspace, qint64 datasetId,
                                             const QStringList &columns = {},
                                             QString *error = nullptr);

/// Every column's name, kind and levels, and no rows: what decides which columns to load.
std::optional<DataFrame> loadFrameSchema(Workspace &workspace, qint64 datasetId,
                                         QString *error = nullptr);

/// Which columns loadSharedFrame() reads.
enum class FrameColumns
{
    All,
    Categorical ///< the categorical ones only: all that segments need (a tenth of the bytes)
};

/// The same from the workspace file at `workspacePath` on a read-only connection of its own,
/// shared read-only: what a worker thread loads for the GUI (null on error, with `error`).
std::shared_ptr<const DataFrame> loadSharedFrame(const QString &workspacePath, qint64 datasetId,
                                                 QString *error = nullptr,
                                                 FrameColumns which = FrameColumns::All);
/// The same with the columns named (as loadFrame(); empty: every column).
std::shared_ptr<const DataFrame> loadSharedFrame(const QString &workspacePath, qint64 datasetId,
                                                 const QStringList &columns, QString *error);

} // namespace cl
