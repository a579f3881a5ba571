// CsvField: one field of a CSV file we write.
#pragma once

#include <QString>

namespace cl {

/// `text` as an RFC 4180 field: quoted (quotes doubled) when it holds a comma, a quote or a
/// line break, else as it is.
inline QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace cl
