// Shared state of the desktop app: the open workspace and the dataset being looked at.
#pragma once

#include "store/DatasetInfo.h"
#include "store/LiveDatasets.h"
#include "store/Workspace.h"

#include <QObject>
#include <QString>

#include <optional>

namespace cl {

/**
 * The workspace the window shows and the current dataset. Panels read it and listen to
 * datasetChanged; they never open the workspace themselves on the GUI thread.
 * Thread affinity: GUI thread; owns its Workspace (workers open their own on path()).
 */
class AppContext : public QObject
{
    Q_OBJECT
public:
    explicit AppContext(QObject *parent = nullptr);

    /// Opens (creating if needed) the workspace file. False with `error` on failure.
    bool openWorkspace(const QString &path, QString *error = nullptr);
    QString workspacePath() const { return m_workspace.path(); }
    Workspace &workspace() { return m_workspace; }

    /// -1 when no dataset is shown.
    qint64 currentDatasetId() const { return m_datasetId; }
    /// The current dataset as recorded in the workspace.
    std::optional<DatasetInfo> currentDataset();
    QList<DatasetInfo> datasets();
    /// The current dataset when it is live (a table on an engine); nullopt otherwise.
    std::optional<LiveDatasetInfo> currentLive();
    QList<LiveDatasetInfo> liveDatasets();

    /// Shows another dataset, local or live (ignored when it is already current or unknown).
    void setCurrentDataset(qint64 id);
    /// Tells listeners that datasets were added or removed (after an import).
    void notifyDatasetsChanged();
    /// Tells listeners that a model run of `datasetId` was stored (after a fit).
    void notifyModelRunsChanged(qint64 datasetId);

Q_SIGNALS:
    void datasetChanged(qint64 datasetId);
    void datasetsChanged();
    void modelRunsChanged(qint64 datasetId);

private:
    Workspace m_workspace;
    qint64 m_datasetId = -1;
};

} // namespace cl
