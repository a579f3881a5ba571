// Report AI sections (issue 6): text from a loopback fake model, labels, number checks, fallback.
#include "FakeOpenAiServer.h"
#include "TestSupport.h"
#include "cli/CliCommon.h"
#include "cli/ReportCommand.h"
#include "import/CsvImporter.h"
#include "render/ReportExporter.h"
#include "report/AiTextSanitizer.h"
#include "report/MarkdownWriter.h"
#include "report/ReportBuilder.h"
#include "report/ReportNarrative.h"
#include "report/ReportText.h"
#include "store/ChatStore.h"
#include "store/FrameLoader.h"
#include "store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

/// The report as ReportJob makes it when no model run is stored: the default run, fitted here.
inline cl::ReportDocument buildReport(const cl::DatasetInfo &info, const cl::DataFrame &frame,
                                      cl::ReportOptions options = {})
{
    if (options.fitModel)
        options.model = cl::ReportBuilder::fitDefaultRun(frame);
    return cl::ReportBuilder::build(info, frame, options);
}

using cl::test::FakeOpenAiServer;
using cl::test::FakeResponse;

namespace {

const char *const kModel = "fake-report-model-1";
const char *const kKey = "sk-testKEYthatMustNeverLeak0123456789";

FakeResponse answer(const QString &text, const QString &model = QString::fromLatin1(kModel))
{
    const QJsonObject msg{{"role", "assistant"}, {"content", text}};
    const QJsonObject body{
        {"id", "chatcmpl-report"},
        {"model", model},
        {"choices",
         QJsonArray{QJsonObject{{"index", 0}, {"message", msg}, {"finish_reason", "stop"}}}},
        {"usage", QJsonObject{{"prompt_tokens", 900}, {"completion_tokens", 80}}}};
    return FakeResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

/// Runs the report CLI; returns its exit code, the written files on stdout, messages on stderr.
int runCli(const QStringList &args, QString *stdOut, QString *stdErr)
{
    QTextStream o(stdOut), e(stdErr);
    cl::cli::Io io{o, e};
    const int rc = cl::cli::runReport(cl::cli::Args(args), io);
    o.flush();
    e.flush();
    return rc;
}

/// The written file of `stdOut` ending in `suffix`.
QString writtenFile(const QString &stdOut, const QString &suffix)
{
    for (const QString &line : stdOut.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.endsWith(suffix))
            return line;
    }
    return {};
}

QString pdfText(const QString &pdf)
{
    const QString exe = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (exe.isEmpty())
        return {};
    QProcess p;
    p.start(exe, {pdf, QStringLiteral("-")});
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput())
        .normalized(QString::NormalizationForm_KC)
        .simplified();
}

} // namespace

