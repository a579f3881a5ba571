// Virtualised table model over a dataset's silver table: pages fetched on demand, LRU cached.
#include "DatasetTableModel.h"

#include "store/Database.h"
#include "store/Workspace.h"
#include "util/WorkerPool.h"

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
    ++m_generation; // drop the result of a worker still busy with the previous dataset
    if (m_busy) {
        m_busy = false;
        Q_EMIT busyChanged(false);
    }
    m_query.reset();
    m_rowCount = 0;
    if (workspace && workspace->isOpen() && dataset.id >= 0) {
        m_query = std::make_unique<TableQuery>(workspace->db(), dataset);
        m_databasePath = workspace->path();
        m_dataset = dataset;
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

struct DatasetTableModel::Pending
{
    int generation = 0;
    std::unique_ptr<Database> db;
    std::unique_ptr<TableQuery> query;
    QString error;
};

bool DatasetTableModel::setFilter(const TableFilter &filter, QString *error)
{
    if (!m_query)
        return false;
    if (filter.isActive() && !m_query->columns().contains(filter.column)) {
        if (error)
            *error = tr("There is no column '%1' in this dataset.").arg(filter.column);
        return false;
    }
    return runQuery(filter, m_query->sort(), error);
}

bool DatasetTableModel::runQuery(const TableFilter &filter, const TableSort &sort, QString *error)
{
    const int generation = ++m_generation;
    if (m_rowCount < m_asyncRows && m_dataset.rowsRead < m_asyncRows) {
        Pending pending;
        pending.generation = generation;
        QString failure;
        TableQuery query(*m_query);
        if (!query.setQuery(filter, sort, &failure)) {
            if (error)
                *error = failure;
            return false;
        }
        pending.query = std::make_unique<TableQuery>(std::move(query));
        adopt(pending);
        return true;
    }
    const QString path = m_databasePath;
    const DatasetInfo dataset = m_dataset;
    auto *watcher = new QFutureWatcher<std::shared_ptr<Pending>>(this);
    connect(watcher, &QFutureWatcher<std::shared_ptr<Pending>>::finished, this, [this, watcher] {
        const std::shared_ptr<Pending> pending = watcher->result();
        watcher->deleteLater();
        if (pending->generation != m_generation)
            return; // a newer query replaced this one
        m_busy = false;
        Q_EMIT busyChanged(false);
        if (!pending->error.isEmpty())
            Q_EMIT queryFailed(pending->error);
        else
            adopt(*pending);
    });
    m_busy = true;
    Q_EMIT busyChanged(true);
    watcher->setFuture(runInBackground([path, dataset, filter, sort, generation] {
        auto pending = std::make_shared<Pending>();
        pending->generation = generation;
        pending->db = std::make_unique<Database>();
        if (!pending->db->open(path, Database::Mode::ReadOnly)) {
            pending->error = pending->db->lastError();
            return pending;
        }
        pending->query = std::make_unique<TableQuery>(*pending->db, dataset);
        if (!pending->query->ok())
            pending->error = pending->query->error();
        else
            pending->query->setQuery(filter, sort, &pending->error);
        return pending;
    }));
    return true;
}

void DatasetTableModel::adopt(Pending &pending)
{
    const int rows =
        int(std::min<qint64>(pending.query->rowCount(), std::numeric_limits<int>::max()));
    const bool sameRows = rows == m_rowCount;
    if (sameRows) {
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    } else {
        beginResetModel();
    }
    m_query->adoptQuery(*pending.query);
    clearPages();
    m_rowCount = rows;
    if (sameRows) {
        // Persistent indexes cannot follow rows through a re-query: drop them.
        const QModelIndexList persistent = persistentIndexList();
        changePersistentIndexList(persistent, QModelIndexList(persistent.size()));
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    } else {
        endResetModel();
    }
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

QStringList DatasetTableModel::levels(int column) const
{
    return m_query ? m_query->levels(column) : QStringList();
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
        if (m_query->rowCount() != m_rowCount) {
            // The fetch found rows deleted by another tool since the import: show what is there.
            QMetaObject::invokeMethod(
                const_cast<DatasetTableModel *>(this),
                [this] {
                    auto *self = const_cast<DatasetTableModel *>(this);
                    self->beginResetModel();
                    self->clearPages();
                    self->m_rowCount = m_query
                                           ? int(std::min<qint64>(m_query->rowCount(),
                                                                  std::numeric_limits<int>::max()))
                                           : 0;
                    self->endResetModel();
                },
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
    QString error;
    if (!runQuery(m_query->filter(), s, &error))
        Q_EMIT queryFailed(error);
}

} // namespace cl
