// PgSql: the SQL pieces of a live PostgreSQL table that its analyses share (internal to
// models/warehouse).
#pragma once

#include "PgConnection.h"
#include "store/LiveDatasets.h"

#include <QString>

namespace cl::PgSql {

/// A PostgreSQL type name that holds numbers ("integer", "numeric(10,2)", ...).
bool isNumberType(const QString &type);
/// `table` quoted, with the alias every column reference is qualified by.
QString tableRef(const PgConnection &conn, const QString &table);
/// 1 or 0 for the target's spellings (yes/no, 1/0, true/false, y/n; any case, trimmed);
/// NULL for anything else (a row the import rejects).
QString targetExpr(const PgConnection &conn, const QString &source);
/// A numeric column's value as float8: a number type cast, a text column parsed where it
/// reads as a number; NULL where missing or unreadable.
QString numberExpr(const PgConnection &conn, const LiveColumn &c);
/// A categorical column's label (a source column, or the derived age_band) as the import
/// labels it; NULL only for an age band whose age is missing.
QString levelExpr(const PgConnection &conn, const LiveDatasetInfo &info, const LiveColumn &c);
/// The column with the target role (describe() makes sure there is one).
const LiveColumn *targetColumn(const LiveDatasetInfo &info);

} // namespace cl::PgSql
