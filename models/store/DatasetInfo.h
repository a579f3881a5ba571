// A dataset as recorded in the workspace.
#pragma once

#include "data/ColumnRole.h"
#include "data/StorageType.h"
#include "source/SourceDescriptor.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace cl {

/// One column of the silver table.
struct SilverColumn
{
    QString name;       ///< silver column name (canonical role name, or sanitised source name)
    QString sourceName; ///< header in the file; empty for derived columns
    StorageType rawType = StorageType::Text; ///< type inferred for the raw (bronze) table
    ColumnRole role = ColumnRole::None;
    bool categorical = false; ///< stored as dictionary codes (see table category_level)
    bool derived = false;     ///< computed by the import (age_band, previously_contacted)
};

struct DatasetInfo
{
    qint64 id = -1;
    QString name;
    SourceDescriptor source; ///< where the rows came from (any kind of source)
    QString layout;
    qint64 dataLines = 0;
    qint64 rowsRead = 0;
    qint64 rowsRejected = 0;
    qint64 subscribers = 0;
    QDateTime importedAt;
    bool synthetic = false;
    QList<SilverColumn> columns;
    QJsonObject quality; ///< QualitySummary::toJson()
    /// Column of the silver table that identifies a row, unquoted: kRowIdColumn (an INTEGER
    /// PRIMARY KEY that no file column may take) in datasets imported since issue 10; in older
    /// ones the first of SQLite's rowid, _rowid_, oid that no column of the file shadows.
    /// Every query of ours that orders or finds silver rows says this, never "rowid".
    QString rowIdColumn = QStringLiteral("rowid");

    QString rawTable() const { return QStringLiteral("ds%1_raw").arg(id); }
    QString silverTable() const { return QStringLiteral("ds%1_silver").arg(id); }
    /// View of the silver table with labels instead of codes (for SQL written by people).
    QString silverView() const { return QStringLiteral("ds%1_silver_labels").arg(id); }
    double subscriberRate() const { return rowsRead ? double(subscribers) / rowsRead : 0.0; }
};

} // namespace cl
