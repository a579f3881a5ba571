// Builds the report document of one dataset from the segment engine, the model and A/B plans.
#pragma once

#include "ReportDocument.h"
#include "data/MonthRuns.h"
#include "regression/ModelRun.h"
#include "segments/SegmentResult.h"
#include "util/Progress.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace cl {

class DataFrame;
struct ChatExchangeRecord;
struct DatasetInfo;

/// A question the user pinned in chat (ChatStore::pinnedQuestions), with the answer given there.
struct ReportPinnedQuestion
{
    QString question;
    QString answer; ///< the chat's answer as stored (Markdown); empty when none was stored
    QString model;  ///< model that answered in chat; empty if unknown
    QDateTime askedAt;
    /// (position, length) in `answer` of the numbers that matched nothing computed in chat.
    QList<QPair<qsizetype, qsizetype>> unverified;

    static ReportPinnedQuestion fromExchange(const ChatExchangeRecord &record);
};

/// The model run a report shows. Filled by ReportJob: the stored run the user chose (or the
/// latest), reproduced from its stored settings and checked against its stored AUC.
struct ReportModelRun
{
    std::shared_ptr<const ModelRunResult> result; ///< null: no model (see problem)
    qint64 runId = -1;            ///< id in model_run; -1: fitted for the report, not stored
    QDateTime createdAt;          ///< when the run was stored
    bool fittedForReport = false; ///< no run was stored: this one was fitted now and stored
    QString problem;              ///< why there is no model, when result is null
};

/// What goes into a report.
struct ReportOptions
{
    QString language = QStringLiteral("en"); ///< "en" or "nb"
    /// The user asked for AI text. No AI endpoint exists yet, so the AI sections are
    /// rule-based either way; with this set the report also says that no endpoint is configured.
    bool aiRequested = false;
    QDateTime now;         ///< generation time; invalid = current UTC time
    QStringList segmentBy; ///< empty = age_band, job, marital (those present), as the seed
    int minN = 30;         ///< smaller segments are flagged and ranked last
    int topSegments = 10;  ///< rows of the promising and raw tables
    int weakSegments = 5;
    int abHypotheses = 3;
    double abRelativeEffect = 0.20; ///< minimum detectable effect, relative to the baseline
    bool fitModel = true;           ///< false: the model section says it was not asked for
    ReportModelRun model;           ///< the run the model section shows
    /// Ids of the sections to keep ("title", "summary", ...); empty = every section.
    QStringList sections;
    /// Asked in Q&A after the seed's question; answered with the chat's stored answer
    /// (ReportNarrative asks them again when AI is on).
    QList<ReportPinnedQuestion> pinned;
};

/**
 * What a report reads of its dataset's rows. A local dataset's come from its frame (of()); a
 * live dataset's from its engine (the job fills them: counts and segments pushed down, the
 * columns from the description stored when it was connected).
 */
struct ReportRows
{
    /// The columns and their levels, codes as SegmentResult rows number them; may have no rows.
    const DataFrame *columns = nullptr;
    qint64 rows = 0;
    qint64 subscribers = 0;
    MonthRuns span; ///< the month runs in row order; empty when the rows have none (a live table)
    /// Runs one segment query (on the frame, or pushed down); called at most twice.
    std::function<SegmentResult(const SegmentQuery &)> segments;
    /// Where the rows are when they are not in the workspace: the engine's name
    /// ("PostgreSQL") and the table's (or the query's). Empty for a local dataset.
    QString liveEngine;
    QString liveTable;
    bool liveQuery = false; ///< liveTable names a read-only query, not a table
    /// The SQL that counted the segments (the methods show it); `by` is the report's
    /// segmentation. Unset: the GROUP BY over the workspace's labelled silver view.
    std::function<QString(const QStringList &by)> segmentSql;

    /// A local dataset's rows: everything from `frame`, which must outlive the result.
    static ReportRows of(const DataFrame &frame);
};

/**
 * Assembles a ReportDocument: title facts, summary and actions (rule-based), data overview
 * and quality, segments (Wilson and raw rankings, bar chart, heatmap), the logistic model
 * (odds ratios, held-out AUC, gains), A/B hypotheses with computed plans, Q&A (the seed's
 * question, then those pinned in chat with the chat's answers) and a methods appendix. Every number
 * is computed here, except the model's, which come from the run in options.model; no section is
 * ever empty. Pure: reads the rows (the frame, or ReportRows' calls), the dataset record and the
 * run only; safe on a worker thread.
 */
class ReportBuilder
{
public:
    static ReportDocument build(const DatasetInfo &info, const DataFrame &frame,
                                const ReportOptions &options = {});
    /// The same from rows wherever they are (a live dataset's on its engine).
    static ReportDocument build(const DatasetInfo &info, const ReportRows &rows,
                                const ReportOptions &options = {});
    /// The settings of the run a report fits when none is stored: the default model, checked
    /// month by month (rolling origin) when the rows are in date order, else on a seeded
    /// stratified random 20%.
    static ModelRunSettings defaultRunSettings(const DataFrame &frame);
    /// runModel() with `settings` (none: defaultRunSettings()), as an unstored run (runId -1).
    static ReportModelRun fitDefaultRun(const DataFrame &frame,
                                        const ProgressCallback &progress = {},
                                        const std::optional<ModelRunSettings> &settings = {});
    /// The sections of a report, in order: the one list the builder, the Report tab's
    /// check boxes and ReportOptions::sections use (titles: ReportText "section.<id>").
    static QStringList sectionIds();
    /// Removes the sections whose id is not in `ids` and the charts only they showed;
    /// empty `ids` keeps everything.
    static void keepSections(ReportDocument &doc, const QStringList &ids);
};

} // namespace cl
