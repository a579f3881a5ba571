// BankColumns: bank-additional-full's semicolon CSV as a warehouse table's columns and fields.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>

namespace cl::test {

/// A CSV field without its surrounding quotes (bank-additional-full quotes its text).
inline QString unquotedField(QByteArray field)
{
    field = field.trimmed();
    if (field.startsWith('"') && field.endsWith('"') && field.size() >= 2)
        field = field.mid(1, field.size() - 2);
    return QString::fromUtf8(field);
}

/// The header as typed columns, each name quoted by `quote`: the counts (age, duration,
/// campaign, pdays, previous) `integer`, the macro figures `real`, the rest `text`.
inline QString bankColumns(const QByteArray &headerLine,
                           const std::function<QString(const QString &)> &quote,
                           const QString &integer, const QString &real, const QString &text)
{
    static const QStringList integers{QStringLiteral("age"), QStringLiteral("duration"),
                                      QStringLiteral("campaign"), QStringLiteral("pdays"),
                                      QStringLiteral("previous")};
    QStringList cols;
    for (const QByteArray &raw : headerLine.trimmed().split(';')) {
        const QString n = unquotedField(raw);
        const QString type = integers.contains(n) ? integer
                             : n.contains(QLatin1Char('.')) || n == QLatin1String("euribor3m")
                                 ? real
                                 : text;
        cols << quote(n) + QLatin1Char(' ') + type;
    }
    return cols.join(QStringLiteral(", "));
}

/// The header as ClickHouse columns: Int32, Float64 and String.
inline QString clickHouseBankColumns(const QByteArray &headerLine)
{
    return bankColumns(
        headerLine, [](const QString &n) { return QLatin1Char('`') + n + QLatin1Char('`'); },
        QStringLiteral("Int32"), QStringLiteral("Float64"), QStringLiteral("String"));
}

} // namespace cl::test
