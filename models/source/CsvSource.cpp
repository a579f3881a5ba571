// CsvSource: file reading, dialect overrides, decoding, record checks and hashing of a CSV file.
#include "CsvSource.h"

#include "CsvReader.h"
#include "DialectDetector.h"
#include "RecordScan.h"
#include "Sha256.h"
#include "TextDecoder.h"
#include "util/MessageText.h"

#include <QFileInfo>

#include <cstring>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace cl {

namespace {

/// Rows of the sample the plan infers types and roles from.
constexpr int kSampleRows = 2000;

/// Up to `limit` bytes from the start of `file` into `out`; fewer only at the end of the input
/// (a pipe hands over what it has, a read at a time). False on a read error.
bool readSample(QFile &file, qint64 limit, QByteArray *out)
{
    out->resize(qsizetype(limit));
    qint64 got = 0;
    while (got < limit) {
        const qint64 n = file.read(out->data() + got, limit - got);
        if (n < 0)
            return false;
        if (n == 0)
            break;
        got += n;
    }
    out->resize(qsizetype(got));
    return true;
}

/// Device and inode of an open file, so that a file put in its path meanwhile is told apart
/// (same size and time, other bytes). {0, 0} where unknown.
CsvSource::FileIdentity identityOf(const QFile &file)
{
#ifdef Q_OS_UNIX
    struct stat st;
    if (file.handle() >= 0 && ::fstat(file.handle(), &st) == 0)
        return {quint64(st.st_dev), quint64(st.st_ino)};
#else
    Q_UNUSED(file);
#endif
    return {0, 0};
}

} // namespace

SourceDescriptor csvSourceDescriptor(const QString &path, qint64 bytes, const QString &sha256,
                                     const CsvDialect &dialect)
{
    const QFileInfo file(path);
    SourceDescriptor d;
    d.kind = kCsvSourceKind;
    d.label = file.fileName();
    d.location = file.absoluteFilePath();
    d.fingerprint = sha256;
    d.details = QJsonObject{{QStringLiteral("bytes"), double(bytes)},
                            {QStringLiteral("dialect"), dialect.toJson()},
                            {QStringLiteral("summary"), dialect.describe()}};
    return d;
}

CsvSource::CsvSource(CsvSourceOptions options)
    : m_options(std::move(options)), m_file(m_options.path)
{
}

CsvSource::~CsvSource() = default;

bool CsvSource::open()
{
    const QString &path = m_options.path;
    if (!m_file.open(QIODevice::ReadOnly)) {
        m_error = englishText(Message::CannotOpenError).arg(path, m_file.errorString());
        return false;
    }
    m_regular = !m_file.isSequential();
    m_identity = identityOf(m_file);
    m_sizeAtStart = m_regular ? m_file.size() : -1;
    if (m_regular)
        m_modifiedAtStart = m_file.fileTime(QFileDevice::FileModificationTime);
    if (!readSample(m_file, DialectDetector::kSampleBytes, &m_sample)) {
        m_error = englishText(Message::CannotReadError).arg(path, m_file.errorString());
        return false;
    }
    SniffResult sniff = DialectDetector::sniffSample(path, m_sample, kSampleRows);
    if (!sniff.ok) {
        m_error = sniff.error;
        return false;
    }
    CsvDialect dialect = sniff.dialect;
    bool overridden = false;
    const auto apply = [&overridden](auto &field, const auto &value) {
        if (value) {
            field = *value;
            overridden = true;
        }
    };
    apply(dialect.delimiter, m_options.delimiter);
    apply(dialect.encoding, m_options.encoding);
    apply(dialect.hasHeader, m_options.hasHeader);
    apply(dialect.decimalComma, m_options.decimalComma);
    if (overridden) {
        sniff = DialectDetector::sniffSample(path, m_sample, kSampleRows, &dialect);
        if (!sniff.ok) {
            m_error = sniff.error;
            return false;
        }
    }
    m_dialect = dialect;
    m_header = sniff.header;
    m_sampleRows = sniff.rows;
    if (m_header.isEmpty()) {
        m_error = englishText(Message::FileProblem).arg(path, englishText(Message::NoColumnsError));
        return false;
    }
    m_reader = std::make_unique<CsvReader>([this](char *b, int64_t n) { return read(b, n); },
                                           m_dialect.delimiter, m_dialect.quote);
    m_headerPending = m_dialect.hasHeader;
    return true;
}

QString CsvSource::fingerprintBeforeReading(const std::atomic<bool> *cancel)
{
    if (!m_regular)
        return {};
    if (m_sha256.isEmpty()) // kept: the file is not hashed twice
        m_sha256 = hashByPath(cancel);
    return m_sha256;
}

