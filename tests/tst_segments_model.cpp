// Tests of SegmentTableModel: QAbstractItemModelTester through resets, cells and roles.
#include "data/DataFrame.h"
#include "segments/SegmentEngine.h"
#include "segments/SegmentTableModel.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTest>

namespace {

cl::SegmentResult smallResult(const QStringList &by)
{
    cl::DataFrame frame;
    frame.setTarget({1, 0, 0, 1, 1, 0, 0, 0});
    frame.addColumn(cl::FrameColumn::categorical("a", {"x", "y"}, {0, 0, 0, 1, 1, 1, 1, 0}));
    frame.addColumn(cl::FrameColumn::categorical("b", {"p", "q", "r"}, {0, 1, 2, 0, 1, 2, 0, 1}));
    cl::SegmentQuery q;
    q.by = by;
    q.minN = 3;
    q.ranking = cl::SegmentRanking::Raw;
    return cl::SegmentEngine(frame).run(q);
}

} // namespace

class TestSegmentsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void passesTheModelTesterThroughResets()
    {
        cl::SegmentTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 0);
        model.setResult(smallResult({"a"}));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 1 + 1 + 9);
        model.setResult(smallResult({"a", "b"}));
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.columnCount(), 1 + 2 + 9);
        model.setResult(cl::SegmentResult());
        QCOMPARE(model.rowCount(), 0);
    }

    void cellsAndRoles_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("display");
        QTest::addColumn<QVariant>("sort");
        // Raw ranking: "y" (2 of 4) first.
        QTest::newRow("rank") << 0 << "rank"
                              << "1" << QVariant(1);
        QTest::newRow("dimension") << 1 << "a"
                                   << "y" << QVariant(QString("y"));
        QTest::newRow("clients") << 2 << "clients"
                                 << "4" << QVariant(qint64(4));
        QTest::newRow("yes") << 3 << "yes"
                             << "2" << QVariant(qint64(2));
        QTest::newRow("rate") << 4 << "rate"
                              << "50.00%" << QVariant(0.5);
        QTest::newRow("lift") << 7 << "lift"
                              << "1.33" << QVariant(0.5 / 0.375);
        QTest::newRow("share") << 8 << "share"
                               << "66.67%" << QVariant(2.0 / 3.0);
        QTest::newRow("flag") << 10 << "flag"
                              << "" << QVariant(false);
    }
    void cellsAndRoles()
    {
        QFETCH(int, column);
        QFETCH(QString, header);
        QFETCH(QString, display);
        QFETCH(QVariant, sort);
        cl::SegmentTableModel model;
        model.setResult(smallResult({"a"}));
        QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), header);
        const QModelIndex index = model.index(0, column);
        QCOMPARE(model.data(index).toString(), display);
        QCOMPARE(model.data(index, cl::SegmentTableModel::SortRole), sort);
        QVERIFY(model.data(index, Qt::ToolTipRole).toString().contains("2 of 4 clients"));
    }

    void sortsNumericallyThroughAProxy()
    {
        cl::SegmentTableModel model;
        model.setResult(smallResult({"a", "b"}));
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(cl::SegmentTableModel::SortRole);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(3, Qt::DescendingOrder); // clients
        for (int r = 1; r < proxy.rowCount(); ++r) {
            QVERIFY(proxy.index(r - 1, 3).data(cl::SegmentTableModel::SortRole).toLongLong() >=
                    proxy.index(r, 3).data(cl::SegmentTableModel::SortRole).toLongLong());
        }
        QVERIFY(model.segmentAt(0));
        QVERIFY(!model.segmentAt(6));
    }
};

QTEST_GUILESS_MAIN(TestSegmentsModel)
#include "tst_segments_model.moc"
