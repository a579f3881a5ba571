// QPainter drawing of the report charts, in point units, for PNG files and the PDF.
#include "ChartPainter.h"

#include "ReportFonts.h"
#include "report/ReportText.h"
#include "util/AtomicFile.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace cl {

namespace {

const QColor kBar(0x3b, 0x6e, 0xa8);
const QColor kPale(0xb8, 0xc7, 0xd9);
const QColor kInk(0x22, 0x22, 0x22);
const QColor kGrid(0xdd, 0xdd, 0xdd);
const QColor kReference(0xc0, 0x39, 0x2b);
constexpr double kRow = 16;

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
    return QFontMetricsF(font).elidedText(text, Qt::ElideMiddle, width);
}

double labelWidth(const QStringList &labels, const QFont &font, double cap)
{
    QFontMetricsF fm(font);
    double w = 0;
    for (const QString &l : labels)
        w = std::max(w, fm.horizontalAdvance(l));
    return std::min(w + 6, cap);
}

void drawTitle(QPainter &p, const QRectF &r, const ReportChart &c)
{
    p.setFont(ReportFonts::font(10, true));
    p.setPen(kInk);
    p.drawText(QRectF(r.left(), r.top(), r.width(), 16), Qt::AlignLeft | Qt::AlignVCenter, c.title);
}

void paintBars(QPainter &p, const QRectF &r, const ReportChart &c)
{
    const ReportText t(c.locale);
    drawTitle(p, r, c);
    const QFont small = ReportFonts::font(8);
    p.setFont(small);
    const double lw = labelWidth(c.labels, small, r.width() * 0.45);
    const QRectF plot(r.left() + lw, r.top() + 34, r.width() - lw - 10, kRow * c.labels.size());
    double maxV = std::max(c.reference, 0.0);
    for (size_t i = 0; i < c.values.size(); ++i)
        maxV = std::max({maxV, c.values[i], c.highs.empty() ? 0.0 : c.highs[i]});
    const double step = niceStep(maxV > 0 ? maxV : 1, 5);
    const double top = std::ceil(maxV / step) * step;
    auto x = [&](double v) { return plot.left() + plot.width() * v / top; };
    p.setPen(QPen(kGrid, 0.5));
    p.setFont(small);
    for (double v = 0; v <= top + 1e-12; v += step) {
        p.setPen(QPen(kGrid, 0.5));
        p.drawLine(QPointF(x(v), plot.top()), QPointF(x(v), plot.bottom()));
        p.setPen(kInk);
        p.drawText(QRectF(x(v) - 30, plot.bottom() + 2, 60, 12), Qt::AlignCenter,
                   t.percent(v, step < 0.01 ? 1 : 0));
    }
    for (int i = 0; i < c.labels.size(); ++i) {
        const double y = plot.top() + i * kRow;
        p.setPen(kInk);
        p.drawText(QRectF(r.left(), y, lw - 4, kRow), Qt::AlignRight | Qt::AlignVCenter,
                   elide(c.labels[i], small, lw - 4));
        const bool pale = i < int(c.flagged.size()) && c.flagged[size_t(i)];
        p.fillRect(QRectF(x(0), y + 3, x(c.values[size_t(i)]) - x(0), kRow - 6),
                   pale ? kPale : kBar);
        if (!c.lows.empty()) {
            p.setPen(QPen(kInk, 0.8));
            const double yc = y + kRow / 2;
            p.drawLine(QPointF(x(c.lows[size_t(i)]), yc), QPointF(x(c.highs[size_t(i)]), yc));
            p.drawLine(QPointF(x(c.lows[size_t(i)]), yc - 3),
                       QPointF(x(c.lows[size_t(i)]), yc + 3));
            p.drawLine(QPointF(x(c.highs[size_t(i)]), yc - 3),
                       QPointF(x(c.highs[size_t(i)]), yc + 3));
        }
    }
    if (c.reference >= 0) {
        p.setPen(QPen(kReference, 1, Qt::DashLine));
        p.drawLine(QPointF(x(c.reference), plot.top() - 4), QPointF(x(c.reference), plot.bottom()));
        p.setPen(kReference);
        p.drawText(QRectF(x(c.reference) + 3, plot.top() - 13, 200, 11),
                   Qt::AlignLeft | Qt::AlignVCenter, c.referenceLabel);
    }
    p.setPen(kInk);
    p.drawText(QRectF(plot.left(), plot.bottom() + 14, plot.width(), 12), Qt::AlignCenter,
               c.xLabel);
}

QColor heatColour(double v, double maxV)
{
    const double f = std::clamp(maxV > 0 ? v / maxV : 0.0, 0.0, 1.0);
    const QColor lo(0xf7, 0xfb, 0xff), hi(0x08, 0x45, 0x94);
    return QColor::fromRgbF(float(lo.redF() + f * (hi.redF() - lo.redF())),
                            float(lo.greenF() + f * (hi.greenF() - lo.greenF())),
                            float(lo.blueF() + f * (hi.blueF() - lo.blueF())));
}

