// The columnar copy of a dataset (issue 13): equal to the silver table on every column, rebuilt
// when missing, stale or damaged, read in part, and safe against kill -9 while it is written.
#include "TestSupport.h"
#include "data/NumberColumn.h"
#include "import/CsvImporter.h"
#include "store/ColumnStore.h"
#include "store/Database.h"
#include "store/FrameLoader.h"
#include "store/Statement.h"
#include "store/Workspace.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace cl;

namespace {

/// Same values, NaN where the other has NaN, and the same bits otherwise (-0.0 stays -0.0).
bool sameNumbers(const std::vector<double> &a, const std::vector<double> &b, size_t *where)
{
    if (a.size() != b.size()) {
        *where = std::min(a.size(), b.size());
        return false;
    }
    for (size_t i = 0; i < a.size(); ++i) {
        const bool same =
            std::isnan(a[i]) ? std::isnan(b[i]) : std::memcmp(&a[i], &b[i], sizeof(double)) == 0;
        if (!same) {
            *where = i;
            return false;
        }
    }
    return true;
}

/// The values of a column of the dataset's silver table, read through SQL (NULL: NaN).
std::vector<double> silverNumbers(Workspace &ws, const DatasetInfo &info, const QString &column)
{
    Statement st(ws.db(), QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
                              .arg(Database::quoteIdentifier(column),
                                   Database::quoteIdentifier(info.silverTable()),
                                   Database::quoteIdentifier(info.rowIdColumn)));
    std::vector<double> out;
    while (st.step())
        out.push_back(st.isNull(0) ? std::nan("") : st.columnDouble(0));
    return out;
}

/// Why `c`'s values differ from `expected` or its codes are no dictionary's (empty: they
/// are the same, bit for bit, and a coded column's dictionary is ascending and distinct).
QString checkNumbers(const FrameColumn &c, const std::vector<double> &expected)
{
    if (c.isCategorical())
        return QStringLiteral("%1 is categorical").arg(c.name);
    size_t where = 0;
    if (!sameNumbers(c.numbers.toVector(), expected, &where))
        return QStringLiteral("%1: row %2 differs").arg(c.name).arg(where);
    // The accessors agree with the block decode.
    for (size_t row = 0; row < expected.size(); row += 997) {
        double block[3] = {0, 0, 0};
        const size_t count = std::min<size_t>(3, expected.size() - row);
        c.valuesInto(row, count, block);
        for (size_t k = 0; k < count; ++k)
            if (!sameNumbers({c.value(row + k)}, {block[k]}, &where) ||
                !sameNumbers({block[k]}, {expected[row + k]}, &where))
                return QStringLiteral("%1: value(%2) or valuesInto differ").arg(c.name).arg(row);
    }
    if (!c.numbers.isCoded())
        return {};
    const std::vector<double> dictionary = c.numbers.dictionary();
    for (size_t k = 1; k < dictionary.size(); ++k)
        if (!NumberColumn::dictionaryLess(dictionary[k - 1], dictionary[k]))
            return QStringLiteral("%1: dictionary not ascending at %2").arg(c.name).arg(k);
    if (c.numbers.codes().width() != CodeColumn::widthFor(int(dictionary.size())))
        return QStringLiteral("%1: %2-byte codes for %3 values")
            .arg(c.name)
            .arg(c.numbers.codes().width())
            .arg(dictionary.size());
    return {};
}

/// Every column of `a` equals the same column of `b`: kind, levels, codes or values, target.
QString compareFrames(const DataFrame &a, const DataFrame &b)
{
    if (a.rowCount() != b.rowCount())
        return QStringLiteral("rows %1 vs %2").arg(a.rowCount()).arg(b.rowCount());
    if (a.target() != b.target())
        return QStringLiteral("target differs");
    if (a.columnNames() != b.columnNames())
        return QStringLiteral("columns %1 vs %2")
            .arg(a.columnNames().join(','), b.columnNames().join(','));
    for (const FrameColumn &c : a.columns()) {
        const FrameColumn *d = b.column(c.name);
        if (c.kind != d->kind || c.levels != d->levels || c.derived != d->derived)
            return QStringLiteral("%1: kind or levels differ").arg(c.name);
        if (c.isCategorical()) {
            if (c.codes != d->codes)
                return QStringLiteral("%1: codes differ").arg(c.name);
            if (c.codes.width() != CodeColumn::widthFor(c.levelCount()))
                return QStringLiteral("%1: %2-byte codes for %3 levels")
                    .arg(c.name)
                    .arg(c.codes.width())
                    .arg(c.levelCount());
        } else {
            size_t where = 0;
            if (!sameNumbers(c.numbers.toVector(), d->numbers.toVector(), &where))
                return QStringLiteral("%1: row %2 differs").arg(c.name).arg(where);
        }
    }
    return {};
}

} // namespace

