// SegmentBarChart: a segment result as a RateBars chart, with tooltips, hover and clicks.
#include "SegmentBarChart.h"

#include "segments/SegmentFormatter.h"
#include "util/NumberText.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>

#include <algorithm>

namespace cl {

SegmentBarChart::SegmentBarChart(QWidget *parent) : ChartWidget(parent)
{
    setMouseTracking(true);
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

QString SegmentBarChart::segmentToolTip(const SegmentResult &result, const SegmentRow &row)
{
    const NumberText t = NumberText::forLocale();
    const auto pct = [&t](double fraction, int decimals = 1) {
        return t.percent(fraction, decimals);
    };
    QString text =
        QStringLiteral("<b>%1</b><br>").arg(SegmentFormatter::segmentName(row).toHtmlEscaped());
    text += tr("%1 subscribed of %2 clients").arg(t.count(row.subscribers), t.count(row.clients));
    text += QStringLiteral("<br>") +
            tr("rate %1 (95% CI %2 to %3)")
                .arg(pct(row.rate, 2), pct(row.wilsonLow, 2), pct(row.wilsonHigh, 2));
    text += QStringLiteral("<br>") +
            tr("lift %1 · share of subscribers %2 · Bayes rate %3")
                .arg(t.number(row.lift, 2), pct(row.share), pct(row.bayesRate, 2));
    text += QStringLiteral("<br>") +
            tr("rank %1 of %2").arg(t.count(row.rank), t.count(result.segmentsCompared));
    if (row.small)
        text += QStringLiteral("<br><i>") +
                tr("fewer than %1 clients: the rate says little").arg(t.count(result.query.minN)) +
                QStringLiteral("</i>");
    return text;
}

ChartSpec SegmentBarChart::chartFor(const SegmentResult &result, int topN)
{
    const NumberText t = NumberText::forLocale();
    ChartSpec c;
    c.locale = t.language();
    c.kind = ChartSpec::Kind::RateBars;
    c.id = QStringLiteral("segments-bars");
    const int n = result.ok ? int(std::min(result.rows.size(), size_t(std::max(1, topN)))) : 0;
    if (n == 0) {
        c.title = tr("Segment response rates");
        c.emptyText = result.ok ? tr("No clients match the filters") : tr("No segmentation yet");
        return c;
    }
    const QString rankingName = result.query.ranking == SegmentRanking::Raw ? tr("raw rate")
                                : result.query.ranking == SegmentRanking::Wilson
                                    ? tr("Wilson lower bound")
                                    : tr("Bayes rate");
    c.title = tr("Top %1 of %2 segments by %3: response rate with 95% CI")
                  .arg(t.count(n), t.count(result.segmentsCompared), rankingName);
    c.xLabel = tr("response rate (bar) and Wilson 95% interval (whisker)");
    bool anySmall = false;
    for (int i = 0; i < n; ++i) {
        const SegmentRow &row = result.rows[size_t(i)];
        c.labels << QStringLiteral("%1  (n=%2)")
                        .arg(SegmentFormatter::segmentName(row), t.count(row.clients));
        c.values.push_back(row.rate);
        c.lows.push_back(row.wilsonLow);
        c.highs.push_back(row.wilsonHigh);
        c.flagged.push_back(row.small);
        anySmall = anySmall || row.small;
    }
    c.reference = result.overallRate;
    c.referenceLabel = tr("overall %1").arg(t.percent(result.overallRate, 2));
    if (anySmall)
        c.note = tr("Pale bars: fewer than %1 clients, the rate says little.")
                     .arg(t.count(result.query.minN));
    return c;
}

void SegmentBarChart::rebuild()
{
    ChartSpec c = chartFor(m_result, m_topN);
    if (!c.labels.isEmpty()) {
        // The click hint is for the screen only (see exportChart).
        const QString hint = tr("Click a bar to drill down.");
        c.note = c.note.isEmpty() ? hint : c.note + QLatin1Char(' ') + hint;
    }
    setChart(std::move(c));
}

ChartSpec SegmentBarChart::exportChart() const
{
    return chartFor(m_result, m_topN);
}

int SegmentBarChart::rowAt(const QPoint &pos) const
{
    // The chart's bars are the result's rows in rank order.
    const int row = itemAt(QPointF(pos));
    return row >= 0 && row < barCount() ? row : -1;
}

QRectF SegmentBarChart::barRect(int row) const
{
    return row >= 0 && row < barCount() ? itemRect(row) : QRectF();
}

bool SegmentBarChart::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        const int row = rowAt(help->pos());
        if (row >= 0)
            QToolTip::showText(help->globalPos(),
                               segmentToolTip(m_result, m_result.rows[size_t(row)]), this);
        else
            QToolTip::hideText();
        return true;
    }
    return ChartWidget::event(e);
}

void SegmentBarChart::mouseMoveEvent(QMouseEvent *event)
{
    const int row = rowAt(event->position().toPoint());
    setCursor(row >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    setHighlight(row);
}

void SegmentBarChart::mouseReleaseEvent(QMouseEvent *event)
{
    // Hit-testing through the painter's layout: the whisker counts too, and a bar is
    // clickable however thin it is.
    const int row = event->button() == Qt::LeftButton ? rowAt(event->position().toPoint()) : -1;
    if (row >= 0)
        Q_EMIT segmentClicked(row);
    else
        ChartWidget::mouseReleaseEvent(event);
}

void SegmentBarChart::leaveEvent(QEvent *)
{
    setHighlight(-1);
}

bool SegmentBarChart::saveSvg(const QString &path, QSize size) const
{
    return ChartWidget::saveSvg(path, size, m_result.ok ? tr("Segment response rates") : QString());
}

} // namespace cl
