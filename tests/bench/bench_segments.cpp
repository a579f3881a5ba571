// Segment benchmark: SegmentEngine against the sqlite3 CLI's GROUP BY for the same 3-column
// segmentation (age_band x job x marital), same run, at x1 and x100 (4.1M rows, made in /tmp).
#include "BenchSupport.h"

#include "data/DataFrame.h"
#include "import/CsvImporter.h"
#include "segments/SegmentEngine.h"
#include "store/FrameLoader.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <map>
#include <vector>

namespace {

const QStringList kBy = {QStringLiteral("age_band"), QStringLiteral("job"),
                         QStringLiteral("marital")};

double seconds(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Prepared
{
    cl::Workspace ws;
    cl::DatasetInfo info;
    double importSeconds = -1; ///< -1: reused from an earlier run
};

bool prepare(const QString &csv, const QString &dbPath, Prepared *p, QTextStream &out)
{
    QString error;
    if (!p->ws.open(dbPath, &error)) {
        out << "cannot open " << dbPath << ": " << error << "\n";
        return false;
    }
    cl::ImportOptions options;
    options.path = csv;
    options.reuseExisting = true;
    QElapsedTimer t;
    t.start();
    const cl::ImportResult r = cl::CsvImporter(p->ws).run(options);
    if (!r.ok()) {
        out << "import of " << csv << " failed: " << r.error << "\n";
        return false;
    }
    if (r.status == cl::ImportStatus::Imported)
        p->importSeconds = seconds(t);
    p->info = *p->ws.dataset(r.datasetId);
    return true;
}

using Counts = std::map<QStringList, std::pair<qint64, qint64>>;

Counts countsOf(const cl::SegmentResult &r)
{
    Counts c;
    for (const auto &row : r.rows)
        c[row.labels] = {row.clients, row.subscribers};
    return c;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QString input = cl::bench::referenceFile();
    if (input.isEmpty()) {
        out << "bench_segments: bank-additional-full.csv not found (../shared/data or "
               "$CL_BENCH_INPUT): skipped\n";
        return 0;
    }
    const QString sqlite = QStringLiteral("/usr/bin/sqlite3");
    const QString work = QDir::tempPath() + QStringLiteral("/campaignlens-bench-segments");
    QDir().mkpath(work);
    const QString x100 = work + QStringLiteral("/bank-additional-full-x100.csv");
    out << "Preparing " << x100 << " ..." << Qt::endl;
    if (!cl::bench::makeScaledCopy(input, 100, x100)) {
        out << "cannot write " << x100 << "\n";
        return 1;
    }
    const int engineRepeats = 11;
    const int sqliteRepeats = qEnvironmentVariableIntValue("CL_BENCH_REPEATS") > 0
                                  ? qEnvironmentVariableIntValue("CL_BENCH_REPEATS")
                                  : 1;

    out << "\nSegmentation age_band x job x marital on bank-additional-full.csv\n"
        << "  engine: SegmentEngine::run on the DataFrame (counting, Wilson, ML prior, "
           "ranking), median of "
        << engineRepeats << " runs; 1 thread and all " << QThread::idealThreadCount()
        << " threads\n"
        << "  sqlite3: " << sqlite
        << " WS \"SELECT age_band, job, marital, COUNT(*), SUM(y) FROM <table> GROUP BY 1, 2, "
           "3\", best of "
        << sqliteRepeats << " run(s) (CL_BENCH_REPEATS), process start included\n"
        << "  load: loadFrame (silver table -> DataFrame), once per process\n\n";

    Counts countsX1;
    for (const auto &[label, csv] :
         {std::pair{QStringLiteral("x1"), input}, std::pair{QStringLiteral("x100"), x100}}) {
        Prepared p;
        const QString db = work + QStringLiteral("/%1.sqlite").arg(label);
        out << label << ": importing into " << db << " (reused when already there) ..." << Qt::endl;
        if (!prepare(csv, db, &p, out))
            return 1;
        QElapsedTimer t;
        t.start();
        QString error;
        const auto frame = cl::loadFrame(p.ws, p.info.id, &error);
        const double loadSeconds = seconds(t);
        if (!frame) {
            out << "loadFrame failed: " << error << "\n";
            return 1;
        }
        cl::SegmentQuery q;
        q.by = kBy;
        const cl::SegmentEngine engine(*frame);
        std::vector<double> one, all;
        cl::SegmentResult result;
        for (int i = 0; i < engineRepeats; ++i) {
            q.threads = 1;
            one.push_back(engine.run(q).seconds);
            q.threads = 0;
            result = engine.run(q);
            all.push_back(result.seconds);
        }
        // x100 repeats every row 100 times: each segment must count exactly 100 times x1.
        bool consistent = true;
        const Counts counts = countsOf(result);
        if (label == QLatin1String("x1")) {
            countsX1 = counts;
        } else {
            consistent = counts.size() == countsX1.size();
            for (const auto &[labels, c] : countsX1) {
                const auto it = counts.find(labels);
                consistent = consistent && it != counts.end() &&
                             it->second.first == 100 * c.first &&
                             it->second.second == 100 * c.second;
            }
        }

        double sqliteTable = 1e300, sqliteView = 1e300;
        for (int i = 0; i < sqliteRepeats; ++i) {
            for (const auto &[table, best] : {std::pair{p.info.silverTable(), &sqliteTable},
                                              std::pair{p.info.silverView(), &sqliteView}}) {
                const QString sql =
                    QStringLiteral("SELECT age_band, job, marital, COUNT(*), SUM(y) FROM %1 "
                                   "GROUP BY 1, 2, 3;")
                        .arg(table);
                const cl::bench::ProcessRun run =
                    cl::bench::runProcess(sqlite, {QStringLiteral("-readonly"), db, sql});
                if (run.exitCode != 0) {
                    out << "sqlite3 failed (exit " << run.exitCode << ") on " << sql << "\n";
                    return 1;
                }
                *best = std::min(*best, run.seconds);
            }
        }
        const double engineAll = median(all), engineOne = median(one);
        out << "\n"
            << label << ": " << frame->rowCount() << " rows, " << result.segmentsCompared
            << " segments"
            << (label == QLatin1String("x100")
                    ? (consistent ? ", = 100 x x1 counts" : ", COUNTS DIFFER")
                    : "")
            << "\n";
        if (p.importSeconds >= 0)
            out << QStringLiteral("  import (CsvImporter, this run)   %1 s\n")
                       .arg(p.importSeconds, 0, 'f', 2);
        out << QStringLiteral("  load DataFrame (loadFrame)       %1 s\n")
                   .arg(loadSeconds, 0, 'f', 3);
        out << QStringLiteral("  engine, %1 threads              %2 ms\n")
                   .arg(QThread::idealThreadCount())
                   .arg(engineAll * 1e3, 0, 'f', 2);
        out << QStringLiteral("  engine, 1 thread                %1 ms\n")
                   .arg(engineOne * 1e3, 0, 'f', 2);
        out << QStringLiteral(
                   "  sqlite3 GROUP BY silver table   %1 ms   ratio sqlite3/engine %2x\n")
                   .arg(sqliteTable * 1e3, 0, 'f', 1)
                   .arg(sqliteTable / engineAll, 0, 'f', 0);
        out << QStringLiteral(
                   "  sqlite3 GROUP BY labelled view  %1 ms   ratio sqlite3/engine %2x\n")
                   .arg(sqliteView * 1e3, 0, 'f', 1)
                   .arg(sqliteView / engineAll, 0, 'f', 0);
        out << QStringLiteral("  load + engine (cold, once)      %1 ms   ratio sqlite3 "
                              "table/(load+engine) %2x\n")
                   .arg((loadSeconds + engineAll) * 1e3, 0, 'f', 1)
                   .arg(sqliteTable / (loadSeconds + engineAll), 0, 'f', 2);
        out.flush();
        if (!consistent)
            return 1;
    }
    out << "\n(goal: x100 engine <= 100 ms; the frame is loaded once per dataset and reused by "
           "every segmentation)\n";
    return 0;
}
