// File > Connect to warehouse…: a table (or a read-only query's rows) on PostgreSQL or
// ClickHouse, tested and previewed, then registered as a live dataset or copied into the
// workspace as a snapshot.
#pragma once

#include "warehouse/LiveDataset.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>
#include <optional>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace cl {

class ImportRunner;
struct ImportResult;

/// What "Test connection" found: the table described as `connect` describes it, and its
/// first rows as the engine holds them.
struct WarehouseProbe
{
    bool ok = false;
    bool cancelled = false;
    QString error;
    LiveTableDescription description;
    WarehouseRows preview;
};

/**
 * The rows are a table's or, with "Rows from: Query", those of a read-only SELECT run as a
 * subquery (as `connect --query` and `import --from URL --query` take it).
 * Test connection reads the table's columns, roles, counts and first rows on a worker (the
 * dialog stays responsive; Cancel stops it). Then "Connect as live dataset" registers it in
 * the workspace (never with a password: a password in the URL is used for this dialog only)
 * and "Snapshot into workspace" copies its rows into a local dataset through the import, with
 * progress and Cancel, whole or not at all; the dialog then accepts with datasetId().
 *
 * Thread affinity: GUI thread.
 */
class WarehouseDialog : public QDialog
{
    Q_OBJECT
public:
    explicit WarehouseDialog(const QString &workspacePath, QWidget *parent = nullptr);
    ~WarehouseDialog() override;

    /// The snapshot's dataset once accepted; -1 before.
    qint64 datasetId() const { return m_datasetId; }
    /// The live dataset registered by "Connect as live dataset"; -1 before.
    qint64 liveDatasetId() const { return m_liveId; }

    /// For tests and a --connect start: fills the fields.
    void setConnection(const QString &url, const QString &table, const QString &name = {});
    /// The same for a query's rows: `select` is the read-only SELECT.
    void setQueryConnection(const QString &url, const QString &select, const QString &name = {});

public Q_SLOTS:
    void testConnection();
    void connectLive();
    void snapshot();
    void reject() override;

Q_SIGNALS:
    /// Test connection finished (ok or not).
    void probed(bool ok);
    /// A live dataset was registered.
    void liveConnected(qint64 id);

private:
    void probeFinished();
    void snapshotFinished(const ImportResult &result);
    void setRunning(bool running, const QString &what = {});
    void showError(const QString &text);
    QString datasetName() const;
    bool usesQuery() const;
    /// The SELECT of a query dataset as it will run (subquerySelect()); empty for a table.
    QString querySelect() const;
    void staleProbe();

    QString m_workspacePath;
    QLineEdit *m_url = nullptr;
    QFormLayout *m_form = nullptr;
    QComboBox *m_rowsFrom = nullptr;
    QLineEdit *m_table = nullptr;
    QPlainTextEdit *m_query = nullptr;
    QLineEdit *m_name = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_error = nullptr;
    QTableWidget *m_columns = nullptr;
    QTableWidget *m_preview = nullptr;
    QLabel *m_phase = nullptr;
    QProgressBar *m_progress = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_liveButton = nullptr;
    QPushButton *m_snapshotButton = nullptr;
    ImportRunner *m_runner = nullptr;
    QFutureWatcher<WarehouseProbe> m_probeWatcher;
    std::shared_ptr<std::atomic<bool>> m_cancelProbe = std::make_shared<std::atomic<bool>>(false);
    std::optional<WarehouseProbe> m_probe;
    QString m_probedUrl, m_probedTable, m_probedQuery;
    bool m_running = false;
    qint64 m_datasetId = -1;
    qint64 m_liveId = -1;
};

} // namespace cl
