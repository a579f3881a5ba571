// Tests of DemoDataGenerator: determinism, file format, levels, ranges, calibration, cancel.
#include "TestSupport.h"
#include "demo/DemoDataGenerator.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

// SHA-256 of the default output (41,188 rows, default seed), recorded when the generator and
// its calibration tables were written. A change here changes the demo data every user sees.
constexpr char kDefaultSha256[] =
    "4ce2f8bdcff5ed80ecd314fbb8b009fae037941e72763aa50f7d2a63071f00fb";

const QByteArray kRealHeader =
    R"("age";"job";"marital";"education";"default";"housing";"loan";"contact";"month";)"
    R"("day_of_week";"duration";"campaign";"pdays";"previous";"poutcome";"emp.var.rate";)"
    R"("cons.price.idx";"cons.conf.idx";"euribor3m";"nr.employed";"y")";

QByteArray generate(const cl::DemoOptions &options)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QString error;
    if (!cl::DemoDataGenerator::write(buffer, options, {}, &error))
        qWarning("generation failed: %s", qPrintable(error));
    return bytes;
}

QByteArray generate(qint64 rows, quint64 seed = cl::DemoOptions().seed)
{
    cl::DemoOptions options;
    options.rows = rows;
    options.seed = seed;
    return generate(options);
}

/// A file of the bank-additional-full layout, split into fields with the quotes kept.
struct Table
{
    QByteArray header;
    QList<QByteArrayList> rows;

    explicit Table(const QByteArray &bytes)
    {
        QByteArrayList lines = bytes.split('\n');
        if (!lines.isEmpty() && lines.last().isEmpty())
            lines.removeLast();
        for (QByteArray &line : lines)
            line.chop(1); // the \r
        header = lines.value(0);
        for (int i = 1; i < lines.size(); ++i)
            rows.append(lines[i].split(';'));
    }
    int column(const char *name) const
    {
        return header.split(';').indexOf(QByteArray("\"") + name + "\"");
    }
    /// Value of a field without its quotes.
    static QByteArray text(const QByteArray &field) { return field.mid(1, field.size() - 2); }
    QSet<QByteArray> levels(const char *name) const
    {
        const int c = column(name);
        QSet<QByteArray> set;
        for (const auto &r : rows)
            set.insert(text(r[c]));
        return set;
    }
    double share(const char *name, const QByteArray &level) const
    {
        const int c = column(name);
        qint64 n = 0;
        for (const auto &r : rows)
            n += text(r[c]) == level;
        return double(n) / rows.size();
    }
    /// Rate of y = yes among rows where @p name equals @p level (all rows if name is null).
    double rate(const char *name = nullptr, const QByteArray &level = {}) const
    {
        const int c = name ? column(name) : -1;
        const int y = column("y");
        qint64 n = 0, yes = 0;
        for (const auto &r : rows) {
            if (c >= 0 && text(r[c]) != level)
                continue;
            ++n;
            yes += r[y] == "\"yes\"";
        }
        return n ? double(yes) / n : 0.0;
    }
};

QSet<QByteArray> setOf(const QByteArrayList &list)
{
    return QSet<QByteArray>(list.begin(), list.end());
}

} // namespace

class TestDemo : public QObject
{
    Q_OBJECT
    QByteArray m_default;

private Q_SLOTS:
    void initTestCase() { m_default = generate(cl::DemoOptions()); }

    void datasetNameSaysSynthetic()
    {
        QVERIFY(cl::DemoDataGenerator::datasetName().contains("Synthetic demo data"));
        QVERIFY(cl::DemoDataGenerator::datasetName().contains("bank-additional-full"));
    }

    void sameSeedGivesIdenticalBytes()
    {
        QCOMPARE(generate(41188), m_default);
        QCOMPARE(generate(5000, 7), generate(5000, 7));
    }

    void defaultOutputHasTheRecordedHash()
    {
        const QByteArray hash =
            QCryptographicHash::hash(m_default, QCryptographicHash::Sha256).toHex();
        QCOMPARE(hash, QByteArray(kDefaultSha256));
    }

    void differentSeedGivesDifferentRows()
    {
        const QByteArray a = generate(2000, 1);
        const QByteArray b = generate(2000, 2);
        QVERIFY(a != b);
        QCOMPARE(a.left(kRealHeader.size()), b.left(kRealHeader.size()));
    }

