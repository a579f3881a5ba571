// SegmentEngine: one pass over the code arrays into a flat counter array, then statistics.
#include "SegmentEngine.h"

#include "SegmentStats.h"
#include "data/DataFrame.h"
#include "util/MessageText.h"

#include <QElapsedTimer>

#include <algorithm>
#include <memory>
#include <thread>
#include <unordered_map>

namespace cl {

namespace {

/// Above this many key combinations the counts go to a hash map instead of a flat array.
constexpr uint64_t kMaxDenseKeys = uint64_t(1) << 22;
/// Frames smaller than this are counted on the calling thread.
constexpr size_t kMinRowsPerThread = size_t(1) << 18;

const QString kMissingLabel = QStringLiteral("(missing)");

/// Everything the counting loop reads; code + 1 is the digit, so missing values count too.
struct CountPlan
{
    int dims = 0;
    const CodeColumn *codes[SegmentEngine::kMaxDimensions] = {};
    uint32_t radix[SegmentEngine::kMaxDimensions] = {};
    const uint8_t *y = nullptr;
    std::vector<SegmentFilterMask> filters;
};

/// Rows whose slots a counting loop copies at a time: the codes are stored 1, 2 or 4 bytes
/// wide, and one copy per block keeps the width out of the per-row loop.
constexpr size_t kSlotBlock = 4096;

/// Slot buffers of one counting thread.
struct SlotBlock
{
    uint32_t dim[SegmentEngine::kMaxDimensions][kSlotBlock];
    uint32_t filter[kSlotBlock];
    uint8_t keep[kSlotBlock];
};

/// keep[i]: row begin + i passes every filter.
void applyFilters(const CountPlan &plan, size_t begin, size_t count, SlotBlock &b)
{
    std::fill(b.keep, b.keep + count, uint8_t(1));
    for (const SegmentFilterMask &f : plan.filters) {
        f.codes->slotsInto(begin, count, b.filter);
        for (size_t i = 0; i < count; ++i)
            b.keep[i] &= f.allowed[b.filter[i]];
    }
}

template <int Dims, bool Filtered>
void countDense(const CountPlan &plan, size_t begin, size_t end, uint32_t *counts)
{
    const uint32_t r1 = Dims > 1 ? plan.radix[1] : 1;
    const uint32_t r2 = Dims > 2 ? plan.radix[2] : 1;
    auto b = std::make_unique<SlotBlock>();
    for (size_t at = begin; at < end; at += kSlotBlock) {
        const size_t count = std::min(kSlotBlock, end - at);
        for (int d = 0; d < Dims; ++d)
            plan.codes[d]->slotsInto(at, count, b->dim[d]);
        if (Filtered)
            applyFilters(plan, at, count, *b);
        const uint8_t *y = plan.y + at;
        for (size_t i = 0; i < count; ++i) {
            if (Filtered && !b->keep[i])
                continue;
            uint32_t key = b->dim[0][i];
            if (Dims > 1)
                key = key * r1 + b->dim[1][i];
            if (Dims > 2)
                key = key * r2 + b->dim[2][i];
            ++counts[2 * key + (y[i] ? 1 : 0)];
        }
    }
}

void countDenseRange(const CountPlan &plan, size_t begin, size_t end, uint32_t *counts)
{
    const bool filtered = !plan.filters.empty();
    switch (plan.dims * 2 + (filtered ? 1 : 0)) {
    case 2:
        return countDense<1, false>(plan, begin, end, counts);
    case 3:
        return countDense<1, true>(plan, begin, end, counts);
    case 4:
        return countDense<2, false>(plan, begin, end, counts);
    case 5:
        return countDense<2, true>(plan, begin, end, counts);
    case 6:
        return countDense<3, false>(plan, begin, end, counts);
    default:
        return countDense<3, true>(plan, begin, end, counts);
    }
}

/// Counts per key: [2 * key] clients without subscription, [2 * key + 1] subscribers.
std::vector<qint64> countDenseAll(const CountPlan &plan, size_t rows, uint64_t keys, int threads)
{
    const size_t slots = size_t(keys) * 2;
    // 32-bit counters keep the hot array small (L1 for the usual few hundred keys); they are
    // folded into 64-bit totals after each chunk, so they never overflow.
    constexpr size_t kChunk = size_t(1) << 30;
    const int n = std::max(1, std::min<int>(threads, int(rows / kMinRowsPerThread)));
    std::vector<std::vector<qint64>> totals(size_t(n), std::vector<qint64>(slots, 0));
    auto work = [&](int t) {
        std::vector<uint32_t> counts(slots, 0);
        std::vector<qint64> &total = totals[size_t(t)];
        const size_t begin = rows * size_t(t) / size_t(n);
        const size_t end = rows * size_t(t + 1) / size_t(n);
        for (size_t b = begin; b < end; b += kChunk) {
            countDenseRange(plan, b, std::min(end, b + kChunk), counts.data());
            for (size_t i = 0; i < slots; ++i) {
                total[i] += counts[i];
                counts[i] = 0;
            }
        }
    };
    if (n == 1) {
        work(0);
    } else {
        std::vector<std::thread> pool;
        for (int t = 1; t < n; ++t)
            pool.emplace_back(work, t);
        work(0);
        for (auto &th : pool)
            th.join();
    }
    for (int t = 1; t < n; ++t) {
        for (size_t i = 0; i < slots; ++i)
            totals[0][i] += totals[size_t(t)][i];
    }
    return std::move(totals[0]);
}

/// The categorical column `name` of `frame` in *out, or why it is none.
QString findCategorical(const DataFrame &frame, const QString &name, const FrameColumn **out)
{
    const FrameColumn *c = frame.column(name);
    if (!c || !c->isCategorical()) {
        const QString names = SegmentEngine(frame).categoricalColumns().join(QStringLiteral(", "));
        return (c ? englishText(Message::NumericSegmentColumnError)
                  : englishText(Message::NoSegmentColumnError))
            .arg(name, names);
    }
    *out = c;
    return {};
}

} // namespace

QString SegmentEngine::missingLabel()
{
    return kMissingLabel;
}

QString SegmentEngine::filterMasks(const DataFrame &frame, const QList<SegmentFilter> &filters,
                                   std::vector<SegmentFilterMask> *masks)
{
    masks->clear();
    for (const SegmentFilter &f : filters) {
        const FrameColumn *c = nullptr;
        if (const QString why = findCategorical(frame, f.column, &c); !why.isEmpty())
            return why;
        SegmentFilterMask mask;
        mask.codes = &c->codes;
        mask.allowed.assign(size_t(c->levelCount() + 1), 0);
        for (const QString &label : f.labels) {
            const int code = c->levelCode(label);
            if (label == kMissingLabel) // NULL, and the level an empty field is imported as
                mask.allowed[size_t(FrameColumn::kMissingCode + 1)] = 1;
            else if (code < 0)
                return englishText(Message::NoSuchValueError)
                    .arg(label, c->name, c->levels.join(QStringLiteral(", ")));
            if (code >= 0)
                mask.allowed[size_t(code + 1)] = 1;
        }
        masks->push_back(std::move(mask));
    }
    return {};
}

QStringList SegmentEngine::categoricalColumns() const
{
    QStringList names;
    for (const FrameColumn &c : m_frame.columns()) {
        if (c.isCategorical())
            names << c.name;
    }
    return names;
}

SegmentResult SegmentEngine::run(const SegmentQuery &query) const
{
    QElapsedTimer timer;
    timer.start();
    SegmentResult result;
    result.query = query;
    auto fail = [&](const QString &why) {
        result.ok = false;
        result.error = why;
        result.seconds = double(timer.nsecsElapsed()) / 1e9;
        return result;
    };

    const int dims = int(query.by.size());
    if (dims < 1 || dims > kMaxDimensions)
        return fail(englishText(Message::SegmentDimensionsError).arg(kMaxDimensions).arg(dims));
    CountPlan plan;
    plan.dims = dims;
    std::vector<const FrameColumn *> byColumns;
    uint64_t keys = 1;
    for (int d = 0; d < dims; ++d) {
        const FrameColumn *c = nullptr;
        const QString why = findCategorical(m_frame, query.by[d], &c);
        if (!why.isEmpty())
            return fail(why);
        if (std::find(byColumns.begin(), byColumns.end(), c) != byColumns.end())
            return fail(englishText(Message::ColumnTwiceError).arg(c->name));
        byColumns.push_back(c);
        plan.codes[d] = &c->codes;
        plan.radix[d] = uint32_t(c->levelCount() + 1);
        keys *= plan.radix[d];
    }
    if (const QString why = filterMasks(m_frame, query.filters, &plan.filters); !why.isEmpty())
        return fail(why);
    plan.y = m_frame.target().data();

    const size_t rows = m_frame.rowCount();
    int threads = query.threads > 0 ? query.threads : int(std::thread::hardware_concurrency());
    threads = std::clamp(threads, 1, 16);

    // (key, clients, subscribers) of the non-empty segments.
    struct Cell
    {
        uint64_t key;
        qint64 clients;
        qint64 subscribers;
    };
    std::vector<Cell> cells;
    if (keys <= kMaxDenseKeys) {
        const std::vector<qint64> counts = countDenseAll(plan, rows, keys, threads);
        for (uint64_t k = 0; k < keys; ++k) {
            const qint64 no = counts[2 * k], yes = counts[2 * k + 1];
            if (no + yes > 0)
                cells.push_back({k, no + yes, yes});
        }
    } else {
        // Columns with very many levels: a hash map keeps memory bounded by the rows.
        std::unordered_map<uint64_t, std::pair<qint64, qint64>> map;
        auto block = std::make_unique<SlotBlock>();
        for (size_t at = 0; at < rows; at += kSlotBlock) {
            const size_t count = std::min(kSlotBlock, rows - at);
            for (int d = 0; d < dims; ++d)
                plan.codes[d]->slotsInto(at, count, block->dim[d]);
            applyFilters(plan, at, count, *block);
            for (size_t i = 0; i < count; ++i) {
                if (!block->keep[i])
                    continue;
                uint64_t key = 0;
                for (int d = 0; d < dims; ++d)
                    key = key * plan.radix[d] + block->dim[d][i];
                auto &cell = map[key];
                ++cell.first;
                cell.second += plan.y[at + i] ? 1 : 0;
            }
        }
        for (const auto &[key, counts] : map)
            cells.push_back({key, counts.first, counts.second});
        std::sort(cells.begin(), cells.end(),
                  [](const Cell &a, const Cell &b) { return a.key < b.key; });
    }

    std::vector<SegmentCell> out;
    out.reserve(cells.size());
    for (const Cell &cell : cells) {
        SegmentCell c;
        c.codes.resize(size_t(dims));
        uint64_t key = cell.key;
        for (int d = dims - 1; d >= 0; --d) {
            c.codes[size_t(d)] = int32_t(key % plan.radix[d]) - 1;
            key /= plan.radix[d];
        }
        c.clients = cell.clients;
        c.subscribers = cell.subscribers;
        out.push_back(std::move(c));
    }
    std::vector<QStringList> levels;
    for (const FrameColumn *c : byColumns)
        levels.push_back(c->levels);
    result = fromCells(query, levels, std::move(out));
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    return result;
}

SegmentResult SegmentEngine::fromCells(const SegmentQuery &query,
                                       const std::vector<QStringList> &levels,
                                       std::vector<SegmentCell> cells)
{
    QElapsedTimer timer;
    timer.start();
    SegmentResult result;
    result.query = query;
    const int dims = int(levels.size());
    // The order of a counting pass's keys (missing first): the prior's sums add up alike.
    std::sort(cells.begin(), cells.end(),
              [](const SegmentCell &a, const SegmentCell &b) { return a.codes < b.codes; });
    for (const SegmentCell &cell : cells) {
        result.population += cell.clients;
        result.subscribers += cell.subscribers;
    }
    result.overallRate =
        result.population > 0 ? double(result.subscribers) / double(result.population) : 0.0;

    std::vector<qint64> ys, ns;
    ys.reserve(cells.size());
    ns.reserve(cells.size());
    for (const SegmentCell &cell : cells) {
        ys.push_back(cell.subscribers);
        ns.push_back(cell.clients);
    }
    result.prior = SegmentStats::fitBetaPrior(ys, ns);

    result.rows.reserve(cells.size());
    for (SegmentCell &cell : cells) {
        SegmentRow row;
        row.codes = std::move(cell.codes);
        for (int d = 0; d < dims; ++d) {
            const int32_t code = row.codes[size_t(d)];
            row.labels << (code < 0 ? kMissingLabel : levels[size_t(d)][code]);
        }
        row.clients = cell.clients;
        row.subscribers = cell.subscribers;
        row.rate = double(cell.subscribers) / double(cell.clients);
        const auto [low, high] = SegmentStats::wilson(cell.subscribers, cell.clients);
        row.wilsonLow = low;
        row.wilsonHigh = high;
        row.lift = result.overallRate > 0 ? row.rate / result.overallRate : 0.0;
        row.share =
            result.subscribers > 0 ? double(cell.subscribers) / double(result.subscribers) : 0.0;
        row.bayesRate = result.prior.fitted
                            ? (result.prior.alpha + double(cell.subscribers)) /
                                  (result.prior.alpha + result.prior.beta + double(cell.clients))
                            : row.rate;
        row.small = cell.clients < query.minN;
        if (row.small)
            ++result.smallSegments;
        result.rows.push_back(std::move(row));
    }
    result.segmentsCompared = int(result.rows.size());
    rankSegments(result.rows, query.ranking);
    if (result.population == 0)
        result.warnings << englishText(Message::NoRowsPassWarning);
    result.ok = true;
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    return result;
}

void rankSegments(std::vector<SegmentRow> &rows, SegmentRanking ranking)
{
    auto score = [ranking](const SegmentRow &r) {
        switch (ranking) {
        case SegmentRanking::Raw:
            return r.rate;
        case SegmentRanking::Wilson:
            return r.wilsonLow;
        case SegmentRanking::Bayes:
            return r.bayesRate;
        }
        return r.rate;
    };
    // Below min-n every ranking still puts a handful of clients among the best (the raw rate
    // led with 2 of 2 at 65+/management/divorced; the lower bound and the shrunk rate less
    // so): those go after the rest, whatever the ranking (issue 11).
    std::stable_sort(rows.begin(), rows.end(), [&](const SegmentRow &a, const SegmentRow &b) {
        if (a.small != b.small)
            return b.small;
        const double sa = score(a), sb = score(b);
        if (sa != sb)
            return sa > sb;
        if (a.clients != b.clients)
            return a.clients > b.clients;
        return a.codes < b.codes;
    });
    for (size_t i = 0; i < rows.size(); ++i)
        rows[i].rank = int(i) + 1;
}

} // namespace cl
