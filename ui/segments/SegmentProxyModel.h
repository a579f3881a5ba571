// Sort proxy over SegmentTableModel that greys small segments and names the columns plainly.
#pragma once

#include <QSortFilterProxyModel>

namespace cl {

class SegmentTableModel;

/**
 * Sorts by SegmentTableModel::SortRole (numbers, not their text), greys the rows of
 * segments with fewer than min-n clients and gives analyst-friendly header names.
 * Thread affinity: GUI thread; does not own its source model.
 */
class SegmentProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit SegmentProxyModel(QObject *parent = nullptr);

    void setSegmentModel(SegmentTableModel *model);
    SegmentTableModel *segmentModel() const { return m_model; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    SegmentTableModel *m_model = nullptr;
};

} // namespace cl