    void rowCountAndCrlf_data()
    {
        QTest::addColumn<qint64>("rows");
        QTest::newRow("header only") << qint64(0);
        QTest::newRow("one row") << qint64(1);
        QTest::newRow("25, fewer rows than periods") << qint64(25);
        QTest::newRow("4096, one full chunk") << qint64(4096);
        QTest::newRow("4097, chunk plus one") << qint64(4097);
        QTest::newRow("41188, the real size") << qint64(41188);
        QTest::newRow("100000") << qint64(100000);
    }
    void rowCountAndCrlf()
    {
        QFETCH(qint64, rows);
        const QByteArray bytes = rows == 41188 ? m_default : generate(rows);
        QCOMPARE(bytes.count("\r\n"), rows + 1);
        QCOMPARE(bytes.count('\n'), rows + 1);
        QCOMPARE(bytes.count('\r'), rows + 1);
        QVERIFY(bytes.endsWith("\r\n"));
        QVERIFY(bytes.startsWith(kRealHeader + "\r\n"));
        const Table t(bytes);
        QCOMPARE(t.rows.size(), rows);
        for (const auto &r : t.rows)
            QCOMPARE(r.size(), 21);
    }

    void headerIsTheRealOne()
    {
        const Table t(m_default);
        QCOMPARE(t.header, kRealHeader);
        QStringList quoted;
        for (const QString &name : cl::DemoDataGenerator::columnNames())
            quoted << '"' + name + '"';
        QCOMPARE(quoted.join(';').toLatin1(), kRealHeader);
    }

