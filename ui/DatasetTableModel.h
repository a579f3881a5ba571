// Virtualised table model over a dataset's silver table: pages fetched on demand, LRU cached.
#pragma once

#include "store/TableQuery.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QVariant>

#include <list>
#include <memory>

namespace cl {

class Workspace;

/**
 * Rows are read kPageRows at a time through TableQuery when the view asks for them, and
 * at most kMaxPages pages are kept (least recently used dropped), so 4 million rows cost
 * a few megabytes. sort() and setFilter() re-query and reset the model.
 * Sorting or filtering a large dataset lists its rows on a worker with its own read-only
 * connection; the view keeps showing the old order until the new one is adopted.
 * Thread affinity: GUI thread; reads the GUI thread's Workspace, which must outlive it.
 */
class DatasetTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int kPageRows = 500;
    static constexpr int kMaxPages = 32;
    /// From this many rows on (by default), sorting and filtering run on a worker thread.
    static constexpr int kAsyncRows = 200000;

    explicit DatasetTableModel(QObject *parent = nullptr);
    ~DatasetTableModel() override;

    /// Shows a dataset (nullptr / invalid info: empty model).
    void setDataset(Workspace *workspace, const DatasetInfo &dataset);
    /// Applies a filter; false (model unchanged) with `error` when it is refused. On large
    /// datasets the rows change later, when the worker is done (see busyChanged).
    bool setFilter(const TableFilter &filter, QString *error = nullptr);
    TableFilter filter() const;
    QStringList columnNames() const;
    bool isCategorical(int column) const;
    /// Labels of a categorical column; empty for numbers.
    QStringList levels(int column) const;
    /// Row count from which sorting and filtering go to a worker (0: always).
    void setAsyncRows(int rows) { m_asyncRows = rows; }
    /// Pages read from the database since the dataset was set (for tests and tuning).
    int pagesFetched() const { return m_pagesFetched; }
    /// True while a sort or filter runs on a worker.
    bool isBusy() const { return m_busy; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    /// A query failed (e.g. the workspace became unreadable); the text is for the user.
    void queryFailed(const QString &message);
    /// A worker started (true) or finished (false) sorting or filtering.
    void busyChanged(bool busy);

private:
    struct Pending;
    const QVariantList *row(int r) const;
    void clearPages();
    /// Runs the query here (small data) or on a worker (large data).
    bool runQuery(const TableFilter &filter, const TableSort &sort, QString *error);
    void adopt(Pending &pending);

    std::unique_ptr<TableQuery> m_query;
    QString m_databasePath;
    DatasetInfo m_dataset;
    int m_generation = 0; ///< bumped per query; a worker's stale result is dropped
    bool m_busy = false;
    int m_asyncRows = kAsyncRows;
    int m_rowCount = 0;
    mutable QHash<qint64, QList<QVariantList>> m_pages;
    mutable std::list<qint64> m_lru; ///< most recent first
    mutable int m_pagesFetched = 0;
};

} // namespace cl
