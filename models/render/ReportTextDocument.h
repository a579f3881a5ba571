// ReportTextDocument: a ReportDocument as a QTextDocument, for a preview that shows what the PDF
// shows.
#pragma once

#include "report/ReportDocument.h"

#include <QImage>

#include <functional>

class QTextDocument;

namespace cl {

/**
 * Fills a QTextDocument from the document model the PDF is drawn from (PdfReportWriter), block by
 * block: every text is inserted literally, so a '*' or '_' stays what it is (the Markdown form
 * turned "where marked (*)" into italics), and every chart is an image resource named
 * MarkdownWriter::imageFileName(id) drawn by `chartImage`, with its caption under it as in the
 * PDF. Needs QtGui, no widgets; any thread that owns the QTextDocument.
 */
class ReportTextDocument
{
public:
    using ChartImage = std::function<QImage(const ChartSpec &)>;
    /// Clears `text` and writes `doc` into it.
    static void fill(QTextDocument *text, const ReportDocument &doc, const ChartImage &chartImage);
};

} // namespace cl
