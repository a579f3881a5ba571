// WarehouseSql: the SQL pieces of a live dataset that its analyses share, in the connection's
// dialect (internal to models/warehouse).
#pragma once

#include "WarehouseConnection.h"
#include "store/LiveDatasets.h"

#include <QString>

namespace cl::WarehouseSql {

/// `table` quoted, or the read-only `query` as a subquery, with the alias every column
/// reference is qualified by.
QString tableRef(const WarehouseConnection &conn, const QString &table, const QString &query = {});
/// A source column, quoted and qualified by the table's alias.
QString columnRef(const WarehouseConnection &conn, const QString &source);
/// The target's 1 / 0, NULL for a row an import rejects: a target that reads as none of its
/// spellings (WarehouseConnection::targetExpr), or a number outside its plausible range
/// (plausibleExpr). Every analysis reads the rows where it is not NULL.
QString targetExpr(const WarehouseConnection &conn, const LiveDatasetInfo &info);
/// The target's 1 / 0 / NULL as its spellings read, whatever the row's numbers.
QString readableTargetExpr(const WarehouseConnection &conn, const LiveDatasetInfo &info);
/// True where numeric column `c` is missing or within the import's plausible range for its
/// role (plausibleRange: between the bounds, whole where it must be).
QString plausibleExpr(const WarehouseConnection &conn, const LiveColumn &c);
/// A numeric column's value as a double (WarehouseConnection::numberExpr).
QString numberExpr(const WarehouseConnection &conn, const LiveColumn &c);
/// A categorical column's label (a source column, or the derived age_band) as the import
/// labels it; NULL only for an age band whose age is missing.
QString levelExpr(const WarehouseConnection &conn, const LiveDatasetInfo &info,
                  const LiveColumn &c);
/// RowHash's key columns of a live dataset (RowHash::columns of LiveModel::schema's), in order.
QList<const LiveColumn *> rowHashColumns(const LiveDatasetInfo &info);
/// RowHash::bucket of each row's key, as a number: `values` hold each of `columns`' value as
/// levelExpr or numberExpr gives it, `y` the target's 1 / 0.
QString rowHashBucketExpr(const WarehouseConnection &conn, const QList<const LiveColumn *> &columns,
                          const QStringList &values, const QString &y);
/// True when an analysis reads `c` as a number: no categorical nor the target, and a number
/// type on its engine or a text column the mapping gave a numeric role (other text is free text).
bool isNumeric(const LiveDatasetInfo &info, const LiveColumn &c);
/// The column with the target role (describe() makes sure there is one).
const LiveColumn *targetColumn(const LiveDatasetInfo &info);

} // namespace cl::WarehouseSql
