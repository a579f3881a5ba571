// Syncs a file to disk while it is still being written.
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>
#include <thread>

namespace cl {

/**
 * While it lives, syncs a file every `intervalMs` (Linux: fdatasync, on a thread of its own),
 * so that the fsync that ends a long write (SQLite's, before and after a checkpoint; the one
 * before a new workspace is renamed into place) finds little left to do. Starting the
 * write-back alone (sync_file_range) was not enough: on this VM's disk the final fsync then
 * still took 0.2 s for a 430 MB file, the device flushing its cache; synced as it grows, it
 * takes 0.01-0.03 s. It changes no data: it moves disk work earlier, beside the CPU work that
 * produces it, and its thread sleeps while the disk works. A file that does not exist yet is
 * opened when it appears. Elsewhere than Linux it does nothing.
 *
 * Durability: Linux reports a failed write-back once to each open file, and a file opened
 * after that report never sees it; a sync of the finished file through a new handle (as a
 * workspace being built gets) could then succeed over lost pages. So the first failed sync
 * is kept: stop(), then syncError(), before the write is declared done.
 *
 * Not copyable. stop() waits for the sync under way and joins the thread; the destructor
 * alone does not wait (a cancelled write is thrown away: its thread ends on its own after
 * that sync, on a slow or network disk too).
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
    int requests() const;
    /// errno of the first sync that failed, 0 when none did.
    int syncError() const;

private:
    struct Shared; ///< what the thread uses: it may outlive this object
    static void run(std::shared_ptr<Shared> shared, QByteArray path, int intervalMs);
    void askToStop();

    std::shared_ptr<Shared> m_shared;
    std::thread m_thread;
};

} // namespace cl
