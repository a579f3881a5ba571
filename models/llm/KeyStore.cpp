// KeyStore: QtKeychain jobs when available, otherwise an asynchronous "no keychain" answer.
#include "llm/KeyStore.h"

#include "llm/ApiKeyProvider.h"

#include <QTimer>

#ifdef CAMPAIGNLENS_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace cl {

namespace {
#ifdef CAMPAIGNLENS_HAVE_KEYCHAIN
KeyStore::Status statusOf(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
        return KeyStore::Status::Ok;
    case QKeychain::EntryNotFound:
        return KeyStore::Status::NotFound;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return KeyStore::Status::Denied;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return KeyStore::Status::NoService;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    return KeyStore::Status::Failed;
}

/// Runs `job` with the settings every job of ours shares, reporting through `done` while
/// `context` lives. The job has no parent and deletes itself when it finishes: the Secret
/// Service backend calls back into a job after its parent is gone, so a KeyStore destroyed
/// with a job in flight must not take the job with it.
template <typename Done>
void runJob(QKeychain::Job *job, const QString &keyName, QObject *context, Done done)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain-text file
    job->setKey(keyName);
    QObject::connect(job, &QKeychain::Job::finished, context, done);
    job->start();
}
#endif
} // namespace

KeyStore::KeyStore(QObject *parent, const QString &keyName) : QObject(parent), m_keyName(keyName)
{
    qRegisterMetaType<cl::KeyStore::Operation>();
    qRegisterMetaType<cl::KeyStore::Status>();
}

bool KeyStore::isCompiledIn()
{
#ifdef CAMPAIGNLENS_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

void KeyStore::finish(Operation operation, Status status, const QString &message)
{
    QString text = message;
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    // The Secret Service and KWallet are reached over the session bus; without one (a CI
    // runner, ssh, a container) QtKeychain reports only "Unknown error".
    if (status == Status::Failed && qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        status = Status::NoService;
        text = QStringLiteral("no keychain service is running (no D-Bus session bus for the "
                              "Secret Service or KWallet)");
    }
#endif
    if (status != Status::Ok && status != Status::NotFound &&
        (text.isEmpty() || text == QLatin1String("Unknown error")))
        text = QStringLiteral("the keychain service did not answer (is GNOME Keyring, KWallet or "
                              "another Secret Service running and unlocked?)");
    m_lastStatus = status;
    m_lastMessage = status == Status::Ok ? QString() : scrubSecret(text, m_cached);
    Q_EMIT operationFinished(operation, status, m_lastMessage);
}

#ifdef CAMPAIGNLENS_HAVE_KEYCHAIN

void KeyStore::read()
{
    auto *job = new QKeychain::ReadPasswordJob(QString::fromLatin1(kService));
    runJob(job, m_keyName, this, [this, job] {
        const Status s = statusOf(job->error());
        if (s == Status::Ok)
            m_cached = job->textData();
        else if (s == Status::NotFound)
            m_cached.clear();
        finish(Operation::Read, s, job->errorString());
    });
}

void KeyStore::write(const QString &key)
{
    auto *job = new QKeychain::WritePasswordJob(QString::fromLatin1(kService));
    job->setTextData(key);
    runJob(job, m_keyName, this, [this, job, key] {
        const Status s = statusOf(job->error());
        if (s == Status::Ok)
            m_cached = key;
        finish(Operation::Write, s, scrubSecret(job->errorString(), key));
    });
}

void KeyStore::remove()
{
    auto *job = new QKeychain::DeletePasswordJob(QString::fromLatin1(kService));
    runJob(job, m_keyName, this, [this, job] {
        const Status s = statusOf(job->error());
        if (s == Status::Ok || s == Status::NotFound)
            m_cached.clear();
        finish(Operation::Delete, s, job->errorString());
    });
}

#else

namespace {
QString notBuiltIn()
{
    return QStringLiteral("this build of CampaignLens has no keychain support (QtKeychain)");
}
} // namespace

void KeyStore::read()
{
    QTimer::singleShot(0, this,
                       [this] { finish(Operation::Read, Status::NoService, notBuiltIn()); });
}

void KeyStore::write(const QString &)
{
    QTimer::singleShot(0, this,
                       [this] { finish(Operation::Write, Status::NoService, notBuiltIn()); });
}

void KeyStore::remove()
{
    QTimer::singleShot(0, this,
                       [this] { finish(Operation::Delete, Status::NoService, notBuiltIn()); });
}

#endif

} // namespace cl
