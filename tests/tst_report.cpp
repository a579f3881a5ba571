// Executive report (issue 6): Markdown and PDF on the mini fixture and bank-additional-full.
#include "LoadedDataset.h"
#include "TestSupport.h"
#include "demo/DemoDataGenerator.h"
#include "import/CsvImporter.h"
#include "import/QualitySummary.h"
#include "regression/DesignMatrix.h"
#include "regression/LogisticFit.h"
#include "render/ReportExporter.h"
#include "render/ReportFonts.h"
#include "report/AbTestPlan.h"
#include "report/MarkdownWriter.h"
#include "report/ReportBuilder.h"
#include "report/ReportText.h"
#include "report/ReportWording.h"
#include "segments/SegmentEngine.h"
#include "segments/SegmentStats.h"
#include "store/FrameLoader.h"
#include "store/Workspace.h"
#include "support/ReportChecks.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QGuiApplication>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>

#include <csignal>

#include <sys/resource.h>

/// The report as ReportJob makes it when no model run is stored: the default run, fitted here.
inline cl::ReportDocument buildReport(const cl::DatasetInfo &info, const cl::DataFrame &frame,
                                      cl::ReportOptions options = {})
{
    if (options.fitModel)
        options.model = cl::ReportBuilder::fitDefaultRun(frame);
    return cl::ReportBuilder::build(info, frame, options);
}

namespace {

using cl::test::contradictions;
using cl::test::parsePercent;
using Loaded = cl::test::LoadedDataset;

/// One data row per report language.
void addLanguageRows()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("nb") << QStringLiteral("nb");
}

bool importCsv(const QString &dir, const QString &csv, Loaded *loaded, QString *error,
               bool synthetic = false)
{
    cl::ImportOptions options;
    if (synthetic) {
        options.name = cl::DemoDataGenerator::datasetName();
        options.synthetic = true;
    }
    return cl::test::importInto(dir, csv, loaded, error, options);
}

