// DrillSplit: scoring the splits of a filtered population by how many segments reach min-n.
#include "DrillSplit.h"

#include "SegmentEngine.h"
#include "data/DataFrame.h"

#include <algorithm>
#include <vector>

namespace cl {

namespace {

/// Candidate columns scored at most (the most preferred that vary): 8 give 92 splits.
constexpr int kMaxCandidates = 8;
/// Matching clients counted at most; above, an evenly spaced sample stands for them.
constexpr size_t kMaxSample = 100000;

struct Score
{
    QStringList by;
    int segments = 0;
    int atMinN = 0;
    int order = 0; ///< position among the splits tried (preferred columns first)
};

bool better(const Score &a, const Score &b)
{
    const bool aMostly = 2 * a.atMinN >= a.segments && a.atMinN > 0;
    const bool bMostly = 2 * b.atMinN >= b.segments && b.atMinN > 0;
    if (aMostly != bMostly)
        return aMostly;
    if (aMostly) {
        if (a.atMinN != b.atMinN)
            return a.atMinN > b.atMinN;
        if (a.by.size() != b.by.size())
            return a.by.size() > b.by.size();
        return a.order < b.order;
    }
    // None informative: the largest share of full segments, then the fewest (largest)
    // segments, fewer dimensions first.
    const double sa = a.segments ? double(a.atMinN) / a.segments : 0;
    const double sb = b.segments ? double(b.atMinN) / b.segments : 0;
    if (sa != sb)
        return sa > sb;
    if (a.segments != b.segments)
        return a.segments < b.segments;
    if (a.by.size() != b.by.size())
        return a.by.size() < b.by.size();
    return a.order < b.order;
}

} // namespace

DrillSplit DrillSplit::choose(const DataFrame &frame, const QList<SegmentFilter> &filters,
                              const QStringList &candidates, int maxDims, int minN)
{
    DrillSplit split;
    // The rows of the drilled segment: one pass over the filter columns, masked as the
    // segment query masks them.
    std::vector<SegmentFilterMask> masks;
    if (!SegmentEngine::filterMasks(frame, filters, &masks).isEmpty())
        return split;
    std::vector<size_t> rows;
    const size_t n = frame.rowCount();
    for (size_t r = 0; r < n; ++r) {
        bool keep = true;
        for (const SegmentFilterMask &m : masks)
            keep = keep && m.allowed[m.codes->slot(r)];
        if (keep)
            rows.push_back(r);
    }
    split.clients = qint64(rows.size());
    if (rows.empty() || maxDims < 1)
        return split;
    double weight = 1; // clients each counted row stands for
    if (rows.size() > kMaxSample) {
        std::vector<size_t> sample(kMaxSample);
        for (size_t i = 0; i < kMaxSample; ++i)
            sample[i] = rows[i * rows.size() / kMaxSample];
        weight = double(rows.size()) / double(kMaxSample);
        rows.swap(sample);
    }

    // Candidates that still vary among these clients, most preferred first.
    std::vector<const FrameColumn *> columns;
    for (const QString &name : candidates) {
        const FrameColumn *c = frame.column(name);
        if (!c || !c->isCategorical() || int(columns.size()) >= kMaxCandidates)
            continue;
        const uint32_t first = c->codes.slot(rows.front());
        const bool varies = std::any_of(rows.begin(), rows.end(),
                                        [&](size_t r) { return c->codes.slot(r) != first; });
        if (varies)
            columns.push_back(c);
    }
    if (columns.empty())
        return split;

    // Every split of 1 to maxDims columns, in preference order.
    std::vector<std::vector<int>> combos;
    const int k = int(columns.size());
    for (int dims = 1; dims <= std::min({maxDims, 3, k}); ++dims) {
        std::vector<int> idx(static_cast<size_t>(dims));
        for (int i = 0; i < dims; ++i)
            idx[size_t(i)] = i;
        while (true) {
            combos.push_back(idx);
            int i = dims - 1;
            while (i >= 0 && idx[size_t(i)] == k - dims + i)
                --i;
            if (i < 0)
                break;
            ++idx[size_t(i)];
            for (int j = i + 1; j < dims; ++j)
                idx[size_t(j)] = idx[size_t(j - 1)] + 1;
        }
    }
    Score best;
    bool found = false;
    std::vector<double> counts;
    for (size_t ci = 0; ci < combos.size(); ++ci) {
        const std::vector<int> &combo = combos[ci];
        size_t keys = 1;
        for (int i : combo)
            keys *= size_t(columns[size_t(i)]->levelCount() + 1);
        counts.assign(keys, 0);
        for (size_t r : rows) {
            size_t key = 0;
            for (int i : combo) {
                const FrameColumn *c = columns[size_t(i)];
                key = key * size_t(c->levelCount() + 1) + c->codes.slot(r);
            }
            counts[key] += weight;
        }
        Score s;
        s.order = int(ci);
        for (int i : combo)
            s.by << columns[size_t(i)]->name;
        for (double c : counts) {
            s.segments += c > 0;
            s.atMinN += c > 0 && c + 1e-9 >= double(minN);
        }
        if (!found || better(s, best)) {
            best = s;
            found = true;
        }
    }
    split.by = best.by;
    split.segments = best.segments;
    split.segmentsAtMinN = best.atMinN;
    return split;
}

} // namespace cl
