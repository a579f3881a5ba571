// StructuredDesign: the design as the logistic fit computes on it (internal to the fit).
#pragma once

#include "DesignMatrix.h"

#include <Eigen/Dense>

#include <cstdint>
#include <memory>
#include <vector>

namespace cl {

/// Sums over the rows that one Newton step (or the aliasing check) needs.
struct DesignMoments
{
    Eigen::MatrixXd gram;  ///< X' W X, cols x cols
    Eigen::VectorXd score; ///< X' r
    double logLik = 0;     ///< sum of the rows' log-likelihoods; 0 for crossProducts()
};

/**
 * The design as the fit computes on it: intercept and numeric columns dense (numerics
 * centred, which only moves the intercept), and the dummies of each categorical as one code
 * per row. Dummies that are not exclusive 0/1 indicators stay dense.
 *
 * The categoricals are packed into blocks whose level combinations are few (at most
 * kBlockSlots), and each row carries one joint code per block. A pass over the rows then
 * scatter-adds one short vector and one weight per block instead of one per categorical and
 * pair of categoricals; the per-level sums are read off the joint sums afterwards.
 *
 * Passes split the rows into a fixed number of chunks (a function of the row count only),
 * run on up to two threads and are summed in chunk order: results do not depend on timing.
 * Immutable after construction; safe to use from several threads.
 */
class StructuredDesign
{
public:
    using Index = Eigen::Index;

    /// The columns `cols` of the column-major `values` (rows x design.cols()).
    StructuredDesign(const double *values, Index rows, const DesignMatrix &design,
                     const std::vector<Index> &cols);
    /// The columns `kept` of `all` (indexes into its columns); dropped dummies count as the
    /// reference level.
    StructuredDesign(const StructuredDesign &all, const std::vector<Index> &kept);

    Index rows() const { return m_n; }
    Index cols() const { return m_k; }
    /// Means subtracted from the columns (non-zero for numeric columns only).
    const Eigen::VectorXd &means() const { return m_means; }

    /// X'X and X'y.
    DesignMoments crossProducts(const Eigen::VectorXd &y) const;
    /// At `beta`: fitted probabilities p into `p`, X'(y - p), X' diag(p (1 - p)) X and the
    /// log-likelihood.
    DesignMoments newtonMoments(const Eigen::VectorXd &beta, const Eigen::VectorXd &y,
                                Eigen::VectorXd *p) const;

private:
    struct Group
    {
        std::vector<Index> local; ///< local column of each level
        /// Per row: index into `local`; local.size() = reference. Shared between designs.
        std::shared_ptr<const std::vector<int32_t>> code;
        int slots() const { return int(local.size()) + 1; }
    };
    /// Categoricals coded together: joint = sum over its groups of code * radix.
    struct Block
    {
        std::vector<int> groups; ///< indexes into m_groups
        std::vector<int> radix;  ///< per group
        int slots = 1;           ///< joint codes
        std::vector<int32_t> code;
    };

    DesignMoments moments(const Eigen::VectorXd *beta, const Eigen::VectorXd &y,
                          Eigen::VectorXd *p) const;
    void makeBlocks();

    Index m_n = 0, m_k = 0;
    Eigen::VectorXd m_means;
    std::vector<Index> m_dense; ///< local column of each dense column
    /// Dense columns (numerics centred), shared between designs; m_denseCol points into it.
    std::shared_ptr<const Eigen::MatrixXd> m_denseData;
    std::vector<const double *> m_denseCol;
    std::vector<Group> m_groups;
    std::vector<Block> m_blocks;
};

} // namespace cl
