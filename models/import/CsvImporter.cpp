// CsvImporter: a parser thread turns records into typed batches, the calling thread writes
// them to SQLite inside one transaction.
//
// Storage: one physical table per dataset, the silver table (clean values, dictionary codes)
// plus a "<column>__raw" remainder column for each source column whose raw value the clean
// one does not determine: the exact spelling of a category or of the target when it differs
// from its label, a pdays sentinel other than the usual one, free text. A remainder column is
// added (ALTER TABLE ... ADD COLUMN, older rows read NULL) only when a row first needs it, so
// for the bank files there is none and each row is written once and small. The raw table is
// a view that rebuilds every typed value of the file from the two.
#include "CsvImporter.h"

#include "BatchQueue.h"
#include "CategoryDictionary.h"
#include "CsvReader.h"
#include "DialectDetector.h"
#include "ImportBatch.h"
#include "LayoutMatcher.h"
#include "QualitySummary.h"
#include "RecordHashSet.h"
#include "RecordScan.h"
#include "Sha256.h"
#include "TextDecoder.h"
#include "TypeInference.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"
#include "store/Workspace.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

namespace cl {

namespace {

constexpr int kBatchRows = 1024;
constexpr int kRowsPerInsert = 64;
constexpr size_t kQueueDepth = 4;
constexpr int kMaxRawRejectText = 4096;

/// How the parser turns one source column into raw and silver cells.
struct ColumnPlan
{
    QString sourceName;
    QString name;
    ColumnRole role = ColumnRole::None;
    StorageType type = StorageType::Text;
    bool categorical = false; ///< silver keeps dictionary codes
    bool analysed = true;     ///< has a silver column
    bool isTarget = false;
    bool isPdays = false;
    bool isPrevious = false;
    bool isPoutcome = false;
    bool isAge = false;
    bool widened = false; ///< integer column that met a real value
    bool renamed = false; ///< stored under another name than the file's (LayoutMatcher)
    // Plausible values (numbers only): a value outside them rejects its row.
    double lowest = -std::numeric_limits<double>::infinity();
    double highest = std::numeric_limits<double>::infinity();
    bool whole = false;      ///< only whole numbers (counts, days)
    int64_t implausible = 0; ///< rows rejected for this column's value (range, NaN, infinity)
    // Quality accumulators.
    int64_t missing = 0;
    int64_t unknown = 0;             ///< free-text columns; categoricals count by code
    std::vector<int64_t> codeCounts; ///< rows per dictionary code (categoricals)
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    double sum = 0;
    int64_t numbers = 0;
};

/// Numbers beyond this are no campaign figure, and a double no longer holds every whole number
/// there (2^53 is about 9e15).
constexpr double kLargestPlausible = 1e15;

/// The values a numeric column of `role` may hold; README "Plausible values" states them.
struct PlausibleRange
{
    double lowest;
    double highest;
    bool whole;
};

PlausibleRange plausibleRange(ColumnRole role)
{
    switch (role) {
    case ColumnRole::Age:
        return {1, 120, false};
    case ColumnRole::Day:
        return {1, 31, true};
    case ColumnRole::Duration:
        return {0, 86400, false}; // seconds: up to a day
    case ColumnRole::Campaign:
    case ColumnRole::Previous:
        return {0, 10000, true}; // contacts
    case ColumnRole::Pdays:
        return {-1, 36500, true}; // days, with the sentinels -1 and 999
    default:
        return {-kLargestPlausible, kLargestPlausible, false};
    }
}

QString boundText(double v)
{
    return QString::number(v, 'g', 15);
}

bool equalsIgnoreCase(std::string_view a, const char *lower)
{
    const size_t n = std::strlen(lower);
    if (a.size() != n)
        return false;
    for (size_t i = 0; i < n; ++i) {
        if (std::tolower(uint8_t(a[i])) != lower[i])
            return false;
    }
    return true;
}

/// yes/no, 1/0, true/false (any case, trimmed) -> 1/0; -1 for anything else.
int parseTarget(std::string_view s)
{
    if (s == "no") // the common spellings first
        return 0;
    if (s == "yes")
        return 1;
    s = TypeInference::trimmed(s);
    for (const char *yes : {"yes", "1", "true", "y"}) {
        if (equalsIgnoreCase(s, yes))
            return 1;
    }
    for (const char *no : {"no", "0", "false", "n"}) {
        if (equalsIgnoreCase(s, no))
            return 0;
    }
    return -1;
}

/// "NaN" in any case: a missing-value token for text, but no number and no missing value.
bool isNaNToken(std::string_view s)
{
    return equalsIgnoreCase(TypeInference::trimmed(s), "nan");
}

/// "inf", "-Infinity", ...: parsed by std::from_chars, but no plausible value.
bool isInfinityToken(std::string_view s)
{
    s = TypeInference::trimmed(s);
    if (!s.empty() && (s.front() == '-' || s.front() == '+'))
        s.remove_prefix(1);
    return equalsIgnoreCase(s, "inf") || equalsIgnoreCase(s, "infinity");
}

QString fromUtf8(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

/// Reads the file for CsvReader: first the sample the dialect was detected from (already read
/// from the same handle), then the rest; skips the BOM, transcodes, and hashes the bytes when
/// given a hash (a pipe, which only this reader can read).
class FileSource
{
public:
    FileSource(QFile &file, const CsvDialect &dialect, const QByteArray &sample, Sha256 *hash)
        : m_file(file), m_dialect(dialect), m_sample(sample), m_hash(hash)
    {
    }

    int64_t read(char *out, int64_t capacity)
    {
        const int64_t want = m_dialect.encoding == TextEncoding::Utf8 ? capacity : capacity / 3;
        if (want <= 0)
            return 0;
        std::string_view bytes;
        if (m_samplePos < m_sample.size()) {
            const qsizetype n = std::min<qsizetype>(qsizetype(want), m_sample.size() - m_samplePos);
            bytes = std::string_view(m_sample.constData() + m_samplePos, size_t(n));
            m_samplePos += n;
        } else {
            m_chunk.resize(size_t(want));
            const qint64 n = m_file.read(m_chunk.data(), want);
            if (n < 0)
                return -1;
            bytes = std::string_view(m_chunk.data(), size_t(n));
        }
        m_bytesRead += int64_t(bytes.size());
        if (m_hash)
            m_hash->add(bytes.data(), bytes.size());
        if (m_first) {
            m_first = false;
            TextDecoder::skipUtf8Bom(bytes);
        }
        if (m_dialect.encoding == TextEncoding::Utf8) {
            std::memmove(out, bytes.data(), bytes.size());
            return int64_t(bytes.size());
        }
        m_converted.clear();
        TextDecoder::appendWindows1252AsUtf8(bytes, m_converted);
        std::memcpy(out, m_converted.data(), m_converted.size());
        return int64_t(m_converted.size());
    }
    int64_t bytesRead() const { return m_bytesRead; }

private:
    QFile &m_file;
    CsvDialect m_dialect;
    const QByteArray &m_sample;
    qsizetype m_samplePos = 0;
    Sha256 *m_hash;
    std::vector<char> m_chunk;
    std::string m_converted;
    int64_t m_bytesRead = 0;
    bool m_first = true;
};

/// Everything the parser thread reads and produces.
struct ParseState
{
    std::vector<ColumnPlan> plan;
    std::vector<CategoryDictionary> dictionaries; ///< per plan index (used by categoricals only)
    std::vector<int> silverIndexOf; ///< plan index -> silver column, -1 when not analysed
    int silverColumnCount = 0;
    int targetSilver = -1;
    int ageBandSilver = -1;         ///< silver index of age_band, or -1
    int prevContactSilver = -1;     ///< silver index of previously_contacted, or -1
    std::vector<int> remainderOf;   ///< plan index -> stored column of its raw remainder, or -1
    int rowWidth = 0;               ///< stored columns: silver, then remainders
    std::vector<ImportCell> rawRow; ///< scratch: the current record's typed raw cells
    AgeBands bands;
    bool decimalComma = false;
    bool checkUtf8 = true;
    int64_t pdaysSentinelA = 999;
    int64_t pdaysSentinelB = -1;
    bool strict = false;
    QString fileName;
    // Results.
    int64_t dataLines = 0;
    int64_t rowsRead = 0;
    int64_t rowsRejected = 0;
    int64_t subscribers = 0;
    int64_t duplicates = 0; ///< counted by the writer (its thread has time to spare)
    int64_t bytesRead = 0;  ///< of the file, when the parser stopped
    QString fatalError;     ///< strict mode or a read error
    QString firstReject;    ///< "line N: reason" of the first rejected row
    RecordHashSet seen;     ///< used by the writer thread
};

/// A raw remainder column: the raw value of a source column where silver does not give it.
struct RemainderPlan
{
    QString name;
    int planIndex = -1;
    bool stored = false; ///< the column exists in the table
};

/// Silver column description as stored in the dataset record.
struct SilverPlan
{
    QString name;
    bool categorical = false;
    bool isInteger = false;
    int planIndex = -1; ///< source column, -1 for derived
    QStringList presetLevels;
};

class ImportJob
{
public:
    ImportJob(Workspace &ws, const ImportOptions &options, const ProgressCallback &progress)
        : m_ws(ws), m_options(options), m_progress(progress)
    {
    }
    ImportResult run();

private:
    bool planColumns(const SniffResult &sniff);
    void parseLoop(QFile &file, const QByteArray &sample, Sha256 *hash);
    bool beginWriting(std::optional<Transaction> &tx);
    bool convertRecord(const std::vector<std::string_view> &fields, ImportBatch &batch,
                       QString *reason);
    bool createTables();
    bool prepareInserts();
    bool addRemainderColumns(const ImportBatch &batch);
    bool writeBatch(const ImportBatch &batch);
    void bindCell(Statement &st, std::vector<ImportCell> &bound, int index, const ImportCell &cell,
                  const std::string &text);
    bool finishDataset(const QString &sha256);
    bool createRawView(const std::vector<QStringList> &labels);
    QualitySummary buildQuality() const;
    int64_t unknownCount(size_t c) const;
    ImportResult fail(const QString &message);
    ImportResult reused(const DatasetInfo &existing, const QElapsedTimer &timer);

    Workspace &m_ws;
    ImportOptions m_options;
    ProgressCallback m_progress;
    ImportResult m_result;
    ParseState m_state;
    LayoutMatch m_layout;
    std::vector<SilverPlan> m_silver;
    std::vector<RemainderPlan> m_remainders;
    BatchQueue<ImportBatch> m_queue{kQueueDepth};
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_stopHashing{false}; ///< the import ends without a dataset
    QString m_sha256;
    std::unique_ptr<Statement> m_rowInsert;
    std::unique_ptr<Statement> m_rowInsertMany;
    std::vector<int> m_bindOrder; ///< the stored columns the inserts take, in table order
    std::vector<ImportCell>
        m_boundOne; ///< what each parameter of m_rowInsert holds (NULL at first)
    std::vector<ImportCell> m_boundMany; ///< the same for m_rowInsertMany
    std::unique_ptr<Statement> m_rejectInsert;
    qint64 m_datasetId = -1;
    qint64 m_fileSize = 0;     ///< bytes of the file (known at the start for a regular file)
    qint64 m_hashedBytes = -1; ///< bytes the SHA-256 covers, when hashed by path; -1 otherwise
};

ImportResult ImportJob::fail(const QString &message)
{
    m_result.status = ImportStatus::Failed;
    m_result.error = message;
    m_result.datasetId = -1;
    return m_result;
}

/// Takes the workspace's write lock. While another import (or any writer) holds it, waits up
/// to m_options.writerWaitMs, telling the caller once and still honouring a cancel.
bool ImportJob::beginWriting(std::optional<Transaction> &tx)
{
    Database &db = m_ws.db();
    constexpr int kAttemptMs = 250;
    db.setBusyTimeout(std::min(kAttemptMs, std::max(0, m_options.writerWaitMs)));
    QElapsedTimer waited;
    waited.start();
    tx.emplace(db);
    bool announced = false;
    while (!tx->isActive() && db.lastErrorWasBusy() && waited.elapsed() < m_options.writerWaitMs) {
        if (!announced) {
            announced = true;
            if (m_options.waitingForWriter)
                m_options.waitingForWriter();
        }
        if (!reportProgress(m_progress, 0.0,
                            QStringLiteral("Waiting for another import into the workspace"))) {
            m_cancel = true;
            break;
        }
        tx.emplace(db);
    }
    db.setBusyTimeout(Database::kBusyTimeoutMs);
    return tx->isActive();
}

bool ImportJob::planColumns(const SniffResult &sniff)
{
    auto &st = m_state;
    m_layout = LayoutMatcher::match(sniff.header, m_options.roleOverrides);
    if (!m_layout.ok())
        return false;
    // Type evidence from the sampled rows.
    const int ncols = int(sniff.header.size());
    std::vector<TypeInference::ColumnEvidence> evidence(static_cast<size_t>(ncols));
    std::vector<QSet<QString>> distinct(static_cast<size_t>(ncols));
    for (const QStringList &row : sniff.rows) {
        if (row.size() != ncols)
            continue;
        for (int c = 0; c < ncols; ++c) {
            const QByteArray utf8 = row[c].toUtf8();
            evidence[size_t(c)].add(std::string_view(utf8.constData(), size_t(utf8.size())),
                                    st.decimalComma);
            if (distinct[size_t(c)].size() <= 1000)
                distinct[size_t(c)].insert(row[c].trimmed().toLower());
        }
    }
    const QString layout = m_layout.layout;
    for (int c = 0; c < ncols; ++c) {
        const ColumnMapping &m = m_layout.columns[c];
        ColumnPlan p;
        p.sourceName = m.sourceName;
        p.name = m.name;
        p.role = m.role;
        p.isTarget = m.role == ColumnRole::Target;
        p.isAge = m.role == ColumnRole::Age;
        p.isPdays = m.role == ColumnRole::Pdays;
        p.isPrevious = m.role == ColumnRole::Previous;
        p.isPoutcome = m.role == ColumnRole::Poutcome;
        p.renamed = m.renamed;
        const PlausibleRange range = plausibleRange(m.role);
        p.lowest = range.lowest;
        p.highest = range.highest;
        p.whole = range.whole;
        const StorageType inferred = TypeInference::inferType(evidence[size_t(c)]);
        if (p.isTarget) {
            p.type = StorageType::Text;
        } else if (m.role != ColumnRole::None && !isCategoricalRole(m.role)) {
            p.type = inferred == StorageType::Real && !p.whole ? StorageType::Real
                                                               : StorageType::Integer;
        } else if (m.role != ColumnRole::None) {
            p.type = StorageType::Text; // categorical roles stay text even when coded 0/1
        } else {
            p.type = inferred;
        }
        p.categorical = p.type == StorageType::Text && !p.isTarget;
        // Free text with many distinct values (ids, names) is kept raw but not analysed.
        const auto &e = evidence[size_t(c)];
        const int64_t present = e.integers + e.reals + e.texts;
        const auto levels = qsizetype(distinct[size_t(c)].size());
        p.analysed = !(p.categorical && m.role == ColumnRole::None && present >= 20 &&
                       levels * 10 > present * 9);
        st.plan.push_back(p);
    }
    st.dictionaries.resize(st.plan.size());
    st.silverIndexOf.assign(st.plan.size(), -1);
    int ageIndex = -1;
    int pdaysIndex = -1;
    for (int c = 0; c < ncols; ++c) {
        const ColumnPlan &p = st.plan[size_t(c)];
        if (!p.analysed || p.isTarget)
            continue;
        st.silverIndexOf[size_t(c)] = int(m_silver.size());
        m_silver.push_back({p.name, p.categorical, p.type == StorageType::Integer, c, {}});
        if (p.isAge)
            ageIndex = c;
        if (p.isPdays)
            pdaysIndex = c;
    }
    if (ageIndex >= 0) {
        st.ageBandSilver = int(m_silver.size());
        m_silver.push_back({kAgeBandColumn, true, true, -1, m_options.ageBands.labels()});
    }
    if (pdaysIndex >= 0) {
        st.prevContactSilver = int(m_silver.size());
        m_silver.push_back({kPreviouslyContactedColumn,
                            true,
                            true,
                            -1,
                            {QStringLiteral("no"), QStringLiteral("yes")}});
    }
    const int target = m_layout.indexOfRole(ColumnRole::Target);
    st.targetSilver = int(m_silver.size());
    st.silverIndexOf[size_t(target)] = st.targetSilver;
    m_silver.push_back({kTargetColumn, false, true, target, {}});
    st.silverColumnCount = int(m_silver.size());
    // Raw remainders: every column whose raw value silver can differ from.
    QSet<QString> names;
    for (const SilverPlan &s : m_silver)
        names.insert(s.name.toLower());
    st.remainderOf.assign(st.plan.size(), -1);
    for (int c = 0; c < ncols; ++c) {
        const ColumnPlan &p = st.plan[size_t(c)];
        if (p.analysed && !p.categorical && !p.isTarget && !p.isPdays)
            continue; // silver holds the raw number itself
        QString name = p.name + QStringLiteral("__raw");
        for (int k = 2; names.contains(name.toLower()); ++k)
            name = p.name + QStringLiteral("__raw%1").arg(k);
        names.insert(name.toLower());
        st.remainderOf[size_t(c)] = st.silverColumnCount + int(m_remainders.size());
        m_remainders.push_back({name, c});
    }
    st.rowWidth = st.silverColumnCount + int(m_remainders.size());
    st.rawRow.resize(st.plan.size());
    st.bands = m_options.ageBands;
    if (layout == QLatin1String("bank-full"))
        st.pdaysSentinelA = -1; // 999 is a real value there
    return true;
}

bool ImportJob::convertRecord(const std::vector<std::string_view> &fields, ImportBatch &batch,
                              QString *reason)
{
    auto &st = m_state;
    const size_t ncols = st.plan.size();
    if (fields.size() != ncols) {
        *reason = QStringLiteral("expected %1 fields, found %2").arg(ncols).arg(fields.size());
        return false;
    }
    const size_t base = batch.cells.size();
    const size_t textBase = batch.text.size();
    batch.cells.resize(base + size_t(st.rowWidth)); // remainders start as NULL
    ImportCell *raw = st.rawRow.data();
    ImportCell *silver = batch.cells.data() + base;
    auto rejectWith = [&](const QString &why) {
        *reason = why;
        batch.cells.resize(base);
        batch.text.resize(textBase);
        return false;
    };
    auto remainder = [&](size_t c) -> ImportCell & {
        const int r = st.remainderOf[c];
        batch.remaindersUsed[size_t(r - st.silverColumnCount)] = 1;
        return silver[r];
    };
    auto appendText = [&](ImportCell &cell, std::string_view f) {
        cell.kind = ImportCell::Text;
        cell.offset = uint32_t(batch.text.size());
        cell.length = uint32_t(f.size());
        batch.text.append(f);
    };
    double age = std::numeric_limits<double>::quiet_NaN();
    int pdaysState = -1; // -1 no pdays column, 0 never contacted, 1 contacted, 2 missing
    // Other evidence of an earlier campaign's contact: previous > 0, or a poutcome other than
    // "nonexistent" / "unknown" (4,110 clients of bank-additional-full have previous > 0 and
    // poutcome = failure with pdays = 999).
    bool contactedBefore = false;
    size_t pdaysSentinelColumn = ncols; // the pdays column when it held the usual sentinel

    for (size_t c = 0; c < ncols; ++c) {
        const ColumnPlan &col = st.plan[c];
        const std::string_view f = fields[c];
        const int si = st.silverIndexOf[c];
        ImportCell &rc = raw[c];
        if (col.isTarget) {
            const int y = parseTarget(f);
            if (y < 0) {
                return rejectWith(
                    TypeInference::isMissingToken(f)
                        ? QStringLiteral("target column '%1' is empty").arg(col.sourceName)
                        : QStringLiteral("target column '%1' has '%2', expected yes/no, 1/0 or "
                                         "true/false")
                              .arg(col.sourceName, fromUtf8(f.substr(0, 40))));
            }
            rc.kind = ImportCell::Text;
            silver[si].kind = ImportCell::Int;
            silver[si].i = y;
            if (f != (y == 1 ? std::string_view("yes") : std::string_view("no")))
                appendText(remainder(c), f);
            continue;
        }
        if (col.type == StorageType::Text) {
            rc.kind = f.empty() ? ImportCell::Null : ImportCell::Text;
            if (si < 0 && !f.empty())
                appendText(remainder(c), f); // free text: kept as it is
            continue;                        // the silver code is assigned once the row is accepted
        }
        if (TypeInference::isMissingToken(f)) {
            if (isNaNToken(f)) {
                ++st.plan[c].implausible;
                return rejectWith(QStringLiteral("column '%1': '%2' is not a number (leave the "
                                                 "cell empty, or write NA, for a missing value)")
                                      .arg(col.sourceName, fromUtf8(TypeInference::trimmed(f))));
            }
            rc.kind = ImportCell::Null;
            if (si >= 0)
                silver[si].kind = ImportCell::Null;
            if (col.isPdays)
                pdaysState = 2;
            continue;
        }
        // The cell is built in registers and stored field by field: copying a just-written
        // ImportCell as one 16-byte block stalls on store forwarding (15% of the parser's time).
        int64_t iv = 0;
        double dv = 0;
        ImportCell::Kind kind;
        if (col.type == StorageType::Integer && TypeInference::parseInteger(f, iv)) {
            kind = ImportCell::Int;
            dv = double(iv);
        } else if (TypeInference::parseReal(f, st.decimalComma, dv)) {
            kind = ImportCell::Real;
        } else if (isInfinityToken(f)) {
            ++st.plan[c].implausible;
            return rejectWith(QStringLiteral("column '%1': '%2' is not a finite number")
                                  .arg(col.sourceName, fromUtf8(TypeInference::trimmed(f))));
        } else {
            return rejectWith(QStringLiteral("column '%1': '%2' is not a number")
                                  .arg(col.sourceName, fromUtf8(f.substr(0, 40))));
        }
        if (dv < col.lowest || dv > col.highest || (col.whole && dv != std::trunc(dv))) {
            ++st.plan[c].implausible;
            const QString text = fromUtf8(TypeInference::trimmed(f).substr(0, 40));
            return rejectWith(
                dv < col.lowest || dv > col.highest
                    ? QStringLiteral("column '%1': %2 is outside the plausible range %3 to %4")
                          .arg(col.sourceName, text, boundText(col.lowest), boundText(col.highest))
                    : QStringLiteral("column '%1': %2 is not a whole number")
                          .arg(col.sourceName, text));
        }
        if (col.whole && kind == ImportCell::Real) { // "3.0" in a count: the count 3
            kind = ImportCell::Int;
            iv = int64_t(dv);
        }
        const auto store = [&](ImportCell &cell) {
            cell.kind = kind;
            if (kind == ImportCell::Int)
                cell.i = iv;
            else
                cell.d = dv;
        };
        store(rc);
        if (col.isAge)
            age = dv;
        if (si >= 0) {
            const bool never = col.isPdays && kind == ImportCell::Int &&
                               (iv == st.pdaysSentinelA || iv == st.pdaysSentinelB);
            if (col.isPdays)
                pdaysState = never ? 0 : 1;
            if (never && iv == st.pdaysSentinelA)
                pdaysSentinelColumn = c;
            if (col.isPrevious && dv > 0)
                contactedBefore = true;
            if (never) {
                // The raw view writes the usual sentinel back; only the other one is kept.
                if (iv != st.pdaysSentinelA)
                    store(remainder(c));
                silver[si].kind = ImportCell::Null;
            } else {
                store(silver[si]);
            }
        }
    }
    // Accepted: grow dictionaries and quality counters.
    for (size_t c = 0; c < ncols; ++c) {
        ColumnPlan &col = st.plan[c];
        const ImportCell &rc = raw[c];
        const int si = st.silverIndexOf[c];
        if (rc.kind == ImportCell::Null) {
            ++col.missing;
        } else if (rc.kind == ImportCell::Int || rc.kind == ImportCell::Real) {
            const double v = rc.kind == ImportCell::Int ? double(rc.i) : rc.d;
            if (rc.kind == ImportCell::Real && col.type == StorageType::Integer)
                col.widened = true;
            col.min = std::min(col.min, v);
            col.max = std::max(col.max, v);
            col.sum += v;
            ++col.numbers;
        }
        if (col.categorical) {
            const std::string_view f = fields[c];
            if (col.isPoutcome) {
                const std::string_view v = TypeInference::trimmed(f);
                if (!v.empty() && v != "nonexistent" && v != "unknown" &&
                    !TypeInference::isMissingToken(v))
                    contactedBefore = true;
            }
            if (si >= 0) {
                bool exact = true;
                const int code = st.dictionaries[c].codeOf(f, &exact);
                silver[si].kind = ImportCell::Int;
                silver[si].i = code;
                if (size_t(code) >= col.codeCounts.size())
                    col.codeCounts.resize(size_t(code) + 1, 0);
                ++col.codeCounts[size_t(code)];
                if (!exact)
                    appendText(remainder(c), f);
            } else if (TypeInference::trimmed(f) == "unknown") {
                ++col.unknown;
            }
        }
    }
    if (st.ageBandSilver >= 0) {
        const int band = st.bands.bandOf(age);
        silver[st.ageBandSilver].kind = band < 0 ? ImportCell::Null : ImportCell::Int;
        silver[st.ageBandSilver].i = band;
    }
    if (st.prevContactSilver >= 0) {
        const bool contacted = pdaysState == 1 || contactedBefore;
        silver[st.prevContactSilver].kind =
            pdaysState == 0 || contacted ? ImportCell::Int : ImportCell::Null;
        silver[st.prevContactSilver].i = contacted ? 1 : 0;
        // The raw view writes the sentinel back where previously_contacted is 0; where other
        // history says yes, the sentinel is kept as a remainder instead.
        if (contacted && pdaysSentinelColumn < ncols) {
            ImportCell &r = remainder(pdaysSentinelColumn);
            r.kind = ImportCell::Int;
            r.i = st.pdaysSentinelA;
        }
    }
    return true;
}

void ImportJob::parseLoop(QFile &file, const QByteArray &sample, Sha256 *hash)
{
    auto &st = m_state;
    FileSource source(file, m_result.dialect, sample, hash);
    CsvReader reader([&source](char *b, int64_t n) { return source.read(b, n); },
                     m_result.dialect.delimiter, m_result.dialect.quote);
    ImportBatch batch;
    QString reason;

    auto newBatch = [&] {
        batch = m_queue.spare();
        batch.cells.reserve(size_t(kBatchRows) * size_t(st.rowWidth));
        batch.remaindersUsed.resize(m_remainders.size(), 0);
    };
    auto flush = [&](bool force) {
        const bool full = batch.rows >= kBatchRows || batch.rejects.size() >= 1024;
        if (full || (force && (batch.rows > 0 || !batch.rejects.empty()))) {
            batch.bytesConsumed = source.bytesRead();
            m_queue.push(std::move(batch));
            newBatch();
        }
    };
    auto reject = [&](int64_t line, const QString &why, std::string_view raw) {
        ++st.rowsRejected;
        if (st.firstReject.isEmpty())
            st.firstReject = QStringLiteral("line %1: %2").arg(line).arg(why);
        QString text = fromUtf8(raw.substr(0, kMaxRawRejectText));
        if (raw.size() > size_t(kMaxRawRejectText))
            text += QStringLiteral("…");
        batch.rejects.push_back({line, why, text});
        if (st.strict && st.fatalError.isEmpty())
            st.fatalError = QStringLiteral("%1:%2: %3").arg(st.fileName).arg(line).arg(why);
    };

    newBatch();
    bool header = m_result.dialect.hasHeader;
    while (!m_cancel && st.fatalError.isEmpty() && reader.next()) {
        if (header) {
            header = false;
            continue;
        }
        ++st.dataLines;
        const std::string_view raw = reader.rawRecord();
        RecordScan scan;
        if (reader.isBlankLine()) {
            reject(reader.line(), QStringLiteral("empty line"), raw);
        } else if (reader.unterminatedQuote()) {
            reject(reader.line(),
                   QStringLiteral("unterminated quoted field (the file ends inside quotes)"), raw);
        } else if (scan = scanRecord(raw);
                   st.checkUtf8 && !scan.ascii && !TextDecoder::isValidUtf8(raw)) {
            reject(reader.line(),
                   QStringLiteral("invalid UTF-8 byte sequence (try --encoding windows-1252)"),
                   raw);
        } else if (!convertRecord(reader.fields(), batch, &reason)) {
            reject(reader.line(), reason, raw);
        } else {
            ++st.rowsRead;
            ++batch.rows;
            st.subscribers +=
                batch.cells[batch.cells.size() - size_t(st.rowWidth - st.targetSilver)].i;
            batch.hashes.push_back(scan.hash);
        }
        flush(false);
    }
    if (reader.hasReadError() && st.fatalError.isEmpty())
        st.fatalError = QStringLiteral("%1: read error: %2").arg(st.fileName, file.errorString());
    st.bytesRead = source.bytesRead();
    flush(true);
    m_queue.finish();
}

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

QString sqlType(StorageType t)
{
    switch (t) {
    case StorageType::Integer:
        return QStringLiteral("INTEGER");
    case StorageType::Real:
        return QStringLiteral("REAL");
    case StorageType::Text:
        return QStringLiteral("TEXT");
    }
    return {};
}

/// INSERT INTO `target` (already quoted, with its column list) VALUES (?, ...), ... `rows` times.
QString insertSql(const QString &target, int columns, int rows)
{
    QString one = QStringLiteral("(");
    for (int c = 0; c < columns; ++c)
        one += c ? QStringLiteral(",?") : QStringLiteral("?");
    one += QLatin1Char(')');
    QString sql = QStringLiteral("INSERT INTO %1 VALUES ").arg(target);
    for (int r = 0; r < rows; ++r)
        sql += r ? QLatin1Char(',') + one : one;
    return sql;
}

bool ImportJob::createTables()
{
    Database &db = m_ws.db();
    Statement next(db, QStringLiteral("SELECT coalesce(max(id), 0) + 1 FROM dataset"));
    if (!next.step())
        return false;
    m_datasetId = next.columnInt64(0);
    DatasetInfo info;
    info.id = m_datasetId;
    // An explicit row id that no file column can shadow (LayoutMatcher renames a column of
    // that name); SQLite's rowid can be (a file with a "rowid" column). The inserts name
    // their columns, so it numbers the rows 1, 2, ... in file order.
    QStringList silverCols{Database::quoteIdentifier(kRowIdColumn) +
                           QStringLiteral(" INTEGER PRIMARY KEY")};
    for (const SilverPlan &s : m_silver) {
        const ColumnPlan *p = s.planIndex >= 0 ? &m_state.plan[size_t(s.planIndex)] : nullptr;
        const QString type = (s.categorical || s.isInteger || (p && p->isTarget))
                                 ? QStringLiteral("INTEGER")
                                 : (p ? sqlType(p->type) : QStringLiteral("INTEGER"));
        silverCols << Database::quoteIdentifier(s.name) + QLatin1Char(' ') + type;
    }
    if (!db.exec(QStringLiteral("CREATE TABLE %1 (%2);")
                     .arg(Database::quoteIdentifier(info.silverTable()),
                          silverCols.join(QStringLiteral(", ")))))
        return false;
    m_bindOrder.clear();
    for (int i = 0; i < m_state.silverColumnCount; ++i)
        m_bindOrder.push_back(i);
    m_rejectInsert = std::make_unique<Statement>(
        db, QStringLiteral("INSERT INTO rejected_row(dataset_id, line, reason, raw) "
                           "VALUES (?, ?, ?, ?)"));
    return prepareInserts() && m_rejectInsert->ok();
}

/// The row inserts for the columns the table has now (m_bindOrder).
bool ImportJob::prepareInserts()
{
    DatasetInfo info;
    info.id = m_datasetId;
    QStringList names;
    for (int i : m_bindOrder)
        names << Database::quoteIdentifier(
            i < m_state.silverColumnCount
                ? m_silver[size_t(i)].name
                : m_remainders[size_t(i - m_state.silverColumnCount)].name);
    const QString table = QStringLiteral("%1(%2)").arg(
        Database::quoteIdentifier(info.silverTable()), names.join(QLatin1Char(',')));
    const int width = int(m_bindOrder.size());
    m_rowInsert = std::make_unique<Statement>(m_ws.db(), insertSql(table, width, 1));
    m_rowInsertMany =
        std::make_unique<Statement>(m_ws.db(), insertSql(table, width, kRowsPerInsert));
    m_boundOne.assign(size_t(width), ImportCell{});
    m_boundMany.assign(size_t(width) * kRowsPerInsert, ImportCell{});
    return m_rowInsert->ok() && m_rowInsertMany->ok();
}

/// Adds the remainder columns a row of `batch` is the first to need.
bool ImportJob::addRemainderColumns(const ImportBatch &batch)
{
    bool added = false;
    for (size_t r = 0; r < m_remainders.size(); ++r) {
        RemainderPlan &plan = m_remainders[r];
        if (plan.stored || !batch.remaindersUsed[r])
            continue;
        DatasetInfo info;
        info.id = m_datasetId;
        if (!m_ws.db().exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN %2 %3")
                                .arg(Database::quoteIdentifier(info.silverTable()),
                                     Database::quoteIdentifier(plan.name),
                                     sqlType(m_state.plan[size_t(plan.planIndex)].type))))
            return false;
        plan.stored = true;
        m_bindOrder.push_back(m_state.silverColumnCount + int(r));
        added = true;
    }
    if (!added)
        return true;
    m_rowInsert.reset(); // they list the columns the table had before
    m_rowInsertMany.reset();
    return prepareInserts();
}

void ImportJob::bindCell(Statement &st, std::vector<ImportCell> &bound, int index,
                         const ImportCell &cell, const std::string &text)
{
    // Bindings outlive sqlite3_reset, so a number or NULL equal to the one this parameter
    // already holds is not bound again. Rows come in date order: the economic indicators, the
    // month and most codes repeat from one statement to the next. Text is always bound (it
    // points into the batch's buffer).
    ImportCell &last = bound[size_t(index - 1)];
    if (cell.sameValue(last))
        return;
    last = cell;
    switch (cell.kind) {
    case ImportCell::Null:
        st.bindNull(index);
        break;
    case ImportCell::Int:
        st.bind(index, qint64(cell.i));
        break;
    case ImportCell::Real:
        st.bind(index, cell.d);
        break;
    case ImportCell::Text:
        st.bindTextStatic(index, text.data() + cell.offset, int(cell.length));
        break;
    }
}

bool ImportJob::writeBatch(const ImportBatch &batch)
{
    if (!addRemainderColumns(batch))
        return false;
    m_state.duplicates += m_state.seen.insertAll(batch.hashes);
    const size_t width = size_t(m_state.rowWidth);
    const size_t columns = m_bindOrder.size();
    const int *order = m_bindOrder.data();
    int r = 0;
    for (; r + kRowsPerInsert <= batch.rows; r += kRowsPerInsert) {
        for (int k = 0; k < kRowsPerInsert; ++k) {
            const ImportCell *row = batch.cells.data() + size_t(r + k) * width;
            const int first = k * int(columns) + 1;
            for (size_t j = 0; j < columns; ++j)
                bindCell(*m_rowInsertMany, m_boundMany, first + int(j), row[order[j]], batch.text);
        }
        if (!m_rowInsertMany->exec())
            return false;
        m_rowInsertMany->reset();
    }
    for (; r < batch.rows; ++r) {
        const ImportCell *row = batch.cells.data() + size_t(r) * width;
        for (size_t j = 0; j < columns; ++j)
            bindCell(*m_rowInsert, m_boundOne, int(j) + 1, row[order[j]], batch.text);
        if (!m_rowInsert->exec())
            return false;
        m_rowInsert->reset();
    }
    for (const RejectedRow &rejected : batch.rejects) {
        m_rejectInsert->bind(1, m_datasetId);
        m_rejectInsert->bind(2, qint64(rejected.line));
        m_rejectInsert->bind(3, rejected.reason);
        m_rejectInsert->bind(4, rejected.raw);
        if (!m_rejectInsert->exec())
            return false;
        m_rejectInsert->reset();
    }
    return true;
}

/// The raw table: every source column with the value of the file, typed, in file order,
/// rebuilt from the silver value and the remainder (see the top of this file).
bool ImportJob::createRawView(const std::vector<QStringList> &labels)
{
    DatasetInfo info;
    info.id = m_datasetId;
    QStringList cols;
    for (size_t c = 0; c < m_state.plan.size(); ++c) {
        const ColumnPlan &p = m_state.plan[c];
        const int si = m_state.silverIndexOf[c];
        const int ri = m_state.remainderOf[c];
        const QString silver =
            si >= 0 ? QStringLiteral("s.") + Database::quoteIdentifier(m_silver[size_t(si)].name)
                    : QString();
        const RemainderPlan *rp =
            ri >= 0 ? &m_remainders[size_t(ri - m_state.silverColumnCount)] : nullptr;
        const QString remainder = rp && rp->stored
                                      ? QStringLiteral("s.") + Database::quoteIdentifier(rp->name)
                                      : QStringLiteral("NULL");
        QString expr;
        if (p.isTarget) {
            expr = QStringLiteral("coalesce(%1, CASE %2 WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END)")
                       .arg(remainder, silver);
        } else if (si < 0) {
            expr = remainder;
        } else if (p.categorical) {
            QString caseExpr = QStringLiteral("CASE ") + silver;
            const QStringList &l = labels[c];
            for (int code = 0; code < l.size(); ++code)
                if (l[code] != kMissingLevel)
                    caseExpr += QStringLiteral(" WHEN %1 THEN %2")
                                    .arg(code)
                                    .arg(Database::quoteLiteral(l[code]));
            expr = caseExpr == QStringLiteral("CASE ") + silver
                       ? remainder // only the missing level: NULL unless spelled otherwise
                       : QStringLiteral("coalesce(%1, %2 END)").arg(remainder, caseExpr);
        } else if (p.isPdays && m_state.prevContactSilver >= 0) {
            expr = QStringLiteral("coalesce(%1, %2, CASE s.%3 WHEN 0 THEN %4 END)")
                       .arg(remainder, silver,
                            Database::quoteIdentifier(
                                m_silver[size_t(m_state.prevContactSilver)].name))
                       .arg(m_state.pdaysSentinelA);
        } else if (ri >= 0) {
            expr = QStringLiteral("coalesce(%1, %2)").arg(remainder, silver);
        } else {
            expr = silver;
        }
        cols << expr + QStringLiteral(" AS ") + Database::quoteIdentifier(p.name);
    }
    return m_ws.db().exec(QStringLiteral("CREATE VIEW %1 AS SELECT %2 FROM %3 AS s")
                              .arg(Database::quoteIdentifier(info.rawTable()),
                                   cols.join(QStringLiteral(", ")),
                                   Database::quoteIdentifier(info.silverTable())));
}

/// Rows whose value is 'unknown': for a categorical the rows of its 'unknown' level, however
/// the file spells it ("Unknown", " unknown").
int64_t ImportJob::unknownCount(size_t c) const
{
    const ColumnPlan &p = m_state.plan[c];
    if (!p.categorical || !p.analysed)
        return p.unknown;
    const auto code = size_t(m_state.dictionaries[c].labels().indexOf(QStringLiteral("unknown")));
    return code < p.codeCounts.size() ? p.codeCounts[code] : 0;
}

QualitySummary ImportJob::buildQuality() const
{
    const auto &st = m_state;
    QualitySummary q;
    q.dataLines = st.dataLines;
    q.rowsRead = st.rowsRead;
    q.rowsRejected = st.rowsRejected;
    q.duplicates = st.duplicates;
    q.subscribers = st.subscribers;
    for (size_t c = 0; c < st.plan.size(); ++c) {
        const ColumnPlan &p = st.plan[c];
        ColumnQuality cq;
        cq.name = p.name;
        cq.sourceName = p.sourceName;
        cq.role = p.role == ColumnRole::None ? QString() : roleName(p.role);
        cq.missing = p.missing;
        cq.unknown = unknownCount(c);
        cq.analysed = p.analysed;
        if (p.categorical || p.isTarget) {
            cq.type = p.isTarget ? QStringLiteral("target") : QStringLiteral("categorical");
            cq.distinct = p.isTarget ? int(st.subscribers > 0) + int(st.rowsRead > st.subscribers)
                                     : int(st.dictionaries[c].labels().size());
        } else {
            cq.type = (p.type == StorageType::Real || p.widened) ? QStringLiteral("real")
                                                                 : QStringLiteral("integer");
            if (p.numbers > 0) {
                cq.min = p.min;
                cq.max = p.max;
                cq.mean = p.sum / double(p.numbers);
            }
        }
        q.columns << cq;
    }
    // Warnings a banker needs, worded once, by QualityWarning (the report translates them).
    using Code = QualityWarning::Code;
    const auto warn = [&q](Code code, QStringList params) {
        q.warnings << QualityWarning{code, std::move(params)}.englishText();
    };
    const auto percentOfRows = [&st](int64_t n) {
        return QString::number(100.0 * double(n) / double(st.rowsRead), 'f', 1);
    };
    for (size_t c = 0; c < st.plan.size(); ++c) {
        const ColumnPlan &p = st.plan[c];
        const int64_t unknown = unknownCount(c);
        if (p.role == ColumnRole::Duration)
            warn(Code::DurationAfterCall, {p.sourceName});
        if (p.isPdays)
            warn(Code::PdaysSentinel, {p.sourceName, kPreviouslyContactedColumn});
        if (!p.analysed)
            warn(Code::IdentifierColumn, {p.sourceName});
        if (st.rowsRead > 0 && unknown * 10 > st.rowsRead)
            warn(Code::UnknownShare, {p.sourceName, percentOfRows(unknown)});
        if (st.rowsRead > 0 && p.missing * 20 > st.rowsRead)
            warn(Code::MissingShare, {p.sourceName, percentOfRows(p.missing)});
        if (p.renamed)
            warn(Code::ColumnRenamed, {p.sourceName, p.name});
        if (p.implausible > 0)
            warn(Code::ValuesOutOfRange, {p.sourceName, QString::number(p.implausible),
                                          boundText(p.lowest), boundText(p.highest)});
    }
    if (st.rowsRejected > 0)
        warn(Code::RowsRejected, {QString::number(st.rowsRejected)});
    if (st.duplicates > 0)
        warn(Code::DuplicateRows, {QString::number(st.duplicates)});
    const double rate = q.subscriberRate();
    if (st.rowsRead > 0 && (rate < 0.2 || rate > 0.8))
        warn(Code::ClassImbalance, {QString::number(100.0 * rate, 'f', 1)});
    if (st.rowsRead > 0 && st.rowsRead < 1000)
        warn(Code::FewRows, {QString::number(st.rowsRead)});
    return q;
}

bool ImportJob::finishDataset(const QString &sha256)
{
    Database &db = m_ws.db();
    DatasetInfo info;
    info.id = m_datasetId;
    // Category levels, then the labelled view.
    Statement level(db, QStringLiteral("INSERT INTO category_level(dataset_id, column_name, code, "
                                       "label) VALUES (?, ?, ?, ?)"));
    QStringList viewCols{QStringLiteral("s.") + Database::quoteIdentifier(kRowIdColumn)};
    std::vector<QStringList> planLabels(m_state.plan.size());
    for (const SilverPlan &s : m_silver) {
        const ColumnPlan *p = s.planIndex >= 0 ? &m_state.plan[size_t(s.planIndex)] : nullptr;
        const QString q = Database::quoteIdentifier(s.name);
        QStringList labels = s.presetLevels;
        if (p && p->categorical) {
            labels = m_state.dictionaries[size_t(s.planIndex)].labels();
            planLabels[size_t(s.planIndex)] = labels;
        }
        if (s.categorical) {
            QString caseExpr = QStringLiteral("CASE s.%1").arg(q);
            for (int code = 0; code < labels.size(); ++code) {
                level.bind(1, m_datasetId);
                level.bind(2, s.name);
                level.bind(3, qint64(code));
                level.bind(4, labels[code]);
                if (!level.exec())
                    return false;
                level.reset();
                caseExpr += QStringLiteral(" WHEN %1 THEN %2")
                                .arg(code)
                                .arg(Database::quoteLiteral(labels[code]));
            }
            viewCols << caseExpr + QStringLiteral(" END AS ") + q;
        } else {
            viewCols << QStringLiteral("s.") + q;
        }
        SilverColumn col;
        col.name = s.name;
        col.sourceName = p ? p->sourceName : QString();
        col.rawType = p ? p->type : StorageType::Integer;
        col.role = p ? p->role : ColumnRole::None;
        col.categorical = s.categorical;
        col.derived = s.planIndex < 0;
        info.columns << col;
    }
    if (!db.exec(QStringLiteral("CREATE VIEW %1 AS SELECT %2 FROM %3 AS s")
                     .arg(Database::quoteIdentifier(info.silverView()),
                          viewCols.join(QStringLiteral(", ")),
                          Database::quoteIdentifier(info.silverTable()))))
        return false;
    if (!createRawView(planLabels))
        return false;

    const QualitySummary quality = buildQuality();
    m_result.warnings = quality.warnings;
    QString name = m_options.name;
    if (name.isEmpty())
        name = QFileInfo(m_options.path).completeBaseName();
    info.name = name;
    info.source = csvSourceDescriptor(m_options.path, m_fileSize, sha256, m_result.dialect);
    info.layout = m_layout.layout;
    info.dataLines = qint64(m_state.dataLines);
    info.rowsRead = qint64(m_state.rowsRead);
    info.rowsRejected = qint64(m_state.rowsRejected);
    info.subscribers = qint64(m_state.subscribers);
    info.synthetic = m_options.synthetic;
    info.quality = quality.toJson();
    return Workspace::insertDataset(db, info);
}

ImportResult ImportJob::reused(const DatasetInfo &existing, const QElapsedTimer &timer)
{
    m_result.status = ImportStatus::Reused;
    m_result.datasetId = existing.id;
    m_result.dataLines = existing.dataLines;
    m_result.rowsRead = existing.rowsRead;
    m_result.rowsRejected = existing.rowsRejected;
    m_result.subscribers = existing.subscribers;
    m_result.layout = existing.layout;
    m_result.warnings = QualitySummary::fromJson(existing.quality).warnings;
    m_result.seconds = double(timer.elapsed()) / 1000.0;
    return m_result;
}

ImportResult ImportJob::run()
{
    QElapsedTimer timer;
    timer.start();
    const QString fileName = m_options.path;
    m_state.fileName = fileName;
    m_state.strict = m_options.strict;
    if (!m_ws.isOpen())
        return fail(QStringLiteral("%1: the workspace is not open").arg(fileName));
    if (!m_options.ageBands.ok())
        return fail(QStringLiteral("age band edges must be ascending and distinct"));

    // 1. The file is opened once and read once, from the start: a FIFO or `<(command)` can be
    // read no other way. Detection works on a sample read from this handle; the parser goes on
    // from where the sample ends.
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("%1: cannot open: %2").arg(fileName, file.errorString()));
    const bool regular = !file.isSequential();
    const qint64 sizeAtStart = regular ? file.size() : -1;
    const QDateTime modifiedAtStart =
        regular ? file.fileTime(QFileDevice::FileModificationTime) : QDateTime();
    QByteArray sample;
    if (!readSample(file, DialectDetector::kSampleBytes, &sample))
        return fail(QStringLiteral("%1: cannot read: %2").arg(fileName, file.errorString()));

