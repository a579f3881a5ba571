// MonthRuns: runs of the month label in row order.
#include "MonthRuns.h"

#include "DataFrame.h"

namespace cl {

MonthRuns monthRuns(const DataFrame &frame)
{
    MonthRuns runs;
    const FrameColumn *month = frame.column(kMonthColumn);
    if (!month || !month->isCategorical())
        return runs;
    runs.runOfRow.assign(month->codes.size(), -1);
    int32_t previous = FrameColumn::kMissingCode;
    for (size_t i = 0; i < month->codes.size(); ++i) {
        const int32_t code = month->codes[i];
        if (code == FrameColumn::kMissingCode)
            continue;
        if (code != previous) {
            runs.labels << month->levels.value(code);
            previous = code;
        }
        runs.runOfRow[i] = int32_t(runs.labels.size() - 1);
    }
    const qint64 n = runs.count();
    runs.ordered = n > 0 && n <= 240 && n * 20 <= qint64(frame.rowCount());
    return runs;
}

} // namespace cl
