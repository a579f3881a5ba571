// SegmentRunner: frame loading and segment queries on the worker pool.
#include "SegmentRunner.h"

#include "data/DataFrame.h"
#include "segments/SegmentEngine.h"
#include "store/FrameLoader.h"
#include "store/Workspace.h"
#include "util/WorkerPool.h"
#include "warehouse/LiveDataset.h"
#include "warehouse/LiveModel.h"

#include <QFutureWatcher>

namespace cl {

namespace {

struct LoadOutcome
{
    std::shared_ptr<const DataFrame> frame;
    QString error;
};

LoadOutcome loadOnWorker(const QString &path, qint64 datasetId)
{
    LoadOutcome out;
    out.frame = loadSharedFrame(path, datasetId, &out.error, FrameColumns::Categorical);
    return out;
}

} // namespace

SegmentRunner::SegmentRunner(QObject *parent) : QObject(parent) {}

SegmentRunner::~SegmentRunner() = default;

void SegmentRunner::setLiveDataset(const LiveDatasetInfo &info)
{
    if (m_live && m_live->id == info.id && m_datasetId == info.id)
        return;
    ++m_generation;
    m_workspacePath.clear();
    m_datasetId = info.id;
    m_frame.reset();
    m_loadError.clear();
    m_pending.reset();
    m_running = false;
    m_loading = false;
    m_live = info;
    m_schema = std::make_shared<const DataFrame>(LiveModel::schema(info));
    Q_EMIT loadStarted(info.id);
    Q_EMIT frameLoaded(info.id, QString());
}

void SegmentRunner::setDataset(const QString &workspacePath, qint64 datasetId)
{
    if (!m_live && datasetId == m_datasetId && workspacePath == m_workspacePath &&
        (m_frame || m_loading))
        return;
    m_live.reset();
    m_schema.reset();
    ++m_generation;
    m_workspacePath = workspacePath;
    m_datasetId = datasetId;
    m_frame.reset();
    m_loadError.clear();
    m_pending.reset();
    m_running = false;
    m_loading = datasetId >= 0;
    if (!m_loading)
        return;
    Q_EMIT loadStarted(datasetId);
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<LoadOutcome>(this);
    connect(watcher, &QFutureWatcher<LoadOutcome>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        const LoadOutcome out = watcher->result();
        m_loading = false;
        m_frame = out.frame;
        m_loadError = out.error;
        Q_EMIT frameLoaded(m_datasetId, m_loadError);
        if (m_frame && m_pending) {
            const SegmentQuery query = *m_pending;
            m_pending.reset();
            startQuery(query);
        }
    });
    watcher->setFuture(runInBackground(
        [workspacePath, datasetId] { return loadOnWorker(workspacePath, datasetId); }));
}

QStringList SegmentRunner::categoricalColumns() const
{
    const std::shared_ptr<const DataFrame> &f = m_live ? m_schema : m_frame;
    return f ? SegmentEngine(*f).categoricalColumns() : QStringList();
}

QStringList SegmentRunner::levels(const QString &column) const
{
    const std::shared_ptr<const DataFrame> &f = m_live ? m_schema : m_frame;
    const FrameColumn *c = f ? f->column(column) : nullptr;
    return c && c->isCategorical() ? c->levels : QStringList();
}

void SegmentRunner::run(const SegmentQuery &query)
{
    if (!hasFrame() || m_running) {
        m_pending = query;
        return;
    }
    startQuery(query);
}

void SegmentRunner::startQuery(const SegmentQuery &query)
{
    m_running = true;
    Q_EMIT queryStarted();
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<SegmentResult>(this);
    connect(watcher, &QFutureWatcher<SegmentResult>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_running = false;
        if (m_pending) {
            // A newer request came in meanwhile: this answer is already out of date.
            const SegmentQuery next = *m_pending;
            m_pending.reset();
            startQuery(next);
            return;
        }
        Q_EMIT resultReady(watcher->result());
    });
    if (m_live) {
        // One GROUP BY on the engine; the statistics are SegmentEngine's, as for a local one.
        watcher->setFuture(runInBackground([info = *m_live, query] {
            QString error;
            const std::unique_ptr<WarehouseConnection> conn = openWarehouse(info.url, &error);
            if (!conn) {
                SegmentResult failed;
                failed.error = error;
                return failed;
            }
            LiveSegments live = LiveDataset::segments(*conn, info, query);
            if (live.result.ok && !live.changed.isEmpty())
                live.result.warnings << live.changed;
            return live.result;
        }));
        return;
    }
    std::shared_ptr<const DataFrame> frame = m_frame;
    watcher->setFuture(
        runInBackground([frame, query] { return SegmentEngine(*frame).run(query); }));
}

} // namespace cl
