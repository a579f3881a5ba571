// QualitySummary: JSON round trip and text rendering.
#include "QualitySummary.h"

#include "data/ColumnRole.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>
#include <vector>

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
/// The importer's English sentences; %1, %2 are the parameters.
struct WarningTemplate
{
    QualityWarning::Code code;
    const char *english;
};

constexpr WarningTemplate kTemplates[] = {
    {QualityWarning::Code::DurationAfterCall,
     QT_TRANSLATE_NOOP(
         "cl::QualityWarning",
         "'%1' (call duration) is only known after the call and decides the outcome almost by "
         "itself: do not use it to choose whom to call (models leave it out by default)")},
    {QualityWarning::Code::PdaysSentinel,
     QT_TRANSLATE_NOOP(
         "cl::QualityWarning",
         "'%1' uses a sentinel (999 or -1) for clients never contacted before: decoded to 'never "
         "contacted' (%2 = no unless previous or poutcome show an earlier contact)")},
    {QualityWarning::Code::IdentifierColumn,
     QT_TRANSLATE_NOOP("cl::QualityWarning", "'%1' looks like an identifier or free text: kept in "
                                             "the raw table, left out of analysis")},
    {QualityWarning::Code::UnknownShare,
     QT_TRANSLATE_NOOP("cl::QualityWarning", "'%1' is 'unknown' for %2% of the rows")},
    {QualityWarning::Code::MissingShare,
     QT_TRANSLATE_NOOP("cl::QualityWarning", "'%1' is missing for %2% of the rows")},
    {QualityWarning::Code::RowsRejected,
     QT_TRANSLATE_NOOP("cl::QualityWarning", "%1 rows could not be read; they are kept in the "
                                             "rejects table with line number and reason")},
    {QualityWarning::Code::DuplicateRows,
     QT_TRANSLATE_NOOP("cl::QualityWarning", "%1 rows repeat an earlier row exactly (kept)")},
    {QualityWarning::Code::ClassImbalance,
     QT_TRANSLATE_NOOP("cl::QualityWarning", "the outcome is imbalanced (%1% subscribed): judge "
                                             "models by AUC, lift and calibration, not "
                                             "accuracy")},
    {QualityWarning::Code::FewRows,
     QT_TRANSLATE_NOOP("cl::QualityWarning",
                       "only %1 rows: segment rates will have wide confidence intervals")},
    {QualityWarning::Code::ColumnRenamed,
     QT_TRANSLATE_NOOP(
         "cl::QualityWarning",
         "'%1' is stored as '%2': its name is taken by another column or by one the import adds")},
    {QualityWarning::Code::ValuesOutOfRange,
     QT_TRANSLATE_NOOP(
         "cl::QualityWarning",
         "'%1': %2 rows rejected for a value that is not plausible there (accepted: %3 to %4; not "
         "NaN, not infinite)")},
};

const QRegularExpression &placeholder()
{
    static const QRegularExpression re(QStringLiteral("%([1-9])"));
    return re;
}

/// `text` with %1..%9 replaced by `params` in one pass (a parameter may contain a '%').
QString substitute(const QString &text, const QStringList &params)
{
    QString out;
    qsizetype from = 0;
    auto it = placeholder().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(from, m.capturedStart() - from);
        out += params.value(m.captured(1).toInt() - 1);
        from = m.capturedEnd();
    }
    return out + text.mid(from);
}

/// An anchored pattern for a template: literal text, and one group per placeholder.
QRegularExpression pattern(const QString &text, QList<int> *order)
{
    QString re = QStringLiteral("^");
    qsizetype from = 0;
    auto it = placeholder().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        re += QRegularExpression::escape(text.mid(from, m.capturedStart() - from));
        re += QStringLiteral("(.+?)");
        *order << m.captured(1).toInt();
        from = m.capturedEnd();
    }
    re += QRegularExpression::escape(text.mid(from)) + QLatin1Char('$');
    return QRegularExpression(re, QRegularExpression::DotMatchesEverythingOption);
}

const WarningTemplate *templateOf(QualityWarning::Code code)
{
    for (const WarningTemplate &t : kTemplates) {
        if (t.code == code)
            return &t;
    }
    return nullptr;
}

} // namespace

QString QualityWarning::englishText() const
{
    const WarningTemplate *t = templateOf(code);
    return t ? substitute(QString::fromLatin1(t->english), params) : params.value(0);
}

