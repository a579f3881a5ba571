// WarehouseDialog: test, preview, connect live or snapshot a warehouse table.
#include "WarehouseDialog.h"

#include "ImportRunner.h"
#include "import/ImportResult.h"
#include "store/LiveDatasets.h"
#include "store/Workspace.h"
#include "util/MessageText.h"
#include "util/WorkerPool.h"
#include "warehouse/WarehouseConnection.h"
#include "warehouse/WarehouseTableSource.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cl {

namespace {

constexpr int kPreviewRows = 5;

QTableWidget *readOnlyTable(QWidget *parent)
{
    auto *t = new QTableWidget(parent);
    t->setTabKeyNavigation(false);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setWordWrap(false);
    t->verticalHeader()->hide();
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 6);
    return t;
}

/// Runs on a worker: the table (or query `select`, named `table`) described and its first rows.
WarehouseProbe probe(const QString &url, const QString &table, const QString &select,
                     const std::shared_ptr<std::atomic<bool>> &cancel)
{
    WarehouseProbe p;
    const ProgressCallback progress = [cancel](double, const QString &) { return !*cancel; };
    const std::unique_ptr<WarehouseConnection> conn = openWarehouse(url, &p.error);
    if (!conn)
        return p;
    LiveTableRequest request;
    request.table = table;
    request.query = select;
    p.description = LiveDataset::describe(*conn, request, progress);
    if (*cancel) {
        p.cancelled = true;
        return p;
    }
    if (!p.description.ok) {
        p.error = p.description.error;
        return p;
    }
    // The first rows, each column named (ClickHouse's answers carry no names).
    p.preview =
        LiveDataset::firstRows(*conn, p.description.info, {}, {}, kPreviewRows, progress).rows;
    p.cancelled = p.preview.cancelled;
    if (!p.preview.ok && !p.cancelled) {
        p.error = p.preview.error;
        return p;
    }
    p.ok = !p.cancelled;
    return p;
}

} // namespace

