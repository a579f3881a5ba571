// Virtualised table model over a dataset's silver table: pages fetched on demand, LRU cached.
#include "DatasetTableModel.h"

#include "store/Workspace.h"

#include <QLocale>

#include <algorithm>
#include <limits>

namespace cl {

DatasetTableModel::DatasetTableModel(QObject *parent) : QAbstractTableModel(parent) {}

DatasetTableModel::~DatasetTableModel() = default;

void DatasetTableModel::setDataset(Workspace *workspace, const DatasetInfo &dataset)
{
    beginResetModel();
    clearPages();
    m_query.reset();
    m_rowCount = 0;
    if (workspace && workspace->isOpen() && dataset.id >= 0) {
        m_query = std::make_unique<TableQuery>(workspace->db(), dataset);
        if (m_query->ok()) {
            m_rowCount =
                int(std::min<qint64>(m_query->rowCount(), std::numeric_limits<int>::max()));
        } else {
            const QString message = m_query->error();
            m_query.reset();
            endResetModel();
            Q_EMIT queryFailed(message);
            return;
        }
    }
    m_pagesFetched = 0;
    endResetModel();
}

void DatasetTableModel::clearPages()
{
    m_pages.clear();
    m_lru.clear();
}

bool DatasetTableModel::setFilter(const TableFilter &filter, QString *error)
{
    if (!m_query)
        return false;
    beginResetModel();
    const bool ok = m_query->setQuery(filter, m_query->sort(), error);
    clearPages();
    m_rowCount = int(std::min<qint64>(m_query->rowCount(), std::numeric_limits<int>::max()));
    endResetModel();
    return ok;
}

TableFilter DatasetTableModel::filter() const
{
    return m_query ? m_query->filter() : TableFilter();
}

QStringList DatasetTableModel::columnNames() const
{
    return m_query ? m_query->columns() : QStringList();
}

bool DatasetTableModel::isCategorical(int column) const
{
    return m_query && m_query->isCategorical(column);
}

int DatasetTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int DatasetTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_query ? 0 : m_query->columnCount();
}

const QVariantList *DatasetTableModel::row(int r) const
{
    const qint64 page = r / kPageRows;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        QString error;
        QList<QVariantList> rows = m_query->fetch(page * kPageRows, kPageRows, &error);
        ++m_pagesFetched;
        if (!error.isEmpty()) {
            // data() is const and may be called while painting: report later, show blanks.
            QMetaObject::invokeMethod(
                const_cast<DatasetTableModel *>(this),
                [this, error] { Q_EMIT const_cast<DatasetTableModel *>(this)->queryFailed(error); },
                Qt::QueuedConnection);
        }
        if (int(m_pages.size()) >= kMaxPages && !m_lru.empty()) {
            m_pages.remove(m_lru.back());
            m_lru.pop_back();
        }
        it = m_pages.insert(page, std::move(rows));
        m_lru.push_front(page);
    } else if (m_lru.front() != page) {
        m_lru.remove(page);
        m_lru.push_front(page);
    }
    const int inPage = r - int(page * kPageRows);
    return inPage < it->size() ? &it->at(inPage) : nullptr;
}

QVariant DatasetTableModel::data(const QModelIndex &index, int role) const
{
    if (!m_query || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (role == Qt::TextAlignmentRole)
        return m_query->isCategorical(index.column())
                   ? QVariant(int(Qt::AlignLeft | Qt::AlignVCenter))
                   : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::EditRole)
        return {};
    const QVariantList *values = row(index.row());
    if (!values || index.column() >= values->size())
        return {};
    const QVariant &v = values->at(index.column());
    if (role == Qt::EditRole || !v.isValid())
        return v;
    if (v.typeId() == QMetaType::Double)
        return QLocale::c().toString(v.toDouble(), 'g', 10);
    return v.toString();
}

QVariant DatasetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole)
            return QLocale::c().toString(section + 1);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (!m_query || section < 0 || section >= m_query->columnCount())
        return {};
    if (role == Qt::DisplayRole)
        return m_query->columns().at(section);
    if (role == Qt::ToolTipRole)
        return m_query->isCategorical(section)
                   ? tr("%1 (categorical)").arg(m_query->columns().at(section))
                   : tr("%1 (number)").arg(m_query->columns().at(section));
    return {};
}

void DatasetTableModel::sort(int column, Qt::SortOrder order)
{
    if (!m_query)
        return;
    TableSort s;
    if (column >= 0 && column < m_query->columnCount()) {
        s.column = m_query->columns().at(column);
        s.descending = order == Qt::DescendingOrder;
    }
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    QString error;
    const bool ok = m_query->setQuery(m_query->filter(), s, &error);
    clearPages();
    // Persistent indexes cannot follow rows through a re-query: drop them.
    const QModelIndexList persistent = persistentIndexList();
    changePersistentIndexList(persistent, QModelIndexList(persistent.size()));
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    if (!ok)
        Q_EMIT queryFailed(error);
}

} // namespace cl
