// Runs imports (and the demo data set-up) on a worker thread, with progress and cancel.
#include "ImportRunner.h"

#include "jobs/ImportJob.h"
#include "source/Sha256.h"
#include "store/Workspace.h"
#include "util/WorkerPool.h"

#include <QDir>
#include <QFileInfo>

namespace cl {

ImportRunner::ImportRunner(const QString &workspacePath, QObject *parent)
    : QObject(parent), m_workspacePath(workspacePath), m_shared(std::make_shared<Shared>())
{
    connect(&m_importWatcher, &QFutureWatcher<ImportResult>::finished, this,
            [this] { Q_EMIT importFinished(m_importWatcher.result()); });
    connect(&m_checkWatcher, &QFutureWatcher<QPair<qint64, QString>>::finished, this, [this] {
        const auto found = m_checkWatcher.result();
        Q_EMIT existingChecked(found.first, found.second);
    });
}

ImportRunner::~ImportRunner()
{
    cancel();
    m_importWatcher.waitForFinished();
    m_checkWatcher.waitForFinished();
}

bool ImportRunner::isRunning() const
{
    return m_importWatcher.isRunning() || m_checkWatcher.isRunning();
}

void ImportRunner::cancel()
{
    m_shared->cancel = true;
}

ProgressCallback ImportRunner::makeProgress(double from, double to)
{
    // Runs on the worker: emits at most one signal per 0.1% so the GUI queue stays short.
    std::shared_ptr<Shared> shared = m_shared;
    return [this, shared, from, to](double fraction, const QString &phase) {
        const double f = from + (to - from) * std::clamp(fraction, 0.0, 1.0);
        const int permille = int(f * 1000);
        if (shared->lastPermille.exchange(permille) != permille)
            Q_EMIT progressed(f, phase);
        return !shared->cancel.load();
    };
}

void ImportRunner::checkExisting(const QString &path)
{
    m_shared->cancel = false;
    const QString wsPath = m_workspacePath;
    m_checkWatcher.setFuture(runInBackground([wsPath, path]() -> QPair<qint64, QString> {
        const QString sha = sha256OfFile(path);
        Workspace ws;
        if (sha.isEmpty() || !ws.open(wsPath))
            return {-1, QString()};
        const auto found = ws.findByFingerprint(sha);
        return found ? qMakePair(found->id, found->name) : qMakePair(qint64(-1), QString());
    }));
}

void ImportRunner::watch(QFuture<ImportResult> future)
{
    m_importWatcher.setFuture(future);
}

void ImportRunner::startImport(const ImportOptions &options,
                               const std::function<std::unique_ptr<RecordSource>()> &source)
{
    m_shared->cancel = false;
    m_shared->lastPermille = -1;
    const QString wsPath = m_workspacePath;
    const ProgressCallback progress = makeProgress(0.0, 1.0);
    watch(runInBackground([wsPath, options, progress, source] {
        return runImportJob({wsPath, options, source}, progress);
    }));
}

void ImportRunner::startDemo(qint64 rows)
{
    m_shared->cancel = false;
    m_shared->lastPermille = -1;
    DemoJobConfig job;
    job.workspacePath = m_workspacePath;
    job.demo.rows = rows;
    const ProgressCallback progress = makeProgress(0.0, 1.0);
    watch(runInBackground([job, progress] { return runDemoJob(job, progress); }));
}

} // namespace cl
