// ImportJob and DemoJob.
#include "ImportJob.h"

#include "import/CsvImporter.h"
#include "import/DatasetImporter.h"
#include "source/RecordSource.h"
#include "store/Workspace.h"

#include <QDir>
#include <QFileInfo>

namespace cl {

ImportResult runImportJob(const ImportJobConfig &config, const ProgressCallback &progress)
{
    ImportResult r;
    Workspace ws;
    if (!ws.open(config.workspacePath, &r.error))
        return r;
    if (!config.source)
        return CsvImporter(ws).run(config.options, progress);
    const std::unique_ptr<RecordSource> source = config.source();
    if (!source) {
        r.error = QStringLiteral("no source of records was given");
        return r;
    }
    return DatasetImporter(ws).run(*source, config.options, progress);
}

QString demoFilePath(const QString &workspacePath, const DemoOptions &demo)
{
    return QStringLiteral("%1/demo-data/synthetic-bank-%2-seed%3.csv")
        .arg(QFileInfo(workspacePath).absolutePath())
        .arg(demo.rows)
        .arg(demo.seed);
}

ImportResult runDemoJob(const DemoJobConfig &config, const ProgressCallback &progress)
{
    const auto part = [&progress](double from, double to) -> ProgressCallback {
        return [&progress, from, to](double f, const QString &phase) {
            return reportProgress(progress, from + (to - from) * std::clamp(f, 0.0, 1.0), phase);
        };
    };
    const ProgressCallback generating = part(0.0, 0.4);
    ImportResult r;
    const QString file = demoFilePath(config.workspacePath, config.demo);
    QDir().mkpath(QFileInfo(file).absolutePath());
    QString error;
    if (!DemoDataGenerator::writeFile(file, config.demo, generating, &error)) {
        const bool cancelled = !reportProgress(progress, 0.0, QStringLiteral("generating"));
        r.status = cancelled ? ImportStatus::Cancelled : ImportStatus::Failed;
        r.error = QStringLiteral("%1: cannot write the demo data: %2").arg(file, error);
        return r;
    }
    ImportJobConfig import;
    import.workspacePath = config.workspacePath;
    import.options = config.options;
    import.options.path = file;
    import.options.name = DemoDataGenerator::datasetName();
    import.options.synthetic = true;
    import.options.reuseExisting = true;
    return runImportJob(import, part(0.4, 1.0));
}

} // namespace cl
