// Tests of the CSV import into a workspace: counts, rejects, dialects, roles, atomicity.
#include "TestSupport.h"
#include "import/CsvImporter.h"
#include "import/QualitySummary.h"
#include "import/Sha256.h"
#include "store/FrameLoader.h"
#include "store/Statement.h"
#include "store/Workspace.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <random>

#include <unistd.h>

using namespace cl;

namespace {

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(bytes);
    return path;
}

qint64 scalar(Workspace &ws, const QString &sql)
{
    Statement st(ws.db(), sql);
    return st.step() ? st.columnInt64(0) : -1;
}

QString schemaOf(Workspace &ws)
{
    Statement st(ws.db(), QStringLiteral("SELECT group_concat(name, ',') FROM (SELECT name FROM "
                                         "sqlite_master ORDER BY name)"));
    return st.step() ? st.columnText(0) : QString();
}

/// SHA-256 over the schema and every row of every table, in rowid order: equal digests mean
/// the workspace holds exactly the same data (page layout and header counters aside).
QString contentDigest(Workspace &ws)
{
    Sha256 hash;
    auto add = [&](const QString &s) {
        const QByteArray b = s.toUtf8() + '\x1f';
        hash.add(b.constData(), size_t(b.size()));
    };
    QStringList tables;
    Statement schema(ws.db(),
                     QStringLiteral("SELECT type, name, sql FROM sqlite_master ORDER BY name"));
    while (schema.step()) {
        add(schema.columnText(0) + schema.columnText(1) + schema.columnText(2));
        if (schema.columnText(0) == QLatin1String("table"))
            tables << schema.columnText(1);
    }
    for (const QString &t : tables) {
        Statement rows(
            ws.db(),
            QStringLiteral("SELECT * FROM %1 ORDER BY rowid").arg(Database::quoteIdentifier(t)));
        while (rows.step()) {
            for (int c = 0; c < rows.columnCount(); ++c)
                add(rows.columnVariant(c).toString());
        }
    }
    return hash.hexDigest();
}

/// Runs the CLI to completion; exit code (-1 on crash or timeout), stdout and stderr.
struct CliResult
{
    int code = -1;
    QString out;
    QString err;
};

CliResult runCli(const QStringList &args, const QString &runAs = {})
{
    QProcess p;
    QString program = QStringLiteral(CL_CLI_PATH);
    QStringList all = args;
    if (!runAs.isEmpty()) { // setpriv --reuid=... CLI args
        all.prepend(program);
        all = runAs.split(QLatin1Char(' ')) + all;
        program = all.takeFirst();
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("OPENAI_API_KEY"));
    env.remove(QStringLiteral("OPENAI_BASE_URL"));
    p.setProcessEnvironment(env);
    p.start(program, all);
    CliResult r;
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit) {
        r.err = program + QStringLiteral(": ") + p.errorString();
        return r;
    }
    r.code = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

/// The mini fixture's data lines repeated `copies` times under its header: an import of it
/// runs long enough for another process to act meanwhile.
QByteArray repeatedMiniFixture(int copies)
{
    QFile src(cl::test::fixture(QStringLiteral("mini_bank_additional.csv")));
    if (!src.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = src.readAll();
    const QByteArray body = all.mid(all.indexOf('\n') + 1);
    QByteArray big = all;
    big.reserve(body.size() * (copies + 1));
    for (int i = 0; i < copies; ++i)
        big += body;
    return big;
}

QByteArray fileSha256(const QString &path)
{
    return sha256OfFile(path).toUtf8();
}

/// "yes" targets in a bank-additional-style file, counted without our reader.
int countYes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    int n = 0;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (line.endsWith("\"yes\""))
            ++n;
    }
    return n;
}

