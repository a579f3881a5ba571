// ForestPlot: odds ratios with 95% intervals on a log scale, one row per term.
#pragma once

#include "ChartWidget.h"

#include <QString>

#include <vector>

namespace cl {

/// One row of the forest plot.
struct ForestRow
{
    QString label; ///< e.g. "job=retired (ref admin.)"
    double oddsRatio = 1;
    double low = 1, high = 1; ///< 95% interval of the odds ratio
    double p = 1;
};

/**
 * Forest plot: a label column, then each odds ratio as a square with its 95% interval on a
 * log axis, and a vertical line at OR = 1. Rows sort by odds ratio or by name. Intervals that
 * leave the axis end in an arrow. A ChartWidget: ChartPainter draws it as it draws the
 * report's forest plot; the widget adds the sorting and the row tooltips.
 * Thread affinity: GUI thread; owns its rows.
 */
class ForestPlot : public ChartWidget
{
    Q_OBJECT
public:
    enum class SortOrder
    {
        ByOddsRatio, ///< largest odds ratio first
        ByName       ///< as the labels sort, which keeps a predictor's levels together
    };

    explicit ForestPlot(QWidget *parent = nullptr);

    void setRows(std::vector<ForestRow> rows);
    void setSortOrder(SortOrder order);
    SortOrder sortOrder() const { return m_order; }
    int rowCount() const { return int(m_rows.size()); }
    /// Rows in display order.
    const std::vector<ForestRow> &rows() const { return m_rows; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    /// The label as the plot shows it: "job=retired (ref admin.)" becomes "job=retired", so
    /// levels of one predictor stay distinct in a narrow column; the reference is in the
    /// row's tooltip.
    static QString termLabel(const QString &label);
    /// Display-order index of the row at a widget y coordinate; -1 for none.
    int rowAt(int y) const;

protected:
    bool event(QEvent *event) override;

private:
    void sortRows();
    void rebuild();

    std::vector<ForestRow> m_rows;
    SortOrder m_order = SortOrder::ByOddsRatio;
};

} // namespace cl
