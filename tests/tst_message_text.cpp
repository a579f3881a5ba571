// Issue 15 ("Words"): every note, exclusion reason, error and progress phase that models/ makes
// for the GUI comes from the MessageText catalogue, so the GUI can show it in bokmål while the
// run and the CLI keep English. Real fits on frames made here (and on bank-additional-full
// where present) make each kind; a translator installed here shows that shownText() translates
// what the producers made, template and filled-in words alike.
#include "data/DataFrame.h"
#include "demo/DemoDataGenerator.h"
#include "import/CsvImporter.h"
#include "import/LayoutMatcher.h"
#include "regression/DesignMatrix.h"
#include "regression/LogisticFit.h"
#include "regression/ModelRun.h"
#include "segments/SegmentEngine.h"
#include "source/DialectDetector.h"
#include "store/FrameLoader.h"
#include "store/TableQuery.h"
#include "store/Workspace.h"
#include "util/MessageText.h"

#include "LoadedDataset.h"
#include "TestSupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <cmath>
#include <random>

using namespace cl;

namespace {

/// A bank-like frame: age, job, duration, pdays (NaN for most), age_band, y from a known model.
DataFrame bankLike(size_t n, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<double> age(n), duration(n), pdays(n), near(n);
    std::vector<int32_t> job(n), band(n), one(n, 0);
    std::vector<uint8_t> y(n);
    for (size_t i = 0; i < n; ++i) {
        age[i] = std::floor(18 + 60 * u(rng));
        near[i] = age[i] + 0.01 * u(rng); // moves with age: unstable odds ratios
        const double r = u(rng);
        job[i] = r < 0.5 ? 0 : r < 0.8 ? 1 : 2;
        duration[i] = 60 + 500 * u(rng);
        pdays[i] = u(rng) < 0.9 ? std::nan("") : std::floor(30 * u(rng));
        band[i] = age[i] < 35 ? 0 : age[i] < 55 ? 1 : 2;
        const double eta = -1.5 + 0.02 * (age[i] - 45) + (job[i] == 1 ? 0.6 : 0);
        y[i] = u(rng) < 1 / (1 + std::exp(-eta)) ? 1 : 0;
    }
    job[7] = 3; // one row: under ModelSpec::minLevelShare
    DataFrame f;
    f.setTarget(y);
    f.addColumn(FrameColumn::numeric("age", age));
    f.addColumn(FrameColumn::numeric("age_near", near));
    f.addColumn(FrameColumn::categorical("job", {"admin.", "blue-collar", "retired", "rare"}, job));
    f.addColumn(FrameColumn::numeric("duration", duration));
    f.addColumn(FrameColumn::numeric("pdays", pdays));
    f.addColumn(FrameColumn::categorical("single", {"only"}, one));
    FrameColumn b = FrameColumn::categorical("age_band", {"<35", "35-54", "55+"}, band);
    b.derived = true;
    f.addColumn(b);
    return f;
}

/// `f` with a column "grade" whose level "never" (the first `count` rows) has no subscriber.
DataFrame withOneOutcomeLevel(DataFrame f, int count)
{
    std::vector<uint8_t> y = f.target();
    std::vector<int32_t> grade(f.rowCount(), 0);
    for (int i = 0; i < count; ++i) {
        grade[size_t(i)] = 1;
        y[size_t(i)] = 0;
    }
    DataFrame g;
    g.setTarget(y);
    for (const FrameColumn &c : f.columns())
        g.addColumn(c);
    g.addColumn(FrameColumn::categorical("grade", {"usual", "never"}, grade));
    return g;
}

/// A one-number frame: y = 1 iff x > 0 (complete) or with a tie at 0 (quasi-complete).
DataFrame thresholdFrame(bool complete)
{
    std::vector<double> x;
    std::vector<uint8_t> y;
    for (int i = -20; i <= 20; ++i) {
        if (i == 0 && complete)
            continue;
        x.push_back(i);
        y.push_back(i > 0 ? 1 : 0);
    }
    if (!complete) {
        x.push_back(0);
        y.push_back(1);
    }
    DataFrame f;
    f.setTarget(y);
    f.addColumn(FrameColumn::numeric("score", x));
    return f;
}

/// The texts a run hands to the GUI, each with what it is.
struct Produced
{
    QString what;
    QString text;
};

void collect(const DesignMatrix &d, QList<Produced> *out)
{
    for (const QString &n : d.notes)
        out->append({QStringLiteral("note"), n});
    for (const ExcludedColumn &e : d.excluded)
        out->append({QStringLiteral("reason"), e.reason});
    if (!d.error.isEmpty())
        out->append({QStringLiteral("design error"), d.error});
}

void collect(const LogisticFit &f, QList<Produced> *out)
{
    if (!f.message.isEmpty()) // empty when the run stopped before the fit
        out->append({QStringLiteral("fit message"), f.message});
    out->append({QStringLiteral("fit status"), fitStatusName(f.status)});
    for (const QString &s : f.separation)
        out->append({QStringLiteral("separation"), s});
    for (const AliasedTerm &a : f.aliased)
        if (!a.combination.contains(QLatin1Char('*'))) // a formula is numbers and names
            out->append({QStringLiteral("aliased"), a.combination});
    if (const QString s = unstablePredictorsSentence(f); !s.isEmpty())
        out->append({QStringLiteral("unstable"), s});
}

void collect(const ModelRunResult &r, const QStringList &phases, QList<Produced> *out)
{
    collect(r.design, out);
    collect(r.report.fit, out);
    if (!r.error.isEmpty())
        out->append({QStringLiteral("run error"), r.error});
    for (const QString &p : phases)
        out->append({QStringLiteral("phase"), p});
}

ModelRunResult run(const DataFrame &frame, const ModelRunSettings &settings, QStringList *phases)
{
    return runModel(frame, settings, [phases](double, const QString &phase) {
        if (!phases->contains(phase))
            phases->append(phase);
        return true;
    });
}

/// Every kind of text the regression makes, from real fits on the frames above.
QList<Produced> producedTexts()
{
    QList<Produced> out;
    const DataFrame f = bankLike(3000, 3);

    // Defaults: duration, pdays and age_band left out with reasons; the rare job level
    // merged; "single" has one level; age and age_near move together.
    QStringList phases;
    collect(run(f, {}, &phases), phases, &out);

    // duration and pdays brought back: a post-call note and rows with a missing pdays.
    ModelRunSettings back;
    back.spec.include = {QStringLiteral("duration"), QStringLiteral("pdays")};
    back.spec.exclude = {QStringLiteral("age_near")};
    phases.clear();
    collect(run(f, back, &phases), phases, &out);

    // A chosen column list and a user's exclusion.
    ModelSpec chosen;
    chosen.columns = {QStringLiteral("age"), QStringLiteral("job")};
    chosen.exclude = {QStringLiteral("job")};
    collect(buildDesign(f, chosen), &out);

    // A level where nobody subscribed, merged; kept, it separates (level and reference).
    const DataFrame g = withOneOutcomeLevel(f, 60);
    collect(buildDesign(g), &out);
    ModelSpec keep;
    keep.mergeOneOutcomeLevels = false;
    keep.exclude = {QStringLiteral("age_near")};
    collect(fitLogistic(buildDesign(g, keep)), &out);
    {
        // "never" as the reference: then the reference level is the separated one.
        ModelSpec ref = keep;
        ref.referenceLevels.insert(QStringLiteral("grade"), QStringLiteral("never"));
        collect(fitLogistic(buildDesign(g, ref)), &out);
    }

    // A number that separates, completely and quasi-completely.
    collect(fitLogistic(buildDesign(thresholdFrame(true))), &out);
    collect(fitLogistic(buildDesign(thresholdFrame(false))), &out);

    // Separation only the pair of columns shows: found along the diverging direction.
    {
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
            y.push_back(uint8_t(i % 2));
        }
        DataFrame j;
        j.setTarget(y);
        j.addColumn(FrameColumn::numeric("x1", a));
        j.addColumn(FrameColumn::numeric("x2", b));
        collect(fitLogistic(buildDesign(j)), &out);
    }

