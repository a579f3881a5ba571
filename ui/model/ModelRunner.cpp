// ModelRunner: frame loading, model fits and their storage on the worker pool.
#include "ModelRunner.h"

#include "data/DataFrame.h"
#include "jobs/FitJob.h"
#include "store/FrameLoader.h"
#include "store/Workspace.h"
#include "util/WorkerPool.h"
#include "warehouse/LiveModel.h"

#include <QFutureWatcher>
#include <QPointer>

namespace cl {

namespace {

struct LoadOutcome
{
    std::shared_ptr<const DataFrame> frame;
    std::shared_ptr<const DataFrame> schema;
    DefaultDesign defaults;
    QList<ModelRunRecord> runs;
    std::shared_ptr<const ModelRunResult> latest;
    qint64 latestId = -1;
    QString error;
};

struct StoredOutcome
{
    std::shared_ptr<const ModelRunResult> result;
    QList<ModelRunRecord> runs;
    QString error;
};

std::shared_ptr<const ModelRunResult> resultOf(const ModelRunRecord &run)
{
    return std::make_shared<const ModelRunResult>(
        ModelRunResult::fromStored(run.settings, run.metrics, run.coefficients));
}

struct FitOutcome
{
    QString liveNote;
    std::shared_ptr<const LiveModelFit> liveFit;
    std::shared_ptr<const ModelRunResult> result;
    std::shared_ptr<const DataFrame> frame; ///< the columns the fit read
    qint64 runId = -1;
    QString error;
};

bool holdsAll(const DataFrame &frame, const QStringList &columns)
{
    for (const QString &c : columns)
        if (!frame.column(c))
            return false;
    return true;
}

} // namespace

/// A worker's progress callback: posts fitProgressed to `self` once per percent, and stops
/// the work once `cancel` is set (after cancel(), also from the destructor, nothing more is
/// posted to the runner).
ProgressCallback ModelRunner::fitProgress(const QPointer<ModelRunner> &self,
                                          const std::shared_ptr<std::atomic_bool> &cancel)
{
    auto lastPercent = std::make_shared<int>(-1);
    return [self, cancel, lastPercent](double fraction, const QString &phase) {
        if (cancel->load())
            return false;
        const int percent = int(fraction * 100);
        if (percent != *lastPercent) {
            *lastPercent = percent;
            QMetaObject::invokeMethod(
                self,
                [self, fraction, phase] {
                    if (self)
                        Q_EMIT self->fitProgressed(fraction, phase);
                },
                Qt::QueuedConnection);
        }
        return true;
    };
}

ModelRunner::ModelRunner(QObject *parent) : QObject(parent) {}

ModelRunner::~ModelRunner()
{
    cancel();
}

void ModelRunner::setDataset(const QString &workspacePath, qint64 datasetId)
{
    if (datasetId == m_datasetId && workspacePath == m_workspacePath && (m_frame || m_loading))
        return;
    cancel();
    m_live.reset();
    m_workspacePath = workspacePath;
    m_datasetId = datasetId;
    m_frame.reset();
    m_runs.clear();
    m_latestRun.reset();
    m_latestRunId = -1;
    const quint64 generation = ++m_generation;
    if (datasetId < 0) {
        m_loading = false;
        return;
    }
    m_loading = true;
    auto *watcher = new QFutureWatcher<LoadOutcome>(this);
    connect(watcher, &QFutureWatcher<LoadOutcome>::finished, this, [this, watcher, generation] {
        const LoadOutcome outcome = watcher->result();
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_loading = false;
        m_frame = outcome.frame;
        m_schema = outcome.schema;
        m_defaultDesign = outcome.defaults;
        m_runs = outcome.runs;
        m_latestRun = outcome.latest;
        m_latestRunId = outcome.latestId;
        Q_EMIT frameLoaded(m_datasetId, outcome.error);
    });
    watcher->setFuture(runInBackground([workspacePath, datasetId] {
        LoadOutcome outcome;
        Workspace workspace;
        if (!workspace.open(workspacePath, &outcome.error, Workspace::Access::ReadOnly))
            return outcome;
        std::optional<DataFrame> schema = loadFrameSchema(workspace, datasetId, &outcome.error);
        if (!schema)
            return outcome;
        outcome.schema = std::make_shared<const DataFrame>(std::move(*schema));
        // The columns the default fit reads; a fit with other settings loads what it lacks.
        std::optional<DataFrame> frame = loadFrame(
            workspace, datasetId, fitColumns(*outcome.schema, ModelRunSettings()), &outcome.error);
        if (!frame)
            return outcome;
        outcome.frame = std::make_shared<const DataFrame>(std::move(*frame));
        outcome.defaults.excluded = excludedColumns(*outcome.schema, ModelSpec());
        for (const DesignTerm &t : buildDesign(*outcome.frame, ModelSpec()).terms)
            if (t.kind == DesignTerm::Kind::Level)
                outcome.defaults.references.insert(t.column, t.reference);
        // The runs stored in earlier sessions: the newest is shown as after its fit.
        outcome.runs = ModelStore(workspace).runs(datasetId);
        if (!outcome.runs.isEmpty()) {
            outcome.latestId = outcome.runs.front().id;
            outcome.latest = resultOf(outcome.runs.front());
        }
        return outcome;
    }));
}

void ModelRunner::setLiveDataset(const LiveDatasetInfo &info)
{
    if (m_live && m_live->id == info.id && (m_schema || m_loading))
        return;
    cancel();
    m_live = info;
    m_workspacePath.clear();
    m_datasetId = info.id;
    m_frame.reset();
    m_schema.reset();
    m_runs.clear();
    m_latestRun.reset();
    m_latestRunId = -1;
    m_liveNote.clear();
    m_liveFit.reset();
    const quint64 generation = ++m_generation;
    m_loading = true;
    auto *watcher = new QFutureWatcher<LoadOutcome>(this);
    connect(watcher, &QFutureWatcher<LoadOutcome>::finished, this, [this, watcher, generation] {
        const LoadOutcome outcome = watcher->result();
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_loading = false;
        m_schema = outcome.error.isEmpty() ? outcome.schema : nullptr;
        m_defaultDesign = outcome.defaults;
        Q_EMIT frameLoaded(m_datasetId, outcome.error);
    });
    watcher->setFuture(runInBackground([info] {
        LoadOutcome outcome;
        outcome.schema = std::make_shared<const DataFrame>(LiveModel::schema(info));
        const std::unique_ptr<WarehouseConnection> conn = openWarehouse(info.url, &outcome.error);
        if (!conn)
            return outcome;
        // The default model's terms: its reference levels are the most frequent ones.
        const LiveModelFit design = LiveModel::design(*conn, info, ModelSpec());
        if (!design.error.isEmpty()) {
            outcome.error = design.error;
            return outcome;
        }
        outcome.defaults.excluded = design.design.excluded;
        for (const DesignTerm &t : design.design.terms)
            if (t.kind == DesignTerm::Kind::Level)
                outcome.defaults.references.insert(t.column, t.reference);
        return outcome;
    }));
}

bool ModelRunner::fit(const ModelRunSettings &settings)
{
    if (m_live && m_schema && !m_fitting)
        return fitLive(settings);
    if (!m_frame || m_fitting)
        return false;
    m_fitting = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<FitOutcome>(this);
    connect(watcher, &QFutureWatcher<FitOutcome>::finished, this, [this, watcher, generation] {
        const FitOutcome outcome = watcher->result();
        watcher->deleteLater();
        m_fitting = false;
        if (generation != m_generation)
            return;
        if (outcome.frame)
            m_frame = outcome.frame; // the next fit with these columns reads them from memory
        Q_EMIT fitFinished(outcome.result, outcome.runId, outcome.error);
    });
    const QPointer<ModelRunner> self(this);
    const auto cancelFlag = m_cancel;
    const auto frame = m_frame;
    const auto schema = m_schema;
    const QString path = m_workspacePath;
    const qint64 datasetId = m_datasetId;
    watcher->setFuture(runInBackground([=] {
        FitOutcome outcome;
        const ProgressCallback progress = fitProgress(self, cancelFlag);
        FitJobConfig job;
        job.workspacePath = path;
        job.datasetId = datasetId;
        job.settings = settings;
        job.frame = frame;
        job.schema = schema;
        if (schema && !holdsAll(*frame, fitColumns(*schema, settings))) {
            progress(0.0, tr("Loading the columns these settings use..."));
            job.frame =
                loadSharedFrame(path, datasetId, fitColumns(*schema, settings), &outcome.error);
            if (!job.frame)
                return outcome;
        }
        outcome.frame = job.frame;
        FitJobResult fitted = runFitJob(job, progress);
        auto result = std::move(fitted.result);
        outcome.runId = fitted.runId;
        if (!fitted.cancelled && !fitted.error.isEmpty())
            outcome.error = fitted.error; // a failed fit, or one that was not stored
        outcome.result = std::move(result);
        return outcome;
    }));
    return true;
}

bool ModelRunner::fitLive(const ModelRunSettings &settings)
{
    m_fitting = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<FitOutcome>(this);
    connect(watcher, &QFutureWatcher<FitOutcome>::finished, this, [this, watcher, generation] {
        const FitOutcome outcome = watcher->result();
        watcher->deleteLater();
        m_fitting = false;
        if (generation != m_generation)
            return;
        m_liveNote = outcome.liveNote;
        if (outcome.liveFit) {
            m_liveFit = outcome.liveFit;
            m_liveSpec = outcome.result->settings.spec;
        }
        Q_EMIT fitFinished(outcome.result, -1, outcome.error);
    });
    const QPointer<ModelRunner> self(this);
    const auto cancelFlag = m_cancel;
    const LiveDatasetInfo info = *m_live;
    watcher->setFuture(runInBackground([=] {
        FitOutcome outcome;
        const ProgressCallback progress = fitProgress(self, cancelFlag);
        auto result = std::make_shared<ModelRunResult>();
        result->settings = settings;
        // On the engine: rows held out by RowHash, or none; no penalty or scaling for a live
        // dataset (the view offers none, and LiveModel refuses them).
        outcome.result = result;
        const std::unique_ptr<WarehouseConnection> conn = openWarehouse(info.url, &outcome.error);
        if (!conn) {
            result->error = outcome.error;
            return outcome;
        }
        LiveRun run = LiveModel::run(*conn, info, settings, progress);
        *result = std::move(run.result);
        result->cancelled = result->cancelled || cancelFlag->load();
        const auto liveFit = std::make_shared<const LiveModelFit>(std::move(run.fit));
        const LiveModelFit &live = *liveFit;
        const LiveEvaluation &evaluation = run.evaluation;
        if (result->cancelled)
            return outcome;
        if (!result->ok()) { // the fit failed, or its held-out rows were not evaluated
            outcome.error = result->error;
            return outcome;
        }
        const double held = live.testFraction;
        const QString engine = conn->engine();
        const int queries = live.queries + evaluation.queries;
        if (held > 0) {
            outcome.liveNote =
                tr("Fitted on %1 over %L2 clients of %3 in %4 aggregate queries; %L5 clients "
                   "chosen by a hash of their values were held out to test it. The rows stayed "
                   "on the server and nothing is stored.")
                    .arg(engine)
                    .arg(qlonglong(live.fit.rows))
                    .arg(info.table)
                    .arg(queries)
                    .arg(live.heldOutRows);
        } else {
            outcome.liveNote =
                tr("Fitted on %1 over every row of %2 (%L3 clients) in %4 aggregate queries; the "
                   "rows stayed on the server and nothing is stored. No rows were held out, so "
                   "there are no held-out metrics: choose the split by row hash for those.")
                    .arg(engine, info.table)
                    .arg(qlonglong(live.fit.rows))
                    .arg(queries);
            if (evaluation.ok())
                outcome.liveNote +=
                    QLatin1Char(' ') +
                    tr("On the rows it was fitted on (optimistic) it ranks with AUC %1.")
                        .arg(QLocale().toString(evaluation.metrics.auc.auc, 'f', 3));
        }
        if (!live.changed.isEmpty())
            outcome.liveNote += QLatin1Char(' ') + live.changed;
        if (!result->cancelled)
            outcome.liveFit = liveFit;
        return outcome;
    }));
    return true;
}

bool ModelRunner::writeLiveTargetList(const QString &path, const QStringList &columns,
                                      qint64 topCount, double topFraction)
{
    if (!m_live || !m_liveFit || m_fitting)
        return false;
    m_fitting = true; // one engine job at a time: Fit waits for the list
    const quint64 generation = m_generation;
    struct Written
    {
        qint64 rows = -1, scored = 0;
        QString error;
    };
    auto *watcher = new QFutureWatcher<Written>(this);
    connect(watcher, &QFutureWatcher<Written>::finished, this, [this, watcher, generation, path] {
        const Written w = watcher->result();
        watcher->deleteLater();
        m_fitting = false;
        if (generation == m_generation)
            Q_EMIT liveListWritten(w.rows, w.scored, path, w.error);
    });
    watcher->setFuture(runInBackground(
        [info = *m_live, fit = m_liveFit, spec = m_liveSpec, path, columns, topCount, topFraction] {
            Written w;
            const std::unique_ptr<WarehouseConnection> conn = openWarehouse(info.url, &w.error);
            if (!conn)
                return w;
            const LiveTargetList list =
                LiveModel::targetList(*conn, info, spec, *fit, columns, topCount, topFraction);
            if (!list.error.isEmpty()) {
                w.error = list.error;
                return w;
            }
            if (!LiveModel::writeTargetList(list, path, &w.error))
                return w;
            w.rows = qint64(list.rows.size());
            w.scored = list.scoredRows;
            return w;
        }));
    return true;
}

void ModelRunner::listRuns()
{
    if (m_datasetId < 0)
        return;
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<StoredOutcome>(this);
    connect(watcher, &QFutureWatcher<StoredOutcome>::finished, this, [this, watcher, generation] {
        const StoredOutcome outcome = watcher->result();
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_runs = outcome.runs;
        Q_EMIT runsListed(m_runs);
    });
    watcher->setFuture(runInBackground([path = m_workspacePath, datasetId = m_datasetId] {
        StoredOutcome outcome;
        Workspace workspace;
        if (workspace.open(path, &outcome.error, Workspace::Access::ReadOnly))
            outcome.runs = ModelStore(workspace).runs(datasetId);
        return outcome;
    }));
}

void ModelRunner::loadRun(qint64 runId)
{
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<StoredOutcome>(this);
    connect(watcher, &QFutureWatcher<StoredOutcome>::finished, this,
            [this, watcher, generation, runId] {
                const StoredOutcome outcome = watcher->result();
                watcher->deleteLater();
                if (generation == m_generation)
                    Q_EMIT storedRunLoaded(outcome.result, runId, outcome.error);
            });
    watcher->setFuture(runInBackground([path = m_workspacePath, runId] {
        StoredOutcome outcome;
        Workspace workspace;
        if (!workspace.open(path, &outcome.error, Workspace::Access::ReadOnly))
            return outcome;
        if (const std::optional<ModelRunRecord> run = ModelStore(workspace).run(runId))
            outcome.result = resultOf(*run);
        else
            outcome.error = tr("model run %1 is not in the workspace").arg(runId);
        return outcome;
    }));
}

void ModelRunner::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

} // namespace cl
