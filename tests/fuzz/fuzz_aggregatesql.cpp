// libFuzzer target: run_sql's aggregates mode (AggregateSql + AggregateQuery) on arbitrary SQL.
// For every query it accepts, checks independently of the code under test that
// - the tree survives its own emission (parse(canonical(tree)) == tree);
// - the guarded statement, prepared on a separate connection with a logging authorizer, reads
//   only the view's columns and calls only count, sum, avg, total, round and like;
// - the result holds no client's marker: no text marker, no single client's secret, and every
//   bare COUNT(*) or SUM(secret) describes at least k clients.
// The fixture: 40 clients; `solo` is a unique text per client ("MK_<i>"), `secret` is
// 6007 * 2^i (a sum of m clients' secrets has exactly m bits set once divided by 6007).
// This harness includes sqlite3.h itself: its checks must not trust the code they check.
#include "chat/AggregateQuery.h"
#include "chat/AggregateSql.h"
#include "store/Database.h"
#include "store/ReadOnlyQuery.h"

#include <QDir>
#include <QString>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <bitset>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace {

constexpr int kK = 5;
constexpr int kClients = 40;
constexpr double kSecretUnit = 6007.0;
const QString kView = QStringLiteral("v");
const QStringList kColumns = {QStringLiteral("grp"), QStringLiteral("solo"),
                              QStringLiteral("secret"), QStringLiteral("age"), QStringLiteral("y")};

struct Fixture
{
    QTemporaryDir dir;
    QString path;
    std::unique_ptr<cl::ReadOnlyQuery> query;
    sqlite3 *checker = nullptr; ///< Independent connection for the authorizer log.

