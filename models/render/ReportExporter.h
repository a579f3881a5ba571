// Writes a report folder: report.md with its chart PNGs beside it, and report.pdf.
#pragma once

#include "report/ReportDocument.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace cl {

struct ReportExportOptions
{
    QString outDir = QStringLiteral("reports"); ///< parent of the report folder
    bool markdown = true;
    bool pdf = true;
    QDateTime now; ///< for the folder name; invalid = current UTC time
    int imageDpi = 200;
};

struct ReportExportResult
{
    bool ok = false;
    QString error;
    QString folder;       ///< <outDir>/<dataset>-<yyyyMMdd-HHmmss>
    QString markdownPath; ///< empty unless written
    QString pdfPath;
    QStringList images; ///< PNG files written
    double seconds = 0;
};

/**
 * Creates `<outDir>/<dataset>-<timestamp>` (a suffix -2, -3, ... when it exists; written as
 * `<name>.partial` and renamed when complete, so a killed export is labelled partial) and writes
 * the requested formats. Needs a QGuiApplication to exist (fonts); runs on any thread.
 * Whole or nothing: on a failure (a full disk, say) the error names the file and the reason,
 * and the new folder is removed with whatever was already written into it.
 */
class ReportExporter
{
public:
    static ReportExportResult write(const ReportDocument &doc, const ReportExportOptions &options);
    /// File-system-safe form of a dataset name ("bank-additional-full").
    static QString folderStem(const QString &datasetName);
};

} // namespace cl
