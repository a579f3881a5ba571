// PgConnection: libpq's asynchronous calls, so that a query can be cancelled while it runs.
#include "PgConnection.h"

#include "data/ColumnRole.h"

#include <libpq-fe.h>

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

#include <poll.h>

#include <cmath>
#include <optional>

namespace cl {

namespace {

QString serverText(const char *text)
{
    return QString::fromUtf8(text).trimmed();
}

/// The server's words without the echo of the query: severity, message, detail and hint.
QString resultText(const PGresult *r)
{
    const char *primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    if (!primary)
        return serverText(PQresultErrorMessage(r));
    QString text = serverText(PQresultErrorField(r, PG_DIAG_SEVERITY)) + QStringLiteral(": ") +
                   serverText(primary);
    if (const char *detail = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL))
        text += QStringLiteral(" (%1)").arg(serverText(detail));
    if (const char *hint = PQresultErrorField(r, PG_DIAG_MESSAGE_HINT))
        text += QStringLiteral(" Hint: %1").arg(serverText(hint));
    return text;
}

/// A value as key=value settings write it: quoted when empty or holding a space, quote or
/// backslash.
QString settingValue(const QString &value)
{
    static const QRegularExpression plain(QStringLiteral("^[^\\s'\\\\]+$"));
    if (plain.match(value).hasMatch())
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    quoted.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

/// The settings of a connection string (URL or key=value) as libpq reads them, password left
/// out ("host=h dbname=bank", in libpq's order) and handed back in *password; nullopt when
/// libpq cannot read it.
std::optional<QStringList> connectionOptions(const QString &url, QString *password)
{
    char *why = nullptr;
    PQconninfoOption *options = PQconninfoParse(url.toUtf8().constData(), &why);
    if (!options) {
        PQfreemem(why);
        return std::nullopt;
    }
    QStringList settings;
    for (const PQconninfoOption *o = options; o->keyword; ++o) {
        if (!o->val)
            continue;
        const QString key = QString::fromUtf8(o->keyword), value = QString::fromUtf8(o->val);
        if (key == QLatin1String("password"))
            *password = value;
        else
            settings << key + QLatin1Char('=') + settingValue(value);
    }
    PQconninfoFree(options);
    return settings;
}

} // namespace

PgConnection::~PgConnection()
{
    close();
}

QString PgConnection::engineName()
{
    return QStringLiteral("PostgreSQL");
}

QString PgConnection::failure(const QString &purpose, const QString &server) const
{
    return QStringLiteral("%1: %2 failed: %3").arg(engineName(), purpose, server);
}

void PgConnection::close()
{
    if (m_conn)
        PQfinish(m_conn);
    m_conn = nullptr;
}

bool PgConnection::open(const QString &url, QString *error, int statementTimeoutMs)
{
    close();
    const QByteArray info = url.toUtf8();
    // Read first: libpq's parse errors quote the text they stumbled on, which can be the
    // password ("invalid percent-encoded token: ..."), so none of its words are passed on.
    QString password;
    if (!connectionOptions(url, &password)) {
        if (error)
            *error = failure(QStringLiteral("reading the connection URL"),
                             QStringLiteral("it is neither a postgresql:// URL nor key=value "
                                            "settings as libpq reads them (check quotes and "
                                            "%-escapes)"));
        return false;
    }
    m_conn = PQconnectdb(info.constData());
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK) {
        // The message names host and port; a password it might echo is blanked.
        QString why = m_conn ? serverText(PQerrorMessage(m_conn)) : QStringLiteral("out of memory");
        if (!password.isEmpty()) {
            why.replace(password, QStringLiteral("***"));
            why.replace(QString::fromUtf8(QUrl::toPercentEncoding(password)),
                        QStringLiteral("***"));
        }
        if (error)
            *error = failure(QStringLiteral("connecting to %1").arg(withoutPassword(url)), why);
        close();
        return false;
    }
    PQsetClientEncoding(m_conn, "UTF8");
    for (const QString &set :
         {QStringLiteral("SET default_transaction_read_only = on"),
          // The literals and regular expressions written here mean what they say: with it off,
          // a backslash in a string escapes (the numbers' '\\.' read any character).
          QStringLiteral("SET standard_conforming_strings = on"),
          QStringLiteral("SET statement_timeout = %1").arg(statementTimeoutMs)}) {
        const WarehouseRows done = query(set, QStringLiteral("making the session read-only"));
        if (!done.ok) {
            if (error)
                *error = done.error;
            close();
            return false;
        }
    }
    return true;
}

