// SegmentHeatmap: a two-dimension result as a Heatmap chart, with tooltips, hover and clicks.
#include "SegmentHeatmap.h"

#include "SegmentBarChart.h"
#include "util/NumberText.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <map>

namespace cl {

SegmentHeatmap::SegmentHeatmap(QWidget *parent) : ChartWidget(parent)
{
    setMouseTracking(true);
    setResult(SegmentResult());
}

void SegmentHeatmap::setResult(const SegmentResult &result)
{
    m_result = result;
    m_grid = result.ok && result.query.by.size() == 2;
    m_cells.clear();
    m_exportSubtitle.clear();
    const NumberText t = NumberText::forLocale();
    ChartSpec c;
    c.locale = t.language();
    c.kind = ChartSpec::Kind::Heatmap;
    c.id = QStringLiteral("segments-heatmap");
    if (!m_grid) {
        c.emptyText = !result.ok
                          ? tr("No segmentation yet.")
                          : tr("The heatmap needs exactly two dimensions: you are segmenting by "
                               "%n column(s). Pick two under “Segment by” (for example age_band "
                               "and job) to see every combination as a cell.",
                               nullptr, int(result.query.by.size()));
        setChart(std::move(c));
        return;
    }
    // Levels in code order (the dictionary's order, e.g. age bands ascending); missing
    // values last.
    std::map<int32_t, QString> rows, cols;
    const auto key = [](int32_t code) { return code < 0 ? INT32_MAX : code; };
    for (const SegmentRow &r : result.rows) {
        rows.emplace(key(r.codes[0]), r.labels[0]);
        cols.emplace(key(r.codes[1]), r.labels[1]);
    }
    std::map<int32_t, int> rowIndex, colIndex;
    for (const auto &[code, label] : rows) {
        rowIndex[code] = int(c.labels.size());
        c.labels << label;
    }
    for (const auto &[code, label] : cols) {
        colIndex[code] = int(c.columnLabels.size());
        c.columnLabels << label;
    }
    const size_t nc = size_t(c.columnLabels.size());
    const size_t cells = size_t(c.labels.size()) * nc;
    m_cells.assign(cells, -1);
    c.values.assign(cells, std::nan(""));
    c.counts.assign(cells, 0);
    for (size_t i = 0; i < result.rows.size(); ++i) {
        const SegmentRow &r = result.rows[i];
        const size_t k = size_t(rowIndex[key(r.codes[0])]) * nc + size_t(colIndex[key(r.codes[1])]);
        m_cells[k] = int(i);
        c.values[k] = r.rate;
        c.counts[k] = r.clients;
    }
    c.minN = result.query.minN;
    c.yLabel = result.query.by[0];
    c.xLabel = result.query.by[1];
    // The axes name the rows and the columns; "(rows)", "(columns)" cut the title at 1366x768.
    c.title = tr("Response rate by %1 × %2: %3 segments, overall %4")
                  .arg(result.query.by[0], result.query.by[1], t.count(result.segmentsCompared),
                       t.percent(result.overallRate, 2));
    // The click hint is for the screen only: the exported file cannot be clicked.
    m_exportSubtitle = tr("Colour = rate, text = rate and clients; hatched grey = fewer than %1 "
                          "clients.")
                           .arg(t.count(result.query.minN));
    c.subtitle = m_exportSubtitle + QLatin1Char(' ') + tr("Click a cell to drill down.");
    c.reference = result.overallRate;
    // The marker's own value, to the decimal the cells show (not the nearest legend tick).
    c.referenceLabel = tr("%1 overall").arg(t.percent(result.overallRate, 1));
    setChart(std::move(c));
}

int SegmentHeatmap::rowAt(const QPointF &pos) const
{
    const int cell = m_grid ? itemAt(pos) : -1;
    return cell >= 0 && size_t(cell) < m_cells.size() ? m_cells[size_t(cell)] : -1;
}

QPointF SegmentHeatmap::cellCenter(int row) const
{
    const auto it = std::find(m_cells.begin(), m_cells.end(), row);
    if (!m_grid || row < 0 || it == m_cells.end())
        return {};
    return itemRect(int(it - m_cells.begin())).center();
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
    return ChartWidget::event(e);
}

void SegmentHeatmap::mouseMoveEvent(QMouseEvent *e)
{
    const int cell = m_grid ? itemAt(e->position()) : -1;
    if (cell != highlight()) {
        setCursor(cell >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        setHighlight(cell);
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
    setHighlight(-1);
}

ChartSpec SegmentHeatmap::exportChart() const
{
    ChartSpec c = chart();
    if (m_grid)
        c.subtitle = m_exportSubtitle;
    return c;
}

bool SegmentHeatmap::saveSvg(const QString &path, QSize size) const
{
    return ChartWidget::saveSvg(path, size, tr("Segment response rate heatmap"));
}

} // namespace cl
