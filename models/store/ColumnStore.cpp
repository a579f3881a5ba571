// ColumnStore: chunk encoding, the writer, the blob reader and the rebuild from silver.
#include "ColumnStore.h"

#include "Database.h"
#include "Statement.h"
#include "Transaction.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace cl {

namespace {

/// How a chunk's bytes hold its rows (column_chunk.encoding).
enum Encoding : int
{
    Slots8 = 1,  ///< categorical: code + 1 per row (0 = missing), 1 byte
    Slots16 = 2, ///< the same in 2 bytes
    Slots32 = 4, ///< the same in 4 bytes
    Dict8 = 11,  ///< number: index + 1 into the chunk's dictionary (0 = missing), 1 byte
    Dict16 = 12, ///< the same in 2 bytes
    Float64 = 20 ///< number: the double itself (NaN = missing)
};

int widthOf(int encoding)
{
    switch (encoding) {
    case Slots8:
    case Dict8:
        return 1;
    case Slots16:
    case Dict16:
        return 2;
    case Slots32:
        return 4;
    case Float64:
        return 8;
    }
    return 0;
}

/// A 64-bit checksum of a chunk's bytes, a word at a time (it guards against a chunk that was
/// changed or cut outside the import, not against an adversary: the workspace is the user's).
uint64_t checksum(const uint8_t *data, size_t size, uint64_t h = 0x9E3779B97F4A7C15ull)
{
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        uint64_t w;
        std::memcpy(&w, data + i, 8);
        h = (h ^ w) * 0x100000001B3ull;
        h ^= h >> 29;
    }
    for (; i < size; ++i)
        h = (h ^ data[i]) * 0x100000001B3ull;
    return h ^ size;
}

double cellNumber(const ImportCell &c)
{
    switch (c.kind) {
    case ImportCell::Int:
        return double(c.i);
    case ImportCell::Real:
        // SQLite keeps a whole REAL on disk as an integer, so -0.0 reads back from the silver
        // table as 0.0: the copy stores it so too.
        return c.d == 0 ? 0.0 : c.d;
    default:
        return std::numeric_limits<double>::quiet_NaN();
    }
}

/// One encoded chunk, ready to be bound.
struct EncodedChunk
{
    int encoding = Float64;
    UninitVector<uint8_t> data;
    std::vector<double> dictionary;
};

template <class T> void putSlots(UninitVector<uint8_t> &out, const UninitVector<uint32_t> &slots)
{
    out.resize(slots.size() * sizeof(T));
    for (size_t i = 0; i < slots.size(); ++i) {
        const T v = T(slots[i]);
        std::memcpy(out.data() + i * sizeof(T), &v, sizeof(T));
    }
}

/// Categorical slots (code + 1, 0 = missing) at the width the largest needs.
EncodedChunk encodeSlots(const UninitVector<uint32_t> &slots)
{
    EncodedChunk e;
    uint32_t top = 0;
    for (const uint32_t s : slots)
        top = std::max(top, s);
    e.encoding = top <= 0xFF ? Slots8 : top <= 0xFFFF ? Slots16 : Slots32;
    switch (widthOf(e.encoding)) {
    case 1:
        putSlots<uint8_t>(e.data, slots);
        break;
    case 2:
        putSlots<uint16_t>(e.data, slots);
        break;
    default:
        putSlots<uint32_t>(e.data, slots);
    }
    return e;
}

/// Distinct values from which a chunk's numbers are stored as doubles: three quarters of a
/// full chunk, where the dictionary (8 bytes a value) and the 2-byte indexes stop taking less
/// room than the doubles (8 bytes a row). A smaller chunk always has its dictionary.
constexpr size_t kMaxDictionary = size_t(ColumnStore::kRowsPerChunk) * 3 / 4;
static_assert(kMaxDictionary < 0xFFFF, "indexes + 1 fit in 2 bytes");

