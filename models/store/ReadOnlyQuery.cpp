// ReadOnlyQuery: authorizer, progress-handler time limit and caps around one SELECT.
#include "store/ReadOnlyQuery.h"

#include "store/Database.h"
#include "store/Statement.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>

#include <algorithm>
#include <cmath>

#include <sqlite3.h>

namespace cl {

namespace {

/// Pure functions of core SQLite, its date/time, math, JSON and window functions.
const QSet<QString> &allowedFunctions()
{
    static const QSet<QString> names = {
        // aggregate
        "avg", "count", "group_concat", "string_agg", "max", "min", "sum", "total",
        // scalar
        "abs", "char", "coalesce", "concat", "concat_ws", "format", "glob", "hex", "ifnull", "iif",
        "instr", "length", "like", "likelihood", "likely", "lower", "ltrim", "nullif",
        "octet_length", "printf", "quote", "random", "replace", "round", "rtrim", "sign", "soundex",
        "substr", "substring", "trim", "typeof", "unhex", "unicode", "unlikely", "upper",
        // date and time
        "date", "time", "datetime", "julianday", "strftime", "unixepoch", "timediff",
        // math
        "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "ceil", "ceiling", "cos",
        "cosh", "degrees", "exp", "floor", "ln", "log", "log10", "log2", "mod", "pi", "pow",
        "power", "radians", "sin", "sinh", "sqrt", "tan", "tanh", "trunc",
        // window
        "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
        "first_value", "last_value", "nth_value",
        // JSON (pure)
        "json", "json_array", "json_array_length", "json_extract", "json_object", "json_type",
        "json_valid", "json_quote", "json_group_array", "json_group_object"};
    return names;
}

struct AuthContext
{
    QSet<QString> allowedTables;    ///< Lowercase; empty: any table.
    QSet<QString> allowedColumns;   ///< Lowercase; empty: any column of the allowed tables.
    QSet<QString> allowedFunctions; ///< Lowercase; empty: allowedFunctions().
    QString groupCounter;           ///< Lowercase name of the connection's group counter.
    /// Lowercase tables read by the allowed views. `SELECT count(*) FROM view` reads such a
    /// table directly, with an empty column name (no value extracted), not via the view.
    QSet<QString> countOnlyTables;
    QString denied; ///< First refusal, for the error message.
};

/// Records the tables each allowed view reads (preparing `SELECT * FROM view`).
int collectViewTables(void *user, int action, const char *a1, const char *, const char *,
                      const char *viewOrTrigger)
{
    auto *ctx = static_cast<AuthContext *>(user);
    if (action == SQLITE_READ && a1 && viewOrTrigger &&
        ctx->allowedTables.contains(QString::fromUtf8(viewOrTrigger).toLower()))
        ctx->countOnlyTables.insert(QString::fromUtf8(a1).toLower());
    return SQLITE_OK;
}

QString arg(const char *s)
{
    return s ? QString::fromUtf8(s) : QString();
}

int authorize(void *user, int action, const char *a1, const char *a2, const char *db,
              const char *viewOrTrigger)
{
    auto *ctx = static_cast<AuthContext *>(user);
    const auto deny = [ctx](const QString &why) {
        if (ctx->denied.isEmpty())
            ctx->denied = why;
        return SQLITE_DENY;
    };
    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_RECURSIVE:
        return SQLITE_OK;
    case SQLITE_READ: {
        const QString dbName = arg(db);
        if (!dbName.isEmpty() && dbName != QLatin1String("main"))
            return deny(QStringLiteral("reading from database \"%1\" is not allowed").arg(dbName));
        if (ctx->allowedTables.isEmpty())
            return SQLITE_OK;
        const QString table = arg(a1).toLower();
        const QString via = arg(viewOrTrigger).toLower();
        if (!via.isEmpty() && ctx->allowedTables.contains(via))
            return SQLITE_OK; // the allowed view's own definition reading its tables
        if (ctx->allowedTables.contains(table)) {
            if (ctx->allowedColumns.isEmpty() || ctx->allowedColumns.contains(arg(a2).toLower()))
                return SQLITE_OK;
            return deny(QStringLiteral("reading column \"%1\" is not allowed").arg(arg(a2)));
        }
        if (arg(a2).isEmpty() && ctx->countOnlyTables.contains(table))
            return SQLITE_OK;
        return deny(QStringLiteral("reading table \"%1\" is not allowed").arg(arg(a1)));
    }
    case SQLITE_FUNCTION: {
        const QString fn = arg(a2).toLower();
        if (!ctx->groupCounter.isEmpty() && fn == ctx->groupCounter)
            return SQLITE_OK;
        if (ctx->allowedFunctions.isEmpty() ? ReadOnlyQuery::isAllowedFunction(fn)
                                            : ctx->allowedFunctions.contains(fn))
            return SQLITE_OK;
        return deny(QStringLiteral("function %1() is not allowed").arg(arg(a2)));
    }
    case SQLITE_PRAGMA:
        return deny(QStringLiteral("PRAGMA is not allowed"));
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
        return deny(QStringLiteral("ATTACH and DETACH are not allowed"));
    case SQLITE_TRANSACTION:
    case SQLITE_SAVEPOINT:
        return deny(QStringLiteral("transactions are not allowed"));
    default:
        return deny(QStringLiteral("only SELECT queries are allowed"));
    }
}

struct ProgressContext
{
    QElapsedTimer clock;
    qint64 limitMs = 0;
    bool expired = false;
};

int progress(void *user)
{
    auto *ctx = static_cast<ProgressContext *>(user);
    if (ctx->limitMs > 0 && ctx->clock.elapsed() > ctx->limitMs) {
        ctx->expired = true;
        return 1; // interrupts the statement with SQLITE_INTERRUPT
    }
    return 0;
}

/// True if `tail` holds nothing but whitespace, semicolons and comments.
bool isEmptyTail(const QByteArray &tail)
{
    qsizetype i = 0;
    const qsizetype n = tail.size();
    while (i < n) {
        const char c = tail.at(i);
        if (c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            ++i;
        } else if (c == '-' && i + 1 < n && tail.at(i + 1) == '-') {
            const qsizetype nl = tail.indexOf('\n', i);
            i = nl < 0 ? n : nl + 1;
        } else if (c == '/' && i + 1 < n && tail.at(i + 1) == '*') {
            const qsizetype end = tail.indexOf("*/", i + 2);
            i = end < 0 ? n : end + 2;
        } else {
            return false;
        }
    }
    return true;
}

} // namespace

