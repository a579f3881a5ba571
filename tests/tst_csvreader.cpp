// Tests of the streaming CSV reader and dialect detection on small inputs of our own.
#include "source/CsvReader.h"
#include "source/CsvSource.h"
#include "source/DialectDetector.h"
#include "source/TextDecoder.h"
#include "source/TypeInference.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>
#include <random>

#include <sys/resource.h>

using cl::CsvReader;
using cl::CsvSource;
using cl::kCsvSourceKind;
using cl::SourceDescriptor;
using cl::SourceRecord;

namespace {

/// Writes `bytes` to `name` in `dir`; the path, or an empty string when it cannot.
QString writeText(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() ? path : QString();
}

/// Reads every record of an opened source.
void readToEnd(CsvSource &source)
{
    SourceRecord r;
    while (source.next(r)) {
    }
}

/// All records of a text as lists of fields.
QList<QStringList> readAll(const std::string &text, char delimiter)
{
    QList<QStringList> out;
    CsvReader reader = CsvReader::fromString(text, delimiter);
    while (reader.next()) {
        QStringList fields;
        for (auto f : reader.fields())
            fields << QString::fromUtf8(f.data(), qsizetype(f.size()));
        out << fields;
    }
    return out;
}

/// A reader of `text` (kept by the caller) whose source returns at most `chunk` bytes a read,
/// into a buffer of `blockSize`.
CsvReader chunkedReader(const std::string &text, char delimiter, size_t chunk,
                        size_t blockSize = size_t(1) << 20)
{
    auto offset = std::make_shared<size_t>(0);
    return CsvReader(
        [&text, offset, chunk](char *buffer, int64_t capacity) -> int64_t {
            const size_t n = std::min({chunk, size_t(capacity), text.size() - *offset});
            std::memcpy(buffer, text.data() + *offset, n);
            *offset += n;
            return int64_t(n);
        },
        delimiter, '"', blockSize);
}

/// The same input fed through a source that returns `chunk` bytes at a time.
QList<QStringList> readChunked(const std::string &text, char delimiter, size_t chunk)
{
    CsvReader reader = chunkedReader(text, delimiter, chunk);
    QList<QStringList> out;
    while (reader.next()) {
        QStringList fields;
        for (auto f : reader.fields())
            fields << QString::fromUtf8(f.data(), qsizetype(f.size()));
        out << fields;
    }
    return out;
}

/// Every record of `text` as the reader hands it over: line, raw bytes, fields and whether its
/// quote was left open. `plainScan` off makes the state machine read every record; the source
/// returns at most `chunk` bytes a read into a buffer of `blockSize`.
std::vector<std::string> transcript(const std::string &text, char delimiter, size_t chunk,
                                    size_t blockSize, bool plainScan)
{
    CsvReader reader = chunkedReader(text, delimiter, chunk, blockSize);
    reader.setPlainScan(plainScan);
    std::vector<std::string> out;
    while (reader.next()) {
        std::string r = std::to_string(reader.line()) + (reader.unterminatedQuote() ? "!" : "") +
                        "[" + std::string(reader.rawRecord()) + "]";
        for (auto f : reader.fields())
            r += std::to_string(f.size()) + ":" + std::string(f) + "|";
        out.push_back(r + "@" + std::to_string(reader.bytesConsumed()));
    }
    return out;
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfc4180Records_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QList<QStringList>>("expected");
        QTest::newRow("plain LF") << QByteArray("a,b\n1,2\n")
                                  << QList<QStringList>{{"a", "b"}, {"1", "2"}};
        QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n")
                              << QList<QStringList>{{"a", "b"}, {"1", "2"}};
        QTest::newRow("lone CR") << QByteArray("a,b\r1,2\r")
                                 << QList<QStringList>{{"a", "b"}, {"1", "2"}};
        QTest::newRow("no final newline")
            << QByteArray("a,b\n1,2") << QList<QStringList>{{"a", "b"}, {"1", "2"}};
        QTest::newRow("quoted delimiter")
            << QByteArray("\"x,y\",z\n") << QList<QStringList>{{"x,y", "z"}};
        QTest::newRow("doubled quotes")
            << QByteArray("\"say \"\"hi\"\"\",2\n") << QList<QStringList>{{"say \"hi\"", "2"}};
        QTest::newRow("embedded newline") << QByteArray("\"line1\nline2\",b\nc,d\n")
                                          << QList<QStringList>{{"line1\nline2", "b"}, {"c", "d"}};
        QTest::newRow("embedded CRLF")
            << QByteArray("\"a\r\nb\",c\r\n") << QList<QStringList>{{"a\r\nb", "c"}};
        QTest::newRow("empty fields")
            << QByteArray(",,\n\"\",x,\n") << QList<QStringList>{{"", "", ""}, {"", "x", ""}};
        QTest::newRow("quote inside unquoted field kept")
            << QByteArray("ab\"c,d\n") << QList<QStringList>{{"ab\"c", "d"}};
        QTest::newRow("text after closing quote appended")
            << QByteArray("\"ab\"c,d\n") << QList<QStringList>{{"abc", "d"}};
        QTest::newRow("blank line is a record without fields")
            << QByteArray("a\n\nb\n") << QList<QStringList>{{"a"}, {}, {"b"}};
    }
    void rfc4180Records()
    {
        QFETCH(QByteArray, input);
        QFETCH(QList<QStringList>, expected);
        const std::string text(input.constData(), size_t(input.size()));
        QCOMPARE(readAll(text, ','), expected);
        // Any split of the input into reads gives the same records.
        for (size_t chunk : {size_t(1), size_t(2), size_t(3), size_t(7)})
            QCOMPARE(readChunked(text, ',', chunk), expected);
    }

