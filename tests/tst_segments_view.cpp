// Segments view (issue 3): segmentation off the UI thread, table = engine, drill-down, exports.
#include "AppContext.h"
#include "MainWindow.h"
#include "data/DataFrame.h"
#include "import/CsvImporter.h"
#include "render/ChartPainter.h"
#include "report/SegmentPlainWords.h"
#include "segments/SegmentBarChart.h"
#include "segments/SegmentEngine.h"
#include "segments/SegmentFormatter.h"
#include "segments/SegmentHeatmap.h"
#include "segments/SegmentProxyModel.h"
#include "segments/SegmentRunner.h"
#include "segments/SegmentTableModel.h"
#include "segments/SegmentsView.h"
#include "store/FrameLoader.h"
#include "util/NumberText.h"

#include "TestSupport.h"

#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPaintEngine>
#include <QPainter>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <algorithm>

#include <memory>

using cl::SegmentRanking;

namespace {

/// A paint engine that draws nothing and records the text of every text item, in order.
class TextRecordingEngine : public QPaintEngine
{
public:
    TextRecordingEngine() : QPaintEngine(AllFeatures) {}
    QStringList texts;

    bool begin(QPaintDevice *) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState &) override {}
    void drawPixmap(const QRectF &, const QPixmap &, const QRectF &) override {}
    void drawPath(const QPainterPath &) override {}
    void drawPolygon(const QPointF *, int, PolygonDrawMode) override {}
    void drawRects(const QRectF *, int) override {}
    void drawLines(const QLineF *, int) override {}
    void drawEllipse(const QRectF &) override {}
    void drawImage(const QRectF &, const QImage &, const QRectF &,
                   Qt::ImageConversionFlags) override
    {
    }
    void drawTiledPixmap(const QRectF &, const QPixmap &, const QPointF &) override {}
    void drawTextItem(const QPointF &, const QTextItem &item) override { texts << item.text(); }
    Type type() const override { return User; }
};

/// A device of `size` pixels at the screen's resolution whose painter records texts.
class TextRecordingDevice : public QPaintDevice
{
public:
    explicit TextRecordingDevice(QSize size) : m_size(size) {}
    QPaintEngine *paintEngine() const override { return &m_engine; }
    QStringList texts() const { return m_engine.texts; }

protected:
    int metric(PaintDeviceMetric m) const override
    {
        switch (m) {
        case PdmWidth:
            return m_size.width();
        case PdmHeight:
            return m_size.height();
        case PdmWidthMM:
            return m_size.width() * 254 / 960;
        case PdmHeightMM:
            return m_size.height() * 254 / 960;
        case PdmNumColors:
            return 1 << 24;
        case PdmDepth:
            return 32;
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY:
            return 96;
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return int(devicePixelRatioFScale());
        }
        return 0;
    }

private:
    QSize m_size;
    mutable TextRecordingEngine m_engine;
};

/// The texts a chart widget paints on screen.
QStringList screenTexts(QWidget *chart)
{
    TextRecordingDevice device(chart->size());
    chart->render(&device);
    return device.texts();
}

/// The texts the widget's PNG/SVG export paints at `size`.
QStringList exportTexts(const cl::ChartWidget *chart, QSize size)
{
    TextRecordingDevice device(size);
    QPainter painter(&device);
    chart->paintExport(painter, size);
    return device.texts();
}

/// Heatmap cell texts: rates ("12.7%", "13%") and counts ("n=1,234").
QStringList cellTexts(const QStringList &texts)
{
    QStringList cells;
    for (const QString &t : texts)
        if (t.startsWith(QLatin1String("n=")) || t.contains(QLatin1Char('%')))
            cells << t;
    return cells;
}

cl::SegmentRow segmentRow(QStringList labels, std::vector<int32_t> codes, qint64 clients,
                          qint64 subscribers, int rank)
{
    cl::SegmentRow r;
    r.labels = std::move(labels);
    r.codes = std::move(codes);
    r.clients = clients;
    r.subscribers = subscribers;
    r.rate = double(subscribers) / double(clients);
    r.wilsonLow = std::max(0.0, r.rate - 0.02);
    r.wilsonHigh = std::min(1.0, r.rate + 0.02);
    r.small = clients < 30;
    r.rank = rank;
    return r;
}

