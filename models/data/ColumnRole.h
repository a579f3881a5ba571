// Column roles: what the app needs to know of a column (target, age, job, ...).
#pragma once

#include <QString>
#include <QStringList>

namespace cl {

/// Roles the analyses rely on. Columns with no known role are analysed by their type.
enum class ColumnRole
{
    None,
    Target,
    Age,
    Job,
    Marital,
    Education,
    Default,
    Housing,
    Loan,
    Balance,
    Contact,
    Day,
    Month,
    DayOfWeek,
    Duration,
    Campaign,
    Pdays,
    Previous,
    Poutcome,
    EmpVarRate,
    ConsPriceIdx,
    ConsConfIdx,
    Euribor3m,
    NrEmployed,
};

/// Canonical silver column name of a role ("age", "emp_var_rate", "y", ...); empty for None.
QString roleName(ColumnRole role);
/// Inverse of roleName; None where the name is no role.
ColumnRole roleFromName(const QString &name);
/// All roles but None, in the order of bank-additional-full.csv.
QList<ColumnRole> allRoles();
/// True for roles whose values are categories.
bool isCategoricalRole(ColumnRole role);

/// Unit of a numeric role's values, as a ReportText key ("unit.years", "unit.euros", ...);
/// empty where the data documentation states none (README of the UCI data).
QString roleUnitKey(ColumnRole role);

/// Columns known only after the call (the roles Duration and Campaign): a model that uses one
/// cannot rank clients before calling them.
inline QStringList postCallColumns()
{
    return {QStringLiteral("duration"), QStringLiteral("campaign")};
}

/// Names of the derived silver columns the import adds.
inline const QString kAgeBandColumn = QStringLiteral("age_band");
inline const QString kPreviouslyContactedColumn = QStringLiteral("previously_contacted");
inline const QString kTargetColumn = QStringLiteral("y");
/// The label of an empty category field.
inline const QString kMissingLevel = QStringLiteral("(missing)");
/// The silver table's row id (INTEGER PRIMARY KEY) and the labelled view's; a file column of
/// that name is renamed on import.
inline const QString kRowIdColumn = QStringLiteral("row_id");

} // namespace cl
