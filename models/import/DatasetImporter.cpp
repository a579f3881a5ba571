// DatasetImporter: a parser thread turns a source's records into typed batches (ImportPlan),
// the calling thread counts repeated rows and writes the batches to SQLite (DatasetWriter)
// inside one transaction.
#include "DatasetImporter.h"

#include "BatchQueue.h"
#include "ImportPlan.h"
#include "RecordHashSet.h"
#include "source/RecordSource.h"
#include "store/DatasetWriter.h"
#include "store/Workspace.h"
#include "util/MessageText.h"

#include <QElapsedTimer>

#include <algorithm>
#include <atomic>
#include <thread>

namespace cl {

namespace {

constexpr int kBatchRows = 1024;
constexpr size_t kQueueDepth = 4;
constexpr int kMaxRawRejectText = 4096;

QString fromUtf8(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

class ImportRun
{
public:
    ImportRun(Workspace &ws, RecordSource &source, const ImportOptions &options,
              const ProgressCallback &progress)
        : m_ws(ws), m_source(source), m_options(options), m_progress(progress)
    {
    }
    ImportResult run();

private:
    void parseLoop(ImportPlan &plan, DatasetWriter &writer);
    ImportResult fail(const QString &message);
    ImportResult cancelled();
    ImportResult reused(const DatasetInfo &existing, const QElapsedTimer &timer);
    QString busyMessage(const DatasetWriter &writer) const;

    Workspace &m_ws;
    RecordSource &m_source;
    const ImportOptions &m_options;
    ProgressCallback m_progress;
    ImportResult m_result;
    BatchQueue<ImportBatch> m_queue{kQueueDepth};
    std::atomic<bool> m_cancel{false};
    // Written by the parser thread, read after it has joined.
    QString m_fatalError;  ///< strict mode: the first rejected row
    QString m_firstReject; ///< "line N: reason" of the first rejected row
};

ImportResult ImportRun::fail(const QString &message)
{
    m_result.status = ImportStatus::Failed;
    m_result.error = message;
    m_result.datasetId = -1;
    return m_result;
}

ImportResult ImportRun::cancelled()
{
    m_result.status = ImportStatus::Cancelled;
    m_result.datasetId = -1;
    return m_result;
}

ImportResult ImportRun::reused(const DatasetInfo &existing, const QElapsedTimer &timer)
{
    m_result.status = ImportStatus::Reused;
    m_result.datasetId = existing.id;
    m_result.dataLines = existing.dataLines;
    m_result.rowsRead = existing.rowsRead;
    m_result.rowsRejected = existing.rowsRejected;
    m_result.subscribers = existing.subscribers;
    m_result.layout = existing.layout;
    m_result.warnings = QualitySummary::fromJson(existing.quality).warnings;
    m_result.seconds = double(timer.elapsed()) / 1000.0;
    return m_result;
}

QString ImportRun::busyMessage(const DatasetWriter &writer) const
{
    const QString name = m_source.name();
    if (!writer.busy())
        return englishText(Message::CannotStartWritingError).arg(name, writer.lastError());
    return englishText(Message::ImportBusyError)
        .arg(name, m_ws.path(),
             m_options.writerWaitMs > 0
                 ? englishText(Message::ImportWaitedWord).arg(m_options.writerWaitMs / 1000)
                 : QString());
}

void ImportRun::parseLoop(ImportPlan &plan, DatasetWriter &writer)
{
    ImportBatch batch;
    QString reason;
    SourceRecord record;
    auto newBatch = [&] {
        batch = m_queue.spare();
        batch.cells.reserve(size_t(kBatchRows) * size_t(plan.rowWidth()));
        batch.remaindersUsed.resize(size_t(plan.remainderCount()), 0);
    };
    auto flush = [&](bool force) {
        const bool full = batch.rows >= kBatchRows || batch.rejects.size() >= 1024;
        if (full || (force && (batch.rows > 0 || !batch.rejects.empty()))) {
            batch.bytesConsumed = m_source.position();
            writer.encodeColumns(batch); // the chunks it completes, while it is in this cache
            m_queue.push(std::move(batch));
            newBatch();
        }
    };
    auto reject = [&](int64_t line, const QString &why, std::string_view raw) {
        if (m_firstReject.isEmpty())
            m_firstReject = englishText(Message::LineProblem).arg(QString::number(line), why);
        QString text = fromUtf8(raw.substr(0, kMaxRawRejectText));
        if (raw.size() > size_t(kMaxRawRejectText))
            text += QStringLiteral("…");
        batch.rejects.push_back({line, why, text});
        if (m_options.strict && m_fatalError.isEmpty())
            m_fatalError = englishText(Message::FileLineProblem)
                               .arg(m_source.name(), QString::number(line), why);
    };

    newBatch();
    while (!m_cancel && m_fatalError.isEmpty() && m_source.next(record)) {
        if (!record.problem.isEmpty()) {
            plan.addUnreadable();
            reject(record.position, record.problem, record.raw);
        } else if (!plan.addRecord(*record.fields, batch, &reason)) {
            reject(record.position, reason, record.raw);
            if (plan.tooManyLevels() && m_fatalError.isEmpty())
                m_fatalError = englishText(Message::FileLineProblem)
                                   .arg(m_source.name(), QString::number(record.position), reason);
        } else {
            batch.hashes.push_back(record.hash);
        }
        flush(false);
    }
    // Stopped early (a fatal reject, a cancel) or at the end: the source's reading ends on
    // this thread, which began it.
    m_source.doneReading();
    flush(true);
    m_queue.finish();
}

ImportResult ImportRun::run()
{
    QElapsedTimer timer;
    timer.start();
    const QString name = m_source.name();
    if (!m_ws.isOpen())
        return fail(englishText(Message::WorkspaceNotOpenError).arg(name));
    if (!m_options.ageBands.ok())
        return fail(englishText(Message::AgeBandsError));

    // 1. Header and sample; the plan of every column from them.
    if (!m_source.open())
        return fail(m_source.error());
    ImportPlan plan(m_source.header(), m_source.sample(),
                    {m_options.roleOverrides, m_options.ageBands, m_source.decimalComma()});
    if (!plan.ok())
        return fail(englishText(Message::FileProblem).arg(name, plan.error()));
    m_result.layout = plan.layout();

    // 2. Same content imported before? Reuse it when asked, writing nothing. A source that can
    // be fingerprinted first is checked now when the workspace holds one of its size (a pass
    // over the whole file otherwise spent for nothing); any other once it has been read.
    QString knownFingerprint;
    if (m_options.reuseExisting && m_source.total() > 0 // a pipe is checked after it is read
        && m_ws.hasSourceOfSize(m_source.descriptor().kind, m_source.total())) {
        if (!reportProgress(m_progress, 0.0, englishText(Message::ImportCheckingKnownPhase)))
            return cancelled();
        knownFingerprint = m_source.fingerprintBeforeReading(nullptr);
        if (!knownFingerprint.isEmpty()) {
            if (auto existing = m_ws.findByFingerprint(knownFingerprint))
                return reused(*existing, timer);
        }
    }

    // 3. Parse on a helper thread, write here, all in one transaction.
    DatasetWriter writer(m_ws);
    bool announced = false;
    const bool began = writer.begin(m_options.writerWaitMs, [&] {
        if (!announced) {
            announced = true;
            if (m_options.waitingForWriter)
                m_options.waitingForWriter();
        }
        if (reportProgress(m_progress, 0.0, englishText(Message::ImportWaitingPhase)))
            return true;
        m_cancel = true;
        return false;
    });
    if (!began)
        return m_cancel ? cancelled() : fail(busyMessage(writer));
    if (!writer.createTables(plan.tables()))
        return fail(englishText(Message::CannotCreateTablesError).arg(name, writer.lastError()));

    const QString label = m_source.descriptor().label;
    // The parser thread also encodes the columnar copy's chunks, from the batch it has just
    // filled (still in its core's cache). This thread counts repeated rows (0.1 s of CPU at
    // x100) and writes: a thread between the two only to count them waited for a core while
    // both were busy (0.2-0.4 s of scheduling delay at x100) and stalled the writer.
    std::thread parser([&] { parseLoop(plan, writer); });
    RecordHashSet seen;
    int64_t duplicates = 0;
    QString writeError;
    ImportBatch batch;
    while (m_queue.pop(batch)) {
        duplicates += seen.insertAll(batch.hashes);
        if (!writer.write(batch)) {
            writeError = writer.lastError();
            break;
        }
        const int64_t consumed = batch.bytesConsumed;
        m_queue.recycle(std::move(batch));
        const int64_t total = m_source.total();
        const double fraction = total > 0 ? double(consumed) / double(total) : 1.0;
        if (!reportProgress(m_progress, std::min(fraction, 1.0) * 0.97,
                            englishText(Message::ImportingPhase).arg(label))) {
            m_cancel = true;
            break;
        }
    }
    if (m_cancel || !writeError.isEmpty()) {
        m_cancel = true;
        m_source.stop();
        m_queue.close();
    }
    parser.join();
    if (m_cancel || !writeError.isEmpty() || !m_fatalError.isEmpty())
        m_source.stop();
    // Strays (the parser may have pushed after close) are simply dropped with the queue.

    if (m_cancel && writeError.isEmpty())
        return cancelled();
    if (!writeError.isEmpty())
        return fail(englishText(Message::WriteFailedError).arg(name, writeError));
    if (!m_fatalError.isEmpty())
        return fail(m_fatalError);
    // A source that changed while it was read, or could not be read to its end: nothing is kept.
    if (!m_source.finish())
        return fail(m_source.error());
    const ImportCounts counts = plan.counts();
    if (counts.rowsRead == 0)
        return fail(englishText(Message::NoDataRowsError)
                        .arg(name, QString::number(counts.rowsRejected), m_firstReject));
    const SourceDescriptor source = m_source.descriptor();
    if (m_options.reuseExisting && knownFingerprint.isEmpty()) {
        if (auto existing = m_ws.findByFingerprint(source.fingerprint))
            return reused(*existing, timer); // the transaction rolls back: nothing written
    }

    if (!reportProgress(m_progress, 0.98, englishText(Message::ImportQualityPhase)))
        return cancelled();
    const QualitySummary quality = plan.quality(duplicates);
    m_result.warnings = quality.warnings;
    DatasetInfo info;
    info.name = m_options.name.isEmpty() ? m_source.datasetName() : m_options.name;
    info.source = source;
    info.layout = plan.layout();
    info.dataLines = qint64(counts.dataLines);
    info.rowsRead = qint64(counts.rowsRead);
    info.rowsRejected = qint64(counts.rowsRejected);
    info.subscribers = qint64(counts.subscribers);
    info.synthetic = m_options.synthetic;
    info.quality = quality.toJson();
    info.columns = plan.columns();
    if (!writer.finish(info, plan.levels()))
        return fail(englishText(Message::WriteFailedError).arg(name, writer.lastError()));
    if (!writer.commit())
        return fail(englishText(Message::CommitFailedError).arg(name, writer.lastError()));
    m_result.seconds = double(timer.elapsed()) / 1000.0;
    if (m_options.checkpoint) {
        reportProgress(m_progress, 0.99, englishText(Message::ImportJournalPhase));
        m_result.checkpointSeconds = writer.checkpoint();
    }
    reportProgress(m_progress, 1.0, englishText(Message::ImportDonePhase));
    m_result.status = ImportStatus::Imported;
    m_result.datasetId = writer.datasetId();
    m_result.dataLines = counts.dataLines;
    m_result.rowsRead = counts.rowsRead;
    m_result.rowsRejected = counts.rowsRejected;
    m_result.subscribers = counts.subscribers;
    return m_result;
}

} // namespace

DatasetImporter::DatasetImporter(Workspace &workspace) : m_workspace(workspace) {}

ImportResult DatasetImporter::run(RecordSource &source, const ImportOptions &options,
                                  const ProgressCallback &progress)
{
    ImportRun job(m_workspace, source, options, progress);
    return job.run();
}

} // namespace cl
