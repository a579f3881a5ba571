// SourceDescriptor: where a dataset's rows came from, the same shape for every kind of source.
#pragma once

#include <QJsonObject>
#include <QString>

namespace cl {

/**
 * What the workspace records about a dataset's source (column dataset.source, JSON). Written
 * by the source that read the rows (CsvSource for files); read by everything else without
 * knowing the kind. Never holds a secret: a password stays in the key store, not here.
 */
struct SourceDescriptor
{
    QString kind;        ///< "csv"; a new source adds its own
    QString label;       ///< what people call it: the file name, a table name
    QString location;    ///< absolute path or address, without credentials
    QString fingerprint; ///< identifies the content read (csv: SHA-256 of the file, hex);
                         ///< the same fingerprint means the same data (import is skipped)
    /// The kind's own facts, for display and reproduction (csv: size, dialect). "summary" is
    /// a one-line description any view may show ("comma-separated, UTF-8, LF line ends").
    QJsonObject details;

    QString summary() const { return details.value(QStringLiteral("summary")).toString(); }
    /// Bytes read from the source; 0 when unknown (details.bytes).
    qint64 bytes() const { return qint64(details.value(QStringLiteral("bytes")).toDouble()); }

    QJsonObject toJson() const;
    static SourceDescriptor fromJson(const QJsonObject &json);
};

} // namespace cl
