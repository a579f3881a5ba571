// ChatTools: the built-in tools (schemas, executors with the sharing rules applied) and their
// registry.
#include "ChatTools.h"

#include "AggregateQuery.h"
#include "ChatToolRegistry.h"
#include "EngineAggregateQuery.h"

#include "data/ColumnRole.h"
#include "segments/SegmentEngine.h"
#include "segments/SegmentFormatter.h"
#include "store/Database.h"
#include "store/ReadOnlyQuery.h"
#include "warehouse/LiveDataset.h"
#include "warehouse/LiveModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <cmath>

namespace cl {

namespace {

using ToolResult::compact;
using ToolResult::refused;

double round4(double v)
{
    return std::round(v * 10000.0) / 10000.0;
}

QJsonValue jsonValue(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
        return double(v.toLongLong());
    case QMetaType::Double:
        return std::isfinite(v.toDouble()) ? QJsonValue(v.toDouble()) : QJsonValue();
    default:
        return v.isNull() ? QJsonValue() : QJsonValue(v.toString());
    }
}

QString admitSegmentQuery(const SegmentQuery &q, const ChatContext &ctx, WarehouseConnection *conn);

/// A read-only session to a live dataset's engine for one tool call, its statements stopped
/// by the server after ChatTools::kEngineTimeLimitMs.
std::unique_ptr<WarehouseConnection> openLive(const ChatContext &ctx, QString *error)
{
    return openWarehouse(ctx.live->url, error, ChatTools::kEngineTimeLimitMs);
}

ToolOutcome segmentStats(ToolOutcome out, const QJsonObject &args, const ChatContext &ctx)
{
    if (!ctx.frame && !ctx.live)
        return refused(out, QStringLiteral("no dataset loaded"));
    SegmentQuery q;
    for (const auto &v : args.value(QStringLiteral("by")).toArray())
        q.by << v.toString();
    if (args.value(QStringLiteral("by")).isString())
        q.by << args.value(QStringLiteral("by")).toString();
    const QJsonObject filters = args.value(QStringLiteral("filters")).toObject();
    for (auto it = filters.begin(); it != filters.end(); ++it) {
        SegmentFilter f;
        f.column = it.key();
        if (it.value().isArray())
            for (const auto &v : it.value().toArray())
                f.labels << v.toString();
        else
            f.labels << it.value().toString();
        q.filters << f;
    }
    const bool rows = ctx.mode == SharingMode::Rows;
    q.minN = std::max(args.value(QStringLiteral("min_n")).toInt(30), rows ? 0 : ctx.minGroupSize);
    const int top =
        std::clamp(args.value(QStringLiteral("top")).toInt(ChatTools::kDefaultTop), 1, 100);
    std::unique_ptr<WarehouseConnection> conn;
    SegmentResult r;
    if (ctx.live) {
        // One GROUP BY on the engine; the statistics are SegmentEngine's, as for a local one.
        QString error;
        conn = openLive(ctx, &error);
        if (!conn)
            return refused(out, error);
        LiveSegments live = LiveDataset::segments(*conn, *ctx.live, q);
        r = std::move(live.result);
        if (r.ok && !live.changed.isEmpty())
            r.warnings << live.changed;
    } else {
        r = SegmentEngine(*ctx.frame).run(q);
    }
    if (!r.ok) {
        // The engine lists a column's levels, rare ones included: in aggregates mode the model
        // is pointed at the data dictionary, which names levels of at least k clients only.
        QString why = r.error;
        // Everything from the list on goes: a level may hold ')' (as "(missing)" does), so no
        // pattern can tell where the list ends.
        if (const qsizetype at = why.indexOf(QLatin1String(" (values: ")); !rows && at >= 0)
            why = why.left(at) +
                  QStringLiteral(" (the data dictionary lists the levels that may be used)");
        return refused(out, why);
    }
    if (!rows && r.population < ctx.minGroupSize)
        return refused(out, QStringLiteral("the filtered population has fewer than %1 clients; "
                                           "not shared (aggregates only)")
                                .arg(ctx.minGroupSize));
    if (!rows) {
        // The population, its subscribers and the segments shown, less those of an earlier
        // call (or run_sql), would describe the clients in between: the same guard as run_sql.
        const QString why = admitSegmentQuery(q, ctx, conn.get());
        if (!why.isEmpty())
            return refused(out, why);
    }
    QJsonArray segments;
    int suppressed = 0;
    for (const SegmentRow &row : r.rows) {
        if (!rows && row.clients < ctx.minGroupSize) {
            ++suppressed;
            continue;
        }
        if (segments.size() >= top)
            continue;
        // In aggregates mode the rank counts the segments shown only: counting the suppressed
        // ones told where a one-client segment ranked, i.e. whether it subscribed.
        const int rank = rows ? row.rank : int(segments.size()) + 1;
        QJsonObject segment = SegmentFormatter::segmentJson(row, rank, true);
        // The empirical-Bayes rate shrinks towards a prior fitted over every segment, the
        // suppressed ones too: it would tell whether a one-client segment subscribed.
        if (!rows)
            segment.remove(QStringLiteral("bayes_rate"));
        segments.append(segment);
    }
    QJsonObject o{{QStringLiteral("by"), QJsonArray::fromStringList(q.by)},
                  {QStringLiteral("population"), double(r.population)},
                  {QStringLiteral("subscribers"), double(r.subscribers)},
                  {QStringLiteral("overall_rate"), round4(r.overallRate)},
                  {QStringLiteral("segments_compared"), r.segmentsCompared},
                  {QStringLiteral("ranking"), QStringLiteral("wilson lower bound")},
                  {QStringLiteral("min_n"), q.minN},
                  {QStringLiteral("segments"), segments}};
    if (suppressed > 0)
        o.insert(QStringLiteral("suppressed_segments"), suppressed);
    if (!r.warnings.isEmpty())
        o.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(r.warnings));
    out.ok = true;
    out.result = compact(o);
    return out;
}

