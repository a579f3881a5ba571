// Warehouse datasets on a sharded ClickHouse cluster (issue 14): three clickhouse-server
// processes started here (an initiator and two shards); segments pushed down equal the local
// import's, the shards do the work (system.query_log), quoting, no stored password, read-only
// and time-out, cancel, messages.
#include "CliRun.h"
#include "FakeOpenAiServer.h"
#include "TestSupport.h"
#include "cli/AskCommand.h"
#include "cli/ConnectCommand.h"
#include "cli/ImportCommands.h"
#include "cli/ModelCommands.h"
#include "cli/SegmentsCommand.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Workspace.h"
#include "support/BankColumns.h"
#include "support/ChTestServer.h"
#include "support/LiveChatChecks.h"
#include "support/LiveChecks.h"
#include "tst_chat_support.h"
#include "warehouse/ChConnection.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <functional>

#include <memory>

using namespace cl;
using cl::test::runCli;

#define REQUIRE_SERVER() CL_REQUIRE_SERVER(cl::test::ChTestServer)
#define REQUIRE_BANK() CL_REQUIRE_BANK(cl::test::ChTestServer)

class TestWarehouseCh : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<cl::test::ChTestServer> m_server;
    QTemporaryDir m_dir;
    QString m_ws;
    QString m_liveId;

    cl::test::CliRun segments(const QStringList &options, const QString &dataset)
    {
        return runCli(cli::runSegments,
                      options + QStringList{QStringLiteral("--workspace"), m_ws,
                                            QStringLiteral("--dataset"), dataset});
    }

    /// The combinations of the levels of the model's categoricals (`fit`'s coefficients) that
    /// occur in the local dataset 1: the most partial rows a shard may send for a pass.
    double occurringCells(const QJsonObject &fit)
    {
        QStringList columns;
        for (const QJsonValue &c : fit.value(QStringLiteral("coefficients")).toArray()) {
            const QJsonObject term = c.toObject();
            const QString column = term.value(QStringLiteral("column")).toString();
            if (!term.value(QStringLiteral("level")).toString().isEmpty() &&
                !columns.contains(column))
                columns << column;
        }
        cl::Workspace ws;
        QString error;
        if (!ws.open(m_ws, &error, cl::Workspace::Access::ReadOnly) || columns.size() < 2)
            return -1;
        const auto info = ws.dataset(1);
        if (!info)
            return -1;
        QStringList quoted;
        for (const QString &c : columns)
            quoted << cl::Database::quoteIdentifier(c);
        cl::Statement st(ws.db(),
                         QStringLiteral("SELECT count(*) FROM (SELECT DISTINCT %1 FROM %2)")
                             .arg(quoted.join(QStringLiteral(", ")),
                                  cl::Database::quoteIdentifier(info->silverTable())));
        return st.step() ? double(st.columnInt64(0)) : -1;
    }

    /// Of the model's passes over `table` in the initiator's log (grouped by cell): those that
    /// clean the labels on every row, tab, all of them.
    QString cellPassesCleaning(const QString &table)
    {
        return queryLog(QStringLiteral("SELECT countIf(position(query, '[[:space:]]+') > 0), "
                                       "count() FROM system.query_log WHERE type = 2 AND query_id "
                                       "LIKE '%1%' AND position(query, 'cl_cell') > 0 AND "
                                       "position(query, 'FROM `%2`') > 0")
                            .arg(ChConnection::queryIdPrefix(), table));
    }

    /// The initiator's query log after a flush: `sql` over system.query_log.
    QString queryLog(const QString &sql, int server = 0)
    {
        if (!m_server->run(QStringLiteral("SYSTEM FLUSH LOGS"), server))
            return {};
        QByteArray out;
        if (!m_server->run(sql, server, {}, &out))
            return {};
        return QString::fromUtf8(out).trimmed();
    }

    /// `data` as gzip (the gzip program): what ClickHouse sends when asked to compress.
    static QByteArray gzipped(const QByteArray &data)
    {
        QProcess gzip;
        gzip.start(QStringLiteral("gzip"), {QStringLiteral("-c")});
        if (!gzip.waitForStarted())
            return {};
        gzip.write(data);
        gzip.closeWriteChannel();
        gzip.waitForFinished();
        return gzip.readAllStandardOutput();
    }

    /// A scripted answer as ClickHouse gives it: gzip, or nothing for an empty one.
    static cl::test::FakeResponse chAnswer(const QByteArray &body)
    {
        cl::test::FakeResponse r;
        if (!body.isEmpty()) {
            r.body = gzipped(body);
            r.headers.append(qMakePair(QByteArray("Content-Encoding"), QByteArray("gzip")));
        }
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!cl::test::startServer(m_server, "ClickHouse"))
            return;
        m_ws = m_dir.filePath(QStringLiteral("ws.campaignlens"));
        const QString bank = cl::test::sharedBankFile(QStringLiteral("bank-additional-full.csv"));
        if (bank.isEmpty())
            return;
        QFile file(bank);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString columns = cl::test::clickHouseBankColumns(file.readLine());
        file.close();
        QVERIFY2(
            m_server->createSharded(QStringLiteral("bank"), QStringLiteral("bank_local"), columns),
            qPrintable(m_server->error()));
        qint64 rows = 0;
        QVERIFY2(m_server->loadCsv(bank, QStringLiteral("bank_local"), &rows),
                 qPrintable(m_server->error()));
        QCOMPARE(rows, qint64(41188));

        const auto local = runCli(cli::runImport, {bank, QStringLiteral("--workspace"), m_ws});
        QVERIFY2(local.code == 0, qPrintable(local.err));
        const auto live =
            runCli(cli::runConnect, {m_server->url(), QStringLiteral("--table"),
                                     QStringLiteral("bank"), QStringLiteral("--workspace"), m_ws});
        QVERIFY2(live.code == 0, qPrintable(live.err + live.out));
        QVERIFY2(live.out.contains(QLatin1String("Connected dataset 2 ")) &&
                     live.out.contains(QLatin1String("live ClickHouse table `bank`")) &&
                     live.out.contains(QLatin1String("41188 rows, 4640 subscribers")),
                 qPrintable(live.out));
        m_liveId = QStringLiteral("2");
    }

    void infoListsTheLiveDataset()
    {
        REQUIRE_BANK();
        const auto one = runCli(cli::runInfo, {QStringLiteral("--workspace"), m_ws,
                                               QStringLiteral("--dataset"), m_liveId});
        QCOMPARE(one.code, 0);
        QVERIFY2(one.out.contains(QLatin1String("engine: clickhouse, table bank")) &&
                     one.out.contains(QLatin1String("age_band")),
                 qPrintable(one.out));
    }

    void pushedDownSegmentsEqualTheLocalImport_data() { cl::test::addSegmentQueries(); }

    /// Every segment's clients and subscribers and every figure printed from them equal the
    /// local dataset's (levels come in label order here, so ties may rank in another order).
    void pushedDownSegmentsEqualTheLocalImport()
    {
        REQUIRE_BANK();
        QFETCH(QStringList, options);
        cl::test::compareSegments(m_ws, QStringLiteral("1"), m_liveId, options, false);
    }

    /// The engine does the work: the segments query on the initiator returns one row a
    /// segment, the shards read the table's rows, and no query this app sent returned more
    /// rows than a column's levels or the segments.
    void theShardsDoTheWork()
    {
        REQUIRE_BANK();
        const auto run = segments({QStringLiteral("--by"), QStringLiteral("age_band,job,marital"),
                                   QStringLiteral("--min-n"), QStringLiteral("1"),
                                   QStringLiteral("--format"), QStringLiteral("csv")},
                                  m_liveId);
        QVERIFY2(run.code == 0, qPrintable(run.err));
        const int cells = int(run.out.count(QLatin1Char('\n'))) - 1;
        QVERIFY(cells > 100);
        const QString prefix = ChConnection::queryIdPrefix();
        // type 2: QueryFinish.
        const QString last = queryLog(
            QStringLiteral("SELECT result_rows, query_id FROM system.query_log WHERE type = 2 AND "
                           "query_id LIKE '%1%' AND query LIKE '%GROUP BY%' AND query LIKE "
                           "'%job%marital%' ORDER BY event_time DESC, query_start_time DESC "
                           "LIMIT 1")
                .arg(prefix));
        QVERIFY2(!last.isEmpty(), qPrintable(m_server->error()));
        QCOMPARE(last.section(QLatin1Char('\t'), 0, 0).toInt(), cells);
        const QString most = queryLog(QStringLiteral("SELECT max(result_rows), count() FROM "
                                                     "system.query_log WHERE type = 2 AND "
                                                     "query_id LIKE '%1%'")
                                          .arg(prefix));
        const int maxRows = most.section(QLatin1Char('\t'), 0, 0).toInt();
        QVERIFY2(maxRows > 0 && maxRows <= std::max(cells, 1001), qPrintable(most));
        // Each shard read its half of the table for that query, sent by the initiator.
        const QString id = last.section(QLatin1Char('\t'), 1, 1);
        qint64 read = 0;
        for (int shard = 1; shard <= 2; ++shard) {
            const QString r = queryLog(QStringLiteral("SELECT sum(read_rows) FROM system.query_log "
                                                      "WHERE type = 2 AND initial_query_id = '%1'")
                                           .arg(id),
                                       shard);
            QVERIFY2(r.toLongLong() > 0, qPrintable(r + m_server->error()));
            read += r.toLongLong();
        }
        QCOMPARE(read, qint64(41188));
    }

    /// A hostile column name as the target, a table name with a space, labels with quotes,
    /// backslashes and non-ASCII text, empty and NULL categories; a change is noticed.
    void awkwardNamesQuotesAndNonAscii()
    {
        REQUIRE_SERVER();
        const QString columns =
            QStringLiteral("age Nullable(Int32), job Nullable(String), `y\"; DROP TABLE x; --` "
                           "String");
        QVERIFY2(m_server->createSharded(QStringLiteral("`Awkward table`"),
                                         QStringLiteral("`awkward local`"), columns),
                 qPrintable(m_server->error()));
        const QString insert = QStringLiteral("INSERT INTO `awkward local` FORMAT TabSeparated");
        QVERIFY(m_server->run(insert, 1,
                              "30\tO'Brien \"quoted\" \\\\x\tyes\n"
                              "31\tO'Brien \"quoted\" \\\\x\tno\n"
                              "70\t\xc3\x86r\xc3\xb8  Caf\xc3\xa9\tyes\n"));
        QVERIFY(m_server->run(insert, 2,
                              "70\t\xc3\xa6r\xc3\xb8 caf\xc3\xa9\tY\n"
                              "\\N\t  \tno\n"
                              "20\t\\N\tno\n"
                              "40\tx\tmaybe\n"));
        cl::test::checkAwkwardTable(m_server->url(),
                                    m_dir.filePath(QStringLiteral("awkward.campaignlens")),
                                    [&] { return m_server->run(insert, 1, "50\tx\tno\n"); });
        // "Ærø  Café" is not spelled as its label: the model's passes clean every row.
        const QStringList c =
            cellPassesCleaning(QStringLiteral("Awkward table")).split(QLatin1Char('\t'));
        QVERIFY2(c.size() == 2 && c[0].toInt() >= 1 && c[0] == c[1], qPrintable(c.join(' ')));
    }

    /// A text column's numbers, missing values and non-numbers read as an import reads them.
    void numbersReadAsTheImportReads()
    {
        REQUIRE_SERVER();
        test::checkNumbersReadAsTheImportReads(m_server->url(), [&](const QStringList &fields) {
            QByteArray tsv;
            for (qsizetype i = 0; i < fields.size(); ++i)
                tsv +=
                    QByteArray::number(i) + '\t' + fields[i].toUtf8().replace('\t', "\\t") + '\n';
            return m_server->createSharded(QStringLiteral("numbers_as_text"),
                                           QStringLiteral("numbers_as_text_local"),
                                           QStringLiteral("i Int32, v String")) &&
                   m_server->run(QStringLiteral("INSERT INTO numbers_as_text_local FORMAT "
                                                "TabSeparated"),
                                 1, tsv);
        });
    }

    /// Rows with numbers outside their plausible ranges are left out on the engine, as an
    /// import rejects them.
    void implausibleRowsAreLeftOutAsImported()
    {
        REQUIRE_SERVER();
        const QString insert = QStringLiteral("INSERT INTO implausible_local FORMAT TabSeparated");
        const auto load = [&] {
            if (!m_server->createSharded(QStringLiteral("implausible"),
                                         QStringLiteral("implausible_local"),
                                         QStringLiteral("age Nullable(String), campaign "
                                                        "Nullable(String), previous "
                                                        "Nullable(String), job String, y String")))
                return false;
            // The CSV's rows as tab-separated values (an empty field NULL), every other one to
            // each shard.
            QByteArray shard[2];
            const QList<QByteArray> lines = test::implausibleCsv().trimmed().split('\n');
            for (qsizetype i = 1; i < lines.size(); ++i) {
                QList<QByteArray> fields = lines[i].split(';');
                for (QByteArray &f : fields)
                    if (f.isEmpty())
                        f = "\\N";
                shard[i % 2] += fields.join('\t') + '\n';
            }
            return m_server->run(insert, 1, shard[0]) && m_server->run(insert, 2, shard[1]);
        };
        test::checkImplausibleRows(
            m_dir.filePath(QStringLiteral("implausible")), m_server->url(), load,
            [&] { return m_server->run(insert, 1, "30\t1\t2.5\tadmin.\tyes\n"); });
    }

    /// A level that appears after the table was connected is refused, not fitted elsewhere.
    void newLevelIsRefused()
    {
        REQUIRE_SERVER();
        QVERIFY2(m_server->createSharded(QStringLiteral("`New level`"),
                                         QStringLiteral("`new level local`"),
                                         QStringLiteral("age Int32, job String, y String")),
                 qPrintable(m_server->error()));
        const QString insert = QStringLiteral("INSERT INTO `new level local` FORMAT TabSeparated");
        QVERIFY(m_server->run(
            insert, 1, "25\ta\tyes\n30\ta\tno\n35\ta\tno\n40\ta\tyes\n45\ta\tno\n50\ta\tno\n"));
        QVERIFY(m_server->run(
            insert, 2, "28\tb\tno\n33\tb\tyes\n38\tb\tno\n43\tb\tno\n48\tb\tyes\n53\tb\tno\n"));
        cl::test::checkNewLevelIsRefused(m_server->url(),
                                         m_dir.filePath(QStringLiteral("newlevel.campaignlens")),
                                         [&] { return m_server->run(insert, 1, "60\tc\tyes\n"); });
    }

    /// A password in the URL is used once and never stored; the next run takes it from
    /// CLICKHOUSE_PASSWORD, and a wrong one is named without being shown.
    void noPasswordIsStored()
    {
        REQUIRE_BANK();
        const QString secret = QStringLiteral("campaignlens-test");
        QString url = m_server->url();
        url.replace(QLatin1String("://"), QStringLiteral("://analyst:%1@").arg(secret));
        const QString ws = m_dir.filePath(QStringLiteral("password.campaignlens"));
        const auto connect =
            runCli(cli::runConnect, {url, QStringLiteral("--table"), QStringLiteral("bank"),
                                     QStringLiteral("--workspace"), ws});
        QVERIFY2(connect.code == 0, qPrintable(connect.err));
        QVERIFY2(connect.err.contains(QLatin1String("not stored")), qPrintable(connect.err));
        QFile file(ws);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(secret.toUtf8()));
        const QStringList args{QStringLiteral("--by"), QStringLiteral("job"),
                               QStringLiteral("--workspace"), ws};
        qunsetenv("CLICKHOUSE_PASSWORD");
        const auto without = runCli(cli::runSegments, args);
        QCOMPARE(without.code, 1);
        QVERIFY2(without.err.contains(QLatin1String("ClickHouse: connecting to")),
                 qPrintable(without.err));
        qputenv("CLICKHOUSE_PASSWORD", "wrong-password");
        const auto wrong = runCli(cli::runSegments, args);
        QCOMPARE(wrong.code, 1);
        QVERIFY(!wrong.err.contains(QLatin1String("wrong-password")));
        qputenv("CLICKHOUSE_PASSWORD", secret.toUtf8());
        const auto with = runCli(cli::runSegments, args);
        qunsetenv("CLICKHOUSE_PASSWORD");
        QVERIFY2(with.code == 0, qPrintable(with.err));
        QVERIFY(!with.out.contains(secret) && !with.err.contains(secret));
    }

    void errorsNameEnginePurposeAndServer()
    {
        REQUIRE_SERVER();
        const auto missing =
            runCli(cli::runConnect, {m_server->url(), QStringLiteral("--table"),
                                     QStringLiteral("nope"), QStringLiteral("--workspace"),
                                     m_dir.filePath(QStringLiteral("errors.campaignlens"))});
        QCOMPARE(missing.code, 1);
        QVERIFY2(missing.err.contains(QLatin1String("ClickHouse: reading the columns of table "
                                                    "`nope` failed: Code: 60")) &&
                     missing.err.contains(QLatin1String("doesn't exist")),
                 qPrintable(missing.err));
        ChConnection down;
        QString error;
        QVERIFY(!down.open(QStringLiteral("clickhouse://127.0.0.1:1/default"), &error));
        QVERIFY2(error.startsWith(QLatin1String("ClickHouse: connecting to http://127.0.0.1:1/ "
                                                "failed: ")),
                 qPrintable(error));
        QVERIFY(!down.open(QStringLiteral("clickhouse:///nohost"), &error));
        QVERIFY2(error.contains(QLatin1String("clickhouse://[user@]host")), qPrintable(error));
    }

    /// Grouping sets by the levels' positions (the model's passes) give what grouping by set
    /// and labels gives.
    void codedGroupingSetsEqualPlainOnes()
    {
        REQUIRE_BANK();
        ChConnection conn;
        QString error;
        QVERIFY2(conn.open(m_server->url(), &error), qPrintable(error));
        test::checkCodedGroupingSets(conn, QStringLiteral("toString(%1)"),
                                     QStringLiteral("toFloat64(%1)"));
    }

    /// Every query runs with readonly=1 and max_execution_time.
    void sessionIsReadOnlyAndBoundedInTime()
    {
        REQUIRE_SERVER();
        ChConnection conn;
        QString error;
        QVERIFY2(conn.open(m_server->url(), &error, 1000), qPrintable(error));
        const WarehouseRows write =
            conn.query(QStringLiteral("CREATE TABLE written (a Int8) ENGINE = Memory"),
                       QStringLiteral("writing"));
        QVERIFY(!write.ok);
        QVERIFY2(write.error.contains(QLatin1String("readonly mode")), qPrintable(write.error));
        QElapsedTimer timer;
        timer.start();
        const WarehouseRows slow = conn.query(
            QStringLiteral("SELECT count() FROM system.numbers WHERE NOT ignore(sleep(0.1))"),
            QStringLiteral("counting forever"));
        QVERIFY(!slow.ok);
        QVERIFY2(slow.error.startsWith(QLatin1String("ClickHouse: counting forever failed: ")) &&
                     slow.error.contains(QLatin1String("Timeout exceeded")),
                 qPrintable(slow.error));
        QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
    }

    /// The progress callback's false drops the query and kills it on the server.
    void cancelStopsARunningQuery()
    {
        REQUIRE_SERVER();
        ChConnection conn;
        QString error;
        QVERIFY2(conn.open(m_server->url(), &error), qPrintable(error));
        QElapsedTimer timer;
        timer.start();
        const WarehouseRows r = conn.query(
            QStringLiteral("SELECT count() FROM system.numbers WHERE NOT ignore(sleep(0.1))"),
            QStringLiteral("counting forever"),
            [&](double, const QString &) { return timer.elapsed() < 300; });
        QVERIFY(!r.ok);
        QVERIFY(r.cancelled);
        QVERIFY2(r.error.contains(QLatin1String("cancelled")), qPrintable(r.error));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        // Gone from the server's process list within a few seconds.
        bool gone = false;
        for (int i = 0; i < 50 && !gone; ++i) {
            QByteArray out;
            QVERIFY(m_server->run(QStringLiteral("SELECT count() FROM system.processes WHERE "
                                                 "query LIKE '%system.numbers%' AND query NOT "
                                                 "LIKE '%system.processes%'"),
                                  0, {}, &out));
            gone = out.trimmed() == "0";
            if (!gone)
                QTest::qWait(100);
        }
        QVERIFY(gone);
    }

    /// clickhouses:// speaks TLS and checks the server's certificate: the self-signed one is
    /// refused until sslrootcert names it; a file that is no certificate is named.
    void httpsChecksTheCertificate()
    {
        REQUIRE_SERVER();
        ChConnection refused;
        QString error;
        QVERIFY(!refused.open(m_server->httpsUrl(), &error));
        QVERIFY2(error.startsWith(QLatin1String("ClickHouse: connecting to https://127.0.0.1:")),
                 qPrintable(error));
        ChConnection trusted;
        QVERIFY2(trusted.open(m_server->httpsUrl() + QStringLiteral("?sslrootcert=") +
                                  m_server->certificate(),
                              &error),
                 qPrintable(error));
        const WarehouseRows r =
            trusted.query(QStringLiteral("SELECT 6 * 7"), QStringLiteral("asking"));
        QVERIFY2(r.ok && r.rows.size() == 1 && r.rows[0][0] == QLatin1String("42"),
                 qPrintable(r.error));
        const QString notACertificate = m_dir.filePath(QStringLiteral("not-a-certificate.pem"));
        QFile text(notACertificate);
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("hello\n");
        text.close();
        ChConnection wrongFile;
        QVERIFY(!wrongFile.open(
            m_server->httpsUrl() + QStringLiteral("?sslrootcert=") + notACertificate, &error));
        QVERIFY2(
            error.contains(
                QStringLiteral("sslrootcert=%1 holds no PEM certificate").arg(notACertificate)),
            qPrintable(error));
    }

    void quotesIdentifiersAndLiterals()
    {
        ChConnection conn;
        QCOMPARE(conn.quoteIdentifier(QStringLiteral("y`; DROP \\")),
                 QStringLiteral("`y\\`; DROP \\\\`"));
        QCOMPARE(conn.quoteLiteral(QStringLiteral("O'Brien \\")),
                 QStringLiteral("'O\\'Brien \\\\'"));
        bool had = false;
        QCOMPARE(
            ChConnection::withoutPassword(QStringLiteral("clickhouses://u:p%40ss@h:8443/db"), &had),
            QStringLiteral("clickhouses://u@h:8443/db"));
        QVERIFY(had);
        // A password with an unescaped '/' reads as a port and a path: refused, never kept.
        const QString spilled = QStringLiteral("clickhouse://admin:2024/Spring@db.example/bank");
        QCOMPARE(ChConnection::withoutPassword(spilled, &had), QString());
        QVERIFY(had);
        ChConnection refused;
        QString error;
        QVERIFY(!refused.open(spilled, &error));
        QVERIFY2(error.contains(QLatin1String("%40")) && !error.contains(QLatin1String("Spring")),
                 qPrintable(error));
    }

    /// The quality summary counted on the engine equals the import's of the same rows.
    void qualitySummaryEqualsTheImports()
    {
        REQUIRE_BANK();
        cl::test::checkLiveQuality(m_ws, m_liveId);
    }

    /// `report` of the table spread over the two shards: the local report's words.
    void reportOnTheLiveTableEqualsTheLocalOne()
    {
        REQUIRE_BANK();
        cl::test::checkLiveReport(m_ws, QStringLiteral("1"), m_liveId, m_dir.path(),
                                  QStringLiteral("ClickHouse"), false);
    }

    /// `model` holds rows out on the engine by default (RowHash): the same rows, estimates
    /// and held-out metrics as the local dataset's `model --split hash`; model_summary in the
    /// chat fits that model when asked.
    void heldOutRowsEqualTheLocalSplit()
    {
        REQUIRE_BANK();
        cl::test::checkHeldOut(m_ws, QStringLiteral("1"), m_liveId);
    }

    /// The Data view's rows of the live table: sorted and filtered on the engine.
    void dataViewRowsSortAndFilterOnTheEngine()
    {
        REQUIRE_BANK();
        cl::test::checkFirstRows(m_ws, m_liveId);
    }

    /// `score` on the live table: the best 1% chosen on the engine, equal to the local fit's.
    /// run_sql and segment_stats on the live table answer and refuse as on its import.
    void chatToolsOnTheEngineEqualTheLocalOnes()
    {
        REQUIRE_BANK();
        cl::test::checkLevelCounts(m_ws, m_liveId);
        cl::test::checkLiveChat(m_ws, 1, m_liveId.toLongLong());
    }

    /// `ask` on the live dataset: the model's run_sql runs on the cluster, a write attempted
    /// through it is refused, and the model is sent the engine's aggregates only.
    void askOnTheLiveDatasetRunsOnTheEngine()
    {
        REQUIRE_BANK();
        cl::test::FakeOpenAiServer fake;
        QVERIFY(fake.listen());
        const QString view = QStringLiteral("live_%1").arg(m_liveId);
        fake.enqueue(cl::test::toolCallResponse(
            {{QStringLiteral("run_sql"),
              QJsonObject{{QStringLiteral("sql"), QStringLiteral("DROP TABLE bank")}}},
             {QStringLiteral("run_sql"),
              QJsonObject{{QStringLiteral("sql"),
                           QStringLiteral("SELECT poutcome, COUNT(*) AS n, AVG(y) AS rate FROM %1 "
                                          "GROUP BY poutcome ORDER BY n DESC")
                               .arg(view)}}}},
            true));
        fake.enqueue(cl::test::textResponse(
            QStringLiteral("Clients whose previous campaign succeeded subscribe most."), true));
        qputenv("OPENAI_API_KEY", "sk-test-SECRETKEY123");
        const auto r = runCli(
            cli::runAsk, {QStringLiteral("Who subscribes most?"), QStringLiteral("--workspace"),
                          m_ws, QStringLiteral("--dataset"), m_liveId, QStringLiteral("--base-url"),
                          fake.baseUrl(), QStringLiteral("--evidence")});
        qunsetenv("OPENAI_API_KEY");
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains(QLatin1String("previous campaign succeeded")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("[1] run_sql")) &&
                     r.out.contains(QLatin1String("(refused)")) &&
                     r.out.contains(QLatin1String("aggregates only")),
                 qPrintable(r.out));
        // The engine's answer went to the model: poutcome's three levels, largest first, with
        // the counts an import of the file gives (1373 successes, 65.1% subscribed).
        QCOMPARE(fake.requests().size(), 2);
        const QByteArray second = fake.requests().at(1).body;
        QVERIFY2(second.contains("[\\\"success\\\",1373,0.6511"), second.right(1500).constData());
        QVERIFY2(second.contains("[\\\"nonexistent\\\",35563,"), second.right(1500).constData());
        QVERIFY(!second.contains("SECRETKEY123"));
        // The table is as it was connected.
        cl::Workspace ws;
        QString error;
        QVERIFY(ws.open(m_ws, &error, cl::Workspace::Access::ReadOnly));
        const auto info = cl::LiveDatasets::find(ws, m_liveId.toLongLong());
        QVERIFY(info);
        const auto conn = cl::openWarehouse(info->url, &error);
        QVERIFY2(conn, qPrintable(error));
        QCOMPARE(cl::LiveDataset::fingerprint(*conn, *info, &error), info->fingerprint);
    }

    void liveTargetListEqualsTheLocalScores()
    {
        REQUIRE_BANK();
        cl::test::checkLiveTargetList(m_ws, QStringLiteral("1"), m_liveId, m_dir.path());
    }

    /// `model` on the cluster: the local fit's terms, estimates, standard errors and
    /// log-likelihood (1e-9 relative), from aggregate queries that the query log shows never
    /// returned more rows than the cells.
    void liveModelEqualsTheLocalFit()
    {
        REQUIRE_BANK();
        const QJsonObject local = cl::test::modelJson(m_ws, QStringLiteral("1"));
        const QJsonObject live = cl::test::modelJson(m_ws, m_liveId);
        QVERIFY2(live.value(QStringLiteral("engine")).toString() == QLatin1String("clickhouse"),
                 qPrintable(QJsonDocument(live).toJson()));
        cl::test::compareBankFits(local, live);
        if (QTest::currentTestFailed())
            return;
        // How well it ranks its own rows, counted on the cluster in one pass.
        cl::test::compareInSample(cl::test::localInSample(m_ws, QStringLiteral("1")), live);
        if (QTest::currentTestFailed())
            return;
        const auto [queries, largest, bound] = cl::test::checkEngineFigures(live);
        if (QTest::currentTestFailed())
            return;
        // The server's log: no query this app sent returned more rows than the cells or a
        // column's levels (the connect reads up to 1,001 levels of a column). The chat's
        // queries (their view's columns are cl_v<i>) are bounded by their own rules.
        const QString most = queryLog(QStringLiteral("SELECT max(result_rows) FROM "
                                                     "system.query_log WHERE type = 2 AND "
                                                     "query_id LIKE '%1%' AND "
                                                     "position(query, 'AS cl_v0') = 0")
                                          .arg(ChConnection::queryIdPrefix()));
        QVERIFY2(most.toDouble() >= largest && most.toDouble() <= std::max(bound, 1001.0),
                 qPrintable(most));
        // Nor did any shard send the initiator more than partial aggregates (a nested query
        // would have each shard send its 20,594 rows): the model's passes one row per cell of
        // the model's categoricals that occurs (as many whatever the rows, counted here in the
        // local dataset), the others at most the cells of the grouping sets. The evaluation is
        // the exception: exact ranks need each distinct score on the initiator, so its shards
        // send one row per distinct score they hold (fewer than their rows; the app still gets
        // one row).
        const double cells = occurringCells(live);
        QVERIFY2(cells > bound && cells < 20594, qPrintable(QString::number(cells)));
        for (int shard = 1; shard <= 2; ++shard) {
            // `figures` of the shard's part of this app's queries that read rows and `which`.
            const auto shardLog = [&](const QString &figures, const QString &which) {
                return queryLog(QStringLiteral("SELECT %1 FROM system.query_log WHERE type = 2 AND "
                                               "initial_query_id LIKE '%2%' AND read_rows > 0 AND "
                                               "%3")
                                    .arg(figures, ChConnection::queryIdPrefix(), which),
                                shard);
            };
            const QString sent = shardLog(QStringLiteral("max(result_rows), count()"),
                                          QStringLiteral("query NOT LIKE '%AS cl_pos%' AND "
                                                         "position(query, 'AS cl_v0') = 0"));
            const QString ranked =
                shardLog(QStringLiteral("max(result_rows), max(read_rows), count()"),
                         QStringLiteral("query LIKE '%AS cl_pos%'"));
            const QStringList r = ranked.split(QLatin1Char('\t'));
            QVERIFY2(r.size() == 3 && r[2].toInt() >= 1 && r[0].toDouble() > 1000 &&
                         r[0].toDouble() < r[1].toDouble(),
                     qPrintable(QStringLiteral("shard %1: %2").arg(shard).arg(ranked)));
            QVERIFY2(sent.section(QLatin1Char('\t'), 1, 1).toInt() >= queries - 1 &&
                         sent.section(QLatin1Char('\t'), 0, 0).toDouble() <= cells,
                     qPrintable(QStringLiteral("shard %1: %2").arg(shard).arg(sent)));
            // The passes did group by the cells: the bank model's sent more rows than the
            // sets' cells, from each shard.
            const QString celled = shardLog(QStringLiteral("max(result_rows), count()"),
                                            QStringLiteral("position(query, 'cl_cell') > 0"));
            QVERIFY2(celled.section(QLatin1Char('\t'), 1, 1).toInt() >= 2 &&
                         celled.section(QLatin1Char('\t'), 0, 0).toDouble() > bound,
                     qPrintable(QStringLiteral("shard %1: %2").arg(shard).arg(celled)));
        }
        // The bank table spells every label as the import does, so the passes read its text
        // as it is (no regular expression that turns runs of white space into one space).
        const QStringList c = cellPassesCleaning(QStringLiteral("bank")).split(QLatin1Char('\t'));
        QVERIFY2(c.size() == 2 && c[0] == QLatin1String("0") && c[1].toInt() >= 8,
                 qPrintable(c.join(' ')));
        // Rows of one score across a decile cut (after the log checks: more queries).
        cl::test::compareTiedInSample(m_ws, QStringLiteral("1"), m_liveId);
    }

    /// The progress a live fit reports only moves forward (a query polling reported 0% while
    /// the engine worked, so the bar went back at every pass), and ends at 100%.
    void progressNeverGoesBack()
    {
        REQUIRE_BANK();
        Workspace w;
        QVERIFY(w.open(m_ws));
        const auto info = LiveDatasets::find(w, m_liveId.toLongLong());
        QVERIFY(info.has_value());
        ChConnection conn;
        QString error;
        QVERIFY2(conn.open(info->url, &error), qPrintable(error));
        std::vector<double> seen;
        const LiveModelFit fit =
            LiveModel::fit(conn, *info, {}, {}, [&](double f, const QString &) {
                seen.push_back(f);
                return true;
            });
        QVERIFY2(fit.ok(), qPrintable(fit.error + fit.fit.message));
        QVERIFY(seen.size() > 10);
        for (size_t i = 1; i < seen.size(); ++i)
            QVERIFY2(seen[i] >= seen[i - 1],
                     qPrintable(QStringLiteral("%1 after %2").arg(seen[i]).arg(seen[i - 1])));
        QCOMPARE(seen.back(), 1.0);
    }

    /// `import --from clickhouse://... --table bank` streams the table into a local dataset
    /// through the CSV import's plan: its counts are the CSV's, its segments the CSV's (as a
    /// set: the rows come in the shards' order), its model the CSV's to 1e-9.
    void snapshotEqualsTheCsvImport()
    {
        REQUIRE_BANK();
        const QString ws = m_dir.filePath(QStringLiteral("snapshot.campaignlens"));
        const QString bank = cl::test::sharedBankFile(QStringLiteral("bank-additional-full.csv"));
        const auto local = runCli(cli::runImport, {bank, QStringLiteral("--workspace"), ws});
        QVERIFY2(local.code == 0, qPrintable(local.err));
        const auto snapshot = runCli(
            cli::runImport, {QStringLiteral("--from"), m_server->url(), QStringLiteral("--table"),
                             QStringLiteral("bank"), QStringLiteral("--workspace"), ws});
        QVERIFY2(snapshot.code == 0, qPrintable(snapshot.err));
        QVERIFY2(snapshot.out.contains(QLatin1String("a snapshot of ClickHouse table bank at "
                                                     "clickhouse://127.0.0.1:")),
                 qPrintable(snapshot.out));
        const auto counts = [](const QString &out) {
            return out.section(QStringLiteral("rows read:"), 1)
                .section(QStringLiteral("time:"), 0, 0);
        };
        QVERIFY2(local.out.contains(QLatin1String("rows read: 41188")), qPrintable(local.out));
        QCOMPARE(counts(snapshot.out), counts(local.out));
        cl::test::compareSegments(ws, QStringLiteral("1"), QStringLiteral("2"),
                                  {QStringLiteral("--by"), QStringLiteral("age_band,job,marital")},
                                  false);
        cl::test::compareFits(cl::test::modelJson(ws, QStringLiteral("1")),
                              cl::test::modelJson(ws, QStringLiteral("2")));
    }

    /// connect --age-bands: the live table's age bands are the import's with the same edges.
    void customAgeBandsEqualTheImports()
    {
        REQUIRE_BANK();
        cl::test::checkCustomAgeBands(
            m_server->url(), cl::test::sharedBankFile(QStringLiteral("bank-additional-full.csv")),
            m_dir.filePath(QStringLiteral("bands.campaignlens")), false);
    }

    void cancelledFitEndsAsCancelled()
    {
        REQUIRE_BANK();
        cl::test::fitStopsWhenCancelled(m_ws, m_liveId.toLongLong());
    }

    /// A hostile server that answers 200 with nothing where a count must be (it crashed the
    /// app before): a message naming the engine and the purpose, no crash, nothing stored.
    /// Needs no ClickHouse: a scripted HTTP server on 127.0.0.1.
    void malformedAnswersAreRefused()
    {
        cl::test::FakeOpenAiServer fake;
        QVERIFY(fake.listen());
        const auto answer = [&](const QByteArray &body) { fake.enqueue(chAnswer(body)); };
        answer("18.16.1\n");                        // SELECT version()
        answer("job\tString\t\t\ny\tString\t\t\n"); // DESCRIBE TABLE
        answer("a\n");                              // the levels of job
        answer("no\nyes\n");                        // the levels of y
        answer("");                                 // the count: nothing
        const QString ws = m_dir.filePath(QStringLiteral("hostile.campaignlens"));
        const auto r = runCli(cli::runConnect,
                              {QStringLiteral("clickhouse://127.0.0.1:%1/default").arg(fake.port()),
                               QStringLiteral("--table"), QStringLiteral("t"),
                               QStringLiteral("--workspace"), ws});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QLatin1String("ClickHouse: counting the clients of table `t` "
                                              "failed: the answer is not 1 row(s) of 2 values")),
                 qPrintable(r.err));
        const auto info = runCli(cli::runInfo, {QStringLiteral("--workspace"), ws});
        QVERIFY2(!info.out.contains(QLatin1String("live clickhouse")), qPrintable(info.out));
    }

    /// An answer cut off after its status line said 200 is no answer: the rows that came are
    /// not read as all of them (Qt took a dropped connection for the end of a chunked answer in
    /// about one run of ten, and reads a cut-off gzip answer as a whole one). Answers come
    /// gzip-compressed and are inflated here: a cut-off one does not inflate. Needs no
    /// ClickHouse: a scripted HTTP server on 127.0.0.1.
    void cutOffAnswersAreRefused()
    {
        QByteArray rows;
        for (int i = 0; i < 100000; ++i)
            rows += QByteArray::number(i) + '\n';
        const cl::test::FakeResponse whole = chAnswer(rows);
        const QByteArray compressed = whole.body;
        QVERIFY(compressed.size() > 1000);

        cl::test::FakeOpenAiServer fake;
        QVERIFY(fake.listen());
        fake.enqueue(chAnswer("18.16.1\n"));
        fake.enqueue(whole);
        for (const qsizetype at : {compressed.size() / 2, compressed.size() - 4}) {
            cl::test::FakeResponse cut = whole;
            cut.dropAfter = at; // then the connection closes without the last chunk
            fake.enqueue(cut);
        }
        // Labelled gzip but empty (cut at its first byte); and not compressed at all, as a
        // proxy that inflates on the way would pass it on: neither can be checked whole.
        cl::test::FakeResponse empty = whole;
        empty.body.clear();
        fake.enqueue(empty);
        cl::test::FakeResponse plain;
        plain.body = rows;
        fake.enqueue(plain);
        ChConnection conn;
        QString error;
        QVERIFY2(
            conn.open(QStringLiteral("clickhouse://127.0.0.1:%1/default").arg(fake.port()), &error),
            qPrintable(error));
        const WarehouseRows all = conn.query(QStringLiteral("SELECT number FROM numbers(100000)"),
                                             QStringLiteral("counting"));
        QVERIFY2(all.ok && all.rows.size() == 100000 &&
                     all.rows.back().value(0) == QLatin1String("99999"),
                 qPrintable(all.error));
        QVERIFY2(fake.requests().back().headers.value("accept-encoding") == "gzip",
                 fake.requests().back().headers.value("accept-encoding").constData());
        for (int cut = 0; cut < 4; ++cut) {
            const WarehouseRows r = conn.query(QStringLiteral("SELECT number FROM numbers(100000)"),
                                               QStringLiteral("counting"));
            QVERIFY2(!r.ok && r.rows.empty() &&
                         r.error.startsWith(QLatin1String("ClickHouse: counting failed")),
                     qPrintable(QStringLiteral("ok %1, %2 rows: %3")
                                    .arg(r.ok)
                                    .arg(r.rows.size())
                                    .arg(r.error)));
        }
    }

    /// An error after the first megabytes of an answer (the server has sent 200 and rows by
    /// then) is an error, not rows with the server's message as the last one: queries ask the
    /// server to answer once the query has ended (wait_end_of_query).
    void errorAfterTheFirstRowsIsAnError()
    {
        REQUIRE_SERVER();
        ChConnection conn;
        QString error;
        QVERIFY2(conn.open(m_server->url(), &error), qPrintable(error));
        const WarehouseRows r = conn.query(
            QStringLiteral("SELECT concat(toString(number), '%1'), throwIf(number = 100000) FROM "
                           "system.numbers LIMIT 200000")
                .arg(QString(96, QLatin1Char('x'))),
            QStringLiteral("reading many rows"));
        QVERIFY2(!r.ok && r.rows.empty() &&
                     r.error.contains(QLatin1String("ClickHouse: reading many rows failed")) &&
                     r.error.contains(QLatin1String("throwIf")),
                 qPrintable(QStringLiteral("ok %1, %2 rows: %3")
                                .arg(r.ok)
                                .arg(r.rows.size())
                                .arg(r.error.left(300))));
        // A stream (a snapshot's rows) takes rows as they come, so the server has begun its
        // answer: its message after the rows ends the stream as an error, not as a last row.
        const auto stream = conn.stream(
            QStringLiteral("SELECT concat(toString(number), '%1'), throwIf(number = 100000) FROM "
                           "system.numbers LIMIT 200000")
                .arg(QString(96, QLatin1Char('x'))),
            QStringLiteral("reading many rows"), nullptr);
        QStringList row;
        qint64 rows = 0;
        bool sawMessage = false;
        while (stream->next(&row)) {
            ++rows;
            sawMessage = sawMessage || row.value(0).contains(QLatin1String("Exception"));
        }
        QVERIFY2(!sawMessage && rows > 0 && rows < 100001 &&
                     stream->error().contains(QLatin1String("throwIf")),
                 qPrintable(QStringLiteral("%1 rows: %2").arg(rows).arg(stream->error())));
    }

    /// A redirect is not followed: the password would go to wherever it points. The answer is
    /// an error naming the status; the other server hears nothing.
    void redirectsAreNotFollowed()
    {
        cl::test::FakeOpenAiServer fake, elsewhere;
        QVERIFY(fake.listen() && elsewhere.listen());
        cl::test::FakeResponse moved;
        moved.status = 307;
        moved.headers.append(
            qMakePair(QByteArray("Location"),
                      QStringLiteral("http://127.0.0.1:%1/").arg(elsewhere.port()).toUtf8()));
        fake.enqueue(moved);
        elsewhere.enqueue(chAnswer("18.16.1\n"));
        ChConnection conn;
        QString error;
        QVERIFY(!conn.open(
            QStringLiteral("clickhouse://analyst@127.0.0.1:%1/default").arg(fake.port()), &error));
        QVERIFY2(error.startsWith(QLatin1String("ClickHouse: connecting to http://127.0.0.1:")) &&
                     error.contains(QLatin1String("answered 307, a redirect to http://")) &&
                     error.contains(QLatin1String("not followed")),
                 qPrintable(error));
        QTest::qWait(200);
        QCOMPARE(elsewhere.requests().size(), 0);
    }

    /// sslrootcert on a plain-HTTP URL would be ignored, and the connection unencrypted: it is
    /// refused, saying to use clickhouses://.
    void certificateOnPlainHttpIsRefused()
    {
        ChConnection conn;
        QString error;
        QVERIFY(!conn.open(
            QStringLiteral("clickhouse://127.0.0.1:1/default?sslrootcert=/tmp/ca.pem"), &error));
        QVERIFY2(error.contains(QLatin1String("clickhouses://")), qPrintable(error));
    }

    /// A MATERIALIZED column, which `SELECT *` leaves out but DESCRIBE lists, comes with the
    /// snapshot: every column is selected by name.
    void snapshotReadsMaterializedColumns()
    {
        REQUIRE_SERVER();
        QVERIFY2(m_server->run(QStringLiteral("CREATE TABLE mat (age Int32, job String, y String, "
                                              "twice Int32 MATERIALIZED age * 2) ENGINE = Memory")),
                 qPrintable(m_server->error()));
        QVERIFY2(m_server->run(QStringLiteral("INSERT INTO mat (age, job, y) VALUES (30, 'a', "
                                              "'yes'), (40, 'b', 'no'), (50, 'a', 'no')")),
                 qPrintable(m_server->error()));
        const auto r = runCli(cli::runImport,
                              {QStringLiteral("--from"), m_server->url(), QStringLiteral("--table"),
                               QStringLiteral("mat"), QStringLiteral("--workspace"),
                               m_dir.filePath(QStringLiteral("mat.campaignlens"))});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains(QLatin1String("rows read: 3")), qPrintable(r.out));
    }

    /// An import that stops early (--strict at a bad row, the rows after it still coming) lets
    /// its stream go on the thread that read it: Qt Network objects belong to the thread that
    /// made them, and ending them on the importer's warned and could crash.
    void snapshotStoppedEarlyEndsItsStreamWhereItRead()
    {
        REQUIRE_SERVER();
        QVERIFY2(m_server->run(QStringLiteral("CREATE TABLE strictly (age String, job String, y "
                                              "String) ENGINE = Memory")),
                 qPrintable(m_server->error()));
        QVERIFY2(m_server->run(QStringLiteral(
                     "INSERT INTO strictly SELECT if(number = 3000, 'abc', toString(20 + number % "
                     "50)), 'a', if(number % 7 = 0, 'yes', 'no') FROM system.numbers LIMIT "
                     "200000")),
                 qPrintable(m_server->error()));
        QTest::failOnWarning(QRegularExpression(QStringLiteral("thread|Thread")));
        const auto r =
            runCli(cli::runImport, {QStringLiteral("--from"), m_server->url(),
                                    QStringLiteral("--table"), QStringLiteral("strictly"),
                                    QStringLiteral("--strict"), QStringLiteral("--workspace"),
                                    m_dir.filePath(QStringLiteral("strictly.campaignlens"))});
        QVERIFY2(r.code != 0 && r.err.contains(QLatin1String("3001")), qPrintable(r.err + r.out));
    }

    /// `connect --query`: a SELECT's rows as a live dataset. Last: a subquery over the
    /// Distributed table has the shards send its rows to the initiator, which the model's
    /// check of the shards' log would count.
    void queryDatasetEqualsTheFilteredImport()
    {
        REQUIRE_BANK();
        cl::test::checkQueryDataset(m_server->url(), m_ws, QStringLiteral("1"),
                                    QStringLiteral("ClickHouse"));
    }

    /// The initiator crashes during a Newton step: a message naming ClickHouse and the step,
    /// and the workspace as it was. (Last: the cluster is gone after it.)
    void serverKilledMidFitLosesNothing()
    {
        REQUIRE_BANK();
        cl::test::fitLosesItsServer(m_ws, m_liveId.toLongLong(), QStringLiteral("ClickHouse"),
                                    [this] { QVERIFY(m_server->kill(0)); });
    }
};

// A GUI application: `report` lays out its PDF fonts (QFontDatabase) even for Markdown.
QTEST_MAIN(TestWarehouseCh)
#include "tst_warehouse_ch.moc"