/// Runs a poppler tool; empty optional when it is not installed.
std::optional<QString> runTool(const QString &tool, const QStringList &args)
{
    const QString exe = QStandardPaths::findExecutable(tool);
    if (exe.isEmpty())
        return std::nullopt;
    QProcess p;
    p.start(exe, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return QString();
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString squeeze(QString text)
{
    // NFKC folds the ligatures a PDF may carry ("ﬁ" -> "fi") and the no-break space.
    return text.normalized(QString::NormalizationForm_KC).simplified();
}

/// Checks one exported report: files, image links, PDF text (every section), fonts.
void checkExport(const cl::ReportDocument &doc, const cl::ReportExportResult &result)
{
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(QFileInfo::exists(result.markdownPath));
    QVERIFY(QFileInfo::exists(result.pdfPath));
    QCOMPARE(result.images.size(), int(doc.charts.size()));

    QFile md(result.markdownPath);
    QVERIFY(md.open(QIODevice::ReadOnly));
    const QString markdown = QString::fromUtf8(md.readAll());
    for (const QString &title : doc.sectionTitles())
        QVERIFY2(markdown.contains(QStringLiteral("## ") + title), qPrintable(title));
    const QRegularExpression link(QStringLiteral("!\\[[^\\]]*\\]\\(([^)]+)\\)"));
    int links = 0;
    for (auto it = link.globalMatch(markdown); it.hasNext();) {
        const QString target = it.next().captured(1);
        QVERIFY2(!QDir::isAbsolutePath(target), qPrintable(target));
        const QFileInfo image(QFileInfo(result.markdownPath).dir().filePath(target));
        QVERIFY2(image.exists() && image.size() > 1000, qPrintable(target));
        const QImage png(image.filePath());
        QVERIFY(!png.isNull());
        QVERIFY2(png.dotsPerMeterX() >= int(200 / 0.0254) - 1, "PNG below 200 dpi");
        ++links;
    }
    QCOMPARE(links, int(doc.charts.size()));

    const auto text = runTool(QStringLiteral("pdftotext"), {result.pdfPath, QStringLiteral("-")});
    if (!text)
        QSKIP("pdftotext (poppler-utils) not installed: PDF text not checked");
    const QString pdfText = squeeze(*text);
    for (const QString &title : doc.sectionTitles())
        QVERIFY2(pdfText.contains(squeeze(title)), qPrintable(title));
    const cl::ReportText t(doc.language);
    QVERIFY(pdfText.contains(squeeze(t.tr("label.rulebased"))));
    const QRegularExpression pageOf(doc.language == QLatin1String("nb")
                                        ? QStringLiteral("side 1 av (\\d+)")
                                        : QStringLiteral("page 1 of (\\d+)"));
    const auto m = pageOf.match(pdfText);
    QVERIFY2(m.hasMatch(), "no page numbers");
    const int pages = m.captured(1).toInt();
    QVERIFY(pdfText.contains(t.tr("page").arg(pages).arg(pages)));

    const auto fonts = runTool(QStringLiteral("pdffonts"), {result.pdfPath});
    QVERIFY(fonts.has_value());
    const QStringList lines = fonts->split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(2);
    QVERIFY(!lines.isEmpty());
    for (const QString &line : lines) {
        // name type encoding emb sub uni ...: every font embedded
        const QStringList cols = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QVERIFY2(cols.contains(QStringLiteral("yes")) &&
                     cols.at(cols.size() - 5) == QLatin1String("yes"),
                 qPrintable(line));
    }
    if (cl::ReportFonts::fallbackReason().isEmpty())
        QVERIFY(fonts->contains(QStringLiteral("DejaVuSans")));
    // Charts are vectors in the PDF, so it carries no raster images.
    const auto images =
        runTool(QStringLiteral("pdfimages"), {QStringLiteral("-list"), result.pdfPath});
    QVERIFY(images.has_value());
    QCOMPARE(images->split(QLatin1Char('\n'), Qt::SkipEmptyParts).size() - 2, 0);
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void miniReportExportsMarkdownAndPdf_data();
    void miniReportExportsMarkdownAndPdf();
    void noSectionIsEmpty();
    void bokmalNumberFormat();
    void importWarningsHaveStableCodes();
    void bokmalWarningText_data();
    void bokmalWarningText();
    void bokmalReportWordsImportWarnings();
    void bokmalTermLabels();
    void aiRequestedSaysNoEndpoint();
    void cliWritesReport();
    void cliReportDateFromSourceDateEpoch();
    void cliReportHelpListsItsOptions();
    void issue10_3_reportOnAFullDiskFailsAndLeavesNoPartialFile();
    void pdfTablesRepeatHeaderAndKeepRowsWhole();
    void demoReportSaysSynthetic();
    void bankReportHasModelAndCharts_data();
    void bankReportHasModelAndCharts();
    void issue11_shuffledRowsAreNotCalledTimeOrdered_data();
    void issue11_shuffledRowsAreNotCalledTimeOrdered();
    void issue11_noSentenceContradictsAnother_data();
    void issue11_noSentenceContradictsAnother();
    void issue11_largestEffectsAreSignificantAndComparable();
    void issue11_prioritisedSegmentsSurviveTheMultipleComparisons();
    void issue12_aTimeSplitRunIsDescribedAsTheTimeSplitItIs();

private:
    /// A shared UCI file imported once per run (nullptr, with the test failed, on an error).
    const Loaded *shared(const QString &csv);

    QTemporaryDir m_dir;
    Loaded m_mini;
    QMap<QString, std::shared_ptr<Loaded>> m_shared;
};

const Loaded *TestReport::shared(const QString &csv)
{
    if (!m_shared.contains(csv)) {
        auto loaded = std::make_shared<Loaded>();
        const QString dir = m_dir.filePath(QStringLiteral("shared-") + QFileInfo(csv).baseName());
        QDir().mkpath(dir);
        QString error;
        if (!importCsv(dir, csv, loaded.get(), &error)) {
            QTest::qFail(qPrintable(error), __FILE__, __LINE__);
            return nullptr;
        }
        m_shared.insert(csv, loaded);
    }
    return m_shared.value(csv).get();
}

void TestReport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QDir().mkpath(m_dir.filePath(QStringLiteral("mini")));
    QString error;
    QVERIFY2(importCsv(m_dir.filePath(QStringLiteral("mini")),
                       QFINDTESTDATA("data/mini_bank_additional.csv"), &m_mini, &error),
             qPrintable(error));
}

void TestReport::miniReportExportsMarkdownAndPdf_data()
{
    addLanguageRows();
}

void TestReport::miniReportExportsMarkdownAndPdf()
{
    QFETCH(QString, language);
    cl::ReportOptions options;
    options.language = language;
    const cl::ReportDocument doc = buildReport(m_mini.info, m_mini.frame, options);
    QVERIFY2(doc.ok, qPrintable(doc.error));
    QCOMPARE(doc.sections.size(), 9);
    cl::ReportExportOptions out;
    out.outDir = m_dir.filePath(QStringLiteral("reports-") + language);
    const cl::ReportExportResult result = cl::ReportExporter::write(doc, out);
    QVERIFY(result.folder.startsWith(out.outDir + QStringLiteral("/mini_bank_additional-")));
    QCOMPARE(QFileInfo(result.markdownPath).fileName(), QStringLiteral("report.md"));
    checkExport(doc, result);
}

void TestReport::noSectionIsEmpty()
{
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("nb")}) {
        cl::ReportOptions options;
        options.language = language;
        const cl::ReportDocument doc = buildReport(m_mini.info, m_mini.frame, options);
        for (const cl::ReportSection &s : doc.sections) {
            QVERIFY2(!s.title.isEmpty(), qPrintable(s.id));
            bool text = false;
            for (const cl::ReportBlock &b : s.blocks)
                text = text || !b.text.isEmpty() || !b.rows.isEmpty() || !b.items.isEmpty();
            QVERIFY2(text, qPrintable(s.id));
        }
        // The 60-row fixture cannot support a model: the section says so instead.
        const QString md = cl::MarkdownWriter::toMarkdown(doc);
        QVERIFY(md.contains(cl::ReportText(language).tr("qa.q1")));
    }
}

void TestReport::bokmalNumberFormat()
{
    const cl::ReportText nb(QStringLiteral("nb"));
    QCOMPARE(nb.percent(0.11265), QStringLiteral("11,27\u00a0%"));
    QCOMPARE(cl::ReportText(QStringLiteral("en")).percent(0.11265), QStringLiteral("11.27%"));
    QCOMPARE(nb.tr("section.summary"), QStringLiteral("Lederoppsummering"));
    QCOMPARE(nb.tr("section.qa"), QStringLiteral("Spørsmål og svar"));
    cl::ReportOptions options;
    options.language = QStringLiteral("nb");
    const cl::ReportDocument doc = buildReport(m_mini.info, m_mini.frame, options);
    const QString md = cl::MarkdownWriter::toMarkdown(doc);
    // 8 of 60 subscribed in the fixture.
    QVERIFY2(md.contains(QStringLiteral("13,33\u00a0%")), qPrintable(md.left(2000)));
}

