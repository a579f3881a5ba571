// DialectDetector: delimiter by field-count consistency, encoding by UTF-8 validity,
// header by types, decimal comma by number shapes.
#include "DialectDetector.h"

#include "CsvReader.h"
#include "TextDecoder.h"
#include "TypeInference.h"
#include "util/MessageText.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <map>

namespace cl {

namespace {

constexpr int kSampleRecords = 200;

/// Why a full sample holds no complete record: its first one is longer than the sample.
QString firstRecordTooLong()
{
    return englishText(Message::HeaderTooLongError).arg(DialectDetector::kSampleBytes / 1024);
}

std::string toUtf8Sample(std::string_view sample, TextEncoding encoding)
{
    if (encoding == TextEncoding::Utf8)
        return std::string(sample);
    std::string out;
    TextDecoder::appendWindows1252AsUtf8(sample, out);
    return out;
}

/// Reads up to kSampleRecords records; when the sample was cut, leaves out the record it cut.
std::vector<std::vector<std::string>> sampleRecords(const std::string &text, char delimiter,
                                                    bool truncated)
{
    std::vector<std::vector<std::string>> records;
    CsvReader reader = CsvReader::fromString(text, delimiter);
    while (int(records.size()) < kSampleRecords && reader.next()) {
        if (reader.isBlankLine())
            continue;
        if (reader.unterminatedQuote() && truncated)
            return records; // the cut record, a quoted field still open: the ones before are whole
        std::vector<std::string> fields;
        for (auto f : reader.fields())
            fields.emplace_back(f);
        records.push_back(std::move(fields));
    }
    if (truncated && !records.empty() && int(records.size()) < kSampleRecords)
        records.pop_back(); // the last record may be cut off by the sample's end
    return records;
}

/// Score of a delimiter: how many records share the most common field count (> 1).
int delimiterScore(const std::vector<std::vector<std::string>> &records, int *fieldCount)
{
    std::map<size_t, int> counts;
    for (const auto &r : records)
        ++counts[r.size()];
    int best = 0;
    size_t bestFields = 1;
    for (const auto &[fields, n] : counts) {
        if (fields > 1 && (n > best || (n == best && fields > bestFields))) {
            best = n;
            bestFields = fields;
        }
    }
    *fieldCount = int(bestFields);
    return best;
}

bool looksLikeHeader(const std::vector<std::vector<std::string>> &records, bool decimalComma)
{
    if (records.empty())
        return false;
    const auto &first = records.front();
    int64_t i = 0;
    double d = 0;
    for (const auto &f : first) {
        if (TypeInference::isMissingToken(f) || TypeInference::parseInteger(f, i) ||
            TypeInference::parseReal(f, decimalComma, d))
            return false; // a header names every column, and no name is a number
    }
    if (records.size() == 1)
        return true;
    // Some column is numeric below the first record, or the first record's values
    // never occur again in their column.
    for (size_t c = 0; c < first.size(); ++c) {
        TypeInference::ColumnEvidence e;
        for (size_t r = 1; r < records.size(); ++r) {
            if (c < records[r].size())
                e.add(records[r][c], decimalComma);
        }
        if (TypeInference::inferType(e) != StorageType::Text)
            return true;
    }
    for (size_t c = 0; c < first.size(); ++c) {
        for (size_t r = 1; r < records.size(); ++r) {
            if (c < records[r].size() && records[r][c] == first[c])
                return false;
        }
    }
    return true;
}

} // namespace

namespace DialectDetector {

CsvDialect detect(std::string_view sample, QString *error)
{
    CsvDialect d;
    d.hasBom = TextDecoder::skipUtf8Bom(sample);
    const size_t nul = sample.find('\0');
    if (nul != std::string_view::npos) {
        if (error)
            *error = englishText(Message::BinaryFileError).arg(qint64(nul) + (d.hasBom ? 3 : 0));
        return d;
    }
    const bool truncated = sample.size() >= size_t(kSampleBytes) - 3;
    d.encoding = (d.hasBom || TextDecoder::isValidUtf8(sample, truncated))
                     ? TextEncoding::Utf8
                     : TextEncoding::Windows1252;
    const std::string text = toUtf8Sample(sample, d.encoding);
    const size_t firstLf = text.find('\n');
    d.crlf = firstLf != std::string::npos && firstLf > 0 && text[firstLf - 1] == '\r';

    int bestScore = -1;
    int bestFields = 0;
    std::vector<std::vector<std::string>> bestRecords;
    for (const char candidate : {';', ',', '\t', '|'}) {
        auto records = sampleRecords(text, candidate, truncated);
        int fields = 0;
        const int score = delimiterScore(records, &fields);
        if (score > bestScore || (score == bestScore && fields > bestFields)) {
            bestScore = score;
            bestFields = fields;
            d.delimiter = candidate;
            bestRecords = std::move(records);
        }
    }
    if (bestRecords.empty()) {
        if (error)
            *error = truncated ? firstRecordTooLong() : englishText(Message::EmptyFileError);
        return d;
    }
    // Decimal comma: only when the delimiter is not a comma and numbers look like "1,5".
    if (d.delimiter != ',') {
        int commaNumbers = 0;
        int pointNumbers = 0;
        for (size_t r = 1; r < bestRecords.size(); ++r) {
            for (const auto &f : bestRecords[r]) {
                double v = 0;
                if (TypeInference::looksLikeDecimalComma(f))
                    ++commaNumbers;
                else if (f.find('.') != std::string::npos && TypeInference::parseReal(f, false, v))
                    ++pointNumbers;
            }
        }
        d.decimalComma = commaNumbers > 0 && commaNumbers > pointNumbers;
    }
    d.hasHeader = looksLikeHeader(bestRecords, d.decimalComma);
    if (error)
        error->clear();
    return d;
}

SniffResult sniffFile(const QString &path, int previewRows, const CsvDialect *overrides)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        SniffResult result;
        result.error = englishText(Message::CannotOpenError).arg(path, file.errorString());
        return result;
    }
    const QByteArray bytes = file.read(kSampleBytes);
    SniffResult result = sniffSample(path, bytes, previewRows, overrides);
    result.fileSize = file.size();
    return result;
}

