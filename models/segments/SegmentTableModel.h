// Thin read-only Qt item model over a SegmentResult, for the Segments view's table.
#pragma once

#include "SegmentResult.h"

#include <QAbstractTableModel>

namespace cl {

/**
 * One row per segment in rank order; columns: rank, one per dimension, clients, yes, rate,
 * CI low, CI high, lift, share, EB rate, flag. DisplayRole gives formatted text, SortRole
 * (= Qt::UserRole) the plain number (or label) for a QSortFilterProxyModel, ToolTipRole a
 * one-line summary. Lives in the GUI thread; the result is copied in by setResult().
 */
class SegmentTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int SortRole = Qt::UserRole;

    explicit SegmentTableModel(QObject *parent = nullptr);

    /// Replaces the content (model reset).
    void setResult(const SegmentResult &result);
    const SegmentResult &result() const { return m_result; }
    /// The segment shown in a row; nullptr when out of range.
    const SegmentRow *segmentAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    int dimensions() const { return int(m_result.query.by.size()); }

    SegmentResult m_result;
};

} // namespace cl
