// Data view benchmark: TableQuery::setQuery (the row order of a sort or filter) from the columnar
// copy beside the SQL query on the silver table it replaces, same workspace, same run.
#include "store/DatasetInfo.h"
#include "store/TableQuery.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

struct Case
{
    QString what;
    cl::TableFilter filter;
    cl::TableSort sort;
};

/// A field of /proc/self/status in KB ("VmHWM"); -1 where there is none.
qint64 statusKb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(QByteArray(field) + ':'))
            return line.mid(qsizetype(qstrlen(field)) + 1)
                .trimmed()
                .split(' ')
                .value(0)
                .toLongLong();
    return -1;
}

/// Starts VmHWM afresh from the current resident size (Linux), after handing the memory that
/// earlier runs freed back to the system (else a run reuses it and seems to need none).
void resetPeak()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
    QFile refs(QStringLiteral("/proc/self/clear_refs"));
    if (refs.open(QIODevice::WriteOnly))
        refs.write("5");
}

/// Reads the whole file once, so that both paths start from a warm page cache.
void warmPageCache(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return;
    QByteArray block(1 << 20, Qt::Uninitialized);
    while (f.read(block.data(), block.size()) > 0) {
    }
}

struct Timed
{
    double seconds = 1e300; ///< best of the runs
    qint64 rows = -1;
    qint64 peakKb = -1; ///< VmHWM above the resident size before the run (largest of the runs)
    cl::TableQuery::RowSource source = cl::TableQuery::RowSource::FileOrder;
    QString reason;
    std::vector<qint64> ids;
    QString error;
};

