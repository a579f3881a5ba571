// LiveChatChecks: the chat's tools on a live dataset give what they give on the same rows
// imported, on every engine.
#pragma once

#include "chat/ChatContext.h"
#include "chat/ChatGrounding.h"
#include "chat/ChatToolRegistry.h"
#include "chat/ChatTools.h"
#include "store/LiveDatasets.h"
#include "store/Workspace.h"
#include "warehouse/LiveDataset.h"
#include "warehouse/WarehouseConnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <future>

namespace cl::test {

/// Two JSON values equal, numbers to 1e-9 relative (an engine's AVG is its own sum). Rows
/// (arrays of arrays) are compared in order.
inline bool sameJson(const QJsonValue &a, const QJsonValue &b, QString *where,
                     const QString &path = QStringLiteral("$"))
{
    if (a.isDouble() && b.isDouble()) {
        const double x = a.toDouble(), y = b.toDouble();
        if (std::abs(x - y) <= 1e-9 * std::max({1.0, std::abs(x), std::abs(y)}))
            return true;
        *where = QStringLiteral("%1: %2 vs %3").arg(path).arg(x, 0, 'g', 17).arg(y, 0, 'g', 17);
        return false;
    }
    if (a.type() != b.type()) {
        *where = QStringLiteral("%1: types differ").arg(path);
        return false;
    }
    if (a.isArray()) {
        const QJsonArray x = a.toArray(), y = b.toArray();
        if (x.size() != y.size()) {
            *where = QStringLiteral("%1: %2 vs %3 items").arg(path).arg(x.size()).arg(y.size());
            return false;
        }
        for (qsizetype i = 0; i < x.size(); ++i)
            if (!sameJson(x[i], y[i], where, QStringLiteral("%1[%2]").arg(path).arg(i)))
                return false;
        return true;
    }
    if (a.isObject()) {
        const QJsonObject x = a.toObject(), y = b.toObject();
        if (x.keys() != y.keys()) {
            *where =
                QStringLiteral("%1: keys %2 vs %3")
                    .arg(path, x.keys().join(QLatin1Char(',')), y.keys().join(QLatin1Char(',')));
            return false;
        }
        for (const QString &k : x.keys())
            if (!sameJson(x[k], y[k], where, path + QLatin1Char('.') + k))
                return false;
        return true;
    }
    if (a != b) {
        *where = QStringLiteral("%1: %2 vs %3")
                     .arg(path, a.toVariant().toString(), b.toVariant().toString());
        return false;
    }
    return true;
}

/// A tool's result with its rows in a canonical order (the engines group in their own order
/// when the query has no ORDER BY).
inline QJsonObject sortedResult(const QString &json)
{
    QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    if (!o.contains(QStringLiteral("rows")))
        return o;
    QJsonArray rows = o.value(QStringLiteral("rows")).toArray();
    std::vector<QJsonArray> sorted;
    for (const QJsonValue &r : rows)
        sorted.push_back(r.toArray());
    const auto key = [](const QJsonArray &row) {
        QString k;
        for (const QJsonValue &v : row)
            k += v.isString() ? v.toString() : QStringLiteral("#");
        return k;
    };
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](const QJsonArray &a, const QJsonArray &b) { return key(a) < key(b); });
    rows = {};
    for (const QJsonArray &r : sorted)
        rows.append(r);
    o.insert(QStringLiteral("rows"), rows);
    return o;
}

/// The data dictionary's line for `column`.
inline QString dictionaryLine(const ChatContext &c, const QString &column)
{
    for (const QString &line : ChatGrounding::dataDictionary(c).split(QLatin1Char('\n')))
        if (line.startsWith(QStringLiteral("- %1:").arg(column)))
            return line;
    return {};
}

/**
 * One conversation on the local bank dataset and one on the live one, the same tool calls in
 * the same order: every answer and every refusal is the same, so the guards (k-suppression by
 * the engine, differencing, the audit of combinations) decide as SQLite's do. Then write
 * attempts through run_sql are refused and the table is as it was.
 */
/// A tool call as the app makes it: on a worker thread, never where widgets paint
/// (ChatToolRegistry::execute asserts it; the test runs under a QApplication).
inline ToolOutcome executeOffGui(const ToolCall &call, const ChatContext &context)
{
    return std::async(std::launch::async, [&] { return ChatTools::execute(call, context); }).get();
}

