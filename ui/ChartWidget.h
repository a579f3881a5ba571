// ChartWidget: a chart description on screen, painted by the report's ChartPainter.
#pragma once

#include "report/ChartSpec.h"

#include <QWidget>

class QPainter;

namespace cl {

/**
 * Shows one ChartSpec: paintEvent hands it to ChartPainter at ChartPainter::kScreenScale,
 * the code and palette that draw the report's PNG and PDF, so the screen and the report
 * cannot differ. Subclasses add interaction (tooltips, clicks) through itemAt and itemRect,
 * which use the painter's own layout. Exports PNG/SVG at any size with the same painter.
 * Thread affinity: GUI thread (ChartPainter refuses a widget elsewhere). Owns its spec.
 */
class ChartWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ChartWidget(QWidget *parent = nullptr);

    void setChart(ChartSpec chart);
    const ChartSpec &chart() const { return m_chart; }
    /// The item (see ChartPainter::itemAt) under a widget position; -1 for none.
    int itemAt(const QPointF &pos) const;
    /// Where an item is drawn, in widget coordinates; empty for none.
    QRectF itemRect(int item) const;
    /// Outlines one item (hover); -1 for none.
    void setHighlight(int item);
    int highlight() const { return m_highlight; }

    /// The chart rendered at `size` pixels into a PNG on white (false when not written).
    bool savePng(const QString &path, QSize size) const;
    /// The chart rendered at `size` into an SVG file titled `title`.
    bool saveSvg(const QString &path, QSize size, const QString &title) const;
    /**
     * Paints what savePng and saveSvg write, filling `size` pixels: exportChart(). While the
     * widget is shown, it is laid out as on screen and scaled to fit, so every label (a heatmap
     * cell's "12.7%" or "13%") reads in the file as it reads on screen; otherwise it is laid
     * out for `size`.
     */
    void paintExport(QPainter &painter, QSize size) const;
    /// The chart the exports draw: chart() without its on-screen hints (subclasses drop them).
    virtual ChartSpec exportChart() const { return m_chart; }

    QSize sizeHint() const override;
    /// The painter's preferred height at `width` pixels; used when the size policy asks.
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    /// The chart's rectangle in points for the widget's current size.
    QRectF chartRect() const;

private:
    ChartSpec m_chart;
    int m_highlight = -1;
};

} // namespace cl
