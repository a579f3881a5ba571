// QPainter drawing of every chart, in point units, for the widgets, PNG files and the PDF.
#include "ChartPainter.h"

#include "ChartPalette.h"
#include "ReportFonts.h"
#include "report/ReportText.h"
#include "util/AtomicFile.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>
#include <QPainterPath>
#include <QThread>
#include <QtGlobal>

#include <algorithm>
#include <cmath>

namespace cl {

namespace {

namespace P = ChartPalette;

/// The background-dependent colours of the paint() under way on this thread (see C()).
thread_local const ChartPalette::Colors *t_colors = nullptr;

/// The colours paint() was given; the report's light ones outside of it.
const ChartPalette::Colors &C()
{
    static const ChartPalette::Colors light = ChartPalette::Colors::light();
    return t_colors ? *t_colors : light;
}

constexpr double kRow = 16;    ///< row height the report prints at (points)
constexpr double kTitleH = 16; ///< the bold title line
constexpr double kSubH = 13;   ///< the subtitle line
constexpr double kLineH = 12;  ///< tick labels, axis captions, notes

double niceStep(double range, int ticks)
{
    const double raw = range / std::max(1, ticks);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (m * mag >= raw)
            return m * mag;
    }
    return 10 * mag;
}

QString elide(const QString &text, const QFont &font, double width)
{
    return QFontMetricsF(font).elidedText(text, Qt::ElideMiddle, std::max(0.0, width));
}

double labelWidth(const QStringList &labels, const QFont &font, double cap)
{
    QFontMetricsF fm(font);
    double w = 0;
    for (const QString &l : labels)
        w = std::max(w, fm.horizontalAdvance(l));
    return std::min(w + 6, cap);
}

bool isEmpty(const ChartSpec &c)
{
    switch (c.kind) {
    case ChartSpec::Kind::RateBars:
    case ChartSpec::Kind::Forest:
        return c.labels.isEmpty() || c.values.size() < size_t(c.labels.size());
    case ChartSpec::Kind::Heatmap:
        return c.labels.isEmpty() || c.columnLabels.isEmpty() ||
               c.values.size() < size_t(c.labels.size()) * size_t(c.columnLabels.size()) ||
               c.counts.size() < c.values.size();
    case ChartSpec::Kind::Roc:
    case ChartSpec::Kind::Gains:
    case ChartSpec::Kind::Calibration:
        return c.values.empty() || c.xs.size() != c.values.size();
    }
    return true;
}

double headerHeight(const ChartSpec &c)
{
    return (c.title.isEmpty() ? 0 : kTitleH) + (c.subtitle.isEmpty() ? 0 : kSubH) + 2;
}

void drawHeader(QPainter &p, const QRectF &r, const ChartSpec &c)
{
    double y = r.top();
    if (!c.title.isEmpty()) {
        const QFont f = ReportFonts::font(10, true);
        p.setFont(f);
        p.setPen(C().ink);
        p.drawText(QRectF(r.left(), y, r.width(), kTitleH), Qt::AlignLeft | Qt::AlignVCenter,
                   elide(c.title, f, r.width()));
        y += kTitleH;
    }
    if (!c.subtitle.isEmpty()) {
        const QFont f = ReportFonts::font(8);
        p.setFont(f);
        p.setPen(C().mutedInk);
        p.drawText(QRectF(r.left(), y, r.width(), kSubH), Qt::AlignLeft | Qt::AlignVCenter,
                   elide(c.subtitle, f, r.width()));
    }
}

void drawNote(QPainter &p, const QRectF &r, const ChartSpec &c)
{
    if (c.note.isEmpty())
        return;
    const QFont f = ReportFonts::font(7);
    p.setFont(f);
    p.setPen(C().mutedInk);
    p.drawText(QRectF(r.left(), r.bottom() - kLineH, r.width(), kLineH),
               Qt::AlignLeft | Qt::AlignVCenter, elide(c.note, f, r.width()));
}

double noteHeight(const ChartSpec &c)
{
    return c.note.isEmpty() ? 0 : kLineH;
}

void paintEmpty(QPainter &p, const QRectF &r, const ChartSpec &c)
{
    drawHeader(p, r, c);
    p.setFont(ReportFonts::font(9));
    p.setPen(C().mutedInk);
    p.drawText(r.adjusted(20, headerHeight(c) + 10, -20, -10), Qt::AlignCenter | Qt::TextWordWrap,
               c.emptyText);
}

// ---- rate bars ---------------------------------------------------------------------------

struct BarsLayout
{
    QRectF plot; ///< the bars' area: one band of rowH per label
    double rowH = kRow;
    double labelW = 0; ///< the label column left of the plot
    double top = 1;    ///< the axis runs 0..top
    double step = 1;
    int fontPx = 8;
    double x(double v) const { return plot.left() + plot.width() * std::max(0.0, v) / top; }
    QRectF band(int i) const { return {plot.left(), plot.top() + i * rowH, plot.width(), rowH}; }
};

double barsBottomReserve(const ChartSpec &c)
{
    return kLineH + (c.xLabel.isEmpty() ? 0 : kLineH) + noteHeight(c) + 4;
}

BarsLayout barsLayout(const QRectF &r, const ChartSpec &c)
{
    BarsLayout l;
    const int n = int(c.labels.size());
    const double top = r.top() + headerHeight(c) + 14; // the reference label above the plot
    const double avail = r.bottom() - barsBottomReserve(c) - top;
    l.rowH = std::clamp(avail / std::max(1, n), 6.0, 28.0);
    l.fontPx = int(std::clamp(l.rowH - 5, 6.0, 8.0));
    l.labelW = labelWidth(c.labels, ReportFonts::font(l.fontPx), r.width() * 0.45);
    l.plot =
        QRectF(r.left() + l.labelW, top, std::max(10.0, r.width() - l.labelW - 12), l.rowH * n);
    double maxV = std::max(c.reference, 0.0);
    for (size_t i = 0; i < c.values.size(); ++i)
        maxV = std::max({maxV, c.values[i], i < c.highs.size() ? c.highs[i] : 0.0});
    l.step = niceStep(maxV > 0 ? maxV : 1, 5);
    l.top = std::max(l.step, std::ceil(maxV / l.step - 1e-9) * l.step);
    return l;
}

QRectF barRect(const BarsLayout &l, const ChartSpec &c, int i)
{
    const QRectF b = l.band(i);
    const double h = std::max(2.0, l.rowH * 0.64);
    return {l.x(0), b.center().y() - h / 2, std::max(1.0, l.x(c.values[size_t(i)]) - l.x(0)), h};
}

void paintBars(QPainter &p, const QRectF &r, const ChartSpec &c, int highlight)
{
    const ReportText t(c.locale);
    drawHeader(p, r, c);
    const BarsLayout l = barsLayout(r, c);
    const QFont small = ReportFonts::font(l.fontPx);
    const QFont axis = ReportFonts::font(8);
    p.setFont(axis);
    for (double v = 0; v <= l.top + 1e-12; v += l.step) {
        p.setPen(QPen(C().grid, 0.5));
        p.drawLine(QPointF(l.x(v), l.plot.top()), QPointF(l.x(v), l.plot.bottom()));
        p.setPen(C().ink);
        p.drawText(QRectF(l.x(v) - 30, l.plot.bottom() + 1, 60, kLineH), Qt::AlignCenter,
                   t.percent(v, l.step < 0.01 ? 1 : 0));
    }
    for (int i = 0; i < c.labels.size(); ++i) {
        const QRectF band = l.band(i);
        p.setFont(small);
        p.setPen(C().ink);
        p.drawText(QRectF(r.left(), band.top(), l.labelW - 4, band.height()),
                   Qt::AlignRight | Qt::AlignVCenter, elide(c.labels[i], small, l.labelW - 4));
        const bool pale = i < int(c.flagged.size()) && c.flagged[size_t(i)];
        const QRectF bar = barRect(l, c, i);
        p.fillRect(bar, pale ? C().smallBar : P::bar);
        if (i == highlight) {
            p.setPen(QPen(C().ink, 1));
            p.setBrush(Qt::NoBrush);
            p.drawRect(bar);
        }
        if (size_t(i) < c.lows.size() && size_t(i) < c.highs.size() &&
            std::isfinite(c.lows[size_t(i)]) && std::isfinite(c.highs[size_t(i)])) {
            const double yc = band.center().y();
            const double cap = std::min(3.0, l.rowH * 0.2);
            const double x0 = l.x(c.lows[size_t(i)]), x1 = l.x(c.highs[size_t(i)]);
            p.setPen(QPen(C().ink, 0.9));
            p.drawLine(QPointF(x0, yc), QPointF(x1, yc));
            p.drawLine(QPointF(x0, yc - cap), QPointF(x0, yc + cap));
            p.drawLine(QPointF(x1, yc - cap), QPointF(x1, yc + cap));
        }
    }
    p.setFont(axis);
    if (c.reference >= 0) {
        const double xr = l.x(c.reference);
        p.setPen(QPen(P::reference, 1.2, Qt::DashLine));
        p.drawLine(QPointF(xr, l.plot.top() - 4), QPointF(xr, l.plot.bottom()));
        p.setPen(P::reference);
        const double w = QFontMetricsF(axis).horizontalAdvance(c.referenceLabel) + 2;
        const bool left = xr + 3 + w > r.right();
        p.drawText(QRectF(left ? xr - 3 - w : xr + 3, l.plot.top() - 14, w, 11),
                   (left ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, c.referenceLabel);
    }
    if (!c.xLabel.isEmpty()) {
        p.setPen(C().ink);
        p.drawText(QRectF(l.plot.left(), l.plot.bottom() + kLineH + 1, l.plot.width(), kLineH),
                   Qt::AlignCenter, elide(c.xLabel, axis, l.plot.width()));
    }
    drawNote(p, r, c);
}

int barsItemAt(const QRectF &r, const ChartSpec &c, const QPointF &pos)
{
    const BarsLayout l = barsLayout(r, c);
    if (l.rowH <= 0 || pos.y() < l.plot.top() || pos.y() >= l.plot.bottom())
        return -1;
    const int i = int((pos.y() - l.plot.top()) / l.rowH);
    if (i < 0 || i >= c.labels.size())
        return -1;
    // The bar or its whisker, not the gap between bars.
    const double end = std::max(
        c.values[size_t(i)],
        size_t(i) < c.highs.size() && std::isfinite(c.highs[size_t(i)]) ? c.highs[size_t(i)] : 0.0);
    if (std::abs(pos.y() - l.band(i).center().y()) > l.rowH * 0.4 || pos.x() < l.x(0) ||
        pos.x() > std::max(l.x(end), l.x(0) + 3) + 2)
        return -1;
    return i;
}

// ---- heatmap -----------------------------------------------------------------------------

constexpr double kLegendW = 70;

struct HeatLayout
{
    QRectF grid;
    double cellW = 0, cellH = kRow, rowHeaderW = 0, colHeaderH = 0, dimTop = 0;
    bool rotated = false;
    QRectF legend;
    double maxRate = 1;
    QRectF cell(int row, int col) const
    {
        return {grid.left() + col * cellW, grid.top() + row * cellH, cellW, cellH};
    }
};

constexpr int kHeatFont = 8;

HeatLayout heatLayout(const QRectF &r, const ChartSpec &c)
{
    HeatLayout l;
    const QFont f = ReportFonts::font(kHeatFont);
    const QFontMetricsF fm(f);
    const int nr = int(c.labels.size()), nc = std::max(1, int(c.columnLabels.size()));
    l.rowHeaderW = labelWidth(c.labels + QStringList{c.yLabel}, f, r.width() * 0.3) + 4;
    const double gridW = std::max(10.0, r.width() - l.rowHeaderW - kLegendW);
    l.cellW = gridW / nc;
    const double colLabelW = labelWidth(c.columnLabels, f, 1e9);
    l.rotated = colLabelW > l.cellW;
    l.colHeaderH =
        l.rotated ? std::min(colLabelW, 110.0) + 4 : kLineH + 2; // "professional.course" whole
    l.dimTop = r.top() + headerHeight(c);
    const double top = l.dimTop + (c.xLabel.isEmpty() ? 0 : kLineH) + l.colHeaderH;
    const double avail = r.bottom() - noteHeight(c) - 4 - top;
    l.cellH = std::clamp(avail / std::max(1, nr), 10.0, 48.0);
    l.grid = QRectF(r.left() + l.rowHeaderW, top, l.cellW * nc, l.cellH * nr);
    l.legend = QRectF(l.grid.right() + 10, top, kLegendW - 10, l.grid.height());
    double maxV = 0, maxAll = 0;
    for (size_t k = 0; k < c.values.size() && k < c.counts.size(); ++k) {
        if (std::isnan(c.values[k]))
            continue;
        maxAll = std::max(maxAll, c.values[k]);
        // The scale follows the cells that say something; small ones may exceed it and are
        // hatched anyway.
        if (c.counts[k] >= c.minN)
            maxV = std::max(maxV, c.values[k]);
    }
    l.maxRate = maxV > 0 ? maxV : (maxAll > 0 ? maxAll : 1);
    return l;
}

QColor heatColour(double fraction)
{
    const double t = std::clamp(fraction, 0.0, 1.0) * (P::heatStopCount - 1);
    const int i = std::min(int(t), P::heatStopCount - 2);
    const QColor &a = P::heatStops[i], &b = P::heatStops[i + 1];
    const double u = t - i;
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * u),
                            float(a.greenF() + (b.greenF() - a.greenF()) * u),
                            float(a.blueF() + (b.blueF() - a.blueF()) * u));
}