void paintHeatmap(QPainter &p, const QRectF &r, const ReportChart &c)
{
    const ReportText t(c.locale);
    drawTitle(p, r, c);
    const QFont small = ReportFonts::font(7);
    p.setFont(small);
    const int nr = int(c.labels.size()), nc = int(c.columnLabels.size());
    if (nr == 0 || nc == 0)
        return;
    const double lw = labelWidth(c.labels, small, r.width() * 0.25);
    const double headH = std::min(70.0, labelWidth(c.columnLabels, small, 70));
    const double legendW = 50;
    const QRectF grid(r.left() + lw, r.top() + 20 + headH, r.width() - lw - legendW, kRow * nr);
    const double cw = grid.width() / nc;
    double maxV = 0;
    for (size_t k = 0; k < c.values.size(); ++k) {
        if (!std::isnan(c.values[k]) && c.counts[k] >= c.minN)
            maxV = std::max(maxV, c.values[k]);
    }
    for (int j = 0; j < nc; ++j) {
        p.save();
        p.translate(grid.left() + (j + 0.5) * cw + 3, grid.top() - 3);
        p.rotate(-60);
        p.setPen(kInk);
        p.drawText(QRectF(0, -6, headH + 10, 12), Qt::AlignLeft | Qt::AlignVCenter,
                   elide(c.columnLabels[j], small, headH + 8));
        p.restore();
    }
    for (int i = 0; i < nr; ++i) {
        const double y = grid.top() + i * kRow;
        p.setPen(kInk);
        p.drawText(QRectF(r.left(), y, lw - 4, kRow), Qt::AlignRight | Qt::AlignVCenter,
                   elide(c.labels[i], small, lw - 4));
        for (int j = 0; j < nc; ++j) {
            const size_t k = size_t(i) * size_t(nc) + size_t(j);
            const QRectF cell(grid.left() + j * cw, y, cw, kRow);
            const double v = c.values[k];
            const qint64 n = c.counts[k];
            if (std::isnan(v)) {
                p.fillRect(cell, QColor(0xf0, 0xf0, 0xf0));
            } else if (n < c.minN) {
                p.fillRect(cell, QColor(0xe6, 0xe6, 0xe6));
                p.fillRect(cell, QBrush(QColor(0xbb, 0xbb, 0xbb), Qt::BDiagPattern));
            } else {
                p.fillRect(cell, heatColour(v, maxV));
            }
            p.setPen(QPen(Qt::white, 0.8));
            p.drawRect(cell);
            if (n > 0) {
                const bool dark = !std::isnan(v) && n >= c.minN && maxV > 0 && v / maxV > 0.55;
                p.setPen(dark ? Qt::white : kInk);
                p.drawText(cell, Qt::AlignCenter, t.count(n));
            }
        }
    }
    // Colour legend.
    const QRectF legend(grid.right() + 14, grid.top(), 10, std::min(grid.height(), 120.0));
    for (int s = 0; s < 40; ++s) {
        const double f = 1.0 - s / 40.0;
        p.fillRect(QRectF(legend.left(), legend.top() + s * legend.height() / 40, legend.width(),
                          legend.height() / 40 + 0.3),
                   heatColour(f * maxV, maxV));
    }
    p.setPen(kInk);
    p.drawText(QRectF(legend.right() + 2, legend.top() - 5, 40, 10), Qt::AlignLeft,
               t.percent(maxV, 0));
    p.drawText(QRectF(legend.right() + 2, legend.bottom() - 5, 40, 10), Qt::AlignLeft,
               t.percent(0, 0));
}

void paintForest(QPainter &p, const QRectF &r, const ReportChart &c)
{
    const ReportText t(c.locale);
    drawTitle(p, r, c);
    const QFont small = ReportFonts::font(8);
    p.setFont(small);
    const double lw = labelWidth(c.labels, small, r.width() * 0.5);
    const QRectF plot(r.left() + lw, r.top() + 22, r.width() - lw - 10, kRow * c.labels.size());
    double lo = 1, hi = 1;
    for (size_t i = 0; i < c.values.size(); ++i) {
        lo = std::min(lo, std::max(c.lows[i], 1e-3));
        hi = std::max(hi, std::min(c.highs[i], 1e3));
    }
    const double llo = std::floor(std::log10(lo) * 2) / 2, lhi = std::ceil(std::log10(hi) * 2) / 2;
    const double span = std::max(lhi - llo, 0.5);
    auto x = [&](double v) {
        const double lv = std::log10(std::clamp(v, 1e-3, 1e3));
        return plot.left() + plot.width() * (lv - llo) / span;
    };
    double lastX = -1e9;
    for (const double tick :
         {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0}) {
        const double lt = std::log10(tick);
        if (lt < llo - 1e-9 || lt > llo + span + 1e-9 || (tick != 1.0 && x(tick) - lastX < 28))
            continue;
        lastX = x(tick);
        p.setPen(QPen(tick == 1.0 ? kReference : kGrid, tick == 1.0 ? 1 : 0.5));
        p.drawLine(QPointF(x(tick), plot.top()), QPointF(x(tick), plot.bottom()));
        p.setPen(kInk);
        p.drawText(QRectF(x(tick) - 20, plot.bottom() + 2, 40, 12), Qt::AlignCenter,
                   t.number(tick, tick < 0.1 ? 2 : (tick < 1 ? 1 : 0)));
    }
    for (int i = 0; i < c.labels.size(); ++i) {
        const double y = plot.top() + i * kRow + kRow / 2;
        p.setPen(kInk);
        p.drawText(QRectF(r.left(), y - kRow / 2, lw - 4, kRow), Qt::AlignRight | Qt::AlignVCenter,
                   elide(c.labels[i], small, lw - 4));
        p.setPen(QPen(kBar, 1.2));
        p.drawLine(QPointF(x(c.lows[size_t(i)]), y), QPointF(x(c.highs[size_t(i)]), y));
        p.setBrush(kBar);
        p.drawRect(QRectF(x(c.values[size_t(i)]) - 2.5, y - 2.5, 5, 5));
        p.setBrush(Qt::NoBrush);
    }
    p.setPen(kInk);
    p.drawText(QRectF(plot.left(), plot.bottom() + 14, plot.width(), 12), Qt::AlignCenter,
               c.xLabel);
}

