// LiveDatasets: the workspace's catalogue of live datasets (tables on a database engine).
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cl {

class Workspace;

/// One column of a live table as the analyses see it.
struct LiveColumn
{
    QString source; ///< the column's name on the engine, as it is spelled there
    QString name;   ///< the name analyses use (the role's name, or the normalised header)
    QString role;   ///< roleName() of its ColumnRole; empty when it has none
    QString type;   ///< the engine's type name ("integer", "text", ...)
    bool categorical = false;
    /// Labels of the codes, in the order an import of the same rows would number them (first
    /// appearance); empty when not categorical. The derived age_band has the app's bands.
    QStringList levels;
    /// A numeric column with no value outside its plausible range (an import's rejections)
    /// when the table had its fingerprint: while it has, the analyses skip the check per row.
    bool plausible = false;
};

/// A live dataset: its connection, table, columns and the counts seen when it was registered.
struct LiveDatasetInfo
{
    qint64 id = -1;
    QString name;
    QString engine; ///< "postgresql"
    QString url;    ///< the connection as the engine's client takes it, never with a password
    QString table;  ///< the table's name on the engine (not quoted); a query's: its name
    /// A read-only SELECT whose rows are the dataset (connect --query); empty: the table.
    QString query;
    QList<LiveColumn> columns;
    qint64 rows = 0;        ///< rows whose target reads as yes or no
    qint64 subscribers = 0; ///< of those, y = 1
    QString fingerprint;    ///< "rows:checksum" of the whole table when it was registered
    QDateTime connectedAt;

    const LiveColumn *column(const QString &columnName) const;
};

namespace LiveDatasets {

/// Writes `info` with a new id (drawn from the same numbers as datasets') and sets info->id.
bool insert(Workspace &ws, LiveDatasetInfo *info, QString *error);
/// Every live dataset, oldest first.
QList<LiveDatasetInfo> list(Workspace &ws);
std::optional<LiveDatasetInfo> find(Workspace &ws, qint64 id);

} // namespace LiveDatasets

} // namespace cl
