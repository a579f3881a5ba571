// AggregateQuery: parse, differencing checks, guarded run on the sandboxed connection, the
// check of the result against the group sizes SQLite counted, and dominance suppression.
#include "AggregateQuery.h"

#include "store/ReadOnlyQuery.h"

#include <QHash>
#include <QMap>
#include <QMutexLocker>
#include <QSet>

#include <algorithm>
#include <functional>
#include <optional>

#include <Eigen/Dense>
#include <Eigen/SVD>

namespace cl {

QList<AggregateQueryHistory::Entry> AggregateQueryHistory::entries() const
{
    QMutexLocker lock(&m_mutex);
    return m_entries;
}

bool AggregateQueryHistory::spend()
{
    QMutexLocker lock(&m_mutex);
    if (m_spent >= kMaxQueries)
        return false;
    ++m_spent;
    return true;
}

void AggregateQueryHistory::add(const Entry &entry)
{
    QMutexLocker lock(&m_mutex);
    for (Entry &e : m_entries)
        if (e.where == entry.where && e.groupBy == entry.groupBy) {
            for (const QString &c : entry.summed)
                if (!e.summed.contains(c))
                    e.summed << c;
            for (const QString &c : entry.counted)
                if (!e.counted.contains(c))
                    e.counted << c;
            return;
        }
    m_entries.append(entry);
}

namespace {

QString quoteIdent(const QString &name)
{
    QString q = name;
    q.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

/// A WHERE as a 0/1 value per row, NULL counted as false (as WHERE does).
QString filterValue(const std::optional<SqlExpr> &where)
{
    return where ? QStringLiteral("(%1 IS TRUE)").arg(AggregateSql::expression(*where))
                 : QStringLiteral("1");
}

ReadOnlyQueryOptions sandboxed(const AggregateSqlRules &rules, ReadOnlyQueryOptions options)
{
    options.allowedTables = {rules.view};
    options.allowedColumns = rules.columns;
    options.allowedFunctions = AggregateQuery::allowedFunctions();
    return options;
}

QString groupByText(const QStringList &keys)
{
    if (keys.isEmpty())
        return {};
    QStringList quoted;
    for (const QString &c : keys)
        quoted << quoteIdent(c);
    return QStringLiteral(" GROUP BY ") + quoted.join(QStringLiteral(", "));
}

/// Whether `e` holds SUM, AVG or TOTAL.
bool holdsSum(const SqlExpr &e)
{
    if (e.kind == SqlExpr::Kind::Aggregate && e.text != QLatin1String("COUNT"))
        return true;
    for (const SqlExpr &a : e.args)
        if (holdsSum(a))
            return true;
    return false;
}

} // namespace

/// Directly, or through an output alias or position.
QString AggregateQuery::sumsOutsideTheOutput(const AggregateSelect &q)
{
    const QString refusal = QStringLiteral(
        "refused: HAVING and ORDER BY may use COUNT(*), COUNT(column) and the group columns, "
        "not SUM, AVG or TOTAL (those are checked after the query has run); sort or filter the "
        "sums in your answer instead");
    if (q.having && holdsSum(*q.having))
        return refusal;
    for (const AggregateSelect::OrderTerm &t : q.orderBy) {
        if (holdsSum(t.expr))
            return refusal;
        if (t.expr.kind == SqlExpr::Kind::Ordinal) {
            const qsizetype i = t.expr.text.toLongLong() - 1;
            if (i >= 0 && size_t(i) < q.items.size() && holdsSum(q.items[size_t(i)].expr))
                return refusal;
        }
        if (t.expr.kind == SqlExpr::Kind::Alias)
            for (const AggregateSelect::Item &item : q.items)
                if (item.alias.compare(t.expr.text, Qt::CaseInsensitive) == 0 &&
                    holdsSum(item.expr))
                    return refusal;
    }
    return {};
}

namespace {

/// SQLite's own messages after parsing may depend on the data (a LIKE pattern too complex
/// for one row only, an overflow in one group): the model gets one message for all of them.
QString genericError(const ReadOnlyQueryResult &r)
{
    if (r.timedOut)
        return QStringLiteral("query stopped: over the time limit");
    if (r.error.startsWith(QLatin1String("refused:")))
        return r.error; // the authorizer's: decided on the query's text alone
    return QStringLiteral("refused: the query could not be run (nothing was shared)");
}

/// Per output item: the aggregates over a column it holds, as (column, is COUNT).
QList<QPair<QString, bool>> aggregatedColumns(const SqlExpr &e)
{
    QList<QPair<QString, bool>> out;
    if (e.kind == SqlExpr::Kind::Aggregate && !e.args.empty())
        out.append({e.args.front().text, e.text == QLatin1String("COUNT")});
    for (const SqlExpr &a : e.args)
        out += aggregatedColumns(a);
    return out;
}

/// The value of one grouping column in an atom, as a hash key: type and text, NULL apart.
QString groupKeyPart(const QVariant &v)
{
    if (v.isNull())
        return QStringLiteral("\x01N");
    return QString::number(v.typeId()) + QLatin1Char('\x02') + v.toString();
}

} // namespace

namespace {

/**
 * Whether the shared cells (each a set of atoms) tell the total of a sensitive set of atoms.
 * Atoms in exactly the same shared cells are merged into classes (nothing tells them apart).
 * Any answer is a linear combination of cells, so a combination of classes is told exactly
 * when it lies in the span of the cells: a column-pivoted QR of the class-by-cell matrix gives
 * an orthonormal basis Q of that span. A class is told when its row of Q has unit length; the
 * combinations of sensitive classes that are told are the left singular vectors, with
 * singular value 1, of Q's rows for those classes, and their reduced row echelon form gives
 * sparse members of that space, each checked with `sensitive`.
 */
enum class Audit
{
    Safe,
    Told,     ///< a sensitive combination is told
    TooLarge, ///< the classes and cells are too many to check within kMaxAuditWork
};

/// Flops the linear algebra of one check may take (classes x cells x min of the two): about
/// half a second. A natural pair of questions (GROUP BY job, education; then a grouping by
/// five columns) took 10 s on the GUI thread before the budget.
constexpr double kMaxAuditWork = 6e8;

Audit tellsSensitive(const std::vector<std::vector<int>> &cellAtoms,
                     const std::vector<bool> &shared, const std::vector<double> &atomWeight,
                     const std::function<bool(const std::vector<int> &)> &flag,
                     const std::function<bool(const std::vector<int> &)> &sensitive)
{
    const int nAtoms = int(atomWeight.size());
    std::vector<std::vector<int>> atomCells(static_cast<size_t>(nAtoms));
    int nShared = 0;
    for (size_t c = 0; c < cellAtoms.size(); ++c) {
        if (!shared[c])
            continue;
        for (const int a : cellAtoms[c])
            atomCells[size_t(a)].push_back(nShared);
        ++nShared;
    }
    QHash<QString, int> classIndex;
    std::vector<std::vector<int>> classAtoms, classCells;
    for (int a = 0; a < nAtoms; ++a) {
        const std::vector<int> &cells = atomCells[size_t(a)];
        if (cells.empty())
            continue; // in no shared cell: nothing about it was told
        QString key;
        for (const int c : cells)
            key += QString::number(c) + QLatin1Char(',');
        const auto it = classIndex.constFind(key);
        if (it == classIndex.cend()) {
            classIndex.insert(key, int(classAtoms.size()));
            classAtoms.push_back({a});
            classCells.push_back(cells);
        } else {
            classAtoms[size_t(it.value())].push_back(a);
        }
    }
    std::vector<int> flagged; // the classes a sensitive combination may be made of
    for (size_t i = 0; i < classAtoms.size(); ++i)
        if (flag(classAtoms[i]))
            flagged.push_back(int(i));
    if (flagged.empty())
        return Audit::Safe;

    const Eigen::Index nClasses = Eigen::Index(classAtoms.size());
    if (double(nClasses) * nShared * std::min<double>(double(nClasses), nShared) > kMaxAuditWork ||
        double(flagged.size()) * nShared * nShared > kMaxAuditWork)
        return Audit::TooLarge;
    Eigen::MatrixXd classByCell = Eigen::MatrixXd::Zero(nClasses, nShared);
    for (Eigen::Index j = 0; j < nClasses; ++j)
        for (const int c : classCells[size_t(j)])
            classByCell(j, c) = 1.0;
    Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(classByCell);
    // Eigen's default rank threshold (epsilon x size) took rounding noise for a 32nd
    // dimension of 31 on bank-additional-full, and Q's extra column put a class in the span.
    qr.setThreshold(1e-9);
    const Eigen::Index rank = qr.rank();
    const Eigen::MatrixXd span = qr.householderQ() * Eigen::MatrixXd::Identity(nClasses, rank);
    constexpr double kTold = 1e-8;
    Eigen::MatrixXd onFlagged(Eigen::Index(flagged.size()), rank);
    for (size_t i = 0; i < flagged.size(); ++i) {
        onFlagged.row(Eigen::Index(i)) = span.row(flagged[i]);
        if (onFlagged.row(Eigen::Index(i)).squaredNorm() > 1.0 - kTold &&
            sensitive(classAtoms[size_t(flagged[i])]))
            return Audit::Told; // this class's total is told (leverage 1)
    }
    if (rank == 0)
        return Audit::Safe;
    const Eigen::BDCSVD<Eigen::MatrixXd> svd(onFlagged, Eigen::ComputeThinU);
    Eigen::Index told = 0;
    while (told < svd.singularValues().size() && svd.singularValues()(told) > 1.0 - kTold)
        ++told;
    if (told == 0)
        return Audit::Safe;
    // Reduced row echelon form of the told directions, pivoting on the largest classes first:
    // the later rows are then free of them, so combinations over few clients come out as rows
    // (a+c+d and b-c-d, pivoted on the small a and b, hid a+b). Rows, and sums and differences
    // of two rows, are checked.
    std::vector<Eigen::Index> order(flagged.size());
    std::vector<double> weight(flagged.size(), 0.0);
    for (size_t i = 0; i < flagged.size(); ++i) {
        order[i] = Eigen::Index(i);
        for (const int a : classAtoms[size_t(flagged[i])])
            weight[i] += atomWeight[size_t(a)];
    }
    std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
        return weight[size_t(a)] > weight[size_t(b)];
    });
    const Eigen::MatrixXd directions = svd.matrixU().leftCols(told).transpose(); // told x |flagged|
    Eigen::MatrixXd basis(directions.rows(), directions.cols());
    for (size_t i = 0; i < order.size(); ++i)
        basis.col(Eigen::Index(i)) = directions.col(order[i]);
    Eigen::Index row = 0;
    for (Eigen::Index col = 0; col < basis.cols() && row < basis.rows(); ++col) {
        Eigen::Index pivot = 0;
        basis.col(col).segment(row, basis.rows() - row).cwiseAbs().maxCoeff(&pivot);
        pivot += row;
        if (std::abs(basis(pivot, col)) < 1e-7)
            continue;
        basis.row(row).swap(basis.row(pivot));
        basis.row(row) /= basis(row, col);
        for (Eigen::Index other = 0; other < basis.rows(); ++other)
            if (other != row)
                basis.row(other) -= basis(other, col) * basis.row(row);
        ++row;
    }
    const auto check = [&](const Eigen::RowVectorXd &v) {
        std::vector<int> atoms;
        for (Eigen::Index i = 0; i < v.size(); ++i)
            if (std::abs(v(i)) > 1e-7)
                for (const int a : classAtoms[size_t(flagged[size_t(order[size_t(i)])])])
                    atoms.push_back(a);
        return !atoms.empty() && sensitive(atoms);
    };
    for (Eigen::Index v = 0; v < row; ++v)
        if (check(basis.row(v)))
            return Audit::Told;
    constexpr Eigen::Index kPairRows = 64;
    for (Eigen::Index v = 0; v < std::min(row, kPairRows); ++v)
        for (Eigen::Index w = v + 1; w < std::min(row, kPairRows); ++w)
            if (check(basis.row(v) + basis.row(w)) || check(basis.row(v) - basis.row(w)))
                return Audit::Told;
    // Three rows with every sign (a third review hid 9 clients as the sum of three rows of 11).
    constexpr Eigen::Index kTripleRows = 24;
    const Eigen::Index t = std::min(row, kTripleRows);
    for (Eigen::Index u = 0; u < t; ++u)
        for (Eigen::Index v = u + 1; v < t; ++v)
            for (Eigen::Index w = v + 1; w < t; ++w)
                for (const double sv : {1.0, -1.0})
                    for (const double sw : {1.0, -1.0})
                        if (check(basis.row(u) + sv * basis.row(v) + sw * basis.row(w)))
                            return Audit::Told;
    return Audit::Safe;
}

} // namespace

