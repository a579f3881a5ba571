// ChartWidget: paintEvent and hit-testing through ChartPainter, exports through ChartFile.
#include "ChartWidget.h"

#include "ChartFile.h"
#include "render/ChartPainter.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace cl {

namespace {

constexpr double kScale = ChartPainter::kScreenScale;

} // namespace

ChartWidget::ChartWidget(QWidget *parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(220, 160);
}

void ChartWidget::setChart(ChartSpec chart)
{
    m_chart = std::move(chart);
    m_highlight = -1;
    updateGeometry();
    update();
}

QRectF ChartWidget::chartRect() const
{
    return {0, 0, width() / kScale, height() / kScale};
}

int ChartWidget::itemAt(const QPointF &pos) const
{
    return ChartPainter::itemAt(chartRect(), m_chart, pos / kScale);
}

QRectF ChartWidget::itemRect(int item) const
{
    const QRectF r = ChartPainter::itemRect(chartRect(), m_chart, item);
    return r.isNull() ? QRectF() : QRectF(r.topLeft() * kScale, r.size() * kScale);
}

void ChartWidget::setHighlight(int item)
{
    if (item == m_highlight)
        return;
    m_highlight = item;
    update();
}

QSize ChartWidget::sizeHint() const
{
    constexpr double widthPt = 600;
    return {int(widthPt * kScale),
            int(std::ceil(ChartPainter::preferredHeight(m_chart, widthPt) * kScale))};
}

int ChartWidget::heightForWidth(int width) const
{
    return int(std::ceil(ChartPainter::preferredHeight(m_chart, width / kScale) * kScale));
}

void ChartWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.scale(kScale, kScale);
    // On screen the chart follows the desktop's palette; the files below stay light.
    ChartPainter::paint(painter, chartRect(), m_chart, m_highlight,
                        ChartPalette::Colors::forPalette(palette()));
}

void ChartWidget::paintExport(QPainter &p, QSize size) const
{
    if (size.isEmpty())
        return;
    if (!isVisible() || width() <= 0 || height() <= 0) {
        p.scale(kScale, kScale);
        ChartPainter::paint(p, QRectF(0, 0, size.width() / kScale, size.height() / kScale),
                            exportChart());
        return;
    }
    // The screen's layout (cell widths decide "12.7%" or "13%"), scaled to fit and centred.
    const QRectF rect = chartRect();
    const double scale = std::min(size.width() / rect.width(), size.height() / rect.height());
    p.translate((size.width() - rect.width() * scale) / 2,
                (size.height() - rect.height() * scale) / 2);
    p.scale(scale, scale);
    ChartPainter::paint(p, rect, exportChart());
}

bool ChartWidget::savePng(const QString &path, QSize size) const
{
    return ChartFile::savePng(path, size, [this](QPainter &p, QSize s) { paintExport(p, s); });
}

bool ChartWidget::saveSvg(const QString &path, QSize size, const QString &title) const
{
    return ChartFile::saveSvg(path, size, title,
                              [this](QPainter &p, QSize s) { paintExport(p, s); });
}

} // namespace cl
