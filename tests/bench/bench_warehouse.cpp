// Warehouse benchmark (issue 14): x10 (and, with --x100, x100) copies of bank-additional-full
// loaded into a PostgreSQL 15 and into a 2-shard ClickHouse cluster, both started here; for
// segments (3 dimensions) and the full fit, our push-down beside the naive peer in the same run
// (every row pulled over the same connection into a local dataset, then analysed): wall time,
// bytes moved, full passes over the table and the app's peak RSS, with the goals.
//
//   build/tests/bench_warehouse [--x100] [--engines postgresql,clickhouse] [--no-fit]
#include "BenchSupport.h"
#include "store/LiveDatasets.h"
#include "store/Workspace.h"
#include "support/BankColumns.h"
#include "support/ChTestServer.h"
#include "support/PgTestServer.h"
#include "warehouse/LiveDataset.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <cmath>
#include <functional>

using cl::bench::ProcessRun;

namespace {

const QString kCli = QStringLiteral(CL_CLI_PATH);
bool g_fit = true; ///< false with --no-fit: segments only (the fit at x100 takes long here)
QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

/// One measured step.
struct Step
{
    QString engine, what;
    ProcessRun ours;
    qint64 ourBytes = -1;
    int ourPasses = 0;
    double peerSeconds = NAN; ///< pull (shared by every step) + the local analysis
    qint64 peerBytes = -1;
    QString goal;
};

ProcessRun cli(const QStringList &args, const QString &stdoutFile = {})
{
    return cl::bench::runProcess(kCli, args, {}, stdoutFile);
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                       : QJsonObject();
}

/// Our segments' bytes: the same query in this process, counted by the connection.
qint64 segmentBytes(const QString &workspace)
{
    cl::Workspace ws;
    if (!ws.open(workspace))
        return -1;
    const auto info = cl::LiveDatasets::find(ws, 1);
    QString error;
    const auto conn = info ? cl::openWarehouse(info->url, &error) : nullptr;
    if (!conn)
        return -1;
    cl::SegmentQuery q;
    q.by =
        QStringList{QStringLiteral("age_band"), QStringLiteral("job"), QStringLiteral("marital")};
    const cl::LiveSegments s = cl::LiveDataset::segments(*conn, *info, q);
    return s.result.ok ? s.bytes : -1;
}

/// Connects the table at `url`, then segments and model on the engine; then the peer: `pull`
/// (which fills `peerWorkspace` with every row and says how many bytes came) and the same two
/// commands on the local copy.
void runEngine(const QString &engine, const QString &url, const QString &dir,
               const std::function<ProcessRun(const QString &, qint64 *)> &pull,
               const QString &segmentsGoal, const QString &fitGoal, std::vector<Step> &steps)
{
    const QString ws = dir + QStringLiteral("/live.campaignlens");
    const ProcessRun connect = cli({QStringLiteral("connect"), url, QStringLiteral("--table"),
                                    QStringLiteral("bank"), QStringLiteral("--workspace"), ws});
    out() << engine << ": connect " << connect.seconds << " s (exit " << connect.exitCode << ")\n";
    out().flush();
    const QStringList by{QStringLiteral("--by"), QStringLiteral("age_band,job,marital")};
    Step seg;
    seg.engine = engine;
    seg.what = QStringLiteral("segments, 3 dimensions");
    seg.ours = cli(QStringList{QStringLiteral("segments")} + by +
                   QStringList{QStringLiteral("--workspace"), ws});
    seg.ourBytes = segmentBytes(ws);
    seg.ourPasses = 2; // the fingerprint and the GROUP BY
    seg.goal = segmentsGoal;
    // `model --split SPLIT` on the live dataset, with the engine's figures from its JSON.
    const auto modelStep = [&](const QString &split, const QString &what) {
        Step step;
        step.ours.exitCode = -2;
        step.engine = engine;
        step.what = what;
        step.goal = fitGoal;
        const QString json = dir + QStringLiteral("/model-%1.json").arg(split);
        if (g_fit)
            step.ours = cli({QStringLiteral("model"), QStringLiteral("--split"), split,
                             QStringLiteral("--format"), QStringLiteral("json"),
                             QStringLiteral("--workspace"), ws},
                            json);
        const QJsonObject fitted = readJson(json);
        step.ourBytes = qint64(fitted.value(QStringLiteral("engine_result_bytes")).toDouble(-1));
        step.ourPasses = fitted.value(QStringLiteral("engine_queries")).toInt();
        return step;
    };
    Step fit =
        modelStep(QStringLiteral("none"), QStringLiteral("model and its evaluation, every row"));
    // The default on a live dataset: 20% held out by row hash, evaluated on those rows.
    Step held =
        modelStep(QStringLiteral("hash"), QStringLiteral("model, 20% held out by row hash"));

    const QString local = dir + QStringLiteral("/pulled.campaignlens");
    qint64 pulledBytes = -1;
    const ProcessRun pulled = pull(local, &pulledBytes);
    out() << engine << ": the peer pulled every row in " << pulled.seconds << " s (exit "
          << pulled.exitCode << ", " << pulledBytes << " bytes)\n";
    out().flush();
    const ProcessRun peerSeg = cli(QStringList{QStringLiteral("segments")} + by +
                                   QStringList{QStringLiteral("--workspace"), local});
    const ProcessRun peerFit =
        g_fit ? cli({QStringLiteral("model"), QStringLiteral("--split"), QStringLiteral("none"),
                     QStringLiteral("--workspace"), local})
              : ProcessRun{};
    if (pulled.exitCode == 0 && peerSeg.exitCode == 0)
        seg.peerSeconds = pulled.seconds + peerSeg.seconds;
    const ProcessRun peerHeld =
        g_fit ? cli({QStringLiteral("model"), QStringLiteral("--split"), QStringLiteral("hash"),
                     QStringLiteral("--workspace"), local})
              : ProcessRun{};
    if (pulled.exitCode == 0 && peerFit.exitCode == 0)
        fit.peerSeconds = pulled.seconds + peerFit.seconds;
    if (pulled.exitCode == 0 && peerHeld.exitCode == 0)
        held.peerSeconds = pulled.seconds + peerHeld.seconds;
    seg.peerBytes = fit.peerBytes = held.peerBytes = pulledBytes;
    steps.push_back(seg);
    if (g_fit) {
        steps.push_back(fit);
        steps.push_back(held);
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int times = args.contains(QStringLiteral("--x100")) ? 100 : 10;
    g_fit = !args.contains(QStringLiteral("--no-fit"));
    QStringList engines{QStringLiteral("postgresql"), QStringLiteral("clickhouse")};
    if (const qsizetype i = args.indexOf(QStringLiteral("--engines")); i > 0 && i + 1 < args.size())
        engines = args[i + 1].split(QLatin1Char(','));
    const QString reference = cl::bench::referenceFile();
    if (reference.isEmpty()) {
        out() << "bank-additional-full.csv not found (../shared/data or $CL_BENCH_INPUT)\n";
        return 1;
    }
    QTemporaryDir work;
    const QString csv = work.filePath(QStringLiteral("bank-x%1.csv").arg(times));
    if (!cl::bench::makeScaledCopy(reference, times, csv)) {
        out() << "cannot write " << csv << "\n";
        return 1;
    }
    QFile file(csv);
    file.open(QIODevice::ReadOnly);
    const QByteArray header = file.readLine();
    file.close();
    out() << "bench_warehouse: x" << times << " (" << QFileInfo(csv).size() << " bytes of CSV); "
          << "the app and every server on this machine (" << QThread::idealThreadCount()
          << " cores)\n";
    std::vector<Step> steps;

    if (engines.contains(QStringLiteral("postgresql"))) {
        cl::test::PgTestServer pg;
        if (!pg.start()) {
            out() << "PostgreSQL: " << pg.error() << "\n";
        } else {
            auto quote = [](const QString &n) { return QLatin1Char('"') + n + QLatin1Char('"'); };
            pg.psql(QStringLiteral("CREATE TABLE bank (%1)")
                        .arg(cl::test::bankColumns(header, quote, QStringLiteral("integer"),
                                                   QStringLiteral("double precision"),
                                                   QStringLiteral("text"))));
            QElapsedTimer load;
            load.start();
            const bool loaded = pg.psql(QStringLiteral("\\copy bank FROM '%1' WITH (FORMAT csv, "
                                                       "DELIMITER ';', HEADER true)")
                                            .arg(csv));
            pg.psql(QStringLiteral("VACUUM ANALYZE bank"));
            out() << "PostgreSQL: loaded " << (loaded ? "" : "NOT ") << "in "
                  << load.elapsed() / 1000.0 << " s\n";
            const QString dir = work.filePath(QStringLiteral("pg"));
            QDir().mkpath(dir);
            // The table's text as the snapshot's cursor reads it: every field and its length.
            QString text;
            pg.psql(QStringLiteral("COPY (SELECT sum(octet_length(b::text)) + 4 * 21 * count(*) "
                                   "FROM bank AS b) TO STDOUT"),
                    {}, &text);
            const qint64 tableBytes = text.trimmed().toLongLong();
            runEngine(
                QStringLiteral("PostgreSQL"), pg.url(), dir,
                [&](const QString &local, qint64 *bytes) {
                    *bytes = tableBytes;
                    return cli({QStringLiteral("import"), QStringLiteral("--from"), pg.url(),
                                QStringLiteral("--table"), QStringLiteral("bank"),
                                QStringLiteral("--workspace"), local});
                },
                QStringLiteral("bytes/pass <= 5 MB, 100x fewer than the peer, RSS <= 200 MB"),
                QStringLiteral("bytes/pass <= 5 MB, 100x fewer than the peer, RSS <= 200 MB"),
                steps);
        }
    }
    if (engines.contains(QStringLiteral("clickhouse"))) {
        cl::test::ChTestServer ch;
        if (!ch.start()) {
            out() << "ClickHouse: " << ch.error() << "\n";
        } else {
            // Every other row to each shard.
            QElapsedTimer load;
            load.start();
            qint64 n = 0;
            const bool loaded =
                ch.createSharded(QStringLiteral("bank"), QStringLiteral("bank_local"),
                                 cl::test::clickHouseBankColumns(header)) &&
                ch.loadCsv(csv, QStringLiteral("bank_local"), &n);
            if (!loaded)
                out() << "ClickHouse: " << ch.error() << "\n";
            out() << "ClickHouse: loaded " << (loaded ? "" : "NOT ") << n << " rows in "
                  << load.elapsed() / 1000.0 << " s\n";
            const QString dir = work.filePath(QStringLiteral("ch"));
            QDir().mkpath(dir);
            runEngine(
                QStringLiteral("ClickHouse"), ch.url(), dir,
                [&](const QString &local, qint64 *bytes) {
                    // Every row over the same HTTP interface, then the CSV import.
                    const QString pulled = dir + QStringLiteral("/pulled.csv");
                    const ProcessRun get = cl::bench::runProcess(
                        QStringLiteral("/usr/bin/curl"),
                        {QStringLiteral("-sf"), QStringLiteral("--data-binary"),
                         QStringLiteral("SELECT * FROM bank FORMAT CSVWithNames"), ch.httpUrl(0)},
                        {}, pulled);
                    *bytes = QFileInfo(pulled).size();
                    ProcessRun import = cli(
                        {QStringLiteral("import"), pulled, QStringLiteral("--workspace"), local});
                    import.seconds += get.seconds;
                    import.peakRssKb = std::max(import.peakRssKb, get.peakRssKb);
                    if (get.exitCode != 0)
                        import.exitCode = get.exitCode;
                    return import;
                },
                times == 100 ? QStringLiteral("<= 1 s; bytes/pass <= 5 MB, 100x fewer; RSS <= "
                                              "200 MB")
                             : QStringLiteral("bytes/pass <= 5 MB, 100x fewer; RSS <= 200 MB"),
                times == 100 ? QStringLiteral("<= 30 s; bytes/pass <= 5 MB, 100x fewer; RSS <= "
                                              "200 MB")
                             : QStringLiteral("bytes/pass <= 5 MB, 100x fewer; RSS <= 200 MB"),
                steps);
        }
    }

    out() << "\n| engine | step | ours: s | ours: RSS MB | ours: bytes | passes | bytes/pass | "
             "peer: s | peer: bytes | fewer bytes | goal |\n| --- | --- | --- | --- | --- | --- "
             "| --- | --- | --- | --- | --- |\n";
    for (const Step &s : steps) {
        const double perPass = s.ourPasses > 0 ? double(s.ourBytes) / s.ourPasses : NAN;
        out() << "| " << s.engine << " | " << s.what << " | "
              << (s.ours.exitCode == 0 ? QString::number(s.ours.seconds, 'f', 2)
                                       : QStringLiteral("failed"))
              << " | " << s.ours.peakRssKb / 1024 << " | " << s.ourBytes << " | " << s.ourPasses
              << " | " << QString::number(perPass, 'f', 0) << " | "
              << (std::isnan(s.peerSeconds) ? QStringLiteral("failed")
                                            : QString::number(s.peerSeconds, 'f', 2))
              << " | " << s.peerBytes << " | "
              << (s.ourBytes > 0
                      ? QString::number(double(s.peerBytes) / double(s.ourBytes), 'f', 0) +
                            QLatin1Char('x')
                      : QStringLiteral("-"))
              << " | " << s.goal << " |\n";
    }
    out() << "\nours: the whole campaignlens-cli command (its wall time and peak RSS); bytes: the "
             "engine's answers (ClickHouse's HTTP bodies, PostgreSQL's field texts with their "
             "lengths). peer: every row pulled over the same connection into a local dataset "
             "(PostgreSQL: import --from; ClickHouse: SELECT * as CSV, then import), then the "
             "same command on it; its bytes are the table's.\n";
    return 0;
}
