// The window on 4.1 million rows (issue 13): nothing whose cost grows with the rows runs on the
// GUI thread while the first chart comes up, a segment query runs, the Model tab loads and fits,
// and the Data tab sorts and filters. Watched from inside the event loop: a 5 ms timer whose
// longest gap between two ticks is printed next to the goal (50 ms).
//
// What fails the test is a stall of over 150 ms: the work itself on the GUI thread (loading the
// frame, the fit, a sort of 4.1M rows) takes seconds, while a tab's first layout and paint (the
// same on any data) takes 20 to 80 ms on a busy 2-core machine, which a 50 ms assertion would
// turn into a flaky test. CL_LATENCY_BUDGET_MS=50 asserts the goal instead (a benchmark run on
// a quiet machine).
//
// The data is bank-additional-full repeated CL_LATENCY_COPIES times (100 by default: the x100
// copy of the scale benchmarks; 10 under the sanitizers, whose slowdown is per instruction, not
// per row). CL_LATENCY_TRACE=MS prints the GUI thread's stack whenever it has been stuck for
// MS ms (1: 40 ms), to find what blocked it.
#include "AppContext.h"
#include "DataView.h"
#include "DatasetTableModel.h"
#include "MainWindow.h"
#include "import/CsvImporter.h"
#include "model/ModelView.h"
#include "segments/SegmentsView.h"
#include "store/Database.h"
#include "store/Statement.h"

#include "TestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <execinfo.h>
#include <functional>
#include <pthread.h>
#include <thread>
#include <unistd.h>

using namespace cl;

namespace {

constexpr qint64 kGoalMs = 50;
constexpr qint64 kStuckMs = 150;

/// The stall that fails the test: kStuckMs, or CL_LATENCY_BUDGET_MS.
qint64 failAtMs()
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("CL_LATENCY_BUDGET_MS", &ok);
    return ok && ms > 0 ? ms : kStuckMs;
}
constexpr int kTickMs = 5;

std::atomic<qint64> g_lastTickNs{0};

void printStack(int)
{
    void *frames[48];
    const int n = backtrace(frames, 48);
    static const char header[] = "--- GUI thread stuck ---\n";
    (void)!write(STDERR_FILENO, header, sizeof header - 1);
    backtrace_symbols_fd(frames, n, STDERR_FILENO);
}

/// Ticks every kTickMs on the GUI thread and keeps the longest gap between two ticks.
class LoopWatch : public QObject
{
public:
    /// `traceMs` > 0: print the GUI thread's stack when it has been stuck that long.
    explicit LoopWatch(int traceMs) : m_trace(traceMs > 0), m_traceNs(qint64(traceMs) * 1'000'000)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(kTickMs);
        connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
        m_clock.start();
        if (m_trace) {
            std::signal(SIGUSR2, printStack);
            m_gui = pthread_self();
            m_watchdog = std::thread([this] { watch(); });
        }
    }
    ~LoopWatch() override
    {
        m_stop = true;
        if (m_watchdog.joinable())
            m_watchdog.join();
    }

    void start()
    {
        m_worstNs = 0;
        m_last = m_clock.nsecsElapsed();
        g_lastTickNs = m_last;
        m_timer.start();
    }
    /// The longest gap since start(), in ms.
    double stop()
    {
        tick();
        m_timer.stop();
        return m_worstNs / 1e6;
    }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        m_worstNs = qMax(m_worstNs, now - m_last);
        m_last = now;
        g_lastTickNs = now;
    }
    void watch()
    {
        qint64 reportedAt = 0; // a long stall is reported every 100 ms
        while (!m_stop) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            const qint64 now = m_clock.nsecsElapsed(), last = g_lastTickNs;
            if (m_timer.isActive() && now - last > m_traceNs &&
                now - qMax(reportedAt, last) > m_traceNs) {
                reportedAt = now;
                std::fprintf(stderr, "--- Qt's global pool: %d of %d threads busy ---\n",
                             QThreadPool::globalInstance()->activeThreadCount(),
                             QThreadPool::globalInstance()->maxThreadCount());
                pthread_kill(m_gui, SIGUSR2);
            }
        }
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_worstNs = 0;
    bool m_trace = false;
    qint64 m_traceNs = 0;
    pthread_t m_gui{};
    std::thread m_watchdog;
    std::atomic<bool> m_stop{false};
};

int copies()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("CL_LATENCY_COPIES", &ok);
    if (ok && n > 0)
        return n;
    return test::underAddressSanitizer() ? 10 : 100;
}

} // namespace

