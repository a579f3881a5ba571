// Tests of `campaignlens-cli ask` (issue 5), run in-process against the fake server on 127.0.0.1.
#include "chat/ChatContext.h"
#include "chat/ChatPreferences.h"
#include "cli/AskCommand.h"
#include "import/CsvImporter.h"
#include "store/ChatStore.h"
#include "store/Workspace.h"

#include "FakeOpenAiServer.h"
#include "TestSupport.h"
#include "tst_chat_support.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using cl::test::FakeOpenAiServer;
using cl::test::FakeResponse;

class TestChatCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_ws;

    struct Run
    {
        int rc = -1;
        QString out;
        QString err;
    };

    Run ask(QStringList args)
    {
        Run r;
        QTextStream out(&r.out);
        QTextStream err(&r.err);
        cl::cli::Io io{out, err};
        args << QStringLiteral("--workspace") << m_ws;
        r.rc = cl::cli::runAsk(cl::cli::Args(args), io);
        out.flush();
        err.flush();
        return r;
    }

    /// A setting as stored in the workspace now (empty: not stored).
    QString stored(const QString &key)
    {
        cl::Workspace ws;
        return ws.open(m_ws) ? ws.setting(key) : QStringLiteral("(workspace does not open)");
    }
    /// Exchanges and audited bodies stored in the workspace now.
    qsizetype storedChatRows()
    {
        cl::Workspace ws;
        if (!ws.open(m_ws))
            return -1;
        cl::ChatStore store(ws.db());
        return store.exchanges(ws.latestDataset()->id).size() + store.auditLog().size();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_ws =
            m_dir.filePath(QStringLiteral("ask-%1.campaignlens").arg(QTest::currentTestFunction()));
        cl::Workspace ws;
        QVERIFY(ws.open(m_ws));
        cl::ImportOptions opt;
        opt.path = cl::test::fixture(QStringLiteral("chat_markers.csv"));
        QVERIFY(cl::CsvImporter(ws).run(opt).ok());
        qputenv("OPENAI_API_KEY", "sk-test-SECRETKEY123");
        qunsetenv("OPENAI_BASE_URL");
    }

    void streamsTheAnswerAndListsUnverifiedNumbers()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(cl::test::toolCallResponse(
            {{"segment_stats", QJsonObject{{"by", QJsonArray{"job"}}}}}, true));
        server.enqueue(cl::test::textResponse(
            QStringLiteral("Of 120 clients, retirees stand out at 25.4%."), true));
        const Run r =
            ask({QStringLiteral("Which segments should we prioritise?"),
                 QStringLiteral("--base-url"), server.baseUrl(), QStringLiteral("--evidence")});
        QCOMPARE(r.rc, 0);
        QVERIFY2(r.out.startsWith(QLatin1String("Of 120 clients")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("Unverified numbers")));
        QVERIFY(r.out.contains(QLatin1String("25.4% (at")));
        QVERIFY(r.out.contains(QLatin1String("[1] segment_stats")));
        QVERIFY(r.err.contains(QLatin1String("tokens: 2400 prompt + 160 completion")));
        QVERIFY(r.err.contains(QLatin1String("cost: $")));
        // The key went in the header only: not in the output, the workspace or its log.
        QVERIFY(server.requests().at(0).headers.value("authorization").contains("SECRETKEY123"));
        QVERIFY(!r.out.contains(QLatin1String("SECRETKEY123")));
        QVERIFY(!r.err.contains(QLatin1String("SECRETKEY123")));
        for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
            QFile f(m_ws + suffix);
            if (f.open(QIODevice::ReadOnly))
                QVERIFY(!f.readAll().contains("SECRETKEY123"));
        }
    }

    // Issue 15: a server that sends no usage. The tokens and cost are estimated, and say so.
    void issue15_tokensWithoutUsageAreEstimatedAndSaySo()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(cl::test::textResponseWithoutUsage({QStringLiteral("Retirees lead.")}));
        const Run r = ask(
            {QStringLiteral("Which job leads?"), QStringLiteral("--base-url"), server.baseUrl()});
        QCOMPARE(r.rc, 0);
        QCOMPARE(server.requests().size(), 1);
        const qint64 prompt = (QString::fromUtf8(server.requests()[0].body).size() + 3) / 4;
        QVERIFY2(r.err.contains(
                     QStringLiteral("tokens: ~%1 prompt + ~4 completion (estimated)").arg(prompt)),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("cost: ~$")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("(estimated) (gpt-4o-mini")), qPrintable(r.err));
    }

    void previewPrintsTheBodyAndSendsNothing()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        const Run r = ask({QStringLiteral("Which jobs respond best?"), QStringLiteral("--base-url"),
                           server.baseUrl(), QStringLiteral("--preview")});
        QCOMPARE(r.rc, 0);
        QVERIFY(r.out.startsWith(QLatin1String("POST ")));
        QVERIFY(r.out.contains(QLatin1String("Which jobs respond best?")));
        QVERIFY(r.out.contains(QLatin1String("segment_stats")));
        QVERIFY(!r.out.contains(QLatin1String("SECRETKEY123")));
        QTest::qWait(50);
        QCOMPARE(server.requests().size(), 0);
    }

    void noStreamMarksNumbersInPlace()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(
            cl::test::textResponse(QStringLiteral("All 120 clients; 33.3% say yes."), false));
        const Run r = ask({QStringLiteral("How many?"), QStringLiteral("--base-url"),
                           server.baseUrl(), QStringLiteral("--no-stream")});
        QCOMPARE(r.rc, 0);
        QVERIFY2(r.out.contains(QLatin1String("All 120 clients; 33.3%[unverified] say yes.")),
                 qPrintable(r.out));
        QVERIFY(!QJsonDocument::fromJson(server.requests().at(0).body)
                     .object()
                     .value("stream")
                     .toBool());
    }

    void jsonOutput()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(cl::test::textResponse(QStringLiteral("120 clients."), true));
        const Run r = ask({QStringLiteral("How many?"), QStringLiteral("--base-url"),
                           server.baseUrl(), QStringLiteral("--json")});
        QCOMPARE(r.rc, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value("answer").toString(), QStringLiteral("120 clients."));
        QCOMPARE(o.value("share").toString(), QStringLiteral("aggregates"));
        QVERIFY(o.value("unverified").toArray().isEmpty());
    }

    void missingKeyForOpenAiSaysWhatToSet()
    {
        qunsetenv("OPENAI_API_KEY");
        const Run r = ask({QStringLiteral("Anything?"), QStringLiteral("--base-url"),
                           QStringLiteral("https://api.openai.com/v1")});
        QCOMPARE(r.rc, 1);
        QVERIFY(r.err.contains(QLatin1String("set OPENAI_API_KEY")));
        QVERIFY(r.err.contains(QLatin1String("keychain")));
        QVERIFY(r.err.contains(QLatin1String("--base-url")));
    }

    void serverErrorExitsNonZeroWithReason()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        for (int i = 0; i < 4; ++i) // first try and the client's retries
            server.enqueue(FakeResponse::json(500, "{\"error\":{\"message\":\"overloaded\"}}"));
        const Run r =
            ask({QStringLiteral("Anything?"), QStringLiteral("--base-url"), server.baseUrl()});
        QCOMPARE(r.rc, 1);
        QVERIFY2(r.err.contains(QLatin1String("campaignlens-cli ask: ")), qPrintable(r.err));
    }

    void shareModeIsRememberedPerWorkspace()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(cl::test::textResponse(QStringLiteral("ok"), true));
        server.enqueue(cl::test::textResponse(QStringLiteral("ok"), true));
        QCOMPARE(
            ask({QStringLiteral("q1"), QStringLiteral("--base-url"), server.baseUrl(),
                 QStringLiteral("--share"), QStringLiteral("schema"), QStringLiteral("--remember")})
                .rc,
            0);
        const Run r = ask({QStringLiteral("q2"), QStringLiteral("--base-url"), server.baseUrl()});
        QCOMPARE(r.rc, 0);
        QVERIFY(r.err.contains(QLatin1String("sharing: schema")));
        QVERIFY(server.requests().at(1).body.contains("Schema only"));
    }

    // Issue 10, part 2: `ask --preview --share rows --min-group 1` stored rows mode and k = 1
    // in the workspace, and every later ask ran in rows mode.
    void issue10_2_previewChangesNothing()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        const Run r =
            ask({QStringLiteral("Which jobs respond best?"), QStringLiteral("--base-url"),
                 server.baseUrl(), QStringLiteral("--preview"), QStringLiteral("--share"),
                 QStringLiteral("rows"), QStringLiteral("--min-group"), QStringLiteral("1")});
        QCOMPARE(r.rc, 0);
        // The preview shows what that command would send, rows mode included.
        QVERIFY2(r.out.contains(QLatin1String("Rows allowed")), qPrintable(r.out));
        QVERIFY2(stored(cl::kSharingModeSetting).isEmpty(),
                 qPrintable(QStringLiteral("the preview stored chat.share_mode=") +
                            stored(cl::kSharingModeSetting)));
        QVERIFY2(stored(cl::kSuppressionKSetting).isEmpty(),
                 qPrintable(QStringLiteral("the preview stored chat.min_group_size=") +
                            stored(cl::kSuppressionKSetting)));
        QCOMPARE(storedChatRows(), 0);
        QCOMPARE(server.requests().size(), 0);
        QVERIFY2(r.err.contains(QLatin1String("nothing sent, nothing stored")), qPrintable(r.err));

        // A later ask runs in the default mode.
        server.enqueue(cl::test::textResponse(QStringLiteral("ok"), true));
        const Run later =
            ask({QStringLiteral("q2"), QStringLiteral("--base-url"), server.baseUrl()});
        QCOMPARE(later.rc, 0);
        QVERIFY2(later.err.contains(QLatin1String("sharing: aggregates")), qPrintable(later.err));
        QVERIFY(!server.requests().at(0).body.contains("Rows allowed"));
    }

    void issue10_2_shareFlagAppliesToThatCommandOnly()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(cl::test::textResponse(QStringLiteral("ok"), true));
        server.enqueue(cl::test::textResponse(QStringLiteral("ok"), true));
        const Run r = ask({QStringLiteral("q1"), QStringLiteral("--base-url"), server.baseUrl(),
                           QStringLiteral("--share"), QStringLiteral("rows"),
                           QStringLiteral("--min-group"), QStringLiteral("3")});
        QCOMPARE(r.rc, 0);
        QVERIFY(server.requests().at(0).body.contains("Rows allowed"));
        QVERIFY2(stored(cl::kSharingModeSetting).isEmpty(),
                 qPrintable(QStringLiteral("--share stored chat.share_mode=") +
                            stored(cl::kSharingModeSetting)));
        QVERIFY2(stored(cl::kSuppressionKSetting).isEmpty(),
                 qPrintable(QStringLiteral("--min-group stored chat.min_group_size=") +
                            stored(cl::kSuppressionKSetting)));
        // Said before anything was sent: rows may leave, for this command only.
        QVERIFY2(r.err.contains(QLatin1String("row-level")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("this command only")), qPrintable(r.err));

        const Run later =
            ask({QStringLiteral("q2"), QStringLiteral("--base-url"), server.baseUrl()});
        QCOMPARE(later.rc, 0);
        QVERIFY2(later.err.contains(QLatin1String("sharing: aggregates")), qPrintable(later.err));
        QVERIFY(!server.requests().at(1).body.contains("Rows allowed"));
        QVERIFY(server.requests().at(1).body.contains("fewer than 10 clients"));
    }

    void issue10_2_rowsModeAndLowerKPersistOnlyWithRemember()
    {
        // A preview changes nothing, so it cannot remember either.
        const Run preview =
            ask({QStringLiteral("q"), QStringLiteral("--preview"), QStringLiteral("--share"),
                 QStringLiteral("rows"), QStringLiteral("--remember")});
        QCOMPARE(preview.rc, 2);
        QVERIFY2(preview.err.contains(QLatin1String("--preview")), qPrintable(preview.err));
        QVERIFY(stored(cl::kSharingModeSetting).isEmpty());

        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(cl::test::textResponse(QStringLiteral("ok"), true));
        server.enqueue(cl::test::textResponse(QStringLiteral("ok"), true));
        const Run r =
            ask({QStringLiteral("q1"), QStringLiteral("--base-url"), server.baseUrl(),
                 QStringLiteral("--share"), QStringLiteral("rows"), QStringLiteral("--min-group"),
                 QStringLiteral("3"), QStringLiteral("--remember")});
        QCOMPARE(r.rc, 0);
        QCOMPARE(stored(cl::kSharingModeSetting), QStringLiteral("rows"));
        QCOMPARE(stored(cl::kSuppressionKSetting), QStringLiteral("3"));
        QVERIFY2(r.err.contains(QLatin1String("remembered")), qPrintable(r.err));

        // Later asks run in the remembered rows mode, and say so before sending.
        const Run later =
            ask({QStringLiteral("q2"), QStringLiteral("--base-url"), server.baseUrl()});
        QCOMPARE(later.rc, 0);
        QVERIFY(server.requests().at(1).body.contains("Rows allowed"));
        QVERIFY2(later.err.contains(QLatin1String("row-level")), qPrintable(later.err));
        QVERIFY2(later.err.contains(QLatin1String("remembered in this workspace")),
                 qPrintable(later.err));
    }

    void usesTheConnectionSettingsSavedByTheApp()
    {
        FakeOpenAiServer saved;
        FakeOpenAiServer fromEnv;
        FakeOpenAiServer fromFlag;
        QVERIFY(saved.listen() && fromEnv.listen() && fromFlag.listen());
        {
            // What the app's Settings… dialog and sharing selector store.
            cl::Workspace ws;
            QVERIFY(ws.open(m_ws));
            cl::ChatClientConfig config;
            config.baseUrl = QUrl(saved.baseUrl());
            config.model = QStringLiteral("saved-model-7b");
            cl::ChatPreferences(ws).saveClientConfig(config);
            QVERIFY(cl::rememberSharing(ws, cl::SharingMode::Schema, 25));
        }
        saved.enqueue(cl::test::textResponse(QStringLiteral("ok"), true));
        Run r = ask({QStringLiteral("q1")});
        QCOMPARE(r.rc, 0);
        QCOMPARE(saved.requests().size(), 1);
        const QByteArray body = saved.requests().at(0).body;
        QVERIFY2(body.contains("\"model\":\"saved-model-7b\""), body.constData());
        QVERIFY(body.contains("Schema only"));
        QVERIFY(r.err.contains(QLatin1String("sharing: schema")));

        // OPENAI_BASE_URL wins over the saved base URL; the saved model still applies.
        qputenv("OPENAI_BASE_URL", fromEnv.baseUrl().toUtf8());
        fromEnv.enqueue(cl::test::textResponse(QStringLiteral("ok"), true));
        QCOMPARE(ask({QStringLiteral("q2")}).rc, 0);
        QCOMPARE(fromEnv.requests().size(), 1);
        QVERIFY(fromEnv.requests().at(0).body.contains("\"model\":\"saved-model-7b\""));

        // Flags win over both.
        fromFlag.enqueue(cl::test::textResponse(QStringLiteral("ok"), true));
        QCOMPARE(ask({QStringLiteral("q3"), QStringLiteral("--base-url"), fromFlag.baseUrl(),
                      QStringLiteral("--model"), QStringLiteral("flag-model"),
                      QStringLiteral("--share"), QStringLiteral("aggregates")})
                     .rc,
                 0);
        qunsetenv("OPENAI_BASE_URL");
        QCOMPARE(fromFlag.requests().size(), 1);
        QVERIFY(fromFlag.requests().at(0).body.contains("\"model\":\"flag-model\""));
        QVERIFY(!fromFlag.requests().at(0).body.contains("Schema only"));
        QCOMPARE(saved.requests().size(), 1);
        QCOMPARE(fromEnv.requests().size(), 1);

        // The key came from the environment and stayed out of the workspace file.
        QFile file(m_ws);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("SECRETKEY123"));
    }

    // Issue 10, part 5: an answer without text fails; the model's control characters never reach
    // the terminal raw.
    void issue10_5_emptyAnswerExitsNonZeroAndIsStoredAsFailed()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(FakeResponse::sse("data: {\"foo\":1}\n\nnot an event\n\ndata: [DONE]\n\n"));
        const Run r =
            ask({QStringLiteral("Anything?"), QStringLiteral("--base-url"), server.baseUrl()});
        QVERIFY2(
            r.rc == 1,
            qPrintable(
                QStringLiteral("exit %1, stdout '%2', stderr '%3'").arg(r.rc).arg(r.out, r.err)));
        QVERIFY2(r.err.contains(QLatin1String("no answer text")), qPrintable(r.err));
        cl::Workspace ws;
        QVERIFY(ws.open(m_ws));
        const auto ex = cl::ChatStore(ws.db()).exchanges(ws.latestDataset()->id);
        QCOMPARE(ex.size(), 1);
        QCOMPARE(ex[0].status, QStringLiteral("failed"));
    }

    void issue10_5_controlCharactersFromTheModelAreEscaped_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::newRow("streamed") << QStringList{};
        QTest::newRow("not streamed") << QStringList{QStringLiteral("--no-stream")};
        QTest::newRow("evidence") << QStringList{QStringLiteral("--evidence")};
        QTest::newRow("json") << QStringList{QStringLiteral("--json")};
        QTest::newRow("server error") << QStringList{QStringLiteral("error")};
    }
    void issue10_5_controlCharactersFromTheModelAreEscaped()
    {
        QFETCH(QStringList, flags);
        // Colour, an OSC 0 window title, an OSC 52 clipboard write, a forged line (CR + erase
        // line), a C1 CSI and DEL; newlines and tabs are the answer's own.
        const QString hostile = QStringLiteral(
            "Retirees lead.\x1b[31m red\x1b[0m \x1b]0;owned title\x07 \x1b]52;c;ZXZpbA==\x07\n"
            "line two\tcol\r\x1b[2KFORGED line\n\u009b1m c1 \x7f del");
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        const bool serverError = flags.removeAll(QStringLiteral("error")) > 0;
        if (serverError) {
            server.enqueue(FakeResponse::json(
                401,
                cl::test::compactJson(QJsonObject{{"error", QJsonObject{{"message", hostile}}}})));
        } else {
            server.enqueue(cl::test::toolCallResponse(
                {{QStringLiteral("run_sql"),
                  QJsonObject{{"sql", QStringLiteral("SELECT COUNT(*) FROM x WHERE '") + hostile +
                                          QStringLiteral("'")}}}},
                !flags.contains("--no-stream")));
            server.enqueue(cl::test::textResponse(hostile, !flags.contains("--no-stream")));
        }
        const Run r = ask(
            QStringList{QStringLiteral("Anything?"), QStringLiteral("--base-url"), server.baseUrl()}
            << flags);
        QCOMPARE(r.rc, serverError ? 1 : 0);
        const auto rawControl = [](const QString &text) {
            for (const QChar c : text) {
                const ushort u = c.unicode();
                if ((u < 0x20 && u != '\n' && u != '\t') || (u >= 0x7f && u <= 0x9f))
                    return QStringLiteral("U+%1").arg(u, 4, 16, QLatin1Char('0'));
            }
            return QString();
        };
        QVERIFY2(rawControl(r.out).isEmpty(), qPrintable(rawControl(r.out) + " in: " + r.out));
        QVERIFY2(rawControl(r.err).isEmpty(), qPrintable(rawControl(r.err) + " in: " + r.err));
        if (flags.contains(QStringLiteral("--json"))) {
            // JSON escapes control characters itself: the answer stays exact.
            const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
            QCOMPARE(o.value("answer").toString(), hostile);
            return;
        }
        const QString &shown = serverError ? r.err : r.out;
        QVERIFY2(shown.contains(QLatin1String("\\x1b]0;owned title\\x07")), qPrintable(shown));
        if (!serverError) {
            QVERIFY2(r.out.contains(QLatin1String("\nline two\tcol\\r\\x1b[2KFORGED line\n")),
                     qPrintable(r.out));
            QVERIFY2(r.out.contains(QLatin1String("\\x9b1m c1 \\x7f del")), qPrintable(r.out));
        }
    }

    void helpStatesThePrecedence()
    {
        const Run r = ask({QStringLiteral("--help")});
        QCOMPARE(r.rc, 0);
        QVERIFY(r.out.contains(QLatin1String("else OPENAI_BASE_URL, else the one saved")));
    }

    void badShareIsAUsageError()
    {
        const Run r = ask({QStringLiteral("q"), QStringLiteral("--share"), QStringLiteral("all")});
        QCOMPARE(r.rc, 2);
    }
};

QTEST_GUILESS_MAIN(TestChatCli)
#include "tst_chat_cli.moc"
