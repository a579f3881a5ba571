// Fast segmentation of a DataFrame by 1 to 3 categorical columns, with filters and rankings.
#pragma once

#include "SegmentQuery.h"
#include "SegmentResult.h"

#include <cstdint>
#include <vector>

namespace cl {

class CodeColumn;
class DataFrame;

/// One filter as a lookup table over a column's slots (code + 1; slot 0 = missing value).
struct SegmentFilterMask
{
    const CodeColumn *codes = nullptr;
    std::vector<uint8_t> allowed;
};

/// The counts of one non-empty segment, as a counting pass (here or on a database engine)
/// returns them: one code per dimension (FrameColumn::kMissingCode for a missing value).
struct SegmentCell
{
    std::vector<int32_t> codes;
    qint64 clients = 0;
    qint64 subscribers = 0;
};

/**
 * Counts clients and subscribers per combination of dictionary codes in one pass over the
 * frame's code arrays (a flat counter array indexed by the combined key; rows split over
 * threads for large frames), then adds Wilson intervals, lift, share, the empirical-Bayes
 * rate and the ranking.
 *
 * Holds a reference to the frame, which must outlive the engine. run() is const and may be
 * called from any thread, also concurrently. The frame must keep the DataFrame contract
 * (every code is kMissingCode or below its column's levelCount()); codes are not re-checked
 * per row. Missing values form their own segment, labelled "(missing)", and a filter label
 * "(missing)" selects them (as NULL does in a SQL GROUP BY) and the level "(missing)" an empty
 * field is imported as.
 */
class SegmentEngine
{
public:
    static constexpr int kMaxDimensions = 3;

    explicit SegmentEngine(const DataFrame &frame) : m_frame(frame) {}

    /// Runs one segmentation. Errors (unknown or numeric column, unknown label, 0 or more
    /// than 3 dimensions) come back in SegmentResult::error.
    SegmentResult run(const SegmentQuery &query) const;

    /**
     * The statistics of a segmentation whose counts were made elsewhere (a warehouse's GROUP
     * BY): `levels[d]` are the labels of dimension d's codes, `cells` the non-empty segments
     * in any order. The same statistics, ranking and warnings as run(), so equal counts and
     * codes give an equal result.
     */
    static SegmentResult fromCells(const SegmentQuery &query,
                                   const std::vector<QStringList> &levels,
                                   std::vector<SegmentCell> cells);

    /// Categorical columns that can be used as dimensions or filters, in frame order.
    QStringList categoricalColumns() const;

    /// The label of a missing value ("(missing)"), in results and in filters.
    static QString missingLabel();

    /// The masks of `filters` on `frame` (the drill-down's rows use the same ones), or the
    /// error naming the filter that fits no categorical column or names no value of it.
    static QString filterMasks(const DataFrame &frame, const QList<SegmentFilter> &filters,
                               std::vector<SegmentFilterMask> *masks);

private:
    const DataFrame &m_frame;
};

/**
 * Sorts rows by a ranking and renumbers SegmentRow::rank (used by run(); public for views
 * that re-rank a result without recounting). Wilson and Bayes put the segments flagged
 * `small` after all others; Raw does not (it is the seed's view). Ties: more clients first,
 * then codes.
 */
void rankSegments(std::vector<SegmentRow> &rows, SegmentRanking ranking);

} // namespace cl