WarehouseRows PgConnection::query(const QString &sql, const QString &purpose,
                                  const ProgressCallback &progress)
{
    WarehouseRows out;
    if (!m_conn) {
        out.error = failure(purpose, QStringLiteral("not connected"));
        return out;
    }
    const QByteArray text = sql.toUtf8();
    // The extended protocol, with no parameters: one statement per query, so that text which
    // breaks out of a subquery cannot append a second one (the server refuses the whole).
    if (!PQsendQueryParams(m_conn, text.constData(), 0, nullptr, nullptr, nullptr, nullptr, 0)) {
        out.error = failure(purpose, serverText(PQerrorMessage(m_conn)));
        return out;
    }
    bool cancelSent = false;
    while (PQisBusy(m_conn)) {
        pollfd fd{PQsocket(m_conn), POLLIN, 0};
        ::poll(&fd, 1, 50);
        if (!PQconsumeInput(m_conn)) {
            out.error = failure(purpose, serverText(PQerrorMessage(m_conn)));
            return out;
        }
        if (!cancelSent && !reportProgress(progress, 0.0, purpose)) {
            cancelSent = true;
            out.cancelled = true;
            if (PGcancel *cancel = PQgetCancel(m_conn)) {
                char why[256] = {};
                PQcancel(cancel, why, int(sizeof why));
                PQfreeCancel(cancel);
            }
        }
    }
    // Every result of the statement(s); the last one with rows is the answer.
    while (PGresult *r = PQgetResult(m_conn)) {
        const ExecStatusType status = PQresultStatus(r);
        if (status == PGRES_TUPLES_OK) {
            out.columns.clear();
            out.rows.clear();
            const int nf = PQnfields(r), nt = PQntuples(r);
            for (int f = 0; f < nf; ++f)
                out.columns << QString::fromUtf8(PQfname(r, f));
            out.rows.reserve(size_t(nt));
            for (int t = 0; t < nt; ++t) {
                QStringList row;
                row.reserve(nf);
                for (int f = 0; f < nf; ++f)
                    out.bytes += 4 + PQgetlength(r, t, f);
                for (int f = 0; f < nf; ++f)
                    row << (PQgetisnull(r, t, f)
                                ? QString()
                                : QString::fromUtf8(PQgetvalue(r, t, f), PQgetlength(r, t, f)));
                out.rows.push_back(std::move(row));
            }
        } else if (status != PGRES_COMMAND_OK && status != PGRES_EMPTY_QUERY &&
                   out.error.isEmpty()) {
            out.error = out.cancelled ? failure(purpose, QStringLiteral("cancelled"))
                                      : failure(purpose, resultText(r));
        }
        PQclear(r);
    }
    if (out.cancelled && out.error.isEmpty())
        out.error = failure(purpose, QStringLiteral("cancelled"));
    out.ok = out.error.isEmpty();
    return out;
}

QString PgConnection::quoteIdentifier(const QString &name) const
{
    const QByteArray utf8 = name.toUtf8();
    if (m_conn) {
        if (char *q = PQescapeIdentifier(m_conn, utf8.constData(), size_t(utf8.size()))) {
            const QString quoted = QString::fromUtf8(q);
            PQfreemem(q);
            return quoted;
        }
    }
    QString q = name;
    return QLatin1Char('"') + q.replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
}

QString PgConnection::quoteLiteral(const QString &text) const
{
    const QByteArray utf8 = text.toUtf8();
    if (m_conn) {
        if (char *q = PQescapeLiteral(m_conn, utf8.constData(), size_t(utf8.size()))) {
            const QString quoted = QString::fromUtf8(q);
            PQfreemem(q);
            return quoted;
        }
    }
    QString q = text;
    return QStringLiteral("E'") +
           q.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
               .replace(QLatin1Char('\''), QLatin1String("''")) +
           QLatin1Char('\'');
}