/// Text values an aggregate result may contain: column names and levels of >= k clients.
QSet<QString> shareableTexts(const ChatContext &ctx)
{
    QSet<QString> ok;
    for (const SilverColumn &c : ctx.dataset.columns)
        ok.insert(c.name);
    for (const SegmentResult &r : ctx.liveLevels)
        for (const SegmentRow &row : r.rows)
            if (row.clients >= ctx.minGroupSize)
                ok.insert(row.labels.value(0));
    if (!ctx.frame)
        return ok;
    for (const FrameColumn &c : ctx.frame->columns()) {
        ok.insert(c.name);
        if (!c.isCategorical())
            continue;
        const std::vector<qint64> n = c.levelCounts();
        for (int i = 0; i < c.levelCount(); ++i)
            if (n[size_t(i)] >= ctx.minGroupSize)
                ok.insert(c.levels[i]);
    }
    return ok;
}

constexpr const char *kRowIdColumnName = "row_id";

/// The columns a WHERE may test in aggregates mode: the categorical ones (levels and bands).
/// Numeric values could single a client out; the target would let a filter pad a difference
/// with rows of known outcome.
QStringList filterColumns(const ChatContext &ctx, const QStringList &columns)
{
    QStringList out;
    for (const QString &c : columns) {
        bool categorical = false;
        for (const SilverColumn &s : ctx.dataset.columns)
            if (s.name == c && s.categorical)
                categorical = true;
        if (categorical)
            out << c;
    }
    return out;
}

/// The aggregates-mode rules for the dataset's view: its columns but the row id, and the
/// categorical ones as filters.
bool aggregateRules(const ChatContext &ctx, ReadOnlyQuery &query, const ReadOnlyQueryOptions &opt,
                    AggregateSqlRules *rules, QString *error)
{
    const ReadOnlyQueryResult shape = query.run(
        QStringLiteral("SELECT * FROM \"%1\" LIMIT 0").arg(ctx.dataset.silverView()), opt);
    if (!shape.ok) {
        *error = shape.error;
        return false;
    }
    rules->view = ctx.dataset.silverView();
    rules->minGroupSize = ctx.minGroupSize;
    // The row id would let a filter pick out one client: not readable in aggregates mode.
    for (const QString &c : shape.columns)
        if (c.compare(QLatin1String(kRowIdColumnName), Qt::CaseInsensitive) != 0 &&
            c.compare(ctx.dataset.rowIdColumn, Qt::CaseInsensitive) != 0)
            rules->columns << c;
    rules->filterColumns = filterColumns(ctx, rules->columns);
    rules->indicatorColumns = {QStringLiteral("y")}; // the target, 0/1 in the labelled view
    return true;
}

