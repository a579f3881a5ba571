// Detects a CSV file's dialect from its first bytes, and previews rows as they will be read.
#pragma once

#include "CsvDialect.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <string_view>

namespace cl {

/// What sniffing a file found: its dialect, header and first rows as they will be parsed.
struct SniffResult
{
    bool ok = false;
    QString error; ///< "file: reason" when !ok (empty file, binary, unreadable)
    CsvDialect dialect;
    QStringList header;      ///< column names (generated "column_1".. when no header)
    QList<QStringList> rows; ///< first data rows, decoded
    qint64 fileSize = 0;
};

namespace DialectDetector {

/// Bytes read from the start of a file for detection.
constexpr qint64 kSampleBytes = 256 * 1024;

/// Detects dialect from a sample of raw bytes (the start of the file). `error` is set
/// for input that is no CSV (NUL bytes, nothing but blanks).
CsvDialect detect(std::string_view sample, QString *error);

/// Reads the start of `path`, detects (then applies the overrides already set in
/// `overrides`, if given) and parses up to `previewRows` rows for a preview.
SniffResult sniffFile(const QString &path, int previewRows = 20,
                      const CsvDialect *overrides = nullptr);

/// The same on `sample`, the first bytes of `path` (at most kSampleBytes) already read by the
/// caller: a pipe can be read only once. Errors name `path`; a first record that does not end
/// within a full sample is refused as "PATH:LINE: the header ... is longer than 256 KB".
/// fileSize is left 0.
SniffResult sniffSample(const QString &path, const QByteArray &sample, int previewRows = 20,
                        const CsvDialect *overrides = nullptr);

/// Sanitised column name for SQL and display: trimmed, lowercase, '.', ' ', '-' -> '_'.
QString normaliseColumnName(const QString &header);

} // namespace DialectDetector

} // namespace cl