AggregateQueryHistory::Entry AggregateQuery::entryOf(const AggregateSelect &q)
{
    AggregateQueryHistory::Entry e{q.where, q.groupBy, {}, {}};
    for (const AggregateSelect::Item &item : q.items)
        for (const auto &[column, isCount] : aggregatedColumns(item.expr)) {
            QStringList &list = isCount ? e.counted : e.summed;
            if (!list.contains(column))
                list << column;
        }
    return e;
}

AggregateQuery::AtomPlan
AggregateQuery::atomPlan(const QList<AggregateQueryHistory::Entry> &queries)
{
    // Atoms: the classes of clients that every filter, every grouping column and the NULLs of
    // every counted or summed column treat alike. Any answer of the conversation is a sum
    // over whole atoms, so nothing finer can be told.
    AtomPlan plan;
    for (const AggregateQueryHistory::Entry &e : queries) {
        int f = -1;
        if (e.where) {
            f = int(plan.filters.indexOf(*e.where));
            if (f < 0) {
                f = int(plan.filters.size());
                plan.filters << *e.where;
            }
        }
        plan.filterOf << f;
        for (const QString &c : e.groupBy)
            if (!plan.columns.contains(c))
                plan.columns << c;
        for (const QString &c : e.counted + e.summed)
            if (!plan.valued.contains(c))
                plan.valued << c;
        for (const QString &c : e.summed)
            if (!plan.summed.contains(c))
                plan.summed << c;
    }
    return plan;
}

