// ChatToolRegistry: every chat tool as one entry, from which definitions, dispatch and display
// come.
#pragma once

#include "ChatContext.h"
#include "ChatTools.h"
#include "SharingMode.h"
#include "llm/ChatTypes.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace cl {

/// The one JSON shape a tool's result has; each has one renderer (resultMarkdown()).
enum class ToolResultType
{
    SegmentTable, ///< {by, population, subscribers, overall_rate, segments: [...], ...}: each
                  ///< segment in SegmentFormatter::segmentJson's shape (as `segments --json`)
    QueryRows,    ///< {columns, rows, truncated, suppression?}
    ModelSummary, ///< the stored run: {run_id, held_out, coefficients: [{term, odds_ratio, ...}]}
};

/// One tool the model may call.
struct ChatTool
{
    QString name;
    QString description;    ///< For the model.
    QJsonObject parameters; ///< JSON schema of the arguments.
    /// Sharing modes in which it runs; in any other it is refused before its executor is called.
    QList<SharingMode> sharedIn;
    ToolResultType resultType = ToolResultType::QueryRows;
    /// Runs the call. `out` carries the call's id, name and arguments; the executor fills
    /// `ok` and `result`. Called on a worker thread (ChatSession): it must not touch widgets or
    /// the GUI thread's Workspace.
    std::function<ToolOutcome(ToolOutcome out, const QJsonObject &args, const ChatContext &)>
        execute;
    /// The argument shown to people for a call, when one stands out (run_sql: "sql", shown as
    /// a code block of that language); empty: the JSON arguments are shown.
    QString displayArgument;
};

/**
 * The chat tools, in one table. definitions() is what the model is offered, execute() the
 * only dispatcher, and callMarkdown()/callText() what the chat panel and `campaignlens-cli ask
 * --evidence` show. Immutable after construction; safe to use from any thread.
 */
class ChatToolRegistry
{
public:
    /// The built-in tools: segment_stats, run_sql, model_summary.
    static const ChatToolRegistry &builtIn();

    explicit ChatToolRegistry(QList<ChatTool> tools) : m_tools(std::move(tools)) {}

    const QList<ChatTool> &tools() const { return m_tools; }
    const ChatTool *find(const QString &name) const;
    QList<ToolDefinition> definitions() const;
    /// Parses the arguments, refuses unknown tools and tools not shared in the context's mode,
    /// and runs the executor. Never on the GUI thread (asserted in debug builds).
    ToolOutcome execute(const ToolCall &call, const ChatContext &context) const;

    /// The call and its result as Markdown (chat panel evidence).
    QString callMarkdown(const ToolOutcome &outcome) const;
    /// The call on one line, for a terminal: "run_sql: SELECT ..." or "segment_stats {...}".
    QString callText(const ToolOutcome &outcome) const;
    /// A result of `type` as Markdown; a refusal ({"error": ...}) as one line.
    static QString resultMarkdown(ToolResultType type, const QString &json);

private:
    QList<ChatTool> m_tools;
};

/// The JSON text a tool sends back, for executors and the session.
namespace ToolResult {
/// `o` as compact JSON text.
QString compact(const QJsonObject &o);
/// `out` refused: ok false, result {"error": why} (what the model is told).
ToolOutcome refused(ToolOutcome out, const QString &why);
} // namespace ToolResult

/// True on the thread of a QGuiApplication (where widgets live); false in the CLI and tests.
bool isGuiThread();

} // namespace cl
