// CSV dialect: delimiter, quoting, encoding, header and decimal separator.
#pragma once

#include <QJsonObject>
#include <QString>

namespace cl {

enum class TextEncoding
{
    Utf8,
    Windows1252
};

/// How a CSV file is written. Detected by DialectDetector; every field can be overridden.
struct CsvDialect
{
    char delimiter = ',';
    char quote = '"';
    TextEncoding encoding = TextEncoding::Utf8;
    bool hasBom = false;       ///< a UTF-8 byte order mark was found (and is skipped)
    bool hasHeader = true;     ///< first record names the columns
    bool decimalComma = false; ///< numbers written as 1,5 (only with a non-comma delimiter)
    bool crlf = false;         ///< lines end in CR LF (informational; both are read)

    QJsonObject toJson() const;
    static CsvDialect fromJson(const QJsonObject &json);
    /// "';' delimited, UTF-8, header, CRLF" for summaries.
    QString describe() const;
    /// describe() in the GUI's language (QCoreApplication::translate; English without one).
    QString describeTranslated() const;
};

QString encodingName(TextEncoding e);

} // namespace cl
