// Writes a ReportDocument as an A4 PDF: vector charts, paginated tables, page numbers.
#pragma once

#include "report/ReportDocument.h"

#include <QString>

namespace cl {

/**
 * PDF export with QPdfWriter: A4, 20 mm margins, "page N of M" in the footer, DejaVu Sans
 * embedded (ReportFonts), charts drawn as vectors (sharp at any zoom). Tables never break
 * inside a row and repeat their header row on each new page. Needs a QGuiApplication to exist;
 * runs on any thread (QPdfWriter is not a widget), as ReportJob does on a worker.
 */
class PdfReportWriter
{
public:
    /// False with *error set when the file cannot be written.
    static bool write(const ReportDocument &doc, const QString &path, QString *error = nullptr);
};

} // namespace cl
