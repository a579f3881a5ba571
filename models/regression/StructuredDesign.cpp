// StructuredDesign: dense columns plus coded categoricals, and the fused row passes of the fit.
#include "StructuredDesign.h"

#include "data/DataFrame.h"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
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
/// (A typedef, not `using`: clang applies aligned(8) to an alias declaration's type, where it
/// cannot lower the alignment, and would then assume 32-byte aligned loads.)
typedef double V4 __attribute__((vector_size(32), aligned(8), may_alias));

/// The fused passes get an AVX2 clone beside the baseline one on x86-64 (GCC, clang >= 14);
/// elsewhere, or with CAMPAIGNLENS_PORTABLE_KERNELS, one portable build. Same results: every
/// lane is computed in the same order either way.
#if defined(__x86_64__) && !defined(CL_PORTABLE_KERNELS) &&                                        \
    (!defined(__clang__) || __clang_major__ >= 14)
#define CL_HOT_PASS __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define CL_HOT_PASS
#endif

/// Lanes of two V4, picked by index (0-3: a, 4-7: b): GCC's and clang's builtins take the
/// indexes differently; the portable form copies lanes.
#if defined(CL_PORTABLE_KERNELS)
#define CL_SHUFFLE(a, b, i0, i1, i2, i3) shuffleLanes<i0, i1, i2, i3>(a, b)
#elif defined(__clang__)
#define CL_SHUFFLE(a, b, i0, i1, i2, i3) __builtin_shufflevector(a, b, i0, i1, i2, i3)
#else
using V4i = int64_t __attribute__((vector_size(32)));
#define CL_SHUFFLE(a, b, i0, i1, i2, i3) __builtin_shuffle(a, b, V4i{i0, i1, i2, i3})
#endif

template <int I0, int I1, int I2, int I3> [[maybe_unused]] inline V4 shuffleLanes(V4 a, V4 b)
{
    const auto lane = [&](int i) { return i < 4 ? a[i] : b[i - 4]; };
    return V4{lane(I0), lane(I1), lane(I2), lane(I3)};
}

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
/// Copies of each block's sums (see Partial::acc).
constexpr size_t kBanks = 2;
/// Rows from which a pass is split in two chunks (and run on two threads).
constexpr Index kChunkRows = 16384;

/// Inputs of one pass, as plain pointers.
struct PassInput
{
    int nd = 0;                           ///< dense columns
    const DenseColumn *dense = nullptr;   ///< nd columns (constant(): 1)
    const double *centre = nullptr;       ///< nd values subtracted from the columns
    int nb = 0;                           ///< blocks of categoricals
    const uint8_t *const *code = nullptr; ///< nb joint-code arrays, codeWidth bytes a code
    const int *codeWidth = nullptr;       ///< nb bytes per joint code: 1, 2 or 4
    const int *slots = nullptr;           ///< nb joint-code counts
    const uint8_t *y = nullptr;           ///< 0/1 outcome
    const double *betaDense = nullptr;    ///< nd coefficients; null: unit weights, r = y
    const double *const *table = nullptr; ///< nb tables: linear predictor per joint code
    int stride = 0;                       ///< V4 per joint code: [w d (nd), r, w, padding]
};

/// Sums of one chunk of rows.
struct Partial
{
    std::vector<double> dd; ///< nd x nd x 4, (a, b >= a): lanes of sum w d_a d_b
    std::vector<double> ds; ///< nd x 4: lanes of sum r d_a
    /// nd x 4 x 4: lanes of min and -max of each column over the rows with y = 0, then y = 1.
    std::vector<double> ranges; /// Per block: slots x kBanks x stride x 4; rows alternate between
                                /// the banks, so that two
    /// consecutive rows with the same code do not wait for each other's store.
    std::vector<std::vector<double>> acc;
    std::vector<std::vector<double>> pair; ///< per block pair s < t: slots_s x slots_t of sum w
    double logLik = 0;
    double fittedPositive = 0, fittedNegative = 0;
    Index extreme = 0;

    /// Ready for a pass over `in`. The per-code sums are left as they are when their size
    /// fits: the previous pass zeroed them while collecting them.
    void reset(const PassInput &in)
    {
        const size_t nd = size_t(in.nd);
        dd.assign(nd * nd * 4, 0.0);
        ds.assign(nd * 4, 0.0);
        ranges.assign(nd * 16, INFINITY);
        const auto fit = [](std::vector<double> &v, size_t size) {
            if (v.size() != size)
                v.assign(size, 0.0);
        };
        acc.resize(size_t(in.nb));
        for (int s = 0; s < in.nb; ++s)
            fit(acc[size_t(s)], size_t(in.slots[s]) * kBanks * size_t(in.stride) * 4);
        pair.resize(size_t(in.nb) * size_t(std::max(in.nb - 1, 0)) / 2);
        size_t q = 0;
        for (int s = 0; s < in.nb; ++s)
            for (int t = s + 1; t < in.nb; ++t)
                fit(pair[q++], size_t(in.slots[s]) * size_t(in.slots[t]));
        logLik = fittedPositive = fittedNegative = 0;
        extreme = 0;
    }
};

