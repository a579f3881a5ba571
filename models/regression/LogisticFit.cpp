// LogisticFit: aliasing check, separation checks, Newton/IRLS with step-halving, statistics.
#include "LogisticFit.h"

#include "LinearPredictor.h"
#include "StatFunctions.h"
#include "StructuredDesign.h"
#include "util/MessageText.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <map>

namespace cl {

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

using stats::sigmoid;

/// The fit at one coefficient vector.
struct State
{
    DesignMoments moments; ///< score X'(y - p), information X'WX, log-likelihood, sums of p
    double logLik = 0;     ///< unpenalised
    double penalised = 0;  ///< logLik - l2/2 |beta without intercept|^2
};

void evaluate(DesignPasses &x, const VectorXd &beta, double l2, State *s)
{
    s->moments = x.newtonMoments(beta);
    s->logLik = s->moments.logLik;
    s->penalised = s->logLik - 0.5 * l2 * beta.tail(beta.size() - 1).squaredNorm();
}

QString number(double v)
{
    return QString::number(v, 'g', 6);
}

} // namespace

LogisticFit fitLogistic(const DesignMatrix &design, const FitOptions &options,
                        const ProgressCallback &progress)
{
    return fitLogistic(design, DesignRows::range(0, design.rows), options, progress);
}

LogisticFit fitLogistic(const DesignMatrix &design, const DesignRows &rows,
                        const FitOptions &options, const ProgressCallback &progress)
{
    if (design.ok() && !design.frame) {
        LogisticFit fit;
        fit.l2 = options.l2;
        fit.rows = rows.size();
        fit.message = englishText(Message::NoFrameError);
        return fit;
    }
    size_t positives = 0;
    for (size_t k = 0; design.ok() && k < rows.size(); ++k)
        positives += design.y[rows[k]];
    std::vector<Index> all(design.cols());
    for (size_t j = 0; j < all.size(); ++j)
        all[j] = Index(j);
    std::unique_ptr<StructuredDesign> passes;
    if (design.ok() && !rows.empty() && design.cols() > 0)
        passes = std::make_unique<StructuredDesign>(design, rows, all);
    if (!passes) {
        LogisticFit fit;
        fit.l2 = options.l2;
        fit.rows = rows.size();
        fit.message = !design.ok() ? design.error : englishText(Message::EmptyDesignError);
        return fit;
    }
    return fitLogistic(design, rows.size(), positives, *passes, options, progress);
}