    // 2. Dialect, with the user's overrides; a sample of rows for types and roles.
    SniffResult sniff = DialectDetector::sniffSample(fileName, sample, 2000);
    if (!sniff.ok)
        return fail(sniff.error);
    CsvDialect dialect = sniff.dialect;
    bool overridden = false;
    if (m_options.delimiter) {
        dialect.delimiter = *m_options.delimiter;
        overridden = true;
    }
    if (m_options.encoding) {
        dialect.encoding = *m_options.encoding;
        overridden = true;
    }
    if (m_options.hasHeader) {
        dialect.hasHeader = *m_options.hasHeader;
        overridden = true;
    }
    if (m_options.decimalComma) {
        dialect.decimalComma = *m_options.decimalComma;
        overridden = true;
    }
    if (overridden) {
        sniff = DialectDetector::sniffSample(fileName, sample, 2000, &dialect);
        if (!sniff.ok)
            return fail(sniff.error);
    }
    m_result.dialect = dialect;
    m_state.decimalComma = dialect.decimalComma;
    m_state.checkUtf8 = dialect.encoding == TextEncoding::Utf8;
    m_fileSize = regular ? sizeAtStart : 0; // a pipe's size is known at its end
    if (sniff.header.isEmpty())
        return fail(QStringLiteral("%1: no columns found").arg(fileName));
    if (!planColumns(sniff))
        return fail(QStringLiteral("%1: %2").arg(fileName, m_layout.error));
    m_result.layout = m_layout.layout;

