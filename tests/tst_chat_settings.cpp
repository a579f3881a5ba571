// Widget tests of the chat settings (issue 5): the model list from GET /models, the price table
// and the cost it puts on each answer and in the session meter.
#include "AppContext.h"
#include "chat/ChatPanel.h"
#include "chat/ChatPreferences.h"
#include "chat/ChatSettingsDialog.h"
#include "chat/PriceTableDialog.h"
#include "import/CsvImporter.h"
#include "llm/KeyStore.h"

#include "ChatAppFixture.h"
#include "FakeOpenAiServer.h"
#include "TestSupport.h"
#include "tst_chat_support.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using cl::test::FakeOpenAiServer;
using cl::test::FakeResponse;

namespace {
/// The texts of every visible label of `w` containing `needle`.
QStringList labelsWith(const QWidget &w, const QString &needle)
{
    QStringList out;
    for (auto *l : w.findChildren<QLabel *>())
        if (!l->isHidden() && l->text().contains(needle))
            out << l->text();
    return out;
}
} // namespace

class TestChatSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<cl::AppContext> m_context;

    cl::ChatClientConfig loopbackConfig(const FakeOpenAiServer &server) const
    {
        cl::ChatClientConfig c;
        c.baseUrl = QUrl(server.baseUrl());
        c.model = QStringLiteral("gpt-4o-mini");
        return c;
    }

