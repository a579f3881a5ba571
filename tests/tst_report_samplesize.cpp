// A/B test plans (issue 6): sample sizes per arm against statsmodels' NormalIndPower.
#include "TestSupport.h"
#include "report/AbTestPlan.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

class TestReportSampleSize : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalQuantileMatchesScipy();
    void sampleSizeMatchesStatsmodels_data();
    void sampleSizeMatchesStatsmodels();
    void relativeEffectAndDuration();
    void impossibleRequestsAreErrors();
    void detectableRateMatchesStatsmodels();
    void issue11_sequentialDesignMatchesScipy();
};

void TestReportSampleSize::normalQuantileMatchesScipy()
{
    // scipy.stats.norm.ppf(0.975), ppf(0.8), ppf(0.001)
    QVERIFY(std::abs(cl::AbTestPlanner::normalQuantile(0.975) - 1.959963984540054) < 1e-12);
    QVERIFY(std::abs(cl::AbTestPlanner::normalQuantile(0.8) - 0.8416212335729143) < 1e-12);
    QVERIFY(std::abs(cl::AbTestPlanner::normalQuantile(0.001) + 3.090232306167813) < 1e-10);
}

void TestReportSampleSize::sampleSizeMatchesStatsmodels_data()
{
    QTest::addColumn<double>("p1");
    QTest::addColumn<double>("p2");
    QTest::addColumn<double>("h");
    QTest::addColumn<double>("n");
    QFile file(QFINDTESTDATA("data/report_samplesize_reference.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), "report_samplesize_reference.json missing");
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonArray cases = root.value(QStringLiteral("cases")).toArray();
    QVERIFY(cases.size() >= 12);
    for (const QJsonValue &v : cases) {
        const QJsonObject c = v.toObject();
        const double p1 = c.value(QStringLiteral("p1")).toDouble();
        const double p2 = c.value(QStringLiteral("p2")).toDouble();
        QTest::addRow("p1=%.4f p2=%.4f", p1, p2)
            << p1 << p2 << c.value(QStringLiteral("cohen_h")).toDouble()
            << c.value(QStringLiteral("n_per_arm")).toDouble();
    }
}

void TestReportSampleSize::sampleSizeMatchesStatsmodels()
{
    QFETCH(double, p1);
    QFETCH(double, p2);
    QFETCH(double, h);
    QFETCH(double, n);
    const double ourH = cl::AbTestPlanner::cohenH(p2, p1);
    QVERIFY2(std::abs(ourH - h) < 1e-12, qPrintable(QString::number(ourH, 'g', 17)));
    // statsmodels stops its root finder at a tolerance; 1e-6 relative is well inside it.
    const double ourN = cl::AbTestPlanner::nPerArm(ourH, 0.05, 0.8);
    QVERIFY2(
        std::abs(ourN - n) < 1e-6 * n,
        qPrintable(
            QStringLiteral("ours %1, statsmodels %2").arg(ourN, 0, 'g', 12).arg(n, 0, 'g', 12)));
    cl::AbTestRequest request;
    request.baselineRate = p1;
    request.minimumEffect = p2 - p1;
    const cl::AbTestPlan plan = cl::AbTestPlanner::plan(request);
    QVERIFY(plan.ok);
    QCOMPARE(plan.nPerArm, qint64(std::ceil(n)));
    QCOMPARE(plan.nTotal, 2 * plan.nPerArm);
    QVERIFY(std::abs(cl::AbTestPlanner::power(ourH, ourN, 0.05) - 0.8) < 1e-9);
}

void TestReportSampleSize::relativeEffectAndDuration()
{
    cl::AbTestRequest request;
    request.baselineRate = 0.1127;
    request.minimumEffect = 0.20;
    request.relativeEffect = true;
    request.clientsPerPeriod = 1000;
    const cl::AbTestPlan plan = cl::AbTestPlanner::plan(request);
    QVERIFY(plan.ok);
    QVERIFY(std::abs(plan.targetRate - 0.13524) < 1e-12);
    // Fixture case p1 = 0.1127, p2 = 0.13524: 3349.12... per arm.
    QCOMPARE(plan.nPerArm, qint64(3350));
    QVERIFY(std::abs(plan.periodsNeeded - 6.7) < 1e-12);
    request.clientsPerPeriod = 0;
    QCOMPARE(cl::AbTestPlanner::plan(request).periodsNeeded, -1.0);
}

void TestReportSampleSize::impossibleRequestsAreErrors()
{
    cl::AbTestRequest request;
    request.baselineRate = 0.95;
    request.minimumEffect = 0.10;
    QVERIFY(!cl::AbTestPlanner::plan(request).ok);
    request.baselineRate = 0;
    QVERIFY(!cl::AbTestPlanner::plan(request).ok);
    request.baselineRate = 0.2;
    request.minimumEffect = 0;
    const cl::AbTestPlan plan = cl::AbTestPlanner::plan(request);
    QVERIFY(!plan.ok);
    QVERIFY(!plan.error.isEmpty());
}

// Issue 11: tests sized to a horizon say what they can detect: the smallest rate a test of n
// clients per arm detects with 80% power, against statsmodels solving for the effect size.
void TestReportSampleSize::detectableRateMatchesStatsmodels()
{
    QFile f(cl::test::fixture(QStringLiteral("report_samplesize_reference.json")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonArray cases = QJsonDocument::fromJson(f.readAll()).object()["detectable"].toArray();
    QVERIFY(cases.size() >= 5);
    for (const QJsonValue &v : cases) {
        const QJsonObject c = v.toObject();
        const double p2 =
            cl::AbTestPlanner::detectableRate(c["p1"].toDouble(), c["n_per_arm"].toDouble());
        // statsmodels' root finder stops near 1e-5 relative (0.0589865 against 0.0589859 at
        // n = 10,000, where our bisection is exact to 1e-12): that is the tolerance.
        QVERIFY2(std::fabs(p2 / c["p2"].toDouble() - 1) < 2e-5,
                 qPrintable(QStringLiteral("%1 vs %2")
                                .arg(p2, 0, 'g', 12)
                                .arg(c["p2"].toDouble(), 0, 'g', 12)));
    }
    QVERIFY(std::isnan(cl::AbTestPlanner::detectableRate(0.5, 1)));
}

// Issue 11: a sequential design, so that a test can stop early. O'Brien-Fleming boundaries,
// the maximum and the expected sizes for 2 to 5 looks against scipy's multivariate normal
// (scripts/sequential_reference.py), which integrates the same law by another method.
void TestReportSampleSize::issue11_sequentialDesignMatchesScipy()
{
    QFile f(cl::test::fixture(QStringLiteral("sequential_reference.json")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonArray designs = QJsonDocument::fromJson(f.readAll()).object()["designs"].toArray();
    QCOMPARE(designs.size(), 4);
    cl::AbTestRequest request;
    request.baselineRate = 0.1127;
    request.minimumEffect = 0.2;
    request.relativeEffect = true;
    const cl::AbTestPlan fixed = cl::AbTestPlanner::plan(request);
    QVERIFY(fixed.ok);
    for (const QJsonValue &v : designs) {
        const QJsonObject d = v.toObject();
        const int looks = d["looks"].toInt();
        const cl::SequentialPlan plan = cl::AbTestPlanner::sequential(fixed, looks);
        QCOMPARE(plan.looks, looks);
        const QJsonArray bounds = d["boundaries"].toArray();
        QCOMPARE(plan.boundaries.size(), size_t(bounds.size()));
        // scipy's Genz integration is good to about 1e-6 in probability; the boundaries and
        // the drift it solves for, to about 1e-5.
        for (int k = 0; k < bounds.size(); ++k)
            QVERIFY2(std::fabs(plan.boundaries[size_t(k)] - bounds[k].toDouble()) < 1e-4,
                     qPrintable(QStringLiteral("%1 looks, look %2: %3 vs %4")
                                    .arg(looks)
                                    .arg(k + 1)
                                    .arg(plan.boundaries[size_t(k)], 0, 'g', 8)
                                    .arg(bounds[k].toDouble(), 0, 'g', 8)));
        QVERIFY2(std::fabs(plan.inflation - d["inflation"].toDouble()) < 1e-4,
                 qPrintable(QString::number(plan.inflation, 'g', 8)));
        QVERIFY2(std::fabs(plan.expectedEffect - d["expected_effect"].toDouble()) < 1e-4,
                 qPrintable(QString::number(plan.expectedEffect, 'g', 8)));
        QVERIFY2(std::fabs(plan.expectedNull - d["expected_null"].toDouble()) < 1e-4,
                 qPrintable(QString::number(plan.expectedNull, 'g', 8)));
        QCOMPARE(plan.maxPerArm, qint64(std::ceil(plan.inflation * fixed.nPerArmExact)));
        QVERIFY(plan.expectedPerArmEffect < fixed.nPerArm); // stops early on a real effect
    }
    // With no difference the crossing chance is alpha; with the design's drift, the power.
    const cl::SequentialPlan four = cl::AbTestPlanner::sequential(fixed, 4);
    double crossed = 0;
    for (double p : cl::AbTestPlanner::stoppingProbabilities(four.boundaries, 0.0))
        crossed += p;
    QVERIFY(std::fabs(crossed - 0.05) < 1e-9);
    QCOMPARE(cl::AbTestPlanner::sequential(fixed, 1).looks, 0);
}

QTEST_GUILESS_MAIN(TestReportSampleSize)
#include "tst_report_samplesize.moc"
