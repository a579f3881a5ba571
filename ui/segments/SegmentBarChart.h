// Bar chart of segment rates with Wilson 95% whiskers and the overall rate as a line.
#pragma once

#include "segments/SegmentResult.h"

#include <QChartView>

class QAbstractSeries;
class QBarSet;

namespace cl {

/**
 * Shows the top N segments of a result in its ranking order (rank 1 at the top) as
 * horizontal bars, each with its Wilson interval drawn as a whisker; segments below min-n
 * are grey. Hover shows the numbers; a click emits segmentClicked. The same chart is
 * rebuilt off-screen for PNG/SVG export at any size.
 * Thread affinity: GUI thread. Owns its QChart (through QChartView).
 */
class SegmentBarChart : public QChartView
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

    /// Renders the chart at `size` into a PNG (false when the file cannot be written).
    bool savePng(const QString &path, QSize size) const;
    /// Renders the chart at `size` into an SVG file.
    bool saveSvg(const QString &path, QSize size) const;

    /// Tooltip text for one segment of a result (shared with the heatmap).
    static QString segmentToolTip(const SegmentResult &result, const SegmentRow &row);

    /// SegmentResult::rows index of the bar (or whisker) at a viewport position; -1 for none.
    int rowAt(const QPoint &viewportPos) const;

Q_SIGNALS:
    /// A bar was clicked; `row` indexes SegmentResult::rows.
    void segmentClicked(int row);

protected:
    bool viewportEvent(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    QChart *buildChart(bool interactive) const;
    void rebuild();
    int rowForCategory(int category) const;
    void renderTo(QPainter &painter, QSize size) const;

    SegmentResult m_result;
    QAbstractSeries *m_series = nullptr; ///< the bars of the shown chart (owned by it)
    int m_topN = kDefaultTopN;
};

} // namespace cl
