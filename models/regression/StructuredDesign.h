// StructuredDesign: the design as the logistic fit computes on it (internal to the fit).
#pragma once

#include "DesignMatrix.h"
#include "DesignPasses.h"
#include "DesignRows.h"

#include <Eigen/Dense>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace cl {

/// The values of one dense column of a StructuredDesign, row by row: doubles, or codes (1, 2
/// or 4 bytes a row) into a table of values; neither for the intercept's constant 1.
struct DenseColumn
{
    const double *values = nullptr; ///< per row; null when coded and for the intercept
    const uint8_t *codes = nullptr; ///< per row, `width` bytes: an index into `table`
    int width = 0;                  ///< bytes per code: 1, 2 or 4
    const double *table = nullptr;  ///< value per code
    bool constant() const { return !values && !codes; }
};

/**
 * The design as the fit computes on it: intercept and numeric columns dense (numerics
 * centred, which only moves the intercept), and the dummies of each categorical as one code
 * per row. It is read from the design's frame, never from a matrix: a numeric column is the
 * frame's own array (its doubles, or its codes with a table of the term's value per code) when
 * the rows are a contiguous run of frame rows and, for doubles, the term is not standardised,
 * else a gathered copy of the rows' doubles or codes; a categorical's Level terms are
 * exclusive by construction and go straight from the frame's codes into the joint codes.
 *
 * The categoricals are packed into blocks whose level combinations are few (at most
 * kBlockSlots), and each row carries one joint code per block. A pass over the rows then
 * scatter-adds one short vector and one weight per block instead of one per categorical and
 * pair of categoricals; the per-level sums are read off the joint sums afterwards.
 *
 * Passes split the rows into a fixed number of chunks (a function of the row count only), run
 * on two threads (the caller's and one helper kept for the design's life) and are summed in
 * chunk order: results do not depend on timing. The passes share working buffers with the
 * designs made from this one: use them from one thread at a time.
 */
class StructuredDesign final : public DesignPasses
{
public:
    using Index = Eigen::Index;

    /// The columns `cols` of `design` over its rows `rows`, read from design.frame. Numeric
    /// columns and outcomes may be read in place: the frame and the design must outlive this
    /// object and every design made from it (`rows` need not).
    StructuredDesign(const DesignMatrix &design, const DesignRows &rows,
                     const std::vector<Index> &cols);
    /// The columns `kept` of `all` (indexes into its columns); dropped dummies count as the
    /// reference level.
    StructuredDesign(const StructuredDesign &all, const std::vector<Index> &kept);

    Index rows() const { return m_n; }
    Index cols() const { return m_k; }
    StructuredDesign(const StructuredDesign &) = delete;
    StructuredDesign &operator=(const StructuredDesign &) = delete;

    const Eigen::VectorXd &means() const override { return m_means; }
    ~StructuredDesign() override;

    /// The outcome of each row (0/1).
    const uint8_t *y() const { return m_y; }

    DesignMoments crossProducts() override;
    DesignMoments newtonMoments(const Eigen::VectorXd &beta) override;
    SignCheck signsAlong(const Eigen::VectorXd &direction) override;
    std::unique_ptr<DesignPasses> keep(const std::vector<Index> &kept) const override;
    /// Per row, sum over the columns of beta * (x - mean): the linear predictor with the
    /// numeric columns centred, as newtonMoments() computes it. Handed to `visit` a block of
    /// rows at a time, in row order (rows [first, first + count)), so that no vector of all
    /// rows is made.
    void linearPredictor(
        const Eigen::VectorXd &beta,
        const std::function<void(Index first, const double *eta, Index count)> &visit) const;

private:
    struct Group
    {
        /// Local column of each level but the reference; -1 for a level dropped from this
        /// design (it then counts as the reference). Slot local.size() is the reference.
        std::vector<Index> local;
        int slots() const { return int(local.size()) + 1; }
    };
    /// Categoricals coded together: joint code = sum over its groups of slot * radix.
    struct Block
    {
        std::vector<int> groups; ///< indexes into m_groups
        std::vector<int> radix;  ///< per group
        int slots = 1;           ///< joint codes
        /// Per row, `width` bytes (1 up to 256 joint codes), in `storage`, which the designs
        /// made from this one share (they keep the same blocks).
        const uint8_t *code = nullptr;
        int width = 1;
        std::shared_ptr<const void> storage;
        int level(size_t j, int u, int groupSlots) const { return (u / radix[j]) % groupSlots; }
    };
    class PassScratch;

    DesignMoments moments(const Eigen::VectorXd *beta);
    void planBlocks();

    Index m_n = 0, m_k = 0;
    Eigen::VectorXd m_means;
    std::vector<Index> m_dense; ///< local column of each dense column
    /// Per dense column: its values (the frame's, or buffers of m_buffers; constant for the
    /// intercept) and the value subtracted from them (the mean of a numeric column, else 0).
    std::vector<DenseColumn> m_denseCol;
    std::vector<double> m_denseCentre;
    /// Gathered values, codes and tables that m_denseCol points into; shared with the designs
    /// made from this one.
    std::vector<std::shared_ptr<const void>> m_buffers;
    std::shared_ptr<const std::vector<uint8_t>> m_yBuffer;
    const uint8_t *m_y = nullptr; ///< outcome per row: the design's own, or m_yBuffer
    std::vector<Group> m_groups;
    std::vector<Block> m_blocks;
    std::shared_ptr<PassScratch> m_scratch;
};

} // namespace cl
