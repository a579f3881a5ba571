// ChTestServer: a throwaway 2-shard ClickHouse cluster on 127.0.0.1 for the warehouse tests.
#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

class QIODevice;

namespace cl::test {

/**
 * Starts three clickhouse-server processes (an initiator and two shards, cluster
 * `campaignlens`) through scripts/clickhouse-cluster.sh, their data in a temporary folder, and
 * stops them in the destructor. Never listens beyond loopback.
 */
class ChTestServer
{
public:
    /// Empty when clickhouse-server can run here; else why not, naming the package.
    static QString unavailableReason();

    ChTestServer() = default;
    ~ChTestServer();
    ChTestServer(const ChTestServer &) = delete;
    ChTestServer &operator=(const ChTestServer &) = delete;

    bool start();
    void stop();
    /// Kills server `server` (0 the initiator, 1 and 2 the shards) with SIGKILL, as a crash.
    bool kill(int server);
    QString error() const { return m_error; }
    /// "clickhouse://127.0.0.1:PORT/default" of the initiator.
    QString url() const;
    /// "clickhouses://127.0.0.1:PORT/default" of the initiator's HTTPS port, whose certificate
    /// is certificate() (self-signed: trusted only when named as sslrootcert).
    QString httpsUrl() const
    {
        return QStringLiteral("clickhouses://127.0.0.1:%1/default").arg(m_https);
    }
    QString certificate() const { return m_dir.filePath(QStringLiteral("cert.pem")); }
    /// "http://127.0.0.1:PORT/" of server `server` (0 the initiator, 1 and 2 the shards).
    QString httpUrl(int server) const
    {
        return QStringLiteral("http://127.0.0.1:%1/").arg(m_http[server]);
    }
    /// Runs `sql` (with `data` after it, for INSERT ... FORMAT) on a server: 0 the initiator,
    /// 1 and 2 the shards. Not read-only: the tests' own set-up.
    bool run(const QString &sql, int server = 0, const QByteArray &data = {},
             QByteArray *output = nullptr);
    /// run() on both shards.
    bool onShards(const QString &sql);
    /// `local` (a MergeTree table of `columns`) on each shard, and `table` on the initiator, a
    /// Distributed table over them.
    bool createSharded(const QString &table, const QString &local, const QString &columns);
    /// The rows of a semicolon CSV file (bank-additional-full's form: a header, quoted text)
    /// into `local`, every other row to each shard, through files (x100 is 580 MB); *rows says
    /// how many.
    bool loadCsv(const QString &csvPath, const QString &local, qint64 *rows);

private:
    /// POSTs `body` to server `server`, with `query` as the URL's query when not empty;
    /// `what` names it in an error.
    bool post(int server, const QString &query, QIODevice *body, const QString &what,
              QByteArray *output);

    QTemporaryDir m_dir;
    int m_http[3] = {0, 0, 0};
    int m_https = 0;
    bool m_running = false;
    QString m_error;
};

} // namespace cl::test