WarehouseDialog::WarehouseDialog(const QString &workspacePath, QWidget *parent)
    : QDialog(parent), m_workspacePath(workspacePath)
{
    setWindowTitle(tr("Connect to warehouse"));
    m_runner = new ImportRunner(workspacePath, this);

    auto *intro = new QLabel(
        tr("Analyse a table where it lives, on PostgreSQL or a ClickHouse cluster: CampaignLens "
           "sends the engine queries and gets back counts and sums, never the rows. A snapshot "
           "copies the rows into this workspace instead, for work offline."),
        this);
    intro->setWordWrap(true);

    m_url = new QLineEdit(this);
    m_url->setPlaceholderText(
        tr("postgresql://user@host:5432/database or clickhouse://host:8123/database"));
    m_rowsFrom = new QComboBox(this);
    m_rowsFrom->addItems({tr("A table"), tr("A query (a read-only SELECT)")});
    m_rowsFrom->setToolTip(tr("A query's rows are the dataset: it runs as a subquery in a "
                              "read-only session, on the server, every time a view asks."));
    m_table = new QLineEdit(this);
    m_table->setPlaceholderText(tr("the table's name on the server"));
    m_query = new QPlainTextEdit(this);
    m_query->setPlaceholderText(
        tr("SELECT * FROM bank WHERE contact = 'cellular'  (one SELECT, nothing that writes)"));
    m_query->setTabChangesFocus(true);
    m_query->setFixedHeight(m_query->fontMetrics().lineSpacing() * 4 + 12);
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("the table's name"));
    m_testButton = new QPushButton(tr("&Test connection"), this);
    auto *passwordNote = new QLabel(
        tr("A password in the address is used while this window is open and never stored. For "
           "a live dataset keep it in PGPASSWORD or ~/.pgpass (PostgreSQL) or "
           "CLICKHOUSE_PASSWORD (ClickHouse)."),
        this);
    passwordNote->setWordWrap(true);
    auto *form = m_form = new QFormLayout;
    form->addRow(tr("Server &address:"), m_url);
    form->addRow(tr("&Rows from:"), m_rowsFrom);
    form->addRow(tr("Ta&ble:"), m_table);
    form->addRow(tr("&Query:"), m_query);
    form->addRow(tr("Dataset &name:"), m_name);
    form->setRowVisible(m_query, false);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addStretch(1);
    form->addRow(QString(), testRow);

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(
        QStringLiteral("QLabel { background: #fce8e6; color: #a50e0e; border: 1px solid #f6aea9;"
                       " border-radius: 3px; padding: 4px 6px; }"));
    m_error->hide();
    m_summary->setObjectName(QStringLiteral("warehouseSummary"));
    m_error->setObjectName(QStringLiteral("warehouseError"));

    m_columns = readOnlyTable(this);
    m_columns->setColumnCount(4);
    m_columns->setHorizontalHeaderLabels(
        {tr("Column on the server"), tr("Used as"), tr("Type"), tr("Levels")});
    m_columns->horizontalHeader()->setStretchLastSection(true);
    m_columns->setObjectName(QStringLiteral("warehouseColumns"));
    auto *columnsBox = new QGroupBox(tr("Columns and their roles"), this);
    (new QVBoxLayout(columnsBox))->addWidget(m_columns);
    m_preview = readOnlyTable(this);
    m_preview->setObjectName(QStringLiteral("warehousePreview"));
    // Every preview row visible, with the header and the horizontal scroll bar.
    m_preview->setMinimumHeight(m_preview->verticalHeader()->defaultSectionSize() *
                                    (kPreviewRows + 1) +
                                m_preview->horizontalScrollBar()->sizeHint().height() + 12);
    auto *previewBox = new QGroupBox(tr("Preview: the first rows as the server holds them"), this);
    (new QVBoxLayout(previewBox))->addWidget(m_preview);

    m_phase = new QLabel(this);
    m_phase->setObjectName(QStringLiteral("warehousePhase"));
    m_phase->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setTextVisible(false);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_phase, 1);
    progressRow->addWidget(m_progress, 1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_liveButton =
        m_buttons->addButton(tr("Connect as &live dataset"), QDialogButtonBox::ActionRole);
    m_snapshotButton =
        m_buttons->addButton(tr("&Snapshot into workspace"), QDialogButtonBox::AcceptRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(passwordNote);
    layout->addWidget(m_summary);
    layout->addWidget(m_error);
    layout->addWidget(columnsBox, 3);
    layout->addWidget(previewBox, 2);
    layout->addLayout(progressRow);
    layout->addWidget(m_buttons);
    QSize size(1000, 720);
    if (const QScreen *s = screen())
        size = size.boundedTo(s->availableGeometry().size() - QSize(16, 48));
    resize(size.expandedTo(minimumSizeHint()));

    connect(m_testButton, &QPushButton::clicked, this, &WarehouseDialog::testConnection);
    connect(m_liveButton, &QPushButton::clicked, this, &WarehouseDialog::connectLive);
    connect(m_snapshotButton, &QPushButton::clicked, this, &WarehouseDialog::snapshot);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &WarehouseDialog::reject);
    connect(&m_probeWatcher, &QFutureWatcher<WarehouseProbe>::finished, this,
            &WarehouseDialog::probeFinished);
    connect(m_runner, &ImportRunner::progressed, this, [this](double f, const QString &phase) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(f * 1000));
        m_phase->setText(shownText(phase));
    });
    connect(m_runner, &ImportRunner::importFinished, this, &WarehouseDialog::snapshotFinished);
    // Editing the address, the table or the query makes the last test stale.
    for (QLineEdit *e : {m_url, m_table})
        connect(e, &QLineEdit::textEdited, this, &WarehouseDialog::staleProbe);
    connect(m_query, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_running)
            staleProbe();
    });
    connect(m_rowsFrom, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_form->setRowVisible(m_table, index == 0);
        m_form->setRowVisible(m_query, index == 1);
        m_name->setPlaceholderText(index == 0 ? tr("the table's name") : tr("query"));
        staleProbe();
    });
    setRunning(false);
}

void WarehouseDialog::staleProbe()
{
    m_probe.reset();
    setRunning(false);
}

