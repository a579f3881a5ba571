// Sha256: thin RAII wrapper of OpenSSL's EVP digest.
#include "Sha256.h"

#include <QFile>

#include <openssl/evp.h>

#include <vector>

namespace cl {

struct Sha256::State
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    ~State() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : m_state(std::make_unique<State>())
{
    EVP_DigestInit_ex(m_state->ctx, EVP_sha256(), nullptr);
}

Sha256::~Sha256() = default;

void Sha256::add(const char *data, size_t size)
{
    EVP_DigestUpdate(m_state->ctx, data, size);
}

QString Sha256::hexDigest()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_state->ctx, digest, &length);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
}

QString sha256OfFile(const QString &path, const std::atomic<bool> *cancel, qint64 *bytes)
{
    if (bytes)
        *bytes = 0;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return sha256OfDevice(file, cancel, bytes);
}

QString sha256OfDevice(QIODevice &device, const std::atomic<bool> *cancel, qint64 *bytes)
{
    if (bytes)
        *bytes = 0;
    Sha256 hash;
    std::vector<char> buffer(size_t(1) << 20);
    for (;;) {
        if (cancel && cancel->load())
            return {};
        const qint64 n = device.read(buffer.data(), qint64(buffer.size()));
        if (n < 0)
            return {};
        if (n == 0)
            return hash.hexDigest();
        if (bytes)
            *bytes += n;
        hash.add(buffer.data(), size_t(n));
    }
}

} // namespace cl
