#include "WriteBehind.h"

#include <QFile>

#ifdef __linux__
#include <fcntl.h>
#include <unistd.h>
#endif

namespace cl {

WriteBehind::WriteBehind(const QString &path, int intervalMs)
{
#ifdef __linux__
    m_thread = std::thread(&WriteBehind::run, this, QFile::encodeName(path), intervalMs);
#else
    Q_UNUSED(path);
    Q_UNUSED(intervalMs);
#endif
}

WriteBehind::~WriteBehind()
{
    stop();
}

void WriteBehind::stop()
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void WriteBehind::run(const QByteArray &path, int intervalMs)
{
#ifdef __linux__
    int fd = -1;
    std::unique_lock<std::mutex> lock(m_mutex);
    while (
        !m_wake.wait_for(lock, std::chrono::milliseconds(intervalMs), [this] { return m_stop; })) {
        lock.unlock();
        if (fd < 0)
            fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0 && ::fdatasync(fd) == 0)
            ++m_requests;
        lock.lock();
    }
    if (fd >= 0)
        ::close(fd);
#else
    Q_UNUSED(path);
    Q_UNUSED(intervalMs);
#endif
}

} // namespace cl