ReadOnlyQueryOptions toolQueryOptions(const ChatContext &ctx)
{
    ReadOnlyQueryOptions opt;
    opt.maxRows = ChatTools::kMaxSqlRows;
    opt.timeLimitMs = ChatTools::kSqlTimeLimitMs;
    opt.allowedTables = {ctx.dataset.silverView()};
    opt.maxResultBytes = 256 * 1024;
    return opt;
}

/// segment_stats in aggregates mode under run_sql's differencing guard: its filters and
/// grouping as the aggregate SELECT they amount to, checked against (and added to) the
/// conversation's history. An empty string if it may be shared. `conn`: a live dataset's
/// engine, where the check runs.
QString admitSegmentQuery(const SegmentQuery &q, const ChatContext &ctx, WarehouseConnection *conn)
{
    std::optional<ReadOnlyQuery> query;
    const ReadOnlyQueryOptions opt = toolQueryOptions(ctx);
    AggregateSqlRules rules;
    QString error;
    if (conn) {
        rules = EngineAggregateQuery::rules(*conn, *ctx.live, ctx.minGroupSize);
    } else {
        query.emplace(ctx.workspacePath);
        if (!query->isOpen())
            return query->openError();
        if (!aggregateRules(ctx, *query, opt, &rules, &error))
            return error;
    }
    QStringList conditions;
    for (const SegmentFilter &f : q.filters) {
        QStringList literals, tests;
        for (const QString &label : f.labels) {
            // The clients the segment engines select (SegmentEngine::filterMasks,
            // LiveDataset::segmentSql): "(missing)" is NULL and the level an empty field is
            // imported as, which a live table's labels always are. Checked as NULL alone, the
            // level's clients were shared and then told by difference.
            if (label == SegmentEngine::missingLabel())
                tests << Database::quoteIdentifier(f.column) + QStringLiteral(" IS NULL");
            literals << Database::quoteLiteral(label);
        }
        if (!literals.isEmpty())
            tests << QStringLiteral("%1 IN (%2)")
                         .arg(Database::quoteIdentifier(f.column),
                              literals.join(QStringLiteral(", ")));
        if (tests.isEmpty())
            tests << QStringLiteral("0");
        conditions << QLatin1Char('(') + tests.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    }
    QStringList groups;
    for (const QString &c : q.by)
        groups << Database::quoteIdentifier(c);
    // It shares the segments' clients and subscribers, and the filtered population's: two
    // aggregate queries, grouped and not.
    QString sql =
        QStringLiteral("SELECT COUNT(*), SUM(%1) FROM %2")
            .arg(Database::quoteIdentifier(kTargetColumn), Database::quoteIdentifier(rules.view));
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    const AggregateSqlParse total = AggregateSql::parse(sql, rules);
    if (!groups.isEmpty())
        sql += QStringLiteral(" GROUP BY ") + groups.join(QStringLiteral(", "));
    const AggregateSqlParse parsed = AggregateSql::parse(sql, rules);
    if (!parsed.ok || !total.ok)
        return QStringLiteral("refused: these filters cannot be shared in aggregates mode (%1)")
            .arg(parsed.ok ? total.error : parsed.error);
    AggregateQueryHistory *history = ctx.queryHistory.get();
    if (!history)
        return {};
    if (!history->spend())
        return QStringLiteral("refused: this conversation has run %1 aggregate queries, the most "
                              "one conversation may; start a new one")
            .arg(AggregateQueryHistory::kMaxQueries);
    // One audit of both: the combinations check sees the grouped cells and the population.
    const QList<AggregateQueryHistory::Entry> alsoShared{AggregateQuery::entryOf(total.query)};
    error = conn ? EngineAggregateQuery::checkDifferencing(*conn, *ctx.live, parsed.query, rules,
                                                           history->entries(), alsoShared)
                 : AggregateQuery::checkDifferencing(*query, parsed.query, rules, opt,
                                                     history->entries(), alsoShared);
    if (!error.isEmpty())
        return error;
    history->add(AggregateQuery::entryOf(parsed.query));
    history->add(AggregateQuery::entryOf(total.query));
    return {};
}

ToolOutcome sqlOutcome(ToolOutcome out, const AggregateQueryResult &r, const ChatContext &ctx);

