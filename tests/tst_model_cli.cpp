// Tests of the `model` and `score` CLI subcommands, run in-process on the mini fixture.
#include "chat/ChatContext.h"
#include "cli/ModelCommands.h"
#include "import/CsvImporter.h"
#include "store/ModelStore.h"
#include "store/Workspace.h"

#include "CliRun.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/resource.h>

namespace {

using Run = cl::test::CliRun;

Run runCommand(int (*command)(cl::cli::Args, cl::cli::Io &), const QStringList &args)
{
    return cl::test::runCli(command, args);
}

} // namespace

class TestModelCli : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_ws;
    qint64 m_rows = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("mini.sqlite"));
        cl::Workspace ws;
        QVERIFY(ws.open(m_ws));
        cl::ImportOptions options;
        options.path = cl::test::fixture(QStringLiteral("mini_bank_additional.csv"));
        const cl::ImportResult r = cl::CsvImporter(ws).run(options);
        QVERIFY2(r.ok(), qPrintable(r.error));
        m_rows = r.rowsRead;
    }

    void tablePrintsCoefficientsMetricsAndSentence()
    {
        const Run r = runCommand(cl::cli::runModelCommand,
                                 {"--workspace", m_ws, "--split", "random", "--seed", "3", "--l2",
                                  "1", "--exclude", "duration"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (const char *expected :
             {"Excluded: duration", "(Intercept)", "Reference levels:", "Log-likelihood", "LR test",
              "AIC / BIC", "McFadden", "VIF", "Aliased columns", "Separation",
              "Convergence: converged", "AUC", "Log-loss", "Brier", "Hosmer-Lemeshow",
              "Decile table", "Calling the top 20% by score reaches"})
            QVERIFY2(r.out.contains(QLatin1String(expected)), expected);
    }

    void jsonHasRunSettingsMetricsAndCoefficients()
    {
        const Run r = runCommand(cl::cli::runModelCommand,
                                 {"--workspace", m_ws, "--l2", "1", "--format", "json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QJsonParseError pe;
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8(), &pe).object();
        QCOMPARE(pe.error, QJsonParseError::NoError);
        QVERIFY(o.value("run_id").toInteger() > 0);
        QCOMPARE(o.value("settings").toObject().value("split").toString(), QStringLiteral("time"));
        const QJsonObject held = o.value("metrics").toObject().value("held_out").toObject();
        const double auc = held.value("auc").toObject().value("auc").toDouble();
        QVERIFY(auc > 0 && auc <= 1);
        QCOMPARE(held.value("deciles").toArray().size(), 10);
        const QJsonArray coefs = o.value("coefficients").toArray();
        QVERIFY(coefs.size() > 1);
        QCOMPARE(coefs.at(0).toObject().value("term").toString(), QStringLiteral("(Intercept)"));
        bool durationExcluded = false;
        for (const auto &e :
             o.value("metrics").toObject().value("encoding").toObject().value("excluded").toArray())
            durationExcluded |= e.toObject().value("column").toString() == "duration";
        QVERIFY(durationExcluded);
    }

    void scoreWritesTopRowsSortedByScore_data()
    {
        QTest::addColumn<QString>("top");
        QTest::addColumn<qint64>("expectedRows");
        QTest::newRow("count") << "7" << qint64(7);
        QTest::newRow("percent") << "20%" << qint64(-1);
        QTest::newRow("all") << "100%" << qint64(-2);
    }

    void scoreListsClientAttributesByDefault()
    {
        const QString csv = m_dir.filePath(QStringLiteral("default.csv"));
        const Run r =
            runCommand(cl::cli::runScoreCommand, {"--workspace", m_ws, "--top", "5", "--out", csv});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList header = QString::fromUtf8(f.readLine()).trimmed().split(',');
        QCOMPARE(header.first(), QStringLiteral("row_id"));
        QCOMPARE(header.last(), QStringLiteral("score"));
        QVERIFY(header.contains(QStringLiteral("job")));
        // The outcome and the call's duration are not attributes to choose whom to call by.
        QVERIFY2(!header.contains(QStringLiteral("y")), qPrintable(header.join(',')));
        QVERIFY(!header.contains(QStringLiteral("duration")));
    }

    void scoreWritesTopRowsSortedByScore()
    {
        QFETCH(QString, top);
        QFETCH(qint64, expectedRows);
        cl::Workspace ws;
        QVERIFY(ws.open(m_ws));
        const auto run = cl::ModelStore(ws).latestRun();
        QVERIFY(run);
        if (expectedRows == -1)
            expectedRows = qint64(std::ceil(0.2 * double(run->scoredRows) - 1e-9));
        else if (expectedRows == -2)
            expectedRows = run->scoredRows;
        const QString csv = m_dir.filePath(QStringLiteral("list.csv"));
        const Run r = runCommand(cl::cli::runScoreCommand, {"--workspace", m_ws, "--top", top,
                                                            "--out", csv, "--columns", "age,job"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QStringLiteral("age,job,score"));
        QCOMPARE(qint64(lines.size() - 1), expectedRows);
        double previous = 2;
        for (int i = 1; i < lines.size(); ++i) {
            const double s = lines[i].section(',', -1).toDouble();
            QVERIFY(s >= 0 && s <= previous);
            previous = s;
        }
    }

    // issue 10, part 3: the targeting list went through a buffered stream that checked no
    // write, so a full disk left a truncated list, renamed over the earlier one, and exit 0.
    // A file-size limit on the child process stands in for the full disk.
    void issue10_3_scoreOnAFullDiskFailsAndKeepsTheEarlierList()
    {
        QCOMPARE(runCommand(cl::cli::runModelCommand, {"--workspace", m_ws, "--l2", "1"}).code, 0);
        const QString csv = m_dir.filePath(QStringLiteral("full-disk.csv"));
        const QStringList args{"score", "--workspace", m_ws, "--top", "100%", "--out", csv};
        QCOMPARE(runCommand(cl::cli::runScoreCommand, args.mid(1)).code, 0);
        QFile earlier(csv);
        QVERIFY(earlier.open(QIODevice::ReadOnly));
        const QByteArray complete = earlier.readAll();
        earlier.close();
        QVERIFY(complete.size() > 2000);

        cl::Workspace open; // keeps the -shm file in place: the child writes no file but the list
        QVERIFY(open.open(m_ws));
        QProcess cli;
        cli.setChildProcessModifier([] {
            ::signal(SIGXFSZ, SIG_IGN); // a write past the limit fails instead of killing
            const struct rlimit limit = {1000, 1000};
            ::setrlimit(RLIMIT_FSIZE, &limit);
        });
        cli.start(QStringLiteral(CL_CLI_PATH), args);
        QVERIFY(cli.waitForFinished(60000));
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
        QVERIFY2(cli.exitCode() == 1, qPrintable(err));
        QVERIFY2(err.contains(csv) && err.contains(QStringLiteral("File too large")),
                 qPrintable(err));
        QVERIFY(earlier.open(QIODevice::ReadOnly));
        QCOMPARE(earlier.readAll(), complete);
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("full-disk.csv*")}, QDir::Files),
                 QStringList{QStringLiteral("full-disk.csv")});
    }

    void errorsGiveOneLineAndNonZero_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("score");
        QTest::newRow("bad split") << QStringList{"--split", "sideways"} << false;
        QTest::newRow("bad l2") << QStringList{"--l2", "-1"} << false;
        QTest::newRow("bad format") << QStringList{"--format", "xml"} << false;
        QTest::newRow("unknown column") << QStringList{"--include", "nope"} << false;
        QTest::newRow("no top") << QStringList{"--out", "x.csv"} << true;
        QTest::newRow("bad top") << QStringList{"--top", "150%", "--out", "x.csv"} << true;
        QTest::newRow("no run") << QStringList{"--top", "5", "--out", "x.csv", "--run", "999"}
                                << true;
        QTest::newRow("bad column")
            << QStringList{"--top", "5", "--out", "x.csv", "--columns", "nope"} << true;
    }

    void errorsGiveOneLineAndNonZero()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, score);
        args << "--workspace" << m_ws;
        const Run r = runCommand(score ? cl::cli::runScoreCommand : cl::cli::runModelCommand, args);
        QVERIFY(r.code != 0);
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY(!r.err.trimmed().isEmpty());
    }

    // Issue 11: one checkbox built a leaky model with no warning (duration: AUC 0.937), the
    // targeting list was ranked by call length and the chat quoted its AUC. A run with a
    // column known only after the call says so wherever it is used, and it is never the
    // default run for a targeting list or the chat.
    void issue11_postCallRunIsWarnedAndNeverTheDefault()
    {
        const QString ws = m_dir.filePath(QStringLiteral("postcall.sqlite"));
        {
            cl::Workspace w;
            QVERIFY(w.open(ws));
            cl::ImportOptions options;
            options.path = cl::test::fixture(QStringLiteral("mini_bank_additional.csv"));
            QVERIFY(cl::CsvImporter(w).run(options).ok());
        }
        const Run leaky =
            runCommand(cl::cli::runModelCommand, {"--workspace", ws, "--split", "random", "--l2",
                                                  "1", "--include", "duration"});
        QVERIFY2(leaky.code == 0, qPrintable(leaky.err));
        QVERIFY2(leaky.out.contains("WARNING: this model uses duration, known only after the "
                                    "call"),
                 qPrintable(leaky.out.left(600)));
        const QString csv = m_dir.filePath(QStringLiteral("postcall.csv"));
        const Run refused =
            runCommand(cl::cli::runScoreCommand, {"--workspace", ws, "--top", "20%", "--out", csv});
        QCOMPARE(refused.code, 1);
        QVERIFY2(refused.err.contains("known only after the call") && refused.err.contains("--run"),
                 qPrintable(refused.err));

        const Run targeting = runCommand(cl::cli::runModelCommand,
                                         {"--workspace", ws, "--split", "random", "--l2", "1"});
        QVERIFY2(targeting.code == 0, qPrintable(targeting.err));
        QVERIFY(!targeting.out.contains("WARNING"));
        QVERIFY(runCommand(cl::cli::runModelCommand, {"--workspace", ws, "--split", "random",
                                                      "--l2", "1", "--include", "duration"})
                    .code == 0);
        cl::Workspace w;
        QVERIFY(w.open(ws));
        cl::ModelStore store(w);
        const auto newest = store.latestRun();
        const auto forTargeting = store.latestTargetingRun();
        QVERIFY(newest && forTargeting && newest->id != forTargeting->id);
        QCOMPARE(cl::ModelStore::postCallColumnsOf(*newest), QStringList{"duration"});

        const Run list =
            runCommand(cl::cli::runScoreCommand, {"--workspace", ws, "--top", "20%", "--out", csv});
        QVERIFY2(list.code == 0, qPrintable(list.err));
        QVERIFY2(list.err.contains(QStringLiteral("(model run %1)").arg(forTargeting->id)),
                 qPrintable(list.err));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(f.readLine()).trimmed().endsWith(",score"));
        f.close();

        const Run named =
            runCommand(cl::cli::runScoreCommand, {"--workspace", ws, "--top", "20%", "--out", csv,
                                                  "--run", QString::number(newest->id)});
        QVERIFY2(named.code == 0, qPrintable(named.err));
        QVERIFY(named.err.contains("WARNING: this model uses duration"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(f.readLine())
                    .trimmed()
                    .endsWith(",score_uses_duration_known_after_the_call"));

        // The chat is grounded on the targeting run.
        QString error;
        const auto context = cl::loadChatContext(w, forTargeting->datasetId, &error);
        QVERIFY2(context, qPrintable(error));
        QCOMPARE(qint64(context->model.value("run_id").toDouble()), forTargeting->id);
        QVERIFY(!context->model.contains("warning"));
        // `runs` lists them newest first and names the default, and the run that cannot target.
        const Run runs = runCommand(cl::cli::runRunsCommand, {"--workspace", ws});
        QVERIFY2(runs.code == 0, qPrintable(runs.err));
        const QStringList lines = runs.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 3);
        QVERIFY2(lines[1].trimmed().startsWith(QString::number(newest->id)), qPrintable(runs.out));
        QVERIFY2(lines[1].contains(QLatin1String("uses duration")), qPrintable(runs.out));
        QVERIFY2(lines[2].trimmed().startsWith(QString::number(forTargeting->id)) &&
                     lines[2].contains(QLatin1String("the default for score, report and chat")),
                 qPrintable(runs.out));
        QVERIFY2(lines[3].contains(QLatin1String("uses duration")), qPrintable(runs.out));
    }
};

QTEST_GUILESS_MAIN(TestModelCli)
#include "tst_model_cli.moc"
