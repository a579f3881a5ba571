// ForestPlot: the fit's terms as a Forest chart, sorted, with the full label in a tooltip.
#include "ForestPlot.h"

#include "util/NumberText.h"

#include <QHelpEvent>
#include <QRegularExpression>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace cl {

ForestPlot::ForestPlot(QWidget *parent) : ChartWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    rebuild();
}

void ForestPlot::setRows(std::vector<ForestRow> rows)
{
    m_rows = std::move(rows);
    sortRows();
    rebuild();
}

void ForestPlot::setSortOrder(SortOrder order)
{
    m_order = order;
    sortRows();
    rebuild();
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

void ForestPlot::rebuild()
{
    ChartSpec c;
    c.kind = ChartSpec::Kind::Forest;
    c.id = QStringLiteral("model-forest");
    c.emptyText = tr("Fit a model to see its odds ratios.");
    c.yLabel = tr("term (hover: reference level)");
    c.valueLabel = tr("OR [95% CI]");
    c.xLabel = tr("odds ratio (log scale), 95% interval");
    c.reference = 1;
    for (const ForestRow &r : m_rows) {
        c.labels << termLabel(r.label);
        c.values.push_back(r.oddsRatio);
        // A penalised fit has no valid interval (NaN): the painter draws the point alone.
        c.lows.push_back(r.low);
        c.highs.push_back(r.high);
    }
    setChart(std::move(c));
    // Its scroll area follows a resize, not a new size hint: without this the rows added by
    // a fit run past the bottom with no scroll bar.
    setMinimumHeight(minimumSizeHint().height());
}

QSize ForestPlot::sizeHint() const
{
    return {640, ChartWidget::sizeHint().height()};
}

QSize ForestPlot::minimumSizeHint() const
{
    return {420, ChartWidget::sizeHint().height()};
}

QString ForestPlot::termLabel(const QString &label)
{
    static const QRegularExpression ref(QStringLiteral("\\s*\\(ref [^)]*\\)$"));
    return QString(label).remove(ref);
}

int ForestPlot::rowAt(int y) const
{
    return itemAt(QPointF(width() / 2.0, y));
}

bool ForestPlot::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        const int i = rowAt(help->pos().y());
        if (i >= 0) {
            const ForestRow &r = m_rows[size_t(i)];
            const NumberText numbers = NumberText::forLocale();
            QToolTip::showText(help->globalPos(),
                               tr("%1\nodds ratio %2 [95% CI %3, %4], %5")
                                   .arg(r.label, numbers.number(r.oddsRatio, 2),
                                        numbers.number(r.low, 2), numbers.number(r.high, 2),
                                        numbers.pValue(r.p)),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return ChartWidget::event(e);
}

} // namespace cl
