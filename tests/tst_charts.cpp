// Chart rendering (cl_render only): every kind paints on a worker, colours come from the
// palette, and the painter's hit-testing finds what it drew.
#include "ChartFixtures.h"
#include "render/ChartPainter.h"
#include "render/ChartPalette.h"

#include "TestSupport.h"

#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using cl::ChartPainter;
using cl::ChartSpec;
namespace P = cl::ChartPalette;

Q_DECLARE_METATYPE(cl::ChartSpec)

namespace {

constexpr QSize kSize(800, 500);
constexpr double kScale = ChartPainter::kScreenScale;

int inkedPixels(const QImage &image)
{
    int inked = 0;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            inked += image.pixel(x, y) != qRgb(255, 255, 255);
    return inked;
}

/// A pixel of `image` at a point of the chart's coordinates (points).
QRgb pixelAt(const QImage &image, QPointF pt, double scale)
{
    return image.pixel(int(pt.x() * scale), int(pt.y() * scale)) & 0xffffff;
}

} // namespace

class TestCharts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyKindPaintsOnAWorkerThread_data()
    {
        QTest::addColumn<ChartSpec>("chart");
        for (const ChartSpec &c : chartfixtures::allKinds())
            QTest::newRow(chartfixtures::kindName(c.kind)) << c;
    }

    // Reports are rendered on workers (ReportJob, ReportView's preview): any kind, any thread.
    void everyKindPaintsOnAWorkerThread()
    {
        QFETCH(ChartSpec, chart);
        QImage image;
        bool allowed = false;
        std::thread worker([&] {
            allowed = ChartPainter::mayPaintOn(&image);
            image = ChartPainter::image(chart, kSize);
        });
        worker.join();
        QVERIFY(allowed);
        QCOMPARE(image.size(), kSize);
        QVERIFY2(inkedPixels(image) > 1500, "the chart is (nearly) blank");
        // The same description gives the same pixels on the GUI thread.
        QCOMPARE(ChartPainter::image(chart, kSize), image);
    }

    void emptyChartDrawsItsTextAndHasNoItems()
    {
        ChartSpec c = chartfixtures::bars();
        c.labels.clear();
        c.values.clear();
        c.emptyText = QStringLiteral("No segmentation yet");
        const QImage image = ChartPainter::image(c, kSize);
        QVERIFY(inkedPixels(image) > 20);
        QCOMPARE(ChartPainter::itemAt(QRectF(0, 0, 600, 375), c, QPointF(300, 180)), -1);
        QVERIFY(ChartPainter::itemRect(QRectF(0, 0, 600, 375), c, 0).isNull());
    }

    // The bars of the screen and of the report are ChartPalette::bar, small ones smallBar.
    void barColoursComeFromThePalette()
    {
        const ChartSpec c = chartfixtures::bars();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bars.png"));
        constexpr double width = 480;
        constexpr int dpi = 200;
        QVERIFY(ChartPainter::writePng(c, path, width, dpi));
        const QImage png(path);
        QVERIFY(!png.isNull());
        const QRectF rect(0, 0, width, ChartPainter::preferredHeight(c, width));
        // The middle of the bar's left half: clear of the whisker, which crosses the centre.
        const auto sample = [&](int i) {
            const QRectF bar = ChartPainter::itemRect(rect, c, i);
            return QPointF(bar.left() + bar.width() * 0.25, bar.top() + bar.height() * 0.25);
        };
        QCOMPARE(pixelAt(png, sample(0), dpi / 72.0), P::bar.rgb() & 0xffffff);
        QCOMPARE(pixelAt(png, sample(4), dpi / 72.0), P::smallBar.rgb() & 0xffffff);
    }

    void heatmapColoursComeFromThePaletteScale()
    {
        const ChartSpec c = chartfixtures::heatmap();
        const QImage image = ChartPainter::image(c, kSize);
        const QRectF rect(0, 0, kSize.width() / kScale, kSize.height() / kScale);
        // Near a cell's corner, clear of its text and of the white lines between cells.
        const auto corner = [&](int cell) {
            return ChartPainter::itemRect(rect, c, cell).topLeft() + QPointF(2, 2);
        };
        const int nc = int(c.columnLabels.size());
        // The largest rate among cells with enough clients is the top of the scale.
        QCOMPARE(pixelAt(image, corner(3 * nc + 0), kScale),
                 P::heatStops[P::heatStopCount - 1].rgb() & 0xffffff);
        QCOMPARE(pixelAt(image, corner(0), kScale), P::heatStops[0].rgb() & 0xffffff);
    }

    void itemAtFindsTheItemItsRectShows_data()
    {
        QTest::addColumn<ChartSpec>("chart");
        QTest::addColumn<int>("items");
        QTest::newRow("bars") << chartfixtures::bars() << 5;
        QTest::newRow("heatmap") << chartfixtures::heatmap() << 12;
        QTest::newRow("forest") << chartfixtures::forest() << 5;
    }

    // Widgets hit-test with the painter's own layout, at the report's size and at a screen's.
    void itemAtFindsTheItemItsRectShows()
    {
        QFETCH(ChartSpec, chart);
        QFETCH(int, items);
        for (const QRectF &rect : {QRectF(0, 0, 480, ChartPainter::preferredHeight(chart, 480)),
                                   QRectF(0, 0, 900, 520), QRectF(10, 20, 300, 260)}) {
            for (int i = 0; i < items; ++i) {
                const QRectF r = ChartPainter::itemRect(rect, chart, i);
                QVERIFY(!r.isEmpty());
                QVERIFY(rect.contains(r.center()));
                const bool emptyCell =
                    chart.kind == ChartSpec::Kind::Heatmap && chart.counts[size_t(i)] == 0;
                QCOMPARE(ChartPainter::itemAt(rect, chart, r.center()), emptyCell ? -1 : i);
            }
            QCOMPARE(ChartPainter::itemAt(rect, chart, rect.topLeft() + QPointF(1, 1)), -1);
        }
    }

    // The report prints at its preferred height: one 16-point row per bar, forest row and
    // heatmap row, so a long chart grows instead of squeezing its rows.
    void reportSizeGivesFullRows_data()
    {
        QTest::addColumn<ChartSpec>("chart");
        QTest::addColumn<int>("rowItem");
        QTest::newRow("forest") << chartfixtures::forest() << 1;
        QTest::newRow("heatmap") << chartfixtures::heatmap() << 3;
    }

    void reportSizeGivesFullRows()
    {
        QFETCH(ChartSpec, chart);
        QFETCH(int, rowItem);
        const QRectF rect(0, 0, 480, ChartPainter::preferredHeight(chart, 480));
        const QRectF first = ChartPainter::itemRect(rect, chart, 0);
        const QRectF next = ChartPainter::itemRect(rect, chart, rowItem);
        QCOMPARE(next.top() - first.top(), 16.0);
        QVERIFY(ChartPainter::itemRect(rect, chart, 0).bottom() <= rect.bottom());
    }
};

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