/// Numbers through a dictionary of their distinct values (by their bits), or as doubles when
/// there are kMaxDictionary or more of them. `slots` and `small` are kept from chunk to chunk:
/// fresh buffers of this size cost a page fault per page and a fill every time.
EncodedChunk encodeNumbers(const UninitVector<double> &values, UninitVector<uint32_t> &slots,
                           std::vector<uint32_t> &small)
{
    EncodedChunk e;
    slots.resize(values.size());
    // Whole numbers in [0, 65536) (ages, counts, days, the target) look up a table, left all
    // zero again at the end; others first compare with the previous row (the macro columns
    // change once a month), then a map.
    constexpr int64_t kSmall = 1 << 16;
    if (small.empty())
        small.assign(size_t(kSmall), 0);
    std::unordered_map<uint64_t, uint32_t> index;
    uint64_t lastBits = 0;
    uint32_t lastSlot = 0;
    const auto add = [&e](double v) {
        e.dictionary.push_back(v);
        return uint32_t(e.dictionary.size());
    };
    const auto isSmall = [](double v) {
        return v >= 0 && v < double(kSmall) && double(int64_t(v)) == v;
    };
    for (size_t i = 0; i < values.size() && e.dictionary.size() < kMaxDictionary; ++i) {
        const double v = values[i];
        if (isSmall(v)) {
            uint32_t &slot = small[size_t(v)];
            if (slot == 0)
                slot = add(double(int64_t(v)));
            slots[i] = slot;
            continue;
        }
        if (std::isnan(v)) {
            slots[i] = 0;
            continue;
        }
        uint64_t bits;
        std::memcpy(&bits, &v, 8);
        if (lastSlot == 0 || bits != lastBits) {
            auto [it, added] = index.try_emplace(bits, 0);
            if (added)
                it->second = add(v);
            lastBits = bits;
            lastSlot = it->second;
        }
        slots[i] = lastSlot;
    }
    for (const double v : e.dictionary)
        if (isSmall(v))
            small[size_t(v)] = 0;
    if (e.dictionary.size() >= kMaxDictionary) {
        e.encoding = Float64;
        e.dictionary.clear();
        e.data.resize(values.size() * 8);
        std::memcpy(e.data.data(), values.data(), e.data.size());
        return e;
    }
    e.encoding = e.dictionary.size() < 0xFF ? Dict8 : Dict16;
    if (e.encoding == Dict8)
        putSlots<uint8_t>(e.data, slots);
    else
        putSlots<uint16_t>(e.data, slots);
    return e;
}

