// ReportJob: pick and reproduce the model run, build, narrate, write.
#include "ReportJob.h"

#include "FitJob.h"
#include "JobData.h"
#include "chat/ChatContext.h"
#include "store/ChatStore.h"
#include "store/LiveDatasets.h"
#include "store/ModelStore.h"
#include "store/Workspace.h"
#include "warehouse/LiveDataset.h"
#include "warehouse/LiveModel.h"

#include <cmath>

namespace cl {

namespace {

/// A progress callback mapping 0..1 onto [from, to] of `outer`.
ProgressCallback slice(const ProgressCallback &outer, double from, double to)
{
    return [&outer, from, to](double f, const QString &phase) {
        return reportProgress(outer, from + (to - from) * f, phase);
    };
}

/// The run the report shows (see ReportJobConfig::modelRunId); `cancelled` set on cancel.
ReportModelRun chooseRun(const ReportJobConfig &config, Workspace &ws,
                         const std::shared_ptr<const DataFrame> &frame,
                         const ProgressCallback &progress, bool *cancelled)
{
    ReportModelRun out;
    ModelStore store(ws);
    std::optional<ModelRunRecord> record = config.modelRunId >= 0
                                               ? store.run(config.modelRunId)
                                               : store.latestTargetingRun(config.datasetId);
    if (config.modelRunId >= 0) {
        if (!record || record->datasetId != config.datasetId) {
            out.problem =
                QStringLiteral("there is no model run %1 of this dataset").arg(config.modelRunId);
            return out;
        }
        if (const QStringList postCall = ModelStore::postCallColumnsOf(*record);
            !postCall.isEmpty()) {
            out.problem = QStringLiteral("model run %1 uses %2, known only after the call, so it "
                                         "cannot choose whom to call")
                              .arg(config.modelRunId)
                              .arg(postCall.join(QStringLiteral(", ")));
            return out;
        }
    }
    const ModelRunSettings defaultSettings =
        config.defaultRun.value_or(ReportBuilder::defaultRunSettings(*frame));
    if (!record && !config.storeDefaultRun) {
        out = ReportBuilder::fitDefaultRun(*frame, progress, defaultSettings);
        *cancelled = out.result->cancelled;
        return out;
    }
    if (!record) {
        // Nothing stored yet: the default model, fitted and stored like any run.
        FitJobConfig fit;
        fit.workspacePath = config.workspacePath;
        fit.datasetId = config.datasetId;
        fit.settings = defaultSettings;
        fit.frame = frame;
        const FitJobResult fitted = runFitJob(fit, progress);
        *cancelled = fitted.cancelled;
        out.result = fitted.result;
        if (fitted.ok()) {
            out.runId = fitted.runId;
            out.fittedForReport = true;
            const std::optional<ModelRunRecord> stored = store.run(fitted.runId);
            out.createdAt = stored ? stored->createdAt : QDateTime::currentDateTimeUtc();
        } else if (fitted.result && fitted.result->ok()) {
            // Fitted but not stored (a read-only workspace): shown, and said to be unstored.
            out.createdAt = QDateTime::currentDateTimeUtc();
        } else {
            // A failed fit stays for the builder to word; without one, the error does.
            out.problem = fitted.error;
            if (!fitted.result || fitted.result->cancelled)
                out.result.reset();
        }
        return out;
    }
    auto result = std::make_shared<ModelRunResult>(
        runModel(*frame, ModelRunSettings::fromJson(record->settings), progress));
    if (result->cancelled) {
        *cancelled = true;
        return out;
    }
    out.runId = record->id;
    out.createdAt = record->createdAt;
    const double stored = record->heldOutAuc();
    if (result->ok() && result->settings.validation.split.kind != SplitKind::None &&
        !(std::abs(result->report.heldOut.auc.auc - stored) <= 1e-9)) {
        out.problem = QStringLiteral("stored model run %1 does not reproduce on this data (AUC %2 "
                                     "stored, %3 now); fit it again in the Model tab")
                          .arg(record->id)
                          .arg(stored, 0, 'f', 4)
                          .arg(result->report.heldOut.auc.auc, 0, 'f', 4);
        return out;
    }
    out.result = std::move(result);
    return out;
}

ReportJobResult cancelledResult(ReportJobResult out)
{
    out.cancelled = true;
    return out;
}

/// The AI sections and the files of a built document (out.doc): the end every dataset shares.
ReportJobResult finishReport(const ReportJobConfig &config, ChatContext context,
                             const ProgressCallback &progress, ReportJobResult out)
{
    if (config.applyNarrative && ReportNarrative::isConfigured(config.narrative)) {
        if (!reportProgress(progress, 0.6, QStringLiteral("the AI sections")))
            return cancelledResult(std::move(out));
        ReportNarrativeOptions narrative = config.narrative;
        narrative.cancelled = [&progress] {
            return !reportProgress(progress, 0.6, QStringLiteral("the AI sections"));
        };
        out.narrative = ReportNarrative::apply(out.doc, context, narrative);
    }
    if (config.write) {
        if (!reportProgress(progress, 0.8, QStringLiteral("writing the files")))
            return cancelledResult(std::move(out));
        out.written = ReportExporter::write(out.doc, *config.write);
        if (!out.written.ok) {
            out.error = out.written.error;
            return out;
        }
    }
    reportProgress(progress, 1, QStringLiteral("done"));
    out.ok = true;
    return out;
}

/// The report of a live dataset: the quality summary, the segments and the model (rows held
/// out by row hash) counted on its engine now, then the same AI sections and files as a local
/// dataset's.
ReportJobResult runLiveReport(const ReportJobConfig &config, Workspace &ws,
                              const LiveDatasetInfo &live, const ProgressCallback &progress)
{
    ReportJobResult out;
    if (!reportProgress(progress, 0, QStringLiteral("connecting to the engine")))
        return cancelledResult(std::move(out));
    QString error;
    const std::unique_ptr<WarehouseConnection> conn = openWarehouse(live.url, &error);
    if (!conn) {
        out.error = error;
        return out;
    }
    const QString fingerprint =
        LiveDataset::fingerprint(*conn, live, &error, slice(progress, 0.05, 0.1));
    if (fingerprint.isEmpty()) {
        out.error = error;
        return out;
    }
    const LiveQuality quality = LiveDataset::quality(*conn, live, slice(progress, 0.1, 0.4));
    if (!quality.ok) {
        out.error = quality.error;
        return out;
    }
    DatasetInfo info;
    info.id = live.id;
    info.name = live.name;
    info.source.fingerprint = fingerprint;
    info.dataLines = quality.summary.dataLines;
    info.rowsRead = quality.summary.rowsRead;
    info.rowsRejected = quality.summary.rowsRejected;
    info.subscribers = quality.summary.subscribers;
    info.quality = quality.summary.toJson();

    ReportOptions options = config.options;
    if (config.loadPinned) {
        for (const ChatExchangeRecord &r : ChatStore(ws.db()).pinnedQuestions(live.id))
            options.pinned << ReportPinnedQuestion::fromExchange(r);
    }
    // The model: fitted on the engine with rows held out by row hash (the local default
    // splits by date order or a draw, which a table without an order cannot give), and
    // checked on those rows there. Not stored: a live dataset has no model runs.
    options.model = {};
    if (options.fitModel) {
        if (!reportProgress(progress, 0.4, QStringLiteral("the model on the engine")))
            return cancelledResult(std::move(out));
        ModelRunSettings settings;
        settings.validation.split.kind = SplitKind::RowHash;
        LiveRun run = LiveModel::run(*conn, live, settings, slice(progress, 0.4, 0.5));
        if (run.result.cancelled ||
            !reportProgress(progress, 0.5, QStringLiteral("the model on the engine")))
            return cancelledResult(std::move(out));
        // Rows held out but not evaluated make no result (runResult): no model shown.
        auto result = std::make_shared<ModelRunResult>(std::move(run.result));
        if (result->ok()) {
            options.model.result = std::move(result);
            options.model.createdAt = QDateTime::currentDateTimeUtc();
        } else {
            options.model.problem = result->error;
        }
    }
    out.modelProblem = options.model.problem;

    const DataFrame columns = LiveModel::schema(live);
    QStringList changed;
    if (fingerprint != live.fingerprint) {
        changed << QStringLiteral("the table changed since it was connected (fingerprint %1 "
                                  "then, %2 now): the report counts today's rows")
                       .arg(live.fingerprint, fingerprint);
    }
    bool stopped = false;
    QString segmentError; // the engine's, when a segment query failed: no report without them
    ReportRows rows;
    rows.columns = &columns;
    rows.rows = quality.summary.rowsRead;
    rows.subscribers = quality.summary.subscribers;
    rows.liveEngine = engineName(live.engine);
    rows.liveTable = live.table;
    rows.liveQuery = !live.query.isEmpty();
    rows.segments = [&](const SegmentQuery &query) {
        const LiveSegments seg =
            LiveDataset::segments(*conn, live, query, [&](double, const QString &) {
                stopped = stopped || !reportProgress(progress, 0.5, QStringLiteral("segments"));
                return !stopped;
            });
        if (!seg.result.ok && segmentError.isEmpty())
            segmentError = seg.result.error;
        return seg.result;
    };
    rows.segmentSql = [&](const QStringList &by) {
        SegmentQuery query;
        query.by = by;
        QString sqlError;
        return LiveDataset::segmentSql(*conn, live, query, &sqlError);
    };
    if (!reportProgress(progress, 0.5, QStringLiteral("segments and A/B plans on the engine")))
        return cancelledResult(std::move(out));
    out.doc = ReportBuilder::build(info, rows, options);
    if (stopped)
        return cancelledResult(std::move(out));
    if (!segmentError.isEmpty()) {
        out.error = segmentError;
        return out;
    }
    if (!out.doc.ok) {
        out.error = out.doc.error;
        return out;
    }
    out.doc.warnings = changed + out.doc.warnings;
    std::optional<ChatContext> context = loadChatContext(ws, live.id, &error);
    if (!context) {
        out.error = error;
        return out;
    }
    return finishReport(config, std::move(*context), progress, std::move(out));
}

} // namespace

ReportJobResult runReportJob(const ReportJobConfig &config, const ProgressCallback &progress)
{
    ReportJobResult out;
    const auto cancelled = [&out] {
        out.cancelled = true;
        return out;
    };
    {
        // A live dataset's rows are on its engine: no frame to load.
        Workspace ws;
        QString error;
        if (ws.open(config.workspacePath, &error, Workspace::Access::ReadOnly)) {
            if (const auto live = LiveDatasets::find(ws, config.datasetId))
                return runLiveReport(config, ws, *live, progress);
        }
    }
    // Read-only: a report of a workspace in a read-only folder works when a run is stored
    // (storing one goes through FitJob's own connection).
    const std::optional<JobData> data = openJobData(
        config.workspacePath, config.datasetId, config.frame, progress, &out.error, &out.cancelled);
    if (!data)
        return out;
    Workspace &ws = *data->workspace;
    const DatasetInfo *info = &data->info;
    out.frame = data->frame;
    ReportOptions options = config.options;
    if (config.loadPinned) {
        for (const ChatExchangeRecord &r : ChatStore(ws.db()).pinnedQuestions(config.datasetId))
            options.pinned << ReportPinnedQuestion::fromExchange(r);
    }
    if (options.fitModel) {
        bool stopped = false;
        options.model = chooseRun(config, ws, out.frame, slice(progress, 0.1, 0.5), &stopped);
        if (stopped)
            return cancelled();
        out.modelRunId = options.model.runId;
        out.modelRunStored = options.model.fittedForReport;
        out.modelProblem = options.model.problem;
        if (!options.model.result && config.modelRunId >= 0) {
            // The run asked for by name cannot be shown: no report that silently lacks it.
            out.error = options.model.problem;
            return out;
        }
    }
    if (!reportProgress(progress, 0.5, QStringLiteral("segments, A/B plans and the document")))
        return cancelled();
    out.doc = ReportBuilder::build(*info, *out.frame, options);
    if (!out.doc.ok) {
        out.error = out.doc.error;
        return out;
    }
    ChatContext context;
    context.workspacePath = ws.path();
    context.dataset = *info;
    context.frame = out.frame;
    return finishReport(config, std::move(context), progress, std::move(out));
}

} // namespace cl
