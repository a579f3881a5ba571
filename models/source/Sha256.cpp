// Sha256: thin RAII wrapper of OpenSSL's EVP digest.
#include "Sha256.h"

#include <QFile>

#include <openssl/evp.h>

#include <cstring>
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

Sha256Thread::Sha256Thread() : m_thread(&Sha256Thread::run, this) {}

Sha256Thread::~Sha256Thread()
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_abandoned = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

char *Sha256Thread::acquire(size_t size)
{
    // The room handed out is the reader's until submit(): one reader, on one thread.
    if (m_reader == std::thread::id())
        m_reader = std::this_thread::get_id();
    Q_ASSERT_X(m_reader == std::this_thread::get_id(), "Sha256Thread::acquire",
               "blocks are acquired and submitted on one thread");
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [this] { return m_submitted - m_hashed < kBlocks; });
    std::vector<char> &block = m_blocks[m_submitted % kBlocks];
    lock.unlock();
    if (block.size() < size)
        block.resize(size);
    return block.data();
}

void Sha256Thread::submit(size_t size)
{
    Q_ASSERT_X(m_reader == std::this_thread::get_id(), "Sha256Thread::submit",
               "blocks are acquired and submitted on one thread");
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_sizes[m_submitted % kBlocks] = size;
        ++m_submitted;
    }
    m_changed.notify_all();
}

void Sha256Thread::add(const char *data, size_t size)
{
    if (size == 0)
        return;
    std::memcpy(acquire(size), data, size);
    submit(size);
}

QString Sha256Thread::finish()
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_finishing = true;
    }
    m_changed.notify_all();
    m_thread.join();
    return m_hash.hexDigest();
}

void Sha256Thread::run()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_changed.wait(lock,
                       [this] { return m_abandoned || m_finishing || m_hashed < m_submitted; });
        if (m_abandoned || m_hashed == m_submitted)
            return; // abandoned, or finishing with nothing left
        const int k = int(m_hashed % kBlocks);
        lock.unlock();
        m_hash.add(m_blocks[k].data(), m_sizes[k]);
        lock.lock();
        ++m_hashed;
        m_changed.notify_all();
    }
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
