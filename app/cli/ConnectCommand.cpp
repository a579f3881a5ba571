// `connect`: a table on PostgreSQL or ClickHouse registered as a live dataset; its segments on
// the engine.
#include "ConnectCommand.h"

#include "SegmentsCommand.h"
#include "store/LiveDatasets.h"
#include "warehouse/LiveDataset.h"
#include "warehouse/WarehouseConnection.h"

namespace cl::cli {

const char *const kConnectUsage =
    "  connect URL --table T | --query SQL [--name N] [--map COLUMN=ROLE]... [--age-bands "
    "A,B,...]\n"
    "          [--workspace PATH]\n"
    "           (--query: a read-only SELECT whose rows are the dataset, run as a subquery;\n"
    "           --age-bands: age_band's edges, as for import;\n"
    "           URL: postgresql://user@host:port/db as libpq takes it, the password from\n"
    "           PGPASSWORD, ~/.pgpass or a service file; or clickhouse://user@host:port/db,\n"
    "           clickhouses:// for HTTPS, the password from CLICKHOUSE_PASSWORD; never stored)\n";

namespace {

const QString kPrefix = QStringLiteral("campaignlens-cli connect: ");

} // namespace

int runConnect(Args args, Io &io)
{
    const auto workspace = args.take(QStringLiteral("--workspace"));
    const auto table = args.take(QStringLiteral("--table"));
    const auto query = args.take(QStringLiteral("--query"));
    LiveTableRequest request;
    request.name = args.take(QStringLiteral("--name")).value_or(QString());
    if (!takeRoleMaps(args, &request.roleOverrides, kPrefix, io))
        return 2;
    if (const auto bands = args.take(QStringLiteral("--age-bands"))) {
        request.ageBands = AgeBands(AgeBands::parseEdges(*bands));
        if (!request.ageBands.ok()) {
            io.err << kPrefix << "--age-bands wants ascending ages, e.g. 25,35,45,55,65"
                   << Qt::endl;
            return 2;
        }
    }
    const QStringList rest = args.rest();
    if (rest.size() != 1 || rest.front().startsWith(QLatin1String("--")) ||
        bool(table) == bool(query) || (query && query->trimmed().isEmpty())) {
        io.err << kPrefix
               << "usage: connect URL --table T | --query SQL [--name N] [--map COLUMN=ROLE]... "
                  "[--age-bands 25,35,...]"
               << Qt::endl;
        return 2;
    }
    const QString url = rest.front();
    if (!isWarehouseUrl(url)) {
        io.err << kPrefix
               << "write the URL as postgresql://... (or libpq's key=value settings), "
                  "clickhouse://... or clickhouses://..."
               << Qt::endl;
        return 2;
    }
    if (query) {
        // A read-only SELECT: run as a subquery in the read-only session, so its rows are the
        // dataset.
        request.query = subquerySelect(*query);
        request.table = request.name.isEmpty() ? kUnnamedQuery : request.name;
    } else {
        request.table = *table;
    }
    bool hadPassword = false;
    const QString storedUrl = urlWithoutPassword(url, &hadPassword);
    if (hadPassword)
        io.err << "warning: the password in the URL is used for this connection but not stored; "
                  "give it through PGPASSWORD, ~/.pgpass or a service file (PostgreSQL) or "
                  "CLICKHOUSE_PASSWORD (ClickHouse)"
               << Qt::endl;
    Workspace ws;
    if (!openWorkspace(ws, workspace, io, WorkspaceAccess::CreateIfMissing))
        return 1;
    QString error;
    const auto conn = openWarehouse(url, &error);
    if (!conn) {
        io.err << kPrefix << terminalSafe(error) << Qt::endl;
        return 1;
    }
    LiveTableDescription d = LiveDataset::describe(*conn, request);
    if (!d.ok) {
        io.err << kPrefix << terminalSafe(d.error) << Qt::endl;
        return 1;
    }
    for (const QString &w : d.warnings)
        io.err << "warning: " << terminalSafe(w) << Qt::endl;
    d.info.url = storedUrl;
    if (!LiveDatasets::insert(ws, &d.info, &error)) {
        io.err << kPrefix << terminalSafe(error) << Qt::endl;
        return 1;
    }
    const LiveDatasetInfo &info = d.info;
    io.out << "Connected dataset " << info.id << " '" << terminalSafe(info.name, LineBreaks::Escape)
           << "': live " << conn->engine() << (info.query.isEmpty() ? " table " : " query ")
           << terminalSafe(conn->quoteIdentifier(info.table), LineBreaks::Escape) << ", "
           << info.rows << " rows, " << info.subscribers << " subscribers\n";
    QStringList roles;
    for (const LiveColumn &c : info.columns) {
        if (!c.role.isEmpty() && c.role != c.source)
            roles << QStringLiteral("%1 -> %2").arg(c.source, c.role);
    }
    if (!roles.isEmpty())
        io.out << "roles: " << terminalSafe(roles.join(QStringLiteral(", ")), LineBreaks::Escape)
               << "\n";
    io.out.flush();
    return 0;
}

int runLiveSegments(const LiveDatasetInfo &info, const SegmentQuery &query, const QString &format,
                    int top, Io &io)
{
    const QString prefix = QStringLiteral("campaignlens-cli segments: ");
    QString error;
    const auto conn = openWarehouse(info.url, &error);
    if (!conn) {
        io.err << prefix << terminalSafe(error) << Qt::endl;
        return 1;
    }
    const LiveSegments live = LiveDataset::segments(*conn, info, query);
    if (!live.result.ok) {
        io.err << prefix << terminalSafe(live.result.error) << Qt::endl;
        return 1;
    }
    if (!live.changed.isEmpty())
        io.err << "warning: " << terminalSafe(live.changed) << Qt::endl;
    return printSegments(live.result, format, top, io);
}

std::optional<LiveDatasetInfo> chosenLiveDataset(Workspace &ws,
                                                 const std::optional<QString> &datasetText)
{
    qint64 liveId = datasetText ? datasetText->toLongLong() : 0;
    if (!datasetText) {
        const auto live = LiveDatasets::list(ws);
        const auto local = ws.latestDataset();
        if (!live.isEmpty() && (!local || local->id < live.back().id))
            liveId = live.back().id;
    }
    return liveId > 0 ? LiveDatasets::find(ws, liveId) : std::nullopt;
}

std::optional<int> printLiveDataset(Workspace &ws, qint64 id, Io &io)
{
    const auto d = LiveDatasets::find(ws, id);
    if (!d)
        return std::nullopt;
    QStringList categorical;
    for (const LiveColumn &c : d->columns) {
        if (c.categorical)
            categorical << c.name;
    }
    io.out << terminalSafe(d->name, LineBreaks::Escape) << " [live]\n"
           << "engine: " << d->engine << ", table " << terminalSafe(d->table, LineBreaks::Escape)
           << "\n"
           << "connection: " << terminalSafe(d->url, LineBreaks::Escape) << "\n"
           << "connected: " << d->connectedAt.toString(Qt::ISODate) << " (" << d->rows << " rows, "
           << d->subscribers << " subscribers, fingerprint " << d->fingerprint << ")\n"
           << "segments by: "
           << terminalSafe(categorical.join(QStringLiteral(", ")), LineBreaks::Escape) << "\n";
    io.out.flush();
    // The quality figures as the import gives them, counted on the engine now.
    const QString prefix = QStringLiteral("campaignlens-cli info: ");
    QString error;
    const auto conn = openWarehouse(d->url, &error);
    if (!conn) {
        io.err << prefix << terminalSafe(error) << Qt::endl;
        return 1;
    }
    const LiveQuality q = LiveDataset::quality(*conn, *d, terminalProgress(io));
    if (!q.changed.isEmpty())
        io.err << "warning: " << terminalSafe(q.changed) << Qt::endl;
    if (!q.ok) {
        io.err << prefix << terminalSafe(q.error) << Qt::endl;
        return 1;
    }
    io.out << "quality (counted on the engine now, " << q.queries << " queries, " << q.bytes
           << " bytes; the rows stayed there):\n"
           << terminalSafe(q.summary.toText());
    io.out.flush();
    return 0;
}

void printLiveDatasets(Workspace &ws, Io &io)
{
    const QList<LiveDatasetInfo> all = LiveDatasets::list(ws);
    if (all.isEmpty())
        return;
    io.out << "Live datasets (counted on their engine):\n";
    for (const LiveDatasetInfo &d : all) {
        io.out << QStringLiteral("%1  %2 %3 %4  [live %5: %6 %7]\n")
                      .arg(d.id, 3)
                      .arg(terminalSafe(d.name, LineBreaks::Escape).left(40), -40)
                      .arg(d.rows, 9)
                      .arg(d.subscribers, 8)
                      .arg(d.engine,
                           d.query.isEmpty() ? QStringLiteral("table") : QStringLiteral("query"),
                           terminalSafe(d.table, LineBreaks::Escape));
    }
}

} // namespace cl::cli