QString QualityWarning::translatedText() const
{
    const WarningTemplate *t = templateOf(code);
    if (!t)
        return params.value(0);
    const QString text = QCoreApplication::translate("cl::QualityWarning", t->english);
    // Counts and percentages in the reader's locale; quoted column names as they are.
    static const QRegularExpression number(QStringLiteral("^-?[0-9]+(\\.([0-9]+))?$"));
    const QLocale locale;
    QStringList shown = params;
    for (int i = 0; i < shown.size(); ++i) {
        const QRegularExpressionMatch m = number.match(shown[i]);
        if (!m.hasMatch() ||
            QString::fromLatin1(t->english).contains(QStringLiteral("'%%1'").arg(i + 1)))
            continue;
        shown[i] = m.capturedLength(2) > 0
                       ? locale.toString(shown[i].toDouble(), 'f', int(m.capturedLength(2)))
                       : locale.toString(shown[i].toLongLong());
    }
    return substitute(text, shown);
}

QualityWarning QualityWarning::recognise(const QString &englishText)
{
    struct Compiled
    {
        Code code;
        QRegularExpression re;
        QList<int> order; ///< placeholder number of each capture group
    };
    static const std::vector<Compiled> compiled = [] {
        std::vector<Compiled> all;
        for (const WarningTemplate &t : kTemplates) {
            Compiled c{t.code, {}, {}};
            c.re = pattern(QString::fromLatin1(t.english), &c.order);
            all.push_back(c);
        }
        return all;
    }();
    for (const Compiled &c : compiled) {
        const QRegularExpressionMatch m = c.re.match(englishText);
        if (!m.hasMatch())
            continue;
        QualityWarning w;
        w.code = c.code;
        for (int i = 0; i < c.order.size(); ++i) {
            const int slot = c.order[i] - 1;
            while (w.params.size() <= slot)
                w.params << QString();
            w.params[slot] = m.captured(i + 1);
        }
        return w;
    }
    return QualityWarning{Code::Other, {englishText}};
}

void QualitySummary::addWarnings(const std::vector<ColumnFacts> &facts)
{
    // Warnings a banker needs, worded once, by QualityWarning (the report translates them).
    using Code = QualityWarning::Code;
    const auto warn = [this](Code code, QStringList params) {
        warnings << QualityWarning{code, std::move(params)}.englishText();
    };
    const auto percentOfRows = [this](qint64 rows) {
        return QString::number(100.0 * double(rows) / double(rowsRead), 'f', 1);
    };
    for (qsizetype c = 0; c < columns.size(); ++c) {
        const ColumnQuality &col = columns[c];
        const ColumnFacts f = size_t(c) < facts.size() ? facts[size_t(c)] : ColumnFacts{};
        if (col.role == roleName(ColumnRole::Duration))
            warn(Code::DurationAfterCall, {col.sourceName});
        if (f.pdaysSentinel)
            warn(Code::PdaysSentinel, {col.sourceName, kPreviouslyContactedColumn});
        if (!col.analysed)
            warn(Code::IdentifierColumn, {col.sourceName});
        if (rowsRead > 0 && col.unknown * 10 > rowsRead)
            warn(Code::UnknownShare, {col.sourceName, percentOfRows(col.unknown)});
        if (rowsRead > 0 && col.missing * 20 > rowsRead)
            warn(Code::MissingShare, {col.sourceName, percentOfRows(col.missing)});
        if (f.renamed)
            warn(Code::ColumnRenamed, {col.sourceName, col.name});
        if (f.implausible > 0)
            warn(Code::ValuesOutOfRange,
                 {col.sourceName, QString::number(f.implausible), f.lowest, f.highest});
    }
    if (rowsRejected > 0)
        warn(Code::RowsRejected, {QString::number(rowsRejected)});
    if (duplicates > 0)
        warn(Code::DuplicateRows, {QString::number(duplicates)});
    const double rate = subscriberRate();
    if (rowsRead > 0 && (rate < 0.2 || rate > 0.8))
        warn(Code::ClassImbalance, {QString::number(100.0 * rate, 'f', 1)});
    if (rowsRead > 0 && rowsRead < 1000)
        warn(Code::FewRows, {QString::number(rowsRead)});
}

QList<QualityWarning> QualitySummary::codedWarnings() const
{
    QList<QualityWarning> out;
    for (const QString &w : warnings)
        out << QualityWarning::recognise(w);
    return out;
}

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
        const QString range =
            col.distinct >= 0 ? QString::fromLatin1(col.distinct == 1 ? "%1 level" : "%1 levels")
                                    .arg(col.distinct)
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
