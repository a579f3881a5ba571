// FitJob: load, fit, validate, store.
#include "FitJob.h"

#include "store/FrameLoader.h"
#include "store/ModelStore.h"
#include "store/Workspace.h"

namespace cl {

FitJobResult runFitJob(const FitJobConfig &config, const ProgressCallback &progress)
{
    FitJobResult out;
    // Read-only until the run is stored: in a read-only workspace the fit is still shown.
    Workspace ws;
    if (!ws.open(config.workspacePath, &out.error, Workspace::Access::ReadOnly))
        return out;
    const std::optional<DatasetInfo> info = ws.dataset(config.datasetId);
    if (!info) {
        out.error = QStringLiteral("no dataset %1 in %2").arg(config.datasetId).arg(ws.path());
        return out;
    }
    out.frame = config.frame;
    if (!out.frame) {
        if (!reportProgress(progress, 0, QStringLiteral("loading the data"))) {
            out.cancelled = true;
            return out;
        }
        auto frame = loadFrame(ws, config.datasetId, &out.error);
        if (!frame)
            return out;
        out.frame = std::make_shared<const DataFrame>(std::move(*frame));
    }
    auto result = std::make_shared<ModelRunResult>(runModel(*out.frame, config.settings, progress));
    out.result = result;
    if (result->cancelled) {
        out.cancelled = true;
        return out;
    }
    if (!result->ok()) {
        // The separation details stay in result->report.fit.separation for the caller to list.
        out.error = result->error.isEmpty() ? result->report.fit.message : result->error;
        return out;
    }
    ModelRunRecord record;
    record.datasetId = config.datasetId;
    record.sourceFingerprint = info->source.fingerprint;
    record.settings = result->settings.toJson();
    record.metrics = result->metricsJson();
    record.coefficients = result->coefficientsJson();
    QString error;
    Workspace writable;
    if (writable.open(config.workspacePath, &error))
        out.runId = ModelStore(writable).saveRun(record, result->frameScores, &error);
    if (out.runId < 0)
        out.error = QStringLiteral("the model was fitted but not stored: %1").arg(error);
    return out;
}

} // namespace cl
