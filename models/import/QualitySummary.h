// Data-quality summary of an import: counts per column, duplicates, class balance, warnings.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <limits>
#include <vector>

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

/**
 * One data-quality warning as a stable code plus parameters, so that each reader words it
 * in its own language (the report in English or bokmål; the GUI and CLI in English).
 * The importer words its warnings with englishText() and stores them as English sentences
 * (QualitySummary::warnings, in the workspace); recognise() maps a stored sentence back to
 * its code. The English wording has one definition here. Value type.
 */
struct QualityWarning
{
    enum class Code
    {
        Other,             ///< not a known sentence; params: {the text as given}
        DurationAfterCall, ///< params: {column}
        PdaysSentinel,     ///< params: {column, derived flag column (previously_contacted)}
        IdentifierColumn,  ///< params: {column}
        UnknownShare,      ///< params: {column, percent of rows ("20.9", C locale)}
        MissingShare,      ///< params: {column, percent of rows ("5.5", C locale)}
        RowsRejected,      ///< params: {rows}
        DuplicateRows,     ///< params: {rows}
        ClassImbalance,    ///< params: {percent subscribed ("11.6", C locale)}
        FewRows,           ///< params: {rows}
        ColumnRenamed,     ///< params: {column in the file, name it is stored under}
        ValuesOutOfRange,  ///< params: {column, rows rejected, lowest accepted, highest accepted}
    };

    Code code = Code::Other;
    QStringList params; ///< in the order of the English sentence's %1, %2; numbers in C locale

    /// The English sentence (the importer's wording).
    QString englishText() const;
    /// The sentence in the GUI's language (QCoreApplication::translate, English without a
    /// translator), counts and percentages in the default QLocale.
    QString translatedText() const;
    /// The code and parameters of one of the importer's English sentences; Code::Other
    /// (with the text as its parameter) when the sentence is not a known one.
    static QualityWarning recognise(const QString &englishText);
    bool operator==(const QualityWarning &other) const
    {
        return code == other.code && params == other.params;
    }
};

/// What a column's warnings need beyond its ColumnQuality figures.
struct ColumnFacts
{
    bool pdaysSentinel = false; ///< pdays, whose sentinel means "never contacted"
    bool renamed = false;       ///< stored under another name than the source's
    qint64 implausible = 0;     ///< rows rejected for a value outside [lowest, highest]
    QString lowest, highest;    ///< the accepted range, as the rejections word it
};

struct QualitySummary
{
    qint64 dataLines = 0;
    qint64 rowsRead = 0;
    qint64 rowsRejected = 0;
    qint64 duplicates = 0; ///< rows identical to an earlier row (kept, counted)
    qint64 subscribers = 0;
    QList<ColumnQuality> columns;
    QStringList warnings; ///< English sentences, as the importer words them

    double subscriberRate() const { return rowsRead ? double(subscribers) / rowsRead : 0.0; }
    /// Appends the warnings that follow from the figures (and `facts`, one per column, in the
    /// order of `columns`) to `warnings`, as an import words them: any source of the same
    /// rows (a file, a warehouse table) gets the same sentences.
    void addWarnings(const std::vector<ColumnFacts> &facts);
    /// The warnings as codes with parameters, in the order of `warnings`.
    QList<QualityWarning> codedWarnings() const;
    QJsonObject toJson() const;
    static QualitySummary fromJson(const QJsonObject &json);
    /// Plain-text rendering for the command line.
    QString toText() const;
};

} // namespace cl
