// Paints the report's charts (rate bars, heatmap, forest plot, gains) with QPainter.
#pragma once

#include "report/ReportDocument.h"

#include <QRectF>
#include <QString>

class QPainter;

namespace cl {

/**
 * Draws a ReportChart into a rectangle given in points (1/72 inch); the caller scales the
 * painter to its device (vector PDF, or an image at any dpi). Stateless. Threads: paints a
 * QImage or a QPdfWriter on any thread (ReportView and ReportJob do so on workers); the fonts
 * come from ReportFonts, loaded once under a lock. Never a widget's paint device (asserted).
 */
class ChartPainter
{
public:
    /// Height in points the chart wants at `width` points.
    static double preferredHeight(const ReportChart &chart, double width);
    static void paint(QPainter &painter, const QRectF &rect, const ReportChart &chart);
    /**
     * Writes the chart as a PNG of `width` points at `dpi` (>= 200 for print). False with
     * *error set when the file cannot be written.
     */
    static bool writePng(const ReportChart &chart, const QString &path, double width = 480,
                         int dpi = 200, QString *error = nullptr);
};

} // namespace cl
