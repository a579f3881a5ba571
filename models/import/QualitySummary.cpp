// QualitySummary: JSON round trip and text rendering.
#include "QualitySummary.h"

#include <QJsonArray>
#include <QLocale>

#include <cmath>

namespace cl {

namespace {
QJsonValue numberOrNull(double v)
{
    return std::isnan(v) ? QJsonValue() : QJsonValue(v);
}
double numberOrNaN(const QJsonValue &v)
{
    return v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN();
}
} // namespace

QJsonObject QualitySummary::toJson() const
{
    QJsonArray cols;
    for (const auto &c : columns) {
        cols.append(QJsonObject{{"name", c.name},
                                {"source", c.sourceName},
                                {"type", c.type},
                                {"role", c.role},
                                {"missing", c.missing},
                                {"unknown", c.unknown},
                                {"distinct", c.distinct},
                                {"min", numberOrNull(c.min)},
                                {"max", numberOrNull(c.max)},
                                {"mean", numberOrNull(c.mean)},
                                {"analysed", c.analysed}});
    }
    return QJsonObject{{"data_lines", dataLines},
                       {"rows_read", rowsRead},
                       {"rows_rejected", rowsRejected},
                       {"duplicates", duplicates},
                       {"subscribers", subscribers},
                       {"columns", cols},
                       {"warnings", QJsonArray::fromStringList(warnings)}};
}

QualitySummary QualitySummary::fromJson(const QJsonObject &json)
{
    QualitySummary q;
    q.dataLines = json.value("data_lines").toInteger();
    q.rowsRead = json.value("rows_read").toInteger();
    q.rowsRejected = json.value("rows_rejected").toInteger();
    q.duplicates = json.value("duplicates").toInteger();
    q.subscribers = json.value("subscribers").toInteger();
    for (const auto &v : json.value("columns").toArray()) {
        const QJsonObject o = v.toObject();
        ColumnQuality c;
        c.name = o.value("name").toString();
        c.sourceName = o.value("source").toString();
        c.type = o.value("type").toString();
        c.role = o.value("role").toString();
        c.missing = o.value("missing").toInteger();
        c.unknown = o.value("unknown").toInteger();
        c.distinct = o.value("distinct").toInt(-1);
        c.min = numberOrNaN(o.value("min"));
        c.max = numberOrNaN(o.value("max"));
        c.mean = numberOrNaN(o.value("mean"));
        c.analysed = o.value("analysed").toBool(true);
        q.columns << c;
    }
    for (const auto &w : json.value("warnings").toArray())
        q.warnings << w.toString();
    return q;
}

QString QualitySummary::toText() const
{
    const QLocale c = QLocale::c();
    QString out;
    out += QStringLiteral("Data lines: %1 = %2 read + %3 rejected\n")
               .arg(dataLines)
               .arg(rowsRead)
               .arg(rowsRejected);
    out += QStringLiteral("Subscribers (y = yes): %1 of %2 (%3%)\n")
               .arg(subscribers)
               .arg(rowsRead)
               .arg(c.toString(100.0 * subscriberRate(), 'f', 2));
    out += QStringLiteral("Duplicate rows (kept): %1\n").arg(duplicates);
    out += QStringLiteral("Columns: %1\n").arg(columns.size());
    out += QStringLiteral("  %1 %2 %3 %4 %5 %6\n")
               .arg(QStringLiteral("column"), -16)
               .arg(QStringLiteral("type"), -12)
               .arg(QStringLiteral("role"), -14)
               .arg(QStringLiteral("missing"), 8)
               .arg(QStringLiteral("unknown"), 8)
               .arg(QStringLiteral("levels / range"));
    for (const auto &col : columns) {
        const QString range = col.distinct >= 0
                                  ? QStringLiteral("%1 levels").arg(col.distinct)
                                  : (std::isnan(col.min) ? QStringLiteral("-")
                                                         : QStringLiteral("%1 .. %2 (mean %3)")
                                                               .arg(c.toString(col.min, 'g', 6),
                                                                    c.toString(col.max, 'g', 6),
                                                                    c.toString(col.mean, 'g', 4)));
        out += QStringLiteral("  %1 %2 %3 %4 %5 %6%7\n")
                   .arg(col.name, -16)
                   .arg(col.type, -12)
                   .arg(col.role.isEmpty() ? QStringLiteral("-") : col.role, -14)
                   .arg(col.missing, 8)
                   .arg(col.unknown, 8)
                   .arg(range, col.analysed ? QString() : QStringLiteral(" (raw table only)"));
    }
    for (const auto &w : warnings)
        out += QStringLiteral("Warning: %1\n").arg(w);
    return out;
}

} // namespace cl
