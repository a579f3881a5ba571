// CsvImporter: a CSV file into the workspace (a CsvSource through the DatasetImporter).
#pragma once

#include "ImportOptions.h"
#include "ImportResult.h"
#include "util/Progress.h"

namespace cl {

class Workspace;

/**
 * Imports the CSV file of `options.path`, read with the dialect detected and overridden by
 * `options`. Streaming and atomic: see DatasetImporter. Call from the thread that owns the
 * workspace.
 */
class CsvImporter
{
public:
    explicit CsvImporter(Workspace &workspace);
    ImportResult run(const ImportOptions &options, const ProgressCallback &progress = {});

private:
    Workspace &m_workspace;
};

} // namespace cl