    // A constant column is aliased with the intercept.
    {
        DataFrame c = f;
        c.addColumn(FrameColumn::numeric("zero", std::vector<double>(f.rowCount(), 0.0)));
        collect(fitLogistic(buildDesign(c)), &out);
    }

    // Errors: an unknown column, an unknown reference level, one outcome only, no complete row.
    ModelSpec unknown;
    unknown.columns = {QStringLiteral("salary")};
    collect(buildDesign(f, unknown), &out);
    ModelSpec badRef;
    badRef.referenceLevels.insert(QStringLiteral("job"), QStringLiteral("astronaut"));
    collect(buildDesign(f, badRef), &out);
    {
        DataFrame o;
        o.setTarget(std::vector<uint8_t>(50, 0));
        std::vector<double> x(50);
        for (size_t i = 0; i < 50; ++i)
            x[i] = double(i);
        o.addColumn(FrameColumn::numeric("x", x));
        collect(fitLogistic(buildDesign(o)), &out);
        DataFrame m;
        m.setTarget(std::vector<uint8_t>(50, 1));
        m.addColumn(FrameColumn::numeric("x", std::vector<double>(50, std::nan(""))));
        collect(buildDesign(m), &out);
    }
    // Not converged: one iteration allowed.
    {
        FitOptions once;
        once.maxIterations = 1;
        collect(fitLogistic(buildDesign(f), once), &out);
    }
    // A rolling-origin validation over rows out of date order.
    {
        DataFrame r = f;
        std::vector<int32_t> month(f.rowCount());
        for (size_t i = 0; i < month.size(); ++i)
            month[i] = int32_t(i % 3);
        r.addColumn(FrameColumn::categorical("month", {"mar", "apr", "may"}, month));
        ModelRunSettings rolling;
        rolling.validation.split.kind = SplitKind::RollingOrigin;
        phases.clear();
        collect(run(r, rolling, &phases), phases, &out);
    }
    // Segment queries the engine refuses, and one no row passes.
    {
        const SegmentEngine engine(f);
        const auto segment = [&](const QStringList &by, const QList<SegmentFilter> &filters) {
            SegmentQuery q;
            q.by = by;
            q.filters = filters;
            const SegmentResult r = engine.run(q);
            if (!r.error.isEmpty())
                out.append({QStringLiteral("segment error"), r.error});
            for (const QString &w : r.warnings)
                out.append({QStringLiteral("segment warning"), w});
        };
        segment({}, {});
        segment({QStringLiteral("salary")}, {});
        segment({QStringLiteral("age")}, {});
        segment({QStringLiteral("job"), QStringLiteral("job")}, {});
        segment({QStringLiteral("job")}, {{QStringLiteral("job"), {QStringLiteral("astronaut")}}});
        segment({QStringLiteral("job")}, {{QStringLiteral("job"), {}}});
    }
    out.append({QStringLiteral("demo name"), DemoDataGenerator::datasetName()});
    return out;
}

