// ReportView: preview built on a worker, charts drawn into the QTextBrowser, export on a worker.
#include "ReportView.h"

#include "AppContext.h"
#include "FileDialogs.h"
#include "GuiLanguage.h"
#include "KeyboardShortcuts.h"
#include "data/DataFrame.h"
#include "jobs/ReportJob.h"
#include "render/ChartPainter.h"
#include "render/ChartPalette.h"
#include "render/ReportFonts.h"
#include "render/ReportTextDocument.h"
#include "report/MarkdownWriter.h"
#include "report/ReportText.h"
#include "store/ModelStore.h"
#include "store/Workspace.h"
#include "util/WorkerPool.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImage>
#include <QJsonObject>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStyle>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

namespace cl {

namespace {

/// Tells a scroll area that its widget's layout changed: QScrollArea follows its widget's
/// resizes, not its layout requests, so a status that wraps to more lines was cut to one.
class LayoutRequestForwarder : public QObject
{
public:
    explicit LayoutRequestForwarder(QScrollArea *area) : QObject(area), m_area(area) {}
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // The widget's height for the viewport's width as its minimum: the area follows that.
        // Its text changed (LayoutRequest), it was shown (a text set while hidden posts
        // nothing), or the viewport's width changed.
        const QEvent::Type t = event->type();
        if ((t == QEvent::LayoutRequest || t == QEvent::Show || t == QEvent::Resize) &&
            m_area->widget()) {
            const int height = m_area->widget()->heightForWidth(m_area->viewport()->width());
            if (height > 0) // -1: no height-for-width yet
                m_area->widget()->setMinimumHeight(height);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QScrollArea *m_area;
};

/// The chart at the size the PDF prints it, in screen pixels (what the Segments and Model
/// tabs show for the same description).
QImage chartImage(const ChartSpec &chart)
{
    constexpr double widthPt = 520;
    constexpr double scale = ChartPainter::kScreenScale;
    const double heightPt = ChartPainter::preferredHeight(chart, widthPt);
    return ChartPainter::image(chart, QSize(int(widthPt * scale), int(heightPt * scale)), scale);
}

} // namespace

ReportView::ReportView(AppContext *context, QWidget *parent)
    : QWidget(parent), m_context(context), m_cancelFlag(std::make_shared<std::atomic_bool>(false))
{
    qRegisterMetaType<cl::ReportExportOutcome>();
    ReportFonts::family(); // loads the report fonts here, on the GUI thread, before any worker

    auto *controls = new QWidget;
    auto *left = new QVBoxLayout(controls);

    auto *sections = new QGroupBox(tr("Sections"));
    auto *sectionLayout = new QVBoxLayout(sections);
    // The sections as the report names them (ReportBuilder holds the one list).
    const ReportText names(currentGuiLanguage());
    const QStringList ids = sectionIds();
    for (int i = 0; i < ids.size(); ++i) {
        auto *box = new QCheckBox(names.tr(qPrintable(QStringLiteral("section.") + ids[i])));
        box->setObjectName(QStringLiteral("section-") + ids[i]);
        box->setChecked(true);
        sectionLayout->addWidget(box);
        m_sectionBoxes.insert(ids[i], box);
        connect(box, &QCheckBox::toggled, this, [this] { m_refilter->start(); });
    }
    left->addWidget(sections);

    auto *settings = new QGroupBox(tr("Settings"));
    auto *form = new QFormLayout(settings);
    m_language = new QComboBox;
    m_language->addItem(tr("English"), QStringLiteral("en"));
    m_language->addItem(tr("Norsk bokmål"), QStringLiteral("nb"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(currentGuiLanguage())));
    form->addRow(tr("Language"), m_language);
    m_run = new QComboBox;
    m_run->setObjectName(QStringLiteral("modelRun"));
    m_run->setToolTip(tr("The stored model run the report shows. Newest: the newest run that "
                         "can rank clients before calling (fit runs in the Model tab)."));
    form->addRow(tr("Model run"), m_run);
    m_ai = new QCheckBox(tr("AI text on export"));
    {
        ReportNarrativeOptions probe;
        const bool configured = ReportNarrative::isConfigured(probe);
        m_ai->setChecked(configured);
        m_ai->setToolTip(
            configured ? tr("The model at %1 writes the summary, actions, hypotheses and answers "
                            "from the computed figures (no rows are sent).")
                             .arg(probe.config.baseUrl.host())
                       : tr("No AI endpoint is configured (OPENAI_API_KEY or OPENAI_BASE_URL): "
                            "the AI sections will be rule-based and labelled so."));
    }
    form->addRow(QString(), m_ai);
    m_markdown = new QCheckBox(tr("Markdown"));
    m_markdown->setChecked(true);
    m_pdf = new QCheckBox(tr("PDF"));
    m_pdf->setChecked(true);
    auto *formats = new QHBoxLayout;
    formats->addWidget(m_markdown);
    formats->addWidget(m_pdf);
    formats->addStretch();
    form->addRow(tr("Formats"), formats);
    left->addWidget(settings);

    m_export = new QPushButton(tr("Export…"));
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_cancel = new QPushButton(tr("Cancel"));
    m_open = new QPushButton(tr("Open folder"));
    m_open->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_export);
    buttons->addWidget(m_cancel);
    left->addLayout(buttons);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    left->addWidget(m_progress);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    left->addWidget(m_status);
    left->addWidget(m_open);
    left->addStretch();
    controls->setMinimumWidth(250);
    controls->setMaximumWidth(340);

