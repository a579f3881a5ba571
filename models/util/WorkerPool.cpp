#include "WorkerPool.h"

#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>

#include <algorithm>

#if defined(Q_OS_LINUX)
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace cl {

QThreadPool *workerPool()
{
    static QThreadPool *const pool = [] {
        auto *p = new QThreadPool(QCoreApplication::instance());
        p->setObjectName(QStringLiteral("CampaignLens workers"));
        p->setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
        return p;
    }();
    return pool;
}

void enterBackgroundPriority()
{
    thread_local bool lowered = false;
    if (lowered)
        return;
    lowered = true;
#if defined(Q_OS_LINUX)
    // On Linux a thread's nice value is its own (setpriority with a thread id); QThread's
    // priorities have no effect under SCHED_OTHER.
    constexpr int kNice = 10;
    setpriority(PRIO_PROCESS, id_t(gettid()), kNice);
#endif
}

} // namespace cl
