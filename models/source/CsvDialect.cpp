// CsvDialect: JSON form and a one-line description.
#include "CsvDialect.h"

#include <QCoreApplication>

namespace cl {

QString encodingName(TextEncoding e)
{
    return e == TextEncoding::Utf8 ? QStringLiteral("UTF-8") : QStringLiteral("Windows-1252");
}

namespace {
QString delimiterName(char d)
{
    switch (d) {
    case '\t':
        return QStringLiteral("tab");
    case ';':
        return QStringLiteral("';'");
    case ',':
        return QStringLiteral("','");
    case '|':
        return QStringLiteral("'|'");
    default:
        return QStringLiteral("'%1'").arg(QLatin1Char(d));
    }
}
} // namespace

QJsonObject CsvDialect::toJson() const
{
    return QJsonObject{{"delimiter", QString(QLatin1Char(delimiter))},
                       {"quote", QString(QLatin1Char(quote))},
                       {"encoding", encodingName(encoding)},
                       {"bom", hasBom},
                       {"header", hasHeader},
                       {"decimal_comma", decimalComma},
                       {"crlf", crlf}};
}

CsvDialect CsvDialect::fromJson(const QJsonObject &json)
{
    CsvDialect d;
    const QString delim = json.value("delimiter").toString(",");
    d.delimiter = delim.isEmpty() ? ',' : delim.at(0).toLatin1();
    const QString quote = json.value("quote").toString("\"");
    d.quote = quote.isEmpty() ? '"' : quote.at(0).toLatin1();
    d.encoding = json.value("encoding").toString() == QLatin1String("Windows-1252")
                     ? TextEncoding::Windows1252
                     : TextEncoding::Utf8;
    d.hasBom = json.value("bom").toBool();
    d.hasHeader = json.value("header").toBool(true);
    d.decimalComma = json.value("decimal_comma").toBool();
    d.crlf = json.value("crlf").toBool();
    return d;
}

namespace {
/// The dialect in words; `word` is identity (English) or the GUI's translation.
QString describeWith(const CsvDialect &d, QString (*word)(const char *))
{
    QStringList parts;
    const QString delimiter = d.delimiter == '\t' ? word(QT_TRANSLATE_NOOP("cl::CsvDialect", "tab"))
                                                  : delimiterName(d.delimiter);
    parts << word(QT_TRANSLATE_NOOP("cl::CsvDialect", "%1 delimited")).arg(delimiter)
          << encodingName(d.encoding);
    if (d.hasBom)
        parts << QStringLiteral("BOM");
    parts << (d.hasHeader ? word(QT_TRANSLATE_NOOP("cl::CsvDialect", "header row"))
                          : word(QT_TRANSLATE_NOOP("cl::CsvDialect", "no header")));
    if (d.decimalComma)
        parts << word(QT_TRANSLATE_NOOP("cl::CsvDialect", "decimal comma"));
    parts << (d.crlf ? QStringLiteral("CRLF") : QStringLiteral("LF"));
    return parts.join(QStringLiteral(", "));
}
} // namespace

QString CsvDialect::describe() const
{
    return describeWith(*this, [](const char *text) { return QString::fromLatin1(text); });
}

QString CsvDialect::describeTranslated() const
{
    return describeWith(*this, [](const char *text) {
        return QCoreApplication::translate("cl::CsvDialect", text);
    });
}

} // namespace cl
