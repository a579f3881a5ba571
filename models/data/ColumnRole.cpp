// ColumnRole names and properties.
#include "ColumnRole.h"

namespace cl {

namespace {
struct RoleEntry
{
    ColumnRole role;
    const char *name;
    bool categorical;
};

constexpr RoleEntry kRoles[] = {
    {ColumnRole::Age, "age", false},
    {ColumnRole::Job, "job", true},
    {ColumnRole::Marital, "marital", true},
    {ColumnRole::Education, "education", true},
    {ColumnRole::Default, "default", true},
    {ColumnRole::Balance, "balance", false},
    {ColumnRole::Housing, "housing", true},
    {ColumnRole::Loan, "loan", true},
    {ColumnRole::Contact, "contact", true},
    {ColumnRole::Day, "day", false},
    {ColumnRole::Month, "month", true},
    {ColumnRole::DayOfWeek, "day_of_week", true},
    {ColumnRole::Duration, "duration", false},
    {ColumnRole::Campaign, "campaign", false},
    {ColumnRole::Pdays, "pdays", false},
    {ColumnRole::Previous, "previous", false},
    {ColumnRole::Poutcome, "poutcome", true},
    {ColumnRole::EmpVarRate, "emp_var_rate", false},
    {ColumnRole::ConsPriceIdx, "cons_price_idx", false},
    {ColumnRole::ConsConfIdx, "cons_conf_idx", false},
    {ColumnRole::Euribor3m, "euribor3m", false},
    {ColumnRole::NrEmployed, "nr_employed", false},
    {ColumnRole::Target, "y", true},
};
} // namespace

QString roleName(ColumnRole role)
{
    for (const auto &e : kRoles) {
        if (e.role == role)
            return QString::fromLatin1(e.name);
    }
    return {};
}

ColumnRole roleFromName(const QString &name)
{
    for (const auto &e : kRoles) {
        if (name == QLatin1String(e.name))
            return e.role;
    }
    return ColumnRole::None;
}

QList<ColumnRole> allRoles()
{
    QList<ColumnRole> out;
    for (const auto &e : kRoles)
        out << e.role;
    return out;
}

bool isCategoricalRole(ColumnRole role)
{
    for (const auto &e : kRoles) {
        if (e.role == role)
            return e.categorical;
    }
    return false;
}

QString roleUnitKey(ColumnRole role)
{
    switch (role) {
    case ColumnRole::Age:
        return QStringLiteral("unit.years");
    case ColumnRole::Balance:
        return QStringLiteral("unit.euros");
    case ColumnRole::Duration:
        return QStringLiteral("unit.seconds");
    case ColumnRole::Campaign:
        return QStringLiteral("unit.calls");
    case ColumnRole::Previous:
        return QStringLiteral("unit.contacts");
    case ColumnRole::Pdays:
    case ColumnRole::Day:
        return QStringLiteral("unit.days");
    case ColumnRole::EmpVarRate:
    case ColumnRole::Euribor3m:
        return QStringLiteral("unit.points"); // rates in percent: a change in percentage points
    case ColumnRole::ConsPriceIdx:
    case ColumnRole::ConsConfIdx:
        return QStringLiteral("unit.index");
    case ColumnRole::NrEmployed:
        return QStringLiteral("unit.thousands");
    default:
        return {};
    }
}

} // namespace cl
