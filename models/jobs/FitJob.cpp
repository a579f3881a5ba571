// FitJob: load, fit, validate, store.
#include "FitJob.h"

#include "JobData.h"
#include "data/MonthRuns.h"
#include "regression/DesignMatrix.h"
#include "regression/RowHash.h"
#include "store/ModelStore.h"
#include "store/Workspace.h"
#include "util/MessageText.h"

namespace cl {

FitJobResult runFitJob(const FitJobConfig &config, const ProgressCallback &progress)
{
    FitJobResult out;
    // Read-only until the run is stored: in a read-only workspace the fit is still shown.
    const std::optional<JobData> data = openJobData(
        config.workspacePath, config.datasetId, config.frame, progress, &out.error, &out.cancelled);
    if (!data) {
        if (out.cancelled) { // as runModel reports a cancel, so callers see one shape
            auto cancelled = std::make_shared<ModelRunResult>();
            cancelled->cancelled = true;
            out.result = cancelled;
        }
        return out;
    }
    const DatasetInfo *info = &data->info;
    out.frame = data->frame;
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
    if (config.schema)
        result->design.excluded = excludedColumns(*config.schema, config.settings.spec);
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
        out.error = englishText(Message::NotStoredError).arg(error);
    return out;
}

QStringList fitColumns(const DataFrame &schema, const ModelRunSettings &settings)
{
    QStringList columns = designColumns(schema, settings.spec);
    if (settings.validation.split.kind == SplitKind::RollingOrigin && schema.column(kMonthColumn) &&
        !columns.contains(kMonthColumn))
        columns << kMonthColumn;
    // A row-hash split keys each row by every column (RowHash::columns), loaded or not.
    if (settings.validation.split.kind == SplitKind::RowHash) {
        std::vector<bool> derived;
        for (const FrameColumn &c : schema.columns())
            derived.push_back(c.derived);
        for (const QString &c : RowHash::columns(schema.columnNames(), derived))
            if (!columns.contains(c))
                columns << c;
    }
    if (columns.isEmpty())
        columns = schema.columnNames();
    return columns;
}

} // namespace cl