QString PgConnection::withoutPassword(const QString &url, bool *hadPassword)
{
    bool had = false;
    QString out;
    const bool isUrl = url.startsWith(QLatin1String("postgresql://")) ||
                       url.startsWith(QLatin1String("postgres://"));
    if (isUrl) {
        QUrl u(url);
        if (!u.password().isEmpty() || url.contains(QLatin1Char(':') + QLatin1String("@"))) {
            had = had || !u.password().isEmpty();
            u.setPassword(QString());
        }
        QUrlQuery q(u);
        if (q.hasQueryItem(QStringLiteral("password"))) {
            had = true;
            q.removeAllQueryItems(QStringLiteral("password"));
            u.setQuery(q);
        }
        // QUrl reads one host: "h1:5432,h2:5433" comes out as ":5433".
        const QString authority = url.section(QLatin1Char('/'), 2, 2);
        if (u.isValid() && !authority.contains(QLatin1Char(',')))
            out = u.toString(QUrl::RemovePassword);
    }
    if (out.isEmpty()) {
        // key=value settings, or a URL QUrl cannot read (several hosts): rebuilt from libpq's
        // own reading of them, without the password (a pattern missed `password=a\\ b`); empty when
        // libpq cannot read it either.
        QString password;
        const std::optional<QStringList> options = connectionOptions(url, &password);
        had = had || !password.isEmpty();
        out = options ? options->join(QLatin1Char(' ')) : QString();
    }
    if (hadPassword)
        *hadPassword = had;
    return out;
}

bool PgConnection::isNumberTypeName(const QString &type)
{
    static const QStringList numbers{QStringLiteral("smallint"),         QStringLiteral("integer"),
                                     QStringLiteral("bigint"),           QStringLiteral("real"),
                                     QStringLiteral("double precision"), QStringLiteral("numeric")};
    return numbers.contains(type) || type.startsWith(QLatin1String("numeric("));
}

bool PgConnection::isNumberType(const QString &type) const
{
    return isNumberTypeName(type);
}

bool PgConnection::isTextType(const QString &type) const
{
    return type == QLatin1String("text") || type.startsWith(QLatin1String("character")) ||
           type == QLatin1String("name") || type == QLatin1String("citext");
}

bool PgConnection::isIntegerType(const QString &type) const
{
    return type == QLatin1String("smallint") || type == QLatin1String("integer") ||
           type == QLatin1String("bigint");
}

QString PgConnection::columnsSql(const QString &table) const
{
    return QStringLiteral("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                          "WHERE attrelid = %1::regclass AND attnum > 0 AND NOT attisdropped "
                          "ORDER BY attnum")
        .arg(quoteLiteral(quoteIdentifier(table)));
}

WarehouseRows PgConnection::queryColumns(const QString &select, const QString &purpose)
{
    // No rows are read (LIMIT 0): the answer's description gives each column's type, which
    // format_type() names as pg_attribute's would be named.
    WarehouseRows out;
    if (!m_conn) {
        out.error = failure(purpose, QStringLiteral("not connected"));
        return out;
    }
    const QByteArray text =
        QStringLiteral("SELECT * FROM (%1) AS cl_row LIMIT 0").arg(select).toUtf8();
    PGresult *r = PQexecParams(m_conn, text.constData(), 0, nullptr, nullptr, nullptr, nullptr, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        out.error = failure(purpose, r ? resultText(r) : serverText(PQerrorMessage(m_conn)));
        PQclear(r);
        return out;
    }
    QStringList names, types;
    for (int f = 0; f < PQnfields(r); ++f) {
        names << QString::fromUtf8(PQfname(r, f));
        types << QStringLiteral("format_type(%1, %2)").arg(PQftype(r, f)).arg(PQfmod(r, f));
    }
    PQclear(r);
    if (names.isEmpty()) {
        out.ok = true;
        return out;
    }
    const WarehouseRows named =
        queryShaped(QStringLiteral("SELECT %1").arg(types.join(QStringLiteral(", "))), purpose,
                    int(types.size()), 1);
    if (!named.ok)
        return named;
    out.ok = true;
    for (qsizetype i = 0; i < names.size(); ++i)
        out.rows.push_back({names[i], named.rows.front()[i]});
    return out;
}

QString PgConnection::textExpr(const QString &ref) const
{
    return QStringLiteral("CAST(%1 AS text)").arg(ref);
}

QString PgConnection::integerText(const QString &expr) const
{
    return QStringLiteral("CAST(CAST(%1 AS bigint) AS text)").arg(expr);
}

