// LiveModel: counts, then the fit's passes as grouping-sets queries in the engine's dialect.
#include "LiveModel.h"

#include "LiveDataset.h"
#include "WarehouseSql.h"
#include "data/ColumnRole.h"
#include "regression/DesignPasses.h"
#include "regression/RowHash.h"
#include "regression/StatFunctions.h"
#include "util/AtomicFile.h"
#include "util/CsvField.h"
#include "util/MessageText.h"

#include <QHash>

#include <array>
#include <cmath>
#include <map>
#include <memory>

namespace cl {

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

// Every subquery below ends in the connection's fence() (PostgreSQL: OFFSET 0), which keeps
// the planner from pulling it up into the query above and repeating its expressions there.

double number(const QString &text)
{
    return text.isNull() ? 0.0 : text.toDouble();
}

/// The design's predictors on the engine: each categorical as cl_k<i> (its label), each
/// numeric as cl_x<q> (a double), the target as cl_y. Every name the model's SQL gives starts
/// with cl_, which a table's own columns are unlikely to: ClickHouse's shards read an alias
/// before a column of the same name (a target alias y read the column y).
struct LiveColumns
{
    QStringList catNames, numNames;          ///< analysis names, in the design's predictor order
    std::vector<QHash<QString, int>> codeOf; ///< per categorical: label -> level code
    std::vector<QStringList> levels;         ///< per categorical: labels by code
    /// The rows whose target reads, with every predictor's column.
    StagedRows readableRows;
    /// The rows whose target reads and whose every predictor is there.
    StagedRows completeRows;
    QString completeCondition; ///< of the readable rows' columns: every predictor is there
    /// The categoricals read from a column of the table (not derived ones): each one's number
    /// and its column's text.
    std::vector<std::pair<int, QString>> spelled;
    /// With rows held out (RowHash): the complete rows on each side (cl_ht 0 and 1).
    StagedRows trainingRows, heldOutRows;
};

/// The predictors' columns of a live table (LiveColumns), or false with *error set. The
/// categoricals numbered in `asIs` read the column's text as their label, without the
/// cleaning: for a column whose every row is spelled as its label (spelledAsLabels()), the
/// same labels for a fraction of the engine's work.
bool liveColumns(const WarehouseConnection &conn, const LiveDatasetInfo &info,
                 const QStringList &predictors, LiveColumns *lc, QString *error,
                 double testFraction = 0, const QSet<int> &asIs = {})
{
    const QString engine = conn.engine();
    QStringList select, complete;
    for (const QString &name : predictors) {
        const LiveColumn *c = info.column(name);
        if (c->role == roleName(ColumnRole::Pdays)) {
            *error = QStringLiteral("%1: column '%2' holds the pdays sentinel, which the "
                                    "import reads as missing; it is not pushed down yet: "
                                    "snapshot the table (import --from) to use it")
                         .arg(engine, name);
            return false;
        }
        if (c->categorical) {
            const int i = int(lc->catNames.size());
            lc->catNames << name;
            lc->levels.push_back(c->levels);
            QHash<QString, int> codes;
            for (int k = 0; k < c->levels.size(); ++k)
                codes.insert(c->levels[k], k);
            lc->codeOf.push_back(codes);
            const QString label = asIs.contains(i)
                                      ? conn.textExpr(WarehouseSql::columnRef(conn, c->source))
                                      : WarehouseSql::levelExpr(conn, info, *c);
            select << QStringLiteral("%1 AS cl_k%2").arg(label, QString::number(i));
            complete << QStringLiteral("cl_k%1 IS NOT NULL").arg(i);
            if (!c->source.isEmpty())
                lc->spelled.emplace_back(i,
                                         conn.textExpr(WarehouseSql::columnRef(conn, c->source)));
        } else {
            const int q = int(lc->numNames.size());
            lc->numNames << name;
            select << QStringLiteral("%1 AS cl_x%2")
                          .arg(WarehouseSql::numberExpr(conn, *c), QString::number(q));
            complete << QStringLiteral("cl_x%1 IS NOT NULL").arg(q);
        }
    }
    select << QStringLiteral("%1 AS cl_y").arg(WarehouseSql::targetExpr(conn, info));
    // With rows held out: RowHash's key from the predictors' values where it can (the key's
    // other columns as cl_h<i>), and cl_ht 1 where it holds the row out, 0 where it trains.
    QString heldOut;
    if (testFraction > 0) {
        const QList<const LiveColumn *> keyed = WarehouseSql::rowHashColumns(info);
        QStringList values;
        for (const LiveColumn *c : keyed) {
            if (const int k = int(lc->catNames.indexOf(c->name)); k >= 0 && c->categorical) {
                values << QStringLiteral("cl_k%1").arg(k);
            } else if (const int q = int(lc->numNames.indexOf(c->name)); q >= 0) {
                values << QStringLiteral("cl_x%1").arg(q);
            } else {
                values << QStringLiteral("cl_h%1").arg(values.size());
                select << QStringLiteral("%1 AS %2")
                              .arg(c->categorical ? WarehouseSql::levelExpr(conn, info, *c)
                                                  : WarehouseSql::numberExpr(conn, *c),
                                   values.back());
            }
        }
        heldOut =
            QStringLiteral("(CASE WHEN %1 < %2 THEN 1 ELSE 0 END) AS cl_ht")
                .arg(WarehouseSql::rowHashBucketExpr(conn, keyed, values, QStringLiteral("cl_y")),
                     QString::number(RowHash::threshold(testFraction)));
    }
    lc->readableRows.from = WarehouseSql::tableRef(conn, info.table, info.query);
    lc->readableRows.add(select, {QStringLiteral("cl_y IS NOT NULL")});
    if (!heldOut.isEmpty())
        lc->readableRows.add({heldOut});
    lc->completeCondition =
        complete.isEmpty() ? QStringLiteral("1 = 1") : complete.join(QStringLiteral(" AND "));
    lc->completeRows = lc->readableRows;
    lc->completeRows.filters[0] << complete;
    if (!heldOut.isEmpty()) {
        lc->trainingRows = lc->completeRows;
        lc->trainingRows.filters.back() << QStringLiteral("cl_ht = 0");
        lc->heldOutRows = lc->completeRows;
        lc->heldOutRows.filters.back() << QStringLiteral("cl_ht = 1");
    }
    return true;
}

/// One term of a linear predictor: a numeric term's values are taken from `centre` and divided
/// by its scale.
struct ScoreTerm
{
    const DesignTerm *term = nullptr;
    double coefficient = 0;
    double centre = 0;
};

/// The linear predictor over the rows of `lc`, as StructuredDesign and LinearPredictor compute
/// it: the intercept, each numeric column's coefficient times its centred value, each
/// categorical's level looked up (a level of no term, such as the reference, adds nothing).
QString scoreExpr(const WarehouseConnection &conn, const LiveColumns &lc,
                  const std::vector<ScoreTerm> &terms)
{
    const auto lit = [&](double v) { return conn.doubleLiteral(v); };
    QStringList eta;
    std::map<int, std::pair<QStringList, QStringList>> cases; // labels, values
    for (const ScoreTerm &s : terms) {
        const DesignTerm &t = *s.term;
        if (t.kind == DesignTerm::Kind::Intercept) {
            eta << lit(s.coefficient);
        } else if (t.kind == DesignTerm::Kind::Numeric) {
            QString value = QStringLiteral("(cl_x%1 - %2)")
                                .arg(QString::number(lc.numNames.indexOf(t.column)), lit(s.centre));
            if (t.scale != 1)
                value = QStringLiteral("(%1 / %2)").arg(value, lit(t.scale));
            eta << QStringLiteral("%1 * %2").arg(lit(s.coefficient), value);
        } else {
            auto &[labels, values] = cases[int(lc.catNames.indexOf(t.column))];
            labels << conn.quoteLiteral(t.level);
            values << lit(s.coefficient);
        }
    }
    for (const auto &[i, lookup] : cases)
        eta << conn.lookup(QStringLiteral("cl_k%1").arg(i), lookup.first, lookup.second);
    if (eta.isEmpty())
        eta << QStringLiteral("0");
    return conn.toDouble(eta.join(QStringLiteral(" + ")));
}

/// The linear predictor of a fitted model (its coefficients per design column).
QString scoreExpr(const WarehouseConnection &conn, const LiveColumns &lc,
                  const DesignMatrix &design, const LogisticFit &fit)
{
    std::vector<ScoreTerm> terms;
    for (size_t j = 0; j < design.terms.size(); ++j) {
        const DesignTerm &t = design.terms[j];
        if (fit.coefficients[j] != 0 || t.kind == DesignTerm::Kind::Intercept)
            terms.push_back({&t, fit.coefficients[j], t.centre});
    }
    return scoreExpr(conn, lc, terms);
}

/// The passes of a design over a live table, each one aggregate query.
class EnginePasses final : public DesignPasses
{
public:
    struct Shared
    {
        WarehouseConnection *conn = nullptr;
        const LiveColumns *columns = nullptr;
        const DesignMatrix *design = nullptr;
        ProgressCallback progress;
        LiveModelFit *out = nullptr;
        QString table;              ///< quoted, for the purpose of a query
        std::vector<double> centre; ///< per numeric: the mean over the complete rows
    };

