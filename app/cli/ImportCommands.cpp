// CLI import, demo and info: option parsing and printing around the core importer.
#include "ImportCommands.h"

#include "ConnectCommand.h"
#include "demo/DemoDataGenerator.h"
#include "import/QualitySummary.h"
#include "jobs/ImportJob.h"
#include "store/NewWorkspace.h"
#include "store/TableQuery.h"
#include "warehouse/ChConnection.h"
#include "warehouse/PgConnection.h"
#include "warehouse/WarehouseTableSource.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

namespace cl::cli {

namespace {

/// `describedAs`: how the rows were read (empty: the CSV dialect).
void printResult(const ImportResult &r, const QString &file, Io &io, bool printWarnings,
                 const QString &describedAs = {})
{
    const QLocale c = QLocale::c();
    if (r.status == ImportStatus::Reused)
        io.out << "Already imported: " << terminalSafe(file) << " is dataset " << r.datasetId
               << " (same SHA-256); nothing written. Use --reimport to import it again.\n";
    else
        io.out << "Imported " << terminalSafe(file) << " as dataset " << r.datasetId << " (layout "
               << r.layout << "; " << (describedAs.isEmpty() ? r.dialect.describe() : describedAs)
               << ")\n";
    io.out << "rows read: " << r.rowsRead << "\n"
           << "rows rejected: " << r.rowsRejected << "\n"
           << "data lines: " << r.dataLines << " (= rows read + rows rejected)\n"
           << "subscribers: " << r.subscribers << " ("
           << c.toString(r.rowsRead ? 100.0 * double(r.subscribers) / double(r.rowsRead) : 0.0, 'f',
                         2)
           << "%)\n";
    if (r.status == ImportStatus::Imported)
        io.out << "time: " << c.toString(r.seconds, 'f', 2) << " s\n";
    io.out.flush();
    if (!printWarnings)
        return;
    for (const QString &w : r.warnings)
        io.err << "warning: " << terminalSafe(w) << "\n";
    io.err.flush();
}

bool parseChar(const QString &text, char *out)
{
    const QString t = text.toLower();
    if (t == QLatin1String("tab") || t == QLatin1String("\\t")) {
        *out = '\t';
        return true;
    }
    if (t == QLatin1String("semicolon")) {
        *out = ';';
        return true;
    }
    if (t == QLatin1String("comma")) {
        *out = ',';
        return true;
    }
    if (text.size() == 1 && text.at(0).unicode() < 128) {
        *out = char(text.at(0).unicode());
        return true;
    }
    return false;
}

bool parseYesNo(const QString &text, bool *out)
{
    const QString t = text.toLower();
    if (t == QLatin1String("yes") || t == QLatin1String("true") || t == QLatin1String("1")) {
        *out = true;
        return true;
    }
    if (t == QLatin1String("no") || t == QLatin1String("false") || t == QLatin1String("0")) {
        *out = false;
        return true;
    }
    return false;
}

/// --wait SECONDS: how long to wait for another import into the same workspace.
bool takeWait(Args &args, ImportOptions *options, Io &io)
{
    const auto wait = args.take(QStringLiteral("--wait"));
    if (!wait)
        return true;
    bool ok = false;
    const int seconds = wait->toInt(&ok);
    if (!ok || seconds < 0 || seconds > 24 * 3600) {
        io.err << "campaignlens-cli: --wait wants seconds (0 to 86400), not '" << *wait << "'"
               << Qt::endl;
        return false;
    }
    options->writerWaitMs = seconds * 1000;
    return true;
}

std::function<void()> waitingNotice(Workspace &ws, Io &io, int waitMs)
{
    return [&io, &ws, waitMs] {
        io.err << "campaignlens-cli: another import is running on " << ws.path()
               << "; waiting for it to finish (up to " << waitMs / 1000
               << " s; --wait SECONDS to change)" << Qt::endl;
    };
}

/// What an import did, for the terminal: counts, rejected rows, quality summary.
int reportImport(const ImportResult &r, const ImportOptions &options, Workspace &ws, Io &io,
                 bool printQuality, const QString &describedAs = {})
{
    if (r.status == ImportStatus::Failed) {
        io.err << "campaignlens-cli: import failed: " << terminalSafe(r.error) << Qt::endl;
        return 1;
    }
    if (r.status == ImportStatus::Cancelled) {
        io.err << "campaignlens-cli: import cancelled; the workspace is unchanged" << Qt::endl;
        return 1;
    }
    // The quality summary lists the warnings itself.
    printResult(r, QFileInfo(options.path).fileName(), io, !printQuality, describedAs);
    if (r.status == ImportStatus::Imported && r.rowsRejected > 0) {
        constexpr int kShown = 10;
        const QList<RejectedRow> rejected = TableQuery::rejectedRows(ws.db(), r.datasetId, kShown);
        io.out << "rejected rows" << (r.rowsRejected > kShown ? " (the first 10)" : "") << ":\n";
        for (const RejectedRow &row : rejected)
            io.out << "  " << options.path << ":" << row.line << ": " << terminalSafe(row.reason)
                   << "\n";
    }
    if (printQuality) {
        if (const auto info = ws.dataset(r.datasetId))
            io.out << "\nData-quality summary of " << info->name << ":\n"
                   << QualitySummary::fromJson(info->quality).toText();
    }
    return 0;
}

int importWith(ImportOptions options, Workspace &ws, Io &io, bool printQuality = false)
{
    options.waitingForWriter = waitingNotice(ws, io, options.writerWaitMs);
    const ImportResult r = runImportJob({ws.path(), options, {}}, terminalProgress(io));
    return reportImport(r, options, ws, io, printQuality);
}

/// `import --from URL --table T | --query SQL`: a snapshot of a warehouse table (or of a
/// read-only SELECT's rows) as a local dataset.
int importTable(const std::optional<QString> &from, const std::optional<QString> &table,
                const std::optional<QString> &query, const Args &args, ImportOptions options,
                const std::optional<QString> &workspace, Io &io)
{
    if (!from || bool(table) == bool(query) || (table && table->isEmpty()) ||
        (query && subquerySelect(*query).isEmpty()) || !args.rest().isEmpty()) {
        io.err << "campaignlens-cli: usage: import --from URL --table T | --query SQL (no FILE)"
               << Qt::endl;
        return 2;
    }
    if (!isWarehouseUrl(*from)) {
        io.err << "campaignlens-cli: --from takes postgresql://... (or libpq's key=value "
                  "settings), clickhouse://... or clickhouses://..."
               << Qt::endl;
        return 2;
    }
    const bool clickhouse = ChConnection::isUrl(*from);
    if (options.delimiter || options.encoding || options.hasHeader || options.decimalComma) {
        io.err << "campaignlens-cli: --delimiter, --encoding, --header and --decimal-comma are for "
                  "files, not tables"
               << Qt::endl;
        return 2;
    }
    bool hadPassword = false;
    const QString shown = urlWithoutPassword(*from, &hadPassword);
    if (hadPassword)
        io.err << "campaignlens-cli: the password in the URL is used, never stored; "
               << (clickhouse ? "CLICKHOUSE_PASSWORD" : "PGPASSWORD or ~/.pgpass")
               << " keep it out of your shell history" << Qt::endl;
    Workspace ws;
    if (!openWorkspace(ws, workspace, io, WorkspaceAccess::CreateIfMissing))
        return 1;
    // A query's rows are named as `connect --query` names them.
    const QString url = *from, select = query ? subquerySelect(*query) : QString(),
                  name = table                    ? *table
                         : options.name.isEmpty() ? kUnnamedQuery
                                                  : options.name;
    options.path = name;
    options.waitingForWriter = waitingNotice(ws, io, options.writerWaitMs);
    ImportJobConfig config{ws.path(), options, {}};
    config.source = [url, name, select]() -> std::unique_ptr<RecordSource> {
        return warehouseTableSource(url, name, select);
    };
    const ImportResult r = runImportJob(config, terminalProgress(io));
    return reportImport(
        r, options, ws, io, false,
        QStringLiteral("a snapshot of %1 %2 %3 at %4")
            .arg(clickhouse ? ChConnection::engineName() : PgConnection::engineName(),
                 query ? QStringLiteral("query") : QStringLiteral("table"), terminalSafe(name),
                 terminalSafe(shown)));
}

} // namespace

int runImport(Args args, Io &io)
{
    ImportOptions options;
    const auto workspace = args.take(QStringLiteral("--workspace"));
    options.name = args.take(QStringLiteral("--name")).value_or(QString());
    options.strict = args.takeFlag(QStringLiteral("--strict"));
    options.reuseExisting = !args.takeFlag(QStringLiteral("--reimport"));
    if (!takeRoleMaps(args, &options.roleOverrides, QStringLiteral("campaignlens-cli: "), io))
        return 2;
    if (auto d = args.take(QStringLiteral("--delimiter"))) {
        char c = 0;
        if (!parseChar(*d, &c)) {
            io.err << "campaignlens-cli: --delimiter wants one character or 'tab'" << Qt::endl;
            return 2;
        }
        options.delimiter = c;
    }
    if (auto e = args.take(QStringLiteral("--encoding"))) {
        const QString t = e->toLower();
        if (t == QLatin1String("utf-8") || t == QLatin1String("utf8"))
            options.encoding = TextEncoding::Utf8;
        else if (t == QLatin1String("windows-1252") || t == QLatin1String("cp1252") ||
                 t == QLatin1String("latin-1") || t == QLatin1String("latin1") ||
                 t == QLatin1String("iso-8859-1"))
            options.encoding = TextEncoding::Windows1252;
        else {
            io.err << "campaignlens-cli: --encoding wants utf-8 or windows-1252" << Qt::endl;
            return 2;
        }
    }
    for (const auto &[flag, target] :
         {std::pair{QStringLiteral("--header"), &options.hasHeader},
          std::pair{QStringLiteral("--decimal-comma"), &options.decimalComma}}) {
        if (auto v = args.take(flag)) {
            bool b = false;
            if (!parseYesNo(*v, &b)) {
                io.err << "campaignlens-cli: " << flag << " wants yes or no" << Qt::endl;
                return 2;
            }
            *target = b;
        }
    }
    if (auto bands = args.take(QStringLiteral("--age-bands"))) {
        options.ageBands = AgeBands(AgeBands::parseEdges(*bands));
        if (!options.ageBands.ok()) {
            io.err << "campaignlens-cli: --age-bands wants ascending ages, e.g. 25,35,45,55,65"
                   << Qt::endl;
            return 2;
        }
    }
    if (!takeWait(args, &options, io))
        return 2;
    const auto from = args.take(QStringLiteral("--from"));
    const auto table = args.take(QStringLiteral("--table"));
    const auto query = args.take(QStringLiteral("--query"));
    if (!args.unknownOption().isEmpty()) {
        io.err << "campaignlens-cli: import: unknown option " << args.unknownOption() << Qt::endl;
        return 2;
    }
    if (from || table || query)
        return importTable(from, table, query, args, options, workspace, io);
    if (args.rest().size() != 1) {
        io.err << "campaignlens-cli: import wants one FILE" << Qt::endl;
        return 2;
    }
    options.path = args.rest().front();
    if (!QFileInfo::exists(options.path)) {
        io.err << "campaignlens-cli: " << options.path << ": no such file" << Qt::endl;
        return 1;
    }
    const QString file = workspace.value_or(Workspace::defaultPath());
    if (NewWorkspace::nothingAt(file)) {
        // A new workspace: the job builds it aside and renames it into place (NewWorkspace),
        // so nothing is at the path until the import has succeeded.
        const ImportResult r = runImportJob({file, options, {}}, terminalProgress(io));
        Workspace ws;
        if (r.status == ImportStatus::Imported &&
            !openWorkspace(ws, file, io, WorkspaceAccess::Read))
            return 1;
        return reportImport(r, options, ws, io, false);
    }
    Workspace ws;
    if (!openWorkspace(ws, workspace, io, WorkspaceAccess::CreateIfMissing))
        return 1;
    return importWith(options, ws, io);
}

int runDemo(Args args, Io &io)
{
    const auto workspace = args.take(QStringLiteral("--workspace"));
    ImportOptions options;
    if (!takeWait(args, &options, io))
        return 2;
    DemoOptions demo;
    if (auto rows = args.take(QStringLiteral("--rows"))) {
        bool ok = false;
        demo.rows = rows->toLongLong(&ok);
        if (!ok || demo.rows <= 0) {
            io.err << "campaignlens-cli: --rows wants a positive number" << Qt::endl;
            return 2;
        }
    }
    if (auto seed = args.take(QStringLiteral("--seed"))) {
        bool ok = false;
        demo.seed = seed->toULongLong(&ok);
        if (!ok) {
            io.err << "campaignlens-cli: --seed wants a number" << Qt::endl;
            return 2;
        }
    }
    if (!args.rest().isEmpty()) {
        io.err << "campaignlens-cli: demo: unexpected " << args.rest().front() << Qt::endl;
        return 2;
    }
    Workspace ws;
    if (!openWorkspace(ws, workspace, io, WorkspaceAccess::CreateIfMissing))
        return 1;
    options.waitingForWriter = waitingNotice(ws, io, options.writerWaitMs);
    const ImportResult r = runDemoJob({ws.path(), demo, options}, terminalProgress(io));
    options.path = demoFilePath(ws.path(), demo);
    return reportImport(r, options, ws, io, true);
}

int runInfo(Args args, Io &io)
{
    const auto workspace = args.take(QStringLiteral("--workspace"));
    const auto datasetArg = args.take(QStringLiteral("--dataset"));
    if (!args.rest().isEmpty()) {
        io.err << "campaignlens-cli: info: unexpected " << args.rest().front() << Qt::endl;
        return 2;
    }
    Workspace ws;
    if (!openWorkspace(ws, workspace, io, WorkspaceAccess::Read))
        return 1;
    if (datasetArg) {
        const auto d = ws.dataset(datasetArg->toLongLong());
        if (!d) {
            if (const auto live = printLiveDataset(ws, datasetArg->toLongLong(), io))
                return *live;
        }
        if (!d) {
            io.err << "campaignlens-cli: no dataset " << *datasetArg << " in " << ws.path()
                   << Qt::endl;
            return 1;
        }
        io.out << terminalSafe(d->name, LineBreaks::Escape)
               << (d->synthetic ? " [synthetic demo data]" : "") << "\n"
               << "source: " << terminalSafe(d->source.location, LineBreaks::Escape) << " ("
               << d->source.bytes() << " bytes, " << d->source.kind << " fingerprint "
               << d->source.fingerprint << ")\n"
               << "read as: " << terminalSafe(d->source.summary(), LineBreaks::Escape)
               << "; layout " << d->layout << "\n"
               << "imported: " << d->importedAt.toString(Qt::ISODate) << "\n"
               << terminalSafe(QualitySummary::fromJson(d->quality).toText());
        return 0;
    }
    const auto all = ws.datasets();
    io.out << "Workspace " << terminalSafe(ws.path(), LineBreaks::Escape) << ": " << all.size()
           << " dataset(s)\n";
    io.out << QStringLiteral("%1  %2 %3 %4 %5 %6\n")
                  .arg(QStringLiteral("id"), 3)
                  .arg(QStringLiteral("name"), -40)
                  .arg(QStringLiteral("rows"), 9)
                  .arg(QStringLiteral("rejected"), 9)
                  .arg(QStringLiteral("yes"), 8)
                  .arg(QStringLiteral("rate"), 7);
    const QLocale c = QLocale::c();
    for (const auto &d : all) {
        io.out << QStringLiteral("%1  %2 %3 %4 %5 %6%\n")
                      .arg(d.id, 3)
                      .arg(terminalSafe(d.name, LineBreaks::Escape).left(40), -40)
                      .arg(d.rowsRead, 9)
                      .arg(d.rowsRejected, 9)
                      .arg(d.subscribers, 8)
                      .arg(c.toString(100.0 * d.subscriberRate(), 'f', 2), 6);
    }
    printLiveDatasets(ws, io);
    return 0;
}

} // namespace cl::cli
