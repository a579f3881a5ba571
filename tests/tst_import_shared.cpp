// The UCI reference files in ../shared/data import with exact counts and reproduce the
// seed's segment figures. Skipped, visibly, when ../shared/data is absent.
#include "TestSupport.h"
#include "import/CsvImporter.h"
#include "import/DataPlainWords.h"
#include "import/QualitySummary.h"
#include "store/FrameLoader.h"
#include "store/Statement.h"
#include "store/Workspace.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace cl;

class TestImportShared : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    std::pair<std::unique_ptr<Workspace>, ImportResult> importFile(const QString &path)
    {
        auto ws = std::make_unique<Workspace>();
        ws->open(m_dir.filePath(QFileInfo(path).completeBaseName() + ".campaignlens"));
        ImportOptions o;
        o.path = path;
        ImportResult r = CsvImporter(*ws).run(o);
        return {std::move(ws), r};
    }

private Q_SLOTS:
    void importsWithExactCounts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("rows");
        QTest::addColumn<qint64>("yes");
        QTest::addColumn<QString>("layout");
        // Counts from ../shared/data/README.md.
        QTest::newRow("bank-additional-full") << "bank-additional-full.csv" << qint64(41188)
                                              << qint64(4640) << "bank-additional-full";
        QTest::newRow("bank-full")
            << "bank-full.csv" << qint64(45211) << qint64(5289) << "bank-full";
        QTest::newRow("bank") << "bank.csv" << qint64(4521) << qint64(521) << "bank-full";
    }
    void importsWithExactCounts()
    {
        QFETCH(QString, file);
        QFETCH(qint64, rows);
        QFETCH(qint64, yes);
        QFETCH(QString, layout);
        const QString path = cl::test::sharedBankFile(file);
        if (path.isEmpty())
            QSKIP("../shared/data/uci-bank-marketing not present: skipped");
        auto [ws, r] = importFile(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.layout, layout);
        QCOMPARE(r.rowsRead, rows);
        QCOMPARE(r.rowsRejected, qint64(0));
        QCOMPARE(r.dataLines, rows);
        QCOMPARE(r.subscribers, yes);
        const auto frame = loadFrame(*ws, r.datasetId);
        QVERIFY(frame);
        QCOMPARE(qint64(frame->rowCount()), rows);
        QCOMPARE(qint64(frame->positives()), yes);
    }

    void qualitySummaryCountsUnknownsAndDuplicates()
    {
        CL_REQUIRE_SHARED(path, "bank-additional-full.csv");
        auto [ws, r] = importFile(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        const QualitySummary q = QualitySummary::fromJson(ws->dataset(r.datasetId)->quality);
        // Counted with Python's csv module: fields equal to "unknown", and rows seen before.
        const QMap<QString, qint64> expected{{"default", 8597}, {"education", 1731},
                                             {"job", 330},      {"housing", 990},
                                             {"loan", 990},     {"marital", 80}};
        int checked = 0;
        for (const auto &c : q.columns) {
            QCOMPARE(c.unknown, expected.value(c.name, 0));
            checked += expected.contains(c.name);
        }
        QCOMPARE(checked, 6);
        QCOMPARE(q.duplicates, qint64(12));
    }

    // Issue 15: the Data tab opens with what the data holds in plain words; its figures are
    // pandas' (scripts/segment_reference.py, "bank_additional_full_data_words").
    void dataPlainWordsFollowTheReference()
    {
        CL_REQUIRE_SHARED(path, "bank-additional-full.csv");
        auto [ws, r] = importFile(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QFile file(cl::test::fixture(QStringLiteral("segment_reference.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject ref = QJsonDocument::fromJson(file.readAll())
                                    .object()[QStringLiteral("bank_additional_full_data_words")]
                                    .toObject();
        QVERIFY(!ref.isEmpty());
        const qint64 clients = ref[QStringLiteral("clients")].toInteger();
        const qint64 yes = ref[QStringLiteral("subscribers")].toInteger();
        const double unknown = double(ref[QStringLiteral("default_unknown")].toInteger()) / clients;
        const NumberText n(QStringLiteral("en"));
        const DataPlainWords words =
            DataPlainWords::of(QualitySummary::fromJson(ws->dataset(r.datasetId)->quality), n);
        const QString expected[] = {
            QStringLiteral("<b>%1 clients, %2 of them said yes</b> (%3), about 1 in %4.")
                .arg(n.count(clients), n.count(yes), n.percent(double(yes) / clients, 1))
                .arg(std::lround(double(clients) / yes)),
            QStringLiteral("Every line of the file was read."),
            QStringLiteral("default is unknown for %1 of the clients (about 1 in %2)")
                .arg(n.percent(unknown, 1))
                .arg(std::lround(1 / unknown)),
            QStringLiteral("duration is known only after the call"),
            QStringLiteral("%1 rows repeat an earlier row exactly")
                .arg(n.count(ref[QStringLiteral("duplicates")].toInteger()))};
        for (const QString &part : expected)
            QVERIFY2(words.plain.contains(part),
                     qPrintable(part + QStringLiteral("\n in: ") + words.plain));
        // No jargon first; the importer's own sentences one click away.
        for (const char *jargon : {"sentinel", "imbalanced", "AUC", "y = 1"})
            QVERIFY2(!words.plain.contains(QLatin1String(jargon)), jargon);
        QVERIFY(words.technical.contains(QStringLiteral("sentinel")));
    }

    void dataPlainWordsCountTheLinesThatCouldNotBeRead()
    {
        auto [ws, r] = importFile(cl::test::fixture(QStringLiteral("mini_bank_bad_rows.csv")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.rowsRejected > 0);
        const NumberText n(QStringLiteral("en"));
        const QString plain =
            DataPlainWords::of(QualitySummary::fromJson(ws->dataset(r.datasetId)->quality), n)
                .plain;
        QVERIFY2(
            plain.contains(QStringLiteral("%1 of %2 lines could not be read")
                               .arg(n.count(qint64(r.rowsRejected)), n.count(qint64(r.dataLines)))),
            qPrintable(plain));
    }

    void segmentTableMatchesTheReference()
    {
        CL_REQUIRE_SHARED(path, "bank-additional-full.csv");
        auto [ws, r] = importFile(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        const auto info = ws->dataset(r.datasetId);
        Statement count(ws->db(), QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM %1 GROUP BY "
                                                 "age_band, job, marital)")
                                      .arg(info->silverTable()));
        QVERIFY(count.step());
        QCOMPARE(count.columnInt(0), 211);
        Statement st(ws->db(), QStringLiteral("SELECT count(*), sum(y) FROM %1 WHERE age_band = ? "
                                              "AND job = ? AND marital = ?")
                                   .arg(info->silverView()));
        // Rows of the table in ../shared/data/README.md: segment, clients, yes.
        const QList<std::tuple<QString, QString, QString, int, int>> expected = {
            {"65+", "unknown", "divorced", 4, 3},  {"65+", "admin.", "divorced", 3, 1},
            {"25-34", "unknown", "single", 30, 7}, {"45-54", "unemployed", "divorced", 30, 0},
            {"55-64", "retired", "single", 37, 1}, {"55-64", "admin.", "married", 434, 78}};
        for (const auto &[band, job, marital, clients, subscribers] : expected) {
            st.reset();
            st.bind(1, band);
            st.bind(2, job);
            st.bind(3, marital);
            QVERIFY(st.step());
            QCOMPARE(st.columnInt(0), clients);
            QCOMPARE(st.columnInt(1), subscribers);
        }
    }
    // Issue 11: previously_contacted came from pdays only, so 4,110 clients of
    // bank-additional-full with previous > 0 and poutcome = failure were "not previously
    // contacted". It is derived from all three history columns now; pdays still reads back.
    void issue11_previouslyContactedUsesTheWholeHistory()
    {
        CL_REQUIRE_SHARED(path, "bank-additional-full.csv");
        auto [ws, r] = importFile(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        const auto info = ws->dataset(r.datasetId);
        Statement st(ws->db(),
                     QStringLiteral("SELECT count(*), total(previously_contacted = 'yes'), "
                                    "total(pdays IS NULL) FROM %1 WHERE previous > 0 AND "
                                    "poutcome = 'failure'")
                         .arg(info->silverView()));
        QVERIFY(st.step());
        QCOMPARE(st.columnInt(0), 4252);
        QCOMPARE(st.columnInt(1), 4252); // all of them, 4,110 of whom have pdays = 999
        QCOMPARE(st.columnInt(2), 4110);
        Statement never(ws->db(), QStringLiteral("SELECT count(*) FROM %1 WHERE "
                                                 "previously_contacted = 'no'")
                                      .arg(info->silverView()));
        QVERIFY(never.step());
        QCOMPARE(never.columnInt(0), 35563); // poutcome = nonexistent: previous = 0, pdays = 999
        // The raw view still gives the file's pdays back, 999 included.
        Statement raw(
            ws->db(),
            QStringLiteral("SELECT count(*) FROM %1 WHERE pdays = 999").arg(info->rawTable()));
        QVERIFY(raw.step());
        QCOMPARE(raw.columnInt(0), 39673);
    }
};

QTEST_GUILESS_MAIN(TestImportShared)
#include "tst_import_shared.moc"
