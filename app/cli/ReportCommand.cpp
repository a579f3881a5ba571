// `report`: loads the dataset, builds the report document and exports Markdown and PDF.
#include "ReportCommand.h"

#include "render/ReportExporter.h"
#include "render/ReportFonts.h"
#include "report/ReportBuilder.h"
#include "report/ReportNarrative.h"
#include "report/ReportText.h"
#include "store/ChatStore.h"
#include "store/FrameLoader.h"

namespace cl::cli {

const char *const kReportUsage = "  report [--out DIR] [--lang en|nb] [--no-ai] [--format md,pdf]\n"
                                 "         [--base-url URL] [--model M] [--question TEXT]...\n"
                                 "         [--workspace PATH] [--dataset ID]\n";

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
    ReportNarrativeOptions narrative;
    narrative.enabled = !noAi;
    if (const auto url = args.take(QStringLiteral("--base-url")))
        narrative.config.baseUrl = QUrl(*url);
    if (const auto model = args.take(QStringLiteral("--model")))
        narrative.config.model = *model;
    // Asked in Q&A after the seed's "which segments to prioritise" question.
    narrative.extraQuestions = args.takeAll(QStringLiteral("--question"));
    Workspace ws;
    int code = 0;
    const qint64 datasetId =
        openDatasetFromArgs(args, ws, prefix, io, &code, WorkspaceAccess::ReadAndPublish);
    if (datasetId < 0)
        return code;
    const std::optional<DatasetInfo> info = ws.dataset(datasetId);
    QString error;
    const auto frame = loadFrame(ws, info->id, &error);
    if (!frame) {
        io.err << prefix << error << Qt::endl;
        return 1;
    }
    const bool aiConfigured = !noAi && ReportNarrative::isConfigured(narrative);
    if (!noAi && !aiConfigured) {
        io.err << "campaignlens-cli report: no AI endpoint is configured; the summary, actions, "
                  "A/B hypotheses and answers are rule-based (labelled so in the report). "
                  "Set OPENAI_API_KEY or --base-url, or use --no-ai to silence this notice."
               << Qt::endl;
    }
    if (!ReportFonts::fallbackReason().isEmpty())
        io.err << "warning: " << ReportFonts::fallbackReason() << Qt::endl;

    ReportOptions options;
    options.language = lang;
    options.aiRequested = !noAi;
    // The questions pinned in chat join the seed's in Q&A, with the chat's answers.
    for (const ChatExchangeRecord &r : ChatStore(ws.db()).pinnedQuestions(datasetId))
        options.pinned << ReportPinnedQuestion::fromExchange(r);
    ReportDocument doc = ReportBuilder::build(*info, *frame, options);
    if (!doc.ok) {
        io.err << prefix << doc.error << Qt::endl;
        return 1;
    }
    if (ReportNarrative::isConfigured(narrative)) { // with --no-ai: only the labels change
        ChatContext context;
        context.workspacePath = ws.path();
        context.dataset = *info;
        // Non-owning: the frame outlives the narrative, which only reads it.
        context.frame = std::shared_ptr<const DataFrame>(std::shared_ptr<void>(), &*frame);
        const ReportNarrativeResult ai = ReportNarrative::apply(doc, context, narrative);
        if (!ai.fallbackReason.isEmpty())
            io.err << prefix << "the AI endpoint failed (" << ai.fallbackReason
                   << "); those sections are rule-based (labelled so in the report)" << Qt::endl;
        if (ai.unverifiedNumbers > 0)
            io.err << prefix << ai.unverifiedNumbers
                   << " number(s) in the AI text match nothing computed; marked [unverified]"
                   << Qt::endl;
    }
    for (const QString &w : doc.warnings)
        io.err << "warning: " << w << Qt::endl;
    const ReportExportResult result = ReportExporter::write(doc, exportOptions);
    if (!result.ok) {
        io.err << prefix << result.error << Qt::endl;
        return 1;
    }
    if (!result.markdownPath.isEmpty())
        io.out << result.markdownPath << "\n";
    if (!result.pdfPath.isEmpty())
        io.out << result.pdfPath << "\n";
    io.out.flush();
    return 0;
}

} // namespace cl::cli