ToolOutcome runSql(ToolOutcome out, const QJsonObject &args, const ChatContext &ctx)
{
    const QString sql = args.value(QStringLiteral("sql")).toString();
    if (sql.trimmed().isEmpty())
        return refused(out, QStringLiteral("sql is empty"));
    const bool rows = ctx.mode == SharingMode::Rows;
    if (ctx.live) {
        // On a live dataset the engine runs the aggregate grammar only, in every mode; with
        // rows allowed nothing is suppressed (k = 1).
        QString error;
        const std::unique_ptr<WarehouseConnection> conn = openLive(ctx, &error);
        if (!conn)
            return refused(out, error);
        const AggregateSqlRules rules =
            EngineAggregateQuery::rules(*conn, *ctx.live, rows ? 1 : ctx.minGroupSize);
        return sqlOutcome(out,
                          EngineAggregateQuery::run(*conn, *ctx.live, sql, rules,
                                                    rows ? nullptr : ctx.queryHistory.get(),
                                                    ChatTools::kMaxSqlRows),
                          ctx);
    }
    ReadOnlyQuery query(ctx.workspacePath);
    if (!query.isOpen())
        return refused(out, query.openError());
    const ReadOnlyQueryOptions opt = toolQueryOptions(ctx);
    AggregateQueryResult r;
    if (rows) {
        const ReadOnlyQueryResult plain = query.run(sql, opt);
        r.ok = plain.ok;
        r.error = plain.error;
        r.timedOut = plain.timedOut;
        r.truncated = plain.truncated;
        r.columns = plain.columns;
        r.rows = plain.rows;
    } else {
        // The model's text is never run as written: AggregateQuery parses it, runs SQL written
        // from the parsed tree under an authorizer that allows the view's columns and the
        // grammar's functions only, and checks the group sizes SQLite counted.
        AggregateSqlRules rules;
        QString error;
        if (!aggregateRules(ctx, query, opt, &rules, &error))
            return refused(out, error);
        r = AggregateQuery::run(query, sql, rules, opt, ctx.queryHistory.get());
    }
    return sqlOutcome(out, r, ctx);
}

/// run_sql's answer as sent to the model, or its refusal.
ToolOutcome sqlOutcome(ToolOutcome out, const AggregateQueryResult &r, const ChatContext &ctx)
{
    const bool rows = ctx.mode == SharingMode::Rows;
    if (!r.ok)
        return refused(out,
                       r.timedOut ? QStringLiteral("query stopped: over the time limit") : r.error);
    const QSet<QString> texts = rows ? QSet<QString>() : shareableTexts(ctx);
    QJsonArray outRows;
    for (const QVariantList &row : std::as_const(r.rows)) {
        QJsonArray cells;
        for (const QVariant &v : row) {
            // Defence in depth: a group key is a level of >= k clients by construction.
            if (!rows && v.typeId() == QMetaType::QString && !texts.contains(v.toString()))
                return refused(out, QStringLiteral("only aggregates may be shared: the result "
                                                   "holds a text value that is not a column "
                                                   "name or a level of at least %1 clients")
                                        .arg(ctx.minGroupSize));
            cells.append(jsonValue(v));
        }
        outRows.append(cells);
    }
    QJsonObject o{{QStringLiteral("columns"), QJsonArray::fromStringList(r.columns)},
                  {QStringLiteral("rows"), outRows},
                  {QStringLiteral("truncated"), r.truncated}};
    if (r.dominated > 0)
        o.insert(QStringLiteral("dominated_values_left_out"), r.dominated);
    if (!rows)
        o.insert(QStringLiteral("suppression"),
                 QStringLiteral("groups of fewer than %1 clients are left out; SUM/AVG/TOTAL "
                                "over fewer than %1 values, COUNT(column) of fewer than %1 "
                                "values or NULLs, and sums in which one client holds more than "
                                "half are null")
                     .arg(ctx.minGroupSize));
    out.ok = true;
    out.result = compact(o);
    return out;
}

QJsonObject schemaOf(std::initializer_list<std::pair<QString, QJsonValue>> props,
                     const QStringList &required = {})
{
    QJsonObject p;
    for (const auto &[k, v] : props)
        p.insert(k, v);
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("object")},
                  {QStringLiteral("properties"), p}};
    if (!required.isEmpty())
        o.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    return o;
}

