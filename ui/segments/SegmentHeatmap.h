// Heatmap of a two-dimension segmentation: rate as colour, clients in each cell.
#pragma once

#include "ChartWidget.h"
#include "segments/SegmentResult.h"

#include <vector>

namespace cl {

/**
 * Shows the first dimension's levels as rows and the second's as columns: the rate as
 * colour (legend at the right), rate and clients written in each cell, cells with fewer than
 * min-n clients hatched grey. A ChartWidget: ChartPainter draws it as it draws the report's
 * heatmap. With 1 or 3 dimensions it says that it needs exactly two. Hover shows the numbers
 * and outlines the cell; a click emits cellClicked.
 * Thread affinity: GUI thread. Owns a copy of the result it shows.
 */
class SegmentHeatmap : public ChartWidget
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

    bool saveSvg(const QString &path, QSize size) const;
    /// The chart without the on-screen hint "Click a cell to drill down."
    ChartSpec exportChart() const override;

    QSize sizeHint() const override { return {800, 500}; }

Q_SIGNALS:
    /// A cell was clicked; `row` indexes SegmentResult::rows.
    void cellClicked(int row);

protected:
    bool event(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    SegmentResult m_result;
    bool m_grid = false;
    QString m_exportSubtitle; ///< the subtitle without the click hint
    std::vector<int> m_cells; ///< rows index per chart cell (r * cols + c); -1 = empty
};

} // namespace cl
