// LiveModel: the logistic model of a live table, fitted with aggregate queries on its engine.
#pragma once

#include "WarehouseConnection.h"
#include "regression/DesignMatrix.h"
#include "regression/LogisticFit.h"
#include "regression/ModelRun.h"
#include "regression/ModelSpec.h"
#include "regression/ModelValidation.h"
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
    /// The share of rows held out (SplitKind::RowHash on the engine); 0: the fit read every
    /// complete row. The design (terms, references, merges) is made on every row either way,
    /// as validate() makes it; `fit` saw the training rows alone.
    double testFraction = 0;
    qint64 heldOutRows = 0;      ///< complete rows held out
    qint64 heldOutPositives = 0; ///< subscribers among them
    /// Held-out levels that no training row has: scored as the reference level.
    std::vector<UnseenLevel> unseenLevels;
    /// Per design term, a numeric term's SD over the rows the fit read (the training rows when rows
    /// are held out; NaN for the intercept and levels), as ModelRunResult::termSd.
    std::vector<double> termSd;

    bool ok() const { return error.isEmpty() && fit.ok(); }
};

/// How a live model ranks and calibrates its held-out rows (or, with none held out, the rows
/// it was fitted on), counted on the engine.
struct LiveEvaluation
{
    QString error;
    bool cancelled = false; ///< the query was cancelled (error says so too)
    bool heldOut = false;   ///< false: in-sample, over the rows the model was fitted on
    /// The metrics a held-out evaluation gives, over those rows: AUC (exact,
    /// mid-ranks, DeLong's interval), log-loss, Brier, confusion, Hosmer-Lemeshow, deciles and
    /// the top-fraction capture.
    HeldOutMetrics metrics;
    /// Rows of one score are shared out between two deciles (or calibration groups) that a
    /// cut falls inside in proportion, where a local run cuts them by row order: this many
    /// subscribers (at most) score as rows on both sides of some cut, so a decile's or group's
    /// subscribers may differ from a local run's by up to this many. 0: no such ties.
    double subscribersTiedAtCuts = 0;
    /// The best list's and everyone's profit (points: those two, as a stored run keeps them);
    /// empty when a subscription is worth nothing.
    ProfitCurve profit;
    int queries = 0;
    qint64 bytes = 0;         ///< the answer's bytes
    qint64 largestResult = 0; ///< result rows

    bool ok() const { return error.isEmpty(); }
};

/// A live model fitted and evaluated: what `model --dataset`, the Model view and a live
/// report show.
struct LiveRun
{
    LiveModelFit fit;
    LiveEvaluation evaluation; ///< empty when the fit failed or was cancelled
    ModelRunResult result;     ///< runResult() of the two; result.cancelled when stopped
};

/// The best-scored rows of a live table, chosen on the engine.
struct LiveTargetList
{
    QString error;
    QStringList columns;           ///< the table's columns written, in the table's order
    std::vector<QStringList> rows; ///< per row: its columns' values as the engine gives them
    std::vector<double> scores;    ///< per row: the predicted probability, best first
    qint64 scoredRows = 0;         ///< the complete rows the list was chosen from
    qint64 bytes = 0;              ///< the answer's bytes
};

/**
 * The model of `spec` fitted on every row of a live table on PostgreSQL or ClickHouse (as
 * `model --split none` fits a local dataset), with the rows left on the engine. One query counts
 * the rows and levels (the design's terms, reference levels and merges follow from those counts
 * through designFromCounts()); then fitLogistic() runs its passes as aggregate queries: X'X,
 * and per Newton step X'WX, X'(y - p) and the log-likelihood, each one grouping-sets query
 * (WarehouseConnection::codedSetsSql) over the used categoricals and their pairs, whose
 * result has at most `cells` rows (both engines group by the levels' positions, which the
 * pass passes along, rather than by labels). The estimates equal the local fit's over the same rows
 * to rounding (the engine sums in its own order).
 *
 * On PostgreSQL everything runs in one read-only REPEATABLE READ transaction: one snapshot of
 * the table. ClickHouse has no such snapshot: rows inserted during a fit are read by the
 * passes after them (the fingerprint is checked once, before the first).
 * With `testFraction` > 0 the rows that RowHash holds out (a hash of each row's values, the
 * same rows as SplitKind::RowHash holds out of a snapshot) are left out of the passes, and
 * evaluate() scores them: validate() with that split, on the engine.
 * Not pushed down (refused with a message): standardised numbers and the L2 penalty, pdays
 * (whose sentinel the import turns into a missing value) and the other splits, which need the
 * rows' order or a draw.
 */
