// Sha256: SHA-256 of files and byte streams (OpenSSL's hardware-accelerated implementation).
#pragma once

#include <QString>

class QIODevice;

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace cl {

/// Incremental SHA-256. Not thread-safe; one instance per stream.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void add(const char *data, size_t size);
    /// Lowercase hex digest; the object can no longer be used afterwards.
    QString hexDigest();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

/**
 * SHA-256 of a stream whose reader hands over the blocks it has read; they are hashed on a
 * thread of its own, so that the reader reads each byte once and does not wait for the hash
 * (hashing a file by its path beside the import read it twice: 0.3 s of CPU for 583 MB).
 * The reader's thread owns the object; acquire() and submit() alternate on it.
 */
class Sha256Thread
{
public:
    Sha256Thread();
    ~Sha256Thread(); ///< stops without hashing what is left
    Sha256Thread(const Sha256Thread &) = delete;
    Sha256Thread &operator=(const Sha256Thread &) = delete;
    /// Room for `size` bytes that no hashing reads any more; valid until submit().
    char *acquire(size_t size);
    /// Hashes the first `size` bytes of the room last acquired.
    void submit(size_t size);
    /// Copies and hashes.
    void add(const char *data, size_t size);
    /// Waits for every block; the lowercase hex digest. The object can no longer be used.
    QString finish();

private:
    void run();
    /// The reader's lead over the hash: 4 MB is 2 ms of hashing, more than a time slice of
    /// the reader; 8 blocks cost 1,000 more page faults (10 us each on a VM) for nothing.
    static constexpr int kBlocks = 4;
    std::vector<char> m_blocks[kBlocks];
    size_t m_sizes[kBlocks] = {};
    std::mutex m_mutex;
    std::condition_variable m_changed;
    int64_t m_submitted = 0; ///< blocks handed over; block k is m_blocks[k % kBlocks]
    int64_t m_hashed = 0;
    bool m_finishing = false;
    bool m_abandoned = false;
    std::thread::id m_reader; ///< the thread of the first acquire(); asserted after it
    Sha256 m_hash;            ///< used by the thread only until it ends
    std::thread m_thread;
};

/// SHA-256 of a whole file as lowercase hex; empty when it cannot be read or `cancel` is set
/// (checked per MiB: the importer hashes on a thread of its own beside the parser, which cost
/// the parser 8% on its own thread). `bytes`: how many were hashed.
QString sha256OfFile(const QString &path, const std::atomic<bool> *cancel = nullptr,
                     qint64 *bytes = nullptr);

/// The same from the current position of an open device to its end.
QString sha256OfDevice(QIODevice &device, const std::atomic<bool> *cancel = nullptr,
                       qint64 *bytes = nullptr);

} // namespace cl
