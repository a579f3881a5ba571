// The main window: assembles menus, the status bar, the panels and the chat dock.
#pragma once

#include <QMainWindow>

class QDockWidget;
class QLabel;
class QMenu;
class QProgressDialog;
class QTabWidget;

namespace cl {

class AppContext;
class DataView;
class ImportRunner;

/**
 * Only assembles: each feature lives in its own panel. Later panels plug in with
 * addPanel() (a tab) or setChatWidget() (the dock), and read the dataset from context().
 * Thread affinity: GUI thread. Does not own the AppContext, which must outlive it.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(AppContext *context, QWidget *parent = nullptr);
    ~MainWindow() override;

    AppContext *context() const { return m_context; }
    DataView *dataView() const { return m_dataView; }

    /// Adds a panel as a tab (the window takes ownership). Replaces a placeholder page
    /// of the same title. Returns the tab index.
    int addPanel(QWidget *panel, const QString &title);
    /// Puts a widget in the Chat dock (the window takes ownership).
    void setChatWidget(QWidget *widget);
    /// Shows a tab by title; false if there is none.
    bool showPanel(const QString &title);

    /// First start: the newest dataset, or the demo data when the workspace has none.
    void openInitialDataset();
    /// File > Open dataset…; `path` skips the file chooser.
    void openDataset(const QString &path = {});
    /// File > Connect to warehouse…: a table tested and previewed, registered live or copied
    /// into the workspace (a snapshot, then opened).
    void connectWarehouse();
    /// File > Load demo data: generates and imports the synthetic data on a worker.
    void loadDemoData();
    /**
     * File > Open workspace…; `path` skips the file chooser. Every view is made anew on the
     * chosen workspace, as at a start with --workspace. A file that is not a CampaignLens
     * workspace, or cannot be opened, is named with the reason in a message box, and the
     * current workspace stays open and unchanged. True when the workspace was opened.
     */
    bool openWorkspace(const QString &path = {});

Q_SIGNALS:
    /// The demo data set-up finished (successfully or not); `datasetId` -1 when not.
    void demoLoaded(qint64 datasetId);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void restoreWindowGeometry();
    /// Makes the tabs and the chat panel on the context's workspace (replacing any there).
    void createPanels();
    /// Deletes the tabs and the chat panel.
    void removePanels();
    /// Why `path` cannot be opened as a workspace, in the GUI's words; empty when it can.
    QString workspaceProblem(const QString &path);
    void createMenus();
    void rebuildRecentMenu();
    void rebuildViewMenu();
    void updateStatus();
    void about();
    QWidget *placeholder(const QString &what);

    AppContext *m_context;
    QTabWidget *m_tabs = nullptr;
    DataView *m_dataView = nullptr;
    QDockWidget *m_chatDock = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QLabel *m_datasetLabel = nullptr;
    QLabel *m_rowsLabel = nullptr;
    QLabel *m_rateLabel = nullptr;
    QLabel *m_syntheticLabel = nullptr;
    ImportRunner *m_demoRunner = nullptr;
    QProgressDialog *m_demoProgress = nullptr;
};

} // namespace cl