class TestReportAi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<cl::Workspace> m_workspace;
    cl::DatasetInfo m_info;
    std::shared_ptr<const cl::DataFrame> m_frame;
    QString m_csv;

    cl::ChatContext context() const
    {
        cl::ChatContext c;
        c.workspacePath = m_workspace->path();
        c.dataset = m_info;
        c.frame = m_frame;
        return c;
    }
    cl::ReportNarrativeOptions options(const QString &baseUrl) const
    {
        cl::ReportNarrativeOptions o;
        o.config.baseUrl = QUrl(baseUrl);
        o.config.model = QString::fromLatin1(kModel);
        o.config.maxRetries = 0;
        o.apiKey = cl::fixedApiKeyProvider(QString::fromLatin1(kKey));
        o.sectionTimeoutMs = 20000;
        return o;
    }
    cl::ReportDocument build(const QString &language) const
    {
        cl::ReportOptions ro;
        ro.language = language;
        ro.aiRequested = true;
        ro.minN = 5; // the mini fixture is small: one dimension and a low n give it A/B plans
        ro.segmentBy = {QStringLiteral("marital")};
        return buildReport(m_info, *m_frame, ro);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_csv = QFINDTESTDATA("data/mini_bank_additional.csv");
        QVERIFY(!m_csv.isEmpty());
        m_workspace = std::make_unique<cl::Workspace>();
        QString error;
        QVERIFY2(m_workspace->open(m_dir.filePath(QStringLiteral("ws.sqlite")), &error),
                 qPrintable(error));
        cl::ImportOptions io;
        io.path = m_csv;
        const cl::ImportResult imported = cl::CsvImporter(*m_workspace).run(io);
        QVERIFY2(imported.ok(), qPrintable(imported.error));
        m_info = *m_workspace->dataset(imported.datasetId);
        auto frame = cl::loadFrame(*m_workspace, imported.datasetId, &error);
        QVERIFY2(frame.has_value(), qPrintable(error));
        m_frame = std::make_shared<const cl::DataFrame>(std::move(*frame));
    }

    void generatedTextIsLabelledAndExported_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("invented");
        QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("Generated by AI (model %1)")
                            << QStringLiteral("73.9%");
        QTest::newRow("nb") << QStringLiteral("nb") << QStringLiteral("Generert av KI (modell %1)")
                            << QStringLiteral("73,9\u00a0%");
    }

    void generatedTextIsLabelledAndExported()
    {
        QFETCH(QString, language);
        QFETCH(QString, label);
        QFETCH(QString, invented);
        cl::ReportDocument doc = build(language);
        QVERIFY(doc.ok);
        // A computed rate as the report writes it (bokmål: "11,27 %"), and an invented one.
        static const QRegularExpression rate(QStringLiteral("\\d+[.,]\\d+[ \\x{00a0}]?%"));
        QString computed;
        for (const cl::ReportBlock &b : doc.sections[1].blocks) {
            if (computed.isEmpty() && b.kind == cl::ReportBlock::Kind::Paragraph)
                computed = rate.match(b.text).captured(0);
        }
        QVERIFY(!computed.isEmpty());
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(answer(QStringLiteral("Zebrafish summary: overall %1, led by the retired, "
                                             "at %2 in one segment.")
                                  .arg(computed, invented)));
        server.enqueue(answer(QStringLiteral("- Zebrafish action one\n- Zebrafish action two")));
        server.enqueue(answer(QStringLiteral("- H1: Zebrafish hypothesis about the segment.")));
        server.enqueue(answer(QStringLiteral("Zebrafish answer: prioritise the retired.")));

        const cl::ReportNarrativeResult r =
            cl::ReportNarrative::apply(doc, context(), options(server.baseUrl()));
        QVERIFY2(r.fallbackReason.isEmpty(), qPrintable(r.fallbackReason));
        QVERIFY(r.generated);
        QCOMPARE(r.model, QString::fromLatin1(kModel));
        QCOMPARE(r.generatedSections.size(), 4);
        QCOMPARE(r.unverifiedNumbers, 1); // the invented rate only, in either number format

        // The prompts are in the report's language.
        const QList<cl::test::RecordedRequest> requests = server.requests();
        QCOMPARE(requests.size(), 4);
        const QString body0 = QString::fromUtf8(requests.front().body);
        QVERIFY(body0.contains(language == QLatin1String("nb")
                                   ? QStringLiteral("norsk bokmål")
                                   : QStringLiteral("Write in English")));

        cl::ReportExportOptions eo;
        eo.outDir = m_dir.filePath(QStringLiteral("out-") + language);
        const cl::ReportExportResult result = cl::ReportExporter::write(doc, eo);
        QVERIFY2(result.ok, qPrintable(result.error));
        QFile md(result.markdownPath);
        QVERIFY(md.open(QIODevice::ReadOnly));
        const QString markdown = QString::fromUtf8(md.readAll());
        const QString expectedLabel = label.arg(QString::fromLatin1(kModel));
        QVERIFY(markdown.contains(expectedLabel));
        QVERIFY(markdown.contains(QStringLiteral("Zebrafish summary")));
        QVERIFY(markdown.contains(QStringLiteral("Zebrafish action two")));
        QVERIFY(markdown.contains(QStringLiteral("Zebrafish hypothesis")));
        QVERIFY(markdown.contains(QStringLiteral("Zebrafish answer")));
        // The mark in the report's language (issue 15: no English left in the bokmål report).
        const QString mark = cl::ReportText(language).unverifiedMark();
        QVERIFY(markdown.contains(invented + mark));
        QCOMPARE(markdown.contains(QStringLiteral("[unverified]")),
                 language == QLatin1String("en"));
        QVERIFY(markdown.contains(computed + QStringLiteral(",")));
        QVERIFY(markdown.contains(QLatin1String(cl::ReportNarrative::kPromptVersion)));
        QVERIFY(!markdown.contains(QLatin1String(kKey)));
        // The A/B plans stay computed: the sample-size table is still there.
        QVERIFY(markdown.contains(QStringLiteral("Cohen's h")));

        const QString pdf = pdfText(result.pdfPath);
        if (pdf.isEmpty())
            QSKIP("pdftotext (poppler-utils) not installed: PDF text not checked");
        QVERIFY(pdf.contains(expectedLabel));
        QVERIFY(pdf.contains(QStringLiteral("Zebrafish summary")));
        QVERIFY(pdf.contains(mark.trimmed()));
        QVERIFY(pdf.contains(QString::fromLatin1(kModel)));
        QVERIFY(!pdf.contains(QLatin1String(kKey)));
    }

    void requestBodiesCarryNoRows()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        for (int i = 0; i < 4; ++i)
            server.enqueue(answer(QStringLiteral("Fine.")));
        cl::ReportDocument doc = build(QStringLiteral("en"));
        cl::ReportNarrative::apply(doc, context(), options(server.baseUrl()));
        QCOMPARE(server.requests().size(), 4);

        QFile csv(m_csv);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = csv.readAll().split('\n');
        lines.removeFirst(); // header: column names may be sent
        for (const cl::test::RecordedRequest &req : server.requests()) {
            const QJsonObject body = QJsonDocument::fromJson(req.body).object();
            QVERIFY(!body.contains(QStringLiteral("tools"))); // no run_sql, no rows on demand
            const QString all = QString::fromUtf8(req.body);
            QVERIFY(!all.contains(QLatin1String(kKey)));
            for (QByteArray line : lines) {
                line = line.trimmed();
                if (line.isEmpty())
                    continue;
                // A row, as in the file or with the quotes and separators the JSON would carry.
                QVERIFY2(!req.body.contains(line), line.constData());
                const QByteArray unquoted = QByteArray(line).replace('"', "");
                QVERIFY2(!req.body.contains(unquoted), unquoted.constData());
                QVERIFY2(!req.body.contains(QByteArray(unquoted).replace(';', ", ")),
                         unquoted.constData());
            }
            // Only the figures: the report's computed facts are what grounds the text.
            QVERIFY(all.contains(QStringLiteral("Report figures")));
        }
        QCOMPARE(server.requests().front().headers.value("authorization"),
                 QByteArray("Bearer ") + kKey);
    }

    void smallSegmentsAreNotSent()
    {
        // The seed's settings: three dimensions, min n 30, so most segments are small.
        cl::ReportOptions ro;
        ro.aiRequested = true;
        cl::ReportDocument doc = buildReport(m_info, *m_frame, ro);
        QVERIFY(doc.ok);
        const QString small = QStringLiteral("small n");
        QStringList smallNames;
        for (const cl::ReportSection &s : doc.sections) {
            for (const cl::ReportBlock &b : s.blocks) {
                for (const QStringList &row : b.rows) {
                    if (row.contains(small))
                        smallNames << row[1];
                }
            }
        }
        QVERIFY(!smallNames.isEmpty());
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        for (int i = 0; i < 4; ++i)
            server.enqueue(answer(QStringLiteral("Fine.")));
        cl::ReportNarrative::apply(doc, context(), options(server.baseUrl()));
        QVERIFY(!server.requests().isEmpty());
        for (const cl::test::RecordedRequest &req : server.requests()) {
            const QJsonArray messages = QJsonDocument::fromJson(req.body)
                                            .object()
                                            .value(QStringLiteral("messages"))
                                            .toArray();
            for (const QJsonValue &m : messages) {
                const QString content = m.toObject().value(QStringLiteral("content")).toString();
                for (const QString &name : smallNames)
                    QVERIFY2(!content.contains(name), qPrintable(name));
            }
        }
    }

    void failingServerGivesRuleBasedFallback_data()
    {
        QTest::addColumn<bool>("serverError");
        QTest::newRow("connection refused") << false;
        QTest::newRow("HTTP 500") << true;
    }

    void failingServerGivesRuleBasedFallback()
    {
        QFETCH(bool, serverError);
        FakeOpenAiServer server;
        QString url;
        if (serverError) {
            QVERIFY(server.listen());
            server.enqueue(FakeResponse::json(500, R"({"error":{"message":"boom"}})"));
            url = server.baseUrl();
        } else {
            QTcpServer probe; // a port nobody listens on once it is closed
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            url = QStringLiteral("http://127.0.0.1:%1/v1").arg(probe.serverPort());
            probe.close();
        }
        const cl::ReportDocument rules = build(QStringLiteral("en"));
        cl::ReportDocument doc = rules;
        const cl::ReportNarrativeResult r =
            cl::ReportNarrative::apply(doc, context(), options(url));
        QVERIFY(!r.generated);
        QVERIFY(!r.fallbackReason.isEmpty());
        const QString md = cl::MarkdownWriter::toMarkdown(doc);
        QVERIFY(md.contains(QStringLiteral("The AI endpoint failed")));
        QVERIFY(!md.contains(QStringLiteral("Generated by AI")));
        for (const cl::ReportSection &s : doc.sections) {
            int content = 0;
            for (const cl::ReportBlock &b : s.blocks)
                content += b.kind != cl::ReportBlock::Kind::Label ? 1 : 0;
            QVERIFY2(content > 0, qPrintable(s.id));
        }
        // The rule-based text itself is kept, section by section.
        QCOMPARE(doc.sections.size(), rules.sections.size());
        QCOMPARE(doc.sections[1].blocks.size(), rules.sections[1].blocks.size());
        QCOMPARE(doc.sections[1].blocks[1].text, rules.sections[1].blocks[1].text);
    }

    void cliReportTakesBaseUrlAndModel()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        for (int i = 0; i < 6; ++i)
            server.enqueue(answer(QStringLiteral("Kingfisher text from the CLI run.")));
        qunsetenv("OPENAI_API_KEY"); // a local server needs no key
        const QString out = m_dir.filePath(QStringLiteral("cli"));
        QString stdOut, stdErr;
        QTextStream o(&stdOut), e(&stdErr);
        cl::cli::Io io{o, e};
        const int rc = cl::cli::runReport(
            cl::cli::Args(
                {QStringLiteral("--base-url"), server.baseUrl(), QStringLiteral("--model"),
                 QStringLiteral("cli-model"), QStringLiteral("--question"),
                 QStringLiteral("Should we call students by phone?"), QStringLiteral("--format"),
                 QStringLiteral("md"), QStringLiteral("--out"), out, QStringLiteral("--workspace"),
                 m_workspace->path()}),
            io);
        o.flush();
        e.flush();
        QVERIFY2(rc == 0, qPrintable(stdErr));
        QVERIFY(!server.requests().isEmpty());
        const QJsonObject first = QJsonDocument::fromJson(server.requests().front().body).object();
        QCOMPARE(first.value(QStringLiteral("model")).toString(), QStringLiteral("cli-model"));
        QFile md(stdOut.split(QLatin1Char('\n'), Qt::SkipEmptyParts).value(0));
        QVERIFY2(md.open(QIODevice::ReadOnly), qPrintable(stdOut));
        const QString text = QString::fromUtf8(md.readAll());
        QVERIFY(text.contains(QStringLiteral("Kingfisher text from the CLI run.")));
        QVERIFY(text.contains(QStringLiteral("Should we call students by phone?")));
        QVERIFY(text.contains(QStringLiteral("Generated by AI (model %1)").arg(kModel)));
    }

    void pinnedQuestionsJoinTheQa_data()
    {
        QTest::addColumn<bool>("ai");
        QTest::addColumn<bool>("failing");
        QTest::newRow("AI off: the chat's answer") << false << false;
        QTest::newRow("AI on: asked again") << true << false;
        QTest::newRow("AI on, endpoint fails: the chat's answer") << true << true;
    }

    void pinnedQuestionsJoinTheQa()
    {
        QFETCH(bool, ai);
        QFETCH(bool, failing);
        // A workspace of its own: pins here must not reach the other cases' requests.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        cl::Workspace ws;
        QString error;
        QVERIFY2(ws.open(dir.filePath(QStringLiteral("pinned.sqlite")), &error), qPrintable(error));
        cl::ImportOptions io;
        io.path = m_csv;
        const cl::ImportResult imported = cl::CsvImporter(ws).run(io);
        QVERIFY2(imported.ok(), qPrintable(imported.error));
        const QString question = QStringLiteral("Do retirees answer the phone more often?");
        const QString answerText =
            QStringLiteral("**Retirees** respond best; about 99.9% of the calls reach them.");
        cl::ChatStore store(ws.db());
        cl::ChatExchangeRecord rec;
        rec.datasetId = imported.datasetId;
        rec.startedAt = QDateTime(QDate(2026, 11, 20), QTime(10, 0), Qt::UTC);
        rec.question = question;
        rec.answer = answerText;
        rec.status = QStringLiteral("answered");
        rec.model = QStringLiteral("chat-model-7");
        rec.unverifiedJson =
            QJsonDocument(QJsonArray{QJsonObject{{"text", "99.9%"},
                                                 {"position", answerText.indexOf("99.9%")},
                                                 {"length", 5}}})
                .toJson(QJsonDocument::Compact);
        const qint64 pinnedId = store.insertExchange(rec);
        QVERIFY(pinnedId > 0);
        QVERIFY(store.setPinned(pinnedId, true));
        rec.question = QStringLiteral("Unpinned heron question?");
        QVERIFY(store.insertExchange(rec) > 0);

        FakeOpenAiServer server;
        QVERIFY(server.listen());
        if (failing)
            server.enqueue(FakeResponse::json(401, R"({"error":{"message":"bad key"}})"));
        for (int i = 0; i < 6; ++i)
            server.enqueue(answer(QStringLiteral("Osprey answer from the report model.")));
        qunsetenv("OPENAI_API_KEY");
        const QString out = dir.filePath(QStringLiteral("out"));
        QStringList args{QStringLiteral("--out"),       out,
                         QStringLiteral("--workspace"), ws.path(),
                         QStringLiteral("--base-url"),  server.baseUrl(),
                         QStringLiteral("--model"),     QString::fromLatin1(kModel)};
        if (!ai)
            args << QStringLiteral("--no-ai");
        QString stdOut, stdErr;
        QVERIFY2(runCli(args, &stdOut, &stdErr) == 0, qPrintable(stdErr));
        QFile md(writtenFile(stdOut, QStringLiteral(".md")));
        QVERIFY2(md.open(QIODevice::ReadOnly), qPrintable(stdOut));
        const QString markdown = QString::fromUtf8(md.readAll());
        const QString pdf = pdfText(writtenFile(stdOut, QStringLiteral(".pdf")));
        const QString seed = cl::ReportText(QStringLiteral("en")).tr("qa.q1");
        const QString chatLabel = QStringLiteral("Answer from chat, chat-model-7, 2026-11-20");

        // The seed's question first, then the pinned one; never an unpinned one.
        const qsizetype qa = markdown.indexOf(QStringLiteral("# Questions and answers"));
        QVERIFY(qa >= 0);
        QVERIFY(markdown.indexOf(seed, qa) > qa);
        QVERIFY(markdown.indexOf(question, qa) > markdown.indexOf(seed, qa));
        QVERIFY(!markdown.contains(QStringLiteral("Unpinned heron")));
        if (!ai || failing) {
            QCOMPARE(server.requests().size(), failing ? 1 : 0); // nothing after a failure
            QVERIFY(!markdown.contains(QStringLiteral("Osprey answer")));
            QVERIFY(markdown.contains(chatLabel));
            QVERIFY(markdown.contains(
                QStringLiteral("Retirees respond best; about 99.9% [unverified] of the calls")));
        } else {
            // Asked again; the chat's answer is not sent as a computed figure.
            bool asked = false;
            for (const cl::test::RecordedRequest &req : server.requests()) {
                const QString body = QString::fromUtf8(req.body);
                asked |= body.contains(QStringLiteral("one short paragraph: ") + question);
                QVERIFY(!body.contains(QStringLiteral("Retirees respond best")));
            }
            QVERIFY(asked);
            QVERIFY(!markdown.contains(chatLabel));
            QVERIFY(markdown.indexOf(QStringLiteral("Osprey answer"),
                                     markdown.indexOf(question, qa)) > 0);
        }
        if (pdf.isEmpty())
            QSKIP("pdftotext (poppler-utils) not installed: PDF text not checked");
        QVERIFY(pdf.contains(question));
        QVERIFY(!pdf.contains(QStringLiteral("Unpinned heron")));
        if (!ai || failing) {
            QVERIFY(pdf.contains(chatLabel));
            QVERIFY(pdf.contains(QStringLiteral("99.9% [unverified]")));
        } else {
            QVERIFY(pdf.contains(QStringLiteral("Osprey answer")));
        }
    }

    void pinnedAnswerIsLabelledInBokmal()
    {
        cl::ReportOptions ro;
        ro.language = QStringLiteral("nb");
        cl::ReportPinnedQuestion q;
        q.question = QStringLiteral("Svarer pensjonister oftere?");
        q.answer = QStringLiteral("Ja, om lag 88,8 % av dem.\n\n- **Ring** dem først");
        q.unverified = {qMakePair(q.answer.indexOf(QStringLiteral("88,8")), qsizetype(4))};
        q.askedAt = QDateTime(QDate(2026, 11, 22), QTime(8, 0), Qt::UTC);
        ro.pinned << q;
        ro.pinned << cl::ReportPinnedQuestion{QStringLiteral("Tomt svar?"), {}, {}, {}, {}};
        const cl::ReportDocument doc = buildReport(m_info, *m_frame, ro);
        QVERIFY(doc.ok);
        const QString md = cl::MarkdownWriter::toMarkdown(doc);
        QVERIFY(md.indexOf(q.question) > md.indexOf(cl::ReportText(ro.language).tr("qa.q1")));
        QVERIFY(md.contains(QStringLiteral("Svar fra chatten, ukjent modell, 2026-11-22")));
        QVERIFY(md.contains(QStringLiteral("88,8 % [ubekreftet] av dem")));
        QVERIFY(md.contains(QStringLiteral("- Ring dem først"))); // a list, emphasis dropped
        QVERIFY(md.contains(QStringLiteral("Chatten lagret ikke noe svar.")));
    }

    // Issue 10, part 5: report.md embedded the model's raw `![..](http://...)` and `<img src>`.
    void issue10_5_remoteImagesAndRawHtmlFromTheModelAreDropped()
    {
        const QString hostile = QStringLiteral(
            "Retirees lead ![tracker pixel](http://evil.example/p.png?id=7) as "
            "[the dashboard](https://evil.example/dash \"title\") shows. "
            "<img src=\"http://evil.example/i.png\" alt=\"a chart\"> <b>Call</b> them first."
            "<script>new Image().src='//evil.example/s'</script>\n"
            "- <iframe src=\"https://evil.example/frame\"></iframe>Act now, see www.evil.example\n"
            "- ![ref image][r1] and <https://evil.example/auto> <!-- hidden -->\n\n"
            "[r1]: http://evil.example/ref.png\n");
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        for (int i = 0; i < 6; ++i)
            server.enqueue(answer(hostile, QStringLiteral("m<img src=http://evil.example/m.png>")));
        cl::ReportOptions ro;
        ro.aiRequested = true;
        ro.minN = 5;
        ro.segmentBy = {QStringLiteral("marital")};
        cl::ReportPinnedQuestion pinned;
        pinned.question = QStringLiteral("Pinned heron question?");
        pinned.answer = hostile;
        pinned.model = QStringLiteral("chat<img src=http://evil.example/c.png>");
        ro.pinned << pinned;
        // The pinned chat answer as the builder writes it (no AI), and the model's sections.
        cl::ReportDocument chatDoc = buildReport(m_info, *m_frame, ro);
        cl::ReportDocument aiDoc = buildReport(m_info, *m_frame, ro);
        QVERIFY(chatDoc.ok && aiDoc.ok);
        const cl::ReportNarrativeResult r =
            cl::ReportNarrative::apply(aiDoc, context(), options(server.baseUrl()));
        QVERIFY2(r.fallbackReason.isEmpty(), qPrintable(r.fallbackReason));
        QCOMPARE(r.generatedSections.size(), 4);

        static const QRegularExpression fetchable(
            QStringLiteral("[a-z]+://[^\\s)]*|www\\.evil\\S*|evil\\.example\\S*|<[a-z!/][^>\\s]*"),
            QRegularExpression::CaseInsensitiveOption);
        static const QRegularExpression image(QStringLiteral("!\\[[^\\]]*\\]\\(([^)]*)\\)"));
        int n = 0;
        for (cl::ReportDocument *doc : {&chatDoc, &aiDoc}) {
            const QString which =
                n++ == 0 ? QStringLiteral("chat answer: ") : QStringLiteral("AI sections: ");
            cl::ReportExportOptions eo;
            eo.outDir = m_dir.filePath(QStringLiteral("hostile-%1").arg(n));
            const cl::ReportExportResult result = cl::ReportExporter::write(*doc, eo);
            QVERIFY2(result.ok, qPrintable(result.error));
            QFile md(result.markdownPath);
            QVERIFY(md.open(QIODevice::ReadOnly));
            const QString markdown = QString::fromUtf8(md.readAll());
            const auto bad = fetchable.match(markdown);
            QVERIFY2(
                !bad.hasMatch(),
                qPrintable(which + QStringLiteral("report.md holds \"%1\" in: %2")
                                       .arg(bad.captured(0),
                                            markdown.mid(qMax(0, bad.capturedStart() - 80), 200))));
            // Only the report's own charts are images.
            for (auto it = image.globalMatch(markdown); it.hasNext();) {
                const QString link = it.next().captured(1);
                QVERIFY2(link.endsWith(QLatin1String(".png")) && !link.contains(QLatin1Char(':')),
                         qPrintable(which + link));
            }
            // Links and images are kept as words: the text, then the address that no viewer
            // turns into a link; an image by its alt text.
            QVERIFY2(markdown.contains(
                         QStringLiteral("the dashboard (https[:]//evil[.]example/dash) shows")),
                     qPrintable(which + markdown));
            QVERIFY(markdown.contains(QStringLiteral("Retirees lead tracker pixel as")));
            QVERIFY(markdown.contains(QStringLiteral("a chart Call them first.")));
            QVERIFY(markdown.contains(QStringLiteral("Act now, see www[.]evil[.]example")));
            QVERIFY(
                markdown.contains(QStringLiteral("ref image and https[:]//evil[.]example/auto")));
            QVERIFY(!markdown.contains(QStringLiteral("hidden")));
            QVERIFY(!markdown.contains(QStringLiteral("new Image")));

            const QString pdf = pdfText(result.pdfPath);
            if (pdf.isEmpty())
                continue; // checked below on the document model, which the PDF draws as text
            const auto badPdf = fetchable.match(pdf);
            QVERIFY2(!badPdf.hasMatch(),
                     qPrintable(which + QStringLiteral("PDF: ") +
                                pdf.mid(qMax(0, badPdf.capturedStart() - 80), 200)));
            QVERIFY(pdf.contains(QStringLiteral("the dashboard (https[:]//evil[.]example/dash)")));
        }
        // The document model itself (what the PDF and the app's preview draw).
        for (const cl::ReportDocument *doc : {&chatDoc, &aiDoc}) {
            for (const cl::ReportSection &sec : doc->sections) {
                for (const cl::ReportBlock &b : sec.blocks) {
                    QStringList texts = b.items;
                    texts << b.text << b.header;
                    for (const QStringList &row : b.rows)
                        texts << row;
                    for (const QString &text : std::as_const(texts))
                        QVERIFY2(!fetchable.match(text).hasMatch(), qPrintable(text));
                }
            }
        }
    }

    void aiTextSanitizerMakesMarkupInert_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("plain text untouched")
            << "Retirees lead at 25.4% (n = 120); **call** them <25 times, 3 < 4."
            << "Retirees lead at 25.4% (n = 120); **call** them <25 times, 3 < 4.";
        QTest::newRow("image: alt text") << "See ![a pixel](http://x.example/p.png \"t\")."
                                         << "See a pixel.";
        QTest::newRow("image in a link") << "[![logo](http://x.example/l.png)](https://x.example)"
                                         << "logo (https[:]//x[.]example)";
        QTest::newRow("reference image and definition")
            << "![alt][1]\n\n  [1]: <http://x.example/a.png> \"t\""
            << "alt\n\n1: http[:]//x[.]example/a.png";
        QTest::newRow("link with parentheses in the address")
            << "[wiki](https://x.example/a_(b)) here"
            << "wiki (https[:]//x[.]example/a_(b)) here";
        QTest::newRow("reference link") << "[docs][d]"
                                        << "docs";
        QTest::newRow("autolink") << "<https://x.example/a>"
                                  << "https[:]//x[.]example/a";
        QTest::newRow("email autolink") << "<me@x.example>"
                                        << "me@x[.]example";
        QTest::newRow("bare address and www") << "https://x.example and www.x.example/p"
                                              << "https[:]//x[.]example and www[.]x[.]example/p";
        QTest::newRow("img tag: alt text")
            << "a<IMG SRC='http://x.example/i.png' alt='chart > pie'>b"
            << "achart > pieb";
        QTest::newRow("img tag without alt") << "a <img src=http://x.example/i.png/> b"
                                             << "a  b";
        QTest::newRow("tags dropped, words kept") << "<p>One</p><p><b>Two</b></p>"
                                                  << " One  Two ";
        QTest::newRow("script and style with content")
            << "a<script>x('http://x.example')</script>b<style>p{}</style>c"
            << "abc";
        QTest::newRow("comment and declaration") << "a<!-- <img src=x> -->b<!DOCTYPE html>c"
                                                 << "abc";
        QTest::newRow("unclosed tag") << "a <iframe src=\"http://x.example\""
                                      << "a < iframe src=\"http[:]//x[.]example\"";
        QTest::newRow("unclosed comment") << "a <!-- hidden <img src=x>"
                                          << "a ";
        QTest::newRow("javascript link") << "[click](javascript:alert(1))"
                                         << "click (javascript:alert(1))";
    }
    void aiTextSanitizerMakesMarkupInert()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(cl::AiTextSanitizer::sanitize(in), out);
    }

    void fullBankReportWithTheLoopbackModel()
    {
        CL_REQUIRE_SHARED(csv, "bank-additional-full.csv");
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty())
            QSKIP("pdftotext (poppler-utils) not installed: the PDF cannot be read");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString path;
        {
            cl::Workspace ws;
            QString error;
            QVERIFY2(ws.open(dir.filePath(QStringLiteral("bank.sqlite")), &error),
                     qPrintable(error));
            cl::ImportOptions io;
            io.path = csv;
            const cl::ImportResult imported = cl::CsvImporter(ws).run(io);
            QVERIFY2(imported.ok(), qPrintable(imported.error));
            path = ws.path();
        }
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(answer(QStringLiteral("Cormorant summary of the bank campaign.")));
        server.enqueue(answer(QStringLiteral("- Cormorant action one\n- Cormorant action two")));
        server.enqueue(answer(QStringLiteral("- Cormorant hypothesis one\n- Cormorant two\n"
                                             "- Cormorant three")));
        server.enqueue(answer(QStringLiteral("Cormorant answer: prioritise the best segments.")));
        qunsetenv("OPENAI_API_KEY");
        const QString out = dir.filePath(QStringLiteral("out"));
        QString stdOut, stdErr;
        QVERIFY2(runCli({QStringLiteral("--out"), out, QStringLiteral("--workspace"), path,
                         QStringLiteral("--base-url"), server.baseUrl(), QStringLiteral("--model"),
                         QString::fromLatin1(kModel)},
                        &stdOut, &stdErr) == 0,
                 qPrintable(stdErr));
        QVERIFY2(!stdErr.contains(QStringLiteral("failed")), qPrintable(stdErr));
        QCOMPARE(server.requests().size(), 4);
        const QString mdPath = writtenFile(stdOut, QStringLiteral(".md"));
        QFile md(mdPath);
        QVERIFY2(md.open(QIODevice::ReadOnly), qPrintable(stdOut));
        const QString markdown = QString::fromUtf8(md.readAll());
        QVERIFY(markdown.contains(QStringLiteral("41,188"))); // the whole file, every row

        // Every section, in the PDF as in the Markdown.
        const QString pdf = pdfText(writtenFile(stdOut, QStringLiteral(".pdf")));
        QVERIFY(!pdf.isEmpty());
        const cl::ReportText t(QStringLiteral("en"));
        for (const char *id :
             {"section.title", "section.summary", "section.actions", "section.overview",
              "section.segments", "section.model", "section.ab", "section.qa", "section.methods"}) {
            const QString title = t.tr(id).normalized(QString::NormalizationForm_KC);
            QVERIFY2(pdf.contains(title), id);
            QVERIFY2(markdown.contains(QStringLiteral("# ") + t.tr(id)), id);
        }
        const QString label = QStringLiteral("Generated by AI (model %1)").arg(kModel);
        QVERIFY(pdf.contains(label));
        QVERIFY(markdown.contains(label));
        for (const char *text : {"Cormorant summary", "Cormorant action two",
                                 "Cormorant hypothesis one", "Cormorant answer"})
            QVERIFY2(pdf.contains(QLatin1String(text)), text);
        QVERIFY(!pdf.contains(QLatin1String(kKey)));

        // Every image link of the Markdown resolves to a PNG beside it.
        static const QRegularExpression image(QStringLiteral("!\\[[^\\]]*\\]\\(([^)]+)\\)"));
        const QDir base = QFileInfo(mdPath).absoluteDir();
        int images = 0;
        for (auto it = image.globalMatch(markdown); it.hasNext();) {
            const QString link = it.next().captured(1);
            QVERIFY2(!QDir::isAbsolutePath(link), qPrintable(link));
            const QFileInfo file(base.filePath(link));
            QVERIFY2(file.exists() && file.size() > 0, qPrintable(link));
            QImage png(file.filePath());
            QVERIFY2(!png.isNull(), qPrintable(link));
            ++images;
        }
        QVERIFY(images >= 4); // segment bars, heatmap, forest plot, gains
    }

    void switchedOffSendsNothingAndSaysSo()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        cl::ReportNarrativeOptions o = options(server.baseUrl());
        o.enabled = false;
        cl::ReportDocument doc = build(QStringLiteral("en"));
        const cl::ReportNarrativeResult r = cl::ReportNarrative::apply(doc, context(), o);
        QVERIFY(!r.generated);
        QTest::qWait(50);
        QVERIFY(server.requests().isEmpty());
        const QString md = cl::MarkdownWriter::toMarkdown(doc);
        QVERIFY(md.contains(QStringLiteral("Rule-based text (AI text switched off)")));
        QVERIFY(!md.contains(QStringLiteral("no AI endpoint")));
    }

    void noEndpointLeavesTheRuleBasedReport()
    {
        cl::ReportNarrativeOptions o;
        o.config.baseUrl = QUrl(QStringLiteral("https://api.openai.com/v1"));
        o.apiKey = cl::fixedApiKeyProvider(QString());
        QVERIFY(!cl::ReportNarrative::isConfigured(o));
        const cl::ReportDocument rules = build(QStringLiteral("en"));
        cl::ReportDocument doc = rules;
        const cl::ReportNarrativeResult r = cl::ReportNarrative::apply(doc, context(), o);
        QVERIFY(!r.generated);
        QVERIFY(!r.fallbackReason.isEmpty());
        QCOMPARE(cl::MarkdownWriter::toMarkdown(doc), cl::MarkdownWriter::toMarkdown(rules));
    }
};

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TestReportAi test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_report_ai.moc"
