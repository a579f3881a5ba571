// Tests of the Model view (offscreen): a fit on the mini fixture, the forest plot, the export.
#include "AppContext.h"
#include "demo/DemoDataGenerator.h"
#include "import/CsvImporter.h"
#include "model/ForestPlot.h"
#include "model/ModelView.h"
#include "regression/ModelPlainWords.h"
#include "store/ModelStore.h"

#include "TestSupport.h"

#include <QFile>

#include <QLabel>
#include <QListWidget>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <algorithm>
#include <cmath>

using namespace cl;

class TestModelView : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    AppContext *m_context = nullptr;
    ModelView *m_view = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        m_context = new AppContext(this);
        QVERIFY(m_context->openWorkspace(m_dir.filePath(QStringLiteral("view.sqlite"))));
        ImportOptions options;
        options.path = test::fixture(QStringLiteral("mini_bank_additional.csv"));
        const ImportResult r = CsvImporter(m_context->workspace()).run(options);
        QVERIFY2(r.ok(), qPrintable(r.error));
        m_context->setCurrentDataset(m_context->workspace().latestDataset()->id);
        m_view = new ModelView(m_context);
        m_view->resize(1200, 800);
        QSignalSpy ready(m_view, &ModelView::frameReady);
        m_view->show();
        QVERIFY(ready.wait(10000));
    }

    void cleanupTestCase() { delete m_view; }

    void durationIsExcludedByDefaultWithItsReason()
    {
        const ModelRunSettings s = m_view->settings();
        // The default encoding: nothing excluded or included beyond what buildDesign does.
        QVERIFY(s.spec.columns.isEmpty());
        QVERIFY(s.spec.exclude.isEmpty());
        QVERIFY(!s.spec.include.contains(QStringLiteral("duration")));
        QVERIFY(s.spec.referenceLevels.contains(QStringLiteral("job")));
    }

    void fitCompletesAndForestHasOneRowPerTerm()
    {
        m_view->setPenalty(1.0);
        m_view->setRandomSplit(true, 5);
        QSignalSpy done(m_view, &ModelView::fitCompleted);
        QSignalSpy failed(m_view, &ModelView::fitFailed);
        QVERIFY(m_view->fit());
        QVERIFY(m_view->isFitting());
        QVERIFY(!m_view->fit()); // one fit at a time
        QTRY_VERIFY_WITH_TIMEOUT(done.count() + failed.count() > 0, 20000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed[0][0].toString()));
        QVERIFY(m_view->hasResult());
        const auto result = m_view->result();
        // Every term but the intercept, each once.
        QCOMPARE(m_view->forestPlot()->rowCount(), int(result->report.fit.terms.size()) - 1);
        const auto &rows = m_view->forestPlot()->rows();
        for (size_t i = 1; i < rows.size(); ++i)
            QVERIFY(rows[i - 1].oddsRatio >= rows[i].oddsRatio);
        m_view->forestPlot()->setSortOrder(ForestPlot::SortOrder::ByName);
        QCOMPARE(m_view->forestPlot()->rowCount(), int(result->report.fit.terms.size()) - 1);
        bool namesReference = false;
        for (const ForestRow &r : m_view->forestPlot()->rows())
            namesReference |= r.label.contains(QStringLiteral("(ref "));
        QVERIFY(namesReference);
        // The run is in the workspace with a score for every client.
        const auto run = ModelStore(m_context->workspace()).run(m_view->runId());
        QVERIFY(run);
        QCOMPARE(run->scoredRows, m_context->currentDataset()->rowsRead);
        QVERIFY(!m_view->forestPlot()->grab().isNull());

        // Issue 15: p-values read as relations, as everywhere else ("p < 0.0001", never
        // "p = <0.0001").
        QTRY_VERIFY(!m_view->findChild<QTextBrowser *>()->toPlainText().isEmpty());
        const QString metrics = m_view->findChild<QTextBrowser *>()->toPlainText();
        QVERIFY2(
            QRegularExpression(
                QStringLiteral("Hosmer-Lemeshow chi2\\(\\d+\\) = [0-9.]+, p [=<] 0\\.\\d{4}\\."))
                .match(metrics)
                .hasMatch(),
            qPrintable(metrics));
        QVERIFY(!metrics.contains(QStringLiteral("p = <")));
        QVERIFY(!metrics.contains(QStringLiteral("nan"))); // an L2 fit has no LR test: "n/a"

        // Issue 15: plain words on top, the technical statement one click away.
        auto *plain = m_view->findChild<QLabel *>(QStringLiteral("modelPlainWords"));
        auto *technical = m_view->findChild<QLabel *>(QStringLiteral("modelTechnicalWords"));
        auto *toggle = m_view->findChild<QToolButton *>(QStringLiteral("modelTechnicalToggle"));
        QVERIFY(plain && technical && toggle);
        const ModelPlainWords words = ModelPlainWords::of(*result);
        QVERIFY(!words.plain.isEmpty());
        QCOMPARE(plain->text(), words.plain);
        QVERIFY(plain->isVisible());
        QVERIFY(words.plain.contains(QStringLiteral("Calling the 20% of clients")));
        QVERIFY(!technical->isVisible());
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(technical->isVisible());
        QCOMPARE(technical->text(), words.technical);
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(!technical->isVisible());
    }

    // Issue 11: a rolling-origin validation needs rows in date order; the mini fixture's
    // month changes 56 times in 60 rows, and the view says so instead of fitting.
    void issue11_rollingSplitOnUnorderedRowsFailsWithTheReason()
    {
        m_view->setSplitKind(SplitKind::RollingOrigin);
        QCOMPARE(m_view->settings().validation.split.kind, SplitKind::RollingOrigin);
        QSignalSpy done(m_view, &ModelView::fitCompleted);
        QSignalSpy failed(m_view, &ModelView::fitFailed);
        QVERIFY(m_view->fit());
        QTRY_VERIFY_WITH_TIMEOUT(done.count() + failed.count() > 0, 20000);
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed[0][0].toString().contains(QStringLiteral("not in date order")) ||
                     failed[0][0].toString().contains(QStringLiteral("these are not")),
                 qPrintable(failed[0][0].toString()));
        m_view->setRandomSplit(true, 5);
    }

    void targetingExportWritesCsv()
    {
        QVERIFY(m_view->runId() > 0);
        const QString path = m_dir.filePath(QStringLiteral("targets.csv"));
        QString error;
        const qint64 written =
            m_view->exportTargetList(path, 5, false, {QStringLiteral("row_id")}, &error);
        QVERIFY2(written == 5, qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines[0], QStringLiteral("row_id,score"));
        QVERIFY(m_view->exportTargetList(path, 20, true, {}, &error) > 0);
    }

    // Issue 15: after a restart the tab said "Fit a model..." although runs were stored. A new
    // view on the same workspace (a new session) shows the newest stored run as after its fit,
    // and its run picker shows any other stored run.
    void issue15_aNewSessionShowsTheNewestStoredRunAndPicksOthers()
    {
        QVERIFY(m_view->hasResult());
        const auto fitted = m_view->result(); // the fit's own figures, not read from the store
        const qint64 fittedId = m_view->runId();
        QVERIFY(fittedId > 0);

        AppContext session;
        QVERIFY(session.openWorkspace(m_context->workspacePath()));
        session.setCurrentDataset(m_context->currentDatasetId());
        auto view = std::make_unique<ModelView>(&session);
        view->resize(1200, 800);
        QSignalSpy shown(view.get(), &ModelView::runShown);
        QSignalSpy ready(view.get(), &ModelView::frameReady);
        view->show();
        QVERIFY(ready.wait(10000));
        QCOMPARE(shown.count(), 1);
        QCOMPARE(shown[0][0].toLongLong(), fittedId);
        QVERIFY(view->hasResult());
        QCOMPARE(view->runId(), fittedId);
        QCOMPARE(view->listedRuns().value(0), fittedId);

        // Coefficients, metrics and charts as the fit showed them.
        const auto stored = view->result();
        const auto &a = fitted->report.fit.terms, &b = stored->report.fit.terms;
        QCOMPARE(b.size(), a.size());
        for (size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(b[i].name, a[i].name);
            QCOMPARE(b[i].estimate, a[i].estimate);
            QCOMPARE(b[i].oddsRatio, a[i].oddsRatio);
        }
        QCOMPARE(view->forestPlot()->rowCount(), m_view->forestPlot()->rowCount());
        const HeldOutMetrics &h = fitted->report.heldOut, &k = stored->report.heldOut;
        QVERIFY(h.rows > 0);
        QCOMPARE(k.rows, h.rows);
        QCOMPARE(k.auc.auc, h.auc.auc);
        QCOMPARE(k.auc.ciLow, h.auc.ciLow);
        QCOMPARE(k.confusion.truePositives, h.confusion.truePositives);
        QCOMPARE(k.deciles.size(), h.deciles.size());
        QCOMPARE(k.topSentence, h.topSentence);
        QCOMPARE(stored->report.fit.aic, fitted->report.fit.aic);
        // The curves: the stored ROC is the fit's, thinned below a pixel of any chart.
        QVERIFY(stored->roc.size() >= 2);
        QVERIFY(stored->roc.size() <= fitted->roc.size());
        QCOMPARE(stored->roc.front().x, 0.0);
        QCOMPARE(stored->roc.back().y, 1.0);
        for (const CurvePoint &p : stored->roc) {
            const auto near = std::find_if(fitted->roc.begin(), fitted->roc.end(), [&](auto q) {
                return std::abs(q.x - p.x) < 1e-6 && std::abs(q.y - p.y) < 1e-6;
            });
            QVERIFY(near != fitted->roc.end());
        }
        QCOMPARE(stored->gains.size(), fitted->gains.size());
        QVERIFY(!view->exclusionText().isEmpty());
        QVERIFY2(
            !view->findChild<QTextBrowser *>()->toPlainText().isEmpty() ||
                QTest::qWaitFor(
                    [&] { return !view->findChild<QTextBrowser *>()->toPlainText().isEmpty(); },
                    5000),
            "the metrics of the stored run are shown");
        QVERIFY(view->findChild<QTextBrowser *>()->toPlainText().contains(
            QStringLiteral("AUC %1").arg(h.auc.auc, 0, 'f', 3)));

        // A second run with other settings; then the older one is picked and shown.
        view->setPenalty(50.0);
        view->setRandomSplit(true, 11);
        QSignalSpy done(view.get(), &ModelView::fitCompleted);
        QSignalSpy failed(view.get(), &ModelView::fitFailed);
        QVERIFY(view->fit());
        QTRY_VERIFY_WITH_TIMEOUT(done.count() + failed.count() > 0, 20000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed[0][0].toString()));
        const qint64 newer = view->runId();
        const auto newerResult = view->result();
        QVERIFY(newer > fittedId);
        QTRY_COMPARE_WITH_TIMEOUT(view->listedRuns().value(0), newer, 10000);
        QVERIFY(view->listedRuns().contains(fittedId));
        QVERIFY(newerResult->report.heldOut.auc.auc != h.auc.auc);
        QVERIFY(newerResult->report.fit.terms[1].estimate != a[1].estimate);

        shown.clear();
        QVERIFY(view->showStoredRun(fittedId));
        QVERIFY(shown.wait(10000));
        QCOMPARE(view->runId(), fittedId);
        QCOMPARE(view->result()->report.heldOut.auc.auc, h.auc.auc);
        QCOMPARE(view->result()->report.fit.terms[1].estimate, a[1].estimate);
        QTRY_VERIFY_WITH_TIMEOUT(view->findChild<QTextBrowser *>()->toPlainText().contains(
                                     QStringLiteral("AUC %1").arg(h.auc.auc, 0, 'f', 3)),
                                 5000);
        // And back to the newer one.
        QVERIFY(view->showStoredRun(newer));
        QVERIFY(shown.wait(10000));
        QCOMPARE(view->result()->report.heldOut.auc.auc, newerResult->report.heldOut.auc.auc);
        QVERIFY(!view->showStoredRun(-5));
    }

    void cancelStopsTheFitAndStoresNothing()
    {
        // A full-size synthetic file, so that the fit is still running when Cancel comes.
        const QString csv = m_dir.filePath(QStringLiteral("demo.csv"));
        QVERIFY(DemoDataGenerator::writeFile(csv));
        ImportOptions options;
        options.path = csv;
        const ImportResult r = CsvImporter(m_context->workspace()).run(options);
        QVERIFY2(r.ok(), qPrintable(r.error));
        const qint64 id = m_context->workspace().latestDataset()->id;
        QSignalSpy ready(m_view, &ModelView::frameReady);
        m_context->setCurrentDataset(id);
        QVERIFY(ready.wait(30000));
        QVERIFY(!m_view->hasResult()); // a new dataset clears the old model

        QSignalSpy failed(m_view, &ModelView::fitFailed);
        QSignalSpy done(m_view, &ModelView::fitCompleted);
        QVERIFY(m_view->fit());
        m_view->cancelFit();
        QTRY_VERIFY_WITH_TIMEOUT(done.count() + failed.count() > 0, 60000);
        QCOMPARE(done.count(), 0);
        QCOMPARE(failed[0][0].toString(), QStringLiteral("cancelled"));
        QVERIFY(!m_view->isFitting());
        QVERIFY(!ModelStore(m_context->workspace()).latestRun(id));

        // The view stays usable: the next fit completes on the full-size data.
        QVERIFY(m_view->fit());
        QTRY_VERIFY_WITH_TIMEOUT(done.count() > 0 || failed.count() > 1, 120000);
        QCOMPARE(done.count(), 1);
        QVERIFY(ModelStore(m_context->workspace()).latestRun(id));
    }

    // Issue 11: ticking duration built a leaky model with no warning, and the panel still said
    // duration was left out. Ticking it asks first; the panel says it is included; the run's
    // results carry a warning above everything they show.
    void issue11_includingDurationIsADeliberateActWithAWarning()
    {
        auto *list = m_view->findChild<QListWidget *>();
        QVERIFY(list);
        QListWidgetItem *duration = nullptr;
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->text() == QLatin1String("duration"))
                duration = list->item(i);
        QVERIFY(duration);
        QStringList asked;
        m_view->setPostCallConfirmation([&](const QString &c) {
            asked << c;
            return false;
        });
        duration->setCheckState(Qt::Checked);
        QCOMPARE(asked, QStringList{"duration"});
        QCOMPARE(duration->checkState(), Qt::Unchecked); // declined: nothing changes
        QVERIFY(m_view->exclusionText().contains("<b>duration</b> is left out"));
        m_view->setPostCallConfirmation([](const QString &) { return true; });
        duration->setCheckState(Qt::Checked);
        QVERIFY(m_view->settings().spec.include.contains(QStringLiteral("duration")));
        QVERIFY2(m_view->exclusionText().contains("duration is included although it is known only "
                                                  "after the call"),
                 qPrintable(m_view->exclusionText()));
        QSignalSpy done(m_view, &ModelView::fitCompleted);
        QSignalSpy failed(m_view, &ModelView::fitFailed);
        m_view->setPenalty(1.0);
        QVERIFY(m_view->fit());
        QTRY_VERIFY_WITH_TIMEOUT(done.count() + failed.count() > 0, 20000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed[0][0].toString()));
        QVERIFY(m_view->postCallBanner().contains("uses duration, known only after the call"));
        // The tab loads only the columns of the default model: the fit read duration itself.
        bool fittedOnDuration = false;
        for (const auto &term : m_view->result()->report.fit.terms)
            fittedOnDuration |= term.name.contains(QStringLiteral("duration"));
        QVERIFY(fittedOnDuration);
        auto *banner = m_view->findChild<QLabel *>(QStringLiteral("postCallBanner"));
        QVERIFY(banner && banner->isVisible());
        // CL_SCREENSHOT_DIR=... keeps a picture of the view for a person to look at.
        if (const QString dir = qEnvironmentVariable("CL_SCREENSHOT_DIR"); !dir.isEmpty()) {
            for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
                m_view->resize(size);
                QTest::qWait(50);
                m_view->grab().save(
                    QStringLiteral("%1/model-duration-%2.png").arg(dir).arg(size.width()));
            }
        }
        // The newest run is not the one for targeting.
        const auto latest = ModelStore(m_context->workspace()).latestRun();
        const auto targeting = ModelStore(m_context->workspace()).latestTargetingRun();
        QVERIFY(latest && latest->id == m_view->runId());
        QVERIFY(!targeting || targeting->id != latest->id);
        duration->setCheckState(Qt::Unchecked);
    }
};

QTEST_MAIN(TestModelView)
#include "tst_model_view.moc"