Timed run(cl::Workspace &ws, const cl::DatasetInfo &info, const Case &c,
          cl::TableQuery::Planner planner, int repeats)
{
    Timed t;
    for (int i = 0; i < repeats; ++i) {
        cl::TableQuery q(ws.db(), info);
        q.setPlanner(planner);
        resetPeak();
        const qint64 before = statusKb("VmRSS");
        QElapsedTimer timer;
        timer.start();
        if (!q.setQuery(c.filter, c.sort, &t.error))
            return t;
        t.seconds = std::min(t.seconds, double(timer.nsecsElapsed()) / 1e9);
        t.peakKb = std::max(t.peakKb, statusKb("VmHWM") - before);
        t.rows = q.rowCount();
        t.source = q.rowSource();
        t.reason = q.copyUnusedReason();
        if (i == 0)
            t.ids = q.rowIds(0, q.rowCount());
    }
    return t;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments().mid(1);
    const QString source = args.value(0, QStringLiteral("/tmp/scale/w100.clw"));
    if (!QFileInfo::exists(source)) {
        out << "bench_tablequery: " << source
            << " not found (a workspace with the x100 import: campaignlens-cli import; pass "
               "its path): skipped\n";
        return 0;
    }
    // The workspace is opened read-write (a schema upgrade would write), so on a copy.
    const QString work = QDir::tempPath() + QStringLiteral("/campaignlens-bench-tablequery");
    QDir().mkpath(work);
    const QString path = work + QStringLiteral("/workspace.clw");
    if (QFileInfo(path).size() != QFileInfo(source).size()) {
        out << "Copying " << source << " to " << path << " ..." << Qt::endl;
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        if (!QFile::copy(source, path)) {
            out << "cannot copy to " << path << "\n";
            return 1;
        }
    }
    cl::Workspace ws;
    QString error;
    if (!ws.open(path, &error)) {
        out << "cannot open " << path << ": " << error << "\n";
        return 1;
    }
    const QList<cl::DatasetInfo> datasets = ws.datasets();
    if (datasets.isEmpty()) {
        out << path << " holds no dataset\n";
        return 1;
    }
    const cl::DatasetInfo info = datasets.first();
    warmPageCache(path);
    const int sqlRepeats = std::max(1, qEnvironmentVariableIntValue("CL_BENCH_REPEATS"));
    const int copyRepeats = 5;

    using Op = cl::TableFilter::Op;
    const std::vector<Case> cases = {
        {QStringLiteral("sort age (integer) ascending"), {}, {QStringLiteral("age"), false}},
        {QStringLiteral("sort euribor3m (real) descending"),
         {},
         {QStringLiteral("euribor3m"), true}},
        {QStringLiteral("sort duration (integer) descending"),
         {},
         {QStringLiteral("duration"), true}},
        {QStringLiteral("sort job (categorical) ascending"), {}, {QStringLiteral("job"), false}},
        {QStringLiteral("sort education (categorical) descending"),
         {},
         {QStringLiteral("education"), true}},
        {QStringLiteral("job contains 'COLLAR'"),
         {QStringLiteral("job"), Op::Contains, QStringLiteral("COLLAR")},
         {}},
        {QStringLiteral("job equals 'admin.'"),
         {QStringLiteral("job"), Op::Equals, QStringLiteral("admin.")},
         {}},
        {QStringLiteral("cons_price_idx contains '93.9'"),
         {QStringLiteral("cons_price_idx"), Op::Contains, QStringLiteral("93.9")},
         {}},
        {QStringLiteral("nr_employed contains '.1'"),
         {QStringLiteral("nr_employed"), Op::Contains, QStringLiteral(".1")},
         {}},
        {QStringLiteral("age equals '40'"),
         {QStringLiteral("age"), Op::Equals, QStringLiteral("40")},
         {}},
        {QStringLiteral("job contains 'tech', sort duration desc"),
         {QStringLiteral("job"), Op::Contains, QStringLiteral("tech")},
         {QStringLiteral("duration"), true}},
    };

    out << "\nTableQuery::setQuery on " << source << " (dataset " << info.id << ", "
        << info.rowsRead << " rows), a copy in " << work << "\n"
        << "  SQL: Planner::SqlOnly (the query on the silver table), best of " << sqlRepeats
        << " (CL_BENCH_REPEATS)\n"
        << "  copy: Planner::Auto (the columnar copy), best of " << copyRepeats << "\n"
        << "  page cache warm (the file is read once first); peak: VmHWM above the resident "
           "size before setQuery, largest of the runs (the row ids themselves, 8 bytes a row, "
           "are in both)\n\n";
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7  %8\n")
               .arg(QStringLiteral("case"), -44)
               .arg(QStringLiteral("rows"), 9)
               .arg(QStringLiteral("SQL s"), 8)
               .arg(QStringLiteral("copy s"), 8)
               .arg(QStringLiteral("ratio"), 7)
               .arg(QStringLiteral("SQL MB"), 7)
               .arg(QStringLiteral("copy MB"), 7)
               .arg(QStringLiteral("same order"));
    out.flush();
    int failures = 0;
    for (const Case &c : cases) {
        const Timed sql = run(ws, info, c, cl::TableQuery::Planner::SqlOnly, sqlRepeats);
        const Timed copy = run(ws, info, c, cl::TableQuery::Planner::Auto, copyRepeats);
        if (!sql.error.isEmpty() || !copy.error.isEmpty()) {
            out << c.what << ": " << sql.error << copy.error << "\n";
            ++failures;
            continue;
        }
        const bool same = sql.rows == copy.rows && sql.ids == copy.ids;
        const bool fromCopy = copy.source == cl::TableQuery::RowSource::ColumnCopy;
        failures += same ? 0 : 1;
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7  %8\n")
                   .arg(c.what, -44)
                   .arg(copy.rows, 9)
                   .arg(sql.seconds, 8, 'f', 3)
                   .arg(copy.seconds, 8, 'f', 3)
                   .arg(QStringLiteral("%1x").arg(sql.seconds / copy.seconds, 0, 'f', 1), 7)
                   .arg(double(sql.peakKb) / 1024, 7, 'f', 0)
                   .arg(double(copy.peakKb) / 1024, 7, 'f', 0)
                   .arg(same ? QStringLiteral("yes") : QStringLiteral("NO"));
        if (!fromCopy)
            out << "    (the copy was not used: " << copy.reason << ")\n";
        out.flush();
    }
    return failures ? 1 : 0;
}