    // 3. Same file imported before? Reuse it when asked, writing nothing. A regular file is
    // hashed first (by path); a pipe can only be hashed as it is imported, and is checked after.
    if (m_options.reuseExisting && regular) {
        if (!reportProgress(m_progress, 0.0,
                            QStringLiteral("Checking whether the file is known"))) {
            m_result.status = ImportStatus::Cancelled;
            return m_result;
        }
        m_sha256 = sha256OfFile(fileName, &m_stopHashing, &m_hashedBytes); // kept: no second hash
        if (auto existing = m_ws.findByFingerprint(m_sha256))
            return reused(*existing, timer);
    }

    // 4. Parse on a helper thread, write here, all in one transaction.
    Database &db = m_ws.db();
    // The import stays in WAL mode so that other processes can read the workspace meanwhile
    // (a rollback journal would lock them out until the commit). The log is copied into the
    // file once, after the commit, instead of every 1000 pages.
    db.exec(QStringLiteral("PRAGMA wal_autocheckpoint=0"));
    struct RestoreCheckpoint
    {
        Database &db;
        ~RestoreCheckpoint() { db.exec(QStringLiteral("PRAGMA wal_autocheckpoint=1000")); }
    } restoreCheckpoint{db};
    std::optional<Transaction> tx;
    if (!beginWriting(tx)) {
        if (m_cancel) {
            m_result.status = ImportStatus::Cancelled;
            m_result.datasetId = -1;
            return m_result;
        }
        return fail(db.lastErrorWasBusy()
                        ? QStringLiteral("%1: another import is running on %2 (or another "
                                         "command is writing to it)%3; run this import again "
                                         "when it has finished")
                              .arg(fileName, m_ws.path(),
                                   m_options.writerWaitMs > 0
                                       ? QStringLiteral(" and did not finish within %1 s")
                                             .arg(m_options.writerWaitMs / 1000)
                                       : QString())
                        : QStringLiteral("%1: cannot start writing to the workspace: %2")
                              .arg(fileName, db.lastError()));
    }
    if (!createTables())
        return fail(QStringLiteral("%1: cannot create tables: %2").arg(fileName, db.lastError()));