class TestGuiLatency : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<LoopWatch> m_watch;
    qint64 m_datasetId = -1;
    qint64 m_rows = 0;
    bool m_modelTabShown = false; // the Model tab loads its frame once: its case runs once

    /// Prints the figures; false when the stall passed failAtMs() (a sanitizer build, 2 to 5
    /// times slower per instruction, runs the same steps for its checks but asserts nothing).
    bool withinBudget(const char *what, double worstMs, qint64 tookMs)
    {
        qInfo("%s on %lld rows: took %lld ms, longest GUI-thread stall %.1f ms (goal %lld ms, "
              "fails at %lld ms)",
              what, m_rows, tookMs, worstMs, kGoalMs, failAtMs());
        if (worstMs > failAtMs() && !test::underAddressSanitizer()) {
            QTest::qFail(qPrintable(QStringLiteral("%1: the GUI thread stalled %2 ms")
                                        .arg(QLatin1String(what))
                                        .arg(worstMs, 0, 'f', 1)),
                         __FILE__, __LINE__);
            return false;
        }
        return true;
    }

    /// Runs `step` with the event loop watched until `done` (and 200 ms more: what follows a
    /// finished signal, such as a result drawn in several turns); false when it timed out or
    /// stalled the GUI thread beyond the budget (the test has then failed).
    bool watched(const char *what, const std::function<void()> &step,
                 const std::function<bool()> &done)
    {
        QElapsedTimer took;
        took.start();
        m_watch->start();
        step();
        const bool finished = QTest::qWaitFor(done, 300000);
        const qint64 tookMs = took.elapsed();
        QTest::qWait(200);
        const double worst = m_watch->stop();
        if (QTest::currentTestFailed())
            return false;
        if (!finished) {
            QTest::qFail(qPrintable(QStringLiteral("%1: not done after 300 s").arg(what)), __FILE__,
                         __LINE__);
            return false;
        }
        return withinBudget(what, worst, tookMs);
    }

    /// A test function run on its own (`tst_gui_latency NAME`) shows the window first.
    void showAlone()
    {
        if (m_window->isVisible())
            return;
        m_window->show();
        m_context->setCurrentDataset(m_datasetId);
    }

    /// One number from the dataset's silver table (`labels`: its view with labels), by SQL.
    double sqlValue(const QString &sql, bool labels = false)
    {
        const DatasetInfo info = *m_context->workspace().dataset(m_datasetId);
        Statement st(
            m_context->workspace().db(),
            sql.arg(Database::quoteIdentifier(labels ? info.silverView() : info.silverTable())));
        return st.step() ? st.columnDouble(0) : qQNaN();
    }

