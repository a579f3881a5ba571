// ImportJob and DemoJob.
#include "ImportJob.h"

#include "import/CsvImporter.h"
#include "import/DatasetImporter.h"
#include "source/RecordSource.h"
#include "store/NewWorkspace.h"
#include "store/Workspace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

namespace cl {

namespace {

ImportResult importInto(Workspace &ws, const ImportJobConfig &config,
                        const ProgressCallback &progress)
{
    if (!config.source)
        return CsvImporter(ws).run(config.options, progress);
    ImportResult r;
    const std::unique_ptr<RecordSource> source = config.source();
    if (!source) {
        r.error = QStringLiteral("no source of records was given");
        return r;
    }
    return DatasetImporter(ws).run(*source, config.options, progress);
}

} // namespace

ImportResult runImportJob(const ImportJobConfig &config, const ProgressCallback &progress)
{
    ImportResult r;
    if (NewWorkspace::nothingAt(config.workspacePath)) {
        // A new workspace is built aside and renamed into place whole: its pages are written
        // once, with no log to copy them from afterwards.
        NewWorkspace fresh(config.workspacePath);
        if (!fresh.open(&r.error))
            return r;
        r = importInto(fresh.workspace(), config, progress);
        if (r.status != ImportStatus::Imported)
            return r; // the temporary file goes with `fresh`: nothing at the path
        QElapsedTimer timer;
        timer.start();
        QString error;
        if (!fresh.commit(&error)) {
            r.status = ImportStatus::Failed;
            r.datasetId = -1;
            r.error = QStringLiteral("cannot create the workspace %1: %2")
                          .arg(config.workspacePath, error);
            return r;
        }
        r.checkpointSeconds += double(timer.elapsed()) / 1000.0;
        return r;
    }
    Workspace ws;
    if (!ws.open(config.workspacePath, &r.error))
        return r;
    return importInto(ws, config, progress);
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
