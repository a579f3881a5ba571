// LiveModel: the logistic model of a live table, fitted with aggregate queries on its engine.
#pragma once

#include "WarehouseConnection.h"
#include "regression/DesignMatrix.h"
#include "regression/LogisticFit.h"
#include "regression/ModelSpec.h"
#include "store/LiveDatasets.h"
#include "util/Progress.h"

#include <QString>

namespace cl {

/// What LiveModel::fit() found, and what it moved over the wire.
struct LiveModelFit
{
    QString error;       ///< why no fit ran; empty when it ran (fit.status says how it ended)
    QString changed;     ///< set when the table's fingerprint differs from the one stored
    QString fingerprint; ///< the table's fingerprint when the fit read it
    /// Rows whose target reads as none of its spellings: left out, as an import rejects them.
    qint64 rowsWithoutTarget = 0;
    DesignMatrix design; ///< terms, exclusions and notes as a local fit makes them; no rows
    LogisticFit fit;
    int queries = 0;          ///< queries over the table (the fingerprint too), each one pass
    qint64 rowsReturned = 0;  ///< result rows the engine sent, over all queries
    qint64 largestResult = 0; ///< result rows of the largest query
    qint64 bytes = 0;         ///< the answers' bytes (WarehouseRows::bytes), over all queries
    /// 1 + the used categoricals' levels + the products of their pairs' levels: the most rows
    /// a query may return whatever the table's size.
    qint64 cells = 0;

    bool ok() const { return error.isEmpty() && fit.ok(); }
};

/**
 * The model of `spec` fitted on every row of a live table on PostgreSQL or ClickHouse (as
 * `model --split none` fits a local dataset), with the rows left on the engine. One query counts
 * the rows and levels (the design's terms, reference levels and merges follow from those counts
 * through designFromCounts()); then fitLogistic() runs its passes as aggregate queries: X'X,
 * and per Newton step X'WX, X'(y - p) and the log-likelihood, each one grouping-sets query
 * (WarehouseConnection::groupingSetsSql) over the used categoricals and their pairs, whose
 * result has at most `cells` rows (ClickHouse groups by the levels' positions, which the pass
 * passes along, rather than by labels). The estimates equal the local fit's over the same rows to
 * rounding (the engine sums in its own order).
 *
 * On PostgreSQL everything runs in one read-only REPEATABLE READ transaction: one snapshot of
 * the table. ClickHouse has no such snapshot: rows inserted during a fit are read by the
 * passes after them (the fingerprint is checked once, before the first).
 * Not pushed down (refused with a message): standardised numbers and the L2 penalty, pdays
 * (whose sentinel the import turns into a missing value) and a held-out split.
 */
namespace LiveModel {

LiveModelFit fit(WarehouseConnection &conn, const LiveDatasetInfo &info, const ModelSpec &spec,
                 const FitOptions &options = {}, const ProgressCallback &progress = {});

/// The columns a live table's model can use, with no rows: each categorical with its levels,
/// each numeric column (the target and free text left out).
DataFrame schema(const LiveDatasetInfo &info);

} // namespace LiveModel

} // namespace cl
