// StructuredDesign: dense columns plus coded categoricals, and the fused row passes of the fit.
#include "StructuredDesign.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <system_error>
#include <thread>

namespace cl {

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

/// Four doubles: one AVX register, or two SSE2 ones in the baseline build. Only 8-byte
/// alignment is assumed (unaligned loads) and they alias doubles: they are views of plain
/// double arrays.
using V4 = double __attribute__((vector_size(32), aligned(8), may_alias));

inline V4 *vec(std::vector<double> &v)
{
    return reinterpret_cast<V4 *>(v.data());
}

inline const V4 *vec(const std::vector<double> &v)
{
    return reinterpret_cast<const V4 *>(v.data());
}

/// Rows per block: the block's buffers stay in L1 and every inner loop has a fixed length.
constexpr int kRowBlock = 128;
/// Largest number of joint codes of a block of categoricals (unless one alone has more).
constexpr int kBlockSlots = 256;
/// Rows from which a pass is split in two chunks (and run on two threads).
constexpr Index kChunkRows = 16384;

/// Inputs of one pass, as plain pointers.
struct PassInput
{
    int nd = 0;                           ///< dense columns
    const double *const *dense = nullptr; ///< nd column pointers
    int nb = 0;                           ///< blocks of categoricals
    const int32_t *const *code = nullptr; ///< nb joint-code arrays
    const int *slots = nullptr;           ///< nb joint-code counts
    const double *y = nullptr;            ///< 0/1 outcome
    const double *betaDense = nullptr;    ///< nd coefficients; null: unit weights, r = y
    const double *const *table = nullptr; ///< nb tables: linear predictor per joint code
    double *p = nullptr;                  ///< fitted probabilities out (Newton pass only)
    int stride = 0;                       ///< V4 per joint code: [w d (nd), r, w, padding]
};

/// Sums of one chunk of rows.
struct Partial
{
    std::vector<double> dd;                ///< nd x nd x 4, (a, b >= a): lanes of sum w d_a d_b
    std::vector<double> ds;                ///< nd x 4: lanes of sum r d_a
    std::vector<std::vector<double>> acc;  ///< per block: slots x stride x 4
    std::vector<std::vector<double>> pair; ///< per block pair s < t: slots_s x slots_t of sum w
    double logLik = 0;

    void reset(const PassInput &in)
    {
        const size_t nd = size_t(in.nd);
        dd.assign(nd * nd * 4, 0.0);
        ds.assign(nd * 4, 0.0);
        acc.resize(size_t(in.nb));
        for (int s = 0; s < in.nb; ++s)
            acc[size_t(s)].assign(size_t(in.slots[s]) * size_t(in.stride) * 4, 0.0);
        pair.clear();
        for (int s = 0; s < in.nb; ++s)
            for (int t = s + 1; t < in.nb; ++t)
                pair.emplace_back(size_t(in.slots[s]) * size_t(in.slots[t]), 0.0);
        logLik = 0;
    }