void drawHatched(QPainter &p, const QRectF &r)
{
    p.fillRect(r, C().smallFill);
    p.fillRect(r, QBrush(C().smallHatch, Qt::BDiagPattern));
}

void paintHeatmap(QPainter &p, const QRectF &r, const ChartSpec &c, int highlight)
{
    const ReportText t(c.locale);
    drawHeader(p, r, c);
    const HeatLayout l = heatLayout(r, c);
    const QFont f = ReportFonts::font(kHeatFont);
    const QFont fBold = ReportFonts::font(kHeatFont, true);
    const QFont small = ReportFonts::font(7);
    const QFont smallBold = ReportFonts::font(7, true);
    const QFontMetricsF fm(f);
    const int nr = int(c.labels.size()), nc = int(c.columnLabels.size());

    // Dimension names and column headers (rotated when they do not fit a cell).
    p.setFont(f);
    p.setPen(C().ink);
    if (!c.xLabel.isEmpty())
        p.drawText(QRectF(l.grid.left(), l.dimTop, l.grid.width(), kLineH), Qt::AlignCenter,
                   elide(c.xLabel, f, l.grid.width()));
    if (!c.yLabel.isEmpty())
        p.drawText(QRectF(r.left(), l.grid.top() - kLineH - 2, l.rowHeaderW - 6, kLineH),
                   Qt::AlignLeft | Qt::AlignBottom, elide(c.yLabel, f, l.rowHeaderW - 6));
    for (int j = 0; j < nc; ++j) {
        const double x = l.grid.left() + j * l.cellW;
        if (l.rotated) {
            p.save();
            p.translate(x + l.cellW / 2 + fm.ascent() / 2 - 1, l.grid.top() - 3);
            p.rotate(-90);
            p.drawText(QRectF(0, -fm.height(), l.colHeaderH - 4, fm.height()),
                       Qt::AlignLeft | Qt::AlignVCenter,
                       fm.elidedText(c.columnLabels[j], Qt::ElideRight, l.colHeaderH - 4));
            p.restore();
        } else {
            p.drawText(QRectF(x, l.grid.top() - kLineH - 1, l.cellW, kLineH), Qt::AlignCenter,
                       c.columnLabels[j]);
        }
    }
    for (int i = 0; i < nr; ++i)
        p.drawText(QRectF(r.left(), l.grid.top() + i * l.cellH, l.rowHeaderW - 6, l.cellH),
                   Qt::AlignRight | Qt::AlignVCenter, elide(c.labels[i], f, l.rowHeaderW - 6));

    // Cells: colour = rate, text = rate and clients in the most complete form that fits.
    const bool twoLines = l.cellH >= fm.height() + QFontMetricsF(small).height() + 2;
    for (int i = 0; i < nr; ++i) {
        for (int j = 0; j < nc; ++j) {
            const size_t k = size_t(i) * size_t(nc) + size_t(j);
            const QRectF cell = l.cell(i, j);
            const double v = c.values[k];
            const qint64 n = c.counts[k];
            if (std::isnan(v) || n <= 0) {
                p.fillRect(cell, C().background);
                p.setFont(f);
                p.setPen(C().emptyMark);
                p.drawText(cell, Qt::AlignCenter, QStringLiteral("–"));
                continue;
            }
            const bool smallCell = n < c.minN;
            QColor text = C().ink;
            if (smallCell) {
                drawHatched(p, cell);
                text = C().mutedInk;
            } else {
                const QColor fill = heatColour(v / l.maxRate);
                p.fillRect(cell, fill);
                text = fill.lightnessF() < 0.55 ? P::background : P::ink;
            }
            p.setPen(text);
            const QString rate1 = t.percent(v, 1), rate0 = t.percent(v, 0);
            const QString count = t.count(n);
            const QString nText = QStringLiteral("n=") + count;
            const double textW = cell.width() - 3;
            if (twoLines) {
                QFont rateFont = smallCell ? f : fBold;
                QString rate = ChartPainter::fitCellLabel({rate1}, QFontMetricsF(rateFont), textW);
                if (rate.isEmpty()) {
                    rateFont = smallCell ? small : smallBold;
                    rate =
                        ChartPainter::fitCellLabel({rate1, rate0}, QFontMetricsF(rateFont), textW);
                }
                p.setFont(rateFont);
                p.drawText(cell.adjusted(1, 0, -1, -cell.height() / 2 + 1),
                           Qt::AlignHCenter | Qt::AlignBottom, rate);
                p.setFont(small);
                p.drawText(cell.adjusted(1, cell.height() / 2 + 1, -1, 0),
                           Qt::AlignHCenter | Qt::AlignTop,
                           ChartPainter::fitCellLabel({nText, count}, QFontMetricsF(small), textW));
            } else {
                p.setFont(small);
                p.drawText(
                    cell, Qt::AlignCenter,
                    ChartPainter::fitCellLabel({rate1 + QLatin1Char(' ') + nText, rate1, rate0},
                                               QFontMetricsF(small), textW));
            }
        }
    }
    p.setPen(QPen(C().background, 0.8));
    for (int j = 0; j <= nc; ++j)
        p.drawLine(QPointF(l.grid.left() + j * l.cellW, l.grid.top()),
                   QPointF(l.grid.left() + j * l.cellW, l.grid.bottom()));
    for (int i = 0; i <= nr; ++i)
        p.drawLine(QPointF(l.grid.left(), l.grid.top() + i * l.cellH),
                   QPointF(l.grid.right(), l.grid.top() + i * l.cellH));
    if (highlight >= 0 && highlight < nr * nc) {
        p.setPen(QPen(P::reference, 1.5));
        p.setBrush(Qt::NoBrush);
        p.drawRect(l.cell(highlight / nc, highlight % nc).adjusted(1, 1, -1, -1));
    }

    // Legend: the scale from 0 to the largest rate, the overall rate on it, the hatch.
    p.setFont(small);
    const QFontMetricsF fs(small);
    const double barH = std::clamp(l.legend.height() - 40, 40.0, 140.0);
    const QRectF bar(l.legend.left(), l.legend.top() + 4, 9, barH);
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
    for (int s = 0; s < P::heatStopCount; ++s)
        gradient.setColorAt(double(s) / (P::heatStopCount - 1), P::heatStops[s]);
    p.fillRect(bar, gradient);
    p.setPen(QPen(C().grid, 0.5));
    p.setBrush(Qt::NoBrush);
    p.drawRect(bar);
    // The overall rate's marker carries its own value ("11.3% overall") beside it; a tick
    // label it would overlap is left out, so the marker never reads as the tick's value.
    const double labelX = bar.right() + 5, labelW = l.legend.width() - 14;
    const bool marked = c.reference >= 0 && c.reference <= l.maxRate;
    QRectF markLabel;
    if (marked && !c.referenceLabel.isEmpty()) {
        const double yr = bar.bottom() - bar.height() * c.reference / l.maxRate;
        const QRectF bound = fs.boundingRect(QRectF(0, 0, labelW, 1e4),
                                             Qt::AlignLeft | Qt::TextWordWrap, c.referenceLabel);
        markLabel = QRectF(labelX, yr - bound.height() / 2, labelW, bound.height());
    }
    p.setPen(C().ink);
    for (int s = 0; s <= 2; ++s) {
        const double y = bar.bottom() - bar.height() * s / 2.0;
        p.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 3, y));
        const QRectF tick(labelX, y - fs.height() / 2, labelW, fs.height());
        if (!markLabel.isNull() && tick.intersects(markLabel))
            continue;
        p.drawText(tick, Qt::AlignLeft | Qt::AlignVCenter, t.percent(l.maxRate * s / 2.0, 1));
    }
    double y = bar.bottom() + 6;
    if (marked) {
        const double yr = bar.bottom() - bar.height() * c.reference / l.maxRate;
        p.setPen(QPen(P::reference, 1.5));
        p.drawLine(QPointF(bar.left() - 3, yr), QPointF(bar.right() + 3, yr));
        if (!markLabel.isNull()) {
            p.setPen(P::reference);
            p.drawText(markLabel, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
                       c.referenceLabel);
        }
    } else if (c.reference >= 0 && !c.referenceLabel.isEmpty()) {
        // Off the scale (every cell above min-n is below the overall rate): under the bar.
        p.setPen(QPen(P::reference, 1.5));
        p.drawLine(QPointF(bar.left(), y + fs.height() / 2),
                   QPointF(bar.right(), y + fs.height() / 2));
        // Two lines apart by the font's line spacing (height and leading), not its height.
        p.drawText(QRectF(bar.right() + 4, y, l.legend.width() - 13, 2 * fs.lineSpacing() + 1),
                   Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, c.referenceLabel);
        y += 2 * fs.lineSpacing() + 2;
    }
    drawHatched(p, QRectF(bar.left(), y, 9, 9));
    p.setPen(C().mutedInk);
    p.drawText(QRectF(bar.right() + 4, y - 1, l.legend.width() - 13, fs.height() + 2),
               Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("n < %1").arg(c.minN));
    drawNote(p, r, c);
}

