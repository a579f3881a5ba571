// PgTestServer: initdb and pg_ctl as the postgres user, on a port the kernel chose.
#include "PgTestServer.h"

#include <QDir>
#include <QFile>
#include <QProcess>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cl::test {

namespace {

/// A port free on 127.0.0.1 now: bind port 0 and read what the kernel gave.
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

QString shellQuote(const QString &s)
{
    QString q = s;
    return QLatin1Char('\'') + q.replace(QLatin1Char('\''), QLatin1String("'\\''")) +
           QLatin1Char('\'');
}

bool hasPostgresUser()
{
    QProcess id;
    id.setStandardOutputFile(QProcess::nullDevice());
    id.setStandardErrorFile(QProcess::nullDevice());
    id.start(QStringLiteral("id"), {QStringLiteral("postgres")});
    return id.waitForFinished() && id.exitStatus() == QProcess::NormalExit && id.exitCode() == 0;
}

} // namespace

QString PgTestServer::unavailableReason()
{
    if (!QFile::exists(binDir() + QStringLiteral("/initdb")))
        return QStringLiteral("PostgreSQL 15 is not installed (%1/initdb is absent): install "
                              "the Debian package postgresql-15")
            .arg(binDir());
    if (::geteuid() == 0 && !hasPostgresUser())
        return QStringLiteral("running as root, but there is no postgres user to run the "
                              "server as (install the Debian package postgresql-15)");
    return {};
}

PgTestServer::~PgTestServer()
{
    stop();
}

bool PgTestServer::run(const QString &command, QString *output)
{
    QProcess p;
    if (::geteuid() == 0)
        p.start(QStringLiteral("su"), {QStringLiteral("postgres"), QStringLiteral("-s"),
                                       QStringLiteral("/bin/sh"), QStringLiteral("-c"), command});
    else
        p.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (!p.waitForStarted() || !p.waitForFinished(120000)) {
        m_error = QStringLiteral("'%1' did not run: %2").arg(command, p.errorString());
        return false;
    }
    const QString text = QString::fromUtf8(p.readAll());
    if (output)
        *output = text;
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = QStringLiteral("'%1' failed (%2): %3").arg(command).arg(p.exitCode()).arg(text);
        return false;
    }
    return true;
}

bool PgTestServer::enableTls(QString *ca, QString *otherCa)
{
    const QString dir = m_dir.filePath(QStringLiteral("data/tls"));
    // As the server's user: the key must be its own and private (0600) or it refuses it.
    const QString days = QStringLiteral("-days 2 -newkey rsa:2048 -nodes");
    if (!run(QStringLiteral(
                 "set -e; mkdir -p %1; cd %1; "
                 "openssl req -x509 %2 -keyout ca.key -out ca.pem -subj /CN=campaignlens-test-ca "
                 "2>/dev/null; "
                 "openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr "
                 "-subj /CN=127.0.0.1 2>/dev/null; "
                 "printf 'subjectAltName=IP:127.0.0.1\n' > san.cnf; "
                 "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial "
                 "-out server.crt -days 2 -extfile san.cnf 2>/dev/null; "
                 "openssl req -x509 %2 -keyout other.key -out other.pem "
                 "-subj /CN=campaignlens-other-ca 2>/dev/null; "
                 "chmod 600 server.key; chmod 644 ca.pem other.pem")
                 .arg(shellQuote(dir), days)))
        return false;
    // One statement a call: psql -c runs several as one transaction, which ALTER SYSTEM refuses.
    for (const QString &sql :
         {QStringLiteral("ALTER SYSTEM SET ssl_cert_file = '%1/server.crt'"),
          QStringLiteral("ALTER SYSTEM SET ssl_key_file = '%1/server.key'"),
          QStringLiteral("ALTER SYSTEM SET ssl = on"), QStringLiteral("SELECT pg_reload_conf()")}) {
        if (!psql(sql.contains(QLatin1String("%1")) ? sql.arg(dir) : sql))
            return false;
    }
    *ca = dir + QStringLiteral("/ca.pem");
    *otherCa = dir + QStringLiteral("/other.pem");
    return true;
}

bool PgTestServer::start()
{
    if (const QString why = unavailableReason(); !why.isEmpty()) {
        m_error = why;
        return false;
    }
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary folder: %1").arg(m_dir.errorString());
        return false;
    }
    // mkdtemp's 0700 keeps the postgres user out; the data folder below is its own.
    QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                                            QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                            QFileDevice::ExeOther);
    const QString data = m_dir.filePath(QStringLiteral("data"));
    const QString sock = m_dir.filePath(QStringLiteral("sock"));
    const QString log = m_dir.filePath(QStringLiteral("log"));
    QDir().mkpath(data);
    QDir().mkpath(sock);
    QFile(log).open(QIODevice::WriteOnly);
    if (::geteuid() == 0) {
        const QStringList owned{data, sock, log};
        QProcess chown;
        chown.start(QStringLiteral("chown"), QStringList{QStringLiteral("postgres")} + owned);
        if (!chown.waitForFinished() || chown.exitCode() != 0) {
            m_error = QStringLiteral("cannot chown %1 to postgres").arg(m_dir.path());
            return false;
        }
    }
    const QString bin = binDir();
    if (!run(QStringLiteral("%1/initdb -D %2 -A trust -U postgres -E UTF8 --locale=C.UTF-8")
                 .arg(bin, shellQuote(data))))
        return false;
    // Another test may take the port between our probe and the server's bind: try again.
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = freePort();
        if (run(QStringLiteral("%1/pg_ctl -D %2 -o %3 -l %4 -w start")
                    .arg(bin, shellQuote(data),
                         shellQuote(QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 "
                                                   // what each query returned, for the
                                                   // tests that the engine does the work
                                                   "-c shared_preload_libraries="
                                                   "pg_stat_statements")
                                        .arg(m_port)
                                        .arg(sock)),
                         shellQuote(log)))) {
            m_running = true;
            return true;
        }
    }
    QFile f(log);
    if (f.open(QIODevice::ReadOnly))
        m_error += QStringLiteral("\nserver log: ") + QString::fromUtf8(f.readAll().right(2000));
    return false;
}

void PgTestServer::stop()
{
    if (!m_running)
        return;
    run(QStringLiteral("%1/pg_ctl -D %2 -m fast -w stop")
            .arg(binDir(), shellQuote(m_dir.filePath(QStringLiteral("data")))));
    m_running = false;
}

void PgTestServer::kill()
{
    if (!m_running)
        return;
    run(QStringLiteral("%1/pg_ctl -D %2 -m immediate -w stop")
            .arg(binDir(), shellQuote(m_dir.filePath(QStringLiteral("data")))));
    m_running = false;
}

QString PgTestServer::url() const
{
    return QStringLiteral("postgresql://postgres@127.0.0.1:%1/postgres").arg(m_port);
}

bool PgTestServer::psql(const QString &sql, const QByteArray &input, QString *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(binDir() + QStringLiteral("/psql"),
            {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
             QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"), url(), QStringLiteral("-c"),
             sql});
    if (!p.waitForStarted()) {
        m_error = QStringLiteral("psql did not start: %1").arg(p.errorString());
        return false;
    }
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(300000);
    const QString text = QString::fromUtf8(p.readAll());
    if (output)
        *output = text;
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = QStringLiteral("psql failed: %1").arg(text);
        return false;
    }
    return true;
}

} // namespace cl::test