SniffResult sniffSample(const QString &path, const QByteArray &bytes, int previewRows,
                        const CsvDialect *overrides)
{
    SniffResult result;
    if (bytes.isEmpty()) {
        result.error =
            englishText(Message::FileProblem).arg(path, englishText(Message::EmptyFileError));
        return result;
    }
    const bool truncated = bytes.size() >= kSampleBytes;
    QString error;
    result.dialect =
        overrides ? *overrides
                  : detect(std::string_view(bytes.constData(), size_t(bytes.size())), &error);
    if (!error.isEmpty()) {
        result.error =
            error == firstRecordTooLong()
                ? englishText(Message::FileLineProblem).arg(path, QStringLiteral("1"), error)
                : englishText(Message::FileProblem).arg(path, error);
        return result;
    }
    std::string_view raw(bytes.constData(), size_t(bytes.size()));
    TextDecoder::skipUtf8Bom(raw);
    const std::string text = toUtf8Sample(raw, result.dialect.encoding);
    CsvReader reader = CsvReader::fromString(text, result.dialect.delimiter, result.dialect.quote);
    bool first = true;
    while (reader.next() && result.rows.size() < previewRows) {
        if (first && truncated && reader.bytesConsumed() >= int64_t(text.size())) {
            // The first record runs to the end of a full sample: it was cut, not read.
            result.error =
                QStringLiteral("%1:%2: %3").arg(path).arg(reader.line()).arg(firstRecordTooLong());
            return result;
        }
        if (first && result.dialect.hasHeader &&
            (reader.unterminatedQuote() || reader.cutRunawayRecord())) {
            // Cut at its line end, the header's next line would be taken for the header.
            result.error = QStringLiteral("%1:%2: %3")
                               .arg(path)
                               .arg(reader.line())
                               .arg(englishText(Message::HeaderQuoteNotClosedError));
            return result;
        }
        if (reader.unterminatedQuote() && truncated)
            break; // the sample ends inside a quoted field: its lines are no records
        if (reader.isBlankLine() || reader.unterminatedQuote())
            continue;
        QStringList fields;
        for (auto f : reader.fields())
            fields << QString::fromUtf8(f.data(), qsizetype(f.size()));
        if (first && result.dialect.hasHeader) {
            result.header = fields;
        } else {
            result.rows << fields;
        }
        first = false;
    }
    if (result.header.isEmpty()) {
        const int n = result.rows.isEmpty() ? 0 : int(result.rows.front().size());
        for (int i = 1; i <= n; ++i)
            result.header << QStringLiteral("column_%1").arg(i);
    }
    result.ok = true;
    return result;
}

QString normaliseColumnName(const QString &header)
{
    QString s = header.trimmed().toLower();
    for (QChar &c : s) {
        if (c == QLatin1Char('.') || c == QLatin1Char(' ') || c == QLatin1Char('-'))
            c = QLatin1Char('_');
    }
    return s;
}

} // namespace DialectDetector

} // namespace cl
