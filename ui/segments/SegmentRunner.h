// Loads a dataset's frame once on a worker and runs segmentations on it off the UI thread.
#pragma once

#include "segments/SegmentQuery.h"
#include "segments/SegmentResult.h"
#include "store/LiveDatasets.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace cl {

class DataFrame;

/**
 * Keeps the DataFrame of one dataset, loaded once on a worker thread (its own Workspace
 * on the same file) and then shared read-only with the query workers. Queries run with
 * QtConcurrent; while one runs, only the newest request waits, so fast edits never pile
 * up, and results of superseded requests or datasets are dropped.
 * Thread affinity: GUI thread (signals arrive there). Owns the frame through a shared_ptr
 * that running workers also hold, so a dataset switch never frees a frame in use.
 */
class SegmentRunner : public QObject
{
    Q_OBJECT
public:
    explicit SegmentRunner(QObject *parent = nullptr);
    ~SegmentRunner() override;

    /// Starts loading `datasetId` of the workspace at `workspacePath` (id < 0 clears).
    /// Pending queries are dropped; ignored when that dataset is already loaded or loading.
    void setDataset(const QString &workspacePath, qint64 datasetId);
    /// A live dataset instead: its columns and levels come from what connect stored, and each
    /// segmentation is one GROUP BY on its engine (a read-only session per query, on a worker).
    /// frame() stays null (no rows are here); hasFrame() is true.
    void setLiveDataset(const LiveDatasetInfo &info);
    bool isLive() const { return m_live.has_value(); }
    qint64 datasetId() const { return m_datasetId; }

    bool isLoading() const { return m_loading; }
    bool isRunning() const { return m_running; }
    bool hasFrame() const { return bool(m_frame) || bool(m_schema); }
    /// The loaded frame; nullptr while loading or on error.
    std::shared_ptr<const DataFrame> frame() const { return m_frame; }
    /// SegmentEngine::categoricalColumns() of the loaded frame.
    QStringList categoricalColumns() const;
    /// Levels of a categorical column of the loaded frame, in code order.
    QStringList levels(const QString &column) const;
    QString loadError() const { return m_loadError; }

    /// Queues a segmentation; resultReady follows unless a newer request supersedes it.
    void run(const SegmentQuery &query);

Q_SIGNALS:
    void loadStarted(qint64 datasetId);
    /// The frame is in (error empty) or could not be read (error says why).
    void frameLoaded(qint64 datasetId, const QString &error);
    void queryStarted();
    void resultReady(const cl::SegmentResult &result);

private:
    void startQuery(const SegmentQuery &query);

    QString m_workspacePath;
    qint64 m_datasetId = -1;
    quint64 m_generation = 0; ///< bumped per dataset switch; stale workers' results are dropped
    std::shared_ptr<const DataFrame> m_frame;
    std::optional<LiveDatasetInfo> m_live;
    std::shared_ptr<const DataFrame> m_schema; ///< a live dataset's columns, no rows
    QString m_loadError;
    bool m_loading = false;
    bool m_running = false;
    std::optional<SegmentQuery> m_pending;
};

} // namespace cl