bool WarehouseDialog::usesQuery() const
{
    return m_rowsFrom->currentIndex() == 1;
}

QString WarehouseDialog::querySelect() const
{
    return usesQuery() ? subquerySelect(m_query->toPlainText()) : QString();
}

WarehouseDialog::~WarehouseDialog()
{
    *m_cancelProbe = true;
    m_probeWatcher.waitForFinished();
}

void WarehouseDialog::setConnection(const QString &url, const QString &table, const QString &name)
{
    m_url->setText(url);
    m_table->setText(table);
    m_name->setText(name);
    m_rowsFrom->setCurrentIndex(0);
    staleProbe();
}

void WarehouseDialog::setQueryConnection(const QString &url, const QString &select,
                                         const QString &name)
{
    m_url->setText(url);
    m_query->setPlainText(select);
    m_name->setText(name);
    m_rowsFrom->setCurrentIndex(1);
    staleProbe();
}

QString WarehouseDialog::datasetName() const
{
    const QString name = m_name->text().trimmed();
    if (!name.isEmpty())
        return name;
    return usesQuery() ? kUnnamedQuery : m_table->text().trimmed();
}

void WarehouseDialog::setRunning(bool running, const QString &what)
{
    m_running = running;
    const bool ready = !m_url->text().trimmed().isEmpty() &&
                       !(usesQuery() ? querySelect() : m_table->text().trimmed()).isEmpty();
    m_testButton->setEnabled(!running && ready);
    m_liveButton->setEnabled(!running && m_probe && m_probe->ok);
    m_snapshotButton->setEnabled(!running && m_probe && m_probe->ok);
    for (QLineEdit *e : {m_url, m_table, m_name})
        e->setReadOnly(running);
    m_query->setReadOnly(running);
    m_rowsFrom->setEnabled(!running);
    m_buttons->button(QDialogButtonBox::Close)->setText(running ? tr("Cancel") : tr("Close"));
    m_progress->setVisible(running);
    if (running) {
        m_progress->setRange(0, 0);
        m_phase->setText(what);
    }
}

void WarehouseDialog::showError(const QString &text)
{
    m_error->setText(shownText(text));
    m_error->setVisible(!text.isEmpty());
}

void WarehouseDialog::testConnection()
{
    // A query's rows are named as `connect --query` names them: the dataset's name.
    const QString url = m_url->text().trimmed(), select = querySelect(),
                  table = usesQuery() ? datasetName() : m_table->text().trimmed();
    if (url.isEmpty() || table.isEmpty() || (usesQuery() && select.isEmpty()) || m_running)
        return;
    if (!isWarehouseUrl(url)) {
        showError(tr("Not a warehouse address: write postgresql://…, clickhouse://… or "
                     "clickhouses://…"));
        return;
    }
    showError({});
    m_summary->clear();
    m_columns->setRowCount(0);
    m_preview->clear();
    m_preview->setRowCount(0);
    m_preview->setColumnCount(0);
    m_probe.reset();
    m_probedUrl = url;
    m_probedTable = table;
    m_probedQuery = select;
    *m_cancelProbe = false;
    const auto cancel = m_cancelProbe;
    setRunning(true, select.isEmpty() ? tr("Reading the table's columns and counts…")
                                      : tr("Reading the query's columns and counts…"));
    m_probeWatcher.setFuture(runInBackground(
        [url, table, select, cancel] { return probe(url, table, select, cancel); }));
}

