// ModelRunner: loads a dataset's frame and fits, validates, scores and stores models off the UI
// thread.
#pragma once

#include "regression/DesignMatrix.h"
#include "regression/ModelRun.h"
#include "store/LiveDatasets.h"
#include "store/ModelStore.h"
#include "util/Progress.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>

namespace cl {

class DataFrame;
struct LiveModelFit;

/// What the default model (ModelSpec()) does with a dataset's columns, worked out on the worker.
struct DefaultDesign
{
    std::vector<ExcludedColumn> excluded; ///< columns left out by default, with the reason
    QMap<QString, QString> references;    ///< categorical column -> its reference level
};

/**
 * Keeps one dataset's schema (every column, no rows) and the columns a fit reads (loaded once
 * on a worker with its own Workspace on the same file; a fit that needs more columns loads
 * them on its worker) and runs the fit job there; the run and every client's score are then
 * stored by the worker (ModelStore on its own Workspace). One fit at a time; cancel() asks
 * the running fit to stop at its next iteration. The dataset's stored runs are read with the
 * frame (the newest as a result to show) and again on request. Nothing that grows with the rows
 * or the runs runs on the GUI thread.
 * Thread affinity: GUI thread (signals arrive there). The frame and the last result are
 * shared_ptrs also held by running workers.
 */
class ModelRunner : public QObject
{
    Q_OBJECT
public:
    explicit ModelRunner(QObject *parent = nullptr);
    ~ModelRunner() override;

    /// Loads `datasetId` of the workspace at `workspacePath` (id < 0 clears); ignored when it
    /// is already loaded or loading.
    void setDataset(const QString &workspacePath, qint64 datasetId);
    /// Works on live dataset `info` (issue 14): the schema from its stored description, the
    /// default design from one count on its engine (on a worker; frameLoaded follows, with no
    /// frame); fit() then runs on the engine over every row and stores nothing.
    void setLiveDataset(const LiveDatasetInfo &info);
    /// The live dataset worked on, if the dataset is one.
    const std::optional<LiveDatasetInfo> &live() const { return m_live; }
    /// What the last fit of a live dataset did on its engine (queries, rows, the in-sample
    /// AUC); empty otherwise.
    const QString &liveNote() const { return m_liveNote; }
    /// Writes the targeting list of the last live fit to `path` (on a worker): the best
    /// `topCount` rows (or `topFraction` of them when topCount <= 0) chosen on the engine, its
    /// `columns` (empty: all but the target and duration). liveListWritten follows; false when
    /// no live fit is shown or something runs.
    bool writeLiveTargetList(const QString &path, const QStringList &columns, qint64 topCount,
                             double topFraction);
    qint64 datasetId() const { return m_datasetId; }
    /// The columns loaded for fitting (null until loaded).
    std::shared_ptr<const DataFrame> frame() const { return m_frame; }
    /// Every column of the dataset with its levels, no rows (null until loaded).
    std::shared_ptr<const DataFrame> schema() const { return m_schema; }
    const DefaultDesign &defaultDesign() const { return m_defaultDesign; }
    /// The dataset's stored runs, newest first, as read with the frame or by listRuns().
    const QList<ModelRunRecord> &storedRuns() const { return m_runs; }
    /// The newest stored run as read with the frame (null when none), and its id.
    std::shared_ptr<const ModelRunResult> latestRun() const { return m_latestRun; }
    qint64 latestRunId() const { return m_latestRunId; }
    bool isLoading() const { return m_loading; }
    bool isFitting() const { return m_fitting; }

    /// Starts a fit; false when no frame is loaded or a fit is running.
    bool fit(const ModelRunSettings &settings);
    /// Asks the running fit to stop; fitFinished follows with result->cancelled.
    void cancel();
    /// Reads the dataset's stored runs again on a worker; runsListed follows.
    void listRuns();
    /// Reads stored run `runId` on a worker; storedRunLoaded follows.
    void loadRun(qint64 runId);

Q_SIGNALS:
    void frameLoaded(qint64 datasetId, const QString &error);
    void fitProgressed(double fraction, const QString &phase);
    /// The fit ended: `runId` of the stored run (-1 when not stored; `error` says why).
    void fitFinished(std::shared_ptr<const cl::ModelRunResult> result, qint64 runId,
                     const QString &error);
    void runsListed(const QList<cl::ModelRunRecord> &runs);
    /// writeLiveTargetList() ended: `rows` of `scoredRows` written, or `error`.
    void liveListWritten(qint64 rows, qint64 scoredRows, const QString &path, const QString &error);
    /// A stored run read by loadRun() (null with `error` when it cannot be read).
    void storedRunLoaded(std::shared_ptr<const cl::ModelRunResult> result, qint64 runId,
                         const QString &error);

private:
    static ProgressCallback fitProgress(const QPointer<ModelRunner> &self,
                                        const std::shared_ptr<std::atomic_bool> &cancel);
    bool fitLive(const ModelRunSettings &settings);

    QString m_workspacePath;
    qint64 m_datasetId = -1;
    quint64 m_generation = 0;
    std::shared_ptr<const DataFrame> m_frame;
    std::shared_ptr<const DataFrame> m_schema;
    DefaultDesign m_defaultDesign;
    QList<ModelRunRecord> m_runs;
    std::shared_ptr<const ModelRunResult> m_latestRun;
    qint64 m_latestRunId = -1;
    std::optional<LiveDatasetInfo> m_live;
    QString m_liveNote;
    /// The last live fit (its design and estimates: what the targeting list scores by).
    std::shared_ptr<const LiveModelFit> m_liveFit;
    ModelSpec m_liveSpec;
    bool m_loading = false;
    bool m_fitting = false;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace cl
