// ImportPlan: column planning, cell cleaning and quality accumulators of an import.
#include "ImportPlan.h"

#include "CategoryDictionary.h"
#include "source/TypeInference.h"
#include "util/MessageText.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace cl {

namespace {

/// How the parser turns one source column into raw and silver cells.
struct ColumnPlan
{
    QString sourceName;
    QString name;
    ColumnRole role = ColumnRole::None;
    StorageType type = StorageType::Text;
    bool categorical = false; ///< silver keeps dictionary codes
    bool analysed = true;     ///< has a silver column
    bool isTarget = false;
    bool isPdays = false;
    bool isPrevious = false;
    bool isPoutcome = false;
    bool isAge = false;
    bool widened = false; ///< integer column that met a real value
    bool renamed = false; ///< stored under another name than the file's (LayoutMatcher)
    // Plausible values (numbers only): a value outside them rejects its row.
    double lowest = -std::numeric_limits<double>::infinity();
    double highest = std::numeric_limits<double>::infinity();
    bool whole = false;      ///< only whole numbers (counts, days)
    int64_t implausible = 0; ///< rows rejected for this column's value (range, NaN, infinity)
    // Quality accumulators.
    int64_t missing = 0;
    int64_t unknown = 0;             ///< free-text columns; categoricals count by code
    std::vector<int64_t> codeCounts; ///< rows per dictionary code (categoricals)
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    double sum = 0;
    int64_t numbers = 0;
};

/// Numbers beyond this are no campaign figure, and a double no longer holds every whole number
/// there (2^53 is about 9e15).
constexpr double kLargestPlausible = 1e15;

bool equalsIgnoreCase(std::string_view a, const char *lower)
{
    const size_t n = std::strlen(lower);
    if (a.size() != n)
        return false;
    for (size_t i = 0; i < n; ++i) {
        if (std::tolower(uint8_t(a[i])) != lower[i])
            return false;
    }
    return true;
}

/// yes/no, 1/0, true/false (any case, trimmed) -> 1/0; -1 for anything else.
int parseTarget(std::string_view s)
{
    if (s == "no") // the common spellings first
        return 0;
    if (s == "yes")
        return 1;
    s = TypeInference::trimmed(s);
    for (const char *yes : {"yes", "1", "true", "y"}) {
        if (equalsIgnoreCase(s, yes))
            return 1;
    }
    for (const char *no : {"no", "0", "false", "n"}) {
        if (equalsIgnoreCase(s, no))
            return 0;
    }
    return -1;
}

/// "NaN" in any case: a missing-value token for text, but no number and no missing value.
bool isNaNToken(std::string_view s)
{
    return equalsIgnoreCase(TypeInference::trimmed(s), "nan");
}

/// "inf", "-Infinity", ...: parsed by std::from_chars, but no plausible value.
bool isInfinityToken(std::string_view s)
{
    s = TypeInference::trimmed(s);
    if (!s.empty() && (s.front() == '-' || s.front() == '+'))
        s.remove_prefix(1);
    return equalsIgnoreCase(s, "inf") || equalsIgnoreCase(s, "infinity");
}

QString fromUtf8(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

/// A raw remainder column: the raw value of a source column where silver does not give it.
struct RemainderPlan
{
    QString name;
    int planIndex = -1;
};

/// Silver column description as stored in the dataset record.
struct SilverPlan
{
    QString name;
    bool categorical = false;
    bool isInteger = false;
    int planIndex = -1; ///< source column, -1 for derived
    QStringList presetLevels;
};

} // namespace

PlausibleRange plausibleRange(ColumnRole role)
{
    switch (role) {
    case ColumnRole::Age:
        return {1, 120, false};
    case ColumnRole::Day:
        return {1, 31, true};
    case ColumnRole::Duration:
        return {0, 86400, false}; // seconds: up to a day
    case ColumnRole::Campaign:
    case ColumnRole::Previous:
        return {0, 10000, true}; // contacts
    case ColumnRole::Pdays:
        return {-1, 36500, true}; // days, with the sentinels -1 and 999
    default:
        return {-kLargestPlausible, kLargestPlausible, false};
    }
}

QString plausibleBoundText(double v)
{
    return QString::number(v, 'g', 15);
}

struct ImportPlan::State
{
    LayoutMatch layout;
    QString error;
    std::vector<ColumnPlan> plan;
    std::vector<CategoryDictionary> dictionaries; ///< per plan index (used by categoricals only)
    std::vector<SilverPlan> silverPlans;
    std::vector<RemainderPlan> remainders;
    std::vector<int> silverIndexOf; ///< plan index -> silver column, -1 when not analysed
    int silverColumnCount = 0;
    int targetSilver = -1;
    int ageBandSilver = -1;          ///< silver index of age_band, or -1
    int prevContactSilver = -1;      ///< silver index of previously_contacted, or -1
    std::vector<int> remainderOf;    ///< plan index -> stored column of its raw remainder, or -1
    int rowWidth = 0;                ///< stored columns: silver, then remainders
    std::vector<ImportCell> rawRow;  ///< scratch: the current record's typed raw cells
    std::vector<ImportCell> nullRow; ///< rowWidth NULL cells, each row's starting point
    /// A column's last accepted number and its bytes (length kNone: none yet).
    struct NumberMemo
    {
        static constexpr size_t kNone = ~size_t(0);
        char bytes[16];
        size_t length = kNone;
        ImportCell::Kind kind = ImportCell::Null;
        int64_t iv = 0;
        double dv = 0;
    };
    std::vector<NumberMemo> lastNumber; ///< per plan index
    AgeBands bands;
    bool decimalComma = false;
    int64_t pdaysSentinelA = 999;
    int64_t pdaysSentinelB = -1;
    ImportCounts counts;
    bool tooManyLevels = false;

