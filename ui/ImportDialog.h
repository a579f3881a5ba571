// File > Open dataset: preview, detected settings, column roles, then a worker-thread import.
#pragma once

#include "source/CsvDialect.h"
#include "source/DialectDetector.h"
#include "import/ImportOptions.h"

#include <QDialog>
#include <QMap>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace cl {

class ImportRunner;
struct ImportResult;

/**
 * Lets the user check how a CSV file will be read before importing it: the first rows as
 * they will be parsed (re-read when a setting changes), the detected delimiter, encoding,
 * header and decimal comma (each editable), and the role of every column. The import runs
 * on a worker (ImportRunner) with a progress bar and Cancel; a file imported before
 * (same SHA-256) can be reused instead.
 * Thread affinity: GUI thread; owns its widgets and runner.
 */
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    ImportDialog(const QString &workspacePath, QWidget *parent = nullptr);
    ~ImportDialog() override;

    /// Reads a file's start and fills preview, settings and roles from what was detected.
    void setFile(const QString &path);
    /// The dataset imported or reused; -1 until the dialog was accepted.
    qint64 datasetId() const { return m_datasetId; }
    /// What the import will be asked to do, as the widgets stand.
    ImportOptions options() const;
    /// Settings as the widgets stand (for the preview).
    CsvDialect dialect() const;
    /// The preview as shown (for tests).
    QTableWidget *previewTable() const { return m_preview; }
    QTableWidget *rolesTable() const { return m_roles; }
    /// Text of the role message ("no target column ..."); empty when usable.
    QString roleProblem() const;

    /// Starts the import (after the same-file check).
    void startImport();
    void reject() override;

private:
    void browse();
    void refreshPreview();
    void refreshRoles();
    void roleChosen(const QString &sourceName, int comboIndex);
    void existingChecked(qint64 datasetId, const QString &datasetName);
    void importFinished(const ImportResult &result);
    void setRunning(bool running);

    QString m_workspacePath;
    ImportRunner *m_runner = nullptr;
    QString m_path;
    CsvDialect m_detected;
    SniffResult m_sniff;
    QString m_fileError; ///< why the chosen file is no CSV; empty when it is one
    QMap<QString, ColumnRole> m_userRoles;
    qint64 m_datasetId = -1;
    bool m_running = false;
    bool m_cancelRequested = false; ///< Cancel pressed while the same-file check ran

    QLineEdit *m_file = nullptr;
    QComboBox *m_delimiter = nullptr;
    QComboBox *m_encoding = nullptr;
    QCheckBox *m_header = nullptr;
    QCheckBox *m_decimalComma = nullptr;
    QLabel *m_detectedLabel = nullptr;
    QTableWidget *m_preview = nullptr;
    QTableWidget *m_roles = nullptr;
    QLabel *m_roleMessage = nullptr;
    QLineEdit *m_name = nullptr;
    QCheckBox *m_strict = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_phase = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_importButton = nullptr;
};

} // namespace cl
