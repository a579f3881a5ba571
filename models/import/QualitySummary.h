// Data-quality summary of an import: counts per column, duplicates, class balance, warnings.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <limits>

namespace cl {

/// Quality figures of one column.
struct ColumnQuality
{
    QString name;
    QString sourceName;
    QString type;       ///< "integer", "real", "text", or "categorical" (silver dictionary)
    QString role;       ///< role name; empty when none
    qint64 missing = 0; ///< empty/NA cells
    qint64 unknown = 0; ///< cells equal to "unknown" (an explicit level, not missing)
    int distinct = -1;  ///< levels of a categorical; -1 for numbers
    double min = std::numeric_limits<double>::quiet_NaN(); ///< numbers only
    double max = std::numeric_limits<double>::quiet_NaN();
    double mean = std::numeric_limits<double>::quiet_NaN();
    bool analysed = true; ///< false: kept in the raw table only (e.g. identifier-like text)
};

struct QualitySummary
{
    qint64 dataLines = 0;
    qint64 rowsRead = 0;
    qint64 rowsRejected = 0;
    qint64 duplicates = 0; ///< rows identical to an earlier row (kept, counted)
    qint64 subscribers = 0;
    QList<ColumnQuality> columns;
    QStringList warnings;

    double subscriberRate() const { return rowsRead ? double(subscribers) / rowsRead : 0.0; }
    QJsonObject toJson() const;
    static QualitySummary fromJson(const QJsonObject &json);
    /// Plain-text rendering for the command line.
    QString toText() const;
};

} // namespace cl
