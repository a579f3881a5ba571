// What a segmentation asks for: dimensions, filters, small-segment threshold and ranking.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace cl {

/// Order of the segments in a SegmentResult. Every ranking lists the segments with fewer than
/// SegmentQuery::minN clients after all others (minN = 0 turns that off).
enum class SegmentRanking
{
    Raw,    ///< by the observed response rate
    Wilson, ///< by the lower bound of the Wilson 95% interval (default)
    Bayes   ///< by the empirical-Bayes posterior mean (beta-binomial prior fitted by ML)
};

/// "raw", "wilson", "bayes".
QString segmentRankingName(SegmentRanking ranking);
/// Inverse of segmentRankingName (case-insensitive); false when the name is unknown.
bool parseSegmentRanking(const QString &name, SegmentRanking *ranking);

/// Keeps the rows whose `column` has one of `labels` (an OR within one filter).
struct SegmentFilter
{
    QString column;
    QStringList labels;
};

/**
 * A segmentation request. Filters are ANDed; the overall rate, lift and share refer to the
 * filtered population.
 */
struct SegmentQuery
{
    QStringList by;               ///< 1 to 3 categorical columns
    QList<SegmentFilter> filters; ///< empty = whole dataset
    int minN = 30; ///< fewer clients: flagged `small`, ranked after the others
    SegmentRanking ranking = SegmentRanking::Wilson;
    /// Worker threads for counting; 0 = as many as the machine has (large frames only).
    int threads = 0;
};

/**
 * Parses "col=v1,v2" into a filter. Labels are split on commas; whitespace around them is
 * trimmed. False (with *error set) when there is no '=' or no label.
 */
bool parseSegmentFilter(const QString &text, SegmentFilter *filter, QString *error = nullptr);

} // namespace cl
