// CsvDialect: JSON form and a one-line description.
#include "CsvDialect.h"

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

QString CsvDialect::describe() const
{
    QStringList parts;
    parts << delimiterName(delimiter) + QStringLiteral(" delimited") << encodingName(encoding);
    if (hasBom)
        parts << QStringLiteral("BOM");
    parts << (hasHeader ? QStringLiteral("header row") : QStringLiteral("no header"));
    if (decimalComma)
        parts << QStringLiteral("decimal comma");
    parts << (crlf ? QStringLiteral("CRLF") : QStringLiteral("LF"));
    return parts.join(QStringLiteral(", "));
}

} // namespace cl
