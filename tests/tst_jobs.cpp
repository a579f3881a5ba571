// Core jobs (issue 12): fit-and-store and the report, the one path of the GUI and the CLI.
#include "demo/DemoDataGenerator.h"
#include "import/CsvImporter.h"
#include "jobs/FitJob.h"
#include "jobs/ImportJob.h"
#include "jobs/ReportJob.h"
#include "report/MarkdownWriter.h"
#include "report/ReportText.h"
#include "source/RecordSource.h"
#include "store/ModelStore.h"
#include "store/Statement.h"
#include "store/Workspace.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace cl;

namespace {

double storedAuc(Workspace &ws, qint64 runId)
{
    return ModelStore(ws)
        .run(runId)
        ->metrics.value("held_out")
        .toObject()
        .value("auc")
        .toObject()
        .value("auc")
        .toDouble();
}

QString modelSection(const ReportDocument &doc)
{
    ReportDocument only = doc;
    ReportBuilder::keepSections(only, {QStringLiteral("model")});
    return MarkdownWriter::toMarkdown(only);
}

/// A kind of source the importer has never heard of: records held in memory. It is all a new
/// source writes (plus its options widget): the job, plan and writer take it unchanged.
class MemorySource final : public RecordSource
{
public:
    MemorySource(QStringList header, QList<QStringList> rows)
        : m_header(std::move(header)), m_rows(std::move(rows))
    {
    }
    QString name() const override { return QStringLiteral("memory:contacts"); }
    bool open() override { return true; }
    QStringList header() const override { return m_header; }
    QList<QStringList> sample() const override { return m_rows; }
    QString fingerprintBeforeReading(const std::atomic<bool> *) override { return {}; }
    bool next(SourceRecord &record) override
    {
        if (m_next >= m_rows.size())
            return false;
        m_text.clear();
        for (const QString &f : m_rows[m_next])
            m_text.push_back(f.toStdString());
        m_fields.assign(m_text.begin(), m_text.end());
        record.position = ++m_next;
        record.fields = &m_fields;
        record.raw = m_text.front();
        record.hash = qHash(m_rows[m_next - 1].join(QLatin1Char('\x1f')));
        return true;
    }
    int64_t position() const override { return m_next; }
    int64_t total() const override { return m_rows.size(); }
    void stop() override {}
    bool finish() override { return true; }
    SourceDescriptor descriptor() const override
    {
        return {QStringLiteral("memory"), QStringLiteral("contacts"), QStringLiteral("memory:"),
                QStringLiteral("m1"), QJsonObject{{QStringLiteral("summary"), "3 rows"}}};
    }
    QString error() const override { return {}; }

private:
    QStringList m_header;
    QList<QStringList> m_rows;
    qsizetype m_next = 0;
    std::vector<std::string> m_text;
    std::vector<std::string_view> m_fields;
};

} // namespace

class TestJobs : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_datasetId = -1;

    FitJobResult fit(SplitKind split, const QStringList &include = {})
    {
        FitJobConfig config;
        config.workspacePath = m_path;
        config.datasetId = m_datasetId;
        config.settings.validation.split.kind = split;
        config.settings.spec.include = include;
        // marital=unknown: 31 synthetic clients, none subscribed (separation)
        config.settings.spec.exclude = {QStringLiteral("marital")};
        return runFitJob(config);
    }

    ReportJobResult report(qint64 runId = -1)
    {
        ReportJobConfig config;
        config.workspacePath = m_path;
        config.datasetId = m_datasetId;
        config.modelRunId = runId;
        config.options.language = QStringLiteral("en");
        config.applyNarrative = false;
        return runReportJob(config);
    }