/// exp(x) for x <= 0, four at a time, within 2 ulp (below -708 it gives exp(-708), which
/// is 0 for every use here). Cody-Waite reduction x = n ln 2 + r, |r| <= ln 2 / 2, and the
/// Taylor polynomial of degree 13 (truncation below 1e-17).
__attribute__((always_inline)) inline void expNonPositive(const V4 *in, V4 *out)
{
    V4 x = *in;
    typedef int64_t V4l __attribute__((vector_size(32), aligned(8), may_alias));
    const V4 lo = {-708.0, -708.0, -708.0, -708.0};
    x = x < lo ? lo : x;
    // Round x / ln 2 to an integer with the 1.5 * 2^52 shifter: its low bits then hold n.
    const double shifter = 0x1.8p52;
    const V4 k = x * 1.4426950408889634 + shifter;
    const V4 n = k - shifter;
    const V4 r = (x - n * 0x1.62e42fefa3800p-1) - n * 0x1.ef35793c76730p-45;
    V4 p = r * (1.0 / 6227020800.0) + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    // 2^n from n's bits: (n + 1023) << 52, n >= -1022 here.
    V4l bits;
    std::memcpy(&bits, &k, sizeof bits);
    const V4l shifterBits = {0x4338000000000000, 0x4338000000000000, 0x4338000000000000,
                             0x4338000000000000};
    const V4l scaleBits = (bits - shifterBits + 1023) << 52;
    V4 scale;
    std::memcpy(&scale, &scaleBits, sizeof scale);
    *out = p * scale;
}

/// acc[code[i], bank of i] += rows[i] for i < m; rows of `Stride` V4 (0: `stride`).
template <int Stride>
__attribute__((always_inline)) inline void addRows(const V4 *rows, const int32_t *code, int m,
                                                   V4 *acc, int stride = Stride)
{
    const size_t width = size_t(Stride ? Stride : stride);
    for (int i = 0; i < m; ++i) {
        V4 *a = acc + (size_t(code[i]) * kBanks + size_t(i % kBanks)) * width;
        const V4 *row = rows + size_t(i) * width;
        for (size_t c = 0; c < width; ++c)
            a[c] += row[c];
    }
}

/// Sum of the four lanes at `v`, in a fixed order.
inline double lanes(const double *v)
{
    return (v[0] + v[1]) + (v[2] + v[3]);
}

/// Bytes per joint code of a block of `slots` joint codes: 1 up to 256 (kBlockSlots), so that
/// a block's codes take a byte a row unless one categorical alone has more levels.
int jointCodeWidth(int slots)
{
    return slots <= 0x100 ? 1 : slots <= 0x10000 ? 2 : 4;
}

/// Zeroed storage for `n` codes of `width` bytes (1, 2 or 4), allocated as that width's
/// unsigned type so that the codes are written and read as it; `*data` gets its bytes.
std::shared_ptr<void> codeStorage(size_t n, int width, uint8_t **data)
{
    switch (width) {
    case 1: {
        auto v = std::make_shared<std::vector<uint8_t>>(n);
        *data = v->data();
        return v;
    }
    case 2: {
        auto v = std::make_shared<std::vector<uint16_t>>(n);
        *data = reinterpret_cast<uint8_t *>(v->data());
        return v;
    }
    default: {
        auto v = std::make_shared<std::vector<uint32_t>>(n);
        *data = reinterpret_cast<uint8_t *>(v->data());
        return v;
    }
    }
}

/// out[k] = codes[rowOf(k)] for k < n, codes of type T (both arrays of T, as bytes).
template <class T, class RowOf>
void gatherCodes(const uint8_t *codes, const RowOf &rowOf, size_t n, uint8_t *out)
{
    const T *from = reinterpret_cast<const T *>(codes);
    T *to = reinterpret_cast<T *>(out);
    for (size_t k = 0; k < n; ++k)
        to[k] = from[rowOf(k)];
}

/// Joint codes [first, first + count) of an array of `width`-byte codes, into `out`.
__attribute__((always_inline)) inline void jointCodes(const uint8_t *code, int width, Index first,
                                                      int count, int32_t *out)
{
    switch (width) {
    case 1:
        for (int i = 0; i < count; ++i)
            out[i] = code[first + i];
        break;
    case 2: {
        const auto *c = reinterpret_cast<const uint16_t *>(code) + first;
        for (int i = 0; i < count; ++i)
            out[i] = c[i];
        break;
    }
    default:
        std::memcpy(out, reinterpret_cast<const int32_t *>(code) + first,
                    size_t(count) * sizeof(int32_t));
    }
}

/// Rows [first, first + count) of `column`: in place for doubles, else decoded into `scratch`.
__attribute__((always_inline)) inline const double *
denseRows(const DenseColumn &column, Index first, int count, double *scratch)
{
    if (column.values)
        return column.values + first;
    const double *table = column.table;
    switch (column.width) {
    case 1: {
        const uint8_t *code = column.codes + first;
        for (int i = 0; i < count; ++i)
            scratch[i] = table[code[i]];
        break;
    }
    case 2: {
        const auto *code = reinterpret_cast<const uint16_t *>(column.codes) + first;
        for (int i = 0; i < count; ++i)
            scratch[i] = table[code[i]];
        break;
    }
    default: {
        const auto *code = reinterpret_cast<const uint32_t *>(column.codes) + first;
        for (int i = 0; i < count; ++i)
            scratch[i] = table[code[i]];
    }
    }
    return scratch;
}