// Every warning the importer writes maps to a code and back to the very same English
// sentence: a reworded warning in CsvImporter fails here instead of reaching the bokmål
// report in English.
void TestReport::importWarningsHaveStableCodes()
{
    using Code = cl::QualityWarning::Code;
    // Missing values, an identifier column and repeated rows, which the fixtures lack.
    const QString extra = m_dir.filePath(QStringLiteral("warnings.csv"));
    {
        QFile f(extra);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("age,job,contact_ref,campaign,y\n");
        const char *jobs[] = {"admin.", "services", "retired"};
        for (int i = 0; i < 50; ++i)
            f.write(QStringLiteral("%1,%2,REF-%3-X%4,%5,%6\n")
                        .arg(i % 5 == 0 ? QString() : QString::number(20 + i % 40))
                        .arg(QLatin1String(jobs[i % 3]))
                        .arg(i * 7919, 6, 10, QLatin1Char('0'))
                        .arg(i)
                        .arg(1 + i % 4)
                        .arg(QLatin1String(i % 6 == 0 ? "yes" : "no"))
                        .toUtf8());
        f.write("21,services,REF-1-X1,2,no\n21,services,REF-1-X1,2,no\n");
    }
    QSet<Code> seen;
    int index = 0;
    for (const QString &csv : {QFINDTESTDATA("data/mini_bank_additional.csv"),
                               QFINDTESTDATA("data/mini_bank_bad_rows.csv"), extra}) {
        const QString dir = m_dir.filePath(QStringLiteral("codes%1").arg(++index));
        QDir().mkpath(dir);
        Loaded loaded;
        QString error;
        QVERIFY2(importCsv(dir, csv, &loaded, &error), qPrintable(error));
        const cl::QualitySummary q = cl::QualitySummary::fromJson(loaded.info.quality);
        const QList<cl::QualityWarning> coded = q.codedWarnings();
        QCOMPARE(coded.size(), q.warnings.size());
        for (int i = 0; i < coded.size(); ++i) {
            QVERIFY2(coded[i].code != Code::Other, qPrintable(q.warnings[i]));
            QCOMPARE(coded[i].englishText(), q.warnings[i]);
            seen.insert(coded[i].code);
        }
    }
    const QSet<Code> all{Code::DurationAfterCall, Code::PdaysSentinel,  Code::IdentifierColumn,
                         Code::UnknownShare,      Code::MissingShare,   Code::RowsRejected,
                         Code::DuplicateRows,     Code::ClassImbalance, Code::FewRows};
    QCOMPARE(seen, all);
}

void TestReport::bokmalWarningText_data()
{
    QTest::addColumn<QString>("english");
    QTest::addColumn<QString>("bokmal");
    QTest::newRow("duration")
        << QStringLiteral("'duration' (call duration) is only known after the call and decides "
                          "the outcome almost by itself: do not use it to choose whom to call "
                          "(models leave it out by default)")
        << QStringLiteral("'duration' (samtalens varighet) er først kjent etter samtalen og "
                          "avgjør utfallet nesten alene: ikke bruk den til å velge hvem som skal "
                          "ringes (modellene utelater den som standard)");
    QTest::newRow("pdays")
        << QStringLiteral(
               "'pdays' uses a sentinel (999 or -1) for clients never contacted before: decoded to "
               "'never contacted' (previously_contacted = no unless previous or poutcome show an "
               "earlier contact)")
        << QStringLiteral("'pdays' bruker en kodeverdi (999 eller -1) for "
                          "kunder som ikke er kontaktet før: tolket som «aldri "
                          "kontaktet» (previously_contacted = no med mindre previous eller "
                          "poutcome viser en tidligere kontakt)");
    QTest::newRow("identifier")
        << QStringLiteral("'ref' looks like an identifier or free text: kept in the raw table, "
                          "left out of analysis")
        << QStringLiteral("'ref' ser ut som en identifikator eller fritekst: beholdt i "
                          "rådatatabellen, utelatt fra analysen");
    QTest::newRow("unknown") << QStringLiteral("'default' is 'unknown' for 20.9% of the rows")
                             << QStringLiteral("'default' er «unknown» for 20,9\u00a0% av radene");
    QTest::newRow("missing") << QStringLiteral("'age' is missing for 19.2% of the rows")
                             << QStringLiteral("'age' mangler for 19,2\u00a0% av radene");
    QTest::newRow("rejected") << QStringLiteral("1234 rows could not be read; they are kept in "
                                                "the rejects table with line number and reason")
                              << QStringLiteral("1\u00a0234 rader kunne ikke leses; de er lagret "
                                                "i tabellen over avviste rader med linjenummer og "
                                                "årsak");
    QTest::newRow("duplicates") << QStringLiteral("12 rows repeat an earlier row exactly (kept)")
                                << QStringLiteral("12 rader gjentar en tidligere rad nøyaktig "
                                                  "(beholdt)");
    QTest::newRow("imbalance")
        << QStringLiteral("the outcome is imbalanced (11.3% subscribed): judge models by AUC, "
                          "lift and calibration, not accuracy")
        << QStringLiteral("utfallet er skjevt fordelt (11,3\u00a0% tegnet): vurder modeller etter "
                          "AUC, løft og kalibrering, ikke treffsikkerhet");
    QTest::newRow("few rows")
        << QStringLiteral("only 60 rows: segment rates will have wide confidence intervals")
        << QStringLiteral("bare 60 rader: andelene per segment får brede konfidensintervaller");
    // A sentence of a newer importer that the report does not know yet stays readable.
    QTest::newRow("unknown sentence")
        << QStringLiteral("something new happened") << QStringLiteral("something new happened");
}

void TestReport::bokmalWarningText()
{
    QFETCH(QString, english);
    QFETCH(QString, bokmal);
    const cl::QualityWarning w = cl::QualityWarning::recognise(english);
    QCOMPARE(cl::ReportWording::warning(w, cl::ReportText(QStringLiteral("nb"))), bokmal);
    QCOMPARE(cl::ReportWording::warning(w, cl::ReportText(QStringLiteral("en"))), english);
}

void TestReport::bokmalReportWordsImportWarnings()
{
    const cl::QualitySummary q = cl::QualitySummary::fromJson(m_mini.info.quality);
    QVERIFY(!q.warnings.isEmpty());
    const auto warningItems = [this](const QString &language) {
        cl::ReportOptions options;
        options.language = language;
        const cl::ReportDocument doc = buildReport(m_mini.info, m_mini.frame, options);
        for (const cl::ReportSection &s : doc.sections) {
            for (const cl::ReportBlock &b : s.blocks) {
                if (s.id == QLatin1String("overview") && b.kind == cl::ReportBlock::Kind::List)
                    return b.items;
            }
        }
        return QStringList();
    };
    // English: the importer's sentences, unchanged.
    QCOMPARE(warningItems(QStringLiteral("en")), q.warnings);
    const QStringList nb = warningItems(QStringLiteral("nb"));
    QCOMPARE(nb.size(), q.warnings.size());
    QVERIFY(nb.contains(QStringLiteral("bare 60 rader: andelene per segment får brede "
                                       "konfidensintervaller")));
    QVERIFY(nb.contains(QStringLiteral("'job' er «unknown» for 11,7\u00a0% av radene")));
    QVERIFY(nb.contains(QStringLiteral("utfallet er skjevt fordelt (13,3\u00a0% tegnet): vurder "
                                       "modeller etter AUC, løft og kalibrering, ikke "
                                       "treffsikkerhet")));
    for (const QString &item : nb) {
        for (const char *english : {" the ", " rows", " is ", " only "})
            QVERIFY2(!item.contains(QLatin1String(english)), qPrintable(item));
    }
}

