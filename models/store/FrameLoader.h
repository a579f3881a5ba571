// Loads a dataset's silver table into a DataFrame (the columnar cache analyses read).
#pragma once

#include "data/DataFrame.h"

#include <QString>

#include <optional>

namespace cl {

class Workspace;

/// Reads silver columns, codes and level labels of one dataset. Empty on error (see error).
std::optional<DataFrame> loadFrame(Workspace &workspace, qint64 datasetId,
                                   QString *error = nullptr);

} // namespace cl
