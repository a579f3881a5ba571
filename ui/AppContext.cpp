// Shared state of the desktop app: the open workspace and the dataset being looked at.
#include "AppContext.h"

#include "util/MessageText.h"
#include "warehouse/WarehouseConnection.h"

#include <QDir>
#include <QFileInfo>

namespace cl {

AppContext::AppContext(QObject *parent) : QObject(parent) {}

bool AppContext::openWorkspace(const QString &path, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!m_workspace.open(path, error))
        return false;
    m_datasetId = -1;
    Q_EMIT datasetsChanged();
    return true;
}

std::optional<DatasetInfo> AppContext::currentDataset()
{
    if (m_datasetId < 0 || !m_workspace.isOpen())
        return std::nullopt;
    return m_workspace.dataset(m_datasetId);
}

QList<DatasetInfo> AppContext::datasets()
{
    return m_workspace.isOpen() ? m_workspace.datasets() : QList<DatasetInfo>();
}

std::optional<LiveDatasetInfo> AppContext::currentLive()
{
    if (m_datasetId < 0 || !m_workspace.isOpen() || m_workspace.dataset(m_datasetId))
        return std::nullopt;
    return LiveDatasets::find(m_workspace, m_datasetId);
}

QList<LiveDatasetInfo> AppContext::liveDatasets()
{
    return m_workspace.isOpen() ? LiveDatasets::list(m_workspace) : QList<LiveDatasetInfo>();
}

void AppContext::setCurrentDataset(qint64 id)
{
    if (id == m_datasetId || !m_workspace.isOpen() ||
        (!m_workspace.dataset(id) && !LiveDatasets::find(m_workspace, id)))
        return;
    m_datasetId = id;
    m_workspace.setSetting(QStringLiteral("gui.last_dataset"), QString::number(id));
    Q_EMIT datasetChanged(id);
}

void AppContext::notifyDatasetsChanged()
{
    Q_EMIT datasetsChanged();
}

void AppContext::notifyModelRunsChanged(qint64 datasetId)
{
    Q_EMIT modelRunsChanged(datasetId);
}

} // namespace cl