/// The fused pass over rows [begin, end): linear predictor, probabilities, log-likelihood,
/// score and weighted cross-products. The hot spot of the fit, hence the AVX2 clone.
CL_HOT_PASS void accumulateRows(const PassInput &in, Index begin, Index end, Partial *out)
{
    using Block = Eigen::Array<double, kRowBlock, 1>;
    using BlockMap = Eigen::Map<Block, Eigen::Aligned32>;
    const int nd = in.nd;
    const int stride = in.stride;
    std::vector<double> dBuf(size_t(nd) * kRowBlock), wdBuf(size_t(nd) * kRowBlock);
    // The block's values of coded columns, and where each column's values are.
    std::vector<double> rawBuf(size_t(nd) * kRowBlock);
    std::vector<const double *> values(size_t(nd), nullptr);
    // The block's joint codes of each block of categoricals, as int32.
    std::vector<int32_t> codeBuf(size_t(in.nb) * kRowBlock);
    std::vector<const int32_t *> code(size_t(in.nb));
    for (int s = 0; s < in.nb; ++s)
        code[size_t(s)] = codeBuf.data() + size_t(s) * kRowBlock;
    std::vector<double> rowBuf(size_t(kRowBlock) * size_t(stride) * 4);
    V4 *const d = vec(dBuf), *const wd = vec(wdBuf), *const rows = vec(rowBuf);
    V4 *const dd = vec(out->dd), *const ds = vec(out->ds), *const ranges = vec(out->ranges);
    const std::vector<double> zeroBuf(kRowBlock, 0.0);
    const V4 *const zeros = vec(zeroBuf);
    std::vector<const double *> colPtr(size_t(stride) * 4); // V4 arrays, as doubles
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
            if (!in.dense[b].constant()) {
                const double *x = values[size_t(b)] =
                    denseRows(in.dense[b], i0, m, rawBuf.data() + size_t(b) * kRowBlock);
                const double c = in.centre[b];
                for (int i = 0; i < m; ++i)
                    col[i] = x[i] - c;
            } else {
                std::fill(col, col + m, 1.0);
            }
            std::fill(col + m, col + kRowBlock, 0.0);
        }
        for (int i = 0; i < m; ++i)
            yb(i) = in.y[i0 + i];
        for (int i = m; i < kRowBlock; ++i)
            yb(i) = 0;
        for (int s = 0; s < in.nb; ++s)
            jointCodes(in.code[s], in.codeWidth[s], i0, m, codeBuf.data() + size_t(s) * kRowBlock);
        if (in.betaDense) {
            e.setZero();
            for (int b = 0; b < nd; ++b) {
                const double beta = in.betaDense[b];
                const double *col = dp + size_t(b) * kRowBlock;
                for (int i = 0; i < kRowBlock; ++i)
                    e(i) += beta * col[i];
            }
            for (int s = 0; s < in.nb; ++s) {
                const int32_t *cs = code[size_t(s)];
                const double *table = in.table[s];
                for (int i = 0; i < m; ++i)
                    e(i) += table[cs[i]];
            }
            // One exponential serves both the probability and log(1 + exp(-|e|)).
            alignas(32) double tBuf[kRowBlock];
            BlockMap t(tBuf);
            const V4 *ev = reinterpret_cast<const V4 *>(e.data());
            V4 *tv = reinterpret_cast<V4 *>(tBuf);
            for (int q = 0; q < kRowBlock / 4; ++q) {
                const V4 x = ev[q];
                const V4 negAbs = x < 0 ? x : -x;
                expNonPositive(&negAbs, tv + q);
            }
            Block u = 1 + t;
            for (int i = m; i < kRowBlock; ++i)
                u(i) = 1;
            // The block's sum of log(1 + t) as the log of its product: one logarithm per block.
            // The factors lie in [1, 2]: no overflow, and the product's rounding adds at most
            // ~kRowBlock ulp to the block's sum.
            const V4 *uv = reinterpret_cast<const V4 *>(u.data());
            V4 prod = uv[0];
            for (int q = 1; q < kRowBlock / 4; ++q)
                prod *= uv[q];
            double ll = -std::log((prod[0] * prod[1]) * (prod[2] * prod[3]));
            double sum1 = 0, sum0 = 0;
            Index extreme = 0;
            for (int i = 0; i < m; ++i) {
                ll += yb(i) * e(i) - std::max(e(i), 0.0);
                const double pr = (e(i) >= 0 ? 1 : t(i)) / u(i);
                w(i) = pr * (1 - pr);
                r(i) = yb(i) - pr;
                (yb(i) > 0 ? sum1 : sum0) += pr;
                extreme += pr < 1e-8 || pr > 1 - 1e-8;
            }
            logLik += ll;
            out->fittedPositive += sum1;
            out->fittedNegative += sum0;
            out->extreme += extreme;
            for (int i = m; i < kRowBlock; ++i)
                w(i) = r(i) = 0;
        } else {
            for (int i = 0; i < kRowBlock; ++i) {
                w(i) = i < m ? 1 : 0;
                r(i) = yb(i);
            }
            // Ranges of the columns among non-subscribers and subscribers (for the
            // separation check), four rows per lane.
            const V4 inf = {INFINITY, INFINITY, INFINITY, INFINITY};
            const V4 *yv = reinterpret_cast<const V4 *>(yb.data());
            for (int b = 0; b < nd; ++b) {
                if (in.dense[b].constant())
                    continue;
                const double *x = values[size_t(b)];
                V4 *range = ranges + 4 * b; // min0, -max0, min1, -max1
                V4 min0 = range[0], negMax0 = range[1], min1 = range[2], negMax1 = range[3];
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    V4 v;
                    std::memcpy(&v, x + i, sizeof v);
                    const auto one = yv[i / 4] != 0;
                    const V4 x1 = one ? v : inf, x0 = one ? inf : v;
                    const V4 n1 = one ? -v : inf, n0 = one ? inf : -v;
                    min0 = x0 < min0 ? x0 : min0;
                    min1 = x1 < min1 ? x1 : min1;
                    negMax0 = n0 < negMax0 ? n0 : negMax0;
                    negMax1 = n1 < negMax1 ? n1 : negMax1;
                }
                for (; i < m; ++i) { // the block's last rows, into lane 0
                    if (yb(i) > 0) {
                        min1[0] = std::min(min1[0], x[i]);
                        negMax1[0] = std::min(negMax1[0], -x[i]);
                    } else {
                        min0[0] = std::min(min0[0], x[i]);
                        negMax0[0] = std::min(negMax0[0], -x[i]);
                    }
                }
                range[0] = min0;
                range[1] = negMax0;
                range[2] = min1;
                range[3] = negMax1;
            }
        }
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
        } // Four columns b at a time: one load of w d_a serves four products.
        for (int a = 0; a < nd; ++a) {
            const V4 *wda = wd + size_t(a) * kRowBlock / 4;
            int b = a;
            for (; b + 4 <= nd; b += 4) {
                const V4 *d0 = d + size_t(b) * kRowBlock / 4, *d1 = d0 + kRowBlock / 4,
                         *d2 = d1 + kRowBlock / 4, *d3 = d2 + kRowBlock / 4;
                V4 s0 = {0, 0, 0, 0}, s1 = s0, s2 = s0, s3 = s0;
                for (int q = 0; q < kRowBlock / 4; ++q) {
                    const V4 x = wda[q];
                    s0 += x * d0[q];
                    s1 += x * d1[q];
                    s2 += x * d2[q];
                    s3 += x * d3[q];
                }
                dd[a * nd + b] += s0;
                dd[a * nd + b + 1] += s1;
                dd[a * nd + b + 2] += s2;
                dd[a * nd + b + 3] += s3;
            }
            for (; b < nd; ++b) {
                const V4 *db = d + size_t(b) * kRowBlock / 4;
                V4 s = {0, 0, 0, 0};
                for (int q = 0; q < kRowBlock / 4; ++q)
                    s += wda[q] * db[q];
                dd[a * nd + b] += s;
            }
        }
        if (in.nb == 0)
            continue;

        // Each row as [w d, r, w, 0...], added to its joint code's sums in every block.        //
        // Transposed four rows by four columns at a time.
        for (int c = 0; c < stride * 4; ++c) {
            const V4 *src = c < nd        ? wd + size_t(c) * kRowBlock / 4
                            : c == nd     ? rv
                            : c == nd + 1 ? wv
                                          : zeros;
            colPtr[size_t(c)] = reinterpret_cast<const double *>(src);
        }
        for (int q = 0; q * 4 < m; ++q) {
            V4 *row = rows + size_t(q) * 4 * size_t(stride);
            for (int c = 0; c < stride; ++c) {
                const V4 *src[4];
                for (int j = 0; j < 4; ++j)
                    src[j] = reinterpret_cast<const V4 *>(colPtr[size_t(4 * c + j)]);
                const V4 t0 = CL_SHUFFLE(src[0][q], src[1][q], 0, 4, 2, 6);
                const V4 t1 = CL_SHUFFLE(src[0][q], src[1][q], 1, 5, 3, 7);
                const V4 t2 = CL_SHUFFLE(src[2][q], src[3][q], 0, 4, 2, 6);
                const V4 t3 = CL_SHUFFLE(src[2][q], src[3][q], 1, 5, 3, 7);
                row[c] = CL_SHUFFLE(t0, t2, 0, 1, 4, 5);
                row[stride + c] = CL_SHUFFLE(t1, t3, 0, 1, 4, 5);
                row[2 * stride + c] = CL_SHUFFLE(t0, t2, 2, 3, 6, 7);
                row[3 * stride + c] = CL_SHUFFLE(t1, t3, 2, 3, 6, 7);
            }
        }
        for (int s = 0; s < in.nb; ++s) {
            const int32_t *cs = code[size_t(s)];
            V4 *acc = vec(out->acc[size_t(s)]);
            switch (stride) { // the common widths with a fixed inner loop
            case 1:
                addRows<1>(rows, cs, m, acc);
                break;
            case 2:
                addRows<2>(rows, cs, m, acc);
                break;
            case 3:
                addRows<3>(rows, cs, m, acc);
                break;
            case 4:
                addRows<4>(rows, cs, m, acc);
                break;
            default:
                addRows<0>(rows, cs, m, acc, stride);
            }
        }
        size_t q = 0;
        for (int s = 0; s < in.nb; ++s) {
            for (int t = s + 1; t < in.nb; ++t, ++q) {
                const int32_t *cs = code[size_t(s)];
                const int32_t *ct = code[size_t(t)];
                const size_t slotsT = size_t(in.slots[t]);
                double *pr = out->pair[q].data();
                for (int i = 0; i < m; ++i)
                    pr[size_t(cs[i]) * slotsT + size_t(ct[i])] += w(i);
            }
        }
    }
    out->logLik += logLik;
}

