// ChTestServer: scripts/clickhouse-cluster.sh, and set-up queries over HTTP.
#include "ChTestServer.h"
#include "BankColumns.h"

#include <QBuffer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QStandardPaths>
#include <QUrlQuery>

#include <csignal>
#include <sys/types.h>

namespace cl::test {

namespace {

const QString kScript = QStringLiteral(CL_CLICKHOUSE_CLUSTER_SCRIPT);

} // namespace

QString ChTestServer::unavailableReason()
{
    for (const char *program : {"clickhouse-server", "curl", "python3", "openssl"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(program)).isEmpty() &&
            QStandardPaths::findExecutable(
                QString::fromLatin1(program),
                {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")})
                .isEmpty())
            return QStringLiteral("%1 is not installed (Debian packages clickhouse-server, curl, "
                                  "python3, openssl)")
                .arg(QString::fromLatin1(program));
    }
    return {};
}

ChTestServer::~ChTestServer()
{
    stop();
}

bool ChTestServer::start()
{
    if (const QString why = unavailableReason(); !why.isEmpty()) {
        m_error = why;
        return false;
    }
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("bash"), {kScript, QStringLiteral("start"), m_dir.path()});
    if (!p.waitForFinished(120000) || p.exitCode() != 0) {
        m_error =
            QStringLiteral("%1 start failed: %2").arg(kScript, QString::fromUtf8(p.readAll()));
        return false;
    }
    m_running = true;
    const QStringList lines = QString::fromUtf8(p.readAll()).split(QLatin1Char('\n'));
    const QStringList keys{QStringLiteral("http="), QStringLiteral("shard1="),
                           QStringLiteral("shard2=")};
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1String("https=")))
            m_https = line.mid(6).toInt();
        for (int i = 0; i < 3; ++i) {
            if (line.startsWith(keys[i]))
                m_http[i] = line.mid(keys[i].size()).toInt();
        }
    }
    if (!m_http[0] || !m_http[1] || !m_http[2]) {
        m_error =
            QStringLiteral("%1 printed no ports: %2").arg(kScript, lines.join(QLatin1Char('\n')));
        return false;
    }
    return true;
}

void ChTestServer::stop()
{
    if (!m_running)
        return;
    QProcess p;
    p.start(QStringLiteral("bash"), {kScript, QStringLiteral("stop"), m_dir.path()});
    p.waitForFinished(60000);
    m_running = false;
}

bool ChTestServer::kill(int server)
{
    static const char *const names[] = {"initiator", "shard1", "shard2"};
    QFile pidFile(m_dir.filePath(QStringLiteral("%1/pid").arg(QLatin1String(names[server]))));
    if (!pidFile.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("no pid file %1").arg(pidFile.fileName());
        return false;
    }
    const qint64 pid = pidFile.readAll().trimmed().toLongLong();
    return pid > 0 && ::kill(pid_t(pid), SIGKILL) == 0;
}

QString ChTestServer::url() const
{
    return QStringLiteral("clickhouse://127.0.0.1:%1/default").arg(m_http[0]);
}

bool ChTestServer::run(const QString &sql, int server, const QByteArray &data, QByteArray *output)
{
    QBuffer body;
    body.setData(data.isEmpty() ? sql.toUtf8() : data);
    body.open(QIODevice::ReadOnly);
    return post(server, data.isEmpty() ? QString() : sql, &body, sql, output);
}

bool ChTestServer::post(int server, const QString &query, QIODevice *body, const QString &what,
                        QByteArray *output)
{
    QNetworkAccessManager net;
    QUrl url(httpUrl(server));
    if (!query.isEmpty()) {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("query"), query);
        url.setQuery(q);
    }
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
    QNetworkReply *reply = net.post(request, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    const QByteArray answer = reply->readAll();
    const bool ok = reply->error() == QNetworkReply::NoError;
    reply->deleteLater();
    if (output)
        *output = answer;
    if (!ok)
        m_error = QStringLiteral("ClickHouse (server %1) refused %2: %3")
                      .arg(QString::number(server), what.left(200), QString::fromUtf8(answer));
    return ok;
}

bool ChTestServer::onShards(const QString &sql)
{
    return run(sql, 1) && run(sql, 2);
}

bool ChTestServer::createSharded(const QString &table, const QString &local, const QString &columns)
{
    return onShards(QStringLiteral("CREATE TABLE %1 (%2) ENGINE = MergeTree ORDER BY tuple()")
                        .arg(local, columns)) &&
           run(QStringLiteral("CREATE TABLE %1 (%2) ENGINE = Distributed(campaignlens, default, "
                              "%3, rand())")
                   .arg(table, columns, local));
}

bool ChTestServer::loadCsv(const QString &csvPath, const QString &local, qint64 *rows)
{
    QFile in(csvPath);
    if (!in.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot read %1").arg(csvPath);
        return false;
    }
    in.readLine(); // the header
    QFile part[2] = {QFile(m_dir.filePath(QStringLiteral("load-1.tsv"))),
                     QFile(m_dir.filePath(QStringLiteral("load-2.tsv")))};
    for (QFile &f : part) {
        if (!f.open(QIODevice::WriteOnly)) {
            m_error = QStringLiteral("cannot write %1").arg(f.fileName());
            return false;
        }
    }
    qint64 n = 0;
    while (!in.atEnd()) {
        const QByteArray line = in.readLine().trimmed();
        if (line.isEmpty())
            continue;
        QStringList fields;
        for (const QByteArray &f : line.split(';'))
            fields << unquotedField(f);
        part[n++ % 2].write(fields.join(QLatin1Char('\t')).toUtf8() + '\n');
    }
    *rows = n;
    const QString insert = QStringLiteral("INSERT INTO %1 FORMAT TabSeparated").arg(local);
    for (int s = 0; s < 2; ++s) {
        part[s].close();
        if (!part[s].open(QIODevice::ReadOnly) || !post(s + 1, insert, &part[s], insert, nullptr))
            return false;
        part[s].close();
        part[s].remove();
    }
    return true;
}

} // namespace cl::test
