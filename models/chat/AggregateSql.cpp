// AggregateSql: tokenizer and recursive-descent parser of the aggregate-only SELECT grammar
// into a tree, and the emitters that write SQL from the tree (canonical and guarded).
#include "AggregateSql.h"

#include "store/Database.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <algorithm>

namespace cl {

bool SqlExpr::operator==(const SqlExpr &o) const
{
    return kind == o.kind && text == o.text && negated == o.negated && args == o.args;
}

bool AggregateSelect::operator==(const AggregateSelect &o) const
{
    return items == o.items && where == o.where && groupBy == o.groupBy && having == o.having &&
           orderBy == o.orderBy && limit == o.limit && offset == o.offset;
}

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
    QString text; ///< Word: as written; Ident: unquoted name; String: unquoted value.
};

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

/// Control characters may only separate tokens (tab, CR, LF); NUL and the rest are refused
/// everywhere, since what SQLite would make of them is not ours to guess.
bool isForbiddenControl(QChar c)
{
    const ushort u = c.unicode();
    return (u < 0x20 && u != '\t' && u != '\n' && u != '\r') || u == 0x7f ||
           (u >= 0x80 && u < 0xa0) || c.category() == QChar::Other_Format ||
           c.category() == QChar::Separator_Line || c.category() == QChar::Separator_Paragraph;
}

/// Splits `sql` into tokens; comments are dropped. False (with `error`) on text it cannot read.
bool tokenize(const QString &sql, QList<Token> *out, QString *error)
{
    const qsizetype n = sql.size();
    for (qsizetype j = 0; j < n; ++j)
        if (isForbiddenControl(sql[j])) {
            *error = QStringLiteral("control character U+%1 is not allowed")
                         .arg(sql[j].unicode(), 4, 16, QLatin1Char('0'));
            return false;
        }
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
                if (v.size() > AggregateSql::kMaxLiteralLength) {
                    *error = QStringLiteral("a quoted text is longer than %1 characters")
                                 .arg(AggregateSql::kMaxLiteralLength);
                    return false;
                }
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
        if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') ||
            c == QLatin1Char('\r')) {
            ++i;
        } else if (c.isSpace()) {
            *error = QStringLiteral("the space character U+%1 is not allowed; use a plain space")
                         .arg(c.unicode(), 4, 16, QLatin1Char('0'));
            return false;
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
        } else if (isAsciiDigit(c) ||
                   (c == QLatin1Char('.') && i + 1 < n && isAsciiDigit(sql[i + 1]))) {
            const qsizetype start = i;
            int dots = 0;
            while (i < n && (isAsciiDigit(sql[i]) || sql[i] == QLatin1Char('.'))) {
                dots += sql[i] == QLatin1Char('.');
                ++i;
            }
            bool exponentOk = true;
            if (i < n && (sql[i] == QLatin1Char('e') || sql[i] == QLatin1Char('E'))) {
                ++i;
                if (i < n && (sql[i] == QLatin1Char('+') || sql[i] == QLatin1Char('-')))
                    ++i;
                exponentOk = i < n && isAsciiDigit(sql[i]);
                while (i < n && isAsciiDigit(sql[i]))
                    ++i;
            }
            const QString num = sql.mid(start, i - start);
            if (dots > 1 || !exponentOk ||
                (i < n && (sql[i].isLetterOrNumber() || sql[i] == QLatin1Char('_') ||
                           sql[i] == QLatin1Char('.')))) {
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
            if (!QStringLiteral("(),.*/+-=<>;!").contains(c) || op == QLatin1String("||") ||
                op == QLatin1String("!")) {
                *error = QStringLiteral("'%1' is not allowed").arg(op);
                return false;
            }
            i += op.size();
            out->append({Tok::Op, op});
        }
    }
    // Parentheses are left out of the count: the canonical form adds them, and must parse.
    const auto parentheses = std::count_if(out->cbegin(), out->cend(), [](const Token &t) {
        return t.type == Tok::Op && (t.text == QLatin1String("(") || t.text == QLatin1String(")"));
    });
    if (out->size() - parentheses > AggregateSql::kMaxTokens) {
        *error = QStringLiteral("the query has more than %1 tokens").arg(AggregateSql::kMaxTokens);
        return false;
    }
    out->append({Tok::End, QString()});
    return true;
}

const QSet<QString> &reservedWords()
{
    static const QSet<QString> words = {
        "SELECT",    "FROM",   "WHERE",  "GROUP",  "BY",       "HAVING", "ORDER",   "LIMIT",
        "OFFSET",    "AS",     "AND",    "OR",     "NOT",      "IN",     "IS",      "NULL",
        "BETWEEN",   "LIKE",   "ASC",    "DESC",   "DISTINCT", "ALL",    "UNION",   "EXCEPT",
        "INTERSECT", "WITH",   "CASE",   "WHEN",   "THEN",     "ELSE",   "END",     "OVER",
        "FILTER",    "WINDOW", "JOIN",   "ON",     "USING",    "CAST",   "COLLATE", "EXISTS",
        "ESCAPE",    "GLOB",   "REGEXP", "MATCH",  "NATURAL",  "LEFT",   "INNER",   "CROSS",
        "TRUE",      "FALSE",  "RAISE",  "ISNULL", "NOTNULL",  "NULLS",  "FIRST",   "LAST"};
    return words;
}