    void levelsAreTheRealOnes_data()
    {
        QTest::addColumn<QByteArray>("column");
        QTest::addColumn<QByteArrayList>("levels");
        QTest::newRow("job") << QByteArray("job")
                             << QByteArrayList{"admin.",        "blue-collar", "entrepreneur",
                                               "housemaid",     "management",  "retired",
                                               "self-employed", "services",    "student",
                                               "technician",    "unemployed",  "unknown"};
        QTest::newRow("marital") << QByteArray("marital")
                                 << QByteArrayList{"divorced", "married", "single", "unknown"};
        QTest::newRow("education")
            << QByteArray("education")
            << QByteArrayList{"basic.4y",          "basic.6y",   "basic.9y",
                              "high.school",       "illiterate", "professional.course",
                              "university.degree", "unknown"};
        QTest::newRow("housing") << QByteArray("housing") << QByteArrayList{"no", "yes", "unknown"};
        QTest::newRow("loan") << QByteArray("loan") << QByteArrayList{"no", "yes", "unknown"};
        QTest::newRow("contact") << QByteArray("contact")
                                 << QByteArrayList{"cellular", "telephone"};
        QTest::newRow("month: no jan, no feb, as in the real file")
            << QByteArray("month")
            << QByteArrayList{"mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
        QTest::newRow("day_of_week")
            << QByteArray("day_of_week") << QByteArrayList{"mon", "tue", "wed", "thu", "fri"};
        QTest::newRow("poutcome") << QByteArray("poutcome")
                                  << QByteArrayList{"failure", "nonexistent", "success"};
        QTest::newRow("y") << QByteArray("y") << QByteArrayList{"no", "yes"};
    }
    void levelsAreTheRealOnes()
    {
        QFETCH(QByteArray, column);
        QFETCH(QByteArrayList, levels);
        QCOMPARE(Table(m_default).levels(column.constData()), setOf(levels));
    }

    void defaultIsAmongItsLevels()
    {
        // "yes" has 3 rows in 41,188 in the real file: it may or may not come up.
        QVERIFY(setOf({"no", "yes", "unknown"}).contains(Table(m_default).levels("default")));
    }

    void textIsQuotedAndNumbersAreNot()
    {
        const Table t(m_default);
        const QSet<int> numeric = {0, 10, 11, 12, 13, 15, 16, 17, 18, 19};
        for (const auto &r : t.rows) {
            for (int c = 0; c < 21; ++c) {
                if (numeric.contains(c)) {
                    bool ok = false;
                    r[c].toDouble(&ok);
                    QVERIFY2(ok, r[c].constData());
                } else {
                    QVERIFY2(r[c].size() >= 2 && r[c].startsWith('"') && r[c].endsWith('"'),
                             r[c].constData());
                }
            }
        }
    }

    void valuesAreInTheRealRanges()
    {
        const Table t(m_default);
        const int age = t.column("age"), duration = t.column("duration"),
                  campaign = t.column("campaign"), pdays = t.column("pdays"),
                  previous = t.column("previous"), poutcome = t.column("poutcome"),
                  euribor = t.column("euribor3m"), nr = t.column("nr.employed");
        int minAge = 1000, maxAge = 0;
        for (const auto &r : t.rows) {
            minAge = std::min(minAge, r[age].toInt());
            maxAge = std::max(maxAge, r[age].toInt());
            QVERIFY(r[duration].toInt() >= 0 && r[duration].toInt() <= 4918);
            QVERIFY(r[campaign].toInt() >= 1 && r[campaign].toInt() <= 56);
            const int pd = r[pdays].toInt();
            QVERIFY2(pd == 999 || (pd >= 0 && pd <= 27), r[pdays].constData());
            const int prev = r[previous].toInt();
            QVERIFY(prev >= 0 && prev <= 7);
            // Never contacted before: no earlier outcome; an earlier contact has one.
            QCOMPARE(prev == 0, Table::text(r[poutcome]) == "nonexistent");
            if (pd != 999)
                QVERIFY(prev > 0);
            QVERIFY(r[euribor].toDouble() >= 0.634 && r[euribor].toDouble() <= 5.045);
            QVERIFY(r[nr].toDouble() >= 4963.6 && r[nr].toDouble() <= 5228.1);
        }
        QVERIFY(minAge >= 17 && minAge <= 20);
        QVERIFY(maxAge >= 85 && maxAge <= 98);
    }

    void rowsRunInDateOrderThroughThe26Periods()
    {
        const Table t(m_default);
        const int month = t.column("month"), nr = t.column("nr.employed"),
                  emp = t.column("emp.var.rate");
        int runs = 0;
        QByteArray last;
        for (const auto &r : t.rows) {
            const QByteArray key = r[month] + r[nr] + r[emp];
            runs += key != last;
            last = key;
        }
        QCOMPARE(runs, 26);
        QCOMPARE(t.rows.first()[month], QByteArray("\"may\""));
        QCOMPARE(t.rows.first()[nr], QByteArray("5191"));
        QCOMPARE(t.rows.last()[month], QByteArray("\"nov\""));
        QCOMPARE(t.rows.last()[nr], QByteArray("4963.6"));
        // May 2008 was called by telephone only, as in the real file.
        QCOMPARE(t.rows.first()[t.column("contact")], QByteArray("\"telephone\""));
    }

    void overallRateIsTheRealOne()
    {
        // Real: 4,640 of 41,188 = 11.27%; sampling sd alone is 0.16 points.
        const double rate = Table(m_default).rate();
        qInfo("overall rate %.4f", rate);
        QVERIFY2(qAbs(rate - 0.1127) < 0.006, qPrintable(QString::number(rate)));
    }

    void mainEffectsPointTheRealWay()
    {
        const Table t(m_default);
        const double all = t.rate();
        const double success = t.rate("poutcome", "success");
        const double nonexistent = t.rate("poutcome", "nonexistent");
        qInfo("success %.3f nonexistent %.3f student %.3f retired %.3f blue-collar %.3f may %.3f "
              "mar %.3f cellular %.3f telephone %.3f",
              success, nonexistent, t.rate("job", "student"), t.rate("job", "retired"),
              t.rate("job", "blue-collar"), t.rate("month", "may"), t.rate("month", "mar"),
              t.rate("contact", "cellular"), t.rate("contact", "telephone"));
        QVERIFY(success > 4 * nonexistent);            // real: 65.1% vs 8.8%
        QVERIFY(t.rate("job", "student") > 1.5 * all); // real: 31.4%
        QVERIFY(t.rate("job", "retired") > 1.5 * all); // real: 25.2%
        QVERIFY(t.rate("job", "blue-collar") < all);   // real: 6.9%
        QVERIFY(t.rate("month", "may") < all);         // real: 6.4%
        QVERIFY(t.rate("month", "mar") > 3 * all);     // real: 50.5%
        QVERIFY(t.rate("contact", "cellular") > 2 * t.rate("contact", "telephone")); // 14.7 / 5.2
    }

    void longerCallsSubscribeMore()
    {
        const Table t(m_default);
        const int duration = t.column("duration"), y = t.column("y");
        qint64 n[2] = {0, 0}, yes[2] = {0, 0};
        for (const auto &r : t.rows) {
            const int longCall = r[duration].toInt() >= 300;
            ++n[longCall];
            yes[longCall] += r[y] == "\"yes\"";
        }
        QVERIFY(double(yes[1]) / n[1] > 4 * double(yes[0]) / n[0]);
    }

    void calibratedToTheRealFile()
    {
        CL_REQUIRE_SHARED(path, "bank-additional-full.csv");
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray realBytes = file.readAll();
        const Table real(realBytes);
        const Table demo(m_default);
        // Figures are carried over, rows are not: no demo line equals a line of the real file.
        const QByteArrayList realLines = realBytes.split('\n');
        const QSet<QByteArray> realSet(realLines.begin() + 1, realLines.end());
        const QByteArrayList demoLines = m_default.split('\n');
        qint64 copied = 0;
        for (int i = 1; i < demoLines.size(); ++i)
            copied += !demoLines[i].isEmpty() && realSet.contains(demoLines[i]);
        QCOMPARE(copied, qint64(0));
        QCOMPARE(demo.header, real.header);
        for (const char *column : {"job", "marital", "education", "housing", "loan", "contact",
                                   "month", "day_of_week", "poutcome", "y"}) {
            for (const QByteArray &level : real.levels(column)) {
                const double a = demo.share(column, level), b = real.share(column, level);
                QVERIFY2(qAbs(a - b) < 0.015, qPrintable(QStringLiteral("%1=%2: demo %3, real %4")
                                                             .arg(column, level)
                                                             .arg(a)
                                                             .arg(b)));
            }
        }
        // Main effects: the rate of y per level, for levels with at least 1,000 real rows.
        for (const char *column : {"job", "contact", "month", "poutcome", "education"}) {
            for (const QByteArray &level : real.levels(column)) {
                if (real.share(column, level) * real.rows.size() < 1000)
                    continue;
                const double a = demo.rate(column, level), b = real.rate(column, level);
                // Three sampling sd of the demo rate plus one point of calibration error.
                const double n = demo.share(column, level) * demo.rows.size();
                const double tolerance = 0.01 + 3 * std::sqrt(b * (1 - b) / n);
                QVERIFY2(qAbs(a - b) < tolerance,
                         qPrintable(QStringLiteral("rate %1=%2: demo %3, real %4")
                                        .arg(column, level)
                                        .arg(a)
                                        .arg(b)));
            }
        }
    }

    void cancelStopsAndReports()
    {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        int calls = 0;
        QString error;
        const bool ok = cl::DemoDataGenerator::write(
            buffer, {},
            [&](double fraction, const QString &) { return ++calls < 3 && fraction < 1; }, &error);
        QVERIFY(!ok);
        QCOMPARE(calls, 3);
        QCOMPARE(error, QStringLiteral("cancelled"));
        QVERIFY(bytes.size() < m_default.size() / 2);
    }

    void progressRunsFromZeroToOne()
    {
        QList<double> seen;
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(cl::DemoDataGenerator::write(buffer, {}, [&](double f, const QString &phase) {
            seen << f;
            return phase.contains("Synthetic");
        }));
        QCOMPARE(seen.first(), 0.0);
        QCOMPARE(seen.last(), 1.0);
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QCOMPARE(bytes, m_default);
    }

    void cancelledFileIsNotLeftBehind()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(cl::DemoDataGenerator::fileName());
        QVERIFY(!cl::DemoDataGenerator::writeFile(path, {},
                                                  [](double, const QString &) { return false; }));
        QVERIFY(!QFile::exists(path));
        QVERIFY(cl::DemoDataGenerator::writeFile(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), m_default);
    }

    void invalidRowCountsAreRefused()
    {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QString error;
        cl::DemoOptions options;
        options.rows = -1;
        QVERIFY(!cl::DemoDataGenerator::write(buffer, options, {}, &error));
        QVERIFY(!error.isEmpty());
        options.rows = cl::DemoDataGenerator::maxRows() + 1;
        QVERIFY(!cl::DemoDataGenerator::write(buffer, options, {}, &error));
        QVERIFY(bytes.isEmpty());
    }

    void generates41188RowsWellUnderASecond()
    {
        QElapsedTimer timer;
        timer.start();
        const QByteArray bytes = generate(41188);
        const qint64 ms = timer.elapsed();
        qInfo("41,188 rows in %lld ms", ms);
        QCOMPARE(bytes.size(), m_default.size());
        QVERIFY2(ms < 1000, qPrintable(QString::number(ms)));
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
