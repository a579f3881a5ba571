// Widget tests of the Chat dock (issue 5): a streamed answer with evidence, history per dataset,
// and a clear message (with nothing sent) when no key or server is configured.
#include "AppContext.h"
#include "chat/ChatPanel.h"
#include "chat/ChatSettingsDialog.h"
#include "chat/RequestPreviewDialog.h"
#include "import/CsvImporter.h"
#include "store/ChatStore.h"

#include "ChatAppFixture.h"
#include "FakeOpenAiServer.h"
#include "TestSupport.h"
#include "tst_chat_support.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>

#include <functional>

using cl::test::FakeOpenAiServer;

namespace {

/// Answers the modal dialogs that come up while it lives: each is passed to `answer`, which
/// closes it (or returns false to leave it to a later tick).
class ModalAnswerer
{
public:
    explicit ModalAnswerer(std::function<bool(QWidget *)> answer) : m_answer(std::move(answer))
    {
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            QWidget *w = QApplication::activeModalWidget();
            if (w && w != m_last && m_answer(w))
                m_last = w;
        });
        m_timer.start(20);
    }

private:
    std::function<bool(QWidget *)> m_answer;
    QTimer m_timer;
    QPointer<QWidget> m_last; ///< Answered and still open; null once it is gone.
};

/// Clicks the button of `box` whose role is `role`.
void clickRole(QMessageBox *box, QMessageBox::ButtonRole role)
{
    for (QAbstractButton *b : box->buttons()) {
        if (box->buttonRole(b) == role) {
            b->click();
            return;
        }
    }
}

/// Every text of the panel's visible labels, joined.
QString labelTexts(const QWidget &panel)
{
    QStringList out;
    for (auto *l : panel.findChildren<QLabel *>())
        if (!l->isHidden())
            out << l->text();
    return out.join(QLatin1Char('\n'));
}

/// Every text of the panel's text browsers (answers and evidence), joined.
QString browserTexts(const QWidget &panel)
{
    QStringList out;
    for (auto *b : panel.findChildren<QTextBrowser *>())
        out << b->toPlainText();
    return out.join(QLatin1Char('\n'));
}

/// ceil(characters / 4): the documented estimate, computed here from what the server got.
qint64 quarterOf(const QString &text)
{
    return (qint64(text.size()) + 3) / 4;
}