    void add(const Partial &o)
    {
        for (size_t i = 0; i < dd.size(); ++i)
            dd[i] += o.dd[i];
        for (size_t i = 0; i < ds.size(); ++i)
            ds[i] += o.ds[i];
        for (size_t s = 0; s < acc.size(); ++s)
            for (size_t i = 0; i < acc[s].size(); ++i)
                acc[s][i] += o.acc[s][i];
        for (size_t q = 0; q < pair.size(); ++q)
            for (size_t i = 0; i < pair[q].size(); ++i)
                pair[q][i] += o.pair[q][i];
        logLik += o.logLik;
    }
};

/// Sum of the four lanes at `v`, in a fixed order.
inline double lanes(const double *v)
{
    return (v[0] + v[1]) + (v[2] + v[3]);
}

/// The fused pass over rows [begin, end): linear predictor, probabilities, log-likelihood,
/// score and weighted cross-products. The hot spot of the fit, hence the AVX2 clone.
__attribute__((target_clones("arch=x86-64-v3", "default"))) void
accumulateRows(const PassInput &in, Index begin, Index end, Partial *out)
{
    using Block = Eigen::Array<double, kRowBlock, 1>;
    using BlockMap = Eigen::Map<Block, Eigen::Aligned32>;
    const int nd = in.nd;
    const int stride = in.stride;
    std::vector<double> dBuf(size_t(nd) * kRowBlock), wdBuf(size_t(nd) * kRowBlock);
    std::vector<double> rowBuf(size_t(kRowBlock) * size_t(stride) * 4);
    V4 *const d = vec(dBuf), *const wd = vec(wdBuf), *const rows = vec(rowBuf);
    V4 *const dd = vec(out->dd), *const ds = vec(out->ds);
    // Aligned for the V4 loads below (Eigen aligns its fixed arrays to 16 bytes only).
    alignas(32) double eBuf[kRowBlock], wBuf[kRowBlock], rBuf[kRowBlock], yBuf[kRowBlock];
    BlockMap e(eBuf), w(wBuf), r(rBuf), yb(yBuf);
    double logLik = 0;
    for (Index i0 = begin; i0 < end; i0 += kRowBlock) {
        const int m = int(std::min<Index>(kRowBlock, end - i0));
        // The block's dense columns, zero beyond its last row.
        double *dp = dBuf.data();
        for (int b = 0; b < nd; ++b) {
            double *col = dp + size_t(b) * kRowBlock;
            std::memcpy(col, in.dense[b] + i0, sizeof(double) * size_t(m));
            std::fill(col + m, col + kRowBlock, 0.0);
        }
        for (int i = 0; i < m; ++i)
            yb(i) = in.y[i0 + i];
        for (int i = m; i < kRowBlock; ++i)
            yb(i) = 0;
        if (in.betaDense) {
            e.setZero();
            for (int b = 0; b < nd; ++b) {
                const double beta = in.betaDense[b];
                const double *col = dp + size_t(b) * kRowBlock;
                for (int i = 0; i < kRowBlock; ++i)
                    e(i) += beta * col[i];
            }
            for (int s = 0; s < in.nb; ++s) {
                const int32_t *code = in.code[s] + i0;
                const double *table = in.table[s];
                for (int i = 0; i < m; ++i)
                    e(i) += table[code[i]];
            }
            // One exponential serves both the probability and log(1 + exp(-|e|)).
            const Block t = (-e.abs()).exp();
            const Block u = 1 + t;
            const Block log1pT = (u == 1).select(t, u.log() * t / (u - 1));
            const Block pr = (e >= 0).select(1 / u, t / u);
            const Block ll = yb * e - e.max(0) - log1pT;
            logLik += ll.head(m).sum();
            w = pr * (1 - pr);
            r = yb - pr;
            std::copy(pr.data(), pr.data() + m, in.p + i0);
        } else {
            w.setOnes();
            r = yb;
        }
        for (int i = m; i < kRowBlock; ++i)
            w(i) = r(i) = 0;

        // Dense x dense and the dense score, four rows per lane.
        const V4 *rv = reinterpret_cast<const V4 *>(r.data());
        const V4 *wv = reinterpret_cast<const V4 *>(w.data());
        for (int a = 0; a < nd; ++a) {
            const V4 *da = d + size_t(a) * kRowBlock / 4;
            V4 *wda = wd + size_t(a) * kRowBlock / 4;
            V4 sr = {0, 0, 0, 0};
            for (int q = 0; q < kRowBlock / 4; ++q) {
                wda[q] = wv[q] * da[q];
                sr += rv[q] * da[q];
            }
            ds[a] += sr;
        }
        for (int a = 0; a < nd; ++a) {
            const V4 *wda = wd + size_t(a) * kRowBlock / 4;
            for (int b = a; b < nd; ++b) {
                const V4 *db = d + size_t(b) * kRowBlock / 4;
                V4 s = {0, 0, 0, 0};
                for (int q = 0; q < kRowBlock / 4; ++q)
                    s += wda[q] * db[q];
                dd[a * nd + b] += s;
            }
        }
        if (in.nb == 0)
            continue;

        // Each row as [w d, r, w, 0...], added to its joint code's sums in every block.
        double *rp = rowBuf.data();
        const double *wdp = wdBuf.data();
        const size_t rowLen = size_t(stride) * 4;
        for (int i = 0; i < m; ++i) {
            double *row = rp + size_t(i) * rowLen;
            for (int b = 0; b < nd; ++b)
                row[b] = wdp[size_t(b) * kRowBlock + size_t(i)];
            row[nd] = r(i);
            row[nd + 1] = w(i);
            for (size_t c = size_t(nd) + 2; c < rowLen; ++c)
                row[c] = 0;
        }
        for (int s = 0; s < in.nb; ++s) {
            const int32_t *code = in.code[s] + i0;
            V4 *acc = vec(out->acc[size_t(s)]);
            for (int i = 0; i < m; ++i) {
                V4 *a = acc + size_t(code[i]) * size_t(stride);
                const V4 *row = rows + size_t(i) * size_t(stride);
                for (int c = 0; c < stride; ++c)
                    a[c] += row[c];
            }
        }
        size_t q = 0;
        for (int s = 0; s < in.nb; ++s) {
            for (int t = s + 1; t < in.nb; ++t, ++q) {
                const int32_t *cs = in.code[s] + i0;
                const int32_t *ct = in.code[t] + i0;
                const size_t slotsT = size_t(in.slots[t]);
                double *pr = out->pair[q].data();
                for (int i = 0; i < m; ++i)
                    pr[size_t(cs[i]) * slotsT + size_t(ct[i])] += w(i);
            }
        }
    }
    out->logLik += logLik;
}

/// Runs `work(chunk, begin, end)` over `chunks` fixed row ranges; the last on this thread.
template <typename Work> void runChunks(Index n, int chunks, const Work &work)
{
    std::vector<std::thread> threads;
    for (int c = 0; c + 1 < chunks; ++c) {
        const Index begin = n * c / chunks, end = n * (c + 1) / chunks;
        try {
            threads.emplace_back(work, c, begin, end);
        } catch (const std::system_error &) {
            work(c, begin, end); // no thread to be had: the same sums, serially
        }
    }
    work(chunks - 1, n * (chunks - 1) / chunks, n);
    for (std::thread &t : threads)
        t.join();
}

} // namespace