/// Inputs of the encoding pass: the frame's codes of each categorical, block by block.
struct EncodeInput
{
    int groups = 0;                             ///< categoricals, in block order
    const FrameColumn *const *column = nullptr; ///< per categorical: its frame column
    const int32_t *const *slotOf = nullptr;     ///< per categorical: slot of each frame code
    const int *block = nullptr;                 ///< per categorical: its block
    const int *radix = nullptr;                 ///< per categorical: radix in its block
    int blocks = 0;
    uint8_t *const *code = nullptr;     ///< per block: joint codes out
    const int *codeWidth = nullptr;     ///< per block: bytes per joint code
    const DesignRows *rows = nullptr;   ///< the design rows, in pass order
    const uint32_t *frameRow = nullptr; ///< frame row of each design row
};

/// Joint codes of pass rows [begin, end), from the frame codes of their rows.
void encodeRows(const EncodeInput &in, Index begin, Index end)
{
    constexpr int kRows = 512;
    uint32_t frameRow[kRows];
    std::vector<int32_t> joint(size_t(in.blocks) * kRows);
    for (Index i0 = begin; i0 < end; i0 += kRows) {
        const int m = int(std::min<Index>(kRows, end - i0));
        for (int i = 0; i < m; ++i)
            frameRow[i] = in.frameRow[(*in.rows)[size_t(i0 + i)]];
        std::fill(joint.begin(), joint.end(), 0);
        for (int g = 0; g < in.groups; ++g) {
            const FrameColumn *column = in.column[g];
            const int32_t *slotOf = in.slotOf[g];
            const int32_t radix = in.radix[g];
            int32_t *code = joint.data() + size_t(in.block[g]) * kRows;
            // Design rows are complete cases: no missing code here.
            for (int i = 0; i < m; ++i)
                code[i] += slotOf[column->codes[frameRow[i]]] * radix;
        }
        for (int s = 0; s < in.blocks; ++s) {
            const int32_t *code = joint.data() + size_t(s) * kRows;
            switch (in.codeWidth[s]) {
            case 1:
                std::copy(code, code + m, in.code[s] + i0);
                break;
            case 2:
                std::copy(code, code + m, reinterpret_cast<uint16_t *>(in.code[s]) + i0);
                break;
            default:
                std::copy(code, code + m, reinterpret_cast<int32_t *>(in.code[s]) + i0);
            }
        }
    }
}

} // namespace