void paintGains(QPainter &p, const QRectF &r, const ReportChart &c)
{
    const ReportText t(c.locale);
    drawTitle(p, r, c);
    const QFont small = ReportFonts::font(8);
    p.setFont(small);
    const QRectF plot(r.left() + 40, r.top() + 22, std::min(r.width() - 60, 300.0),
                      r.height() - 50);
    auto pt = [&](double fx, double fy) {
        return QPointF(plot.left() + fx * plot.width(), plot.bottom() - fy * plot.height());
    };
    for (int k = 0; k <= 10; k += 2) {
        const double f = k / 10.0;
        p.setPen(QPen(kGrid, 0.5));
        p.drawLine(pt(f, 0), pt(f, 1));
        p.drawLine(pt(0, f), pt(1, f));
        p.setPen(kInk);
        p.drawText(QRectF(pt(f, 0).x() - 20, plot.bottom() + 2, 40, 12), Qt::AlignCenter,
                   t.percent(f, 0));
        p.drawText(QRectF(plot.left() - 40, pt(0, f).y() - 6, 36, 12),
                   Qt::AlignRight | Qt::AlignVCenter, t.percent(f, 0));
    }
    p.setPen(QPen(kReference, 1, Qt::DashLine));
    p.drawLine(pt(0, 0), pt(1, 1));
    QPainterPath path(pt(0, 0));
    const size_t n = c.values.size();
    for (size_t i = 0; i < n; ++i)
        path.lineTo(pt(double(i + 1) / double(n), c.values[i]));
    p.setPen(QPen(kBar, 1.6));
    p.drawPath(path);
    p.setBrush(kBar);
    for (size_t i = 0; i < n; ++i)
        p.drawEllipse(pt(double(i + 1) / double(n), c.values[i]), 2, 2);
    p.setBrush(Qt::NoBrush);
    p.setPen(kInk);
    p.drawText(QRectF(plot.left(), plot.bottom() + 14, plot.width(), 12), Qt::AlignCenter,
               c.xLabel);
    p.save();
    p.translate(r.left() + 4, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, -6, plot.height(), 12), Qt::AlignCenter, c.yLabel);
    p.restore();
}

} // namespace

double ChartPainter::preferredHeight(const ReportChart &chart, double width)
{
    switch (chart.kind) {
    case ReportChart::Kind::RateBars:
        return 34 + kRow * chart.labels.size() + 30;
    case ReportChart::Kind::Forest:
        return 22 + kRow * chart.labels.size() + 30;
    case ReportChart::Kind::Heatmap: {
        const double head =
            std::min(70.0, labelWidth(chart.columnLabels, ReportFonts::font(7), 70));
        return 20 + head + kRow * chart.labels.size() + 10;
    }
    case ReportChart::Kind::Gains:
        return std::min(width * 0.55, 260.0);
    }
    return 200;
}

void ChartPainter::paint(QPainter &painter, const QRectF &rect, const ReportChart &chart)
{
    // Images and PDF pages may be painted on a worker; a widget only on the GUI thread, where
    // its own paintEvent draws it.
    Q_ASSERT_X(!painter.device() || painter.device()->devType() != QInternal::Widget,
               "ChartPainter::paint", "paints images and PDF pages, not widgets");
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    switch (chart.kind) {
    case ReportChart::Kind::RateBars:
        paintBars(painter, rect, chart);
        break;
    case ReportChart::Kind::Heatmap:
        paintHeatmap(painter, rect, chart);
        break;
    case ReportChart::Kind::Forest:
        paintForest(painter, rect, chart);
        break;
    case ReportChart::Kind::Gains:
        paintGains(painter, rect, chart);
        break;
    }
    painter.restore();
}

bool ChartPainter::writePng(const ReportChart &chart, const QString &path, double width, int dpi,
                            QString *error)
{
    const double height = preferredHeight(chart, width);
    const double scale = dpi / 72.0;
    QImage image(int(std::ceil(width * scale)), int(std::ceil(height * scale)),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
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

} // namespace cl
