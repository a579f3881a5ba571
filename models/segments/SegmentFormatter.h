// Text forms of a segment result: aligned table, CSV and JSON (CLI, export and report).
#pragma once

#include "SegmentResult.h"

#include <QJsonObject>
#include <QString>

namespace cl {

/**
 * Writes a SegmentResult as text. `top` limits the rows (0 = all, in rank order); the
 * header lines always state how many segments were compared. Stateless.
 */
class SegmentFormatter
{
public:
    /// Fixed-width table for a terminal, with a summary header and a legend for "small".
    static QString toTable(const SegmentResult &result, int top = 0);
    /// RFC 4180 CSV, one header line; rates as fractions with 6 decimals; labels quoted as
    /// needed; dimension columns are named after the columns segmented by.
    static QString toCsv(const SegmentResult &result, int top = 0);
    /// {"query":..., "population":..., "segments_compared":..., "prior":..., "segments":[...]}
    static QJsonObject toJson(const SegmentResult &result, int top = 0);
    static QString toJsonText(const SegmentResult &result, int top = 0);
    /**
     * One segment as JSON: the one shape of every JSON that carries segments (toJson above, the
     * chat tool segment_stats): rank, labels, clients, subscribers, rate, wilson_low,
     * wilson_high (the 95% Wilson interval), lift, share, bayes_rate, small. `rounded`: rates
     * to 4 decimals and lift to 2, for the model (fewer tokens, no false precision). The chat
     * leaves bayes_rate out in aggregates mode (its prior saw the segments it suppresses).
     */
    static QJsonObject segmentJson(const SegmentRow &row, int rank, bool rounded = false);
    /// "65+ / unknown / divorced"
    static QString segmentName(const SegmentRow &row);
};

} // namespace cl