/// The working state of the passes, kept from one pass to the next: the chunks' sums (large
/// buffers, allocated once) and one helper thread that runs the first chunk while the
/// calling thread runs the second.
class StructuredDesign::PassScratch
{
public:
    std::vector<Partial> parts;

    ~PassScratch()
    {
        if (!m_thread.joinable())
            return;
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_quit = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }

    /// Runs `work(chunk, begin, end)` over `chunks` fixed row ranges and returns when all are
    /// done. The chunks are claimed one at a time by this thread and the helper: when the
    /// helper is slow to wake (the other core busy), this thread runs them all rather than
    /// wait. Each chunk has its own sums, so who runs it does not change the result.
    template <typename Work> void run(Index n, int chunks, const Work &work)
    {
        const std::function<void(int)> job = [&](int c) {
            work(c, n * c / chunks, n * (c + 1) / chunks);
        };
        const bool helper = chunks > 1 && startThread();
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_job = &job;
            m_next = 0;
            m_chunks = chunks;
        }
        if (helper)
            m_wake.notify_all();
        for (;;) {
            int c = 0;
            {
                const std::lock_guard<std::mutex> lock(m_mutex);
                if (m_next >= m_chunks) {
                    m_job = nullptr; // no more claims
                    break;
                }
                c = m_next++;
            }
            job(c);
        }
        std::unique_lock<std::mutex> lock(m_mutex);
        m_wake.wait(lock, [this] { return !m_helperBusy; });
    }

private:
    bool startThread()
    {
        if (m_thread.joinable())
            return true;
        try {
            m_thread = std::thread([this] { loop(); });
        } catch (const std::system_error &) {
            return false; // no thread to be had: this thread runs every chunk
        }
        return true;
    }

    void loop()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return m_quit || (m_job && m_next < m_chunks); });
            if (m_quit)
                return;
            const int c = m_next++;
            const std::function<void(int)> *job = m_job;
            m_helperBusy = true;
            lock.unlock();
            (*job)(c);
            lock.lock();
            m_helperBusy = false;
            m_wake.notify_all();
        }
    }

    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    const std::function<void(int)> *m_job = nullptr; ///< set: chunks of a pass to claim
    int m_next = 0, m_chunks = 0;                    ///< next chunk to claim, of m_chunks
    bool m_helperBusy = false;                       ///< the helper runs a claimed chunk
    bool m_quit = false;
};

StructuredDesign::~StructuredDesign() = default;

