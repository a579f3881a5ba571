// The import plan on records held in memory: roles, cleaning rules and quality, no SQLite.
#include "import/CategoryDictionary.h"
#include "import/ImportPlan.h"

#include <QtTest>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <random>

using namespace cl;

namespace {

/// Records as the plan gets them from a source: fields as text views.
class Records
{
public:
    explicit Records(const QList<QStringList> &rows)
    {
        for (const QStringList &row : rows) {
            std::vector<std::string> fields;
            for (const QString &f : row)
                fields.push_back(f.toStdString());
            m_text.push_back(std::move(fields));
        }
    }
    std::vector<std::string_view> fields(size_t row) const
    {
        return {m_text[row].begin(), m_text[row].end()};
    }
    size_t size() const { return m_text.size(); }

private:
    std::vector<std::vector<std::string>> m_text;
};

const QStringList kHeader{QStringLiteral("age"),      QStringLiteral("job"),
                          QStringLiteral("pdays"),    QStringLiteral("previous"),
                          QStringLiteral("poutcome"), QStringLiteral("y")};

/// A sample of the shape a CSV source hands over (it types the columns).
QList<QStringList> sampleRows()
{
    return {{"41", "admin.", "999", "0", "nonexistent", "no"},
            {"35", "blue-collar", "6", "1", "success", "yes"},
            {"58", "retired", "999", "1", "failure", "no"}};
}

int silverIndex(const ImportPlan &plan, const QString &name)
{
    const DatasetTables t = plan.tables();
    for (size_t i = 0; i < t.silver.size(); ++i)
        if (t.silver[i].name == name)
            return int(i);
    return -1;
}

/// The cell of `column` (a silver column's name) in row `row` of `batch`.
const ImportCell &cell(const ImportPlan &plan, const ImportBatch &batch, int row,
                       const QString &column)
{
    return batch.cells[size_t(row) * size_t(plan.rowWidth()) + size_t(silverIndex(plan, column))];
}

ImportBatch emptyBatch(const ImportPlan &plan)
{
    ImportBatch batch;
    batch.remaindersUsed.resize(size_t(plan.remainderCount()), 0);
    return batch;
}

} // namespace

class TestImportPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void columnsAreLaidOutBeforeAnyRecord()
    {
        ImportPlan plan(kHeader, sampleRows(), {});
        QVERIFY2(plan.ok(), qPrintable(plan.error()));
        const DatasetTables t = plan.tables();
        QStringList names;
        for (const auto &c : t.silver)
            names << c.name;
        // Source columns, then the derived ones, then the target.
        QCOMPARE(names, QStringList({"age", "job", "pdays", "previous", "poutcome", "age_band",
                                     "previously_contacted", "y"}));
        QVERIFY(t.silver[1].categorical);
        QCOMPARE(t.silver[0].type, StorageType::Integer);
        // One raw rule per source column; the target rebuilt from 0/1.
        QCOMPARE(int(t.raw.size()), kHeader.size());
        QCOMPARE(t.raw[5].kind, RawColumnRule::Kind::Target);
        QCOMPARE(t.raw[2].kind, RawColumnRule::Kind::Pdays);
        QCOMPARE(t.previouslyContacted, 6);
        QCOMPARE(t.pdaysSentinel, int64_t(999));
        QCOMPARE(plan.rowWidth(), int(t.silver.size() + t.remainders.size()));
    }

    void aHeaderWithoutTargetIsRefused()
    {
        ImportPlan plan({"age", "job"}, {{"41", "admin."}}, {});
        QVERIFY(!plan.ok());
        QVERIFY2(plan.error().contains(QLatin1String("target")), qPrintable(plan.error()));
    }

    void previouslyContacted_data()
    {
        QTest::addColumn<QStringList>("record");
        QTest::addColumn<int>("contacted"); // -1: NULL
        QTest::addColumn<bool>("pdaysNull");
        QTest::newRow("never: 999, no previous")
            << QStringList{"41", "admin.", "999", "0", "nonexistent", "no"} << 0 << true;
        QTest::newRow("contacted 6 days ago")
            << QStringList{"35", "admin.", "6", "1", "success", "yes"} << 1 << false;
        // 4,110 clients of bank-additional-full: pdays 999 but previous > 0 (poutcome failure).
        QTest::newRow("999 with earlier contacts")
            << QStringList{"58", "admin.", "999", "2", "failure", "no"} << 1 << true;
        QTest::newRow("pdays missing")
            << QStringList{"58", "admin.", "NA", "0", "nonexistent", "no"} << -1 << true;
    }
    void previouslyContacted()
    {
        QFETCH(QStringList, record);
        QFETCH(int, contacted);
        QFETCH(bool, pdaysNull);
        ImportPlan plan(kHeader, sampleRows(), {});
        ImportBatch batch = emptyBatch(plan);
        const Records records({record});
        QString reason;
        QVERIFY2(plan.addRecord(records.fields(0), batch, &reason), qPrintable(reason));
        const ImportCell &flag = cell(plan, batch, 0, kPreviouslyContactedColumn);
        if (contacted < 0) {
            QCOMPARE(flag.kind, ImportCell::Null);
        } else {
            QCOMPARE(flag.kind, ImportCell::Int);
            QCOMPARE(flag.i, int64_t(contacted));
        }
        QCOMPARE(cell(plan, batch, 0, "pdays").kind == ImportCell::Null, pdaysNull);
    }

    void implausibleValuesRejectTheRowAndLeaveTheBatch()
    {
        ImportPlan plan(kHeader, sampleRows(), {});
        ImportBatch batch = emptyBatch(plan);
        const Records records({{"41", "admin.", "999", "0", "nonexistent", "no"},
                               {"150", "admin.", "999", "0", "nonexistent", "no"},
                               {"41", "admin.", "999", "0.5", "nonexistent", "no"}});
        QString reason;
        QVERIFY(plan.addRecord(records.fields(0), batch, &reason));
        const size_t cellsAfterOne = batch.cells.size();
        QVERIFY(!plan.addRecord(records.fields(1), batch, &reason));
        QCOMPARE(reason,
                 QStringLiteral("column 'age': 150 is outside the plausible range 1 to 120"));
        QVERIFY(!plan.addRecord(records.fields(2), batch, &reason));
        QCOMPARE(reason, QStringLiteral("column 'previous': 0.5 is not a whole number"));
        QCOMPARE(batch.cells.size(), cellsAfterOne);
        QCOMPARE(batch.rows, 1);
        const ImportCounts n = plan.counts();
        QCOMPARE(n.dataLines, int64_t(3));
        QCOMPARE(n.rowsRead, int64_t(1));
        QCOMPARE(n.rowsRejected, int64_t(2));
        const QualitySummary q = plan.quality(0);
        bool warned = false;
        for (const QualityWarning &w : q.codedWarnings())
            if (w.code == QualityWarning::Code::ValuesOutOfRange && w.params.value(0) == "age")
                warned = w.params.value(1) == QLatin1String("1");
        QVERIFY2(warned, qPrintable(q.warnings.join('\n')));
    }

    void targetSpellings_data()
    {
        QTest::addColumn<QString>("spelling");
        QTest::addColumn<int>("y"); // -1: rejected
        QTest::newRow("yes") << "yes" << 1;
        QTest::newRow("no") << "no" << 0;
        QTest::newRow("1") << "1" << 1;
        QTest::newRow("TRUE") << "TRUE" << 1;
        QTest::newRow(" n ") << " n " << 0;
        QTest::newRow("maybe") << "maybe" << -1;
        QTest::newRow("empty") << "" << -1;
    }
    void targetSpellings()
    {
        QFETCH(QString, spelling);
        QFETCH(int, y);
        ImportPlan plan(kHeader, sampleRows(), {});
        ImportBatch batch = emptyBatch(plan);
        const Records records({{"41", "admin.", "999", "0", "nonexistent", spelling}});
        QString reason;
        QCOMPARE(plan.addRecord(records.fields(0), batch, &reason), y >= 0);
        if (y < 0) {
            QVERIFY2(reason.startsWith(QLatin1String("target column 'y'")), qPrintable(reason));
            return;
        }
        QCOMPARE(cell(plan, batch, 0, kTargetColumn).i, int64_t(y));
        QCOMPARE(plan.counts().subscribers, int64_t(y));
        // A spelling other than yes/no is kept for the raw view.
        const bool kept = spelling != QLatin1String("yes") && spelling != QLatin1String("no");
        QCOMPARE(std::count(batch.remaindersUsed.begin(), batch.remaindersUsed.end(), 1) == 1,
                 kept);
    }

    void categoriesAreCodedInOrderOfFirstSight()
    {
        ImportPlan plan(kHeader, sampleRows(), {});
        ImportBatch batch = emptyBatch(plan);
        const Records records({{"41", "admin.", "999", "0", "nonexistent", "no"},
                               {"35", "blue-collar", "999", "0", "nonexistent", "no"},
                               {"36", "admin.", "999", "0", "nonexistent", "yes"},
                               {"37", "", "999", "0", "nonexistent", "no"}});
        QString reason;
        for (size_t r = 0; r < records.size(); ++r)
            QVERIFY2(plan.addRecord(records.fields(r), batch, &reason), qPrintable(reason));
        QCOMPARE(cell(plan, batch, 0, "job").i, int64_t(0));
        QCOMPARE(cell(plan, batch, 1, "job").i, int64_t(1));
        QCOMPARE(cell(plan, batch, 2, "job").i, int64_t(0));
        const std::vector<QStringList> levels = plan.levels();
        QCOMPARE(levels[size_t(silverIndex(plan, "job"))].mid(0, 2),
                 QStringList({"admin.", "blue-collar"}));
        QVERIFY(levels[size_t(silverIndex(plan, "job"))].contains(kMissingLevel));
        // Age bands are preset levels; 41 falls in the band that holds it.
        const QStringList bands = levels[size_t(silverIndex(plan, kAgeBandColumn))];
        QCOMPARE(bands, AgeBands().labels());
        const QualitySummary q = plan.quality(2);
        QCOMPARE(q.rowsRead, qint64(4));
        QCOMPARE(q.subscribers, qint64(1));
        QCOMPARE(q.duplicates, qint64(2));
        QCOMPARE(q.columns[1].missing, qint64(1));
        QCOMPARE(q.columns[1].distinct, 3);
    }

    // Issue 13: spellings are found through a hash table that grows (it was a linear list up
    // to 16 spellings and a map beyond). Thousands of levels, long labels alike but for one
    // byte in the middle, and other spellings of a known label keep their codes.
    void manySpellingsKeepTheirCodesAndExactness()
    {
        cl::CategoryDictionary dict;
        std::vector<std::string> labels;
        for (int i = 0; i < 3000; ++i) {
            const std::string middle = std::to_string(i);
            labels.push_back(i % 3 == 0 ? "level" + middle
                                        : "a long label of one kind " + middle + " ending alike");
        }
        bool exact = false;
        for (size_t i = 0; i < labels.size(); ++i) {
            QCOMPARE(dict.codeOf(labels[i], &exact), int(i));
            QVERIFY(exact);
        }
        std::mt19937 rng(13);
        for (int k = 0; k < 20000; ++k) {
            const size_t i = rng() % labels.size();
            QCOMPARE(dict.codeOf(labels[i], &exact), int(i));
            QVERIFY(exact);
            // Another spelling of the same label: the same code, not given back by the label.
            std::string upper = labels[i];
            upper[0] = char(std::toupper(static_cast<unsigned char>(upper[0])));
            QCOMPARE(dict.codeOf(upper, &exact), int(i));
            QVERIFY(!exact);
            QCOMPARE(dict.codeOf(" " + labels[i], &exact), int(i));
            QVERIFY(!exact);
        }
        QCOMPARE(dict.labels().size(), qsizetype(labels.size()));
        QCOMPARE(dict.codeOf("", &exact), int(labels.size())); // the missing level, new
        QVERIFY(exact);
        QCOMPARE(dict.codeOf("  ", &exact), int(labels.size()));
        QVERIFY(!exact);
    }

    // A file crafted against the spellings' hash: 8-byte labels that all share a slot under
    // key 0 (found by running the hash backwards). Each insert walked every label before it
    // (a probe of 1999 slots for the 2000th; for 65,535 labels and millions of rows, hours).
    // Past kMaxProbe the table changes to Qt's seeded hash: the codes stay, the probes are short.
    void labelsCraftedToCollideDoNotMakeLongProbes()
    {
        constexpr uint64_t k1 = 0x9E3779B97F4A7C15ull;
        constexpr uint64_t k2 = 0xC2B2AE3D27D4EB4Full;
        uint64_t inverse = k2; // of k2, mod 2^64 (Newton)
        for (int i = 0; i < 6; ++i)
            inverse *= 2 - k2 * inverse;
        const auto craft = [&](uint64_t target) { // fastHash(w, 0) == target, w 8 bytes
            uint64_t x = (target ^ (target >> 32)) * inverse;
            uint64_t y = x;
            for (int i = 0; i < 3; ++i)
                y = x ^ (y >> 29);
            return (y ^ (8 * k1)) * inverse;
        };
        std::vector<std::string> labels;
        for (uint64_t i = 0; labels.size() < 2000; ++i) {
            const uint64_t w = craft((i << 20) | 0x2A5);
            std::string text(8, ' ');
            std::memcpy(text.data(), &w, 8);
            if (std::all_of(text.begin(), text.end(), [](char c) { return c > ' ' && c < 127; }))
                labels.push_back(text);
        }
        for (const std::string &l : labels) // the craft works: one slot under key 0
            QCOMPARE(cl::CategoryDictionary::fastHash(l, 0) & 0xFFFFF, uint64_t(0x2A5));

        for (const uint64_t key : {uint64_t(0), cl::CategoryDictionary::processKey()}) {
            cl::CategoryDictionary dict(key);
            std::map<QString, int> expected; // by first appearance of the normalised label
            bool exact = false;
            for (int pass = 0; pass < 2; ++pass)
                for (const std::string &l : labels) {
                    const auto [it, added] = expected.emplace(cl::CategoryDictionary::normalise(l),
                                                              int(expected.size()));
                    Q_UNUSED(added);
                    QCOMPARE(dict.codeOf(l, &exact), it->second);
                }
            QVERIFY2(dict.longestProbe() <= cl::CategoryDictionary::kMaxProbe,
                     qPrintable(QString::number(dict.longestProbe())));
        }
    }

    void unreadableRecordsCountAsRejected()
    {
        ImportPlan plan(kHeader, sampleRows(), {});
        plan.addUnreadable();
        QCOMPARE(plan.counts().dataLines, int64_t(1));
        QCOMPARE(plan.counts().rowsRejected, int64_t(1));
        QCOMPARE(plan.counts().rowsRead, int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestImportPlan)
#include "tst_import_plan.moc"