void WarehouseDialog::probeFinished()
{
    const WarehouseProbe p = m_probeWatcher.result();
    m_phase->clear();
    if (!p.ok) {
        setRunning(false);
        showError(p.cancelled ? tr("Stopped; nothing was stored.") : p.error);
        Q_EMIT probed(false);
        return;
    }
    m_probe = p;
    const LiveDatasetInfo &info = p.description.info;
    const QLocale locale;
    QString summary =
        (info.query.isEmpty()
             ? tr("%1 table %2: %3 rows whose outcome reads, %4 subscribers (%5).")
             : tr("%1 query %2: %3 rows whose outcome reads, %4 subscribers (%5)."))
            .arg(engineName(info.engine), shownText(info.table), locale.toString(info.rows),
                 locale.toString(info.subscribers),
                 info.rows > 0 ? locale.toString(
                                     100.0 * double(info.subscribers) / double(info.rows), 'f', 1) +
                                     QLatin1Char('%')
                               : QStringLiteral("-"));
    for (const QString &w : p.description.warnings)
        summary += QLatin1Char('\n') + shownText(w);
    m_summary->setText(summary);
    m_columns->setRowCount(int(info.columns.size()));
    for (int i = 0; i < info.columns.size(); ++i) {
        const LiveColumn &c = info.columns[i];
        // A column with no role is still analysed: as a category or a number (free text is
        // not).
        const QString role = c.source.isEmpty()                  ? tr("derived")
                             : !c.role.isEmpty()                 ? c.role
                             : c.categorical                     ? tr("category")
                             : isNumberType(info.engine, c.type) ? tr("number")
                                                                 : tr("not used (free text)");
        const QStringList cells{c.source.isEmpty() ? tr("(derived: %1)").arg(c.name) : c.source,
                                role, c.type,
                                !c.categorical         ? QString()
                                : c.levels.size() == 1 ? tr("1 level")
                                                       : tr("%1 levels").arg(c.levels.size())};
        for (int j = 0; j < cells.size(); ++j)
            m_columns->setItem(i, j, new QTableWidgetItem(shownText(cells[j])));
    }
    m_columns->resizeColumnsToContents();
    m_preview->setColumnCount(int(p.preview.columns.size()));
    m_preview->setHorizontalHeaderLabels(p.preview.columns);
    m_preview->setRowCount(int(p.preview.rows.size()));
    for (int r = 0; r < int(p.preview.rows.size()); ++r)
        for (int c = 0; c < p.preview.rows[size_t(r)].size(); ++c) {
            const QString v = p.preview.rows[size_t(r)][c];
            m_preview->setItem(r, c,
                               new QTableWidgetItem(v.isNull() ? tr("(empty)") : shownText(v)));
        }
    m_preview->resizeColumnsToContents();
    setRunning(false);
    Q_EMIT probed(true);
}

void WarehouseDialog::connectLive()
{
    if (!m_probe || !m_probe->ok || m_running)
        return;
    LiveDatasetInfo info = m_probe->description.info;
    info.url = urlWithoutPassword(m_probedUrl);
    info.name = datasetName();
    Workspace ws;
    QString error;
    if (!ws.open(m_workspacePath, &error) || !LiveDatasets::insert(ws, &info, &error)) {
        showError(tr("The live dataset was not stored: %1").arg(error));
        return;
    }
    m_liveId = info.id;
    showError({});
    m_phase->setText(tr("Connected as live dataset %1: every view works on it on the server, "
                        "and so does the command line (--dataset %1).")
                         .arg(info.id));
    Q_EMIT liveConnected(info.id);
}

void WarehouseDialog::snapshot()
{
    if (!m_probe || !m_probe->ok || m_running)
        return;
    showError({});
    const QString url = m_probedUrl, table = m_probedTable, select = m_probedQuery;
    ImportOptions options;
    options.path = table;
    options.name = datasetName();
    setRunning(true, tr("Copying the rows…"));
    m_runner->startImport(options, [url, table, select]() -> std::unique_ptr<RecordSource> {
        return warehouseTableSource(url, table, select);
    });
}

void WarehouseDialog::snapshotFinished(const ImportResult &result)
{
    setRunning(false);
    switch (result.status) {
    case ImportStatus::Imported:
    case ImportStatus::Reused:
        m_datasetId = result.datasetId;
        accept();
        return;
    case ImportStatus::Cancelled:
        m_phase->setText(tr("Snapshot cancelled; the workspace is unchanged."));
        return;
    case ImportStatus::Failed:
        showError(
            tr("The snapshot was not taken; the workspace is unchanged. %1").arg(result.error));
        return;
    }
}

void WarehouseDialog::reject()
{
    if (m_running) {
        *m_cancelProbe = true;
        m_runner->cancel();
        m_phase->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

} // namespace cl
