// ModelRunner: frame loading, model fits and their storage on QtConcurrent workers.
#include "ModelRunner.h"

#include "data/DataFrame.h"
#include "jobs/FitJob.h"
#include "store/FrameLoader.h"
#include "store/Workspace.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace cl {

namespace {

struct LoadOutcome
{
    std::shared_ptr<const DataFrame> frame;
    QString error;
};

struct FitOutcome
{
    std::shared_ptr<const ModelRunResult> result;
    qint64 runId = -1;
    QString error;
};

} // namespace

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
    m_workspacePath = workspacePath;
    m_datasetId = datasetId;
    m_frame.reset();
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
        Q_EMIT frameLoaded(m_datasetId, outcome.error);
    });
    watcher->setFuture(QtConcurrent::run([workspacePath, datasetId] {
        LoadOutcome outcome;
        outcome.frame = loadSharedFrame(workspacePath, datasetId, &outcome.error);
        return outcome;
    }));
}

bool ModelRunner::fit(const ModelRunSettings &settings)
{
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
        Q_EMIT fitFinished(outcome.result, outcome.runId, outcome.error);
    });
    const QPointer<ModelRunner> self(this);
    const auto cancelFlag = m_cancel;
    const auto frame = m_frame;
    const QString path = m_workspacePath;
    const qint64 datasetId = m_datasetId;
    watcher->setFuture(QtConcurrent::run([=] {
        FitOutcome outcome;
        int lastPercent = -1;
        const ProgressCallback progress = [&](double fraction, const QString &phase) {
            // After cancel() (also from the destructor) nothing more is posted to the runner.
            if (cancelFlag->load())
                return false;
            const int percent = int(fraction * 100);
            if (percent != lastPercent) {
                lastPercent = percent;
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
        FitJobConfig job;
        job.workspacePath = path;
        job.datasetId = datasetId;
        job.settings = settings;
        job.frame = frame;
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

void ModelRunner::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

} // namespace cl