    std::thread hasher;
    if (regular && m_sha256.isEmpty())
        hasher = std::thread([this, &fileName] {
            m_sha256 = sha256OfFile(fileName, &m_stopHashing, &m_hashedBytes);
        });
    Sha256 pipeHash; // a pipe is hashed by the parser, as it reads
    std::thread parser([this, &file, &sample, &pipeHash, regular] {
        parseLoop(file, sample, regular ? nullptr : &pipeHash);
    });
    QString writeError;
    ImportBatch batch;
    while (m_queue.pop(batch)) {
        if (!writeBatch(batch)) {
            writeError = db.lastError();
            break;
        }
        const int64_t consumed = batch.bytesConsumed;
        m_queue.recycle(std::move(batch));
        const double fraction = m_fileSize > 0 ? double(consumed) / double(m_fileSize) : 1.0;
        if (!reportProgress(m_progress, std::min(fraction, 1.0) * 0.97,
                            QStringLiteral("Importing %1").arg(QFileInfo(fileName).fileName()))) {
            m_cancel = true;
            break;
        }
    }
    if (m_cancel || !writeError.isEmpty()) {
        m_cancel = true;
        m_queue.close();
    }
    parser.join();
    if (m_cancel || !writeError.isEmpty() || !m_state.fatalError.isEmpty())
        m_stopHashing = true;
    if (hasher.joinable())
        hasher.join();
    // Strays (the parser may have pushed after close) are simply dropped with the queue.