QString columnsJson(const std::vector<ColumnStore::Column> &columns)
{
    QJsonArray a;
    for (const ColumnStore::Column &c : columns)
        a.append(QJsonArray{c.name, c.categorical});
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

/// Reads whole blobs of column_chunk.data by rowid on one handle (sqlite3_blob_reopen).
class BlobReader
{
public:
    explicit BlobReader(Database &db) : m_db(db) {}
    ~BlobReader()
    {
        if (m_blob)
            sqlite3_blob_close(m_blob);
    }
    BlobReader(const BlobReader &) = delete;
    BlobReader &operator=(const BlobReader &) = delete;

    /// The blob of row `id` into `out` (exactly `size` bytes); false with error().
    bool read(qint64 id, void *out, int size)
    {
        int rc = m_blob ? sqlite3_blob_reopen(m_blob, id)
                        : sqlite3_blob_open(m_db.handle(), "main", "column_chunk", "data", id, 0,
                                            &m_blob);
        if (rc == SQLITE_OK && sqlite3_blob_bytes(m_blob) != size)
            rc = SQLITE_CORRUPT;
        if (rc == SQLITE_OK && size > 0)
            rc = sqlite3_blob_read(m_blob, out, size, 0);
        if (rc != SQLITE_OK) {
            m_error = QString::fromUtf8(sqlite3_errstr(rc));
            if (m_blob) {
                sqlite3_blob_close(m_blob);
                m_blob = nullptr;
            }
            return false;
        }
        return true;
    }
    QString error() const { return m_error; }

private:
    Database &m_db;
    sqlite3_blob *m_blob = nullptr;
    QString m_error;
};

template <class T> uint32_t slotAt(const uint8_t *data, size_t i)
{
    T v;
    std::memcpy(&v, data + i * sizeof(T), sizeof(T));
    return uint32_t(v);
}

uint32_t slotOf(const uint8_t *data, int width, size_t i)
{
    return width == 1   ? slotAt<uint8_t>(data, i)
           : width == 2 ? slotAt<uint16_t>(data, i)
                        : slotAt<uint32_t>(data, i);
}

/// Walks the chunks of one column of a dataset's copy in order, each checked against its
/// catalogue row and its checksum.
class ChunkScanner
{
public:
    ChunkScanner(Database &db, qint64 datasetId, size_t rows)
        : m_chunks(db, QStringLiteral("SELECT id, chunk, rows, encoding, dictionary, "
                                      "length(data), checksum FROM column_chunk "
                                      "WHERE dataset_id = ? AND column_name = ? ORDER BY chunk")),
          m_blobs(db), m_datasetId(datasetId), m_rows(rows)
    {
    }

    /// Calls `sink(rowOffset, rows, encoding, data, dictionary)` for each chunk of column
    /// `name`; the reason when a chunk is damaged or the sink refuses one, else empty.
    template <class Sink> QString scan(const QString &name, const Sink &sink)
    {
        Statement &chunks = m_chunks;
        chunks.reset();
        chunks.bind(1, m_datasetId);
        chunks.bind(2, name);
        size_t row = 0;
        qint64 expected = 0;
        while (chunks.step()) {
            const qint64 id = chunks.columnInt64(0);
            const size_t rows = size_t(chunks.columnInt64(2));
            const int encoding = chunks.columnInt(3);
            const QByteArray dictBlob = chunks.columnBlob(4);
            const int bytes = chunks.columnInt(5);
            const int width = widthOf(encoding);
            if (chunks.columnInt64(1) != expected++ || width == 0 ||
                size_t(bytes) != rows * size_t(width) || row + rows > m_rows ||
                dictBlob.size() % qsizetype(sizeof(double)) != 0)
                return QStringLiteral("column %1: chunk %2 is damaged").arg(name).arg(expected - 1);
            m_scratch.resize(size_t(bytes));
            if (!m_blobs.read(id, m_scratch.data(), bytes))
                return QStringLiteral("column %1: %2").arg(name, m_blobs.error());
            const auto *dictBytes = reinterpret_cast<const uint8_t *>(dictBlob.constData());
            if (checksum(dictBytes, size_t(dictBlob.size()),
                         checksum(m_scratch.data(), m_scratch.size())) !=
                uint64_t(chunks.columnInt64(6)))
                return QStringLiteral("column %1: chunk %2 does not match its checksum")
                    .arg(name)
                    .arg(expected - 1);
            std::vector<double> dictionary(size_t(dictBlob.size()) / sizeof(double));
            if (!dictionary.empty()) // codes have none (memcpy must not see a null pointer)
                std::memcpy(dictionary.data(), dictBlob.constData(), size_t(dictBlob.size()));
            const QString bad = sink(row, rows, encoding, m_scratch.data(), dictionary);
            if (!bad.isEmpty())
                return QStringLiteral("column %1: %2").arg(name, bad);
            row += rows;
        }
        if (!chunks.ok())
            return chunks.error();
        if (row != m_rows)
            return QStringLiteral("column %1 holds %2 rows, the dataset %3")
                .arg(name)
                .arg(row)
                .arg(m_rows);
        return {};
    }

private:
    Statement m_chunks;
    BlobReader m_blobs;
    qint64 m_datasetId;
    size_t m_rows;
    std::vector<uint8_t> m_scratch;
};

/// out[i] = table[slot i of `data`] for a chunk's slots of type From; false when a slot is
/// beyond the table (its row then gets the table's last entry).
template <class From, class To>
bool remapSlots(const uint8_t *data, size_t rows, const std::vector<uint16_t> &table, To *out)
{
    const size_t last = table.size() - 1;
    bool ok = true;
    for (size_t i = 0; i < rows; ++i) {
        const size_t s = slotAt<From>(data, i);
        ok &= s <= last;
        out[i] = To(table[std::min(s, last)]);
    }
    return ok;
}

} // namespace

ColumnStore::Writer::Writer(Database &db, qint64 datasetId, std::vector<Column> columns)
    : m_db(db), m_datasetId(datasetId), m_columns(std::move(columns)), m_buffer(m_columns.size())
{
    for (size_t c = 0; c < m_columns.size(); ++c) {
        if (m_columns[c].categorical)
            m_buffer[c].slots.reserve(size_t(kRowsPerChunk));
        else
            m_buffer[c].numbers.reserve(size_t(kRowsPerChunk));
    }
}

ColumnStore::Writer::~Writer() = default;