/// The Stop button of a panel.
QPushButton *stopButton(const QWidget &panel)
{
    for (auto *b : panel.findChildren<QPushButton *>())
        if (b->text() == QLatin1String("Stop"))
            return b;
    return nullptr;
}

} // namespace

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

    // Issue 10, part 2: the first-question dialog did not name the sharing mode.
    void issue10_2_firstQuestionDialogNamesModeAndK()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        QVERIFY(cl::rememberSharing(m_context->workspace(), cl::SharingMode::Aggregates, 12));
        cl::ChatPanel panel(m_context.get());
        panel.setConnection(server.baseUrl(), QStringLiteral("gpt-4o-mini"),
                            QStringLiteral("sk-test-SECRETKEY123"));
        QString shown;
        ModalAnswerer cancel([&](QWidget *w) {
            auto *dialog = qobject_cast<cl::RequestPreviewDialog *>(w);
            if (!dialog)
                return false;
            shown = labelTexts(*dialog);
            dialog->reject();
            return true;
        });
        QVERIFY(!panel.ask(QStringLiteral("Which job leads?")));
        QVERIFY2(shown.contains(QLatin1String("Aggregates only")), qPrintable(shown));
        QVERIFY2(shown.contains(QLatin1String("fewer than 12 clients")), qPrintable(shown));

        // Rows mode, remembered for the workspace, is named as such.
        QVERIFY(cl::rememberSharing(m_context->workspace(), cl::SharingMode::Rows, 12));
        cl::ChatPanel rows(m_context.get());
        rows.setConnection(server.baseUrl(), QStringLiteral("gpt-4o-mini"),
                           QStringLiteral("sk-test-SECRETKEY123"));
        shown.clear();
        QVERIFY(!rows.ask(QStringLiteral("Which job leads?")));
        QVERIFY2(shown.contains(QLatin1String("Rows allowed")), qPrintable(shown));
        QVERIFY2(shown.contains(QLatin1String("row-level client records")), qPrintable(shown));
        QCOMPARE(server.requests().size(), 0);
    }

    void issue10_2_declinedSwitchToRowsKeepsTheModeAndStoresNothing()
    {
        cl::ChatPanel panel(m_context.get());
        panel.setConnection(QStringLiteral("http://127.0.0.1:9/v1"), {});
        auto *mode = panel.findChild<QComboBox *>();
        QVERIFY(mode);
        mode->setCurrentIndex(mode->findData(QStringLiteral("schema")));
        QCOMPARE(m_context->workspace().setting(cl::kSharingModeSetting), QStringLiteral("schema"));

        QString asked;
        bool allow = false;
        ModalAnswerer answer([&](QWidget *w) {
            auto *box = qobject_cast<QMessageBox *>(w);
            if (!box)
                return false;
            asked = box->text();
            clickRole(box, allow ? QMessageBox::YesRole : QMessageBox::NoRole);
            return true;
        });
        mode->setCurrentIndex(mode->findData(QStringLiteral("rows")));
        QVERIFY2(asked.contains(QLatin1String("127.0.0.1")), qPrintable(asked));
        QCOMPARE(mode->currentData().toString(), QStringLiteral("schema"));
        QCOMPARE(m_context->workspace().setting(cl::kSharingModeSetting), QStringLiteral("schema"));

        allow = true;
        asked.clear();
        mode->setCurrentIndex(mode->findData(QStringLiteral("rows")));
        QVERIFY(!asked.isEmpty());
        QCOMPARE(mode->currentData().toString(), QStringLiteral("rows"));
        QCOMPARE(m_context->workspace().setting(cl::kSharingModeSetting), QStringLiteral("rows"));
    }

    void issue10_2_modeIsShownInThePanelAndInEachAnswersEvidence()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(cl::test::toolCallResponse(
            {{"segment_stats", QJsonObject{{"by", QJsonArray{"job"}}}}}, true));
        server.enqueue(cl::test::textResponse(QStringLiteral("Retirees lead."), true));
        auto panel = std::make_unique<cl::ChatPanel>(m_context.get());
        panel->setPreviewRequired(false);
        panel->setConnection(server.baseUrl(), QStringLiteral("gpt-4o-mini"),
                             QStringLiteral("sk-test-SECRETKEY123"));
        const QString labels = labelTexts(*panel);
        QVERIFY2(labels.contains(QLatin1String("fewer than 10 clients")), qPrintable(labels));

        QSignalSpy shown(panel.get(), &cl::ChatPanel::answerShown);
        QVERIFY(panel->ask(QStringLiteral("Which job leads?")));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 15000);
        auto evidenceText = [](const cl::ChatPanel &p) {
            QStringList out;
            for (auto *b : p.findChildren<QTextBrowser *>())
                out << b->toPlainText();
            return out.join(QLatin1Char('\n'));
        };
        QString text = evidenceText(*panel);
        QVERIFY2(text.contains(QLatin1String("Shared: Aggregates only")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("fewer than 10 clients")), qPrintable(text));

        // Switched to rows (confirmed): the panel says so at once.
        ModalAnswerer yes([&](QWidget *w) {
            auto *box = qobject_cast<QMessageBox *>(w);
            if (box)
                clickRole(box, QMessageBox::YesRole);
            return box != nullptr;
        });
        auto *mode = panel->findChild<QComboBox *>();
        QVERIFY(mode);
        mode->setCurrentIndex(mode->findData(QStringLiteral("rows")));
        QTRY_VERIFY(labelTexts(*panel).contains(QLatin1String("row-level client records")));

        // A stored answer keeps the mode it was sent in.
        panel.reset();
        cl::ChatPanel again(m_context.get());
        text = evidenceText(again);
        QVERIFY2(text.contains(QLatin1String("Shared: Aggregates only")), qPrintable(text));
    }

    void issue10_2_loweringKInSettingsAsksFirst()
    {
        cl::ChatPanel panel(m_context.get());
        panel.setConnection(QStringLiteral("http://127.0.0.1:9/v1"), {});
        QToolButton *settings = nullptr;
        for (auto *t : panel.findChildren<QToolButton *>())
            if (t->text() == QStringLiteral("Settings…"))
                settings = t;
        QVERIFY(settings);
        QString asked;
        bool allow = false;
        ModalAnswerer answer([&](QWidget *w) {
            if (auto *dialog = qobject_cast<cl::ChatSettingsDialog *>(w)) {
                // k is the one spin box without a unit (the time-outs are in seconds).
                for (auto *box : dialog->findChildren<QSpinBox *>())
                    if (box->suffix().isEmpty())
                        box->setValue(3);
                dialog->accept();
                return true;
            }
            if (auto *box = qobject_cast<QMessageBox *>(w)) {
                asked = box->text();
                clickRole(box, allow ? QMessageBox::YesRole : QMessageBox::NoRole);
                return true;
            }
            return false;
        });
        settings->click();
        QCOMPARE(m_context->workspace().setting(cl::kSuppressionKSetting, QStringLiteral("10")),
                 QStringLiteral("10"));
        QVERIFY2(asked.contains(QLatin1String("3")), qPrintable(asked));

        allow = true;
        settings->click();
        QCOMPARE(m_context->workspace().setting(cl::kSuppressionKSetting), QStringLiteral("3"));
        const QString labels = labelTexts(panel);
        QVERIFY2(labels.contains(QLatin1String("fewer than 3 clients")), qPrintable(labels));
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

    // Issue 15, chat panel 1: with no key and no server, a suggested question or Ask did
    // nothing. Now the panel says what to set, keeps the question and asks for Settings.
    void issue15_unconfiguredAskSaysWhatToSetAndOpensSettings()
    {
        cl::ChatPanel panel(m_context.get());
        panel.setPreviewRequired(false);
        panel.setConnection(QStringLiteral("https://api.openai.com/v1"), {});
        int opened = 0;
        panel.setSettingsOpener([&] { ++opened; });
        QSignalSpy requested(&panel, &cl::ChatPanel::settingsRequested);

        // A suggested question.
        QLabel *suggestion = nullptr;
        for (auto *l : panel.findChildren<QLabel *>())
            if (l->text().contains(QLatin1String("Which jobs respond best")))
                suggestion = l;
        QVERIFY(suggestion);
        Q_EMIT suggestion->linkActivated(QStringLiteral("ask"));
        QCOMPARE(requested.count(), 1);
        QVERIFY(requested.front().front().toString().contains(QLatin1String("OPENAI_API_KEY")));
        QTRY_COMPARE(opened, 1);
        QString labels = labelTexts(panel);
        QVERIFY2(labels.contains(QLatin1String("Your question was not sent.")), qPrintable(labels));
        QVERIFY2(labels.contains(QLatin1String("OPENAI_API_KEY")), qPrintable(labels));
        QVERIFY2(labels.contains(QLatin1String("Settings opened")), qPrintable(labels));
        auto *input = panel.findChild<QLineEdit *>();
        QVERIFY(input);
        QCOMPARE(input->text(), QStringLiteral("Which jobs respond best, and how sure are we?"));

        // Ask with a typed question: the same.
        input->setText(QStringLiteral("Which month is best?"));
        QPushButton *askButton = nullptr;
        for (auto *b : panel.findChildren<QPushButton *>())
            if (b->text() == QLatin1String("Ask"))
                askButton = b;
        QVERIFY(askButton);
        askButton->click();
        QCOMPARE(requested.count(), 2);
        QTRY_COMPARE(opened, 2);
        QCOMPARE(input->text(), QStringLiteral("Which month is best?"));
        QVERIFY(cl::ChatStore(m_context->workspace().db())
                    .exchanges(m_context->currentDatasetId())
                    .isEmpty());
    }

    void issue15_unconfiguredAskOpensTheSettingsDialog()
    {
        // No server at all (an empty base URL): the real dialog comes up, without a hook.
        cl::ChatPanel panel(m_context.get());
        panel.setPreviewRequired(false);
        panel.setConnection(QString(), {});
        QVERIFY(!panel.setupProblem().isEmpty());
        int dialogs = 0;
        ModalAnswerer close([&](QWidget *w) {
            auto *dialog = qobject_cast<cl::ChatSettingsDialog *>(w);
            if (!dialog)
                return false;
            ++dialogs;
            dialog->reject();
            return true;
        });
        QVERIFY(!panel.ask(QStringLiteral("Which job leads?")));
        QTRY_COMPARE(dialogs, 1);
        const QString labels = labelTexts(panel);
        QVERIFY2(labels.contains(QLatin1String("base URL")), qPrintable(labels));
        QVERIFY2(labels.contains(QLatin1String("Your question was not sent.")), qPrintable(labels));
    }

    // Issue 15, chat panel 2: "Waiting for <model>..." stayed while the text streamed.
    void issue15_waitingStatusGoesAtTheFirstStreamedText()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(cl::test::stalledTextResponse(QStringLiteral("Retirees lead so far"),
                                                     QStringLiteral(" and more.")));
        cl::ChatPanel panel(m_context.get());
        panel.setPreviewRequired(false);
        panel.setConnection(server.baseUrl(), QStringLiteral("gpt-4o-mini"),
                            QStringLiteral("sk-test-SECRETKEY123"));
        QSignalSpy failed(&panel, &cl::ChatPanel::answerFailedShown);
        QVERIFY(panel.ask(QStringLiteral("Which job leads?")));
        QVERIFY(labelTexts(panel).contains(QLatin1String("Waiting for gpt-4o-mini")));
        QTRY_VERIFY_WITH_TIMEOUT(
            browserTexts(panel).contains(QLatin1String("Retirees lead so far")), 15000);
        const QString labels = labelTexts(panel);
        QVERIFY2(!labels.contains(QLatin1String("Waiting for")), qPrintable(labels));
        stopButton(panel)->click();
        QTRY_COMPARE(failed.count(), 1);
    }

    // Issue 15, chat panel 3: a server that sends no usage left the meter at "no tokens used
    // yet" and the card without tokens or cost. Now they are estimated (characters / 4) and say
    // so; checked against the request the server received.
    void issue15_tokensAreEstimatedWhenTheServerSendsNoUsage()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        const QStringList pieces{QStringLiteral("Retirees lead "),
                                 QStringLiteral("among the 120 clients "),
                                 QStringLiteral("of this file.")};
        server.enqueue(cl::test::textResponseWithoutUsage(pieces));
        auto panel = std::make_unique<cl::ChatPanel>(m_context.get());
        panel->setPreviewRequired(false);
        panel->setConnection(server.baseUrl(), QStringLiteral("gpt-4o-mini"),
                             QStringLiteral("sk-test-SECRETKEY123"));
        QSignalSpy shown(panel.get(), &cl::ChatPanel::answerShown);
        QVERIFY(panel->ask(QStringLiteral("Which job leads?")));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 15000);
        const auto answer = shown.front().front().value<cl::ChatAnswer>();
        QCOMPARE(server.requests().size(), 1);
        const qint64 prompt = quarterOf(QString::fromUtf8(server.requests()[0].body));
        const qint64 completion = quarterOf(pieces.join(QString()));
        QVERIFY(answer.usage.estimated);
        QCOMPARE(answer.usage.promptTokens, prompt);
        QCOMPARE(answer.usage.completionTokens, completion);
        QVERIFY(prompt > 500); // the system prompt and the tools are in it
        // gpt-4o-mini's default price: $0.15 in and $0.60 out per million tokens.
        const double cost = (prompt * 0.15 + completion * 0.60) / 1e6;
        QVERIFY(qAbs(answer.cost - cost) < 1e-12);
        const QLocale loc;
        const QString total = loc.toString(prompt + completion);
        const QString costText = cost < 0.0001
                                     ? QStringLiteral("< $0.0001 (estimated)")
                                     : QStringLiteral("~$%1 (estimated)").arg(cost, 0, 'f', 4);
        auto check = [&](const cl::ChatPanel &p, bool meter) {
            const QString labels = labelTexts(p);
            QVERIFY2(
                labels.contains(QStringLiteral("~%1 tokens (estimated): ~%2 prompt + ~%3 "
                                               "completion")
                                    .arg(total, loc.toString(prompt), loc.toString(completion))),
                qPrintable(labels));
            QVERIFY2(labels.contains(costText), qPrintable(labels));
            if (meter) {
                QVERIFY2(!labels.contains(QLatin1String("no tokens used yet")), qPrintable(labels));
                QVERIFY2(
                    labels.contains(QStringLiteral("session: ~%1 tokens (estimated)").arg(total)),
                    qPrintable(labels));
            }
        };
        check(*panel, true);

        // Stored as estimated, and shown so after a restart.
        const auto stored =
            cl::ChatStore(m_context->workspace().db()).exchanges(m_context->currentDatasetId());
        QCOMPARE(stored.size(), 1);
        QVERIFY(stored[0].tokensEstimated);
        QCOMPARE(stored[0].promptTokens, prompt);
        QCOMPARE(stored[0].completionTokens, completion);
        panel.reset();
        cl::ChatPanel again(m_context.get());
        check(again, false);
    }

    // Issue 15, chat panel 4: the first-question dialog said "the request below" and hid it
    // behind Show Details in a 4-line box.
    void issue15_approvalDialogShowsTheRequestReadably()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        cl::ChatPanel panel(m_context.get());
        panel.setConnection(server.baseUrl(), QStringLiteral("gpt-4o-mini"),
                            QStringLiteral("sk-test-SECRETKEY123"));
        QString request, labels;
        int lines = 0, columns = 0;
        bool readOnly = false, monospace = false, visible = false, hiddenDetails = false;
        ModalAnswerer look([&](QWidget *w) {
            auto *dialog = qobject_cast<QDialog *>(w);
            if (!dialog)
                return false;
            labels = labelTexts(*dialog);
            for (auto *b : dialog->findChildren<QAbstractButton *>())
                hiddenDetails |= b->text().contains(QLatin1String("Details"));
            for (auto *edit : dialog->findChildren<QPlainTextEdit *>()) {
                request = edit->toPlainText();
                readOnly = edit->isReadOnly();
                visible = edit->isVisible();
                const QFontMetrics fm(edit->font());
                // Monospace as a reader sees it (QFontInfo::fixedPitch() is false for Noto
                // Sans Mono): narrow and wide letters take the same room.
                monospace = fm.horizontalAdvance(QStringLiteral("iiiiiiii")) ==
                                fm.horizontalAdvance(QStringLiteral("WWWWWWWW")) &&
                            fm.horizontalAdvance(QStringLiteral("{}:,")) ==
                                fm.horizontalAdvance(QStringLiteral("mmmm"));
                lines = edit->viewport()->height() / fm.lineSpacing();
                columns = edit->viewport()->width() / fm.horizontalAdvance(QLatin1Char('x'));
            }
            if (auto *box = qobject_cast<QMessageBox *>(w))
                clickRole(box, QMessageBox::RejectRole);
            else
                dialog->reject();
            return true;
        });
        QVERIFY(!panel.ask(QStringLiteral("Which job leads?")));
        QCOMPARE(server.requests().size(), 0);
        QVERIFY(!hiddenDetails);
        QVERIFY(visible);
        QVERIFY(readOnly);
        QVERIFY(monospace);
        QVERIFY2(lines >= 20, qPrintable(QString::number(lines)));
        QVERIFY2(columns >= 70, qPrintable(QString::number(columns)));
        // The request, indented: one key a line, the question in it.
        QVERIFY2(request.contains(QLatin1String("\"messages\": [")), qPrintable(request));
        QVERIFY(request.contains(QLatin1String("Which job leads?")));
        QVERIFY(request.contains(QLatin1String("\"tools\"")));
        QVERIFY2(labels.contains(QLatin1String("Sharing mode:")), qPrintable(labels));
        QVERIFY2(labels.contains(QLatin1String("Aggregates only: counts and rates")),
                 qPrintable(labels));
        QVERIFY2(labels.contains(server.baseUrl() + QStringLiteral("/chat/completions")),
                 qPrintable(labels));
    }

    // Issue 15, chat panel 5: a stopped answer's partial text was gone after a restart.
    void issue15_stoppedAnswerKeepsItsTextAfterARestart()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(cl::test::stalledTextResponse(
            QStringLiteral("**Retirees** lead among 120 clients"), QStringLiteral(", then...")));
        auto panel = std::make_unique<cl::ChatPanel>(m_context.get());
        panel->setPreviewRequired(false);
        panel->setConnection(server.baseUrl(), QStringLiteral("gpt-4o-mini"),
                             QStringLiteral("sk-test-SECRETKEY123"));
        QSignalSpy failed(panel.get(), &cl::ChatPanel::answerFailedShown);
        QVERIFY(panel->ask(QStringLiteral("Which job leads?")));
        QTRY_VERIFY_WITH_TIMEOUT(browserTexts(*panel).contains(QLatin1String("lead among 120")),
                                 15000);
        stopButton(*panel)->click();
        QTRY_COMPARE(failed.count(), 1);
        const QString stoppedMark = QStringLiteral("Stopped: the answer above is incomplete.");
        QVERIFY(labelTexts(*panel).contains(stoppedMark));
        QVERIFY(browserTexts(*panel).contains(QLatin1String("Retirees lead among 120 clients")));

        const auto stored =
            cl::ChatStore(m_context->workspace().db()).exchanges(m_context->currentDatasetId());
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored[0].status, QStringLiteral("cancelled"));
        QCOMPARE(stored[0].answer, QStringLiteral("**Retirees** lead among 120 clients"));

        // A new panel (a restart) on the same workspace shows the partial text, marked.
        panel.reset();
        cl::ChatPanel again(m_context.get());
        QVERIFY2(browserTexts(again).contains(QLatin1String("Retirees lead among 120 clients")),
                 qPrintable(browserTexts(again)));
        QVERIFY2(labelTexts(again).contains(stoppedMark), qPrintable(labelTexts(again)));
        auto *pin = again.findChild<QToolButton *>(QStringLiteral("pinToReport"));
        QVERIFY(pin);
        QVERIFY(!pin->isEnabled()); // an incomplete answer is not for the report
    }

    void issue12_toolsRunOffTheGuiThread()
    {
        // A run_sql that works for three seconds (a five-way join of the view's 120 rows,
        // stopped at the time limit): the GUI thread's timer keeps ticking all the while.
        QVERIFY(cl::rememberSharing(m_context->workspace(), cl::SharingMode::Rows, 10));
        const QString view = m_context->workspace().latestDataset()->silverView();
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(cl::test::toolCallResponse(
            {{"run_sql", QJsonObject{{"sql", QStringLiteral("SELECT COUNT(*) FROM %1 a, %1 b, "
                                                            "%1 c, %1 d, %1 e")
                                                 .arg(view)}}}},
            true));
        server.enqueue(cl::test::textResponse(QStringLiteral("Counted."), true));
        cl::ChatPanel panel(m_context.get());
        panel.setPreviewRequired(false);
        panel.setConnection(server.baseUrl(), QStringLiteral("gpt-4o-mini"),
                            QStringLiteral("sk-test-SECRETKEY123"));
        QSignalSpy shown(&panel, &cl::ChatPanel::answerShown);

        QElapsedTimer clock;
        qint64 last = 0, longestGap = 0;
        QTimer tick;
        QObject::connect(&tick, &QTimer::timeout, [&] {
            const qint64 now = clock.elapsed();
            longestGap = std::max(longestGap, now - last);
            last = now;
        });
        clock.start();
        tick.start(10);
        QVERIFY(panel.ask(QStringLiteral("How many combinations are there?")));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);
        const qint64 total = clock.elapsed();
        tick.stop();

        const auto answer = shown.front().front().value<cl::ChatAnswer>();
        QCOMPARE(answer.evidence.size(), 1);
        QVERIFY2(answer.evidence.front().result.contains(QLatin1String("time limit")),
                 qPrintable(answer.evidence.front().result));
        QVERIFY2(total >= 2500, qPrintable(QString::number(total)));
        QVERIFY2(longestGap < 500, qPrintable(QStringLiteral("the GUI thread stalled for %1 ms "
                                                             "of %2 ms")
                                                  .arg(longestGap)
                                                  .arg(total)));
    }
};

QTEST_MAIN(TestChatPanel)
#include "tst_chat_panel.moc"