StructuredDesign::StructuredDesign(const DesignMatrix &design, const DesignRows &rows,
                                   const std::vector<Index> &cols)
    : m_n(Index(rows.size())), m_k(Index(cols.size())), m_means(VectorXd::Zero(m_k)),
      m_scratch(std::make_shared<PassScratch>())
{
    const DataFrame &frame = *design.frame;
    const auto frameRowOf = [&](size_t k) { return size_t(design.frameRow[rows[k]]); };
    // The rows are one run of frame rows: numeric columns can be read in place.
    const bool frameRun =
        rows.isRange() && m_n > 0 && frameRowOf(size_t(m_n) - 1) - frameRowOf(0) == size_t(m_n) - 1;
    if (rows.isRange()) {
        m_y = design.y.data() + rows.first();
    } else {
        auto y = std::make_shared<std::vector<uint8_t>>(size_t(m_n));
        for (size_t k = 0; k < size_t(m_n); ++k)
            (*y)[k] = design.y[rows[k]];
        m_y = y->data();
        m_yBuffer = std::move(y);
    }

    std::map<QString, size_t> byColumn;
    std::vector<const FrameColumn *> groupColumn;
    std::vector<std::vector<int32_t>> slotOf;
    for (Index a = 0; a < m_k; ++a) {
        const DesignTerm &t = design.terms[size_t(cols[size_t(a)])];
        if (t.kind != DesignTerm::Kind::Level)
            continue;
        auto it = byColumn.find(t.column);
        if (it == byColumn.end()) {
            it = byColumn.emplace(t.column, m_groups.size()).first;
            m_groups.emplace_back();
            groupColumn.push_back(frame.column(t.column));
            slotOf.emplace_back();
        }
        m_groups[it->second].local.push_back(a);
    }
    // Slot of each frame code: its term's place in the group, else (the reference and the
    // merged levels) the reference slot.
    for (size_t g = 0; g < m_groups.size(); ++g) {
        const Group &grp = m_groups[g];
        slotOf[g].assign(size_t(groupColumn[g]->levelCount()), int32_t(grp.local.size()));
        for (size_t l = 0; l < grp.local.size(); ++l) {
            const DesignTerm &t = design.terms[size_t(cols[size_t(grp.local[l])])];
            slotOf[g][size_t(t.code)] = int32_t(l);
        }
    }
    planBlocks();
    EncodeInput in;
    std::vector<const FrameColumn *> columnPtr;
    std::vector<const int32_t *> slotPtr;
    std::vector<int> groupBlock, radix;
    std::vector<uint8_t *> codePtr;
    std::vector<int> codeWidth;
    for (size_t s = 0; s < m_blocks.size(); ++s) {
        Block &b = m_blocks[s];
        b.width = jointCodeWidth(b.slots);
        uint8_t *data = nullptr;
        b.storage = codeStorage(size_t(m_n), b.width, &data);
        b.code = data;
        codeWidth.push_back(b.width);
        codePtr.push_back(data);
        for (size_t j = 0; j < m_blocks[s].groups.size(); ++j) {
            const size_t g = size_t(m_blocks[s].groups[j]);
            columnPtr.push_back(groupColumn[g]);
            slotPtr.push_back(slotOf[g].data());
            groupBlock.push_back(int(s));
            radix.push_back(m_blocks[s].radix[j]);
        }
    }
    in.groups = int(columnPtr.size());
    in.column = columnPtr.data();
    in.slotOf = slotPtr.data();
    in.block = groupBlock.data();
    in.radix = radix.data();
    in.blocks = int(m_blocks.size());
    in.code = codePtr.data();
    in.codeWidth = codeWidth.data();
    in.rows = &rows;
    in.frameRow = design.frameRow.data();
    const int chunks = m_n >= kChunkRows ? 2 : 1;
    m_scratch->run(m_n, chunks, [&](int, Index begin, Index end) { encodeRows(in, begin, end); });

    std::vector<bool> dense(size_t(m_k), true);
    for (const Group &g : m_groups) {
        for (Index a : g.local)
            dense[size_t(a)] = false;
    }
    for (Index a = 0; a < m_k; ++a) {
        if (!dense[size_t(a)])
            continue;
        m_dense.push_back(a);
        const DesignTerm &t = design.terms[size_t(cols[size_t(a)])];
        if (t.kind == DesignTerm::Kind::Intercept) {
            m_denseCol.emplace_back();
            m_denseCentre.push_back(0.0);
            continue;
        }
        const NumberColumn &numbers = frame.column(t.column)->numbers;
        const bool plain = t.centre == 0 && t.scale == 1;
        DenseColumn column;
        if (numbers.isCoded()) {
            // Codes stay codes (1 or 2 bytes a row): the term's value is looked up per code,
            // (value - centre) / scale computed once per distinct value as it was per row.
            const CodeColumn &codes = numbers.codes();
            column.width = codes.width();
            if (plain) {
                column.table = numbers.bySlot().data();
            } else {
                auto table = std::make_shared<std::vector<double>>(numbers.bySlot());
                for (double &v : *table)
                    v = (v - t.centre) / t.scale;
                column.table = table->data();
                m_buffers.push_back(std::move(table));
            }
            const size_t width = size_t(column.width);
            if (frameRun) {
                column.codes = codes.bytes() + frameRowOf(0) * width;
            } else {
                uint8_t *out = nullptr;
                m_buffers.push_back(codeStorage(size_t(m_n), column.width, &out));
                if (width == 1)
                    gatherCodes<uint8_t>(codes.bytes(), frameRowOf, size_t(m_n), out);
                else if (width == 2)
                    gatherCodes<uint16_t>(codes.bytes(), frameRowOf, size_t(m_n), out);
                else
                    gatherCodes<uint32_t>(codes.bytes(), frameRowOf, size_t(m_n), out);
                column.codes = out;
            }
        } else if (frameRun && plain) {
            column.values = numbers.data() + frameRowOf(0);
        } else {
            auto buffer = std::make_shared<std::vector<double>>(size_t(m_n));
            for (size_t k = 0; k < size_t(m_n); ++k)
                (*buffer)[k] = (numbers[frameRowOf(k)] - t.centre) / t.scale;
            column.values = buffer->data();
            m_buffers.push_back(std::move(buffer));
        }
        // In row order, so that the mean does not depend on where the values lie.
        double sum = 0;
        std::vector<double> scratch(size_t(std::min<Index>(m_n, kRowBlock)));
        for (Index i0 = 0; i0 < m_n; i0 += kRowBlock) {
            const int m = int(std::min<Index>(kRowBlock, m_n - i0));
            const double *x = denseRows(column, i0, m, scratch.data());
            for (int i = 0; i < m; ++i)
                sum += x[i];
        }
        m_means(a) = m_n > 0 ? sum / double(m_n) : 0.0;
        m_denseCol.push_back(column);
        m_denseCentre.push_back(m_means(a));
    }
}

StructuredDesign::StructuredDesign(const StructuredDesign &all, const std::vector<Index> &kept)
    : m_n(all.m_n), m_k(Index(kept.size())), m_means(VectorXd::Zero(m_k)), m_buffers(all.m_buffers),
      m_yBuffer(all.m_yBuffer), m_y(all.m_y), m_blocks(all.m_blocks), m_scratch(all.m_scratch)
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
        m_denseCentre.push_back(all.m_denseCentre[b]);
    }
    // Same groups, slots and codes; a dropped level just has no column any more.
    for (const Group &g : all.m_groups) {
        Group out;
        for (Index a : g.local)
            out.local.push_back(a < 0 ? -1 : where[size_t(a)]);
        m_groups.push_back(std::move(out));
    }
}

void StructuredDesign::planBlocks()
{
    // First fit, largest categoricals first (ties in design order).
    m_blocks.clear();
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
    }
}

DesignMoments StructuredDesign::crossProducts()
{
    return moments(nullptr);
}

DesignMoments StructuredDesign::newtonMoments(const VectorXd &beta)
{
    return moments(&beta);
}