namespace LiveModel {

LiveModelFit fit(WarehouseConnection &conn, const LiveDatasetInfo &info, const ModelSpec &spec,
                 const FitOptions &options = {}, const ProgressCallback &progress = {},
                 double testFraction = 0);

/// The design fit() would use (terms, reference levels, exclusions, notes), from its first
/// queries (the fingerprint, the spellings and the counts of the levels), with no fit: `fit` is
/// empty.
LiveModelFit design(WarehouseConnection &conn, const LiveDatasetInfo &info, const ModelSpec &spec,
                    const ProgressCallback &progress = {});

/**
 * The evaluation of `model` (a fit() of `spec` on `info`) in one query: its held-out rows
 * (model.testFraction > 0), else in-sample, every complete row. Each row is scored on the engine
 * (the linear predictor as SQL), grouped by score, ranked (WarehouseConnection::rankedGroupsSql)
 * and summed to one row of about a hundred numbers. The AUC is exact (ties count one half), as are
 * every metric's sums; only rows of one score that a decile cut falls inside are shared in
 * proportion (subscribersTiedAtCuts says how many subscribers that can move). The profit of
 * calling the best-scored rows (`profit` priced, ties in score called together) is read from the
 * same ranks: the best list and calling everyone, as profitCurve() finds them. Fails, saying so,
 * when the table's rows or subscribers differ from the fit's: it changed in between.
 */
LiveEvaluation evaluate(WarehouseConnection &conn, const LiveDatasetInfo &info,
                        const ModelSpec &spec, const LiveModelFit &model,
                        const ValidationOptions &options = {},
                        const ProgressCallback &progress = {},
                        const ProfitAssumptions &profit = {});

/**
 * The `limit` complete rows of a live table that `model` (a fit() of `spec` on `info`) scores
 * highest, chosen by one query on the engine (ORDER BY the linear predictor, ties by the
 * columns written, LIMIT): only those rows come back. `columns` are the table's columns to
 * write (empty: every column but the target and those known only after the call, such as
 * duration); a name the table lacks fails, naming the columns it has. `limit` <= 0 takes
 * ceil(topFraction x the complete rows). Fails, writing nothing, when the table's fingerprint
 * after the list differs from the fit's: it changed in between.
 */
LiveTargetList targetList(WarehouseConnection &conn, const LiveDatasetInfo &info,
                          const ModelSpec &spec, const LiveModelFit &model,
                          const QStringList &columns, qint64 limit, double topFraction = 0.2,
                          const ProgressCallback &progress = {});

/**
 * A live fit and its evaluation as a local run's result, for the views, the CLI and the
 * report: the design, the fit, and (rows held out) the held-out metrics, unseen levels, split
 * rates, the numeric terms' SDs, and the ROC and gains curves through the decile cuts (11 points
 * each). It has no rows: no split indexes, per-row scores or profit curve. `settings` are stored as
 * given, but for the split: RowHash when rows were held out, else None.
 */
ModelRunResult runResult(const ModelRunSettings &settings, const LiveModelFit &fit,
                         const LiveEvaluation &evaluation);

/**
 * fit() with `settings`' split (RowHash: its test share held out; None: every row), then, when
 * it converged, evaluate(): the held-out rows or, with none, in-sample. Any other split is
 * refused (result.error): it needs the rows' order or a draw.
 */
LiveRun run(WarehouseConnection &conn, const LiveDatasetInfo &info,
            const ModelRunSettings &settings, const ProgressCallback &progress = {});

/// Writes `list` to `path` as CSV (its columns, then "score"), whole or not at all.
bool writeTargetList(const LiveTargetList &list, const QString &path, QString *error);

/// The columns a live table's model can use, with no rows: each categorical with its levels,
/// each numeric column (the target and free text left out).
DataFrame schema(const LiveDatasetInfo &info);

} // namespace LiveModel

} // namespace cl
