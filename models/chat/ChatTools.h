// The tools the model may call (segment_stats, run_sql, model_summary), executed locally.
#pragma once

#include "ChatContext.h"
#include "llm/ChatTypes.h"

#include <QJsonArray>
#include <QList>
#include <QString>

namespace cl {

/// What one tool call did: kept as evidence of the answer and sent back to the model.
struct ToolOutcome
{
    QString callId;
    QString name;
    QString arguments; ///< The model's JSON arguments as received.
    QString result;    ///< Compact JSON sent back to the model (an {"error":...} on refusal).
    bool ok = false;   ///< False when refused or failed (the model is told why).
};

/// Tool calls as stored (chat_exchange.evidence) and printed by `ask --json`: an array of
/// {tool, arguments, ok, result}; the call ids are not kept.
QJsonArray toolOutcomesJson(const QList<ToolOutcome> &outcomes);
QList<ToolOutcome> toolOutcomesFromJson(const QString &json);

/**
 * Tool definitions and their local execution under the context's sharing mode. Nothing the
 * model writes is executed except run_sql's single SELECT, which ReadOnlyQuery runs on its
 * own read-only connection, on the dataset's labelled silver view only, with a row cap and a
 * time limit.
 *
 * Sharing rules (enforced here, on the results, whatever the model asks):
 * - aggregates (default): segment_stats drops segments with fewer than k clients and refuses
 *   a filtered population under k; run_sql accepts only the aggregate grammar of AggregateSql
 *   and runs AggregateSql's re-emitted query, in which SQLite drops groups of fewer than k
 *   clients and nulls SUM/AVG/TOTAL over fewer than k values; a text value that is not a
 *   column name or a level held by at least k clients still refuses the whole result.
 * - schema: segment_stats, run_sql and model_summary are refused.
 * - rows: no suppression; run_sql may return up to 200 rows.
 *
 * Stateless; execute() may run on any thread (it opens its own read-only connection).
 */
class ChatTools
{
public:
    static constexpr int kMaxSqlRows = 200;
    static constexpr int kSqlTimeLimitMs = 3000;
    /// A live dataset's statements: the engine stops them after this (statement_timeout,
    /// max_execution_time).
    static constexpr int kEngineTimeLimitMs = 30000;
    static constexpr int kDefaultTop = 15;

    static QList<ToolDefinition> definitions();
    static ToolOutcome execute(const ToolCall &call, const ChatContext &context);
    /// The rules above in one paragraph for the system prompt.
    static QString sharingRules(const ChatContext &context);
    /// One line on the latest fitted model ("no model fitted yet" until models are stored).
    static QString modelSummaryText(const ChatContext &context);
};

} // namespace cl
