// The main window: assembles menus, the status bar, the panels and the chat dock.
#include "MainWindow.h"

#include "AppContext.h"
#include "AppStyle.h"
#include "DataView.h"
#include "FileDialogs.h"
#include "GuiLanguage.h"
#include "ImportDialog.h"
#include "ImportRunner.h"
#include "KeyboardShortcuts.h"
#include "WarehouseDialog.h"
#include "chat/ChatPanel.h"
#include "model/ModelView.h"
#include "report/ReportView.h"
#include "segments/SegmentsView.h"
#include "util/MessageText.h"
#include "warehouse/WarehouseConnection.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace cl {

namespace {

/// Keeps a dialog centred over a window: the window manager may place or maximise the
/// window after the dialog is shown (the first start's progress then sat in the screen's
/// corner over the menu bar), and the dialog grows when its text changes.
class CentreOnWindow : public QObject
{
public:
    CentreOnWindow(QWidget *dialog, QWidget *window)
        : QObject(dialog), m_dialog(dialog), m_window(window)
    {
        window->installEventFilter(this);
        dialog->installEventFilter(this);
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        switch (event->type()) {
        case QEvent::Move:
        case QEvent::Resize:
        case QEvent::Show:
        case QEvent::WindowStateChange:
            if (watched == m_window || watched == m_dialog)
                centre();
            break;
        default:
            break;
        }
        return false;
    }

    void centre()
    {
        if (!m_dialog->isVisible())
            return;
        QRect g = m_dialog->geometry();
        g.moveCenter(m_window->geometry().center());
        if (g.topLeft() != m_dialog->geometry().topLeft())
            m_dialog->move(g.topLeft() - (m_dialog->geometry().topLeft() - m_dialog->pos()));
    }

private:
    QWidget *m_dialog;
    QWidget *m_window;
};

} // namespace

MainWindow::MainWindow(AppContext *context, QWidget *parent)
    : QMainWindow(parent), m_context(context)
{
    setWindowTitle(tr("CampaignLens"));
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);

    m_chatDock = new QDockWidget(tr("Chat"), this);
    m_chatDock->setObjectName(QStringLiteral("chatDock"));
    addDockWidget(Qt::RightDockWidgetArea, m_chatDock);
    createPanels();

    m_datasetLabel = new QLabel(this);
    m_rowsLabel = new QLabel(this);
    m_rateLabel = new QLabel(this);
    m_syntheticLabel = new QLabel(tr("synthetic demo data"), this);
    m_syntheticLabel->setStyleSheet(QStringLiteral(
        "QLabel { background: #e8f0fe; color: #174ea6; border-radius: 3px; padding: 1px 6px; }"));
    statusBar()->addWidget(m_datasetLabel);
    statusBar()->addWidget(m_syntheticLabel);
    const QFontMetrics fm = fontMetrics();
    m_rowsLabel->setMinimumWidth(
        fm.horizontalAdvance(tr("%1 rows").arg(QLocale().toString(88888888))));
    m_rateLabel->setMinimumWidth(
        fm.horizontalAdvance(tr("subscribed %1 %").arg(QStringLiteral("88.88"))));
    m_rowsLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_rateLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    statusBar()->addPermanentWidget(m_rowsLabel);
    statusBar()->addPermanentWidget(m_rateLabel);

    createMenus();
    connect(m_context, &AppContext::datasetChanged, this, &MainWindow::updateStatus);
    connect(m_context, &AppContext::datasetsChanged, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    updateStatus();
    restoreWindowGeometry();
}

MainWindow::~MainWindow() = default;

namespace {
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
} // namespace

