#include "SegmentPlainWords.h"

#include "report/AbTestPlan.h"
#include "segments/SegmentStats.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace cl {

namespace {

double correctedZ(int compared)
{
    return AbTestPlanner::normalQuantile(1 - 0.05 / (2.0 * double(std::max(1, compared))));
}

} // namespace

bool SegmentPlainWords::beatsOverall(const SegmentRow &row, double overall, int compared)
{
    return row.wilsonLow > overall &&
           SegmentStats::wilson(row.subscribers, row.clients, correctedZ(compared)).first > overall;
}

bool SegmentPlainWords::belowOverall(const SegmentRow &row, double overall, int compared)
{
    return row.wilsonHigh < overall &&
           SegmentStats::wilson(row.subscribers, row.clients, correctedZ(compared)).second <
               overall;
}

SegmentPlainWords SegmentPlainWords::of(const SegmentResult &r, const NumberText &numbers)
{
    SegmentPlainWords w;
    if (!r.ok || r.rows.empty())
        return w;
    const SegmentRow *best = nullptr;
    int above = 0;
    int below = 0;
    for (const SegmentRow &row : r.rows) {
        if (row.small)
            continue;
        if (!best || row.wilsonLow > best->wilsonLow)
            best = &row;
        above += beatsOverall(row, r.overallRate, r.segmentsCompared) ? 1 : 0;
        below += belowOverall(row, r.overallRate, r.segmentsCompared) ? 1 : 0;
    }
    QStringList plain;
    QStringList technical;
    if (!best) {
        plain << tr("Every segment has fewer than %1 clients: too few to say which responds "
                    "best. Split by fewer columns or widen the filters.")
                     .arg(r.query.minN);
    } else {
        const QString name = best->labels.join(QStringLiteral(" / ")).toHtmlEscaped();
        if (beatsOverall(*best, r.overallRate, r.segmentsCompared)) {
            plain << tr("<b>Best to call: %1</b>. %2 of them said yes (%3 of %4 clients), "
                        "against %5 overall; even at the low end of what the data allow, at "
                        "least %6.")
                         .arg(name, numbers.percent(best->rate, 1),
                              numbers.count(best->subscribers), numbers.count(best->clients),
                              numbers.percent(r.overallRate, 1),
                              numbers.percent(best->wilsonLow, 1));
        } else {
            plain << tr("<b>No segment responds surely better than the overall %1.</b> The "
                        "highest rates belong to segments too small to tell them from luck.")
                         .arg(numbers.percent(r.overallRate, 1));
        }
        plain << tr("%1 of the %2 segments respond better than average by more than chance, "
                    "%3 worse.")
                     .arg(numbers.count(above), numbers.count(r.segmentsCompared),
                          numbers.count(below));
        technical << tr("Named: of the segments with at least %1 clients, the highest Wilson 95% "
                        "lower bound (%2, interval %3 to %4). Better or worse than average: the "
                        "Wilson interval lies above (below) the overall rate also at z = %5, "
                        "Bonferroni-corrected for %6 segments compared.")
                         .arg(numbers.count(r.query.minN), name,
                              numbers.percent(best->wilsonLow, 1),
                              numbers.percent(best->wilsonHigh, 1),
                              numbers.number(correctedZ(r.segmentsCompared), 2),
                              numbers.count(r.segmentsCompared));
    }
    w.plain = plain.join(QLatin1Char(' '));
    w.technical = technical.join(QLatin1Char(' '));
    return w;
}

} // namespace cl