QString AggregateQuery::tooManyAtoms(const AggregateSqlRules &rules)
{
    return QStringLiteral("refused: the filters and groupings of this conversation split the "
                          "clients into more than %1 classes, too many to check that no "
                          "combination of answers describes fewer than %2 clients; start a "
                          "new conversation, or group by fewer columns")
        .arg(kMaxAuditAtoms)
        .arg(rules.minGroupSize);
}

QString AggregateQuery::checkCombinations(ReadOnlyQuery &query,
                                          const QList<AggregateQueryHistory::Entry> &queries,
                                          const AggregateSqlRules &rules,
                                          const ReadOnlyQueryOptions &limits)
{
    if (queries.size() < 2 || rules.minGroupSize <= 1)
        return {};
    const AtomPlan plan = atomPlan(queries);
    QStringList select{QStringLiteral("COUNT(*)")};
    for (const SqlExpr &f : plan.filters)
        select << filterValue(f);
    for (const QString &c : plan.columns)
        select << quoteIdent(c);
    for (const QString &c : plan.valued)
        select << QStringLiteral("(%1 IS NULL)").arg(quoteIdent(c));
    QStringList positions;
    for (qsizetype i = 2; i <= select.size(); ++i)
        positions << QString::number(i);
    for (const QString &c : plan.summed)
        select << QStringLiteral("MAX(ABS(%1))").arg(quoteIdent(c))
               << QStringLiteral("TOTAL(ABS(%1))").arg(quoteIdent(c));
    QString sql = QStringLiteral("SELECT %1 FROM %2")
                      .arg(select.join(QStringLiteral(", ")), quoteIdent(rules.view));
    if (!positions.isEmpty())
        sql += QStringLiteral(" GROUP BY ") + positions.join(QStringLiteral(", "));
    ReadOnlyQueryOptions options = sandboxed(rules, limits);
    options.allowedFunctions << QStringLiteral("max") << QStringLiteral("abs"); // our SQL only
    options.maxRows = kMaxAuditAtoms + 1;
    options.maxResultBytes = 64 * 1024 * 1024;
    const ReadOnlyQueryResult r = query.run(sql, options);
    if (!r.ok)
        return genericError(r);
    if (r.truncated)
        return tooManyAtoms(rules);
    return auditAtoms(plan, queries, rules, r.rows);
}

