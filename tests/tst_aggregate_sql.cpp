// Tests of run_sql in aggregates mode (issue 10, part 1): the parsed tree and its emission,
// SQLite's own checks on the statement and its result, and the differencing guard; every
// hostile query runs on tests/data/chat_leak_markers.csv, whose unique markers must never
// appear in a result.
#include "chat/AggregateQuery.h"
#include "chat/AggregateSql.h"
#include "chat/ChatTools.h"
#include "import/CsvImporter.h"
#include "store/FrameLoader.h"
#include "store/ReadOnlyQuery.h"
#include "store/Workspace.h"

#include "ChatContextFixture.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace cl;

namespace {

const QString kView = QStringLiteral("ds1_silver_labels");

/// A fresh workspace with the marker fixture imported, and a chat context over it.
struct MarkerRig
{
    QTemporaryDir dir;
    Workspace ws;
    ChatContext context;

    explicit MarkerRig(SharingMode mode = SharingMode::Aggregates,
                       const QString &file = QStringLiteral("chat_leak_markers.csv"))
    {
        QVERIFY(dir.isValid());
        cl::test::importForChat(ws, dir.filePath("ws.campaignlens"), file, mode, &context);
    }

    ToolOutcome segmentStats(const QJsonObject &args) const
    {
        return ChatTools::execute(
            {QStringLiteral("c1"), QStringLiteral("segment_stats"),
             QString::fromUtf8(QJsonDocument(args).toJson(QJsonDocument::Compact))},
            context);
    }
    ToolOutcome runSql(const QString &sql) const
    {
        return ChatTools::execute(
            {QStringLiteral("c1"), QStringLiteral("run_sql"),
             QString::fromUtf8(
                 QJsonDocument(QJsonObject{{"sql", sql}}).toJson(QJsonDocument::Compact))},
            context);
    }
};

/// Fails the test if `o` carries any of the fixture's unique values. `zznote` rows are one
/// client each; 7391 (campaign), 9.8765 (euribor3m) and 91 (age) are held by one client.
void verifyNoMarker(const ToolOutcome &o)
{
    const QString lower = o.result.toLower();
    for (const char *marker : {"zzmarker", "zznote", "7391", "9.8765", "98765", "customer remark"})
        QVERIFY2(!lower.contains(QLatin1String(marker)), qPrintable(o.result));
    if (!o.ok)
        return;
    const QJsonObject r = QJsonDocument::fromJson(o.result.toUtf8()).object();
    for (const auto &row : r.value("rows").toArray())
        for (const auto &cell : row.toArray())
            QVERIFY2(cell.toDouble() != 91.0, qPrintable(o.result));
    // Every answer comes from groups of at least k = 10 clients: with 120 clients there are
    // at most 12 such groups.
    QVERIFY2(r.value("rows").toArray().size() <= 12, qPrintable(o.result));
}

/// Writes `header` and `lines` (one client each) to `name` in `dir`; returns its path.
QString writeCsv(const QTemporaryDir &dir, const char *name, const QByteArray &header,
                 const QList<QByteArray> &lines)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(header + "\n");
    for (const QByteArray &l : lines)
        f.write(l + "\n");
    return path;
}

/// The rows of a run_sql answer.
QJsonArray rowsOf(const ToolOutcome &o)
{
    return QJsonDocument::fromJson(o.result.toUtf8()).object().value("rows").toArray();
}

/// Cell `col` of the row whose first cell is `key` (a group), or of the only row; NaN if none.
double cellOf(const ToolOutcome &o, int col, const QString &key = QString())
{
    for (const auto &row : rowsOf(o)) {
        const QJsonArray r = row.toArray();
        if (key.isEmpty() || r.at(0).toString() == key)
            return r.at(col).isNull() ? qQNaN() : r.at(col).toDouble();
    }
    return qQNaN();
}

} // namespace

