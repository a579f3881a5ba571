// SegmentHeatmap: a painted rate grid with a colour legend, hatched small cells, tooltips.
#include "SegmentHeatmap.h"

#include "ChartFile.h"

#include "SegmentBarChart.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <map>

namespace cl {

namespace {

/// YlGnBu, a sequential scale that stays readable in grey and for colour-blind readers.
const QColor kStops[] = {QColor(0xff, 0xff, 0xd9), QColor(0xc7, 0xe9, 0xb4),
                         QColor(0x41, 0xb6, 0xc4), QColor(0x22, 0x5e, 0xa8),
                         QColor(0x08, 0x1d, 0x58)};
constexpr int kStopCount = 5;
const QColor kSmallFill(0xee, 0xee, 0xee);
const QColor kGridLine(0xff, 0xff, 0xff);
constexpr double kMargin = 8;
constexpr double kLegendW = 150;

QString pct(double fraction, int decimals = 1)
{
    return QLocale().toString(fraction * 100.0, 'f', decimals) + QLatin1Char('%');
}

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

} // namespace

SegmentHeatmap::SegmentHeatmap(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, Qt::white);
    setPalette(p);
}

void SegmentHeatmap::setResult(const SegmentResult &result)
{
    m_result = result;
    m_grid = result.ok && result.query.by.size() == 2;
    m_rowCodes.clear();
    m_colCodes.clear();
    m_rowLabels.clear();
    m_colLabels.clear();
    m_cells.clear();
    m_maxRate = 0;
    m_hover = -1;
    if (m_grid) {
        // Levels in code order (the dictionary's order, e.g. age bands ascending);
        // missing values last.
        std::map<int32_t, QString> rows, cols;
        for (const SegmentRow &r : result.rows) {
            rows.emplace(r.codes[0] < 0 ? INT32_MAX : r.codes[0], r.labels[0]);
            cols.emplace(r.codes[1] < 0 ? INT32_MAX : r.codes[1], r.labels[1]);
        }
        for (const auto &[code, label] : rows) {
            m_rowCodes.push_back(code);
            m_rowLabels << label;
        }
        for (const auto &[code, label] : cols) {
            m_colCodes.push_back(code);
            m_colLabels << label;
        }
        m_cells.assign(m_rowCodes.size() * m_colCodes.size(), -1);
        for (size_t i = 0; i < result.rows.size(); ++i) {
            const SegmentRow &r = result.rows[i];
            const auto ri = std::find(m_rowCodes.begin(), m_rowCodes.end(),
                                      r.codes[0] < 0 ? INT32_MAX : r.codes[0]) -
                            m_rowCodes.begin();
            const auto ci = std::find(m_colCodes.begin(), m_colCodes.end(),
                                      r.codes[1] < 0 ? INT32_MAX : r.codes[1]) -
                            m_colCodes.begin();
            m_cells[size_t(ri) * m_colCodes.size() + size_t(ci)] = int(i);
            // The colour scale follows the segments that say something; small ones may
            // exceed it and are drawn hatched anyway.
            if (!r.small)
                m_maxRate = std::max(m_maxRate, r.rate);
        }
        if (m_maxRate <= 0)
            for (const SegmentRow &r : result.rows)
                m_maxRate = std::max(m_maxRate, r.rate);
        if (m_maxRate <= 0)
            m_maxRate = 1;
    }
    update();
}

QColor SegmentHeatmap::colorFor(double rate) const
{
    const double t = std::clamp(rate / m_maxRate, 0.0, 1.0) * (kStopCount - 1);
    const int i = std::min(int(t), kStopCount - 2);
    return mix(kStops[i], kStops[i + 1], t - i);
}