bool isReserved(const Token &t)
{
    return t.type == Tok::Word && reservedWords().contains(t.text.toUpper());
}

SqlExpr leaf(SqlExpr::Kind kind, const QString &text)
{
    SqlExpr e;
    e.kind = kind;
    e.text = text;
    return e;
}

SqlExpr node(SqlExpr::Kind kind, const QString &text, std::vector<SqlExpr> args)
{
    SqlExpr e;
    e.kind = kind;
    e.text = text;
    e.args = std::move(args);
    return e;
}

/// A node of one or two operands, moved in (an initializer list would copy whole subtrees).
SqlExpr node(SqlExpr::Kind kind, const QString &text, SqlExpr &&a)
{
    std::vector<SqlExpr> args;
    args.push_back(std::move(a));
    return node(kind, text, std::move(args));
}

SqlExpr node(SqlExpr::Kind kind, const QString &text, SqlExpr &&a, SqlExpr &&b)
{
    std::vector<SqlExpr> args;
    args.reserve(2);
    args.push_back(std::move(a));
    args.push_back(std::move(b));
    return node(kind, text, std::move(args));
}

std::vector<SqlExpr> makeArgs(SqlExpr &&a, SqlExpr &&b, SqlExpr &&c)
{
    std::vector<SqlExpr> args;
    args.reserve(3);
    args.push_back(std::move(a));
    args.push_back(std::move(b));
    args.push_back(std::move(c));
    return args;
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

    AggregateSqlParse run()
    {
        AggregateSqlParse r;
        findViewAlias();
        query(&r.query);
        if (failed()) {
            r.error = m_error;
            r.query = {};
            return r;
        }
        r.ok = true;
        return r;
    }

private:
    /// The view's alias (FROM view [AS] s) is needed before the SELECT list that may use it.
    void findViewAlias()
    {
        int depth = 0;
        for (qsizetype i = 0; i + 1 < m_tokens.size(); ++i) {
            const Token &t = m_tokens[i];
            if (t.type == Tok::Op && t.text == QLatin1String("("))
                ++depth;
            else if (t.type == Tok::Op && t.text == QLatin1String(")"))
                --depth;
            if (depth != 0 || t.type != Tok::Word ||
                t.text.compare(QLatin1String("FROM"), Qt::CaseInsensitive) != 0)
                continue;
            qsizetype a = i + 2;
            if (a < m_tokens.size() && m_tokens[a].type == Tok::Word &&
                m_tokens[a].text.compare(QLatin1String("AS"), Qt::CaseInsensitive) == 0)
                ++a;
            if (a < m_tokens.size() &&
                (m_tokens[a].type == Tok::Ident ||
                 (m_tokens[a].type == Tok::Word && !isReserved(m_tokens[a]))))
                m_viewAlias = m_tokens[a].text;
            return;
        }
    }

    const Token &peek(int ahead = 0) const
    {
        return m_tokens[std::clamp<qsizetype>(m_pos + ahead, 0, m_tokens.size() - 1)];
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
    SqlExpr fail(const QString &why)
    {
        if (m_error.isEmpty())
            m_error = why;
        return {};
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

    /// A column reference (optionally qualified by the view or its alias): its canonical
    /// name, or empty after fail().
    QString column()
    {
        const Token &t = peek();
        if (t.type != Tok::Ident && (t.type != Tok::Word || isReserved(t))) {
            fail(QStringLiteral("expected a column name near %1").arg(near()));
            return {};
        }
        QString name = t.text;
        ++m_pos;
        if (acceptOp(".")) {
            const QString qualifier = name.toLower();
            if (qualifier != m_rules.view.toLower() &&
                (m_viewAlias.isEmpty() || qualifier != m_viewAlias.toLower())) {
                fail(QStringLiteral("only %1 may be read").arg(m_rules.view));
                return {};
            }
            const Token &c = peek();
            if (c.type != Tok::Ident && c.type != Tok::Word) {
                fail(QStringLiteral("expected a column name near %1").arg(near()));
                return {};
            }
            name = c.text;
            ++m_pos;
        }
        const auto it = m_columns.constFind(name.toLower());
        if (it == m_columns.constEnd()) {
            fail(QStringLiteral("no column '%1' in %2 (see the data dictionary)")
                     .arg(name, m_rules.view));
            return {};
        }
        return *it;
    }

    SqlExpr aggregate(const QString &fn)
    {
        m_pos += 2; // name and '('
        m_hasAggregate = true;
        SqlExpr e;
        e.kind = SqlExpr::Kind::Aggregate;
        e.text = fn;
        if (fn == QLatin1String("COUNT") && acceptOp("*")) {
            expectOp(")");
            if (isWord("FILTER") || isWord("OVER"))
                return fail(QStringLiteral("FILTER and window functions are not allowed"));
            return e;
        }
        if (isWord("DISTINCT"))
            return fail(QStringLiteral("%1(DISTINCT ...) is not allowed: it would tell whether a "
                                       "rare value occurs; use GROUP BY the column")
                            .arg(fn));
        if (peek().type != Tok::Ident && (peek().type != Tok::Word || isReserved(peek())))
            return fail(QStringLiteral("%1() takes a bare column (aggregates only: no "
                                       "expressions inside an aggregate)")
                            .arg(fn));
        const QString col = column();
        if (failed())
            return {};
        if (!acceptOp(")"))
            return fail(QStringLiteral("%1() takes a bare column (aggregates only: no "
                                       "expressions inside an aggregate)")
                            .arg(fn));
        if (isWord("FILTER") || isWord("OVER"))
            return fail(QStringLiteral("FILTER and window functions are not allowed"));
        e.args.push_back(leaf(SqlExpr::Kind::Column, col));
        return e;
    }

    SqlExpr primary(Scope scope)
    {
        const Token t = peek();
        if (t.type == Tok::Number) {
            ++m_pos;
            return leaf(SqlExpr::Kind::Number, t.text);
        }
        if (t.type == Tok::String) {
            ++m_pos;
            return leaf(SqlExpr::Kind::String, t.text);
        }
        if (acceptWord("NULL"))
            return leaf(SqlExpr::Kind::Null, QString());
        if (acceptOp("(")) {
            if (isWord("SELECT") || isWord("WITH") || isWord("VALUES"))
                return fail(QStringLiteral("subqueries are not allowed"));
            SqlExpr e = expr(scope);
            expectOp(")");
            return failed() ? SqlExpr() : e;
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
                std::vector<SqlExpr> args{expr(scope)};
                if (!failed() && acceptOp(",")) {
                    if (peek().type != Tok::Number || peek().text.contains(QLatin1Char('.')) ||
                        peek().text.contains(QLatin1Char('e'), Qt::CaseInsensitive))
                        return fail(QStringLiteral("ROUND(x, digits) wants a whole number of "
                                                   "digits"));
                    args.push_back(leaf(SqlExpr::Kind::Number, peek().text));
                    ++m_pos;
                }
                expectOp(")");
                return failed() ? SqlExpr()
                                : node(SqlExpr::Kind::Round, QString(), std::move(args));
            }
            if (fn == QLatin1String("MIN") || fn == QLatin1String("MAX"))
                return fail(QStringLiteral("%1() is not allowed: it is one client's value; use "
                                           "AVG or GROUP BY a band column")
                                .arg(fn));
            return fail(QStringLiteral("function %1() is not allowed; aggregates mode allows "
                                       "COUNT, SUM, AVG, TOTAL over a bare column, and ROUND")
                            .arg(t.text));
        }
        if (isReserved(t))
            return fail(QStringLiteral("%1 is not allowed here").arg(t.text.toUpper()));
        if (t.type == Tok::Word || t.type == Tok::Ident) {
            if (scope == Scope::Order && !isOp(".", 1) && m_aliases.contains(t.text.toLower())) {
                ++m_pos;
                return leaf(SqlExpr::Kind::Alias, m_aliases.value(t.text.toLower()));
            }
            const QString col = column();
            if (failed())
                return {};
            if (scope != Scope::Row)
                m_bareColumns.insert(col.toLower());
            else if (!m_rules.filterColumns.isEmpty() &&
                     !m_rules.filterColumns.contains(col, Qt::CaseInsensitive))
                return fail(QStringLiteral("WHERE may test categories and bands only (%1), not "
                                           "%2; GROUP BY a band column instead")
                                .arg(m_rules.filterColumns.join(QStringLiteral(", ")), col));
            return leaf(SqlExpr::Kind::Column, col);
        }
        return fail(QStringLiteral("unexpected %1").arg(near()));
    }

    SqlExpr unary(Scope scope)
    {
        if (++m_depth > 64)
            return fail(QStringLiteral("the expression is nested too deeply"));
        SqlExpr e;
        if (acceptOp("-"))
            e = node(SqlExpr::Kind::Unary, QStringLiteral("-"), unary(scope));
        else if (acceptOp("+"))
            e = unary(scope);
        else
            e = primary(scope);
        --m_depth;
        return failed() ? SqlExpr() : e;
    }

    SqlExpr binaryChain(Scope scope, SqlExpr (Parser::*operand)(Scope),
                        std::initializer_list<const char *> ops)
    {
        SqlExpr e = (this->*operand)(scope);
        while (!failed()) {
            const char *found = nullptr;
            for (const char *op : ops)
                if (isOp(op))
                    found = op;
            if (!found)
                break;
            ++m_pos;
            SqlExpr right = (this->*operand)(scope);
            e = node(SqlExpr::Kind::Binary, QLatin1String(found), std::move(e), std::move(right));
        }
        return failed() ? SqlExpr() : e;
    }

    SqlExpr mul(Scope scope) { return binaryChain(scope, &Parser::unary, {"*", "/"}); }
    SqlExpr add(Scope scope) { return binaryChain(scope, &Parser::mul, {"+", "-"}); }

    SqlExpr literal()
    {
        if (acceptOp("(")) {
            if (++m_depth > 64)
                return fail(QStringLiteral("the expression is nested too deeply"));
            SqlExpr e = literal();
            expectOp(")");
            --m_depth;
            return failed() ? SqlExpr() : e;
        }
        const bool negative = acceptOp("-");
        const Token t = peek();
        if (t.type == Tok::Number) {
            ++m_pos;
            return negative ? node(SqlExpr::Kind::Unary, QStringLiteral("-"),
                                   leaf(SqlExpr::Kind::Number, t.text))
                            : leaf(SqlExpr::Kind::Number, t.text);
        }
        if (!negative && t.type == Tok::String) {
            ++m_pos;
            return leaf(SqlExpr::Kind::String, t.text);
        }
        if (!negative && acceptWord("NULL"))
            return leaf(SqlExpr::Kind::Null, QString());
        return fail(QStringLiteral("IN (...) takes a list of literals near %1").arg(near()));
    }

    SqlExpr comparison(Scope scope)
    {
        SqlExpr left = add(scope);
        if (failed())
            return {};
        static const char *const ops[] = {"=", "==", "!=", "<>", "<", "<=", ">", ">="};
        for (const char *op : ops)
            if (acceptOp(op)) {
                QString canonicalOp = QLatin1String(op);
                if (canonicalOp == QLatin1String("=="))
                    canonicalOp = QStringLiteral("=");
                else if (canonicalOp == QLatin1String("!="))
                    canonicalOp = QStringLiteral("<>");
                SqlExpr right = add(scope);
                return failed() ? SqlExpr()
                                : node(SqlExpr::Kind::Binary, canonicalOp, std::move(left),
                                       std::move(right));
            }
        if (acceptWord("IS")) {
            const bool negated = acceptWord("NOT");
            SqlExpr right = add(scope);
            return failed() ? SqlExpr()
                            : node(SqlExpr::Kind::Binary,
                                   negated ? QStringLiteral("IS NOT") : QStringLiteral("IS"),
                                   std::move(left), std::move(right));
        }
        const bool negated =
            isWord("NOT") && (isWord("IN", 1) || isWord("BETWEEN", 1) || isWord("LIKE", 1));
        if (negated)
            ++m_pos;
        if (acceptWord("IN")) {
            expectOp("(");
            if (isWord("SELECT") || isWord("WITH") || isWord("VALUES"))
                return fail(QStringLiteral("subqueries are not allowed"));
            SqlExpr e = node(SqlExpr::Kind::In, QString(), std::move(left));
            e.negated = negated;
            do
                e.args.push_back(literal());
            while (!failed() && acceptOp(","));
            expectOp(")");
            return failed() ? SqlExpr() : e;
        }
        if (acceptWord("BETWEEN")) {
            SqlExpr low = add(scope);
            expectWord("AND");
            SqlExpr high = add(scope);
            SqlExpr e = node(SqlExpr::Kind::Between, QString(),
                             makeArgs(std::move(left), std::move(low), std::move(high)));
            e.negated = negated;
            return failed() ? SqlExpr() : e;
        }
        if (acceptWord("LIKE")) {
            SqlExpr right = add(scope);
            return failed() ? SqlExpr()
                            : node(SqlExpr::Kind::Binary,
                                   negated ? QStringLiteral("NOT LIKE") : QStringLiteral("LIKE"),
                                   std::move(left), std::move(right));
        }
        if (negated)
            return fail(QStringLiteral("unexpected %1").arg(near()));
        return left;
    }

    SqlExpr negation(Scope scope)
    {
        if (acceptWord("NOT")) {
            if (++m_depth > 64)
                return fail(QStringLiteral("the expression is nested too deeply"));
            SqlExpr e = node(SqlExpr::Kind::Unary, QStringLiteral("NOT"), negation(scope));
            --m_depth;
            return failed() ? SqlExpr() : e;
        }
        return comparison(scope);
    }

    SqlExpr conjunction(Scope scope)
    {
        SqlExpr e = negation(scope);
        while (!failed() && acceptWord("AND")) {
            SqlExpr right = negation(scope);
            e = node(SqlExpr::Kind::Binary, QStringLiteral("AND"), std::move(e), std::move(right));
        }
        return failed() ? SqlExpr() : e;
    }

    SqlExpr expr(Scope scope)
    {
        if (++m_depth > 64)
            return fail(QStringLiteral("the expression is nested too deeply"));
        SqlExpr e = conjunction(scope);
        while (!failed() && acceptWord("OR")) {
            SqlExpr right = conjunction(scope);
            e = node(SqlExpr::Kind::Binary, QStringLiteral("OR"), std::move(e), std::move(right));
        }
        --m_depth;
        return failed() ? SqlExpr() : e;
    }

    /// An output or table alias after an optional AS; empty if there is none.
    QString optionalAlias(bool *bad)
    {
        *bad = false;
        const bool as = acceptWord("AS");
        const Token a = peek();
        if (a.type == Tok::Ident || (a.type == Tok::Word && !isReserved(a))) {
            ++m_pos;
            return a.text;
        }
        if (as) {
            fail(QStringLiteral("expected a name after AS near %1").arg(near()));
            *bad = true;
        }
        return {};
    }

    void query(AggregateSelect *q)
    {
        if (isWord("WITH")) {
            fail(QStringLiteral("WITH (CTEs) is not allowed"));
            return;
        }
        expectWord("SELECT");
        if (isWord("DISTINCT")) {
            fail(QStringLiteral("SELECT DISTINCT is not allowed; use GROUP BY"));
            return;
        }
        acceptWord("ALL");
        do {
            if (isOp("*")) {
                fail(QStringLiteral("SELECT * is not allowed"));
                return;
            }
            AggregateSelect::Item item;
            item.expr = expr(Scope::Group);
            if (failed())
                return;
            bool bad = false;
            item.alias = optionalAlias(&bad);
            if (bad)
                return;
            q->items.push_back(std::move(item));
        } while (acceptOp(","));
        const bool aggregateOutput = m_hasAggregate;
        expectWord("FROM");
        if (failed())
            return;
        const Token from = peek();
        if ((from.type != Tok::Ident && from.type != Tok::Word) ||
            from.text.compare(m_rules.view, Qt::CaseInsensitive) != 0 || isOp(".", 1) ||
            isOp("(", 1)) {
            fail(QStringLiteral("the query must read FROM %1 only").arg(m_rules.view));
            return;
        }
        ++m_pos;
        bool bad = false;
        if (optionalAlias(&bad) != m_viewAlias || bad) {
            fail(QStringLiteral("expected WHERE, GROUP BY, ORDER BY or LIMIT near %1").arg(near()));
            return;
        }
        if (isOp(",") || isWord("JOIN") || isWord("NATURAL") || isWord("LEFT") || isWord("INNER") ||
            isWord("CROSS")) {
            fail(QStringLiteral("joins are not allowed; read %1 only").arg(m_rules.view));
            return;
        }
        if (acceptWord("WHERE"))
            q->where = expr(Scope::Row);
        if (failed())
            return;
        if (acceptWord("GROUP")) {
            expectWord("BY");
            do {
                if (peek().type == Tok::Number) {
                    // GROUP BY 1: the first output column, which must be a bare column.
                    bool ok = false;
                    const int index = peek().text.toInt(&ok) - 1;
                    const bool column = ok && index >= 0 && index < int(q->items.size()) &&
                                        q->items[size_t(index)].expr.kind == SqlExpr::Kind::Column;
                    if (!column) {
                        fail(QStringLiteral("GROUP BY %1 must point at a plain column of the "
                                            "SELECT list")
                                 .arg(peek().text));
                        return;
                    }
                    ++m_pos;
                    q->groupBy << q->items[size_t(index)].expr.text;
                } else if (peek().type != Tok::Ident && peek().type != Tok::Word) {
                    fail(QStringLiteral("GROUP BY takes column names only near %1").arg(near()));
                    return;
                } else {
                    const QString col = column();
                    if (failed())
                        return;
                    q->groupBy << col;
                }
            } while (acceptOp(","));
        }
        for (const AggregateSelect::Item &item : q->items)
            if (!item.alias.isEmpty()) {
                // An alias named like another column would change what GROUP BY and ORDER BY
                // mean; one of ours would pass for a hidden column.
                const QString lower = item.alias.toLower();
                if (m_columns.contains(lower) && !(item.expr.kind == SqlExpr::Kind::Column &&
                                                   item.expr.text == m_columns.value(lower))) {
                    fail(QStringLiteral("the name %1 is a column; choose another alias")
                             .arg(item.alias));
                    return;
                }
                if (lower.startsWith(QLatin1String("__cl"))) {
                    fail(QStringLiteral("names starting with __cl are reserved"));
                    return;
                }
                m_aliases.insert(lower, item.alias);
            }
        if (acceptWord("HAVING"))
            q->having = expr(Scope::Group);
        if (failed())
            return;
        if (acceptWord("ORDER")) {
            expectWord("BY");
            do {
                AggregateSelect::OrderTerm term;
                if (peek().type == Tok::Number &&
                    (isOp(",", 1) || isWord("ASC", 1) || isWord("DESC", 1) || isWord("LIMIT", 1) ||
                     isOp(";", 1) || peek(1).type == Tok::End)) {
                    bool ok = false;
                    const int ordinal = peek().text.toInt(&ok);
                    if (!ok || ordinal < 1 || ordinal > int(q->items.size())) {
                        fail(QStringLiteral("ORDER BY %1: there are %2 output columns")
                                 .arg(peek().text)
                                 .arg(q->items.size()));
                        return;
                    }
                    term.expr = leaf(SqlExpr::Kind::Ordinal, QString::number(ordinal));
                    ++m_pos;
                } else {
                    term.expr = expr(Scope::Order);
                    if (!failed() && term.expr.kind == SqlExpr::Kind::Number) {
                        fail(QStringLiteral("ORDER BY a number means an output column: write "
                                            "1 to %1")
                                 .arg(q->items.size()));
                        return;
                    }
                }
                if (acceptWord("DESC"))
                    term.direction = QStringLiteral("DESC");
                else if (acceptWord("ASC"))
                    term.direction = QStringLiteral("ASC");
                q->orderBy.push_back(std::move(term));
            } while (!failed() && acceptOp(","));
        }
        if (failed())
            return;
        const auto count = [&](QString *out, const char *what) {
            bool ok = false;
            const qint64 v = peek().text.toLongLong(&ok);
            if (peek().type != Tok::Number || !ok || v < 0 || v > 1000000000) {
                fail(QStringLiteral("%1 takes a whole number").arg(QLatin1String(what)));
                return;
            }
            *out = QString::number(v);
            ++m_pos;
        };
        if (acceptWord("LIMIT")) {
            count(&q->limit, "LIMIT");
            if (!failed() && acceptWord("OFFSET"))
                count(&q->offset, "OFFSET");
        }
        while (acceptOp(";")) {
        }
        if (failed())
            return;
        if (peek().type != Tok::End) {
            if (isWord("UNION") || isWord("EXCEPT") || isWord("INTERSECT"))
                fail(QStringLiteral("UNION, EXCEPT and INTERSECT are not allowed"));
            else if (isWord("WINDOW"))
                fail(QStringLiteral("window functions are not allowed"));
            else
                fail(QStringLiteral("unexpected %1").arg(near()));
            return;
        }
        QSet<QString> groupKeys;
        for (const QString &c : std::as_const(q->groupBy))
            groupKeys.insert(c.toLower());
        for (const QString &c : std::as_const(m_bareColumns))
            if (!groupKeys.contains(c)) {
                fail(QStringLiteral("column %1 is neither in GROUP BY nor inside an aggregate: "
                                    "only group keys and aggregates may be shared")
                         .arg(m_columns.value(c)));
                return;
            }
        if (q->groupBy.isEmpty() && !aggregateOutput) {
            fail(QStringLiteral("the result holds no aggregate"));
            return;
        }
        const QStringList names = AggregateSql::outputNames(*q);
        QSet<QString> seen;
        for (int i = 0; i < names.size(); ++i) {
            const QString lower = names[i].toLower();
            const SqlExpr &e = q->items[size_t(i)].expr;
            if (q->items[size_t(i)].alias.isEmpty() && m_columns.contains(lower) &&
                !(e.kind == SqlExpr::Kind::Column && e.text == m_columns.value(lower))) {
                fail(QStringLiteral("output column %1 needs an alias").arg(i + 1));
                return;
            }
            if (seen.contains(lower)) {
                fail(QStringLiteral("two output columns are named %1; give one an alias")
                         .arg(names[i]));
                return;
            }
            seen.insert(lower);
        }
    }

    QList<Token> m_tokens;
    qsizetype m_pos = 0;
    const AggregateSqlRules &m_rules;
    QHash<QString, QString> m_columns; ///< Lower-case name -> name as in the view.
    QHash<QString, QString> m_aliases; ///< Output names, lower case -> as written.
    QSet<QString> m_bareColumns;       ///< Columns used outside aggregates in group scope.
    QString m_viewAlias;               ///< The view's alias in FROM, if any.
    QString m_error;
    bool m_hasAggregate = false;
    int m_depth = 0;
};

/// True if operators `a` and `b` chain left to right at one level of the grammar.
bool sameLevel(const QString &a, const QString &b)
{
    const auto level = [](const QString &op) {
        if (op == QLatin1String("+") || op == QLatin1String("-"))
            return 1;
        if (op == QLatin1String("*") || op == QLatin1String("/"))
            return 2;
        if (op == QLatin1String("AND"))
            return 3;
        if (op == QLatin1String("OR"))
            return 4;
        return 0; // comparisons, IS, LIKE: never chained
    };
    return level(a) != 0 && level(a) == level(b);
}

/// Writes a tree as SQL: every compound node in parentheses, operators between spaces,
/// literals and names quoted. With `k` > 0, SUM/AVG/TOTAL carry the k guard. Without a dialect
/// it writes SQLite; with one, the engine's spelling of names, literals and functions.
class Emitter
{
public:
    explicit Emitter(int k = 0, const AggregateDialect *dialect = nullptr,
                     QStringList indicators = {})
        : m_k(k), m_dialect(dialect), m_indicators(std::move(indicators))
    {
    }

    QString expr(const SqlExpr &e) const
    {
        using K = SqlExpr::Kind;
        switch (e.kind) {
        case K::Number:
        case K::Ordinal:
            return e.text;
        case K::String:
            return m_dialect ? m_dialect->literal(e.text) : Database::quoteLiteral(e.text);
        case K::Null:
            return QStringLiteral("NULL");
        case K::Column:
        case K::Alias:
            return column(e.text);
        case K::Unary:
            return QStringLiteral("(%1 %2)").arg(e.text, expr(e.args.at(0)));
        case K::Binary: {
            if (m_dialect) {
                const bool negated =
                    e.text.startsWith(QLatin1String("NOT ")) || e.text == QLatin1String("IS NOT");
                if (e.text.endsWith(QLatin1String("LIKE")))
                    return m_dialect->like(expr(e.args.at(0)), expr(e.args.at(1)), negated);
                if (e.text.startsWith(QLatin1String("IS")))
                    return m_dialect->is(expr(e.args.at(0)), expr(e.args.at(1)), negated);
                // x / 0 is NULL, as in SQLite: an engine that raises on it (PostgreSQL) would
                // otherwise tell, by its error, whether a value it never shows is 0.
                if (e.text == QLatin1String("/"))
                    return QStringLiteral("(%1 / NULLIF(%2, 0))")
                        .arg(expr(e.args.at(0)), expr(e.args.at(1)));
            }
            // A left-deep chain of one level (a + b - c, a AND b AND c) is written flat in one
            // pair of parentheses: SQL reads it left to right, as the tree has it, and the text
            // does not nest as deep as the chain is long.
            if (!sameLevel(e.text, e.text))
                return QStringLiteral("(%1 %2 %3)")
                    .arg(expr(e.args.at(0)), e.text, expr(e.args.at(1)));
            std::vector<const SqlExpr *> chain;
            const SqlExpr *left = &e;
            while (left->kind == K::Binary && sameLevel(left->text, e.text) &&
                   !(m_dialect && left->text == QLatin1String("/"))) {
                chain.push_back(left);
                left = &left->args.at(0);
            }
            QString out = QLatin1Char('(') + expr(*left);
            for (auto it = chain.rbegin(); it != chain.rend(); ++it)
                out += QLatin1Char(' ') + (*it)->text + QLatin1Char(' ') + expr((*it)->args.at(1));
            return out + QLatin1Char(')');
        }
        case K::In: {
            QStringList items;
            for (size_t i = 1; i < e.args.size(); ++i)
                items << expr(e.args[i]);
            return QStringLiteral("(%1 %2IN (%3))")
                .arg(expr(e.args.at(0)), e.negated ? QStringLiteral("NOT ") : QString(),
                     items.join(QStringLiteral(", ")));
        }
        case K::Between:
            return QStringLiteral("(%1 %2BETWEEN %3 AND %4)")
                .arg(expr(e.args.at(0)), e.negated ? QStringLiteral("NOT ") : QString(),
                     expr(e.args.at(1)), expr(e.args.at(2)));
        case K::Aggregate: {
            if (e.args.empty())
                return aggregate(QStringLiteral("COUNT"), QStringLiteral("*"));
            const QString col = column(e.args.front().text);
            if (e.text == QLatin1String("COUNT")) {
                const QString count = aggregate(e.text, col);
                if (m_k <= 0)
                    return count;
                // NULL unless the values and the NULLs each number 0 or at least k: a count of
                // one value among many NULLs (or of one NULL) would single a client out.
                return QStringLiteral("(CASE WHEN (%1 = 0 OR %1 >= %2) AND ((%3 - %1) = 0 "
                                      "OR (%3 - %1) >= %2) THEN %1 END)")
                    .arg(count, QString::number(m_k),
                         aggregate(QStringLiteral("COUNT"), QStringLiteral("*")));
            }
            const QString plain = aggregate(e.text, col);
            if (m_k <= 0)
                return plain;
            if (m_dialect && !m_indicators.contains(e.args.front().text)) {
                // On an engine the dominance rule is in the guard too: arithmetic over a sum
                // that one client dominates would run on the value the answer withholds, and
                // an engine error (PostgreSQL's overflow) would tell it by bisection.
                const QString absolute = QStringLiteral("abs(%1)").arg(col);
                const QString total = aggregate(QStringLiteral("TOTAL"), absolute);
                return QStringLiteral("(CASE WHEN %1 >= %2 AND (%3 = 0 OR max(%4) <= 0.5 * %3) "
                                      "THEN %5 END)")
                    .arg(aggregate(QStringLiteral("COUNT"), col), QString::number(m_k), total,
                         absolute, plain);
            }
            // NULL unless at least k clients have a value: AVG over one non-NULL value among
            // many rows would be that client's value.
            return QStringLiteral("(CASE WHEN %1 >= %2 THEN %3 END)")
                .arg(aggregate(QStringLiteral("COUNT"), col), QString::number(m_k), plain);
        }
        case K::Round: {
            const QString digits = e.args.size() > 1 ? expr(e.args.at(1)) : QString();
            if (m_dialect)
                return m_dialect->round(expr(e.args.at(0)), digits);
            return e.args.size() > 1
                       ? QStringLiteral("ROUND(%1, %2)").arg(expr(e.args.at(0)), digits)
                       : QStringLiteral("ROUND(%1)").arg(expr(e.args.at(0)));
        }
        }
        return QStringLiteral("NULL");
    }

private:
    QString column(const QString &name) const
    {
        return m_dialect ? m_dialect->column(name) : Database::quoteIdentifier(name);
    }
    QString aggregate(const QString &function, const QString &argument) const
    {
        return m_dialect ? m_dialect->aggregate(function, argument)
                         : QStringLiteral("%1(%2)").arg(function, argument);
    }

    int m_k;
    const AggregateDialect *m_dialect;
    QStringList m_indicators; ///< 0/1 columns: their sums are counts, never dominated
};

void collectSummed(const SqlExpr &e, QStringList *out)
{
    if (e.kind == SqlExpr::Kind::Aggregate && !e.args.empty() &&
        !out->contains(e.args.front().text))
        out->append(e.args.front().text);
    for (const SqlExpr &a : e.args)
        collectSummed(a, out);
}

QString selectText(const AggregateSelect &q, const QString &view, const Emitter &emit,
                   const QStringList &items, const QString &guard)
{
    QString sql = QStringLiteral("SELECT ") + items.join(QStringLiteral(", ")) +
                  QStringLiteral(" FROM ") + Database::quoteIdentifier(view);
    if (q.where)
        sql += QStringLiteral(" WHERE ") + emit.expr(*q.where);
    if (!q.groupBy.isEmpty()) {
        QStringList keys;
        for (const QString &c : q.groupBy)
            keys << Database::quoteIdentifier(c);
        sql += QStringLiteral(" GROUP BY ") + keys.join(QStringLiteral(", "));
    }
    if (!guard.isEmpty())
        sql += QStringLiteral(" HAVING ") + guard +
               (q.having ? QStringLiteral(" AND ") + emit.expr(*q.having) : QString());
    else if (q.having)
        sql += QStringLiteral(" HAVING ") + emit.expr(*q.having);
    if (!q.orderBy.empty()) {
        QStringList terms;
        for (const AggregateSelect::OrderTerm &t : q.orderBy)
            terms << emit.expr(t.expr) +
                         (t.direction.isEmpty() ? QString() : QLatin1Char(' ') + t.direction);
        sql += QStringLiteral(" ORDER BY ") + terms.join(QStringLiteral(", "));
    }
    if (!q.limit.isEmpty())
        sql += QStringLiteral(" LIMIT ") + q.limit;
    if (!q.offset.isEmpty())
        sql += QStringLiteral(" OFFSET ") + q.offset;
    return sql;
}

} // namespace

