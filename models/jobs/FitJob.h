// FitJob: fit a model on a dataset of a workspace and store the run (GUI and CLI alike).
#pragma once

#include "data/DataFrame.h"
#include "regression/ModelRun.h"
#include "util/Progress.h"

#include <QString>

#include <memory>

namespace cl {

struct FitJobConfig
{
    QString workspacePath;
    qint64 datasetId = -1;
    ModelRunSettings settings;
    /// The dataset's frame when the caller holds it; null: loaded by the job.
    std::shared_ptr<const DataFrame> frame;
    /// Every column of the dataset, without rows (loadFrameSchema()), when `frame` holds only
    /// the design's columns (designColumns()): the run then names the others as left out.
    std::shared_ptr<const DataFrame> schema;
};

struct FitJobResult
{
    std::shared_ptr<const ModelRunResult> result; ///< null when the frame could not be loaded
    std::shared_ptr<const DataFrame> frame;       ///< the frame the model was fitted on
    qint64 runId = -1;                            ///< the stored run; -1 when not stored
    bool cancelled = false;
    /// Why there is no stored run: a failed fit, or a fit that could not be stored (`result`
    /// then holds it, ok, e.g. in a read-only workspace).
    QString error;

    bool ok() const { return runId >= 0 && !cancelled && error.isEmpty(); }
};

/**
 * Loads the frame (unless given), fits and validates settings (runModel) and stores the run
 * with a score per row (ModelStore::saveRun, all or nothing). `progress` runs from 0 to 1 and
 * cancels by returning false (nothing is stored then). Opens its own workspace connection:
 * call it on a worker thread (the GUI's ModelRunner does) or in the CLI.
 */
FitJobResult runFitJob(const FitJobConfig &config, const ProgressCallback &progress = {});

/**
 * The columns a fit with `settings` reads, from a frame without rows (loadFrameSchema()): the
 * design's columns (designColumns()), the month when the split is a rolling origin, and every
 * column when the design has none (so that it can say why). Load only these.
 */
QStringList fitColumns(const DataFrame &schema, const ModelRunSettings &settings);

} // namespace cl