QString AggregateQuery::auditAtoms(const AtomPlan &plan,
                                   const QList<AggregateQueryHistory::Entry> &queries,
                                   const AggregateSqlRules &rules, const QList<QVariantList> &rows)
{
    const int k = rules.minGroupSize;
    if (queries.size() < 2 || k <= 1)
        return {};
    if (rows.size() > kMaxAuditAtoms)
        return tooManyAtoms(rules);
    const QList<int> &filterOf = plan.filterOf;
    const QStringList &columns = plan.columns, &valued = plan.valued, &summed = plan.summed;
    const qsizetype firstColumn = 1 + plan.filters.size();
    const qsizetype firstValued = firstColumn + columns.size();
    const qsizetype firstSummed = firstValued + valued.size();
    const qsizetype nAtoms = rows.size();
    const size_t nSummed = size_t(summed.size());
    std::vector<double> atomSize(static_cast<size_t>(nAtoms));
    std::vector<std::vector<bool>> atomHas(static_cast<size_t>(valued.size())); // non-NULL
    // Per atom and summed column: largest absolute value, total of absolute values.
    std::vector<double> atomMax(size_t(nAtoms) * nSummed), atomAbs(size_t(nAtoms) * nSummed);
    for (auto &has : atomHas)
        has.resize(size_t(nAtoms));
    // The cells each query shared: per group of its GROUP BY, the atoms its filter keeps
    // (COUNT(*)), and per column it counted or summed the atoms where that column has a value.
    struct Cell
    {
        int query = 0;
        QString column; ///< empty: the group itself
        std::vector<int> atoms;
        double size = 0;
        bool counted = false; ///< COUNT(column) asked
        bool summed = false;  ///< SUM, AVG or TOTAL of column asked
    };
    QHash<QString, int> cellIndex;
    std::vector<Cell> cells;
    const auto addTo = [&](const QString &key, int q, const QString &column, int a) {
        auto it = cellIndex.constFind(key);
        int cell = 0;
        if (it == cellIndex.cend()) {
            cell = int(cells.size());
            cellIndex.insert(key, cell);
            cells.push_back({q, column, {}, 0, false, false});
        } else {
            cell = it.value();
        }
        cells[size_t(cell)].atoms.push_back(a);
        cells[size_t(cell)].size += atomSize[size_t(a)];
    };
    for (qsizetype a = 0; a < nAtoms; ++a) {
        const QVariantList &row = rows.at(a);
        atomSize[size_t(a)] = row.value(0).toDouble();
        for (qsizetype c = 0; c < valued.size(); ++c)
            atomHas[size_t(c)][size_t(a)] = row.value(firstValued + c).toInt() == 0;
        for (size_t c = 0; c < nSummed; ++c) {
            atomMax[size_t(a) * nSummed + c] = row.value(firstSummed + 2 * qsizetype(c)).toDouble();
            atomAbs[size_t(a) * nSummed + c] =
                row.value(firstSummed + 2 * qsizetype(c) + 1).toDouble();
        }
        for (qsizetype q = 0; q < queries.size(); ++q) {
            const int f = filterOf.at(q);
            if (f >= 0 && row.value(1 + f).toInt() == 0)
                continue;
            const AggregateQueryHistory::Entry &e = queries.at(q);
            QString key = QString::number(q);
            for (const QString &c : e.groupBy)
                key +=
                    QLatin1Char('\x03') + groupKeyPart(row.value(firstColumn + columns.indexOf(c)));
            addTo(key, int(q), QString(), int(a));
            for (const QString &c : e.counted + e.summed)
                if (atomHas[size_t(valued.indexOf(c))][size_t(a)]) {
                    const QString sub = key + QLatin1Char('\x04') + c;
                    addTo(sub, int(q), c, int(a));
                    Cell &cell = cells[size_t(cellIndex.value(sub))];
                    cell.counted = cell.counted || e.counted.contains(c);
                    cell.summed = cell.summed || e.summed.contains(c);
                }
        }
    }
    // A group of fewer than k clients was suppressed with all its values.
    QHash<QString, double> groupSize;
    for (auto it = cellIndex.cbegin(); it != cellIndex.cend(); ++it)
        if (cells[size_t(it.value())].column.isEmpty())
            groupSize.insert(it.key(), cells[size_t(it.value())].size);
    std::vector<std::vector<int>> cellAtoms(cells.size());
    std::vector<double> cellGroupSize(cells.size());
    for (auto it = cellIndex.cbegin(); it != cellIndex.cend(); ++it) {
        const Cell &cell = cells[size_t(it.value())];
        cellAtoms[size_t(it.value())] = cell.atoms;
        cellGroupSize[size_t(it.value())] =
            cell.column.isEmpty() ? cell.size
                                  : groupSize.value(it.key().section(QLatin1Char('\x04'), 0, 0));
    }
    const QString refusal =
        QStringLiteral("refused: together with earlier answers of this conversation, this one "
                       "would tell the total of fewer than %1 clients, or a sum that one client "
                       "dominates (as a category's total less its parts shown, or over three or "
                       "more filters); ask with the same filters and groupings as before, or "
                       "coarser ones")
            .arg(k);
    // Counts: every group of at least k clients was shared. Within it, COUNT(column) counts
    // the atoms with a value, shared when the values and the NULLs are each 0 or at least k
    // (the answer's own rule); SUM and AVG together give that count when there are k values.
    // Fewer than k clients is sensitive.
    std::vector<bool> shared(cells.size());
    const auto zeroOrK = [k](double n) { return n == 0 || n >= k; };
    for (size_t c = 0; c < cells.size(); ++c) {
        const Cell &cell = cells[c];
        shared[c] = cellGroupSize[c] >= k &&
                    (cell.column.isEmpty() || (cell.summed && cell.size >= k) ||
                     (cell.counted && zeroOrK(cell.size) && zeroOrK(cellGroupSize[c] - cell.size)));
    }
    const auto fewClients = [&](const std::vector<int> &atoms) {
        double clients = 0;
        for (const int a : atoms)
            clients += atomSize[size_t(a)];
        return clients < k;
    };
    const QString tooLarge =
        QStringLiteral("refused: the answers of this conversation are too many and too finely "
                       "grouped to check that no combination of them describes fewer than %1 "
                       "clients; group by fewer columns, or start a new conversation")
            .arg(k);
    const auto verdict = [&](Audit audit) {
        return audit == Audit::Told ? refusal : audit == Audit::TooLarge ? tooLarge : QString();
    };
    if (const QString why =
            verdict(tellsSensitive(cellAtoms, shared, atomSize, fewClients, fewClients));
        !why.isEmpty())
        return why;
    // Sums, per summed column: the cells of the queries that summed it, shared unless fewer
    // than k values or one client dominated them (the answer nulled it); a set of atoms with
    // fewer than k values, or one client holding more than half of its absolute values, is
    // sensitive. A 0/1 column's sums are counts: fewer than k values only.
    for (size_t col = 0; col < nSummed; ++col) {
        const bool indicator = rules.indicatorColumns.contains(summed[qsizetype(col)]);
        const auto dominated = [&](const std::vector<int> &atoms) {
            double largest = 0, total = 0, values = 0;
            for (const int a : atoms) {
                largest = std::max(largest, atomMax[size_t(a) * nSummed + col]);
                total += atomAbs[size_t(a) * nSummed + col];
                values += atomSize[size_t(a)];
            }
            return values < k || (!indicator && total > 0 && largest > 0.5 * total);
        };
        for (size_t c = 0; c < cells.size(); ++c)
            shared[c] = cells[c].column == summed[qsizetype(col)] && cells[c].summed &&
                        cellGroupSize[c] >= k && !dominated(cells[c].atoms);
        // A dominated union may mix a dominated class with clean ones: every class in it but
        // the one holding its largest value has a total below that value. So classes whose
        // total is below the column's largest value may take part too (x of one 7000 and nine
        // 1s, with y of ten 1s: x+y was told and dominated, y alone is clean).
        double largestValue = 0;
        for (qsizetype a = 0; a < nAtoms; ++a)
            largestValue = std::max(largestValue, atomMax[size_t(a) * nSummed + col]);
        const auto mayJoin = [&](const std::vector<int> &atoms) {
            if (dominated(atoms))
                return true;
            if (indicator)
                return false;
            double total = 0;
            for (const int a : atoms)
                total += atomAbs[size_t(a) * nSummed + col];
            return total < largestValue;
        };
        if (const QString why =
                verdict(tellsSensitive(cellAtoms, shared, atomSize, mayJoin, dominated));
            !why.isEmpty())
            return why;
    }
    return {};
}

