// Imports a CSV file into the workspace: raw (bronze) and silver tables, rejects, quality.
#pragma once

#include "ImportOptions.h"
#include "ImportResult.h"
#include "util/Progress.h"

namespace cl {

class Workspace;

/**
 * Streaming, atomic CSV import. Everything is written in one transaction: a failed or
 * cancelled import leaves the workspace as it was. Parsing runs on a helper thread while
 * the calling thread writes to SQLite. Call from the thread that owns the workspace.
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
