// Paints every chart (rate bars, heatmap, forest plot, ROC, gains, calibration) with QPainter,
// for the screen widgets, the PNG files and the PDF alike.
#pragma once

#include "ChartPalette.h"
#include "report/ChartSpec.h"

#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QSize>
#include <QString>
#include <QStringList>

class QFontMetricsF;
class QPaintDevice;
class QPainter;

namespace cl {

/**
 * Draws a ChartSpec into a rectangle given in points (1/72 inch); the caller scales the
 * painter to its device (vector PDF, an image at any dpi, or a widget at kScreenScale). The
 * layout, the hit-testing (itemAt, itemRect) and the colours (ChartPalette) are the same for
 * every device, so the chart on screen is the chart in the report. Stateless.
 *
 * Threads: QImage, QPdfWriter and QSvgGenerator devices on any thread (ReportView and
 * ReportJob paint on workers; the fonts come from ReportFonts, loaded once under a lock). A
 * widget's paint device only on the GUI thread, i.e. from its paintEvent: paint() checks it
 * (mayPaintOn), asserts in debug builds and draws nothing otherwise.
 */
class ChartPainter
{
public:
    /// Widget pixels per point: the screen shows a chart at the size the PDF prints it.
    static constexpr double kScreenScale = 96.0 / 72.0;

    /// Height in points the chart wants at `width` points.
    static double preferredHeight(const ChartSpec &chart, double width);
    /**
     * Paints `chart` into `rect` (points). `highlight` outlines one item (see itemAt) on
     * screen; -1 for none. `colors`: the report's light ones unless a widget follows a dark
     * desktop palette (ChartPalette::Colors::forPalette).
     */
    static void paint(QPainter &painter, const QRectF &rect, const ChartSpec &chart,
                      int highlight = -1,
                      const ChartPalette::Colors &colors = ChartPalette::Colors::light());
    /**
     * The item under `pos` (points, same rect as paint): a bar or forest row (index into
     * labels), a heatmap cell (row * columns + column; none for an empty cell); -1 for none
     * and for the curve charts.
     */
    static int itemAt(const QRectF &rect, const ChartSpec &chart, const QPointF &pos);
    /// Where item `item` is drawn (a bar, a heatmap cell, a forest row); empty for none.
    static QRectF itemRect(const QRectF &rect, const ChartSpec &chart, int item);
    /**
     * The chart as an image of `pixels` on white, at `scale` pixels per point (kScreenScale:
     * exactly what a chart widget of that size shows). Any thread.
     */
    static QImage image(const ChartSpec &chart, QSize pixels, double scale = kScreenScale);
    /**
     * Writes the chart as a PNG of `width` points at `dpi` (>= 200 for print). False with
     * *error set when the file cannot be written.
     */
    static bool writePng(const ChartSpec &chart, const QString &path, double width = 480,
                         int dpi = 200, QString *error = nullptr);
    /**
     * True when paint() may draw on `device` from the calling thread: any device but a
     * widget on any thread; a widget only on the GUI thread.
     */
    static bool mayPaintOn(const QPaintDevice *device);

    /// The first of `forms` (most complete first) that fits whole in `width` with `fm`;
    /// an empty string when none does. Heatmap cell labels are chosen this way so that a
    /// number is never cut into a different-looking one ("12.7%" clipped to "2.7%").
    static QString fitCellLabel(const QStringList &forms, const QFontMetricsF &fm, double width);
};

} // namespace cl
