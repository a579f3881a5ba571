// AggregateSql: tokenizer and recursive-descent parser of the aggregate-only SELECT grammar,
// re-emitting canonical SQL with the k-anonymity guards.
#include "AggregateSql.h"

#include <QHash>
#include <QList>
#include <QSet>

namespace cl {

namespace {

enum class Tok
{
    Word,
    Ident,
    Number,
    String,
    Op,
    End
};

struct Token
{
    Tok type = Tok::End;
    QString text; ///< Word: upper case; Ident: unquoted name; String: unquoted value.
};

/// Splits `sql` into tokens; comments are dropped. False (with `error`) on text it cannot read.
bool tokenize(const QString &sql, QList<Token> *out, QString *error)
{
    const qsizetype n = sql.size();
    qsizetype i = 0;
    const auto quoted = [&](QChar close, Tok type) {
        QString v;
        ++i;
        while (i < n) {
            if (sql[i] == close) {
                if (i + 1 < n && sql[i + 1] == close && close != QLatin1Char(']')) {
                    v += close;
                    i += 2;
                    continue;
                }
                ++i;
                out->append({type, v});
                return true;
            }
            v += sql[i++];
        }
        *error = QStringLiteral("unterminated quote");
        return false;
    };
    while (i < n) {
        const QChar c = sql[i];
        if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('-') && i + 1 < n && sql[i + 1] == QLatin1Char('-')) {
            while (i < n && sql[i] != QLatin1Char('\n'))
                ++i;
        } else if (c == QLatin1Char('/') && i + 1 < n && sql[i + 1] == QLatin1Char('*')) {
            const qsizetype end = sql.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? n : end + 2;
        } else if (c == QLatin1Char('\'')) {
            if (!quoted(QLatin1Char('\''), Tok::String))
                return false;
        } else if (c == QLatin1Char('"')) {
            if (!quoted(QLatin1Char('"'), Tok::Ident))
                return false;
        } else if (c == QLatin1Char('`')) {
            if (!quoted(QLatin1Char('`'), Tok::Ident))
                return false;
        } else if (c == QLatin1Char('[')) {
            if (!quoted(QLatin1Char(']'), Tok::Ident))
                return false;
        } else if (c.isDigit() || (c == QLatin1Char('.') && i + 1 < n && sql[i + 1].isDigit())) {
            const qsizetype start = i;
            while (i < n && (sql[i].isDigit() || sql[i] == QLatin1Char('.')))
                ++i;
            if (i < n && (sql[i] == QLatin1Char('e') || sql[i] == QLatin1Char('E'))) {
                ++i;
                if (i < n && (sql[i] == QLatin1Char('+') || sql[i] == QLatin1Char('-')))
                    ++i;
                while (i < n && sql[i].isDigit())
                    ++i;
            }
            const QString num = sql.mid(start, i - start);
            bool ok = false;
            num.toDouble(&ok);
            if (!ok || (i < n && (sql[i].isLetter() || sql[i] == QLatin1Char('_')))) {
                *error = QStringLiteral("cannot read the number near '%1'").arg(num);
                return false;
            }
            out->append({Tok::Number, num});
        } else if (c.isLetter() || c == QLatin1Char('_')) {
            const qsizetype start = i;
            while (i < n && (sql[i].isLetterOrNumber() || sql[i] == QLatin1Char('_') ||
                             sql[i] == QLatin1Char('$')))
                ++i;
            out->append({Tok::Word, sql.mid(start, i - start)});
        } else {
            static const QStringList ops = {QStringLiteral("<="), QStringLiteral(">="),
                                            QStringLiteral("<>"), QStringLiteral("!="),
                                            QStringLiteral("=="), QStringLiteral("||")};
            QString op(c);
            if (i + 1 < n && ops.contains(sql.mid(i, 2)))
                op = sql.mid(i, 2);
            if (!QStringLiteral("(),.*/+-=<>;").contains(c) || op == QLatin1String("||")) {
                *error = QStringLiteral("'%1' is not allowed").arg(op);
                return false;
            }
            i += op.size();
            out->append({Tok::Op, op});
        }
    }
    out->append({Tok::End, QString()});
    return true;
}

QString quoteIdent(const QString &name)
{
    QString q = name;
    q.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString quoteText(const QString &value)
{
    QString q = value;
    q.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

const QSet<QString> &reservedWords()
{
    static const QSet<QString> words = {
        "SELECT",    "FROM",   "WHERE",  "GROUP", "BY",       "HAVING", "ORDER",   "LIMIT",
        "OFFSET",    "AS",     "AND",    "OR",    "NOT",      "IN",     "IS",      "NULL",
        "BETWEEN",   "LIKE",   "ASC",    "DESC",  "DISTINCT", "ALL",    "UNION",   "EXCEPT",
        "INTERSECT", "WITH",   "CASE",   "WHEN",  "THEN",     "ELSE",   "END",     "OVER",
        "FILTER",    "WINDOW", "JOIN",   "ON",    "USING",    "CAST",   "COLLATE", "EXISTS",
        "ESCAPE",    "GLOB",   "REGEXP", "MATCH", "NATURAL",  "LEFT",   "INNER",   "CROSS"};
    return words;
}

/// Where an expression stands: WHERE (per row, no aggregates), or SELECT/HAVING/ORDER BY
/// (per group: bare columns must be GROUP BY columns).
enum class Scope
{
    Row,
    Group,
    Order
};

class Parser
{
public:
    Parser(QList<Token> tokens, const AggregateSqlRules &rules)
        : m_tokens(std::move(tokens)), m_rules(rules)
    {
        for (const QString &c : rules.columns)
            m_columns.insert(c.toLower(), c);
    }

    AggregateSqlResult run()
    {
        AggregateSqlResult r;
        const QString body = query();
        if (!m_error.isEmpty()) {
            r.error = m_error;
            return r;
        }
        r.ok = true;
        r.sql = body;
        return r;
    }

private:
    const Token &peek(int ahead = 0) const
    {
        return m_tokens[std::min<qsizetype>(m_pos + ahead, m_tokens.size() - 1)];
    }
    bool isWord(const char *w, int ahead = 0) const
    {
        const Token &t = peek(ahead);
        return t.type == Tok::Word && t.text.compare(QLatin1String(w), Qt::CaseInsensitive) == 0;
    }
    bool isOp(const char *op, int ahead = 0) const
    {
        const Token &t = peek(ahead);
        return t.type == Tok::Op && t.text == QLatin1String(op);
    }
    bool acceptWord(const char *w)
    {
        if (!isWord(w))
            return false;
        ++m_pos;
        return true;
    }
    bool acceptOp(const char *op)
    {
        if (!isOp(op))
            return false;
        ++m_pos;
        return true;
    }
    bool failed() const { return !m_error.isEmpty(); }
    QString fail(const QString &why)
    {
        if (m_error.isEmpty())
            m_error = why;
        return QString();
    }
    QString near() const
    {
        const Token &t = peek();
        return t.type == Tok::End ? QStringLiteral("the end") : QStringLiteral("'%1'").arg(t.text);
    }
    void expectWord(const char *w)
    {
        if (!acceptWord(w))
            fail(QStringLiteral("expected %1 near %2").arg(QLatin1String(w), near()));
    }
    void expectOp(const char *op)
    {
        if (!acceptOp(op))
            fail(QStringLiteral("expected '%1' near %2").arg(QLatin1String(op), near()));
    }

    QString k() const { return QString::number(m_rules.minGroupSize); }

    /// A column reference (optionally qualified by the view or its alias): its canonical
    /// name, or empty after fail().
    QString column()
    {
        const Token &t = peek();
        if (t.type != Tok::Ident &&
            (t.type != Tok::Word || reservedWords().contains(t.text.toUpper())))
            return fail(QStringLiteral("expected a column name near %1").arg(near()));
        QString name = t.text;
        ++m_pos;
        if (acceptOp(".")) {
            const QString qualifier = name.toLower();
            if (qualifier != m_rules.view.toLower() && qualifier != m_alias.toLower())
                return fail(QStringLiteral("only %1 may be read").arg(m_rules.view));
            const Token &c = peek();
            if (c.type != Tok::Ident && c.type != Tok::Word)
                return fail(QStringLiteral("expected a column name near %1").arg(near()));
            name = c.text;
            ++m_pos;
        }
        const auto it = m_columns.constFind(name.toLower());
        if (it == m_columns.constEnd())
            return fail(QStringLiteral("no column '%1' in %2 (see the data dictionary)")
                            .arg(name, m_rules.view));
        return *it;
    }

    QString aggregate(const QString &fn)
    {
        m_pos += 2; // name and '('
        m_hasAggregate = true;
        if (fn == QLatin1String("COUNT") && acceptOp("*")) {
            expectOp(")");
            if (isWord("FILTER") || isWord("OVER"))
                return fail(QStringLiteral("FILTER and window functions are not allowed"));
            return QStringLiteral("COUNT(*)");
        }
        const bool distinct = acceptWord("DISTINCT");
        if (distinct && fn != QLatin1String("COUNT"))
            return fail(QStringLiteral("DISTINCT is allowed in COUNT(DISTINCT column) only"));
        if (peek().type != Tok::Ident &&
            (peek().type != Tok::Word || reservedWords().contains(peek().text.toUpper())))
            return fail(QStringLiteral("%1() takes a bare column (aggregates only: no "
                                       "expressions inside an aggregate)")
                            .arg(fn));
        const QString col = quoteIdent(column());
        if (failed())
            return QString();
        if (!isOp(")"))
            return fail(QStringLiteral("%1() takes a bare column (aggregates only: no "
                                       "expressions inside an aggregate)")
                            .arg(fn));
        ++m_pos;
        if (isWord("FILTER") || isWord("OVER"))
            return fail(QStringLiteral("FILTER and window functions are not allowed"));
        if (fn == QLatin1String("COUNT"))
            return QStringLiteral("COUNT(%1%2)")
                .arg(distinct ? QStringLiteral("DISTINCT ") : QString(), col);
        // NULL unless at least k clients have a value: AVG over one non-NULL value among many
        // rows would be that client's value.
        return QStringLiteral("(CASE WHEN COUNT(%1) >= %2 THEN %3(%1) END)").arg(col, k(), fn);
    }

    QString primary(Scope scope)
    {
        const Token t = peek();
        if (t.type == Tok::Number) {
            ++m_pos;
            return t.text;
        }
        if (t.type == Tok::String) {
            ++m_pos;
            return quoteText(t.text);
        }
        if (acceptWord("NULL"))
            return QStringLiteral("NULL");
        if (acceptOp("(")) {
            if (isWord("SELECT") || isWord("WITH"))
                return fail(QStringLiteral("subqueries are not allowed"));
            const QString e = expr(scope);
            expectOp(")");
            return QStringLiteral("(%1)").arg(e);
        }
        if (t.type == Tok::Word && isOp("(", 1)) {
            const QString fn = t.text.toUpper();
            if (fn == QLatin1String("COUNT") || fn == QLatin1String("SUM") ||
                fn == QLatin1String("AVG") || fn == QLatin1String("TOTAL")) {
                if (scope == Scope::Row)
                    return fail(QStringLiteral("aggregates are not allowed in WHERE (use HAVING)"));
                return aggregate(fn);
            }
            if (fn == QLatin1String("ROUND")) {
                m_pos += 2;
                QString e = expr(scope);
                if (acceptOp(",")) {
                    if (peek().type != Tok::Number)
                        return fail(QStringLiteral("ROUND(x, digits) wants a number of digits"));
                    e += QStringLiteral(", ") + peek().text;
                    ++m_pos;
                }
                expectOp(")");
                return QStringLiteral("ROUND(%1)").arg(e);
            }
            if (fn == QLatin1String("MIN") || fn == QLatin1String("MAX"))
                return fail(QStringLiteral("%1() is not allowed: it is one client's value; use "
                                           "AVG or GROUP BY a band column")
                                .arg(fn));
            return fail(QStringLiteral("function %1() is not allowed; aggregates mode allows "
                                       "COUNT, SUM, AVG, TOTAL over a bare column, and ROUND")
                            .arg(t.text));
        }
        if (t.type == Tok::Word && reservedWords().contains(t.text.toUpper()))
            return fail(QStringLiteral("%1 is not allowed here").arg(t.text.toUpper()));
        if (t.type == Tok::Word || t.type == Tok::Ident) {
            if (scope == Scope::Order && !isOp(".", 1) && m_aliases.contains(t.text.toLower())) {
                ++m_pos;
                return quoteIdent(t.text);
            }
            const QString col = column();
            if (failed())
                return QString();
            if (scope != Scope::Row)
                m_bareColumns.insert(col.toLower());
            return quoteIdent(col);
        }
        return fail(QStringLiteral("unexpected %1").arg(near()));
    }

    QString unary(Scope scope)
    {
        if (acceptOp("-"))
            return QStringLiteral("-") + unary(scope);
        if (acceptOp("+"))
            return unary(scope);
        return primary(scope);
    }

    QString mul(Scope scope)
    {
        QString e = unary(scope);
        while (!failed() && (isOp("*") || isOp("/"))) {
            const QString op = peek().text;
            ++m_pos;
            e += QLatin1Char(' ') + op + QLatin1Char(' ') + unary(scope);
        }
        return e;
    }

    QString add(Scope scope)
    {
        QString e = mul(scope);
        while (!failed() && (isOp("+") || isOp("-"))) {
            const QString op = peek().text;
            ++m_pos;
            e += QLatin1Char(' ') + op + QLatin1Char(' ') + mul(scope);
        }
        return e;
    }

    QString literal()
    {
        const Token t = peek();
        const bool negative = acceptOp("-");
        if (peek().type == Tok::Number) {
            ++m_pos;
            return (negative ? QStringLiteral("-") : QString()) + peek(-1).text;
        }
        if (!negative && t.type == Tok::String) {
            ++m_pos;
            return quoteText(t.text);
        }
        if (!negative && acceptWord("NULL"))
            return QStringLiteral("NULL");
        return fail(QStringLiteral("IN (...) takes a list of literals near %1").arg(near()));
    }

    QString comparison(Scope scope)
    {
        const QString left = add(scope);
        if (failed())
            return QString();
        static const char *const ops[] = {"=", "==", "!=", "<>", "<", "<=", ">", ">="};
        for (const char *op : ops)
            if (acceptOp(op))
                return QStringLiteral("%1 %2 %3").arg(left, QLatin1String(op), add(scope));
        if (acceptWord("IS")) {
            const bool negated = acceptWord("NOT");
            return QStringLiteral("%1 IS %2%3")
                .arg(left, negated ? QStringLiteral("NOT ") : QString(), add(scope));
        }
        const bool negated =
            isWord("NOT") && (isWord("IN", 1) || isWord("BETWEEN", 1) || isWord("LIKE", 1));
        if (negated)
            ++m_pos;
        const QString notText = negated ? QStringLiteral("NOT ") : QString();
        if (acceptWord("IN")) {
            expectOp("(");
            if (isWord("SELECT") || isWord("WITH"))
                return fail(QStringLiteral("subqueries are not allowed"));
            QStringList items;
            do
                items << literal();
            while (!failed() && acceptOp(","));
            expectOp(")");
            return QStringLiteral("%1 %2IN (%3)")
                .arg(left, notText, items.join(QStringLiteral(", ")));
        }
        if (acceptWord("BETWEEN")) {
            const QString low = add(scope);
            expectWord("AND");
            return QStringLiteral("%1 %2BETWEEN %3 AND %4").arg(left, notText, low, add(scope));
        }
        if (acceptWord("LIKE"))
            return QStringLiteral("%1 %2LIKE %3").arg(left, notText, add(scope));
        return left;
    }

    QString negation(Scope scope)
    {
        if (acceptWord("NOT"))
            return QStringLiteral("NOT ") + negation(scope);
        return comparison(scope);
    }

    QString conjunction(Scope scope)
    {
        QString e = negation(scope);
        while (!failed() && acceptWord("AND"))
            e += QStringLiteral(" AND ") + negation(scope);
        return e;
    }

    QString expr(Scope scope)
    {
        if (++m_depth > 64)
            return fail(QStringLiteral("the expression is nested too deeply"));
        QString e = conjunction(scope);
        while (!failed() && acceptWord("OR"))
            e += QStringLiteral(" OR ") + conjunction(scope);
        --m_depth;
        return e;
    }

    QString query()
    {
        if (isWord("WITH"))
            return fail(QStringLiteral("WITH (CTEs) is not allowed"));
        expectWord("SELECT");
        if (isWord("DISTINCT"))
            return fail(QStringLiteral("SELECT DISTINCT is not allowed; use GROUP BY"));
        acceptWord("ALL");
        QStringList items;
        QStringList itemColumns; ///< Per output item: its column if it is a bare column.
        do {
            if (isOp("*"))
                return fail(QStringLiteral("SELECT * is not allowed"));
            const qsizetype start = m_pos;
            const QString e = expr(Scope::Group);
            if (failed())
                return QString();
            QString item = e;
            // One token (job) or three (s.job) that made a column reference: a bare column.
            const qsizetype used = m_pos - start;
            const QString name = peek(-1).text.toLower();
            const bool isColumn = (used == 1 || used == 3) && m_columns.contains(name) &&
                                  e == quoteIdent(m_columns.value(name));
            itemColumns << (isColumn ? m_columns.value(name) : QString());
            if (acceptWord("AS") || peek().type == Tok::Ident ||
                (peek().type == Tok::Word && !reservedWords().contains(peek().text.toUpper()))) {
                const Token a = peek();
                if (a.type != Tok::Ident && a.type != Tok::Word)
                    return fail(QStringLiteral("expected a name after AS near %1").arg(near()));
                ++m_pos;
                const QString bare = quoteIdent(a.text);
                // An alias named like another column would change what WHERE/GROUP BY mean.
                if (m_columns.contains(a.text.toLower()) &&
                    e.compare(quoteIdent(m_columns.value(a.text.toLower())), Qt::CaseInsensitive))
                    return fail(QStringLiteral("the name %1 is a column; choose another alias")
                                    .arg(a.text));
                m_aliases.insert(a.text.toLower());
                item += QStringLiteral(" AS ") + bare;
            }
            items << item;
        } while (acceptOp(","));
        const bool aggregateOutput = m_hasAggregate;
        expectWord("FROM");
        if (failed())
            return QString();
        const Token from = peek();
        if ((from.type != Tok::Ident && from.type != Tok::Word) ||
            from.text.compare(m_rules.view, Qt::CaseInsensitive) != 0 || isOp(".", 1) ||
            isOp("(", 1))
            return fail(QStringLiteral("the query must read FROM %1 only").arg(m_rules.view));
        ++m_pos;
        if (acceptWord("AS") || peek().type == Tok::Ident ||
            (peek().type == Tok::Word && !reservedWords().contains(peek().text.toUpper()))) {
            if (peek().type != Tok::Ident && peek().type != Tok::Word)
                return fail(QStringLiteral("expected a table alias near %1").arg(near()));
            m_alias = peek().text;
            ++m_pos;
        }
        if (isOp(",") || isWord("JOIN") || isWord("NATURAL") || isWord("LEFT") || isWord("INNER") ||
            isWord("CROSS"))
            return fail(QStringLiteral("joins are not allowed; read %1 only").arg(m_rules.view));
        QString where;
        if (acceptWord("WHERE"))
            where = QStringLiteral(" WHERE ") + expr(Scope::Row);
        QStringList groupBy;
        QSet<QString> groupKeys;
        if (acceptWord("GROUP")) {
            expectWord("BY");
            do {
                QString col;
                if (peek().type == Tok::Number) {
                    // GROUP BY 1: the first output column, which must be a bare column.
                    const int index = peek().text.toInt() - 1;
                    col = itemColumns.value(index);
                    if (col.isEmpty())
                        return fail(QStringLiteral("GROUP BY %1 must point at a plain column of "
                                                   "the SELECT list")
                                        .arg(peek().text));
                    ++m_pos;
                } else if (peek().type != Tok::Ident && peek().type != Tok::Word) {
                    return fail(
                        QStringLiteral("GROUP BY takes column names only near %1").arg(near()));
                } else {
                    col = column();
                }
                if (failed())
                    return QString();
                groupKeys.insert(col.toLower());
                groupBy << quoteIdent(col);
            } while (acceptOp(","));
        }
        QString having;
        if (acceptWord("HAVING"))
            having = expr(Scope::Group);
        QStringList orderBy;
        if (acceptWord("ORDER")) {
            expectWord("BY");
            do {
                QString term;
                if (peek().type == Tok::Number &&
                    (isOp(",", 1) || isWord("ASC", 1) || isWord("DESC", 1) || isWord("LIMIT", 1) ||
                     isOp(";", 1) || peek(1).type == Tok::End)) {
                    term = peek().text; // an ordinal
                    ++m_pos;
                } else {
                    term = expr(Scope::Order);
                }
                if (acceptWord("DESC"))
                    term += QStringLiteral(" DESC");
                else if (acceptWord("ASC"))
                    term += QStringLiteral(" ASC");
                orderBy << term;
            } while (!failed() && acceptOp(","));
        }
        QString limit;
        if (acceptWord("LIMIT")) {
            if (peek().type != Tok::Number)
                return fail(QStringLiteral("LIMIT takes a number"));
            limit = QStringLiteral(" LIMIT ") + peek().text;
            ++m_pos;
            if (acceptWord("OFFSET")) {
                if (peek().type != Tok::Number)
                    return fail(QStringLiteral("OFFSET takes a number"));
                limit += QStringLiteral(" OFFSET ") + peek().text;
                ++m_pos;
            }
        }
        while (acceptOp(";")) {
        }
        if (failed())
            return QString();
        if (peek().type != Tok::End) {
            if (isWord("UNION") || isWord("EXCEPT") || isWord("INTERSECT"))
                return fail(QStringLiteral("UNION, EXCEPT and INTERSECT are not allowed"));
            if (isWord("WINDOW"))
                return fail(QStringLiteral("window functions are not allowed"));
            return fail(QStringLiteral("unexpected %1").arg(near()));
        }
        for (const QString &c : std::as_const(m_bareColumns))
            if (!groupKeys.contains(c))
                return fail(QStringLiteral("column %1 is neither in GROUP BY nor inside an "
                                           "aggregate: only group keys and aggregates may be "
                                           "shared")
                                .arg(m_columns.value(c)));
        if (groupBy.isEmpty() && !aggregateOutput)
            return fail(QStringLiteral("the result holds no aggregate"));
        const QString groupText =
            groupBy.isEmpty() ? QString()
                              : QStringLiteral(" GROUP BY ") + groupBy.join(QStringLiteral(", "));
        const QString from2 =
            QStringLiteral(" FROM ") + quoteIdent(m_rules.view) + where + groupText;
        const QString guard = QStringLiteral("COUNT(*) >= ") + k();
        return QStringLiteral("SELECT ") + items.join(QStringLiteral(", ")) + from2 +
               QStringLiteral(" HAVING ") + guard +
               (having.isEmpty() ? QString() : QStringLiteral(" AND (%1)").arg(having)) +
               (orderBy.isEmpty()
                    ? QString()
                    : QStringLiteral(" ORDER BY ") + orderBy.join(QStringLiteral(", "))) +
               limit;
    }

    QList<Token> m_tokens;
    qsizetype m_pos = 0;
    const AggregateSqlRules &m_rules;
    QHash<QString, QString> m_columns; ///< Lower-case name -> name as in the view.
    QSet<QString> m_aliases;           ///< Output names, lower case (ORDER BY may use them).
    QSet<QString> m_bareColumns;       ///< Columns used outside aggregates in group scope.
    QString m_alias;                   ///< The view's alias in FROM, if any.
    QString m_error;
    bool m_hasAggregate = false;
    int m_depth = 0;
};

} // namespace

AggregateSqlResult AggregateSql::rewrite(const QString &sql, const AggregateSqlRules &rules)
{
    QList<Token> tokens;
    QString error;
    AggregateSqlResult r;
    if (!tokenize(sql, &tokens, &error)) {
        r.error = error;
    } else {
        r = Parser(std::move(tokens), rules).run();
    }
    if (!r.ok)
        r.error = QStringLiteral("aggregates only (%1); write SELECT <columns>, COUNT(*) AS n, "
                                 "AVG(<column>) ... FROM %2 [WHERE ...] GROUP BY <columns>")
                      .arg(r.error, rules.view);
    return r;
}

} // namespace cl
