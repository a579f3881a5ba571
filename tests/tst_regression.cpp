// Tests of the logistic-regression core (issue 4) on small frames built here: design encoding,
// aliasing and separation reports, Newton/IRLS optimality, L2, splits, metrics, scoring.
#include "data/DataFrame.h"
#include "regression/ClassificationMetrics.h"
#include "regression/DesignMatrix.h"
#include "regression/LogisticFit.h"
#include "regression/ModelRun.h"
#include "regression/ModelValidation.h"
#include "regression/ProfitCurve.h"
#include "regression/RowHash.h"
#include "regression/StatFunctions.h"

#include "RepeatedFrame.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <random>

namespace {

/// A bank-like frame of n rows: age, job (3 levels), housing/loan with a shared "unknown",
/// duration, pdays (NaN = never contacted), age_band; y drawn from a known logistic model.
/// The columns of `f` plus `extra`, with the target `y`.
cl::DataFrame withColumn(const cl::DataFrame &f, const std::vector<uint8_t> &y,
                         const cl::FrameColumn &extra)
{
    cl::DataFrame g;
    g.setTarget(y);
    for (const cl::FrameColumn &c : f.columns())
        g.addColumn(c);
    g.addColumn(extra);
    return g;
}

cl::DataFrame syntheticFrame(size_t n, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<double> age(n), duration(n), pdays(n);
    std::vector<int32_t> job(n), housing(n), loan(n), band(n);
    std::vector<uint8_t> y(n);
    for (size_t i = 0; i < n; ++i) {
        age[i] = std::floor(18 + 60 * u(rng));
        const double r = u(rng);
        job[i] = r < 0.5 ? 0 : r < 0.8 ? 1 : 2;
        const double h = u(rng);
        housing[i] = h < 0.05 ? 2 : h < 0.55 ? 1 : 0; // 2 = unknown
        loan[i] = housing[i] == 2 ? 2 : (u(rng) < 0.2 ? 1 : 0);
        duration[i] = 60 + 500 * u(rng);
        pdays[i] = u(rng) < 0.9 ? std::nan("") : std::floor(30 * u(rng));
        band[i] = age[i] < 35 ? 0 : age[i] < 55 ? 1 : 2;
        const double eta = -2.0 + 0.02 * (age[i] - 45) + (job[i] == 1 ? 0.6 : 0) -
                           (job[i] == 2 ? 0.4 : 0) + (housing[i] == 1 ? -0.3 : 0) +
                           (loan[i] == 1 ? 0.25 : 0);
        y[i] = u(rng) < 1 / (1 + std::exp(-eta)) ? 1 : 0;
    }
    cl::DataFrame f;
    f.setTarget(y);
    f.addColumn(cl::FrameColumn::numeric("age", age));
    f.addColumn(cl::FrameColumn::categorical("job", {"admin.", "blue-collar", "retired"}, job));
    f.addColumn(cl::FrameColumn::categorical("housing", {"no", "yes", "unknown"}, housing));
    f.addColumn(cl::FrameColumn::categorical("loan", {"no", "yes", "unknown"}, loan));
    f.addColumn(cl::FrameColumn::numeric("duration", duration));
    f.addColumn(cl::FrameColumn::numeric("pdays", pdays));
    cl::FrameColumn b = cl::FrameColumn::categorical("age_band", {"<35", "35-54", "55+"}, band);
    b.derived = true;
    f.addColumn(b);
    return f;
}

QStringList termNames(const cl::DesignMatrix &d)
{
    QStringList names;
    for (const cl::DesignTerm &t : d.terms)
        names << t.name;
    return names;
}

/// Max-norm of X'(y - p) - l2 * beta (intercept unpenalised) at the fitted coefficients.
double scoreNorm(const cl::DesignMatrix &d, const cl::LogisticFit &fit)
{
    const std::vector<double> p = cl::predictProbabilities(d, fit);
    double worst = 0;
    for (const cl::TermEstimate &t : fit.terms) {
        double g = 0;
        for (size_t i = 0; i < d.rows; ++i)
            g += d.at(i, size_t(t.designColumn)) * (d.y[i] - p[i]);
        if (t.designColumn > 0)
            g -= fit.l2 * t.estimate;
        worst = std::max(worst, std::fabs(g));
    }
    return worst;
}

QJsonObject referenceFixture()
{
    QFile f(cl::test::fixture("regression_reference.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

std::vector<double> doubles(const QJsonArray &a)
{
    std::vector<double> v;
    for (const auto &x : a)
        v.push_back(x.toDouble());
    return v;
}

bool relClose(double a, double b, double rel)
{
    return std::fabs(a - b) <= rel * std::max(std::fabs(b), 1e-300);
}

} // namespace

class TestRegression : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Issue 14: a row-hash split is the engines' split too, so its pieces are pinned down:
    // the buckets are Python's int(hashlib.md5(key).hexdigest()[:8], 16) for the same keys
    // (UTF-8), numbers are keyed to a thousandth, and derived columns and pdays are no part
    // of the key.
    void issue14_rowHashPiecesMatchPython()
    {
        QCOMPARE(cl::RowHash::bucket("abc"), uint32_t(2416005272u));
        QCOMPARE(cl::RowHash::bucket("56000|telephone|0"), uint32_t(3508317913u));
        QCOMPARE(cl::RowHash::bucket(QStringLiteral("kr\u00f8ne|\u00e6|1").toUtf8()),
                 uint32_t(1753479507u));
        QCOMPARE(cl::RowHash::threshold(0.2), uint64_t(858993459u)); // int(0.2 * 2**32)
        QCOMPARE(cl::RowHash::threshold(1.5), uint64_t(4294967296u));
        QCOMPARE(cl::RowHash::numberKey(93.994), QStringLiteral("93994"));
        QCOMPARE(cl::RowHash::numberKey(-36.4), QStringLiteral("-36400"));
        QCOMPARE(cl::RowHash::numberKey(0.0004), QStringLiteral("0"));
        QCOMPARE(cl::RowHash::numberKey(0.0005), QStringLiteral("1"));
        QCOMPARE(cl::RowHash::numberKey(1e300), QStringLiteral("1000000000000000"));
        QCOMPARE(cl::RowHash::numberKey(std::nan("")), QString());
        QCOMPARE(cl::RowHash::columns({"pdays", "job", "age_band", "age", "previously_contacted"},
                                      {false, false, true, false, true}),
                 QStringList({"age", "job"}));
    }

    // The same rows repeated land on the same side: a row's side is its values' alone. Three
    // copies of a frame hold out three copies of the same rows, so the fit is the same (its
    // standard errors divided by sqrt(3)) and so are the held-out AUC and log-loss.
    void issue14_rowHashSplitIsTheSameOnRepeatedRows()
    {
        std::mt19937_64 rng(7);
        std::normal_distribution<double> z;
        const size_t n = 3000;
        std::vector<double> x(n);
        std::vector<int32_t> g(n);
        std::vector<uint8_t> y(n);
        for (size_t i = 0; i < n; ++i) {
            x[i] = std::round(z(rng) * 1000) / 1000;
            g[i] = int32_t(rng() % 3);
            const double eta = -1 + 0.8 * x[i] + (g[i] == 2 ? 0.7 : 0.0);
            y[i] = std::uniform_real_distribution<double>()(rng) < 1 / (1 + std::exp(-eta));
        }
        cl::DataFrame once;
        once.setTarget(y);
        once.addColumn(cl::FrameColumn::numeric("x", x));
        once.addColumn(cl::FrameColumn::categorical("g", {"a", "b", "c"}, g));
        const cl::DataFrame thrice = cl::test::repeated(once, 3);
        cl::ModelRunSettings hash;
        hash.validation.split.kind = cl::SplitKind::RowHash;
        const cl::ModelRunResult a = cl::runModel(once, hash);
        const cl::ModelRunResult b = cl::runModel(thrice, hash);
        QVERIFY2(a.ok() && b.ok(), qPrintable(a.error + b.error));
        QVERIFY(a.report.split.test.size() > 450 && a.report.split.test.size() < 750);
        QCOMPARE(b.report.split.test.size(), 3 * a.report.split.test.size());
        for (size_t k = 0; k < a.report.split.test.size(); ++k)
            for (size_t copy = 0; copy < 3; ++copy)
                QVERIFY(std::binary_search(b.report.split.test.begin(), b.report.split.test.end(),
                                           uint32_t(a.report.split.test[k] + copy * n)));
        QCOMPARE(b.report.fit.terms.size(), a.report.fit.terms.size());
        for (size_t j = 0; j < a.report.fit.terms.size(); ++j) {
            const cl::TermEstimate &p = a.report.fit.terms[j], &q = b.report.fit.terms[j];
            QVERIFY2(std::fabs(p.estimate - q.estimate) < 1e-9, qPrintable(p.name));
            QVERIFY2(relClose(q.stdError * std::sqrt(3.0), p.stdError, 1e-8), qPrintable(p.name));
        }
        QVERIFY(relClose(b.report.heldOut.auc.auc, a.report.heldOut.auc.auc, 1e-12));
        QVERIFY(relClose(b.report.heldOut.logLoss, a.report.heldOut.logLoss, 1e-12));
    }

    void defaultDesignLeavesOutDurationPdaysAndAgeBandWithReasons()
    {
        const cl::DataFrame f = syntheticFrame(2000, 1);
        const cl::DesignMatrix d = cl::buildDesign(f);
        QVERIFY2(d.ok(), qPrintable(d.error));
        QCOMPARE(d.predictors, QStringList({"age", "job", "housing", "loan"}));
        QStringList excluded;
        for (const cl::ExcludedColumn &e : d.excluded) {
            excluded << e.column;
            QVERIFY(!e.reason.isEmpty());
        }
        QCOMPARE(excluded, QStringList({"duration", "pdays", "age_band"}));
        QVERIFY(d.excluded[0].reason.contains("after the call"));
        QCOMPARE(d.rows, size_t(2000)); // pdays left out: no row lost to its NaN
        QCOMPARE(termNames(d), QStringList({"(Intercept)", "age", "job=blue-collar (ref admin.)",
                                            "job=retired (ref admin.)", "housing=no (ref yes)",
                                            "housing=unknown (ref yes)", "loan=yes (ref no)",
                                            "loan=unknown (ref no)"}));
    }
    void includeAndReferenceOverridesAreHonoured()
    {
        const cl::DataFrame f = syntheticFrame(500, 2);
        cl::ModelSpec spec;
        spec.include = {"duration", "pdays"};
        spec.exclude = {"loan"};
        spec.referenceLevels.insert("job", "retired");
        const cl::DesignMatrix d = cl::buildDesign(f, spec);
        QVERIFY2(d.ok(), qPrintable(d.error));
        QVERIFY(d.predictors.contains("duration"));
        QVERIFY(d.predictors.contains("pdays"));
        QVERIFY(!d.predictors.contains("loan"));
        QVERIFY(termNames(d).contains("job=admin. (ref retired)"));
        // pdays is NaN for the never-contacted: those rows go, and are counted.
        QVERIFY(d.droppedRows > 300);
        QCOMPARE(d.rows + d.droppedRows, size_t(500));
        QVERIFY(!d.notes.isEmpty());
        for (size_t i = 0; i < d.rows; ++i)
            QVERIFY(!std::isnan(f.column("pdays")->value(d.frameRow[i])));
    }
    void onlyAgeBandAskedForIsUsed()
    {
        cl::ModelSpec spec;
        spec.columns = {"age_band", "job"};
        const cl::DesignMatrix d = cl::buildDesign(syntheticFrame(300, 3), spec);
        QCOMPARE(d.predictors, QStringList({"job", "age_band"}));
    }
    // Issue 13: the CLI loads only the columns a model uses. designColumns() names them from
    // the columns' names, kinds and levels, so a frame with no rows gives the same list as
    // buildDesign's predictors; and the model on those columns alone is the same model.
    void issue13_designColumnsNeedNoRows_data()
    {
        QTest::addColumn<QStringList>("columns");
        QTest::addColumn<QStringList>("exclude");
        QTest::addColumn<QStringList>("include");
        QTest::newRow("defaults") << QStringList() << QStringList() << QStringList();
        QTest::newRow("post-call included")
            << QStringList() << QStringList() << QStringList({"duration", "pdays"});
        QTest::newRow("age excluded, age_band used")
            << QStringList() << QStringList({"age"}) << QStringList();
        QTest::newRow("columns chosen")
            << QStringList({"age_band", "job", "loan"}) << QStringList() << QStringList();
    }
    void issue13_designColumnsNeedNoRows()
    {
        QFETCH(QStringList, columns);
        QFETCH(QStringList, exclude);
        QFETCH(QStringList, include);
        cl::ModelSpec spec;
        spec.columns = columns;
        spec.exclude = exclude;
        spec.include = include;
        const cl::DataFrame f = syntheticFrame(1500, 41);
        cl::DataFrame empty;
        for (const cl::FrameColumn &c : f.columns()) {
            cl::FrameColumn e = c.isCategorical()
                                    ? cl::FrameColumn::categorical(c.name, c.levels, {})
                                    : cl::FrameColumn::numeric(c.name, {});
            e.derived = c.derived;
            empty.addColumn(e);
        }
        QCOMPARE(empty.rowCount(), size_t(0));
        const cl::DesignMatrix d = cl::buildDesign(f, spec);
        QVERIFY2(d.ok(), qPrintable(d.error));
        const QStringList used = cl::designColumns(empty, spec);
        QCOMPARE(used, d.predictors);
        QCOMPARE(cl::designColumns(f, spec), d.predictors);

        cl::DataFrame only;
        only.setTarget(f.target());
        for (const QString &name : used)
            only.addColumn(*f.column(name));
        const cl::DesignMatrix dOnly = cl::buildDesign(only, spec);
        QCOMPARE(dOnly.predictors, d.predictors);
        QCOMPARE(termNames(dOnly), termNames(d));
        const cl::LogisticFit fit = cl::fitLogistic(d), fitOnly = cl::fitLogistic(dOnly);
        QCOMPARE(fitOnly.status, fit.status);
        QCOMPARE(fitOnly.coefficients, fit.coefficients);
    }
    void unknownColumnOrReferenceIsAnError()
    {
        cl::ModelSpec spec;
        spec.columns = {"nope"};
        QVERIFY(!cl::buildDesign(syntheticFrame(50, 4), spec).ok());
        cl::ModelSpec spec2;
        spec2.referenceLevels.insert("job", "astronaut");
        QVERIFY(cl::buildDesign(syntheticFrame(50, 4), spec2).error.contains("astronaut"));
    }
    // Issue 11: profit, not only rates. By hand: scores 0.9 (yes), 0.8 (no), 0.8 (yes), 0.5
    // (no), 0.2 (yes); a call 10, a subscription 50. Calling 1: 50 - 10 = 40; the 0.8 tie
    // goes together, 3 calls: 100 - 30 = 70; 4: 100 - 40 = 60; all 5: 150 - 50 = 100.
    void issue11_profitCurveMatchesAHandComputation()
    {
        const cl::ProfitCurve c =
            cl::profitCurve({0.5, 0.9, 0.2, 0.8, 0.8}, {0, 1, 1, 1, 0}, {10.0, 50.0});
        QVERIFY(c.ok());
        QCOMPARE(c.points.size(), size_t(5)); // 0, 1, 3, 4, 5 calls
        const std::vector<std::pair<size_t, double>> expected = {
            {0, 0}, {1, 40}, {3, 70}, {4, 60}, {5, 100}};
        for (size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(c.points[i].called, expected[i].first);
            QCOMPARE(c.points[i].profit, expected[i].second);
        }
        QCOMPARE(c.best.called, size_t(5));
        QCOMPARE(c.everyone.profit, 100.0);
        QCOMPARE(c.breakEvenRate, 0.2);
        // Dearer calls: 3 calls earn 100 - 3 x 30 = 10, all 5 earn 150 - 150 = 0, 1 earns 20.
        const cl::ProfitCurve dear =
            cl::profitCurve({0.5, 0.9, 0.2, 0.8, 0.8}, {0, 1, 1, 1, 0}, {30.0, 50.0});
        QCOMPARE(dear.best.called, size_t(1));
        QCOMPARE(dear.best.profit, 20.0);
        QCOMPARE(dear.best.lowestScore, 0.9);
    }
    // Issue 11: the L2 penalty fell on raw columns (a coefficient per euro is barely penalised,
    // one per year heavily) and Wald p-values, intervals, the LR test and AIC/BIC were printed
    // for penalised fits. The penalty now falls on standardised numbers: a column measured in
    // other units gives the same scores; and the invalid inference is withheld.
    void issue11_penalisedFitIsScaleInvariantAndWithholdsInference()
    {
        const cl::DataFrame f = syntheticFrame(3000, 21);
        cl::DataFrame g;
        g.setTarget(f.target());
        for (const cl::FrameColumn &c : f.columns()) {
            cl::FrameColumn copy = c;
            if (c.name == QLatin1String("age")) {
                std::vector<double> values = c.numbers.toVector();
                for (double &v : values)
                    v *= 1000; // age in thousandths of a year
                copy.numbers = cl::NumberColumn(std::move(values));
            }
            g.addColumn(copy);
        }
        cl::ModelRunSettings settings;
        settings.validation.split.kind = cl::SplitKind::StratifiedRandom;
        settings.validation.fit.l2 = 5.0;
        const cl::ModelRunResult a = cl::runModel(f, settings), b = cl::runModel(g, settings);
        QVERIFY2(a.ok() && b.ok(), qPrintable(a.error + b.error));
        for (size_t i = 0; i < a.frameScores.size(); ++i)
            QVERIFY2(std::abs(a.frameScores[i] - b.frameScores[i]) < 1e-9,
                     qPrintable(QString::number(i)));
        double ageA = 0, ageB = 0;
        for (const cl::TermEstimate &e : a.report.fit.terms) {
            QVERIFY(std::isnan(e.p) && std::isnan(e.stdError) && std::isnan(e.orLow));
            if (e.name == QLatin1String("age"))
                ageA = e.estimate;
        }
        for (const cl::TermEstimate &e : b.report.fit.terms)
            if (e.name == QLatin1String("age"))
                ageB = e.estimate;
        QVERIFY(ageA != 0);
        QVERIFY2(std::abs(ageA / ageB / 1000 - 1) < 1e-6, qPrintable(QString::number(ageA / ageB)));
        QVERIFY(std::isnan(a.report.fit.aic) && std::isnan(a.report.fit.lrP));
        // Unpenalised fits keep their inference.
        settings.validation.fit.l2 = 0;
        const cl::ModelRunResult plain = cl::runModel(f, settings);
        QVERIFY(plain.ok() && !std::isnan(plain.report.fit.terms.back().p));
    }
    // Issue 11: a rolling-origin validation scores each month of the held-out rows with a fit
    // on every earlier row; a month no earlier row has is scored at the training rows' average
    // month effect (computed here by hand from that fit), not as the reference month.
    void issue11_rollingOriginScoresAnUnseenMonthAtTheAverageMonth()
    {
        const size_t n = 1000;
        const cl::DataFrame f = syntheticFrame(n, 31);
        std::vector<int32_t> month(n);
        std::vector<uint8_t> y = f.target();
        for (size_t i = 0; i < n; ++i) {
            // jan 0..399, feb 400..799, mar 800..899 (unseen before), jan 900..999
            month[i] = i < 400 ? 0 : i < 800 ? 1 : i < 900 ? 2 : 0;
            if (i >= 400 && i < 800 && i % 3 == 0)
                y[i] = 1; // February subscribes more: its effect is far from the average
        }
        const cl::DataFrame g =
            withColumn(f, y, cl::FrameColumn::categorical("month", {"jan", "feb", "mar"}, month));
        cl::ModelRunSettings settings;
        settings.validation.split.kind = cl::SplitKind::RollingOrigin;
        const cl::ModelRunResult run = cl::runModel(g, settings);
        QVERIFY2(run.ok(), qPrintable(run.error));
        QCOMPARE(run.report.blocks.size(), size_t(2));
        QCOMPARE(run.report.blocks[0].label, QStringLiteral("mar"));
        QCOMPARE(run.report.blocks[0].trainRows, size_t(800));
        QCOMPARE(run.report.blocks[0].unseenRows, size_t(100));
        QCOMPARE(run.report.blocks[1].label, QStringLiteral("jan"));
        QCOMPARE(run.report.blocks[1].trainRows, size_t(900));
        QVERIFY(run.report.unseenScoredAtAverage);

        // By hand: the fit on rows 0..799, and March at the average of jan (reference, 0) and
        // feb (its coefficient) weighted by their rows.
        const cl::DesignMatrix design = cl::buildDesign(g, settings.spec);
        std::vector<uint32_t> first(800);
        for (uint32_t i = 0; i < 800; ++i)
            first[i] = i;
        const cl::LogisticFit fit = cl::fitLogistic(design, cl::DesignRows::list(first));
        QVERIFY(fit.ok());
        size_t feb = 0;
        while (design.terms[feb].level != QStringLiteral("feb"))
            ++feb;
        const double average = fit.coefficients[feb] * 400.0 / 800.0;
        QVERIFY(std::fabs(average) > 0.3);
        for (size_t k = 0; k < 100; ++k) {
            const size_t i = run.report.split.test[k];
            double eta = 0;
            for (size_t j = 0; j < design.cols(); ++j)
                eta += design.at(i, j) * fit.coefficients[j];
            const double expected = 1 / (1 + std::exp(-(eta + average)));
            QVERIFY2(std::fabs(run.report.testScores[k] - expected) < 1e-12,
                     qPrintable(QString::number(k)));
        }

        // Without a month column: five equal blocks. Rows out of date order: refused.
        const cl::ModelRunResult noMonth = cl::runModel(f, settings);
        QVERIFY2(noMonth.ok(), qPrintable(noMonth.error));
        QCOMPARE(noMonth.report.blocks.size(), size_t(cl::kEqualBlocks));
        QCOMPARE(noMonth.report.blocks[0].label, QStringLiteral("801-840"));
        std::vector<int32_t> shuffled(n);
        for (size_t i = 0; i < n; ++i)
            shuffled[i] = int32_t(i % 3);
        const cl::ModelRunResult unordered = cl::runModel(
            withColumn(f, f.target(),
                       cl::FrameColumn::categorical("month", {"jan", "feb", "mar"}, shuffled)),
            settings);
        QVERIFY(!unordered.ok());
        QVERIFY2(unordered.error.contains("these are not"), qPrintable(unordered.error));
    }

    /// Two levels of equal count: the reference is the first label in order whichever level
    /// the rows show first, so a table read in another order (a warehouse's) fits the same
    /// terms (issue 14).
    void tiedReferenceDoesNotDependOnRowOrder()
    {
        const cl::DataFrame f = syntheticFrame(400, 5);
        std::vector<int32_t> first(400), second(400);
        for (size_t i = 0; i < 400; ++i)
            first[i] = second[i] = int32_t(i % 2); // 200 rows each
        // The same rows, the level numbering flipped: "b" seen first, then "a".
        for (int32_t &code : second)
            code = 1 - code;
        const cl::DataFrame g =
            withColumn(f, f.target(), cl::FrameColumn::categorical("side", {"a", "b"}, first));
        const cl::DataFrame h =
            withColumn(f, f.target(), cl::FrameColumn::categorical("side", {"b", "a"}, second));
        QVERIFY2(termNames(cl::buildDesign(g)).contains("side=b (ref a)"),
                 qPrintable(termNames(cl::buildDesign(g)).join(", ")));
        QVERIFY2(termNames(cl::buildDesign(h)).contains("side=b (ref a)"),
                 qPrintable(termNames(cl::buildDesign(h)).join(", ")));
    }

    void rareLevelsAreMergedIntoTheReference()
    {
        cl::DataFrame f = syntheticFrame(400, 5);
        std::vector<int32_t> def(400, 0);
        def[10] = def[20] = def[30] = 1; // 3 "yes", all get y = 0 below
        std::vector<uint8_t> y = f.target();
        y[10] = y[20] = y[30] = 0;
        const cl::DataFrame g =
            withColumn(f, y, cl::FrameColumn::categorical("default", {"no", "yes"}, def));
        const cl::DesignMatrix d = cl::buildDesign(g);
        QVERIFY(!termNames(d).contains("default=yes (ref no)"));
        QVERIFY2(d.notes.join(' ').contains("default=yes: all 3 rows are non-subscribers, merged "
                                            "into the reference level no"),
                 qPrintable(d.notes.join(' ')));
        QVERIFY(!d.predictors.contains("default") || d.cols() == 8);

        // Without merging the level separates the outcome, and the fit says so.
        cl::ModelSpec spec;
        spec.minLevelShare = 0;
        spec.mergeOneOutcomeLevels = false;
        const cl::LogisticFit fit = cl::fitLogistic(cl::buildDesign(g, spec));
        QCOMPARE(fit.status, cl::LogisticFit::Status::Separation);
        QVERIFY(fit.separation.join(' ').contains("default=yes (ref no): all 3 rows are "
                                                  "non-subscribers"));
        QVERIFY(fit.terms.empty());
    }
    void oneOutcomeLevelsAreMergedWithANoteWhateverTheirSize()
    {
        // A level where nobody subscribed (education=illiterate on the demo data) has no finite
        // estimate: merged with a note naming it, at 20 rows as at 60.
        for (const int size : {20, 60}) {
            cl::DataFrame f = syntheticFrame(800, 7);
            std::vector<int32_t> edu(800, 0);
            std::vector<uint8_t> y = f.target();
            for (int i = 0; i < size; ++i) {
                edu[size_t(i * 13)] = 1;
                y[size_t(i * 13)] = 0;
            }
            const cl::DataFrame g =
                withColumn(f, y,
                           cl::FrameColumn::categorical("education",
                                                        {"university.degree", "illiterate"}, edu));
            const cl::DesignMatrix d = cl::buildDesign(g);
            const cl::LogisticFit fit = cl::fitLogistic(d);
            QVERIFY2(d.notes.join(' ').contains(
                         QStringLiteral("education=illiterate: all %1 rows are non-subscribers, "
                                        "merged into the reference level university.degree")
                             .arg(size)),
                     qPrintable(d.notes.join(' ')));
            QVERIFY2(fit.ok(), qPrintable(fit.message));
        }
    }
    // Issue 11: the merge rules counted rows (fewer than 10, one outcome under 50), so the
    // x100 copy of bank-additional-full failed with separation where x1 merged. Decisions
    // must not change when the same data is repeated.
    void issue11_mergeDecisionsDoNotChangeWhenTheDataIsRepeated()
    {
        cl::DataFrame f = syntheticFrame(2000, 11);
        std::vector<int32_t> def(2000, 0), edu(2000, 0);
        std::vector<uint8_t> y = f.target();
        def[10] = def[20] = def[30] = 1; // 3 rows, non-subscribers: one outcome
        y[10] = y[20] = y[30] = 0;
        for (int i = 0; i < 8; ++i) // 8 rows (0.4%), mixed outcomes: kept at any scale
            edu[size_t(100 + 7 * i)] = 1;
        y[100] = 1;
        y[107] = 0;
        cl::DataFrame g =
            withColumn(f, y, cl::FrameColumn::categorical("default", {"no", "yes"}, def));
        g = withColumn(g, y, cl::FrameColumn::categorical("education", {"basic", "rare"}, edu));
        const cl::DataFrame g100 = cl::test::repeated(g, 100);
        QCOMPARE(g100.rowCount(), g.rowCount() * 100);
        const cl::DesignMatrix d1 = cl::buildDesign(g), d100 = cl::buildDesign(g100);
        QCOMPARE(termNames(d100), termNames(d1));
        QCOMPARE(d100.predictors, d1.predictors);
        const cl::LogisticFit f1 = cl::fitLogistic(d1), f100 = cl::fitLogistic(d100);
        QCOMPARE(f100.status, f1.status);
        QVERIFY2(f1.ok(), qPrintable(f1.message));
        // Same data, so the same estimates (the standard errors shrink by 10).
        for (size_t j = 0; j < f1.terms.size(); ++j)
            QVERIFY2(std::abs(f1.terms[j].estimate - f100.terms[j].estimate) < 1e-6,
                     qPrintable(f1.terms[j].name));
    }
    void aliasedColumnsAreDroppedAndNamed()
    {
        // housing=unknown and loan=unknown are the same rows, as in the bank data.
        const cl::DataFrame frame = syntheticFrame(3000, 6); // the design reads it
        const cl::DesignMatrix d = cl::buildDesign(frame);
        const cl::LogisticFit fit = cl::fitLogistic(d);
        QVERIFY2(fit.ok(), qPrintable(fit.message));
        QCOMPARE(int(fit.aliased.size()), 1);
        QCOMPARE(fit.aliased[0].name, QString("loan=unknown (ref no)"));
        QCOMPARE(fit.aliased[0].combination, QString("= 1 * housing=unknown (ref yes)"));
        QCOMPARE(fit.parameters, 7);
        QCOMPARE(fit.coefficients.size(), d.cols());
        QCOMPARE(fit.coefficients[7], 0.0);
    }
    void constantAndSumAliasesAreFound()
    {
        cl::DataFrame f = syntheticFrame(800, 7);
        std::vector<double> sum(800), constant(800, 3.0);
        for (size_t i = 0; i < 800; ++i)
            sum[i] = 2 * f.column("age")->value(i) + (f.column("job")->codes[i] == 1 ? 5 : 0) + 1;
        f.addColumn(cl::FrameColumn::numeric("twice_age_plus", sum));
        f.addColumn(cl::FrameColumn::numeric("constant", constant));
        const cl::LogisticFit fit = cl::fitLogistic(cl::buildDesign(f));
        QVERIFY2(fit.ok(), qPrintable(fit.message));
        QCOMPARE(int(fit.aliased.size()), 3);
        QCOMPARE(fit.aliased[1].name, QString("twice_age_plus"));
        QCOMPARE(fit.aliased[1].combination,
                 QString("= 1 + 2 * age + 5 * job=blue-collar (ref admin.)"));
        QCOMPARE(fit.aliased[2].name, QString("constant"));
        QCOMPARE(fit.aliased[2].combination, QString("= 3"));
    }
    void separation_data()
    {
        QTest::addColumn<bool>("complete");
        QTest::addColumn<QString>("expected");
        QTest::newRow("complete: x > 0 iff y") << true << "complete separation";
        QTest::newRow("quasi: x >= 0 iff y, ties at 0") << false << "quasi-complete separation";
    }
    void separation()
    {
        QFETCH(bool, complete);
        QFETCH(QString, expected);
        std::vector<double> x;
        std::vector<uint8_t> y;
        for (int i = -20; i <= 20; ++i) {
            if (i == 0 && complete)
                continue;
            x.push_back(i);
            y.push_back(i > 0 || (i == 0 && !complete) ? 1 : 0);
        }
        if (!complete) { // a tie at the threshold, both outcomes
            x.push_back(0);
            y.push_back(0);
        }
        cl::DataFrame f;
        f.setTarget(y);
        f.addColumn(cl::FrameColumn::numeric("score", x));
        const cl::DesignMatrix d = cl::buildDesign(f);
        const cl::LogisticFit fit = cl::fitLogistic(d);
        QCOMPARE(fit.status, cl::LogisticFit::Status::Separation);
        QVERIFY2(fit.separation.join(' ').contains(expected), qPrintable(fit.separation.join(' ')));
        QVERIFY(fit.message.contains("do not exist"));
        QVERIFY(!fit.ok());

        // An L2 penalty makes the estimates finite again.
        cl::FitOptions penalised;
        penalised.l2 = 1.0;
        const cl::LogisticFit ridge = cl::fitLogistic(d, penalised);
        QVERIFY2(ridge.ok(), qPrintable(ridge.message));
        QVERIFY(std::isfinite(ridge.terms[1].estimate));
        QVERIFY(scoreNorm(d, ridge) < 1e-8);
    }
    void separationOnlyVisibleJointly()
    {
        // y = 1 iff x1 + x2 > 0: no single column separates, the pair does.
        std::mt19937_64 rng(11);
        std::normal_distribution<double> z;
        std::vector<double> a(200), b(200);
        std::vector<uint8_t> y(200);
        for (size_t i = 0; i < 200; ++i) {
            a[i] = z(rng);
            b[i] = z(rng);
            y[i] = a[i] + b[i] > 0 ? 1 : 0;
        }
        cl::DataFrame f;
        f.setTarget(y);
        f.addColumn(cl::FrameColumn::numeric("x1", a));
        f.addColumn(cl::FrameColumn::numeric("x2", b));
        const cl::LogisticFit fit = cl::fitLogistic(cl::buildDesign(f));
        QCOMPARE(fit.status, cl::LogisticFit::Status::Separation);
        QVERIFY2(fit.message.contains("separation"), qPrintable(fit.message));
        QVERIFY(fit.separation.join(' ').contains("x1"));
    }
    void quasiSeparationOnlyVisibleJointlyIsFoundByTheDirectionOfDivergence()
    {
        // y = 1 iff x1 + x2 > 0, and 40 rows on the line x1 + x2 = 0 with both outcomes: no
        // column separates, no row is fitted at 0 or 1 on the line, and the estimates still do
        // not exist (the direction x1 + x2 separates the rest).
        std::mt19937_64 rng(5);
        std::normal_distribution<double> z;
        std::vector<double> a, b;
        std::vector<uint8_t> y;
        for (int i = 0; i < 300; ++i) {
            const double u = z(rng), v = z(rng);
            if (std::fabs(u + v) < 0.05)
                continue;
            a.push_back(u);
            b.push_back(v);
            y.push_back(u + v > 0 ? 1 : 0);
        }
        for (int i = 0; i < 40; ++i) {
            const double u = z(rng);
            a.push_back(u);
            b.push_back(-u);
            y.push_back(i % 2);
        }
        cl::DataFrame f;
        f.setTarget(y);
        f.addColumn(cl::FrameColumn::numeric("x1", a));
        f.addColumn(cl::FrameColumn::numeric("x2", b));
        const cl::LogisticFit fit = cl::fitLogistic(cl::buildDesign(f));
        QCOMPARE(fit.status, cl::LogisticFit::Status::Separation);
        QVERIFY2(fit.separation.join(' ').contains("x1, x2"), qPrintable(fit.separation.join(' ')));
        QVERIFY2(fit.separation.join(' ').contains(QStringLiteral("%1 rows").arg(y.size() - 40)),
                 qPrintable(fit.separation.join(' ')));
    }
    void fitIsAtTheOptimumAndStatisticsAreConsistent()
    {
        const cl::DataFrame frame = syntheticFrame(5000, 8); // the design reads it
        const cl::DesignMatrix d = cl::buildDesign(frame);
        int calls = 0;
        const cl::LogisticFit fit = cl::fitLogistic(d, {}, [&](double f, const QString &) {
            ++calls;
            return f >= 0 && f <= 1;
        });
        QVERIFY2(fit.ok(), qPrintable(fit.message));
        QVERIFY(fit.converged);
        QVERIFY(fit.iterations >= 3 && fit.iterations < 15);
        QVERIFY(calls >= fit.iterations);
        QVERIFY(scoreNorm(d, fit) < 1e-8);
        const double k = fit.parameters, n = double(d.rows);
        QVERIFY(relClose(fit.aic, -2 * fit.logLikelihood + 2 * k, 1e-12));
        QVERIFY(relClose(fit.bic, -2 * fit.logLikelihood + k * std::log(n), 1e-12));
        QVERIFY(relClose(fit.lrChi2, fit.nullDeviance - fit.residualDeviance, 1e-9));
        QCOMPARE(fit.lrDf, fit.parameters - 1);
        QVERIFY(fit.mcFaddenR2 > 0 && fit.mcFaddenR2 < fit.nagelkerkeR2);
        QVERIFY(fit.tjurR2 > 0 && fit.tjurR2 < 1);
        // The true model: job=blue-collar +0.6, job=retired -0.4.
        QVERIFY(std::fabs(fit.terms[2].estimate - 0.6) < 3 * fit.terms[2].stdError);
        QVERIFY(std::fabs(fit.terms[3].estimate + 0.4) < 3 * fit.terms[3].stdError);
        for (const cl::TermEstimate &t : fit.terms) {
            QVERIFY(t.ciLow < t.estimate && t.estimate < t.ciHigh);
            QVERIFY(relClose(t.oddsRatio, std::exp(t.estimate), 1e-12));
            QVERIFY(relClose(t.p, std::erfc(std::fabs(t.z) / std::sqrt(2.0)), 1e-12));
            if (t.designColumn > 0)
                QVERIFY(t.vif >= 1);
        }
        QCOMPARE(int(fit.predictorVif.size()), 4);
        QCOMPARE(fit.predictorVif[1].column, QString("job"));
        QCOMPARE(fit.predictorVif[1].df, 2);
    }
    void standardisingChangesScaleNotFit()
    {
        const cl::DataFrame f = syntheticFrame(3000, 9);
        cl::ModelSpec spec;
        spec.standardize = true;
        const cl::LogisticFit raw = cl::fitLogistic(cl::buildDesign(f));
        const cl::DesignMatrix ds = cl::buildDesign(f, spec);
        const cl::LogisticFit std = cl::fitLogistic(ds);
        QVERIFY(relClose(std.logLikelihood, raw.logLikelihood, 1e-12));
        QVERIFY(relClose(std.terms[1].estimate, raw.terms[1].estimate * ds.terms[1].scale, 1e-8));
        QVERIFY(relClose(std.terms[1].z, raw.terms[1].z, 1e-8));
        QVERIFY(ds.terms[1].name.startsWith("age (per SD"));
    }
    void cancellingStopsTheFit()
    {
        const cl::DataFrame frame = syntheticFrame(1000, 10); // the design reads it
        const cl::DesignMatrix d = cl::buildDesign(frame);
        const cl::LogisticFit fit =
            cl::fitLogistic(d, {}, [](double f, const QString &) { return f < 0.01; });
        QCOMPARE(fit.status, cl::LogisticFit::Status::Cancelled);
    }
    void oneClassOnlyFails()
    {
        cl::DataFrame f;
        f.setTarget(std::vector<uint8_t>(10, 0));
        f.addColumn(cl::FrameColumn::numeric("x", std::vector<double>(10, 1.0)));
        const cl::LogisticFit fit = cl::fitLogistic(cl::buildDesign(f));
        QCOMPARE(fit.status, cl::LogisticFit::Status::Failed);
        QVERIFY(fit.message.contains("one class"));
    }
    void splitTimeOrderedHoldsOutTheLastRows()
    {
        std::vector<uint8_t> y(41188, 0);
        const cl::Split s = cl::makeSplit(y, {cl::SplitKind::TimeOrdered, 0.2, 1});
        QCOMPARE(s.test.size(), size_t(8238));
        QCOMPARE(s.test.front(), uint32_t(41188 - 8238));
        QCOMPARE(s.train.size() + s.test.size(), y.size());
    }
    void splitStratifiedIsSeededAndKeepsTheRate()
    {
        std::vector<uint8_t> y(1000, 0);
        for (size_t i = 0; i < 1000; i += 9)
            y[i] = 1; // 112 positives
        const cl::SplitOptions o{cl::SplitKind::StratifiedRandom, 0.2, 42};
        const cl::Split a = cl::makeSplit(y, o), b = cl::makeSplit(y, o);
        QCOMPARE(a.test, b.test);
        size_t pos = 0;
        for (size_t i : a.test)
            pos += y[i];
        QCOMPARE(pos, size_t(22));            // round(0.2 * 112)
        QCOMPARE(a.test.size(), size_t(200)); // 22 + round(0.2 * 888) = 22 + 178
        const cl::Split c = cl::makeSplit(y, {cl::SplitKind::StratifiedRandom, 0.2, 43});
        QVERIFY(c.test != a.test);
        // Pinned: the split must not change between releases or platforms (mt19937_64 is
        // specified by the standard; the index draws are our own).
        QCOMPARE(a.test[0], uint32_t(8));
        QCOMPARE(a.test[1], uint32_t(13));
        QCOMPARE(a.test[2], uint32_t(20));
        QCOMPARE(a.test.back(), uint32_t(998));
        QVERIFY(std::is_sorted(a.test.begin(), a.test.end()));
    }
    void aucByHand_data()
    {
        QTest::addColumn<QVector<double>>("score");
        QTest::addColumn<QVector<int>>("y");
        QTest::addColumn<double>("auc");
        QTest::newRow("one swapped pair")
            << QVector<double>{0.1, 0.4, 0.35, 0.8} << QVector<int>{0, 0, 1, 1} << 0.75;
        QTest::newRow("perfect") << QVector<double>{0.1, 0.2, 0.3} << QVector<int>{0, 1, 1} << 1.0;
        QTest::newRow("all tied") << QVector<double>{0.5, 0.5, 0.5, 0.5} << QVector<int>{0, 1, 0, 1}
                                  << 0.5;
        QTest::newRow("tie across classes")
            << QVector<double>{0.2, 0.6, 0.6, 0.9} << QVector<int>{0, 0, 1, 1} << 0.875;
    }
    void aucByHand()
    {
        QFETCH(QVector<double>, score);
        QFETCH(QVector<int>, y);
        QFETCH(double, auc);
        std::vector<uint8_t> yy(y.begin(), y.end());
        QCOMPARE(cl::aucDeLong(std::vector<double>(score.begin(), score.end()), yy).auc, auc);
    }
    void metricsEqualNumpyReference()
    {
        const QJsonObject ref = referenceFixture().value("metrics_case").toObject();
        QVERIFY(!ref.isEmpty());
        const std::vector<double> s = doubles(ref.value("score").toArray());
        std::vector<uint8_t> y;
        for (const auto &v : ref.value("y").toArray())
            y.push_back(uint8_t(v.toInt()));
        const cl::AucResult auc = cl::aucDeLong(s, y);
        QVERIFY(relClose(auc.auc, ref.value("auc").toDouble(), 1e-12));
        QVERIFY(relClose(auc.stdError, ref.value("auc_se").toDouble(), 1e-10));
        QVERIFY(relClose(auc.ciLow, auc.auc - cl::stats::kZ975 * auc.stdError, 1e-12));
        const cl::HosmerLemeshow hl = cl::hosmerLemeshow(s, y, 10);
        QVERIFY(relClose(hl.chi2, ref.value("hl_chi2").toDouble(), 1e-10));
        QVERIFY(relClose(hl.p, ref.value("hl_p").toDouble(), 1e-8));
        QCOMPARE(hl.df, 8);
        const std::vector<cl::DecileRow> deciles = cl::decileTable(s, y, 10);
        const std::vector<double> subs = doubles(ref.value("decile_subscribers").toArray());
        for (size_t g = 0; g < 10; ++g) {
            QCOMPARE(double(deciles[g].subscribers), subs[g]);
            QCOMPARE(deciles[g].clients, size_t(4));
        }
        QVERIFY(
            relClose(deciles[1].cumulativeCapture, ref.value("top20_capture").toDouble(), 1e-12));
        QVERIFY(
            relClose(cl::captureAtTop(s, y, 0.2), ref.value("top20_capture").toDouble(), 1e-12));
        QVERIFY(relClose(cl::logLoss(s, y), ref.value("log_loss").toDouble(), 1e-12));
        QVERIFY(relClose(cl::brierScore(s, y), ref.value("brier").toDouble(), 1e-12));
        const double rate =
            deciles[0].subscribers / 4.0 / (std::accumulate(y.begin(), y.end(), 0.0) / 40);
        QVERIFY(relClose(deciles[0].lift, rate, 1e-12));
    }
    void confusionCountsAtTheThreshold()
    {
        const cl::ConfusionMatrix c =
            cl::confusionAt({0.1, 0.6, 0.5, 0.9, 0.2}, {0, 0, 1, 1, 1}, 0.5);
        QCOMPARE(c.truePositives, size_t(2));
        QCOMPARE(c.falsePositives, size_t(1));
        QCOMPARE(c.trueNegatives, size_t(1));
        QCOMPARE(c.falseNegatives, size_t(1));
        QCOMPARE(c.accuracy, 0.6);
    }
    void chiSquareTailMatchesKnownValues()
    {
        QVERIFY(relClose(cl::stats::chiSquareSf(3.841458820694124, 1), 0.05, 1e-10));
        QVERIFY(relClose(cl::stats::chiSquareSf(15.50731305586545, 8), 0.05, 1e-10));
        QVERIFY(relClose(cl::stats::chiSquareSf(2.0, 8), 0.9810118431238463, 1e-10));
    }
    void validateAndScoreEveryRow()
    {
        cl::DataFrame f = syntheticFrame(4000, 12);
        cl::ValidationOptions o;
        o.split.kind = cl::SplitKind::StratifiedRandom;
        const cl::DesignMatrix d = cl::buildDesign(f);
        const cl::ValidationReport r = cl::validate(d, o);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.heldOut.rows, size_t(800));
        QVERIFY(r.heldOut.auc.auc > 0.55 && r.heldOut.auc.ciLow < r.heldOut.auc.auc);
        QVERIFY(r.heldOut.topSentence.startsWith("Calling the top 20% by score reaches "));
        QVERIFY(r.heldOut.topSentence.endsWith("% of the subscribers."));
        QCOMPARE(int(r.heldOut.deciles.size()), 10);
        QVERIFY(relClose(r.heldOut.deciles[9].cumulativeCapture, 1.0, 1e-12));

        const std::vector<double> all = cl::scoreFrame(f, d, r.fit);
        QCOMPARE(all.size(), f.rowCount());
        for (size_t i = 0; i < r.split.test.size(); ++i)
            QVERIFY(relClose(all[d.frameRow[r.split.test[i]]], r.testScores[i], 1e-12));
    }
    void scoringGivesNaNForMissingValues()
    {
        cl::DataFrame f = syntheticFrame(300, 13);
        cl::ModelSpec spec;
        spec.include = {"pdays"};
        const cl::DesignMatrix d = cl::buildDesign(f, spec);
        const cl::LogisticFit fit = cl::fitLogistic(d);
        QVERIFY2(fit.ok() || fit.status == cl::LogisticFit::Status::Separation,
                 qPrintable(fit.message));
        const std::vector<double> s = cl::scoreFrame(f, d, fit);
        for (size_t i = 0; i < f.rowCount(); ++i)
            QCOMPARE(std::isnan(s[i]), std::isnan(f.column("pdays")->value(i)));
    }
};

QTEST_GUILESS_MAIN(TestRegression)
#include "tst_regression.moc"
