// Syncs a file to disk while it is still being written.
#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace cl {

/**
 * While it lives, syncs a file every `intervalMs` (Linux: fdatasync, on a thread of its own),
 * so that the fsync that ends a long write (SQLite's, before and after a checkpoint; the one
 * before a new workspace is renamed into place) finds little left to do. Starting the
 * write-back alone (sync_file_range) was not enough: on this VM's disk the final fsync then
 * still took 0.2 s for a 430 MB file, the device flushing its cache; synced as it grows, it
 * takes 0.01-0.03 s. It changes no data and no durability: it only moves disk work earlier,
 * beside the CPU work that produces it, and its thread sleeps while the disk works. A file
 * that does not exist yet is opened when it appears. Elsewhere than Linux it does nothing.
 * Not copyable; stop() (or the destructor) joins the thread, after the sync under way.
 */
class WriteBehind
{
public:
    explicit WriteBehind(const QString &path, int intervalMs = 100);
    ~WriteBehind();
    WriteBehind(const WriteBehind &) = delete;
    WriteBehind &operator=(const WriteBehind &) = delete;

    void stop();
    /// How many syncs succeeded (for tests).
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