StructuredDesign::StructuredDesign(const double *values, Index rows, const DesignMatrix &design,
                                   const std::vector<Index> &cols)
    : m_n(rows), m_k(Index(cols.size())), m_means(VectorXd::Zero(m_k))
{
    const auto column = [&](Index a) { return values + size_t(cols[size_t(a)]) * size_t(m_n); };
    std::map<QString, size_t> byColumn;
    for (Index a = 0; a < m_k; ++a) {
        const DesignTerm &t = design.terms[size_t(cols[size_t(a)])];
        if (t.kind != DesignTerm::Kind::Level)
            continue;
        auto it = byColumn.find(t.column);
        if (it == byColumn.end()) {
            it = byColumn.emplace(t.column, m_groups.size()).first;
            m_groups.emplace_back();
        }
        m_groups[it->second].local.push_back(a);
    }
    std::vector<bool> dense(size_t(m_k), true);
    std::vector<uint8_t> ones(static_cast<size_t>(m_n));
    for (size_t g = 0; g < m_groups.size();) {
        Group &grp = m_groups[g];
        const int32_t none = int32_t(grp.local.size()); // slot of the reference level
        auto code = std::make_shared<std::vector<int32_t>>(size_t(m_n), none);
        std::fill(ones.begin(), ones.end(), uint8_t(0));
        bool valid = true;
        for (size_t l = 0; l < grp.local.size(); ++l) {
            const double *v = column(grp.local[l]);
            int32_t *c = code->data();
            uint8_t *count = ones.data();
            for (Index i = 0; i < m_n; ++i) {
                const bool one = v[i] != 0;
                valid &= !one || v[i] == 1;
                count[i] += one;
                c[i] = one ? int32_t(l) : c[i];
            }
        }
        bool exclusive = valid;
        for (Index i = 0; i < m_n && exclusive; ++i)
            exclusive = ones[size_t(i)] <= 1;
        if (!exclusive) {
            m_groups.erase(m_groups.begin() + long(g));
            continue;
        }
        grp.code = std::move(code);
        for (Index a : grp.local)
            dense[size_t(a)] = false;
        ++g;
    }
    for (Index a = 0; a < m_k; ++a) {
        if (dense[size_t(a)])
            m_dense.push_back(a);
    }
    const Index nd = Index(m_dense.size());
    auto d = std::make_shared<MatrixXd>(m_n, nd);
    for (Index b = 0; b < nd; ++b) {
        const Index a = m_dense[size_t(b)];
        const Eigen::Map<const VectorXd> col(column(a), m_n);
        const bool centre = design.terms[size_t(cols[size_t(a)])].kind == DesignTerm::Kind::Numeric;
        m_means(a) = centre ? col.mean() : 0.0;
        d->col(b) = col.array() - m_means(a);
        m_denseCol.push_back(d->col(b).data());
    }
    m_denseData = std::move(d);
    makeBlocks();
}