SegmentHeatmap::Layout SegmentHeatmap::layoutFor(const QRectF &rect) const
{
    Layout l;
    const QFontMetricsF fm(font());
    const QRectF inner = rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    l.title = QRectF(inner.left(), inner.top(), inner.width(), fm.height() * 2.4);
    double rowHeaderW = fm.horizontalAdvance(m_result.query.by.value(0)) + 8;
    for (const QString &s : m_rowLabels)
        rowHeaderW = std::max(rowHeaderW, fm.horizontalAdvance(s) + 12);
    double colLabelW = 0;
    for (const QString &s : m_colLabels)
        colLabelW = std::max(colLabelW, fm.horizontalAdvance(s) + 10);
    l.rowHeaderW = rowHeaderW;
    const double gridW = inner.width() - rowHeaderW - kLegendW;
    const int cols = std::max<int>(1, int(m_colLabels.size()));
    const int rows = std::max<int>(1, int(m_rowLabels.size()));
    l.cellW = std::max(10.0, gridW / cols);
    l.rotated = colLabelW > l.cellW;
    l.colHeaderH = (l.rotated ? std::min(colLabelW, 160.0) : fm.height() + 6) + fm.height() + 4;
    const double top = l.title.bottom() + l.colHeaderH;
    l.cellH = std::clamp((inner.bottom() - top) / rows, 10.0, 90.0);
    l.grid = QRectF(inner.left() + rowHeaderW, top, l.cellW * cols, l.cellH * rows);
    l.legend = QRectF(l.grid.right() + 16, top, kLegendW - 16, std::min(l.grid.height(), 320.0));
    return l;
}

