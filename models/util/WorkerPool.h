// The thread pool for the app's background work (frame loads, queries, fits, reports).
#pragma once

#include <QtConcurrent/QtConcurrentRun>

#include <utility>

class QThreadPool;

namespace cl {

/**
 * The pool every QtConcurrent::run of ours runs on; never QThreadPool::globalInstance().
 *
 * Qt Gui's raster engine splits large fills across the global pool and waits for them on the
 * GUI thread: with our work there, on 2 cores, painting a table header waited for a 4-million-
 * row sort to finish (0.4 to 0.6 s with the window frozen). Up to max(4, cores) threads, so a
 * long fit does not hold back a segment query. Owned by the application object (its destructor
 * waits for running work, as it does for the global pool); without one, lives until exit.
 * Thread-safe.
 */
QThreadPool *workerPool();

/// Lowers the calling thread's CPU priority below the GUI's (Linux: nice 10 for this thread
/// only, inherited by threads it starts), once per thread.
void enterBackgroundPriority();

/**
 * Runs `work` on workerPool() at background priority and returns its QFuture. The GUI thread
 * and Qt's painting threads then win the CPU over an analysis on 2 cores: before, a sort of 4
 * million rows stretched the paint of a table header to 80 ms.
 */
template <typename Work> auto runInBackground(Work &&work)
{
    return QtConcurrent::run(workerPool(), [work = std::forward<Work>(work)]() mutable {
        enterBackgroundPriority();
        return work();
    });
}

} // namespace cl
