// SegmentBarChart: stacked horizontal bars (normal/small), CI whiskers, overall-rate line.
#include "SegmentBarChart.h"

#include "ChartFile.h"

#include "segments/SegmentFormatter.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsSimpleTextItem>
#include <QHelpEvent>
#include <QHorizontalStackedBarSeries>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace cl {

namespace {

const QColor kBarColor(0x3b, 0x73, 0xb9);
const QColor kSmallColor(0xbd, 0xbd, 0xbd);
const QColor kWhiskerColor(0x22, 0x22, 0x22);
const QColor kOverallColor(0xd6, 0x27, 0x28);

QString pct(double fraction, int decimals = 1)
{
    return QLocale().toString(fraction * 100.0, 'f', decimals) + QLatin1Char('%');
}

/// Whisker with end caps as one retracing polyline: |----| at height y (category units).
QLineSeries *whisker(double low, double high, double y)
{
    constexpr double kCap = 0.18;
    auto *s = new QLineSeries;
    s->append(low, y - kCap);
    s->append(low, y + kCap);
    s->append(low, y);
    s->append(high, y);
    s->append(high, y + kCap);
    s->append(high, y - kCap);
    QPen pen(kWhiskerColor);
    pen.setWidthF(1.5);
    s->setPen(pen);
    return s;
}

} // namespace

SegmentBarChart::SegmentBarChart(QWidget *parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 240);
    rebuild();
}

void SegmentBarChart::setResult(const SegmentResult &result, int topN)
{
    m_result = result;
    m_topN = std::max(1, topN);
    rebuild();
}

void SegmentBarChart::setTopN(int topN)
{
    if (std::max(1, topN) == m_topN)
        return;
    m_topN = std::max(1, topN);
    rebuild();
}

int SegmentBarChart::barCount() const
{
    return int(std::min(m_result.rows.size(), size_t(m_topN)));
}

int SegmentBarChart::rowForCategory(int category) const
{
    // Rank 1 is drawn at the top, i.e. in the last category.
    const int row = barCount() - 1 - category;
    return row >= 0 && row < barCount() ? row : -1;
}

QString SegmentBarChart::segmentToolTip(const SegmentResult &result, const SegmentRow &row)
{
    const QLocale l;
    QString text =
        QStringLiteral("<b>%1</b><br>").arg(SegmentFormatter::segmentName(row).toHtmlEscaped());
    text +=
        tr("%1 subscribed of %2 clients").arg(l.toString(row.subscribers), l.toString(row.clients));
    text += QStringLiteral("<br>") +
            tr("rate %1 (95% CI %2 to %3)")
                .arg(pct(row.rate, 2), pct(row.wilsonLow, 2), pct(row.wilsonHigh, 2));
    text += QStringLiteral("<br>") +
            tr("lift %1 · share of subscribers %2 · Bayes rate %3")
                .arg(l.toString(row.lift, 'f', 2), pct(row.share), pct(row.bayesRate, 2));
    text += QStringLiteral("<br>") + tr("rank %1 of %2").arg(row.rank).arg(result.segmentsCompared);
    if (row.small)
        text += QStringLiteral("<br><i>") +
                tr("fewer than %1 clients: the rate says little").arg(result.query.minN) +
                QStringLiteral("</i>");
    return text;
}

