// DesignMatrix: column choice, reference levels, one-hot encoding, complete cases.
#include "DesignMatrix.h"

#include "data/ColumnRole.h"
#include "util/MessageText.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <tuple>
#include <utility>

namespace cl {

namespace {

/// Whether `name` is a column the model would use unless it is left out by default.
bool usable(const DataFrame &frame, const ModelSpec &spec, const QString &name)
{
    return frame.column(name) && !spec.exclude.contains(name) &&
           (spec.columns.isEmpty() || spec.columns.contains(name));
}

/// English (stored with the run, worded per language by the report); the GUI shows it through
/// shownText().
QString defaultExclusionReason(const DataFrame &frame, const ModelSpec &spec, const QString &name)
{
    if (spec.include.contains(name))
        return {};
    if (name == QLatin1String("duration"))
        return englishText(Message::DurationReason);
    if (name == QLatin1String("campaign"))
        return englishText(Message::CampaignReason);
    if (name == QLatin1String("pdays"))
        return englishText(Message::PdaysReason);
    if (name == QLatin1String("previously_contacted") &&
        usable(frame, spec, QStringLiteral("poutcome")))
        return englishText(Message::PreviouslyContactedReason);
    if (name == QLatin1String("previous") && usable(frame, spec, QStringLiteral("poutcome")))
        return englishText(Message::PreviousReason);
    if ((name == QLatin1String("emp_var_rate") || name == QLatin1String("nr_employed") ||
         name == QLatin1String("cons_price_idx") || name == QLatin1String("cons_conf_idx")) &&
        usable(frame, spec, QStringLiteral("euribor3m")))
        return englishText(Message::EconomicIndicatorReason);
    const bool ageUsable = usable(frame, spec, QStringLiteral("age"));
    if (name == QLatin1String("age_band") && ageUsable)
        return englishText(Message::AgeBandReason);
    return {};
}

double mean(const FrameColumn &c, const std::vector<uint32_t> &rows)
{
    double s = 0;
    for (size_t r : rows)
        s += c.value(r);
    return rows.empty() ? 0 : s / double(rows.size());
}

} // namespace

double DesignMatrix::at(size_t row, size_t col) const
{
    const DesignTerm &t = terms[col];
    if (t.kind == DesignTerm::Kind::Intercept)
        return 1.0;
    const FrameColumn *c = frame->column(t.column);
    const size_t r = frameRow[row];
    if (t.kind == DesignTerm::Kind::Level)
        return c->codes[r] == t.code ? 1.0 : 0.0;
    return (c->value(r) - t.centre) / t.scale;
}

namespace {

/// The frame columns the design uses, and those it leaves out with the reason; from names,
/// kinds and level lists only (see designColumns()).
std::vector<const FrameColumn *> chooseColumns(const DataFrame &frame, const ModelSpec &spec,
                                               std::vector<ExcludedColumn> *excluded)
{
    std::vector<const FrameColumn *> used;
    for (const FrameColumn &c : frame.columns()) {
        QString reason;
        if (!spec.columns.isEmpty() && !spec.columns.contains(c.name))
            reason = englishText(Message::NotSelectedReason);
        else if (spec.exclude.contains(c.name))
            reason = englishText(Message::ExcludedByUserReason);
        else
            reason = defaultExclusionReason(frame, spec, c.name);
        // The level list, not the levels seen in the rows: the same answer without rows.
        if (reason.isEmpty() && c.isCategorical() && c.levelCount() < 2)
            reason = englishText(Message::FewerThanTwoLevelsReason);
        if (!reason.isEmpty()) {
            if (excluded)
                excluded->push_back({c.name, reason});
            continue;
        }
        used.push_back(&c);
    }
    return used;
}

} // namespace

QStringList designColumns(const DataFrame &frame, const ModelSpec &spec)
{
    QStringList names;
    for (const FrameColumn *c : chooseColumns(frame, spec, nullptr))
        names << c->name;
    return names;
}

std::vector<ExcludedColumn> excludedColumns(const DataFrame &frame, const ModelSpec &spec)
{
    std::vector<ExcludedColumn> excluded;
    chooseColumns(frame, spec, &excluded);
    return excluded;
}

namespace {

/// Checks the spec against the frame's columns and chooses the predictors (d->predictors,
/// excluded, postCall and its notes); empty with d->error set when the spec names a column
/// or level the frame lacks.
std::vector<const FrameColumn *> choosePredictors(const DataFrame &frame, const ModelSpec &spec,
                                                  DesignMatrix *out)
{
    DesignMatrix &d = *out;
    for (const QString &name : spec.columns) {
        if (!frame.column(name)) {
            d.error = englishText(Message::NoColumnError).arg(name);
            return {};
        }
    }
    for (auto it = spec.referenceLevels.begin(); it != spec.referenceLevels.end(); ++it) {
        const FrameColumn *c = frame.column(it.key());
        if (!c || !c->isCategorical() || c->levelCode(it.value()) < 0) {
            d.error = englishText(Message::BadReferenceLevelError).arg(it.value(), it.key());
            return {};
        }
    }

    const std::vector<const FrameColumn *> used = chooseColumns(frame, spec, &d.excluded);
    for (const FrameColumn *c : used) {
        d.predictors << c->name;
        if (postCallColumns().contains(c->name))
            d.postCall << c->name;
    }
    for (const QString &c : std::as_const(d.postCall))
        d.notes << englishText(Message::PostCallNote).arg(c);
    return used;
}

/// The intercept and the terms of `used` (numeric columns, then each categorical's levels
/// but its reference), from the complete rows' level counts: the most frequent level is the
/// reference unless the spec names one, and rare or one-outcome levels merge into it (noted).
/// `centreScale` gives a numeric column's centre and scale when the spec standardises.
void appendTerms(const std::vector<const FrameColumn *> &used, const ModelSpec &spec,
                 size_t completeRows,
                 const std::function<LevelCounts(const FrameColumn &)> &levelCounts,
                 const std::function<std::pair<double, double>(const FrameColumn &)> &centreScale,
                 DesignMatrix *out)
{
    DesignMatrix &d = *out;
    DesignTerm intercept;
    intercept.name = QStringLiteral("(Intercept)");
    d.terms.push_back(intercept);
    for (const FrameColumn *c : used) {
        if (!c->isCategorical()) {
            DesignTerm t;
            t.kind = DesignTerm::Kind::Numeric;
            t.name = c->name;
            t.column = c->name;
            if (spec.standardize) {
                std::tie(t.centre, t.scale) = centreScale(*c);
                t.name += QStringLiteral(" (per SD %1)").arg(t.scale, 0, 'g', 4);
            }
            d.terms.push_back(t);
            continue;
        }
        const LevelCounts lc = levelCounts(*c);
        const std::vector<size_t> &counts = lc.rows;
        const std::vector<size_t> &positives = lc.positives;
        // The most frequent level; a tie goes to the first label in order, not to the first
        // level seen, so that the same rows in another order (a warehouse's) choose alike.
        int ref = 0;
        for (int k = 1; k < c->levelCount(); ++k) {
            if (counts[size_t(k)] > counts[size_t(ref)] ||
                (counts[size_t(k)] == counts[size_t(ref)] && c->levels[k] < c->levels[ref]))
                ref = k;
        }
        if (spec.referenceLevels.contains(c->name))
            ref = c->levelCode(spec.referenceLevels.value(c->name));
        const QString refLabel = c->levels[ref];
        for (int k = 0; k < c->levelCount(); ++k) {
            if (k == ref || counts[size_t(k)] == 0)
                continue;
            const double share = double(counts[size_t(k)]) / double(completeRows);
            if (share < spec.minLevelShare) {
                d.notes << englishText(Message::RareLevelNote)
                               .arg(c->name, c->levels[k])
                               .arg(counts[size_t(k)])
                               .arg(100 * share, 0, 'g', 2)
                               .arg(100 * spec.minLevelShare, 0, 'g', 2)
                               .arg(refLabel);
                continue;
            }
            const bool oneOutcome =
                positives[size_t(k)] == 0 || positives[size_t(k)] == counts[size_t(k)];
            if (oneOutcome && spec.mergeOneOutcomeLevels) {
                d.notes << englishText(Message::OneOutcomeLevelNote)
                               .arg(c->name, c->levels[k])
                               .arg(counts[size_t(k)])
                               .arg(englishText(positives[size_t(k)] == 0
                                                    ? Message::NonSubscribersWord
                                                    : Message::SubscribersWord))
                               .arg(refLabel)
                               .arg(englishText(positives[size_t(k)] == 0 ? Message::MinusWord
                                                                          : Message::PlusWord));
                continue;
            }
            DesignTerm t;
            t.kind = DesignTerm::Kind::Level;
            t.column = c->name;
            t.level = c->levels[k];
            t.reference = refLabel;
            t.code = k;
            t.name = QStringLiteral("%1=%2 (ref %3)").arg(c->name, t.level, refLabel);
            d.terms.push_back(t);
        }
    }
}

} // namespace

DesignMatrix buildDesign(const DataFrame &frame, const ModelSpec &spec)
{
    DesignMatrix d;
    const std::vector<const FrameColumn *> used = choosePredictors(frame, spec, &d);
    if (!d.ok())
        return d;

    // Complete cases over the used columns.
    const size_t n = frame.rowCount();
    if (n > size_t(UINT32_MAX)) {
        d.error = englishText(Message::TooManyRowsError).arg(UINT32_MAX);
        return d;
    }
    std::vector<uint32_t> rows;
    rows.reserve(n);
    {
        // A block of rows at a time, column by column: no per-row branch on the storage.
        constexpr size_t kBlock = 4096;
        std::vector<uint8_t> complete(kBlock);
        std::vector<uint32_t> slots(kBlock);
        std::vector<double> values(kBlock);
        for (size_t first = 0; first < n; first += kBlock) {
            const size_t m = std::min(kBlock, n - first);
            std::fill(complete.begin(), complete.begin() + std::ptrdiff_t(m), uint8_t(1));
            for (const FrameColumn *c : used) {
                if (c->isCategorical()) {
                    c->codes.slotsInto(first, m, slots.data());
                    for (size_t i = 0; i < m; ++i)
                        complete[i] &= slots[i] != 0;
                } else {
                    c->valuesInto(first, m, values.data());
                    for (size_t i = 0; i < m; ++i)
                        complete[i] &= !std::isnan(values[i]);
                }
            }
            for (size_t i = 0; i < m; ++i)
                if (complete[i])
                    rows.push_back(uint32_t(first + i));
        }
    }
    d.droppedRows = n - rows.size();
    if (d.droppedRows > 0)
        d.notes << englishText(Message::MissingRowsNote).arg(d.droppedRows);
    if (rows.empty()) {
        d.error = englishText(Message::NoCompleteRowsError);
        return d;
    }

    const std::vector<uint8_t> &target = frame.target();
    appendTerms(
        used, spec, rows.size(),
        [&](const FrameColumn &c) {
            LevelCounts lc;
            lc.rows.assign(size_t(c.levelCount()), 0);
            lc.positives.assign(size_t(c.levelCount()), 0);
            for (size_t r : rows) {
                ++lc.rows[size_t(c.codes[r])];
                lc.positives[size_t(c.codes[r])] += target[r];
            }
            return lc;
        },
        [&](const FrameColumn &c) {
            const double centre = mean(c, rows);
            double ss = 0;
            for (size_t r : rows)
                ss += (c.value(r) - centre) * (c.value(r) - centre);
            const double sd = rows.size() > 1 ? std::sqrt(ss / double(rows.size() - 1)) : 0;
            return std::pair<double, double>(centre, sd > 0 ? sd : 1);
        },
        &d);

    d.rows = rows.size();
    d.y.resize(d.rows);
    for (size_t i = 0; i < d.rows; ++i)
        d.y[i] = target[rows[i]];
    d.frameRow = std::move(rows);
    d.frame = &frame;
    return d;
}

DesignMatrix designFromCounts(const DataFrame &schema, const ModelSpec &spec, size_t tableRows,
                              size_t completeRows,
                              const std::function<LevelCounts(const FrameColumn &)> &levelCounts)
{
    DesignMatrix d;
    if (spec.standardize) {
        d.error = englishText(Message::StandardisedFromCountsError);
        return d;
    }
    const std::vector<const FrameColumn *> used = choosePredictors(schema, spec, &d);
    if (!d.ok())
        return d;
    d.droppedRows = tableRows - completeRows;
    if (d.droppedRows > 0)
        d.notes << englishText(Message::MissingRowsNote).arg(d.droppedRows);
    if (completeRows == 0) {
        d.error = englishText(Message::NoCompleteRowsError);
        return d;
    }
    appendTerms(used, spec, completeRows, levelCounts, {}, &d);
    d.rows = completeRows;
    return d;
}

} // namespace cl
