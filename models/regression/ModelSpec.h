// What a logistic model should contain: columns, reference levels, scaling, penalty.
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace cl {

/**
 * Settings of a propensity model over a DataFrame. The defaults give a targeting model for
 * bank-additional-full; see buildDesign() for the columns left out by default and why.
 */
struct ModelSpec
{
    /// Columns to use. Empty = every column of the frame except the default exclusions.
    QStringList columns;
    /// Columns to leave out in addition to the default exclusions.
    QStringList exclude;
    /// Columns to keep although they are excluded by default (e.g. "duration", "pdays").
    QStringList include;
    /// Column name -> label of its reference level. Absent = the most frequent level.
    QMap<QString, QString> referenceLevels;
    /// Levels with fewer rows than this are merged into the column's reference level (0 = off).
    /// Default 10: default=yes of the bank data has 3 rows, all non-subscribers, and would
    /// separate the data (its coefficient goes to minus infinity).
    int minLevelRows = 10;
    /// Levels with fewer rows than this whose rows all have the same outcome are merged into
    /// the reference level too, with a note (0 = off). Such a level separates the outcome, so
    /// the fit would have no finite estimates: e.g. education=illiterate on the demo data, 20
    /// rows, no subscriber. A larger one-outcome level is a finding and is reported instead.
    int separatedLevelRows = 50;
    /// Centre and scale numeric columns (mean 0, SD 1); coefficients are then per SD.
    bool standardize = false;
};

} // namespace cl