bool ColumnStore::Writer::begin()
{
    for (const char *sql : {"DELETE FROM column_copy WHERE dataset_id = ?",
                            "DELETE FROM column_chunk WHERE dataset_id = ?"}) {
        Statement st(m_db, QString::fromLatin1(sql));
        st.bind(1, m_datasetId);
        if (!st.exec()) {
            m_error = st.error();
            return false;
        }
    }
    m_insert = std::make_unique<Statement>(
        m_db, QStringLiteral("INSERT INTO column_chunk(dataset_id, column_name, chunk, rows, "
                             "encoding, dictionary, data, checksum) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!m_insert->ok()) {
        m_error = m_insert->error();
        return false;
    }
    return true;
}

void ColumnStore::Writer::put(int column, const ImportCell &cell)
{
    Buffer &b = m_buffer[size_t(column)];
    if (m_columns[size_t(column)].categorical)
        b.slots.push_back(cell.kind == ImportCell::Int ? uint32_t(cell.i + 1) : 0);
    else
        b.numbers.push_back(cellNumber(cell));
}

bool ColumnStore::Writer::endRow()
{
    ++m_rows;
    return m_rows % kRowsPerChunk != 0 || flush();
}

bool ColumnStore::Writer::appendBatch(const ImportBatch &batch, size_t stride)
{
    std::vector<EncodedColumnChunk> chunks;
    encodeBatch(batch, stride, &chunks);
    return store(chunks);
}

void ColumnStore::Writer::encodeBatch(const ImportBatch &batch, size_t stride,
                                      std::vector<EncodedColumnChunk> *out)
{
    // Column by column over the rows up to the end of the current chunk: one tight loop per
    // column instead of a call and a branch per cell.
    size_t r = 0;
    const size_t rows = size_t(batch.rows);
    while (r < rows) {
        const size_t room = size_t(kRowsPerChunk - m_rows % kRowsPerChunk);
        const size_t take = std::min(room, rows - r);
        for (size_t c = 0; c < m_columns.size(); ++c) {
            const ImportCell *cell = batch.cells.data() + r * stride + c;
            Buffer &b = m_buffer[c];
            if (m_columns[c].categorical) {
                const size_t at = b.slots.size();
                b.slots.resize(at + take);
                uint32_t *slot = b.slots.data() + at;
                for (size_t i = 0; i < take; ++i, cell += stride)
                    slot[i] = cell->kind == ImportCell::Int ? uint32_t(cell->i + 1) : 0;
            } else {
                const size_t at = b.numbers.size();
                b.numbers.resize(at + take);
                double *number = b.numbers.data() + at;
                for (size_t i = 0; i < take; ++i, cell += stride)
                    number[i] = cellNumber(*cell);
            }
        }
        m_rows += int64_t(take);
        r += take;
        if (m_rows % kRowsPerChunk == 0)
            encodeBuffered(out);
    }
}

void ColumnStore::Writer::encodeBuffered(std::vector<EncodedColumnChunk> *out)
{
    const int64_t rows = m_rows - m_chunk * kRowsPerChunk;
    if (m_buffer.empty() || rows == 0)
        return;
    for (size_t c = 0; c < m_columns.size(); ++c) {
        Buffer &b = m_buffer[c];
        EncodedChunk e = m_columns[c].categorical
                             ? encodeSlots(b.slots)
                             : encodeNumbers(b.numbers, m_slotScratch, m_smallScratch);
        const auto *dict = reinterpret_cast<const uint8_t *>(e.dictionary.data());
        const size_t dictBytes = e.dictionary.size() * sizeof(double);
        EncodedColumnChunk chunk;
        chunk.column = int(c);
        chunk.chunk = m_chunk;
        chunk.rows = rows;
        chunk.encoding = e.encoding;
        chunk.checksum = checksum(dict, dictBytes, checksum(e.data.data(), e.data.size()));
        chunk.data = std::move(e.data);
        chunk.dictionary = std::move(e.dictionary);
        out->push_back(std::move(chunk));
        b.slots.clear();
        b.numbers.clear();
    }
    ++m_chunk;
}

bool ColumnStore::Writer::store(const std::vector<EncodedColumnChunk> &chunks)
{
    for (const EncodedColumnChunk &e : chunks) {
        const size_t dictBytes = e.dictionary.size() * sizeof(double);
        Statement &st = *m_insert;
        st.reset();
        st.bind(1, m_datasetId);
        st.bind(2, m_columns[size_t(e.column)].name);
        st.bind(3, qint64(e.chunk));
        st.bind(4, qint64(e.rows));
        st.bind(5, e.encoding);
        if (e.dictionary.empty())
            st.bindNull(6);
        else
            st.bindBlobStatic(6, reinterpret_cast<const uint8_t *>(e.dictionary.data()),
                              int(dictBytes));
        st.bindBlobStatic(7, e.data.data(), int(e.data.size()));
        st.bind(8, qint64(e.checksum));
        if (!st.exec()) {
            m_error = st.error();
            return false;
        }
    }
    return true;
}

bool ColumnStore::Writer::flush()
{
    std::vector<EncodedColumnChunk> chunks;
    encodeBuffered(&chunks);
    return store(chunks);
}

bool ColumnStore::Writer::finish()
{
    if (!flush())
        return false;
    Statement st(m_db, QStringLiteral("INSERT INTO column_copy(dataset_id, format, rows, "
                                      "rows_per_chunk, columns, built_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?)"));
    st.bind(1, m_datasetId);
    st.bind(2, kFormat);
    st.bind(3, qint64(m_rows));
    st.bind(4, qint64(kRowsPerChunk));
    st.bind(5, columnsJson(m_columns));
    st.bind(6, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    if (!st.exec()) {
        m_error = st.error();
        return false;
    }
    return true;
}

std::vector<ColumnStore::Column> ColumnStore::columnsOf(const DatasetInfo &info)
{
    std::vector<Column> out;
    for (const SilverColumn &c : info.columns)
        out.push_back({c.name, c.categorical});
    return out;
}

QString ColumnStore::staleness(Database &db, const DatasetInfo &info)
{
    Statement st(db, QStringLiteral("SELECT format, rows, columns FROM "
                                    "column_copy WHERE dataset_id = ?"));
    st.bind(1, info.id);
    if (!st.step())
        return st.ok() ? QStringLiteral("the dataset has no columnar copy yet") : st.error();
    if (st.columnInt(0) != kFormat)
        return QStringLiteral("the columnar copy has format %1, this version reads %2")
            .arg(st.columnInt(0))
            .arg(kFormat);
    // rows_per_chunk is not checked: readers take each chunk's own row count, so a copy made
    // with another chunk size (262,144 before 7 Dec 2026) reads the same and is kept.
    if (st.columnInt64(1) != info.rowsRead)
        return QStringLiteral("the columnar copy holds %1 rows, the dataset %2")
            .arg(st.columnInt64(1))
            .arg(info.rowsRead);
    if (st.columnText(2) != columnsJson(columnsOf(info)))
        return QStringLiteral("the columnar copy's columns are not the dataset's");
    return {};
}

std::optional<DataFrame> ColumnStore::read(Database &db, const DatasetInfo &info,
                                           const QStringList &names, QString *why)
{
    const auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    const QString stale = staleness(db, info);
    if (!stale.isEmpty())
        return fail(stale);

    // The columns to read, in silver order, and the target.
    std::vector<const SilverColumn *> wanted;
    const SilverColumn *target = nullptr;
    for (const QString &name : names)
        if (std::none_of(info.columns.begin(), info.columns.end(),
                         [&](const SilverColumn &c) { return c.name == name; }))
            return fail(QStringLiteral("no column '%1' in dataset %2").arg(name).arg(info.id));
    for (const SilverColumn &c : info.columns) {
        if (c.name == kTargetColumn)
            target = &c;
        else if (names.isEmpty() || names.contains(c.name))
            wanted.push_back(&c);
    }
    if (!target)
        return fail(QStringLiteral("dataset %1 has no target column").arg(info.id));

    const size_t n = size_t(info.rowsRead);
    {
        // The rows the target's chunks hold, before anything of that size is allocated: a
        // catalogue row claiming more rows than the file holds fails here, not in the allocator.
        Statement held(db, QStringLiteral("SELECT sum(rows), sum(length(data)) FROM column_chunk "
                                          "WHERE dataset_id = ? AND column_name = ?"));
        held.bind(1, info.id);
        held.bind(2, target->name);
        if (!held.step() || held.columnInt64(0) != info.rowsRead ||
            held.columnInt64(1) < info.rowsRead)
            return fail(QStringLiteral("the columnar copy's target holds %1 rows, the dataset %2")
                            .arg(held.columnInt64(0))
                            .arg(info.rowsRead));
    }
    std::unordered_map<QString, QStringList> levels;
    {
        Statement st(db, QStringLiteral("SELECT column_name, code, label FROM category_level "
                                        "WHERE dataset_id = ? ORDER BY column_name, code"));
        st.bind(1, info.id);
        while (st.step()) {
            QStringList &l = levels[st.columnText(0)];
            const int code = st.columnInt(1);
            while (l.size() <= code)
                l << QString();
            l[code] = st.columnText(2);
        }
        if (!st.ok())
            return fail(st.error());
    }

    ChunkScanner chunks(db, info.id, n);
    const auto readColumn = [&chunks](const QString &name, const auto &sink) {
        return chunks.scan(name, sink);
    };
    // Numbers: each chunk's slots through its dictionary, or its doubles as they are.
    const auto numberSink = [](double *out) {
        return [out](size_t at, size_t rows, int encoding, const uint8_t *data,
                     const std::vector<double> &dict) -> QString {
            const double nan = std::numeric_limits<double>::quiet_NaN();
            if (encoding == Float64) {
                std::memcpy(out + at, data, rows * sizeof(double));
                return {};
            }
            if (encoding != Dict8 && encoding != Dict16)
                return QStringLiteral("a number column holds codes");
            const int width = widthOf(encoding);
            for (size_t i = 0; i < rows; ++i) {
                const uint32_t s = slotOf(data, width, i);
                if (s > dict.size())
                    return QStringLiteral("a value outside its dictionary");
                out[at + i] = s == 0 ? nan : dict[s - 1];
            }
            return {};
        };
    };

    // Numbers: the column's dictionary is the union of its chunks' ones (read first: they
    // are small), and each chunk's indexes go through a table from its dictionary to the
    // column's straight into the column's codes, 1 or 2 bytes a row. A column with a chunk of
    // doubles or too many distinct values is read as doubles.
    Statement dictionaries(db, QStringLiteral("SELECT encoding, dictionary FROM column_chunk "
                                              "WHERE dataset_id = ? AND column_name = ? "
                                              "ORDER BY chunk"));
    const auto readNumbers = [&](const QString &name, NumberColumn *out) -> QString {
        dictionaries.reset();
        dictionaries.bind(1, info.id);
        dictionaries.bind(2, name);
        std::unordered_set<uint64_t> distinct;
        bool coded = true;
        while (coded && dictionaries.step()) {
            const QByteArray blob = dictionaries.columnBlob(1);
            coded = dictionaries.columnInt(0) != Float64;
            // A damaged blob is reported by readColumn(), which checks every chunk.
            for (qsizetype at = 0; coded && at + 8 <= blob.size(); at += 8) {
                uint64_t bits;
                std::memcpy(&bits, blob.constData() + at, 8);
                double v;
                std::memcpy(&v, &bits, 8);
                if (!std::isnan(v))
                    distinct.insert(bits);
                coded = distinct.size() <= NumberColumn::kMaxDistinct;
            }
        }
        if (!dictionaries.ok())
            return dictionaries.error();
        if (!coded) {
            std::vector<double> values(n);
            const QString bad = readColumn(name, numberSink(values.data()));
            *out = NumberColumn::doubles(std::move(values));
            return bad;
        }
        std::vector<double> dictionary;
        dictionary.reserve(distinct.size());
        for (const uint64_t bits : distinct) {
            double v;
            std::memcpy(&v, &bits, 8);
            dictionary.push_back(v);
        }
        distinct = {};
        std::sort(dictionary.begin(), dictionary.end(), NumberColumn::dictionaryLess);
        CodeColumn codes;
        const int width = CodeColumn::widthFor(int(dictionary.size()));
        uint8_t *bytes = codes.bytesForWidth(width, n);
        std::vector<uint16_t> toColumn; // per chunk slot: the column's slot
        const QString bad = readColumn(
            name,
            [&](size_t at, size_t rows, int encoding, const uint8_t *data,
                const std::vector<double> &dict) -> QString {
                if (encoding != Dict8 && encoding != Dict16)
                    return QStringLiteral("a number column holds codes");
                toColumn.assign(dict.size() + 1, 0);
                for (size_t k = 0; k < dict.size(); ++k) {
                    if (std::isnan(dict[k]))
                        continue;
                    const auto it = std::lower_bound(dictionary.begin(), dictionary.end(), dict[k],
                                                     NumberColumn::dictionaryLess);
                    if (it == dictionary.end() || std::memcmp(&*it, &dict[k], sizeof(double)) != 0)
                        return QStringLiteral("a value outside the column's dictionary");
                    toColumn[k + 1] = uint16_t(it - dictionary.begin() + 1);
                }
                auto *out16 = reinterpret_cast<uint16_t *>(bytes);
                const bool ok =
                    encoding == Dict8
                        ? (width == 1 ? remapSlots<uint8_t>(data, rows, toColumn, bytes + at)
                                      : remapSlots<uint8_t>(data, rows, toColumn, out16 + at))
                        : (width == 1 ? remapSlots<uint16_t>(data, rows, toColumn, bytes + at)
                                      : remapSlots<uint16_t>(data, rows, toColumn, out16 + at));
                return ok ? QString() : QStringLiteral("a value outside its dictionary");
            });
        *out = NumberColumn::coded(std::move(dictionary), std::move(codes));
        return bad;
    };

    DataFrame frame;
    {
        // Straight into bytes (as the silver read takes them: NULL is 0): a column of doubles
        // first would be 8 bytes a row for a 0 or a 1.
        std::vector<uint8_t> target01(n);
        const auto toByte = [](double v) { return std::isnan(v) ? uint8_t(0) : uint8_t(int(v)); };
        const QString bad =
            readColumn(target->name,
                       [&](size_t at, size_t rows, int encoding, const uint8_t *data,
                           const std::vector<double> &dict) -> QString {
                           if (encoding == Float64) {
                               for (size_t i = 0; i < rows; ++i) {
                                   double v;
                                   std::memcpy(&v, data + i * sizeof(double), sizeof(double));
                                   target01[at + i] = toByte(v);
                               }
                               return {};
                           }
                           if (encoding != Dict8 && encoding != Dict16)
                               return QStringLiteral("the target holds codes");
                           std::vector<uint8_t> bySlot(dict.size() + 1, 0);
                           for (size_t k = 0; k < dict.size(); ++k)
                               bySlot[k + 1] = toByte(dict[k]);
                           const int width = widthOf(encoding);
                           for (size_t i = 0; i < rows; ++i) {
                               const uint32_t slot = slotOf(data, width, i);
                               if (slot >= bySlot.size())
                                   return QStringLiteral("a value outside its dictionary");
                               target01[at + i] = bySlot[slot];
                           }
                           return {};
                       });
        if (!bad.isEmpty())
            return fail(bad);
        frame.setTarget(std::move(target01));
    }
    for (const SilverColumn *c : wanted) {
        FrameColumn f;
        f.name = c->name;
        f.derived = c->derived;
        QString bad;
        if (c->categorical) {
            f.kind = ColumnKind::Categorical;
            f.levels = levels[c->name];
            const int levelCount = int(f.levels.size());
            const int width = CodeColumn::widthFor(levelCount);
            uint8_t *out = f.codes.bytesForWidth(width, n);
            bad = readColumn(
                c->name,
                [&](size_t at, size_t rows, int encoding, const uint8_t *data,
                    const std::vector<double> &) -> QString {
                    const int from = widthOf(encoding);
                    if (encoding != Slots8 && encoding != Slots16 && encoding != Slots32)
                        return QStringLiteral("a categorical column holds numbers");
                    if (from == width) {
                        std::memcpy(out + at * size_t(width), data, rows * size_t(width));
                        for (size_t i = 0; i < rows; ++i)
                            if (slotOf(data, width, i) > uint32_t(levelCount))
                                return QStringLiteral("a code without a level");
                        return {};
                    }
                    for (size_t i = 0; i < rows; ++i) {
                        const uint32_t s = slotOf(data, from, i);
                        if (s > uint32_t(levelCount))
                            return QStringLiteral("a code without a level");
                        f.codes.set(at + i, int32_t(s) - 1);
                    }
                    return {};
                });
        } else {
            f.kind = ColumnKind::Numeric;
            bad = readNumbers(c->name, &f.numbers);
        }
        if (!bad.isEmpty())
            return fail(bad);
        frame.addColumn(std::move(f));
    }
    return frame;
}

bool ColumnStore::readChunks(Database &db, const DatasetInfo &info, const QString &column,
                             const std::function<bool(const ChunkSlots &)> &visit, QString *why)
{
    const auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    const QString stale = staleness(db, info);
    if (!stale.isEmpty())
        return fail(stale);
    const auto c = std::find_if(info.columns.begin(), info.columns.end(),
                                [&](const SilverColumn &s) { return s.name == column; });
    if (c == info.columns.end())
        return fail(QStringLiteral("no column '%1' in dataset %2").arg(column).arg(info.id));
    const bool categorical = c->categorical;
    ChunkSlots chunk;
    bool stopped = false;
    ChunkScanner chunks(db, info.id, size_t(info.rowsRead));
    const QString bad = chunks.scan(
        column,
        [&](size_t at, size_t rows, int encoding, const uint8_t *data,
            const std::vector<double> &dict) -> QString {
            chunk.firstRow = int64_t(at);
            chunk.slots.resize(rows);
            chunk.values.clear();
            const int width = widthOf(encoding);
            const bool codes = encoding == Slots8 || encoding == Slots16 || encoding == Slots32;
            if (codes != categorical)
                return categorical ? QStringLiteral("a categorical column holds numbers")
                                   : QStringLiteral("a number column holds codes");
            if (encoding == Float64) {
                // A table of its own distinct values, so that readers see one shape of chunk.
                std::vector<double> value(rows);
                std::memcpy(value.data(), data, rows * sizeof(double));
                std::vector<double> &distinct = chunk.values;
                for (const double v : value)
                    if (!std::isnan(v))
                        distinct.push_back(v);
                std::sort(distinct.begin(), distinct.end());
                distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
                for (size_t i = 0; i < rows; ++i) {
                    const auto it = std::lower_bound(distinct.begin(), distinct.end(), value[i]);
                    chunk.slots[i] = std::isnan(value[i]) ? 0 : uint32_t(it - distinct.begin()) + 1;
                }
            } else {
                for (size_t i = 0; i < rows; ++i)
                    chunk.slots[i] = slotOf(data, width, i);
                if (!codes) {
                    chunk.values = dict;
                    for (size_t i = 0; i < rows; ++i)
                        if (chunk.slots[i] > dict.size())
                            return QStringLiteral("a value outside its dictionary");
                }
            }
            if (!visit(chunk)) {
                stopped = true;
                return QStringLiteral("the reader stopped");
            }
            return {};
        });
    if (!bad.isEmpty())
        return fail(stopped ? QStringLiteral("the read of column %1 was stopped").arg(column)
                            : bad);
    return true;
}

bool ColumnStore::rebuild(Database &db, const DatasetInfo &info, QString *error)
{
    const auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return false;
    };
    // While another connection writes (an import), the caller reads the silver table rather
    // than wait: the copy is made on a later use.
    constexpr int kLockWaitMs = 250;
    db.setBusyTimeout(kLockWaitMs);
    Transaction tx(db);
    db.setBusyTimeout(Database::kBusyTimeoutMs);
    if (!tx.isActive())
        return fail(db.lastError());
    const std::vector<Column> columns = columnsOf(info);
    Writer writer(db, info.id, columns);
    if (!writer.begin())
        return fail(writer.lastError());
    QStringList select;
    for (const Column &c : columns)
        select << Database::quoteIdentifier(c.name);
    Statement st(db, QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
                         .arg(select.join(QStringLiteral(", ")),
                              Database::quoteIdentifier(info.silverTable()),
                              Database::quoteIdentifier(info.rowIdColumn)));
    sqlite3_stmt *h = st.handle();
    while (st.step()) {
        for (int c = 0; c < int(columns.size()); ++c) {
            ImportCell cell;
            switch (sqlite3_column_type(h, c)) {
            case SQLITE_INTEGER:
                cell.kind = ImportCell::Int;
                cell.i = sqlite3_column_int64(h, c);
                break;
            case SQLITE_FLOAT:
                cell.kind = ImportCell::Real;
                cell.d = sqlite3_column_double(h, c);
                break;
            case SQLITE_NULL:
                break;
            default: // text or a blob in an analysis column: read as SQLite converts it
                cell.kind = columns[size_t(c)].categorical ? ImportCell::Int : ImportCell::Real;
                if (cell.kind == ImportCell::Int)
                    cell.i = sqlite3_column_int64(h, c);
                else
                    cell.d = sqlite3_column_double(h, c);
            }
            writer.put(c, cell);
        }
        if (!writer.endRow())
            return fail(writer.lastError());
    }
    if (!st.ok())
        return fail(st.error());
    if (!writer.finish())
        return fail(writer.lastError());
    if (!tx.commit())
        return fail(db.lastError());
    return true;
}

} // namespace cl
