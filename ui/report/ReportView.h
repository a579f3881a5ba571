// The Report tab: live preview of the executive report, section toggles, language, AI, export.
#pragma once

#include "report/ReportDocument.h"

#include <QFutureWatcher>
#include <QHash>
#include <QImage>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTextBrowser;
class QShowEvent;
class QTimer;

namespace cl {

class AppContext;
class DataFrame;

/// What an export worker hands back to the view.
struct ReportExportOutcome
{
    bool ok = false;
    bool cancelled = false;
    qint64 storedRunId = -1; ///< the run the export fitted and stored (no run was stored); -1
    QString folder;          ///< the report folder; empty unless written
    QString message;         ///< for the status line (error, AI fallback note, what was written)
};

/**
 * Shows the report of AppContext's current dataset as it will be exported: the Markdown
 * rendered in a QTextBrowser with the charts drawn in, rebuilt when the dataset or language
 * changes and re-filtered when a section is toggled. The preview is rule-based; with "AI text"
 * on, Export asks the model for the AI sections (ReportNarrative) before writing. Building and
 * exporting run on worker threads (their own workspace connection); Export shows progress and
 * can be cancelled; "Open folder" shows the written report.
 *
 * Thread affinity: GUI thread. Does not own the AppContext, which must outlive it. Waits for
 * its workers in the destructor (after asking them to stop).
 */
class ReportView : public QWidget
{
    Q_OBJECT
public:
    explicit ReportView(AppContext *context, QWidget *parent = nullptr);
    ~ReportView() override;

    /// Section ids in report order ("title", "summary", ..., "methods").
    static QStringList sectionIds();
    /// Ids of the checked sections.
    QStringList selectedSections() const;
    void setSectionEnabled(const QString &id, bool enabled);
    /// "en" or "nb".
    QString language() const;
    void setLanguage(const QString &language);
    void setAiEnabled(bool enabled);
    void setFormats(bool markdown, bool pdf);
    /// Parent of the report folders; default `reports` beside the workspace file.
    void setOutputDirectory(const QString &dir);
    /// The Markdown shown in the preview (empty while none is built).
    QString previewMarkdown() const { return m_previewMarkdown; }
    bool isExporting() const;
    /// True while a preview is being built or a rebuild waits for the running one.
    bool isBuildingPreview() const;
    /// Folder of the last successful export; empty before one.
    QString lastExportFolder() const { return m_lastFolder; }

public Q_SLOTS:
    /// Asks for the folder (starting at the last one chosen, else the default), then
    /// exports there; what the Export… button does.
    void chooseFolderAndExport();
    /// Rebuilds the preview document (dataset or language changed); deferred until shown.
    void rebuildPreview();
    /// Writes the report with the current settings on a worker thread.
    void exportReport();
    void cancelExport();
    void openFolder();

Q_SIGNALS:
    /// The preview shows a new document (or a message when there is none).
    void previewUpdated();
    void exportFinished(const cl::ReportExportOutcome &outcome);

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct BuildOutcome
    {
        quint64 generation = 0;
        qint64 datasetId = -1;
        std::shared_ptr<const DataFrame> frame;
        ReportDocument doc;
        QString error;
    };

    void showPreview();
    void showMessage(const QString &text);
    void buildFinished();
    void exportDone();
    void setExportUi(bool running);
    void progressReported(int percent, const QString &step);
    void refreshRuns();

    AppContext *m_context;
    QHash<QString, QCheckBox *> m_sectionBoxes;
    QComboBox *m_language = nullptr;
    QComboBox *m_run = nullptr; ///< the model run shown; data: run id, -1 for the newest
    qint64 m_runId = -1;
    QCheckBox *m_ai = nullptr;
    QCheckBox *m_markdown = nullptr;
    QCheckBox *m_pdf = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_open = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QTextBrowser *m_preview = nullptr;
    QTimer *m_refilter = nullptr; ///< coalesces quick toggles into one re-render

    QFutureWatcher<BuildOutcome> m_buildWatcher;
    QFutureWatcher<ReportExportOutcome> m_exportWatcher;
    std::shared_ptr<std::atomic_bool> m_cancelFlag;
    quint64 m_generation = 0; ///< bumped per rebuild; stale builds are dropped
    bool m_rebuildPending = false;
    bool m_stale = true; ///< the preview waits for the view to be shown
    qint64 m_frameDatasetId = -1;
    std::shared_ptr<const DataFrame> m_frame; ///< shared read-only with the workers
    ReportDocument m_fullDoc;             ///< every section, rule-based; filtered for the preview
    QHash<QString, QImage> m_chartImages; ///< m_fullDoc's charts drawn, by id (preview cache)
    QString m_previewMarkdown;
    QString m_outputDir;
    QString m_lastFolder;
};

} // namespace cl

Q_DECLARE_METATYPE(cl::ReportExportOutcome)
