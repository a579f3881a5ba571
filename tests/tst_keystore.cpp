// Tests of the API key sources (issue 5): session, then OPENAI_API_KEY, then the OS keychain;
// the keychain round trip runs only where a keychain service answers and is skipped visibly.
#include "llm/ApiKeyProvider.h"
#include "llm/KeyStore.h"

#include <QSignalSpy>
#include <QTest>

namespace {
/// A key name of its own, so a developer's real key is never read, replaced or deleted.
const QString kTestKeyName = QStringLiteral("openai-api-key-tst_keystore");
const QString kSecret = QStringLiteral("sk-test-KEYCHAINSECRET42");

/// Waits for the store's next report; false on time-out.
bool waitFinished(QSignalSpy &spy)
{
    return !spy.isEmpty() || spy.wait(15000);
}
} // namespace

class TestKeyStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { qunsetenv("OPENAI_API_KEY"); }
    void cleanup() { qunsetenv("OPENAI_API_KEY"); }

    void sessionKeyThenEnvironmentThenKeychain()
    {
        QString session, keychain = QStringLiteral("sk-from-keychain");
        const cl::ApiKeyProvider p =
            cl::layeredApiKeyProvider([&] { return session; }, [&] { return keychain; });
        QCOMPARE(p(), QStringLiteral("sk-from-keychain"));
        qputenv("OPENAI_API_KEY", "sk-from-env");
        QCOMPARE(p(), QStringLiteral("sk-from-env"));
        session = QStringLiteral("sk-typed");
        QCOMPARE(p(), QStringLiteral("sk-typed"));
        session.clear();
        qunsetenv("OPENAI_API_KEY");
        keychain.clear();
        QCOMPARE(p(), QString()); // no key anywhere: a local server needs none
        const cl::ApiKeyProvider noKeychain = cl::layeredApiKeyProvider(nullptr, nullptr);
        QCOMPARE(noKeychain(), QString());
    }

    void everyOperationReportsAlsoWithoutAKeychain()
    {
        // Whatever the machine offers, each call is answered once, asynchronously.
        cl::KeyStore store(nullptr, kTestKeyName);
        QSignalSpy spy(&store, &cl::KeyStore::operationFinished);
        store.read();
        QCOMPARE(spy.count(), 0);
        QVERIFY(waitFinished(spy));
        QCOMPARE(spy.count(), 1);
        const auto status = spy.front().at(1).value<cl::KeyStore::Status>();
        if (!cl::KeyStore::isCompiledIn())
            QCOMPARE(status, cl::KeyStore::Status::NoService);
        QVERIFY(status != cl::KeyStore::Status::Unknown);
        QCOMPARE(store.lastStatus(), status);
        qInfo("keychain on this machine: %s (%s)",
              QMetaEnum::fromType<cl::KeyStore::Status>().valueToKey(int(status)),
              qPrintable(store.lastMessage()));
    }

    void keyRoundTripsThroughTheKeychain()
    {
        cl::KeyStore store(nullptr, kTestKeyName);
        QSignalSpy spy(&store, &cl::KeyStore::operationFinished);
        store.write(kSecret);
        QVERIFY(waitFinished(spy));
        const auto written = spy.takeFirst().at(1).value<cl::KeyStore::Status>();
        if (written != cl::KeyStore::Status::Ok)
            QSKIP(qPrintable(QStringLiteral("no usable keychain service here (%1): the round "
                                            "trip needs one")
                                 .arg(store.lastMessage())));
        QVERIFY(!store.lastMessage().contains(kSecret));

        cl::KeyStore reader(nullptr, kTestKeyName);
        QSignalSpy readSpy(&reader, &cl::KeyStore::operationFinished);
        reader.read();
        QVERIFY(waitFinished(readSpy));
        QCOMPARE(readSpy.front().at(1).value<cl::KeyStore::Status>(), cl::KeyStore::Status::Ok);
        QCOMPARE(reader.cachedKey(), kSecret);
        // The layered provider takes the keychain's key when nothing else is set.
        const cl::ApiKeyProvider p =
            cl::layeredApiKeyProvider(nullptr, [&reader] { return reader.cachedKey(); });
        QCOMPARE(p(), kSecret);

        reader.remove();
        readSpy.clear();
        QVERIFY(waitFinished(readSpy));
        QCOMPARE(readSpy.front().at(1).value<cl::KeyStore::Status>(), cl::KeyStore::Status::Ok);
        QVERIFY(reader.cachedKey().isEmpty());
        readSpy.clear();
        reader.read();
        QVERIFY(waitFinished(readSpy));
        QCOMPARE(readSpy.front().at(1).value<cl::KeyStore::Status>(),
                 cl::KeyStore::Status::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestKeyStore)
#include "tst_keystore.moc"