DesignMoments StructuredDesign::moments(const VectorXd *beta)
{
    const uint8_t *y = m_y;
    const int nd = int(m_dense.size());
    const int nb = int(m_blocks.size());
    // Per block and joint code: the local column of each of its categoricals' level (-1 for
    // a reference level), flattened as [u * groups + j].
    std::vector<std::vector<Index>> cellCols(static_cast<size_t>(nb));
    for (int s = 0; s < nb; ++s) {
        const Block &b = m_blocks[size_t(s)];
        const size_t ng = b.groups.size();
        std::vector<Index> &cols = cellCols[size_t(s)];
        cols.resize(size_t(b.slots) * ng);
        for (int u = 0; u < b.slots; ++u) {
            for (size_t j = 0; j < ng; ++j) {
                const Group &g = m_groups[size_t(b.groups[j])];
                const int l = b.level(j, u, g.slots());
                cols[size_t(u) * ng + j] = l < int(g.local.size()) ? g.local[size_t(l)] : -1;
            }
        }
    }

    PassInput in;
    in.nd = nd;
    in.dense = m_denseCol.data();
    in.centre = m_denseCentre.data();
    in.nb = nb;
    std::vector<const uint8_t *> codes;
    std::vector<int> codeWidth, slots;
    for (const Block &b : m_blocks) {
        codes.push_back(b.code);
        codeWidth.push_back(b.width);
        slots.push_back(b.slots);
    }
    in.code = codes.data();
    in.codeWidth = codeWidth.data();
    in.slots = slots.data();
    in.y = y;
    in.stride = (nd + 2 + 3) / 4;
    VectorXd betaDense(nd);
    std::vector<std::vector<double>> tables(static_cast<size_t>(nb));
    std::vector<const double *> tablePtr;
    if (beta) {
        for (int b = 0; b < nd; ++b)
            betaDense(b) = (*beta)(m_dense[size_t(b)]);
        for (int s = 0; s < nb; ++s) {
            const size_t ng = m_blocks[size_t(s)].groups.size();
            std::vector<double> &t = tables[size_t(s)];
            t.assign(size_t(m_blocks[size_t(s)].slots), 0.0);
            for (size_t u = 0; u < t.size(); ++u) {
                for (size_t j = 0; j < ng; ++j) {
                    const Index c = cellCols[size_t(s)][u * ng + j];
                    t[u] += c < 0 ? 0.0 : (*beta)(c);
                }
            }
            tablePtr.push_back(t.data());
        }
        in.betaDense = betaDense.data();
        in.table = tablePtr.data();
    }

    // Per chunk, on its own thread: from the joint sums to the entries of X'WX (each added on
    // one side; made symmetric at the end) and X'r, zeroing the joint sums on the way so that
    // the next pass finds them ready.
    const int stride = in.stride;
    const size_t rowLen = size_t(stride) * 4;
    const auto collect = [&](Partial &part, MatrixXd &h, VectorXd &score) {
        h.setZero(m_k, m_k);
        score.setZero(m_k);
        for (int a = 0; a < nd; ++a) {
            const Index ia = m_dense[size_t(a)];
            score(ia) = lanes(part.ds.data() + 4 * a);
            for (int b = a; b < nd; ++b)
                h(ia, m_dense[size_t(b)]) = lanes(part.dd.data() + 4 * (a * nd + b));
        }
        std::vector<double> row(rowLen);
        for (int s = 0; s < nb; ++s) {
            const Block &blk = m_blocks[size_t(s)];
            const size_t ng = blk.groups.size();
            for (int u = 0; u < blk.slots; ++u) {
                double *banks = part.acc[size_t(s)].data() + size_t(u) * kBanks * rowLen;
                for (size_t c = 0; c < rowLen; ++c) {
                    row[c] = banks[c];
                    for (size_t k = 1; k < kBanks; ++k)
                        row[c] += banks[k * rowLen + c];
                }
                std::fill(banks, banks + kBanks * rowLen, 0.0);
                const double wsum = row[size_t(nd) + 1];
                if (wsum == 0 && row[size_t(nd)] == 0)
                    continue;
                const Index *cols = cellCols[size_t(s)].data() + size_t(u) * ng;
                for (size_t j = 0; j < ng; ++j) {
                    const Index gi = cols[j];
                    if (gi < 0)
                        continue;
                    score(gi) += row[size_t(nd)];
                    h(gi, gi) += wsum;
                    for (int b = 0; b < nd; ++b)
                        h(gi, m_dense[size_t(b)]) += row[size_t(b)];
                    for (size_t jq = j + 1; jq < ng; ++jq) {
                        if (cols[jq] >= 0)
                            h(gi, cols[jq]) += wsum;
                    }
                }
            }
        }
        // Between blocks: first over the codes of t into its columns, then over those of s.
        size_t q = 0;
        std::vector<double> byColumn(static_cast<size_t>(m_k));
        for (int s = 0; s < nb; ++s) {
            const Block &bs = m_blocks[size_t(s)];
            const size_t ngs = bs.groups.size();
            for (int t = s + 1; t < nb; ++t, ++q) {
                const Block &bt = m_blocks[size_t(t)];
                const size_t ngt = bt.groups.size();
                const Index *colsT = cellCols[size_t(t)].data();
                for (int u = 0; u < bs.slots; ++u) {
                    double *prow = part.pair[q].data() + size_t(u) * size_t(bt.slots);
                    const Index *colsS = cellCols[size_t(s)].data() + size_t(u) * ngs;
                    bool any = false;
                    for (size_t j = 0; j < ngs; ++j)
                        any = any || colsS[j] >= 0;
                    if (any) {
                        std::fill(byColumn.begin(), byColumn.end(), 0.0);
                        for (int v = 0; v < bt.slots; ++v) {
                            const double val = prow[v];
                            if (val == 0)
                                continue;
                            for (size_t jq = 0; jq < ngt; ++jq) {
                                const Index qi = colsT[size_t(v) * ngt + jq];
                                if (qi >= 0)
                                    byColumn[size_t(qi)] += val;
                            }
                        }
                        for (size_t j = 0; j < ngs; ++j) {
                            const Index gi = colsS[j];
                            if (gi < 0)
                                continue;
                            for (int g : bt.groups) {
                                for (Index qi : m_groups[size_t(g)].local) {
                                    if (qi >= 0)
                                        h(gi, qi) += byColumn[size_t(qi)];
                                }
                            }
                        }
                    }
                    std::fill(prow, prow + bt.slots, 0.0);
                }
            }
        }
    };

    const int chunks = m_n >= kChunkRows ? 2 : 1;
    std::vector<Partial> &parts = m_scratch->parts;
    parts.resize(size_t(chunks));
    std::vector<MatrixXd> grams(static_cast<size_t>(chunks));
    std::vector<VectorXd> scores(static_cast<size_t>(chunks));
    m_scratch->run(m_n, chunks, [&](int c, Index begin, Index end) {
        Partial &part = parts[size_t(c)];
        part.reset(in);
        accumulateRows(in, begin, end, &part);
        collect(part, grams[size_t(c)], scores[size_t(c)]);
    });

    DesignMoments out;
    out.gram = std::move(grams[0]);
    out.score = std::move(scores[0]);
    for (int c = 1; c < chunks; ++c) {
        out.gram += grams[size_t(c)];
        out.score += scores[size_t(c)];
    }
    MatrixXd &h = out.gram;
    for (Index a = 0; a < m_k; ++a) {
        for (Index b = a + 1; b < m_k; ++b) {
            const double v = h(a, b) + h(b, a);
            h(a, b) = h(b, a) = v;
        }
    }
    for (const Partial &part : parts) {
        out.logLik += part.logLik;
        out.fittedPositive += part.fittedPositive;
        out.fittedNegative += part.fittedNegative;
        out.extreme += part.extreme;
    }
    if (!beta) {
        out.ranges = MatrixXd::Constant(m_k, 4, NAN);
        for (int b = 0; b < nd; ++b) {
            if (m_denseCol[size_t(b)].constant())
                continue;
            for (int c = 0; c < 4; ++c) {
                double v = INFINITY;
                for (const Partial &part : parts) {
                    const double *l = part.ranges.data() + 16 * b + 4 * c;
                    v = std::min(v, std::min(std::min(l[0], l[1]), std::min(l[2], l[3])));
                }
                out.ranges(m_dense[size_t(b)], c) = c % 2 ? -v : v;
            }
        }
    }
    return out;
}

