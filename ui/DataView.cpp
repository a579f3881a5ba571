// The Data panel: the current dataset's rows (virtualised, sortable, filterable) and quality.
#include "DataView.h"

#include "AppContext.h"
#include "DatasetTableModel.h"
#include "QualityPanel.h"
#include "RejectedRowsDialog.h"
#include "util/MessageText.h"
#include "util/WorkerPool.h"
#include "warehouse/LiveDataset.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace cl {

/// What a worker read of a live dataset for the Data view.
struct LivePeek
{
    QString error;
    bool withQuality = false;
    DatasetInfo info; ///< name and quality summary, as an import would record them
    LiveDataset::LiveRows rows;
};

namespace {

/// Rows of a live dataset the Data view shows: enough to see what the columns hold.
constexpr int kLivePreviewRows = 100;

/// The first rows of `live` where `filter` holds, in `sort` order; with `withQuality`, its
/// quality summary too (the first look at a dataset; a sort or filter only reads rows).
LivePeek peekLive(const LiveDatasetInfo &live, const TableFilter &filter, const TableSort &sort,
                  bool withQuality)
{
    LivePeek p;
    p.withQuality = withQuality;
    const std::unique_ptr<WarehouseConnection> conn = openWarehouse(live.url, &p.error);
    if (!conn)
        return p;
    if (withQuality) {
        const LiveQuality quality = LiveDataset::quality(*conn, live);
        if (!quality.ok) {
            p.error = quality.error;
            return p;
        }
        p.info.id = live.id;
        p.info.name = live.name;
        p.info.rowsRead = quality.summary.rowsRead;
        p.info.rowsRejected = quality.summary.rowsRejected;
        p.info.subscribers = quality.summary.subscribers;
        p.info.quality = quality.summary.toJson();
    }
    p.rows = LiveDataset::firstRows(*conn, live, filter, sort, kLivePreviewRows);
    if (!p.rows.rows.ok)
        p.error = p.rows.rows.error;
    return p;
}

} // namespace

