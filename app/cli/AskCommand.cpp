// `ask`: loads the chat context, runs a ChatSession in a local event loop, prints the answer.
#include "AskCommand.h"

#include "ConnectCommand.h"

#include "chat/ChatPreferences.h"
#include "chat/ChatSession.h"
#include "chat/ChatToolRegistry.h"
#include "llm/ChatClient.h"
#include "llm/KeyStore.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace cl::cli {

const char *const kAskUsage =
    "  ask \"QUESTION\" [--workspace PATH] [--dataset ID] [--base-url URL] [--model M]\n"
    "      [--share aggregates|schema|rows] [--min-group K] [--remember] [--no-stream]\n"
    "      [--evidence] [--json] [--preview]  (print the request body that would be sent, send\n"
    "      nothing, store nothing)\n"
    "      --share and --min-group apply to this command only; with --remember they are kept\n"
    "      for the workspace (later asks and the app then use them). Never with --preview.\n"
    "      Base URL: --base-url, else OPENAI_BASE_URL, else the one saved by the app's chat\n"
    "      Settings in the workspace, else https://api.openai.com/v1. Model, time-outs, CA file,\n"
    "      sharing mode and k: the flag, else the workspace's saved setting, else the default.\n"
    "      The key: OPENAI_API_KEY, else the one the app remembered in the system keychain\n"
    "      (never read from or written to a file).\n";

namespace {

/// The key the app remembered in the OS keychain, or empty. Waits at most a few seconds: a
/// session bus without a Secret Service must not hang a script.
QString keychainKey()
{
    if (!KeyStore::isCompiledIn())
        return {};
    KeyStore store;
    QEventLoop loop;
    QObject::connect(&store, &KeyStore::operationFinished, &loop, &QEventLoop::quit);
    QTimer::singleShot(3000, &loop, &QEventLoop::quit);
    store.read();
    if (store.lastStatus() == KeyStore::Status::Unknown)
        loop.exec();
    return store.lastStatus() == KeyStore::Status::Ok ? store.cachedKey() : QString();
}

QJsonArray unverifiedJson(const QList<NumberMention> &list)
{
    QList<UnverifiedMark> marks;
    for (const NumberMention &n : list)
        marks << n.mark();
    return UnverifiedMark::toJson(marks);
}

void printEvidence(const QList<ToolOutcome> &evidence, QTextStream &out)
{
    out << "\nEvidence (" << evidence.size() << " tool call" << (evidence.size() == 1 ? "" : "s")
        << "):\n";
    int i = 0;
    for (const ToolOutcome &o : evidence) {
        // Model-written text: escaped (see terminalSafe), one line per call.
        out << "[" << ++i << "] "
            << terminalSafe(ChatToolRegistry::builtIn().callText(o), LineBreaks::Escape)
            << (o.ok ? "" : "  (refused)") << "\n    -> " << terminalSafe(o.result) << "\n";
    }
}

} // namespace

