// ReportJob: the report of a dataset, from a stored model run, built and written (GUI and CLI).
#pragma once

#include "data/DataFrame.h"
#include "render/ReportExporter.h"
#include "report/ReportBuilder.h"
#include "report/ReportNarrative.h"
#include "util/Progress.h"

#include <QString>

#include <memory>
#include <optional>

namespace cl {

struct ReportJobConfig
{
    QString workspacePath;
    qint64 datasetId = -1;
    /// The stored run the model section shows. -1: the newest run that can rank clients before
    /// calling them (ModelStore::latestTargetingRun); when none is stored, the job fits
    /// ReportBuilder::defaultRunSettings(), stores the run and the report says so.
    qint64 modelRunId = -1;
    /// With no stored run: store the one fitted for the report (false: the preview, which
    /// stores nothing and says so).
    bool storeDefaultRun = true;
    /// The settings of the run fitted when none is stored; none: defaultRunSettings() (a
    /// snapshot of a live table with RowHash shows the live report's model).
    std::optional<ModelRunSettings> defaultRun;
    /// Language, sections, segment settings... `model` is filled by the job; `pinned` too
    /// when loadPinned is set.
    ReportOptions options;
    bool loadPinned = true; ///< add the questions pinned in chat to the Q&A
    /// AI sections; `cancelled` is set by the job from `progress`. Not configured: rule-based.
    ReportNarrativeOptions narrative;
    bool applyNarrative = true;               ///< false: no AI step at all (the preview)
    std::optional<ReportExportOptions> write; ///< where to write; none: build only
    /// The dataset's frame when the caller holds it; null: loaded by the job.
    std::shared_ptr<const DataFrame> frame;
};

struct ReportJobResult
{
    bool ok = false;
    bool cancelled = false;
    QString error;
    ReportDocument doc;
    ReportExportResult written;             ///< when config.write was set
    ReportNarrativeResult narrative;        ///< what the AI step did
    std::shared_ptr<const DataFrame> frame; ///< the frame read (for the caller's cache)
    qint64 modelRunId = -1;                 ///< the run shown; -1 when none
    bool modelRunStored = false;            ///< the job fitted and stored that run
    /// Why the model section shows no model (the default run failed, or a stored run does not
    /// reproduce); empty when it shows one. A run asked for by id that cannot be shown fails
    /// the job instead (error).
    QString modelProblem;
};

/**
 * Loads the frame, picks the model run (config.modelRunId), reproduces it from its stored
 * settings (the fit is deterministic) and checks its held-out AUC against the stored one, builds
 * the document, applies the AI sections and writes the files. One progress callback from 0 to 1
 * that cancels by returning false. A live dataset (LiveDatasets) loads no frame: its quality
 * summary and segments are counted on its engine now (ReportRows), the model section says why
 * it has no model (a live model has no held-out rows), and nothing is stored. Opens its own
 * workspace connection (it may store a run): call it on a worker thread or in the CLI.
 */
ReportJobResult runReportJob(const ReportJobConfig &config, const ProgressCallback &progress = {});

} // namespace cl