QChart *SegmentBarChart::buildChart(bool interactive) const
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 12, 4));
    QFont titleFont = chart->titleFont();
    titleFont.setPointSizeF(titleFont.pointSizeF() + 1);
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);

    const int n = barCount();
    if (!m_result.ok || n == 0) {
        chart->setTitle(m_result.ok ? tr("No clients match the filters")
                                    : tr("No segmentation yet"));
        chart->legend()->hide();
        return chart;
    }
    const QString rankingName = m_result.query.ranking == SegmentRanking::Raw ? tr("raw rate")
                                : m_result.query.ranking == SegmentRanking::Wilson
                                    ? tr("Wilson lower bound")
                                    : tr("Bayes rate");
    chart->setTitle(tr("Top %1 of %2 segments by %3: response rate with 95% CI")
                        .arg(n)
                        .arg(m_result.segmentsCompared)
                        .arg(rankingName));

    auto *normal = new QBarSet(tr("rate"));
    normal->setColor(kBarColor);
    normal->setBorderColor(kBarColor.darker(115));
    auto *small = new QBarSet(tr("rate, fewer than %1 clients").arg(m_result.query.minN));
    small->setColor(kSmallColor);
    small->setBorderColor(kSmallColor.darker(115));
    QStringList categories;
    double xMax = m_result.overallRate;
    bool anySmall = false;
    const QLocale l;
    for (int c = 0; c < n; ++c) {
        const SegmentRow &row = m_result.rows[size_t(rowForCategory(c))];
        categories << QStringLiteral("%1  (n=%2)")
                          .arg(SegmentFormatter::segmentName(row), l.toString(row.clients));
        normal->append(row.small ? 0.0 : row.rate * 100.0);
        small->append(row.small ? row.rate * 100.0 : 0.0);
        anySmall = anySmall || row.small;
        xMax = std::max(xMax, row.wilsonHigh);
    }
    auto *bars = new QHorizontalStackedBarSeries;
    bars->setBarWidth(0.7);
    bars->append(normal);
    bars->append(small);
    chart->addSeries(bars);

    auto *axisY = new QBarCategoryAxis;
    axisY->append(categories);
    QFont labelFont = axisY->labelsFont();
    labelFont.setPointSizeF(n > 30 ? 7.5 : 9.0);
    axisY->setGridLineVisible(false);
    // Qt Charts elides long category labels to "..." whatever the room; the segment names
    // are drawn as text items beside the bars instead, kept in place when the plot moves.
    axisY->setLabelsVisible(false);
    const QFontMetricsF fm(labelFont);
    double labelW = 0;
    for (const QString &c : categories)
        labelW = std::max(labelW, fm.horizontalAdvance(c));
    labelW = std::min(labelW, 420.0);
    chart->setMargins(QMargins(int(labelW) + 8, 4, 12, 4));
    auto labels = std::make_shared<std::vector<QGraphicsSimpleTextItem *>>();
    for (const QString &c : categories) {
        auto *item = new QGraphicsSimpleTextItem(fm.elidedText(c, Qt::ElideMiddle, labelW), chart);
        item->setFont(labelFont);
        labels->push_back(item);
    }
    auto *axisX = new QValueAxis;
    axisX->setRange(0, std::min(100.0, xMax * 100.0 * 1.05 + 0.5));
    axisX->applyNiceNumbers();
    axisX->setLabelFormat(QStringLiteral("%.0f%%"));
    axisX->setTitleText(tr("response rate (bar) and Wilson 95% interval (whisker)"));
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    bars->attachAxis(axisX);
    bars->attachAxis(axisY);

    for (int c = 0; c < n; ++c) {
        const SegmentRow &row = m_result.rows[size_t(rowForCategory(c))];
        QLineSeries *w = whisker(row.wilsonLow * 100.0, row.wilsonHigh * 100.0, c);
        w->setName(tr("95% CI (Wilson)"));
        chart->addSeries(w);
        w->attachAxis(axisX);
        w->attachAxis(axisY);
        const auto markers = chart->legend()->markers(w);
        for (QLegendMarker *m : markers)
            m->setVisible(c == 0);
    }
    auto *overall = new QLineSeries;
    overall->setName(tr("overall %1").arg(pct(m_result.overallRate, 2)));
    overall->append(m_result.overallRate * 100.0, -0.5);
    overall->append(m_result.overallRate * 100.0, n - 0.5);
    QPen overallPen(kOverallColor);
    overallPen.setWidthF(2.0);
    overallPen.setStyle(Qt::DashLine);
    overall->setPen(overallPen);
    chart->addSeries(overall);
    overall->attachAxis(axisX);
    overall->attachAxis(axisY);

    for (QLegendMarker *m : chart->legend()->markers(bars)) {
        if (m->label() == small->label())
            m->setVisible(anySmall);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    connect(chart, &QChart::plotAreaChanged, chart, [chart, bars, labels](const QRectF &plot) {
        for (size_t c = 0; c < labels->size(); ++c) {
            QGraphicsSimpleTextItem *item = (*labels)[c];
            const QPointF at = chart->mapToPosition(QPointF(0, double(c)), bars);
            const QRectF box = item->boundingRect();
            item->setPos(plot.left() - 6 - box.width(), at.y() - box.height() / 2);
        }
    });

    if (interactive) {
        auto *self = const_cast<SegmentBarChart *>(this);
        self->m_series = bars;
    }
    return chart;
}

int SegmentBarChart::rowAt(const QPoint &viewportPos) const
{
    if (!m_series || barCount() == 0)
        return -1;
    const QPointF scenePos = mapToScene(viewportPos);
    const QPointF value = chart()->mapToValue(chart()->mapFromScene(scenePos), m_series);
    const int category = int(std::lround(value.y()));
    const int row = rowForCategory(category);
    // Hit the bar or its whisker, not the gap between bars.
    if (row < 0 || std::abs(value.y() - category) > 0.4 || value.x() < 0 ||
        value.x() > 100.0 * std::max(m_result.rows[size_t(row)].rate,
                                     m_result.rows[size_t(row)].wilsonHigh))
        return -1;
    return row;
}

bool SegmentBarChart::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int row = rowAt(help->pos());
        if (row >= 0)
            QToolTip::showText(help->globalPos(),
                               segmentToolTip(m_result, m_result.rows[size_t(row)]), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QChartView::viewportEvent(event);
}

void SegmentBarChart::mouseReleaseEvent(QMouseEvent *event)
{
    // Hit-testing here rather than QBarSet::clicked: the whisker counts too, and a bar
    // is clickable however thin it is.
    const int row = event->button() == Qt::LeftButton ? rowAt(event->position().toPoint()) : -1;
    if (row >= 0)
        Q_EMIT segmentClicked(row);
    else
        QChartView::mouseReleaseEvent(event);
}

void SegmentBarChart::mouseMoveEvent(QMouseEvent *event)
{
    setCursor(rowAt(event->position().toPoint()) >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    QChartView::mouseMoveEvent(event);
}

void SegmentBarChart::rebuild()
{
    m_series = nullptr;
    QChart *old = chart();
    setChart(buildChart(true));
    delete old;
}

void SegmentBarChart::renderTo(QPainter &painter, QSize size) const
{
    QChartView view(buildChart(false));
    view.setRenderHint(QPainter::Antialiasing);
    view.setFrameShape(QFrame::NoFrame);
    view.resize(size);
    // The view is never shown: deliver its resize so the chart lays itself out at `size`.
    view.chart()->resize(size);
    view.setSceneRect(QRectF(QPointF(0, 0), size));
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    view.scene()->render(&painter, QRectF(QPointF(0, 0), size), QRectF(QPointF(0, 0), size));
}

bool SegmentBarChart::savePng(const QString &path, QSize size) const
{
    return ChartFile::savePng(path, size, [this](QPainter &p, QSize s) { renderTo(p, s); });
}

bool SegmentBarChart::saveSvg(const QString &path, QSize size) const
{
    return ChartFile::saveSvg(path, size, m_result.ok ? tr("Segment response rates") : QString(),
                              [this](QPainter &p, QSize s) { renderTo(p, s); });
}

} // namespace cl