    EnginePasses(std::shared_ptr<Shared> shared, std::vector<Index> cols)
        : m_shared(std::move(shared)), m_cols(std::move(cols))
    {
        m_means = VectorXd::Zero(Index(m_cols.size()));
        for (size_t a = 0; a < m_cols.size(); ++a) {
            const DesignTerm &t = term(a);
            if (t.kind == DesignTerm::Kind::Numeric)
                m_means(Index(a)) = m_shared->centre[size_t(numIndex(t))];
        }
    }

    const VectorXd &means() const override { return m_means; }
    DesignMoments crossProducts() override { return moments(nullptr); }
    DesignMoments newtonMoments(const VectorXd &beta) override { return moments(&beta); }
    SignCheck signsAlong(const VectorXd &direction) override;
    std::unique_ptr<DesignPasses> keep(const std::vector<Index> &kept) const override
    {
        std::vector<Index> cols;
        for (Index a : kept)
            cols.push_back(m_cols[size_t(a)]);
        return std::make_unique<EnginePasses>(m_shared, cols);
    }
    QString error() const override { return m_error; }
    bool cancelled() const override { return m_cancelled; }

private:
    const DesignTerm &term(size_t a) const { return m_shared->design->terms[size_t(m_cols[a])]; }
    const WarehouseConnection &conn() const { return *m_shared->conn; }
    QString literal(double v) const { return conn().doubleLiteral(v); }
    int catIndex(const DesignTerm &t) const
    {
        return int(m_shared->columns->catNames.indexOf(t.column));
    }
    int numIndex(const DesignTerm &t) const
    {
        return int(m_shared->columns->numNames.indexOf(t.column));
    }
    /// The complete rows with cl_c<q> (numerics centred), and cl_eta when beta is given.
    StagedRows rowsWithEta(const VectorXd *beta) const;
    DesignMoments moments(const VectorXd *beta);
    /// Runs one pass; false (and m_error) when it failed.
    /// Runs one pass whose answer has rows of at least `width` fields (exactly `count` rows
    /// when >= 0); false (and m_error) when it failed.
    bool run(const QString &sql, const QString &purpose, int width, int count, WarehouseRows *rows);