/// The stored model with, in aggregates mode, terms of levels held by fewer than k clients
/// left out (their names would reveal rare values).
QJsonObject shareableModel(QJsonObject m, const ChatContext &ctx)
{
    if (ctx.mode == SharingMode::Rows)
        return m;
    const QSet<QString> ok = shareableTexts(ctx);
    QJsonArray kept;
    int dropped = 0;
    for (const auto &v : m.value(QStringLiteral("coefficients")).toArray()) {
        const QString level = v.toObject().value(QStringLiteral("level")).toString();
        if (!level.isEmpty() && !ok.contains(level)) {
            ++dropped;
            continue;
        }
        QJsonObject t = v.toObject();
        t.remove(QStringLiteral("vif"));
        kept.append(t);
    }
    m.insert(QStringLiteral("coefficients"), kept);
    if (dropped > 0)
        m.insert(QStringLiteral("suppressed_terms"), dropped);
    return m;
}

/// A live dataset has no stored runs: its default model, fitted on the engine now with rows
/// held out by row hash (as its report fits it), in the shape of a stored run's.
ToolOutcome liveModelSummary(ToolOutcome out, const ChatContext &ctx)
{
    QString error;
    const std::unique_ptr<WarehouseConnection> conn = openLive(ctx, &error);
    if (!conn)
        return refused(out, error);
    ModelRunSettings settings;
    settings.validation.split.kind = SplitKind::RowHash;
    const LiveRun run = LiveModel::run(*conn, *ctx.live, settings);
    if (!run.result.ok() || !run.evaluation.ok())
        return refused(out, run.result.ok() ? run.evaluation.error : run.result.error);
    QJsonObject m = chatModel(run.result.settings.toJson(), run.result.metricsJson(),
                              run.result.coefficientsJson());
    m.insert(QStringLiteral("fitted"),
             QStringLiteral("now, on %1 for this question, with %2 clients held out by a hash "
                            "of their values; not stored")
                 .arg(conn->engine())
                 .arg(run.fit.heldOutRows));
    out.ok = true;
    out.result = compact(shareableModel(m, ctx));
    return out;
}

ToolOutcome modelSummary(ToolOutcome out, const QJsonObject &, const ChatContext &ctx)
{
    if (ctx.model.isEmpty() && ctx.live)
        return liveModelSummary(out, ctx);
    out.ok = true;
    out.result =
        ctx.model.isEmpty()
            ? compact(QJsonObject{{QStringLiteral("available"), false},
                                  {QStringLiteral("message"), ChatTools::modelSummaryText(ctx)}})
            : compact(shareableModel(ctx.model, ctx));
    return out;
}

} // namespace