    void lineNumbersCountEmbeddedNewlines()
    {
        CsvReader r = CsvReader::fromString("h\n\"a\nb\"\nc\r\nd\n", ',');
        QVERIFY(r.next());
        QCOMPARE(r.line(), 1);
        QVERIFY(r.next());
        QCOMPARE(r.line(), 2);
        QVERIFY(r.next());
        QCOMPARE(r.line(), 4);
        QVERIFY(r.next());
        QCOMPARE(r.line(), 5);
        QVERIFY(!r.next());
    }

    // A stray quote that the file never closes: the line it is on is flagged, without fields,
    // and every line after it is a record of its own. They were the rest of one field, lost
    // with it ("a,b\n1,\"open\n2,3\n" gave 2 records, "2,3" inside the second).
    void strayQuoteFlagsOnlyItsLine_data()
    {
        QTest::addColumn<QByteArray>("lineEnd");
        QTest::addColumn<bool>("plainScan");
        QTest::addColumn<bool>("finalLineEnd");
        QTest::newRow("LF") << QByteArray("\n") << true << true;
        QTest::newRow("CRLF") << QByteArray("\r\n") << true << true;
        QTest::newRow("CR") << QByteArray("\r") << true << true;
        QTest::newRow("LF, no final line end") << QByteArray("\n") << true << false;
        QTest::newRow("CRLF, state machine") << QByteArray("\r\n") << false << true;
    }
    void strayQuoteFlagsOnlyItsLine()
    {
        QFETCH(QByteArray, lineEnd);
        QFETCH(bool, plainScan);
        QFETCH(bool, finalLineEnd);
        const std::string e = lineEnd.toStdString();
        // A quoted field over two lines first (closed: one record), then the stray quote.
        const std::string text = "a,b" + e + "1,\"x" + e + "y\"" + e + "2,\"open" + e + "3,4" + e +
                                 "5,\"\"" + (finalLineEnd ? e : std::string());
        for (const size_t chunk : {size_t(1), size_t(5), size_t(1) << 20}) {
            CsvReader r = chunkedReader(text, ',', chunk, 64);
            r.setPlainScan(plainScan);
            QVERIFY(r.next() && r.next()); // the header; line 2, over lines 2-3
            QCOMPARE(r.line(), int64_t(2));
            QVERIFY(!r.unterminatedQuote());
            QCOMPARE(r.field(1), std::string_view("x" + e + "y"));
            QVERIFY(r.next());
            QVERIFY(r.unterminatedQuote());
            QVERIFY(!r.cutRunawayRecord());
            QCOMPARE(r.line(), int64_t(4));
            QCOMPARE(r.rawRecord(), std::string_view("2,\"open"));
            QCOMPARE(r.fieldCount(), 0);
            QVERIFY(r.next());
            QVERIFY(!r.unterminatedQuote());
            QCOMPARE(r.line(), int64_t(5));
            QCOMPARE(r.fieldCount(), 2);
            QCOMPARE(r.field(1), std::string_view("4"));
            QVERIFY(r.next()); // an empty quoted field ("") closes: no stray quote
            QVERIFY(!r.unterminatedQuote());
            QCOMPARE(r.line(), int64_t(6));
            QCOMPARE(r.field(1), std::string_view(""));
            QVERIFY(!r.next());
            QCOMPARE(r.bytesConsumed(), int64_t(text.size()));
        }
        // On the last line: the line is the record, and nothing follows.
        CsvReader last = CsvReader::fromString("a,b\n1,\"open", ',');
        QVERIFY(last.next() && last.next());
        QVERIFY(last.unterminatedQuote());
        QCOMPARE(last.rawRecord(), std::string_view("1,\"open"));
        QVERIFY(!last.next());
    }

    void recordLargerThanBufferIsRead()
    {
        const std::string big(3 << 20, 'x');
        const std::string text = "a,\"" + big + "\"\nb,c\n";
        CsvReader r = CsvReader::fromString(text, ',');
        QVERIFY(r.next());
        QCOMPARE(r.field(1).size(), big.size());
        QVERIFY(r.next());
        QCOMPARE(QByteArray(r.field(0).data(), 1), QByteArray("b"));
    }

    void randomSplitsMatchWholeInput()
    {
        std::mt19937 rng(42);
        std::string text;
        for (int i = 0; i < 500; ++i)
            text +=
                "\"q;\"\"" + std::to_string(i) + "\";" + std::to_string(i * 7) + ";\"x\ny\"\r\n";
        const auto whole = readAll(text, ';');
        QCOMPARE(whole.size(), 500);
        for (int trial = 0; trial < 5; ++trial)
            QCOMPARE(readChunked(text, ';', 1 + rng() % 97), whole);
    }

