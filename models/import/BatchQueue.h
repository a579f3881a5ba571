// BatchQueue: the bounded hand-over between the import's parser thread and its writer.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

namespace cl {

/// Bounded queue between the import's parser thread and its writer, with a pool of written
/// batches handed back for reuse. `Batch` needs clear().
template <typename Batch> class BatchQueue
{
public:
    explicit BatchQueue(size_t depth) : m_depth(depth) {}

    void push(Batch batch)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_items.size() < m_depth || m_closed; });
        if (m_closed)
            return;
        m_items.push_back(std::move(batch));
        m_notEmpty.notify_one();
    }
    /// False when the producer finished and the queue is drained.
    bool pop(Batch &batch)
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_items.empty() || m_done; });
        if (m_items.empty())
            return false;
        batch = std::move(m_items.front());
        m_items.pop_front();
        m_notFull.notify_one();
        return true;
    }
    void finish()
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
        m_notEmpty.notify_all();
    }
    /// A written batch back to the producer, so its buffers are reused, not reallocated.
    void recycle(Batch batch)
    {
        batch.clear();
        std::lock_guard lock(m_mutex);
        if (m_spare.size() < m_depth + 2)
            m_spare.push_back(std::move(batch));
    }
    /// An empty batch, with the capacity of an earlier one when there is one.
    Batch spare()
    {
        std::lock_guard lock(m_mutex);
        if (m_spare.empty())
            return {};
        Batch b = std::move(m_spare.back());
        m_spare.pop_back();
        return b;
    }
    /// The consumer gives up: the producer's pushes return at once.
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_items.clear();
        m_notFull.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::condition_variable m_notFull;
    const size_t m_depth;
    std::deque<Batch> m_items;
    std::vector<Batch> m_spare;
    bool m_done = false;
    bool m_closed = false;
};

} // namespace cl
