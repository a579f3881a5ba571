// Heatmap of a two-dimension segmentation: rate as colour, clients in each cell.
#pragma once

#include "segments/SegmentResult.h"

#include <QFontMetricsF>
#include <QRectF>
#include <QWidget>

#include <vector>

namespace cl {

/**
 * Paints a grid with the first dimension's levels as rows and the second's as columns:
 * the rate as colour (legend at the right), rate and clients written in each cell, cells
 * with fewer than min-n clients hatched grey. With 1 or 3 dimensions it says that it needs
 * exactly two. Hover shows the numbers; a click emits cellClicked.
 * Thread affinity: GUI thread. Owns a copy of the result it shows.
 */
class SegmentHeatmap : public QWidget
{
    Q_OBJECT
public:
    explicit SegmentHeatmap(QWidget *parent = nullptr);

    void setResult(const SegmentResult &result);
    /// True when the result has exactly two dimensions (a grid can be drawn).
    bool hasGrid() const { return m_grid; }
    /// SegmentResult::rows index of the cell at a widget position; -1 for none.
    int rowAt(const QPointF &pos) const;
    /// Centre of the cell of a SegmentResult::rows index, in widget coordinates (for tests).
    QPointF cellCenter(int row) const;

    /// Paints the whole heatmap into `rect` (widget, PNG and SVG share this); `hover`
    /// outlines the cell under the mouse (on screen only).
    void paint(QPainter &painter, const QRectF &rect, bool hover = false) const;
    bool savePng(const QString &path, QSize size) const;
    bool saveSvg(const QString &path, QSize size) const;

    QSize sizeHint() const override { return {800, 500}; }

    /// The first of `forms` (most complete first) that fits whole in `width` with `fm`;
    /// an empty string when none does. Cell labels are chosen this way so that a number is
    /// never cut into a different-looking one ("12.7%" clipped to "2.7%").
    static QString fitCellLabel(const QStringList &forms, const QFontMetricsF &fm, double width);

Q_SIGNALS:
    /// A cell was clicked; `row` indexes SegmentResult::rows.
    void cellClicked(int row);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct Layout
    {
        QRectF title, grid, legend;
        double cellW = 0, cellH = 0, rowHeaderW = 0, colHeaderH = 0;
        bool rotated = false;
    };
    Layout layoutFor(const QRectF &rect) const;
    QColor colorFor(double rate) const;

    SegmentResult m_result;
    bool m_grid = false;
    std::vector<int32_t> m_rowCodes, m_colCodes; ///< codes in display order
    QStringList m_rowLabels, m_colLabels;
    std::vector<int> m_cells; ///< rows index per (r * cols + c); -1 = empty combination
    double m_maxRate = 0;
    int m_hover = -1;
};

} // namespace cl