// Column and level names stay as in the data; the words around them follow the report.
void TestReport::bokmalTermLabels()
{
    cl::ModelSpec spec;
    spec.standardize = true;
    const cl::DesignMatrix design = cl::buildDesign(m_mini.frame, spec);
    QVERIFY2(design.ok(), qPrintable(design.error));
    const cl::ReportText en(QStringLiteral("en"));
    const cl::ReportText nb(QStringLiteral("nb"));
    bool level = false, scaled = false;
    for (size_t j = 1; j < design.terms.size(); ++j) {
        const cl::DesignTerm &d = design.terms[j];
        cl::TermEstimate e;
        e.name = d.name;
        e.column = d.column;
        e.level = d.level;
        e.designColumn = int(j);
        // English is the design's own name.
        QCOMPARE(cl::ReportWording::term(e, design, en), d.name);
        const QString label = cl::ReportWording::term(e, design, nb);
        if (d.kind == cl::DesignTerm::Kind::Level) {
            level = true;
            QCOMPARE(label,
                     QStringLiteral("%1 = %2 (referanse: %3)").arg(d.column, d.level, d.reference));
        } else {
            scaled = true;
            QVERIFY2(label.startsWith(d.column + QStringLiteral(" (per standardavvik ")),
                     qPrintable(label));
            QVERIFY2(!label.contains(QLatin1Char('.')), qPrintable(label)); // "11,6", not "11.6"
        }
    }
    QVERIFY(level && scaled);
}

void TestReport::aiRequestedSaysNoEndpoint()
{
    cl::ReportOptions options;
    options.aiRequested = true;
    const QString md =
        cl::MarkdownWriter::toMarkdown(buildReport(m_mini.info, m_mini.frame, options));
    QVERIFY(md.contains(QStringLiteral("No AI endpoint is configured")));
    QVERIFY(md.contains(QStringLiteral("Rule-based text (no AI endpoint)")));
}

void TestReport::cliWritesReport()
{
    const QString out = m_dir.filePath(QStringLiteral("cli"));
    QProcess cli;
    // Without an endpoint, whatever the developer's shell has: the CLI would call the model.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("OPENAI_API_KEY"));
    env.remove(QStringLiteral("OPENAI_BASE_URL"));
    cli.setProcessEnvironment(env);
    cli.start(QStringLiteral(CL_CLI_PATH),
              {QStringLiteral("report"), QStringLiteral("--workspace"), m_mini.workspace->path(),
               QStringLiteral("--out"), out, QStringLiteral("--lang"), QStringLiteral("nb"),
               QStringLiteral("--format"), QStringLiteral("md,pdf")});
    QVERIFY(cli.waitForFinished(60000));
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    QCOMPARE(cli.exitCode(), 0);
    QVERIFY2(err.contains(QStringLiteral("no AI endpoint is configured")), qPrintable(err));
    const QStringList paths =
        QString::fromUtf8(cli.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(paths.size(), 2);
    QVERIFY(paths[0].endsWith(QStringLiteral("/report.md")) && QFileInfo::exists(paths[0]));
    QVERIFY(paths[1].endsWith(QStringLiteral("/report.pdf")) && QFileInfo::exists(paths[1]));

    QProcess bad;
    bad.start(QStringLiteral(CL_CLI_PATH),
              {QStringLiteral("report"), QStringLiteral("--workspace"), m_mini.workspace->path(),
               QStringLiteral("--lang"), QStringLiteral("de")});
    QVERIFY(bad.waitForFinished(60000));
    QCOMPARE(bad.exitCode(), 2);
}

// Two reports of one workspace differed in their date, and so in their compressed PDF streams'
// sizes: a full-disk test that cut report.pdf one byte short passed on a run that came out a
// byte shorter. SOURCE_DATE_EPOCH fixes the date.
void TestReport::cliReportDateFromSourceDateEpoch()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("OPENAI_API_KEY"));
    env.remove(QStringLiteral("OPENAI_BASE_URL"));
    const QString out = m_dir.filePath(QStringLiteral("dated"));
    auto report = [&](const QString &epoch, QStringList *paths, QString *err) {
        QProcess cli;
        env.insert(QStringLiteral("SOURCE_DATE_EPOCH"), epoch);
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(CL_CLI_PATH),
                  {QStringLiteral("report"), QStringLiteral("--no-ai"),
                   QStringLiteral("--workspace"), m_mini.workspace->path(), QStringLiteral("--out"),
                   out});
        if (!cli.waitForFinished(60000))
            return -1;
        *paths = QString::fromUtf8(cli.readAllStandardOutput())
                     .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        *err = QString::fromUtf8(cli.readAllStandardError());
        return cli.exitCode();
    };
    QStringList first, second;
    QString err;
    QCOMPARE(report(QStringLiteral("1764547200"), &first, &err), 0); // 2025-12-01 00:00 UTC
    QCOMPARE(report(QStringLiteral("1764547200"), &second, &err), 0);
    QCOMPARE(first.size(), 2);
    QCOMPARE(second.size(), 2);
    QVERIFY2(first[0].contains(QStringLiteral("-20251201-000000/")), qPrintable(first[0]));
    QVERIFY2(second[0].contains(QStringLiteral("-20251201-000000-2/")), qPrintable(second[0]));
    auto read = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    const QByteArray markdown = read(first[0]);
    QVERIFY2(markdown.contains("2025-12-01 00:00"), markdown.left(400).constData());
    QCOMPARE(read(second[0]), markdown);
    QCOMPARE(QFileInfo(second[1]).size(), QFileInfo(first[1]).size());

    for (const QString &bad : {QStringLiteral("yesterday"), QStringLiteral("-5")}) {
        QStringList paths;
        QCOMPARE(report(bad, &paths, &err), 2);
        QVERIFY2(err.contains(QStringLiteral("SOURCE_DATE_EPOCH")) && err.contains(bad),
                 qPrintable(err));
        QVERIFY(paths.isEmpty());
    }
}

