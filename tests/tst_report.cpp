// Executive report (issue 6): Markdown and PDF on the mini fixture and bank-additional-full.
#include "LoadedDataset.h"
#include "TestSupport.h"
#include "demo/DemoDataGenerator.h"
#include "import/CsvImporter.h"
#include "render/ReportExporter.h"
#include "render/ReportFonts.h"
#include "report/MarkdownWriter.h"
#include "report/ReportBuilder.h"
#include "report/ReportText.h"
#include "store/FrameLoader.h"
#include "store/Workspace.h"

#include <QGuiApplication>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {

using Loaded = cl::test::LoadedDataset;

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
    void aiRequestedSaysNoEndpoint();
    void cliWritesReport();
    void pdfTablesRepeatHeaderAndKeepRowsWhole();
    void demoReportSaysSynthetic();
    void bankReportHasModelAndCharts_data();
    void bankReportHasModelAndCharts();

private:
    QTemporaryDir m_dir;
    Loaded m_mini;
};

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
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("nb") << QStringLiteral("nb");
}

void TestReport::miniReportExportsMarkdownAndPdf()
{
    QFETCH(QString, language);
    cl::ReportOptions options;
    options.language = language;
    const cl::ReportDocument doc = cl::ReportBuilder::build(m_mini.info, m_mini.frame, options);
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
        const cl::ReportDocument doc = cl::ReportBuilder::build(m_mini.info, m_mini.frame, options);
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
    const cl::ReportDocument doc = cl::ReportBuilder::build(m_mini.info, m_mini.frame, options);
    const QString md = cl::MarkdownWriter::toMarkdown(doc);
    // 8 of 60 subscribed in the fixture.
    QVERIFY2(md.contains(QStringLiteral("13,33\u00a0%")), qPrintable(md.left(2000)));
}

void TestReport::aiRequestedSaysNoEndpoint()
{
    cl::ReportOptions options;
    options.aiRequested = true;
    const QString md = cl::MarkdownWriter::toMarkdown(
        cl::ReportBuilder::build(m_mini.info, m_mini.frame, options));
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
        const cl::ReportDocument doc = cl::ReportBuilder::build(loaded.info, loaded.frame, options);
        QVERIFY2(doc.ok, qPrintable(doc.error));
        const cl::ReportText t(language);
        const QString md = cl::MarkdownWriter::toMarkdown(doc);
        QVERIFY(md.contains(QStringLiteral("| %1 | %2 |").arg(t.tr("synthetic"), t.tr("yes"))));
        QVERIFY(md.contains(cl::DemoDataGenerator::datasetName()));
        // 26 month-periods in row order, as the real file.
        QVERIFY2(
            md.contains(
                t.tr("daterange.months").arg(QStringLiteral("may"), QStringLiteral("nov")).arg(26)),
            qPrintable(md.left(1500)));
        cl::ReportExportOptions out;
        out.outDir = m_dir.filePath(QStringLiteral("demo-reports"));
        checkExport(doc, cl::ReportExporter::write(doc, out));
    }
}

void TestReport::bankReportHasModelAndCharts_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("nb") << QStringLiteral("nb");
}

void TestReport::bankReportHasModelAndCharts()
{
    QFETCH(QString, language);
    CL_REQUIRE_SHARED(csv, "bank-additional-full.csv");
    static Loaded bank;
    if (!bank.workspace) {
        const QString dir = m_dir.filePath(QStringLiteral("bank"));
        QDir().mkpath(dir);
        QString error;
        QVERIFY2(importCsv(dir, csv, &bank, &error), qPrintable(error));
    }
    cl::ReportOptions options;
    options.language = language;
    const cl::ReportDocument doc = cl::ReportBuilder::build(bank.info, bank.frame, options);
    QVERIFY2(doc.ok, qPrintable(doc.error));
    // Bar chart, heatmap, forest plot and gains chart.
    QCOMPARE(int(doc.charts.size()), 4);
    const QString md = cl::MarkdownWriter::toMarkdown(doc);
    const cl::ReportText t(language);
    QVERIFY(md.contains(t.percent(4640.0 / 41188)));
    QVERIFY(md.contains(QStringLiteral("65+ / retired / married")));
    QVERIFY(!md.contains(t.tr("model.notfitted").arg(QString()).trimmed()));
    cl::ReportExportOptions out;
    out.outDir = m_dir.filePath(QStringLiteral("bank-reports"));
    checkExport(doc, cl::ReportExporter::write(doc, out));
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
