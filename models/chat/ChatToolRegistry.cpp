// ChatToolRegistry: dispatch by table, and the one display form of each tool result type.
#include "ChatToolRegistry.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

#include <cmath>

namespace cl {

QString ToolResult::compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

ToolOutcome ToolResult::refused(ToolOutcome out, const QString &why)
{
    out.ok = false;
    out.result = compact(QJsonObject{{QStringLiteral("error"), why}});
    return out;
}

namespace {

using ToolResult::compact;
using ToolResult::refused;

/// A JSON value as a Markdown table cell.
QString cell(const QJsonValue &v)
{
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == std::floor(d) && std::abs(d) < 1e15 ? QString::number(qint64(d))
                                                        : QString::number(d, 'g', 6);
    }
    if (v.isArray()) {
        QStringList parts;
        for (const auto &x : v.toArray())
            parts << cell(x);
        return parts.join(QStringLiteral(" / "));
    }
    if (v.isNull())
        return QStringLiteral("NULL");
    return v.toVariant().toString().replace(QLatin1Char('|'), QStringLiteral("\\|"));
}

QString percent(const QJsonValue &v)
{
    return QString::number(v.toDouble() * 100, 'f', 1);
}

QString segmentTableMarkdown(const QJsonObject &o)
{
    QString md = QStringLiteral("Population %1, overall rate %2 %, %3 segments compared")
                     .arg(cell(o.value(QStringLiteral("population"))),
                          percent(o.value(QStringLiteral("overall_rate"))),
                          cell(o.value(QStringLiteral("segments_compared"))));
    if (o.contains(QStringLiteral("suppressed_segments")))
        md += QStringLiteral(", %1 small segments not shared")
                  .arg(cell(o.value(QStringLiteral("suppressed_segments"))));
    md += QStringLiteral(
        "\n\n| Segment | Clients | Subscribers | Rate | 95% CI |\n|---|--:|--:|--:|--:|\n");
    for (const auto &v : o.value(QStringLiteral("segments")).toArray()) {
        const QJsonObject s = v.toObject();
        md += QStringLiteral("| %1 | %2 | %3 | %4 % | %5–%6 % |\n")
                  .arg(cell(s.value(QStringLiteral("labels"))),
                       cell(s.value(QStringLiteral("clients"))),
                       cell(s.value(QStringLiteral("subscribers"))),
                       percent(s.value(QStringLiteral("rate"))),
                       percent(s.value(QStringLiteral("wilson_low"))),
                       percent(s.value(QStringLiteral("wilson_high"))));
    }
    return md;
}

QString queryRowsMarkdown(const QJsonObject &o)
{
    QStringList head, rule;
    for (const auto &c : o.value(QStringLiteral("columns")).toArray()) {
        head << cell(c);
        rule << QStringLiteral("---");
    }
    QString md = QStringLiteral("| %1 |\n|%2|\n")
                     .arg(head.join(QStringLiteral(" | ")), rule.join(QLatin1Char('|')));
    for (const auto &r : o.value(QStringLiteral("rows")).toArray()) {
        QStringList cells;
        for (const auto &c : r.toArray())
            cells << cell(c);
        md += QStringLiteral("| %1 |\n").arg(cells.join(QStringLiteral(" | ")));
    }
    if (o.value(QStringLiteral("truncated")).toBool())
        md += QStringLiteral("\n(more rows than were returned)\n");
    if (o.contains(QStringLiteral("suppression")))
        md += QStringLiteral("\n%1.\n").arg(o.value(QStringLiteral("suppression")).toString());
    // Results stored before the aggregates rule was enforced by SQLite carry a count.
    if (o.contains(QStringLiteral("suppressed_rows")))
        md += QStringLiteral("\n%1 rows of fewer than k clients not shared.\n")
                  .arg(cell(o.value(QStringLiteral("suppressed_rows"))));
    return md;
}

QString modelSummaryMarkdown(const QJsonObject &o)
{
    if (o.contains(QStringLiteral("available")) && !o.value(QStringLiteral("available")).toBool())
        return o.value(QStringLiteral("message")).toString() + QLatin1Char('\n');
    const QJsonObject auc =
        o.value(QStringLiteral("held_out")).toObject().value(QStringLiteral("auc")).toObject();
    // A live dataset's model is fitted when asked: no run id, and `fitted` says how.
    const QString which =
        o.contains(QStringLiteral("run_id"))
            ? QStringLiteral("Model run %1").arg(cell(o.value(QStringLiteral("run_id"))))
            : QStringLiteral("Model fitted %1").arg(cell(o.value(QStringLiteral("fitted"))));
    QString md = QStringLiteral("%1, held-out AUC %2 (95% CI %3 to %4)\n\n")
                     .arg(which)
                     .arg(auc.value(QStringLiteral("auc")).toDouble(), 0, 'f', 3)
                     .arg(auc.value(QStringLiteral("ci_low")).toDouble(), 0, 'f', 3)
                     .arg(auc.value(QStringLiteral("ci_high")).toDouble(), 0, 'f', 3);
    md += QStringLiteral("| Term | Odds ratio | 95% CI |\n|---|--:|--:|\n");
    for (const auto &v : o.value(QStringLiteral("coefficients")).toArray()) {
        const QJsonObject t = v.toObject();
        md += QStringLiteral("| %1 | %2 | %3–%4 |\n")
                  .arg(cell(t.value(QStringLiteral("term"))))
                  .arg(t.value(QStringLiteral("odds_ratio")).toDouble(), 0, 'f', 2)
                  .arg(t.value(QStringLiteral("or_low")).toDouble(), 0, 'f', 2)
                  .arg(t.value(QStringLiteral("or_high")).toDouble(), 0, 'f', 2);
    }
    if (o.contains(QStringLiteral("suppressed_terms")))
        md += QStringLiteral("\n%1 terms of rare levels not shared.\n")
                  .arg(cell(o.value(QStringLiteral("suppressed_terms"))));
    return md;
}

} // namespace

