// `report`: the report job (model run, document, AI sections, Markdown and PDF) from the terminal.
#include "ReportCommand.h"

#include "ConnectCommand.h"
#include "jobs/ReportJob.h"
#include "render/ReportFonts.h"
#include "report/ReportText.h"

namespace cl::cli {

const char *const kReportUsage =
    "  report [--out DIR] [--lang en|nb] [--no-ai] [--format md,pdf] [--run ID]\n"
    "         [--base-url URL] [--model M] [--question TEXT]...\n"
    "         [--workspace PATH] [--dataset ID]\n"
    "         --run: the stored model run to show (see `runs`); default: the newest that can\n"
    "         rank clients before calling, fitted with the defaults and stored when there is none\n"
    "         environment SOURCE_DATE_EPOCH (seconds since 1970, UTC), when set: the report's\n"
    "         date and its folder's name, so the same workspace gives the same report\n";

int runReport(Args args, Io &io)
{
    const QString prefix = QStringLiteral("campaignlens-cli report: ");
    const bool noAi = args.takeFlag(QStringLiteral("--no-ai"));
    const QString lang = args.take(QStringLiteral("--lang")).value_or(QStringLiteral("en"));
    if (!ReportText::isSupported(lang)) {
        io.err << prefix << "--lang is en or nb, not '" << lang << "'" << Qt::endl;
        return 2;
    }
    ReportExportOptions exportOptions;
    exportOptions.markdown = false;
    exportOptions.pdf = false;
    const QString formats =
        args.take(QStringLiteral("--format")).value_or(QStringLiteral("md,pdf"));
    for (const QString &f : formats.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (f.trimmed() == QLatin1String("md"))
            exportOptions.markdown = true;
        else if (f.trimmed() == QLatin1String("pdf"))
            exportOptions.pdf = true;
        else {
            io.err << prefix << "--format is md, pdf or md,pdf, not '" << formats << "'"
                   << Qt::endl;
            return 2;
        }
    }
    if (!exportOptions.markdown && !exportOptions.pdf) {
        io.err << prefix << "--format names no format" << Qt::endl;
        return 2;
    }
    exportOptions.outDir = args.take(QStringLiteral("--out")).value_or(QStringLiteral("reports"));
    // reproducible-builds.org's variable: a malformed value is an error, not the current time.
    QDateTime now;
    if (const QByteArray epoch = qgetenv("SOURCE_DATE_EPOCH"); !epoch.isNull()) {
        bool ok = false;
        const qint64 seconds = epoch.toLongLong(&ok);
        if (!ok || seconds < 0 || seconds > 253402300799) { // up to 9999-12-31T23:59:59Z
            io.err << prefix << "SOURCE_DATE_EPOCH is seconds since 1970-01-01 UTC, not '"
                   << terminalSafe(QString::fromLocal8Bit(epoch)) << "'" << Qt::endl;
            return 2;
        }
        now = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
        exportOptions.now = now;
    }
    ReportNarrativeOptions narrative;
    narrative.enabled = !noAi;
    if (const auto url = args.take(QStringLiteral("--base-url")))
        narrative.config.baseUrl = QUrl(*url);
    if (const auto model = args.take(QStringLiteral("--model")))
        narrative.config.model = *model;
    // Asked in Q&A after the seed's "which segments to prioritise" question.
    narrative.extraQuestions = args.takeAll(QStringLiteral("--question"));
    qint64 runId = -1;
    if (const auto run = args.take(QStringLiteral("--run"))) {
        bool ok = false;
        runId = run->toLongLong(&ok);
        if (!ok || runId < 0) {
            io.err << prefix << "--run wants a run id (see `runs`), not '" << *run << "'"
                   << Qt::endl;
            return 2;
        }
    }
    const auto workspacePath = args.take(QStringLiteral("--workspace"));
    const auto datasetText = args.take(QStringLiteral("--dataset"));
    if (!args.rest().isEmpty()) {
        io.err << prefix << "unexpected argument '" << terminalSafe(args.rest().front()) << "'"
               << Qt::endl;
        return 2;
    }
    Workspace ws;
    if (!openWorkspace(ws, workspacePath, io, WorkspaceAccess::ReadAndPublish))
        return 1;
    int code = 0;
    // A live dataset (issue 14): its quality summary and segments are counted on its engine.
    const auto live = chosenLiveDataset(ws, datasetText);
    if (live && runId >= 0) {
        io.err << prefix << "--run names a stored run of a local dataset; dataset " << live->id
               << " is live and its report shows no model" << Qt::endl;
        return 2;
    }
    const qint64 datasetId = live ? live->id : resolveDataset(ws, datasetText, prefix, io, &code);
    if (datasetId < 0)
        return code;
    const bool aiConfigured = !noAi && ReportNarrative::isConfigured(narrative);
    if (!noAi && !aiConfigured) {
        io.err << "campaignlens-cli report: no AI endpoint is configured; the summary, actions, "
                  "A/B hypotheses and answers are rule-based (labelled so in the report). "
                  "Set OPENAI_API_KEY or --base-url, or use --no-ai to silence this notice."
               << Qt::endl;
    }
    if (!ReportFonts::fallbackReason().isEmpty())
        io.err << "warning: " << ReportFonts::fallbackReason() << Qt::endl;

    ReportJobConfig job;
    job.workspacePath = ws.path();
    job.datasetId = datasetId;
    job.modelRunId = runId;
    job.options.language = lang;
    job.options.aiRequested = !noAi;
    job.options.now = now;
    job.narrative = narrative;
    job.write = exportOptions;
    const ReportJobResult result = runReportJob(job, terminalProgress(io));
    if (!result.ok) {
        io.err << prefix << terminalSafe(result.error) << Qt::endl;
        return 1;
    }
    if (!result.modelProblem.isEmpty())
        io.err << prefix
               << "warning: the report has no model: " << terminalSafe(result.modelProblem)
               << Qt::endl;
    if (result.modelRunStored)
        io.err << prefix << "no model run was stored for this dataset: fitted run "
               << result.modelRunId << " with the default settings and stored it" << Qt::endl;
    if (!result.narrative.fallbackReason.isEmpty())
        io.err << prefix << "the AI endpoint failed (" << result.narrative.fallbackReason
               << "); those sections are rule-based (labelled so in the report)" << Qt::endl;
    if (result.narrative.unverifiedNumbers > 0)
        io.err << prefix << result.narrative.unverifiedNumbers
               << " number(s) in the AI text match nothing computed; marked [unverified]"
               << Qt::endl;
    for (const QString &w : result.doc.warnings)
        io.err << "warning: " << w << Qt::endl;
    if (!result.written.markdownPath.isEmpty())
        io.out << result.written.markdownPath << "\n";
    if (!result.written.pdfPath.isEmpty())
        io.out << result.written.pdfPath << "\n";
    io.out.flush();
    return 0;
}

} // namespace cl::cli
