// CsvSource: a CSV file (or pipe) as a RecordSource: dialect, decoding, records, SHA-256.
#pragma once

#include "CsvDialect.h"
#include "RecordSource.h"

#include <QDateTime>
#include <QFile>

#include <atomic>
#include <memory>
#include <optional>

namespace cl {

class CsvReader;
class Sha256Thread;

/// What the user may say about a CSV file; each set field overrides detection.
struct CsvSourceOptions
{
    QString path;
    std::optional<char> delimiter;
    std::optional<TextEncoding> encoding;
    std::optional<bool> hasHeader;
    std::optional<bool> decimalComma;
};

/// Kind of the descriptor of a dataset read from a CSV file.
inline const QString kCsvSourceKind = QStringLiteral("csv");

/// The descriptor of the file at `path` read with `dialect`: label = file name, location =
/// absolute path, fingerprint = its SHA-256, details = {bytes, dialect, summary}.
SourceDescriptor csvSourceDescriptor(const QString &path, qint64 bytes, const QString &sha256,
                                     const CsvDialect &dialect);

/**
 * Reads a CSV file once, from the start: a FIFO or `<(command)` can be read no other way.
 * Detection works on a sample read from the open handle; next() goes on from where the sample
 * ends. A regular file is hashed by path on a thread of its own while the records are read
 * (hashing in the parser cost it 8%); a pipe is hashed as it is read. finish() refuses a file
 * that changed while it was read. Threads: see RecordSource.
 */
class CsvSource final : public RecordSource
{
public:
    explicit CsvSource(CsvSourceOptions options);
    ~CsvSource() override;

    QString name() const override { return m_options.path; }
    bool open() override;
    QStringList header() const override { return m_header; }
    QList<QStringList> sample() const override { return m_sampleRows; }
    bool decimalComma() const override { return m_dialect.decimalComma; }
    QString fingerprintBeforeReading(const std::atomic<bool> *cancel) override;
    bool next(SourceRecord &record) override;
    int64_t position() const override { return m_bytesRead; }
    int64_t total() const override { return m_regular ? m_sizeAtStart : 0; }
    void stop() override;
    bool finish() override;
    SourceDescriptor descriptor() const override;
    QString datasetName() const override;
    QString error() const override { return m_error; }

    struct FileIdentity
    {
        quint64 device = 0;
        quint64 inode = 0;
        bool operator!=(const FileIdentity &o) const
        {
            return device != o.device || inode != o.inode;
        }
    };

    /// The dialect records are read with (detected, then overridden), after open().
    const CsvDialect &dialect() const { return m_dialect; }

private:
    int64_t read(char *out, int64_t capacity);
    void startHashing();
    QString hashByPath(const std::atomic<bool> *cancel);

    CsvSourceOptions m_options;
    QFile m_file;
    CsvDialect m_dialect;
    QStringList m_header;
    QList<QStringList> m_sampleRows;
    QByteArray m_sample; ///< the first bytes, read once for detection and handed to the reader
    bool m_regular = false;
    FileIdentity m_identity; ///< of the handle opened; the path must still lead to it
    qint64 m_sizeAtStart = -1;
    QDateTime m_modifiedAtStart;
    // Reading.
    std::unique_ptr<CsvReader> m_reader;
    bool m_reading = false; ///< next() was called (the hasher has started)
    bool m_headerPending = false;
    qsizetype m_samplePos = 0;
    std::vector<char> m_chunk;
    std::string m_converted;
    int64_t m_bytesRead = 0;
    bool m_firstBlock = true;
    // Fingerprint.
    QString m_sha256;
    qint64 m_hashedBytes = -1;                  ///< bytes the SHA-256 covers; -1 until it is known
    std::unique_ptr<Sha256Thread> m_streamHash; ///< of the bytes read, as they are read
    std::atomic<bool> m_stopReading{false};
    bool m_replaced = false; ///< hashing before reading found another file at the path
    QString m_error;
};

} // namespace cl