private Q_SLOTS:
    void init()
    {
        // A fresh workspace per test: the demo data (41,188 synthetic contacts in date order).
        m_path =
            m_dir.filePath(QStringLiteral("%1.campaignlens").arg(QTest::currentTestFunction()));
        const QString csv = m_dir.filePath(QStringLiteral("demo.csv"));
        if (!QFile::exists(csv))
            QVERIFY(DemoDataGenerator::writeFile(csv));
        Workspace ws;
        QString error;
        QVERIFY2(ws.open(m_path, &error), qPrintable(error));
        ImportOptions options;
        options.path = csv;
        const ImportResult imported = CsvImporter(ws).run(options);
        QVERIFY2(imported.ok(), qPrintable(imported.error));
        m_datasetId = imported.datasetId;
    }

    void demoJobImportsOnceAndReusesTheSameBytes()
    {
        const QString other = m_dir.filePath(QStringLiteral("demo-job.campaignlens"));
        DemoJobConfig job;
        job.workspacePath = other;
        job.demo.rows = 2000;
        double last = -1;
        bool ordered = true;
        const ImportResult first = runDemoJob(job, [&](double f, const QString &) {
            ordered &= f >= last;
            last = f;
            return true;
        });
        QVERIFY2(first.ok(), qPrintable(first.error));
        QCOMPARE(first.status, ImportStatus::Imported);
        QVERIFY(ordered);
        QCOMPARE(first.rowsRead, 2000);
        QCOMPARE(runDemoJob(job).status, ImportStatus::Reused);
        QVERIFY(QFile::exists(demoFilePath(other, job.demo)));
    }

    void anotherKindOfSourceImportsThroughTheSameJob()
    {
        const QString other = m_dir.filePath(QStringLiteral("memory-source.campaignlens"));
        ImportJobConfig job;
        job.workspacePath = other;
        job.source = [] {
            return std::make_unique<MemorySource>(QStringList{"age", "job", "y"},
                                                  QList<QStringList>{{"41", "admin.", "no"},
                                                                     {"35", "Admin.", "yes"},
                                                                     {"150", "retired", "no"}});
        };
        const ImportResult r = runImportJob(job);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.rowsRead, 2);
        QCOMPARE(r.rowsRejected, 1);
        Workspace ws;
        QVERIFY(ws.open(other));
        const auto info = ws.dataset(r.datasetId);
        QVERIFY(info);
        QCOMPARE(info->source.kind, QStringLiteral("memory"));
        QCOMPARE(info->source.summary(), QStringLiteral("3 rows"));
        QCOMPARE(info->name, QStringLiteral("contacts"));
        // The raw view gives back each value as the source spelled it.
        Statement raw(ws.db(), QStringLiteral("SELECT age, job, y FROM %1").arg(info->rawTable()));
        QStringList rows;
        while (raw.step())
            rows << QStringLiteral("%1 %2 %3")
                        .arg(raw.columnInt64(0))
                        .arg(raw.columnText(1), raw.columnText(2));
        QCOMPARE(rows, QStringList({"41 admin. no", "35 Admin. yes"}));
    }

    void cancelledImportJobWritesNothing()
    {
        const QString other = m_dir.filePath(QStringLiteral("cancelled-import.campaignlens"));
        ImportJobConfig job;
        job.workspacePath = other;
        job.options.path = m_dir.filePath(QStringLiteral("demo.csv"));
        const ImportResult r = runImportJob(job, [](double f, const QString &) { return f < 0.2; });
        QCOMPARE(r.status, ImportStatus::Cancelled);
        Workspace ws;
        QVERIFY(ws.open(other));
        QVERIFY(ws.datasets().isEmpty());
    }

    void fitJobStoresTheRunItReturns()
    {
        const FitJobResult r = fit(SplitKind::TimeOrdered);
        QVERIFY2(r.ok(), qPrintable(r.error));
        Workspace ws;
        QVERIFY(ws.open(m_path));
        QCOMPARE(storedAuc(ws, r.runId), r.result->report.heldOut.auc.auc);
        QCOMPARE(qint64(ModelStore(ws).scores(r.runId).size()), qint64(r.frame->rowCount()));
    }

    void cancelledFitStoresNothing()
    {
        FitJobConfig config;
        config.workspacePath = m_path;
        config.datasetId = m_datasetId;
        config.settings.spec.exclude = {QStringLiteral("marital")};
        const FitJobResult r =
            runFitJob(config, [](double fraction, const QString &) { return fraction < 0.3; });
        QVERIFY(r.cancelled);
        QCOMPARE(r.runId, -1);
        Workspace ws;
        QVERIFY(ws.open(m_path));
        QVERIFY(ModelStore(ws).runs(m_datasetId).isEmpty());
    }

    void reportWithoutAStoredRunStoresTheDefaultAndSaysSo()
    {
        const ReportJobResult first = report();
        QVERIFY2(first.ok, qPrintable(first.error));
        QVERIFY(first.modelRunStored);
        QVERIFY(first.modelRunId > 0);
        const ReportText t(QStringLiteral("en"));
        QVERIFY2(modelSection(first.doc).contains(t.tr("model.run.new").arg(first.modelRunId)),
                 qPrintable(modelSection(first.doc)));
        // The next report shows that run, now as a stored one; nothing new is stored.
        const ReportJobResult second = report();
        QVERIFY(second.ok);
        QVERIFY(!second.modelRunStored);
        QCOMPARE(second.modelRunId, first.modelRunId);
        QVERIFY(modelSection(second.doc)
                    .contains(QStringLiteral("stored model run %1").arg(first.modelRunId)));
        Workspace ws;
        QVERIFY(ws.open(m_path));
        QCOMPARE(ModelStore(ws).runs(m_datasetId).size(), 1);
    }

    void reportShowsTheChosenRunWithItsStoredAuc()
    {
        const FitJobResult time = fit(SplitKind::TimeOrdered);
        const FitJobResult random = fit(SplitKind::StratifiedRandom);
        QVERIFY(time.ok() && random.ok());
        Workspace ws;
        QVERIFY(ws.open(m_path));
        const ReportText t(QStringLiteral("en"));
        for (const auto &[asked, shown] : {std::pair<qint64, qint64>{-1, random.runId},
                                           {time.runId, time.runId},
                                           {random.runId, random.runId}}) {
            const ReportJobResult r = report(asked);
            QVERIFY2(r.ok, qPrintable(r.error));
            QCOMPARE(r.modelRunId, shown);
            const QString md = modelSection(r.doc);
            QVERIFY2(md.contains(QStringLiteral("stored model run %1").arg(shown)), qPrintable(md));
            QVERIFY2(md.contains(t.tr("model.auc")
                                     .arg(t.number(storedAuc(ws, shown)))
                                     .section(QLatin1Char('('), 0, 0)),
                     qPrintable(md));
        }
    }

    void reportRefusesARunThatUsesAPostCallColumn()
    {
        const FitJobResult duration = fit(SplitKind::TimeOrdered, {QStringLiteral("duration")});
        QVERIFY2(duration.ok(), qPrintable(duration.error));
        // Asked for by id, it fails the report (no report that silently lacks it).
        const ReportJobResult chosen = report(duration.runId);
        QVERIFY(!chosen.ok);
        QVERIFY2(chosen.error.contains(QLatin1String("known only after the call")),
                 qPrintable(chosen.error));
        // The default skips it: a run that can target is fitted and stored instead.
        const ReportJobResult latest = report();
        QVERIFY(latest.modelRunStored);
        QVERIFY(latest.modelRunId != duration.runId);
    }

    void aStoredRunThatDoesNotReproduceIsNotShown()
    {
        const FitJobResult time = fit(SplitKind::TimeOrdered);
        QVERIFY(time.ok());
        {
            Workspace ws;
            QVERIFY(ws.open(m_path));
            QVERIFY(ws.db().exec(QStringLiteral(
                "UPDATE model_run SET metrics = json_set(metrics, '$.held_out.auc.auc', 0.5)")));
        }
        const ReportJobResult byId = report(time.runId);
        QVERIFY(!byId.ok);
        QVERIFY2(byId.error.contains(QLatin1String("does not reproduce")), qPrintable(byId.error));
        // As the default, the report is made and its model section says why it has no model.
        const ReportJobResult r = report();
        QVERIFY(r.ok);
        QVERIFY(r.modelProblem.contains(QLatin1String("does not reproduce")));
        QVERIFY2(modelSection(r.doc).contains(QLatin1String("does not reproduce")),
                 qPrintable(modelSection(r.doc)));
    }

    void cancelledReportStoresAndWritesNothing()
    {
        ReportJobConfig config;
        config.workspacePath = m_path;
        config.datasetId = m_datasetId;
        ReportExportOptions write;
        write.outDir = m_dir.filePath(QStringLiteral("out"));
        write.pdf = false;
        config.write = write;
        const ReportJobResult r =
            runReportJob(config, [](double fraction, const QString &) { return fraction < 0.3; });
        QVERIFY(r.cancelled);
        QVERIFY(!r.ok);
        QVERIFY(!QDir(m_dir.filePath(QStringLiteral("out"))).exists());
        Workspace ws;
        QVERIFY(ws.open(m_path));
        QVERIFY(ModelStore(ws).runs(m_datasetId).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestJobs)
#include "tst_jobs.moc"
