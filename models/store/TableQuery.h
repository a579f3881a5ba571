// Paged, sorted and filtered reads of a dataset's silver table, with category labels.
#pragma once

#include "DatasetInfo.h"
#include "RejectedRow.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <vector>

namespace cl {

class Database;

/// A simple row filter: one column, "contains text" or "equals value". Values are always
/// bound as SQL parameters, never pasted into SQL text.
struct TableFilter
{
    enum class Op
    {
        Contains, ///< case-insensitive substring of the shown text (label or number)
        Equals    ///< equal to the shown text (label) or to the number
    };
    QString column; ///< empty = no filter
    Op op = Op::Contains;
    QString value; ///< empty = no filter

    bool isActive() const { return !column.isEmpty() && !value.isEmpty(); }
};

/// Sort order of the rows; no column = file order.
struct TableSort
{
    QString column; ///< empty = file order
    bool descending = false;

    bool isActive() const { return !column.isEmpty(); }
};

/**
 * Reads one dataset's silver table a page at a time, as the labelled view
 * (DatasetInfo::silverView()) shows it: categorical codes are turned into their labels
 * (from table category_level), sorting a categorical column sorts by label.
 *
 * Paging does not use OFFSET (slow deep into 4 million rows): in file order a page is a
 * row id range; with a filter or sort the matching row ids are listed once, in order, by
 * setQuery(), and pages are then point lookups.
 *
 * That list comes from the dataset's columnar copy (ColumnStore) when the copy is current and
 * the row ids are contiguous: only the filter and sort columns are read, and the rows are
 * ordered by a counting sort over each column's distinct values. Otherwise, and whenever the
 * copy cannot give the same answer, it is one SQL query on the silver table. Both give the
 * same rows in the same order: SQLite's (NULL lowest, ties in file order, categories by
 * label).
 *
 * Column names in filters and sorts are checked against the dataset's column list and
 * quoted with Database::quoteIdentifier; filter values are bound parameters.
 * Thread affinity: the thread that owns the Database. Does not own the Database, which
 * must outlive it. setQuery() on millions of rows takes long: run it on a worker with its
 * own connection and adoptQuery() the result.
 */
class TableQuery
{
public:
    TableQuery(Database &db, const DatasetInfo &dataset);

    /// False when the dataset's tables could not be read; see error().
    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    /// Silver column names in table order.
    QStringList columns() const { return m_columns; }
    int columnCount() const { return int(m_columns.size()); }
    bool isCategorical(int column) const;
    /// Labels of a categorical column (code order); empty for numbers.
    QStringList levels(int column) const;

    /// How setQuery() lists the rows of a filter or a sort.
    enum class Planner
    {
        Auto,   ///< from the columnar copy where it can answer, else SQL
        SqlOnly ///< always SQL on the silver table (the reference for the copy's answers)
    };
    /// What listed the rows of the current query.
    enum class RowSource
    {
        FileOrder,  ///< nothing: no filter or sort, pages are row id ranges
        ColumnCopy, ///< the dataset's columnar copy
        Sql         ///< SQL on the silver table
    };
    void setPlanner(Planner planner) { m_planner = planner; }
    Planner planner() const { return m_planner; }
    RowSource rowSource() const { return m_rowSource; }
    /// Why the current query's rows were listed with SQL although the planner is Auto (the
    /// copy is missing or stale, the row ids have gaps, ...); empty otherwise.
    QString copyUnusedReason() const { return m_copyUnused; }

    /// Sets the filter and sort for fetch() and rowCount(). False (query unchanged) when a
    /// column is not one of columns() or SQLite fails; `error` says why.
    bool setQuery(const TableFilter &filter, const TableSort &sort, QString *error = nullptr);
    TableFilter filter() const { return m_filter; }
    TableSort sort() const { return m_sort; }

    /// Takes over the filter, sort and row order that `other` (same dataset, usually built
    /// on a worker thread with its own connection) computed with setQuery(). Do not
    /// fetch through `other` afterwards.
    void adoptQuery(TableQuery &other);

    /// Rows under the current filter.
    qint64 rowCount() const { return m_rowCount; }
    /// Rows matching `filter` (independent of the current query); -1 on error.
    qint64 count(const TableFilter &filter, QString *error = nullptr);

    /// Silver row ids (DatasetInfo::rowIdColumn) of up to `limit` rows from `offset` under
    /// the current query, in display order.
    std::vector<qint64> rowIds(qint64 offset, qint64 limit) const;

    /// Up to `limit` rows from `offset` under the current query. Cells: QString labels for
    /// categorical columns, qint64 or double for numbers, invalid QVariant for missing.
    QList<QVariantList> fetch(qint64 offset, int limit, QString *error = nullptr);

    /// The rows rejected by the import of `datasetId`, in line order (at most `limit`).
    static QList<RejectedRow> rejectedRows(Database &db, qint64 datasetId, int limit,
                                           QString *error = nullptr);

private:
    struct Condition
    {
        QString sql; ///< empty = all rows
        QVariantList params;
    };
    /// Lists every row id (when they are not one contiguous range), for paging in file order.
    void listAllRows();
    /// Takes `order` (row ids in display order) as the query's rows.
    void adoptOrder(std::vector<qint64> order, const TableFilter &filter, const TableSort &sort,
                    RowSource source, const QString &copyUnused);
    /// The WHERE condition of `filter` on the column, or (for a number column) on the SQL
    /// expression `value` instead of the column when it is not empty.
    bool buildCondition(const TableFilter &filter, Condition *out, QString *error,
                        const QString &value = {}) const;
    /// Codes of the categorical `column` whose label `filter` matches.
    std::vector<int> matchingCodes(int column, const TableFilter &filter) const;
    /// Codes of the categorical `column` in the order its sort puts them.
    std::vector<int> codesByLabel(int column) const;
    /// The row ids of a filter and sort from the columnar copy; false with `why` when the
    /// copy cannot give the SQL query's answer (the caller then runs the query).
    bool orderFromCopy(const TableFilter &filter, int filterColumn, int sortColumn, bool descending,
                       std::vector<qint64> *order, QString *why);
    QVariant cell(int column, const QVariant &stored) const;
    QString selectList() const;

    Database &m_db;
    DatasetInfo m_dataset;
    QString m_table; ///< quoted silver table name
    QString m_rowId; ///< quoted row id column (DatasetInfo::rowIdColumn)
    QStringList m_columns;
    std::vector<bool> m_categorical;
    std::vector<QStringList> m_levels; ///< per column, labels by code
    TableFilter m_filter;
    TableSort m_sort;
    qint64 m_rowCount = 0;
    qint64 m_tableRows = 0; ///< rows of the silver table when this query was made
    qint64 m_minRowId = 1;
    bool m_contiguous = false;   ///< rowids are minRowId .. minRowId + rows - 1
    std::vector<qint64> m_order; ///< rowids in display order; empty = use rowid ranges
    bool m_useOrder = false;
    Planner m_planner = Planner::Auto;
    RowSource m_rowSource = RowSource::FileOrder;
    QString m_copyUnused;
    QString m_error;
};

} // namespace cl