int heatItemAt(const QRectF &r, const ChartSpec &c, const QPointF &pos)
{
    const HeatLayout l = heatLayout(r, c);
    if (!l.grid.contains(pos))
        return -1;
    const int nc = int(c.columnLabels.size());
    const int j = int((pos.x() - l.grid.left()) / l.cellW);
    const int i = int((pos.y() - l.grid.top()) / l.cellH);
    if (i < 0 || j < 0 || i >= c.labels.size() || j >= nc)
        return -1;
    const size_t k = size_t(i) * size_t(nc) + size_t(j);
    return std::isnan(c.values[k]) || c.counts[k] <= 0 ? -1 : int(k);
}

// ---- forest plot -------------------------------------------------------------------------

struct ForestLayout
{
    double left = 0, right = 0; ///< the log axis
    double labelW = 0, valueW = 0;
    double rowsTop = 0;
    double llo = -1, lhi = 1; ///< log10 of the axis ends
    double x(double v) const
    {
        const double lv = std::clamp(std::log10(std::max(v, 1e-300)), llo, lhi);
        return left + (lv - llo) / std::max(lhi - llo, 1e-9) * (right - left);
    }
    QRectF row(const QRectF &r, int i) const
    {
        return {r.left(), rowsTop + i * kRow, r.width(), kRow};
    }
};

