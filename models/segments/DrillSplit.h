// The dimensions a drill-down splits a segment by, chosen so that its segments say something.
#pragma once

#include "SegmentQuery.h"

#include <QStringList>

namespace cl {

class DataFrame;

/**
 * The split of a drilled-into segment: the columns to segment its clients by, and how many
 * segments that gives with at least min-n clients. A split into small segments tells
 * nothing (a 398-client segment cut by three more columns gives 87 segments, 86 below 30),
 * so choose() prefers the split that leaves most segments at or above min-n, with fewer
 * dimensions when more would leave most segments small. Value type.
 */
struct DrillSplit
{
    QStringList by;         ///< the chosen dimensions; empty when no candidate varies
    qint64 clients = 0;     ///< clients passing the filters
    int segments = 0;       ///< non-empty segments of `by` (estimated on large segments)
    int segmentsAtMinN = 0; ///< of them, those with at least min-n clients

    /**
     * Chooses up to `maxDims` of `candidates` (categorical columns of `frame`, most preferred
     * first) to split the clients passing `filters`. Columns with one value among them are
     * skipped. Among splits where at least half the segments reach `minN`, the one with most
     * such segments wins (then more dimensions, then the preferred columns); when none does,
     * the one with the largest such share (then the fewest segments). Above 100,000 matching
     * clients the counts are estimated on an evenly spaced sample. Any thread; reads `frame` only.
     */
    static DrillSplit choose(const DataFrame &frame, const QList<SegmentFilter> &filters,
                             const QStringList &candidates, int maxDims, int minN);
};

} // namespace cl