    if (m_cancel && writeError.isEmpty()) {
        m_result.status = ImportStatus::Cancelled;
        m_result.datasetId = -1;
        return m_result;
    }
    if (!writeError.isEmpty())
        return fail(
            QStringLiteral("%1: writing to the workspace failed: %2").arg(fileName, writeError));
    if (!m_state.fatalError.isEmpty())
        return fail(m_state.fatalError);
    // A file written to while we read it: the rows, the size and the SHA-256 would describe no
    // state the file was ever in. Nothing is kept.
    if (regular) {
        const QFileInfo now(fileName);
        const qint64 sizeNow = now.exists() ? now.size() : -1;
        if (sizeNow != sizeAtStart || m_state.bytesRead != sizeAtStart ||
            (m_hashedBytes >= 0 && m_hashedBytes != sizeAtStart) ||
            now.lastModified() != modifiedAtStart)
            return fail(QStringLiteral("%1: the file changed while it was being imported (%2 "
                                       "bytes at the start, %3 read, %4 hashed, %5 now; modified "
                                       "%6); nothing was imported: import it again once it is "
                                       "complete")
                            .arg(fileName)
                            .arg(sizeAtStart)
                            .arg(m_state.bytesRead)
                            .arg(m_hashedBytes)
                            .arg(sizeNow)
                            .arg(now.lastModified().toString(Qt::ISODateWithMs)));
    } else {
        m_fileSize = m_state.bytesRead;
        m_sha256 = pipeHash.hexDigest();
    }
    if (m_state.rowsRead == 0)
        return fail(QStringLiteral("%1: no data rows could be read (%2 rejected; the first, %3)")
                        .arg(fileName)
                        .arg(m_state.rowsRejected)
                        .arg(m_state.firstReject));
    if (m_sha256.isEmpty())
        return fail(
            QStringLiteral("%1: cannot read the file to compute its SHA-256").arg(fileName));
    if (m_options.reuseExisting && !regular) {
        if (auto existing = m_ws.findByFingerprint(m_sha256))
            return reused(*existing, timer); // the transaction rolls back: nothing written
    }

