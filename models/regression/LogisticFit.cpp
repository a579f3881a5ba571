// LogisticFit: aliasing check, separation checks, Newton/IRLS with step-halving, statistics.
#include "LogisticFit.h"

#include "StatFunctions.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <map>

namespace cl {

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;
using ConstMap = Eigen::Map<const MatrixXd>;

constexpr Index kBlockRows = 4096;

/// log(1 + exp(x)) without overflow.
inline double softplus(double x)
{
    return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

inline double sigmoid(double x)
{
    if (x >= 0)
        return 1.0 / (1.0 + std::exp(-x));
    const double e = std::exp(x);
    return e / (1.0 + e);
}

/**
 * The design as the fit computes on it: intercept and numeric columns dense (numerics
 * centred, which only moves the intercept), and the dummies of each categorical as one code
 * per row. X'WX then costs O(rows * (dense * groups + groups^2)) instead of O(rows * cols^2).
 * Dummies that are not exclusive 0/1 indicators stay dense.
 */
class StructuredDesign
{
public:
    StructuredDesign(const ConstMap &x, const DesignMatrix &design, const std::vector<Index> &cols)
        : m_n(x.rows()), m_k(Index(cols.size())), m_means(VectorXd::Zero(m_k))
    {
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
        for (size_t g = 0; g < m_groups.size();) {
            Group &grp = m_groups[g];
            const int32_t none = int32_t(grp.local.size()); // slot of the reference level
            grp.code.assign(size_t(m_n), none);
            std::vector<uint8_t> ones(size_t(m_n), 0);
            bool valid = true;
            for (size_t l = 0; l < grp.local.size(); ++l) {
                const double *v = x.col(cols[size_t(grp.local[l])]).data();
                int32_t *code = grp.code.data();
                uint8_t *count = ones.data();
                for (Index i = 0; i < m_n; ++i) {
                    const bool one = v[i] != 0;
                    valid &= !one || v[i] == 1;
                    count[i] += one;
                    code[i] = one ? int32_t(l) : code[i];
                }
            }
            bool exclusive = valid;
            for (Index i = 0; i < m_n && exclusive; ++i)
                exclusive = ones[size_t(i)] <= 1;
            if (!exclusive) {
                m_groups.erase(m_groups.begin() + long(g));
                continue;
            }
            for (Index a : grp.local)
                dense[size_t(a)] = false;
            ++g;
        }
        for (Index a = 0; a < m_k; ++a) {
            if (dense[size_t(a)])
                m_dense.push_back(a);
        }
        const Index nd = Index(m_dense.size());
        m_d.resize(m_n, nd);
        for (Index b = 0; b < nd; ++b) {
            const Index a = m_dense[size_t(b)];
            const auto col = x.col(cols[size_t(a)]);
            const bool centre =
                design.terms[size_t(cols[size_t(a)])].kind == DesignTerm::Kind::Numeric;
            m_means(a) = centre ? col.mean() : 0.0;
            m_d.col(b) = col.array() - m_means(a);
        }
    }

    /// The columns `kept` of `all` (indexes into its columns); dropped dummies count as the
    /// reference level.
    StructuredDesign(const StructuredDesign &all, const std::vector<Index> &kept)
        : m_n(all.m_n), m_k(Index(kept.size())), m_means(VectorXd::Zero(m_k))
    {
        std::vector<Index> where(size_t(all.m_k), -1);
        for (Index a = 0; a < m_k; ++a)
            where[size_t(kept[size_t(a)])] = a;
        std::vector<Index> from;
        for (size_t b = 0; b < all.m_dense.size(); ++b) {
            const Index a = where[size_t(all.m_dense[b])];
            if (a < 0)
                continue;
            m_dense.push_back(a);
            m_means(a) = all.m_means(all.m_dense[b]);
            from.push_back(Index(b));
        }
        m_d.resize(m_n, Index(m_dense.size()));
        for (size_t b = 0; b < from.size(); ++b)
            m_d.col(Index(b)) = all.m_d.col(from[b]);
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
            for (int32_t &r : remap)
                r = r < 0 ? int32_t(out.local.size()) : r;
            out.code.resize(g.code.size());
            for (size_t i = 0; i < g.code.size(); ++i)
                out.code[i] = remap[size_t(g.code[i])];
            m_groups.push_back(std::move(out));
        }
    }

    /// Means subtracted from the columns (non-zero for numeric columns only).
    const VectorXd &means() const { return m_means; }

    void linearPredictor(const VectorXd &beta, VectorXd *eta) const
    {
        VectorXd bd(Index(m_dense.size()));
        for (size_t b = 0; b < m_dense.size(); ++b)
            bd(Index(b)) = beta(m_dense[b]);
        eta->noalias() = m_d * bd;
        for (const Group &g : m_groups) {
            VectorXd bl = VectorXd::Zero(Index(g.local.size()) + 1); // last: reference
            for (size_t l = 0; l < g.local.size(); ++l)
                bl(Index(l)) = beta(g.local[l]);
            const int32_t *code = g.code.data();
            double *e = eta->data();
            for (Index i = 0; i < m_n; ++i)
                e[i] += bl(code[i]);
        }
    }

    /// X' r
    VectorXd crossprod(const VectorXd &r) const
    {
        VectorXd out = VectorXd::Zero(m_k);
        const VectorXd dr = m_d.transpose() * r;
        for (size_t b = 0; b < m_dense.size(); ++b)
            out(m_dense[b]) = dr(Index(b));
        for (const Group &g : m_groups) {
            VectorXd sums = VectorXd::Zero(Index(g.local.size()) + 1); // last: reference
            const int32_t *code = g.code.data();
            for (Index i = 0; i < m_n; ++i)
                sums(code[i]) += r(i);
            for (size_t l = 0; l < g.local.size(); ++l)
                out(g.local[l]) = sums(Index(l));
        }
        return out;
    }

    /// X' W X; `w` empty = unit weights.
    MatrixXd weightedGram(const VectorXd &w) const
    {
        const Index nd = Index(m_dense.size());
        const size_t ng = m_groups.size();
        MatrixXd h = MatrixXd::Zero(m_k, m_k);
        {
            const MatrixXd dw = w.size() ? MatrixXd(m_d.array().colwise() * w.array()) : m_d;
            const MatrixXd dd = m_d.transpose() * dw;
            for (Index a = 0; a < nd; ++a)
                for (Index b = 0; b < nd; ++b)
                    h(m_dense[size_t(a)], m_dense[size_t(b)]) = dd(a, b);
        }
        using RowMat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
        std::vector<RowMat> groupDense(ng);
        std::vector<VectorXd> groupDiag(ng);
        std::vector<MatrixXd> pairs(ng * ng);
        for (size_t g = 0; g < ng; ++g) {
            // One extra slot per group for the reference level: no branches in the row loop.
            const Index lg = Index(m_groups[g].local.size()) + 1;
            groupDense[g] = RowMat::Zero(lg, nd);
            groupDiag[g] = VectorXd::Zero(lg);
            for (size_t q = g + 1; q < ng; ++q)
                pairs[g * ng + q] = MatrixXd::Zero(lg, Index(m_groups[q].local.size()) + 1);
        }
        // Raw pointers: the row loop below is the hot spot of the whole fit.
        std::vector<const int32_t *> codePtr(ng);
        std::vector<double *> densePtr(ng), diagPtr(ng), pairPtr(ng * ng, nullptr);
        std::vector<Index> pairStride(ng);
        for (size_t g = 0; g < ng; ++g) {
            codePtr[g] = m_groups[g].code.data();
            densePtr[g] = groupDense[g].data();
            diagPtr[g] = groupDiag[g].data();
            pairStride[g] = Index(m_groups[g].local.size()) + 1;
            for (size_t q = 0; q < g; ++q)
                pairPtr[q * ng + g] = pairs[q * ng + g].data();
        }
        std::vector<int32_t> codes(ng);
        std::vector<double> row(static_cast<size_t>(nd));
        const double *wp = w.size() ? w.data() : nullptr;
        for (Index i = 0; i < m_n; ++i) {
            const double wi = wp ? wp[i] : 1.0;
            for (Index b = 0; b < nd; ++b)
                row[size_t(b)] = wi * m_d(i, b);
            for (size_t g = 0; g < ng; ++g) {
                const int32_t c = codePtr[g][i];
                codes[g] = c;
                diagPtr[g][c] += wi;
                double *acc = densePtr[g] + Index(c) * nd;
                for (Index b = 0; b < nd; ++b)
                    acc[b] += row[size_t(b)];
                double *const *pp = pairPtr.data() + g; // pairPtr[q * ng + g]
                for (size_t q = 0; q < g; ++q)
                    pp[q * ng][codes[q] + Index(c) * pairStride[q]] += wi;
            }
        }
        for (size_t g = 0; g < ng; ++g) {
            const std::vector<Index> &lg = m_groups[g].local;
            for (size_t l = 0; l < lg.size(); ++l) {
                h(lg[l], lg[l]) = groupDiag[g](Index(l));
                for (Index b = 0; b < nd; ++b) {
                    h(lg[l], m_dense[size_t(b)]) = groupDense[g](Index(l), b);
                    h(m_dense[size_t(b)], lg[l]) = groupDense[g](Index(l), b);
                }
            }
            for (size_t q = g + 1; q < ng; ++q) {
                const std::vector<Index> &lq = m_groups[q].local;
                const MatrixXd &t = pairs[g * ng + q];
                for (size_t l = 0; l < lg.size(); ++l) {
                    for (size_t m = 0; m < lq.size(); ++m) {
                        h(lg[l], lq[m]) = t(Index(l), Index(m));
                        h(lq[m], lg[l]) = t(Index(l), Index(m));
                    }
                }
            }
        }
        return h;
    }

private:
    struct Group
    {
        std::vector<Index> local;  ///< local column of each level
        std::vector<int32_t> code; ///< per row: index into `local`; local.size() = reference
    };
    Index m_n, m_k;
    VectorXd m_means;
    std::vector<Index> m_dense;
    MatrixXd m_d; ///< dense columns, numerics centred
    std::vector<Group> m_groups;
};

struct State
{
    VectorXd eta, p;
    double logLik = 0;    ///< unpenalised
    double penalised = 0; ///< logLik - l2/2 |beta without intercept|^2
};

void evaluate(const StructuredDesign &x, const VectorXd &y, const VectorXd &beta, double l2,
              State *s)
{
    x.linearPredictor(beta, &s->eta);
    s->p.resize(s->eta.size());
    double ll = 0;
    for (Index i = 0; i < s->eta.size(); ++i) {
        const double e = s->eta(i);
        const double t = std::exp(-std::fabs(e)); // one exponential for both
        ll += y(i) * e - (e > 0 ? e : 0.0) - std::log1p(t);
        s->p(i) = e >= 0 ? 1.0 / (1.0 + t) : t / (1.0 + t);
    }
    s->logLik = ll;
    s->penalised = ll - 0.5 * l2 * beta.tail(beta.size() - 1).squaredNorm();
}

QString number(double v)
{
    return QString::number(v, 'g', 6);
}

} // namespace