QJsonArray toolOutcomesJson(const QList<ToolOutcome> &outcomes)
{
    QJsonArray out;
    for (const ToolOutcome &o : outcomes)
        out.append(QJsonObject{{QStringLiteral("tool"), o.name},
                               {QStringLiteral("arguments"), o.arguments},
                               {QStringLiteral("ok"), o.ok},
                               {QStringLiteral("result"), o.result}});
    return out;
}

QList<ToolOutcome> toolOutcomesFromJson(const QString &json)
{
    QList<ToolOutcome> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.toUtf8()).array()) {
        const QJsonObject o = v.toObject();
        ToolOutcome t;
        t.name = o.value(QStringLiteral("tool")).toString();
        t.arguments = o.value(QStringLiteral("arguments")).toString();
        t.ok = o.value(QStringLiteral("ok")).toBool();
        t.result = o.value(QStringLiteral("result")).toString();
        out << t;
    }
    return out;
}

bool isGuiThread()
{
    const QCoreApplication *app = QCoreApplication::instance();
    return app && app->inherits("QGuiApplication") && QThread::currentThread() == app->thread();
}

const ChatTool *ChatToolRegistry::find(const QString &name) const
{
    for (const ChatTool &t : m_tools) {
        if (t.name == name)
            return &t;
    }
    return nullptr;
}

QList<ToolDefinition> ChatToolRegistry::definitions() const
{
    QList<ToolDefinition> out;
    for (const ChatTool &t : m_tools)
        out << ToolDefinition{t.name, t.description, t.parameters};
    return out;
}

ToolOutcome ChatToolRegistry::execute(const ToolCall &call, const ChatContext &context) const
{
    // A tool may scan the whole dataset or run SQL for seconds: never where widgets paint.
    Q_ASSERT_X(!isGuiThread(), "ChatToolRegistry::execute", "chat tools run off the GUI thread");
    ToolOutcome out;
    out.callId = call.id;
    out.name = call.name;
    out.arguments = call.arguments;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(
        call.arguments.trimmed().isEmpty() ? QByteArray("{}") : call.arguments.toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return refused(out, QStringLiteral("arguments are not a JSON object: ") + pe.errorString());
    const ChatTool *tool = find(call.name);
    if (!tool)
        return refused(out, QStringLiteral("unknown tool '%1'").arg(call.name));
    if (!tool->sharedIn.contains(context.mode))
        return refused(out, context.mode == SharingMode::Schema
                                ? QStringLiteral("not available: the user shares the schema "
                                                 "only, no data values")
                                : QStringLiteral("not available in this sharing mode"));
    return tool->execute(out, doc.object(), context);
}

QString ChatToolRegistry::resultMarkdown(ToolResultType type, const QString &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    if (o.contains(QStringLiteral("error")))
        return QStringLiteral("*Refused:* ") + o.value(QStringLiteral("error")).toString() + "\n";
    switch (type) {
    case ToolResultType::SegmentTable:
        return segmentTableMarkdown(o);
    case ToolResultType::QueryRows:
        return queryRowsMarkdown(o);
    case ToolResultType::ModelSummary:
        return modelSummaryMarkdown(o);
    }
    return {};
}

QString ChatToolRegistry::callMarkdown(const ToolOutcome &outcome) const
{
    const QJsonObject args = QJsonDocument::fromJson(outcome.arguments.toUtf8()).object();
    const ChatTool *tool = find(outcome.name);
    QString md;
    if (tool && !tool->displayArgument.isEmpty())
        md += QStringLiteral("```%1\n%2\n```\n\n")
                  .arg(tool->displayArgument, args.value(tool->displayArgument).toString());
    else if (!args.isEmpty())
        md += QStringLiteral("`%1`\n\n").arg(outcome.arguments);
    // An answer stored by a tool this build no longer has: its JSON as it was.
    md += tool ? resultMarkdown(tool->resultType, outcome.result)
               : QStringLiteral("```\n%1\n```\n").arg(outcome.result);
    return md;
}

QString ChatToolRegistry::callText(const ToolOutcome &outcome) const
{
    const ChatTool *tool = find(outcome.name);
    if (tool && !tool->displayArgument.isEmpty()) {
        const QJsonObject args = QJsonDocument::fromJson(outcome.arguments.toUtf8()).object();
        return outcome.name + QStringLiteral(": ") + args.value(tool->displayArgument).toString();
    }
    return outcome.name + QLatin1Char(' ') +
           (outcome.arguments.isEmpty() ? QStringLiteral("{}") : outcome.arguments);
}

} // namespace cl