private Q_SLOTS:
    void init()
    {
        m_context = cl::test::chatAppContext(m_dir);
        QVERIFY(m_context);
    }
    void cleanup() { m_context.reset(); }

    void modelListFillsFromTheServer()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(FakeResponse::json(
            200, "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\"},{\"id\":\"llama3.1:8b\"},"
                 "{\"id\":\"qwen2.5:7b\"}]}"));
        cl::ChatSettingsDialog dialog(loopbackConfig(server), QStringLiteral("sk-test-KEY123456"),
                                      10, cl::PriceTable::defaults());
        QSignalSpy listed(&dialog, &cl::ChatSettingsDialog::modelsListed);
        QCOMPARE(server.requests().size(), 0); // building the dialog sends nothing
        dialog.show();                         // the first show asks for the list
        QVERIFY(listed.wait(5000));
        QCOMPARE(server.requests().constFirst().method, QByteArray("GET"));
        QCOMPARE(server.requests().constFirst().path, QByteArray("/v1/models"));
        auto *combo = dialog.findChild<QComboBox *>();
        QVERIFY(combo && combo->isEditable());
        QStringList items;
        for (int i = 0; i < combo->count(); ++i)
            items << combo->itemText(i);
        QCOMPARE(items, QStringList({"gpt-4o-mini", "llama3.1:8b", "qwen2.5:7b"}));
        QCOMPARE(combo->currentText(), QStringLiteral("gpt-4o-mini")); // the choice is kept
        combo->setCurrentIndex(1);
        QCOMPARE(dialog.config().model, QStringLiteral("llama3.1:8b"));
        QVERIFY(!labelsWith(dialog, QStringLiteral("3 model")).isEmpty());
    }

    void serverWithoutModelListSaysSoAndTheModelIsTyped()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(FakeResponse::json(404, "{\"error\":{\"message\":\"Not Found\"}}"));
        cl::ChatSettingsDialog dialog(loopbackConfig(server), {}, 10, cl::PriceTable::defaults());
        QSignalSpy unavailable(&dialog, &cl::ChatSettingsDialog::modelsUnavailable);
        dialog.refreshModels();
        QVERIFY(unavailable.wait(5000));
        const QString note = unavailable.front().front().toString();
        QVERIFY2(note.contains(QLatin1String("does not offer a model list")), qPrintable(note));
        QVERIFY(!labelsWith(dialog, QStringLiteral("type the model name")).isEmpty());
        auto *combo = dialog.findChild<QComboBox *>();
        combo->setCurrentText(QStringLiteral("my-local-model"));
        QCOMPARE(dialog.config().model, QStringLiteral("my-local-model"));
    }

    void settingsAreKeptInTheWorkspaceWithoutTheKey()
    {
        cl::ChatClientConfig c;
        c.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/v1"));
        c.model = QStringLiteral("qwen2.5:7b");
        c.connectTimeoutMs = 7000;
        c.firstTokenTimeoutMs = 120000;
        c.idleTimeoutMs = 45000;
        c.extraCaCertificateFile = QStringLiteral("/etc/ssl/corp-ca.pem");
        cl::ChatSettingsDialog dialog(c, QStringLiteral("sk-test-NEVERSTORED99"), 25,
                                      cl::PriceTable::defaults());
        const cl::ChatClientConfig edited = dialog.config();
        QCOMPARE(edited.connectTimeoutMs, 7000);
        QCOMPARE(edited.firstTokenTimeoutMs, 120000);
        QCOMPARE(edited.idleTimeoutMs, 45000);
        QCOMPARE(edited.extraCaCertificateFile, c.extraCaCertificateFile);
        QCOMPARE(dialog.minGroupSize(), 25);
        QCOMPARE(dialog.apiKey(), QStringLiteral("sk-test-NEVERSTORED99"));

        cl::ChatPreferences prefs(m_context->workspace());
        prefs.saveClientConfig(edited);
        const cl::ChatClientConfig back = prefs.clientConfig(cl::ChatClientConfig());
        QCOMPARE(back.baseUrl, c.baseUrl);
        QCOMPARE(back.model, c.model);
        QCOMPARE(back.idleTimeoutMs, 45000);
        QCOMPARE(back.extraCaCertificateFile, c.extraCaCertificateFile);
        const QString path = m_context->workspace().path();
        m_context.reset();
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains("NEVERSTORED99"));
    }

    void editingAPriceChangesTheShownCost()
    {
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(cl::test::textResponse(QStringLiteral("Retirees lead."), true));
        auto panel = std::make_unique<cl::ChatPanel>(m_context.get());
        panel->setPreviewRequired(false);
        panel->setConnection(server.baseUrl(), QStringLiteral("gpt-4o-mini"),
                             QStringLiteral("sk-test-SECRETKEY123"));
        QSignalSpy shown(panel.get(), &cl::ChatPanel::answerShown);
        QVERIFY(panel->ask(QStringLiteral("Which jobs respond best?")));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 15000);
        // 1200 prompt and 80 completion tokens at $0.15 and $0.60 per million: $0.000228.
        QCOMPARE(labelsWith(*panel, QStringLiteral("completion tokens")).size(), 1);
        QVERIFY(labelsWith(*panel, QStringLiteral("completion tokens"))
                    .front()
                    .contains(QLatin1String("$0.0002")));
        QVERIFY(!labelsWith(*panel, QStringLiteral("session:")).isEmpty());

        cl::PriceTableDialog prices(panel->priceTable());
        QTableWidget *table = prices.table();
        int row = -1;
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, 0)->text() == QLatin1String("gpt-4o-mini"))
                row = r;
        QVERIFY(row >= 0);
        table->item(row, 1)->setText(QStringLiteral("10"));
        table->item(row, 2)->setText(QStringLiteral("20"));
        prices.accept();
        QCOMPARE(prices.result(), int(QDialog::Accepted));
        panel->setPriceTable(prices.priceTable());
        // 1200 × $10 + 80 × $20 per million: $0.0136, on the card and in the meter.
        const QStringList card = labelsWith(*panel, QStringLiteral("completion tokens"));
        QVERIFY2(card.front().contains(QLatin1String("$0.0136")), qPrintable(card.front()));
        const QStringList meter = labelsWith(*panel, QStringLiteral("session:"));
        QVERIFY2(meter.front().contains(QLatin1String("$0.0136")), qPrintable(meter.front()));

        // The table is kept in the workspace: a new panel prices the stored answer the same way.
        panel.reset();
        cl::ChatPanel again(m_context.get());
        const QStringList restored = labelsWith(again, QStringLiteral("completion tokens"));
        QCOMPARE(restored.size(), 1);
        QVERIFY2(restored.front().contains(QLatin1String("$0.0136")), qPrintable(restored.front()));
    }

    void withoutAKeychainServiceTheKeyIsSessionOnly()
    {
        // A key name of its own: a developer's real key is never touched.
        cl::KeyStore store(nullptr, QStringLiteral("openai-api-key-tst_chat_settings"));
        QSignalSpy read(&store, &cl::KeyStore::operationFinished);
        store.read();
        QVERIFY(read.wait(15000));
        if (!store.isUnavailable())
            QSKIP("a keychain service answers here; the session-only fallback is not shown");
        cl::ChatSettingsDialog dialog(cl::ChatClientConfig(), QStringLiteral("sk-test-TYPED1234"),
                                      10, cl::PriceTable::defaults(), &store);
        auto *remember = dialog.findChild<QCheckBox *>();
        QVERIFY(remember);
        QCOMPARE(remember->text(), QStringLiteral("Remember in the system keychain"));
        QVERIFY(!remember->isEnabled());
        remember->setChecked(true); // even if forced, nothing is to be written
        QVERIFY(!dialog.rememberKey());
        const QStringList note = labelsWith(dialog, QStringLiteral("session only"));
        QCOMPARE(note.size(), 1);
        qInfo("note shown: %s", qPrintable(note.front()));
        QVERIFY(!note.front().contains(QLatin1String("TYPED1234")));
        QCOMPARE(dialog.apiKey(), QStringLiteral("sk-test-TYPED1234"));
    }

    void withAKeychainServiceTheKeyCanBeRemembered()
    {
        cl::KeyStore store(nullptr, QStringLiteral("openai-api-key-tst_chat_settings"));
        QSignalSpy read(&store, &cl::KeyStore::operationFinished);
        store.read();
        QVERIFY(read.wait(15000));
        if (store.isUnavailable())
            QSKIP(qPrintable(
                QStringLiteral("no keychain service here (%1)").arg(store.lastMessage())));
        cl::ChatSettingsDialog dialog(cl::ChatClientConfig(), QStringLiteral("sk-test-TYPED1234"),
                                      10, cl::PriceTable::defaults(), &store);
        auto *remember = dialog.findChild<QCheckBox *>();
        QVERIFY(remember && remember->isEnabled());
        remember->setChecked(true);
        QVERIFY(dialog.rememberKey());
        QVERIFY(labelsWith(dialog, QStringLiteral("session only")).isEmpty());
    }

    void priceDialogRefusesBadRows()
    {
        cl::PriceTableDialog prices(cl::PriceTable::defaults());
        prices.table()->item(0, 1)->setText(QStringLiteral("-1"));
        prices.accept();
        QCOMPARE(prices.result(), int(QDialog::Rejected)); // still open, with a message
        QVERIFY(!labelsWith(prices, QStringLiteral("non-negative")).isEmpty());
    }
};

QTEST_MAIN(TestChatSettings)
#include "tst_chat_settings.moc"