private Q_SLOTS:
    void initTestCase()
    {
        CL_REQUIRE_SHARED(source, "bank-additional-full.csv");
        QFile in(source);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray header = in.readLine();
        QByteArray body = in.readAll();
        if (!body.endsWith('\n'))
            body += "\r\n";
        const QString csv = m_dir.filePath(QStringLiteral("copies.csv"));
        QFile out(csv);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QVERIFY(out.write(header) == header.size());
        const int n = copies();
        for (int i = 0; i < n; ++i)
            QVERIFY(out.write(body) == body.size());
        out.close();

        // Imported by a connection of its own, as the app's import worker does; the window then
        // opens the workspace as the app opens one from its last session.
        const QString path = m_dir.filePath(QStringLiteral("latency.clw"));
        {
            Workspace ws;
            QVERIFY(ws.open(path));
            ImportOptions options;
            options.path = csv;
            const ImportResult r = CsvImporter(ws).run(options);
            QVERIFY2(r.ok(), qPrintable(r.error));
            m_datasetId = r.datasetId;
            m_rows = r.rowsRead;
        }
        QFile::remove(csv);
        m_context = std::make_unique<AppContext>();
        QVERIFY(m_context->openWorkspace(path));
        // Built as the app builds it before its event loop runs; shown by the first test.
        m_window = std::make_unique<MainWindow>(m_context.get());
        m_window->resize(1366, 768);
        m_watch = std::make_unique<LoopWatch>([] {
            const int ms = qEnvironmentVariableIntValue("CL_LATENCY_TRACE");
            return ms == 1 ? 40 : ms;
        }());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_context.reset();
    }

    void firstChartDoesNotBlock()
    {
        auto *segments = m_window->findChild<SegmentsView *>();
        QVERIFY(segments);
        // The window first, empty, as after a start with no dataset: its first layout and
        // paint (fonts, styles) is the same on any data. Then the dataset is opened.
        QVERIFY(m_window->showPanel(QStringLiteral("Segments")));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTest::qWait(300);
        QSignalSpy shown(segments, &SegmentsView::resultShown);
        watched(
            "dataset opened to first chart", [&] { m_context->setCurrentDataset(m_datasetId); },
            [&] { return shown.count() > 0; });
    }

    void segmentQueryDoesNotBlock()
    {
        auto *segments = m_window->findChild<SegmentsView *>();
        QSignalSpy shown(segments, &SegmentsView::resultShown);
        watched(
            "segment query (3 dimensions)",
            [&] {
                segments->setDimensions({QStringLiteral("job"), QStringLiteral("marital"),
                                         QStringLiteral("education")});
            },
            [&] { return shown.count() > 0; });
    }

    void modelTabAndFitDoNotBlock()
    {
        showAlone();
        auto *model = m_window->findChild<ModelView *>();
        QVERIFY(model);
        QSignalSpy ready(model, &ModelView::frameReady);
        m_modelTabShown = true;
        if (!watched(
                "Model tab until ready to fit",
                [&] { QVERIFY(m_window->showPanel(QStringLiteral("Model"))); },
                [&] { return ready.count() > 0; }))
            return;

        QSignalSpy done(model, &ModelView::fitCompleted);
        QSignalSpy failed(model, &ModelView::fitFailed);
        if (!watched(
                "fit, scores and result shown", [&] { QVERIFY(model->fit()); },
                [&] { return done.count() + failed.count() > 0; }))
            return;
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed[0][0].toString()));
    }

    // Issue 15: a Model tab opened where runs are stored (the next session) shows the newest
    // run as after its fit. Its runs are read, and the run rebuilt from its JSON, on the worker
    // that loads the frame; the GUI thread only draws the result.
    void issue15_modelTabOnAStoredRunDoesNotBlock()
    {
        showAlone();
        auto *fitted = m_window->findChild<ModelView *>();
        QVERIFY(fitted);
        // Run alone: the fit of the case above first. After that case failed, no fit stands.
        QVERIFY2(fitted->runId() > 0 || !m_modelTabShown, "the fit above did not complete");
        if (fitted->runId() < 0) {
            modelTabAndFitDoNotBlock();
            if (QTest::currentTestFailed())
                return;
        }
        const qint64 stored = fitted->runId();
        QVERIFY(stored > 0);
        ModelView next(m_context.get());
        next.resize(1366, 768);
        QSignalSpy ready(&next, &ModelView::frameReady);
        QSignalSpy shown(&next, &ModelView::runShown);
        if (!watched(
                "Model tab of the next session until its stored run is shown", [&] { next.show(); },
                [&] { return ready.count() > 0 && shown.count() > 0; }))
            return;
        QCOMPARE(next.runId(), stored);
        QCOMPARE(next.result()->report.heldOut.auc.auc, fitted->result()->report.heldOut.auc.auc);
        QCOMPARE(next.listedRuns().value(0), stored);
    }

    void dataTabSortAndFilterDoNotBlock()
    {
        showAlone();
        DataView *data = m_window->dataView();
        auto *model = qobject_cast<DatasetTableModel *>(data->tableView()->model());
        QVERIFY(model);
        if (!watched(
                "Data tab shown", [&] { QVERIFY(m_window->showPanel(QStringLiteral("Data"))); },
                [&] { return !model->isBusy() && model->rowCount() > 0; }))
            return;

        const int column = int(model->columnNames().indexOf(QStringLiteral("euribor3m")));
        QVERIFY(column >= 0);
        if (!watched(
                "sort by euribor3m, descending",
                [&] { data->tableView()->sortByColumn(column, Qt::DescendingOrder); },
                [&] { return !model->isBusy(); }))
            return;
        QCOMPARE(qint64(model->rowCount()), m_rows);
        QCOMPARE(model->index(0, column).data(Qt::EditRole).toDouble(),
                 sqlValue(QStringLiteral("SELECT max(euribor3m) FROM %1")));

        if (!watched(
                "filter job = student",
                [&] {
                    QVERIFY(data->showRowsWhere({QStringLiteral("job"), TableFilter::Op::Equals,
                                                 QStringLiteral("student")}));
                },
                [&] { return !model->isBusy(); }))
            return;
        QCOMPARE(double(model->rowCount()),
                 sqlValue(QStringLiteral("SELECT count(*) FROM %1 WHERE job = 'student'"), true));
    }

    void budgetIsNotCheckedUnderTheSanitizers()
    {
        if (test::underAddressSanitizer())
            QSKIP("sanitizer build: the steps above ran for their memory checks, and the stalls "
                  "were reported, not asserted");
    }
};

QTEST_MAIN(TestGuiLatency)
#include "tst_gui_latency.moc"
