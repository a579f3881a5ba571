// Tests of the `import` and `info` CLI subcommands, run in-process: what they print for bad
// input and that reading commands never create a workspace.
#include "cli/ConnectCommand.h"
#include "cli/ImportCommands.h"

#include "CliRun.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using cl::test::runCli;

class TestImportCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(bytes);
        return path;
    }

private Q_SLOTS:
    void infoOnAMissingWorkspaceFailsAndWritesNothing()
    {
        const QString ws = m_dir.filePath(QStringLiteral("typo/nothing.campaignlens"));
        const auto r = runCli(cl::cli::runInfo, {QStringLiteral("--workspace"), ws});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no workspace at ") + ws), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(ws));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("typo"))));
    }

    void importListsRejectedRowsWithFileLineAndReason()
    {
        const QString csv =
            write(QStringLiteral("broken.csv"),
                  "age;job;y\n30;admin.;yes\n31;admin.\n32;admin.;maybe\n33;x;no\n");
        const QString ws = m_dir.filePath(QStringLiteral("a.campaignlens"));
        const auto r = runCli(cl::cli::runImport, {csv, QStringLiteral("--workspace"), ws});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(csv + QStringLiteral(":3: expected 3 fields, found 2")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(csv + QStringLiteral(":4: target column 'y' has 'maybe'")));
        // info reads the workspace the import created.
        const auto info = runCli(cl::cli::runInfo, {QStringLiteral("--workspace"), ws});
        QCOMPARE(info.code, 0);
    }

    void infoCountsTheTargetLevelsThatOccur()
    {
        const QString csv =
            write(QStringLiteral("allno.csv"), "age;job;y\n30;admin.;no\n41;x;no\n");
        const QString ws = m_dir.filePath(QStringLiteral("d.campaignlens"));
        QCOMPARE(runCli(cl::cli::runImport, {csv, QStringLiteral("--workspace"), ws}).code, 0);
        const auto r = runCli(cl::cli::runInfo, {QStringLiteral("--workspace"), ws,
                                                 QStringLiteral("--dataset"), QStringLiteral("1")});
        QCOMPARE(r.code, 0);
        const QString yLine = r.out.section(QStringLiteral("\n  y "), 1, 1).section('\n', 0, 0);
        QVERIFY2(yLine.contains(QStringLiteral(" 1 level")) &&
                     !yLine.contains(QStringLiteral("levels")),
                 qPrintable(r.out));
    }

    void mappingAnUnknownColumnIsAnError()
    {
        const QString csv = write(QStringLiteral("ok.csv"), "age;job;y\n30;admin.;yes\n");
        const QString ws = m_dir.filePath(QStringLiteral("b.campaignlens"));
        const auto r =
            runCli(cl::cli::runImport, {csv, QStringLiteral("--workspace"), ws,
                                        QStringLiteral("--map"), QStringLiteral("agee=age")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("'agee', which is not a column of the file")),
                 qPrintable(r.err));
    }

    // A bad --map is refused before anything is read, and its echo cannot drive the terminal:
    // the same words and escaping for `import` and `connect` (one parser).
    void aBadRoleIsRefusedWithItsTextEscaped()
    {
        const QString csv = write(QStringLiteral("role.csv"), "age;job;y\n30;admin.;yes\n");
        const QString ws = m_dir.filePath(QStringLiteral("e.campaignlens"));
        const QString hostile = QStringLiteral("y\x1b]0;owned\x07=tagret");
        const auto r = runCli(cl::cli::runImport, {csv, QStringLiteral("--workspace"), ws,
                                                   QStringLiteral("--map"), hostile});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--map wants COLUMN=ROLE")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("'y\\x1b]0;owned\\x07=tagret'")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QLatin1Char('\x1b')), qPrintable(r.err));
        QVERIFY(!QFile::exists(ws));

        const auto c = runCli(cl::cli::runConnect, {QStringLiteral("postgresql://127.0.0.1:1/x"),
                                                    QStringLiteral("--table"), QStringLiteral("t"),
                                                    QStringLiteral("--map"), hostile});
        QCOMPARE(c.code, 2);
        const QString importReason = r.err.section(QStringLiteral(": "), 1);
        QVERIFY2(c.err.endsWith(importReason), qPrintable(c.err + QLatin1Char('|') + importReason));
    }

    void allRowsRejectedNamesTheFirstReason()
    {
        const QString csv =
            write(QStringLiteral("wrongtarget.csv"), "age;job;y\n30;admin.;yes\n41;retired;no\n");
        const QString ws = m_dir.filePath(QStringLiteral("c.campaignlens"));
        const auto r =
            runCli(cl::cli::runImport, {csv, QStringLiteral("--workspace"), ws,
                                        QStringLiteral("--map"), QStringLiteral("age=target"),
                                        QStringLiteral("--map"), QStringLiteral("y=none")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no data rows could be read (2 rejected; the "
                                               "first, line 2: target column 'age' has '30'")),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestImportCli)
#include "tst_import_cli.moc"