DataView::DataView(AppContext *context, QWidget *parent) : QWidget(parent), m_context(context)
{
    m_model = new DatasetTableModel(this);
    m_liveRows = new QStandardItemModel(this);

    m_filterColumn = new QComboBox(this);
    m_filterColumn->setMinimumContentsLength(10);
    m_filterColumn->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_filterOp = new QComboBox(this);
    m_filterOp->addItem(tr("contains"), int(TableFilter::Op::Contains));
    m_filterOp->addItem(tr("equals"), int(TableFilter::Op::Equals));
    m_filterValue = new QLineEdit(this);
    m_filterValue->setObjectName(QStringLiteral("filterValue"));
    m_filterValue->setPlaceholderText(tr("value, then Enter"));
    m_filterValue->setClearButtonEnabled(true);
    auto *applyButton = new QPushButton(tr("&Apply"), this);
    m_clearButton = new QPushButton(tr("&Show all"), this);
    m_rowLabel = new QLabel(this);
    // Under the table, not in the filter bar: its longest texts ("Sorting and filtering …")
    // would set the width of the whole Data tab.
    m_rowLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // The live notice is a paragraph: wrapped, or its one line set the window's minimum width
    // (1,797 px, so that 1366x768 showed 2,419 px of window).
    m_rowLabel->setWordWrap(true);
    auto *filterLabel = new QLabel(tr("&Filter rows:"), this);
    filterLabel->setBuddy(m_filterColumn);

    auto *bar = new QHBoxLayout;
    bar->addWidget(filterLabel);
    bar->addWidget(m_filterColumn);
    bar->addWidget(m_filterOp);
    bar->addWidget(m_filterValue, 1);
    bar->addWidget(applyButton);
    bar->addWidget(m_clearButton);

    m_table = new QTableView(this);
    // Tab and Shift+Tab leave the table (arrows move between cells).
    m_table->setTabKeyNavigation(false);
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    // A third click on a header goes back to file order.
    m_table->horizontalHeader()->setSortIndicatorClearable(true);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    // Fixed row heights keep the view from measuring millions of rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(bar);
    leftLayout->addWidget(m_table, 1);
    leftLayout->addWidget(m_rowLabel);

    // The quality summary scrolls when the window is small rather than widen the tab.
    m_quality = new QualityPanel(this);
    auto *qualityScroll = new QScrollArea(this);
    qualityScroll->setWidget(m_quality);
    qualityScroll->setWidgetResizable(true);
    qualityScroll->setFrameShape(QFrame::NoFrame);
    qualityScroll->setMinimumWidth(240);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(qualityScroll);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({700, 340});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);

    setTabOrder(m_filterColumn, m_filterOp);
    setTabOrder(m_filterOp, m_filterValue);
    setTabOrder(m_filterValue, applyButton);
    setTabOrder(applyButton, m_clearButton);
    setTabOrder(m_clearButton, m_table);

    auto *find = new QAction(tr("Find: filter rows"), this);
    find->setShortcut(QKeySequence::Find);
    addAction(find);
    connect(find, &QAction::triggered, this, [this] {
        m_filterValue->setFocus(Qt::ShortcutFocusReason);
        m_filterValue->selectAll();
    });
    m_filterValue->setToolTip(
        tr("Filter rows (%1)")
            .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    connect(m_filterValue, &QLineEdit::returnPressed, this, &DataView::applyFilter);
    // Categories complete to their levels, so an "equals" filter finds its exact label.
    connect(m_filterColumn, &QComboBox::currentIndexChanged, this, [this](int column) {
        const QStringList levels = m_model->levels(column);
        if (levels.isEmpty()) {
            m_filterValue->setCompleter(nullptr);
            return;
        }
        auto *completer = new QCompleter(levels, m_filterValue);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        m_filterValue->setCompleter(completer);
    });
    connect(applyButton, &QPushButton::clicked, this, &DataView::applyFilter);
    connect(m_clearButton, &QPushButton::clicked, this, &DataView::clearFilter);
    connect(m_quality, &QualityPanel::rejectedRowsRequested, this, &DataView::showRejectedRows);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DataView::updateRowLabel);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &DataView::updateRowLabel);
    connect(m_model, &DatasetTableModel::queryFailed, this, [this](const QString &message) {
        QMessageBox::warning(this, tr("Cannot read the dataset"), message);
    });
    connect(m_model, &DatasetTableModel::busyChanged, this, [this](bool busy) {
        if (busy)
            m_rowLabel->setText(
                tr("Sorting and filtering %1 rows…").arg(QLocale().toString(m_model->rowCount())));
        else
            updateRowLabel();
    });
    // A live dataset's rows are sorted on its engine (the view does not sort them itself).
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this](int column, Qt::SortOrder order) {
                if (!m_live)
                    return;
                m_liveSort = TableSort();
                if (column >= 0) {
                    m_liveSort.column = m_liveRows->headerData(column, Qt::Horizontal).toString();
                    m_liveSort.descending = order == Qt::DescendingOrder;
                }
                readLiveRows(false);
            });
    connect(m_context, &AppContext::datasetChanged, this, &DataView::reload);
    reload();
}

