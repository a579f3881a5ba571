// PgConnection: libpq's asynchronous calls, so that a query can be cancelled while it runs.
#include "PgConnection.h"

#include <libpq-fe.h>

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

#include <poll.h>

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
    m_conn = PQconnectdb(info.constData());
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK) {
        // The message names host and port, never the password (libpq does not print it).
        if (error)
            *error = failure(QStringLiteral("connecting to %1").arg(withoutPassword(url)),
                             m_conn ? serverText(PQerrorMessage(m_conn))
                                    : QStringLiteral("out of memory"));
        close();
        return false;
    }
    PQsetClientEncoding(m_conn, "UTF8");
    const PgRows set = query(QStringLiteral("SET default_transaction_read_only = on; "
                                            "SET statement_timeout = %1")
                                 .arg(statementTimeoutMs),
                             QStringLiteral("making the session read-only"));
    if (!set.ok) {
        if (error)
            *error = set.error;
        close();
        return false;
    }
    return true;
}

PgRows PgConnection::query(const QString &sql, const QString &purpose,
                           const ProgressCallback &progress)
{
    PgRows out;
    if (!m_conn) {
        out.error = failure(purpose, QStringLiteral("not connected"));
        return out;
    }
    const QByteArray text = sql.toUtf8();
    if (!PQsendQuery(m_conn, text.constData())) {
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
    QString out = url;
    if (url.startsWith(QLatin1String("postgresql://")) ||
        url.startsWith(QLatin1String("postgres://"))) {
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
        out = u.toString(QUrl::RemovePassword);
    } else {
        static const QRegularExpression kv(
            QStringLiteral("(^|\\s)password\\s*=\\s*('([^'\\\\]|\\\\.)*'|\\S*)"));
        if (out.contains(kv)) {
            had = true;
            out.remove(kv);
            out = out.trimmed();
        }
    }
    if (hadPassword)
        *hadPassword = had;
    return out;
}

} // namespace cl