void SegmentHeatmap::paint(QPainter &p, const QRectF &rect, bool hover) const
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.fillRect(rect, Qt::white);
    p.setFont(font());
    const QFontMetricsF fm(font());
    const QLocale loc;
    if (!m_grid) {
        p.setPen(QColor(0x55, 0x55, 0x55));
        const QString text =
            !m_result.ok
                ? tr("No segmentation yet.")
                : tr("The heatmap needs exactly two dimensions: you are segmenting by %n "
                     "column(s). Pick two under “Segment by” (for example age_band and job) to "
                     "see every combination as a cell.",
                     nullptr, int(m_result.query.by.size()));
        p.drawText(rect.adjusted(40, 40, -40, -40), Qt::AlignCenter | Qt::TextWordWrap, text);
        p.restore();
        return;
    }
    const Layout l = layoutFor(rect);
    QFont bold = font();
    bold.setBold(true);
    bold.setPointSizeF(font().pointSizeF() + 1);
    p.setFont(bold);
    p.setPen(Qt::black);
    p.drawText(l.title, Qt::AlignLeft | Qt::AlignTop,
               tr("Response rate by %1 (rows) × %2 (columns): %3 segments, overall %4")
                   .arg(m_result.query.by[0], m_result.query.by[1])
                   .arg(m_result.segmentsCompared)
                   .arg(pct(m_result.overallRate, 2)));
    p.setFont(font());
    p.setPen(QColor(0x55, 0x55, 0x55));
    p.drawText(l.title, Qt::AlignLeft | Qt::AlignBottom,
               tr("Colour = rate, text = rate and clients; hatched grey = fewer than %1 clients. "
                  "Click a cell to drill down.")
                   .arg(m_result.query.minN));

    // Column headers (dimension name above, labels below; rotated when they do not fit).
    p.setPen(Qt::black);
    const double colTop = l.title.bottom();
    p.drawText(QRectF(l.grid.left(), colTop, l.grid.width(), fm.height() + 2), Qt::AlignCenter,
               m_result.query.by[1]);
    for (int c = 0; c < m_colLabels.size(); ++c) {
        const double x = l.grid.left() + c * l.cellW;
        if (l.rotated) {
            p.save();
            p.translate(x + l.cellW / 2 + fm.ascent() / 2 - 2, l.grid.top() - 4);
            p.rotate(-90);
            p.drawText(
                QRectF(0, -fm.height(), l.colHeaderH - fm.height() - 6, fm.height()),
                Qt::AlignLeft | Qt::AlignVCenter,
                fm.elidedText(m_colLabels[c], Qt::ElideRight, l.colHeaderH - fm.height() - 6));
            p.restore();
        } else {
            p.drawText(QRectF(x, l.grid.top() - fm.height() - 4, l.cellW, fm.height()),
                       Qt::AlignCenter, m_colLabels[c]);
        }
    }
    // Row headers.
    p.drawText(QRectF(rect.left() + kMargin, colTop + fm.height() + 2, l.rowHeaderW - 8,
                      l.colHeaderH - fm.height() - 2),
               Qt::AlignLeft | Qt::AlignBottom, m_result.query.by[0]);
    for (int r = 0; r < m_rowLabels.size(); ++r)
        p.drawText(
            QRectF(rect.left() + kMargin, l.grid.top() + r * l.cellH, l.rowHeaderW - 8, l.cellH),
            Qt::AlignRight | Qt::AlignVCenter, m_rowLabels[r]);

    // Cells.
    QFont small = font();
    small.setPointSizeF(std::max(6.5, font().pointSizeF() - 1.5));
    const QFontMetricsF fmSmall(small);
    const bool twoLines = l.cellH >= fm.height() + fmSmall.height() + 4;
    for (int r = 0; r < m_rowLabels.size(); ++r) {
        for (int c = 0; c < m_colLabels.size(); ++c) {
            const QRectF cell(l.grid.left() + c * l.cellW, l.grid.top() + r * l.cellH, l.cellW,
                              l.cellH);
            const int idx = m_cells[size_t(r) * m_colLabels.size() + size_t(c)];
            if (idx < 0) {
                p.fillRect(cell, Qt::white);
                p.setPen(QColor(0xaa, 0xaa, 0xaa));
                p.drawText(cell, Qt::AlignCenter, QStringLiteral("–"));
                continue;
            }
            const SegmentRow &row = m_result.rows[size_t(idx)];
            QColor textColor;
            if (row.small) {
                p.fillRect(cell, kSmallFill);
                p.fillRect(cell, QBrush(QColor(0xb0, 0xb0, 0xb0), Qt::BDiagPattern));
                textColor = QColor(0x70, 0x70, 0x70);
            } else {
                const QColor fill = colorFor(row.rate);
                p.fillRect(cell, fill);
                textColor = fill.lightnessF() < 0.55 ? Qt::white : Qt::black;
            }
            p.setPen(textColor);
            // Shorter complete forms before nothing: the tooltip always has the numbers.
            const QString rate1 = pct(row.rate), rate0 = pct(row.rate, 0);
            const QString count = loc.toString(row.clients);
            const QString n = QStringLiteral("n=") + count;
            const double textW = cell.width() - 4;
            if (twoLines) {
                QFont rateFont = font();
                rateFont.setBold(!row.small);
                QFont rateSmall = small;
                rateSmall.setBold(!row.small);
                QString rateText = fitCellLabel({rate1}, QFontMetricsF(rateFont), textW);
                if (rateText.isEmpty()) {
                    rateFont = rateSmall;
                    rateText = fitCellLabel({rate1, rate0}, QFontMetricsF(rateFont), textW);
                }
                const QString nText = fitCellLabel({n, count}, fmSmall, textW);
                p.setFont(rateFont);
                p.drawText(cell.adjusted(2, 0, -2, -cell.height() / 2 + 1),
                           Qt::AlignHCenter | Qt::AlignBottom, rateText);
                p.setFont(small);
                p.drawText(cell.adjusted(2, cell.height() / 2 + 1, -2, 0),
                           Qt::AlignHCenter | Qt::AlignTop, nText);
                p.setFont(font());
            } else {
                p.setFont(small);
                p.drawText(
                    cell, Qt::AlignCenter,
                    fitCellLabel({rate1 + QLatin1Char(' ') + n, rate1, rate0}, fmSmall, textW));
                p.setFont(font());
            }
        }
    }
    // Cell borders, and the hovered cell outlined.
    p.setPen(QPen(kGridLine, 1));
    for (int c = 0; c <= m_colLabels.size(); ++c)
        p.drawLine(QPointF(l.grid.left() + c * l.cellW, l.grid.top()),
                   QPointF(l.grid.left() + c * l.cellW, l.grid.bottom()));
    for (int r = 0; r <= m_rowLabels.size(); ++r)
        p.drawLine(QPointF(l.grid.left(), l.grid.top() + r * l.cellH),
                   QPointF(l.grid.right(), l.grid.top() + r * l.cellH));
    if (hover && m_hover >= 0) {
        const QPointF centre = cellCenter(m_hover);
        if (!centre.isNull()) {
            p.setPen(QPen(QColor(0xd6, 0x27, 0x28), 2));
            p.setBrush(Qt::NoBrush);
            p.drawRect(QRectF(centre.x() - l.cellW / 2 + 1, centre.y() - l.cellH / 2 + 1,
                              l.cellW - 2, l.cellH - 2));
        }
    }

    // Legend: colour bar from 0 to the largest rate among segments with enough clients.
    const QRectF bar(l.legend.left(), l.legend.top() + fm.height() + 4, 18,
                     std::max(60.0, l.legend.height() - 2 * fm.height() - 40));
    p.setPen(Qt::black);
    p.drawText(QRectF(l.legend.left(), l.legend.top(), kLegendW, fm.height()),
               Qt::AlignLeft | Qt::AlignVCenter, tr("rate"));
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
    for (int i = 0; i < kStopCount; ++i)
        gradient.setColorAt(double(i) / (kStopCount - 1), kStops[i]);
    p.fillRect(bar, gradient);
    p.setPen(QColor(0x88, 0x88, 0x88));
    p.setBrush(Qt::NoBrush);
    p.drawRect(bar);
    p.setPen(Qt::black);
    for (int i = 0; i <= 4; ++i) {
        const double v = m_maxRate * i / 4.0;
        const double y = bar.bottom() - bar.height() * i / 4.0;
        p.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 4, y));
        p.drawText(QRectF(bar.right() + 7, y - fm.height() / 2, 80, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, pct(v));
    }
    if (m_result.overallRate <= m_maxRate) {
        const double y = bar.bottom() - bar.height() * m_result.overallRate / m_maxRate;
        p.setPen(QPen(QColor(0xd6, 0x27, 0x28), 2));
        p.drawLine(QPointF(bar.left() - 4, y), QPointF(bar.right() + 4, y));
        p.drawText(QRectF(bar.right() + 48, y - fm.height() / 2, 70, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, tr("overall"));
    }
    const QRectF swatch(bar.left(), bar.bottom() + 14, 18, 14);
    p.fillRect(swatch, kSmallFill);
    p.fillRect(swatch, QBrush(QColor(0xb0, 0xb0, 0xb0), Qt::BDiagPattern));
    p.setPen(QColor(0x55, 0x55, 0x55));
    p.drawText(QRectF(swatch.right() + 6, swatch.top() - 2, kLegendW - 30, 3 * fm.height()),
               Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
               tr("n < %1").arg(m_result.query.minN));
    p.restore();
}