const QString &forestValueSample()
{
    static const QString s = QStringLiteral("00.00 [00.00, 00.00]");
    return s;
}

bool hasInterval(const ChartSpec &c, size_t i)
{
    return i < c.lows.size() && i < c.highs.size() && std::isfinite(c.lows[i]) &&
           std::isfinite(c.highs[i]) && c.lows[i] < c.highs[i];
}

ForestLayout forestLayout(const QRectF &r, const ChartSpec &c)
{
    ForestLayout l;
    const QFont f = ReportFonts::font(8);
    l.rowsTop = r.top() + headerHeight(c) + kLineH;
    l.labelW = labelWidth(c.labels + QStringList{c.yLabel}, f, r.width() * 0.45);
    l.valueW =
        c.valueLabel.isEmpty() ? 0 : QFontMetricsF(f).horizontalAdvance(forestValueSample()) + 10;
    // The value column gives way before the plot strip does.
    if (r.width() - l.labelW - l.valueW - 14 < 120)
        l.valueW = 0;
    l.left = r.left() + l.labelW + 4;
    l.right = std::max(l.left + 10, r.right() - l.valueW - 14);
    // The intervals, clipped to [1/100, 100] so one wide interval cannot hide the rest;
    // always containing 1.
    double lo = 1, hi = 1;
    for (size_t i = 0; i < c.values.size(); ++i) {
        const bool iv = hasInterval(c, i);
        const double a = iv ? c.lows[i] : c.values[i], b = iv ? c.highs[i] : c.values[i];
        if (std::isfinite(a) && a > 0)
            lo = std::min(lo, a);
        if (std::isfinite(b))
            hi = std::max(hi, b);
    }
    lo = std::max(lo, 0.01);
    hi = std::min(hi, 100.0);
    l.llo = std::floor(std::log10(lo) * 2) / 2;
    l.lhi = std::max(l.llo + 0.5, std::ceil(std::log10(hi) * 2) / 2);
    return l;
}

