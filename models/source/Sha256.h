// Sha256: SHA-256 of files and byte streams (OpenSSL's hardware-accelerated implementation).
#pragma once

#include <QString>

class QIODevice;

#include <atomic>
#include <cstddef>
#include <memory>

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

/// SHA-256 of a whole file as lowercase hex; empty when it cannot be read or `cancel` is set
/// (checked per MiB: the importer hashes on a thread of its own beside the parser, which cost
/// the parser 8% on its own thread). `bytes`: how many were hashed.
QString sha256OfFile(const QString &path, const std::atomic<bool> *cancel = nullptr,
                     qint64 *bytes = nullptr);

/// The same from the current position of an open device to its end.
QString sha256OfDevice(QIODevice &device, const std::atomic<bool> *cancel = nullptr,
                       qint64 *bytes = nullptr);

} // namespace cl
