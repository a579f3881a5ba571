// campaignlens-cli: the headless pipeline (import, segments, model, ask, report) for scripts.
#include "cli/AskCommand.h"
#include "cli/ConnectCommand.h"
#include "cli/ImportCommands.h"
#include "cli/ModelCommands.h"
#include "cli/ReportCommand.h"
#include "cli/SegmentsCommand.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>

namespace {

const char *const kUsage =
    "usage: campaignlens-cli COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  import FILE [--workspace PATH] [--name N] [--map COLUMN=ROLE]... [--strict]\n"
    "              [--delimiter C|tab] [--encoding utf-8|windows-1252] [--header yes|no]\n"
    "              [--decimal-comma yes|no] [--age-bands 25,35,45,55,65] [--reimport]\n"
    "              [--wait SECONDS]\n"
    "  import --from URL --table T | --query SQL [--workspace PATH] [--name N]\n"
    "              [--map COLUMN=ROLE]... (a snapshot of a PostgreSQL or ClickHouse table, or\n"
    "              of a read-only SELECT's rows, as a local dataset)\n"
    "  demo [--rows N] [--seed S] [--workspace PATH] [--wait SECONDS]\n"
    "  info [--workspace PATH] [--dataset ID]\n"
    "%1"
    "\n"
    "Exit code 0 on success; otherwise non-zero with a one-line reason on stderr.\n";

/// The lines of `usage` for one command: "  report [--out DIR] ..." and its continuations.
QString commandUsage(const QString &usage, const QString &name)
{
    QStringList lines;
    bool inBlock = false;
    for (const QString &line : usage.split(QLatin1Char('\n'))) {
        const bool continuation = line.startsWith(QLatin1String("   "));
        if (!continuation)
            inBlock = line.startsWith(QLatin1String("  ") + name + QLatin1Char(' ')) ||
                      line == QLatin1String("  ") + name;
        if (inBlock)
            lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

int main(int argc, char *argv[])
{
    // `report` paints text (fonts, PDF) and so needs a QGuiApplication; headless by default.
    const bool needsGui = argc > 1 && qstrcmp(argv[1], "report") == 0;
    if (needsGui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const std::unique_ptr<QCoreApplication> application =
        needsGui ? std::make_unique<QGuiApplication>(argc, argv)
                 : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication &app = *application;
    QCoreApplication::setOrganizationName(QStringLiteral("CampaignLens"));
    QCoreApplication::setApplicationName(QStringLiteral("CampaignLens"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CAMPAIGNLENS_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    // On a terminal even data formats (CSV) are escaped; see cl::cli::terminalSafe.
    cl::cli::Io io{out, err, isatty(fileno(stdout)) == 1};
    QStringList args = app.arguments().mid(1);
    const QString usage = QString::fromLatin1(kUsage).arg(
        QString::fromLatin1(cl::cli::kSegmentsUsage) + QString::fromLatin1(cl::cli::kModelUsage) +
        QString::fromLatin1(cl::cli::kReportUsage) + QString::fromLatin1(cl::cli::kAskUsage) +
        QString::fromLatin1(cl::cli::kConnectUsage));
    const auto isHelp = [](const QString &a) {
        return a == QLatin1String("--help") || a == QLatin1String("-h");
    };
    if (args.isEmpty() || isHelp(args.front())) {
        out << usage;
        return args.isEmpty() ? 2 : 0;
    }
    if (args.front() == QLatin1String("--version")) {
        out << "campaignlens-cli " << CAMPAIGNLENS_VERSION << "\n";
        return 0;
    }
    using Command = std::function<int(cl::cli::Args, cl::cli::Io &)>;
    const std::map<QString, Command> commands = {
        {QStringLiteral("import"), cl::cli::runImport},
        {QStringLiteral("demo"), cl::cli::runDemo},
        {QStringLiteral("info"), cl::cli::runInfo},
        {QStringLiteral("segments"), cl::cli::runSegments},
        {QStringLiteral("model"), cl::cli::runModelCommand},
        {QStringLiteral("score"), cl::cli::runScoreCommand},
        {QStringLiteral("runs"), cl::cli::runRunsCommand},
        {QStringLiteral("report"), cl::cli::runReport},
        {QStringLiteral("ask"), cl::cli::runAsk},
        {QStringLiteral("connect"), cl::cli::runConnect},
    };
    const QString name = args.takeFirst();
    const auto it = commands.find(name);
    if (it == commands.end()) {
        err << "campaignlens-cli: unknown command '" << name << "' (see --help)" << Qt::endl;
        return 2;
    }
    // "report --help": that command's options (a value such as --question --help is rare
    // enough to leave out).
    if (std::any_of(args.cbegin(), args.cend(), isHelp)) {
        out << "usage: campaignlens-cli\n" << commandUsage(usage, name) << "\n";
        return 0;
    }
    return it->second(cl::cli::Args(args), io);
}