    Fixture()
    {
        path = dir.filePath(QStringLiteral("fuzz.sqlite"));
        cl::Database db;
        if (!db.open(path))
            std::abort();
        db.exec(QStringLiteral("CREATE TABLE t (grp TEXT, solo TEXT, secret INTEGER, age "
                               "INTEGER, y INTEGER, hidden TEXT)"));
        db.exec(QStringLiteral("CREATE TABLE other (x)"));
        db.exec(QStringLiteral("INSERT INTO other VALUES ('MK_other')"));
        for (int i = 0; i < kClients; ++i)
            db.exec(QStringLiteral("INSERT INTO t VALUES ('g%1', 'MK_%2', %3, %4, %5, 'MK_h%2')")
                        .arg(i % 4)
                        .arg(i)
                        .arg(qint64(kSecretUnit) << i)
                        .arg(20 + (i * 7) % 50)
                        .arg(i % 3 == 0 ? 1 : 0));
        db.exec(QStringLiteral("CREATE VIEW v AS SELECT grp, solo, secret, age, y FROM t"));
        db.close();
        query = std::make_unique<cl::ReadOnlyQuery>(path);
        if (!query->isOpen() || sqlite3_open_v2(path.toUtf8().constData(), &checker,
                                                SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            std::abort();
    }
};

Fixture &fixture()
{
    static Fixture f;
    return f;
}

[[noreturn]] void leak(const char *what, const QString &sql, const QString &detail)
{
    std::fprintf(stderr, "LEAK: %s\nquery: %s\ndetail: %s\n", what, qPrintable(sql),
                 qPrintable(detail));
    std::abort();
}

struct AuthLog
{
    QString bad;
};

int logAuthorizer(void *user, int action, const char *a1, const char *a2, const char *,
                  const char *via)
{
    auto *log = static_cast<AuthLog *>(user);
    const QString table = QString::fromUtf8(a1 ? a1 : "");
    const QString column = QString::fromUtf8(a2 ? a2 : "");
    const QString viaName = QString::fromUtf8(via ? via : "");
    if (action == SQLITE_READ) {
        const bool viewColumn = table == kView && kColumns.contains(column);
        const bool viewBody = viaName == kView && column != QLatin1String("hidden");
        const bool countOnly = table == QLatin1String("t") && column.isEmpty();
        if (!viewColumn && !viewBody && !countOnly && log->bad.isEmpty())
            log->bad = QStringLiteral("read %1.%2").arg(table, column);
    } else if (action == SQLITE_FUNCTION) {
        if (!cl::AggregateQuery::allowedFunctions().contains(column.toLower()) &&
            log->bad.isEmpty())
            log->bad = QStringLiteral("function %1").arg(column);
    } else if (action != SQLITE_SELECT && log->bad.isEmpty()) {
        log->bad = QStringLiteral("action %1").arg(action);
    }
    return SQLITE_OK;
}

bool isSingleSecret(double v)
{
    if (!(v > 0) || std::fmod(v, kSecretUnit) != 0)
        return false;
    const double m = v / kSecretUnit;
    if (m >= std::ldexp(1.0, kClients))
        return false;
    const auto bits = std::bitset<64>(uint64_t(m));
    return bits.count() == 1;
}

/// True if `e` holds a string literal: its text output is then the query's own, not data.
bool holdsLiteralText(const cl::SqlExpr &e)
{
    if (e.kind == cl::SqlExpr::Kind::String)
        return true;
    for (const cl::SqlExpr &a : e.args)
        if (holdsLiteralText(a))
            return true;
    return false;
}

int clientsInSecretSum(double v)
{
    if (!(v > 0) || std::fmod(v, kSecretUnit) != 0)
        return -1;
    const double m = v / kSecretUnit;
    if (m >= std::ldexp(1.0, kClients))
        return -1;
    return int(std::bitset<64>(uint64_t(m)).count());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    Fixture &f = fixture();
    const QString sql = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const cl::AggregateSqlRules rules{
        kView, kColumns, kK, {QStringLiteral("grp"), QStringLiteral("solo")}, {}};
    cl::ReadOnlyQueryOptions limits;
    limits.maxRows = 200;
    limits.timeLimitMs = 2000;
    cl::AggregateQueryHistory history;
    const cl::AggregateQueryResult r =
        cl::AggregateQuery::run(*f.query, sql, rules, limits, &history);
    const cl::AggregateSqlParse parsed = cl::AggregateSql::parse(sql, rules);
    if (!parsed.ok) {
        if (r.ok)
            leak("accepted a query the parser refuses", sql, parsed.error);
        return 0;
    }
    // 1. The tree survives its own emission.
    const QString canonical = cl::AggregateSql::canonical(parsed.query, kView);
    const cl::AggregateSqlParse again = cl::AggregateSql::parse(canonical, rules);
    if (!again.ok || !(again.query == parsed.query))
        leak("parse(canonical(tree)) != tree", sql, canonical);
    // 2. What SQLite is asked to run reads the view's columns and the allowed functions only.
    const QByteArray guarded = cl::AggregateSql::guarded(parsed.query, rules).toUtf8();
    AuthLog log;
    sqlite3_set_authorizer(f.checker, &logAuthorizer, &log);
    sqlite3_stmt *stmt = nullptr;
    const char *tail = nullptr;
    sqlite3_prepare_v2(f.checker, guarded.constData(), int(guarded.size()), &stmt, &tail);
    sqlite3_set_authorizer(f.checker, nullptr, nullptr);
    if (stmt && tail && *tail)
        leak("the emitted SQL holds a second statement", sql, QString::fromUtf8(guarded));
    sqlite3_finalize(stmt);
    if (!log.bad.isEmpty())
        leak("the emitted SQL goes outside the view or the functions", sql,
             log.bad + QStringLiteral(" in ") + QString::fromUtf8(guarded));
    if (!r.ok)
        return 0;
    // 3. Nothing in the result describes fewer than k clients.
    for (const QVariantList &row : r.rows)
        for (qsizetype c = 0; c < row.size(); ++c) {
            const QVariant &v = row[c];
            const cl::SqlExpr &e = parsed.query.items[size_t(c)].expr;
            if (v.typeId() == QMetaType::QString && !holdsLiteralText(e) &&
                v.toString().contains(QLatin1String("MK_")))
                leak("a text marker", sql, v.toString());
            if (v.typeId() == QMetaType::QString)
                continue;
            bool numeric = false;
            const double x = v.toDouble(&numeric);
            if (!numeric || v.isNull())
                continue;
            if (isSingleSecret(x))
                leak("one client's secret", sql, QString::number(x, 'g', 17));
            if (e.kind == cl::SqlExpr::Kind::Aggregate && e.args.empty() && x < kK)
                leak("COUNT(*) below k", sql, QString::number(x));
            if (e.kind == cl::SqlExpr::Kind::Aggregate &&
                (e.text == QLatin1String("SUM") || e.text == QLatin1String("TOTAL")) &&
                !e.args.empty() && e.args.front().text == QLatin1String("secret")) {
                const int clients = clientsInSecretSum(x);
                if (clients >= 0 && clients < kK)
                    leak("a sum of secrets over fewer than k clients", sql,
                         QString::number(x, 'g', 17));
            }
        }
    return 0;
}