QString PgConnection::md5Bucket(const QString &expr) const
{
    // The text's UTF-8 bytes whatever the database's encoding, as RowHash hashes them.
    return QStringLiteral("('x' || substr(md5(convert_to(%1, 'UTF8')), 1, 8))::bit(32)::bigint")
        .arg(expr);
}

QString PgConnection::containsExpr(const QString &text, const QString &needle) const
{
    return QStringLiteral("strpos(lower(%1), lower(%2)) > 0").arg(text, needle);
}

QString PgConnection::categoryExpr(const QString &ref) const
{
    return QStringLiteral("coalesce(nullif(lower(btrim(regexp_replace(%1::text, '\\s+', ' ', "
                          "'g'), ' ')), ''), %2)")
        .arg(ref, quoteLiteral(kMissingLevel));
}

QString PgConnection::targetExpr(const QString &ref) const
{
    return QStringLiteral("(CASE lower(btrim(%1::text, E' \\t\\r\\n')) WHEN 'yes' THEN 1 "
                          "WHEN '1' THEN 1 WHEN 'true' THEN 1 WHEN 'y' THEN 1 WHEN 'no' THEN 0 "
                          "WHEN '0' THEN 0 WHEN 'false' THEN 0 WHEN 'n' THEN 0 END)")
        .arg(ref);
}

namespace {

/// A plain number (no exponent) as std::from_chars reads one, spaces and tabs around it (the
/// import trims them; the casts skip them). Checked with the length apart: bounds in the regex,
/// such as {1,200}, make it a large automaton and every query several times slower.
constexpr auto kPgPlainNumber = "'^[ \\t]*[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)[ \\t]*$'";
/// One with an exponent of at most 3 digits (numeric reads no more).
constexpr auto kPgExponentNumber =
    "'^[ \\t]*[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)[eE][+-]?[0-9]{1,3}[ \\t]*$'";

/// A plain number of at most 300 characters: no double overflows or underflows from it. (The
/// length first: a regular expression over 256 MB of text fails for want of memory.)
QString pgPlainNumberTest(const QString &text)
{
    return QStringLiteral("(octet_length(%1) <= 300 AND %1 ~ %2)")
        .arg(text, QLatin1String(kPgPlainNumber));
}

/// A numeric `value` as a double where a double holds it, else NULL: a float8 cast raises an
/// error for 1e400 and 1e-400, which fails the whole query. NULL where a double would overflow
/// (from half an ulp past the largest double) or underflow to zero (from half the smallest
/// denormal); the limits are a hair inside the exact ones: they let no value through that the
/// cast refuses.
QString pgNumericAsDouble(const QString &value)
{
    return QStringLiteral("(CASE WHEN abs(%1) < 1.797693134862315807937289714053034150799e308 AND "
                          "(%1 = 0 OR abs(%1) > 2.470328229206232720882843964341106862e-324) "
                          "THEN (%1)::float8 END)")
        .arg(value);
}

bool isNumericTypeName(const QString &type)
{
    return type == QLatin1String("numeric") || type.startsWith(QLatin1String("numeric("));
}

} // namespace

QString PgConnection::numberExpr(const QString &ref, const QString &type) const
{
    // NaN and the infinities as NULL (the plausible ranges reject their rows); a numeric too
    // large or too small for a double as NULL too (notANumberExpr rejects its row).
    if (isNumericTypeName(type))
        return pgNumericAsDouble(QStringLiteral("%1::numeric").arg(ref));
    if (isNumberType(type))
        return QStringLiteral("nullif(nullif(nullif(%1::float8, 'NaN'), 'Infinity'), "
                              "'-Infinity')")
            .arg(ref);
    // A number with an exponent goes through numeric (as many characters as it reads).
    const QString text = QStringLiteral("%1::text").arg(ref);
    return QStringLiteral("(CASE WHEN %2 THEN %1::float8 WHEN octet_length(%1) <= 1000 AND %1 ~ %3 "
                          "THEN %4 END)")
        .arg(text, pgPlainNumberTest(text), QLatin1String(kPgExponentNumber),
             pgNumericAsDouble(QStringLiteral("%1::numeric").arg(text)));
}

