// Runs imports (and the demo data set-up) on a worker thread, with progress and cancel.
#include "ImportRunner.h"

#include "demo/DemoDataGenerator.h"
#include "import/CsvImporter.h"
#include "import/Sha256.h"
#include "store/Workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

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

QString ImportRunner::demoFilePath(const QString &workspacePath, qint64 rows, quint64 seed)
{
    return QStringLiteral("%1/demo-data/synthetic-bank-%2-seed%3.csv")
        .arg(QFileInfo(workspacePath).absolutePath())
        .arg(rows)
        .arg(seed);
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
    m_checkWatcher.setFuture(QtConcurrent::run([wsPath, path]() -> QPair<qint64, QString> {
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

void ImportRunner::startImport(const ImportOptions &options)
{
    m_shared->cancel = false;
    m_shared->lastPermille = -1;
    const QString wsPath = m_workspacePath;
    const ProgressCallback progress = makeProgress(0.0, 1.0);
    watch(QtConcurrent::run([wsPath, options, progress] {
        Workspace ws;
        QString error;
        if (!ws.open(wsPath, &error)) {
            ImportResult r;
            r.error = error;
            return r;
        }
        return CsvImporter(ws).run(options, progress);
    }));
}

void ImportRunner::startDemo(qint64 rows)
{
    m_shared->cancel = false;
    m_shared->lastPermille = -1;
    DemoOptions demo;
    demo.rows = rows;
    const QString file = demoFilePath(m_workspacePath, demo.rows, demo.seed);
    const QString wsPath = m_workspacePath;
    const ProgressCallback generating = makeProgress(0.0, 0.4);
    const ProgressCallback importing = makeProgress(0.4, 1.0);
    watch(QtConcurrent::run([wsPath, file, demo, generating, importing] {
        ImportResult r;
        // Always regenerated (well under a second): a cached file could predate a generator
        // change. Importing the same bytes again is recognised by their SHA-256 and reused.
        // writeFile is atomic: a cancelled or failed run leaves no partial file behind.
        QDir().mkpath(QFileInfo(file).absolutePath());
        QString error;
        if (!DemoDataGenerator::writeFile(file, demo, generating, &error)) {
            const bool cancelled = !generating(0.0, QString());
            r.status = cancelled ? ImportStatus::Cancelled : ImportStatus::Failed;
            r.error = QStringLiteral("%1: cannot write the demo data: %2").arg(file, error);
            return r;
        }
        Workspace ws;
        if (!ws.open(wsPath, &r.error))
            return r;
        ImportOptions options;
        options.path = file;
        options.name = DemoDataGenerator::datasetName();
        options.synthetic = true;
        options.reuseExisting = true;
        return CsvImporter(ws).run(options, importing);
    }));
}

} // namespace cl
