// Result of a segmentation: one row per non-empty segment plus the population's figures.
#pragma once

#include "SegmentQuery.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace cl {

/// One non-empty segment.
struct SegmentRow
{
    QStringList labels;         ///< one label per dimension, in SegmentQuery::by order
    std::vector<int32_t> codes; ///< dictionary codes; FrameColumn::kMissingCode for a missing value
    qint64 clients = 0;
    qint64 subscribers = 0;
    double rate = 0;      ///< subscribers / clients
    double wilsonLow = 0; ///< Wilson 95% interval (z = 1.959964)
    double wilsonHigh = 0;
    double lift = 0;      ///< rate / overall rate of the filtered population; 0 when that is 0
    double share = 0;     ///< subscribers / all subscribers of the filtered population; 0 if none
    double bayesRate = 0; ///< (alpha + subscribers) / (alpha + beta + clients); = rate if no prior
    bool small = false;   ///< clients < SegmentQuery::minN
    int rank = 0;         ///< 1-based position in the chosen ranking
};

/// Beta prior of the empirical-Bayes rates, fitted on the segments of one result.
struct BetaPrior
{
    double alpha = 0;
    double beta = 0;
    bool fitted = false; ///< false with fewer than 2 segments: bayesRate then equals rate
    /// "maximum likelihood (beta-binomial)"; the moment estimate is only the start value.
    QString method;
    double mean() const { return alpha + beta > 0 ? alpha / (alpha + beta) : 0.0; }
};

/**
 * What SegmentEngine::run returns. On error `ok` is false, `error` says why and `rows` is
 * empty. `rows` is sorted by the requested ranking (see rankSegments).
 */
struct SegmentResult
{
    bool ok = false;
    QString error;
    QStringList warnings;
    SegmentQuery query;
    qint64 population = 0;  ///< rows left after the filters
    qint64 subscribers = 0; ///< y = 1 among them
    double overallRate = 0; ///< subscribers / population; 0 for an empty population
    /// Non-empty segments compared by the ranking (= rows.size()); scanning many segments
    /// finds some high rates by chance.
    int segmentsCompared = 0;
    int smallSegments = 0; ///< segments flagged small
    BetaPrior prior;
    std::vector<SegmentRow> rows;
    double seconds = 0; ///< time of run() (counting, statistics, sorting)
};

} // namespace cl