QString PgConnection::notANumberExpr(const QString &ref, const QString &type) const
{
    // PostgreSQL's NaN equals itself.
    if (isNumericTypeName(type))
        return QStringLiteral("coalesce(%1 IS NOT NULL AND %2 IS NULL, false)")
            .arg(ref, numberExpr(ref, type));
    if (isNumberType(type))
        return QStringLiteral("coalesce(%1::float8 IN ('NaN', 'Infinity', '-Infinity'), false)")
            .arg(ref);
    // Neither missing (the import's tokens for it) nor a number: "abc", "NaN", "inf", 1e400.
    // A plain number, the usual field, is told first.
    const QString text = QStringLiteral("%1::text").arg(ref);
    const QString trimmed = trimmedText(text);
    return QStringLiteral("coalesce(%1 IS NOT NULL AND NOT %2 AND NOT (octet_length(%3) <= 4 AND "
                          "lower(%3) IN ('', 'na', 'n/a', 'null', '?')) AND %4 IS NULL, false)")
        .arg(text, pgPlainNumberTest(text), trimmed, numberExpr(ref, type));
}

QString PgConnection::checksumExpr(const QString &alias, const QStringList &) const
{
    // hashtext of the whole row: a sum, so the same rows in another order keep it.
    return QStringLiteral("coalesce(sum(hashtext(ROW(%1.*)::text)::numeric), 0)").arg(alias);
}

QString PgConnection::firstAppearanceExpr(const QString &alias) const
{
    return QStringLiteral("min(%1.ctid)").arg(alias);
}

QString PgConnection::doubleLiteral(double v) const
{
    if (std::isnan(v))
        return QStringLiteral("'NaN'::float8");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("'Infinity'::float8") : QStringLiteral("'-Infinity'::float8");
    return QString::number(v, 'g', 17);
}

QString PgConnection::toDouble(const QString &expr) const
{
    return QStringLiteral("(%1)::float8").arg(expr);
}

QString PgConnection::ln(const QString &expr) const
{
    return QStringLiteral("ln(%1)").arg(expr);
}

QString PgConnection::aggregateIf(const QString &function, const QString &argument,
                                  const QString &condition) const
{
    return QStringLiteral("%1(%2) FILTER (WHERE %3)").arg(function, argument, condition);
}

QString PgConnection::countDistinctIf(const QString &expr, const QString &condition) const
{
    return QStringLiteral("count(DISTINCT %1) FILTER (WHERE %2)").arg(expr, condition);
}

QString PgConnection::distinctRowsSql(const QString &from, const QStringList &refs,
                                      const QString &condition) const
{
    // DISTINCT takes NULLs as equal.
    return QStringLiteral("SELECT count(*) FROM (SELECT DISTINCT %1 FROM %2 WHERE %3) AS d")
        .arg(refs.join(QStringLiteral(", ")), from, condition);
}

QString PgConnection::trimmedText(const QString &expr) const
{
    return QStringLiteral("btrim(%1, E' \\t')").arg(expr);
}

QString PgConnection::valueAtMax(const QString &value, const QString &by, const QString &then) const
{
    return QStringLiteral("(array_agg(%1 ORDER BY %2 DESC, %3 ASC))[1]").arg(value, by, then);
}

QString PgConnection::lookup(const QString &key, const QStringList &labels,
                             const QStringList &values) const
{
    QStringList whens;
    for (qsizetype i = 0; i < labels.size(); ++i)
        whens << QStringLiteral("WHEN %1 THEN %2").arg(labels[i], values[i]);
    return QStringLiteral("(CASE %1 %2 ELSE 0 END)").arg(key, whens.join(QLatin1Char(' ')));
}

namespace {

/// The stages as nested subqueries. Each ends in OFFSET 0, which keeps PostgreSQL from pulling
/// it up into the query above: pulled up, an expression is repeated wherever a later one names
/// it (the label expressions, the linear predictor and the fitted probability in every sum),
/// and a Newton step over 41,188 rows took 6 to 8 s instead of a few hundred ms.
QString nestedRows(const StagedRows &rows)
{
    QString sql;
    for (size_t i = 0; i < rows.stages.size(); ++i) {
        const QString columns = rows.stages[i].join(QStringLiteral(", "));
        sql = i == 0 ? QStringLiteral("SELECT %1 FROM %2").arg(columns, rows.from)
                     : QStringLiteral("SELECT *, %1 FROM (%2 OFFSET 0) AS s%3")
                           .arg(columns, sql, QString::number(i));
        if (!rows.filters[i].isEmpty())
            sql = QStringLiteral("SELECT * FROM (%1 OFFSET 0) AS f%2 WHERE %3")
                      .arg(sql, QString::number(i), rows.filters[i].join(QStringLiteral(" AND ")));
    }
    return sql;
}

} // namespace