void paintForest(QPainter &p, const QRectF &r, const ChartSpec &c, int highlight)
{
    const ReportText t(c.locale);
    drawHeader(p, r, c);
    const ForestLayout l = forestLayout(r, c);
    const QFont f = ReportFonts::font(8);
    const QFontMetricsF fm(f);
    p.setFont(f);
    const int n = int(c.labels.size());
    const double top = l.rowsTop, bottom = l.rowsTop + n * kRow;
    for (int i = 1; i < n; i += 2)
        p.fillRect(l.row(r, i), C().band);
    if (highlight >= 0 && highlight < n)
        p.fillRect(l.row(r, highlight), C().grid);

    // Ticks at 1-2-5 steps, or at powers of ten when a decade is narrow; labels above the
    // rows too, since a long plot is read scrolled.
    const double decade = (l.right - l.left) / std::max(l.lhi - l.llo, 1e-9);
    const bool fine = decade >= 4.5 * fm.horizontalAdvance(QStringLiteral("0.05"));
    double lastRight = -1e9;
    for (int e = int(std::floor(l.llo)); e <= int(std::ceil(l.lhi)); ++e) {
        for (const double m : {1.0, 2.0, 5.0}) {
            if (m != 1.0 && !fine)
                continue;
            const double v = m * std::pow(10.0, e);
            const double lv = std::log10(v);
            if (lv < l.llo - 1e-9 || lv > l.lhi + 1e-9)
                continue;
            const double x = l.x(v);
            p.setPen(QPen(C().grid, 0.5));
            p.drawLine(QPointF(x, top), QPointF(x, bottom));
            const QString text = t.number(v, v < 0.1 ? 2 : (v < 1 ? 1 : 0));
            const double half = fm.horizontalAdvance(text) / 2;
            if (x - half < lastRight + 4)
                continue;
            lastRight = x + half;
            p.setPen(C().ink);
            p.drawText(QRectF(x - 25, bottom + 1, 50, kLineH), Qt::AlignCenter, text);
            // Above the rows, only clear of the column header on the left ("term ...").
            if (c.yLabel.isEmpty() || x - half >= r.left() + l.labelW + 2)
                p.drawText(QRectF(x - 25, top - kLineH, 50, kLineH), Qt::AlignCenter, text);
        }
    }
    p.setPen(C().ink);
    if (!c.yLabel.isEmpty())
        p.drawText(QRectF(r.left(), top - kLineH, l.labelW - 4, kLineH),
                   Qt::AlignRight | Qt::AlignVCenter, elide(c.yLabel, f, l.labelW - 4));
    if (l.valueW > 0)
        p.drawText(QRectF(l.right + 14, top - kLineH, l.valueW, kLineH),
                   Qt::AlignLeft | Qt::AlignVCenter, c.valueLabel);
    if (!c.xLabel.isEmpty())
        p.drawText(QRectF(l.left, bottom + kLineH + 1, l.right - l.left, kLineH), Qt::AlignCenter,
                   elide(c.xLabel, f, l.right - l.left));
    p.setPen(QPen(P::reference, 1));
    p.drawLine(QPointF(l.x(1), top - 2), QPointF(l.x(1), bottom));

    const double axisLo = std::pow(10.0, l.llo), axisHi = std::pow(10.0, l.lhi);
    for (int i = 0; i < n; ++i) {
        const QRectF row = l.row(r, i);
        const double y = row.center().y();
        const size_t k = size_t(i);
        p.setPen(C().ink);
        p.drawText(QRectF(r.left(), row.top(), l.labelW - 4, kRow),
                   Qt::AlignRight | Qt::AlignVCenter, elide(c.labels[i], f, l.labelW - 4));
        // A penalised fit has no valid interval: the point alone, claiming nothing.
        const bool iv = hasInterval(c, k);
        const double v = c.values[k];
        const QColor colour = !iv              ? P::effectNeutral
                              : c.lows[k] > 1  ? P::bar
                              : c.highs[k] < 1 ? P::effectDown
                                               : P::effectNeutral;
        p.setPen(QPen(colour, 1.3));
        const double x0 = l.x(iv ? c.lows[k] : v), x1 = l.x(iv ? c.highs[k] : v);
        p.drawLine(QPointF(x0, y), QPointF(x1, y));
        const auto arrow = [&p, y](double x, double dx) {
            p.drawLine(QPointF(x, y), QPointF(x + dx, y - 2.5));
            p.drawLine(QPointF(x, y), QPointF(x + dx, y + 2.5));
        };
        if (iv && c.highs[k] > axisHi * (1 + 1e-9))
            arrow(x1, -4);
        if (iv && c.lows[k] < axisLo * (1 - 1e-9))
            arrow(x0, 4);
        p.fillRect(QRectF(l.x(v) - 2.75, y - 2.75, 5.5, 5.5), colour);
        if (l.valueW > 0) {
            p.setPen(C().ink);
            p.drawText(
                QRectF(l.right + 14, row.top(), l.valueW, kRow), Qt::AlignLeft | Qt::AlignVCenter,
                iv ? QStringLiteral("%1 [%2, %3]")
                         .arg(t.number(v, 2), t.number(c.lows[k], 2), t.number(c.highs[k], 2))
                   : t.number(v, 2));
        }
    }
    drawNote(p, r, c);
}

