// LiveDataset: a warehouse table as a live dataset: its description, and segments pushed down.
#pragma once

#include "WarehouseConnection.h"
#include "data/AgeBands.h"
#include "data/ColumnRole.h"
#include "import/QualitySummary.h"
#include "segments/SegmentResult.h"
#include "store/LiveDatasets.h"
#include "store/TableQuery.h"
#include "util/Progress.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace cl {

/// What `connect` asks for.
struct LiveTableRequest
{
    QString table; ///< the table's name on the engine, unquoted; with `query`, the query's name
    /// A read-only SELECT whose rows are the dataset; empty: the table's rows.
    QString query;
    QString name;                            ///< the dataset's name; empty: the table's
    QMap<QString, ColumnRole> roleOverrides; ///< column -> role, as the CSV import takes them
    AgeBands ageBands; ///< the age_band column's bands, as the import's --age-bands
};

/// A described table (ready to store with LiveDatasets::insert), or why not.
struct LiveTableDescription
{
    bool ok = false;
    QString error; ///< names the engine, the purpose and the server's words
    QStringList warnings;
    LiveDatasetInfo info; ///< without id and url (the caller sets the url it may store)
};

/// Segments of a live dataset: the engine's counts through SegmentEngine's statistics.
struct LiveSegments
{
    SegmentResult result; ///< result.ok false: result.error says why
    /// Set when the table's fingerprint differs from the one stored: it changed since it was
    /// connected (the counts are today's).
    QString changed;
    QString sql;      ///< the one GROUP BY that counted the segments
    qint64 bytes = 0; ///< the answers' bytes (WarehouseRows::bytes), fingerprint included
};

/// The quality summary of a live dataset, as an import of the same rows words it.
struct LiveQuality
{
    bool ok = false;
    QString error;
    QualitySummary summary;
    QString changed;  ///< as LiveSegments::changed
    qint64 bytes = 0; ///< the answers' bytes
    int queries = 0;  ///< passes over the table
};

/// A live table as an import of it reads, for SQL over its analysis columns (the chat's
/// run_sql): the rows whose target reads, with per column `expr AS cl_v<i>`.
struct LiveView
{
    StagedRows rows;
    QStringList names;       ///< the analysis name of cl_v<i>
    QList<bool> categorical; ///< whether cl_v<i> is a label (else a number; the target 0/1)
    QString target;          ///< the target's analysis name
};

/**
 * The SQL of a live table on any engine (PostgreSQL, ClickHouse: the connection writes the
 * dialect): the import's cleaning rules written as expressions (categories simplified and
 * lower-cased, an empty field "(missing)", the target's spellings, rows with no readable target
 * left out, age bands by CASE on the app's bands), the level order an import of the same rows
 * gives where the engine has a physical order (PostgreSQL's ctid; elsewhere levels are sorted by
 * label), and segments as one GROUP BY whose counts SegmentEngine::fromCells turns into the same
 * result a local dataset gives.
 *
 * The rows every analysis reads are those an import accepts: a target that reads as one of its
 * spellings and every number within its plausible range (WarehouseSql::targetExpr). Not pushed
 * down: a text column's missing-value tokens, and a numeric role's text that is no number
 * (NULL here, a rejection there).
 *
 * Stateless; every call runs on the caller's thread on the given connection.
 */
namespace LiveDataset {

/// Reads the table's columns, maps their roles (LayoutMatcher), reads each categorical
/// column's levels, the counts and the fingerprint.
LiveTableDescription describe(WarehouseConnection &conn, const LiveTableRequest &request,
                              const ProgressCallback &progress = {});

/// `info` as the queries over the table read it when its fingerprint is `now`: as it is while
/// that is the fingerprint its connect checked, else with every numeric column checked per row
/// for its plausible range (LiveColumn::plausible cleared). An empty `now`: not known.
LiveDatasetInfo asOfFingerprint(const LiveDatasetInfo &info, const QString &now);

/// "rows:checksum" of the whole table, or empty with *error set; *bytes grows by the answer's.
QString fingerprint(WarehouseConnection &conn, const LiveDatasetInfo &info, QString *error,
                    const ProgressCallback &progress = {}, qint64 *bytes = nullptr);

/// Runs `query` as one GROUP BY on the engine (after a fingerprint check).
LiveSegments segments(WarehouseConnection &conn, const LiveDatasetInfo &info,
                      const SegmentQuery &query, const ProgressCallback &progress = {});

/// The quality summary from aggregates (after a fingerprint check): rows, the rows whose
/// target reads (the others are the rejected ones, as an import rejects them), subscribers,
/// duplicate rows, and per column its missing and 'unknown' cells, levels or range. The
/// figures are the import's over the same rows, the rows rejected for an implausible number
/// counted at the first column that rejects them, as an import counts them; except where a
/// rule is not pushed down (a text column's missing-value tokens).
LiveQuality quality(WarehouseConnection &conn, const LiveDatasetInfo &info,
                    const ProgressCallback &progress = {});

/// The table's analysis columns: each categorical labelled (levelExpr), each numeric as a
/// double, the target as 1/0; free text and the pdays sentinel column (not pushed down) are
/// left out.
LiveView view(const WarehouseConnection &conn, const LiveDatasetInfo &info);

/// Each categorical column's levels counted at once: for every column a SegmentResult equal
/// to segments() by that column alone (minN 0), from one grouping-sets query (no fingerprint
/// check), where one GROUP BY per column read the table once per column. Empty with *error set
/// when the query fails.
QMap<QString, SegmentResult> levelCounts(WarehouseConnection &conn, const LiveDatasetInfo &info,
                                         QString *error, const ProgressCallback &progress = {});

/// Rows of the table as the Data view shows them (its source columns by name, in the order
/// describe() read them; rows.columns names them on every engine): the first `limit` rows where
/// `filter` holds (its column a source column; Contains: the value's text holds the filter's,
/// in any case; Equals: the same number in a number column, the same text elsewhere), in
/// `sort` order (the engine's own when inactive; ties in the engine's order), and, with a
/// filter, how many rows match (one more query).
struct LiveRows
{
    WarehouseRows rows;   ///< rows.ok false: rows.error says why
    qint64 matching = -1; ///< -1 without a filter
    QString sql;          ///< the SELECT that read the rows
};
LiveRows firstRows(WarehouseConnection &conn, const LiveDatasetInfo &info,
                   const TableFilter &filter, const TableSort &sort, int limit,
                   const ProgressCallback &progress = {});

/// The SQL of segments() (for tests and the log).
QString segmentSql(const WarehouseConnection &conn, const LiveDatasetInfo &info,
                   const SegmentQuery &query, QString *error);

} // namespace LiveDataset

} // namespace cl
