// SegmentFilterPanel: column combo box, checkable level list, clear buttons.
#include "SegmentFilterPanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace cl {

SegmentFilterPanel::SegmentFilterPanel(QWidget *parent) : QWidget(parent)
{
    m_column = new QComboBox(this);
    m_column->setToolTip(tr("Column to filter on; ● marks columns with a filter"));
    m_list = new QListWidget(this);
    m_list->setToolTip(tr("Keep only the clients with one of the ticked values; tick none to "
                          "keep all"));
    m_list->setMinimumHeight(120);
    m_clearColumn = new QPushButton(tr("All values"), this);
    m_clearColumn->setToolTip(tr("Remove the filter on this column"));
    m_clearAll = new QPushButton(tr("Clear filters"), this);
    m_clearAll->setToolTip(tr("Remove every filter"));

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_clearColumn);
    buttons->addWidget(m_clearAll);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_column);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_column, &QComboBox::currentIndexChanged, this, &SegmentFilterPanel::fillLevels);
    connect(m_list, &QListWidget::itemChanged, this, &SegmentFilterPanel::levelToggled);
    connect(m_clearColumn, &QPushButton::clicked, this, &SegmentFilterPanel::clearColumn);
    connect(m_clearAll, &QPushButton::clicked, this, &SegmentFilterPanel::clearAll);
}

void SegmentFilterPanel::setColumns(const QStringList &columns,
                                    const QMap<QString, QStringList> &levels)
{
    m_columns = columns;
    m_levels = levels;
    m_filters.clear();
    m_filling = true;
    m_column->clear();
    for (const QString &c : columns)
        m_column->addItem(c, c);
    m_filling = false;
    fillLevels();
}

void SegmentFilterPanel::setFilters(const QList<SegmentFilter> &filters)
{
    m_filters.clear();
    for (const SegmentFilter &f : filters) {
        if (!f.labels.isEmpty())
            m_filters[f.column] = f.labels;
    }
    fillLevels();
}

QList<SegmentFilter> SegmentFilterPanel::filters() const
{
    QList<SegmentFilter> out;
    // Column order, so equal filter sets compare equal however they were made.
    for (const QString &c : m_columns) {
        const auto it = m_filters.constFind(c);
        if (it == m_filters.constEnd())
            continue;
        QStringList ordered;
        for (const QString &level : m_levels.value(c))
            if (it->contains(level))
                ordered << level;
        for (const QString &label : *it) // labels outside the dictionary, e.g. "(missing)"
            if (!ordered.contains(label))
                ordered << label;
        out.append(SegmentFilter{c, ordered});
    }
    return out;
}

void SegmentFilterPanel::showColumn(const QString &column)
{
    const int i = m_column->findData(column);
    if (i >= 0)
        m_column->setCurrentIndex(i);
}

bool SegmentFilterPanel::setLevelChecked(const QString &label, bool checked)
{
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        if (item->data(Qt::UserRole).toString() == label) {
            item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
            return true;
        }
    }
    return false;
}

void SegmentFilterPanel::fillLevels()
{
    m_filling = true;
    m_list->clear();
    const QString column = m_column->currentData().toString();
    const QStringList ticked = m_filters.value(column);
    for (const QString &level : m_levels.value(column)) {
        auto *item = new QListWidgetItem(level, m_list);
        item->setData(Qt::UserRole, level);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(ticked.contains(level) ? Qt::Checked : Qt::Unchecked);
    }
    m_clearColumn->setEnabled(!ticked.isEmpty());
    m_clearAll->setEnabled(!m_filters.isEmpty());
    updateColumnMarks();
    m_filling = false;
}

void SegmentFilterPanel::levelToggled(QListWidgetItem *item)
{
    if (m_filling)
        return;
    const QString column = m_column->currentData().toString();
    QStringList &ticked = m_filters[column];
    const QString label = item->data(Qt::UserRole).toString();
    ticked.removeAll(label);
    if (item->checkState() == Qt::Checked)
        ticked << label;
    if (ticked.isEmpty())
        m_filters.remove(column);
    m_clearColumn->setEnabled(m_filters.contains(column));
    m_clearAll->setEnabled(!m_filters.isEmpty());
    updateColumnMarks();
    Q_EMIT filtersEdited();
}

void SegmentFilterPanel::clearColumn()
{
    if (m_filters.remove(m_column->currentData().toString()) == 0)
        return;
    fillLevels();
    Q_EMIT filtersEdited();
}

void SegmentFilterPanel::clearAll()
{
    if (m_filters.isEmpty())
        return;
    m_filters.clear();
    fillLevels();
    Q_EMIT filtersEdited();
}

void SegmentFilterPanel::updateColumnMarks()
{
    for (int i = 0; i < m_column->count(); ++i) {
        const QString c = m_column->itemData(i).toString();
        const int n = int(m_filters.value(c).size());
        m_column->setItemText(
            i, n > 0
                   ? QStringLiteral("● %1  (%2 of %3)").arg(c).arg(n).arg(m_levels.value(c).size())
                   : c);
    }
}

} // namespace cl
