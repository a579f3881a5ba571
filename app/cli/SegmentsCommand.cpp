// `segments`: parses the options, loads the frame, runs SegmentEngine, prints a format.
#include "SegmentsCommand.h"

#include "ConnectCommand.h"
#include "store/LiveDatasets.h"

#include "segments/SegmentEngine.h"
#include "segments/SegmentFormatter.h"
#include "store/FrameLoader.h"

namespace cl::cli {

const char *const kSegmentsUsage =
    "  segments --by COL[,COL[,COL]] [--filter COL=V1,V2]... [--min-n 30]\n"
    "           [--rank wilson|raw|bayes] [--top N] [--format table|csv|json]\n"
    "           [--workspace PATH] [--dataset ID]\n";

namespace {

/// The result with every label and name escaped for a terminal (one line each), so that the
/// table's columns are measured on what is printed.
SegmentResult escapedLabels(SegmentResult result)
{
    const auto escape = [](QStringList &list) {
        for (QString &s : list)
            s = terminalSafe(s, LineBreaks::Escape);
    };
    escape(result.query.by);
    for (SegmentFilter &f : result.query.filters) {
        f.column = terminalSafe(f.column, LineBreaks::Escape);
        escape(f.labels);
    }
    for (SegmentRow &row : result.rows)
        escape(row.labels);
    return result;
}

bool takeInt(Args &args, const QString &name, int minimum, int *value, Io &io)
{
    const auto text = args.take(name);
    if (!text)
        return true;
    bool ok = false;
    const int v = text->toInt(&ok);
    if (!ok || v < minimum) {
        io.err << "campaignlens-cli segments: " << name << " wants a whole number >= " << minimum
               << ", not '" << *text << "'" << Qt::endl;
        return false;
    }
    *value = v;
    return true;
}

} // namespace

int runSegments(Args args, Io &io)
{
    const QString prefix = QStringLiteral("campaignlens-cli segments: ");
    SegmentQuery query;
    const auto by = args.take(QStringLiteral("--by"));
    if (!by) {
        io.err << prefix << "--by COL[,COL[,COL]] is required" << Qt::endl;
        return 2;
    }
    for (const QString &c : by->split(QLatin1Char(','), Qt::SkipEmptyParts))
        query.by << c.trimmed();
    for (const QString &text : args.takeAll(QStringLiteral("--filter"))) {
        SegmentFilter filter;
        QString error;
        if (!parseSegmentFilter(text, &filter, &error)) {
            io.err << prefix << terminalSafe(error) << Qt::endl;
            return 2;
        }
        query.filters << filter;
    }
    int top = 0;
    if (!takeInt(args, QStringLiteral("--min-n"), 0, &query.minN, io) ||
        !takeInt(args, QStringLiteral("--top"), 0, &top, io))
        return 2;
    if (const auto rank = args.take(QStringLiteral("--rank"))) {
        if (!parseSegmentRanking(*rank, &query.ranking)) {
            io.err << prefix << "--rank is wilson, raw or bayes, not '" << *rank << "'" << Qt::endl;
            return 2;
        }
    }
    const QString format = args.take(QStringLiteral("--format")).value_or(QStringLiteral("table"));
    if (format != QLatin1String("table") && format != QLatin1String("csv") &&
        format != QLatin1String("json")) {
        io.err << prefix << "--format is table, csv or json, not '" << format << "'" << Qt::endl;
        return 2;
    }
    const auto workspacePath = args.take(QStringLiteral("--workspace"));
    const auto datasetText = args.take(QStringLiteral("--dataset"));
    if (!args.rest().isEmpty()) {
        io.err << prefix << "unexpected argument '" << args.rest().front() << "'" << Qt::endl;
        return 2;
    }
    Workspace ws;
    if (!openWorkspace(ws, workspacePath, io, WorkspaceAccess::Read))
        return 1;
    // A live dataset (issue 14): the engine counts, the same statistics print.
    if (const auto live = chosenLiveDataset(ws, datasetText))
        return runLiveSegments(*live, query, format, top, io);
    int code = 0;
    const qint64 datasetId = resolveDataset(ws, datasetText, prefix, io, &code);
    if (datasetId < 0)
        return code;
    // Only the columns the query reads: on a bank's whole history the others would be most of
    // the time and memory. A name that is no column is left to the engine, which lists them.
    QStringList columns;
    if (const auto info = ws.dataset(datasetId)) {
        QStringList named = query.by;
        for (const SegmentFilter &f : query.filters)
            named << f.column;
        for (const SilverColumn &c : info->columns)
            if (named.contains(c.name))
                columns << c.name;
        named.removeDuplicates();
        if (columns.size() != named.size())
            columns.clear(); // all of them, for the engine's message to list
    }
    QString error;
    const auto frame = loadFrame(ws, datasetId, columns, &error);
    if (!frame) {
        io.err << prefix << terminalSafe(error) << Qt::endl;
        return 1;
    }
    const SegmentResult result = SegmentEngine(*frame).run(query);
    if (!result.ok) {
        io.err << prefix << terminalSafe(result.error) << Qt::endl;
        return 1;
    }
    return printSegments(result, format, top, io);
}

int printSegments(const SegmentResult &result, const QString &format, int top, Io &io)
{
    // The table states its warnings itself; CSV and JSON readers get them on stderr.
    if (format != QLatin1String("table")) {
        for (const QString &w : result.warnings)
            io.err << "warning: " << terminalSafe(w) << Qt::endl;
    }
    // Labels are data: the table (for people) is always escaped, JSON escapes control
    // characters itself, CSV stays exact for a script unless it goes to a terminal.
    if (format == QLatin1String("csv"))
        io.out << (io.outIsTerminal
                       ? terminalSafe(SegmentFormatter::toCsv(escapedLabels(result), top))
                       : SegmentFormatter::toCsv(result, top));
    else if (format == QLatin1String("json"))
        io.out << terminalSafeJson(SegmentFormatter::toJsonText(result, top).toUtf8());
    else
        io.out << terminalSafe(SegmentFormatter::toTable(escapedLabels(result), top));
    io.out.flush();
    return 0;
}

} // namespace cl::cli