// ---- curves: ROC, gains, calibration ----------------------------------------------------

struct CurveLayout
{
    QRectF plot;
    double max = 1;
    QPointF pt(double fx, double fy) const
    {
        return {plot.left() + fx / max * plot.width(), plot.bottom() - fy / max * plot.height()};
    }
};

CurveLayout curveLayout(const QRectF &r, const ChartSpec &c)
{
    CurveLayout l;
    l.max = c.axisMax > 0 ? c.axisMax : 1;
    const double left = r.left() + (c.yLabel.isEmpty() ? 0 : kLineH) + 30;
    const double top = r.top() + headerHeight(c) + 6;
    const double bottom =
        r.bottom() - kLineH - (c.xLabel.isEmpty() ? 0 : kLineH) - noteHeight(c) - 2;
    l.plot = QRectF(left, top, std::max(10.0, r.right() - 16 - left), std::max(10.0, bottom - top));
    return l;
}

void paintCurve(QPainter &p, const QRectF &r, const ChartSpec &c)
{
    const ReportText t(c.locale);
    drawHeader(p, r, c);
    const CurveLayout l = curveLayout(r, c);
    const QFont f = ReportFonts::font(8);
    const QFontMetricsF fm(f);
    p.setFont(f);
    const bool percent = c.kind == ChartSpec::Kind::Gains;
    const double step = niceStep(l.max, 5);
    const int decimals = step < 0.1 - 1e-12 ? 2 : 1;
    for (double v = 0; v <= l.max + 1e-9; v += step) {
        p.setPen(QPen(C().grid, 0.5));
        p.drawLine(l.pt(v, 0), l.pt(v, l.max));
        p.drawLine(l.pt(0, v), l.pt(l.max, v));
        p.setPen(C().ink);
        const QString text = percent ? t.percent(v, 0) : t.number(v, decimals);
        p.drawText(QRectF(l.pt(v, 0).x() - 20, l.plot.bottom() + 1, 40, kLineH), Qt::AlignCenter,
                   text);
        // The 0 of the y axis sits above the corner, clear of the x axis's 0.
        const double yText = v == 0 ? l.plot.bottom() - 12 : l.pt(0, v).y() - 6;
        p.drawText(QRectF(l.plot.left() - 32, yText, 29, 12),
                   Qt::AlignRight | (v == 0 ? Qt::AlignBottom : Qt::AlignVCenter), text);
    }
    p.setPen(QPen(C().grid, 0.8));
    p.setBrush(Qt::NoBrush);
    p.drawRect(l.plot);
    p.setPen(C().ink);
    if (!c.xLabel.isEmpty())
        p.drawText(QRectF(l.plot.left(), l.plot.bottom() + kLineH + 1, l.plot.width(), kLineH),
                   Qt::AlignCenter, elide(c.xLabel, f, l.plot.width()));
    if (!c.yLabel.isEmpty()) {
        p.save();
        p.translate(r.left() + 1, l.plot.center().y());
        p.rotate(-90);
        p.drawText(QRectF(-l.plot.height() / 2, 0, l.plot.height(), kLineH), Qt::AlignCenter,
                   elide(c.yLabel, f, l.plot.height()));
        p.restore();
    }

    p.save();
    p.setClipRect(l.plot.adjusted(-3, -3, 3, 3));
    const QPen basePen(C().baseline, 1, Qt::DashLine);
    p.setPen(basePen);
    p.drawLine(l.pt(0, 0), l.pt(l.max, l.max));
    const QColor colour = c.kind == ChartSpec::Kind::Calibration ? P::curveAlt : P::bar;
    QPainterPath path(l.pt(c.xs[0], c.values[0]));
    for (size_t i = 1; i < c.values.size(); ++i)
        path.lineTo(l.pt(c.xs[i], c.values[i]));
    p.setPen(QPen(colour, 1.6));
    p.drawPath(path);
    if (c.points) {
        p.setBrush(colour);
        for (size_t i = 0; i < c.values.size(); ++i)
            p.drawEllipse(l.pt(c.xs[i], c.values[i]), 2, 2);
    }
    if (c.markX >= 0 && c.markY >= 0) {
        p.setPen(QPen(C().ink, 1));
        p.setBrush(P::reference);
        p.drawEllipse(l.pt(c.markX, c.markY), 3.5, 3.5);
    }
    p.restore();

    // Legend, bottom right inside the plot (the curves rise above the diagonal).
    struct Entry
    {
        QString text;
        int kind; // 0 curve, 1 baseline, 2 mark
    };
    std::vector<Entry> entries;
    if (!c.seriesLabel.isEmpty())
        entries.push_back({c.seriesLabel, 0});
    if (!c.baselineLabel.isEmpty())
        entries.push_back({c.baselineLabel, 1});
    if (c.markX >= 0 && c.markY >= 0 && !c.markLabel.isEmpty())
        entries.push_back({c.markLabel, 2});
    double w = 0;
    for (const Entry &e : entries)
        w = std::max(w, fm.horizontalAdvance(e.text));
    const double lh = 11;
    const QRectF box(l.plot.right() - w - 28, l.plot.bottom() - lh * double(entries.size()) - 6,
                     w + 24, lh * double(entries.size()) + 4);
    if (!entries.empty()) {
        p.fillRect(box, C().background);
        p.setPen(QPen(C().grid, 0.5));
        p.setBrush(Qt::NoBrush);
        p.drawRect(box);
    }
    for (size_t i = 0; i < entries.size(); ++i) {
        const double y = box.top() + 2 + lh * (double(i) + 0.5);
        const QPointF a(box.left() + 3, y), b(box.left() + 17, y);
        if (entries[i].kind == 0) {
            p.setPen(QPen(colour, 1.6));
            p.drawLine(a, b);
        } else if (entries[i].kind == 1) {
            p.setPen(basePen);
            p.drawLine(a, b);
        } else {
            p.setPen(QPen(C().ink, 1));
            p.setBrush(P::reference);
            p.drawEllipse((a + b) / 2, 3, 3);
            p.setBrush(Qt::NoBrush);
        }
        p.setPen(C().ink);
        p.drawText(QRectF(box.left() + 20, y - lh / 2, w + 4, lh), Qt::AlignLeft | Qt::AlignVCenter,
                   entries[i].text);
    }
    drawNote(p, r, c);
}

} // namespace

