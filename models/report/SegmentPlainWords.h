#pragma once

#include "segments/SegmentResult.h"
#include "util/NumberText.h"

#include <QCoreApplication>
#include <QString>

namespace cl {

/**
 * What a segment table means for whom to call, in plain words, with the technical statement
 * beside it (the Segments tab shows the first and the second one click away).
 *
 * The segment it names is the one the report would prioritise first: of the segments with at
 * least min-n clients, the one with the highest Wilson lower bound; it is called better than
 * average only when it beats the overall rate by its interval corrected for the number of
 * segments compared (beatsOverall, the report's rule). Pure; safe on any thread.
 */
struct SegmentPlainWords
{
    Q_DECLARE_TR_FUNCTIONS(SegmentPlainWords)

public:
    QString plain;     ///< rich text, no jargon
    QString technical; ///< rich text: the intervals, the correction, the Bayes prior

    /// A segment whose rate is above `overall` by its Wilson 95% interval and by the interval
    /// Bonferroni-corrected for `compared` segments (211 intervals at 95% each would put about
    /// ten segments above the overall rate by chance alone).
    static bool beatsOverall(const SegmentRow &row, double overall, int compared);
    /// The same below: its whole corrected interval under `overall`.
    static bool belowOverall(const SegmentRow &row, double overall, int compared);
    static SegmentPlainWords of(const SegmentResult &result,
                                const NumberText &numbers = NumberText::forLocale());
};

} // namespace cl