const ChatToolRegistry &ChatToolRegistry::builtIn()
{
    const QJsonObject stringArray{
        {QStringLiteral("type"), QStringLiteral("array")},
        {QStringLiteral("items"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}};
    static const ChatToolRegistry registry({
        {QStringLiteral("segment_stats"),
         QStringLiteral("Subscription rate per segment: clients, subscribers, rate, 95% Wilson "
                        "interval and lift, ranked by the interval's lower bound. Segments by 1 "
                        "to 3 categorical columns, optionally filtered."),
         schemaOf({{QStringLiteral("by"), stringArray},
                   {QStringLiteral("filters"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                {QStringLiteral("description"),
                                 QStringLiteral("column -> list of levels to keep")},
                                {QStringLiteral("additionalProperties"), stringArray}}},
                   {QStringLiteral("min_n"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                                {QStringLiteral("description"),
                                 QStringLiteral("segments with fewer clients are flagged small")}}},
                   {QStringLiteral("top"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")}}}},
                  {QStringLiteral("by")}),
         {SharingMode::Aggregates, SharingMode::Rows},
         ToolResultType::SegmentTable,
         segmentStats,
         {}},
        {QStringLiteral("run_sql"),
         QStringLiteral("One read-only SQLite SELECT on the dataset's view (see the data "
                        "dictionary). y is 1 for subscribers. Follow the data-sharing rules: "
                        "in aggregates mode only SELECT <group columns>, COUNT(*), "
                        "COUNT(col), SUM(col), AVG(col), TOTAL(col), ROUND and "
                        "arithmetic over them FROM the view [WHERE <tests of categorical "
                        "columns>] [GROUP BY columns] [HAVING ...] [ORDER BY ...] [LIMIT n] is "
                        "accepted."),
         schemaOf({{QStringLiteral("sql"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}},
                  {QStringLiteral("sql")}),
         {SharingMode::Aggregates, SharingMode::Rows},
         ToolResultType::QueryRows,
         runSql,
         QStringLiteral("sql")},
        {QStringLiteral("model_summary"),
         QStringLiteral("Odds ratios with 95% intervals and validation metrics of the latest "
                        "logistic model, if one was fitted."),
         schemaOf({}),
         {SharingMode::Aggregates, SharingMode::Rows},
         ToolResultType::ModelSummary,
         modelSummary,
         {}},
    });
    return registry;
}

QList<ToolDefinition> ChatTools::definitions()
{
    return ChatToolRegistry::builtIn().definitions();
}

ToolOutcome ChatTools::execute(const ToolCall &call, const ChatContext &context)
{
    return ChatToolRegistry::builtIn().execute(call, context);
}

QString ChatTools::sharingRules(const ChatContext &context)
{
    switch (context.mode) {
    case SharingMode::Aggregates:
        return QStringLiteral(
                   "Aggregates only: groups of fewer than %1 clients are suppressed. run_sql "
                   "accepts only SELECT <GROUP BY columns>, COUNT(*) AS n and SUM/AVG/TOTAL/"
                   "COUNT of a bare column (no MIN/MAX, COUNT(DISTINCT), CASE, subqueries, UNION, "
                   "CTEs, window or other functions) FROM the view, WHERE on categorical columns "
                   "only (use band columns for numbers), e.g. SELECT job, COUNT(*) AS n, AVG(y) "
                   "AS rate FROM the view GROUP BY job; %2 leaves out groups of fewer than %1 "
                   "clients and nulls SUM/AVG/TOTAL over fewer than %1 values; filters that "
                   "differ from an earlier one by fewer than %1 clients are refused.")
            .arg(context.minGroupSize)
            .arg(context.live ? QStringLiteral("the %1 engine").arg(context.live->engine)
                              : QStringLiteral("SQLite"));
    case SharingMode::Schema:
        return QStringLiteral("Schema only: no data values are shared; data tools are off. "
                              "Explain how the question could be answered instead.");
    case SharingMode::Rows:
        return context.live
                   ? QStringLiteral("Rows allowed, on a live %1 table: run_sql takes the "
                                    "aggregate grammar (SELECT <GROUP BY columns>, COUNT(*), "
                                    "SUM/AVG/TOTAL/COUNT of a column FROM the view ...), with "
                                    "nothing suppressed; up to %2 rows.")
                         .arg(context.live->engine)
                         .arg(kMaxSqlRows)
                   : QStringLiteral("Rows allowed: run_sql may return up to %1 row-level records.")
                         .arg(kMaxSqlRows);
    }
    return {};
}

QString ChatTools::modelSummaryText(const ChatContext &context)
{
    if (context.model.isEmpty() && context.live)
        return QStringLiteral("no stored model; model_summary fits the default model on the "
                              "engine when called (a few passes over the table)");
    if (context.model.isEmpty())
        return QStringLiteral("no model fitted yet");
    const QJsonObject held = context.model.value(QStringLiteral("held_out")).toObject();
    const QJsonObject auc = held.value(QStringLiteral("auc")).toObject();
    return QStringLiteral("logistic model run %1 (%2): %3 terms; held-out AUC %4 (95% CI %5 to "
                          "%6) on %7 clients. Call model_summary for odds ratios.")
        .arg(context.model.value(QStringLiteral("run_id")).toInt())
        .arg(context.model.value(QStringLiteral("created_at")).toString())
        .arg(context.model.value(QStringLiteral("coefficients")).toArray().size())
        .arg(auc.value(QStringLiteral("auc")).toDouble(), 0, 'f', 3)
        .arg(auc.value(QStringLiteral("ci_low")).toDouble(), 0, 'f', 3)
        .arg(auc.value(QStringLiteral("ci_high")).toDouble(), 0, 'f', 3)
        .arg(qint64(held.value(QStringLiteral("rows")).toDouble()));
}

} // namespace cl