/// `bytes` written to `dir`/`name`; its path.
QString writeFile(const QString &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir + QLatin1Char('/') + name;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

/// Every kind of text an import makes for the GUI, from real imports of files made here:
/// each reason a row is rejected, the phases, and the errors of an import and of a preview.
QList<Produced> importTexts()
{
    QList<Produced> out;
    QTemporaryDir dir;
    Workspace ws;
    QString error;
    if (!ws.open(dir.path() + QStringLiteral("/ws.sqlite"), &error))
        qFatal("%s", qPrintable(error));
    const auto import = [&](const QString &path, ImportOptions options) {
        options.path = path;
        QStringList phases;
        const ImportResult r = CsvImporter(ws).run(options, [&](double, const QString &phase) {
            if (!phases.contains(phase))
                phases << phase;
            return true;
        });
        for (const QString &p : std::as_const(phases))
            out.append({QStringLiteral("import phase"), p});
        if (!r.error.isEmpty())
            out.append({QStringLiteral("import error"), r.error});
        return r;
    };

    // Every reason a row is rejected, after more good rows than the preview samples (a NUL
    // byte there would make it refuse the file as binary).
    QByteArray rows = "age;campaign;y\n";
    for (int i = 0; rows.size() <= DialectDetector::kSampleBytes; ++i)
        rows += QByteArray::number(20 + i % 50) + ";" + QByteArray::number(1 + i % 4) + ";" +
                (i % 7 ? "no" : "yes") + "\n";
    rows += "\n"                          // empty line
            "31;1\n"                      // a field short
            "32;1;\n"                     // no outcome
            "33;1;maybe\n"                // an outcome that is none
            "NaN;1;no\n"                  // NaN
            "inf;1;no\n"                  // infinite
            "abc;1;no\n"                  // not a number
            "300;1;no\n"                  // outside the plausible age range
            "34;2.5;no\n"                 // a count that is not whole
            "35;1;n\xff\n";               // invalid UTF-8
    rows += QByteArray("36;1;n\0o\n", 9); // a NUL byte
    rows += "\"37;1;no\n";                // a quote the file ends inside
    const QString bad = writeFile(dir.path(), QStringLiteral("bad.csv"), rows);
    const ImportResult imported = import(bad, {});
    ImportOptions reuse; // the same file again: first checked whether it is known
    reuse.reuseExisting = true;
    import(bad, reuse);
    QString readError;
    for (const RejectedRow &r :
         TableQuery::rejectedRows(ws.db(), imported.datasetId, 100, &readError))
        out.append({QStringLiteral("rejected row"), r.reason});
    if (!readError.isEmpty())
        qFatal("%s", qPrintable(readError));
    // Strict: the first rejected row fails the import, named by file and line.
    ImportOptions strict;
    strict.strict = true;
    import(bad, strict);
    // No row readable; a mapping naming no column; no outcome column; bad age bands.
    import(writeFile(dir.path(), QStringLiteral("none.csv"), "age;y\nabc;no\nxyz;yes\n"), {});
    ImportOptions mapped;
    mapped.roleOverrides.insert(QStringLiteral("salary"), ColumnRole::Target);
    import(bad, mapped);
    import(writeFile(dir.path(), QStringLiteral("notarget.csv"), "a;b\n1;2\n3;4\n"), {});
    ImportOptions bands;
    bands.ageBands = AgeBands({40, 30});
    import(bad, bands);
    // Files the preview cannot read: missing, empty, binary, a header over the sample size.
    const QString missing = dir.path() + QStringLiteral("/missing.csv");
    const QString empty = writeFile(dir.path(), QStringLiteral("empty.csv"), {});
    const QString binary =
        writeFile(dir.path(), QStringLiteral("binary.csv"), QByteArray("a;b\n\0\1\2", 7));
    const QString wide = writeFile(dir.path(), QStringLiteral("wide.csv"),
                                   QByteArray(DialectDetector::kSampleBytes + 10, 'a'));
    for (const QString &path : {missing, empty, binary, wide}) {
        const SniffResult sniff = DialectDetector::sniffFile(path);
        if (!sniff.ok)
            out.append({QStringLiteral("preview error"), sniff.error});
        import(path, {});
    }
    // Why a column got its role.
    const LayoutMatch layout = LayoutMatcher::match(
        {QStringLiteral("Age"), QStringLiteral("subscribed"), QStringLiteral("jobb")},
        {{QStringLiteral("Age"), ColumnRole::Age}});
    for (const ColumnMapping &c : layout.columns)
        if (!c.note.isEmpty())
            out.append({QStringLiteral("role note"), c.note});
    return out;
}

/// Marks every catalogue template as translated ("NB⟦template⟧") and gives the words their
/// bokmål, so a test can see what went through the translator.
class MarkingTranslator : public QTranslator
{
public:
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        if (qstrcmp(context, "cl::MessageText") != 0)
            return {};
        const QString s = QString::fromUtf8(source);
        if (s == QLatin1String("non-subscribers"))
            return QStringLiteral("ikke-abonnenter");
        if (s == QLatin1String("subscribers"))
            return QStringLiteral("abonnenter");
        if (s == QLatin1String("minus"))
            return QStringLiteral("minus");
        if (s == QLatin1String("plus"))
            return QStringLiteral("pluss");
        return QStringLiteral("NB⟦%1⟧").arg(s);
    }
};