void StructuredDesign::linearPredictor(
    const VectorXd &beta,
    const std::function<void(Index first, const double *eta, Index count)> &visit) const
{
    // Per block and joint code: the sum of the coefficients of its levels.
    std::vector<std::vector<double>> tables;
    for (const Block &b : m_blocks) {
        std::vector<double> t(size_t(b.slots), 0.0);
        for (int u = 0; u < b.slots; ++u) {
            for (size_t j = 0; j < b.groups.size(); ++j) {
                const Group &g = m_groups[size_t(b.groups[j])];
                const int l = b.level(j, u, g.slots());
                const Index c = l < int(g.local.size()) ? g.local[size_t(l)] : -1;
                t[size_t(u)] += c < 0 ? 0.0 : beta(c);
            }
        }
        tables.push_back(std::move(t));
    }
    constexpr Index kRows = 4096;
    std::vector<double> eta(size_t(std::min(kRows, m_n)));
    std::vector<double> scratch(m_dense.size() * eta.size());
    std::vector<const double *> col(m_dense.size());
    std::vector<int32_t> codes(m_blocks.size() * eta.size());
    for (Index i0 = 0; i0 < m_n; i0 += kRows) {
        const Index m = std::min(kRows, m_n - i0);
        for (size_t s = 0; s < m_blocks.size(); ++s)
            jointCodes(m_blocks[s].code, m_blocks[s].width, i0, int(m),
                       codes.data() + s * eta.size());
        for (size_t b = 0; b < m_dense.size(); ++b)
            col[b] = m_denseCol[b].constant()
                         ? nullptr
                         : denseRows(m_denseCol[b], i0, int(m), scratch.data() + b * eta.size());
        for (Index i = 0; i < m; ++i) {
            double e = 0;
            for (size_t b = 0; b < m_dense.size(); ++b)
                e += beta(m_dense[b]) * (col[b] ? col[b][i] - m_denseCentre[b] : 1.0);
            for (size_t s = 0; s < tables.size(); ++s)
                e += tables[s][size_t(codes[s * eta.size() + size_t(i)])];
            eta[size_t(i)] = e;
        }
        visit(i0, eta.data(), m);
    }
}

SignCheck StructuredDesign::signsAlong(const Eigen::VectorXd &direction)
{
    // Two passes over the rows: the scale of the predictor, then the signs against it.
    SignCheck c;
    linearPredictor(direction, [&](Index, const double *eta, Index count) {
        for (Index i = 0; i < count; ++i) {
            c.finite = c.finite && std::isfinite(eta[i]);
            c.scale = std::max(c.scale, std::fabs(eta[i]));
        }
    });
    if (!(c.scale > 0) || !c.finite)
        return c;
    c.worst = INFINITY;
    linearPredictor(direction, [&](Index first, const double *eta, Index count) {
        for (Index i = 0; i < count; ++i) {
            const bool yes = m_y[first + i] != 0;
            const double signedEta = yes ? eta[i] : -eta[i];
            c.worst = std::min(c.worst, signedEta);
            if (signedEta > 1e-3 * c.scale)
                ++(yes ? c.strictYes : c.strictNo);
        }
    });
    return c;
}

std::unique_ptr<DesignPasses> StructuredDesign::keep(const std::vector<Index> &kept) const
{
    return std::make_unique<StructuredDesign>(*this, kept);
}

} // namespace cl
