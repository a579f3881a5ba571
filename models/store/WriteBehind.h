// Starts the kernel's write-back of a file while it is still being written.
#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace cl {

/**
 * While it lives, asks the kernel every `intervalMs` to start writing a file's dirty pages to
 * disk (Linux: sync_file_range with SYNC_FILE_RANGE_WRITE, which does not wait), so that the
 * fsync that ends a long write (SQLite's, before and after a checkpoint) finds little left to
 * do. It changes no data and no durability: it only moves disk work earlier, beside the CPU
 * work that produces it. A file that does not exist yet is opened when it appears. Elsewhere
 * than Linux it does nothing. Not copyable; stop() (or the destructor) joins the thread.
 */
class WriteBehind
{
public:
    explicit WriteBehind(const QString &path, int intervalMs = 100);
    ~WriteBehind();
    WriteBehind(const WriteBehind &) = delete;
    WriteBehind &operator=(const WriteBehind &) = delete;

    void stop();
    /// How many write-backs were started (for tests).
    int requests() const { return m_requests; }

private:
    void run(const QByteArray &path, int intervalMs);

    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::atomic<int> m_requests{0};
    std::thread m_thread;
};

} // namespace cl