// "report --help" was refused as an unexpected argument.
void TestReport::cliReportHelpListsItsOptions()
{
    QProcess cli;
    cli.start(QStringLiteral(CL_CLI_PATH), {QStringLiteral("report"), QStringLiteral("--help")});
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 0);
    const QString out = QString::fromUtf8(cli.readAllStandardOutput());
    QVERIFY2(out.contains(QStringLiteral("--lang en|nb")), qPrintable(out));
    QVERIFY2(!out.contains(QStringLiteral("segments --by")), qPrintable(out)); // this command only
}

namespace {

/// Every file under `dir` with its SHA-256, relative paths as keys.
QMap<QString, QByteArray> filesWithHashes(const QString &dir)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            out.insert(QDir(dir).relativeFilePath(path),
                       QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256));
    }
    return out;
}

} // namespace

// issue 10, part 3: on a nearly full disk `report` exited 0 with a truncated report.md, a
// 0-byte report.pdf or a truncated PNG. A file-size limit on the child process stands in for
// the full disk: writes past it fail with EFBIG as they would with ENOSPC.
void TestReport::issue10_3_reportOnAFullDiskFailsAndLeavesNoPartialFile()
{
    const QString out = m_dir.filePath(QStringLiteral("full-disk"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("OPENAI_API_KEY"));
    env.remove(QStringLiteral("OPENAI_BASE_URL"));
    // The report's date is written into compressed PDF streams: without a fixed date, a run a
    // minute later can come out a byte shorter and fit under "pdfSize - 1" (seen in CI).
    env.insert(QStringLiteral("SOURCE_DATE_EPOCH"), QStringLiteral("1764547200"));
    auto report = [&](qint64 sizeLimit, const QString &format, QString *err) {
        QProcess cli;
        cli.setProcessEnvironment(env);
        if (sizeLimit >= 0) {
            cli.setChildProcessModifier([sizeLimit] {
                ::signal(SIGXFSZ, SIG_IGN); // a write past the limit fails instead of killing
                const struct rlimit limit = {rlim_t(sizeLimit), rlim_t(sizeLimit)};
                ::setrlimit(RLIMIT_FSIZE, &limit);
            });
        }
        cli.start(QStringLiteral(CL_CLI_PATH),
                  {QStringLiteral("report"), QStringLiteral("--no-ai"), QStringLiteral("--format"),
                   format, QStringLiteral("--workspace"), m_mini.workspace->path(),
                   QStringLiteral("--out"), out});
        if (!cli.waitForFinished(60000) || cli.exitStatus() != QProcess::NormalExit)
            return -1;
        *err = QString::fromUtf8(cli.readAllStandardError());
        return cli.exitCode();
    };
    // An earlier complete report in the same folder, which failed runs must leave alone.
    QString err;
    QCOMPARE(report(-1, QStringLiteral("md,pdf"), &err), 0);
    const QMap<QString, QByteArray> complete = filesWithHashes(out);
    qint64 markdownSize = 0, pdfSize = 0, largestImage = 0;
    for (auto it = complete.cbegin(); it != complete.cend(); ++it) {
        const qint64 size = QFileInfo(QDir(out).filePath(it.key())).size();
        if (it.key().endsWith(QLatin1String("report.md")))
            markdownSize = size;
        else if (it.key().endsWith(QLatin1String("report.pdf")))
            pdfSize = size;
        else
            largestImage = std::max(largestImage, size);
    }
    QVERIFY(markdownSize > 0 && pdfSize > 0 && largestImage > 0);
    // The limits cut the first image, the largest image, and report.pdf (alone: with
    // Markdown the images come first) short; unchanged code exited 0 with a 60,928-byte PDF.
    const QList<QPair<QString, qint64>> runs{{QStringLiteral("md,pdf"), 0},
                                             {QStringLiteral("md,pdf"), 1000},
                                             {QStringLiteral("md,pdf"), largestImage - 1},
                                             {QStringLiteral("md,pdf"), markdownSize - 1},
                                             {QStringLiteral("pdf"), pdfSize / 2},
                                             {QStringLiteral("pdf"), pdfSize - 1}};
    for (const auto &[format, limit] : runs) {
        const int code = report(limit, format, &err);
        QVERIFY2(code == 1, qPrintable(QStringLiteral("%1, limit %2: exit %3: %4")
                                           .arg(format)
                                           .arg(limit)
                                           .arg(code)
                                           .arg(err)));
        QVERIFY2(err.contains(QStringLiteral("File too large")) ||
                     err.contains(QStringLiteral("No space left")),
                 qPrintable(err));
        QVERIFY2(err.contains(out), qPrintable(err)); // names the file
        QCOMPARE(filesWithHashes(out), complete);
        QCOMPARE(QDir(out).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).size(),
                 1);
    }
}