QStringList AggregateQuery::allowedFunctions()
{
    return {QStringLiteral("count"), QStringLiteral("sum"),   QStringLiteral("avg"),
            QStringLiteral("total"), QStringLiteral("round"), QStringLiteral("like")};
}

QString AggregateQuery::verify(const AggregateSelect &q, const ReadOnlyQueryResult &result, int k)
{
    const QStringList names = AggregateSql::outputNames(q);
    const QStringList summed = AggregateSql::summedColumns(q);
    QStringList expected = names;
    expected << AggregateSql::groupTicketColumn() << AggregateSql::valueTicketColumns(q);
    if (result.columns != expected)
        return QStringLiteral("the statement's columns are not the ones the query names");
    const qsizetype n = names.size();
    QList<QList<QPair<QString, bool>>> guards(n);
    for (qsizetype i = 0; i < n; ++i)
        guards[i] = aggregatedColumns(q.items[size_t(i)].expr);
    QSet<qint64> used;
    const auto countOf = [&](const QVariant &ticket, GroupCount *count) {
        if (ticket.typeId() != QMetaType::LongLong)
            return false;
        const auto it = result.groupCounts.constFind(ticket.toLongLong());
        if (it == result.groupCounts.constEnd())
            return false;
        *count = *it;
        return true;
    };
    for (const QVariantList &row : result.rows) {
        if (row.size() != expected.size())
            return QStringLiteral("a row has the wrong number of columns");
        GroupCount group;
        if (!countOf(row[n], &group))
            return QStringLiteral("a row carries no group size counted by SQLite");
        if (used.contains(row[n].toLongLong()))
            return QStringLiteral("two rows claim the same group");
        used.insert(row[n].toLongLong());
        if (group.count < k)
            return QStringLiteral("a group of fewer than %1 clients came back").arg(k);
        for (qsizetype i = 0; i < n; ++i) {
            if (row[i].isNull())
                continue;
            for (const auto &[column, isCount] : std::as_const(guards[i])) {
                GroupCount values;
                if (!countOf(row[n + 1 + summed.indexOf(column)], &values))
                    return QStringLiteral("an aggregate carries no count of its values");
                const qint64 nulls = group.count - values.count;
                const bool ok =
                    isCount ? (values.count == 0 || values.count >= k) && (nulls == 0 || nulls >= k)
                            : values.count >= k;
                if (!ok)
                    return QStringLiteral("an aggregate over fewer than %1 values came back")
                        .arg(k);
            }
        }
    }
    return {};
}