StructuredDesign::StructuredDesign(const StructuredDesign &all, const std::vector<Index> &kept)
    : m_n(all.m_n), m_k(Index(kept.size())), m_means(VectorXd::Zero(m_k)),
      m_denseData(all.m_denseData)
{
    std::vector<Index> where(size_t(all.m_k), -1);
    for (Index a = 0; a < m_k; ++a)
        where[size_t(kept[size_t(a)])] = a;
    for (size_t b = 0; b < all.m_dense.size(); ++b) {
        const Index a = where[size_t(all.m_dense[b])];
        if (a < 0)
            continue;
        m_dense.push_back(a);
        m_means(a) = all.m_means(all.m_dense[b]);
        m_denseCol.push_back(all.m_denseCol[b]);
    }
    for (const Group &g : all.m_groups) {
        Group out;
        std::vector<int32_t> remap(g.local.size() + 1, -1);
        for (size_t l = 0; l < g.local.size(); ++l) {
            const Index a = where[size_t(g.local[l])];
            if (a >= 0) {
                remap[l] = int32_t(out.local.size());
                out.local.push_back(a);
            }
        }
        if (out.local.empty())
            continue;
        if (out.local.size() == g.local.size()) {
            out.code = g.code; // same levels: the same codes
        } else {
            for (int32_t &r : remap)
                r = r < 0 ? int32_t(out.local.size()) : r;
            auto code = std::make_shared<std::vector<int32_t>>(g.code->size());
            for (size_t i = 0; i < code->size(); ++i)
                (*code)[i] = remap[size_t((*g.code)[i])];
            out.code = std::move(code);
        }
        m_groups.push_back(std::move(out));
    }
    makeBlocks();
}

void StructuredDesign::makeBlocks()
{
    // First fit, largest categoricals first (ties in design order).
    std::vector<int> order(m_groups.size());
    for (size_t g = 0; g < order.size(); ++g)
        order[g] = int(g);
    std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
        return m_groups[size_t(a)].slots() > m_groups[size_t(b)].slots();
    });
    for (int g : order) {
        const int slots = m_groups[size_t(g)].slots();
        auto it = std::find_if(m_blocks.begin(), m_blocks.end(), [slots](const Block &b) {
            return int64_t(b.slots) * slots <= kBlockSlots;
        });
        if (it == m_blocks.end())
            it = m_blocks.insert(m_blocks.end(), Block{});
        it->groups.push_back(g);
        it->slots *= slots;
    }
    for (Block &b : m_blocks) {
        int radix = 1;
        b.radix.assign(b.groups.size(), 0);
        for (size_t j = b.groups.size(); j-- > 0;) {
            b.radix[j] = radix;
            radix *= m_groups[size_t(b.groups[j])].slots();
        }
        b.code.assign(size_t(m_n), 0);
        for (size_t j = 0; j < b.groups.size(); ++j) {
            const int32_t *c = m_groups[size_t(b.groups[j])].code->data();
            const int32_t f = b.radix[j];
            int32_t *out = b.code.data();
            for (Index i = 0; i < m_n; ++i)
                out[i] += c[i] * f;
        }
    }
}

DesignMoments StructuredDesign::crossProducts(const VectorXd &y) const
{
    return moments(nullptr, y, nullptr);
}

DesignMoments StructuredDesign::newtonMoments(const VectorXd &beta, const VectorXd &y,
                                              VectorXd *p) const
{
    p->resize(m_n);
    return moments(&beta, y, p);
}

