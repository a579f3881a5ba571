// CsvImporter: the CSV options of an import make the source; the DatasetImporter does the rest.
#include "CsvImporter.h"

#include "DatasetImporter.h"
#include "source/CsvSource.h"

namespace cl {

CsvImporter::CsvImporter(Workspace &workspace) : m_workspace(workspace) {}

ImportResult CsvImporter::run(const ImportOptions &options, const ProgressCallback &progress)
{
    CsvSource source({options.path, options.delimiter, options.encoding, options.hasHeader,
                      options.decimalComma});
    ImportResult result = DatasetImporter(m_workspace).run(source, options, progress);
    result.dialect = source.dialect();
    return result;
}

} // namespace cl
