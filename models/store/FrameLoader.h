// Loads a dataset's silver table into a DataFrame (the columnar cache analyses read).
#pragma once

#include "data/DataFrame.h"

#include <QString>

#include <memory>
#include <optional>

namespace cl {

class Workspace;

/// Reads silver columns, codes and level labels of one dataset. Empty on error (see error).
std::optional<DataFrame> loadFrame(Workspace &workspace, qint64 datasetId,
                                   QString *error = nullptr);

/// The same from the workspace file at `workspacePath` on a read-only connection of its own,
/// shared read-only: what a worker thread loads for the GUI (null on error, with `error`).
std::shared_ptr<const DataFrame> loadSharedFrame(const QString &workspacePath, qint64 datasetId,
                                                 QString *error = nullptr);

} // namespace cl
