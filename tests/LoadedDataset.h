// Test helper: a CSV imported into a fresh workspace, with its record and its DataFrame.
#pragma once

#include "data/DataFrame.h"
#include "import/CsvImporter.h"
#include "store/DatasetInfo.h"
#include "store/FrameLoader.h"
#include "store/Workspace.h"

#include <QString>

#include <memory>

namespace cl::test {

/// An imported dataset and its frame; the workspace stays open for the test's SQL.
struct LoadedDataset
{
    std::unique_ptr<Workspace> workspace;
    DatasetInfo info;
    DataFrame frame;
};

/// Imports `csv` into `dir`/ws.sqlite with `options` (path is set here) and loads its frame.
/// False with *error set when any step fails.
inline bool importInto(const QString &dir, const QString &csv, LoadedDataset *loaded,
                       QString *error, ImportOptions options = {})
{
    loaded->workspace = std::make_unique<Workspace>();
    if (!loaded->workspace->open(dir + QStringLiteral("/ws.sqlite"), error))
        return false;
    options.path = csv;
    const ImportResult imported = CsvImporter(*loaded->workspace).run(options);
    if (!imported.ok()) {
        *error = imported.error;
        return false;
    }
    loaded->info = *loaded->workspace->dataset(imported.datasetId);
    auto frame = loadFrame(*loaded->workspace, imported.datasetId, error);
    if (!frame)
        return false;
    loaded->frame = std::move(*frame);
    return true;
}

} // namespace cl::test
