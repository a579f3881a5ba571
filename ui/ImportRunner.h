// Runs imports (and the demo data set-up) on a worker thread, with progress and cancel.
#pragma once

#include "import/ImportOptions.h"
#include "import/ImportResult.h"
#include "util/Progress.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace cl {

class RecordSource;

/**
 * One job at a time on a pool thread. The worker opens its own Workspace on the same
 * path (a Workspace belongs to the thread that opened it) and reports back with signals.
 * Thread affinity: GUI thread (signals arrive there). Destroying it cancels the job and
 * waits for it to stop.
 */
class ImportRunner : public QObject
{
    Q_OBJECT
public:
    explicit ImportRunner(const QString &workspacePath, QObject *parent = nullptr);
    ~ImportRunner() override;

    bool isRunning() const;
    /// Hashes the file and looks for an earlier import of it; ends with existingChecked.
    void checkExisting(const QString &path);
    /// Imports; ends with importFinished. `source`, when given, makes the records' source on
    /// the worker (a warehouse table's snapshot); else the CSV file at options.path.
    void startImport(const ImportOptions &options,
                     const std::function<std::unique_ptr<RecordSource>()> &source = {});
    /// Generates the synthetic demo file under the workspace folder (once) and imports it
    /// as "synthetic demo data", reusing an earlier import; ends with importFinished.
    void startDemo(qint64 rows = 41188);
    /// Asks the running job to stop; it undoes itself and ends with status Cancelled.
    void cancel();

    /// Where the demo file of `rows` rows lives for a workspace.

Q_SIGNALS:
    /// fraction in [0, 1]; phase is a short text ("Reading", "Writing", ...).
    void progressed(double fraction, const QString &phase);
    /// datasetId -1 when the file was not imported before.
    void existingChecked(qint64 datasetId, const QString &datasetName);
    void importFinished(const cl::ImportResult &result);

private:
    struct Shared
    {
        std::atomic<bool> cancel{false};
        std::atomic<int> lastPermille{-1};
    };
    ProgressCallback makeProgress(double from, double to);
    void watch(QFuture<ImportResult> future);

    QString m_workspacePath;
    std::shared_ptr<Shared> m_shared;
    QFutureWatcher<ImportResult> m_importWatcher;
    QFutureWatcher<QPair<qint64, QString>> m_checkWatcher;
};

} // namespace cl
