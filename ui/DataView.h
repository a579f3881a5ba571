// The Data panel: the current dataset's rows (virtualised, sortable, filterable) and quality.
#pragma once

#include "store/LiveDatasets.h"
#include "store/TableQuery.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace cl {

class AppContext;
class DatasetTableModel;
class QualityPanel;
struct LivePeek;

/**
 * Shows AppContext's current dataset: a QTableView over DatasetTableModel with a filter
 * bar, and the QualityPanel beside it. Follows AppContext::datasetChanged.
 * Thread affinity: GUI thread. Does not own the AppContext, which must outlive it.
 */
class DataView : public QWidget
{
    Q_OBJECT
public:
    explicit DataView(AppContext *context, QWidget *parent = nullptr);

    DatasetTableModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }

    /// Re-reads the current dataset from the workspace.
    void reload();
    /// Applies the filter typed in the filter bar.
    void applyFilter();
    /// Shows the rows matching `filter` (filling the filter bar), e.g. for a segment that
    /// another panel wants to show row by row. False if the column is unknown.
    bool showRowsWhere(const TableFilter &filter);
    void clearFilter();
    void showRejectedRows();

private:
    void updateRowLabel();
    void resizeColumns();
    /// A live dataset (m_live): its first rows and its quality summary, read on its engine.
    void loadLive();
    /// Reads m_live's first rows in m_liveSort order where m_liveFilter holds (and with
    /// `withQuality` its quality summary) on a worker; showLiveRows() follows.
    void readLiveRows(bool withQuality);
    void showLiveRows(const LivePeek &peek);

    AppContext *m_context;
    DatasetTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QComboBox *m_filterColumn = nullptr;
    QComboBox *m_filterOp = nullptr;
    QLineEdit *m_filterValue = nullptr;
    QPushButton *m_clearButton = nullptr;
    QLabel *m_rowLabel = nullptr;
    QualityPanel *m_quality = nullptr;
    qint64 m_totalRows = 0;
    /// The first rows of a live dataset (the table shows them instead of m_model).
    QStandardItemModel *m_liveRows = nullptr;
    std::optional<LiveDatasetInfo> m_live; ///< the live dataset shown, if it is one
    TableFilter m_liveFilter;
    TableSort m_liveSort;
    quint64 m_liveGeneration = 0;
    QString m_liveText; ///< the row label while a live dataset is shown
};

} // namespace cl