/// Two dimensions, overall rate 11.27%, the largest rate of a full cell 23.6%: the legend's
/// middle tick is 11.8%, next to the overall-rate marker.
cl::SegmentResult heatmapResult()
{
    cl::SegmentResult r;
    r.ok = true;
    r.query.by = QStringList{"age_band", "marital"};
    r.query.minN = 30;
    r.rows = {segmentRow({"60+", "single"}, {2, 1}, 1000, 236, 1),
              segmentRow({"18-29", "single"}, {0, 1}, 6665, 847, 2),
              segmentRow({"30-44", "married"}, {1, 0}, 2000, 160, 3),
              segmentRow({"60+", "married"}, {2, 0}, 3000, 223, 4),
              segmentRow({"18-29", "married"}, {0, 0}, 12, 6, 5)};
    for (const cl::SegmentRow &row : r.rows) {
        r.population += row.clients;
        r.subscribers += row.subscribers;
    }
    r.overallRate = 0.1127;
    r.segmentsCompared = int(r.rows.size());
    return r;
}

} // namespace

class TestSegmentsView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<cl::AppContext> m_context;
    std::unique_ptr<cl::AppContext> m_bank; ///< bank-additional-full, imported when first used
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

    // Issue 15: plain words on top (the segment to call first, or why none is named), the
    // intervals, the correction and the Bayes prior one click away.
    void plainWordsOnTopTechnicalDetailOneClickAway()
    {
        auto view = makeView();
        QVERIFY(view);
        view->show();
        auto *plain = view->findChild<QLabel *>(QStringLiteral("segmentPlainWords"));
        auto *technical = view->findChild<QLabel *>(QStringLiteral("segmentTechnicalWords"));
        auto *toggle = view->findChild<QToolButton *>(QStringLiteral("segmentTechnicalToggle"));
        QVERIFY(plain && technical && toggle);
        // 60 rows over three dimensions: every segment is below min-n, and the words say so.
        QCOMPARE(plain->text(), cl::SegmentPlainWords::of(view->result()).plain);
        QVERIFY(plain->text().contains(QStringLiteral("too few to say which responds best")));
        view->setDimensions({"job"});
        view->setMinN(5);
        QVERIFY(waitForResult(view.get()));
        const cl::SegmentPlainWords words = cl::SegmentPlainWords::of(view->result());
        QCOMPARE(plain->text(), words.plain);
        QVERIFY(plain->isVisible());
        QVERIFY(!technical->isVisible());
        QVERIFY(!view->summaryText().contains(QStringLiteral("Bayes prior")));
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(technical->isVisible());
        QVERIFY(technical->text().startsWith(words.technical));
        QVERIFY(technical->text().contains(QStringLiteral("Bonferroni")));
        QVERIFY(technical->text().contains(QStringLiteral("Bayes prior")));
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(!technical->isVisible());
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
        // Moved on to another column (the one DrillSplit finds most informative).
        QCOMPARE(drilled.by.size(), 1);
        QVERIFY(drilled.by.front() != QLatin1String("age_band"));
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
        QCOMPARE(view->query().by, drilled.by);
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

    // The drill-down chooses its split on a worker: a query made meanwhile wins.
    void queryMadeWhileADrillDownIsPendingWins()
    {
        auto view = makeView();
        QVERIFY(view);
        view->setDimensions({"age_band"});
        QVERIFY(waitForResult(view.get()));
        view->drillDown(0);
        view->setDimensions({"marital"});
        QVERIFY(waitForResult(view.get()));
        QTest::qWait(300); // the split is long done
        QCOMPARE(view->query().by, QStringList({"marital"}));
        QVERIFY(view->query().filters.isEmpty());
        QVERIFY(!view->canGoBack());
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

    // Issue 15: the overall-rate marker read as its nearest legend tick ("11.8%" for 11.27%).
    void heatmapMarksTheOverallRateWithItsOwnValue()
    {
        cl::SegmentHeatmap heatmap;
        heatmap.setResult(heatmapResult());
        heatmap.resize(900, 520);
        QCOMPARE(heatmap.chart().referenceLabel, QStringLiteral("11.3% overall"));
        const QStringList texts = screenTexts(&heatmap);
        QVERIFY2(texts.join(QLatin1Char(' ')).contains(QStringLiteral("11.3% overall")),
                 qPrintable(texts.join(QStringLiteral(" | "))));
        // The tick beside the marker is left out rather than read as the marker's value.
        QVERIFY2(!texts.contains(QStringLiteral("11.8%")),
                 qPrintable(texts.join(QStringLiteral(" | "))));
        QVERIFY(texts.contains(QStringLiteral("23.6%"))); // the top tick stays
    }

    // Issue 15: the exported heatmap said "Click a cell to drill down." and read "12.7%" where
    // the screen read "13%".
    void heatmapExportReadsAsTheScreenWithoutTheClickHint()
    {
        const cl::SegmentResult result = cl::SegmentEngine(m_frame).run([] {
            cl::SegmentQuery q;
            q.by = QStringList{"age_band", "job"};
            return q;
        }());
        QVERIFY(result.ok);
        cl::SegmentHeatmap heatmap;
        heatmap.setResult(result);
        // Narrow enough that some cells drop the decimal on screen.
        heatmap.resize(470, 420);
        heatmap.show();
        QVERIFY(QTest::qWaitForWindowExposed(&heatmap));
        const QStringList screen = screenTexts(&heatmap);
        QVERIFY(screen.join(QLatin1Char(' ')).contains(QStringLiteral("drill down")));
        const QStringList screenCells = cellTexts(screen);
        const auto rounded = [](const QStringList &cells) {
            return std::any_of(cells.begin(), cells.end(), [](const QString &t) {
                return t.endsWith(QLatin1Char('%')) && !t.contains(QLatin1Char('.'));
            });
        };
        QVERIFY2(rounded(screenCells), qPrintable(screenCells.join(QStringLiteral(" | "))));

        const QSize size(900, 560);
        const QStringList exported = exportTexts(&heatmap, size);
        QVERIFY2(!exported.join(QLatin1Char(' ')).contains(QStringLiteral("drill down")),
                 qPrintable(exported.join(QStringLiteral(" | "))));
        QVERIFY(!heatmap.exportChart().subtitle.contains(QStringLiteral("Click")));
        QCOMPARE(cellTexts(exported), screenCells);
        // The files are written by that painting.
        const QString png = m_dir.filePath(QStringLiteral("heat-as-shown.png"));
        QVERIFY(heatmap.savePng(png, size));
        QCOMPARE(QImage(png).size(), size);
    }

    // Issue 15: "6665" in the table, "n=6,665" on the chart.
    void countsReadTheSameInTableAndCharts_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("clients");
        QTest::newRow("en") << QLocale(QLocale::English, QLocale::UnitedStates)
                            << QStringLiteral("6,665");
        QTest::newRow("C") << QLocale::c() << QStringLiteral("6,665");
        QTest::newRow("nb") << QLocale(QLocale::NorwegianBokmal, QLocale::Norway)
                            << QStringLiteral("6\u00a0665");
    }

    void countsReadTheSameInTableAndCharts()
    {
        QFETCH(QLocale, locale);
        QFETCH(QString, clients);
        const QLocale before;
        QLocale::setDefault(locale);
        const auto restore = qScopeGuard([&] { QLocale::setDefault(before); });

        const cl::SegmentResult result = heatmapResult();
        cl::SegmentTableModel model;
        model.setResult(result);
        const int clientsColumn = 1 + 2; // rank, two dimensions, clients
        QCOMPARE(model.headerData(clientsColumn, Qt::Horizontal).toString(),
                 QStringLiteral("clients"));
        const int row = 1; // 6,665 clients
        QCOMPARE(result.rows[row].clients, qint64(6665));
        QCOMPARE(model.data(model.index(row, clientsColumn)).toString(), clients);
        QCOMPARE(model.data(model.index(row, clientsColumn + 1)).toString(),
                 cl::NumberText::forLocale().count(847));

        const cl::ChartSpec bars = cl::SegmentBarChart::chartFor(result, 20);
        QVERIFY2(bars.labels.value(row).contains(QStringLiteral("(n=") + clients + ")"),
                 qPrintable(bars.labels.value(row)));
        // The painter formats ticks and cells in the chart's locale: the table's.
        QCOMPARE(bars.locale, cl::NumberText::forLocale().language());
        cl::SegmentHeatmap heatmap;
        heatmap.setResult(result);
        heatmap.resize(900, 520);
        QCOMPARE(heatmap.chart().locale, bars.locale);
        const QStringList cells = cellTexts(screenTexts(&heatmap));
        QVERIFY2(cells.contains(QStringLiteral("n=") + clients),
                 qPrintable(cells.join(QStringLiteral(" | "))));
    }

    void pValuesReadAsRelations()
    {
        const cl::NumberText en(QStringLiteral("en"));
        QCOMPARE(en.pValue(3e-7), QStringLiteral("p < 0.0001"));
        QCOMPARE(en.pValue(0.01234), QStringLiteral("p = 0.0123"));
        QCOMPARE(cl::NumberText(QStringLiteral("nb")).pValue(0.5), QStringLiteral("p = 0,5000"));
    }

    void drillDownKeepsSegmentsAboveMinN_data()
    {
        QTest::addColumn<QStringList>("by");
        QTest::addColumn<qint64>("fromClients");
        QTest::addColumn<qint64>("toClients");
        // Issue 15: a 398-client segment gave 87 segments, 86 below min-n; a 75-client cell
        // of the heatmap gave 13 segments, all grey.
        QTest::newRow("bars, 300-500 clients")
            << QStringList{"age_band", "job", "marital"} << qint64(300) << qint64(500);
        QTest::newRow("heatmap, 60-120 clients")
            << QStringList{"age_band", "job"} << qint64(60) << qint64(120);
        QTest::newRow("heatmap, 400-700 clients")
            << QStringList{"age_band", "job"} << qint64(400) << qint64(700);
    }

    // On bank-additional-full: drilling into a small segment splits it into segments most of
    // which have at least min-n clients, and the summary says what was done.
    void drillDownKeepsSegmentsAboveMinN()
    {
        QFETCH(QStringList, by);
        QFETCH(qint64, fromClients);
        QFETCH(qint64, toClients);
        const QString bank = cl::test::sharedBankFile(QStringLiteral("bank-additional-full.csv"));
        if (bank.isEmpty())
            QSKIP("../shared/data/uci-bank-marketing/bank-additional-full.csv not present: "
                  "skipped");
        if (!m_bank) {
            m_bank = std::make_unique<cl::AppContext>();
            QString error;
            QVERIFY2(m_bank->openWorkspace(m_dir.filePath("bank.campaignlens"), &error),
                     qPrintable(error));
            cl::ImportOptions options;
            options.path = bank;
            const cl::ImportResult imported = cl::CsvImporter(m_bank->workspace()).run(options);
            QVERIFY2(imported.ok(), qPrintable(imported.error));
            m_bank->setCurrentDataset(imported.datasetId);
        }
        cl::SegmentsView view(m_bank.get());
        {
            QSignalSpy shown(&view, &cl::SegmentsView::resultShown);
            view.loadCurrentDataset();
            QVERIFY(shown.wait(60000));
        }
        if (view.query().by != by) {
            view.setDimensions(by);
            QVERIFY(waitForResult(&view));
        }
        const cl::SegmentResult before = view.result();
        int target = -1;
        for (size_t i = 0; i < before.rows.size() && target < 0; ++i)
            if (before.rows[i].clients >= fromClients && before.rows[i].clients <= toClients)
                target = int(i);
        QVERIFY2(target >= 0, "no segment of that size");
        const cl::SegmentRow segment = before.rows[size_t(target)];
        view.drillDown(target);
        QVERIFY(waitForResult(&view));

        const cl::SegmentResult &after = view.result();
        QVERIFY(after.ok);
        QCOMPARE(after.population, segment.clients);
        QVERIFY(!after.query.by.isEmpty());
        QVERIFY(after.query.by.size() <= by.size());
        for (const QString &column : after.query.by)
            QVERIFY2(!by.contains(column), qPrintable(column)); // drilled columns hold one value
        const int atMinN = after.segmentsCompared - after.smallSegments;
        QVERIFY2(after.segmentsCompared >= 2 && 2 * atMinN >= after.segmentsCompared,
                 qPrintable(QStringLiteral("%1 of %2 segments at min-n, by %3")
                                .arg(atMinN)
                                .arg(after.segmentsCompared)
                                .arg(after.query.by.join(QLatin1Char(',')))));
        // Counted again by the engine, not by the view.
        cl::SegmentQuery q = view.query();
        auto frame = view.runner()->frame();
        QVERIFY(frame);
        const cl::SegmentResult engine = cl::SegmentEngine(*frame).run(q);
        QCOMPARE(engine.segmentsCompared - engine.smallSegments, atMinN);

        const QString summary = view.summaryText();
        const QString expected = QStringLiteral("Drilled into %1 (%2 clients): split by ")
                                     .arg(cl::SegmentFormatter::segmentName(segment),
                                          cl::NumberText::forLocale().count(segment.clients));
        QVERIFY2(summary.startsWith(expected), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral(", %1 segments, %2 with at least 30 clients.")
                                      .arg(after.segmentsCompared)
                                      .arg(atMinN)),
                 qPrintable(summary));
        for (const QString &column : after.query.by)
            QVERIFY2(summary.contains(column), qPrintable(summary));

        // CL_SEGMENTS_SHOT=dir: a screenshot of the drilled view at 1366x768.
        const QString shots = qEnvironmentVariable("CL_SEGMENTS_SHOT");
        if (!shots.isEmpty()) {
            view.chartTabs()->setCurrentIndex(after.query.by.size() == 2 ? 1 : 0);
            view.resize(1366, 768);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            QTest::qWait(300);
            view.grab().save(QStringLiteral("%1/drill-%2.png").arg(shots).arg(by.size()));
            view.hide();
        }

        // A new query drops the note.
        view.setDimensions({"marital"});
        QVERIFY(waitForResult(&view));
        QVERIFY(!view.summaryText().contains(QStringLiteral("Drilled into")));
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