QString PgConnection::aggregateSql(const StagedRows &rows, const QStringList &aggregates) const
{
    return QStringLiteral("SELECT %1 FROM (%2 OFFSET 0) AS a")
        .arg(aggregates.join(QStringLiteral(", ")), nestedRows(rows));
}

QString PgConnection::selectSql(const StagedRows &rows, const GroupedSelect &select) const
{
    QString sql = QStringLiteral("SELECT %1 FROM (%2 OFFSET 0) AS a")
                      .arg(select.items.join(QStringLiteral(", ")), nestedRows(rows));
    if (!select.where.isEmpty())
        sql += QStringLiteral(" WHERE ") + select.where;
    sql += select.groupedClauses();
    if (select.limit >= 0)
        sql += QStringLiteral(" LIMIT %1").arg(select.limit);
    if (select.offset > 0)
        sql += QStringLiteral(" OFFSET %1").arg(select.offset);
    return sql;
}

QString PgConnection::rankedGroupsSql(const StagedRows &rows, const QString &key,
                                      const QString &y) const
{
    // The greater values' sums are a window over the distinct values, largest first: sums of
    // whole numbers in float8, exact below 2^53 rows.
    return QStringLiteral(
               "SELECT cl_key, cl_n, cl_pos, coalesce(sum(cl_n) OVER cl_w, 0) AS cl_above, "
               "coalesce(sum(cl_pos) OVER cl_w, 0) AS cl_posabove FROM (SELECT %1 AS cl_key, "
               "count(*)::float8 AS cl_n, sum(%2)::float8 AS cl_pos FROM (%3 OFFSET 0) AS r "
               "GROUP BY 1 OFFSET 0) AS g WINDOW cl_w AS (ORDER BY cl_key DESC ROWS BETWEEN "
               "UNBOUNDED PRECEDING AND 1 PRECEDING)")
        .arg(key, y, nestedRows(rows));
}

