// EngineAggregateQuery: run_sql's aggregate grammar on a live dataset's engine, under the same
// guards as on SQLite, with the k-suppression done by the engine.
#pragma once

#include "AggregateQuery.h"
#include "store/LiveDatasets.h"

#include <QString>

namespace cl {

class WarehouseConnection;

/**
 * run_sql in aggregates mode on a live dataset (a table on PostgreSQL or ClickHouse). The text
 * is parsed by AggregateSql as on a local dataset, and never run as written:
 * 1. The view is the table as an import of it reads (LiveDataset::view): categories labelled,
 *    numbers as doubles, y 1/0, rows whose target does not read left out. The model names it
 *    viewName(); its columns are the analysis names.
 * 2. The engine runs the SQL written from the parsed tree in its dialect, with the guards of
 *    AggregateSql::guarded(): HAVING COUNT(*) >= k, and every aggregate nulled under k values.
 *    So groups of fewer than k clients never leave the engine. It runs in the connection's
 *    read-only session (PostgreSQL: a READ ONLY transaction and statement_timeout; ClickHouse:
 *    readonly=1 and max_execution_time).
 * 3. With each row the engine returns the group's size and, per summed column, its number of
 *    values and its largest and total absolute value: the result is checked against them
 *    (AggregateQuery::verify) and dominated sums are nulled (suppressDominated), as on SQLite.
 * 4. The differencing checks run on the engine too: the clients a grouping leaves out, each
 *    earlier filter against this one, and the classes of clients of the whole conversation
 *    (AggregateQuery::auditAtoms), under the conversation's query budget.
 * Every answer is a number of rows bounded by the groups (a row cap of `maxRows`); engine
 * errors after parsing give one generic refusal (the engine's words may depend on the data).
 *
 * Stateless apart from the history; runs on the connection's thread.
 */
namespace EngineAggregateQuery {

/// The name the model's FROM gives a live dataset's view: "live_<id>".
QString viewName(const LiveDatasetInfo &info);

/// The rules of a live dataset's view: its analysis columns, the categorical ones as the
/// columns WHERE may test, the target as the 0/1 indicator; k = `minGroupSize`.
AggregateSqlRules rules(const WarehouseConnection &conn, const LiveDatasetInfo &info,
                        int minGroupSize);

/// Runs `sql` as above. Text values of the result are group keys; numbers come back as
/// qint64 or double.
AggregateQueryResult run(WarehouseConnection &conn, const LiveDatasetInfo &info, const QString &sql,
                         const AggregateSqlRules &rules, AggregateQueryHistory *history,
                         int maxRows);

/// Check 4 alone, on the engine: an empty string if `q` may run after the queries in
/// `history`; `alsoShared` are audited with it (as AggregateQuery::checkDifferencing).
QString checkDifferencing(WarehouseConnection &conn, const LiveDatasetInfo &info,
                          const AggregateSelect &q, const AggregateSqlRules &rules,
                          const QList<AggregateQueryHistory::Entry> &history,
                          const QList<AggregateQueryHistory::Entry> &alsoShared = {});

} // namespace EngineAggregateQuery

} // namespace cl