int AggregateQuery::suppressDominated(const AggregateSelect &q, const ReadOnlyQueryResult &result,
                                      QList<QVariantList> *rows,
                                      const QStringList &indicatorColumns, int nulledFrom)
{
    const QStringList summed = AggregateSql::summedColumns(q);
    const qsizetype n = qsizetype(q.items.size());
    int dropped = 0;
    for (qsizetype r = 0; r < rows->size() && r < result.rows.size(); ++r) {
        for (qsizetype i = 0; i < n; ++i) {
            const bool isNull = (*rows)[r][i].isNull();
            if (isNull && nulledFrom <= 0)
                continue;
            for (const auto &[column, isCount] : aggregatedColumns(q.items[size_t(i)].expr)) {
                if (isCount || indicatorColumns.contains(column))
                    continue;
                const auto it = result.groupCounts.constFind(
                    result.rows[r][n + 1 + summed.indexOf(column)].toLongLong());
                if (it != result.groupCounts.constEnd() && it->sumAbs > 0 &&
                    it->maxAbs > 0.5 * it->sumAbs && (!isNull || it->count >= nulledFrom)) {
                    (*rows)[r][i] = QVariant();
                    ++dropped;
                    break;
                }
            }
        }
    }
    return dropped;
}

QString AggregateQuery::checkDifferencing(ReadOnlyQuery &query, const AggregateSelect &q,
                                          const AggregateSqlRules &rules,
                                          const ReadOnlyQueryOptions &limits,
                                          const QList<AggregateQueryHistory::Entry> &history,
                                          const QList<AggregateQueryHistory::Entry> &alsoShared)
{
    const ReadOnlyQueryOptions options = sandboxed(rules, limits);
    // Groups left out by this query that hold 1 to k-1 clients in all: the total (asked
    // before or after) less the groups shown would describe them.
    if (!q.groupBy.isEmpty()) {
        const QString sql =
            QStringLiteral("SELECT TOTAL(n) FROM (SELECT COUNT(*) AS n FROM %1 "
                           "WHERE %2%3 HAVING COUNT(*) < %4)")
                .arg(quoteIdent(rules.view), filterValue(q.where), groupByText(q.groupBy))
                .arg(rules.minGroupSize);
        const ReadOnlyQueryResult r = query.run(sql, options);
        if (!r.ok)
            return genericError(r);
        const double left = r.rows.isEmpty() ? 0 : r.rows.front().value(0).toDouble();
        if (left >= 1 && left < rules.minGroupSize)
            return QStringLiteral("refused: the groups this query leaves out hold fewer than %1 "
                                  "clients in all, so the total less the groups shown would "
                                  "describe them; group by fewer or coarser columns, or filter "
                                  "them out")
                .arg(rules.minGroupSize);
    }
    // Every earlier filter against this one, one scan per grouping (this query's, none, and
    // each earlier query's) with one column per earlier filter: the number of clients on
    // whom the two filters disagree. Counted over all rows: counting only the rows that can
    // move a sum would make a refusal tell whether a few clients' values are 0.
    QMap<QStringList, QList<QString>> byGrouping; // keys -> "A <> B" per earlier filter
    for (const AggregateQueryHistory::Entry &earlier : history) {
        if (earlier.where == q.where)
            continue;
        const QString differs =
            QStringLiteral("%1 <> %2").arg(filterValue(earlier.where), filterValue(q.where));
        // Overall only: within groups, what a difference tells depends on which cells were
        // shared, and checkCombinations() below weighs exactly that.
        byGrouping[QStringList()] << differs;
    }
    for (auto it = byGrouping.cbegin(); it != byGrouping.cend(); ++it) {
        QStringList columns;
        qsizetype length = 0;
        const auto scan = [&]() -> QString {
            if (columns.isEmpty())
                return {};
            const QString sql = QStringLiteral("SELECT %1 FROM %2%3")
                                    .arg(columns.join(QStringLiteral(", ")), quoteIdent(rules.view),
                                         groupByText(it.key()));
            columns.clear();
            length = 0;
            const ReadOnlyQueryResult r = query.run(sql, options);
            if (!r.ok)
                return genericError(r);
            for (const QVariantList &row : r.rows)
                for (const QVariant &v : row)
                    if (v.toDouble() >= 1 && v.toDouble() < rules.minGroupSize)
                        return QStringLiteral(
                                   "refused: this filter differs from the filter of an earlier "
                                   "query in this conversation by fewer than %1 clients%2, so "
                                   "comparing the two answers would describe those few "
                                   "clients; use the same filter, or one that differs by at "
                                   "least %1 clients in every group")
                            .arg(rules.minGroupSize)
                            .arg(it.key().isEmpty() ? QString()
                                                    : QStringLiteral(" in some group of ") +
                                                          it.key().join(QStringLiteral(", ")));
            return {};
        };
        for (const QString &differs : it.value()) {
            const QString column = QStringLiteral("TOTAL(%1)").arg(differs);
            // SQLite takes statements of up to 100 KB here (ReadOnlyQuery).
            if (length + column.size() > 60000) {
                const QString error = scan();
                if (!error.isEmpty())
                    return error;
            }
            columns << column;
            length += column.size() + 2;
        }
        const QString error = scan();
        if (!error.isEmpty())
            return error;
    }
    QList<AggregateQueryHistory::Entry> all = history;
    all.append(entryOf(q));
    all += alsoShared;
    return checkCombinations(query, all, rules, limits);
}