void TestReport::pdfTablesRepeatHeaderAndKeepRowsWhole()
{
    // 80 rows of three wrapped lines each cannot fit on one page.
    cl::ReportDocument doc;
    doc.ok = true;
    doc.title = QStringLiteral("Pagination");
    doc.datasetName = QStringLiteral("pagination");
    cl::ReportSection section{QStringLiteral("t"), QStringLiteral("Long table"), {}};
    QList<QStringList> rows;
    const QString filler = QStringLiteral("lorem ipsum dolor sit amet ").repeated(6);
    for (int i = 0; i < 80; ++i)
        rows << QStringList{QString::number(i), QStringLiteral("start%1 ").arg(i) + filler +
                                                    QStringLiteral("end%1").arg(i)};
    section.blocks << cl::ReportBlock::table(
        {QStringLiteral("HeaderNo"), QStringLiteral("HeaderText")}, rows, {true, false});
    doc.sections << section;
    cl::ReportExportOptions out;
    out.outDir = m_dir.filePath(QStringLiteral("pagination"));
    out.markdown = false;
    const cl::ReportExportResult result = cl::ReportExporter::write(doc, out);
    QVERIFY2(result.ok, qPrintable(result.error));
    const auto info = runTool(QStringLiteral("pdfinfo"), {result.pdfPath});
    if (!info)
        QSKIP("pdfinfo (poppler-utils) not installed: pagination not checked");
    const int pages =
        QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(*info).captured(1).toInt();
    QVERIFY2(pages >= 3, qPrintable(*info));
    int seen = 0;
    for (int page = 1; page <= pages; ++page) {
        const QString text =
            squeeze(*runTool(QStringLiteral("pdftotext"),
                             {QStringLiteral("-f"), QString::number(page), QStringLiteral("-l"),
                              QString::number(page), result.pdfPath, QStringLiteral("-")}));
        QVERIFY2(text.contains(QStringLiteral("HeaderNo")) &&
                     text.contains(QStringLiteral("HeaderText")),
                 qPrintable(QStringLiteral("no header row on page %1").arg(page)));
        for (int i = 0; i < 80; ++i) {
            const bool start = text.contains(QStringLiteral("start%1 ").arg(i));
            const bool end = text.contains(QRegularExpression(QStringLiteral("end%1\\b").arg(i)));
            QVERIFY2(start == end,
                     qPrintable(QStringLiteral("row %1 split at page %2").arg(i).arg(page)));
            seen += start ? 1 : 0;
        }
    }
    QCOMPARE(seen, 80);
}

void TestReport::demoReportSaysSynthetic()
{
    const QString dir = m_dir.filePath(QStringLiteral("demo"));
    QDir().mkpath(dir);
    const QString csv = dir + QStringLiteral("/demo.csv");
    cl::DemoOptions demo;
    demo.rows = 41188;
    QString error;
    QVERIFY2(cl::DemoDataGenerator::writeFile(csv, demo, {}, &error), qPrintable(error));
    Loaded loaded;
    QVERIFY2(importCsv(dir, csv, &loaded, &error, true), qPrintable(error));
    QVERIFY(loaded.info.synthetic);
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("nb")}) {
        cl::ReportOptions options;
        options.language = language;
        const cl::ReportDocument doc = buildReport(loaded.info, loaded.frame, options);
        QVERIFY2(doc.ok, qPrintable(doc.error));
        const cl::ReportText t(language);
        const QString md = cl::MarkdownWriter::toMarkdown(doc);
        QVERIFY(md.contains(QStringLiteral("| %1 | %2 |").arg(t.tr("synthetic"), t.tr("yes"))));
        QVERIFY(md.contains(cl::DemoDataGenerator::datasetName()));
        // 26 month-periods in row order, as the real file; the months in the report's
        // language ("mai til nov", not "may til nov", in bokmål: issue 15).
        const QString first =
            language == QLatin1String("nb") ? QStringLiteral("mai") : QStringLiteral("may");
        QCOMPARE(t.month(QStringLiteral("may")), first);
        QVERIFY2(md.contains(t.tr("daterange.months").arg(first, QStringLiteral("nov")).arg(26)),
                 qPrintable(md.left(1500)));
        cl::ReportExportOptions out;
        out.outDir = m_dir.filePath(QStringLiteral("demo-reports"));
        checkExport(doc, cl::ReportExporter::write(doc, out));
    }
}

void TestReport::bankReportHasModelAndCharts_data()
{
    addLanguageRows();
}

void TestReport::bankReportHasModelAndCharts()
{
    QFETCH(QString, language);
    CL_REQUIRE_SHARED(csv, "bank-additional-full.csv");
    const Loaded *loaded = shared(csv);
    QVERIFY(loaded);
    const Loaded &bank = *loaded;
    cl::ReportOptions options;
    options.language = language;
    const cl::ReportDocument doc = buildReport(bank.info, bank.frame, options);
    QVERIFY2(doc.ok, qPrintable(doc.error));
    // Bar chart, heatmap, forest plot and gains chart.
    QCOMPARE(int(doc.charts.size()), 4);
    const QString md = cl::MarkdownWriter::toMarkdown(doc);
    const cl::ReportText t(language);
    QVERIFY(md.contains(t.percent(4640.0 / 41188)));
    QVERIFY(md.contains(QStringLiteral("65+ / retired / married")));
    QVERIFY(!md.contains(t.tr("model.notfitted").arg(QString()).trimmed()));
    // Issue 11: the default model leaves out what is known only after the call and the
    // redundant or collinear columns, each with its reason in the report's language; no
    // predictor is aliased any more (the economic indicators that were functions of the month
    // on the training rows are left out by default).
    const QString predictorsRow =
        md.section(QStringLiteral("| ") + t.tr("m.predictors") + QStringLiteral(" |"), 1, 1)
            .section(QLatin1Char('\n'), 0, 0);
    QVERIFY(predictorsRow.contains(QStringLiteral("euribor3m")));
    for (const char *left : {"cons_price_idx", "campaign", "duration", "previously_contacted",
                             "emp_var_rate", "nr_employed", "cons_conf_idx", "previous"})
        QVERIFY2(!predictorsRow.contains(QLatin1String(left)), qPrintable(predictorsRow));
    for (const char *key :
         {"excl.campaign", "excl.macro", "excl.prevcontact", "excl.previous", "excl.duration"})
        QVERIFY2(md.contains(t.tr(key)), key);
    QVERIFY(!md.contains(QStringLiteral("| %1 |").arg(t.tr("m.aliased"))));
    // 12 predictors: age, job, marital, education, default, housing, loan, contact, month,
    // day_of_week, poutcome, euribor3m.
    QVERIFY(md.contains(t.tr("model.intro").arg(12).section(QLatin1Char('%'), 0, 0)));
    // The time split's held-out months subscribe far more often: 2,540 of 8,238 against
    // 2,100 of 32,950 (counted from the file's last 20% of rows).
    QVERIFY2(
        md.contains(t.tr("model.shift").arg(t.percent(2540.0 / 8238), t.percent(2100.0 / 32950))),
        qPrintable(md.section(QStringLiteral("AUC"), 0, 1).right(300)));
    // The top hypothesis needs about 58 months of its segment's contacts: said to be infeasible.
    QVERIFY(md.contains(t.tr("ab.toolong").section(QLatin1Char('%'), 0, 0)));
    cl::ReportExportOptions out;
    out.outDir = m_dir.filePath(QStringLiteral("bank-reports"));
    checkExport(doc, cl::ReportExporter::write(doc, out));
}