class TestColumnStore : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    /// Imports `path` into a fresh workspace; the dataset id, or -1.
    qint64 importInto(Workspace &ws, const QString &path, const QString &wsName)
    {
        if (!ws.open(m_dir.filePath(wsName)))
            return -1;
        ImportOptions o;
        o.path = path;
        const ImportResult r = CsvImporter(ws).run(o);
        if (!r.ok())
            qWarning() << r.error;
        return r.ok() ? r.datasetId : -1;
    }

    /// Why the dataset's copy cannot be read (empty: it can, whole).
    static QString copyState(Workspace &ws, qint64 id)
    {
        const auto info = ws.dataset(id);
        if (!info)
            return QStringLiteral("no dataset");
        QString why;
        return ColumnStore::read(ws.db(), *info, {}, &why) ? QString() : why;
    }

    /// A CSV that exercises the encodings: more than one chunk of rows, a number with more
    /// distinct values than a dictionary holds, a categorical of 300 levels (2-byte codes),
    /// empty cells, -0.0 and a sentinel.
    QString writeOddFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("odd.csv"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        QByteArray all = "age;job;amount;pdays;y\n";
        const int rows = int(ColumnStore::kRowsPerChunk) + 1234;
        for (int i = 0; i < rows; ++i) {
            const QByteArray amount = i % 97 == 0   ? QByteArray()
                                      : i % 89 == 0 ? QByteArray("-0.0")
                                                    : QByteArray::number(i * 0.25 + 0.125, 'g', 17);
            all += QByteArray::number(18 + i % 70) + ';' +
                   (i % 53 == 0 ? QByteArray() : "job" + QByteArray::number(i % 300)) + ';' +
                   amount + ';' + (i % 3 ? QByteArray("999") : QByteArray::number(i % 30)) + ';' +
                   (i % 9 == 0 ? "yes" : "no") + '\n';
        }
        f.write(all);
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void copyEqualsSilverOnTheBankFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("bank-additional-full") << "bank-additional-full.csv";
        QTest::newRow("bank-full") << "bank-full.csv";
        QTest::newRow("bank") << "bank.csv";
    }
    void copyEqualsSilverOnTheBankFiles()
    {
        QFETCH(QString, file);
        const QString path = cl::test::sharedBankFile(file);
        if (path.isEmpty())
            QSKIP("../shared/data/uci-bank-marketing not present: skipped");
        Workspace ws;
        const qint64 id = importInto(ws, path, file + QStringLiteral(".clw"));
        QVERIFY(id > 0);
        // The import wrote the copy with the dataset.
        QCOMPARE(copyState(ws, id), QString());
        QString error;
        const auto copy = loadFrame(ws, id, &error);
        QVERIFY2(copy, qPrintable(error));
        const auto silver = loadFrameFromSilver(ws, id, {}, &error);
        QVERIFY2(silver, qPrintable(error));
        QVERIFY(silver->columnCount() >= 16);
        const QString diff = compareFrames(*copy, *silver);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    // Issue "a bank's full contact history on one desktop": numbers are held as codes into
    // their distinct values, and give back every value of the silver table bit for bit.
    void numbersAsCodesEqualTheSilverTableOnTheBankFiles_data()
    {
        copyEqualsSilverOnTheBankFiles_data();
    }
    void numbersAsCodesEqualTheSilverTableOnTheBankFiles()
    {
        QFETCH(QString, file);
        const QString path = cl::test::sharedBankFile(file);
        if (path.isEmpty())
            QSKIP("../shared/data/uci-bank-marketing not present: skipped");
        Workspace ws;
        const qint64 id = importInto(ws, path, QStringLiteral("numbers-") + file + ".clw");
        QVERIFY(id > 0);
        const auto info = ws.dataset(id);
        QVERIFY(info);
        const auto copy = loadFrame(ws, id);
        const auto silver = loadFrameFromSilver(ws, id);
        QVERIFY(copy && silver);
        int numeric = 0;
        for (const SilverColumn &c : info->columns) {
            if (c.categorical || c.name == kTargetColumn)
                continue;
            ++numeric;
            const std::vector<double> expected = silverNumbers(ws, *info, c.name);
            QCOMPARE(expected.size(), copy->rowCount());
            for (const DataFrame *frame : {&*copy, &*silver}) {
                const FrameColumn *f = frame->column(c.name);
                QVERIFY2(f, qPrintable(c.name));
                QCOMPARE(checkNumbers(*f, expected), QString());
                // The bank's numbers have at most a few thousand distinct values: 1 or 2
                // bytes a row, never 8.
                QVERIFY2(f->numbers.isCoded(), qPrintable(c.name));
                QVERIFY(f->numbers.codes().width() <= 2);
                QVERIFY(f->numbers.memoryBytes() <= 2 * f->rowCount() + 8 * 65536);
            }
            // Both loaders code alike: the same dictionary and the same codes.
            QCOMPARE(copy->column(c.name)->numbers.dictionary().size(),
                     silver->column(c.name)->numbers.dictionary().size());
            QVERIFY(copy->column(c.name)->numbers.codes() ==
                    silver->column(c.name)->numbers.codes());
        }
        QVERIFY2(numeric >= 7, qPrintable(QString::number(numeric)));
    }

    // A number column keeps codes up to 65,535 distinct values over the whole column, however
    // its chunks' dictionaries split them, and doubles beyond; missing cells, -0.0 and chunks
    // that meet the same values in another order all come back as the silver table has them.
    void numberColumnsKeepCodesUpTo65535DistinctValues()
    {
        const QString path = m_dir.filePath(QStringLiteral("distinct.csv"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray all = "edge;over;spread;gaps;y\n";
            const int first = int(ColumnStore::kRowsPerChunk);
            const int rows = first + 30000;
            const auto num = [](double v) { return QByteArray::number(v, 'g', 17); };
            for (int i = 0; i < rows; ++i) {
                const bool second = i >= first;
                // 40,000 distinct values in the first chunk, 25,535 (edge), 25,536 (over) or
                // 40,000 (spread) more in the second: 65,535, 65,536 and 80,000 in all.
                const double edge = second ? 40000.5 + (i - first) % 25535 : 0.5 + i % 40000;
                const double over = second ? 40000.5 + (i - first) % 25536 : 0.5 + i % 40000;
                const double spread = second ? 40000.5 + (i - first) % 40000 : 0.5 + i % 40000;
                // Descending in the first chunk, ascending in the second.
                const QByteArray gaps = i % 7 == 0    ? QByteArray()
                                        : i % 11 == 0 ? QByteArray("-0.0")
                                        : second      ? num(3.125 + (i % 50) * 0.25)
                                                      : num(100 - (i % 50) * 0.25);
                all += num(edge) + ';' + num(over) + ';' + num(spread) + ';' + gaps + ';' +
                       (i % 9 == 0 ? "yes" : "no") + '\n';
            }
            QCOMPARE(f.write(all), qint64(all.size()));
        }
        Workspace ws;
        const qint64 id = importInto(ws, path, QStringLiteral("distinct.clw"));
        QVERIFY(id > 0);
        const auto info = ws.dataset(id);
        QVERIFY(info);
        QCOMPARE(copyState(ws, id), QString());
        const auto copy = loadFrame(ws, id);
        const auto silver = loadFrameFromSilver(ws, id);
        QVERIFY(copy && silver);
        const QList<std::pair<QString, bool>> expectCoded = {{QStringLiteral("edge"), true},
                                                             {QStringLiteral("over"), false},
                                                             {QStringLiteral("spread"), false},
                                                             {QStringLiteral("gaps"), true}};
        for (const auto &[name, coded] : expectCoded) {
            const std::vector<double> expected = silverNumbers(ws, *info, name);
            for (const DataFrame *frame : {&*copy, &*silver}) {
                const FrameColumn *c = frame->column(name);
                QVERIFY2(c, qPrintable(name));
                QCOMPARE(checkNumbers(*c, expected), QString());
                QCOMPARE(c->numbers.isCoded(), coded);
            }
        }
        const NumberColumn &edge = copy->column(QStringLiteral("edge"))->numbers;
        QCOMPARE(edge.dictionary().size(), size_t(65535));
        QCOMPARE(edge.codes().width(), 2);
        const NumberColumn &gaps = copy->column(QStringLiteral("gaps"))->numbers;
        QCOMPARE(gaps.codes().width(), 1);
        QVERIFY(std::isnan(gaps[0]) && std::isnan(gaps[7]));
    }

    // A chunk keeps a dictionary while it has fewer distinct numbers than three quarters of a
    // full chunk, where the dictionary and its 2-byte indexes stop being smaller than the
    // doubles; from there on it stores doubles. Either way the frame gets the silver values.
    void chunkStoresDoublesFromThreeQuartersDistinct_data()
    {
        QTest::addColumn<int>("distinct");
        QTest::addColumn<int>("encoding");
        const int limit = int(ColumnStore::kRowsPerChunk * 3 / 4);
        QTest::newRow("one under") << limit - 1 << 12; // Dict16
        QTest::newRow("at the limit") << limit << 20;  // Float64
        QTest::newRow("all distinct") << int(ColumnStore::kRowsPerChunk) << 20;
    }
    void chunkStoresDoublesFromThreeQuartersDistinct()
    {
        QFETCH(int, distinct);
        QFETCH(int, encoding);
        const QString path = m_dir.filePath(QStringLiteral("limit-%1.csv").arg(distinct));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray all = "amount;y\n";
            for (int i = 0; i < int(ColumnStore::kRowsPerChunk); ++i)
                all += QByteArray::number(i < distinct ? 0.25 + i : 0.25, 'g', 17) +
                       (i % 9 == 0 ? ";yes\n" : ";no\n");
            QCOMPARE(f.write(all), qint64(all.size()));
        }
        Workspace ws;
        const qint64 id = importInto(ws, path, QStringLiteral("limit-%1.clw").arg(distinct));
        QVERIFY(id > 0);
        Statement chunk(ws.db(), QStringLiteral("SELECT encoding FROM column_chunk WHERE "
                                                "dataset_id = ? AND column_name = 'amount'"));
        chunk.bind(1, id);
        QVERIFY(chunk.step());
        QCOMPARE(chunk.columnInt(0), encoding);
        QVERIFY(!chunk.step()); // one chunk
        const auto info = ws.dataset(id);
        const auto copy = loadFrame(ws, id);
        QVERIFY(info && copy);
        QCOMPARE(checkNumbers(*copy->column(QStringLiteral("amount")),
                              silverNumbers(ws, *info, QStringLiteral("amount"))),
                 QString());
    }

    // NumberColumn on its own: every value back with its bits (missing values as NaN, -0.0
    // apart from 0.0, infinities, subnormals), codes while there are at most 65,535 distinct
    // values, doubles from 65,536 on, and the row-by-row builder gives the same column.
    void numberColumnGivesBackEveryValue_data()
    {
        QTest::addColumn<int>("distinct");
        QTest::addColumn<bool>("coded");
        QTest::addColumn<int>("width");
        QTest::newRow("none") << 0 << true << 1;
        QTest::newRow("255") << 255 << true << 1;
        QTest::newRow("256") << 256 << true << 2;
        QTest::newRow("65,535") << 65535 << true << 2;
        QTest::newRow("65,536") << 65536 << false << 0;
        QTest::newRow("100,000") << 100000 << false << 0;
    }
    void numberColumnGivesBackEveryValue()
    {
        QFETCH(int, distinct);
        QFETCH(bool, coded);
        QFETCH(int, width);
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double specials[] = {-0.0,
                                   0.0,
                                   std::numeric_limits<double>::infinity(),
                                   -std::numeric_limits<double>::infinity(),
                                   std::numeric_limits<double>::denorm_min(),
                                   -1e300,
                                   65535.0,
                                   65536.0,
                                   0.1};
        // `distinct` values (specials first), each twice, with NaN between, shuffled.
        std::vector<double> values;
        for (int k = 0; k < distinct; ++k) {
            const double v =
                k < int(std::size(specials)) ? specials[k] : (k % 2 ? -1.0 : 1.0) * k * 0.75;
            values.push_back(v);
            values.push_back(nan);
            values.push_back(v);
        }
        values.push_back(nan);
        std::mt19937 rng(7);
        std::shuffle(values.begin(), values.end(), rng);

        const NumberColumn column(values);
        NumberColumn::Builder builder;
        for (const double v : values)
            builder.push_back(v);
        const NumberColumn built = builder.finish();
        for (const NumberColumn *c : {&column, &built}) {
            QCOMPARE(c->size(), values.size());
            QCOMPARE(c->isCoded(), coded);
            size_t where = 0;
            QVERIFY2(sameNumbers(c->toVector(), values, &where),
                     qPrintable(QString::number(where)));
            for (size_t row = 0; row < values.size(); row += 101)
                QVERIFY(sameNumbers({(*c)[row]}, {values[row]}, &where));
            std::vector<double> block(50);
            const size_t from = values.size() / 3;
            c->valuesInto(from, std::min(block.size(), values.size() - from), block.data());
            for (size_t k = 0; k < block.size() && from + k < values.size(); ++k)
                QVERIFY(sameNumbers({block[k]}, {values[from + k]}, &where));
            if (coded) {
                QCOMPARE(c->codes().width(), width);
                QCOMPARE(c->dictionary().size(), size_t(distinct));
                QCOMPARE(c->memoryBytes(),
                         values.size() * size_t(width) + (size_t(distinct) + 1) * sizeof(double));
            } else {
                QVERIFY(c->data() != nullptr);
            }
        }
        QVERIFY(column == built);
        QVERIFY(column.codes() == built.codes());
        if (distinct >= 2) {
            // -0.0 comes before 0.0, and both are kept.
            const std::vector<double> d = column.dictionary();
            if (coded) {
                const auto zero = std::find(d.begin(), d.end(), 0.0);
                QVERIFY(zero != d.end() && zero + 1 != d.end());
                QVERIFY(std::signbit(*zero) && !std::signbit(*(zero + 1)));
            }
        }
        const FrameColumn f = FrameColumn::numeric(QStringLiteral("x"), values);
        QCOMPARE(f.rowCount(), values.size());
        QVERIFY(f.numbers == column);
    }

    void copyEqualsSilverOnFixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("mini with unknowns") << "mini_bank_additional.csv";
        QTest::newRow("bad rows") << "mini_bank_bad_rows.csv";
        QTest::newRow("cp1252 export") << "custom_export_cp1252.csv";
        QTest::newRow("ui small") << "ui_small.csv";
    }
    void copyEqualsSilverOnFixtures()
    {
        QFETCH(QString, file);
        Workspace ws;
        const qint64 id = importInto(ws, QFINDTESTDATA("data/" + file), file + ".clw");
        QVERIFY(id > 0);
        QCOMPARE(copyState(ws, id), QString());
        const auto copy = loadFrame(ws, id);
        const auto silver = loadFrameFromSilver(ws, id);
        QVERIFY(copy && silver);
        const QString diff = compareFrames(*copy, *silver);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    // Two chunks, a number column stored as doubles (over 65,535 distinct values), 2-byte codes,
    // missing cells, -0.0 and the pdays sentinel all come back as the silver table has them.
    void copyEqualsSilverAcrossChunksAndEncodings()
    {
        const QString path = writeOddFile();
        QVERIFY(!path.isEmpty());
        Workspace ws;
        const qint64 id = importInto(ws, path, QStringLiteral("odd.clw"));
        QVERIFY(id > 0);
        Statement chunks(ws.db(), QStringLiteral("SELECT count(DISTINCT chunk), "
                                                 "count(DISTINCT encoding) FROM column_chunk "
                                                 "WHERE dataset_id = ?"));
        chunks.bind(1, id);
        QVERIFY(chunks.step());
        QCOMPARE(chunks.columnInt(0), 2);
        QVERIFY2(chunks.columnInt(1) >= 3, "codes, dictionary and doubles"); // 1, 2 and 8 bytes
        const auto copy = loadFrame(ws, id);
        const auto silver = loadFrameFromSilver(ws, id);
        QVERIFY(copy && silver);
        QCOMPARE(qint64(copy->rowCount()), ColumnStore::kRowsPerChunk + 1234);
        const FrameColumn *job = copy->column(QStringLiteral("job"));
        QVERIFY(job && job->isCategorical());
        QVERIFY(job->levelCount() >= 300);
        QCOMPARE(job->codes.width(), 2);
        const QString diff = compareFrames(*copy, *silver);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void readsOnlyTheColumnsAskedFor()
    {
        const QString path = cl::test::sharedBankFile(QStringLiteral("bank-full.csv"));
        if (path.isEmpty())
            QSKIP("../shared/data/uci-bank-marketing not present: skipped");
        Workspace ws;
        const qint64 id = importInto(ws, path, QStringLiteral("part.clw"));
        QVERIFY(id > 0);
        const auto part = loadFrame(ws, id, {QStringLiteral("marital"), QStringLiteral("job")});
        QVERIFY(part);
        QCOMPARE(part->columnNames(),
                 (QStringList{QStringLiteral("job"), QStringLiteral("marital")}));
        QCOMPARE(part->rowCount(), size_t(45211));
        QCOMPARE(part->positives(), size_t(5289));
        const auto all = loadFrame(ws, id);
        QVERIFY(all);
        QVERIFY(part->column(QStringLiteral("job"))->codes ==
                all->column(QStringLiteral("job"))->codes);
        QString error;
        QVERIFY(!loadFrame(ws, id, {QStringLiteral("no_such_column")}, &error));
        QVERIFY2(error.contains(QLatin1String("no_such_column")), qPrintable(error));
        const auto schema = loadFrameSchema(ws, id);
        QVERIFY(schema);
        QCOMPARE(schema->rowCount(), size_t(0));
        QCOMPARE(schema->columnNames(), all->columnNames());
        QCOMPARE(schema->column(QStringLiteral("job"))->levels,
                 all->column(QStringLiteral("job"))->levels);
    }

    // A copy that is missing (a workspace from before issue 13), of an older format, or
    // damaged is made again from the silver table on first use; a read-only workspace reads
    // the silver table instead.
    void aMissingStaleOrDamagedCopyIsRebuilt_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing") << "DELETE FROM column_copy; DELETE FROM column_chunk"
                                 << "no columnar copy";
        QTest::newRow("old format") << "UPDATE column_copy SET format = 0"
                                    << "format 0";
        QTest::newRow("fewer rows") << "UPDATE column_copy SET rows = rows - 1"
                                    << "rows";
        QTest::newRow("a chunk changed")
            << "UPDATE column_chunk SET data = zeroblob(length(data)) WHERE column_name = 'job'"
            << "checksum";
        QTest::newRow("a chunk gone") << "DELETE FROM column_chunk WHERE column_name = 'age'"
                                      << "holds 0 rows";
    }
    void aMissingStaleOrDamagedCopyIsRebuilt()
    {
        QFETCH(QString, damage);
        QFETCH(QString, reason);
        const QString file = QFINDTESTDATA("data/mini_bank_additional.csv");
        const QString name = QStringLiteral("stale-%1.clw").arg(QTest::currentDataTag());
        qint64 id = -1;
        {
            Workspace ws;
            id = importInto(ws, file, name);
            QVERIFY(id > 0);
            QVERIFY(ws.db().exec(damage));
            const auto info = ws.dataset(id);
            QString why;
            QVERIFY(!ColumnStore::read(ws.db(), *info, {}, &why));
            QVERIFY2(why.contains(reason), qPrintable(why));
        }
        {
            // While another connection holds the write lock, the silver table answers.
            Workspace writer;
            QVERIFY(writer.open(m_dir.filePath(name)));
            QVERIFY(writer.db().exec(QStringLiteral("BEGIN IMMEDIATE")));
            Workspace ro;
            QVERIFY(ro.open(m_dir.filePath(name), nullptr, Workspace::Access::ReadOnly));
            const auto frame = loadFrame(ro, id);
            QVERIFY(frame);
            QVERIFY(!copyState(ro, id).isEmpty());
            QCOMPARE(compareFrames(*frame, *loadFrameFromSilver(ro, id)), QString());
            QVERIFY(writer.db().exec(QStringLiteral("ROLLBACK")));
            // Then a read-only connection has it made on a writable one of its own.
            QVERIFY(loadFrame(ro, id));
            QCOMPARE(copyState(ro, id), QString());
            QVERIFY(ro.isReadOnly());
        }
        {
            Workspace ws;
            QVERIFY(ws.open(m_dir.filePath(name)));
            QVERIFY(ws.db().exec(damage));
        }
        Workspace ws;
        QVERIFY(ws.open(m_dir.filePath(name)));
        const auto frame = loadFrame(ws, id);
        QVERIFY(frame);
        QCOMPARE(copyState(ws, id), QString());
        QCOMPARE(compareFrames(*frame, *loadFrameFromSilver(ws, id)), QString());
        // The worker's loader rebuilds on a writable connection of its own.
        QVERIFY(ws.db().exec(QStringLiteral("DELETE FROM column_copy")));
        QString error;
        const auto shared = loadSharedFrame(m_dir.filePath(name), id, &error);
        QVERIFY2(shared, qPrintable(error));
        QCOMPARE(copyState(ws, id), QString());
    }

    // A copy made with chunks of another size (262,144 rows before 7 Dec 2026) is read as it
    // is: readers take each chunk's own row count, so an upgrade rebuilds nothing.
    void aCopyOfAnotherChunkSizeIsKept()
    {
        const QString file = QFINDTESTDATA("data/mini_bank_additional.csv");
        Workspace ws;
        const qint64 id = importInto(ws, file, QStringLiteral("chunk-size.clw"));
        QVERIFY(id > 0);
        QVERIFY(ws.db().exec(QStringLiteral("UPDATE column_copy SET rows_per_chunk = 262144, "
                                            "built_at = 'before'")));
        const auto info = ws.dataset(id);
        QVERIFY(info);
        QCOMPARE(ColumnStore::staleness(ws.db(), *info), QString());
        const auto frame = loadFrame(ws, id);
        QVERIFY(frame);
        QCOMPARE(compareFrames(*frame, *loadFrameFromSilver(ws, id)), QString());
        Statement built(ws.db(), QStringLiteral("SELECT built_at FROM column_copy"));
        QVERIFY(built.step());
        QCOMPARE(built.columnText(0), QStringLiteral("before")); // not rebuilt
    }

    void removingADatasetRemovesItsCopy()
    {
        Workspace ws;
        const qint64 id =
            importInto(ws, QFINDTESTDATA("data/mini_bank_additional.csv"), "remove.clw");
        QVERIFY(id > 0);
        QVERIFY(ws.removeDataset(id));
        Statement left(ws.db(), QStringLiteral("SELECT (SELECT count(*) FROM column_chunk) + "
                                               "(SELECT count(*) FROM column_copy)"));
        QVERIFY(left.step());
        QCOMPARE(left.columnInt(0), 0);
    }

    // kill -9 while the copy is being rebuilt: the workspace stays readable, the dataset
    // usable, and the next use rebuilds the copy whole.
    void killDuringTheRebuildLeavesAUsableWorkspace()
    {
        const QString path = writeOddFile();
        QVERIFY(!path.isEmpty());
        const QString wsPath = m_dir.filePath(QStringLiteral("kill.clw"));
        qint64 id = -1;
        {
            Workspace ws;
            id = importInto(ws, path, QStringLiteral("kill.clw"));
            QVERIFY(id > 0);
        }
        int killedMidWrite = 0;
        for (const int afterMs : {30, 80, 150, 250, 400}) {
            {
                Workspace ws;
                QVERIFY(ws.open(wsPath));
                QVERIFY(ws.db().exec(QStringLiteral("DELETE FROM column_copy")));
            }
            QProcess cli;
            cli.start(QStringLiteral(CL_CLI_PATH),
                      {QStringLiteral("segments"), QStringLiteral("--workspace"), wsPath,
                       QStringLiteral("--by"), QStringLiteral("job")});
            QVERIFY(cli.waitForStarted());
            QTest::qWait(afterMs);
            const bool running = cli.state() == QProcess::Running;
            cli.kill(); // SIGKILL
            cli.waitForFinished();
            Workspace ws;
            QVERIFY(ws.open(wsPath, nullptr, Workspace::Access::ReadOnly));
            QVERIFY2(ws.damage().isEmpty(), qPrintable(ws.damageSummary()));
            if (running && !copyState(ws, id).isEmpty())
                ++killedMidWrite;
            const auto silver = loadFrameFromSilver(ws, id);
            QVERIFY(silver);
            QCOMPARE(qint64(silver->rowCount()), ColumnStore::kRowsPerChunk + 1234);
        }
        QVERIFY2(killedMidWrite > 0, "no kill landed while the copy was being written");
        Workspace ws;
        QVERIFY(ws.open(wsPath));
        const auto frame = loadFrame(ws, id);
        QVERIFY(frame);
        QCOMPARE(copyState(ws, id), QString());
        QCOMPARE(compareFrames(*frame, *loadFrameFromSilver(ws, id)), QString());
    }
};

QTEST_GUILESS_MAIN(TestColumnStore)
#include "tst_column_store.moc"