LogisticFit fitLogistic(const DesignMatrix &design, size_t rows, size_t positives,
                        DesignPasses &allColumns, const FitOptions &options,
                        const ProgressCallback &progress)
{
    LogisticFit fit;
    fit.l2 = options.l2;
    const Index n = Index(rows), p = Index(design.cols());
    fit.rows = rows;
    if (!design.ok() || n == 0 || p == 0 ||
        design.terms.front().kind != DesignTerm::Kind::Intercept) {
        fit.message = !design.ok() ? design.error : englishText(Message::EmptyDesignError);
        return fit;
    }
    fit.positives = positives;
    if (fit.positives == 0 || fit.positives == rows) {
        fit.message = englishText(Message::OneClassError);
        return fit;
    }
    if (!reportProgress(progress, 0.0, englishText(Message::CheckingColumnsPhase))) {
        fit.status = LogisticFit::Status::Cancelled;
        fit.message = englishText(Message::Cancelled);
        return fit;
    }
    // A pass that failed (a lost connection) ends the fit with its reason; one stopped by the
    // progress callback ends it as cancelled.
    const auto failed = [&](LogisticFit *f, const DesignPasses &passes) {
        if (passes.error().isEmpty())
            return false;
        f->status =
            passes.cancelled() ? LogisticFit::Status::Cancelled : LogisticFit::Status::Failed;
        f->message = passes.cancelled() ? englishText(Message::Cancelled) : passes.error();
        return true;
    };

    // Aliasing: in-order Cholesky of the centred Gram matrix; a column whose residual sum of
    // squares after the earlier kept columns is (relatively) zero is a linear combination.
    // Uncentred cross-products with numerics centred; the dummies are centred below.
    const DesignMoments crossProducts = allColumns.crossProducts();
    if (failed(&fit, allColumns))
        return fit;
    const MatrixXd &raw = crossProducts.gram;
    const VectorXd &xty = crossProducts.score;
    const VectorXd means = allColumns.means() + raw.row(0).transpose() / raw(0, 0);
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
                                ? englishText(Message::AliasedConstant)
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
        if (t.kind == DesignTerm::Kind::Level) {
            // 0/1 columns: sum x^2 counts the rows, sum x y the subscribers among them.
            const double rowsWith = raw(kept[size_t(a)], kept[size_t(a)]);
            const double posWith = xty(kept[size_t(a)]);
            if (posWith == 0 || posWith == rowsWith)
                fit.separation << englishText(Message::LevelSeparation)
                                      .arg(t.name)
                                      .arg(rowsWith)
                                      .arg(englishText(posWith == 0 ? Message::NonSubscribersWord
                                                                    : Message::SubscribersWord),
                                           englishText(posWith == 0 ? Message::MinusWord
                                                                    : Message::PlusWord));
        } else if (t.kind == DesignTerm::Kind::Numeric) {
            // Numeric columns are dense: the cross-product pass measured their ranges.
            const auto range = crossProducts.ranges.row(kept[size_t(a)]);
            const double min0 = range(0), max0 = range(1), min1 = range(2), max1 = range(3);
            const bool complete = max0 < min1 || max1 < min0;
            const bool quasi = max0 <= min1 || max1 <= min0;
            if (quasi)
                fit.separation << englishText(Message::ThresholdSeparation)
                                      .arg(t.name,
                                           englishText(complete ? Message::CompleteWord
                                                                : Message::QuasiCompleteWord));
        }
    }
    // A reference level is separated too when its rows (those of no kept level of the
    // column) all have one outcome: then the other levels' coefficients and the intercept
    // diverge together. Reported the same way whichever level is the reference.
    std::map<QString, std::pair<double, double>> levelRows; // column -> rows, positives in levels
    std::map<QString, QString> referenceOf;
    for (Index a = 1; a < k; ++a) {
        const DesignTerm &t = design.terms[size_t(kept[size_t(a)])];
        if (t.kind != DesignTerm::Kind::Level)
            continue;
        auto &sums = levelRows[t.column];
        sums.first += raw(kept[size_t(a)], kept[size_t(a)]);
        sums.second += xty(kept[size_t(a)]);
        referenceOf[t.column] = t.reference;
    }
    for (const auto &[column, sums] : levelRows) {
        const double rowsRef = raw(0, 0) - sums.first;
        const double posRef = double(fit.positives) - sums.second;
        if (rowsRef < 0.5 || (posRef > 0.5 && posRef < rowsRef - 0.5))
            continue;
        const bool none = posRef < 0.5;
        fit.separation << englishText(Message::ReferenceSeparation)
                              .arg(column, referenceOf[column])
                              .arg(rowsRef)
                              .arg(englishText(none ? Message::NonSubscribersWord
                                                    : Message::SubscribersWord),
                                   englishText(none ? Message::PlusWord : Message::MinusWord));
    }
    if (!fit.separation.isEmpty() && options.l2 <= 0) {
        fit.status = LogisticFit::Status::Separation;
        fit.message =
            englishText(Message::SeparatedError)
                .arg(fit.separation.size() == 1
                         ? englishText(Message::OneTermWord)
                         : englishText(Message::TermCountWord).arg(fit.separation.size()));
        return fit;
    }

    // Newton / IRLS on the kept columns.
    const std::unique_ptr<DesignPasses> xkPasses = allColumns.keep(kept);
    DesignPasses &xk = *xkPasses;
    VectorXd penalty = VectorXd::Constant(k, options.l2);
    penalty(0) = 0;
    VectorXd beta = VectorXd::Zero(k);
    const double ybar = double(fit.positives) / double(n);
    beta(0) = std::log(ybar / (1 - ybar));

    // At the start (intercept only) every fitted probability is ybar: the log-likelihood,
    // score and information follow from the cross-products above.
    State s, trial;
    s.moments.fittedPositive = double(fit.positives) * ybar;
    s.moments.fittedNegative = double(rows - fit.positives) * ybar;
    s.moments.extreme = ybar < 1e-8 || ybar > 1 - 1e-8 ? n : 0;
    s.logLik = s.penalised = double(n) * (ybar * std::log(ybar) + (1 - ybar) * std::log(1 - ybar));
    s.moments.score.resize(k);
    s.moments.gram.resize(k, k);
    for (Index a = 0; a < k; ++a) {
        s.moments.score(a) = xty(kept[size_t(a)]) - ybar * raw(kept[size_t(a)], 0);
        for (Index b = 0; b < k; ++b)
            s.moments.gram(a, b) = raw(kept[size_t(a)], kept[size_t(b)]) * ybar * (1 - ybar);
    }
    MatrixXd h;
    VectorXd grad;
    Eigen::LLT<MatrixXd> llt;
    bool stalled = false;
    double lastDecrement = INFINITY;
    VectorXd lastStep = VectorXd::Zero(k); // the Newton step at the final coefficients
    for (int it = 0;; ++it) {
        grad = s.moments.score - penalty.cwiseProduct(beta);
        h = s.moments.gram;
        h.diagonal() += penalty;
        llt.compute(h);
        if (llt.info() != Eigen::Success) {
            fit.status = LogisticFit::Status::Failed;
            fit.message = englishText(Message::SingularError);
            return fit;
        }
        const VectorXd delta = llt.solve(grad);
        lastStep = delta;
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
        if (!reportProgress(
                progress, std::min(0.95, 0.05 + 0.9 * it / (it + 6.0)),
                englishText(Message::IterationPhase).arg(it + 1).arg(s.logLik, 0, 'f', 4))) {
            fit.status = LogisticFit::Status::Cancelled;
            fit.message = englishText(Message::Cancelled);
            return fit;
        }
        double step = 1;
        int halvings = 0;
        for (;;) {
            evaluate(xk, beta + step * delta, options.l2, &trial);
            if (failed(&fit, xk))
                return fit;
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

    // Separation that only shows during the fit. Where the likelihood has no maximum, Newton's
    // steps keep pointing along a direction d with x'd >= 0 for every subscriber and <= 0 for
    // every non-subscriber (and some strict): the step at the end is then a certificate of
    // separation. Where the maximum exists the last step is rounding noise, and its signs
    // disagree with the outcomes. (Large fitted probabilities alone prove nothing: one call of
    // 4,918 s is fitted above 1 - 1e-8 in a model that converges.)
    if (options.l2 <= 0 && lastStep.size() == k) {
        const SignCheck signs = xk.signsAlong(lastStep);
        if (failed(&fit, xk))
            return fit;
        const double scale = signs.scale;
        const Index strictYes = signs.strictYes, strictNo = signs.strictNo;
        if (scale > 0 && signs.finite) {
            if (signs.worst >= -1e-6 * scale && strictYes + strictNo > 0) {
                QStringList terms;
                for (Index a = 1; a < k; ++a) {
                    const Index j = kept[size_t(a)];
                    // The column's range over the rows: a level's column is 0/1, present in
                    // raw(j, j) rows; a numeric one's was measured by the cross-product pass.
                    double range = 0;
                    if (design.terms[size_t(j)].kind == DesignTerm::Kind::Level) {
                        range = raw(j, j) > 0 && raw(j, j) < double(n) ? 1.0 : 0.0;
                    } else {
                        const auto r = crossProducts.ranges.row(j);
                        range = std::max(r(1), r(3)) - std::min(r(0), r(2));
                    }
                    if (std::fabs(lastStep(a)) * range > 1e-3 * scale)
                        terms << design.terms[size_t(j)].name;
                }
                fit.separation << englishText(Message::DivergingRows)
                                      .arg(strictYes + strictNo)
                                      .arg(strictYes)
                                      .arg(strictNo)
                                      .arg(terms.isEmpty() ? englishText(Message::TheInterceptWord)
                                                           : terms.join(QStringLiteral(", ")));
                fit.status = LogisticFit::Status::Separation;
                fit.message = englishText(Message::QuasiSeparationError)
                                  .arg(strictYes + strictNo)
                                  .arg(terms.isEmpty() ? englishText(Message::TheInterceptWord)
                                                       : terms.join(QStringLiteral(", ")));
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
            // det(R22) / det(R) = det((R^-1)_11) (Schur complement): only blocks of the
            // predictor's own size need a determinant.
            PredictorVif v;
            v.column = c;
            v.df = int(in.size());
            v.gvif = std::exp(logDet(r(in, in)) + logDet(rInv(in, in)));
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
    fit.tjurR2 = s.moments.fittedPositive / double(fit.positives) -
                 s.moments.fittedNegative / (nd - double(fit.positives));

    if (fit.status != LogisticFit::Status::Separation) {
        if (fit.converged) {
            fit.status = LogisticFit::Status::Converged;
            fit.message = englishText(Message::ConvergedMessage).arg(fit.iterations);
        } else {
            fit.status = LogisticFit::Status::NotConverged;
            fit.message = englishText(Message::NotConvergedMessage)
                              .arg(fit.iterations)
                              .arg(number(fit.gradientNorm));
        }
    }
    reportProgress(progress, 1.0, fit.message);
    return fit;
}

std::vector<double> predictProbabilities(const DesignMatrix &design, const DesignRows &rows,
                                         const std::vector<double> &coefficients)
{
    if (!design.frame)
        return {};
    const LinearPredictor predictor(*design.frame, design.terms, coefficients);
    if (!predictor.ok())
        return {};
    std::vector<double> out(rows.size());
    for (size_t k = 0; k < rows.size(); ++k) {
        const double eta = predictor.eta(design.frameRow[rows[k]]);
        out[k] = std::isnan(eta) ? eta : sigmoid(eta);
    }
    return out;
}

std::vector<double> predictProbabilities(const DesignMatrix &design, const LogisticFit &fit)
{
    return predictProbabilities(design, DesignRows::range(0, design.rows), fit.coefficients);
}

} // namespace cl
