// ForestPlot: layout of the log axis, the rows and the reference line.
#include "ForestPlot.h"

#include <QHelpEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QRegularExpression>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace cl {

namespace {

/// Narrowest useful plot strip: the log axis needs room for its tick labels.
constexpr int kMinPlotWidth = 180;

QString valueSample()
{
    return QStringLiteral("00.00 [00.00, 00.00]");
}

} // namespace

ForestPlot::ForestPlot(QWidget *parent) : QWidget(parent)
{
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void ForestPlot::setRows(std::vector<ForestRow> rows)
{
    m_rows = std::move(rows);
    sortRows();
    updateGeometry();
    update();
}

void ForestPlot::setSortOrder(SortOrder order)
{
    m_order = order;
    sortRows();
    update();
}

void ForestPlot::sortRows()
{
    if (m_order == SortOrder::ByName)
        std::stable_sort(m_rows.begin(), m_rows.end(), [](const ForestRow &a, const ForestRow &b) {
            return QString::localeAwareCompare(a.label, b.label) < 0;
        });
    else
        std::stable_sort(m_rows.begin(), m_rows.end(), [](const ForestRow &a, const ForestRow &b) {
            return a.oddsRatio > b.oddsRatio;
        });
}

int ForestPlot::rowHeight() const
{
    return fontMetrics().height() + 4;
}

QSize ForestPlot::sizeHint() const
{
    return {640, rowHeight() * (rowCount() + 3)};
}

QSize ForestPlot::minimumSizeHint() const
{
    const int valueWidth = fontMetrics().horizontalAdvance(valueSample()) + 12;
    return {160 + kMinPlotWidth + valueWidth + 28, rowHeight() * (rowCount() + 3)};
}

QString ForestPlot::termLabel(const QString &label)
{
    static const QRegularExpression ref(QStringLiteral("\\s*\\(ref [^)]*\\)$"));
    return QString(label).remove(ref);
}

int ForestPlot::rowAt(int y) const
{
    const int rh = rowHeight();
    if (y < rh)
        return -1;
    const int i = (y - rh) / rh;
    return i < rowCount() ? i : -1;
}

bool ForestPlot::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        const int i = rowAt(help->pos().y());
        if (i >= 0) {
            const ForestRow &r = m_rows[size_t(i)];
            QToolTip::showText(help->globalPos(),
                               tr("%1\nodds ratio %2 [95% CI %3, %4], p = %5")
                                   .arg(r.label)
                                   .arg(r.oddsRatio, 0, 'f', 2)
                                   .arg(r.low, 0, 'f', 2)
                                   .arg(r.high, 0, 'f', 2)
                                   .arg(r.p, 0, 'g', 3),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(e);
}

void ForestPlot::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm = fontMetrics();
    const int rh = rowHeight();
    if (m_rows.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("Fit a model to see its odds ratios."));
        return;
    }
    const QString header = tr("term (hover: reference level)");
    int labelWidth = fm.horizontalAdvance(header);
    for (const ForestRow &r : m_rows)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(termLabel(r.label)));
    const int valueWidth = fm.horizontalAdvance(valueSample()) + 12;
    // The label column gives way before the plot strip does.
    labelWidth =
        std::max(std::min(labelWidth + 12, width() - valueWidth - 28 - kMinPlotWidth), width() / 4);
    const int left = labelWidth;
    const int right = width() - valueWidth - 28; // room for the last tick label
    const int top = rh;
    const int bottom = top + rh * rowCount();
    if (right - left < 60)
        return;

    // Axis range: the intervals, clipped to [1/100, 100] so one wide interval cannot hide
    // the rest; always containing 1.
    double lo = 1, hi = 1;
    for (const ForestRow &r : m_rows) {
        if (std::isfinite(r.low) && r.low > 0)
            lo = std::min(lo, r.low);
        if (std::isfinite(r.high))
            hi = std::max(hi, r.high);
    }
    lo = std::max(lo, 0.01);
    hi = std::min(hi, 100.0);
    const double llo = std::floor(std::log10(lo) * 2) / 2;
    const double lhi = std::ceil(std::log10(hi) * 2) / 2;
    const auto xOf = [&](double v) {
        const double lv = std::clamp(std::log10(std::max(v, 1e-300)), llo, lhi);
        return left + (lv - llo) / std::max(lhi - llo, 1e-9) * (right - left);
    };

    // Grid and tick labels at 1-2-5 steps, or at powers of ten when a decade is narrow.
    const double decadePixels = (right - left) / std::max(lhi - llo, 1e-9);
    const bool fine = decadePixels >= 4.5 * fm.horizontalAdvance(QStringLiteral("0.05"));
    const QColor grid = palette().color(QPalette::Mid);
    p.setPen(QPen(grid, 0.5));
    double lastLabelRight = -1e9; // tick labels that would touch the previous one are skipped
    for (int e = int(std::floor(llo)); e <= int(std::ceil(lhi)); ++e) {
        for (double m : {1.0, 2.0, 5.0}) {
            if (m != 1.0 && !fine)
                continue;
            const double v = m * std::pow(10.0, e);
            const double lv = std::log10(v);
            if (lv < llo - 1e-9 || lv > lhi + 1e-9)
                continue;
            const double x = xOf(v);
            p.setPen(QPen(grid, 0.5, Qt::DotLine));
            p.drawLine(QPointF(x, top), QPointF(x, bottom));
            p.setPen(palette().color(QPalette::Text));
            const QString text = QString::number(v, 'g', 3);
            const double half = fm.horizontalAdvance(text) / 2.0;
            if (x - half < lastLabelRight + 6)
                continue;
            lastLabelRight = x + half;
            p.drawText(QRectF(x - 30, bottom + 2, 60, rh), Qt::AlignHCenter | Qt::AlignTop, text);
            // Also above the rows: a long plot is read scrolled.
            p.drawText(QRectF(x - 30, 0, 60, rh), Qt::AlignHCenter | Qt::AlignVCenter, text);
        }
    }
    p.drawText(QRectF(left, bottom + rh, right - left, rh), Qt::AlignHCenter | Qt::AlignTop,
               tr("odds ratio (log scale), 95% interval"));
    p.drawText(QRectF(right + 28, 0, valueWidth, rh), Qt::AlignLeft | Qt::AlignVCenter,
               tr("OR [95% CI]"));
    p.drawText(QRectF(4, 0, labelWidth - 8, rh), Qt::AlignRight | Qt::AlignVCenter,
               fm.elidedText(header, Qt::ElideRight, labelWidth - 8));

    // Reference line at OR = 1.
    p.setPen(QPen(palette().color(QPalette::Text), 1.2));
    p.drawLine(QPointF(xOf(1), top - 2), QPointF(xOf(1), bottom));

    const QColor up(0x1a, 0x73, 0xe8), down(0xd9, 0x30, 0x25), neutral(0x80, 0x86, 0x8b);
    for (int i = 0; i < rowCount(); ++i) {
        const ForestRow &r = m_rows[size_t(i)];
        const double y = top + rh * (i + 0.5);
        if (i % 2 == 1)
            p.fillRect(QRectF(0, top + rh * i, width(), rh),
                       palette().color(QPalette::AlternateBase));
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(4, top + rh * i, labelWidth - 8, rh), Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(termLabel(r.label), Qt::ElideMiddle, labelWidth - 8));
        const bool significant = (r.low > 1 || r.high < 1);
        const QColor c = !significant ? neutral : (r.oddsRatio > 1 ? up : down);
        p.setPen(QPen(c, 1.5));
        // A penalised fit has no valid interval (NaN): the point alone is drawn.
        const bool interval = std::isfinite(r.low) && std::isfinite(r.high);
        const double x0 = interval ? xOf(r.low) : xOf(r.oddsRatio);
        const double x1 = interval ? xOf(r.high) : xOf(r.oddsRatio);
        p.drawLine(QPointF(x0, y), QPointF(x1, y));
        // An arrow where the interval leaves the axis.
        const auto arrow = [&p, y](double x, double dx) {
            p.drawLine(QPointF(x, y), QPointF(x + dx, y - 3));
            p.drawLine(QPointF(x, y), QPointF(x + dx, y + 3));
        };
        if (interval && !(r.high <= std::pow(10.0, lhi)))
            arrow(x1, -5);
        if (interval && !(r.low >= std::pow(10.0, llo)))
            arrow(x0, 5);
        const double s = 7;
        p.fillRect(QRectF(xOf(r.oddsRatio) - s / 2, y - s / 2, s, s), c);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(right + 28, top + rh * i, valueWidth, rh),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   interval ? QStringLiteral("%1 [%2, %3]")
                                  .arg(r.oddsRatio, 0, 'f', 2)
                                  .arg(r.low, 0, 'f', 2)
                                  .arg(r.high, 0, 'f', 2)
                            : tr("%1 (penalised: no interval)").arg(r.oddsRatio, 0, 'f', 2));
    }
}

} // namespace cl
