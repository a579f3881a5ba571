// Tests of AgeBands: labels and band lookup at the edges.
#include "data/AgeBands.h"

#include <QTest>
#include <cmath>

class TestAgeBands : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultLabelsAreTheSeedsSixBands()
    {
        QCOMPARE(cl::AgeBands().labels(),
                 QStringList({"<25", "25-34", "35-44", "45-54", "55-64", "65+"}));
    }
    void bandOf_data()
    {
        QTest::addColumn<double>("age");
        QTest::addColumn<int>("band");
        QTest::newRow("youngest 17") << 17.0 << 0;
        QTest::newRow("24") << 24.0 << 0;
        QTest::newRow("25 starts 25-34") << 25.0 << 1;
        QTest::newRow("34") << 34.0 << 1;
        QTest::newRow("64") << 64.0 << 4;
        QTest::newRow("65") << 65.0 << 5;
        QTest::newRow("98") << 98.0 << 5;
    }
    void bandOf()
    {
        QFETCH(double, age);
        QFETCH(int, band);
        QCOMPARE(cl::AgeBands().bandOf(age), band);
    }
    void missingAgeHasNoBand() { QCOMPARE(cl::AgeBands().bandOf(std::nan("")), -1); }
    void customEdges()
    {
        const cl::AgeBands bands(cl::AgeBands::parseEdges("30, 60"));
        QVERIFY(bands.ok());
        QCOMPARE(bands.labels(), QStringList({"<30", "30-59", "60+"}));
        QCOMPARE(bands.bandOf(59), 1);
    }
    void unorderedEdgesAreRejected()
    {
        const cl::AgeBands bands({40, 30});
        QVERIFY(!bands.ok());
        QCOMPARE(bands.edges(), cl::AgeBands::defaultEdges());
    }
    /// A live dataset keeps its bands as age_band's labels and reads the edges back from them.
    void edgesFromLabels()
    {
        const cl::AgeBands custom(std::vector<int>{18, 30, 60});
        const cl::AgeBands read = cl::AgeBands::fromLabels(custom.labels());
        QVERIFY(read.ok());
        QCOMPARE(read.edges(), custom.edges());
        QCOMPARE(cl::AgeBands::fromLabels(cl::AgeBands().labels()).edges(),
                 cl::AgeBands::defaultEdges());
        for (const QStringList &bad : {QStringList{"<30", "30-49", "60+"}, QStringList{"<30"},
                                       QStringList{"<30", "x+"}, QStringList{}}) {
            const cl::AgeBands b = cl::AgeBands::fromLabels(bad);
            QVERIFY2(!b.ok(), qPrintable(bad.join(',')));
            QCOMPARE(b.edges(), cl::AgeBands::defaultEdges());
        }
    }
};

QTEST_GUILESS_MAIN(TestAgeBands)
#include "tst_agebands.moc"