void MainWindow::restoreWindowGeometry()
{
    const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    if (!screen)
        return;
    // The screen's free area less the title bar and borders a window manager adds.
    const QRect area = screen->availableGeometry().adjusted(8, 32, -8, -8);

    const QSettings settings;
    const QByteArray saved = settings.value(kGeometryKey).toByteArray();
    if (!saved.isEmpty() && restoreGeometry(saved)) {
        restoreState(settings.value(kStateKey).toByteArray());
        if (isMaximized() || isFullScreen())
            return;
        // Saved on a larger or another screen: shrink to this one and move back onto it.
        QRect g = geometry();
        g.setSize(g.size().boundedTo(area.size()));
        g.moveRight(qMin(g.right(), area.right()));
        g.moveBottom(qMin(g.bottom(), area.bottom()));
        g.moveLeft(qMax(g.left(), area.left()));
        g.moveTop(qMax(g.top(), area.top()));
        setGeometry(g);
        return;
    }
    // First start: a comfortable size where the screen allows, else all of it.
    const QSize preferred(1360, 860);
    QRect g(QPoint(), preferred.boundedTo(area.size()));
    g.moveCenter(area.center());
    setGeometry(g);
    // The dock's own size hint would take a third of a small screen from the panels.
    const int dockWidth = qMax(m_chatDock->minimumSizeHint().width(), qMin(g.width() / 4, 440));
    resizeDocks({m_chatDock}, {dockWidth}, Qt::Horizontal);
    if (area.width() < preferred.width() || area.height() < preferred.height())
        setWindowState(windowState() | Qt::WindowMaximized);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::removePanels()
{
    // A panel's work on a worker holds its own connection and copies: it ends unseen.
    while (m_tabs->count() > 0) {
        QWidget *old = m_tabs->widget(0);
        m_tabs->removeTab(0);
        delete old;
    }
    m_dataView = nullptr;
    delete m_chatDock->widget();
}

void MainWindow::createPanels()
{
    removePanels();
    m_dataView = new DataView(m_context, this);
    m_tabs->addTab(m_dataView, tr("Data"));
    addPanel(new SegmentsView(m_context), tr("Segments"));
    addPanel(new ModelView(m_context), tr("Model"));
    auto *report = new ReportView(m_context);
    addPanel(report, tr("Report"));

    auto *chat = new ChatPanel(m_context);
    m_chatDock->setWidget(chat);
    // A pin adds a question to the report's Q&A (a hidden report only marks itself stale).
    connect(chat, &ChatPanel::exchangePinned, report, &ReportView::rebuildPreview);
}

QString MainWindow::workspaceProblem(const QString &path)
{
    QString detail;
    switch (Workspace::inspectFile(path, &detail)) {
    case Workspace::FileKind::Workspace:
        break;
    case Workspace::FileKind::Missing:
        return tr("There is no such file.");
    case Workspace::FileKind::NotSqlite:
        return tr("It is not a CampaignLens workspace: it cannot be read as a database (%1).")
            .arg(detail);
    case Workspace::FileKind::OtherDatabase:
        return tr("It is not a CampaignLens workspace: it holds no CampaignLens datasets.");
    case Workspace::FileKind::NewerWorkspace:
        return tr("It was made by a newer version of CampaignLens.");
    }
    // The real open, on a connection of its own: a read-only or damaged workspace is refused
    // here, before the current one is closed.
    Workspace probe;
    QString error;
    if (!probe.open(path, &error))
        return error;
    return {};
}

bool MainWindow::openWorkspace(const QString &path)
{
    QString file = path;
    if (file.isEmpty()) {
        file = FileDialogs::openFile(this, QStringLiteral("workspace"), tr("Open workspace"),
                                     tr("CampaignLens workspaces (*.campaignlens);;All files (*)"),
                                     QFileInfo(m_context->workspacePath()).absolutePath());
        if (file.isEmpty())
            return false;
    }
    const QString shown = QDir::toNativeSeparators(QFileInfo(file).absoluteFilePath());
    const auto refuse = [this, &shown](const QString &reason) {
        QMessageBox::warning(this, tr("Open workspace"),
                             tr("%1 cannot be opened.\n\n%2\n\nThe current workspace stays open.")
                                 .arg(shown, reason));
        return false;
    };
    if (m_demoRunner)
        return refuse(tr("The demo data is still being set up in the current workspace."));
    if (QFileInfo(file).canonicalFilePath() ==
        QFileInfo(m_context->workspacePath()).canonicalFilePath())
        return true;
    if (const QString problem = workspaceProblem(file); !problem.isEmpty())
        return refuse(problem);

    const QString previous = m_context->workspacePath();
    const int tab = m_tabs->currentIndex();
    removePanels(); // before the switch: no view reloads the new workspace's lists in vain
    QString error;
    const bool opened = m_context->openWorkspace(file, &error);
    if (!opened)
        m_context->openWorkspace(previous); // it was open a moment ago
    createPanels();
    m_tabs->setCurrentIndex(tab);
    openInitialDataset();
    rebuildRecentMenu();
    updateStatus();
    return opened || refuse(error);
}

QWidget *MainWindow::placeholder(const QString &what)
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *label = new QLabel(what + QStringLiteral("\n\n") +
                                 tr("This view comes in a later "
                                    "version."),
                             page);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignCenter);
    label->setStyleSheet(secondaryTextStyle(palette()));
    layout->addWidget(label);
    page->setProperty("clPlaceholder", true);
    return page;
}

