// Chart widgets (offscreen): the screen shows the pixels the report's painter draws, in the
// palette's colours; widgets are painted on the GUI thread only.
#include "ChartFixtures.h"
#include "ChartWidget.h"
#include "model/ForestPlot.h"
#include "render/ChartPainter.h"
#include "render/ChartPalette.h"
#include "segments/SegmentBarChart.h"
#include "segments/SegmentHeatmap.h"

#include "TestSupport.h"

#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <thread>

using cl::ChartPainter;
using cl::ChartSpec;
namespace P = cl::ChartPalette;

Q_DECLARE_METATYPE(cl::ChartSpec)

namespace {

constexpr QSize kSize(820, 520);

cl::SegmentRow row(QStringList labels, std::vector<int32_t> codes, qint64 clients, double rate,
                   int rank, int minN = 30)
{
    cl::SegmentRow r;
    r.labels = std::move(labels);
    r.codes = std::move(codes);
    r.clients = clients;
    r.subscribers = qint64(rate * double(clients) + 0.5);
    r.rate = rate;
    r.wilsonLow = std::max(0.0, rate - 0.03);
    r.wilsonHigh = std::min(1.0, rate + 0.03);
    r.small = clients < minN;
    r.rank = rank;
    return r;
}

cl::SegmentResult oneDimension()
{
    cl::SegmentResult r;
    r.ok = true;
    r.query.by = QStringList{"job"};
    r.query.minN = 30;
    r.population = 10000;
    r.overallRate = 0.113;
    r.rows = {row({"student"}, {0}, 800, 0.31, 1), row({"retired"}, {1}, 1500, 0.25, 2),
              row({"housemaid"}, {2}, 20, 0.20, 3), row({"admin."}, {3}, 5000, 0.13, 4)};
    r.segmentsCompared = int(r.rows.size());
    return r;
}

cl::SegmentResult twoDimensions()
{
    cl::SegmentResult r;
    r.ok = true;
    r.query.by = QStringList{"age_band", "marital"};
    r.query.minN = 30;
    r.population = 10000;
    r.overallRate = 0.113;
    r.rows = {row({"60+", "single"}, {2, 1}, 900, 0.35, 1),
              row({"18-29", "single"}, {0, 1}, 1500, 0.16, 2),
              row({"30-44", "married"}, {1, 0}, 5000, 0.08, 3),
              row({"18-29", "married"}, {0, 0}, 12, 0.5, 4)};
    r.segmentsCompared = int(r.rows.size());
    return r;
}

/// Pixels whose colour differs by more than `tolerance` in a channel.
int differingPixels(const QImage &a, const QImage &b, int tolerance = 2)
{
    const QImage x = a.convertToFormat(QImage::Format_RGB32);
    const QImage y = b.convertToFormat(QImage::Format_RGB32);
    int differing = 0;
    for (int j = 0; j < x.height(); ++j)
        for (int i = 0; i < x.width(); ++i) {
            const QRgb p = x.pixel(i, j), q = y.pixel(i, j);
            differing += std::abs(qRed(p) - qRed(q)) > tolerance ||
                         std::abs(qGreen(p) - qGreen(q)) > tolerance ||
                         std::abs(qBlue(p) - qBlue(q)) > tolerance;
        }
    return differing;
}

} // namespace