    if (!reportProgress(m_progress, 0.98, QStringLiteral("Writing the quality summary")) ||
        !finishDataset(m_sha256))
        return m_cancel ? m_result
                        : fail(QStringLiteral("%1: writing to the workspace failed: %2")
                                   .arg(fileName, db.lastError()));
    m_rowInsert.reset();
    m_rowInsertMany.reset();
    m_rejectInsert.reset();
    if (!tx->commit())
        return fail(QStringLiteral("%1: commit failed: %2").arg(fileName, db.lastError()));
    m_result.seconds = double(timer.elapsed()) / 1000.0;
    if (m_options.checkpoint) {
        reportProgress(m_progress, 0.99, QStringLiteral("Writing the journal into the workspace"));
        QElapsedTimer checkpointTimer;
        checkpointTimer.start();
        db.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        m_result.checkpointSeconds = double(checkpointTimer.elapsed()) / 1000.0;
    }
    reportProgress(m_progress, 1.0, QStringLiteral("Done"));
    m_result.status = ImportStatus::Imported;
    m_result.datasetId = m_datasetId;
    m_result.dataLines = m_state.dataLines;
    m_result.rowsRead = m_state.rowsRead;
    m_result.rowsRejected = m_state.rowsRejected;
    m_result.subscribers = m_state.subscribers;
    return m_result;
}

} // namespace

CsvImporter::CsvImporter(Workspace &workspace) : m_workspace(workspace) {}

ImportResult CsvImporter::run(const ImportOptions &options, const ProgressCallback &progress)
{
    ImportJob job(m_workspace, options, progress);
    return job.run();
}

} // namespace cl
