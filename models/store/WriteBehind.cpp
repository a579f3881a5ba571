#include "WriteBehind.h"

#include <QFile>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <mutex>

#ifdef __linux__
#include <fcntl.h>
#include <unistd.h>
#endif

namespace cl {

struct WriteBehind::Shared
{
    std::mutex mutex;
    std::condition_variable wake;
    bool stop = false;
    std::atomic<int> requests{0};
    std::atomic<int> error{0};
};

WriteBehind::WriteBehind(const QString &path, int intervalMs) : m_shared(std::make_shared<Shared>())
{
#ifdef __linux__
    m_thread = std::thread(&WriteBehind::run, m_shared, QFile::encodeName(path), intervalMs);
#else
    Q_UNUSED(path);
    Q_UNUSED(intervalMs);
#endif
}

WriteBehind::~WriteBehind()
{
    askToStop();
    if (m_thread.joinable())
        m_thread.detach(); // it holds its own reference to the shared state
}

void WriteBehind::stop()
{
    askToStop();
    if (m_thread.joinable())
        m_thread.join();
}

void WriteBehind::askToStop()
{
    {
        const std::lock_guard<std::mutex> lock(m_shared->mutex);
        m_shared->stop = true;
    }
    m_shared->wake.notify_all();
}

int WriteBehind::requests() const
{
    return m_shared->requests;
}

int WriteBehind::syncError() const
{
    return m_shared->error;
}

void WriteBehind::run(std::shared_ptr<Shared> shared, QByteArray path, int intervalMs)
{
#ifdef __linux__
    int fd = -1;
    std::unique_lock<std::mutex> lock(shared->mutex);
    while (!shared->wake.wait_for(lock, std::chrono::milliseconds(intervalMs),
                                  [&] { return shared->stop; })) {
        lock.unlock();
        if (fd < 0)
            fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            if (::fdatasync(fd) == 0) {
                ++shared->requests;
            } else {
                int none = 0;
                shared->error.compare_exchange_strong(none, errno);
            }
        }
        lock.lock();
    }
    if (fd >= 0)
        ::close(fd);
#else
    Q_UNUSED(shared);
    Q_UNUSED(path);
    Q_UNUSED(intervalMs);
#endif
}

} // namespace cl
