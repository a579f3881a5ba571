// Times the full report export (build + Markdown with PNGs + PDF) on bank-additional-full.
#include "BenchSupport.h"
#include "import/CsvImporter.h"
#include "render/ReportExporter.h"
#include "report/ReportBuilder.h"
#include "store/FrameLoader.h"
#include "store/Workspace.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

/// The report as ReportJob makes it when no model run is stored: the default run, fitted here.
inline cl::ReportDocument buildReport(const cl::DatasetInfo &info, const cl::DataFrame &frame,
                                      cl::ReportOptions options = {})
{
    if (options.fitModel)
        options.model = cl::ReportBuilder::fitDefaultRun(frame);
    return cl::ReportBuilder::build(info, frame, options);
}

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QTextStream out(stdout);
    const QString csv = cl::bench::referenceFile();
    if (csv.isEmpty()) {
        out << "bench_report: bank-additional-full.csv not found (set CL_BENCH_INPUT)\n";
        return 1;
    }
    QTemporaryDir dir;
    cl::Workspace ws;
    QString error;
    if (!ws.open(dir.filePath(QStringLiteral("ws.sqlite")), &error)) {
        out << "bench_report: " << error << "\n";
        return 1;
    }
    cl::ImportOptions options;
    options.path = csv;
    const cl::ImportResult imported = cl::CsvImporter(ws).run(options);
    if (!imported.ok()) {
        out << "bench_report: " << imported.error << "\n";
        return 1;
    }
    const cl::DatasetInfo info = *ws.dataset(imported.datasetId);
    out << "bank-additional-full: " << info.rowsRead << " rows\n";
    const int runs = 5;
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("nb")}) {
        double best = 1e9, bestLoad = 0, bestBuild = 0, bestWrite = 0;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer timer;
            timer.start();
            const auto frame = cl::loadFrame(ws, info.id, &error);
            const double load = timer.nsecsElapsed() / 1e9;
            cl::ReportOptions reportOptions;
            reportOptions.language = language;
            const cl::ReportDocument doc = buildReport(info, *frame, reportOptions);
            const double build = timer.nsecsElapsed() / 1e9 - load;
            cl::ReportExportOptions exportOptions;
            exportOptions.outDir = dir.filePath(QStringLiteral("reports"));
            const cl::ReportExportResult result = cl::ReportExporter::write(doc, exportOptions);
            const double total = timer.nsecsElapsed() / 1e9;
            if (!result.ok) {
                out << "bench_report: " << result.error << "\n";
                return 1;
            }
            if (total < best) {
                best = total;
                bestLoad = load;
                bestBuild = build;
                bestWrite = result.seconds;
            }
        }
        out << QStringLiteral(
                   "report %1 (md + %2 PNG + pdf), best of %3: %4 s "
                   "(load frame %5 s, segments+model+plans %6 s, write %7 s); goal <= 2 s\n")
                   .arg(language)
                   .arg(4)
                   .arg(runs)
                   .arg(best, 0, 'f', 3)
                   .arg(bestLoad, 0, 'f', 3)
                   .arg(bestBuild, 0, 'f', 3)
                   .arg(bestWrite, 0, 'f', 3);
    }
    return 0;
}