AggregateSqlParse AggregateSql::parse(const QString &sql, const AggregateSqlRules &rules)
{
    QList<Token> tokens;
    QString error;
    AggregateSqlParse r;
    if (sql.size() > 4 * kMaxSqlLength) // what the canonical form of a query may grow to
        error = QStringLiteral("the query is longer than %1 characters").arg(kMaxSqlLength);
    else if (!tokenize(sql, &tokens, &error))
        r.error = error;
    else
        r = Parser(std::move(tokens), rules).run();
    if (!r.ok)
        r.error = QStringLiteral("aggregates only (%1); write SELECT <columns>, COUNT(*) AS n, "
                                 "AVG(<column>) ... FROM %2 [WHERE ...] GROUP BY <columns>")
                      .arg(r.error, rules.view);
    return r;
}

QString AggregateSql::expression(const SqlExpr &e)
{
    return Emitter().expr(e);
}

QString AggregateSql::expression(const SqlExpr &e, const AggregateDialect &dialect, int k,
                                 const QStringList &indicatorColumns)
{
    return Emitter(k, &dialect, indicatorColumns).expr(e);
}

QString AggregateSql::canonical(const AggregateSelect &q, const QString &view)
{
    const Emitter emit;
    QStringList items;
    for (const AggregateSelect::Item &item : q.items)
        items << emit.expr(item.expr) +
                     (item.alias.isEmpty()
                          ? QString()
                          : QStringLiteral(" AS ") + Database::quoteIdentifier(item.alias));
    return selectText(q, view, emit, items, QString());
}

