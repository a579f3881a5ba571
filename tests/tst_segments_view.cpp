// Segments view (issue 3): segmentation off the UI thread, table = engine, drill-down, exports.
#include "AppContext.h"
#include "MainWindow.h"
#include "data/DataFrame.h"
#include "import/CsvImporter.h"
#include "render/ChartPainter.h"
#include "segments/SegmentBarChart.h"
#include "segments/SegmentEngine.h"
#include "segments/SegmentFormatter.h"
#include "segments/SegmentHeatmap.h"
#include "segments/SegmentProxyModel.h"
#include "segments/SegmentRunner.h"
#include "segments/SegmentTableModel.h"
#include "segments/SegmentsView.h"
#include "store/FrameLoader.h"

#include "TestSupport.h"

#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using cl::SegmentRanking;

class TestSegmentsView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<cl::AppContext> m_context;
    cl::DataFrame m_frame;

    /// A view on the fixture with its first result shown.
    std::unique_ptr<cl::SegmentsView> makeView()
    {
        auto view = std::make_unique<cl::SegmentsView>(m_context.get());
        QSignalSpy shown(view.get(), &cl::SegmentsView::resultShown);
        view->loadCurrentDataset();
        if (!shown.wait(20000))
            return nullptr;
        return view;
    }

    static bool waitForResult(cl::SegmentsView *view)
    {
        QSignalSpy shown(view, &cl::SegmentsView::resultShown);
        return shown.wait(20000);
    }

    /// Rows of the view's result equal a direct engine run (same order, counts, ranks).
    void compareWithEngine(const cl::SegmentsView &view)
    {
        const cl::SegmentResult expected = cl::SegmentEngine(m_frame).run(view.query());
        QVERIFY2(expected.ok, qPrintable(expected.error));
        const cl::SegmentResult &got = view.result();
        QVERIFY(got.ok);
        QCOMPARE(got.population, expected.population);
        QCOMPARE(got.segmentsCompared, expected.segmentsCompared);
        QCOMPARE(got.rows.size(), expected.rows.size());
        QCOMPARE(view.proxyModel()->rowCount(), int(expected.rows.size()));
        for (size_t i = 0; i < expected.rows.size(); ++i) {
            QCOMPARE(got.rows[i].labels, expected.rows[i].labels);
            QCOMPARE(got.rows[i].clients, expected.rows[i].clients);
            QCOMPARE(got.rows[i].subscribers, expected.rows[i].subscribers);
            QCOMPARE(got.rows[i].rank, expected.rows[i].rank);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_context = std::make_unique<cl::AppContext>();
        QString error;
        QVERIFY2(m_context->openWorkspace(m_dir.filePath("ws.campaignlens"), &error),
                 qPrintable(error));
        cl::ImportOptions options;
        options.path = cl::test::fixture("mini_bank_additional.csv");
        const cl::ImportResult imported = cl::CsvImporter(m_context->workspace()).run(options);
        QVERIFY2(imported.ok(), qPrintable(imported.error));
        m_context->setCurrentDataset(imported.datasetId);
        auto frame = cl::loadFrame(m_context->workspace(), imported.datasetId, &error);
        QVERIFY2(frame, qPrintable(error));
        m_frame = std::move(*frame);
        QCOMPARE(m_frame.rowCount(), size_t(60));
    }

    void defaultSegmentationEqualsEngine()
    {
        auto view = makeView();
        QVERIFY(view);
        QCOMPARE(view->query().by, QStringList({"age_band", "job", "marital"}));
        QCOMPARE(view->query().minN, 30);
        QCOMPARE(view->query().ranking, SegmentRanking::Wilson);
        QVERIFY(view->query().filters.isEmpty());
        compareWithEngine(*view);
        // The proxy shows the engine's rank order until the user sorts.
        const QModelIndex first = view->proxyModel()->index(0, 0);
        QCOMPARE(view->proxyModel()->data(first, cl::SegmentTableModel::SortRole).toInt(), 1);
        QCOMPARE(view->barChart()->barCount(), std::min(20, int(view->result().rows.size())));
        QVERIFY(!view->heatmap()->hasGrid());
    }

    void rankingAndMinNFollowTheControls_data()
    {
        QTest::addColumn<SegmentRanking>("ranking");
        QTest::addColumn<int>("minN");
        QTest::newRow("raw") << SegmentRanking::Raw << 30;
        QTest::newRow("wilson-min5") << SegmentRanking::Wilson << 5;
        QTest::newRow("bayes") << SegmentRanking::Bayes << 30;
    }

    void rankingAndMinNFollowTheControls()
    {
        QFETCH(SegmentRanking, ranking);
        QFETCH(int, minN);
        auto view = makeView();
        QVERIFY(view);
        view->setDimensions({"job"});
        QVERIFY(waitForResult(view.get()));
        view->setRanking(ranking);
        if (view->query().ranking != SegmentRanking::Wilson)
            QVERIFY(waitForResult(view.get()));
        view->setMinN(minN);
        if (minN != 30)
            QVERIFY(waitForResult(view.get()));
        QCOMPARE(view->result().query.ranking, ranking);
        QCOMPARE(view->result().query.minN, minN);
        compareWithEngine(*view);
    }

    void smallSegmentsAreGreyed()
    {
        auto view = makeView();
        QVERIFY(view);
        const cl::SegmentResult &r = view->result();
        int small = -1, big = -1;
        for (int i = 0; i < view->proxyModel()->rowCount(); ++i) {
            const QModelIndex src =
                view->proxyModel()->mapToSource(view->proxyModel()->index(i, 0));
            (r.rows[size_t(src.row())].small ? small : big) = i;
        }
        QVERIFY(small >= 0); // 60 rows over 3 dimensions: every segment is below 30
        QVERIFY(view->proxyModel()
                    ->data(view->proxyModel()->index(small, 1), Qt::ForegroundRole)
                    .isValid());
    }

    void tableSortsByNumbersNotText()
    {
        auto view = makeView();
        QVERIFY(view);
        view->setDimensions({"job"});
        QVERIFY(waitForResult(view.get()));
        const int clientsColumn = 1 + 1; // rank, job, clients
        QCOMPARE(view->proxyModel()->headerData(clientsColumn, Qt::Horizontal).toString(),
                 QStringLiteral("clients"));
        view->proxyModel()->sort(clientsColumn, Qt::DescendingOrder);
        qint64 previous = std::numeric_limits<qint64>::max();
        for (int i = 0; i < view->proxyModel()->rowCount(); ++i) {
            const qint64 n = view->proxyModel()
                                 ->data(view->proxyModel()->index(i, clientsColumn),
                                        cl::SegmentTableModel::SortRole)
                                 .toLongLong();
            QVERIFY(n <= previous);
            previous = n;
        }
    }

    void clickingABarDrillsDownAndBackRestores()
    {
        auto view = makeView();
        QVERIFY(view);
        view->setDimensions({"age_band"});
        QVERIFY(waitForResult(view.get()));
        const cl::SegmentResult before = view->result();
        const cl::SegmentRow clicked = before.rows.front();
        QVERIFY(!view->canGoBack());

        Q_EMIT view->barChart()->segmentClicked(0);
        QVERIFY(waitForResult(view.get()));
        const cl::SegmentQuery drilled = view->query();
        QCOMPARE(drilled.filters.size(), 1);
        QCOMPARE(drilled.filters.front().column, QStringLiteral("age_band"));
        QCOMPARE(drilled.filters.front().labels, clicked.labels);
        QCOMPARE(drilled.by, QStringList({"job"})); // moved on to the next column
        QCOMPARE(view->result().population, clicked.clients);
        QCOMPARE(view->result().subscribers, clicked.subscribers);
        compareWithEngine(*view);
        QVERIFY(view->canGoBack());
        QVERIFY(!view->canGoForward());

        view->goBack();
        QVERIFY(waitForResult(view.get()));
        QCOMPARE(view->query().by, QStringList({"age_band"}));
        QVERIFY(view->query().filters.isEmpty());
        QCOMPARE(view->result().rows.size(), before.rows.size());
        QCOMPARE(view->result().rows.front().labels, clicked.labels);
        QVERIFY(view->canGoForward());

        view->goForward();
        QVERIFY(waitForResult(view.get()));
        QCOMPARE(view->query().filters.size(), 1);
        QCOMPARE(view->query().by, QStringList({"job"}));
    }

    // Regression (issue 15): drill down, Back, then a new query kept Forward enabled, and
    // Forward replaced the new view with the old drill-down.
    void newQueryAfterBackDropsTheForwardHistory()
    {
        auto view = makeView();
        QVERIFY(view);
        view->setDimensions({"age_band"});
        QVERIFY(waitForResult(view.get()));
        Q_EMIT view->barChart()->segmentClicked(0);
        QVERIFY(waitForResult(view.get()));
        QVERIFY(view->canGoBack());
        view->goBack();
        QVERIFY(waitForResult(view.get()));
        QVERIFY(view->canGoForward());

        view->setDimensions({"marital"});
        QVERIFY(waitForResult(view.get()));
        QVERIFY(!view->canGoForward());
        QVERIFY(!view->canGoBack());
        view->goForward(); // a no-op now: the new view stays
        QCOMPARE(view->query().by, QStringList({"marital"}));
        QVERIFY(view->query().filters.isEmpty());
        QCOMPARE(view->result().query.by, QStringList({"marital"}));
    }

    void clickingAHeatmapCellDrillsDown()
    {
        auto view = makeView();
        QVERIFY(view);
        view->resize(1400, 900);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view.get()));
        view->setDimensions({"age_band", "job"});
        QVERIFY(waitForResult(view.get()));
        view->chartTabs()->setCurrentWidget(view->heatmap());
        QVERIFY(view->heatmap()->hasGrid());
        const cl::SegmentRow target = view->result().rows.front();
        const QPointF centre = view->heatmap()->cellCenter(0);
        QVERIFY(!centre.isNull());
        QCOMPARE(view->heatmap()->rowAt(centre), 0);
        QSignalSpy shown(view.get(), &cl::SegmentsView::resultShown);
        QTest::mouseClick(view->heatmap(), Qt::LeftButton, {}, centre.toPoint());
        QVERIFY(shown.wait(20000));
        const QList<cl::SegmentFilter> filters = view->query().filters;
        QCOMPARE(filters.size(), 2);
        for (const cl::SegmentFilter &f : filters) {
            const int d = f.column == QLatin1String("age_band") ? 0 : 1;
            QCOMPARE(f.column, QStringList({"age_band", "job"})[d]);
            QCOMPARE(f.labels, QStringList{target.labels[d]});
        }
        QCOMPARE(view->query().by.size(), 2); // still a heatmap
        QCOMPARE(view->result().population, target.clients);
        // Alt+Left walks back.
        QTest::keyClick(view->heatmap(), Qt::Key_Left, Qt::AltModifier);
        QVERIFY(waitForResult(view.get()));
        QCOMPARE(view->query().by, QStringList({"age_band", "job"}));
        QVERIFY(view->query().filters.isEmpty());
    }

    void hoveringAndClickingARealBar()
    {
        auto view = makeView();
        QVERIFY(view);
        view->resize(1400, 900);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view.get()));
        view->setDimensions({"job"});
        QVERIFY(waitForResult(view.get()));
        cl::SegmentBarChart *bars = view->barChart();
        QVERIFY(bars->isVisible());
        QVERIFY(bars->barCount() > 0);
        // Rank 1 is the top bar; aim at the middle of its bar.
        const cl::SegmentRow top = view->result().rows.front();
        const QRectF bar = bars->barRect(0);
        QVERIFY(!bar.isEmpty());
        const QPoint at = bar.center().toPoint();
        QCOMPARE(bars->rowAt(at), 0);
        QCOMPARE(bars->rowAt(QPoint(2, 2)), -1);
        QSignalSpy shown(view.get(), &cl::SegmentsView::resultShown);
        QTest::mouseMove(bars, at);
        QTest::mouseClick(bars, Qt::LeftButton, {}, at);
        QVERIFY(shown.wait(20000));
        QCOMPARE(view->query().filters.size(), 1);
        QCOMPARE(view->query().filters.front().column, QStringLiteral("job"));
        QCOMPARE(view->query().filters.front().labels, top.labels);
    }

    void filtersFromThePanelAreApplied()
    {
        auto view = makeView();
        QVERIFY(view);
        view->setFilters({{"marital", {"married"}}});
        QVERIFY(waitForResult(view.get()));
        qint64 married = 0;
        const cl::FrameColumn *marital = m_frame.column("marital");
        const int code = marital->levelCode("married");
        for (size_t r = 0; r < marital->codes.size(); ++r)
            married += marital->codes[r] == code;
        QCOMPARE(view->result().population, married);
        compareWithEngine(*view);
    }

    void heatmapNeedsTwoDimensions()
    {
        auto view = makeView();
        QVERIFY(view);
        QVERIFY(!view->heatmap()->hasGrid());
        view->setDimensions({"age_band", "marital"});
        QVERIFY(waitForResult(view.get()));
        QVERIFY(view->heatmap()->hasGrid());
    }

    void heatmapCellLabelIsWholeOrShorterForm_data()
    {
        QTest::addColumn<double>("width");
        for (int w : {0, 8, 20, 30, 38, 45, 60, 90, 200})
            QTest::newRow(qPrintable(QString::number(w))) << double(w);
    }

    // Regression: narrow cells clipped "12.7%" to "l2.7%" and "n=1,234" to "n=1,…".
    void heatmapCellLabelIsWholeOrShorterForm()
    {
        QFETCH(double, width);
        const QFontMetricsF fm(QFont{});
        const QStringList forms{"12.7% n=1,234", "12.7%", "13%"};
        const QString label = cl::ChartPainter::fitCellLabel(forms, fm, width);
        QVERIFY2(label.isEmpty() || forms.contains(label), qPrintable(label));
        if (!label.isEmpty())
            QVERIFY(fm.horizontalAdvance(label) <= width);
        // The most complete form that fits is chosen.
        for (const QString &form : forms) {
            if (fm.horizontalAdvance(form) <= width) {
                QCOMPARE(label, form);
                break;
            }
        }
    }

    void frameIsLoadedOncePerDataset()
    {
        auto view = makeView();
        QVERIFY(view);
        const cl::DataFrame *frame = view->runner()->frame().get();
        QVERIFY(frame);
        QSignalSpy loads(view->runner(), &cl::SegmentRunner::loadStarted);
        view->setDimensions({"job"});
        QVERIFY(waitForResult(view.get()));
        view->loadCurrentDataset();
        view->setDimensions({"marital"});
        QVERIFY(waitForResult(view.get()));
        QCOMPARE(loads.count(), 0);
        QCOMPARE(view->runner()->frame().get(), frame);
    }

    void mainWindowShowsTheViewAndLoadsWhenShown()
    {
        cl::MainWindow window(m_context.get());
        auto *view = window.findChild<cl::SegmentsView *>();
        QVERIFY(view);
        // Nothing is loaded until the panel is looked at (a big frame costs seconds).
        QCOMPARE(view->runner()->datasetId(), qint64(-1));
        QSignalSpy shown(view, &cl::SegmentsView::resultShown);
        QVERIFY(window.showPanel(QStringLiteral("Segments")));
        window.show();
        QVERIFY(shown.wait(20000));
        QCOMPARE(view->runner()->datasetId(), m_context->currentDatasetId());
        compareWithEngine(*view);
    }

    void exportsWriteCsvPngSvg_data()
    {
        QTest::addColumn<QStringList>("by");
        QTest::addColumn<bool>("heatmap");
        QTest::newRow("bars-3d") << QStringList{"age_band", "job", "marital"} << false;
        QTest::newRow("heatmap-2d") << QStringList{"age_band", "job"} << true;
    }

    void exportsWriteCsvPngSvg()
    {
        QFETCH(QStringList, by);
        QFETCH(bool, heatmap);
        auto view = makeView();
        QVERIFY(view);
        if (by != view->query().by) {
            view->setDimensions(by);
            QVERIFY(waitForResult(view.get()));
        }
        if (heatmap)
            view->chartTabs()->setCurrentWidget(view->heatmap());

        const QString csvPath = m_dir.filePath("segments.csv");
        QVERIFY(view->exportCsv(csvPath));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QString csvText = QString::fromUtf8(csv.readAll());
        QCOMPARE(csvText, cl::SegmentFormatter::toCsv(view->result()));
        QVERIFY(csvText.startsWith(by.front()) || csvText.contains(by.front()));

        const QSize size(900, 600);
        const QString png = m_dir.filePath(heatmap ? "heat.png" : "bars.png");
        QVERIFY(view->exportChartPng(png, size));
        QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), size);
        int inked = 0;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                inked += image.pixel(x, y) != qRgb(255, 255, 255);
        QVERIFY2(inked > 200, "the chart image is (nearly) blank");

        const QString svg = m_dir.filePath(heatmap ? "heat.svg" : "bars.svg");
        QVERIFY(view->exportChartSvg(svg, size));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgText = svgFile.readAll();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.size() > 2000);
    }
};

QTEST_MAIN(TestSegmentsView)
#include "tst_segments_view.moc"
