// The description of one chart: its kind, texts and numbers, with no drawing in it.
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace cl {

/**
 * What a chart shows, for the screen and for the report alike: ChartPainter (cl_render) draws
 * it into any rectangle, the chart widgets of ui/ hold one and add their interaction, and the
 * report builder fills them for the PDF. Plain data (Qt Core only): built on any thread.
 * Only the fields of its kind are read.
 */
struct ChartSpec
{
    enum class Kind
    {
        RateBars,   ///< horizontal bars of rates with 95% whiskers and an overall line
        Heatmap,    ///< rate as colour for two dimensions, rate and clients in the cell
        Forest,     ///< odds ratios with 95% intervals on a log axis
        Roc,        ///< true against false positive rate, with the chance diagonal
        Gains,      ///< cumulative share of subscribers by share of clients called
        Calibration ///< observed rate against mean predicted probability, per decile
    };
    Kind kind = Kind::RateBars;
    QString id;       ///< file stem of the PNG ("segments-bars")
    QString title;    ///< bold line at the top; empty = none
    QString subtitle; ///< a smaller line under the title; empty = none
    QString xLabel;   ///< axis caption; heatmap: the column dimension
    QString yLabel;   ///< axis caption; heatmap: the row dimension; forest: the label column
    QString note;     ///< small print under the chart (e.g. "pale: fewer than 30 clients")
    /// Drawn (with the title) instead of the chart when there is nothing to draw.
    QString emptyText;
    QStringList labels;         ///< bars / forest rows / heatmap rows, top first
    std::vector<double> values; ///< rate, odds ratio, curve y, or row-major heatmap rates
    std::vector<double> lows;   ///< interval per value; empty when none, NaN for one row
    std::vector<double> highs;
    std::vector<bool> flagged; ///< bars: small segment (drawn pale)
    double reference = -1;     ///< overall rate (bars, heatmap), 1 (forest); < 0 = none
    QString referenceLabel;    ///< "overall 11.3%"
    // Heatmap: values are rows x columns rates (NaN = no clients in that combination).
    QStringList columnLabels;
    std::vector<qint64> counts; ///< heatmap clients per cell
    int minN = 30;              ///< heatmap: cells with fewer clients are hatched
    // Forest: the header of the value column ("OR [95% CI]"); empty = no value column.
    QString valueLabel;
    // Curves (ROC, gains, calibration): the points are (xs[i], values[i]).
    std::vector<double> xs;
    QString seriesLabel;   ///< legend entry of the curve
    QString baselineLabel; ///< legend entry of the diagonal ("chance")
    double markX = -1;     ///< a marked point on the curve (gains: the top fraction); < 0 = none
    double markY = -1;
    QString markLabel;
    double axisMax = 1;  ///< both axes run from 0 to this (calibration zooms to the data)
    bool points = false; ///< draw a dot at every point (calibration deciles)
    QString locale = QStringLiteral("en"); ///< number format of tick labels ("en", "nb")
};

} // namespace cl