QStringList AggregateSql::outputNames(const AggregateSelect &q)
{
    QStringList names;
    for (const AggregateSelect::Item &item : q.items)
        names << (!item.alias.isEmpty()                     ? item.alias
                  : item.expr.kind == SqlExpr::Kind::Column ? item.expr.text
                                                            : expression(item.expr));
    return names;
}

QString AggregateSql::groupTicketColumn()
{
    return QStringLiteral("__cl_group");
}

QStringList AggregateSql::summedColumns(const AggregateSelect &q, int item)
{
    QStringList out;
    for (int i = 0; i < int(q.items.size()); ++i)
        if (item < 0 || i == item)
            collectSummed(q.items[size_t(i)].expr, &out);
    return out;
}

QStringList AggregateSql::valueTicketColumns(const AggregateSelect &q)
{
    QStringList names;
    const QStringList summed = summedColumns(q);
    for (int i = 0; i < summed.size(); ++i)
        names << QStringLiteral("__cl_values_%1").arg(i + 1);
    return names;
}

QString AggregateSql::guarded(const AggregateSelect &q, const AggregateSqlRules &rules,
                              const QString &groupCounter)
{
    const Emitter emit(rules.minGroupSize);
    const QStringList names = outputNames(q);
    QStringList items;
    for (size_t i = 0; i < q.items.size(); ++i)
        items << emit.expr(q.items[i].expr) + QStringLiteral(" AS ") +
                     Database::quoteIdentifier(names[int(i)]);
    if (!groupCounter.isEmpty()) {
        items << QStringLiteral("%1() AS %2")
                     .arg(groupCounter, Database::quoteIdentifier(groupTicketColumn()));
        const QStringList summed = summedColumns(q);
        const QStringList hidden = valueTicketColumns(q);
        for (int i = 0; i < summed.size(); ++i)
            items << QStringLiteral("%1(%2) AS %3")
                         .arg(groupCounter, Database::quoteIdentifier(summed[i]),
                              Database::quoteIdentifier(hidden[i]));
    }
    return selectText(q, rules.view, emit, items,
                      QStringLiteral("COUNT(*) >= ") + QString::number(rules.minGroupSize));
}

} // namespace cl