int MainWindow::addPanel(QWidget *panel, const QString &title)
{
    int index = -1;
    for (int i = 0; i < m_tabs->count() && index < 0; ++i) {
        if (m_tabs->tabText(i).remove(QLatin1Char('&')) == title &&
            m_tabs->widget(i)->property("clPlaceholder").toBool()) {
            QWidget *old = m_tabs->widget(i);
            m_tabs->removeTab(i);
            old->deleteLater();
            index = m_tabs->insertTab(i, panel, title);
        }
    }
    if (index < 0)
        index = m_tabs->addTab(panel, title);
    rebuildViewMenu();
    return index;
}

void MainWindow::setChatWidget(QWidget *widget)
{
    QWidget *old = m_chatDock->widget();
    m_chatDock->setWidget(widget);
    if (old)
        old->deleteLater();
    m_chatDock->show();
}

bool MainWindow::showPanel(const QString &title)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        // The English title (--tab, tests) or the shown one (the View menu, translated).
        const QString shown = m_tabs->tabText(i).remove(QLatin1Char('&'));
        if (shown == title ||
            shown == QCoreApplication::translate("cl::MainWindow", title.toUtf8().constData())) {
            m_tabs->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open dataset…"), this, [this] { openDataset(); });
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("&Recent datasets"));
    // Ctrl+O (QKeySequence::Open) opens a dataset, the everyday action, and Ctrl+Shift+O the
    // report folder: W for workspace.
    QAction *openWorkspace =
        file->addAction(tr("Open &workspace…"), this, [this] { this->openWorkspace(); });
    openWorkspace->setObjectName(QStringLiteral("openWorkspaceAction"));
    openWorkspace->setShortcut(QKeySequence(tr("Ctrl+Shift+W")));
    QAction *warehouse =
        file->addAction(tr("&Connect to warehouse…"), this, [this] { connectWarehouse(); });
    warehouse->setObjectName(QStringLiteral("connectWarehouseAction"));
    warehouse->setShortcut(QKeySequence(tr("Ctrl+Shift+K")));
    QAction *demo = file->addAction(tr("Load &demo data"), this, &MainWindow::loadDemoData);
    demo->setShortcut(QKeySequence(tr("Ctrl+Shift+D")));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    // QKeySequence::Quit is empty where the platform theme has no binding for it.
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    rebuildViewMenu();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard shortcuts"), this, [this] {
        auto *dialog = new KeyboardShortcutsDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    keys->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About CampaignLens"), this, &MainWindow::about);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::rebuildViewMenu()
{
    if (!m_viewMenu)
        return;
    m_viewMenu->clear();
    for (int i = 0; i < m_tabs->count(); ++i) {
        const QString title = m_tabs->tabText(i);
        QAction *a = m_viewMenu->addAction(title, this, [this, title] { showPanel(title); });
        if (i < 9)
            a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    m_viewMenu->addSeparator();
    QAction *chat = m_chatDock->toggleViewAction();
    chat->setShortcut(QKeySequence(tr("Ctrl+Shift+C")));
    m_viewMenu->addAction(chat);
    m_viewMenu->addSeparator();
    addLanguageMenu(m_viewMenu);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QList<DatasetInfo> all = m_context->datasets();
    const QLocale l;
    int shortcut = 0;
    for (auto it = all.crbegin(); it != all.crend(); ++it) {
        const qint64 id = it->id;
        QString text = tr("%1  (%2 rows)").arg(shownText(it->name), l.toString(it->rowsRead));
        if (shortcut < 9)
            text = QStringLiteral("&%1 ").arg(++shortcut) + text;
        QAction *a =
            m_recentMenu->addAction(text, this, [this, id] { m_context->setCurrentDataset(id); });
        a->setCheckable(true);
        a->setChecked(id == m_context->currentDatasetId());
        a->setToolTip(it->source.location);
    }
    const QList<LiveDatasetInfo> live = m_context->liveDatasets();
    if (!live.isEmpty())
        m_recentMenu->addSection(tr("Live (on the server)"));
    for (auto it = live.crbegin(); it != live.crend(); ++it) {
        const qint64 id = it->id;
        QAction *a = m_recentMenu->addAction(
            (it->query.isEmpty() ? tr("%1  (live: %2 table %3)") : tr("%1  (live: %2 query %3)"))
                .arg(shownText(it->name), it->engine, shownText(it->table)),
            this, [this, id] { m_context->setCurrentDataset(id); });
        a->setCheckable(true);
        a->setChecked(id == m_context->currentDatasetId());
    }
    m_recentMenu->setEnabled(!all.isEmpty() || !live.isEmpty());
}

void MainWindow::updateStatus()
{
    const auto d = m_context->currentDataset();
    const QLocale l;
    if (const auto live = m_context->currentLive()) {
        // A live dataset: its engine and table in the status bar, its counts from connect.
        const QString engine = engineName(live->engine);
        m_datasetLabel->setText(
            (live->query.isEmpty() ? tr("%1 — live: %2 table %3") : tr("%1 — live: %2 query %3"))
                .arg(shownText(live->name), engine, shownText(live->table)));
        m_datasetLabel->setToolTip(live->url); // stored without a password
        m_syntheticLabel->setVisible(false);
        m_rowsLabel->setText(tr("%1 rows").arg(l.toString(live->rows)));
        m_rateLabel->setText(
            live->rows > 0
                ? tr("subscribed %1 %")
                      .arg(l.toString(100.0 * double(live->subscribers) / double(live->rows), 'f',
                                      2))
                : QString());
        setWindowTitle(tr("%1 — CampaignLens").arg(shownText(live->name)));
        rebuildRecentMenu();
        return;
    }
    m_datasetLabel->setToolTip(QString());
    m_datasetLabel->setText(d ? shownText(d->name)
                              : tr("No dataset open: File > Open dataset (Ctrl+O)"));
    m_syntheticLabel->setVisible(d && d->synthetic);
    m_rowsLabel->setText(d ? tr("%1 rows").arg(l.toString(d->rowsRead)) : QString());
    m_rateLabel->setText(
        d ? tr("subscribed %1 %").arg(l.toString(100.0 * d->subscriberRate(), 'f', 2)) : QString());
    setWindowTitle(d ? tr("%1 — CampaignLens").arg(shownText(d->name)) : tr("CampaignLens"));
    rebuildRecentMenu();
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About CampaignLens"),
        tr("<h3>CampaignLens %1</h3><p>Campaign analytics for bank marketing: import campaign "
           "exports, check their quality, find the segments that respond.</p>"
           "<p>Workspace: %2</p>")
            .arg(QStringLiteral(CAMPAIGNLENS_VERSION), m_context->workspacePath().toHtmlEscaped()));
}