inline void checkLiveChat(const QString &ws, qint64 localId, qint64 liveId)
{
    QString error;
    const auto local = loadChatContext(ws, localId, &error);
    QVERIFY2(local, qPrintable(error));
    const auto live = loadChatContext(ws, liveId, &error);
    QVERIFY2(live, qPrintable(error));
    QVERIFY(live->live && !live->frame);
    QCOMPARE(live->mode, SharingMode::Aggregates);

    // The prompt: the same levels (rare ones hidden alike) and the same overview figures.
    // (In the order of the table's physical rows, which on PostgreSQL need not be the order
    // they were loaded in: COPY fills free space left in earlier pages.)
    const auto levelSet = [](const QString &line) {
        const qsizetype at = line.indexOf(QLatin1String("; levels: ")) + 10;
        const qsizetype hidden = line.indexOf(QLatin1String(" ("), at);
        QStringList parts = line.mid(at, hidden < 0 ? -1 : hidden - at).split(QStringLiteral(", "));
        std::sort(parts.begin(), parts.end());
        return QStringList{line.left(at), line.mid(hidden < 0 ? line.size() : hidden)} + parts;
    };
    for (const char *column : {"job", "education", "default", "month", "age_band"})
        QCOMPARE(levelSet(dictionaryLine(*live, QLatin1String(column))),
                 levelSet(dictionaryLine(*local, QLatin1String(column))));
    QVERIFY2(dictionaryLine(*live, QStringLiteral("default")).contains(QLatin1String("fewer than")),
             qPrintable(dictionaryLine(*live, QStringLiteral("default"))));
    // (The local dataset has previously_contacted, derived by the import, among its segments.)
    QCOMPARE(ChatGrounding::overview(*live).section(QLatin1Char('\n'), 0, 0),
             ChatGrounding::overview(*local).section(QLatin1Char('\n'), 0, 0));
    QVERIFY(ChatGrounding::systemPrompt(*live).contains(
        QStringLiteral("SQL view live_%1").arg(liveId)));

    const QString lv = local->viewName(), vv = live->viewName();
    struct Call
    {
        const char *tool;
        QString arguments; ///< with %V for the view
        bool ok;
    };
    const QList<Call> calls{
        // Cells of fewer than 10 clients are left out by the engine; the ones left out hold
        // enough clients in all to be shared.
        {"run_sql",
         "SELECT job, marital, COUNT(*) AS n, AVG(duration) FROM %V GROUP BY job, marital", true},
        // After it, the job totals less the cells shown would tell the cells left out.
        {"run_sql",
         "SELECT job, COUNT(*) AS n, AVG(y) AS rate FROM %V GROUP BY job ORDER BY n DESC", false},
        {"run_sql", "SELECT job, marital, COUNT(*) AS n FROM %V GROUP BY job, marital", true},
        {"run_sql",
         "SELECT month, ROUND(AVG(age), 2) AS mean_age, TOTAL(campaign) AS calls, SUM(y) "
         "FROM %V WHERE contact = 'cellular' GROUP BY month",
         true},
        {"run_sql",
         "SELECT day_of_week, contact, COUNT(*) AS n FROM %V WHERE job IN ('admin.', "
         "'technician') AND NOT (marital = 'single') GROUP BY day_of_week, contact HAVING "
         "COUNT(*) > 50 ORDER BY 3 DESC LIMIT 3",
         true},
        {"run_sql", "SELECT COUNT(*) AS n, AVG(y) AS rate FROM %V", true},
        // 3 clients have default = 'yes': this filter differs from the last by 3.
        {"run_sql", "SELECT COUNT(*) AS n, AVG(y) AS rate FROM %V WHERE \"default\" <> 'yes'",
         false},
        // Grouped by default, the 'yes' group is left out: the total less the rest tells it.
        {"run_sql", "SELECT \"default\", COUNT(*) AS n FROM %V GROUP BY \"default\"", false},
        {"run_sql",
         "SELECT loan, COUNT(*) AS n, AVG(y) FROM %V WHERE poutcome LIKE 'SUCC%' GROUP BY loan",
         true},
        {"run_sql", "SELECT education, SUM(y) FROM %V GROUP BY education ORDER BY SUM(y)", false},
        // With duration's NULL-or-not and every grouping so far, by age: too many classes.
        {"run_sql", "SELECT age, COUNT(*) FROM %V WHERE age_band = '60+' GROUP BY age", false},
        {"segment_stats", "{\"by\": [\"poutcome\", \"contact\"]}", true},
        {"segment_stats", "{\"by\": [\"poutcome\"], \"filters\": {\"contact\": [\"cellular\"]}}",
         true},
        // Write attempts: never run, whatever the engine would do with them.
        {"run_sql", "DROP TABLE bank", false},
        {"run_sql", "DELETE FROM %V", false},
        {"run_sql", "SELECT COUNT(*) FROM %V; DELETE FROM bank", false},
        {"run_sql", "SELECT COUNT(*) FROM bank", false},
    };
    const auto converse = [&](const QList<Call> &conversation, const ChatContext &onLocal,
                              const ChatContext &onLive, bool withheldFirst) {
        int callNo = 0;
        for (const Call &c : conversation) {
            const QString tool = QLatin1String(c.tool);
            const auto argsFor = [&](const QString &view) {
                if (tool == QLatin1String("run_sql"))
                    return QString::fromUtf8(
                        QJsonDocument(
                            QJsonObject{{QStringLiteral("sql"),
                                         QString(c.arguments).replace(QStringLiteral("%V"), view)}})
                            .toJson(QJsonDocument::Compact));
                return c.arguments;
            };
            const QString id = QStringLiteral("c%1").arg(++callNo);
            const ToolOutcome a = executeOffGui({id, tool, argsFor(lv)}, onLocal);
            const ToolOutcome b = executeOffGui({id, tool, argsFor(vv)}, onLive);
            const QString what =
                QStringLiteral("%1 %2\nlocal: %3\nlive: %4")
                    .arg(tool, c.arguments, a.result.left(600), b.result.left(600));
            QVERIFY2(a.ok == c.ok, qPrintable(what));
            QVERIFY2(b.ok == c.ok, qPrintable(what));
            QString where;
            QJsonObject ja = sortedResult(a.result), jb = sortedResult(b.result);
            if (!a.ok) {
                // The same refusal, the view's name aside.
                ja = QJsonObject{{QStringLiteral("error"), ja.value(QStringLiteral("error"))
                                                               .toString()
                                                               .replace(lv, QStringLiteral("V"))}};
                jb = QJsonObject{{QStringLiteral("error"), jb.value(QStringLiteral("error"))
                                                               .toString()
                                                               .replace(vv, QStringLiteral("V"))}};
            }
            if (tool == QLatin1String("segment_stats")) {
                // The live one says the counts are today's if the table changed: it did not.
                QVERIFY2(!jb.contains(QStringLiteral("warnings")) ||
                             ja.value(QStringLiteral("warnings")) ==
                                 jb.value(QStringLiteral("warnings")),
                         qPrintable(what));
            }
            QVERIFY2(sameJson(ja, jb, &where), qPrintable(where + QLatin1Char('\n') + what));
            if (callNo == 1 && withheldFirst) // the withheld sum, counted as left out on both
                QVERIFY2(a.result.contains(QLatin1String("\"dominated_values_left_out\":1")) &&
                             a.result.contains(QLatin1String("[11,null]")),
                         qPrintable(what));
            if (!b.ok)
                QVERIFY2(!b.result.contains(QLatin1String("housemaid")), qPrintable(what));
            if (b.ok && tool == QLatin1String("run_sql"))
                for (const QJsonValue &row : jb.value(QStringLiteral("rows")).toArray())
                    QVERIFY2(!row.toArray().isEmpty(), qPrintable(what));
        }
    };
    // A conversation of its own: the guards the engine path had missed (a review's attacks).
    const QList<Call> guards{
        // One client holds 22 of these 11 clients' 41 calls: the sum is withheld, and so is
        // any arithmetic over it (PostgreSQL's overflow error on 41e307 told it by bisection).
        {"run_sql",
         "SELECT COUNT(*) AS n, SUM(campaign) * 1.0e307 AS s FROM %V WHERE job = "
         "'self-employed' AND marital = 'single' AND education = 'basic.4y'",
         true},
        // Sorting by a constant sorts nothing (PostgreSQL read ORDER BY 5 as the hidden
        // fifth column, past the output).
        {"run_sql", "SELECT 5 AS five, job, COUNT(*) AS n FROM %V GROUP BY job ORDER BY 1", true},
        // No level list in a refusal: the dictionary names the levels that may be used.
        {"segment_stats", "{\"by\": [\"marital\"], \"filters\": {\"job\": [\"zzz\"]}}", false},
    };
    ChatContext localGuards = *local, liveGuards = *live;
    localGuards.queryHistory = std::make_shared<AggregateQueryHistory>();
    liveGuards.queryHistory = std::make_shared<AggregateQueryHistory>();
    converse(guards, localGuards, liveGuards, true);
    if (QTest::currentTestFailed())
        return;
    converse(calls, *local, *live, false);
    if (QTest::currentTestFailed())
        return;

    // The engine's table is as it was: the same fingerprint as when it was connected.
    Workspace w;
    QVERIFY(w.open(ws, &error, Workspace::Access::ReadOnly));
    const auto info = LiveDatasets::find(w, liveId);
    QVERIFY(info);
    const auto conn = openWarehouse(info->url, &error);
    QVERIFY2(conn, qPrintable(error));
    QCOMPARE(LiveDataset::fingerprint(*conn, *info, &error), info->fingerprint);
}