double ChartPainter::preferredHeight(const ChartSpec &chart, double width)
{
    if (isEmpty(chart))
        return headerHeight(chart) + 60;
    const double rows = double(chart.labels.size());
    switch (chart.kind) {
    case ChartSpec::Kind::RateBars:
        return headerHeight(chart) + 14 + kRow * rows + barsBottomReserve(chart);
    case ChartSpec::Kind::Forest:
        return headerHeight(chart) + kLineH + kRow * rows + kLineH +
               (chart.xLabel.isEmpty() ? 0 : kLineH) + noteHeight(chart) + 4;
    case ChartSpec::Kind::Heatmap: {
        const HeatLayout l = heatLayout(QRectF(0, 0, width, 1e6), chart);
        return l.grid.top() + kRow * rows + noteHeight(chart) + 4;
    }
    case ChartSpec::Kind::Roc:
    case ChartSpec::Kind::Gains:
    case ChartSpec::Kind::Calibration:
        return std::min(width * 0.6, 280.0);
    }
    return 200;
}

bool ChartPainter::mayPaintOn(const QPaintDevice *device)
{
    if (!device || device->devType() != QInternal::Widget)
        return true;
    const QCoreApplication *app = QCoreApplication::instance();
    return app && QThread::currentThread() == app->thread();
}