void DataView::reload()
{
    const auto dataset = m_context->currentDataset();
    // The new dataset opens unfiltered, so the bar must not show the old dataset's filter.
    m_filterColumn->clear();
    m_filterOp->setCurrentIndex(0);
    m_filterValue->clear();
    ++m_liveGeneration; // a live read still running is for another dataset
    m_liveText.clear();
    m_live = m_context->currentLive();
    m_liveFilter = TableFilter();
    m_liveSort = TableSort();
    if (m_live) {
        loadLive();
        return;
    }
    if (m_table->model() != m_model) {
        m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
        m_table->setModel(m_model);
        m_table->setSortingEnabled(true);
    }
    if (!dataset) {
        m_model->setDataset(nullptr, DatasetInfo());
        m_quality->clear();
        m_totalRows = 0;
        updateRowLabel();
        return;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    m_model->setDataset(&m_context->workspace(), *dataset);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_totalRows = m_model->rowCount();
    m_filterColumn->addItems(m_model->columnNames());
    m_quality->setDataset(*dataset);
    resizeColumns();
    updateRowLabel();
    QApplication::restoreOverrideCursor();
}

void DataView::loadLive()
{
    m_model->setDataset(nullptr, DatasetInfo());
    m_liveRows->clear();
    // Sorted on the engine: the header shows the order, the view does not sort the rows.
    m_table->setSortingEnabled(false);
    m_table->setModel(m_liveRows);
    m_table->horizontalHeader()->setSortIndicatorShown(true);
    m_table->horizontalHeader()->setSectionsClickable(true);
    {
        const QSignalBlocker block(m_table->horizontalHeader());
        m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    }
    m_filterValue->setCompleter(nullptr);
    for (const LiveColumn &c : m_live->columns)
        if (!c.source.isEmpty())
            m_filterColumn->addItem(c.source);
    m_quality->clear();
    m_totalRows = 0;
    readLiveRows(true);
}

void DataView::readLiveRows(bool withQuality)
{
    if (!m_live)
        return;
    const LiveDatasetInfo live = *m_live;
    const TableFilter filter = m_liveFilter;
    const TableSort sort = m_liveSort;
    m_liveText = withQuality ? tr("Reading the first rows of %1 and counting its quality summary "
                                  "on %2…")
                                   .arg(shownText(live.table), engineName(live.engine))
                             : tr("Reading the rows of %1 on %2…")
                                   .arg(shownText(live.table), engineName(live.engine));
    updateRowLabel();
    const quint64 generation = ++m_liveGeneration;
    auto *watcher = new QFutureWatcher<LivePeek>(this);
    connect(watcher, &QFutureWatcher<LivePeek>::finished, this, [this, watcher, generation] {
        const LivePeek peek = watcher->result();
        watcher->deleteLater();
        if (generation != m_liveGeneration || !m_live)
            return; // another dataset, sort or filter asked since
        showLiveRows(peek);
    });
    watcher->setFuture(runInBackground(
        [live, filter, sort, withQuality] { return peekLive(live, filter, sort, withQuality); }));
}

void DataView::showLiveRows(const LivePeek &peek)
{
    const LiveDatasetInfo &live = *m_live;
    if (!peek.error.isEmpty()) {
        m_liveText = tr("Cannot read %1: %2").arg(shownText(live.name), shownText(peek.error));
        updateRowLabel();
        return;
    }
    const int sortColumn = m_table->horizontalHeader()->sortIndicatorSection();
    const Qt::SortOrder sortOrder = m_table->horizontalHeader()->sortIndicatorOrder();
    m_liveRows->clear();
    m_liveRows->setHorizontalHeaderLabels(peek.rows.rows.columns);
    for (const QStringList &row : peek.rows.rows.rows) {
        QList<QStandardItem *> items;
        for (const QString &v : row) {
            auto *item = new QStandardItem(shownText(v));
            item->setEditable(false);
            items << item;
        }
        m_liveRows->appendRow(items);
    }
    {
        const QSignalBlocker block(m_table->horizontalHeader());
        m_table->horizontalHeader()->setSortIndicator(sortColumn, sortOrder);
    }
    if (peek.withQuality) {
        m_quality->setLiveDataset(peek.info, (live.query.isEmpty()
                                                  ? tr("Live: %1 table %2 · counted there now")
                                                  : tr("Live: %1 query %2 · counted there now"))
                                                 .arg(engineName(live.engine), live.table));
        m_totalRows = peek.info.rowsRead + peek.info.rowsRejected;
        resizeColumns();
    }
    const qlonglong shown = qlonglong(peek.rows.rows.rows.size());
    QString order;
    if (m_liveSort.isActive())
        order = (m_liveSort.descending ? tr(", sorted by %1, descending") : tr(", sorted by %1"))
                    .arg(shownText(m_liveSort.column));
    if (m_liveFilter.isActive()) {
        const QString condition =
            (m_liveFilter.op == TableFilter::Op::Contains ? tr("%1 contains “%2”")
                                                          : tr("%1 equals “%2”"))
                .arg(shownText(m_liveFilter.column), shownText(m_liveFilter.value));
        m_liveText = tr("%1 is a live dataset: %L2 of its %L3 rows match %4 on %5; the first "
                        "%L6 are shown%7. Sorting and filtering run on the server.")
                         .arg(shownText(live.name))
                         .arg(peek.rows.matching)
                         .arg(m_totalRows)
                         .arg(condition, engineName(live.engine))
                         .arg(shown)
                         .arg(order);
    } else {
        m_liveText = tr("%1 is a live dataset: the first %L2 of its %L3 rows as %4 holds them%5, "
                        "and the quality summary counted there. Sorting and filtering run on the "
                        "server: click a column's name, or filter above.")
                         .arg(shownText(live.name))
                         .arg(shown)
                         .arg(m_totalRows)
                         .arg(engineName(live.engine), order);
    }
    updateRowLabel();
}

void DataView::resizeColumns()
{
    // Size from the header and the first rows only: measuring every row would read them all.
    // Each distinct text is measured once (shaping text is what costs: 4,000 cells took 80 ms
    // of the GUI thread; the first 200 rows hold a few dozen distinct texts).
    const QFontMetrics fm = m_table->fontMetrics();
    const QAbstractItemModel *model = m_table->model();
    const int rows = std::min(model->rowCount(), 200);
    for (int c = 0; c < model->columnCount(); ++c) {
        int width = fm.horizontalAdvance(model->headerData(c, Qt::Horizontal).toString()) + 28;
        QSet<QString> seen;
        for (int r = 0; r < rows; ++r) {
            const QString text = model->index(r, c).data().toString();
            if (!seen.contains(text)) {
                seen.insert(text);
                width = std::max(width, fm.horizontalAdvance(text) + 16);
            }
        }
        m_table->setColumnWidth(c, std::min(width, 260));
    }
}

void DataView::applyFilter()
{
    if (m_filterColumn->currentIndex() < 0)
        return;
    TableFilter f;
    f.column = m_filterColumn->currentText();
    f.op = TableFilter::Op(m_filterOp->currentData().toInt());
    f.value = m_filterValue->text();
    if (m_live) { // counted and read on the engine, by a worker
        m_liveFilter = f;
        readLiveRows(false);
        return;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    QString error;
    const bool ok = m_model->setFilter(f, &error);
    QApplication::restoreOverrideCursor();
    if (!ok)
        QMessageBox::warning(this, tr("Filter not applied"), error);
}

bool DataView::showRowsWhere(const TableFilter &filter)
{
    const int column = m_filterColumn->findText(filter.column);
    if (column < 0)
        return false;
    m_filterColumn->setCurrentIndex(column);
    m_filterOp->setCurrentIndex(m_filterOp->findData(int(filter.op)));
    m_filterValue->setText(filter.value);
    applyFilter();
    return true;
}

void DataView::clearFilter()
{
    m_filterValue->clear();
    if (m_live) {
        m_liveFilter = TableFilter();
        readLiveRows(false);
        return;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    m_model->setFilter(TableFilter());
    QApplication::restoreOverrideCursor();
}

void DataView::updateRowLabel()
{
    const QLocale l;
    const qint64 shown = m_model->rowCount();
    const bool filtered = m_live ? m_liveFilter.isActive() : m_model->filter().isActive();
    m_clearButton->setEnabled(filtered);
    if (!m_liveText.isEmpty())
        m_rowLabel->setText(m_liveText);
    else if (m_model->columnCount() == 0)
        m_rowLabel->setText(tr("No dataset open"));
    else if (filtered)
        m_rowLabel->setText(tr("%1 of %2 rows").arg(l.toString(shown), l.toString(m_totalRows)));
    else
        m_rowLabel->setText(tr("%1 rows").arg(l.toString(shown)));
}

void DataView::showRejectedRows()
{
    const auto dataset = m_context->currentDataset();
    if (!dataset)
        return;
    RejectedRowsDialog dialog(m_context->workspace().db(), *dataset, this);
    dialog.exec();
}

} // namespace cl