// Issue 11: bank.csv is a shuffled 10% sample (the month changes 3,750 times in 4,521 rows);
// its report said "3751 calendar months", "0.0 contacts per month" and a "time-ordered" split.
void TestReport::issue11_shuffledRowsAreNotCalledTimeOrdered_data()
{
    addLanguageRows();
}

void TestReport::issue11_shuffledRowsAreNotCalledTimeOrdered()
{
    QFETCH(QString, language);
    CL_REQUIRE_SHARED(csv, "bank.csv");
    const Loaded *loaded = shared(csv);
    QVERIFY(loaded);
    const Loaded &small = *loaded;
    cl::ReportOptions options;
    options.language = language;
    const cl::ReportDocument doc = buildReport(small.info, small.frame, options);
    QVERIFY2(doc.ok, qPrintable(doc.error));
    const QString md = cl::MarkdownWriter::toMarkdown(doc);
    const cl::ReportText t(language);
    QVERIFY2(md.contains(t.tr("daterange.shuffled").arg(t.count(3750), t.count(4521))),
             qPrintable(md.left(1500)));
    const QString held = t.percent(0.2, 0);
    QVERIFY(!md.contains(t.tr("m.split.value").arg(held)));
    QVERIFY(md.contains(t.tr("m.split.random").arg(held, QStringLiteral("20140601"))));
    QVERIFY(md.contains(t.tr("model.intro.random").section(QLatin1Char('%'), 0, 0)));
    // No contact volume per month is made up: the A/B plans count in file volumes.
    QVERIFY(!md.contains(QStringLiteral("| ") + t.tr("ab.volume") + QStringLiteral(" |")));
    // The big file, in date order, names its months as what they are.
    QVERIFY(!t.tr("daterange.months").contains(QStringLiteral("calendar")));
}

// Issue 11: bank-additional-full's report recommended "Run the A/B test for 65+ / retired /
// married first" while its own A/B section called it not feasible; with the A/B section off
// the actions and appendix still spoke of A/B tests; "No language model was used" stood next
// to a chat answer; bank.csv's report prioritised a segment whose lower bound was below the
// overall rate. The checker reads the Markdown of all three UCI files, in both languages.
void TestReport::issue11_noSentenceContradictsAnother_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("language");
    for (const char *file : {"bank.csv", "bank-full.csv", "bank-additional-full.csv"})
        for (const char *language : {"en", "nb"})
            QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(file, language)))
                << QString::fromLatin1(file) << QString::fromLatin1(language);
}

void TestReport::issue11_noSentenceContradictsAnother()
{
    QFETCH(QString, file);
    QFETCH(QString, language);
    const QString csv = cl::test::sharedBankFile(file);
    if (csv.isEmpty())
        QSKIP(qPrintable(
            QStringLiteral("../shared/data/uci-bank-marketing/%1 not present: skipped").arg(file)));
    const Loaded *loaded = shared(csv);
    QVERIFY(loaded);
    const Loaded &data = *loaded;
    const cl::ReportText t(language);
    cl::ReportOptions options;
    options.language = language;
    cl::ReportPinnedQuestion pinned;
    pinned.question = QStringLiteral("What is the overall rate?");
    pinned.answer = QStringLiteral("About 11%.");
    pinned.model = QStringLiteral("gpt-test");
    options.pinned = {pinned};
    const QString full =
        cl::MarkdownWriter::toMarkdown(buildReport(data.info, data.frame, options));
    QStringList found = contradictions(full, t);
    QVERIFY2(found.isEmpty(), qPrintable(found.join('\n')));
    QVERIFY(full.contains(t.tr("m.llm.pinned").arg(QStringLiteral("gpt-test"))));
    // Without the A/B section, nothing speaks of A/B tests.
    options.sections = QStringList{"title",    "summary", "actions", "overview",
                                   "segments", "model",   "qa",      "methods"};
    const QString noAb =
        cl::MarkdownWriter::toMarkdown(buildReport(data.info, data.frame, options));
    found = contradictions(noAb, t);
    QVERIFY2(found.isEmpty(), qPrintable(found.join('\n')));
}

