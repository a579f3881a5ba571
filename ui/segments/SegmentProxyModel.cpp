// SegmentProxyModel: numeric sorting, greyed small segments, plain header names.
#include "SegmentProxyModel.h"

#include "segments/SegmentTableModel.h"

#include <QBrush>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QPalette>

namespace cl {

SegmentProxyModel::SegmentProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(SegmentTableModel::SortRole);
}

void SegmentProxyModel::setSegmentModel(SegmentTableModel *model)
{
    m_model = model;
    setSourceModel(model);
}

QVariant SegmentProxyModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::ForegroundRole && m_model) {
        const SegmentRow *row = m_model->segmentAt(mapToSource(index).row());
        if (row && row->small)
            return QBrush(QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
    }
    if (role == Qt::DisplayRole && sourceModel() &&
        sourceModel()->headerData(index.column(), Qt::Horizontal) == QLatin1String("flag"))
        return QCoreApplication::translate(
            "cl::SegmentTableModel",
            qPrintable(QSortFilterProxyModel::data(index, role).toString()));
    return QSortFilterProxyModel::data(index, role);
}

QVariant SegmentProxyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    const QVariant value = QSortFilterProxyModel::headerData(section, orientation, role);
    if (orientation != Qt::Horizontal)
        return value;
    const QString name =
        sourceModel() ? sourceModel()->headerData(section, orientation).toString() : QString();
    if (role == Qt::ToolTipRole) {
        if (name == QLatin1String("CI low") || name == QLatin1String("CI high"))
            return tr("Wilson 95% interval of the rate");
        if (name == QLatin1String("lift"))
            return tr("Rate divided by the overall rate of the filtered clients");
        if (name == QLatin1String("share"))
            return tr("Share of all subscribers of the filtered clients");
        if (name == QLatin1String("EB rate"))
            return tr("Empirical-Bayes rate: the rate shrunk toward the fitted prior, "
                      "more so for small segments");
        if (name == QLatin1String("flag"))
            return tr("small: fewer clients than min-n; the rate says little");
        return value;
    }
    if (role != Qt::DisplayRole)
        return value;
    if (name == QLatin1String("yes"))
        return tr("subscribers");
    if (name == QLatin1String("EB rate"))
        return tr("Bayes rate");
    if (m_model && (section == 0 || section > m_model->result().query.by.size())) // not data
        return QCoreApplication::translate("cl::SegmentTableModel", qPrintable(name));
    return value;
}

} // namespace cl
