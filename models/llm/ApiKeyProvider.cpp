// ApiKeyProvider: environment and fixed providers, and the secret scrubber.
#include "llm/ApiKeyProvider.h"

#include <QRegularExpression>

namespace cl {

ApiKeyProvider environmentApiKeyProvider()
{
    return [] { return qEnvironmentVariable("OPENAI_API_KEY").trimmed(); };
}

ApiKeyProvider fixedApiKeyProvider(const QString &key)
{
    return [key] { return key; };
}

ApiKeyProvider layeredApiKeyProvider(ApiKeyProvider sessionKey, ApiKeyProvider keychainKey)
{
    return [session = std::move(sessionKey), keychain = std::move(keychainKey)] {
        const QString typed = session ? session().trimmed() : QString();
        if (!typed.isEmpty())
            return typed;
        const QString env = qEnvironmentVariable("OPENAI_API_KEY").trimmed();
        if (!env.isEmpty())
            return env;
        return keychain ? keychain().trimmed() : QString();
    };
}

QString scrubSecret(const QString &text, const QString &key)
{
    QString out = text;
    const QString trimmedKey = key.trimmed();
    // A very short "key" would blank out ordinary words; real keys are long.
    if (trimmedKey.size() >= 4)
        out.replace(trimmedKey, QStringLiteral("sk-***"));
    static const QRegularExpression skLike(QStringLiteral("sk-[A-Za-z0-9_\\-*.]{8,}"));
    out.replace(skLike, QStringLiteral("sk-***"));
    return out;
}

} // namespace cl