int runAsk(Args args, Io &io)
{
    const QString prefix = QStringLiteral("campaignlens-cli ask: ");
    if (args.takeFlag(QStringLiteral("--help")) || args.takeFlag(QStringLiteral("-h"))) {
        io.out << "usage:\n" << kAskUsage;
        io.out.flush();
        return 0;
    }
    const auto workspacePath = args.take(QStringLiteral("--workspace"));
    const auto datasetText = args.take(QStringLiteral("--dataset"));
    const auto baseUrl = args.take(QStringLiteral("--base-url"));
    const auto model = args.take(QStringLiteral("--model"));
    const auto share = args.take(QStringLiteral("--share"));
    const auto minGroup = args.take(QStringLiteral("--min-group"));
    const bool noStream = args.takeFlag(QStringLiteral("--no-stream"));
    const bool evidence = args.takeFlag(QStringLiteral("--evidence"));
    const bool json = args.takeFlag(QStringLiteral("--json"));
    const bool preview = args.takeFlag(QStringLiteral("--preview"));
    const bool remember = args.takeFlag(QStringLiteral("--remember"));
    if (!args.unknownOption().isEmpty()) {
        io.err << prefix << "unknown option '" << args.unknownOption() << "'" << Qt::endl;
        return 2;
    }
    if (args.rest().size() != 1 || args.rest().front().trimmed().isEmpty()) {
        io.err << prefix << "give exactly one question, in quotes" << Qt::endl;
        return 2;
    }
    const QString question = args.rest().front().trimmed();
    SharingMode mode = SharingMode::Aggregates;
    if (share && !parseSharingMode(*share, &mode)) {
        io.err << prefix << "--share is aggregates, schema or rows, not '" << *share << "'"
               << Qt::endl;
        return 2;
    }
    int k = -1;
    if (minGroup) {
        bool ok = false;
        k = minGroup->toInt(&ok);
        if (!ok || k < 1) {
            io.err << prefix << "--min-group wants a whole number >= 1" << Qt::endl;
            return 2;
        }
    }
    if (remember && (preview || (!share && !minGroup))) {
        io.err << prefix
               << (preview ? "--remember stores the sharing settings and --preview changes "
                             "nothing: give one of them"
                           : "--remember keeps --share and --min-group: give one of them")
               << Qt::endl;
        return 2;
    }

    Workspace ws;
    if (!openWorkspace(ws, workspacePath, io))
        return 1;
    int code = 0;
    // A live dataset (issue 14): the tools run on its engine.
    const auto live = chosenLiveDataset(ws, datasetText);
    const qint64 datasetId = live ? live->id : resolveDataset(ws, datasetText, prefix, io, &code);
    if (datasetId < 0)
        return code;
    // Precedence: flag, then OPENAI_BASE_URL (base URL only), then what Settings… saved in the
    // workspace, then the defaults (ChatPreferences::clientConfig applies the middle two).
    ChatClientConfig config = ChatPreferences(ws).clientConfig(ChatClientConfig::fromEnvironment());
    if (baseUrl)
        config.baseUrl = QUrl(*baseUrl);
    if (model)
        config.model = *model;
    if (!config.baseUrl.isValid() || config.baseUrl.scheme().isEmpty()) {
        io.err << prefix << "not a base URL: '" << config.baseUrl.toString() << "'" << Qt::endl;
        return 2;
    }
    // The desktop's order without a typed key: OPENAI_API_KEY, then the keychain (read once).
    const QString remembered = environmentApiKeyProvider()().isEmpty() ? keychainKey() : QString();
    const ApiKeyProvider keys =
        layeredApiKeyProvider(fixedApiKeyProvider(QString()), fixedApiKeyProvider(remembered));
    if (config.baseUrl.host().endsWith(QLatin1String("api.openai.com")) && keys().isEmpty()) {
        io.err << prefix << "no API key for " << config.baseUrl.host()
               << ": set OPENAI_API_KEY or remember a key in the app's chat Settings (system "
                  "keychain), or use --base-url (or OPENAI_BASE_URL) for a local "
                  "OpenAI-compatible server such as http://127.0.0.1:11434/v1"
               << Qt::endl;
        return 1;
    }

    QString error;
    auto context = loadChatContext(ws, datasetId, &error);
    if (!context) {
        io.err << prefix << terminalSafe(error) << Qt::endl;
        return 1;
    }
    // The flags apply to this command only; only --remember (never a preview) stores them.
    const bool stored =
        !ws.setting(kSharingModeSetting).isEmpty() || !ws.setting(kSuppressionKSetting).isEmpty();
    if (share)
        context->mode = mode;
    if (k > 0)
        context->minGroupSize = k;
    if (remember && !rememberSharing(ws, context->mode, context->minGroupSize)) {
        io.err << prefix << "could not store the sharing settings in the workspace" << Qt::endl;
        return 1;
    }
    // Said before anything is sent whenever the protection is weaker than the default.
    if (preview || remember || context->mode == SharingMode::Rows ||
        context->minGroupSize < kDefaultSuppressionK) {
        const char *scope = remember         ? "remembered in this workspace"
                            : share || k > 0 ? "this command only"
                            : stored         ? "remembered in this workspace"
                                             : "the default";
        io.err << (preview ? "preview: nothing sent, nothing stored; " : "") << "sharing (" << scope
               << "): " << sharingModeDescription(context->mode, context->minGroupSize) << Qt::endl;
    }

    ChatClient client(config, keys);
    ChatSession session(&client, &ws);
    // The GUI's price table (Settings › Token prices) prices the answer here too.
    session.setPriceTable(ChatPreferences(ws).priceTable());
    session.setContext(*context);
    session.setStreaming(!noStream);
    if (preview) {
        // Exactly the first body that asking would send; nothing leaves the machine.
        io.out << "POST " << config.baseUrl.toString(QUrl::RemoveUserInfo) << "/chat/completions\n"
               << terminalSafeJson(QJsonDocument::fromJson(session.previewBody(question))
                                       .toJson(QJsonDocument::Indented));
        io.out.flush();
        return 0;
    }
    const bool printStream = !noStream && !json;
    bool streamedSomething = false;
    QObject::connect(&session, &ChatSession::textReceived, &session, [&](const QString &t) {
        if (!printStream)
            return;
        io.out << terminalSafe(t);
        io.out.flush();
        streamedSomething = true;
    });
    QObject::connect(&session, &ChatSession::roundStarted, &session, [&](int) {
        // Text before a tool call is thinking aloud, not the answer: end its line.
        if (printStream && streamedSomething) {
            io.out << "\n";
            streamedSomething = false;
        }
    });
    QObject::connect(&session, &ChatSession::toolExecuted, &session, [&](const ToolOutcome &o) {
        if (!json)
            io.err << "(ran " << terminalSafe(o.name, LineBreaks::Escape)
                   << (o.ok ? "" : ", refused") << ")" << Qt::endl;
    });
    QEventLoop loop;
    int rc = 0;
    QObject::connect(&session, &ChatSession::answerFinished, &loop, [&](const ChatAnswer &a) {
        if (json) {
            const QJsonArray ev = toolOutcomesJson(a.evidence);
            const QJsonObject root{
                {QStringLiteral("question"), a.question},
                {QStringLiteral("answer"), a.text},
                {QStringLiteral("unverified"), unverifiedJson(a.unverified)},
                {QStringLiteral("evidence"), ev},
                {QStringLiteral("model"), a.model},
                {QStringLiteral("share"), sharingModeName(context->mode)},
                {QStringLiteral("exchange_id"), double(a.exchangeId)},
                {QStringLiteral("prompt_tokens"), double(a.usage.promptTokens)},
                {QStringLiteral("completion_tokens"), double(a.usage.completionTokens)},
                {QStringLiteral("tokens_estimated"), a.usage.estimated},
                {QStringLiteral("cost_usd"), a.cost}};
            io.out << terminalSafeJson(QJsonDocument(root).toJson(QJsonDocument::Indented));
        } else {
            if (printStream)
                io.out << "\n";
            else
                io.out << terminalSafe(NumberVerifier::mark(a.text, a.unverified)) << "\n";
            if (!a.unverified.isEmpty()) {
                io.out << "\nUnverified numbers (match nothing computed here): ";
                QStringList items;
                for (const NumberMention &n : a.unverified)
                    items << QStringLiteral("%1 (at %2)").arg(n.text).arg(n.position);
                io.out << terminalSafe(items.join(QStringLiteral(", "))) << "\n";
            }
            if (evidence)
                printEvidence(a.evidence, io.out);
        }
        io.out.flush();
        // The server reported no usage: estimated at about 4 characters a token (TokenEstimate).
        const bool estimated = a.usage.isValid() && a.usage.estimated;
        io.err << "tokens: "
               << (!a.usage.isValid() ? QStringLiteral("not reported")
                   : estimated        ? QStringLiteral("~%1 prompt + ~%2 completion (estimated)")
                                     .arg(a.usage.promptTokens)
                                     .arg(a.usage.completionTokens)
                               : QStringLiteral("%1 prompt + %2 completion")
                                     .arg(a.usage.promptTokens)
                                     .arg(a.usage.completionTokens))
               << "; cost: "
               << (a.cost < 0  ? QStringLiteral("unknown")
                   : estimated ? QStringLiteral("~$%1 (estimated)").arg(a.cost, 0, 'f', 4)
                               : QStringLiteral("$%1").arg(a.cost, 0, 'f', 4))
               << " (" << terminalSafe(a.model, LineBreaks::Escape)
               << ", sharing: " << sharingModeName(context->mode) << ")" << Qt::endl;
        loop.quit();
    });
    QObject::connect(&session, &ChatSession::answerFailed, &loop,
                     [&](const ChatError &e, const ChatAnswer &) {
                         if (printStream && streamedSomething)
                             io.out << "\n";
                         io.out.flush();
                         io.err << prefix << terminalSafe(e.message) << Qt::endl;
                         rc = 1;
                         loop.quit();
                     });
    if (!session.ask(question)) {
        io.err << prefix << "could not start the request" << Qt::endl;
        return 1;
    }
    loop.exec();
    return rc;
}

} // namespace cl::cli
