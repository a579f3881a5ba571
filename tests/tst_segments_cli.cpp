// Tests of the `segments` CLI subcommand, run in-process on imported workspaces.
#include "cli/ImportCommands.h"
#include "cli/SegmentsCommand.h"
#include "import/CsvImporter.h"
#include "store/Workspace.h"

#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run runCommand(const QStringList &args, bool terminal = false,
               int (*command)(cl::cli::Args, cl::cli::Io &) = &cl::cli::runSegments)
{
    Run run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    cl::cli::Io io{out, err, terminal};
    run.code = command(cl::cli::Args(args), io);
    out.flush();
    err.flush();
    return run;
}

QString importInto(const QString &workspacePath, const QString &csv)
{
    cl::Workspace ws;
    QString error;
    if (!ws.open(workspacePath, &error))
        return error;
    cl::ImportOptions options;
    options.path = csv;
    const cl::ImportResult r = cl::CsvImporter(ws).run(options);
    return r.ok() ? QString() : r.error;
}

} // namespace

class TestSegmentsCli : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_mini;
    QString m_bank;

private Q_SLOTS:
    void initTestCase()
    {
        m_mini = m_dir.filePath("mini.sqlite");
        const QString error = importInto(m_mini, QFINDTESTDATA("data/mini_bank_additional.csv"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString bank = cl::test::sharedBankFile("bank-additional-full.csv");
        if (!bank.isEmpty()) {
            m_bank = m_dir.filePath("bank.sqlite");
            const QString bankError = importInto(m_bank, bank);
            QVERIFY2(bankError.isEmpty(), qPrintable(bankError));
        }
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("no --by") << QStringList{} << 2 << "--by";
        QTest::newRow("bad rank") << QStringList{"--by", "job", "--rank", "best"} << 2
                                  << "wilson, raw or bayes";
        QTest::newRow("bad format")
            << QStringList{"--by", "job", "--format", "xml"} << 2 << "table, csv or json";
        QTest::newRow("bad min-n") << QStringList{"--by", "job", "--min-n", "-3"} << 2 << "--min-n";
        QTest::newRow("bad filter")
            << QStringList{"--by", "job", "--filter", "contact"} << 2 << "column=value";
        QTest::newRow("unknown option")
            << QStringList{"--by", "job", "--colour", "red"} << 2 << "--colour";
        QTest::newRow("unknown column") << QStringList{"--by", "nope"} << 1 << "no column 'nope'";
        QTest::newRow("unknown label")
            << QStringList{"--by", "job", "--filter", "contact=pigeon"} << 1 << "'pigeon'";
        QTest::newRow("no such dataset")
            << QStringList{"--by", "job", "--dataset", "999"} << 1 << "999";
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, errorPart);
        const Run run = runCommand(args << "--workspace" << m_mini);
        QCOMPARE(run.code, code);
        QVERIFY2(run.err.contains(errorPart), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }

    void formats_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("table") << "table";
        QTest::newRow("csv") << "csv";
        QTest::newRow("json") << "json";
    }
    void formats()
    {
        QFETCH(QString, format);
        const Run run = runCommand({"--by", "marital,contact", "--filter", "housing=yes,no",
                                    "--top", "3", "--format", format, "--workspace", m_mini});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        if (format == "csv") {
            const QStringList lines = run.out.split("\r\n", Qt::SkipEmptyParts);
            QCOMPARE(lines.size(), 4);
            QVERIFY(lines[0].startsWith("rank,marital,contact,clients,subscribers,rate,"));
        } else if (format == "json") {
            const QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
            QVERIFY(o["ok"].toBool());
            QCOMPARE(o["segments"].toArray().size(), 3);
            QCOMPARE(o["query"].toObject()["filters"].toArray().size(), 1);
        } else {
            QVERIFY(run.out.contains("segments compared"));
            QVERIFY(run.out.contains("housing in {yes, no}"));
        }
    }

    void rawRankingReproducesTheReadme()
    {
        if (m_bank.isEmpty())
            QSKIP(
                "../shared/data/uci-bank-marketing/bank-additional-full.csv not present: skipped");
        const Run run = runCommand({"--by", "age_band,job,marital", "--rank", "raw", "--format",
                                    "csv", "--workspace", m_bank});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        const QStringList lines = run.out.split("\r\n", Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 211);
        for (const QString &expected :
             {QString(",65+,unknown,divorced,4,3,0.750000,"), QString(",65+,admin.,divorced,3,1,"),
              QString(",25-34,unknown,single,30,7,"), QString(",45-54,unemployed,divorced,30,0,"),
              QString(",55-64,retired,single,37,1,"), QString(",55-64,admin.,married,434,78,")}) {
            QVERIFY2(run.out.contains(expected), qPrintable(expected));
        }
    }

    void wilsonTopTenHasNoSmallSegment()
    {
        if (m_bank.isEmpty())
            QSKIP(
                "../shared/data/uci-bank-marketing/bank-additional-full.csv not present: skipped");
        const Run run = runCommand({"--by", "age_band,job,marital", "--top", "10", "--format",
                                    "json", "--workspace", m_bank});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        const QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(o["segments_compared"].toInt(), 211);
        const QJsonArray segments = o["segments"].toArray();
        QCOMPARE(segments.size(), 10);
        for (const auto &s : segments)
            QVERIFY(s.toObject()["clients"].toDouble() >= 30);
    }

    void issue10_5_labelsWithControlCharactersAreEscaped()
    {
        // A job label with an OSC 0 title sequence (ESC ... BEL) and an erase-line; the file
        // name, shown by `info` as the dataset's name, carries an ESC too. (Lower case: the
        // import folds labels.)
        const QString hostile = QStringLiteral("adm\x1b]0;pwned\x07in\x1b[2k");
        QFile in(QFINDTESTDATA("data/mini_bank_additional.csv"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray csv = in.readAll();
        csv.replace("\"admin.\"", "\"" + hostile.toUtf8() + "\"");
        const QString csvPath = m_dir.filePath(QStringLiteral("bank\x1b[31mred.csv"));
        QFile outFile(csvPath);
        QVERIFY(outFile.open(QIODevice::WriteOnly));
        outFile.write(csv);
        outFile.close();
        const QString ws = m_dir.filePath("hostile.sqlite");
        const QString error = importInto(ws, csvPath);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const auto rawControl = [](const QString &text) {
            for (const QChar c : text) {
                const ushort u = c.unicode();
                if ((u < 0x20 && u != '\n' && u != '\t' && u != '\r') || (u >= 0x7f && u <= 0x9f))
                    return QStringLiteral("U+%1").arg(u, 4, 16, QLatin1Char('0'));
            }
            return QString();
        };
        const QString escaped = QStringLiteral("adm\\x1b]0;pwned\\x07in\\x1b[2k");
        const QStringList by{"--by", "job", "--workspace", ws};

        const Run table = runCommand(by);
        QCOMPARE(table.code, 0);
        QVERIFY2(rawControl(table.out).isEmpty(), qPrintable(rawControl(table.out)));
        QVERIFY2(table.out.contains(escaped), qPrintable(table.out));
        // A filter naming the label echoes it back too.
        const Run filtered = runCommand(QStringList{"--filter", "job=" + hostile} << by);
        QCOMPARE(filtered.code, 0);
        QVERIFY2(rawControl(filtered.out).isEmpty(), qPrintable(rawControl(filtered.out)));

        // CSV to a pipe or file is data: exact. On a terminal it is escaped like the table.
        const Run piped = runCommand(QStringList{"--format", "csv"} << by, false);
        QCOMPARE(piped.code, 0);
        QVERIFY(piped.out.contains(hostile));
        const Run onTerminal = runCommand(QStringList{"--format", "csv"} << by, true);
        QCOMPARE(onTerminal.code, 0);
        QVERIFY2(rawControl(onTerminal.out).isEmpty(), qPrintable(rawControl(onTerminal.out)));
        QVERIFY(onTerminal.out.contains(escaped));
        // JSON escapes control characters itself.
        const Run json = runCommand(QStringList{"--format", "json"} << by, true);
        QVERIFY2(rawControl(json.out).isEmpty(), qPrintable(rawControl(json.out)));
        bool found = false;
        const QJsonArray segments =
            QJsonDocument::fromJson(json.out.toUtf8())["segments"].toArray();
        for (const QJsonValue &seg : segments)
            found = found || seg.toObject()["labels"].toArray().contains(hostile);
        QVERIFY2(found, qPrintable(json.out.left(500)));

        // `info` shows the dataset's name (from the file name) and its source path.
        const Run info = runCommand({"--workspace", ws}, false, &cl::cli::runInfo);
        QCOMPARE(info.code, 0);
        QVERIFY2(rawControl(info.out).isEmpty(), qPrintable(rawControl(info.out)));
        const Run oneInfo =
            runCommand({"--workspace", ws, "--dataset", "1"}, false, &cl::cli::runInfo);
        QCOMPARE(oneInfo.code, 0);
        QVERIFY2(rawControl(oneInfo.out).isEmpty(), qPrintable(rawControl(oneInfo.out)));
        QVERIFY2(oneInfo.out.contains(QLatin1String("bank\\x1b[31mred")), qPrintable(oneInfo.out));
    }

    // An empty field is imported as the level "(missing)", shown as its own segment; a filter
    // on "(missing)" selects those rows (it selected only NULL codes, so the segment the table
    // showed with its clients gave "no rows pass the filters").
    void missingFilterSelectsTheMissingSegment()
    {
        QFile in(QFINDTESTDATA("data/mini_bank_additional.csv"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray csv = in.readAll();
        const int emptied = int(csv.count("\"admin.\""));
        QVERIFY(emptied > 0);
        csv.replace("\"admin.\"", "\"\"");
        const QString csvPath = m_dir.filePath(QStringLiteral("emptyjob.csv"));
        QFile outFile(csvPath);
        QVERIFY(outFile.open(QIODevice::WriteOnly));
        QCOMPARE(outFile.write(csv), csv.size());
        outFile.close();
        const QString ws = m_dir.filePath("emptyjob.sqlite");
        const QString error = importInto(ws, csvPath);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        const auto json = [&](const QStringList &args) {
            const Run r = runCommand(QStringList{"--format", "json", "--workspace", ws} << args);
            return r.code == 0 ? QJsonDocument::fromJson(r.out.toUtf8()).object() : QJsonObject();
        };
        const QJsonObject byJob = json({"--by", "job"});
        QJsonObject missing;
        for (const QJsonValue &seg : byJob["segments"].toArray()) {
            if (seg.toObject()["labels"].toArray() == QJsonArray{"(missing)"})
                missing = seg.toObject();
        }
        QCOMPARE(missing["clients"].toInt(), emptied);

        const QJsonObject filtered = json({"--by", "marital", "--filter", "job=(missing)"});
        QCOMPARE(filtered["population"].toInt(), emptied);
        QCOMPARE(filtered["subscribers"].toInt(), missing["subscribers"].toInt());
        QVERIFY(filtered["warnings"].toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSegmentsCli)
#include "tst_segments_cli.moc"