LogisticFit fitLogistic(const DesignMatrix &design, const FitOptions &options,
                        const ProgressCallback &progress)
{
    LogisticFit fit;
    fit.l2 = options.l2;
    const Index n = Index(design.rows), p = Index(design.cols());
    fit.rows = design.rows;
    if (!design.ok() || n == 0 || p == 0 ||
        design.terms.front().kind != DesignTerm::Kind::Intercept) {
        fit.message =
            design.ok() ? QStringLiteral("empty design, or no intercept first") : design.error;
        return fit;
    }
    const ConstMap x(design.values.data(), n, p);
    VectorXd y(n);
    for (Index i = 0; i < n; ++i)
        y(i) = design.y[size_t(i)];
    fit.positives = size_t(y.sum());
    if (fit.positives == 0 || fit.positives == design.rows) {
        fit.message = QStringLiteral("the outcome has one class only in these rows");
        return fit;
    }
    if (!reportProgress(progress, 0.0, QStringLiteral("checking columns"))) {
        fit.status = LogisticFit::Status::Cancelled;
        fit.message = QStringLiteral("cancelled");
        return fit;
    }

    // Aliasing: in-order Cholesky of the centred Gram matrix; a column whose residual sum of
    // squares after the earlier kept columns is (relatively) zero is a linear combination.
    std::vector<Index> all(static_cast<size_t>(p));
    for (Index j = 0; j < p; ++j)
        all[size_t(j)] = j;
    const StructuredDesign allColumns(x, design, all);
    // Uncentred cross-products with numerics centred; the dummies are centred below.
    const MatrixXd raw = allColumns.weightedGram(VectorXd());
    const VectorXd means = allColumns.means() + raw.row(0).transpose() / raw(0, 0);
    const VectorXd xty = allColumns.crossprod(y);
    MatrixXd g = raw;
    for (Index a = 1; a < p; ++a)
        for (Index b = 1; b < p; ++b)
            g(a, b) -= raw(0, a) * raw(0, b) / raw(0, 0);
    g.row(0).tail(p - 1).setZero();
    g.col(0).tail(p - 1).setZero();
    std::vector<Index> kept;
    MatrixXd l = MatrixXd::Zero(p, p); // Cholesky factor over kept columns (kept order)
    for (Index j = 0; j < p; ++j) {
        const Index k = Index(kept.size());
        VectorXd r(k);
        for (Index a = 0; a < k; ++a) {
            double s = g(j, kept[size_t(a)]);
            for (Index b = 0; b < a; ++b)
                s -= r(b) * l(a, b);
            r(a) = s / l(a, a);
        }
        const double resid = g(j, j) - r.squaredNorm();
        const double own = j == 0 ? g(0, 0) : g(j, j);
        if (own <= 0 || resid <= options.aliasTolerance * own) {
            // x_j - mean_j = sum c_a (x_a - mean_a): c solves L^T c = r.
            AliasedTerm a;
            a.name = design.terms[size_t(j)].name;
            QStringList parts;
            if (k > 0) {
                const VectorXd c =
                    l.topLeftCorner(k, k).transpose().triangularView<Eigen::Upper>().solve(r);
                double intercept = means(j);
                for (Index b = 1; b < k; ++b)
                    intercept -= c(b) * means(kept[size_t(b)]);
                // With the intercept kept first, c(0) belongs to the uncentred constant.
                if (std::fabs(intercept) > 1e-8)
                    parts << number(intercept);
                for (Index b = 1; b < k; ++b) {
                    if (std::fabs(c(b)) > 1e-8)
                        parts << number(c(b)) + QStringLiteral(" * ") +
                                     design.terms[size_t(kept[size_t(b)])].name;
                }
            }
            a.combination = parts.isEmpty()
                                ? QStringLiteral("= 0 (constant)")
                                : QStringLiteral("= ") + parts.join(QStringLiteral(" + "));
            fit.aliased.push_back(a);
            continue;
        }
        l.row(k).head(k) = r.transpose();
        l(k, k) = std::sqrt(resid);
        kept.push_back(j);
    }
    const Index k = Index(kept.size());

    // Separation visible column by column.
    std::vector<QString> separated;
    for (Index a = 1; a < k; ++a) {
        const DesignTerm &t = design.terms[size_t(kept[size_t(a)])];
        const auto col = x.col(kept[size_t(a)]);
        if (t.kind == DesignTerm::Kind::Level) {
            // 0/1 columns: sum x^2 counts the rows, sum x y the subscribers among them.
            const double rowsWith = raw(kept[size_t(a)], kept[size_t(a)]);
            const double posWith = xty(kept[size_t(a)]);
            if (posWith == 0 || posWith == rowsWith)
                fit.separation << QStringLiteral("%1: all %2 rows are %3 (quasi-complete "
                                                 "separation; its coefficient goes to %4 infinity)")
                                      .arg(t.name)
                                      .arg(rowsWith)
                                      .arg(posWith == 0 ? QStringLiteral("non-subscribers")
                                                        : QStringLiteral("subscribers"),
                                           posWith == 0 ? QStringLiteral("minus")
                                                        : QStringLiteral("plus"));
        } else if (t.kind == DesignTerm::Kind::Numeric) {
            double min0 = INFINITY, max0 = -INFINITY, min1 = INFINITY, max1 = -INFINITY;
            for (Index i = 0; i < n; ++i) {
                if (y(i) > 0) {
                    min1 = std::min(min1, col(i));
                    max1 = std::max(max1, col(i));
                } else {
                    min0 = std::min(min0, col(i));
                    max0 = std::max(max0, col(i));
                }
            }
            const bool complete = max0 < min1 || max1 < min0;
            const bool quasi = max0 <= min1 || max1 <= min0;
            if (quasi)
                fit.separation << QStringLiteral("%1: a threshold splits subscribers from "
                                                 "non-subscribers (%2 separation)")
                                      .arg(t.name, complete ? QStringLiteral("complete")
                                                            : QStringLiteral("quasi-complete"));
        }
    }
    if (!fit.separation.isEmpty() && options.l2 <= 0) {
        fit.status = LogisticFit::Status::Separation;
        fit.message = QStringLiteral("The outcome is separated by %1; maximum-likelihood "
                                     "estimates do not exist. Merge or drop the level, or use "
                                     "an L2 penalty.")
                          .arg(fit.separation.size() == 1
                                   ? QStringLiteral("one term")
                                   : QStringLiteral("%1 terms").arg(fit.separation.size()));
        return fit;
    }

    // Newton / IRLS on the kept columns.
    const StructuredDesign xk(allColumns, kept);
    VectorXd penalty = VectorXd::Constant(k, options.l2);
    penalty(0) = 0;
    VectorXd beta = VectorXd::Zero(k);
    const double ybar = y.mean();
    beta(0) = std::log(ybar / (1 - ybar));

    State s, trial;
    evaluate(xk, y, beta, options.l2, &s);
    MatrixXd h;
    VectorXd grad;
    Eigen::LLT<MatrixXd> llt;
    bool stalled = false;
    double lastDecrement = INFINITY;
    for (int it = 0;; ++it) {
        grad = xk.crossprod(y - s.p) - penalty.cwiseProduct(beta);
        if (it == 0) {
            // Constant weights at the start: the cross-products above, scaled.
            h.resize(k, k);
            for (Index a = 0; a < k; ++a)
                for (Index b = 0; b < k; ++b)
                    h(a, b) = raw(kept[size_t(a)], kept[size_t(b)]) * ybar * (1 - ybar);
        } else {
            h = xk.weightedGram((s.p.array() * (1 - s.p.array())).matrix());
        }
        h.diagonal() += penalty;
        llt.compute(h);
        if (llt.info() != Eigen::Success) {
            fit.status = LogisticFit::Status::Failed;
            fit.message = QStringLiteral("the information matrix is singular");
            return fit;
        }
        const VectorXd delta = llt.solve(grad);
        const double decrement = grad.dot(delta);
        fit.gradientNorm = grad.cwiseAbs().maxCoeff();
        fit.iterations = it;
        const double scale = 1 + std::fabs(s.penalised);
        // Rounding puts a floor under the decrement; once it stops falling there, stop.
        const bool atFloor = decrement < 1e-12 * scale && decrement > 0.1 * lastDecrement;
        lastDecrement = decrement;
        if (decrement < options.tolerance * scale || atFloor) {
            fit.converged = true;
            break;
        }
        if (stalled) {
            // No step improves the likelihood any more: at the optimum up to rounding.
            fit.converged = decrement < 1e-8 * scale;
            break;
        }
        if (it >= options.maxIterations)
            break;
        if (!reportProgress(progress, std::min(0.95, 0.05 + 0.9 * it / (it + 6.0)),
                            QStringLiteral("iteration %1, log-likelihood %2")
                                .arg(it + 1)
                                .arg(s.logLik, 0, 'f', 4))) {
            fit.status = LogisticFit::Status::Cancelled;
            fit.message = QStringLiteral("cancelled");
            return fit;
        }
        double step = 1;
        int halvings = 0;
        for (;;) {
            evaluate(xk, y, beta + step * delta, options.l2, &trial);
            if (trial.penalised >= s.penalised - 1e-12 * std::fabs(s.penalised))
                break;
            if (++halvings > 40) {
                stalled = true;
                break;
            }
            step /= 2;
        }
        if (stalled)
            continue; // recompute the gradient at beta and stop
        beta += step * delta;
        std::swap(s, trial);
    }

    // Separation that only shows during the fit: fitted 0/1 with very large effects.
    if (options.l2 <= 0) {
        Index extreme = 0;
        for (Index i = 0; i < n; ++i)
            extreme += (s.p(i) < 1e-8 || s.p(i) > 1 - 1e-8) ? 1 : 0;
        if (extreme > 0) {
            for (Index a = 1; a < k; ++a) {
                const auto col = x.col(kept[size_t(a)]);
                const double range = col.maxCoeff() - col.minCoeff();
                if (std::fabs(beta(a)) * range > 20)
                    fit.separation
                        << QStringLiteral("%1: coefficient %2 keeps growing")
                               .arg(design.terms[size_t(kept[size_t(a)])].name, number(beta(a)));
            }
            if (!fit.separation.isEmpty()) {
                fit.status = LogisticFit::Status::Separation;
                fit.message = QStringLiteral("Quasi-complete separation: %1 rows get a fitted "
                                             "probability of 0 or 1 and some coefficients "
                                             "diverge; maximum-likelihood estimates do not "
                                             "exist. Drop or merge the terms named, or use an "
                                             "L2 penalty.")
                                  .arg(extreme);
            }
        }
    }

    // Back from centred numerics: beta_0 = beta_0c - sum_j mean_j beta_j.
    MatrixXd jac = MatrixXd::Identity(k, k);
    jac.row(0).tail(k - 1) = -xk.means().tail(k - 1).transpose();
    beta(0) -= xk.means().tail(k - 1).dot(beta.tail(k - 1));
    const MatrixXd cov = jac * llt.solve(MatrixXd::Identity(k, k)) * jac.transpose();
    fit.parameters = int(k);
    fit.coefficients.assign(size_t(p), 0.0);
    fit.covariance.resize(size_t(k * k));
    for (Index a = 0; a < k; ++a) {
        fit.coefficients[size_t(kept[size_t(a)])] = beta(a);
        for (Index b = 0; b < k; ++b)
            fit.covariance[size_t(a * k + b)] = cov(a, b);
    }
    for (Index a = 0; a < k; ++a) {
        const DesignTerm &t = design.terms[size_t(kept[size_t(a)])];
        TermEstimate e;
        e.name = t.name;
        e.column = t.column;
        e.level = t.level;
        e.designColumn = int(kept[size_t(a)]);
        e.estimate = beta(a);
        e.stdError = std::sqrt(cov(a, a));
        e.z = e.estimate / e.stdError;
        e.p = stats::twoSidedP(e.z);
        e.ciLow = e.estimate - stats::kZ975 * e.stdError;
        e.ciHigh = e.estimate + stats::kZ975 * e.stdError;
        e.oddsRatio = std::exp(e.estimate);
        e.orLow = std::exp(e.ciLow);
        e.orHigh = std::exp(e.ciHigh);
        fit.terms.push_back(e);
    }

    // VIF as car::vif for a glm: from the correlation of the non-intercept estimates.
    if (options.computeVif && k > 2) {
        const Index m = k - 1;
        const VectorXd sd = cov.diagonal().tail(m).cwiseSqrt();
        const MatrixXd r = sd.cwiseInverse().asDiagonal() * cov.bottomRightCorner(m, m) *
                           sd.cwiseInverse().asDiagonal();
        const auto logDet = [](const MatrixXd &a) {
            if (a.rows() == 0)
                return 0.0;
            const Eigen::LLT<MatrixXd> c(a);
            return 2.0 * c.matrixL().toDenseMatrix().diagonal().array().log().sum();
        };
        const MatrixXd rInv = r.inverse();
        for (Index a = 0; a < m; ++a)
            fit.terms[size_t(a + 1)].vif = rInv(a, a);
        const double logDetR = logDet(r);
        std::map<QString, std::vector<Index>> byColumn;
        QStringList order;
        for (Index a = 0; a < m; ++a) {
            const QString &c = fit.terms[size_t(a + 1)].column;
            if (!byColumn.count(c))
                order << c;
            byColumn[c].push_back(a);
        }
        for (const QString &c : order) {
            const std::vector<Index> &in = byColumn[c];
            std::vector<Index> out;
            for (Index a = 0; a < m; ++a) {
                if (std::find(in.begin(), in.end(), a) == in.end())
                    out.push_back(a);
            }
            const MatrixXd r11 = r(in, in);
            const MatrixXd r22 = r(out, out);
            PredictorVif v;
            v.column = c;
            v.df = int(in.size());
            v.gvif = std::exp(logDet(r11) + logDet(r22) - logDetR);
            v.gvifAdjusted = std::pow(v.gvif, 1.0 / (2.0 * v.df));
            fit.predictorVif.push_back(v);
        }
    }

    const double nd = double(n);
    fit.logLikelihood = s.logLik;
    fit.nullLogLikelihood = nd * (ybar * std::log(ybar) + (1 - ybar) * std::log(1 - ybar));
    fit.nullDeviance = -2 * fit.nullLogLikelihood;
    fit.residualDeviance = -2 * fit.logLikelihood;
    fit.lrChi2 = 2 * (fit.logLikelihood - fit.nullLogLikelihood);
    fit.lrDf = int(k - 1);
    fit.lrP = stats::chiSquareSf(fit.lrChi2, fit.lrDf);
    fit.aic = -2 * fit.logLikelihood + 2 * double(k);
    fit.bic = -2 * fit.logLikelihood + double(k) * std::log(nd);
    fit.mcFaddenR2 = 1 - fit.logLikelihood / fit.nullLogLikelihood;
    const double coxSnell = 1 - std::exp(2 * (fit.nullLogLikelihood - fit.logLikelihood) / nd);
    fit.nagelkerkeR2 = coxSnell / (1 - std::exp(2 * fit.nullLogLikelihood / nd));
    double sum1 = 0, sum0 = 0;
    for (Index i = 0; i < n; ++i)
        (y(i) > 0 ? sum1 : sum0) += s.p(i);
    fit.tjurR2 = sum1 / double(fit.positives) - sum0 / (nd - double(fit.positives));

    if (fit.status != LogisticFit::Status::Separation) {
        if (fit.converged) {
            fit.status = LogisticFit::Status::Converged;
            fit.message = QStringLiteral("converged in %1 iterations").arg(fit.iterations);
        } else {
            fit.status = LogisticFit::Status::NotConverged;
            fit.message = QStringLiteral("not converged after %1 iterations (largest score "
                                         "component %2)")
                              .arg(fit.iterations)
                              .arg(number(fit.gradientNorm));
        }
    }
    reportProgress(progress, 1.0, fit.message);
    return fit;
}

std::vector<double> predictProbabilities(const std::vector<double> &matrix, size_t rows,
                                         const std::vector<double> &coefficients)
{
    const Index n = Index(rows), p = Index(coefficients.size());
    if (matrix.size() != size_t(n * p))
        return {};
    const ConstMap x(matrix.data(), n, p);
    const Eigen::Map<const VectorXd> beta(coefficients.data(), p);
    const VectorXd eta = x * beta;
    std::vector<double> out(rows);
    for (Index i = 0; i < n; ++i)
        out[size_t(i)] = std::isnan(eta(i)) ? eta(i) : sigmoid(eta(i));
    return out;
}

std::vector<double> predictProbabilities(const DesignMatrix &design, const LogisticFit &fit)
{
    return predictProbabilities(design.values, design.rows, fit.coefficients);
}

} // namespace cl
