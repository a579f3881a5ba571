// The API key in the OS keychain (QtKeychain, when built with it): read, write, delete.
#pragma once

#include <QObject>
#include <QString>

namespace cl {

/**
 * Keeps the OpenAI API key in the operating system's keychain (Secret Service / KWallet on
 * Linux, Keychain on macOS, Credential Manager on Windows) under service "CampaignLens", key
 * "openai-api-key". Every operation is asynchronous, as QtKeychain is: operationFinished()
 * follows, also when the build has no keychain support (status NoService). QtKeychain's
 * insecure plain-text fallback is never enabled: without a keychain service nothing is stored.
 *
 * The key read or written last is cached in memory (cachedKey()) so that an ApiKeyProvider can
 * answer synchronously; it never goes into a signal, a log or a message.
 *
 * Thread affinity: the thread that created it (QtKeychain jobs live there). Owns its jobs.
 */
class KeyStore : public QObject
{
    Q_OBJECT
public:
    enum class Operation
    {
        Read,
        Write,
        Delete
    };
    enum class Status
    {
        Unknown,   ///< No operation has finished yet.
        Ok,        ///< Done (a read found a key).
        NotFound,  ///< The keychain works but holds no key (read or delete).
        NoService, ///< No keychain service is running, or this build has no keychain support.
        Denied,    ///< The user or the system refused access.
        Failed     ///< Another keychain error; the message says which.
    };
    Q_ENUM(Status)

    static constexpr const char *kService = "CampaignLens";
    static constexpr const char *kKeyName = "openai-api-key";

    /// `keyName` other than kKeyName only for tests that must not touch a real key.
    explicit KeyStore(QObject *parent = nullptr,
                      const QString &keyName = QString::fromLatin1(kKeyName));

    /// True when built with QtKeychain (CAMPAIGNLENS_HAVE_KEYCHAIN).
    static bool isCompiledIn();

    void read();
    void write(const QString &key);
    void remove();

    /// The key last read or written (empty: none or not read yet). Memory only.
    QString cachedKey() const { return m_cached; }
    /// The status of the last finished operation.
    Status lastStatus() const { return m_lastStatus; }
    /// The message of the last failure (never contains the key); empty after success.
    QString lastMessage() const { return m_lastMessage; }
    /// True when the last operation showed the keychain cannot be used.
    bool isUnavailable() const
    {
        return m_lastStatus == Status::NoService || m_lastStatus == Status::Denied ||
               m_lastStatus == Status::Failed;
    }

Q_SIGNALS:
    /// An operation ended; `message` explains a failure and never contains the key.
    void operationFinished(cl::KeyStore::Operation operation, cl::KeyStore::Status status,
                           const QString &message);

private:
    void finish(Operation operation, Status status, const QString &message);

    QString m_keyName;
    QString m_cached;
    Status m_lastStatus = Status::Unknown;
    QString m_lastMessage;
};

} // namespace cl

Q_DECLARE_METATYPE(cl::KeyStore::Operation)
Q_DECLARE_METATYPE(cl::KeyStore::Status)