    std::shared_ptr<Shared> m_shared;
    std::vector<Index> m_cols; ///< design columns of these passes
    VectorXd m_means;
    QString m_error;
    bool m_cancelled = false;
};

bool EnginePasses::run(const QString &sql, const QString &purpose, int width, int count,
                       WarehouseRows *rows)
{
    *rows = m_shared->conn->queryShaped(sql, purpose.arg(m_shared->table), width, count,
                                        m_shared->progress);
    LiveModelFit &out = *m_shared->out;
    ++out.queries;
    if (!rows->ok) {
        m_error = rows->error;
        m_cancelled = rows->cancelled;
        return false;
    }
    out.rowsReturned += qint64(rows->rows.size());
    out.largestResult = std::max(out.largestResult, qint64(rows->rows.size()));
    out.bytes += rows->bytes;
    return true;
}

StagedRows EnginePasses::rowsWithEta(const VectorXd *beta) const
{
    const LiveColumns &lc = *m_shared->columns;
    QStringList stage;
    for (int q = 0; q < lc.numNames.size(); ++q)
        stage << QStringLiteral("(cl_x%1 - %2) AS cl_c%1")
                     .arg(QString::number(q), literal(m_shared->centre[size_t(q)]));
    if (beta) {
        // The numerics centred at the passes' means (a level of no kept column, such as the
        // reference or a merged or aliased level, adds nothing).
        std::vector<ScoreTerm> terms;
        for (size_t a = 0; a < m_cols.size(); ++a) {
            const DesignTerm &t = term(a);
            terms.push_back({&t, (*beta)(Index(a)),
                             t.kind == DesignTerm::Kind::Numeric
                                 ? m_shared->centre[size_t(numIndex(t))]
                                 : 0.0});
        }
        stage << scoreExpr(conn(), lc, terms) + QStringLiteral(" AS cl_eta");
    }
    StagedRows rows = lc.completeRows;
    if (!stage.isEmpty())
        rows.add(stage);
    return rows;
}

DesignMoments EnginePasses::moments(const VectorXd *beta)
{
    const LiveColumns &lc = *m_shared->columns;
    const Index k = Index(m_cols.size());
    // The categoricals and numerics these columns use.
    std::vector<int> cats, nums;
    for (size_t a = 0; a < m_cols.size(); ++a) {
        const DesignTerm &t = term(a);
        if (t.kind == DesignTerm::Kind::Level &&
            std::find(cats.begin(), cats.end(), catIndex(t)) == cats.end())
            cats.push_back(catIndex(t));
        if (t.kind == DesignTerm::Kind::Numeric)
            nums.push_back(numIndex(t));
    }
    std::sort(cats.begin(), cats.end());

    // Per row: the weight w and residual r (X'WX and X'r are sums of them), the fitted
    // probability and log-likelihood as StructuredDesign computes them (one exponential of
    // -|eta|, kept above PostgreSQL's underflow).
    StagedRows rows = rowsWithEta(beta);
    QStringList aggregates{QStringLiteral("sum(cl_w)"), QStringLiteral("sum(cl_r)")};
    for (int q : nums)
        aggregates << QStringLiteral("sum(cl_w * cl_c%1)").arg(q)
                   << QStringLiteral("sum(cl_r * cl_c%1)").arg(q);
    for (size_t a = 0; a < nums.size(); ++a)
        for (size_t b = a; b < nums.size(); ++b)
            aggregates << QStringLiteral("sum(cl_w * cl_c%1 * cl_c%2)")
                              .arg(QString::number(nums[a]), QString::number(nums[b]));
    const WarehouseConnection &db = conn();
    if (beta) {
        rows.add({QStringLiteral("exp(greatest(-abs(cl_eta), -708)) AS cl_ex")});
        rows.add({QStringLiteral("(CASE WHEN cl_eta >= 0 THEN 1 ELSE cl_ex END) / (1 + cl_ex) "
                                 "AS cl_pr")});
        rows.add({QStringLiteral("cl_pr * (1 - cl_pr) AS cl_w"),
                  QStringLiteral("cl_y - cl_pr AS cl_r"),
                  QStringLiteral("cl_y * cl_eta - greatest(cl_eta, 0) - %1 AS cl_ll")
                      .arg(db.ln(QStringLiteral("1 + cl_ex")))});
        aggregates << QStringLiteral("sum(cl_ll)")
                   << db.aggregateIf(QStringLiteral("sum"), QStringLiteral("cl_pr"),
                                     QStringLiteral("cl_y = 1"))
                   << db.aggregateIf(QStringLiteral("sum"), QStringLiteral("cl_pr"),
                                     QStringLiteral("cl_y = 0"))
                   << db.aggregateIf(QStringLiteral("count"), QStringLiteral("*"),
                                     QStringLiteral("cl_pr < 1e-8 OR cl_pr > 1 - 1e-8"));
    } else {
        rows.add({db.toDouble(QStringLiteral("1")) + QStringLiteral(" AS cl_w"),
                  db.toDouble(QStringLiteral("cl_y")) + QStringLiteral(" AS cl_r")});
        for (int q : nums) {
            const QString c = QStringLiteral("cl_c%1").arg(q);
            for (const char *f : {"min", "max"})
                aggregates << db.aggregateIf(QLatin1String(f), c, QStringLiteral("cl_y = 0"));
            for (const char *f : {"min", "max"})
                aggregates << db.aggregateIf(QLatin1String(f), c, QStringLiteral("cl_y = 1"));
        }
    }
    // One grouping set for the whole table and one per categorical with every sum; one per
    // pair of categoricals with the sum of w only (its cells fill X'WX's off-diagonal blocks).
    QStringList keys;
    std::vector<std::vector<int>> sets{{}};
    for (size_t a = 0; a < cats.size(); ++a) {
        keys << QStringLiteral("cl_k%1").arg(cats[a]);
        sets.push_back({int(a)});
    }
    for (size_t a = 0; a < cats.size(); ++a)
        for (size_t b = a + 1; b < cats.size(); ++b)
            sets.push_back({int(a), int(b)});
    std::vector<QStringList> levels;
    for (int i : cats)
        levels.push_back(lc.levels[size_t(i)]);
    if (!WarehouseConnection::codedSetsFit(sets, levels)) {
        m_error = QStringLiteral("%1: the model's categoricals have too many levels to fit on "
                                 "the engine")
                      .arg(db.engine());
        return {};
    }
    const QString sql = db.codedSetsSql(rows, keys, sets, aggregates, 1, levels);
    DesignMoments out;
    WarehouseRows result;
    if (!run(sql,
             beta ? QStringLiteral("a Newton step of the model on table %1")
                  : QStringLiteral("the cross-products of the model on table %1"),
             2, -1, &result))
        return out;

    // Read the sums by grouping set.
    const qint64 radix = WarehouseConnection::codedRadix(levels);
    std::vector<double> whole;
    std::map<std::pair<int, int>, std::vector<double>> single; // (cat, code) -> sums
    std::map<std::tuple<int, int, int, int>, double> pair;     // (cat, code, cat, code) -> sum w
    CodedGroup group;
    for (const QStringList &row : result.rows) {
        const bool read = WarehouseConnection::readCodedRow(row, sets, radix, &group);
        const std::vector<int> &grouped = sets[size_t(read ? group.set : 0)];
        if (!read || group.sums.size() != (grouped.size() == 2 ? 1 : size_t(aggregates.size()))) {
            m_error = QStringLiteral("%1: the answer of a pass has a row that reads as none of "
                                     "its groups: '%2'")
                          .arg(db.engine(), row.join(QLatin1Char(' ')).left(80));
            return {};
        }
        for (size_t a = 0; a < grouped.size(); ++a) {
            if (group.codes[a] < 0) {
                m_error = QStringLiteral("%1: column '%2' has a level new since the table was "
                                         "connected: connect it again")
                              .arg(db.engine(), lc.catNames[cats[size_t(grouped[a])]]);
                return {};
            }
        }
        if (grouped.empty())
            whole = group.sums;
        else if (grouped.size() == 1)
            single[{cats[size_t(grouped[0])], group.codes[0]}] = group.sums;
        else
            pair[{cats[size_t(grouped[0])], group.codes[0], cats[size_t(grouped[1])],
                  group.codes[1]}] = group.sums[0];
    }
    if (whole.empty()) {
        m_error = QStringLiteral("%1: the table has no complete rows any more").arg(db.engine());
        return {};
    }
    const size_t nn = nums.size();
    // Offsets into a set's sums: w, r, then w*c and r*c per numeric, then w*c*c per pair.
    auto wx = [&](size_t qa) { return 2 + 2 * qa; };
    auto rx = [&](size_t qa) { return 3 + 2 * qa; };
    std::vector<std::vector<size_t>> wxx(nn, std::vector<size_t>(nn));
    size_t at = 2 + 2 * nn;
    for (size_t a = 0; a < nn; ++a)
        for (size_t b = a; b < nn; ++b)
            wxx[a][b] = wxx[b][a] = at++;
    auto numSlot = [&](const DesignTerm &t) {
        return size_t(std::find(nums.begin(), nums.end(), numIndex(t)) - nums.begin());
    };
    static const std::vector<double> kNone;
    auto levelSums = [&](const DesignTerm &t) -> const std::vector<double> & {
        const auto it = single.find({catIndex(t), t.code});
        return it == single.end() ? kNone : it->second;
    };
    auto at0 = [](const std::vector<double> &v, size_t i) { return i < v.size() ? v[i] : 0.0; };

    out.gram = MatrixXd::Zero(k, k);
    out.score = VectorXd::Zero(k);
    for (Index a = 0; a < k; ++a) {
        const DesignTerm &ta = term(size_t(a));
        if (ta.kind == DesignTerm::Kind::Intercept)
            out.score(a) = whole[1];
        else if (ta.kind == DesignTerm::Kind::Numeric)
            out.score(a) = whole[rx(numSlot(ta))];
        else
            out.score(a) = at0(levelSums(ta), 1);
        for (Index b = 0; b <= a; ++b) {
            const DesignTerm &tb = term(size_t(b));
            double g = 0;
            using K = DesignTerm::Kind;
            const DesignTerm *lev = ta.kind == K::Level ? &ta : tb.kind == K::Level ? &tb : nullptr;
            const DesignTerm &other = lev == &ta ? tb : ta;
            if (!lev) {
                if (ta.kind == K::Intercept && tb.kind == K::Intercept)
                    g = whole[0];
                else if (ta.kind == K::Numeric && tb.kind == K::Numeric)
                    g = whole[wxx[numSlot(ta)][numSlot(tb)]];
                else
                    g = whole[wx(numSlot(ta.kind == K::Numeric ? ta : tb))];
            } else if (other.kind == K::Intercept) {
                g = at0(levelSums(*lev), 0);
            } else if (other.kind == K::Numeric) {
                g = at0(levelSums(*lev), wx(numSlot(other)));
            } else if (catIndex(ta) == catIndex(tb)) {
                g = ta.code == tb.code ? at0(levelSums(ta), 0) : 0.0;
            } else {
                const bool aFirst = catIndex(ta) < catIndex(tb);
                const DesignTerm &x = aFirst ? ta : tb, &y = aFirst ? tb : ta;
                const auto it = pair.find({catIndex(x), x.code, catIndex(y), y.code});
                g = it == pair.end() ? 0.0 : it->second;
            }
            out.gram(a, b) = out.gram(b, a) = g;
        }
    }
    if (beta) {
        out.logLik = whole[at];
        out.fittedPositive = whole[at + 1];
        out.fittedNegative = whole[at + 2];
        out.extreme = Index(whole[at + 3]);
    } else {
        out.ranges = MatrixXd::Constant(k, 4, NAN);
        for (Index a = 0; a < k; ++a) {
            const DesignTerm &t = term(size_t(a));
            if (t.kind != DesignTerm::Kind::Numeric)
                continue;
            const size_t first = at + 4 * numSlot(t);
            for (int c = 0; c < 4; ++c)
                out.ranges(a, c) = whole[first + size_t(c)];
        }
    }
    return out;
}

SignCheck EnginePasses::signsAlong(const VectorXd &direction)
{
    SignCheck c;
    const StagedRows rows = rowsWithEta(&direction);
    const WarehouseConnection &db = conn();
    const QString purpose = QStringLiteral("the separation check of the model on table %1");
    WarehouseRows r;
    if (!run(db.aggregateSql(rows, {QStringLiteral("max(abs(cl_eta))")}), purpose, 1, 1, &r))
        return c;
    c.scale = number(r.rows.at(0).at(0));
    c.finite = std::isfinite(c.scale);
    if (!(c.scale > 0))
        return c;
    const QString strict = literal(1e-3 * c.scale);
    const QString count = QStringLiteral("count"), all = QStringLiteral("*");
    if (!run(db.aggregateSql(
                 rows, {QStringLiteral("min(CASE WHEN cl_y = 1 THEN cl_eta ELSE -cl_eta END)"),
                        db.aggregateIf(count, all,
                                       QStringLiteral("cl_y = 1 AND cl_eta > %1").arg(strict)),
                        db.aggregateIf(count, all,
                                       QStringLiteral("cl_y = 0 AND -cl_eta > %1").arg(strict))}),
             purpose, 3, 1, &r))
        return c;
    c.worst = number(r.rows.at(0).at(0));
    c.strictYes = Index(number(r.rows.at(0).at(1)));
    c.strictNo = Index(number(r.rows.at(0).at(2)));
    return c;
}

} // namespace

