// Filter editor of the Segments view: a column and a checkable list of its levels.
#pragma once

#include "segments/SegmentQuery.h"

#include <QMap>
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace cl {

/**
 * Edits the filters of a segmentation: pick a column, tick the levels to keep (none ticked
 * = no filter on that column). Columns that carry a filter are marked in the combo box.
 * setFilters() never emits; user edits emit filtersEdited.
 * Thread affinity: GUI thread. Owns its child widgets only.
 */
class SegmentFilterPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SegmentFilterPanel(QWidget *parent = nullptr);

    /// Columns that can be filtered, each with its levels in code order.
    void setColumns(const QStringList &columns, const QMap<QString, QStringList> &levels);
    void setFilters(const QList<SegmentFilter> &filters);
    QList<SegmentFilter> filters() const;
    /// Shows one column's levels (as if picked in the combo box).
    void showColumn(const QString &column);
    /// Ticks or unticks one level of the shown column, as a user would (emits).
    bool setLevelChecked(const QString &label, bool checked);

Q_SIGNALS:
    void filtersEdited();

private:
    void fillLevels();
    void levelToggled(QListWidgetItem *item);
    void clearColumn();
    void clearAll();
    void updateColumnMarks();

    QStringList m_columns;
    QMap<QString, QStringList> m_levels;
    QMap<QString, QStringList> m_filters; ///< column -> ticked labels (never empty lists)
    QComboBox *m_column = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_clearColumn = nullptr;
    QPushButton *m_clearAll = nullptr;
    bool m_filling = false;
};

} // namespace cl