/// SHA-256 of the file now at the path, on a handle of its own (reading through the import's
/// would move it), when it is still the file the import opened; empty otherwise, with
/// m_replaced set (a swapped-in /dev/zero would otherwise be hashed for ever).
QString CsvSource::hashByPath(const std::atomic<bool> *cancel)
{
    QFile file(m_options.path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    if (identityOf(file) != m_identity || file.isSequential()) {
        m_replaced = true;
        return {};
    }
    return sha256OfDevice(file, cancel, &m_hashedBytes);
}

/// The bytes read are hashed as they are read (on a thread of the hash's own), unless the file
/// was hashed before reading.
void CsvSource::startHashing()
{
    if (m_sha256.isEmpty())
        m_streamHash = std::make_unique<Sha256Thread>();
}

/// Feeds CsvReader: first the sample (already read from the same handle), then the rest;
/// skips the BOM, transcodes, and hands the bytes to the hash.
int64_t CsvSource::read(char *out, int64_t capacity)
{
    // At most a block of the hash's ring (1 MiB), however far the reader's buffer has grown for a
    // long record: eight blocks of its size were held otherwise.
    constexpr int64_t kMaxRead = int64_t(1) << 20;
    const int64_t want =
        std::min(m_dialect.encoding == TextEncoding::Utf8 ? capacity : capacity / 3, kMaxRead);
    if (want <= 0)
        return 0;
    std::string_view bytes;
    bool inHashRoom = false; // handed to the hash once copied out
    if (m_samplePos < m_sample.size()) {
        const qsizetype n = std::min<qsizetype>(qsizetype(want), m_sample.size() - m_samplePos);
        bytes = std::string_view(m_sample.constData() + m_samplePos, size_t(n));
        m_samplePos += n;
        if (m_streamHash)
            m_streamHash->add(bytes.data(), bytes.size());
    } else {
        inHashRoom = m_streamHash != nullptr;
        if (!inHashRoom)
            m_chunk.resize(size_t(want));
        char *room = inHashRoom ? m_streamHash->acquire(size_t(want)) : m_chunk.data();
        const qint64 n = m_file.read(room, want);
        if (n < 0)
            return -1;
        bytes = std::string_view(room, size_t(n));
    }
    const size_t read = bytes.size();
    m_bytesRead += int64_t(read);
    if (m_firstBlock) {
        m_firstBlock = false;
        TextDecoder::skipUtf8Bom(bytes);
    }
    int64_t produced = 0;
    if (m_dialect.encoding == TextEncoding::Utf8) {
        std::memmove(out, bytes.data(), bytes.size());
        produced = int64_t(bytes.size());
    } else {
        m_converted.clear();
        TextDecoder::appendWindows1252AsUtf8(bytes, m_converted);
        std::memcpy(out, m_converted.data(), m_converted.size());
        produced = int64_t(m_converted.size());
    }
    if (inHashRoom && read > 0)
        m_streamHash->submit(read);
    return produced;
}

bool CsvSource::next(SourceRecord &record)
{
    if (!m_reading) {
        m_reading = true;
        startHashing();
    }
    const bool checkUtf8 = m_dialect.encoding == TextEncoding::Utf8;
    while (!m_stopReading.load(std::memory_order_relaxed) && m_reader->next()) {
        if (m_headerPending) {
            m_headerPending = false;
            continue;
        }
        record.position = m_reader->line();
        record.raw = m_reader->rawRecord();
        record.fields = &m_reader->fields();
        if (!record.problem.isNull())
            record.problem.clear();
        RecordScan scan;
        if (m_reader->isBlankLine()) {
            record.problem = englishText(Message::EmptyLineReason);
        } else if (m_reader->unterminatedQuote()) {
            record.problem = englishText(Message::UnterminatedQuoteReason);
        } else if (m_reader->cutRunawayRecord()) {
            const bool quoted = record.raw.find(m_dialect.quote) != std::string_view::npos;
            record.problem =
                englishText(quoted ? Message::RunawayQuoteReason : Message::LineTooLongReason)
                    .arg(CsvReader::kMaxRecordBytes >> 20);
        } else if (scan = scanRecord(record.raw);
                   checkUtf8 && !scan.ascii && !TextDecoder::isValidUtf8(record.raw)) {
            record.problem = englishText(Message::InvalidUtf8Reason);
        } else if (std::memchr(record.raw.data(), 0, record.raw.size())) {
            record.problem = englishText(Message::NulByteReason);
        }
        record.hash = scan.hash;
        return true;
    }
    if (m_reader->hasReadError() && m_error.isEmpty())
        m_error = englishText(Message::ReadError).arg(m_options.path, m_file.errorString());
    return false;
}

void CsvSource::stop()
{
    m_stopReading = true;
}

bool CsvSource::finish()
{
    if (!m_error.isEmpty())
        return false;
    const QString &path = m_options.path;
    if (m_stopReading) {
        m_error = englishText(Message::StoppedBeforeEndError).arg(path);
        return false;
    }
    if (m_streamHash) { // once: the digest ends the hash
        m_sha256 = m_streamHash->finish();
        m_hashedBytes = m_bytesRead;
        m_streamHash.reset();
    }
    if (!m_regular)
        return true;
    // A file written to while we read it: the rows, the size and the SHA-256 would describe no
    // state the file was ever in.
    const QFileInfo now(path);
    const qint64 sizeNow = now.exists() ? now.size() : -1;
    QFile atPath(path);
    const bool replaced =
        m_replaced || (atPath.open(QIODevice::ReadOnly) && identityOf(atPath) != m_identity);
    if (replaced || sizeNow != m_sizeAtStart || m_bytesRead != m_sizeAtStart ||
        (m_hashedBytes >= 0 && m_hashedBytes != m_sizeAtStart) ||
        now.lastModified() != m_modifiedAtStart) {
        m_error = englishText(Message::FileChangedError)
                      .arg(path, QString::number(m_sizeAtStart), QString::number(m_bytesRead),
                           QString::number(m_hashedBytes), QString::number(sizeNow),
                           now.lastModified().toString(Qt::ISODateWithMs),
                           replaced ? englishText(Message::AnotherFileWord) : QString());
        return false;
    }
    if (m_sha256.isEmpty()) {
        m_error = englishText(Message::Sha256Error).arg(path);
        return false;
    }
    return true;
}

QString CsvSource::datasetName() const
{
    return QFileInfo(m_options.path).completeBaseName();
}

SourceDescriptor CsvSource::descriptor() const
{
    return csvSourceDescriptor(m_options.path, m_regular ? m_sizeAtStart : m_bytesRead, m_sha256,
                               m_dialect);
}

} // namespace cl