    m_preview = new QTextBrowser;
    m_preview->setObjectName(QStringLiteral("reportPreview"));
    // The preview shows the PDF's page, light on any desktop palette.
    QPalette page = m_preview->palette();
    page.setColor(QPalette::Base, ChartPalette::background);
    page.setColor(QPalette::Text, ChartPalette::ink);
    m_preview->setPalette(page);
    m_preview->setOpenLinks(false);

    // The controls scroll on a short screen instead of squeezing the wrapped status to a line.
    auto *controlsScroll = new QScrollArea;
    controlsScroll->setWidgetResizable(true);
    controlsScroll->setFrameShape(QFrame::NoFrame);
    controlsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    controlsScroll->setWidget(controls);
    auto *forwarder = new LayoutRequestForwarder(controlsScroll);
    controls->installEventFilter(forwarder);
    controlsScroll->viewport()->installEventFilter(forwarder);
    const int scrollBar = controlsScroll->style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    controlsScroll->setMinimumWidth(controls->minimumWidth() + scrollBar);
    controlsScroll->setMaximumWidth(controls->maximumWidth() + scrollBar);

    auto *splitter = new QSplitter;
    splitter->addWidget(controlsScroll);
    splitter->addWidget(m_preview);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    m_refilter = new QTimer(this);
    m_refilter->setSingleShot(true);
    m_refilter->setInterval(150);
    connect(m_refilter, &QTimer::timeout, this, &ReportView::showPreview);
    connect(m_language, &QComboBox::currentIndexChanged, this, &ReportView::rebuildPreview);
    connect(m_run, &QComboBox::activated, this, [this] {
        m_runId = m_run->currentData().toLongLong();
        rebuildPreview();
    });
    connect(m_context, &AppContext::modelRunsChanged, this, [this](qint64 datasetId) {
        if (datasetId != m_context->currentDatasetId())
            return;
        refreshRuns();
        rebuildPreview();
    });
    connect(m_export, &QPushButton::clicked, this, &ReportView::chooseFolderAndExport);
    connect(m_cancel, &QPushButton::clicked, this, &ReportView::cancelExport);
    connect(m_open, &QPushButton::clicked, this, &ReportView::openFolder);
    addButtonShortcut(this, m_export, tr("Export the report"), QKeySequence(Qt::CTRL | Qt::Key_E));
    addButtonShortcut(this, m_cancel, tr("Cancel the report export"),
                      QKeySequence(Qt::SHIFT | Qt::Key_Escape));
    addButtonShortcut(this, m_open, tr("Open the report folder"),
                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(&m_buildWatcher, &QFutureWatcher<BuildOutcome>::finished, this,
            &ReportView::buildFinished);
    connect(&m_exportWatcher, &QFutureWatcher<ReportExportOutcome>::finished, this,
            &ReportView::exportDone);
    connect(m_context, &AppContext::datasetChanged, this, [this] {
        refreshRuns();
        rebuildPreview();
    });
    setExportUi(false);
    refreshRuns();
    rebuildPreview();
}

ReportView::~ReportView()
{
    m_cancelFlag->store(true);
    m_exportWatcher.waitForFinished();
    m_buildWatcher.waitForFinished();
}

QStringList ReportView::sectionIds()
{
    return ReportBuilder::sectionIds();
}

QStringList ReportView::selectedSections() const
{
    QStringList out;
    for (const QString &id : sectionIds()) {
        if (m_sectionBoxes.value(id)->isChecked())
            out << id;
    }
    return out;
}

void ReportView::setSectionEnabled(const QString &id, bool enabled)
{
    if (QCheckBox *box = m_sectionBoxes.value(id))
        box->setChecked(enabled);
}

QString ReportView::language() const
{
    return m_language->currentData().toString();
}

void ReportView::setLanguage(const QString &language)
{
    const int i = m_language->findData(language);
    if (i >= 0)
        m_language->setCurrentIndex(i);
}

void ReportView::setAiEnabled(bool enabled)
{
    m_ai->setChecked(enabled);
}

void ReportView::setFormats(bool markdown, bool pdf)
{
    m_markdown->setChecked(markdown);
    m_pdf->setChecked(pdf);
}

void ReportView::setOutputDirectory(const QString &dir)
{
    m_outputDir = dir;
}

bool ReportView::isExporting() const
{
    return m_exportWatcher.isRunning();
}

bool ReportView::isBuildingPreview() const
{
    return m_buildWatcher.isRunning() || m_rebuildPending;
}

void ReportView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        rebuildPreview();
}

void ReportView::refreshRuns()
{
    // The stored runs of the dataset, newest first; the first entry follows new fits.
    const qint64 id = m_context->currentDatasetId();
    const QSignalBlocker block(m_run);
    m_run->clear();
    m_run->addItem(tr("Newest"), qint64(-1)); // the newest run that can target (tool tip)
    QList<ModelRunRecord> runs;
    if (id >= 0 && m_context->workspace().isOpen())
        runs = ModelStore(m_context->workspace()).runs(id);
    for (const ModelRunRecord &r : std::as_const(runs)) {
        const ModelRunSettings settings = ModelRunSettings::fromJson(r.settings);
        const double auc = r.heldOutAuc();
        QString text =
            tr("Run %1 · %2 split").arg(r.id).arg(splitKindName(settings.validation.split.kind));
        if (auc >= 0)
            text += tr(" · AUC %1").arg(auc, 0, 'f', 3);
        if (const QStringList post = ModelStore::postCallColumnsOf(r); !post.isEmpty())
            text += tr(" · uses %1 (cannot target)").arg(post.join(QStringLiteral(", ")));
        m_run->addItem(text, r.id);
    }
    const int keep = m_run->findData(m_runId);
    m_runId = keep >= 0 ? m_runId : -1;
    m_run->setCurrentIndex(std::max(keep, 0));
    // A live dataset's report counts on its engine and shows no model: no run to choose.
    m_run->setEnabled(!m_context->currentLive());
}

void ReportView::rebuildPreview()
{
    const qint64 id = m_context->currentDatasetId();
    ++m_generation;
    m_fullDoc = ReportDocument();
    m_chartImages.clear();
    // Nothing is computed for a hidden tab: a big dataset costs a frame load and a model fit.
    m_stale = !isVisible();
    if (m_stale) {
        m_previewMarkdown.clear();
        return;
    }
    if (id < 0) {
        showMessage(tr("Import a dataset to see its report here."));
        return;
    }
    if (m_buildWatcher.isRunning()) {
        m_rebuildPending = true; // the running build's result is stale; start again after it
        return;
    }
    showMessage(tr("Building the report preview…"));
    ReportJobConfig job;
    job.workspacePath = m_context->workspacePath();
    job.datasetId = id;
    job.modelRunId = m_runId;
    job.options.language = language();
    job.applyNarrative = false;
    job.storeDefaultRun = false; // looking at the tab stores nothing; Export does
    job.frame = m_frameDatasetId == id ? m_frame : nullptr;
    const quint64 generation = m_generation;
    m_buildWatcher.setFuture(runInBackground([job, generation] {
        BuildOutcome out;
        out.generation = generation;
        out.datasetId = job.datasetId;
        ReportJobResult result = runReportJob(job);
        out.frame = result.frame;
        out.doc = std::move(result.doc);
        out.error = result.ok ? QString() : result.error;
        return out;
    }));
}

void ReportView::buildFinished()
{
    BuildOutcome out = m_buildWatcher.result();
    if (out.frame) {
        m_frame = out.frame;
        m_frameDatasetId = out.datasetId;
    }
    if (m_rebuildPending || out.generation != m_generation) {
        m_rebuildPending = false;
        rebuildPreview();
        return;
    }
    if (!out.error.isEmpty()) {
        showMessage(tr("No report: %1").arg(out.error));
        return;
    }
    m_fullDoc = std::move(out.doc);
    m_chartImages.clear();
    m_status->setText(tr("Preview: rule-based text. With \"AI text on export\" the model "
                         "writes the AI sections when the report is exported."));
    showPreview();
}

void ReportView::showPreview()
{
    if (!m_fullDoc.ok)
        return;
    ReportDocument doc = m_fullDoc;
    ReportBuilder::keepSections(doc, selectedSections());
    if (doc.sections.isEmpty()) {
        showMessage(tr("No section is selected."));
        return;
    }
    auto *text = new QTextDocument(m_preview);
    text->setDocumentMargin(14);
    text->setDefaultFont(m_preview->font());
    m_previewMarkdown = MarkdownWriter::toMarkdown(doc);
    // Built from the blocks the PDF is drawn from, not from the Markdown: Markdown would turn a
    // '*' of the text into italics ("where marked ()"), and its images need resolving.
    ReportTextDocument::fill(text, doc, [this](const ChartSpec &chart) {
        auto image = m_chartImages.find(chart.id); // drawn once per document, not per toggle
        if (image == m_chartImages.end())
            image = m_chartImages.insert(chart.id, chartImage(chart));
        return *image;
    });
    m_preview->setDocument(text); // deletes the previous one, a child of the browser
    Q_EMIT previewUpdated();
}

void ReportView::showMessage(const QString &text)
{
    m_previewMarkdown.clear();
    m_preview->setPlainText(text);
    Q_EMIT previewUpdated();
}

void ReportView::chooseFolderAndExport()
{
    if (isExporting())
        return;
    const QString purpose = QStringLiteral("report");
    const QString reports =
        QFileInfo(m_context->workspacePath()).absoluteDir().filePath(QStringLiteral("reports"));
    const QString start =
        m_outputDir.isEmpty() ? FileDialogs::lastFolder(purpose, reports) : m_outputDir;
    QDir().mkpath(start); // the default may not exist yet; the dialog opens inside it
    const QString dir =
        FileDialogs::existingFolder(this, purpose, tr("Export the report into"), start);
    if (dir.isEmpty())
        return; // cancelled: nothing written
    m_outputDir = dir;
    exportReport();
}

void ReportView::exportReport()
{
    if (isExporting())
        return;
    const qint64 id = m_context->currentDatasetId();
    if (id < 0) {
        m_status->setText(tr("Import a dataset first."));
        return;
    }
    if (!m_markdown->isChecked() && !m_pdf->isChecked()) {
        m_status->setText(tr("Choose Markdown, PDF or both."));
        return;
    }
    const QStringList sections = selectedSections();
    if (sections.isEmpty()) {
        m_status->setText(tr("Select at least one section."));
        return;
    }
    m_cancelFlag = std::make_shared<std::atomic_bool>(false);
    const auto cancel = m_cancelFlag;
    ReportJobConfig job;
    job.workspacePath = m_context->workspacePath();
    job.datasetId = id;
    job.modelRunId = m_runId;
    job.frame = m_frameDatasetId == id ? m_frame : nullptr;
    job.options.language = language();
    job.options.aiRequested = m_ai->isChecked();
    job.options.sections = sections;
    job.narrative.enabled = m_ai->isChecked();
    ReportExportOptions write;
    write.markdown = m_markdown->isChecked();
    write.pdf = m_pdf->isChecked();
    write.outDir =
        m_outputDir.isEmpty()
            ? QFileInfo(job.workspacePath).absoluteDir().filePath(QStringLiteral("reports"))
            : m_outputDir;
    job.write = write;
    // The job's one callback: progress posted to this view, cancel read from the flag.
    const QPointer<ReportView> self(this);
    const ProgressCallback progress = [self, cancel, last = -1](double fraction,
                                                                const QString &phase) mutable {
        if (cancel->load())
            return false;
        const int percent = 2 + int(fraction * 96);
        if (percent != last) {
            last = percent;
            QMetaObject::invokeMethod(
                self,
                [self, percent, phase] {
                    if (self)
                        self->progressReported(percent, phase);
                },
                Qt::QueuedConnection);
        }
        return true;
    };
    setExportUi(true);
    progressReported(2, tr("Loading the data…"));
    m_exportWatcher.setFuture(runInBackground([job, progress] {
        ReportExportOutcome out;
        const ReportJobResult result = runReportJob(job, progress);
        if (result.cancelled) {
            out.cancelled = true;
            return out;
        }
        if (!result.ok) {
            out.message = result.error;
            return out;
        }
        QString note;
        if (!result.modelProblem.isEmpty())
            note += QObject::tr(" The report has no model: %1.").arg(result.modelProblem);
        if (result.modelRunStored) {
            out.storedRunId = result.modelRunId;
            note += QObject::tr(" Model run %1 was fitted with the default settings and stored.")
                        .arg(result.modelRunId);
        }
        if (!result.narrative.fallbackReason.isEmpty())
            note += QObject::tr(" AI text failed (%1): those sections are rule-based.")
                        .arg(result.narrative.fallbackReason);
        else if (result.narrative.unverifiedNumbers > 0)
            note += QObject::tr(" %1 number(s) in the AI text are marked unverified.")
                        .arg(result.narrative.unverifiedNumbers);
        out.ok = true;
        out.folder = result.written.folder;
        QStringList files;
        for (const QString &f : {result.written.markdownPath, result.written.pdfPath}) {
            if (!f.isEmpty())
                files << QFileInfo(f).fileName();
        }
        out.message = QObject::tr("Wrote %1 in %2.")
                          .arg(files.join(QStringLiteral(" and ")), result.written.folder) +
                      note;
        return out;
    }));
}

void ReportView::cancelExport()
{
    if (!isExporting())
        return;
    m_cancelFlag->store(true);
    m_status->setText(tr("Cancelling…"));
}

void ReportView::progressReported(int percent, const QString &step)
{
    if (!isExporting() && percent > 2)
        return;
    m_progress->setValue(percent);
    m_status->setText(step);
}

void ReportView::exportDone()
{
    const ReportExportOutcome out = m_exportWatcher.result();
    if (out.cancelled) {
        m_progress->setValue(0);
        m_status->setText(tr("Export cancelled; nothing was written."));
    } else if (!out.ok) {
        m_progress->setValue(0);
        m_status->setText(tr("Export failed: %1").arg(out.message));
    } else {
        m_progress->setValue(100);
        m_lastFolder = out.folder;
        m_status->setText(out.message);
        if (out.storedRunId >= 0) // the run list and the preview follow
            m_context->notifyModelRunsChanged(m_context->currentDatasetId());
    }
    m_open->setEnabled(!m_lastFolder.isEmpty());
    setExportUi(false);
    Q_EMIT exportFinished(out);
}

void ReportView::setExportUi(bool running)
{
    m_progress->setVisible(running || m_progress->value() == 100);
    m_export->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_language->setEnabled(!running);
}

void ReportView::openFolder()
{
    if (!m_lastFolder.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_lastFolder));
}

} // namespace cl
