// Tests of ReadOnlyQuery (issue 5, run_sql): hostile statements refused by SQLite itself,
// the workspace byte-identical afterwards, runaway queries stopped, caps and table limits.
#include "store/Database.h"
#include "store/ReadOnlyQuery.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

namespace {

QByteArray sha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

} // namespace

class TestReadOnlyQuery : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path =
            m_dir.filePath(QStringLiteral("workspace-%1.sqlite").arg(QTest::currentTestFunction()));
        QFile::remove(m_path);
        cl::Database db;
        QVERIFY(db.open(m_path));
        QVERIFY(
            db.exec("CREATE TABLE silver(id INTEGER PRIMARY KEY, job TEXT, age INTEGER, y INTEGER);"
                    "CREATE TABLE secrets(token TEXT);"
                    "CREATE INDEX ix_age ON silver(age);"
                    "INSERT INTO secrets VALUES ('do-not-read');"
                    "CREATE VIEW v_rate AS SELECT job, avg(y) AS rate, count(*) AS n FROM silver "
                    "GROUP BY job;"
                    "CREATE VIEW v_jobs AS SELECT job, age, y FROM silver;"));
        QVERIFY(db.exec("WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i "
                        "WHERE x < 500) INSERT INTO silver(job, age, y) SELECT "
                        "CASE x % 3 WHEN 0 THEN 'student' WHEN 1 THEN 'retired' ELSE 'admin.' END, "
                        "18 + x % 60, x % 4 = 0 FROM i;"));
    }

    void selectReturnsRows()
    {
        cl::ReadOnlyQuery q(m_path);
        QVERIFY2(q.isOpen(), qPrintable(q.openError()));
        const cl::ReadOnlyQueryResult r = q.run(
            "SELECT job, count(*) AS n, round(avg(y), 3) FROM silver GROUP BY job ORDER BY job");
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.columns, QStringList({"job", "n", "round(avg(y), 3)"}));
        QCOMPARE(r.rows.size(), 3);
        QCOMPARE(r.rows[0][0].toString(), QStringLiteral("admin."));
        QCOMPARE(r.rows[0][1].toLongLong() + r.rows[1][1].toLongLong() + r.rows[2][1].toLongLong(),
                 500);
        QVERIFY(!r.truncated);
    }
    void allowedForms_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("trailing semicolon and comment") << "SELECT 1; -- done";
        QTest::newRow("block comment tail") << "SELECT 1 /* a */ ; /* b */";
        QTest::newRow("CTE")
            << "WITH s AS (SELECT job, y FROM silver) SELECT job, sum(y) FROM s GROUP BY job";
        QTest::newRow("window function")
            << "SELECT job, rank() OVER (ORDER BY count(*)) FROM silver GROUP BY job";
        QTest::newRow("view") << "SELECT * FROM v_rate";
        QTest::newRow("small recursive CTE") << "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT "
                                                "x+1 FROM c WHERE x < 10) SELECT sum(x) FROM c";
        QTest::newRow("date and string functions")
            << "SELECT upper(job), length(job), date('2024-01-01') FROM silver LIMIT 1";
    }
    void allowedForms()
    {
        QFETCH(QString, sql);
        cl::ReadOnlyQuery q(m_path);
        const cl::ReadOnlyQueryResult r = q.run(sql);
        QVERIFY2(r.ok, qPrintable(r.error));
    }

    void hostileStatementsAreRefused_data()
    {
        QTest::addColumn<QString>("sql");
        const QString evil = m_dir.filePath("evil.db");
        QTest::newRow("insert") << "INSERT INTO silver(job) VALUES ('x')";
        QTest::newRow("update") << "UPDATE silver SET y = 1";
        QTest::newRow("delete") << "DELETE FROM silver";
        QTest::newRow("replace") << "REPLACE INTO silver(id, job) VALUES (1, 'x')";
        QTest::newRow("upsert")
            << "INSERT INTO silver(id) VALUES (1) ON CONFLICT(id) DO UPDATE SET y = 0";
        QTest::newRow("CTE delete") << "WITH x AS (SELECT 1) DELETE FROM silver";
        QTest::newRow("drop table") << "DROP TABLE silver";
        QTest::newRow("drop view") << "DROP VIEW v_rate";
        QTest::newRow("create table") << "CREATE TABLE t(x)";
        QTest::newRow("create table as select") << "CREATE TABLE t AS SELECT * FROM silver";
        QTest::newRow("create temp table") << "CREATE TEMP TABLE t(x)";
        QTest::newRow("create index") << "CREATE INDEX ix ON silver(job)";
        QTest::newRow("create view") << "CREATE VIEW v2 AS SELECT 1";
        QTest::newRow("create trigger")
            << "CREATE TRIGGER tr AFTER INSERT ON silver BEGIN DELETE FROM silver; END";
        QTest::newRow("create virtual table") << "CREATE VIRTUAL TABLE f USING fts5(a)";
        QTest::newRow("alter table") << "ALTER TABLE silver ADD COLUMN z";
        QTest::newRow("alter rename") << "ALTER TABLE silver RENAME TO gold";
        QTest::newRow("attach") << QStringLiteral("ATTACH DATABASE '%1' AS evil").arg(evil);
        QTest::newRow("attach memory") << "ATTACH ':memory:' AS m";
        QTest::newRow("detach") << "DETACH DATABASE main";
        QTest::newRow("pragma writable_schema") << "PRAGMA writable_schema = ON";
        QTest::newRow("pragma journal_mode") << "PRAGMA journal_mode = DELETE";
        QTest::newRow("pragma user_version write") << "PRAGMA user_version = 7";
        QTest::newRow("pragma query_only off") << "PRAGMA query_only = 0";
        QTest::newRow("pragma read table_info") << "PRAGMA table_info(silver)";
        QTest::newRow("pragma function") << "SELECT * FROM pragma_table_info('silver')";
        QTest::newRow("begin") << "BEGIN";
        QTest::newRow("begin immediate") << "BEGIN IMMEDIATE";
        QTest::newRow("commit") << "COMMIT";
        QTest::newRow("rollback") << "ROLLBACK";
        QTest::newRow("savepoint") << "SAVEPOINT s1";
        QTest::newRow("release") << "RELEASE s1";
        QTest::newRow("vacuum") << "VACUUM";
        QTest::newRow("vacuum into") << QStringLiteral("VACUUM INTO '%1'").arg(evil);
        QTest::newRow("reindex") << "REINDEX";
        QTest::newRow("reindex index") << "REINDEX ix_age";
        QTest::newRow("analyze") << "ANALYZE";
        QTest::newRow("load_extension") << "SELECT load_extension('/tmp/evil.so')";
        QTest::newRow("load_extension with entry")
            << "SELECT load_extension('libc.so.6', 'system')";
        QTest::newRow("readfile") << "SELECT readfile('/etc/passwd')";
        QTest::newRow("writefile") << QStringLiteral("SELECT writefile('%1', 'x')").arg(evil);
        QTest::newRow("edit") << "SELECT edit('x', 'vi')";
        QTest::newRow("fts3_tokenizer") << "SELECT fts3_tokenizer('simple')";
        QTest::newRow("randomblob memory bomb") << "SELECT randomblob(2000000000)";
        QTest::newRow("zeroblob memory bomb") << "SELECT zeroblob(2000000000)";
        QTest::newRow("sqlite_dbpage") << "SELECT * FROM sqlite_dbpage";
        QTest::newRow("select then delete") << "SELECT 1; DELETE FROM silver";
        QTest::newRow("select then drop") << "SELECT * FROM silver; DROP TABLE silver;";
        QTest::newRow("select then attach") << "SELECT 1;ATTACH ':memory:' AS m";
        QTest::newRow("two selects") << "SELECT 1; SELECT 2";
        QTest::newRow("comment hides second statement") << "SELECT 1; /* x */ DELETE FROM silver";
        QTest::newRow("read other schema") << "SELECT * FROM temp.sqlite_master";
        QTest::newRow("empty") << "   ";
        QTest::newRow("only a comment") << "-- nothing";
    }
    void hostileStatementsAreRefused()
    {
        QFETCH(QString, sql);
        const QByteArray before = sha256(m_path);
        QVERIFY(!before.isEmpty());
        {
            cl::ReadOnlyQuery q(m_path);
            QVERIFY(q.isOpen());
            const cl::ReadOnlyQueryResult r = q.run(sql);
            QVERIFY2(!r.ok, qPrintable("accepted: " + sql));
            QVERIFY(!r.error.isEmpty());
            QVERIFY(r.rows.isEmpty());
            // Still usable for honest queries afterwards.
            QVERIFY(q.run("SELECT count(*) FROM silver").ok);
        }
        QCOMPARE(sha256(m_path), before);
        QVERIFY(!QFile::exists(m_dir.filePath("evil.db")));
    }
    void workspaceByteIdenticalAfterAllHostileStatements()
    {
        // The same list in one session on one connection, then the file compared.
        hostileStatementsAreRefused_data();
        const QByteArray before = sha256(m_path);
        cl::Database db;
        QVERIFY(db.open(m_path, cl::Database::Mode::ReadOnly));
        cl::ReadOnlyQuery q(m_path);
        const QStringList hostile = {"DELETE FROM silver",
                                     "DROP TABLE silver",
                                     "VACUUM",
                                     "PRAGMA writable_schema=ON",
                                     "ATTACH ':memory:' AS m",
                                     "BEGIN IMMEDIATE",
                                     "SELECT load_extension('x')",
                                     "SELECT 1; UPDATE silver SET y=0"};
        int refused = 0;
        for (const QString &sql : hostile)
            refused += q.run(sql).ok ? 0 : 1;
        QCOMPARE(refused, hostile.size());
        QCOMPARE(sha256(m_path), before);
        QCOMPARE(q.run("SELECT count(*) FROM silver").rows.value(0).value(0).toInt(), 500);
    }
    void runawayRecursiveCteIsStopped()
    {
        const QByteArray before = sha256(m_path);
        cl::ReadOnlyQuery q(m_path);
        cl::ReadOnlyQueryOptions opt;
        opt.timeLimitMs = 300;
        QElapsedTimer clock;
        clock.start();
        const cl::ReadOnlyQueryResult r = q.run("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT "
                                                "x + 1 FROM c) SELECT count(*) FROM c",
                                                opt);
        QVERIFY(!r.ok);
        QVERIFY(r.timedOut);
        QVERIFY2(r.error.contains("300 ms"), qPrintable(r.error));
        QVERIFY2(clock.elapsed() < 3000, "the time limit must interrupt the query");
        QCOMPARE(sha256(m_path), before);
        QVERIFY(q.run("SELECT 1").ok);
    }
    void cartesianBlowUpIsStopped()
    {
        cl::ReadOnlyQuery q(m_path);
        cl::ReadOnlyQueryOptions opt;
        opt.timeLimitMs = 200;
        const cl::ReadOnlyQueryResult r =
            q.run("SELECT count(*) FROM silver a, silver b, silver c, silver d", opt);
        QVERIFY(!r.ok);
        QVERIFY(r.timedOut);
    }
    void rowCapTruncates()
    {
        cl::ReadOnlyQuery q(m_path);
        cl::ReadOnlyQueryOptions opt;
        opt.maxRows = 25;
        const cl::ReadOnlyQueryResult r = q.run("SELECT * FROM silver", opt);
        QVERIFY(r.ok);
        QCOMPARE(r.rows.size(), 25);
        QVERIFY(r.truncated);
        // An infinite generator is fine when the row cap ends it.
        const cl::ReadOnlyQueryResult g = q.run(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c", opt);
        QVERIFY(g.ok);
        QCOMPARE(g.rows.size(), 25);
        QVERIFY(g.truncated);
    }
    void restrictedToAllowedTables_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("ok");
        QTest::newRow("allowed table") << "SELECT count(*) FROM silver" << true;
        QTest::newRow("allowed view") << "SELECT * FROM v_rate" << true;
        QTest::newRow("other table") << "SELECT * FROM secrets" << false;
        QTest::newRow("subquery on other table")
            << "SELECT (SELECT token FROM secrets) FROM silver LIMIT 1" << false;
        QTest::newRow("schema table") << "SELECT sql FROM sqlite_master" << false;
        QTest::newRow("join") << "SELECT * FROM silver JOIN secrets" << false;
    }
    void restrictedToAllowedTables()
    {
        QFETCH(QString, sql);
        QFETCH(bool, ok);
        cl::ReadOnlyQuery q(m_path);
        cl::ReadOnlyQueryOptions opt;
        opt.allowedTables = {"silver", "V_RATE"};
        const cl::ReadOnlyQueryResult r = q.run(sql, opt);
        QVERIFY2(r.ok == ok, qPrintable(r.error));
        if (!ok)
            QVERIFY(r.error.startsWith("refused"));
    }
    void countOfAnAllowedViewReadsItsTableWithoutValues_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("count"); ///< -1: refused
        // SQLite answers count(*) on a flattened view from the table, with an empty column name.
        QTest::newRow("count of the view") << "SELECT count(*) FROM v_jobs" << 500;
        QTest::newRow("count with a filter") << "SELECT count(*) FROM v_jobs WHERE age < 20" << 17;
        QTest::newRow("values of the view's table") << "SELECT job FROM silver LIMIT 1" << -1;
        QTest::newRow("count of another table") << "SELECT count(*) FROM secrets" << -1;
    }
    void countOfAnAllowedViewReadsItsTableWithoutValues()
    {
        QFETCH(QString, sql);
        QFETCH(int, count);
        cl::ReadOnlyQuery q(m_path);
        cl::ReadOnlyQueryOptions opt;
        opt.allowedTables = {"v_jobs"};
        const cl::ReadOnlyQueryResult r = q.run(sql, opt);
        QVERIFY2(r.ok == (count >= 0), qPrintable(r.error));
        if (count >= 0)
            QCOMPARE(r.rows.value(0).value(0).toInt(), count);
    }
    void walWorkspace_data()
    {
        QTest::addColumn<bool>("writerOpen");
        QTest::newRow("app connection closed") << false;
        QTest::newRow("app connection open") << true;
    }
    void walWorkspace()
    {
        // Workspaces are in WAL mode; the app's own connection may be open meanwhile.
        QFETCH(bool, writerOpen);
        {
            cl::Database db;
            QVERIFY(db.open(m_path));
            QCOMPARE(db.setJournalMode("WAL"), QStringLiteral("wal"));
        }
        cl::Database writer;
        if (writerOpen) {
            QVERIFY(writer.open(m_path));
            QVERIFY(writer.exec("SELECT count(*) FROM silver"));
        }
        const QByteArray before = sha256(m_path);
        const QByteArray walBefore = sha256(m_path + "-wal");
        cl::ReadOnlyQuery q(m_path);
        QVERIFY2(q.isOpen(), qPrintable(q.openError()));
        const cl::ReadOnlyQueryResult r = q.run("SELECT count(*) FROM silver");
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.rows.value(0).value(0).toInt(), 500);
        for (const QString &sql : QStringList{"DELETE FROM silver", "PRAGMA journal_mode=DELETE",
                                              "PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM",
                                              "SELECT 1; INSERT INTO silver(job) VALUES ('x')"})
            QVERIFY2(!q.run(sql).ok, qPrintable(sql));
        QCOMPARE(sha256(m_path), before);
        if (walBefore.isEmpty()) // SQLite may create an empty -wal beside a WAL database
            QVERIFY(QFileInfo(m_path + "-wal").size() == 0);
        else
            QCOMPARE(sha256(m_path + "-wal"), walBefore);
    }
    void missingWorkspaceIsNotCreated()
    {
        const QString path = m_dir.filePath("does-not-exist.sqlite");
        cl::ReadOnlyQuery q(path);
        QVERIFY(!q.isOpen());
        QVERIFY(!q.openError().isEmpty());
        QVERIFY(!q.run("SELECT 1").ok);
        QVERIFY(!QFile::exists(path));
    }
    void functionWhitelist()
    {
        QVERIFY(cl::ReadOnlyQuery::isAllowedFunction("COUNT"));
        QVERIFY(cl::ReadOnlyQuery::isAllowedFunction("round"));
        QVERIFY(!cl::ReadOnlyQuery::isAllowedFunction("load_extension"));
        QVERIFY(!cl::ReadOnlyQuery::isAllowedFunction("readfile"));
        QVERIFY(!cl::ReadOnlyQuery::isAllowedFunction("writefile"));
        QVERIFY(!cl::ReadOnlyQuery::isAllowedFunction("randomblob"));
    }
};

QTEST_GUILESS_MAIN(TestReadOnlyQuery)
#include "tst_readonlyquery.moc"
