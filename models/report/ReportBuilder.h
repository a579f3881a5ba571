// Builds the report document of one dataset from the segment engine, the model and A/B plans.
#pragma once

#include "ReportDocument.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

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
    /// Ids of the sections to keep ("title", "summary", ...); empty = every section.
    QStringList sections;
    /// Asked in Q&A after the seed's question; answered with the chat's stored answer
    /// (ReportNarrative asks them again when AI is on).
    QList<ReportPinnedQuestion> pinned;
};

/**
 * Assembles a ReportDocument: title facts, summary and actions (rule-based), data overview
 * and quality, segments (Wilson and raw rankings, bar chart, heatmap), the logistic model
 * (odds ratios, held-out AUC, gains), A/B hypotheses with computed plans, Q&A (the seed's
 * question, then those pinned in chat with the chat's answers) and a methods appendix. Every number
 * is computed here; no section is ever empty. Pure: reads the frame and dataset record only; safe
 * on a worker thread.
 */
class ReportBuilder
{
public:
    static ReportDocument build(const DatasetInfo &info, const DataFrame &frame,
                                const ReportOptions &options = {});
    /// Removes the sections whose id is not in `ids` and the charts only they showed;
    /// empty `ids` keeps everything.
    static void keepSections(ReportDocument &doc, const QStringList &ids);
};

} // namespace cl
