// Where the API key comes from: a function, so that a keychain can plug in later.
#pragma once

#include <QString>

#include <functional>

namespace cl {

/**
 * Returns the API key, or an empty string for "no key" (local servers need none).
 * Called on every request, from the thread that owns the ChatClient, so a provider may read a
 * keychain lazily. The key is held only in memory: never write it to a file, log or message.
 */
using ApiKeyProvider = std::function<QString()>;

/// Reads OPENAI_API_KEY from the environment on each call (the official SDKs' convention).
ApiKeyProvider environmentApiKeyProvider();

/// A provider that always returns `key` (tests, a key typed into a settings dialog).
ApiKeyProvider fixedApiKeyProvider(const QString &key);

/**
 * The desktop order: the key typed for this session, else OPENAI_API_KEY, else the key read
 * from the OS keychain. Each source is asked on every call; an empty answer means "none".
 */
ApiKeyProvider layeredApiKeyProvider(ApiKeyProvider sessionKey, ApiKeyProvider keychainKey);

/**
 * Returns `text` with every occurrence of `key` and anything that looks like an OpenAI secret
 * key ("sk-" followed by 8 or more key characters) replaced by "sk-***". Used on every error
 * text the client produces, including messages echoed by the server.
 */
QString scrubSecret(const QString &text, const QString &key);

} // namespace cl