class TestChartWidgets : public QObject
{
    Q_OBJECT

private:
    /// A widget of each kind, as the Segments and Model tabs build them.
    std::unique_ptr<cl::ChartWidget> widgetFor(const QString &kind)
    {
        if (kind == QLatin1String("bars")) {
            auto w = std::make_unique<cl::SegmentBarChart>();
            w->setResult(oneDimension(), 20);
            return w;
        }
        if (kind == QLatin1String("heatmap")) {
            auto w = std::make_unique<cl::SegmentHeatmap>();
            w->setResult(twoDimensions());
            return w;
        }
        if (kind == QLatin1String("forest")) {
            auto w = std::make_unique<cl::ForestPlot>();
            w->setRows({{"poutcome=success (ref failure)", 3.1, 2.6, 3.7, 1e-6},
                        {"contact=telephone (ref cellular)", 0.55, 0.48, 0.63, 1e-5},
                        {"age", 1.02, 0.95, 1.1, 0.4}});
            return w;
        }
        auto w = std::make_unique<cl::ChartWidget>();
        const ChartSpec::Kind k = kind == QLatin1String("roc")     ? ChartSpec::Kind::Roc
                                  : kind == QLatin1String("gains") ? ChartSpec::Kind::Gains
                                                                   : ChartSpec::Kind::Calibration;
        w->setChart(chartfixtures::curve(k));
        return w;
    }

private Q_SLOTS:
    void screenShowsThePixelsOfThePng_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char *k : {"bars", "heatmap", "forest", "roc", "gains", "calibration"})
            QTest::newRow(k) << QString::fromLatin1(k);
    }

    // What the analyst sees is what the executive reads: the widget's paintEvent and the
    // painter's image of the widget's own description give the same pixels.
    void screenShowsThePixelsOfThePng()
    {
        QFETCH(QString, kind);
        const auto widget = widgetFor(kind);
        widget->resize(kSize);
        const QImage screen = widget->grab().toImage();
        QCOMPARE(screen.size(), kSize);
        const QImage painted = ChartPainter::image(widget->chart(), kSize);
        QCOMPARE(differingPixels(screen, painted), 0);
        // And the exported PNG is the image of the same description, less the on-screen
        // click hint of the segment charts (issue 15: a file cannot be clicked).
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("chart.png"));
        QVERIFY(widget->savePng(png, kSize));
        const ChartSpec exported = widget->exportChart();
        QCOMPARE(exported.kind, widget->chart().kind);
        QCOMPARE(exported.labels, widget->chart().labels);
        QCOMPARE(exported.title, widget->chart().title);
        QVERIFY(!exported.subtitle.contains(QStringLiteral("drill down")));
        QVERIFY(!exported.note.contains(QStringLiteral("drill down")));
        QCOMPARE(differingPixels(QImage(png), ChartPainter::image(exported, kSize)), 0);
    }

    // One palette: a bar on screen and the same bar in the report's PNG are ChartPalette::bar.
    void barIsThePaletteColourOnScreenAndInTheReport()
    {
        cl::SegmentBarChart bars;
        bars.setResult(oneDimension(), 20);
        bars.resize(kSize);
        const QImage screen = bars.grab().toImage();
        const QRectF bar = bars.barRect(0);
        QVERIFY(!bar.isEmpty());
        const QPoint onScreen(int(bar.left() + bar.width() * 0.25),
                              int(bar.top() + bar.height() * 0.25));
        QCOMPARE(screen.pixel(onScreen) & 0xffffff, P::bar.rgb() & 0xffffff);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report-bars.png"));
        constexpr double width = 480;
        constexpr int dpi = 200;
        QVERIFY(ChartPainter::writePng(bars.chart(), path, width, dpi));
        const QImage png(path);
        const QRectF inReport = ChartPainter::itemRect(
            QRectF(0, 0, width, ChartPainter::preferredHeight(bars.chart(), width)), bars.chart(),
            0);
        const double s = dpi / 72.0;
        QCOMPARE(png.pixel(int((inReport.left() + inReport.width() * 0.25) * s),
                           int((inReport.top() + inReport.height() * 0.25) * s)) &
                     0xffffff,
                 P::bar.rgb() & 0xffffff);
    }

    // Thread rule: a widget only on the GUI thread; images on any thread.
    void widgetIsPaintedOnTheGuiThreadOnly()
    {
        cl::ChartWidget widget;
        QImage image(10, 10, QImage::Format_ARGB32_Premultiplied);
        QVERIFY(ChartPainter::mayPaintOn(&widget));
        QVERIFY(ChartPainter::mayPaintOn(&image));
        bool widgetOffThread = true, imageOffThread = false;
        std::thread worker([&] {
            widgetOffThread = ChartPainter::mayPaintOn(&widget);
            imageOffThread = ChartPainter::mayPaintOn(&image);
        });
        worker.join();
        QVERIFY(!widgetOffThread);
        QVERIFY(imageOffThread);
    }

    void hoverOutlinesTheHeatmapCellAndClickNamesItsRow()
    {
        cl::SegmentHeatmap heat;
        heat.setResult(twoDimensions());
        heat.resize(kSize);
        heat.show();
        QVERIFY(QTest::qWaitForWindowExposed(&heat));
        const QPointF centre = heat.cellCenter(1);
        QVERIFY(!centre.isNull());
        QCOMPARE(heat.rowAt(centre), 1);
        const QImage before = heat.grab().toImage();
        QTest::mouseMove(&heat, centre.toPoint());
        QVERIFY(heat.highlight() >= 0);
        QVERIFY(differingPixels(before, heat.grab().toImage()) > 0);
        QSignalSpy clicked(&heat, &cl::SegmentHeatmap::cellClicked);
        QTest::mouseClick(&heat, Qt::LeftButton, {}, centre.toPoint());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked[0][0].toInt(), 1);
    }
};

QTEST_MAIN(TestChartWidgets)
#include "tst_chart_widgets.moc"