std::optional<AggregateSelect> AggregateQuery::admit(const QString &sql,
                                                     const AggregateSqlRules &rules,
                                                     AggregateQueryHistory *history, QString *error)
{
    if (sql.size() > AggregateSql::kMaxSqlLength) {
        *error = QStringLiteral("aggregates only (the query is longer than %1 characters)")
                     .arg(AggregateSql::kMaxSqlLength);
        return std::nullopt;
    }
    AggregateSqlParse parsed = AggregateSql::parse(sql, rules);
    if (!parsed.ok) {
        *error = parsed.error;
        return std::nullopt;
    }
    // A sum is checked (k values, dominance) after SQLite has computed it: HAVING or ORDER BY
    // on it would act on the value the answer then withholds (a binary search told a nulled,
    // dominated sum in 12 queries).
    if (const QString why = sumsOutsideTheOutput(parsed.query); !why.isEmpty()) {
        *error = why;
        return std::nullopt;
    }
    if (history && !history->spend()) {
        *error = QStringLiteral("refused: this conversation has run %1 aggregate queries, the "
                                "most one conversation may; start a new one")
                     .arg(AggregateQueryHistory::kMaxQueries);
        return std::nullopt;
    }
    return std::move(parsed.query);
}

AggregateQueryResult AggregateQuery::run(ReadOnlyQuery &query, const QString &sql,
                                         const AggregateSqlRules &rules,
                                         const ReadOnlyQueryOptions &limits,
                                         AggregateQueryHistory *history)
{
    AggregateQueryResult out;
    const std::optional<AggregateSelect> admitted = admit(sql, rules, history, &out.error);
    if (!admitted)
        return out;
    const AggregateSelect &q = *admitted;
    if (history) {
        out.error = checkDifferencing(query, q, rules, limits, history->entries());
        if (!out.error.isEmpty())
            return out;
    }
    const QString guarded = AggregateSql::guarded(q, rules, query.groupCounterName());
    const ReadOnlyQueryResult r = query.run(guarded, sandboxed(rules, limits));
    if (!r.ok) {
        out.timedOut = r.timedOut;
        out.error = genericError(r);
        return out;
    }
    const QString broken = verify(q, r, rules.minGroupSize);
    if (!broken.isEmpty()) {
        out.error = QStringLiteral("refused: %1 (nothing was shared)").arg(broken);
        return out;
    }
    const qsizetype n = qsizetype(q.items.size());
    out.columns = r.columns.mid(0, n);
    for (const QVariantList &row : r.rows)
        out.rows.append(row.mid(0, n));
    out.dominated = suppressDominated(q, r, &out.rows, rules.indicatorColumns);
    out.truncated = r.truncated;
    out.ok = true;
    if (history)
        history->add(entryOf(q));
    return out;
}

} // namespace cl