/**
 * model_summary on a live dataset, which has no stored run: the default model fitted on the
 * engine when asked, with rows held out by row hash, as `model --dataset` fits it: the same
 * held-out AUC and the same odds ratios, said to be fitted now and not stored. The prompt
 * says the tool will fit it.
 */
inline void checkLiveModelSummary(const QString &ws, qint64 liveId, const QJsonObject &modelJson)
{
    QString error;
    const auto live = loadChatContext(ws, liveId, &error);
    QVERIFY2(live, qPrintable(error));
    QVERIFY(live->model.isEmpty());
    QVERIFY(ChatTools::modelSummaryText(*live).contains(QLatin1String("fits the default model")));
    const ToolOutcome r = executeOffGui(
        {QStringLiteral("m1"), QStringLiteral("model_summary"), QStringLiteral("{}")}, *live);
    QVERIFY2(r.ok, qPrintable(r.result));
    const QJsonObject o = QJsonDocument::fromJson(r.result.toUtf8()).object();
    QVERIFY2(o.value(QStringLiteral("fitted")).toString().contains(QLatin1String("not stored")),
             qPrintable(r.result));
    const auto auc = [](const QJsonObject &heldOut) {
        return heldOut.value(QStringLiteral("auc"))
            .toObject()
            .value(QStringLiteral("auc"))
            .toDouble();
    };
    const double expected = auc(modelJson.value(QStringLiteral("metrics"))
                                    .toObject()
                                    .value(QStringLiteral("held_out"))
                                    .toObject());
    QVERIFY(expected > 0.7);
    QVERIFY2(std::abs(auc(o.value(QStringLiteral("held_out")).toObject()) - expected) <= 1e-12,
             qPrintable(r.result));
    QHash<QString, double> odds;
    for (const QJsonValue &v : modelJson.value(QStringLiteral("coefficients")).toArray())
        odds.insert(v.toObject().value(QStringLiteral("term")).toString(),
                    v.toObject().value(QStringLiteral("odds_ratio")).toDouble());
    const QJsonArray shared = o.value(QStringLiteral("coefficients")).toArray();
    QVERIFY(shared.size() > 20);
    for (const QJsonValue &v : shared) {
        const QString term = v.toObject().value(QStringLiteral("term")).toString();
        QVERIFY2(odds.contains(term), qPrintable(term));
        QVERIFY2(std::abs(v.toObject().value(QStringLiteral("odds_ratio")).toDouble() -
                          odds.value(term)) <= 1e-9 * odds.value(term),
                 qPrintable(term));
    }
    QVERIFY2(ChatToolRegistry::resultMarkdown(ToolResultType::ModelSummary, r.result)
                 .startsWith(QLatin1String("Model fitted now, on ")),
             qPrintable(r.result));
}

} // namespace cl::test
