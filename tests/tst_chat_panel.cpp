// Widget tests of the Chat dock (issue 5): a streamed answer with evidence, history per dataset,
// and a clear message (with nothing sent) when no key or server is configured.
#include "AppContext.h"
#include "chat/ChatPanel.h"
#include "import/CsvImporter.h"
#include "store/ChatStore.h"

#include "ChatAppFixture.h"
#include "FakeOpenAiServer.h"
#include "TestSupport.h"
#include "tst_chat_support.h"

#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>

using cl::test::FakeOpenAiServer;

class TestChatPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<cl::AppContext> m_context;

private Q_SLOTS:
    void init()
    {
        m_context = cl::test::chatAppContext(m_dir);
        QVERIFY(m_context);
    }
    void cleanup() { m_context.reset(); }

    void answerStreamsWithEvidenceAndStaysInHistory()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(cl::test::toolCallResponse(
            {{"segment_stats", QJsonObject{{"by", QJsonArray{"job"}}}}}, true));
        server.enqueue(cl::test::textResponse(
            QStringLiteral("**Retirees** lead among 120 clients; about 99.9% sure."), true));
        auto panel = std::make_unique<cl::ChatPanel>(m_context.get());
        panel->setPreviewRequired(false);
        panel->setConnection(server.baseUrl(), QStringLiteral("gpt-4o-mini"),
                             QStringLiteral("sk-test-SECRETKEY123"));
        QVERIFY(panel->setupProblem().isEmpty());
        QSignalSpy shown(panel.get(), &cl::ChatPanel::answerShown);
        QVERIFY(panel->ask(QStringLiteral("Which segments should we prioritise in the next "
                                          "campaign?")));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 15000);
        const auto answer = shown.front().front().value<cl::ChatAnswer>();
        QCOMPARE(answer.unverified.size(), 1);
        QCOMPARE(answer.unverified.front().text, QStringLiteral("99.9%"));
        // Rendered as Markdown (bold became formatting), with the number flagged.
        bool found = false;
        for (auto *b : panel->findChildren<QTextBrowser *>()) {
            const QString plain = b->toPlainText();
            if (plain.contains(QLatin1String("Retirees lead"))) {
                found = true;
                QVERIFY(plain.contains(QLatin1String("99.9% (unverified)")));
            }
        }
        QVERIFY(found);
        bool evidence = false;
        for (auto *t : panel->findChildren<QToolButton *>())
            evidence |= t->text() == QLatin1String("Evidence (1 tool call)");
        QVERIFY(evidence);

        // A new panel on the same workspace shows the stored exchange.
        panel.reset();
        cl::ChatPanel again(m_context.get());
        bool restored = false;
        for (auto *b : again.findChildren<QTextBrowser *>())
            restored |= b->toPlainText().contains(QLatin1String("Retirees lead"));
        QVERIFY(restored);
    }

    void answerCardWithTokensAndCostFitsANarrowDock()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(
            cl::test::textResponse(QStringLiteral("Retirees lead among 120 clients."), true));
        cl::ChatPanel panel(m_context.get());
        panel.setPreviewRequired(false);
        panel.setConnection(server.baseUrl(), QStringLiteral("gpt-4o-mini"),
                            QStringLiteral("sk-test-SECRETKEY123"));
        panel.resize(420, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy shown(&panel, &cl::ChatPanel::answerShown);
        QVERIFY(panel.ask(QStringLiteral("Which segments should we prioritise?")));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 15000);
        bool costShown = false;
        for (auto *l : panel.findChildren<QLabel *>())
            costShown |= l->isVisible() && l->text().contains(QLatin1String("completion tokens")) &&
                         l->text().contains(QLatin1String("$"));
        QVERIFY(costShown);
        // The token/cost line wraps instead of widening the card past the dock.
        auto *scroll = panel.findChild<QScrollArea *>();
        QVERIFY(scroll);
        QTRY_VERIFY(!scroll->horizontalScrollBar()->isVisible());
        QVERIFY(scroll->widget()->width() <= scroll->viewport()->width());
    }

    void pinToReportSetsTheStoredFlag()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(cl::test::textResponse(QStringLiteral("Students lead."), true));
        auto panel = std::make_unique<cl::ChatPanel>(m_context.get());
        panel->setPreviewRequired(false);
        panel->setConnection(server.baseUrl(), QStringLiteral("gpt-4o-mini"),
                             QStringLiteral("sk-test-SECRETKEY123"));
        QSignalSpy shown(panel.get(), &cl::ChatPanel::answerShown);
        QSignalSpy pinned(panel.get(), &cl::ChatPanel::exchangePinned);
        QVERIFY(panel->ask(QStringLiteral("Which job leads?")));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 15000);
        const qint64 id = shown.front().front().value<cl::ChatAnswer>().exchangeId;
        QVERIFY(id >= 0);
        auto *pin = panel->findChild<QToolButton *>(QStringLiteral("pinToReport"));
        QVERIFY(pin);
        QVERIFY(pin->isEnabled());
        QVERIFY(!pin->isChecked());
        cl::ChatStore store(m_context->workspace().db());
        const qint64 dataset = m_context->currentDatasetId();
        QVERIFY(store.pinnedQuestions(dataset).isEmpty());

        QTest::mouseClick(pin, Qt::LeftButton);
        QVERIFY(pin->isChecked());
        QCOMPARE(pinned.count(), 1);
        QCOMPARE(pinned.front().at(0).toLongLong(), id);
        QCOMPARE(pinned.front().at(1).toBool(), true);
        auto stored = store.pinnedQuestions(dataset);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored[0].id, id);
        QCOMPARE(stored[0].question, QStringLiteral("Which job leads?"));

        // A new panel shows the pin; clicking again unpins.
        panel.reset();
        cl::ChatPanel again(m_context.get());
        pin = again.findChild<QToolButton *>(QStringLiteral("pinToReport"));
        QVERIFY(pin);
        QVERIFY(pin->isChecked());
        QTest::mouseClick(pin, Qt::LeftButton);
        QVERIFY(!pin->isChecked());
        QVERIFY(store.pinnedQuestions(dataset).isEmpty());
    }

    void withoutKeyThePanelSaysWhatToSetAndSendsNothing()
    {
        cl::ChatPanel panel(m_context.get());
        panel.setPreviewRequired(false);
        panel.setConnection(QStringLiteral("https://api.openai.com/v1"), {});
        QVERIFY(panel.setupProblem().contains(QLatin1String("OPENAI_API_KEY")));
        QVERIFY(!panel.ask(QStringLiteral("Anything?")));
        bool visible = false;
        for (auto *l : panel.findChildren<QLabel *>())
            visible |= l->text().contains(QLatin1String("OPENAI_API_KEY")) && !l->isHidden();
        QVERIFY(visible);
        QVERIFY(cl::ChatStore(m_context->workspace().db())
                    .exchanges(m_context->currentDatasetId())
                    .isEmpty());
    }

    void unreachableServerFailsInTheCardOnly()
    {
        // A port nobody listens on: the panel reports, the app goes on.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        cl::ChatPanel panel(m_context.get());
        panel.setPreviewRequired(false);
        panel.setConnection(QStringLiteral("http://127.0.0.1:%1/v1").arg(port), {});
        QSignalSpy failed(&panel, &cl::ChatPanel::answerFailedShown);
        QVERIFY(panel.ask(QStringLiteral("Anything?")));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 15000);
        QVERIFY(failed.front().front().toString().contains(QLatin1String("Settings")));
        const auto ex =
            cl::ChatStore(m_context->workspace().db()).exchanges(m_context->currentDatasetId());
        QCOMPARE(ex.size(), 1);
        QCOMPARE(ex[0].status, QStringLiteral("failed"));
    }
};

QTEST_MAIN(TestChatPanel)
#include "tst_chat_panel.moc"
