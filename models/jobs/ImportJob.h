// ImportJob and DemoJob: a file, or the synthetic demo data, into a workspace (GUI and CLI).
#pragma once

#include "demo/DemoDataGenerator.h"
#include "import/ImportOptions.h"
#include "import/ImportResult.h"
#include "util/Progress.h"

#include <QString>

#include <functional>
#include <memory>

namespace cl {

class RecordSource;

struct ImportJobConfig
{
    QString workspacePath;
    ImportOptions options; ///< the file, dialect overrides, reuse, waiting for another writer
    /// Makes the source of the records, on the job's thread. Empty: the CSV file at
    /// options.path read with options' dialect overrides. Another kind of source (its options
    /// widget) sets this and nothing else.
    std::function<std::unique_ptr<RecordSource>()> source;
};

/**
 * Opens the workspace on its own connection and imports the source (DatasetImporter). Whole
 * or nothing; `progress` from 0 to 1, false cancels. A workspace that does not exist yet is
 * built beside its path and renamed into place only when the import succeeded (NewWorkspace).
 * Any thread but the GUI's.
 */
ImportResult runImportJob(const ImportJobConfig &config, const ProgressCallback &progress = {});

struct DemoJobConfig
{
    QString workspacePath;
    DemoOptions demo;
    /// Import settings (waitingForWriter, writerWaitMs); path, name, synthetic and reuse are
    /// set by the job.
    ImportOptions options;
};

/// Where the demo CSV of `demo` is written: <workspace folder>/demo-data/.
QString demoFilePath(const QString &workspacePath, const DemoOptions &demo);

/**
 * Writes the demo CSV (always regenerated: a cached file could predate a generator change;
 * written whole or not at all) and imports it as a synthetic dataset, reusing an earlier
 * import of the same bytes. `progress`: 0 to 0.4 generating, 0.4 to 1 importing.
 */
ImportResult runDemoJob(const DemoJobConfig &config, const ProgressCallback &progress = {});

} // namespace cl
