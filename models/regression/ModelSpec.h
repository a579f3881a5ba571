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
    /// Levels holding less than this share of the rows are merged into the column's reference
    /// level (0 = off). A share, not a count, so that a file and the same file repeated k times
    /// get the same model. Default 0.05%: 21 of bank-additional-full's 41,188 rows.
    double minLevelShare = 0.0005;
    /// A level whose rows all have the same outcome is merged into the reference level with a
    /// note, whatever its size: alone it separates the outcome and its coefficient would go to
    /// infinity (default=yes of the bank data: 3 rows, all non-subscribers; education=illiterate
    /// on the demo data). The note names it, since a level where nobody subscribed is a finding.
    bool mergeOneOutcomeLevels = true;
    /// Centre and scale numeric columns (mean 0, SD 1); coefficients are then per SD.
    bool standardize = false;
};

} // namespace cl
