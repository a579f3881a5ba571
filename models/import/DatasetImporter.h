// DatasetImporter: source -> plan -> writer, with the parser on a thread of its own.
#pragma once

#include "ImportOptions.h"
#include "ImportResult.h"
#include "util/Progress.h"

namespace cl {

class RecordSource;
class Workspace;

/**
 * Streaming, atomic import of any RecordSource. Everything is written in one transaction: a
 * failed or cancelled import leaves the workspace as it was. The source's records are cleaned
 * by an ImportPlan on a helper thread while the calling thread writes them with a
 * DatasetWriter. Of `options` it reads what is not about the source (name, roles, age bands,
 * strictness, reuse, waiting for another writer); the source was made from the rest. Call from
 * the thread that owns the workspace.
 */
class DatasetImporter
{
public:
    explicit DatasetImporter(Workspace &workspace);
    ImportResult run(RecordSource &source, const ImportOptions &options,
                     const ProgressCallback &progress = {});

private:
    Workspace &m_workspace;
};

} // namespace cl