QString SegmentHeatmap::fitCellLabel(const QStringList &forms, const QFontMetricsF &fm,
                                     double width)
{
    for (const QString &form : forms)
        if (fm.horizontalAdvance(form) <= width)
            return form;
    return {};
}

void SegmentHeatmap::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paint(p, QRectF(rect()), true);
}

int SegmentHeatmap::rowAt(const QPointF &pos) const
{
    if (!m_grid)
        return -1;
    const Layout l = layoutFor(QRectF(rect()));
    if (!l.grid.contains(pos))
        return -1;
    const int c = int((pos.x() - l.grid.left()) / l.cellW);
    const int r = int((pos.y() - l.grid.top()) / l.cellH);
    if (r < 0 || c < 0 || r >= m_rowLabels.size() || c >= m_colLabels.size())
        return -1;
    return m_cells[size_t(r) * m_colLabels.size() + size_t(c)];
}

QPointF SegmentHeatmap::cellCenter(int row) const
{
    if (!m_grid)
        return {};
    const auto it = std::find(m_cells.begin(), m_cells.end(), row);
    if (row < 0 || it == m_cells.end())
        return {};
    const size_t i = size_t(it - m_cells.begin());
    const Layout l = layoutFor(QRectF(rect()));
    const size_t cols = size_t(m_colLabels.size());
    return {l.grid.left() + (double(i % cols) + 0.5) * l.cellW,
            l.grid.top() + (double(i / cols) + 0.5) * l.cellH};
}

bool SegmentHeatmap::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        const int row = rowAt(help->pos());
        if (row >= 0)
            QToolTip::showText(
                help->globalPos(),
                SegmentBarChart::segmentToolTip(m_result, m_result.rows[size_t(row)]), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(e);
}

void SegmentHeatmap::mouseMoveEvent(QMouseEvent *e)
{
    const int row = rowAt(e->position());
    if (row != m_hover) {
        m_hover = row;
        setCursor(row >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
}

void SegmentHeatmap::mouseReleaseEvent(QMouseEvent *e)
{
    if (e->button() != Qt::LeftButton)
        return;
    const int row = rowAt(e->position());
    if (row >= 0)
        Q_EMIT cellClicked(row);
}

void SegmentHeatmap::leaveEvent(QEvent *)
{
    if (m_hover >= 0) {
        m_hover = -1;
        update();
    }
}

bool SegmentHeatmap::savePng(const QString &path, QSize size) const
{
    return ChartFile::savePng(path, size,
                              [this](QPainter &p, QSize s) { paint(p, QRectF(QPointF(0, 0), s)); });
}

bool SegmentHeatmap::saveSvg(const QString &path, QSize size) const
{
    return ChartFile::saveSvg(path, size, tr("Segment response rate heatmap"),
                              [this](QPainter &p, QSize s) { paint(p, QRectF(QPointF(0, 0), s)); });
}

} // namespace cl
