// PgTestServer: a throwaway PostgreSQL 15 on 127.0.0.1 for the warehouse tests.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QtGlobal>

namespace cl::test {

/**
 * Starts PostgreSQL 15 on 127.0.0.1 on a free port (found by binding port 0), its data and
 * socket in a temporary folder, trust authentication, and stops it (pg_ctl -m fast) in the
 * destructor. The server refuses to run as root: as root, initdb and pg_ctl run as the
 * postgres user (su postgres -c), and the folder is opened to it. Never listens beyond
 * loopback.
 */
class PgTestServer
{
public:
    /// Debian's PostgreSQL 15 programs, or $CAMPAIGNLENS_PG_BINDIR.
    static QString binDir()
    {
        const QString dir = qEnvironmentVariable("CAMPAIGNLENS_PG_BINDIR");
        return dir.isEmpty() ? QStringLiteral("/usr/lib/postgresql/15/bin") : dir;
    }
    /// Empty when PostgreSQL 15 can run here; else why not, naming the package to install.
    static QString unavailableReason();

    PgTestServer() = default;
    ~PgTestServer();
    PgTestServer(const PgTestServer &) = delete;
    PgTestServer &operator=(const PgTestServer &) = delete;

    /// initdb and start; false with error() set.
    bool start();
    void stop();
    /// Stops the server at once (pg_ctl -m immediate: as a crash would), for the tests of a
    /// server lost mid-query.
    void kill();
    QString error() const { return m_error; }
    int port() const { return m_port; }
    /// "postgresql://postgres@127.0.0.1:PORT/postgres".
    QString url() const;
    /// Turns TLS on (ssl = on, reloaded): a test CA signs the server's certificate for
    /// IP 127.0.0.1. *ca is that CA's certificate, *otherCa one of a CA that signed nothing.
    bool enableTls(QString *ca, QString *otherCa);
    /// Runs SQL through psql (ON_ERROR_STOP), with `input` on its stdin (COPY ... FROM STDIN).
    bool psql(const QString &sql, const QByteArray &input = {}, QString *output = nullptr);

private:
    bool run(const QString &command, QString *output = nullptr);

    QTemporaryDir m_dir;
    int m_port = 0;
    bool m_running = false;
    QString m_error;
};

/// The header of bank-additional-full.csv as a PostgreSQL table: age a number, the rest text.
inline QString bankTableSql(const QString &table, const QByteArray &headerLine)
{
    QStringList cols;
    for (QByteArray name : headerLine.trimmed().split(';')) {
        name = name.trimmed();
        if (name.startsWith('"'))
            name = name.mid(1, name.size() - 2);
        const QString n = QString::fromUtf8(name);
        cols << QStringLiteral("\"%1\" %2").arg(n, n == QLatin1String("age") ? "integer" : "text");
    }
    return QStringLiteral("CREATE TABLE %1 (%2)").arg(table, cols.join(QStringLiteral(", ")));
}

} // namespace cl::test