// Issue 11: "Largest effects" ranked by |log OR| whatever the precision, led with
// education=illiterate 2.13 [0.45, 10.20] (p = 0.34), and showed balance per euro as 1.000
// [1.000, 1.000]. Now: significant effects only, by size, numbers per standard deviation.
void TestReport::issue11_largestEffectsAreSignificantAndComparable()
{
    CL_REQUIRE_SHARED(csv, "bank-full.csv");
    const Loaded *loaded = shared(csv);
    QVERIFY(loaded);
    const Loaded &data = *loaded;
    const cl::ReportText t(QStringLiteral("en"));
    const QString md = cl::MarkdownWriter::toMarkdown(buildReport(data.info, data.frame, {}));
    const qsizetype at = md.indexOf(QStringLiteral("### ") + t.tr("model.or"));
    QVERIFY2(at >= 0, qPrintable(md.left(300)));
    const QString table = md.mid(at, md.indexOf(QStringLiteral("\n### "), at + 5) - at);
    double previous = 1e300;
    int rows = 0;
    bool balance = false;
    for (const QString &line : table.split(QLatin1Char('\n'))) {
        const QStringList cells = line.split(QLatin1Char('|'));
        if (cells.size() < 6 || cells[2].trimmed().toDouble() <= 0)
            continue;
        ++rows;
        const QString p = cells[4].trimmed();
        QVERIFY2(p.startsWith(QLatin1String("<")) || p.toDouble() < 0.05, qPrintable(line));
        const double size = std::abs(std::log(cells[2].trimmed().toDouble()));
        QVERIFY2(size <= previous + 0.01, qPrintable(line)); // rounded to 2 decimals
        previous = size;
        if (cells[1].contains(QLatin1String("balance"))) {
            balance = true;
            QVERIFY2(cells[1].contains(QLatin1String("per SD")), qPrintable(line));
            QVERIFY2(cells[2].trimmed() != QLatin1String("1.00"), qPrintable(line));
        }
    }
    QVERIFY(rows >= 5);
    QVERIFY(table.contains(t.tr("model.or.note").section(QStringLiteral("%1"), 0, 0)));
    Q_UNUSED(balance); // balance is shown when it is significant; when it is, per SD

    // The SD is given in the column's unit: euribor3m's on the rows the shown model saw (the
    // first 41,060 of bank-additional-full; pandas: 1.7311514) in percentage points.
    CL_REQUIRE_SHARED(additional, "bank-additional-full.csv");
    const Loaded *other = shared(additional);
    QVERIFY(other);
    for (const QString &lang : {QStringLiteral("en"), QStringLiteral("nb")}) {
        const cl::ReportText tl(lang);
        cl::ReportOptions options;
        options.language = lang;
        const QString text =
            cl::MarkdownWriter::toMarkdown(buildReport(other->info, other->frame, options));
        const QString want =
            tl.tr("model.persd.unit")
                .arg(QStringLiteral("euribor3m"), tl.number(1.7311514, 2), tl.tr("unit.points"));
        QVERIFY2(text.contains(want), qPrintable(want));
    }
}

// Issue 11: the report starred segments "above overall" with 211 intervals at 95% each. A
// prioritised segment now beats the overall rate with its interval Bonferroni-corrected for
// the segments compared; on bank-full some segments pass at 95% and fail corrected.
// Issue 12: the report shows the stored run the user chose. A time-split run is described as
// one: its split, and its unseen month scored as the reference (not "at the average", which
// only a rolling origin does).
void TestReport::issue12_aTimeSplitRunIsDescribedAsTheTimeSplitItIs()
{
    CL_REQUIRE_SHARED(additional, "bank-additional-full.csv");
    const Loaded *data = shared(additional);
    QVERIFY(data);
    cl::ModelRunSettings settings;
    settings.validation.split.kind = cl::SplitKind::TimeOrdered;
    cl::ReportOptions options;
    options.model.result =
        std::make_shared<const cl::ModelRunResult>(cl::runModel(data->frame, settings));
    options.model.runId = 7;
    options.model.createdAt = QDateTime(QDate(2026, 12, 3), QTime(8, 0), Qt::UTC);
    const QString md =
        cl::MarkdownWriter::toMarkdown(cl::ReportBuilder::build(data->info, data->frame, options));
    const cl::ReportText t(QStringLiteral("en"));
    QVERIFY(md.contains(
        t.tr("model.run").arg(QStringLiteral("7"), QStringLiteral("2026-12-03 08:00 UTC"))));
    QVERIFY(md.contains(t.tr("m.split.time").arg(t.percent(0.2, 0))));
    QVERIFY(md.contains(t.tr("model.intro.time")
                            .arg(12)
                            .arg(t.count(32950), t.count(8238))
                            .section(QLatin1Char('.'), 0, 0)));
    QVERIFY2(
        md.contains(t.tr("model.unseen.reference").arg(t.count(570), QStringLiteral("month=sep"))),
        qPrintable(md.mid(md.indexOf(QStringLiteral("# Response model")), 2000)));
    QVERIFY(!md.contains(QStringLiteral("average effect")));
}

void TestReport::issue11_prioritisedSegmentsSurviveTheMultipleComparisons()
{
    CL_REQUIRE_SHARED(csv, "bank-full.csv");
    const Loaded *loaded = shared(csv);
    QVERIFY(loaded);
    const Loaded &data = *loaded;
    const cl::ReportText t(QStringLiteral("en"));
    const QString md = cl::MarkdownWriter::toMarkdown(buildReport(data.info, data.frame, {}));
    const QString line =
        md.section(t.tr("act.prioritise").section(QStringLiteral("%1"), 0, 0), 1, 1)
            .section(QLatin1Char('\n'), 0, 0);
    QVERIFY2(!line.isEmpty(), qPrintable(md.left(2000)));
    cl::SegmentQuery q;
    q.by = QStringList{"age_band", "job", "marital"};
    const cl::SegmentResult r = cl::SegmentEngine(data.frame).run(q);
    QVERIFY(r.ok);
    const double z = cl::AbTestPlanner::normalQuantile(1 - 0.05 / (2.0 * r.segmentsCompared));
    int prioritised = 0, passAt95Only = 0;
    for (const cl::SegmentRow &row : r.rows) {
        const QString name = row.labels.join(QStringLiteral(" / "));
        const double corrected = cl::SegmentStats::wilson(row.subscribers, row.clients, z).first;
        const bool named =
            line.contains(name + QLatin1Char(' ')) || line.contains(name + QLatin1Char(','));
        if (named) {
            ++prioritised;
            QVERIFY2(corrected > r.overallRate, qPrintable(name));
        } else if (!row.small && row.wilsonLow > r.overallRate && corrected <= r.overallRate) {
            ++passAt95Only;
        }
    }
    QVERIFY(prioritised >= 1);
    QVERIFY2(passAt95Only >= 1, "no segment shows what the correction changes");
}

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TestReport test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_report.moc"
