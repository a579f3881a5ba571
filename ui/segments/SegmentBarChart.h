// Bar chart of segment rates with Wilson 95% whiskers and the overall rate as a line.
#pragma once

#include "ChartWidget.h"
#include "segments/SegmentResult.h"

namespace cl {

/**
 * Shows the top N segments of a result in its ranking order (rank 1 at the top) as
 * horizontal bars, each with its Wilson interval drawn as a whisker; segments below min-n
 * are pale. A ChartWidget: ChartPainter draws it as it draws the report's bars. Hover shows
 * the numbers and outlines the bar; a click emits segmentClicked.
 * Thread affinity: GUI thread. Owns a copy of the result it shows.
 */
class SegmentBarChart : public ChartWidget
{
    Q_OBJECT
public:
    static constexpr int kDefaultTopN = 20;

    explicit SegmentBarChart(QWidget *parent = nullptr);

    /// Shows `result` (copied); `topN` bars at most.
    void setResult(const SegmentResult &result, int topN);
    void setTopN(int topN);
    int topN() const { return m_topN; }
    /// Bars shown (at most topN).
    int barCount() const;

    /// Renders the chart at `size` into an SVG file (PNG: ChartWidget::savePng).
    bool saveSvg(const QString &path, QSize size) const;
    /// The chart without the on-screen hint "Click a bar to drill down."
    ChartSpec exportChart() const override;

    /// Tooltip text for one segment of a result (shared with the heatmap).
    static QString segmentToolTip(const SegmentResult &result, const SegmentRow &row);

    /// SegmentResult::rows index of the bar (or whisker) at a widget position; -1 for none.
    int rowAt(const QPoint &pos) const;
    /// The bar of a SegmentResult::rows index, in widget coordinates; empty when not shown.
    QRectF barRect(int row) const;

    /// The description this chart exports (a RateBars ChartSpec) for `result`'s top `topN`;
    /// the widget adds its click hint on screen.
    static ChartSpec chartFor(const SegmentResult &result, int topN);

Q_SIGNALS:
    /// A bar was clicked; `row` indexes SegmentResult::rows.
    void segmentClicked(int row);

protected:
    bool event(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void rebuild();

    SegmentResult m_result;
    int m_topN = kDefaultTopN;
};

} // namespace cl