    void detectsDelimiter_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<char>("delimiter");
        QTest::newRow("semicolon") << QByteArray("a;b;c\n1;2;3\n4;5;6\n") << ';';
        QTest::newRow("comma") << QByteArray("a,b,c\n1,2,3\n4,5,6\n") << ',';
        QTest::newRow("tab") << QByteArray("a\tb\tc\n1\t2\t3\n") << '\t';
        QTest::newRow("pipe") << QByteArray("a|b|c\n1|2|3\n") << '|';
        QTest::newRow("semicolon with commas in decimals")
            << QByteArray("a;b\n1,5;2,25\n3,0;4,5\n") << ';';
        QTest::newRow("comma with quoted semicolons")
            << QByteArray("a,b\n\"x;y;z\",1\n\"p;q\",2\n") << ',';
    }
    void detectsDelimiter()
    {
        QFETCH(QByteArray, input);
        QFETCH(char, delimiter);
        QString error;
        const auto d = cl::DialectDetector::detect(
            std::string_view(input.constData(), size_t(input.size())), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(d.delimiter, delimiter);
    }

    void detectsBomHeaderCrlfAndDecimalComma()
    {
        const QByteArray input("\xEF\xBB\xBF"
                               "name;amount\r\nx;1,5\r\ny;2,25\r\n");
        QString error;
        const auto d = cl::DialectDetector::detect(
            std::string_view(input.constData(), size_t(input.size())), &error);
        QVERIFY(d.hasBom);
        QVERIFY(d.hasHeader);
        QVERIFY(d.crlf);
        QVERIFY(d.decimalComma);
        QCOMPARE(d.encoding, cl::TextEncoding::Utf8);
    }

    void detectsMissingHeader()
    {
        const QByteArray input("1;yes\n2;no\n3;yes\n");
        QString error;
        const auto d = cl::DialectDetector::detect(
            std::string_view(input.constData(), size_t(input.size())), &error);
        QVERIFY(!d.hasHeader);
    }

    void detectsWindows1252()
    {
        const QByteArray input("city;y\nTroms\xF8;yes\nB\xE6rum;no\n");
        QString error;
        const auto d = cl::DialectDetector::detect(
            std::string_view(input.constData(), size_t(input.size())), &error);
        QCOMPARE(d.encoding, cl::TextEncoding::Windows1252);
        std::string utf8;
        cl::TextDecoder::appendWindows1252AsUtf8("Troms\xF8 \x80", utf8);
        QCOMPARE(QString::fromUtf8(utf8.c_str()), QString::fromUtf8("Tromsø €"));
    }

    void binaryIsRefused()
    {
        const QByteArray input("PK\x03\x04\x00\x00garbage", 14);
        QString error;
        cl::DialectDetector::detect(std::string_view(input.constData(), size_t(input.size())),
                                    &error);
        QVERIFY(error.contains("binary"));
    }

    // After a quote the file never closes, each line of `x",y,"z` opens a quote that closes on
    // the next line: each record scanned to the end of the input again (40,000 lines took
    // 10 s, a 5 MB file about 40 minutes). Up to where that first scan went, a quoted field
    // still open at its line end is a stray quote too: every line is flagged once, and the
    // plain line after them is read. (The time bound guards the complexity, with a margin of
    // about 100 over a linear read; it is no speed target.)
    void linesAfterAStrayQuoteAreReadOnceEach()
    {
        constexpr int kLines = 40000;
        std::string text = "a,b,c\n";
        for (int i = 0; i < kLines; ++i)
            text += "x\",y,\"z\n";
        text += "1,2,3\n";
        QElapsedTimer timer;
        timer.start();
        CsvReader r = CsvReader::fromString(text, ',');
        QVERIFY(r.next()); // the header
        for (int i = 0; i < kLines; ++i) {
            QVERIFY(r.next());
            QVERIFY2(r.unterminatedQuote(), qPrintable(QString::number(i)));
            QCOMPARE(r.line(), int64_t(2 + i));
            QCOMPARE(r.rawRecord(), std::string_view("x\",y,\"z"));
        }
        QVERIFY(r.next());
        QVERIFY(!r.unterminatedQuote());
        QCOMPARE(r.line(), int64_t(2 + kLines));
        QCOMPARE(r.fieldCount(), 3);
        QVERIFY(!r.next());
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }

    // A stray quote in the header: cut at its line end, the next line would have been taken
    // for the header ("30", "admin.", "yes") and row 30 read as data too.
    void strayQuoteInTheHeaderIsNamed()
    {
        const cl::SniffResult detected =
            cl::DialectDetector::sniffSample("open.csv", "age;\"job;y\n30;admin.;yes\n31;x;no\n");
        QVERIFY(!detected.ok);
        QVERIFY2(detected.error.startsWith(
                     "open.csv:1: the header (the first record) has a quote that is never closed"),
                 qPrintable(detected.error));
    }

    // A full sample that ends inside a quoted field of many lines: those lines are no records
    // of the sample (they made a numeric column look categorical).
    void sampleEndingInsideAQuotedFieldKeepsItsLinesOut()
    {
        QByteArray sample = "id;note;n\n";
        int rows = 0;
        while (sample.size() < int(cl::DialectDetector::kSampleBytes) - 200) {
            sample += QByteArray::number(rows) + ";plain;" + QByteArray::number(rows % 7) + "\n";
            ++rows;
        }
        sample += QByteArray::number(rows) + ";\"a note\n";
        while (sample.size() < int(cl::DialectDetector::kSampleBytes))
            sample += "remark;see;file\n";
        sample.truncate(qsizetype(cl::DialectDetector::kSampleBytes));
        const cl::SniffResult detected =
            cl::DialectDetector::sniffSample("notes.csv", sample, 1 << 20);
        QVERIFY2(detected.ok, qPrintable(detected.error));
        QCOMPARE(detected.rows.size(), qsizetype(rows));
        for (const QStringList &row : detected.rows)
            QVERIFY2(row.value(0) != QLatin1String("remark"), qPrintable(row.join(u';')));
    }

    void issue10_4_headerLongerThanTheSampleIsNamed()
    {
        // A first line of 300 KB: the sample (256 KB) holds no complete record.
        QByteArray header;
        while (header.size() < 300 * 1024)
            header += "a_long_column_name;";
        const QByteArray sample =
            (header + "y\n1;yes\n").left(qsizetype(cl::DialectDetector::kSampleBytes));
        const cl::SniffResult detected = cl::DialectDetector::sniffSample("wide.csv", sample);
        QVERIFY(!detected.ok);
        QVERIFY2(detected.error.startsWith("wide.csv:1: the header"), qPrintable(detected.error));
        QVERIFY2(detected.error.contains("longer than 256 KB"), qPrintable(detected.error));
        // The same when the dialect is given (no detection): the cut record is not a header.
        cl::CsvDialect given;
        given.delimiter = ';';
        const cl::SniffResult overridden =
            cl::DialectDetector::sniffSample("wide.csv", sample, 20, &given);
        QVERIFY(!overridden.ok);
        QVERIFY2(overridden.error.startsWith("wide.csv:1: the header"),
                 qPrintable(overridden.error));
        // A short file is no such case, even without a final line end.
        const cl::SniffResult small =
            cl::DialectDetector::sniffSample("small.csv", "age;y\n30;yes");
        QVERIFY2(small.ok, qPrintable(small.error));
        QCOMPARE(small.header, QStringList({"age", "y"}));
    }

    // A short header, then a first data record longer than the sample (a quoted field of
    // 300 KB): the header is whole and is read as the header. Before, the record the sample
    // cut was left out and then the header too, and the file was refused as one whose header
    // is longer than 256 KB.
    void longFirstDataRecordLeavesTheHeaderWhole()
    {
        const QByteArray header = "age;job;y\n";
        const QByteArray content = header + "30;\"" + QByteArray(300 * 1024, 'x') + "\";yes\n";
        const QByteArray sample = content.left(qsizetype(cl::DialectDetector::kSampleBytes));
        QString error;
        const cl::CsvDialect d = cl::DialectDetector::detect(
            std::string_view(sample.constData(), size_t(sample.size())), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(d.delimiter, ';');
        QVERIFY(d.hasHeader);
        const cl::SniffResult sniffed = cl::DialectDetector::sniffSample("long.csv", sample);
        QVERIFY2(sniffed.ok, qPrintable(sniffed.error));
        QCOMPARE(sniffed.header, QStringList({"age", "job", "y"}));
    }

    void utf8Validation_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::newRow("ascii") << QByteArray("abc") << true;
        QTest::newRow("norwegian") << QByteArray("Tromsø Ålesund") << true;
        QTest::newRow("latin-1 byte") << QByteArray("Troms\xF8") << false;
        QTest::newRow("overlong") << QByteArray("\xC0\xAF") << false;
        QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << false;
        QTest::newRow("truncated") << QByteArray("\xE2\x82") << false;
    }
    void utf8Validation()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QCOMPARE(
            cl::TextDecoder::isValidUtf8(std::string_view(bytes.constData(), size_t(bytes.size()))),
            valid);
    }

    void numbers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("decimalComma");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<double>("value");
        QTest::newRow("int") << "42" << false << true << 42.0;
        QTest::newRow("negative real") << "-36.4" << false << true << -36.4;
        QTest::newRow("spaces") << " 7 " << false << true << 7.0;
        QTest::newRow("comma as decimal") << "1,5" << true << true << 1.5;
        QTest::newRow("comma without option") << "1,5" << false << false << 0.0;
        QTest::newRow("text") << "forty" << false << false << 0.0;
        QTest::newRow("inf refused") << "inf" << false << false << 0.0;
    }
    void numbers()
    {
        QFETCH(QString, text);
        QFETCH(bool, decimalComma);
        QFETCH(bool, ok);
        QFETCH(double, value);
        const QByteArray utf8 = text.toUtf8();
        double v = 0;
        QCOMPARE(cl::TypeInference::parseReal(
                     std::string_view(utf8.constData(), size_t(utf8.size())), decimalComma, v),
                 ok);
        if (ok)
            QCOMPARE(v, value);
    }

    // Issue 13: records without a quote inside a field are read 64 bytes at a time from bit
    // masks; any other record, and the end of the buffer, go to the state machine. Both must
    // hand over the same records, whatever the reads and the buffer's size.
    void plainScanEqualsStateMachine_data()
    {
        QTest::addColumn<QByteArray>("input");
        const QByteArray quoted = "56;\"housemaid\";\"married\";\"basic.4y\";\"no\";261;1;999;"
                                  "0;\"nonexistent\";1.1;93.994;-36.4;4.857;5191;\"no\"";
        QTest::newRow("bank rows, CRLF") << (quoted + "\r\n").repeated(40);
        QTest::newRow("bank rows, LF, no final newline") << (quoted + "\n").repeated(40) + quoted;
        QTest::newRow("lone CR") << (quoted + "\r").repeated(40);
        const QByteArray longQuoted = "\"" + QByteArray(150, 'q') + "\";" + QByteArray(70, 'x');
        QTest::newRow("fields across 64-byte blocks") << (longQuoted + "\n").repeated(30);
        QTest::newRow("quoted delimiter and newline")
            << (quoted + "\n\"a;b\";\"c\nd\";e\n").repeated(30);
        QTest::newRow("doubled quote, stray quote, text after closing")
            << (quoted + "\n\"say \"\"hi\"\"\";ab\"c;\"ab\"c;\"\"\n").repeated(30);
        QTest::newRow("text after a closing quote") << (quoted + "\n\"ab\"c;d\n").repeated(30);
        QTest::newRow("doubled quote") << (quoted + "\n1;\"a\"\"b\";2\n").repeated(30);
        QTest::newRow("empty fields and blank lines") << (quoted + "\n;;\n\n\"\";;\n").repeated(30);
        QTest::newRow("unterminated quote at the end") << (quoted + "\n").repeated(30) + "1;\"open";
    }
    void plainScanEqualsStateMachine()
    {
        QFETCH(QByteArray, input);
        const std::string text(input.constData(), size_t(input.size()));
        const auto expected = transcript(text, ';', text.size(), 1 << 20, false);
        QVERIFY(expected.size() >= 30);
        for (size_t blockSize : {size_t(64), size_t(100), size_t(4096), size_t(1) << 20})
            for (size_t chunk : {size_t(1), size_t(17), size_t(63), size_t(64), size_t(1000)})
                QCOMPARE(transcript(text, ';', chunk, blockSize, true), expected);
    }

    void plainScanEqualsStateMachineOnRandomText()
    {
        // Short random records from an alphabet of delimiters, quotes and line ends, long
        // enough to cross several 64-byte blocks.
        std::mt19937 rng(13);
        const char alphabet[] = {';', ';', ';', '"', '"', '\r', '\n', '\n', 'a', 'b', '1', ','};
        for (int trial = 0; trial < 300; ++trial) {
            std::string text;
            const size_t length = 1 + rng() % 600;
            for (size_t i = 0; i < length; ++i) {
                // Mostly plain text, so that whole records reach the bit-mask path.
                const bool special = rng() % 6 == 0;
                text += special ? alphabet[rng() % sizeof alphabet] : char('a' + rng() % 26);
            }
            const auto expected = transcript(text, ';', text.size(), 1 << 20, false);
            QCOMPARE(transcript(text, ';', text.size(), 1 << 20, true), expected);
            QCOMPARE(transcript(text, ';', 1 + rng() % 70, 64 + rng() % 64, true), expected);
        }
    }

    // Issue 13: the usual numbers ("-36.4", "5191") are read without std::from_chars; the
    // values must be the same doubles, bit for bit, and the same refusals.
    void plainNumbersEqualFromChars()
    {
        std::mt19937_64 rng(13);
        const auto check = [](const std::string &text) {
            double ours = 0;
            double expected = 0;
            std::string_view s(text); // as documented: trimmed of spaces and tabs, a '+' allowed
            while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
                s.remove_prefix(1);
            while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
                s.remove_suffix(1);
            if (!s.empty() && s.front() == '+') {
                s.remove_prefix(1);
                if (!s.empty() && (s.front() == '-' || s.front() == '+'))
                    s = {}; // "+-5" is no number (it was read as -5)
            }
            const auto r = std::from_chars(s.data(), s.data() + s.size(), expected);
            const bool ok = !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size() &&
                            std::isfinite(expected);
            QVERIFY2(cl::TypeInference::parseReal(text, false, ours) == ok, text.c_str());
            if (ok)
                QVERIFY2(std::memcmp(&ours, &expected, sizeof ours) == 0, text.c_str());
            int64_t oursInt = 0;
            int64_t expectedInt = 0;
            const auto ri = std::from_chars(s.data(), s.data() + s.size(), expectedInt);
            const bool okInt = !s.empty() && ri.ec == std::errc() && ri.ptr == s.data() + s.size();
            QVERIFY2(cl::TypeInference::parseInteger(text, oursInt) == okInt, text.c_str());
            if (okInt)
                QCOMPARE(oursInt, expectedInt);
        };
        for (const char *edge : {"0",
                                 "-0",
                                 "-0.0",
                                 "0.0",
                                 "5.",
                                 ".5",
                                 "-.5",
                                 "-",
                                 ".",
                                 "007.50",
                                 "1.1",
                                 "93.994",
                                 "-36.4",
                                 "4.857",
                                 "5191",
                                 "123456789012345",
                                 "1234567890123456",
                                 "12345678.9012345",
                                 "1234567.890123456",
                                 "0.000000000000001",
                                 "999999999999999.",
                                 "9007199254740993",
                                 "123456789012345678",
                                 "1234567890123456789",
                                 "-9223372036854775808",
                                 "9223372036854775808",
                                 "1.2.3",
                                 "--1",
                                 "1-",
                                 "+7",
                                 "+-5",
                                 "++5",
                                 "1e5",
                                 " 7",
                                 "7 ",
                                 "inf",
                                 "1e400",
                                 "0x10",
                                 "1,5"})
            check(edge);
        for (int i = 0; i < 200000; ++i) {
            std::string text = rng() % 3 == 0 ? "-" : "";
            const int digits = 1 + int(rng() % 19);
            const int point = int(rng() % (digits + 2)); // digits + 1: none
            for (int d = 0; d < digits; ++d) {
                if (d == point && d > 0)
                    text += '.';
                text += char('0' + rng() % 10);
            }
            check(text);
        }
    }

    // CsvSource (issue 12): the file as a RecordSource, without any import behind it.
    void csvSourceHandsOverRecordsWithTheirLinesAndProblems()
    {
        QTemporaryDir dir;
        const QByteArray text = "\xEF\xBB\xBF"
                                "age;job;y\n"
                                "41;admin.;no\n"
                                "\n"
                                "35;\"blue\ncollar\";yes\n"
                                "36;caf\xC3;no\n";
        const QString path = writeText(dir, QStringLiteral("s.csv"), text);
        CsvSource source({path, {}, {}, {}, {}});
        QVERIFY2(source.open(), qPrintable(source.error()));
        QCOMPARE(source.header(), QStringList({"age", "job", "y"}));
        QCOMPARE(source.dialect().delimiter, ';');
        QVERIFY(source.dialect().hasBom);
        QCOMPARE(source.total(), qint64(text.size()));
        SourceRecord r;
        QList<int64_t> lines;
        QStringList problems;
        QStringList jobs;
        while (source.next(r)) {
            lines << r.position;
            problems << r.problem;
            jobs << (r.problem.isEmpty() ? QString::fromUtf8(r.fields->at(1).data(),
                                                             qsizetype(r.fields->at(1).size()))
                                         : QString());
        }
        QCOMPARE(lines, QList<int64_t>({2, 3, 4, 6}));
        QCOMPARE(problems[0], QString());
        QCOMPARE(problems[1], QStringLiteral("empty line"));
        QCOMPARE(jobs[2], QStringLiteral("blue\ncollar"));
        QVERIFY2(problems[3].startsWith(QLatin1String("invalid UTF-8")), qPrintable(problems[3]));
        QVERIFY2(source.finish(), qPrintable(source.error()));
        QCOMPARE(source.position(), qint64(text.size()));
        // The fingerprint is the file's SHA-256, as another tool computes it.
        const SourceDescriptor d = source.descriptor();
        QCOMPARE(d.kind, kCsvSourceKind);
        QCOMPARE(d.label, QStringLiteral("s.csv"));
        QCOMPARE(d.fingerprint,
                 QString::fromLatin1(
                     QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(d.bytes(), qint64(text.size()));
    }

    // Issue 13: the SHA-256 is computed from the blocks the reader reads (hashing by path read
    // every file twice); it must still be the whole file's, beyond the sample, with a BOM and
    // in Windows-1252 (where the reader transcodes what it hands over).
    void csvSourceFingerprintIsTheWholeFilesSha256_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<int>("rows");
        QTest::newRow("UTF-8 with BOM, 3 MB") << QByteArray("\xEF\xBB\xBF"
                                                            "age;job;y\n")
                                              << QByteArray("41;\"admin.\";no\n") << 200000;
        QTest::newRow("Windows-1252, 1.5 MB")
            << QByteArray("age;job;y\n") << QByteArray("41;caf\xE9;no\n") << 120000;
        QTest::newRow("within the sample")
            << QByteArray("age;job;y\n") << QByteArray("41;admin.;no\n") << 10;
    }
    void csvSourceFingerprintIsTheWholeFilesSha256()
    {
        QFETCH(QByteArray, head);
        QFETCH(QByteArray, row);
        QFETCH(int, rows);
        QTemporaryDir dir;
        const QByteArray text = head + row.repeated(rows);
        const QString path = writeText(dir, QStringLiteral("f.csv"), text);
        CsvSource source({path, {}, {}, {}, {}});
        QVERIFY2(source.open(), qPrintable(source.error()));
        int64_t records = 0;
        SourceRecord r;
        while (source.next(r))
            records += r.problem.isEmpty() ? 1 : 0;
        QCOMPARE(records, int64_t(rows));
        QVERIFY2(source.finish(), qPrintable(source.error()));
        QCOMPARE(source.descriptor().fingerprint,
                 QString::fromLatin1(
                     QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(source.descriptor().bytes(), qint64(text.size()));
    }

    // Issue 13 (review): a long record grew the reader's buffer, and every later read asked for
    // that much: each of the hash's 8 blocks grew to it (20 MiB: peak 364 MiB instead of 108).
    // Reads are now at most 1 MiB. And a Windows-1252 file whose record outgrew the buffer ended
    // early (the reader offered under 3 bytes, the source read none: "end of input").
    void csvSourceLongRecordsNeitherEndTheFileNorGrowTheHash_data()
    {
        QTest::addColumn<bool>("windows1252");
        QTest::newRow("UTF-8") << false;
        QTest::newRow("Windows-1252") << true;
    }
    void csvSourceLongRecordsNeitherEndTheFileNorGrowTheHash()
    {
        QFETCH(bool, windows1252);
        QTemporaryDir dir;
        const QByteArray row = windows1252 ? QByteArray("41;caf\xE9;no\n") : "41;admin.;no\n";
        // Written and hashed in pieces: the peak of holding the text would hide the reader's.
        const QString path = dir.filePath(QStringLiteral("long.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCryptographicHash expected(QCryptographicHash::Sha256);
        const auto put = [&](const QByteArray &bytes) {
            expected.addData(bytes);
            return file.write(bytes) == bytes.size();
        };
        QVERIFY(
            put("age;job;y\n" + row.repeated(100) + "42;" + QByteArray(4 << 20, 'x') + ";yes\n"));
        const QByteArray rows = row.repeated(100000);
        for (int k = 0; k < 60; ++k)
            QVERIFY(put(rows));
        file.close();
        struct rusage before = {};
        getrusage(RUSAGE_SELF, &before);
        std::optional<cl::TextEncoding> encoding;
        if (windows1252)
            encoding = cl::TextEncoding::Windows1252;
        CsvSource source({path, ';', encoding, true, {}});
        QVERIFY2(source.open(), qPrintable(source.error()));
        int64_t records = 0;
        size_t longest = 0;
        SourceRecord r;
        while (source.next(r)) {
            records += r.problem.isEmpty() ? 1 : 0;
            longest = std::max(longest, r.raw.size());
        }
        QVERIFY2(source.finish(), qPrintable(source.error()));
        QCOMPARE(records, int64_t(6000101));
        QVERIFY(longest > size_t(4 << 20));
        QCOMPARE(source.descriptor().fingerprint, QString::fromLatin1(expected.result().toHex()));
        struct rusage after = {};
        getrusage(RUSAGE_SELF, &after);
        // The reader's buffer (8 MiB) and the ring's 8 MiB; the ring's blocks at the buffer's size
        // were 8 x 8 MiB (11 MiB here with the cap, 81 MiB without; 48 leaves room for ASan).
        const long grownMiB = (after.ru_maxrss - before.ru_maxrss) / 1024;
        QVERIFY2(grownMiB < 48, qPrintable(QStringLiteral("peak grew %1 MiB").arg(grownMiB)));
    }

    // A quote that never closes: one stray quote in a file without quotes made the rest of the
    // file one field, held whole and read again from its start after every block (a 583 MB
    // file took 80 s and 1.6 GB, and reported 2 rows). Past maxRecordBytes the record is the
    // line it started on, flagged and without fields, and every line after it is read.
    void runawayQuoteIsCutAtItsLineEnd_data()
    {
        QTest::addColumn<QByteArray>("lineEnd");
        QTest::addColumn<bool>("plainScan");
        QTest::newRow("LF") << QByteArray("\n") << true;
        QTest::newRow("CRLF") << QByteArray("\r\n") << true;
        QTest::newRow("LF, state machine") << QByteArray("\n") << false;
    }
    void runawayQuoteIsCutAtItsLineEnd()
    {
        QFETCH(QByteArray, lineEnd);
        QFETCH(bool, plainScan);
        std::string text = "age;job;y" + lineEnd.toStdString() + "41;admin.;no" +
                           lineEnd.toStdString() + "42;\"stray;yes" + lineEnd.toStdString();
        for (int i = 0; i < 2000; ++i)
            text += std::to_string(i) + ";blue-collar;no" + lineEnd.toStdString();
        for (const size_t chunk : {size_t(7), size_t(1000), size_t(1) << 20}) {
            CsvReader reader = chunkedReader(text, ';', chunk, 256);
            reader.setPlainScan(plainScan);
            reader.setMaxRecordBytes(4096);
            QVERIFY(reader.next() && reader.next()); // the header, line 2
            QVERIFY(reader.next());
            QVERIFY(reader.cutRunawayRecord());
            QVERIFY(!reader.unterminatedQuote());
            QCOMPARE(reader.line(), int64_t(3));
            QCOMPARE(reader.rawRecord(), std::string_view("42;\"stray;yes"));
            QCOMPARE(reader.fieldCount(), 0);
            for (int i = 0; i < 2000; ++i) {
                QVERIFY2(reader.next(), qPrintable(QString::number(i)));
                QVERIFY(!reader.cutRunawayRecord());
                QCOMPARE(reader.line(), int64_t(4 + i));
                QCOMPARE(reader.fieldCount(), 3);
                QCOMPARE(reader.field(0), std::string_view(std::to_string(i)));
                QCOMPARE(reader.field(2), std::string_view("no"));
            }
            QVERIFY(!reader.next());
            QCOMPARE(reader.bytesConsumed(), int64_t(text.size()));
        }
    }

    // A line longer than the limit with no line end in the buffer (no quote in it, or a quote
    // and no line end after it): the record is what the buffer holds of the line, and the rest
    // of the line is passed over, never read as a row of its own (its tail ",777,yes" was one);
    // the lines after it keep their numbers, also when the cut falls between a CR and its LF.
    void runawayLineIsPassedOverToItsEnd_data()
    {
        QTest::addColumn<QByteArray>("lineEnd");
        QTest::addColumn<QByteArray>("start");
        QTest::newRow("LF, no quote") << QByteArray("\n") << QByteArray("x");
        QTest::newRow("CRLF, no quote") << QByteArray("\r\n") << QByteArray("x");
        QTest::newRow("CR, no quote") << QByteArray("\r") << QByteArray("x");
        QTest::newRow("CRLF, open quote") << QByteArray("\r\n") << QByteArray("\"x");
    }
    void runawayLineIsPassedOverToItsEnd()
    {
        QFETCH(QByteArray, lineEnd);
        QFETCH(QByteArray, start);
        const std::string eol = lineEnd.toStdString();
        std::string text = "name,num,y" + eol + "p0,0,no" + eol + start.toStdString() +
                           std::string(10000, 'x') + ",777,yes" + eol;
        for (int i = 1; i <= 300; ++i)
            text += "p" + std::to_string(i) + "," + std::to_string(i) + ",no" + eol;
        for (const size_t chunk : {size_t(1), size_t(7), size_t(13), size_t(1000)}) {
            for (const size_t cap : {size_t(4096), size_t(4097), size_t(6000)}) {
                CsvReader reader = chunkedReader(text, ',', chunk, 256);
                reader.setMaxRecordBytes(cap);
                QVERIFY(reader.next() && reader.next());
                QVERIFY(reader.next());
                QVERIFY(reader.cutRunawayRecord());
                QCOMPARE(reader.line(), int64_t(3));
                QVERIFY(reader.rawRecord().size() >= cap - 256);
                QCOMPARE(reader.rawRecord().find(','), std::string_view::npos);
                for (int i = 1; i <= 300; ++i) {
                    QVERIFY2(reader.next(),
                             qPrintable(QStringLiteral("%1 %2 %3").arg(chunk).arg(cap).arg(i)));
                    QVERIFY(!reader.cutRunawayRecord());
                    QCOMPARE(reader.line(), int64_t(3 + i));
                    QCOMPARE(reader.fieldCount(), 3);
                    QCOMPARE(reader.field(1), std::string_view(std::to_string(i)));
                }
                QVERIFY(!reader.next());
                QCOMPARE(reader.bytesConsumed(), int64_t(text.size()));
            }
        }
    }

    // The same through CsvSource at the real limit: the line is a rejected record with its
    // reason, every other row is read, and the reader's memory stays bounded.
    void csvSourceRejectsTheLineOfARunawayQuote()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("stray.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray rows = QByteArray("41;admin.;no\n").repeated(100000);
        const int blocks = int(CsvReader::kMaxRecordBytes / size_t(rows.size())) + 2;
        QVERIFY(file.write("age;job;y\n41;admin.;no\n42;\"stray;yes\n") > 0);
        for (int k = 0; k < blocks; ++k)
            QVERIFY(file.write(rows) == rows.size());
        file.close();
        CsvSource source({path, ';', {}, true, {}});
        QVERIFY2(source.open(), qPrintable(source.error()));
        int64_t good = 0;
        QStringList problems;
        SourceRecord r;
        while (source.next(r)) {
            if (r.problem.isEmpty())
                ++good;
            else
                problems << QStringLiteral("%1: %2").arg(r.position).arg(r.problem);
        }
        QVERIFY2(source.finish(), qPrintable(source.error()));
        QCOMPARE(good, int64_t(1) + int64_t(blocks) * 100000);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems[0].startsWith(QStringLiteral("3: a quoted field that starts on this "
                                                       "line is still open after 64 MB")),
                 qPrintable(problems[0]));
    }

    void csvSourceRefusesAFileChangedWhileRead()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.csv"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("age,y\n41,no\n");
        f.flush();
        CsvSource source({path, {}, {}, {}, {}});
        QVERIFY(source.open());
        readToEnd(source);
        f.write("42,yes\n"); // appended after the reader reached the end
        f.close();
        QVERIFY(!source.finish());
        QVERIFY2(source.error().contains(QLatin1String("changed while it was being imported")),
                 qPrintable(source.error()));
    }

    void csvSourceRefusesAnotherFileMovedToItsPath()
    {
        // Same size and time, other bytes: the review recorded B's SHA-256 for A's rows.
        QTemporaryDir dir;
        const QString path = writeText(dir, QStringLiteral("a.csv"), "age,y\n41,no\n");
        const QString other = writeText(dir, QStringLiteral("b.csv"), "age,y\n42,no\n");
        CsvSource source({path, {}, {}, {}, {}});
        QVERIFY(source.open());
        readToEnd(source);
        QFile moved(other);
        QVERIFY(moved.open(QIODevice::ReadWrite));
        QVERIFY(
            moved.setFileTime(QFileInfo(path).lastModified(), QFileDevice::FileModificationTime));
        moved.close();
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::rename(other, path));
        QVERIFY(!source.finish());
        QVERIFY2(source.error().contains(QLatin1String("another file is now at its path")),
                 qPrintable(source.error()));
    }

    void csvSourceStoppedEarlyIsNotWhole()
    {
        QTemporaryDir dir;
        const QString path = writeText(dir, QStringLiteral("s.csv"), "age,y\n41,no\n42,yes\n");
        CsvSource source({path, {}, {}, {}, {}});
        QVERIFY(source.open());
        SourceRecord r;
        QVERIFY(source.next(r));
        source.stop();
        QVERIFY(!source.next(r));
        QVERIFY(!source.finish());
    }

    void csvSourceOverridesApplyBeforeTheHeaderIsRead()
    {
        QTemporaryDir dir;
        const QString path = writeText(dir, QStringLiteral("o.csv"), "41;1,5;no\n35;2,5;yes\n");
        CsvSource source({path, ';', {}, false, true});
        QVERIFY2(source.open(), qPrintable(source.error()));
        QVERIFY(!source.dialect().hasHeader);
        QVERIFY(source.decimalComma());
        QCOMPARE(source.header().size(), 3);
        SourceRecord r;
        QVERIFY(source.next(r));
        QCOMPARE(r.position, int64_t(1)); // no header: the first line is a record
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