namespace LiveModel {

DataFrame schema(const LiveDatasetInfo &info)
{
    DataFrame frame;
    for (const LiveColumn &c : info.columns) {
        // The outcome is no predictor (a local frame holds it apart from its columns).
        if (c.role == roleName(ColumnRole::Target))
            continue;
        if (c.categorical) {
            FrameColumn f = FrameColumn::categorical(c.name, c.levels, {});
            f.derived = c.source.isEmpty(); // age_band, previously_contacted
            frame.addColumn(std::move(f));
        } else if (WarehouseSql::isNumeric(info, c)) {
            frame.addColumn(FrameColumn::numeric(c.name, {}));
        }
    }
    return frame;
}

namespace {

/// Into *asIs, the categoricals of `lc` read from a column whose every row's text is its label
/// as the import cleans it. One query: the rows grouped by those columns' text (on ClickHouse
/// each shard groups its own rows), and the cleaning only once per group. Cleaning every row's
/// labels took about two fifths of a ClickHouse pass and most of the counts' query. A spelling
/// that comes in later (ClickHouse has no snapshot) is then no level, and the passes say so
/// rather than count it elsewhere. False, with out->error, when the query failed.
bool spelledAsLabels(WarehouseConnection &conn, const LiveColumns &lc, const QString &table,
                     const ProgressCallback &progress, QSet<int> *asIs, LiveModelFit *out)
{
    if (lc.spelled.empty())
        return true;
    StagedRows texts;
    texts.from = lc.readableRows.from;
    QStringList stage, columns, unlike;
    for (const auto &[i, text] : lc.spelled) {
        const QString name = QStringLiteral("cl_t%1").arg(i);
        stage << text + QStringLiteral(" AS ") + name;
        columns << name;
        unlike << QStringLiteral("sum(CASE WHEN %1 = %2 THEN 0 ELSE 1 END)")
                      .arg(conn.categoryExpr(name), name);
    }
    texts.add(stage);
    GroupedSelect groups;
    groups.items = columns;
    groups.groupBy = columns;
    const QString sql = QStringLiteral("SELECT %1 FROM (%2) AS cl_s")
                            .arg(unlike.join(QStringLiteral(", ")), conn.selectSql(texts, groups));
    const WarehouseRows r =
        conn.queryShaped(sql, QStringLiteral("reading how table %1 spells its labels").arg(table),
                         int(unlike.size()), 1, progress);
    ++out->queries;
    if (!r.ok) {
        out->error = r.error;
        return false;
    }
    out->rowsReturned += qint64(r.rows.size());
    out->bytes += r.bytes;
    for (size_t k = 0; k < lc.spelled.size(); ++k)
        if (r.rows.at(0).at(qsizetype(k)) == QLatin1String("0"))
            asIs->insert(lc.spelled[k].first);
    return true;
}

/// fit(), or with `designOnly` its first queries: the fingerprint, the spellings and the counts
/// that the design follows from.
LiveModelFit fitOrDesign(WarehouseConnection &conn, const LiveDatasetInfo &info,
                         const ModelSpec &spec, const FitOptions &options,
                         const ProgressCallback &progress, bool designOnly, double testFraction)
{
    LiveModelFit out;
    const QString engine = conn.engine();
    const QString quotedTable = conn.quoteIdentifier(info.table);
    if (spec.standardize || options.l2 > 0) {
        out.error = QStringLiteral("%1: standardised numbers and an L2 penalty are not pushed "
                                   "down yet: snapshot the table (import --from) to use them")
                        .arg(engine);
        return out;
    }
    const DataFrame frame = schema(info);
    LiveColumns lc;
    if (!(testFraction >= 0 && testFraction < 1)) {
        out.error = QStringLiteral("the held-out share %1 is not in [0, 1)").arg(testFraction);
        return out;
    }
    out.testFraction = testFraction;
    const bool split = testFraction > 0;
    if (!liveColumns(conn, info, designColumns(frame, spec), &lc, &out.error, testFraction))
        return out;
    const StagedRows &readable = lc.readableRows;
    const QString cc = lc.completeCondition;

    // One consistent read of the table for every query of the fit, where the engine has one.
    struct EndSnapshot
    {
        WarehouseConnection &conn;
        ~EndSnapshot()
        {
            if (!conn.snapshotEnd().isEmpty())
                conn.query(conn.snapshotEnd(), QStringLiteral("ending the model's snapshot"));
        }
    } endSnapshot{conn};
    for (const QString &statement : conn.snapshotBegin()) {
        const WarehouseRows begun =
            conn.query(statement, QStringLiteral("starting the model's snapshot"), progress);
        if (!begun.ok) {
            out.error = begun.error;
            return out;
        }
    }

    QString error;
    const QString now = LiveDataset::fingerprint(conn, info, &error, progress, &out.bytes);
    if (now.isEmpty()) {
        out.error = error;
        return out;
    }
    ++out.queries; // a pass over the table too
    out.fingerprint = now;
    // A table changed since its connect has each number checked per row.
    const LiveDatasetInfo read = LiveDataset::asOfFingerprint(info, now);
    if (now != info.fingerprint) {
        out.changed = QStringLiteral("table %1 changed since it was connected (fingerprint %2, "
                                     "now %3): the model is today's")
                          .arg(quotedTable, info.fingerprint, now);
        LiveColumns checked; // liveColumns() adds to what it is given
        if (!liveColumns(conn, read, designColumns(frame, spec), &checked, &out.error,
                         testFraction))
            return out;
        lc = std::move(checked);
    }

    // Every query from here on reads the columns spelled as their labels as they are.
    QSet<int> asIs;
    if (!spelledAsLabels(conn, lc, quotedTable, progress, &asIs, &out))
        return out;
    if (!asIs.isEmpty()) {
        LiveColumns plain;
        if (!liveColumns(conn, read, designColumns(frame, spec), &plain, &out.error, testFraction,
                         asIs))
            return out;
        lc = std::move(plain);
    }

    // The counts: rows, complete rows, subscribers, numeric sums, and per level.
    const int nc = int(lc.catNames.size());
    QStringList keys;
    std::vector<std::vector<int>> sets{{}};
    for (int i = 0; i < nc; ++i) {
        keys << QStringLiteral("cl_k%1").arg(i);
        sets.push_back({i});
    }
    const QString inComplete = QStringLiteral("cl_cc");
    QStringList sums{QStringLiteral("count(*)"),
                     conn.aggregateIf(QStringLiteral("count"), QStringLiteral("*"), inComplete),
                     conn.aggregateIf(QStringLiteral("sum"), QStringLiteral("cl_y"), inComplete)};
    for (int q = 0; q < lc.numNames.size(); ++q)
        sums << conn.aggregateIf(QStringLiteral("sum"), QStringLiteral("cl_x%1").arg(q),
                                 inComplete);
    // Without: their squares too, for the numeric terms' SDs (with: the training rows', below).
    const int squareSums = int(sums.size());
    if (!split)
        for (int q = 0; q < lc.numNames.size(); ++q)
            sums << conn.aggregateIf(QStringLiteral("sum"),
                                     QStringLiteral("cl_x%1 * cl_x%1").arg(q), inComplete);
    // With rows held out: the complete rows and subscribers on each side, the training rows'
    // numeric sums.
    const int sideSums = int(sums.size());
    if (split) {
        for (const char *side : {"0", "1"}) {
            const QString in = QStringLiteral("cl_cc AND cl_ht = %1").arg(QLatin1String(side));
            sums << conn.aggregateIf(QStringLiteral("count"), QStringLiteral("*"), in)
                 << conn.aggregateIf(QStringLiteral("sum"), QStringLiteral("cl_y"), in);
        }
        for (int q = 0; q < lc.numNames.size(); ++q)
            sums << conn.aggregateIf(QStringLiteral("sum"), QStringLiteral("cl_x%1").arg(q),
                                     QStringLiteral("cl_cc AND cl_ht = 0"))
                 << conn.aggregateIf(QStringLiteral("sum"),
                                     QStringLiteral("cl_x%1 * cl_x%1").arg(q),
                                     QStringLiteral("cl_cc AND cl_ht = 0"));
    }
    // Sums only, which a dialect may add up from partial sums (an empty sum, NULL, reads as
    // 0), and the levels known: both engines then group the rows by their cells first. A level
    // not among them comes back as code 0: with complete rows, the table has a new level.
    StagedRows flagged = readable;
    flagged.add({QStringLiteral("(%1) AS cl_cc").arg(cc)});
    if (!WarehouseConnection::codedSetsFit(sets, lc.levels)) {
        out.error = QStringLiteral("%1: the model's categoricals have too many levels to fit on "
                                   "the engine")
                        .arg(engine);
        return out;
    }
    const WarehouseRows counts = conn.queryShaped(
        conn.codedSetsSql(flagged, keys, sets, sums, int(sums.size()), lc.levels),
        QStringLiteral("counting the levels of table %1").arg(quotedTable), 2, -1, progress);
    ++out.queries;
    if (!counts.ok) {
        out.error = counts.error;
        return out;
    }
    out.rowsReturned += qint64(counts.rows.size());
    out.bytes += counts.bytes;
    out.largestResult = qint64(counts.rows.size());
    size_t tableRows = 0, completeRows = 0, positives = 0;
    std::vector<double> numericSums(size_t(lc.numNames.size()), 0.0);
    // With rows held out: the training rows' counts and sums, which the fit reads. The squares
    // are those of the rows the fit reads either way.
    size_t trainRows = 0, trainPositives = 0;
    std::vector<double> trainSums(size_t(lc.numNames.size()), 0.0);
    std::vector<double> fittedSquares(size_t(lc.numNames.size()), 0.0);
    // Per categorical and level: complete training rows, held-out rows and subscribers.
    std::vector<std::array<std::vector<qint64>, 3>> sides(static_cast<size_t>(nc));
    std::vector<LevelCounts> perLevel(static_cast<size_t>(nc));
    for (int i = 0; i < nc; ++i) {
        perLevel[size_t(i)].rows.assign(size_t(lc.levels[size_t(i)].size()), 0);
        perLevel[size_t(i)].positives.assign(size_t(lc.levels[size_t(i)].size()), 0);
        for (std::vector<qint64> &v : sides[size_t(i)])
            v.assign(size_t(lc.levels[size_t(i)].size()), 0);
    }
    const qint64 radix = WarehouseConnection::codedRadix(lc.levels);
    CodedGroup group;
    for (const QStringList &row : counts.rows) {
        if (!WarehouseConnection::readCodedRow(row, sets, radix, &group) ||
            group.sums.size() != size_t(sums.size())) {
            out.error = QStringLiteral("%1: the counts of table %2 have a row that reads as none "
                                       "of their groups: '%3'")
                            .arg(engine, quotedTable, row.join(QLatin1Char(' ')).left(80));
            return out;
        }
        auto sum = [&](int j) { return group.sums[size_t(j)]; };
        auto count = [&](int j) { return qint64(std::llround(group.sums[size_t(j)])); };
        if (sets[size_t(group.set)].empty()) {
            tableRows = size_t(count(0));
            completeRows = size_t(count(1));
            positives = size_t(count(2));
            for (int q = 0; q < lc.numNames.size(); ++q)
                numericSums[size_t(q)] = sum(3 + q);
            if (!split) {
                for (int q = 0; q < lc.numNames.size(); ++q)
                    fittedSquares[size_t(q)] = sum(squareSums + q);
            } else {
                trainRows = size_t(count(sideSums));
                trainPositives = size_t(count(sideSums + 1));
                out.heldOutRows = count(sideSums + 2);
                out.heldOutPositives = count(sideSums + 3);
                for (int q = 0; q < lc.numNames.size(); ++q) {
                    trainSums[size_t(q)] = sum(sideSums + 4 + 2 * q);
                    fittedSquares[size_t(q)] = sum(sideSums + 5 + 2 * q);
                }
            }
            continue;
        }
        const int grouped = sets[size_t(group.set)][0];
        const int code = group.codes[0];
        if (code < 0) {
            // NULL (a missing age band: no complete row), or a label none of the levels.
            if (count(1) == 0)
                continue;
            out.error = QStringLiteral("%1: column '%2' has a level new since table %3 was "
                                       "connected: connect it again")
                            .arg(engine, lc.catNames[grouped], quotedTable);
            return out;
        }
        perLevel[size_t(grouped)].rows[size_t(code)] = size_t(count(1));
        perLevel[size_t(grouped)].positives[size_t(code)] = size_t(count(2));
        if (split)
            for (int k = 0; k < 3; ++k)
                sides[size_t(grouped)][size_t(k)][size_t(code)] =
                    count(sideSums + (k == 0 ? 0 : k + 1));
    }
    // The fingerprint counted every row; the counts only those whose target reads.
    out.rowsWithoutTarget =
        std::max<qint64>(0, now.section(QLatin1Char(':'), 0, 0).toLongLong() - qint64(tableRows));
    out.design = designFromCounts(frame, spec, tableRows, completeRows, [&](const FrameColumn &c) {
        return perLevel[size_t(lc.catNames.indexOf(c.name))];
    });
    if (!out.design.ok()) {
        out.error = out.design.error;
        return out;
    }
    out.cells = 1;
    for (int i = 0; i < nc; ++i) {
        out.cells += lc.levels[size_t(i)].size();
        for (int j = i + 1; j < nc; ++j)
            out.cells += qint64(lc.levels[size_t(i)].size()) * lc.levels[size_t(j)].size();
    }
    if (designOnly)
        return out;
    if (split) {
        if (trainRows == 0 || out.heldOutRows == 0) {
            out.error = englishText(Message::EmptySplitError);
            return out;
        }
        // As validate() words them: held-out levels without a training row are scored as the
        // reference level.
        for (const DesignTerm &t : out.design.terms) {
            if (t.kind != DesignTerm::Kind::Level)
                continue;
            const auto &n = sides[size_t(lc.catNames.indexOf(t.column))];
            const size_t code = size_t(t.code);
            if (n[0][code] == 0 && n[1][code] > 0)
                out.unseenLevels.push_back(
                    {t.column, t.level, t.reference, size_t(n[1][code]), size_t(n[2][code])});
        }
        lc.completeRows = lc.trainingRows;
        completeRows = trainRows;
        positives = trainPositives;
        numericSums = trainSums;
    }
    // Each numeric term's SD over the rows the fit reads (ModelRunResult::termSd).
    const double fitted = double(completeRows);
    out.termSd.assign(out.design.terms.size(), std::nan(""));
    for (size_t j = 0; j < out.design.terms.size(); ++j) {
        const DesignTerm &t = out.design.terms[j];
        const qsizetype q = lc.numNames.indexOf(t.column);
        if (t.kind == DesignTerm::Kind::Numeric && q >= 0 && fitted >= 2) {
            const double sum = numericSums[size_t(q)], squares = fittedSquares[size_t(q)];
            out.termSd[j] = std::sqrt(std::max(0.0, (squares - sum * sum / fitted) / (fitted - 1)));
        }
    }

    auto shared = std::make_shared<EnginePasses::Shared>();
    shared->conn = &conn;
    shared->columns = &lc;
    shared->design = &out.design;
    // The fitter says how far it is; a query polling meanwhile repeats that, rather than 0.
    auto fraction = std::make_shared<double>(0.0);
    const ProgressCallback fitProgress = [progress, fraction](double f, const QString &phase) {
        *fraction = f;
        return reportProgress(progress, f, phase);
    };
    shared->progress = [progress, fraction](double, const QString &phase) {
        return reportProgress(progress, *fraction, phase);
    };
    shared->out = &out;
    shared->table = quotedTable;
    for (double s : numericSums)
        shared->centre.push_back(completeRows ? s / double(completeRows) : 0.0);
    std::vector<Index> all(out.design.cols());
    for (size_t j = 0; j < all.size(); ++j)
        all[j] = Index(j);
    EnginePasses passes(shared, all);
    out.fit = fitLogistic(out.design, completeRows, positives, passes, options, fitProgress);
    return out;
}

} // namespace

LiveModelFit fit(WarehouseConnection &conn, const LiveDatasetInfo &info, const ModelSpec &spec,
                 const FitOptions &options, const ProgressCallback &progress, double testFraction)
{
    return fitOrDesign(conn, info, spec, options, progress, false, testFraction);
}

LiveModelFit design(WarehouseConnection &conn, const LiveDatasetInfo &info, const ModelSpec &spec,
                    const ProgressCallback &progress)
{
    return fitOrDesign(conn, info, spec, FitOptions(), progress, true, 0);
}

LiveEvaluation evaluate(WarehouseConnection &conn, const LiveDatasetInfo &info,
                        const ModelSpec &spec, const LiveModelFit &model,
                        const ValidationOptions &options, const ProgressCallback &progress,
                        const ProfitAssumptions &profit)
{
    LiveEvaluation out;
    const LogisticFit &fit = model.fit;
    const DesignMatrix &design = model.design;
    if (!model.ok() || fit.coefficients.size() != design.terms.size()) {
        out.error = QStringLiteral("%1: there is no fitted model to evaluate").arg(conn.engine());
        return out;
    }
    LiveColumns lc;
    if (!liveColumns(conn, LiveDataset::asOfFingerprint(info, model.fingerprint),
                     designColumns(schema(info), spec), &lc, &out.error, model.testFraction))
        return out;
    out.heldOut = model.testFraction > 0;
    if (out.heldOut)
        lc.completeRows = lc.heldOutRows;
    const auto lit = [&](double v) { return conn.doubleLiteral(v); };

    // Ranked by the probability, as the local metrics rank (p as stats::sigmoid computes it):
    // far out, where p rounds to 1, distinct linear predictors are one score.
    StagedRows scored = lc.completeRows;
    scored.add({scoreExpr(conn, lc, design, fit) + QStringLiteral(" AS cl_eta")});
    scored.add({QStringLiteral("exp(greatest(-abs(cl_eta), -708)) AS cl_ex")});
    scored.add(
        {QStringLiteral("(CASE WHEN cl_eta >= 0 THEN 1 ELSE cl_ex END) / (1 + cl_ex) AS cl_pr")});

    // One row per distinct score with its ranks; every metric is a sum over those rows.
    const size_t evaluatedRows = out.heldOut ? size_t(model.heldOutRows) : fit.rows;
    const size_t evaluatedPositives = out.heldOut ? size_t(model.heldOutPositives) : fit.positives;
    const double n = double(evaluatedRows), positives = double(evaluatedPositives);
    const double negatives = n - positives;
    StagedRows ranked;
    ranked.from =
        QStringLiteral("(%1) AS cl_ranked")
            .arg(conn.rankedGroupsSql(scored, QStringLiteral("cl_pr"), QStringLiteral("cl_y")));
    // p: score, m: rows, q: subscribers, a: rows above, qa: subscribers above, u: the others,
    // b: rows below.
    ranked.add({QStringLiteral("cl_key AS cl_p"), QStringLiteral("cl_n AS cl_m"),
                QStringLiteral("cl_pos AS cl_q"), QStringLiteral("cl_above AS cl_a"),
                QStringLiteral("cl_posabove AS cl_qa")});
    ranked.add({QStringLiteral("cl_m - cl_q AS cl_u"),
                QStringLiteral("%1 - cl_m - cl_a AS cl_b").arg(lit(n))});
    // p clipped as logLoss clips it; the placement values of DeLong's variance: per subscriber
    // the share of non-subscribers scored below it (ties one half), per non-subscriber the
    // share of subscribers scored above it.
    ranked.add({QStringLiteral("(%1 - (cl_a - cl_qa) - cl_u + 0.5 * cl_u) / %2 AS cl_v10")
                    .arg(lit(negatives), lit(negatives)),
                QStringLiteral("(cl_qa + 0.5 * cl_q) / %1 AS cl_v01").arg(lit(positives))});
    ranked.add(
        {QStringLiteral("greatest(least(cl_p, %1), %2) AS cl_pc").arg(lit(1 - 1e-15), lit(1e-15))});
    const QString t = lit(options.threshold);
    QStringList sums{
        QStringLiteral("sum(cl_m)"),
        QStringLiteral("sum(cl_q)"),
        QStringLiteral("sum(cl_q * cl_v10)"),
        QStringLiteral("sum(cl_q * cl_v10 * cl_v10)"),
        QStringLiteral("sum(cl_u * cl_v01)"),
        QStringLiteral("sum(cl_u * cl_v01 * cl_v01)"),
        QStringLiteral("sum(cl_q * %1 + cl_u * %2)")
            .arg(conn.ln(QStringLiteral("cl_pc")), conn.ln(QStringLiteral("1 - cl_pc"))),
        QStringLiteral("sum(cl_m * cl_p * cl_p - 2 * cl_p * cl_q + cl_q)"),
        QStringLiteral("sum(CASE WHEN cl_p >= %1 THEN cl_q ELSE 0 END)").arg(t),
        QStringLiteral("sum(CASE WHEN cl_p >= %1 THEN cl_u ELSE 0 END)").arg(t)};
    // Rank-based groups: rank i (0-based) is in group floor(i * G / n), so group g holds ranks
    // ceil(g n / G) to ceil((g + 1) n / G) - 1. A score's rows hold ranks [from, from + m):
    // counting from the top for the deciles (from = a), from the bottom for the calibration
    // groups (from = b).
    const qint64 rows = qint64(evaluatedRows);
    const auto cut = [rows](qint64 g, qint64 groups) { return (g * rows + groups - 1) / groups; };
    const auto overlap = [&](const QString &from, qint64 lo, qint64 hi) {
        return QStringLiteral("greatest(%1, least(%2, %3 + cl_m) - greatest(%4, %3))")
            .arg(lit(0), lit(double(hi)), from, lit(double(lo)));
    };
    const auto tiedAt = [](const QString &ov) {
        return QStringLiteral("sum(CASE WHEN %1 > 0 AND %1 < cl_m THEN cl_q ELSE 0 END)").arg(ov);
    };
    // As captureAtTop and the target list count it.
    const qint64 top = std::min(rows, qint64(std::ceil(options.topFraction * double(rows) - 1e-9)));
    sums << QStringLiteral("sum(%1 * cl_q / cl_m)").arg(overlap(QStringLiteral("cl_a"), 0, top))
         << tiedAt(overlap(QStringLiteral("cl_a"), 0, top));
    const int fixedSums = int(sums.size());
    constexpr int kDeciles = 10;
    for (int d = 0; d < kDeciles; ++d) {
        const QString ov = overlap(QStringLiteral("cl_a"), cut(d, kDeciles), cut(d + 1, kDeciles));
        sums << QStringLiteral("sum(%1)").arg(ov) << QStringLiteral("sum(%1 * cl_q / cl_m)").arg(ov)
             << QStringLiteral("min(CASE WHEN %1 > 0 THEN cl_p END)").arg(ov)
             << QStringLiteral("max(CASE WHEN %1 > 0 THEN cl_p END)").arg(ov) << tiedAt(ov);
    }
    // As hosmerLemeshow: fewer than 3 groups give no test.
    const int groups = options.calibrationGroups >= 3 ? options.calibrationGroups : 0;
    for (int g = 0; g < groups; ++g) {
        const QString ov = overlap(QStringLiteral("cl_b"), cut(g, groups), cut(g + 1, groups));
        sums << QStringLiteral("sum(%1)").arg(ov) << QStringLiteral("sum(%1 * cl_q / cl_m)").arg(ov)
             << QStringLiteral("sum(%1 * cl_p)").arg(ov) << tiedAt(ov);
    }
    // Calling every row down to a score (its ties too): the best list, the first of equals (the
    // fewest calls), and the lowest score for calling everyone.
    const int profitSums = int(sums.size());
    const QString called = QStringLiteral("(cl_a + cl_m)"),
                  earned = QStringLiteral("(cl_qa + cl_q)");
    const QString priced =
        QStringLiteral("(%1 * %2 - %3 * %4)")
            .arg(lit(profit.valuePerSubscription), earned, lit(profit.costPerCall), called);
    sums << QStringLiteral("max(%1)").arg(priced) << conn.valueAtMax(called, priced, called)
         << conn.valueAtMax(earned, priced, called)
         << conn.valueAtMax(QStringLiteral("cl_p"), priced, called) << QStringLiteral("min(cl_p)");
    const QString purpose =
        QStringLiteral("evaluating the model on table %1").arg(conn.quoteIdentifier(info.table));
    const WarehouseRows r =
        conn.queryShaped(conn.aggregateSql(ranked, sums), purpose, int(sums.size()), 1, progress);
    ++out.queries;
    if (!r.ok) {
        out.error = r.error;
        out.cancelled = r.cancelled;
        return out;
    }
    out.bytes = r.bytes;
    out.largestResult = qint64(r.rows.size());
    const QStringList &row = r.rows.front();
    std::vector<double> v;
    for (const QString &x : row)
        v.push_back(number(x));
    if (v[0] != n || v[1] != positives) {
        out.error = (out.heldOut ? QStringLiteral("%1: table %2 has %3 complete held-out rows "
                                                  "with %4 subscribers now, the model held out "
                                                  "%5 with %6: it changed in between; fit it "
                                                  "again")
                                 : QStringLiteral("%1: table %2 has %3 complete rows with %4 "
                                                  "subscribers now, the model was fitted on %5 "
                                                  "with %6: it changed in between; fit it again"))
                        .arg(conn.engine(), conn.quoteIdentifier(info.table))
                        .arg(v[0], 0, 'f', 0)
                        .arg(v[1], 0, 'f', 0)
                        .arg(n, 0, 'f', 0)
                        .arg(positives, 0, 'f', 0);
        return out;
    }
    HeldOutMetrics &m = out.metrics;
    m.rows = evaluatedRows;
    m.positives = evaluatedPositives;
    if (positives > 0 && negatives > 0) {
        // DeLong: the variances of the placement values, from their sums and sums of squares.
        m.auc.auc = v[2] / positives;
        const double s10 =
            positives > 1 ? (v[3] - positives * m.auc.auc * m.auc.auc) / (positives - 1) : 0.0;
        const double mean01 = v[4] / negatives;
        const double s01 =
            negatives > 1 ? (v[5] - negatives * mean01 * mean01) / (negatives - 1) : 0.0;
        m.auc.stdError = std::sqrt(std::max(0.0, s10) / positives + std::max(0.0, s01) / negatives);
        m.auc.ciLow = std::max(0.0, m.auc.auc - stats::kZ975 * m.auc.stdError);
        m.auc.ciHigh = std::min(1.0, m.auc.auc + stats::kZ975 * m.auc.stdError);
    } else {
        m.auc.auc = m.auc.stdError = m.auc.ciLow = m.auc.ciHigh = std::nan("");
    }
    m.logLoss = n > 0 ? -v[6] / n : std::nan("");
    m.brier = n > 0 ? v[7] / n : std::nan("");
    ConfusionMatrix &c = m.confusion;
    c.threshold = options.threshold;
    c.truePositives = size_t(v[8]);
    c.falsePositives = size_t(v[9]);
    c.falseNegatives = evaluatedPositives - c.truePositives;
    c.trueNegatives = evaluatedRows - evaluatedPositives - c.falsePositives;
    finishConfusion(c);
    m.topFraction = options.topFraction;
    m.topCapture = positives > 0 ? v[10] / positives : std::nan("");
    m.topSentence = topCaptureSentence(m.topFraction, m.topCapture);
    double tied = v[11];

    // Whole subscribers per decile: the shared-out sums rounded where they accumulate, so
    // that the deciles add up to the subscribers.
    double cumulative = 0;
    size_t rounded = 0;
    for (int d = 0; d < kDeciles; ++d) {
        const double *x = &v[size_t(fixedSums + 5 * d)];
        DecileRow decile;
        decile.decile = d + 1;
        decile.clients = size_t(x[0]);
        cumulative += x[1];
        const size_t upTo = size_t(std::llround(cumulative));
        decile.subscribers = upTo - rounded;
        rounded = upTo;
        decile.minScore = decile.clients ? x[2] : INFINITY;
        decile.maxScore = decile.clients ? x[3] : -INFINITY;
        tied = std::max(tied, x[4]);
        m.deciles.push_back(decile);
    }
    finishDecileTable(m.deciles, evaluatedPositives);
    HosmerLemeshow &hl = m.hosmerLemeshow;
    for (int g = 0; g < groups; ++g) {
        const double *x = &v[size_t(fixedSums + 5 * kDeciles + 4 * g)];
        CalibrationGroup group;
        group.rows = size_t(x[0]);
        group.observed = x[1];
        group.expected = x[2];
        tied = std::max(tied, x[3]);
        hl.groups.push_back(group);
    }
    if (groups > 0)
        finishHosmerLemeshow(hl);
    out.subscribersTiedAtCuts = tied;
    // As profitCurve(): no list (0 calls, score 1) unless one earns more than nothing.
    if (profit.valuePerSubscription > 0 && rows > 0) {
        ProfitCurve &p = out.profit;
        p.assumptions = profit;
        p.breakEvenRate = profit.costPerCall / profit.valuePerSubscription;
        const double *x = &v[size_t(profitSums)];
        p.best = {0, 0, 0.0, 1.0};
        if (x[0] > 0)
            p.best = {size_t(x[1]), size_t(x[2]), x[0], x[3]};
        p.everyone = {evaluatedRows, evaluatedPositives,
                      profit.valuePerSubscription * positives - profit.costPerCall * n, x[4]};
        p.points = {p.best, p.everyone};
    }
    return out;
}

LiveTargetList targetList(WarehouseConnection &conn, const LiveDatasetInfo &info,
                          const ModelSpec &spec, const LiveModelFit &model,
                          const QStringList &columns, qint64 limit, double topFraction,
                          const ProgressCallback &progress)
{
    LiveTargetList out;
    if (!model.ok() || model.fit.coefficients.size() != model.design.terms.size()) {
        out.error = QStringLiteral("%1: there is no fitted model to score with").arg(conn.engine());
        return out;
    }
    QStringList known;
    for (const LiveColumn &c : info.columns) {
        if (c.source.isEmpty())
            continue; // derived (age_band): not a column of the table
        known << c.source;
        if (columns.isEmpty() && c.role != roleName(ColumnRole::Target) &&
            c.role != roleName(ColumnRole::Duration))
            out.columns << c.source;
    }
    for (const QString &c : columns) {
        if (!known.contains(c)) {
            out.error = QStringLiteral("%1: table %2 has no column '%3' (columns: %4)")
                            .arg(conn.engine(), conn.quoteIdentifier(info.table), c,
                                 known.join(QStringLiteral(", ")));
            return out;
        }
        out.columns << c;
    }
    LiveColumns lc;
    if (!liveColumns(conn, LiveDataset::asOfFingerprint(info, model.fingerprint),
                     designColumns(schema(info), spec), &lc, &out.error))
        return out;
    // Every complete row: those the model was fitted on and those it held out.
    out.scoredRows = qint64(model.fit.rows) + model.heldOutRows;
    if (limit <= 0) {
        if (!(topFraction > 0 && topFraction <= 1)) {
            out.error = QStringLiteral("top fraction %1 is not in (0, 1]").arg(topFraction);
            return out;
        }
        limit = qint64(std::ceil(topFraction * double(out.scoredRows) - 1e-9));
    }
    limit = std::clamp<qint64>(limit, 0, out.scoredRows);
    // The written columns ride along from the first stage, as cl_o<i>.
    StagedRows scored = lc.completeRows;
    QStringList written;
    for (qsizetype i = 0; i < out.columns.size(); ++i) {
        scored.stages[0] << QStringLiteral("%1 AS cl_o%2")
                                .arg(WarehouseSql::columnRef(conn, out.columns[i]))
                                .arg(i);
        written << QStringLiteral("cl_o%1").arg(i);
    }
    scored.add({scoreExpr(conn, lc, model.design, model.fit) + QStringLiteral(" AS cl_eta")});
    const WarehouseRows r =
        conn.queryShaped(conn.topRowsSql(scored, written + QStringList{QStringLiteral("cl_eta")},
                                         QStringLiteral("cl_eta"), limit),
                         QStringLiteral("choosing the best-scored rows of table %1")
                             .arg(conn.quoteIdentifier(info.table)),
                         int(written.size()) + 1, -1, progress);
    if (!r.ok) {
        out.error = r.error;
        return out;
    }
    out.bytes = r.bytes;
    // ClickHouse holds no snapshot across queries: a row that came in (or went) between the
    // fit and the list would be scored by a model that never saw it. The table is counted
    // again, and a list from another table than the fit's is not written.
    QString error;
    const QString now = LiveDataset::fingerprint(conn, info, &error, progress, &out.bytes);
    if (now.isEmpty()) {
        out.error = error;
        return out;
    }
    if (!model.fingerprint.isEmpty() && now != model.fingerprint) {
        out.error =
            QStringLiteral("%1: table %2 changed between the fit and the list "
                           "(fingerprint %3 then, %4 now): the list is not written; "
                           "run it again")
                .arg(conn.engine(), conn.quoteIdentifier(info.table), model.fingerprint, now);
        return out;
    }
    for (QStringList row : r.rows) {
        const double eta = number(row.takeLast());
        out.scores.push_back(stats::sigmoid(eta));
        out.rows.push_back(std::move(row));
    }
    return out;
}

ModelRunResult runResult(const ModelRunSettings &settings, const LiveModelFit &fit,
                         const LiveEvaluation &evaluation)
{
    ModelRunResult r;
    r.settings = settings;
    r.settings.validation.split.kind = fit.testFraction > 0 ? SplitKind::RowHash : SplitKind::None;
    if (fit.testFraction > 0)
        r.settings.validation.split.testFraction = fit.testFraction;
    r.design = fit.design;
    r.report.fit = fit.fit;
    r.error = fit.ok() ? QString() : (fit.error.isEmpty() ? fit.fit.message : fit.error);
    // Rows held out but not evaluated (the table changed, or the query failed): a model whose
    // held-out figures are missing is no result to show as one.
    if (r.error.isEmpty() && fit.testFraction > 0 && !evaluation.ok())
        r.error = evaluation.error.isEmpty()
                      ? QStringLiteral("the held-out rows were not evaluated")
                      : evaluation.error;
    if (fit.testFraction > 0 && evaluation.ok() && evaluation.heldOut) {
        r.report.heldOut = evaluation.metrics;
        r.report.unseenLevels = fit.unseenLevels;
        r.profit = evaluation.profit;
        r.termSd = fit.termSd;
        r.rates = splitRates(fit.fit.rows, fit.fit.positives, size_t(fit.heldOutRows),
                             size_t(fit.heldOutPositives));
        // The ROC and gains curves through the decile cuts: the rows stay on the engine, so
        // there is no curve through every score.
        const HeldOutMetrics &h = r.report.heldOut;
        const double n = double(h.rows), positives = double(h.positives);
        const double negatives = n - positives;
        if (positives > 0 && negatives > 0) {
            double rows = 0, subscribers = 0;
            r.roc.push_back({0, 0});
            r.gains.push_back({0, 0});
            for (const DecileRow &d : h.deciles) {
                rows += double(d.clients);
                subscribers += double(d.subscribers);
                r.roc.push_back({(rows - subscribers) / negatives, subscribers / positives});
                r.gains.push_back({rows / n, subscribers / positives});
            }
        }
    }
    return r;
}

LiveRun run(WarehouseConnection &conn, const LiveDatasetInfo &info,
            const ModelRunSettings &settings, const ProgressCallback &progress)
{
    LiveRun out;
    const SplitOptions &split = settings.validation.split;
    if (split.kind != SplitKind::RowHash && split.kind != SplitKind::None) {
        out.fit.error = QStringLiteral("%1: a %2 split needs the rows' order or a draw, which a "
                                       "table on an engine has not: hold rows out by row hash, "
                                       "or fit on every row")
                            .arg(conn.engine(), splitKindName(split.kind));
        out.result = runResult(settings, out.fit, out.evaluation);
        return out;
    }
    out.fit = fit(conn, info, settings.spec, settings.validation.fit, progress,
                  split.kind == SplitKind::RowHash ? split.testFraction : 0.0);
    if (out.fit.ok())
        out.evaluation = evaluate(conn, info, settings.spec, out.fit, settings.validation, progress,
                                  settings.profit);
    out.result = runResult(settings, out.fit, out.evaluation);
    out.result.cancelled =
        out.fit.fit.status == LogisticFit::Status::Cancelled || out.evaluation.cancelled;
    return out;
}

bool writeTargetList(const LiveTargetList &list, const QString &path, QString *error)
{
    AtomicFile file(path);
    if (!file.open()) {
        *error = file.error();
        return false;
    }
    QStringList header;
    for (const QString &c : list.columns)
        header << csvField(c);
    header << QStringLiteral("score");
    QByteArray text = header.join(QLatin1Char(',')).toUtf8() + '\n';
    for (size_t i = 0; i < list.rows.size(); ++i) {
        QStringList fields;
        for (const QString &f : list.rows[i])
            fields << csvField(f);
        fields << QString::number(list.scores[i], 'g', 10);
        text += fields.join(QLatin1Char(',')).toUtf8() + '\n';
    }
    if (!file.write(text) || !file.commit()) {
        *error = file.error();
        return false;
    }
    return true;
}

} // namespace LiveModel

} // namespace cl
