// DesignPasses: the passes over a design's rows that the logistic fit needs, wherever the rows
// are (in memory, or on a database engine).
#pragma once

#include <Eigen/Dense>

#include <QString>

#include <memory>
#include <vector>

namespace cl {

/// Sums over the rows that one Newton step (or the aliasing check) needs.
struct DesignMoments
{
    Eigen::MatrixXd gram;  ///< X' W X, cols x cols
    Eigen::VectorXd score; ///< X' r
    double logLik = 0;     ///< sum of the rows' log-likelihoods; 0 for crossProducts()
    /// crossProducts: per column, its minimum and maximum over the rows with y = 0, then over
    /// those with y = 1 (cols x 4); NaN for the intercept and the coded dummies. Empty after
    /// newtonMoments.
    Eigen::MatrixXd ranges;
    /// Newton passes: sums of the fitted probabilities over the rows with y = 1 and y = 0.
    double fittedPositive = 0, fittedNegative = 0;
    Eigen::Index extreme = 0; ///< Newton passes: rows fitted below 1e-8 or above 1 - 1e-8
};

/// The rows' linear predictors along a direction d, signed by outcome (x'd for a subscriber,
/// -x'd for a non-subscriber): what the fit's separation certificate reads.
struct SignCheck
{
    bool finite = true;                       ///< every x'd is finite
    double scale = 0;                         ///< max |x'd|
    double worst = 0;                         ///< min of the signed x'd (when scale > 0 and finite)
    Eigen::Index strictYes = 0, strictNo = 0; ///< signed x'd > 1e-3 * scale, by outcome
};

/**
 * The passes over the rows of a design that fitLogistic() makes: cross-products, Newton
 * moments at a coefficient vector and the sign check, over all of the design's columns or a
 * subset of them. Numeric columns are centred at means() in every pass (which only moves the
 * intercept). An implementation may fail (a lost connection): a pass then returns empty
 * moments and error() says why; the fit stops with that message.
 */
class DesignPasses
{
public:
    using Index = Eigen::Index;
    virtual ~DesignPasses() = default;

    /// Means subtracted from the columns (non-zero for numeric columns only).
    virtual const Eigen::VectorXd &means() const = 0;
    /// X'X and X'y, and the numeric columns' ranges by outcome.
    virtual DesignMoments crossProducts() = 0;
    /// At `beta`, with p the fitted probabilities: X'(y - p), X' diag(p (1 - p)) X, the
    /// log-likelihood and the sums of p.
    virtual DesignMoments newtonMoments(const Eigen::VectorXd &beta) = 0;
    /// The signed linear predictors along `direction` (two passes: the scale, then the signs).
    virtual SignCheck signsAlong(const Eigen::VectorXd &direction) = 0;
    /// The columns `kept` of these (indexes into them); dropped dummies count as the
    /// reference level.
    virtual std::unique_ptr<DesignPasses> keep(const std::vector<Index> &kept) const = 0;
    /// Why the last pass failed; empty when it did not.
    virtual QString error() const { return {}; }
    /// The last pass failed because the progress callback asked to stop.
    virtual bool cancelled() const { return false; }
};

} // namespace cl