/// Every text is in the catalogue (those that are not are listed), and each of `kinds` was
/// made at least once (a fixture that stops making one would hide it).
void verifyCatalogued(const QList<Produced> &texts, std::initializer_list<const char *> kinds)
{
    QSet<QString> made;
    QStringList missing;
    for (const Produced &p : texts) {
        made.insert(p.what);
        if (!isCatalogued(p.text))
            missing << QStringLiteral("%1: \"%2\"").arg(p.what, p.text);
    }
    for (const QString &m : std::as_const(missing))
        qInfo().noquote() << "not in the MessageText catalogue:" << m;
    QVERIFY2(missing.isEmpty(), qPrintable(QString::number(missing.size())));
    for (const char *kind : kinds)
        QVERIFY2(made.contains(QLatin1String(kind)), kind);
}

} // namespace

class TestMessageText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyProducedTextIsCatalogued()
    {
        const QList<Produced> texts = producedTexts();
        verifyCatalogued(texts, {"note", "reason", "design error", "fit message", "fit status",
                                 "separation", "aliased", "unstable", "run error", "phase",
                                 "segment error", "segment warning", "demo name"});
        if (QTest::currentTestFailed())
            return;
        // And each of the note and separation templates, named here by their English.
        const QString all = [&] {
            QStringList t;
            for (const Produced &p : texts)
                t << p.text;
            return t.join(QLatin1Char('\n'));
        }();
        for (const char *part :
             {"is known only after the call",
              "rows with a missing value in a used column",
              "% of the rows, under",
              "rows are non-subscribers, merged into the reference",
              "(quasi-complete separation; its coefficient goes to",
              "(the reference level)",
              "a threshold splits subscribers from non-subscribers (complete separation)",
              "(quasi-complete separation)",
              "are predicted ever more surely along",
              "= 0 (constant)",
              "not selected",
              "excluded by the user",
              "fewer than two levels",
              "no column 'salary' in the data",
              "reference level 'astronaut'",
              "one class only",
              "no rows without missing values",
              "not converged after",
              "converged in",
              "rolling-origin validation needs the rows in date order",
              "move so closely with the other predictors",
              "iteration 1, log-likelihood",
              "segment by 1 to",
              "(categorical columns:",
              "is numeric; segment by",
              "named twice",
              "is no value of",
              "no rows pass the filters"})
            QVERIFY2(all.contains(QLatin1String(part)), part);
    }

    void realDataNotesAreCatalogued()
    {
        CL_REQUIRE_SHARED(bank, "bank-additional-full.csv");
        QTemporaryDir dir;
        test::LoadedDataset loaded;
        QString error;
        QVERIFY2(test::importInto(dir.path(), bank, &loaded, &error), qPrintable(error));
        QList<Produced> texts;
        QStringList phases;
        for (const SplitKind split : {SplitKind::TimeOrdered, SplitKind::None}) {
            ModelRunSettings settings;
            settings.validation.split.kind = split;
            collect(run(loaded.frame, settings, &phases), phases, &texts);
        }
        // A dataset the workspace does not have.
        error.clear();
        QVERIFY(!loadFrame(*loaded.workspace, 424242, &error));
        texts.append({QStringLiteral("load error"), error});
        QVERIFY(texts.size() > 10);
        for (const Produced &p : std::as_const(texts))
            QVERIFY2(isCatalogued(p.text), qPrintable(p.what + QStringLiteral(": ") + p.text));
    }

    void everyImportTextIsCatalogued()
    {
        const QList<Produced> texts = importTexts();
        verifyCatalogued(
            texts, {"import phase", "import error", "rejected row", "preview error", "role note"});
        if (QTest::currentTestFailed())
            return;
        QStringList all;
        for (const Produced &p : texts)
            all << p.text;
        const QString joined = all.join(QLatin1Char('\n'));
        for (const char *part : {"empty line",
                                 "expected 3 fields, found 2",
                                 "target column 'y' is empty",
                                 "has 'maybe', expected yes/no",
                                 "'NaN' is not a number (leave the cell",
                                 "'inf' is not a finite number",
                                 "'abc' is not a number",
                                 "300 is outside the plausible range 1 to 120",
                                 "2.5 is not a whole number",
                                 "invalid UTF-8 byte sequence",
                                 "NUL byte in the record",
                                 "unterminated quoted field",

                                 "no data rows could be read (2 rejected; the first, line 2: "
                                 "column 'age': 'abc' is not a number)",
                                 "a column mapping names 'salary'",
                                 "no target column: none of the columns (a, b)",
                                 "age band edges must be ascending",
                                 "cannot open: ",
                                 "the file is empty",
                                 "binary data (a NUL byte at offset",
                                 "the header (the first record) is longer",
                                 "Checking whether the file is known",
                                 "Importing ",
                                 "Writing the quality summary",
                                 "Done",
                                 "mapped by the user",
                                 "'subscribed' read as"})
            QVERIFY2(joined.contains(QLatin1String(part)), part);
        QVERIFY(joined.contains(QRegularExpression(QStringLiteral("bad\\.csv:\\d+: empty line"))));
        // A text that only says where is not a catalogued text by that alone.
        QVERIFY(!isCatalogued(QStringLiteral("/tmp/x.csv: something new")));
        QVERIFY(!isCatalogued(QStringLiteral("/tmp/x.csv:3: something new")));
        QVERIFY(isCatalogued(QStringLiteral("/tmp/x.csv:3: empty line")));
        // A colon inside the wrapped text does not pass for a line number.
        QVERIFY(isCatalogued(QStringLiteral("/tmp/x.csv: column 'age': 'x' is not a number")));
    }

    void shownTextTranslatesWhatTheProducersMade()
    {
        MarkingTranslator nb;
        QVERIFY(QCoreApplication::installTranslator(&nb));
        const QLocale previous;
        QLocale::setDefault(QLocale(QLocale::NorwegianBokmal, QLocale::Norway));
        const auto restore = qScopeGuard([&] {
            QCoreApplication::removeTranslator(&nb);
            QLocale::setDefault(previous);
        });
        // A producer and the catalogue drifting apart leave the text unchanged (English).
        for (const Produced &p : producedTexts() + importTexts()) {
            const QString shown = shownText(p.text);
            QVERIFY2(shown.startsWith(QStringLiteral("NB⟦")),
                     qPrintable(p.what + QStringLiteral(" not translated: ") + p.text));
        }
        // The template translated, the words in it too, the counts in the locale's format.
        const DesignMatrix d = buildDesign(withOneOutcomeLevel(bankLike(3000, 3), 1200));
        const QString note = d.notes.filter(QStringLiteral("grade=never")).value(0);
        QCOMPARE(note, QStringLiteral("grade=never: all 1200 rows are non-subscribers, merged into "
                                      "the reference level usual (alone its coefficient would go "
                                      "to minus infinity)"));
        QCOMPARE(shownText(note),
                 QStringLiteral("NB⟦grade=never: all 1 200 rows are ikke-abonnenter, merged into "
                                "the reference level usual (alone its coefficient would go to "
                                "minus infinity)⟧")
                     .replace(QStringLiteral("1 200"), QLocale().toString(1200)));
        // A catalogued text inside another one is translated as well.
        const QString nested = englishText(Message::EarlierModelError)
                                   .arg(QStringLiteral("may"), englishText(Message::SingularError));
        QCOMPARE(shownText(nested),
                 QStringLiteral("NB⟦the model before may could not be fitted: NB⟦the information "
                                "matrix is singular⟧⟧"));
        // A level or column that happens to read like a word stays as it is.
        QCOMPARE(shownText(englishText(Message::NoColumnError).arg(QStringLiteral("plus"))),
                 QStringLiteral("NB⟦no column 'plus' in the data⟧"));
        // A text from no template comes back unchanged.
        QCOMPARE(shownText(QStringLiteral("bank-additional-full")),
                 QStringLiteral("bank-additional-full"));
        QCOMPARE(shownText(QString()), QString());
    }

    void withoutTranslatorShownTextIsTheEnglish()
    {
        // In the C locale (the format the producers write numbers in) nothing changes.
        const QLocale previous;
        QLocale::setDefault(QLocale::c());
        const auto restore = qScopeGuard([&] { QLocale::setDefault(previous); });
        for (const Produced &p : producedTexts() + importTexts())
            QCOMPARE(shownText(p.text), p.text);
    }
};

QTEST_GUILESS_MAIN(TestMessageText)
#include "tst_message_text.moc"