/// Checks that the raw relation holds every field of a simple (unquoted or fully quoted, one
/// record per line) CSV file exactly: text as written, numbers by value, empty fields NULL.
/// Returns an empty string when it does, else the first difference.
QString compareRawWithFile(Workspace &ws, const QString &table, const QString &path, char delimiter,
                           const char *encoding = "UTF-8")
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot open ") + path;
    const QByteArray bytes = f.readAll();
    const QString text = QString::fromUtf8(encoding) == QLatin1String("UTF-8")
                             ? QString::fromUtf8(bytes)
                             : QString::fromLatin1(bytes); // test files use Latin-1 letters only
    QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    lines.removeFirst(); // header
    Statement st(ws.db(), QStringLiteral("SELECT * FROM %1").arg(table));
    for (int line = 0; line < lines.size(); ++line) {
        if (!st.step())
            return QStringLiteral("raw has only %1 rows").arg(line);
        QString record = lines[line];
        if (record.endsWith(QLatin1Char('\r')))
            record.chop(1);
        const QStringList fields = record.split(QLatin1Char(delimiter));
        if (fields.size() != st.columnCount())
            return QStringLiteral("line %1: %2 fields, %3 columns")
                .arg(line + 2)
                .arg(fields.size())
                .arg(st.columnCount());
        for (int c = 0; c < fields.size(); ++c) {
            QString field = fields[c];
            if (field.startsWith(QLatin1Char('"')) && field.endsWith(QLatin1Char('"')))
                field = field.mid(1, field.size() - 2);
            const QVariant v = st.columnVariant(c);
            bool ok = false;
            const double number =
                QString(field).replace(QLatin1Char(','), QLatin1Char('.')).trimmed().toDouble(&ok);
            bool same;
            if (v.isNull())
                same = field.trimmed().isEmpty();
            else if (v.typeId() == QMetaType::QString)
                same = v.toString() == field;
            else
                same = ok && v.toDouble() == number;
            if (!same)
                return QStringLiteral("line %1 column %2: file '%3', raw '%4'")
                    .arg(line + 2)
                    .arg(c + 1)
                    .arg(field, v.isNull() ? QStringLiteral("NULL") : v.toString());
        }
    }
    if (st.step())
        return QStringLiteral("raw has more rows than the file");
    return {};
}

} // namespace

class TestImport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    int m_counter = 0;

    /// 1.2 million rows (the mini fixture 20,000 times), written once per run.
    QString bigFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("big-shared.csv"));
        if (!QFileInfo::exists(path))
            return writeFile(m_dir, QStringLiteral("big-shared.csv"), repeatedMiniFixture(20000));
        return path;
    }

    ImportResult import(const QString &path, ImportOptions options = {})
    {
        options.path = path;
        return CsvImporter(*m_ws).run(options);
    }