QString PgConnection::groupingSetsSql(const StagedRows &rows, const QStringList &keys,
                                      const std::vector<std::vector<int>> &sets,
                                      const QStringList &aggregates) const
{
    QStringList flags, groups;
    for (const QString &k : keys)
        flags << QStringLiteral("GROUPING(%1)").arg(k);
    for (const std::vector<int> &set : sets) {
        QStringList in;
        for (int i : set)
            in << keys[i];
        groups << QLatin1Char('(') + in.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    return QStringLiteral("SELECT %1 FROM (%2 OFFSET 0) AS r GROUP BY GROUPING SETS (%3)")
        .arg((flags + keys + aggregates).join(QStringLiteral(", ")), nestedRows(rows),
             groups.join(QStringLiteral(", ")));
}

QString PgConnection::codedSetsSql(const StagedRows &rows, const QStringList &keys,
                                   const std::vector<std::vector<int>> &sets,
                                   const QStringList &aggregates, int pairAggregates,
                                   const std::vector<QStringList> &levels) const
{
    Q_ASSERT(pairAggregates >= 1 && pairAggregates <= aggregates.size());
    // Each key as its level's position (0: none of them), which the sets group by.
    QStringList codes, codeKeys;
    for (qsizetype k = 0; k < keys.size(); ++k) {
        QStringList quoted;
        for (const QString &label : levels[size_t(k)])
            quoted << quoteLiteral(label);
        codeKeys << QStringLiteral("cl_code%1").arg(k);
        codes << QStringLiteral("coalesce(array_position(ARRAY[%1]::text[], (%2)::text), 0) AS %3")
                     .arg(quoted.join(QStringLiteral(", ")), keys[k], codeKeys.last());
    }
    // The rows first aggregated by every key at once (their cells, as many as the keys' level
    // combinations that occur, whatever the rows), their codes found per cell, then the
    // grouping sets over the cells with the partial sums combined: the sets' hash tables see
    // the cells, not the rows. A Newton step over 411,880 rows took 9.8 s as grouping sets over
    // the rows, 3.0 s so. The rows themselves (computed once, MATERIALIZED) where an
    // aggregate's partial results do not combine.
    QStringList named, partials, combined;
    for (qsizetype j = 0; j < aggregates.size(); ++j) {
        const QString how = partialCombiner(aggregates[j]);
        if (how.isEmpty()) {
            combined.clear();
            break;
        }
        partials << QStringLiteral("cl_a%1").arg(j);
        named << QStringLiteral("%1 AS %2").arg(aggregates[j], partials.last());
        combined << QStringLiteral("%1(%2)").arg(how, partials.last());
    }
    const bool cellsFirst = combined.size() == aggregates.size();
    QString with;
    if (cellsFirst) {
        const QString groupBy =
            keys.isEmpty() ? QString() : QStringLiteral(" GROUP BY ") + keys.join(u", ");
        with = QStringLiteral("WITH c AS MATERIALIZED (SELECT %1 FROM (%2 OFFSET 0) AS r%3), "
                              "d AS (SELECT %4 FROM c) ")
                   .arg((keys + named).join(QStringLiteral(", ")), nestedRows(rows), groupBy,
                        (codes + partials).join(QStringLiteral(", ")));
    } else {
        StagedRows coded = rows;
        if (!codes.isEmpty())
            coded.add(codes);
        with = QStringLiteral("WITH d AS MATERIALIZED (%1) ").arg(nestedRows(coded));
    }
    const QStringList &sums = cellsFirst ? combined : aggregates;
    // The sets of at most one key with every aggregate, then the pairs (most of the answer's
    // rows) with their first `pairAggregates`, as one UNION ALL. Within each, which keys are
    // grouped tells the set.
    const qint64 radix = codedRadix(levels);
    auto array = [&](qsizetype count) {
        QStringList items;
        for (qsizetype j = 0; j < count; ++j)
            items << QStringLiteral("(%1)::float8").arg(sums[j]);
        return QStringLiteral("ARRAY[%1]").arg(items.join(QStringLiteral(", ")));
    };
    QStringList parts;
    for (const size_t size : {size_t(0), size_t(2)}) {
        QStringList groups, cases;
        QString otherwise = QStringLiteral("NULL");
        for (size_t s = 0; s < sets.size(); ++s) {
            const std::vector<int> &set = sets[s];
            if ((set.size() == 2) != (size == 2))
                continue;
            QStringList in, grouped;
            QString id = QString::number(qint64(s) * radix * radix);
            for (size_t i = 0; i < set.size(); ++i) {
                in << codeKeys[set[i]];
                grouped << QStringLiteral("GROUPING(%1) = 0").arg(codeKeys[set[i]]);
                id += QStringLiteral(" + %1::bigint * %2")
                          .arg(codeKeys[set[i]])
                          .arg(i == 0 ? radix : 1);
            }
            groups << QLatin1Char('(') + in.join(QStringLiteral(", ")) + QLatin1Char(')');
            if (grouped.isEmpty())
                otherwise = id;
            else
                cases << QStringLiteral("WHEN %1 THEN %2").arg(grouped.join(u" AND "), id);
        }
        if (groups.isEmpty())
            continue;
        const QString idSql = cases.isEmpty() ? otherwise
                                              : QStringLiteral("CASE %1 ELSE %2 END")
                                                    .arg(cases.join(QLatin1Char(' ')), otherwise);
        parts << QStringLiteral("SELECT %1, %2 FROM d GROUP BY GROUPING SETS (%3)")
                     .arg(idSql, array(size == 2 ? pairAggregates : sums.size()),
                          groups.join(QStringLiteral(", ")));
    }
    return with + parts.join(QStringLiteral(" UNION ALL "));
}

QStringList PgConnection::snapshotBegin() const
{
    // One snapshot of the table for every query of the fit. The grouping sets' hash tables
    // (their size depends on the levels, not the rows) in memory: with the default 4 MB
    // PostgreSQL sorts the rows once per set instead. All 17 digits of every double.
    return {QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"),
            QStringLiteral("SET LOCAL work_mem = '64MB'"),
            QStringLiteral("SET LOCAL extra_float_digits = 3")};
}

QString PgConnection::snapshotEnd() const
{
    return QStringLiteral("ROLLBACK");
}

} // namespace cl