class TestAggregateSql : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The attack of issue 10, part 1: `- -1` was emitted as `--1`, a comment to the end of the
    // line; a newline inside the literal ended it, and the rest of the literal ran as SQL.
    void issue10_1_unaryMinusCommentInjectionLeaksNoRows_data()
    {
        QTest::addColumn<QString>("sql");
        const auto row = [](const char *name, QString sql) {
            QTest::newRow(name) << sql.replace(QLatin1String("$V"), kView);
        };
        row("the reported query",
            "SELECT - -1 + 'x\n age, campaign, euribor3m, unicode(note), length(note), y FROM $V "
            "--', COUNT(*) FROM $V");
        row("no functions smuggled",
            "SELECT - -1 + 'x\n age, campaign, euribor3m, y FROM $V --', COUNT(*) FROM $V");
        row("nested unary minus", "SELECT - - - -1 + 'x\n age, campaign FROM $V --', COUNT(*) "
                                  "FROM $V");
        row("minus before a parenthesis",
            "SELECT -(-1) + 'x\n age, campaign FROM $V --', COUNT(*) FROM $V");
        row("minus before a column",
            "SELECT job, - -y + 'x\n age, campaign FROM $V --', COUNT(*) FROM $V GROUP BY job");
        row("binary minus and unary minus",
            "SELECT COUNT(*) - -1 + 'x\n age, campaign FROM $V --' FROM $V");
        row("minus in WHERE",
            "SELECT COUNT(*) FROM $V WHERE age > - -1 OR 'x\n) OR 1 GROUP BY note --' = 1");
        row("minus in HAVING", "SELECT job, COUNT(*) FROM $V GROUP BY job HAVING COUNT(*) > - -1 "
                               "OR 'x\n OR 1 GROUP BY note --' = 1");
        row("block comment opener in a literal",
            "SELECT COUNT(*) / '/*' + 'x */ age, campaign FROM $V --' FROM $V");
        row("slash then star across tokens", "SELECT COUNT(*) /*1 + 1*/ * 1 FROM $V");
        row("division by a starred count", "SELECT 1/ *1 FROM $V");
        row("double dash in a quoted identifier",
            "SELECT COUNT(*) AS \"n--\nage, campaign FROM $V --\" FROM $V");
        row("double dash in an alias then a newline",
            "SELECT job, COUNT(*) AS \"a -- \" FROM $V GROUP BY job");
        row("newline in a literal", "SELECT COUNT(*), 'a\nb' FROM $V");
        row("NUL in a literal", QStringLiteral("SELECT COUNT(*), 'a") + QChar(0) +
                                    QStringLiteral("' FROM $V; SELECT age, campaign FROM $V"));
        row("NUL after a minus",
            QStringLiteral("SELECT -") + QChar(0) + QStringLiteral("-1, age, campaign FROM $V"));
        row("unicode minus sign", QStringLiteral("SELECT ") + QChar(0x2212) + QChar(0x2212) +
                                      QStringLiteral("1, age, campaign FROM $V"));
        row("fullwidth hyphen", QStringLiteral("SELECT - ") + QChar(0xFF0D) +
                                    QStringLiteral("1 + 'x\n age, campaign FROM $V --', COUNT(*) "
                                                   "FROM $V"));
        row("fullwidth apostrophe", QStringLiteral("SELECT - -1 + ") + QChar(0xFF07) +
                                        QStringLiteral("x\n age, campaign FROM $V --") +
                                        QChar(0xFF07) + QStringLiteral(", COUNT(*) FROM $V"));
        row("look-alike letters in a column",
            QStringLiteral("SELECT ") + QChar(0x0430) + QStringLiteral("ge, COUNT(*) FROM $V"));
        row("minus before a string",
            "SELECT - -'1' + 'x\n age, campaign FROM $V --', COUNT(*) FROM $V");
        row("IN list negative numbers", "SELECT COUNT(*) FROM $V WHERE age IN (- -1, 'x\n) OR 1 "
                                        "GROUP BY note --')");
        row("BETWEEN with minus",
            "SELECT COUNT(*) FROM $V WHERE age BETWEEN - -1 AND 'x\n GROUP BY note --'");
        row("ROUND with minus", "SELECT ROUND(- -1, 2) + 'x\n age, campaign FROM $V --', "
                                "COUNT(*) FROM $V");
        row("ORDER BY with minus", "SELECT job, COUNT(*) FROM $V GROUP BY job ORDER BY - -1 + "
                                   "'x\n, age LIMIT 1 --'");
    }
    void issue10_1_unaryMinusCommentInjectionLeaksNoRows()
    {
        QFETCH(QString, sql);
        MarkerRig rig;
        verifyNoMarker(rig.runSql(sql));
    }

    // The SQL SQLite runs is written from the tree: parse(canonical(tree)) gives the same tree,
    // and neither form can hold a comment outside a literal.
    void issue10_1_emittedSqlRoundTrips_data()
    {
        QTest::addColumn<QString>("sql");
        const auto row = [](const char *name, QString sql) {
            QTest::newRow(name) << sql.replace(QLatin1String("$V"), kView);
        };
        row("rate per job", "SELECT job, COUNT(*) AS n, ROUND(AVG(y), 4) AS rate FROM $V "
                            "GROUP BY job ORDER BY job");
        row("nested unary minus", "SELECT - - - -1 AS a, COUNT(*) FROM $V");
        row("minus minus column", "SELECT job, - -SUM(y) FROM $V GROUP BY 1");
        row("binary minus of a negative", "SELECT COUNT(*) - -1 AS m, 2 - - - 3 AS k FROM $V");
        row("precedence", "SELECT 1 + 2 * 3 - 4 / 5 AS p, (1 + 2) * 3 AS q, COUNT(*) FROM $V");
        row("where with everything",
            "SELECT COUNT(*) FROM $V s WHERE NOT s.age BETWEEN -1 AND 30 AND job NOT IN ('a''b', "
            "-2, (-3), NULL) OR marital LIKE '%--%' AND euribor3m IS NOT NULL OR NOT NOT y = 1 "
            "AND age NOT BETWEEN 1 AND 2 AND job NOT LIKE '/*'");
        row("literals with newlines and comment openers",
            "SELECT COUNT(*), 'x\n age --' AS t, '/* */' AS u, '''' AS v FROM $V");
        row("quoted names", "SELECT \"job\", COUNT(*) AS \"n \"\"--\" FROM \"$V\" GROUP BY "
                            "[job] ORDER BY \"n \"\"--\" DESC, 1 ASC LIMIT 3 OFFSET 1");
        row("having and order by aggregates",
            "SELECT job, marital, COUNT(*) n FROM $V GROUP BY job, marital HAVING SUM(y) > 1 "
            "AND AVG(age) <> 40.5e0 ORDER BY TOTAL(campaign) / COUNT(age) DESC");
        row("comparison spellings", "SELECT COUNT(*) FROM $V WHERE age == 1 OR age != 2 OR age "
                                    "<> 3 OR age >= 4 OR age <= 5 OR age < .5 OR age > 6.");
        row("is", "SELECT COUNT(*) FROM $V WHERE euribor3m IS NULL AND job IS 'student'");
        row("round with digits", "SELECT ROUND(100.0 * SUM(y) / COUNT(*), 2) AS pct FROM $V");
    }
    void issue10_1_emittedSqlRoundTrips()
    {
        QFETCH(QString, sql);
        MarkerRig rig;
        const AggregateSqlRules rules{kView, viewColumns(rig), 10, {}, {}};
        const AggregateSqlParse first = AggregateSql::parse(sql, rules);
        QVERIFY2(first.ok, qPrintable(first.error));
        const QString canonical = AggregateSql::canonical(first.query, kView);
        const AggregateSqlParse second = AggregateSql::parse(canonical, rules);
        QVERIFY2(second.ok, qPrintable(second.error + QStringLiteral("\n") + canonical));
        QVERIFY2(second.query == first.query, qPrintable(canonical));
        QCOMPARE(AggregateSql::canonical(second.query, kView), canonical);
        for (const QString &emitted :
             {canonical, AggregateSql::guarded(first.query, rules, QStringLiteral("cl_n"))}) {
            const QString outside = outsideLiterals(emitted);
            QVERIFY2(!outside.contains(QLatin1String("--")), qPrintable(emitted));
            QVERIFY2(!outside.contains(QLatin1String("/*")), qPrintable(emitted));
            QVERIFY2(!outside.contains(QLatin1Char('\n')), qPrintable(emitted));
        }
    }

    // In aggregates mode SQLite itself refuses what the grammar does not allow: any function
    // but count, sum, avg, total, round and like, and any column the view does not list.
    void issue10_1_authorizerAllowsOnlyTheGrammarsFunctionsAndColumns_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("allowed");
        const auto row = [](const char *name, QString sql, bool allowed) {
            QTest::newRow(name) << sql.replace(QLatin1String("$V"), kView) << allowed;
        };
        row("aggregates",
            "SELECT job, COUNT(*), SUM(y), AVG(age), TOTAL(campaign), "
            "ROUND(AVG(y), 2) FROM $V WHERE job LIKE 's%' GROUP BY job",
            true);
        row("unicode()", "SELECT unicode(branch) FROM $V", false);
        row("length()", "SELECT length(branch) FROM $V", false);
        row("max()", "SELECT max(campaign) FROM $V", false);
        row("group_concat()", "SELECT group_concat(branch) FROM $V", false);
        row("printf()", "SELECT printf('%d', campaign) FROM $V", false);
        row("a column the view does not list", "SELECT COUNT(secret) FROM $V", false);
        row("another table", "SELECT COUNT(*) FROM category_level", false);
        row("the silver table", "SELECT COUNT(note__raw) FROM ds1_silver", false);
    }
    void issue10_1_authorizerAllowsOnlyTheGrammarsFunctionsAndColumns()
    {
        QFETCH(QString, sql);
        QFETCH(bool, allowed);
        MarkerRig rig;
        ReadOnlyQuery query(rig.ws.path());
        ReadOnlyQueryOptions opt;
        opt.allowedTables = {kView};
        opt.allowedColumns = viewColumns(rig);
        opt.allowedFunctions = AggregateQuery::allowedFunctions();
        const ReadOnlyQueryResult r = query.run(sql, opt);
        QVERIFY2(r.ok == allowed, qPrintable(r.error));
        if (!allowed)
            QVERIFY2(r.error.contains(QLatin1String("refused")) ||
                         r.error.contains(QLatin1String("no such")),
                     qPrintable(r.error));
    }

    // A column the query may not read is refused by the authorizer even when it is in the view.
    void issue10_1_authorizerRefusesColumnsOutsideTheList()
    {
        MarkerRig rig;
        ReadOnlyQuery query(rig.ws.path());
        ReadOnlyQueryOptions opt;
        opt.allowedTables = {kView};
        opt.allowedColumns = viewColumns(rig);
        opt.allowedColumns.removeAll(QStringLiteral("branch"));
        opt.allowedFunctions = AggregateQuery::allowedFunctions();
        QVERIFY(query.run(QStringLiteral("SELECT COUNT(age) FROM ") + kView, opt).ok);
        const ReadOnlyQueryResult r =
            query.run(QStringLiteral("SELECT COUNT(branch) FROM ") + kView, opt);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QLatin1String("\"branch\" is not allowed")), qPrintable(r.error));
    }

    // The k threshold is checked on the group sizes SQLite counted, not on the query's text:
    // with the emitted HAVING guard removed (as a serialiser bug might), or with a forged
    // group size, the result is refused.
    void issue10_1_groupSizesAreCheckedOnWhatSqliteCounted()
    {
        MarkerRig rig;
        const AggregateSqlRules rules{kView, viewColumns(rig), 10, {}, {}};
        const AggregateSqlParse p = AggregateSql::parse(
            QStringLiteral("SELECT job, marital, COUNT(*) AS n, AVG(euribor3m) AS e FROM ") +
                kView + QStringLiteral(" GROUP BY job, marital"),
            rules);
        QVERIFY2(p.ok, qPrintable(p.error));
        ReadOnlyQuery query(rig.ws.path());
        ReadOnlyQueryOptions opt;
        opt.allowedTables = {kView};
        opt.allowedFunctions = AggregateQuery::allowedFunctions();
        const QString guarded = AggregateSql::guarded(p.query, rules, query.groupCounterName());
        QVERIFY(guarded.contains(QLatin1String("HAVING COUNT(*) >= 10")));

        const ReadOnlyQueryResult honest = query.run(guarded, opt);
        QVERIFY2(honest.ok, qPrintable(honest.error));
        QCOMPARE(honest.rows.size(), 0); // 8 clients per job and marital
        QCOMPARE(AggregateQuery::verify(p.query, honest, 10), QString());

        QString unguarded = guarded;
        unguarded.replace(QLatin1String("HAVING COUNT(*) >= 10"), QLatin1String("HAVING 1"));
        const ReadOnlyQueryResult leaky = query.run(unguarded, opt);
        QVERIFY2(leaky.ok, qPrintable(leaky.error));
        QCOMPARE(leaky.rows.size(), 15);
        QVERIFY(AggregateQuery::verify(p.query, leaky, 10).contains(QLatin1String("fewer than")));

        // The CASE guard on AVG removed: an average over fewer than k values comes back.
        const AggregateSqlParse whole = AggregateSql::parse(
            QStringLiteral("SELECT COUNT(*) AS n, AVG(euribor3m) AS e FROM ") + kView, rules);
        QVERIFY(whole.ok);
        QString noCase = AggregateSql::guarded(whole.query, rules, query.groupCounterName());
        noCase.replace(
            QLatin1String("(CASE WHEN COUNT(\"euribor3m\") >= 10 THEN AVG(\"euribor3m\") END)"),
            QLatin1String("AVG(\"euribor3m\")"));
        const ReadOnlyQueryResult few = query.run(noCase, opt);
        QVERIFY2(few.ok, qPrintable(few.error + noCase));
        QCOMPARE(few.rows.size(), 1);
        QVERIFY(!few.rows[0][1].isNull());
        QVERIFY(AggregateQuery::verify(whole.query, few, 10).contains(QLatin1String("values")));

        // A forged ticket: a literal where the counter's value belongs.
        QString forged = guarded;
        forged.replace(query.groupCounterName() + QStringLiteral("()"), QStringLiteral("4242"));
        forged.replace(QLatin1String("HAVING COUNT(*) >= 10"), QLatin1String("HAVING 1"));
        const ReadOnlyQueryResult fake = query.run(forged, opt);
        QVERIFY2(fake.ok, qPrintable(fake.error));
        QVERIFY(AggregateQuery::verify(p.query, fake, 10).contains(QLatin1String("no group size")));
    }

    // Differencing: the same sum with and without one client gives that client's value; the
    // second query is refused. Honest follow-ups that differ by k or more clients still run.
    // (Filters test categories only: ZZMARKER17, lower-cased in the view, is one client's
    // branch.)
    void issue10_1_differencingAttackIsRefused_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<QString>("refusal"); ///< empty: the second query is answered
        const QString sum = QStringLiteral("SELECT COUNT(*) AS n, SUM(campaign) AS s FROM ") +
                            kView + QStringLiteral(" WHERE ");
        const QString apart = QStringLiteral("differs from the filter of an earlier");
        QTest::newRow("group, then group OR one client")
            << sum + "job = 'student'" << sum + "job = 'student' OR branch = 'zzmarker17'" << apart;
        QTest::newRow("group OR one client, then group")
            << sum + "job = 'student' OR branch = 'zzmarker17'" << sum + "job = 'student'" << apart;
        QTest::newRow("all, then all but one")
            << QStringLiteral("SELECT COUNT(*) AS n, SUM(campaign) AS s FROM ") + kView
            << sum + "branch <> 'zzmarker17'" << apart;
        QTest::newRow("per job: one client apart in one group")
            << QStringLiteral("SELECT job, SUM(campaign) AS s FROM ") + kView +
                   QStringLiteral(" WHERE marital = 'single' GROUP BY job")
            << QStringLiteral("SELECT job, SUM(campaign) AS s FROM ") + kView +
                   QStringLiteral(" WHERE marital = 'single' OR branch = 'zzmarker17' GROUP BY job")
            << apart;
        // Review of issue 10: the total, then the groups: total less the groups shown was the
        // one client of the marker branch (7391).
        QTest::newRow("the total, then by branch")
            << QStringLiteral("SELECT COUNT(*) AS n, SUM(campaign) AS s FROM ") + kView
            << QStringLiteral("SELECT branch, COUNT(*) AS n, SUM(campaign) AS s FROM ") + kView +
                   QStringLiteral(" GROUP BY branch")
            << QStringLiteral("leaves out hold fewer than 10");
        QTest::newRow("a wider filter, k or more apart")
            << sum + "job = 'student'" << sum + "job IN ('student', 'retired')" << QString();
        QTest::newRow("the same filter, other columns")
            << sum + "job = 'student'"
            << QStringLiteral("SELECT AVG(age) AS a FROM ") + kView +
                   QStringLiteral(" WHERE job = 'student'")
            << QString();
    }
    void issue10_1_differencingAttackIsRefused()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(QString, refusal);
        MarkerRig rig;
        const ToolOutcome a = rig.runSql(first);
        QVERIFY2(a.ok, qPrintable(a.result));
        const ToolOutcome b = rig.runSql(second);
        QVERIFY2(b.ok == refusal.isEmpty(), qPrintable(b.result));
        if (!refusal.isEmpty())
            QVERIFY2(b.result.contains(refusal), qPrintable(b.result));
        verifyNoMarker(b);
    }

    // Review of issue 10: what else let a query describe fewer than k clients.
    void issue10_1_reviewFindingsAreRefused_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("refusal");
        const auto row = [](const char *name, QString sql, const char *refusal) {
            QTest::newRow(name) << sql.replace(QLatin1String("$V"), kView)
                                << QString::fromLatin1(refusal);
        };
        // A binary search on one client's value through numeric filters (16 queries for 7391).
        row("numeric filter", "SELECT COUNT(*) AS n FROM $V WHERE campaign > 7000",
            "categories and bands only");
        row("numeric filter in OR",
            "SELECT COUNT(*) AS n FROM $V WHERE job = 'student' OR age = 91",
            "categories and bands only");
        row("the target as a filter",
            "SELECT COUNT(*) AS n, SUM(campaign) AS s FROM $V WHERE "
            "job = 'student' OR (job = 'admin.' AND y = 0)",
            "categories and bands only");
        // The row id picks out one client.
        row("row id", "SELECT COUNT(*) AS n FROM $V WHERE row_id = 2", "no column 'row_id'");
        row("row id grouped", "SELECT row_id, COUNT(*) AS n FROM $V GROUP BY row_id",
            "no column 'row_id'");
        // LIKE with a pattern SQLite refuses only when it gets to a row: an error that depends
        // on the data.
        row("long LIKE pattern",
            "SELECT COUNT(*) AS n FROM $V WHERE branch = 'zzmarker17' AND job LIKE '" +
                QString(600, QLatin1Char('a')) + "'",
            "longer than 500 characters");
        row("COUNT(DISTINCT)", "SELECT job, COUNT(DISTINCT branch) AS d FROM $V GROUP BY job",
            "COUNT(DISTINCT ...) is not allowed");
        row("ORDER BY a parenthesised number",
            "SELECT job, COUNT(*) AS n FROM $V GROUP BY job ORDER BY (5)",
            "ORDER BY a number means an output column");
        row("ORDER BY plus a number", "SELECT job, COUNT(*) AS n FROM $V GROUP BY job ORDER BY +3",
            "ORDER BY a number means an output column");
    }
    void issue10_1_reviewFindingsAreRefused()
    {
        QFETCH(QString, sql);
        QFETCH(QString, refusal);
        MarkerRig rig;
        const ToolOutcome o = rig.runSql(sql);
        QVERIFY2(!o.ok, qPrintable(o.result));
        QVERIFY2(o.result.contains(refusal), qPrintable(o.result));
    }

    // Review of issue 10: COUNT(column) of one value among many NULLs said "one client is above
    // 9.8"; and one client's 7391 made up nearly all of the retired clients' SUM(campaign).
    void issue10_1_reviewCountsAndDominatedSumsAreNulled()
    {
        MarkerRig rig;
        const ToolOutcome count =
            rig.runSql(QStringLiteral("SELECT job, COUNT(euribor3m) AS known FROM ") + kView +
                       QStringLiteral(" GROUP BY job ORDER BY job"));
        QVERIFY2(count.ok, qPrintable(count.result));
        const QJsonObject c = QJsonDocument::fromJson(count.result.toUtf8()).object();
        for (const auto &row : c.value("rows").toArray()) // 0 to 2 values per job
            QVERIFY2(row.toArray().at(1).isNull() || row.toArray().at(1).toDouble() == 0,
                     qPrintable(count.result));

        const ToolOutcome sum = rig.runSql(QStringLiteral("SELECT job, COUNT(*) AS n, "
                                                          "SUM(campaign) AS s, AVG(campaign) AS "
                                                          "a FROM ") +
                                           kView + QStringLiteral(" GROUP BY job ORDER BY job"));
        QVERIFY2(sum.ok, qPrintable(sum.result));
        verifyNoMarker(sum);
        const QJsonObject r = QJsonDocument::fromJson(sum.result.toUtf8()).object();
        QCOMPARE(r.value("dominated_values_left_out").toInt(), 2);
        int nulls = 0;
        for (const auto &row : r.value("rows").toArray()) {
            const QJsonArray cells = row.toArray();
            const bool retired = cells.at(0).toString() == QLatin1String("retired");
            QCOMPARE(cells.at(2).isNull(), retired);
            QCOMPARE(cells.at(3).isNull(), retired);
            nulls += cells.at(2).isNull();
        }
        QCOMPARE(nulls, 1);
    }

    // Review of issue 10: a chain of 30,000 terms took 142 s to parse (each step copied the
    // tree so far) and then overflowed the stack; the GUI thread runs the tools.
    void issue10_1_reviewLongQueriesAreRefusedQuickly()
    {
        MarkerRig rig;
        for (const QString &op : {QStringLiteral(" + 1"), QStringLiteral(" OR job = 'a'")}) {
            QString sql = QStringLiteral("SELECT COUNT(*) AS n FROM ") + kView;
            QString chain = QStringLiteral("SELECT COUNT(*)");
            for (int i = 0; i < 30000; ++i)
                chain += op == QLatin1String(" + 1") ? op : QString();
            if (op != QLatin1String(" + 1")) {
                chain = sql + QStringLiteral(" WHERE job = 'b'");
                for (int i = 0; i < 30000; ++i)
                    chain += op;
            } else {
                chain += QStringLiteral(" AS x FROM ") + kView;
            }
            QElapsedTimer t;
            t.start();
            const ToolOutcome o = rig.runSql(chain);
            QVERIFY(!o.ok);
            QVERIFY2(o.result.contains(QLatin1String("longer than")), qPrintable(o.result));
            QVERIFY2(t.elapsed() < 1000, qPrintable(QString::number(t.elapsed())));
        }
        // Within the length limit, a long chain parses in linear time.
        QString chain = QStringLiteral("SELECT COUNT(*)");
        for (int i = 0; i < 700; ++i)
            chain += QStringLiteral(" + 1");
        QElapsedTimer t;
        t.start();
        const AggregateSqlParse p = AggregateSql::parse(
            chain + QStringLiteral(" AS x FROM ") + kView, {kView, viewColumns(rig), 10, {}, {}});
        QVERIFY2(p.ok, qPrintable(p.error));
        QVERIFY2(t.elapsed() < 200, qPrintable(QString::number(t.elapsed())));
        QVERIFY(AggregateSql::parse(AggregateSql::canonical(p.query, kView),
                                    {kView, viewColumns(rig), 10, {}, {}})
                    .query == p.query);
    }

    // Review of issue 10: the filters of a whole conversation are kept (20 fillers pushed the
    // first one out of a window of 20), and a conversation runs a bounded number of queries.
    void issue10_1_reviewHistoryIsKeptAndBudgeted()
    {
        MarkerRig rig;
        const QString sum = QStringLiteral("SELECT COUNT(*) AS n, SUM(campaign) AS s FROM ") +
                            kView + QStringLiteral(" WHERE ");
        QVERIFY(rig.runSql(sum + "job = 'student'").ok);
        const QStringList jobs = {"admin.", "blue-collar", "retired", "technician"};
        for (int i = 0; i < 24; ++i) {
            const QString filter = QStringLiteral("job IN ('student', '%1') OR marital = '%2'")
                                       .arg(jobs[i % 4], i % 2 ? "single" : "married");
            QVERIFY(rig.runSql(sum + filter + QStringLiteral(" OR job = 'x%1'").arg(i)).ok);
        }
        const ToolOutcome b = rig.runSql(sum + "job = 'student' OR branch = 'zzmarker17'");
        QVERIFY2(!b.ok, qPrintable(b.result));
        verifyNoMarker(b);
        int answered = 26;
        while (rig.runSql(sum + "job = 'student'").ok)
            ++answered;
        QCOMPARE(answered, AggregateQueryHistory::kMaxQueries);
    }

    // segment_stats shares the population and subscribers of its filter and the segments of
    // at least k clients; it ran outside the differencing guard. The marker client is alone in
    // branch ZZMARKER17: grouping by branch left it out (population 120, segments 59 + 60),
    // and a second call filtered to the two large branches gave 119: either way the
    // difference was that one client's outcome.
    void issue10_1_segmentStatsLeftOutGroupsAreNotDescribed()
    {
        MarkerRig rig;
        const ToolOutcome o = rig.segmentStats(QJsonObject{{"by", QJsonArray{"branch"}}});
        verifyNoMarker(o);
        if (!o.ok)
            return; // refused: nothing described
        const QJsonObject r = QJsonDocument::fromJson(o.result.toUtf8()).object();
        double shown = 0;
        for (const auto &seg : r.value("segments").toArray())
            shown += seg.toObject().value("clients").toDouble();
        const double left = r.value("population").toDouble() - shown;
        QVERIFY2(left == 0 || left >= 10, qPrintable(o.result));
    }
    void issue10_1_segmentStatsDifferencingIsRefused_data()
    {
        QTest::addColumn<QJsonObject>("first");
        QTest::addColumn<QJsonObject>("second");
        QTest::newRow("one client by a filter")
            << QJsonObject{{"by", QJsonArray{"job"}}}
            << QJsonObject{{"by", QJsonArray{"job"}},
                           {"filters", QJsonObject{{"branch", QJsonArray{"north", "south"}}}}};
        QTest::newRow("eight clients by a filter, within each job")
            << QJsonObject{{"by", QJsonArray{"job"}},
                           {"filters", QJsonObject{{"marital", QJsonArray{"divorced"}}}}}
            << QJsonObject{{"by", QJsonArray{"job"}},
                           {"filters", QJsonObject{{"marital", QJsonArray{"divorced"}},
                                                   {"job", QJsonArray{"admin.", "blue-collar",
                                                                      "retired", "technician"}}}}};
    }
    void issue10_1_segmentStatsDifferencingIsRefused()
    {
        QFETCH(QJsonObject, first);
        QFETCH(QJsonObject, second);
        MarkerRig rig;
        const ToolOutcome a = rig.segmentStats(first);
        QVERIFY2(a.ok, qPrintable(a.result));
        const ToolOutcome b = rig.segmentStats(second);
        QVERIFY2(!b.ok, qPrintable(b.result));
        QVERIFY2(b.result.contains("earlier"), qPrintable(b.result));
    }
    void issue10_1_segmentStatsAndRunSqlShareOneHistory()
    {
        MarkerRig rig;
        QVERIFY(rig.runSql(QStringLiteral("SELECT COUNT(*), SUM(y) FROM ") + kView).ok);
        const ToolOutcome b = rig.segmentStats(
            QJsonObject{{"by", QJsonArray{"job"}},
                        {"filters", QJsonObject{{"branch", QJsonArray{"north", "south"}}}}});
        QVERIFY2(!b.ok, qPrintable(b.result));
        // And the other way round.
        MarkerRig rig2;
        QVERIFY(rig2.segmentStats(QJsonObject{{"by", QJsonArray{"job"}}}).ok);
        const ToolOutcome c = rig2.runSql(QStringLiteral("SELECT COUNT(*), SUM(y) FROM ") + kView +
                                          QStringLiteral(" WHERE branch IN ('north', 'south')"));
        QVERIFY2(!c.ok, qPrintable(c.result));
    }

    // Review of issue 10: pairs were checked, not combinations. The whole view's sum, less the
    // non-retired clients', less the retired ones' outside the marker branch, was the marker
    // client's 7391, with every pair of filters k or more clients apart.
    void issue10_1_threeQueryCombinationIsRefused_data()
    {
        QTest::addColumn<QStringList>("filters");
        QTest::newRow("the whole, less two parts")
            << QStringList{"", "job <> 'retired'", "job = 'retired' AND branch <> 'zzmarker17'"};
        QTest::newRow("two parts, then the whole")
            << QStringList{"job <> 'retired'", "job = 'retired' AND branch <> 'zzmarker17'", ""};
        QTest::newRow("padded with a group of known sum")
            << QStringList{"job = 'student'", "job = 'retired' OR job = 'student'",
                           "(job = 'retired' AND branch <> 'zzmarker17') OR job = 'student' "
                           "OR job = 'admin.'",
                           "job = 'admin.'"};
    }
    void issue10_1_threeQueryCombinationIsRefused()
    {
        QFETCH(QStringList, filters);
        MarkerRig rig;
        const QString sum =
            QStringLiteral("SELECT COUNT(*) AS n, SUM(campaign) AS s FROM ") + kView;
        int refused = 0;
        for (const QString &f : filters) {
            const ToolOutcome o = rig.runSql(f.isEmpty() ? sum : sum + " WHERE " + f);
            verifyNoMarker(o);
            refused += o.ok ? 0 : 1;
        }
        QVERIFY2(refused >= 1, "every query of the combination was answered");
    }
    // A category's total less its parts shown: by marital, then by marital and branch, with ten
    // one-client branches spread over the three statuses (left out: 10 clients in all, so the
    // whole-query rule let it pass; per status, 3 or 4 clients were told).
    void issue10_1_categoryLessItsPartsIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("spread.csv");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("age;job;marital;branch;campaign;y\n");
        const char *statuses[] = {"divorced", "married", "single"};
        for (int i = 0; i < 150; ++i) {
            const QByteArray branch =
                i < 10 ? "zzone" + QByteArray::number(i) : (i % 2 ? "north" : "south");
            f.write(QByteArray::number(30 + i % 40) + ";admin.;" + statuses[i % 3] + ";" + branch +
                    ";" + QByteArray::number(i < 10 ? 7000 + i : 1 + i % 5) + ";" +
                    (i % 4 ? "no" : "yes") + "\n");
        }
        f.close();
        MarkerRig rig(SharingMode::Aggregates, path);
        const ToolOutcome a = rig.runSql("SELECT marital, COUNT(*), SUM(campaign) FROM " + kView +
                                         " GROUP BY marital");
        QVERIFY2(a.ok, qPrintable(a.result));
        const ToolOutcome b = rig.runSql("SELECT marital, branch, COUNT(*), SUM(campaign) FROM " +
                                         kView + " GROUP BY marital, branch");
        QVERIFY2(!b.ok, qPrintable(b.result));
        QVERIFY2(!b.result.contains("70"), qPrintable(b.result));
    }
    // Dominance across answers: ten clients of branch east, one of them with 50 contacts and
    // the others 2: east's own SUM is nulled (one client holds 73%), but the whole file's sum
    // less the other branches' gave it in two answers that each passed.
    void issue10_1_dominatedDifferenceIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("dominant.csv");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("age;job;marital;branch;campaign;y\n");
        for (int i = 0; i < 150; ++i) {
            const bool east = i < 10;
            f.write(QByteArray::number(30 + i % 40) + ";admin.;single;" +
                    (east ? "east" : (i % 2 ? "north" : "south")) + ";" +
                    QByteArray::number(i == 0 ? 50 : (east ? 2 : 3)) + ";" +
                    (i % 4 ? "no" : "yes") + "\n");
        }
        f.close();
        MarkerRig rig(SharingMode::Aggregates, path);
        const QString sum = "SELECT COUNT(*) AS n, SUM(campaign) AS s FROM " + kView;
        const ToolOutcome east = rig.runSql(sum + " WHERE branch = 'east'");
        QVERIFY2(east.ok && east.result.contains("\"dominated_values_left_out\":1"),
                 qPrintable(east.result));
        const ToolOutcome all = rig.runSql(sum);
        QVERIFY2(all.ok, qPrintable(all.result));
        const ToolOutcome rest = rig.runSql(sum + " WHERE branch <> 'east'");
        QVERIFY2(!rest.ok && rest.result.contains("dominates"), qPrintable(rest.result));
    }
    // What an analyst asks still gets answers: margins and cross-tabs whose cells are all
    // small (8 clients each) tell no class of fewer than k.
    void issue10_1_marginsAndCrossTabsAreStillAnswered()
    {
        MarkerRig rig;
        for (const QString &sql :
             {QStringLiteral("SELECT COUNT(*), SUM(y) FROM $V"),
              QStringLiteral("SELECT job, COUNT(*), SUM(y) FROM $V GROUP BY job"),
              QStringLiteral("SELECT marital, COUNT(*), SUM(y) FROM $V GROUP BY marital"),
              QStringLiteral("SELECT job, marital, COUNT(*) FROM $V GROUP BY job, marital"),
              QStringLiteral("SELECT marital, COUNT(*) FROM $V WHERE job IN ('student', "
                             "'retired') GROUP BY marital"),
              QStringLiteral("SELECT COUNT(*), AVG(age) FROM $V WHERE job = 'technician'")}) {
            const ToolOutcome o = rig.runSql(QString(sql).replace("$V", kView));
            QVERIFY2(o.ok, qPrintable(sql + ": " + o.result));
            verifyNoMarker(o);
        }
    }

    // The combination check on the real file: a conversation of the questions an analyst
    // asks (margins, two-way tables, filtered tables) is answered, and the attacks built from
    // its small cells are not. Prints the slowest check (no time is asserted here).
    void issue10_1_combinationCheckOnBankAdditionalFull()
    {
        CL_REQUIRE_SHARED(path, "bank-additional-full.csv");
        // The audit's linear algebra on the 41,188-row file, unoptimised under ASan, took
        // 100 s of CI; what it checks (answers, timing) is a property of the release build.
        if (cl::test::underAddressSanitizer())
            QSKIP("the audit on bank-additional-full is checked in the release build");
        MarkerRig rig(SharingMode::Aggregates, path);
        const QStringList asked = {
            "SELECT COUNT(*), SUM(y) FROM $V",
            "SELECT job, COUNT(*), SUM(y) FROM $V GROUP BY job",
            "SELECT month, COUNT(*), AVG(y) FROM $V GROUP BY month",
            "SELECT education, COUNT(*), SUM(y) FROM $V GROUP BY education",
            "SELECT marital, COUNT(*), SUM(y) FROM $V GROUP BY marital",
            "SELECT contact, COUNT(*), SUM(y) FROM $V GROUP BY contact",
            "SELECT poutcome, COUNT(*), AVG(y) FROM $V GROUP BY poutcome",
            "SELECT job, marital, COUNT(*), SUM(y) FROM $V GROUP BY job, marital",
            "SELECT month, contact, COUNT(*), SUM(y) FROM $V GROUP BY month, contact",
            "SELECT job, COUNT(*), SUM(y) FROM $V WHERE contact = 'cellular' GROUP BY job",
            "SELECT education, COUNT(*), AVG(campaign) FROM $V WHERE marital = 'single' "
            "GROUP BY education",
            "SELECT job, education, COUNT(*), SUM(y) FROM $V GROUP BY job, education",
            "SELECT day_of_week, COUNT(*), SUM(y) FROM $V GROUP BY day_of_week",
            "SELECT month, COUNT(*), SUM(y) FROM $V WHERE poutcome = 'success' GROUP BY month",
        };
        qint64 slowest = 0;
        int answered = 0;
        QStringList refusedSql;
        for (const QString &sql : asked) {
            QElapsedTimer clock;
            clock.start();
            const ToolOutcome o = rig.runSql(QString(sql).replace("$V", kView));
            slowest = qMax(slowest, clock.elapsed());
            if (o.ok)
                ++answered;
            else
                refusedSql << sql + " -> " + o.result;
        }
        qInfo("%d of %lld questions answered; slowest %lld ms", answered, asked.size(), slowest);
        for (const QString &r : refusedSql)
            qInfo("refused: %s", qPrintable(r));
        QVERIFY2(answered >= asked.size() - 3, qPrintable(refusedSql.join('\n')));
    }

    // ---- Attack review of the combination audit (issue 10.1). Each test asserts that the
    // leak does not happen; it fails while the leak exists.

    // HAVING is not covered by the dominance rule: the output's SUM is nulled when one client
    // holds most of it, but `HAVING SUM(campaign) >= x` (emitted with the COUNT >= k guard
    // only) still filters on the exact dominated sum, so a binary search over the same filter
    // (no differencing, no new class) reads it: one client with 50 contacts, nine with 2.
    void issue10_1_attack_havingBinarySearchOfDominatedSum()
    {
        QTemporaryDir dir;
        QList<QByteArray> lines;
        for (int i = 0; i < 150; ++i)
            lines << QByteArray::number(30 + i % 40) + ";admin.;single;" +
                         (i < 10 ? "east" : (i % 2 ? "north" : "south")) + ";" +
                         QByteArray::number(i == 0 ? 50 : (i < 10 ? 2 : 3)) + ";" +
                         (i % 4 ? "no" : "yes");
        MarkerRig rig(SharingMode::Aggregates,
                      writeCsv(dir, "dominant.csv", "age;job;marital;branch;campaign;y", lines));
        const QString base =
            "SELECT COUNT(*) AS n, SUM(campaign) AS s FROM " + kView + " WHERE branch = 'east'";
        const ToolOutcome direct = rig.runSql(base);
        QVERIFY2(direct.ok && direct.result.contains("\"dominated_values_left_out\":1"),
                 qPrintable(direct.result));
        // Invariant: the sum is in [lo, hi).
        int lo = 0, hi = 4096, asked = 0;
        while (hi - lo > 1) {
            const int mid = (lo + hi) / 2;
            const ToolOutcome o =
                rig.runSql(base + QStringLiteral(" HAVING SUM(campaign) >= %1").arg(mid));
            ++asked;
            if (!o.ok)
                break; // refused: the attack stops here
            (rowsOf(o).isEmpty() ? hi : lo) = mid;
        }
        QVERIFY2(
            hi - lo > 1,
            qPrintable(QStringLiteral("HAVING told the dominated sum of branch east exactly: %1 "
                                      "(in %2 queries; the answer itself nulled it)")
                           .arg(lo)
                           .arg(asked)));
    }

    // The classes of the audit are cut by filters and groupings only, not by whether a
    // column is NULL. COUNT(column) and SUM(column) of the whole and of `branch <> 'east'`
    // each count 100+ values and 38+ NULLs, and the filters are 12 clients apart, but east has
    // only two clients with a balance (5000 each: not dominated, 5000 is not more than half of
    // 10000): the differences are their count (2) and sum, i.e. each one's value.
    void issue10_1_attack_nullsSplitAClassTheAuditSeesAsWhole()
    {
        QTemporaryDir dir;
        QList<QByteArray> lines;
        for (int i = 0; i < 150; ++i) {
            const bool east = i < 12;
            const QByteArray balance = east ? QByteArray(i < 2 ? "5000" : "")
                                            : (i % 4 == 0 ? "" : QByteArray::number(100 + i % 50));
            lines << QByteArray::number(30 + i % 40) + ";admin.;single;" +
                         (east ? "east" : (i % 2 ? "north" : "south")) + ";" + balance + ";" +
                         QByteArray::number(1 + i % 5) + ";" + (i % 4 ? "no" : "yes");
        }
        MarkerRig rig(
            SharingMode::Aggregates,
            writeCsv(dir, "nulls.csv", "age;job;marital;branch;balance;campaign;y", lines));
        const QString q =
            "SELECT COUNT(*) AS n, COUNT(balance) AS nb, SUM(balance) AS s FROM " + kView;
        const ToolOutcome all = rig.runSql(q);
        QVERIFY2(all.ok, qPrintable(all.result));
        const ToolOutcome rest = rig.runSql(q + " WHERE branch <> 'east'");
        if (!rest.ok)
            return; // refused: nothing leaked
        const double count = cellOf(all, 1) - cellOf(rest, 1);
        const double sum = cellOf(all, 2) - cellOf(rest, 2);
        QVERIFY2(!(count >= 1 && count < 10),
                 qPrintable(QStringLiteral("%1 clients of east have a balance, %2 in all: %3 "
                                           "each on average\n%4\n%5")
                                .arg(count)
                                .arg(sum)
                                .arg(sum / count)
                                .arg(all.result, rest.result)));
    }
    // The same with COUNT(column) only, of one value: "exactly one client of branch east has
    // a euribor3m" (a COUNT(euribor3m) of 1 was a finding of the first review; per answer it
    // is nulled, as a difference it is not).
    void issue10_1_attack_countOfOneValueByDifference()
    {
        QTemporaryDir dir;
        QList<QByteArray> lines;
        for (int i = 0; i < 150; ++i) {
            const bool east = i < 12;
            const QByteArray euribor =
                QByteArray(east ? (i == 0 ? "9.8765" : "") : (i % 4 == 0 ? "" : "4.1"));
            lines << QByteArray::number(30 + i % 40) + ";admin.;single;" +
                         (east ? "east" : (i % 2 ? "north" : "south")) + ";" + euribor + ";" +
                         QByteArray::number(1 + i % 5) + ";" + (i % 4 ? "no" : "yes");
        }
        MarkerRig rig(
            SharingMode::Aggregates,
            writeCsv(dir, "nulls1.csv", "age;job;marital;branch;euribor3m;campaign;y", lines));
        const ToolOutcome east = rig.runSql("SELECT COUNT(*) AS n, COUNT(euribor3m) AS ne FROM " +
                                            kView + " WHERE branch = 'east'");
        QVERIFY2(east.ok && qIsNaN(cellOf(east, 1)), qPrintable(east.result)); // nulled
        const QString q = "SELECT COUNT(*) AS n, COUNT(euribor3m) AS ne FROM " + kView;
        const ToolOutcome all = rig.runSql(q);
        const ToolOutcome rest = rig.runSql(q + " WHERE branch <> 'east'");
        if (!all.ok || !rest.ok)
            return;
        const double count = cellOf(all, 1) - cellOf(rest, 1);
        QVERIFY2(!(count >= 1 && count < 10),
                 qPrintable(QStringLiteral("%1 client(s) of east have a euribor3m\n%2\n%3")
                                .arg(count)
                                .arg(all.result, rest.result)));
    }

    // The told space is searched through one basis (RREF). Classes a (2 clients, b1 married
    // retired), b (2, b1 single student), c and d (6 each, technicians of b2 and b3, married),
    // e (12 students of b4). Five queries tell a+c+d and a+b+e and e; a and b come first in
    // the class order, so the RREF rows are a+c+d and b-c-d (14 clients each) and a+b (4
    // clients) passes: branch b1's total less its f1-filtered total.
    void issue10_1_attack_sparseSumOfTwoBasisRows()
    {
        QTemporaryDir dir;
        QList<QByteArray> lines;
        const auto add = [&](int n, const char *job, const char *marital, const char *branch) {
            for (int i = 0; i < n; ++i)
                lines << QByteArray::number(30 + lines.size() % 40) + ";" + job + ";" + marital +
                             ";" + branch + ";" + QByteArray::number(1 + lines.size() % 5) + ";" +
                             (lines.size() % 4 ? "no" : "yes");
        };
        add(2, "retired", "married", "b1");    // a
        add(2, "student", "single", "b1");     // b
        add(6, "technician", "married", "b2"); // c
        add(6, "technician", "married", "b3"); // d
        add(12, "student", "single", "b4");    // e
        for (const char *b : {"b1", "b2", "b3", "b4"}) {
            add(15, "admin.", "married", b);
            add(15, "admin.", "single", b);
        }
        MarkerRig rig(SharingMode::Aggregates,
                      writeCsv(dir, "sparse.csv", "age;job;marital;branch;campaign;y", lines));
        const QString f1 = "job NOT IN ('retired', 'student')";
        const QString f2 = "job NOT IN ('retired', 'technician')";
        const QStringList sql = {
            "SELECT COUNT(*) AS n FROM $V WHERE " + f1,
            "SELECT marital, COUNT(*) AS n FROM $V GROUP BY marital",
            "SELECT marital, COUNT(*) AS n FROM $V WHERE " + f2 + " GROUP BY marital",
            "SELECT branch, COUNT(*) AS n FROM $V GROUP BY branch",
            "SELECT branch, COUNT(*) AS n FROM $V WHERE " + f1 + " GROUP BY branch",
        };
        QList<ToolOutcome> answers;
        for (const QString &s : sql) {
            answers << rig.runSql(QString(s).replace("$V", kView));
            if (!answers.back().ok)
                return; // refused: nothing leaked
        }
        const double leaked = cellOf(answers[3], 1, "b1") - cellOf(answers[4], 1, "b1");
        QVERIFY2(!(leaked >= 1 && leaked < 10),
                 qPrintable(QStringLiteral("branch b1 less its f1 part: %1 clients (retired or "
                                           "student)\n%2\n%3")
                                .arg(leaked)
                                .arg(answers[3].result, answers[4].result)));
    }

    // SUM(y) of one subscriber was nulled in one answer (one client "held" all of it), but the
    // audit skipped 0/1 columns, so the whole's SUM(y) less the other branches' gave it. The
    // rules now agree: a count of subscribers is a count of clients, shared for a group of at
    // least k (the Segments tab shows it too), in one answer and by difference alike; what
    // stays protected is a group of fewer than k.
    void issue10_1_attack_subscriberCountsAreTreatedAlikeInOneAnswerAndByDifference()
    {
        QTemporaryDir dir;
        QList<QByteArray> lines;
        for (int i = 0; i < 150; ++i) {
            const bool east = i < 12;
            lines << QByteArray::number(30 + i % 40) + ";admin.;single;" +
                         (east ? "east" : (i % 2 ? "north" : "south")) + ";" +
                         QByteArray::number(1 + i % 5) + ";" +
                         ((east ? i == 0 : i % 4 == 0) ? "yes" : "no");
        }
        MarkerRig rig(SharingMode::Aggregates,
                      writeCsv(dir, "onesub.csv", "age;job;marital;branch;campaign;y", lines));
        const QString q = "SELECT COUNT(*) AS n, SUM(y) AS s FROM " + kView;
        const ToolOutcome east = rig.runSql(q + " WHERE branch = 'east'");
        QVERIFY2(east.ok && cellOf(east, 1) == 1, qPrintable(east.result));
        const ToolOutcome all = rig.runSql(q);
        const ToolOutcome rest = rig.runSql(q + " WHERE branch <> 'east'");
        QVERIFY2(all.ok && rest.ok, qPrintable(all.result + rest.result));
        QCOMPARE(cellOf(all, 1) - cellOf(rest, 1), cellOf(east, 1));
    }

    // ORDER BY has the same gap as HAVING: `ORDER BY (SUM(campaign) >= x) DESC, branch`
    // over east (dominated, nulled in the output) and north (always above x) puts east first
    // exactly when its sum reaches x.
    void issue10_1_attack_orderByBinarySearchOfDominatedSum()
    {
        QTemporaryDir dir;
        QList<QByteArray> lines;
        for (int i = 0; i < 150; ++i)
            lines << QByteArray::number(30 + i % 40) + ";admin.;single;" +
                         (i < 10 ? "east" : (i % 2 ? "north" : "south")) + ";" +
                         QByteArray::number(i == 0 ? 50 : (i < 10 ? 2 : 3)) + ";" +
                         (i % 4 ? "no" : "yes");
        MarkerRig rig(SharingMode::Aggregates,
                      writeCsv(dir, "dominant.csv", "age;job;marital;branch;campaign;y", lines));
        const QString base = "SELECT branch, COUNT(*) AS n FROM " + kView +
                             " WHERE branch IN ('east', 'north') GROUP BY branch ORDER BY "
                             "(SUM(campaign) >= %1) DESC, branch";
        int lo = 0, hi = 200, asked = 0; // north's sum is 210
        while (hi - lo > 1) {
            const int mid = (lo + hi) / 2;
            const ToolOutcome o = rig.runSql(base.arg(mid));
            ++asked;
            if (!o.ok || rowsOf(o).size() != 2)
                break;
            (rowsOf(o).at(0).toArray().at(0).toString() == "east" ? lo : hi) = mid;
        }
        QVERIFY2(hi - lo > 1, qPrintable(QStringLiteral("ORDER BY told east's dominated sum "
                                                        "exactly: %1 (in %2 queries)")
                                             .arg(lo)
                                             .arg(asked)));
    }

    // segment_stats' error for an unknown level lists every level of the column, also those
    // held by fewer than k clients (the prompt's dictionary leaves them out): the marker
    // fixture's branch ZZMARKER17 is one client's.
    void issue10_1_attack_segmentStatsErrorListsRareLevels()
    {
        MarkerRig rig;
        const ToolOutcome o = rig.segmentStats(
            QJsonObject{{"by", QJsonArray{"job"}},
                        {"filters", QJsonObject{{"branch", QJsonArray{"nowhere"}}}}});
        verifyNoMarker(o);
    }

    // ---- Second attack review (issue 10.1).

    // Denial of service: the combination audit runs on the GUI thread (ChatSession runs the
    // tools there) and builds a dense classes x cells matrix, a column-pivoted QR, Q's first
    // rank columns (classes x rank) and an SVD of the small classes' rows, whatever the
    // answer. Two honest-looking tables of bank-additional-full split the clients into 9,769
    // classes (8,860 of them small) against 506 shared cells: the second call takes ~11 s
    // (2 cores, shared). Grouping by job, education, month and then by the other seven
    // categories (16,457 classes, 767 cells) took 51 s and 0.7 GB; a third grouping (job,
    // day_of_week, marital, housing) raises the rank and the time again (see the review).
    // Every later call of the conversation pays at least as much, refused or not.
    /// Review of the live chat (issue 14): segment_stats with the label "(missing)" shares the
    /// clients of the level an empty field is imported as, and the check saw only NULLs, so a
    /// run_sql without it told those few clients by difference. 3 clients have no job here.
    void missingLabelIsCheckedAsTheClientsItShares()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString csv = dir.filePath(QStringLiteral("missing_job.csv"));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray data = "age;job;marital;y\n";
        for (int i = 0; i < 60; ++i)
            data += QByteArray::number(30 + i % 20) + ";admin.;" + (i % 2 ? "single" : "married") +
                    ";" + (i % 3 ? "no" : "yes") + "\n";
        for (int i = 0; i < 40; ++i)
            data += QByteArray::number(30 + i % 20) + ";technician;" +
                    (i % 2 ? "single" : "married") + ";" + (i % 4 ? "no" : "yes") + "\n";
        data += "41;;single;yes\n42;;married;yes\n43;;married;yes\n";
        QVERIFY(f.write(data) == data.size());
        f.close();
        Workspace ws;
        ChatContext context;
        cl::test::importForChat(ws, dir.filePath(QStringLiteral("ws.campaignlens")), csv,
                                SharingMode::Aggregates, &context);
        const auto call = [&](const QString &tool, const QJsonObject &args) {
            return ChatTools::execute(
                {QStringLiteral("c1"), tool,
                 QString::fromUtf8(QJsonDocument(args).toJson(QJsonDocument::Compact))},
                context);
        };
        const ToolOutcome first =
            call(QStringLiteral("segment_stats"),
                 QJsonObject{{"by", QJsonArray{"marital"}},
                             {"filters", QJsonObject{{"job", QJsonArray{"admin.", "(missing)"}}}}});
        QVERIFY2(first.ok && first.result.contains(QLatin1String("\"population\":63")),
                 qPrintable(first.result));
        const ToolOutcome second =
            call(QStringLiteral("run_sql"),
                 QJsonObject{{"sql", QStringLiteral("SELECT COUNT(*) AS n, SUM(y) AS yes FROM %1 "
                                                    "WHERE job = 'admin.'")
                                         .arg(context.dataset.silverView())}});
        QVERIFY2(!second.ok && second.result.contains(QLatin1String("differs from the filter")),
                 qPrintable(second.result));
    }

    void issue10_1_attack2_auditDenialOfService()
    {
        CL_REQUIRE_SHARED(path, "bank-additional-full.csv");
        // The audit's linear algebra on the 41,188-row file, unoptimised under ASan, took
        // 100 s of CI; what it checks (answers, timing) is a property of the release build.
        if (cl::test::underAddressSanitizer())
            QSKIP("the audit on bank-additional-full is checked in the release build");
        MarkerRig rig(SharingMode::Aggregates, path);
        for (const QString &g : {QStringLiteral("job, education"),
                                 QStringLiteral("month, day_of_week, marital, housing, loan")}) {
            QElapsedTimer clock;
            clock.start();
            const ToolOutcome o = rig.runSql("SELECT COUNT(*) FROM " + kView + " GROUP BY " + g);
            const qint64 ms = clock.elapsed();
            qInfo("GROUP BY %s: %lld ms, %s", qPrintable(g), ms, o.ok ? "answered" : "refused");
            QVERIFY2(ms < 2000, qPrintable(QStringLiteral("one run_sql call (GROUP BY %1) held "
                                                          "the GUI thread for %2 ms")
                                               .arg(g)
                                               .arg(ms)));
        }
    }

    // The dominance search looks only at combinations of classes that are themselves
    // dominated ("flagged"). Branch x: one client with 7000 contacts and nine with 1; branch
    // y: ten clients with 1 (its own sums are fine). A sum over y and north splits x from y,
    // so x is flagged but x+y is a combination with an unflagged class: the whole's sum less
    // that of the branches other than x and y is x+y's sum, 7019, which one client dominates.
    void issue10_1_attack2_dominatedSumWithAnUnflaggedClass()
    {
        QTemporaryDir dir;
        QList<QByteArray> lines;
        for (int i = 0; i < 220; ++i) {
            const QByteArray branch = i < 10 ? "x" : i < 20 ? "y" : (i % 2 ? "north" : "south");
            const int campaign = i == 0 ? 7000 : i < 20 ? 1 : 50 + i % 100;
            lines << QByteArray::number(30 + i % 40) + ";admin.;single;" + branch + ";" +
                         QByteArray::number(campaign) + ";" + (i % 4 ? "no" : "yes");
        }
        MarkerRig rig(SharingMode::Aggregates,
                      writeCsv(dir, "mixed.csv", "age;job;marital;branch;campaign;y", lines));
        const QString q = "SELECT COUNT(*) AS n, SUM(campaign) AS s FROM " + kView;
        const ToolOutcome split = rig.runSql(q + " WHERE branch IN ('y', 'north')");
        const ToolOutcome all = rig.runSql(q);
        const ToolOutcome rest = rig.runSql(q + " WHERE branch NOT IN ('x', 'y')");
        if (!split.ok || !all.ok || !rest.ok)
            return; // refused: nothing leaked
        const double n = cellOf(all, 0) - cellOf(rest, 0);
        const double sum = cellOf(all, 1) - cellOf(rest, 1);
        QVERIFY2(!(7000 > 0.5 * sum),
                 qPrintable(QStringLiteral("branches x and y (%1 clients) sum to %2, one client "
                                           "holds 7000 of it (dominated; at least %3 given "
                                           "values >= 1)\n%4\n%5\n%6")
                                .arg(n)
                                .arg(sum)
                                .arg(sum - 19 * 1)
                                .arg(split.result, all.result, rest.result)));
    }

    // segment_stats shares the filtered population and its subscribers, which include the
    // suppressed segments, but the audit records only its segments (COUNT(*) ... GROUP BY by).
    // Two rare branches hold 1 client (retired, a subscriber) and 9 (admin.). The population
    // less the branches shown is both (10 clients); two run_sql filters 10 clients apart give
    // their difference (padded with north's married clients, which nothing else tells), so
    // each rare class is told, the one-client class's outcome included.
    void issue10_1_attack2_segmentStatsPopulationIsNotInTheAudit()
    {
        QTemporaryDir dir;
        QList<QByteArray> lines;
        for (int i = 0; i < 130; ++i) {
            const bool rare1 = i == 0, rare2 = i >= 1 && i < 10;
            const QByteArray branch = rare1   ? "zzone"
                                      : rare2 ? "zznine"
                                              : (i % 2 ? "north" : "south");
            const QByteArray job = rare1 ? "retired" : "admin.";
            const QByteArray marital = (i / 2) % 2 ? "married" : "single";
            const bool yes = rare1 || (rare2 ? i < 3 : i % 4 == 0);
            lines << QByteArray::number(30 + i % 40) + ";" + job + ";" + marital + ";" + branch +
                         ";" + QByteArray::number(1 + i % 5) + ";" + (yes ? "yes" : "no");
        }
        MarkerRig rig(SharingMode::Aggregates,
                      writeCsv(dir, "popu.csv", "age;job;marital;branch;campaign;y", lines));
        const ToolOutcome seg = rig.segmentStats(QJsonObject{{"by", QJsonArray{"branch"}}});
        QVERIFY2(seg.ok, qPrintable(seg.result));
        const QJsonObject s = QJsonDocument::fromJson(seg.result.toUtf8()).object();
        double rareN = s.value("population").toDouble(), rareY = s.value("subscribers").toDouble();
        for (const auto &v : s.value("segments").toArray()) {
            rareN -= v.toObject().value("clients").toDouble();
            rareY -= v.toObject().value("subscribers").toDouble();
        }
        const QString q = "SELECT COUNT(*) AS n, SUM(y) AS s FROM " + kView +
                          " WHERE (branch NOT "
                          "IN ('north', 'south') AND job %1 'admin.') OR (branch = 'north' AND "
                          "marital = 'married')";
        const ToolOutcome a = rig.runSql(q.arg("<>"));
        const ToolOutcome b = rig.runSql(q.arg("="));
        if (!a.ok || !b.ok)
            return; // refused: nothing leaked
        const double n = (rareN + cellOf(a, 0) - cellOf(b, 0)) / 2;
        const double y = (rareY + cellOf(a, 1) - cellOf(b, 1)) / 2;
        QVERIFY2(!(n >= 1 && n < 10),
                 qPrintable(QStringLiteral("the rare branches' retired clients: %1 client(s), "
                                           "%2 subscriber(s)\n%3\n%4\n%5")
                                .arg(n)
                                .arg(y)
                                .arg(seg.result, a.result, b.result)));
    }

    // segment_stats ranks every segment, the suppressed ones too, and small segments (below
    // min_n, 30 by default) are ranked among themselves by their Wilson lower bound: the rank
    // of a shown small segment counts the suppressed segments above it. Two files differ in
    // one client's outcome only (zzone's client, or one of zznine's nine, subscribed): the
    // answers must be the same, and east's rank differs.
    void issue10_1_attack2_segmentStatsRankTellsASuppressedOutcome()
    {
        QString answers[2];
        for (int variant = 0; variant < 2; ++variant) {
            QTemporaryDir dir;
            QList<QByteArray> lines;
            for (int i = 0; i < 230; ++i) {
                const QByteArray branch = i == 0   ? "zzone"
                                          : i < 10 ? "zznine"
                                          : i < 30 ? "east"
                                                   : (i % 2 ? "north" : "south");
                const bool yes = i == 0   ? variant == 0
                                 : i == 1 ? variant == 1
                                 : i < 10 ? false
                                 : i < 30 ? i < 12
                                          : (i % 2 ? i % 10 == 1 : i % 3 == 0);
                lines << QByteArray::number(30 + i % 40) + ";admin.;single;" + branch + ";" +
                             QByteArray::number(1 + i % 5) + ";" + (yes ? "yes" : "no");
            }
            MarkerRig rig(SharingMode::Aggregates,
                          writeCsv(dir, "rank.csv", "age;job;marital;branch;campaign;y", lines));
            const ToolOutcome o = rig.segmentStats(QJsonObject{{"by", QJsonArray{"branch"}}});
            answers[variant] = o.result;
        }
        QVERIFY2(answers[0] == answers[1],
                 qPrintable(QStringLiteral("the answer depends on whether zzone's one client "
                                           "subscribed:\n%1\n%2")
                                .arg(answers[0], answers[1])));
    }

    // The limit the doc admits, built: a combination over fewer than k clients that needs
    // three rows of the RREF basis. Branches ra, rb, rc (3 clients each, all subscribers),
    // x1..z2 (2 each) and l1..l6 (12 each). Nine filters (`branch IN (...)`, each two at
    // least 11 clients apart) tell ra+X-Z, rb+Y-X and rc+Z-Y (X = x1+x2, ...; l4..l6 only
    // keep x1 from x2 and so on). ra, rb, rc are the largest small classes, so the basis
    // rows are exactly those three (11 clients each, their sums and differences 14 or more):
    // the sum of the three rows is ra+rb+rc, 9 clients, and their subscribers.
    void issue10_1_attack2_combinationOfThreeBasisRows()
    {
        QTemporaryDir dir;
        QList<QByteArray> lines;
        const auto add = [&](const char *branch, int n, bool subscribers) {
            for (int i = 0; i < n; ++i)
                lines << QByteArray::number(30 + lines.size() % 40) + ";admin.;single;" + branch +
                             ";" + QByteArray::number(1 + lines.size() % 5) + ";" +
                             (subscribers || lines.size() % 4 == 0 ? "yes" : "no");
        };
        for (const char *b : {"ra", "rb", "rc"})
            add(b, 3, true);
        for (const char *b : {"x1", "x2", "y1", "y2", "z1", "z2"})
            add(b, 2, false);
        for (const char *b : {"l1", "l2", "l3", "l4", "l5", "l6"})
            add(b, 12, false);
        MarkerRig rig(SharingMode::Aggregates,
                      writeCsv(dir, "three.csv", "age;job;marital;branch;campaign;y", lines));
        const QStringList filters = {
            "'x1', 'l4'",
            "'y1', 'l5'",
            "'z1', 'l6'", // splitters
            "'ra', 'x1', 'x2', 'l1'",
            "'z1', 'z2', 'l1'", // ra+X-Z
            "'rb', 'y1', 'y2', 'l2'",
            "'x1', 'x2', 'l2'", // rb+Y-X
            "'rc', 'z1', 'z2', 'l3'",
            "'y1', 'y2', 'l3'", // rc+Z-Y
        };
        QList<ToolOutcome> a;
        for (const QString &f : filters) {
            a << rig.runSql("SELECT COUNT(*) AS n, SUM(y) AS s FROM " + kView +
                            " WHERE branch IN (" + f + ")");
            if (!a.back().ok) {
                qInfo("refused (%s): %s", qPrintable(f), qPrintable(a.back().result));
                return; // refused: nothing leaked
            }
        }
        double n = 0, y = 0;
        for (int i = 3; i < 9; ++i) {
            n += (i % 2 ? 1 : -1) * cellOf(a[i], 0);
            y += (i % 2 ? 1 : -1) * cellOf(a[i], 1);
        }
        QVERIFY2(
            !(n >= 1 && n < 10),
            qPrintable(
                QStringLiteral("branches ra, rb, rc: %1 clients, %2 subscribers").arg(n).arg(y)));
    }

private:
    static QStringList viewColumns(MarkerRig &rig)
    {
        ReadOnlyQuery query(rig.ws.path());
        return query.run(QStringLiteral("SELECT * FROM ") + kView + QStringLiteral(" LIMIT 0"))
            .columns;
    }

    /// `sql` with the contents of its '...' literals and "..." names blanked.
    static QString outsideLiterals(const QString &sql)
    {
        QString out;
        QChar quote;
        for (const QChar c : sql) {
            if (quote.isNull()) {
                if (c == QLatin1Char('\'') || c == QLatin1Char('"'))
                    quote = c;
                out += c;
            } else if (c == quote) {
                quote = QChar();
                out += c;
            } else {
                out += QLatin1Char('_');
            }
        }
        return out;
    }
};

QTEST_GUILESS_MAIN(TestAggregateSql)
#include "tst_aggregate_sql.moc"