struct ReadOnlyQuery::CounterState
{
    QHash<qint64, GroupCount> counts; ///< By ticket, for the current run().
};

namespace {

void counterStep(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    auto *g = static_cast<GroupCount *>(sqlite3_aggregate_context(ctx, sizeof(GroupCount)));
    if (!g)
        return;
    if (argc == 0) {
        ++g->count;
        return;
    }
    const int type = sqlite3_value_numeric_type(argv[0]);
    if (type == SQLITE_NULL)
        return;
    ++g->count;
    if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
        const double v = std::fabs(sqlite3_value_double(argv[0]));
        g->maxAbs = std::max(g->maxAbs, v);
        g->sumAbs += v;
    }
}

void counterFinal(sqlite3_context *ctx)
{
    auto *state = static_cast<ReadOnlyQuery::CounterState *>(sqlite3_user_data(ctx));
    const auto *g = static_cast<GroupCount *>(sqlite3_aggregate_context(ctx, 0));
    qint64 ticket = 0;
    do
        ticket = qint64(QRandomGenerator::system()->generate64() >> 2) + 1;
    while (state->counts.contains(ticket));
    state->counts.insert(ticket, g ? *g : GroupCount());
    sqlite3_result_int64(ctx, ticket);
}

} // namespace

ReadOnlyQuery::ReadOnlyQuery(const QString &workspacePath)
    : m_db(std::make_unique<Database>()), m_counter(std::make_unique<CounterState>())
{
    if (!m_db->open(workspacePath, Database::Mode::ReadOnly)) {
        m_openError = m_db->lastError();
        return;
    }
    sqlite3 *h = m_db->handle();
    sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
    sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
#ifdef SQLITE_DBCONFIG_TRUSTED_SCHEMA
    // Functions in views and triggers of a hostile workspace must pass the authorizer too.
    sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
#endif
    sqlite3_limit(h, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(h, SQLITE_LIMIT_LENGTH, 16 * 1024 * 1024);
    sqlite3_limit(h, SQLITE_LIMIT_SQL_LENGTH, 100 * 1024);
    // Belt and braces: even an authorizer bug could not write through this connection.
    m_db->exec(QStringLiteral("PRAGMA query_only = 1"));
    m_groupCounterName =
        QStringLiteral("cl_group_%1")
            .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
    const QByteArray name = m_groupCounterName.toUtf8();
    for (int nArg : {0, 1})
        sqlite3_create_function_v2(h, name.constData(), nArg, SQLITE_UTF8, m_counter.get(), nullptr,
                                   &counterStep, &counterFinal, nullptr);
}

ReadOnlyQuery::~ReadOnlyQuery() = default;

bool ReadOnlyQuery::isOpen() const
{
    return m_db && m_db->isOpen();
}

bool ReadOnlyQuery::isAllowedFunction(const QString &name)
{
    return allowedFunctions().contains(name.toLower());
}

ReadOnlyQueryResult ReadOnlyQuery::run(const QString &sql, const ReadOnlyQueryOptions &options)
{
    ReadOnlyQueryResult r;
    if (!isOpen()) {
        r.error = m_openError.isEmpty() ? QStringLiteral("the workspace is not open") : m_openError;
        return r;
    }
    sqlite3 *h = m_db->handle();
    AuthContext auth;
    for (const QString &t : options.allowedTables)
        auth.allowedTables.insert(t.toLower());
    for (const QString &c : options.allowedColumns)
        auth.allowedColumns.insert(c.toLower());
    for (const QString &f : options.allowedFunctions)
        auth.allowedFunctions.insert(f.toLower());
    auth.groupCounter = m_groupCounterName.toLower();
    m_counter->counts.clear();
    if (!auth.allowedTables.isEmpty()) {
        sqlite3_set_authorizer(h, &collectViewTables, &auth);
        for (const QString &t : options.allowedTables)
            Statement(*m_db, QStringLiteral("SELECT * FROM %1").arg(Database::quoteIdentifier(t)));
    }
    ProgressContext prog;
    prog.limitMs = options.timeLimitMs;
    prog.clock.start();
    sqlite3_set_authorizer(h, &authorize, &auth);
    sqlite3_progress_handler(h, 1000, &progress, &prog);
    struct Uninstall
    {
        sqlite3 *h;
        ~Uninstall()
        {
            sqlite3_set_authorizer(h, nullptr, nullptr);
            sqlite3_progress_handler(h, 0, nullptr, nullptr);
        }
    } uninstall{h};

    const QByteArray utf8 = sql.toUtf8();
    {
        Statement st(*m_db, sql);
        if (!st.ok() || !st.handle()) {
            r.error = !auth.denied.isEmpty() ? QStringLiteral("refused: %1").arg(auth.denied)
                      : !st.ok()             ? st.error()
                                             : QStringLiteral("empty query");
            return r;
        }
        // sqlite3_sql() holds exactly the text SQLite compiled, up to its tail.
        const QByteArray first(sqlite3_sql(st.handle()));
        if (!isEmptyTail(utf8.mid(first.size()))) {
            r.error = QStringLiteral("refused: only one statement is allowed");
            return r;
        }
        // REINDEX without indexes and similar no-ops compile to read-only programs without
        // consulting the authorizer; a query without result columns is no SELECT either way.
        if (!sqlite3_stmt_readonly(st.handle()) || st.columnCount() == 0) {
            r.error = QStringLiteral("refused: only read-only SELECT queries are allowed");
            return r;
        }
        const int n = st.columnCount();
        for (int c = 0; c < n; ++c)
            r.columns.append(st.columnName(c));
        qint64 bytes = 0;
        while (st.step()) {
            if (r.rows.size() >= options.maxRows) {
                r.truncated = true;
                break;
            }
            QVariantList row;
            row.reserve(n);
            for (int c = 0; c < n; ++c) {
                QVariant v = st.columnVariant(c);
                if (v.typeId() == QMetaType::QString)
                    bytes += v.toString().size() * 2;
                else if (v.typeId() == QMetaType::QByteArray)
                    bytes += v.toByteArray().size();
                row.append(std::move(v));
            }
            if (bytes > options.maxResultBytes) {
                r.truncated = true;
                break;
            }
            r.rows.append(std::move(row));
        }
        if (!st.ok()) {
            r.rows.clear();
            if (prog.expired) {
                r.timedOut = true;
                r.error = QStringLiteral("stopped: the query ran longer than %1 ms")
                              .arg(options.timeLimitMs);
            } else {
                r.error = !auth.denied.isEmpty() ? QStringLiteral("refused: %1").arg(auth.denied)
                                                 : st.error();
            }
            return r;
        }
    }
    r.ok = true;
    r.groupCounts = m_counter->counts;
    return r;
}

} // namespace cl