DesignMoments StructuredDesign::moments(const VectorXd *beta, const VectorXd &y, VectorXd *p) const
{
    const int nd = int(m_dense.size());
    const int nb = int(m_blocks.size());
    // Joint code u of a block -> level slot of its j-th group.
    const auto level = [this](const Block &b, size_t j, int u) {
        return (u / b.radix[j]) % m_groups[size_t(b.groups[j])].slots();
    };

    PassInput in;
    in.nd = nd;
    in.dense = m_denseCol.data();
    in.nb = nb;
    std::vector<const int32_t *> codes;
    std::vector<int> slots;
    for (const Block &b : m_blocks) {
        codes.push_back(b.code.data());
        slots.push_back(b.slots);
    }
    in.code = codes.data();
    in.slots = slots.data();
    in.y = y.data();
    in.stride = (nd + 2 + 3) / 4;
    VectorXd betaDense(nd);
    std::vector<std::vector<double>> tables;
    std::vector<const double *> tablePtr;
    if (beta) {
        for (int b = 0; b < nd; ++b)
            betaDense(b) = (*beta)(m_dense[size_t(b)]);
        for (const Block &b : m_blocks) {
            std::vector<double> t(size_t(b.slots), 0.0);
            for (int u = 0; u < b.slots; ++u) {
                for (size_t j = 0; j < b.groups.size(); ++j) {
                    const Group &g = m_groups[size_t(b.groups[j])];
                    const int l = level(b, j, u);
                    if (l < int(g.local.size()))
                        t[size_t(u)] += (*beta)(g.local[size_t(l)]);
                }
            }
            tables.push_back(std::move(t));
        }
        for (const std::vector<double> &t : tables)
            tablePtr.push_back(t.data());
        in.betaDense = betaDense.data();
        in.table = tablePtr.data();
        in.p = p->data();
    }

    const int chunks = m_n >= kChunkRows ? 2 : 1;
    std::vector<Partial> parts(static_cast<size_t>(chunks));
    runChunks(m_n, chunks, [&](int c, Index begin, Index end) {
        parts[size_t(c)].reset(in);
        accumulateRows(in, begin, end, &parts[size_t(c)]);
    });
    Partial &sum = parts[0];
    for (int c = 1; c < chunks; ++c)
        sum.add(parts[size_t(c)]);

    DesignMoments out;
    out.gram = MatrixXd::Zero(m_k, m_k);
    out.score = VectorXd::Zero(m_k);
    out.logLik = sum.logLik;
    MatrixXd &h = out.gram;
    for (int a = 0; a < nd; ++a) {
        const Index ia = m_dense[size_t(a)];
        out.score(ia) = lanes(sum.ds.data() + 4 * a);
        for (int b = a; b < nd; ++b) {
            const Index ib = m_dense[size_t(b)];
            h(ia, ib) = lanes(sum.dd.data() + 4 * (a * nd + b)); // one side, as the rest
        }
    }
    const int stride = in.stride;
    for (int s = 0; s < nb; ++s) {
        const Block &blk = m_blocks[size_t(s)];
        for (int u = 0; u < blk.slots; ++u) {
            const double *row = sum.acc[size_t(s)].data() + size_t(u) * size_t(stride) * 4;
            const double wsum = row[nd + 1];
            if (wsum == 0 && row[nd] == 0)
                continue;
            for (size_t j = 0; j < blk.groups.size(); ++j) {
                const Group &g = m_groups[size_t(blk.groups[j])];
                const int l = level(blk, j, u);
                if (l == int(g.local.size()))
                    continue;
                const Index gi = g.local[size_t(l)];
                out.score(gi) += row[nd];
                h(gi, gi) += wsum;
                for (int b = 0; b < nd; ++b)
                    h(gi, m_dense[size_t(b)]) += row[b];
                for (size_t jq = j + 1; jq < blk.groups.size(); ++jq) {
                    const Group &q = m_groups[size_t(blk.groups[jq])];
                    const int lq = level(blk, jq, u);
                    if (lq < int(q.local.size()))
                        h(gi, q.local[size_t(lq)]) += wsum;
                }
            }
        }
    }
    size_t q = 0;
    for (int s = 0; s < nb; ++s) {
        const Block &bs = m_blocks[size_t(s)];
        for (int t = s + 1; t < nb; ++t, ++q) {
            const Block &bt = m_blocks[size_t(t)];
            const std::vector<double> &pr = sum.pair[q];
            // Slot -> local column (or -1 for a reference level) per group, per joint code.
            const auto columns = [&](const Block &b, int u) {
                std::vector<Index> local(b.groups.size());
                for (size_t j = 0; j < b.groups.size(); ++j) {
                    const Group &g = m_groups[size_t(b.groups[j])];
                    const int l = level(b, j, u);
                    local[j] = l < int(g.local.size()) ? g.local[size_t(l)] : -1;
                }
                return local;
            };
            std::vector<std::vector<Index>> colsT(size_t(bt.slots));
            for (int v = 0; v < bt.slots; ++v)
                colsT[size_t(v)] = columns(bt, v);
            for (int u = 0; u < bs.slots; ++u) {
                const std::vector<Index> colsS = columns(bs, u);
                const double *prow = pr.data() + size_t(u) * size_t(bt.slots);
                for (int v = 0; v < bt.slots; ++v) {
                    const double val = prow[v];
                    if (val == 0)
                        continue;
                    for (Index gi : colsS) {
                        if (gi < 0)
                            continue;
                        for (Index qi : colsT[size_t(v)]) {
                            if (qi >= 0)
                                h(gi, qi) += val;
                        }
                    }
                }
            }
        }
    }
    // The group entries were added on one side only (the dense x dense block on both).
    for (Index a = 0; a < m_k; ++a) {
        for (Index b = a + 1; b < m_k; ++b) {
            const double v = h(a, b) + h(b, a);
            h(a, b) = h(b, a) = v;
        }
    }
    return out;
}

} // namespace cl
