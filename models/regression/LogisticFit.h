// Logistic regression by Newton/IRLS: estimates, fit statistics and diagnostics.
#pragma once

#include "DesignMatrix.h"
#include "DesignRows.h"
#include "util/Progress.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace cl {

class DesignPasses;

/// Settings of the Newton/IRLS fit.
struct FitOptions
{
    double l2 = 0; ///< ridge penalty lambda/2 * |beta|^2 on all but the intercept
    int maxIterations = 50;
    /// Stop when the Newton decrement g' H^-1 g falls below tolerance * (1 + |log-lik|).
    double tolerance = 1e-20;
    /// A column is aliased when 1 - R^2 of it on the earlier kept columns is below this.
    double aliasTolerance = 1e-9;
    bool computeVif = true;
};

/// One estimated coefficient.
struct TermEstimate
{
    QString name;          ///< as DesignTerm::name, e.g. "job=retired (ref admin.)"
    QString column;        ///< source column; empty for the intercept
    QString level;         ///< level label of a dummy; empty otherwise
    int designColumn = -1; ///< index into DesignMatrix::terms
    double estimate = 0;
    double stdError = 0;
    double z = 0;
    double p = 1;
    double ciLow = 0, ciHigh = 0; ///< 95% Wald interval of the coefficient
    double oddsRatio = 1;         ///< exp(estimate)
    double orLow = 1, orHigh = 1; ///< exp of the interval
    double vif = 0;               ///< variance inflation factor; 0 for the intercept
};

/// A design column left out because it is a linear combination of earlier ones.
struct AliasedTerm
{
    QString name;
    QString combination; ///< e.g. "= 1 * housing=unknown (ref yes)"
};

/// Generalised VIF of one predictor (all its dummies together; Fox & Monette 1992).
struct PredictorVif
{
    QString column;
    int df = 1;              ///< design columns of the predictor
    double gvif = 0;         ///< equals the VIF for a single column
    double gvifAdjusted = 0; ///< gvif^(1/(2 df)), comparable across predictors
};

/// Outcome of fitLogistic().
struct LogisticFit
{
    enum class Status
    {
        Converged,
        NotConverged, ///< iteration limit reached; estimates are the last iterate
        Separation,   ///< (quasi-)complete separation: finite estimates do not exist
        Cancelled,
        Failed ///< see message (empty design, one class only, singular Hessian)
    };
    Status status = Status::Failed;
    QString message;        ///< one readable sentence on what went wrong (or "converged")
    QStringList separation; ///< the terms or levels that separate the outcome, explained

    std::vector<TermEstimate> terms; ///< kept columns, intercept first
    std::vector<AliasedTerm> aliased;
    std::vector<PredictorVif> predictorVif;
    /// Coefficient per design column (0 for aliased ones), for scoring.
    std::vector<double> coefficients;
    std::vector<double> covariance; ///< kept x kept, row-major, order of `terms`

    int iterations = 0;
    double gradientNorm = 0; ///< max-norm of the penalised score at the end
    bool converged = false;
    double l2 = 0;

    size_t rows = 0;
    size_t positives = 0;
    int parameters = 0;       ///< estimated coefficients incl. the intercept
    double logLikelihood = 0; ///< unpenalised, at the estimate
    double nullLogLikelihood = 0;
    double nullDeviance = 0;
    double residualDeviance = 0;
    double lrChi2 = 0;
    int lrDf = 0;
    double lrP = 1;
    double aic = 0;
    double bic = 0;
    double mcFaddenR2 = 0;
    double nagelkerkeR2 = 0;
    double tjurR2 = 0;

    bool ok() const { return status == Status::Converged; }
};

/**
 * Fits y ~ design by Newton-Raphson (IRLS) with step-halving; the intercept is never
 * penalised. Aliased columns are found first (sequential Gram-Schmidt in column order: the
 * later of two equal columns goes) and reported; separation is checked before (per dummy
 * and per numeric column) and after the fit (fitted probabilities 0 or 1 with diverging
 * coefficients). Standard errors come from the inverse (penalised) Hessian.
 * `progress` is called once per iteration; returning false cancels.
 * Pure and deterministic; safe to call from a worker thread.
 */
LogisticFit fitLogistic(const DesignMatrix &design, const FitOptions &options = {},
                        const ProgressCallback &progress = {});

/// The same fit over the design rows `rows` only (a training split): nothing is copied, the
/// rows are read from design.frame. LogisticFit::rows is rows.size().
LogisticFit fitLogistic(const DesignMatrix &design, const DesignRows &rows,
                        const FitOptions &options = {}, const ProgressCallback &progress = {});

/// The same fit where the rows are reached only through `passes` (the design's columns, all
/// of them, over its `rows` rows of which `positives` are subscribers), such as aggregate
/// queries on a database engine: design.frame is not read. A failed pass ends the fit with
/// status Failed and the pass's error.
LogisticFit fitLogistic(const DesignMatrix &design, size_t rows, size_t positives,
                        DesignPasses &passes, const FitOptions &options = {},
                        const ProgressCallback &progress = {});

/// Probability of each of the design rows `rows` under `coefficients` (one per design term),
/// computed row by row from design.frame; empty when the design has no frame.
std::vector<double> predictProbabilities(const DesignMatrix &design, const DesignRows &rows,
                                         const std::vector<double> &coefficients);

/// Probability per design row.
std::vector<double> predictProbabilities(const DesignMatrix &design, const LogisticFit &fit);

} // namespace cl
