// Report folder creation and the Markdown, PNG and PDF files in it.
#include "ReportExporter.h"

#include "ChartPainter.h"
#include "PdfReportWriter.h"
#include "report/MarkdownWriter.h"
#include "util/AtomicFile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>

namespace cl {

QString ReportExporter::folderStem(const QString &datasetName)
{
    QString stem = datasetName;
    stem.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
    stem.remove(QRegularExpression(QStringLiteral("^[-.]+|-+$")));
    return stem.isEmpty() ? QStringLiteral("dataset") : stem;
}

ReportExportResult ReportExporter::write(const ReportDocument &doc,
                                         const ReportExportOptions &options)
{
    QElapsedTimer timer;
    timer.start();
    ReportExportResult result;
    if (!doc.ok) {
        result.error = doc.error.isEmpty() ? QStringLiteral("empty report") : doc.error;
        return result;
    }
    const QDateTime now =
        options.now.isValid() ? options.now.toUTC() : QDateTime::currentDateTimeUtc();
    const QString base = QDir(options.outDir)
                             .filePath(folderStem(doc.datasetName) + QLatin1Char('-') +
                                       now.toString(QStringLiteral("yyyyMMdd-HHmmss")));
    QString folder = base;
    for (int i = 2; QFileInfo::exists(folder); ++i)
        folder = base + QLatin1Char('-') + QString::number(i);
    // A report is written whole or not at all: into "<folder>.partial", renamed to its name
    // once every file is in (a killed export leaves a folder that says it is partial); on a
    // failure that folder goes, with the files already in it. Earlier reports are in folders
    // of their own.
    const QString staging = folder + QStringLiteral(".partial");
    QDir(staging).removeRecursively(); // a leftover of a killed export of this very name
    if (!QDir().mkpath(staging)) {
        result.error = QStringLiteral("cannot create folder %1").arg(staging);
        return result;
    }
    const QDir dir(staging);
    auto failed = [&](const QString &error) {
        QDir(staging).removeRecursively();
        ReportExportResult failure;
        failure.error = error;
        return failure;
    };
    if (options.markdown) {
        for (const ChartSpec &chart : doc.charts) {
            const QString png = dir.filePath(MarkdownWriter::imageFileName(chart.id));
            QString error;
            if (!ChartPainter::writePng(chart, png, 480, options.imageDpi, &error))
                return failed(error);
            result.images << png;
        }
        const QString md = dir.filePath(QStringLiteral("report.md"));
        QString error;
        if (!AtomicFile::writeFile(md, MarkdownWriter::toMarkdown(doc).toUtf8(), &error))
            return failed(error);
        result.markdownPath = md;
    }
    if (options.pdf) {
        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        QString error;
        if (!PdfReportWriter::write(doc, pdf, &error))
            return failed(error);
        result.pdfPath = pdf;
    }
    if (!QDir().rename(staging, folder))
        return failed(QStringLiteral("cannot rename %1 to %2").arg(staging, folder));
    // The paths as they are now.
    const auto moved = [&](QString &path) {
        if (!path.isEmpty())
            path = QDir(folder).filePath(QFileInfo(path).fileName());
    };
    moved(result.markdownPath);
    moved(result.pdfPath);
    for (QString &png : result.images)
        moved(png);
    result.folder = folder;
    result.ok = true;
    result.seconds = timer.nsecsElapsed() / 1e9;
    return result;
}

} // namespace cl