private Q_SLOTS:
    void init()
    {
        // A fresh workspace per test.
        m_ws = std::make_unique<Workspace>();
        QString error;
        QVERIFY2(m_ws->open(m_dir.filePath(QStringLiteral("ws%1.campaignlens").arg(++m_counter)),
                            &error),
                 qPrintable(error));
    }

    void newWorkspaceIsMigratedToWal()
    {
        QCOMPARE(m_ws->schemaVersion(), Workspace::kSchemaVersion);
        Statement st(m_ws->db(), QStringLiteral("PRAGMA journal_mode"));
        QVERIFY(st.step());
        QCOMPARE(st.columnText(0), QStringLiteral("wal"));
        QCOMPARE(scalar(*m_ws, QStringLiteral("PRAGMA foreign_keys")), 1);
    }

    void importsKnownLayoutWithExactCounts()
    {
        const QString path = cl::test::fixture(QStringLiteral("mini_bank_additional.csv"));
        const ImportResult r = import(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.layout, QStringLiteral("bank-additional-full"));
        QCOMPARE(r.dialect.delimiter, ';');
        QVERIFY(r.dialect.crlf);
        QCOMPARE(r.rowsRead, 60);
        QCOMPARE(r.rowsRejected, 0);
        QCOMPARE(r.subscribers, countYes(path));
        const auto info = m_ws->dataset(r.datasetId);
        QVERIFY(info);
        QCOMPARE(info->sha256, sha256OfFile(path));
        QCOMPARE(info->sourceSize, QFileInfo(path).size());
        // Silver: typed, coded, derived columns present; pdays sentinel decoded.
        QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT count(*) FROM ds1_silver")), 60);
        QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT sum(y) FROM ds1_silver")), r.subscribers);
        QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT count(*) FROM ds1_raw WHERE pdays = 999")),
                 scalar(*m_ws, QStringLiteral("SELECT count(*) FROM ds1_silver_labels WHERE "
                                              "previously_contacted = 'no' AND pdays IS NULL")));
        QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT typeof(job) = 'integer' FROM ds1_silver "
                                              "LIMIT 1")),
                 1);
        QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT count(*) FROM ds1_silver_labels WHERE "
                                              "age < 25 AND age_band <> '<25'")),
                 0);
        const auto frame = loadFrame(*m_ws, r.datasetId);
        QVERIFY(frame);
        QCOMPARE(frame->rowCount(), size_t(60));
        QCOMPARE(qint64(frame->positives()), r.subscribers);
        QVERIFY(frame->column(QStringLiteral("job"))->isCategorical());
        QVERIFY(frame->column(QStringLiteral("age_band"))->derived);
        // The quality summary carries the banker's warning about duration.
        const QualitySummary q = QualitySummary::fromJson(info->quality);
        QCOMPARE(q.rowsRead + q.rowsRejected, q.dataLines);
        QVERIFY(q.warnings.join(' ').contains(QStringLiteral("only known after the call")));
    }

    void badRowsAreKeptWithLineAndReason()
    {
        const ImportResult r = import(cl::test::fixture(QStringLiteral("mini_bank_bad_rows.csv")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.dataLines, 14);
        QCOMPARE(r.rowsRead, 10);
        QCOMPARE(r.rowsRejected, 4);
        Statement st(m_ws->db(),
                     QStringLiteral("SELECT line, reason, raw FROM rejected_row ORDER BY line"));
        QStringList got;
        while (st.step())
            got << QStringLiteral("%1|%2").arg(st.columnInt(0)).arg(st.columnText(1));
        QCOMPARE(got,
                 QStringList({"4|expected 21 fields, found 3", "6|expected 21 fields, found 22",
                              "8|column 'age': 'forty' is not a number",
                              "10|target column 'y' has 'maybe', expected yes/no, 1/0 or "
                              "true/false"}));
        QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT count(*) FROM rejected_row WHERE raw LIKE "
                                              "'forty;%'")),
                 1);
    }

    void strictModeFailsOnFirstBadRowAndWritesNothing()
    {
        const QString before = schemaOf(*m_ws);
        ImportOptions o;
        o.strict = true;
        const QString path = cl::test::fixture(QStringLiteral("mini_bank_bad_rows.csv"));
        const ImportResult r = import(path, o);
        QCOMPARE(r.status, ImportStatus::Failed);
        QCOMPARE(r.error, path + QStringLiteral(":4: expected 21 fields, found 3"));
        QCOMPARE(schemaOf(*m_ws), before);
        QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT count(*) FROM dataset")), 0);
    }

    void badFilesFailClearly_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty file") << QByteArray() << "the file is empty";
        QTest::newRow("header only") << QByteArray("age;job;y\r\n") << "no data rows";
        QTest::newRow("no target column")
            << QByteArray("age;job;city\n30;admin.;Oslo\n40;services;Bergen\n")
            << "no target column";
        QTest::newRow("binary garbage")
            << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << "binary data";
        QTest::newRow("nothing readable")
            << QByteArray("age;y\n\"unterminated;yes\n") << "no data rows could be read";
    }
    void badFilesFailClearly()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const QString path = writeFile(m_dir, QStringLiteral("bad%1.csv").arg(m_counter), content);
        const QString before = schemaOf(*m_ws);
        const ImportResult r = import(path);
        QCOMPARE(r.status, ImportStatus::Failed);
        QVERIFY2(r.error.startsWith(path + QLatin1Char(':')), qPrintable(r.error));
        QVERIFY2(r.error.contains(message), qPrintable(r.error));
        QCOMPARE(schemaOf(*m_ws), before);
    }

    void binaryGarbageFixtureIsRefused()
    {
        const ImportResult r = import(cl::test::fixture(QStringLiteral("binary_garbage.bin")));
        QCOMPARE(r.status, ImportStatus::Failed);
        QVERIFY2(r.error.contains(QStringLiteral("binary")), qPrintable(r.error));
    }

    void unterminatedQuoteRejectsTheLastRecord()
    {
        const QString path = writeFile(m_dir, QStringLiteral("open.csv"),
                                       "age;job;y\n30;admin.;yes\n40;\"services;no\n");
        const ImportResult r = import(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.rowsRead, 1);
        QCOMPARE(r.rowsRejected, 1);
        Statement st(m_ws->db(), QStringLiteral("SELECT line, reason FROM rejected_row"));
        QVERIFY(st.step());
        QCOMPARE(st.columnInt(0), 3);
        QVERIFY(st.columnText(1).contains(QStringLiteral("unterminated")));
    }

    void customExportIsMappedByName()
    {
        const ImportResult r =
            import(cl::test::fixture(QStringLiteral("custom_export_cp1252.csv")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.layout, QStringLiteral("custom"));
        QCOMPARE(r.dialect.encoding, TextEncoding::Windows1252);
        QCOMPARE(r.dialect.delimiter, ',');
        QCOMPARE(r.rowsRead, 40);
        const auto info = m_ws->dataset(r.datasetId);
        QStringList roles;
        for (const auto &c : info->columns)
            roles << c.name + QLatin1Char('=') + roleName(c.role);
        QVERIFY2(roles.contains(QStringLiteral("age=age")), qPrintable(roles.join(',')));
        QVERIFY(roles.contains(QStringLiteral("job=job")));
        QVERIFY(roles.contains(QStringLiteral("marital=marital")));
        QVERIFY(roles.contains(QStringLiteral("y=y")));
        // The customer id is kept raw but is not a segment dimension.
        QVERIFY(!roles.join(',').contains(QStringLiteral("customer_id")));
        QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT count(*) FROM ds1_raw WHERE customer_id LIKE "
                                              "'C1%'")),
                 40);
        // Windows-1252 text arrives as UTF-8, normalised to lowercase in silver.
        Statement st(m_ws->db(), QStringLiteral("SELECT count(*) FROM ds1_silver_labels WHERE "
                                                "city = ?"));
        st.bind(1, QString::fromUtf8("tromsø"));
        QVERIFY(st.step());
        QVERIFY(st.columnInt(0) > 0);
    }

    void dialectFeaturesImport_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("yes");
        QTest::newRow("tab, LF, 1/0 target")
            << QByteArray("age\tjob\ty\n30\tadmin.\t1\n41\tretired\t0\n") << 2 << 1;
        QTest::newRow("pipe, true/false target")
            << QByteArray("age|job|y\n30|admin.|true\n41|retired|FALSE\n") << 2 << 1;
        QTest::newRow("BOM, CRLF, quoted newline")
            << QByteArray("\xEF\xBB\xBF\"age\";\"note\";\"y\"\r\n30;\"two\r\nlines\";\"yes\"\r\n"
                          "41;\"say \"\"hi\"\"\";\"no\"\r\n")
            << 2 << 1;
        QTest::newRow("decimal comma")
            << QByteArray("age;euribor3m;y\n30;4,857;yes\n41;1,313;no\n52;0,7;no\n") << 3 << 1;
    }
    void dialectFeaturesImport()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, rows);
        QFETCH(int, yes);
        const QString path = writeFile(m_dir, QStringLiteral("d%1.csv").arg(m_counter), content);
        const ImportResult r = import(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.rowsRead, rows);
        QCOMPARE(r.rowsRejected, 0);
        QCOMPARE(r.subscribers, yes);
        if (r.dialect.decimalComma)
            QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT round(sum(euribor3m) * 1000) FROM "
                                                  "ds1_silver")),
                     6870);
        if (r.dialect.hasBom)
            QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT count(*) FROM ds1_raw WHERE note = "
                                                  "'two' || char(13, 10) || 'lines'")),
                     1);
    }

    void rawTableGivesBackEveryFieldOfTheFile()
    {
        // Spellings the silver table cleans: case, spaces, an empty category, a literal
        // "(missing)", targets spelled four ways, the pdays sentinel, decimal commas.
        const QByteArray content = "age;job;marital;pdays;euribor3m;y\n"
                                   "30;Admin. ;married;999;4,857;Yes\n"
                                   "41;admin.;;3;1,313;no\n"
                                   "52;(missing);SINGLE;999;0,7;1\n"
                                   " ;unknown;single;;;false\n"
                                   "63;admin.;married;999;2,5;yes\n"
                                   "45;services;married;-1;1,0;no\n";
        const QString path = writeFile(m_dir, QStringLiteral("spellings.csv"), content);
        const ImportResult r = import(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.rowsRead, 6);
        const QString diff = compareRawWithFile(*m_ws, QStringLiteral("ds1_raw"), path, ';');
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        // Silver keeps the clean values: one level for both admin. spellings, sentinel decoded.
        QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT count(*) FROM ds1_silver_labels WHERE job "
                                              "= 'admin.'")),
                 3);
        QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT count(*) FROM ds1_silver WHERE pdays IS "
                                              "NULL AND previously_contacted = 0")),
                 4);
        QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT sum(y) FROM ds1_silver")), 3);

        // A spelling first met after several thousand clean rows: its column is added to the
        // table mid-import, and the rows written before it read NULL there.
        QByteArray late = "age;job;y\n";
        for (int i = 0; i < 5000; ++i)
            late += QByteArray::number(20 + i % 50) + (i % 3 ? ";admin.;no\n" : ";services;yes\n");
        late += "44; Retired;no\n";
        const QString latePath = writeFile(m_dir, QStringLiteral("late.csv"), late);
        const ImportResult lr = import(latePath);
        QVERIFY2(lr.ok(), qPrintable(lr.error));
        const QString lateDiff =
            compareRawWithFile(*m_ws, QStringLiteral("ds%1_raw").arg(lr.datasetId), latePath, ';');
        QVERIFY2(lateDiff.isEmpty(), qPrintable(lateDiff));

        // The two shipped fixtures, field by field: a bank layout and a custom Windows-1252
        // export with a free-text id column.
        const ImportResult bank =
            import(cl::test::fixture(QStringLiteral("mini_bank_additional.csv")));
        QVERIFY2(bank.ok(), qPrintable(bank.error));
        QString d =
            compareRawWithFile(*m_ws, QStringLiteral("ds%1_raw").arg(bank.datasetId),
                               cl::test::fixture(QStringLiteral("mini_bank_additional.csv")), ';');
        QVERIFY2(d.isEmpty(), qPrintable(d));
        const ImportResult custom =
            import(cl::test::fixture(QStringLiteral("custom_export_cp1252.csv")));
        QVERIFY2(custom.ok(), qPrintable(custom.error));
        d = compareRawWithFile(*m_ws, QStringLiteral("ds%1_raw").arg(custom.datasetId),
                               cl::test::fixture(QStringLiteral("custom_export_cp1252.csv")), ',',
                               "Windows-1252");
        QVERIFY2(d.isEmpty(), qPrintable(d));
    }

    void removingADatasetDropsItsTableAndViews()
    {
        const ImportResult a =
            import(cl::test::fixture(QStringLiteral("mini_bank_additional.csv")));
        const ImportResult b =
            import(cl::test::fixture(QStringLiteral("custom_export_cp1252.csv")));
        QVERIFY(a.ok() && b.ok());
        QString error;
        QVERIFY2(m_ws->removeDataset(a.datasetId, &error), qPrintable(error));
        QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name LIKE "
                                              "'ds%1\\_%' ESCAPE '\\'")
                                   .arg(a.datasetId)),
                 0);
        QVERIFY(!m_ws->dataset(a.datasetId));
        QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT count(*) FROM ds%1_raw").arg(b.datasetId)),
                 40);
    }

    void userMappingNamesTheTarget()
    {
        const QString path = writeFile(m_dir, QStringLiteral("nohdr.csv"),
                                       "30;admin.;yes\n41;retired;no\n52;services;no\n");
        ImportOptions o;
        o.hasHeader = false;
        const ImportResult withoutMap = import(path, o);
        QCOMPARE(withoutMap.status, ImportStatus::Failed);
        QVERIFY(withoutMap.error.contains(QStringLiteral("--map")));
        o.roleOverrides.insert(QStringLiteral("column_3"), ColumnRole::Target);
        o.roleOverrides.insert(QStringLiteral("column_1"), ColumnRole::Age);
        const ImportResult r = import(path, o);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.rowsRead, 3);
        QCOMPARE(r.subscribers, 1);
    }

    void sameFileIsRecognisedByHash()
    {
        const QString path = cl::test::fixture(QStringLiteral("mini_bank_additional.csv"));
        const ImportResult first = import(path);
        QVERIFY(first.ok());
        ImportOptions o;
        o.reuseExisting = true;
        const ImportResult again = import(path, o);
        QCOMPARE(again.status, ImportStatus::Reused);
        QCOMPARE(again.datasetId, first.datasetId);
        QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT count(*) FROM dataset")), 1);
    }

    void cancelledAndFailedImportsLeaveTheWorkspaceAsItWas()
    {
        QVERIFY(import(cl::test::fixture(QStringLiteral("mini_bank_additional.csv"))).ok());
        const QString before = contentDigest(*m_ws);
        ImportOptions o;
        o.path = cl::test::fixture(QStringLiteral("mini_bank_bad_rows.csv"));
        const ImportResult cancelled =
            CsvImporter(*m_ws).run(o, [](double, const QString &) { return false; });
        QCOMPARE(cancelled.status, ImportStatus::Cancelled);
        QCOMPARE(contentDigest(*m_ws), before);
        o.strict = true;
        QCOMPARE(CsvImporter(*m_ws).run(o).status, ImportStatus::Failed);
        QCOMPARE(contentDigest(*m_ws), before);
        // And the same after closing and reopening the file.
        const QString wsPath = m_ws->path();
        m_ws = std::make_unique<Workspace>();
        QVERIFY(m_ws->open(wsPath));
        QCOMPARE(contentDigest(*m_ws), before);
        QCOMPARE(m_ws->datasets().size(), 1);
    }

    void killedImportLeavesEarlierDatasetsIntact()
    {
        // A file large enough that the import is still running when we kill it.
        QFile src(cl::test::fixture(QStringLiteral("mini_bank_additional.csv")));
        QVERIFY(src.open(QIODevice::ReadOnly));
        const QByteArray all = src.readAll();
        const int firstBreak = all.indexOf('\n') + 1;
        QByteArray big = all;
        const QByteArray body = all.mid(firstBreak);
        big.reserve(body.size() * 20000);
        for (int i = 0; i < 20000; ++i)
            big += body;
        const QString bigPath = writeFile(m_dir, QStringLiteral("big.csv"), big);
        QVERIFY(import(cl::test::fixture(QStringLiteral("mini_bank_additional.csv"))).ok());
        const QString wsPath = m_ws->path();
        m_ws.reset();

        QProcess cli;
        cli.start(QStringLiteral(CL_CLI_PATH),
                  {QStringLiteral("import"), bigPath, QStringLiteral("--workspace"), wsPath});
        QVERIFY(cli.waitForStarted());
        // Kill only once the import is writing: its rollback journal (or WAL) is growing.
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(wsPath + "-journal").size() > 0 ||
                                     QFileInfo(wsPath + "-wal").size() > 1 << 20,
                                 20000);
        QTest::qWait(200);
        QCOMPARE(cli.state(), QProcess::Running); // still importing
        cli.kill();                               // SIGKILL: no cleanup at all
        QVERIFY(cli.waitForFinished());

        m_ws = std::make_unique<Workspace>();
        QString error;
        QVERIFY2(m_ws->open(wsPath, &error), qPrintable(error));
        Statement check(m_ws->db(), QStringLiteral("PRAGMA integrity_check"));
        QVERIFY(check.step());
        QCOMPARE(check.columnText(0), QStringLiteral("ok"));
        QCOMPARE(m_ws->datasets().size(), 1);
        QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT count(*) FROM ds1_silver")), 60);
        QCOMPARE(scalar(*m_ws, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name "
                                              "LIKE 'ds2%'")),
                 0);
    }
    // issue 10, part 6: a read during an import failed after 0.4 s with "not a usable
    // workspace: database is locked". Readers must work while an import writes.
    void issue10_6_readersWorkDuringImport()
    {
        QVERIFY(import(cl::test::fixture(QStringLiteral("mini_bank_additional.csv"))).ok());
        const QString wsPath = m_ws->path();
        m_ws.reset();
        const QString bigPath = bigFile();
        QVERIFY(!bigPath.isEmpty());

        QProcess importer;
        importer.start(QStringLiteral(CL_CLI_PATH),
                       {QStringLiteral("import"), bigPath, QStringLiteral("--workspace"), wsPath});
        QVERIFY2(importer.waitForStarted(), qPrintable(importer.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(wsPath + "-journal").size() > 0 ||
                                     QFileInfo(wsPath + "-wal").size() > 1 << 20,
                                 20000);
        // waitForFinished(0) is true once, when it sees the exit; false after that too.
        auto running = [&] {
            return importer.state() != QProcess::NotRunning && !importer.waitForFinished(0);
        };
        int readsDuringImport = 0;
        while (running()) {
            const CliResult info =
                runCli({QStringLiteral("info"), QStringLiteral("--workspace"), wsPath});
            QVERIFY2(info.code == 0, qPrintable(info.err));
            QVERIFY2(info.out.contains(QStringLiteral("dataset(s)")), qPrintable(info.out));
            const CliResult segments =
                runCli({QStringLiteral("segments"), QStringLiteral("--by"), QStringLiteral("job"),
                        QStringLiteral("--workspace"), wsPath, QStringLiteral("--dataset"),
                        QStringLiteral("1")});
            QVERIFY2(segments.code == 0, qPrintable(segments.err));
            QVERIFY2(segments.out.contains(QStringLiteral("admin.")), qPrintable(segments.out));
            if (running())
                ++readsDuringImport;
        }
        QCOMPARE(importer.exitStatus(), QProcess::NormalExit);
        QCOMPARE(importer.exitCode(), 0);
        QVERIFY2(readsDuringImport > 0, "the import ended before a read: make the file bigger");
    }

    // issue 10, part 6: a second import during an import failed with "database is locked".
    // It waits for the first, saying so, and then imports; with --wait 0 it fails at once and
    // says that another import is running.
    void issue10_6_secondImportWaitsForTheFirstAndSaysSo()
    {
        const QString wsPath = m_ws->path();
        m_ws.reset();
        const QString bigPath = bigFile();
        QVERIFY(!bigPath.isEmpty());
        QProcess importer;
        importer.start(QStringLiteral(CL_CLI_PATH),
                       {QStringLiteral("import"), bigPath, QStringLiteral("--workspace"), wsPath});
        QVERIFY2(importer.waitForStarted(), qPrintable(importer.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(wsPath + "-journal").size() > 0 ||
                                     QFileInfo(wsPath + "-wal").size() > 1 << 20,
                                 20000);
        const QString mini = cl::test::fixture(QStringLiteral("mini_bank_additional.csv"));
        const CliResult impatient =
            runCli({QStringLiteral("import"), mini, QStringLiteral("--workspace"), wsPath,
                    QStringLiteral("--wait"), QStringLiteral("0")});
        const bool firstRanThroughImpatient =
            importer.state() != QProcess::NotRunning && !importer.waitForFinished(0);
        const CliResult second =
            runCli({QStringLiteral("import"), mini, QStringLiteral("--workspace"), wsPath});
        QVERIFY(importer.waitForFinished(60000));
        QCOMPARE(importer.exitCode(), 0);
        QVERIFY2(second.code == 0, qPrintable(second.err));
        if (!firstRanThroughImpatient)
            QSKIP("the first import ended too soon to overlap with the others");
        QCOMPARE(impatient.code, 1);
        QVERIFY2(impatient.err.contains(QStringLiteral("another import is running")),
                 qPrintable(impatient.err));
        QVERIFY2(second.err.contains(QStringLiteral("another import")) &&
                     second.err.contains(QStringLiteral("waiting")),
                 qPrintable(second.err));
        const CliResult info =
            runCli({QStringLiteral("info"), QStringLiteral("--workspace"), wsPath});
        QVERIFY2(info.out.contains(QStringLiteral("2 dataset(s)")), qPrintable(info.out));
    }

    // issue 10, part 6: a read-only workspace (file and folder without write permission)
    // refused even `info` with "unable to open database file".
    void issue10_6_readOnlyWorkspaceOpensForReading()
    {
        QVERIFY(import(cl::test::fixture(QStringLiteral("mini_bank_additional.csv"))).ok());
        const QString wsPath = m_ws->path();
        m_ws.reset(); // the last connection checkpoints and removes the -wal and -shm files
        const QString roDir = m_dir.filePath(QStringLiteral("read-only"));
        QVERIFY(QDir().mkpath(roDir));
        const QString roPath = roDir + QStringLiteral("/ws.campaignlens");
        QVERIFY(QFile::rename(wsPath, roPath));
        const QByteArray before = fileSha256(roPath);
        const auto readOnly = QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther;
        const auto exec = QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;
        const auto oldTop = QFile::permissions(m_dir.path());
        QVERIFY(QFile::setPermissions(roPath, readOnly));
        QVERIFY(QFile::setPermissions(roDir, readOnly | exec));
        struct Restore
        {
            QString top, dir;
            QFile::Permissions oldTop;
            ~Restore()
            {
                QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
                QFile::setPermissions(top, oldTop);
            }
        } restore{m_dir.path(), roDir, oldTop};
        QString runAs;
        if (::geteuid() == 0) {
            // Permissions do not stop root: read as an unprivileged user.
            if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
                QSKIP("running as root without setpriv: cannot make a file read-only");
            runAs = QStringLiteral("setpriv --reuid=65534 --regid=65534 --clear-groups");
            QVERIFY(QFile::setPermissions(m_dir.path(), oldTop | QFile::ReadOther |
                                                            QFile::ExeOther | QFile::ReadGroup |
                                                            QFile::ExeGroup));
            const CliResult probe = runCli({QStringLiteral("--help")}, runAs);
            if (probe.code != 0)
                QSKIP(qPrintable(QStringLiteral("the CLI cannot be run as user nobody here (its "
                                                "folder may be private): ") +
                                 probe.err));
        }
        const CliResult info =
            runCli({QStringLiteral("info"), QStringLiteral("--workspace"), roPath}, runAs);
        QVERIFY2(info.code == 0, qPrintable(info.err));
        QVERIFY2(info.out.contains(QStringLiteral("1 dataset(s)")), qPrintable(info.out));
        const CliResult segments =
            runCli({QStringLiteral("segments"), QStringLiteral("--by"), QStringLiteral("job"),
                    QStringLiteral("--workspace"), roPath},
                   runAs);
        QVERIFY2(segments.code == 0, qPrintable(segments.err));
        QVERIFY2(segments.out.contains(QStringLiteral("admin.")), qPrintable(segments.out));
        // A writing command says why it cannot write.
        const CliResult write =
            runCli({QStringLiteral("import"),
                    cl::test::fixture(QStringLiteral("mini_bank_additional.csv")),
                    QStringLiteral("--reimport"), QStringLiteral("--workspace"), roPath},
                   runAs);
        QCOMPARE(write.code, 1);
        QVERIFY2(write.err.contains(QStringLiteral("read-only")), qPrintable(write.err));
        QCOMPARE(fileSha256(roPath), before);
        QCOMPARE(QDir(roDir).entryList(QDir::Files),
                 QStringList{QStringLiteral("ws.campaignlens")});
    }

    // issue 10, part 3: a workspace with 200 bytes flipped (integrity_check fails) still
    // accepted `import` and `report` with exit 0.
    void issue10_3_corruptWorkspaceRefusesWritingCommands()
    {
        QVERIFY(import(cl::test::fixture(QStringLiteral("mini_bank_additional.csv"))).ok());
        const QString wsPath = m_ws->path();
        const qint64 pageSize = scalar(*m_ws, QStringLiteral("PRAGMA page_size"));
        const qint64 rootPage = scalar(
            *m_ws, QStringLiteral("SELECT rootpage FROM sqlite_master WHERE name = 'ds1_silver'"));
        QVERIFY(pageSize > 0 && rootPage > 1);
        m_ws.reset(); // checkpointed: every page is in the main file
        {
            // 200 bytes flipped, with a fixed seed, in the silver table's page: its b-tree
            // header, cell pointers and first cells. The catalogue pages stay intact.
            QFile f(wsPath);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QByteArray bytes = f.readAll();
            std::mt19937 rng(10);
            std::uniform_int_distribution<int> offset(0, 1023);
            std::uniform_int_distribution<int> mask(1, 255);
            for (int i = 0; i < 200; ++i) {
                const qint64 at = (rootPage - 1) * pageSize + offset(rng);
                bytes[at] = char(bytes[at] ^ mask(rng));
            }
            QVERIFY(f.seek(0));
            QCOMPARE(f.write(bytes), bytes.size());
        }
        {
            Database raw;
            QVERIFY(raw.open(wsPath, Database::Mode::ReadOnly));
            Statement check(raw, QStringLiteral("PRAGMA integrity_check"));
            const bool intact = check.step() && check.columnText(0) == QLatin1String("ok");
            QVERIFY2(!intact, "the flipped bytes did not damage the file: change the seed");
            Statement catalogue(raw, QStringLiteral("SELECT count(*) FROM dataset"));
            QVERIFY(catalogue.step());
            QCOMPARE(catalogue.columnInt(0), 1);
        }
        const QByteArray damaged = fileSha256(wsPath);

        const CliResult imp =
            runCli({QStringLiteral("import"),
                    cl::test::fixture(QStringLiteral("mini_bank_additional.csv")),
                    QStringLiteral("--reimport"), QStringLiteral("--workspace"), wsPath});
        QVERIFY2(imp.code == 1, qPrintable(imp.err));
        QVERIFY2(imp.err.contains(QStringLiteral("damaged")) &&
                     imp.err.contains(QStringLiteral(".recover")),
                 qPrintable(imp.err));
        const QString out = m_dir.filePath(QStringLiteral("reports-from-damaged"));
        const CliResult report =
            runCli({QStringLiteral("report"), QStringLiteral("--no-ai"), QStringLiteral("--out"),
                    out, QStringLiteral("--workspace"), wsPath});
        QCOMPARE(report.code, 1);
        QVERIFY2(report.err.contains(QStringLiteral("damaged")), qPrintable(report.err));
        QVERIFY(!QFileInfo::exists(out) || QDir(out).isEmpty());
        const CliResult model =
            runCli({QStringLiteral("model"), QStringLiteral("--workspace"), wsPath});
        QCOMPARE(model.code, 1);
        QVERIFY2(model.err.contains(QStringLiteral("damaged")), qPrintable(model.err));
        QCOMPARE(fileSha256(wsPath), damaged); // nothing was written into it

        // Reading commands still read what they can, with a warning.
        const CliResult info =
            runCli({QStringLiteral("info"), QStringLiteral("--workspace"), wsPath});
        QVERIFY2(info.code == 0, qPrintable(info.err));
        QVERIFY2(info.out.contains(QStringLiteral("1 dataset(s)")), qPrintable(info.out));
        QVERIFY2(info.err.contains(QStringLiteral("warning")) &&
                     info.err.contains(QStringLiteral("damaged")),
                 qPrintable(info.err));
        QCOMPARE(fileSha256(wsPath), damaged);
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
