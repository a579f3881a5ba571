// Report folder creation and the Markdown, PNG and PDF files in it.
#include "ReportExporter.h"

#include "ChartPainter.h"
#include "PdfReportWriter.h"
#include "report/MarkdownWriter.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

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
    if (!QDir().mkpath(folder)) {
        result.error = QStringLiteral("cannot create folder %1").arg(folder);
        return result;
    }
    result.folder = folder;
    const QDir dir(folder);
    if (options.markdown) {
        for (const ReportChart &chart : doc.charts) {
            const QString png = dir.filePath(MarkdownWriter::imageFileName(chart.id));
            if (!ChartPainter::writePng(chart, png, 480, options.imageDpi, &result.error))
                return result;
            result.images << png;
        }
        QSaveFile md(dir.filePath(QStringLiteral("report.md")));
        if (!md.open(QIODevice::WriteOnly) ||
            md.write(MarkdownWriter::toMarkdown(doc).toUtf8()) < 0 || !md.commit()) {
            result.error =
                QStringLiteral("cannot write %1: %2").arg(md.fileName(), md.errorString());
            return result;
        }
        result.markdownPath = dir.filePath(QStringLiteral("report.md"));
    }
    if (options.pdf) {
        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        if (!PdfReportWriter::write(doc, pdf, &result.error))
            return result;
        result.pdfPath = pdf;
    }
    result.ok = true;
    result.seconds = timer.nsecsElapsed() / 1e9;
    return result;
}

} // namespace cl