    bool planColumns(const QStringList &header, const QList<QStringList> &sample,
                     const ImportPlanSettings &settings);
    bool convertRecord(const std::vector<std::string_view> &fields, ImportBatch &batch,
                       QString *reason);
    int64_t unknownCount(size_t c) const;
    /// The source column a silver column holds; nullptr for a derived one.
    const ColumnPlan *sourceOf(const SilverPlan &s) const
    {
        return s.planIndex >= 0 ? &plan[size_t(s.planIndex)] : nullptr;
    }
};

bool ImportPlan::State::planColumns(const QStringList &header, const QList<QStringList> &sample,
                                    const ImportPlanSettings &settings)
{
    auto &st = *this;
    decimalComma = settings.decimalComma;
    layout = LayoutMatcher::match(header, settings.roleOverrides);
    if (!layout.ok()) {
        error = layout.error;
        return false;
    }
    // Type evidence from the sampled rows.
    const int ncols = int(header.size());
    std::vector<TypeInference::ColumnEvidence> evidence(static_cast<size_t>(ncols));
    std::vector<QSet<QString>> distinct(static_cast<size_t>(ncols));
    for (const QStringList &row : sample) {
        if (row.size() != ncols)
            continue;
        for (int c = 0; c < ncols; ++c) {
            const QByteArray utf8 = row[c].toUtf8();
            evidence[size_t(c)].add(std::string_view(utf8.constData(), size_t(utf8.size())),
                                    st.decimalComma);
            if (distinct[size_t(c)].size() <= 1000)
                distinct[size_t(c)].insert(row[c].trimmed().toLower());
        }
    }
    const QString layoutName = layout.layout;
    for (int c = 0; c < ncols; ++c) {
        const ColumnMapping &m = layout.columns[c];
        ColumnPlan p;
        p.sourceName = m.sourceName;
        p.name = m.name;
        p.role = m.role;
        p.isTarget = m.role == ColumnRole::Target;
        p.isAge = m.role == ColumnRole::Age;
        p.isPdays = m.role == ColumnRole::Pdays;
        p.isPrevious = m.role == ColumnRole::Previous;
        p.isPoutcome = m.role == ColumnRole::Poutcome;
        p.renamed = m.renamed;
        const PlausibleRange range = plausibleRange(m.role);
        p.lowest = range.lowest;
        p.highest = range.highest;
        p.whole = range.whole;
        const StorageType inferred = TypeInference::inferType(evidence[size_t(c)]);
        if (p.isTarget) {
            p.type = StorageType::Text;
        } else if (m.role != ColumnRole::None && !isCategoricalRole(m.role)) {
            p.type = inferred == StorageType::Real && !p.whole ? StorageType::Real
                                                               : StorageType::Integer;
        } else if (m.role != ColumnRole::None) {
            p.type = StorageType::Text; // categorical roles stay text even when coded 0/1
        } else {
            p.type = inferred;
        }
        p.categorical = p.type == StorageType::Text && !p.isTarget;
        // Free text with many distinct values (ids, names) is kept raw but not analysed.
        const auto &e = evidence[size_t(c)];
        const int64_t present = e.integers + e.reals + e.texts;
        const auto levels = qsizetype(distinct[size_t(c)].size());
        p.analysed = !(p.categorical && m.role == ColumnRole::None && present >= 20 &&
                       levels * 10 > present * 9);
        st.plan.push_back(p);
    }
    st.dictionaries.resize(st.plan.size());
    st.silverIndexOf.assign(st.plan.size(), -1);
    int ageIndex = -1;
    int pdaysIndex = -1;
    for (int c = 0; c < ncols; ++c) {
        const ColumnPlan &p = st.plan[size_t(c)];
        if (!p.analysed || p.isTarget)
            continue;
        st.silverIndexOf[size_t(c)] = int(silverPlans.size());
        silverPlans.push_back({p.name, p.categorical, p.type == StorageType::Integer, c, {}});
        if (p.isAge)
            ageIndex = c;
        if (p.isPdays)
            pdaysIndex = c;
    }
    if (ageIndex >= 0) {
        st.ageBandSilver = int(silverPlans.size());
        silverPlans.push_back({kAgeBandColumn, true, true, -1, settings.ageBands.labels()});
    }
    if (pdaysIndex >= 0) {
        st.prevContactSilver = int(silverPlans.size());
        silverPlans.push_back({kPreviouslyContactedColumn,
                               true,
                               true,
                               -1,
                               {QStringLiteral("no"), QStringLiteral("yes")}});
    }
    const int target = layout.indexOfRole(ColumnRole::Target);
    st.targetSilver = int(silverPlans.size());
    st.silverIndexOf[size_t(target)] = st.targetSilver;
    silverPlans.push_back({kTargetColumn, false, true, target, {}});
    st.silverColumnCount = int(silverPlans.size());
    // Raw remainders: every column whose raw value silverPlans can differ from.
    QSet<QString> names;
    for (const SilverPlan &s : silverPlans)
        names.insert(s.name.toLower());
    st.remainderOf.assign(st.plan.size(), -1);
    for (int c = 0; c < ncols; ++c) {
        const ColumnPlan &p = st.plan[size_t(c)];
        if (p.analysed && !p.categorical && !p.isTarget && !p.isPdays)
            continue; // silverPlans holds the raw number itself
        QString name = p.name + QStringLiteral("__raw");
        for (int k = 2; names.contains(name.toLower()); ++k)
            name = p.name + QStringLiteral("__raw%1").arg(k);
        names.insert(name.toLower());
        st.remainderOf[size_t(c)] = st.silverColumnCount + int(remainders.size());
        remainders.push_back({name, c});
    }
    st.rowWidth = st.silverColumnCount + int(remainders.size());
    st.rawRow.resize(st.plan.size());
    st.nullRow.assign(size_t(st.rowWidth), ImportCell{});
    st.lastNumber.assign(st.plan.size(), {});
    st.bands = settings.ageBands;
    if (layoutName == QLatin1String("bank-full"))
        st.pdaysSentinelA = -1; // 999 is a real value there
    return true;
}

bool ImportPlan::State::convertRecord(const std::vector<std::string_view> &fields,
                                      ImportBatch &batch, QString *reason)
{
    auto &st = *this;
    const size_t ncols = st.plan.size();
    if (fields.size() != ncols) {
        *reason = englishText(Message::FieldCountReason).arg(ncols).arg(fields.size());
        return false;
    }
    const size_t base = batch.cells.size();
    const size_t textBase = batch.text.size();
    // Remainders start as NULL. Copied from a row of NULLs (one block copy), not resize()'s
    // construction cell by cell: 1.6% of the import.
    batch.cells.insert(batch.cells.end(), st.nullRow.begin(), st.nullRow.end());
    ImportCell *raw = st.rawRow.data();
    ImportCell *silver = batch.cells.data() + base;
    auto rejectWith = [&](const QString &why) {
        *reason = why;
        batch.cells.resize(base);
        batch.text.resize(textBase);
        return false;
    };
    auto remainder = [&](size_t c) -> ImportCell & {
        const int r = st.remainderOf[c];
        batch.remaindersUsed[size_t(r - st.silverColumnCount)] = 1;
        return silver[r];
    };
    auto appendText = [&](ImportCell &cell, std::string_view f) {
        cell.kind = ImportCell::Text;
        cell.offset = uint32_t(batch.text.size());
        cell.length = uint32_t(f.size());
        batch.text.append(f);
    };
    double age = std::numeric_limits<double>::quiet_NaN();
    int pdaysState = -1; // -1 no pdays column, 0 never contacted, 1 contacted, 2 missing
    // Other evidence of an earlier campaign's contact: previous > 0, or a poutcome other than
    // "nonexistent" / "unknown" (4,110 clients of bank-additional-full have previous > 0 and
    // poutcome = failure with pdays = 999).
    bool contactedBefore = false;
    size_t pdaysSentinelColumn = ncols; // the pdays column when it held the usual sentinel

    for (size_t c = 0; c < ncols; ++c) {
        const ColumnPlan &col = st.plan[c];
        const std::string_view f = fields[c];
        const int si = st.silverIndexOf[c];
        ImportCell &rc = raw[c];
        if (col.isTarget) {
            const int y = parseTarget(f);
            if (y < 0) {
                return rejectWith(TypeInference::isMissingToken(f)
                                      ? englishText(Message::EmptyTargetReason).arg(col.sourceName)
                                      : englishText(Message::BadTargetReason)
                                            .arg(col.sourceName, fromUtf8(f.substr(0, 40))));
            }
            rc.kind = ImportCell::Text;
            silver[si].kind = ImportCell::Int;
            silver[si].i = y;
            if (f != (y == 1 ? std::string_view("yes") : std::string_view("no")))
                appendText(remainder(c), f);
            continue;
        }
        if (col.type == StorageType::Text) {
            rc.kind = f.empty() ? ImportCell::Null : ImportCell::Text;
            if (si < 0 && !f.empty())
                appendText(remainder(c), f); // free text: kept as it is
            continue;                        // the silver code is assigned once the row is accepted
        }
        // The last number of this column, by its bytes: the macro columns, pdays and previous
        // repeat from one row to the next (rows come in date order), and a parse, its range
        // check and the missing-token test are a fifth of the parser's time.
        NumberMemo &memo = st.lastNumber[c];
        int64_t iv = 0;
        double dv = 0;
        ImportCell::Kind kind;
        if (f.size() == memo.length && sameShortBytes(f.data(), memo.bytes, f.size())) {
            kind = memo.kind;
            iv = memo.iv;
            dv = memo.dv;
        } else {
            if (TypeInference::isMissingToken(f)) {
                if (isNaNToken(f)) {
                    ++st.plan[c].implausible;
                    return rejectWith(
                        englishText(Message::NaNReason)
                            .arg(col.sourceName, fromUtf8(TypeInference::trimmed(f))));
                }
                rc.kind = ImportCell::Null;
                if (si >= 0)
                    silver[si].kind = ImportCell::Null;
                if (col.isPdays)
                    pdaysState = 2;
                continue;
            }
            // The cell is built in registers and stored field by field: copying a just-written
            // ImportCell as one 16-byte block stalls on store forwarding (15% of the parser's
            // time).
            if (col.type == StorageType::Integer && TypeInference::parseInteger(f, iv)) {
                kind = ImportCell::Int;
                dv = double(iv);
            } else if (TypeInference::parseReal(f, st.decimalComma, dv)) {
                kind = ImportCell::Real;
            } else if (isInfinityToken(f)) {
                ++st.plan[c].implausible;
                return rejectWith(englishText(Message::InfiniteReason)
                                      .arg(col.sourceName, fromUtf8(TypeInference::trimmed(f))));
            } else {
                return rejectWith(englishText(Message::NotNumberReason)
                                      .arg(col.sourceName, fromUtf8(f.substr(0, 40))));
            }
            if (dv < col.lowest || dv > col.highest || (col.whole && dv != std::trunc(dv))) {
                ++st.plan[c].implausible;
                const QString text = fromUtf8(TypeInference::trimmed(f).substr(0, 40));
                return rejectWith(
                    dv < col.lowest || dv > col.highest
                        ? englishText(Message::OutOfRangeReason)
                              .arg(col.sourceName, text, plausibleBoundText(col.lowest),
                                   plausibleBoundText(col.highest))
                        : englishText(Message::NotWholeReason).arg(col.sourceName, text));
            }
            if (col.whole && kind == ImportCell::Real) { // "3.0" in a count: the count 3
                kind = ImportCell::Int;
                iv = int64_t(dv);
            }
            if (f.size() <= sizeof memo.bytes) { // only a number that passed every check
                std::memcpy(memo.bytes, f.data(), f.size());
                memo.length = f.size();
                memo.kind = kind;
                memo.iv = iv;
                memo.dv = dv;
            }
        }
        const auto store = [&](ImportCell &cell) {
            cell.kind = kind;
            if (kind == ImportCell::Int)
                cell.i = iv;
            else
                cell.d = dv;
        };
        store(rc);
        if (col.isAge)
            age = dv;
        if (si >= 0) {
            const bool never = col.isPdays && kind == ImportCell::Int &&
                               (iv == st.pdaysSentinelA || iv == st.pdaysSentinelB);
            if (col.isPdays)
                pdaysState = never ? 0 : 1;
            if (never && iv == st.pdaysSentinelA)
                pdaysSentinelColumn = c;
            if (col.isPrevious && dv > 0)
                contactedBefore = true;
            if (never) {
                // The raw view writes the usual sentinel back; only the other one is kept.
                if (iv != st.pdaysSentinelA)
                    store(remainder(c));
                silver[si].kind = ImportCell::Null;
            } else {
                store(silver[si]);
            }
        }
    }
    // Accepted: grow dictionaries and quality counters.
    for (size_t c = 0; c < ncols; ++c) {
        ColumnPlan &col = st.plan[c];
        const ImportCell &rc = raw[c];
        const int si = st.silverIndexOf[c];
        if (rc.kind == ImportCell::Null) {
            ++col.missing;
        } else if (rc.kind == ImportCell::Int || rc.kind == ImportCell::Real) {
            const double v = rc.kind == ImportCell::Int ? double(rc.i) : rc.d;
            if (rc.kind == ImportCell::Real && col.type == StorageType::Integer)
                col.widened = true;
            col.min = std::min(col.min, v);
            col.max = std::max(col.max, v);
            col.sum += v;
            ++col.numbers;
        }
        if (col.categorical) {
            const std::string_view f = fields[c];
            if (col.isPoutcome) {
                const std::string_view v = TypeInference::trimmed(f);
                if (!v.empty() && v != "nonexistent" && v != "unknown" &&
                    !TypeInference::isMissingToken(v))
                    contactedBefore = true;
            }
            if (si >= 0) {
                bool exact = true;
                const int code = st.dictionaries[c].codeOf(f, &exact);
                if (code >= kMaxLevels) {
                    st.tooManyLevels = true;
                    return rejectWith(englishText(Message::TooManyLevelsReason)
                                          .arg(col.sourceName)
                                          .arg(kMaxLevels));
                }
                silver[si].kind = ImportCell::Int;
                silver[si].i = code;
                if (size_t(code) >= col.codeCounts.size())
                    col.codeCounts.resize(size_t(code) + 1, 0);
                ++col.codeCounts[size_t(code)];
                if (!exact)
                    appendText(remainder(c), f);
            } else if (TypeInference::trimmed(f) == "unknown") {
                ++col.unknown;
            }
        }
    }
    if (st.ageBandSilver >= 0) {
        const int band = st.bands.bandOf(age);
        silver[st.ageBandSilver].kind = band < 0 ? ImportCell::Null : ImportCell::Int;
        silver[st.ageBandSilver].i = band;
    }
    if (st.prevContactSilver >= 0) {
        const bool contacted = pdaysState == 1 || contactedBefore;
        silver[st.prevContactSilver].kind =
            pdaysState == 0 || contacted ? ImportCell::Int : ImportCell::Null;
        silver[st.prevContactSilver].i = contacted ? 1 : 0;
        // The raw view writes the sentinel back where previously_contacted is 0; where other
        // history says yes, the sentinel is kept as a remainder instead.
        if (contacted && pdaysSentinelColumn < ncols) {
            ImportCell &r = remainder(pdaysSentinelColumn);
            r.kind = ImportCell::Int;
            r.i = st.pdaysSentinelA;
        }
    }
    return true;
}

/// Rows whose value is 'unknown': for a categorical the rows of its 'unknown' level, however
/// the file spells it ("Unknown", " unknown").
int64_t ImportPlan::State::unknownCount(size_t c) const
{
    const ColumnPlan &p = plan[c];
    if (!p.categorical || !p.analysed)
        return p.unknown;
    const auto code = size_t(dictionaries[c].labels().indexOf(QStringLiteral("unknown")));
    return code < p.codeCounts.size() ? p.codeCounts[code] : 0;
}

QualitySummary ImportPlan::quality(int64_t duplicates) const
{
    const State &st = *d;
    const ImportCounts &n = st.counts;
    QualitySummary q;
    q.dataLines = n.dataLines;
    q.rowsRead = n.rowsRead;
    q.rowsRejected = n.rowsRejected;
    q.duplicates = duplicates;
    q.subscribers = n.subscribers;
    for (size_t c = 0; c < st.plan.size(); ++c) {
        const ColumnPlan &p = st.plan[c];
        ColumnQuality cq;
        cq.name = p.name;
        cq.sourceName = p.sourceName;
        cq.role = p.role == ColumnRole::None ? QString() : roleName(p.role);
        cq.missing = p.missing;
        cq.unknown = st.unknownCount(c);
        cq.analysed = p.analysed;
        if (p.categorical || p.isTarget) {
            cq.type = p.isTarget ? QStringLiteral("target") : QStringLiteral("categorical");
            cq.distinct = p.isTarget ? int(n.subscribers > 0) + int(n.rowsRead > n.subscribers)
                                     : int(st.dictionaries[c].labels().size());
        } else {
            cq.type = (p.type == StorageType::Real || p.widened) ? QStringLiteral("real")
                                                                 : QStringLiteral("integer");
            if (p.numbers > 0) {
                cq.min = p.min;
                cq.max = p.max;
                cq.mean = p.sum / double(p.numbers);
            }
        }
        q.columns << cq;
    }
    std::vector<ColumnFacts> facts;
    for (const ColumnPlan &p : st.plan) {
        ColumnFacts f;
        f.pdaysSentinel = p.isPdays;
        f.renamed = p.renamed;
        f.implausible = p.implausible;
        f.lowest = plausibleBoundText(p.lowest);
        f.highest = plausibleBoundText(p.highest);
        facts.push_back(f);
    }
    q.addWarnings(facts);
    return q;
}

ImportPlan::ImportPlan(const QStringList &header, const QList<QStringList> &sample,
                       const ImportPlanSettings &settings)
    : d(std::make_unique<State>())
{
    if (header.isEmpty())
        d->error = englishText(Message::NoColumnsError);
    else
        d->planColumns(header, sample, settings);
}

ImportPlan::~ImportPlan() = default;

bool ImportPlan::ok() const
{
    return d->error.isEmpty();
}

QString ImportPlan::error() const
{
    return d->error;
}

QString ImportPlan::layout() const
{
    return d->layout.layout;
}

int ImportPlan::rowWidth() const
{
    return d->rowWidth;
}

int ImportPlan::remainderCount() const
{
    return int(d->remainders.size());
}

bool ImportPlan::addRecord(const std::vector<std::string_view> &fields, ImportBatch &batch,
                           QString *reason)
{
    ImportCounts &n = d->counts;
    ++n.dataLines;
    if (!d->convertRecord(fields, batch, reason)) {
        ++n.rowsRejected;
        return false;
    }
    ++n.rowsRead;
    ++batch.rows;
    n.subscribers += batch.cells[batch.cells.size() - size_t(d->rowWidth - d->targetSilver)].i;
    return true;
}

bool ImportPlan::tooManyLevels() const
{
    return d->tooManyLevels;
}

void ImportPlan::addUnreadable()
{
    ++d->counts.dataLines;
    ++d->counts.rowsRejected;
}

const ImportCounts &ImportPlan::counts() const
{
    return d->counts;
}

DatasetTables ImportPlan::tables() const
{
    const State &st = *d;
    DatasetTables t;
    for (const SilverPlan &s : st.silverPlans) {
        const ColumnPlan *p = st.sourceOf(s);
        const StorageType type = (s.categorical || s.isInteger || (p && p->isTarget) || !p)
                                     ? StorageType::Integer
                                     : p->type;
        t.silver.push_back({s.name, type, s.categorical});
    }
    for (const RemainderPlan &r : st.remainders)
        t.remainders.push_back({r.name, st.plan[size_t(r.planIndex)].type, false});
    for (size_t c = 0; c < st.plan.size(); ++c) {
        const ColumnPlan &p = st.plan[c];
        RawColumnRule rule;
        rule.name = p.name;
        rule.silver = st.silverIndexOf[c];
        rule.remainder = st.remainderOf[c] >= 0 ? st.remainderOf[c] - st.silverColumnCount : -1;
        if (p.isTarget)
            rule.kind = RawColumnRule::Kind::Target;
        else if (p.categorical)
            rule.kind = RawColumnRule::Kind::Categorical;
        else if (p.isPdays)
            rule.kind = RawColumnRule::Kind::Pdays;
        t.raw.push_back(rule);
    }
    t.previouslyContacted = st.prevContactSilver;
    t.pdaysSentinel = st.pdaysSentinelA;
    return t;
}

std::vector<QStringList> ImportPlan::levels() const
{
    const State &st = *d;
    std::vector<QStringList> levels;
    for (const SilverPlan &s : st.silverPlans) {
        const ColumnPlan *p = st.sourceOf(s);
        levels.push_back(p && p->categorical ? st.dictionaries[size_t(s.planIndex)].labels()
                                             : s.presetLevels);
    }
    return levels;
}

QList<SilverColumn> ImportPlan::columns() const
{
    const State &st = *d;
    QList<SilverColumn> columns;
    for (const SilverPlan &s : st.silverPlans) {
        const ColumnPlan *p = st.sourceOf(s);
        SilverColumn col;
        col.name = s.name;
        col.sourceName = p ? p->sourceName : QString();
        col.rawType = p ? p->type : StorageType::Integer;
        col.role = p ? p->role : ColumnRole::None;
        col.categorical = s.categorical;
        col.derived = s.planIndex < 0;
        columns << col;
    }
    return columns;
}

} // namespace cl