void MainWindow::openDataset(const QString &path)
{
    QString file = path;
    if (file.isEmpty()) {
        file = FileDialogs::openFile(this, QStringLiteral("dataset"), tr("Open dataset"),
                                     tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
        if (file.isEmpty())
            return;
    }
    ImportDialog dialog(m_context->workspacePath(), this);
    dialog.setFile(file);
    if (dialog.exec() != QDialog::Accepted || dialog.datasetId() < 0)
        return;
    m_context->notifyDatasetsChanged();
    m_context->setCurrentDataset(dialog.datasetId());
    showPanel(tr("Data"));
}

void MainWindow::connectWarehouse()
{
    WarehouseDialog dialog(m_context->workspacePath(), this);
    const int result = dialog.exec();
    if (dialog.liveDatasetId() >= 0 || result == QDialog::Accepted)
        m_context->notifyDatasetsChanged();
    if (result == QDialog::Accepted && dialog.datasetId() >= 0)
        m_context->setCurrentDataset(dialog.datasetId());
    else if (dialog.liveDatasetId() >= 0)
        m_context->setCurrentDataset(dialog.liveDatasetId());
}

void MainWindow::openInitialDataset()
{
    const QString last = m_context->workspace().setting(QStringLiteral("gui.last_dataset"));
    if (!last.isEmpty() && m_context->workspace().dataset(last.toLongLong())) {
        m_context->setCurrentDataset(last.toLongLong());
        return;
    }
    if (const auto latest = m_context->workspace().latestDataset()) {
        m_context->setCurrentDataset(latest->id);
        return;
    }
    loadDemoData();
}

void MainWindow::loadDemoData()
{
    if (m_demoRunner)
        return;
    m_demoRunner = new ImportRunner(m_context->workspacePath(), this);
    m_demoProgress = new QProgressDialog(tr("Preparing the synthetic demo data (41,188 rows)…"),
                                         tr("Cancel"), 0, 1000, this);
    m_demoProgress->setWindowTitle(tr("Demo data"));
    m_demoProgress->setWindowModality(Qt::WindowModal);
    m_demoProgress->setMinimumDuration(0);
    m_demoProgress->setAutoClose(false);
    m_demoProgress->setAutoReset(false);
    new CentreOnWindow(m_demoProgress, this);
    m_demoProgress->setValue(0);
    connect(m_demoProgress, &QProgressDialog::canceled, m_demoRunner, &ImportRunner::cancel);
    // Progress may still be queued when the job ends: it goes to the dialog, not the member.
    QProgressDialog *progress = m_demoProgress;
    connect(m_demoRunner, &ImportRunner::progressed, progress,
            [progress](double f, const QString &phase) {
                progress->setValue(int(f * 1000));
                if (!phase.isEmpty())
                    progress->setLabelText(tr("Synthetic demo data: %1").arg(phase));
            });
    connect(m_demoRunner, &ImportRunner::importFinished, this, [this](const ImportResult &r) {
        m_demoProgress->deleteLater();
        m_demoProgress = nullptr;
        m_demoRunner->deleteLater();
        m_demoRunner = nullptr;
        if (r.ok()) {
            m_context->notifyDatasetsChanged();
            m_context->setCurrentDataset(r.datasetId);
            showPanel(tr("Data"));
        } else if (r.status == ImportStatus::Failed) {
            QMessageBox::critical(
                this, tr("Demo data"),
                tr("The demo data could not be set up.\n\n%1").arg(shownText(r.error)));
        }
        Q_EMIT demoLoaded(r.ok() ? r.datasetId : -1);
    });
    m_demoRunner->startDemo();
}

} // namespace cl