void ChartPainter::paint(QPainter &painter, const QRectF &rect, const ChartSpec &chart,
                         int highlight, const ChartPalette::Colors &colors)
{
    const bool allowed = mayPaintOn(painter.device());
    Q_ASSERT_X(allowed, "ChartPainter::paint", "a widget is painted on the GUI thread only");
    if (!allowed) {
        qWarning("ChartPainter::paint: refused to paint a widget off the GUI thread");
        return;
    }
    // The helpers read the colours through C(); restored for a nested paint().
    const ChartPalette::Colors *outer = t_colors;
    t_colors = &colors;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.fillRect(rect, colors.background);
    if (isEmpty(chart)) {
        paintEmpty(painter, rect, chart);
        painter.restore();
        t_colors = outer;
        return;
    }
    switch (chart.kind) {
    case ChartSpec::Kind::RateBars:
        paintBars(painter, rect, chart, highlight);
        break;
    case ChartSpec::Kind::Heatmap:
        paintHeatmap(painter, rect, chart, highlight);
        break;
    case ChartSpec::Kind::Forest:
        paintForest(painter, rect, chart, highlight);
        break;
    case ChartSpec::Kind::Roc:
    case ChartSpec::Kind::Gains:
    case ChartSpec::Kind::Calibration:
        paintCurve(painter, rect, chart);
        break;
    }
    painter.restore();
    t_colors = outer;
}

int ChartPainter::itemAt(const QRectF &rect, const ChartSpec &chart, const QPointF &pos)
{
    if (isEmpty(chart))
        return -1;
    switch (chart.kind) {
    case ChartSpec::Kind::RateBars:
        return barsItemAt(rect, chart, pos);
    case ChartSpec::Kind::Heatmap:
        return heatItemAt(rect, chart, pos);
    case ChartSpec::Kind::Forest: {
        const ForestLayout l = forestLayout(rect, chart);
        if (pos.y() < l.rowsTop)
            return -1;
        const int i = int((pos.y() - l.rowsTop) / kRow);
        return i < chart.labels.size() ? i : -1;
    }
    case ChartSpec::Kind::Roc:
    case ChartSpec::Kind::Gains:
    case ChartSpec::Kind::Calibration:
        return -1;
    }
    return -1;
}

QRectF ChartPainter::itemRect(const QRectF &rect, const ChartSpec &chart, int item)
{
    if (isEmpty(chart) || item < 0)
        return {};
    switch (chart.kind) {
    case ChartSpec::Kind::RateBars:
        return item < chart.labels.size() ? barRect(barsLayout(rect, chart), chart, item)
                                          : QRectF();
    case ChartSpec::Kind::Heatmap: {
        const int nc = int(chart.columnLabels.size());
        if (item >= nc * int(chart.labels.size()))
            return {};
        return heatLayout(rect, chart).cell(item / nc, item % nc);
    }
    case ChartSpec::Kind::Forest:
        return item < chart.labels.size() ? forestLayout(rect, chart).row(rect, item) : QRectF();
    case ChartSpec::Kind::Roc:
    case ChartSpec::Kind::Gains:
    case ChartSpec::Kind::Calibration:
        return {};
    }
    return {};
}

QImage ChartPainter::image(const ChartSpec &chart, QSize pixels, double scale)
{
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(ChartPalette::background);
    if (pixels.isEmpty())
        return image;
    QPainter painter(&image);
    painter.scale(scale, scale);
    paint(painter, QRectF(0, 0, pixels.width() / scale, pixels.height() / scale), chart);
    return image;
}

bool ChartPainter::writePng(const ChartSpec &chart, const QString &path, double width, int dpi,
                            QString *error)
{
    const double height = preferredHeight(chart, width);
    const double scale = dpi / 72.0;
    QImage image(int(std::ceil(width * scale)), int(std::ceil(height * scale)),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(ChartPalette::background);
    const int dpm = int(std::lround(dpi / 0.0254));
    image.setDotsPerMeterX(dpm);
    image.setDotsPerMeterY(dpm);
    {
        QPainter painter(&image);
        painter.scale(scale, scale);
        paint(painter, QRectF(0, 0, width, height), chart);
    }
    // Encoded in memory, then written whole or not at all: the PNG encoder's file writes
    // are not all checked, so a full disk could leave a truncated image.
    QByteArray png;
    QBuffer buffer(&png);
    if (!buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "PNG")) {
        if (error)
            *error = QStringLiteral("cannot encode %1 as PNG").arg(path);
        return false;
    }
    return AtomicFile::writeFile(path, png, error);
}

QString ChartPainter::fitCellLabel(const QStringList &forms, const QFontMetricsF &fm, double width)
{
    for (const QString &form : forms)
        if (fm.horizontalAdvance(form) <= width)
            return form;
    return {};
}

} // namespace cl
