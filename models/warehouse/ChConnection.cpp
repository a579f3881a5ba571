// ChConnection: one POST per query, TabSeparated answers, cancel by dropping and KILL QUERY.
#include "ChConnection.h"

#include "data/ColumnRole.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

#include <zlib.h>

#include <algorithm>
#include <cmath>

namespace cl {

namespace {

/// One TabSeparated field: \N is NULL; backslash escapes as ClickHouse writes them.
QString tsvField(const QByteArray &raw)
{
    if (raw == "\\N")
        return QString();
    if (!raw.contains('\\'))
        return QString::fromUtf8(raw.isNull() ? QByteArray("") : raw);
    QByteArray out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c != '\\' || i + 1 == raw.size()) {
            out += c;
            continue;
        }
        const char e = raw[++i];
        switch (e) {
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'r':
            out += '\r';
            break;
        case 'n':
            out += '\n';
            break;
        case 't':
            out += '\t';
            break;
        case '0':
            out += '\0';
            break;
        default:
            out += e;
            break; // \\ \' and anything else: the character itself
        }
    }
    return QString::fromUtf8(out);
}

/// One TabSeparated line's fields.
QStringList tsvRow(const QByteArray &line)
{
    QStringList row;
    for (const QByteArray &field : line.split('\t'))
        row << tsvField(field);
    return row;
}

/// The server's words without its C++ trailer ("Code: 60, e.displayText() = DB::Exception:
/// Table default.t doesn't exist., e.what() = DB::Exception" reads "Code: 60, DB::Exception:
/// Table default.t doesn't exist.").
QString serverText(const QByteArray &body)
{
    QString text = QString::fromUtf8(body).trimmed();
    text.replace(QLatin1String("e.displayText() = "), QString());
    static const QRegularExpression trailer(QStringLiteral(",? e\\.what\\(\\) = [\\w:]+$"));
    text.remove(trailer);
    return text.left(2000);
}

/// True when `line` is the message a server appends to an answer it had begun (status 200) when
/// the query fails: "Code: 395, e.displayText() = DB::Exception: ..." (18.16), "Code: 395.
/// DB::Exception: ..." (later releases).
bool isServerFailureLine(const QByteArray &line)
{
    static const QRegularExpression failure(QStringLiteral("^Code: \\d+[.,] .*DB::Exception"));
    return failure.match(QString::fromUtf8(line)).hasMatch();
}

/// The most an answer may inflate to: the app's answers are aggregates (a few MB at most).
constexpr qsizetype kMaxAnswerBytes = qsizetype(256) << 20;

/// A whole gzip stream inflated into *out; false when it is cut off or damaged, or inflates past
/// `limit` bytes. HTTP cannot
/// always tell a cut-off chunked answer from a whole one (Qt took a dropped connection for the
/// end), gzip can: its stream has an end and a checksum.
bool gunzip(const QByteArray &in, QByteArray *out, qsizetype limit)
{
    z_stream z{};
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        return false;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    z.avail_in = uInt(in.size());
    int rc = Z_OK;
    char buffer[1 << 16];
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef *>(buffer);
        z.avail_out = sizeof buffer;
        rc = inflate(&z, Z_NO_FLUSH);
        out->append(buffer, qsizetype(sizeof buffer - z.avail_out));
        if (rc == Z_BUF_ERROR && z.avail_in == 0)
            break; // the input ended before the stream did
        if (out->size() > limit)
            break; // a few compressed MB that would inflate to gigabytes
    }
    const bool whole = rc == Z_STREAM_END && z.avail_in == 0;
    inflateEnd(&z);
    return whole;
}

/// `type` without ClickHouse's Nullable(...) / LowCardinality(...) wrappers.
QString baseType(QString type)
{
    for (const QLatin1String wrapper :
         {QLatin1String("Nullable("), QLatin1String("LowCardinality(")}) {
        while (type.startsWith(wrapper) && type.endsWith(QLatin1Char(')')))
            type = type.mid(wrapper.size(), type.size() - wrapper.size() - 1);
    }
    return type;
}

/// Leading and trailing white space off a String expression (there is no trimBoth in 18.16).
QString trimmed(const QString &text)
{
    return QStringLiteral("replaceRegexpAll(%1, '^[[:space:]]+|[[:space:]]+$', '')").arg(text);
}

} // namespace

ChConnection::ChConnection() = default;
ChConnection::~ChConnection() = default;

namespace {

/// An '@' after where the host ends: a password with an unescaped '/', '?' or '#'
/// ("clickhouse://u:2024/x@host") that a URL parser reads as host u, port 2024 and a path
/// holding the password. Refused rather than guessed.
bool credentialsSpillOver(const QString &url)
{
    const qsizetype start = url.indexOf(QLatin1String("://"));
    if (start < 0)
        return false;
    const QString rest = url.mid(start + 3);
    qsizetype end = rest.size();
    for (const QChar c : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
        const qsizetype at = rest.indexOf(c);
        if (at >= 0)
            end = std::min(end, at);
    }
    return rest.indexOf(QLatin1Char('@'), end) >= 0;
}

} // namespace

bool ChConnection::isUrl(const QString &url)
{
    return url.startsWith(QLatin1String("clickhouse://")) ||
           url.startsWith(QLatin1String("clickhouses://"));
}

QString ChConnection::withoutPassword(const QString &url, bool *hadPassword)
{
    QUrl u(url);
    if (hadPassword)
        *hadPassword = !u.password().isEmpty() || credentialsSpillOver(url);
    if (!u.isValid() || credentialsSpillOver(url))
        return {};
    QUrlQuery q(u);
    if (q.hasQueryItem(QStringLiteral("password"))) {
        if (hadPassword)
            *hadPassword = true;
        q.removeAllQueryItems(QStringLiteral("password"));
        u.setQuery(q);
    }
    return u.toString(QUrl::RemovePassword);
}

QString ChConnection::failure(const QString &purpose, const QString &server) const
{
    return QStringLiteral("%1: %2 failed: %3").arg(engineName(), purpose, server);
}

bool ChConnection::open(const QString &url, QString *error, int timeoutMs)
{
    m_open = false;
    const QUrl u(url);
    const bool https = url.startsWith(QLatin1String("clickhouses://"));
    if (credentialsSpillOver(url)) {
        if (error)
            *error = failure(QStringLiteral("reading the connection URL"),
                             QStringLiteral("an '@' after the host: write a '/', '?', '#' or '@' "
                                            "in a user name or password as %2F, %3F, %23 or %40"));
        return false;
    }
    if (!isUrl(url) || !u.isValid() || u.host().isEmpty()) {
        if (error)
            *error =
                failure(QStringLiteral("reading the connection URL"),
                        QStringLiteral("write it as clickhouse://[user@]host[:port][/database] "
                                       "(or clickhouses:// for HTTPS)"));
        return false;
    }
    m_endpoint = QUrl();
    m_endpoint.setScheme(https ? QStringLiteral("https") : QStringLiteral("http"));
    m_endpoint.setHost(u.host());
    m_endpoint.setPort(u.port(https ? 8443 : 8123));
    m_endpoint.setPath(QStringLiteral("/"));
    m_database = u.path().mid(1);
    if (m_database.isEmpty())
        m_database = QStringLiteral("default");
    m_user = u.userName().isEmpty() ? QStringLiteral("default") : u.userName();
    const QUrlQuery options(u);
    m_password = u.password();
    if (m_password.isEmpty())
        m_password = options.queryItemValue(QStringLiteral("password"), QUrl::FullyDecoded);
    if (m_password.isEmpty())
        m_password = qEnvironmentVariable("CLICKHOUSE_PASSWORD");
    m_caFile = options.queryItemValue(QStringLiteral("sslrootcert"), QUrl::FullyDecoded);
    if (!m_caFile.isEmpty() && !https) {
        if (error)
            *error = failure(QStringLiteral("reading the connection URL"),
                             QStringLiteral("sslrootcert is for TLS, and clickhouse:// is plain "
                                            "HTTP: use clickhouses:// (HTTPS)"));
        return false;
    }
    if (!m_caFile.isEmpty() && QSslCertificate::fromPath(m_caFile).isEmpty()) {
        if (error)
            *error =
                failure(QStringLiteral("reading the connection URL"),
                        QStringLiteral("sslrootcert=%1 holds no PEM certificate").arg(m_caFile));
        return false;
    }
    m_timeoutMs = timeoutMs;
    m_net = std::make_unique<QNetworkAccessManager>();
    const WarehouseRows version =
        post(QStringLiteral("SELECT version()"),
             QStringLiteral("connecting to %1").arg(m_endpoint.toString()), true, {});
    if (!version.ok || version.rows.empty()) {
        if (error)
            *error = version.ok ? failure(QStringLiteral("connecting"), QStringLiteral("no answer"))
                                : version.error;
        return false;
    }
    m_version = version.rows[0].value(0);
    m_open = true;
    return true;
}

WarehouseRows ChConnection::query(const QString &sql, const QString &purpose,
                                  const ProgressCallback &progress)
{
    if (!m_open) {
        WarehouseRows out;
        out.error = failure(purpose, QStringLiteral("not connected"));
        return out;
    }
    return post(sql, purpose, true, progress);
}

QNetworkReply *ChConnection::send(const QString &sql, const QString &queryId, bool readOnly,
                                  bool whole)
{
    QUrl url = m_endpoint;
    QUrlQuery params;
    params.addQueryItem(QStringLiteral("database"), m_database);
    params.addQueryItem(QStringLiteral("query_id"), queryId);
    params.addQueryItem(QStringLiteral("max_execution_time"),
                        QString::number(std::max(1, m_timeoutMs / 1000)));
    // The server answers once the query has ended: an error after the first rows is then an
    // error status, where otherwise it sends 200, the rows, and its message as one more line.
    // And gzip-compressed, so that an answer cut off is told from a whole one (post()).
    if (whole) {
        params.addQueryItem(QStringLiteral("wait_end_of_query"), QStringLiteral("1"));
        params.addQueryItem(QStringLiteral("enable_http_compression"), QStringLiteral("1"));
    }
    // Last: with readonly=1 the server refuses any setting that follows it.
    if (readOnly)
        params.addQueryItem(QStringLiteral("readonly"), QStringLiteral("1"));
    url.setQuery(params);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QStringLiteral("text/plain; charset=utf-8"));
    request.setRawHeader("Authorization",
                         "Basic " + (m_user + QLatin1Char(':') + m_password).toUtf8().toBase64());
    // The server stops the query at max_execution_time; the client waits a little longer for
    // its message.
    request.setTransferTimeout(m_timeoutMs + 30000);
    // Named here, Qt leaves the answer compressed for post() to inflate and check.
    if (whole)
        request.setRawHeader("Accept-Encoding", "gzip");
    // A redirect is an error: followed, it would carry the password wherever it points.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (!m_caFile.isEmpty()) {
        // As libpq's sslrootcert: the file's certificates are the only ones trusted.
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(m_caFile));
        request.setSslConfiguration(tls);
    }
    return m_net->post(request, sql.toUtf8());
}

WarehouseRows ChConnection::post(const QString &sql, const QString &purpose, bool readOnly,
                                 const ProgressCallback &progress)
{
    WarehouseRows out;
    const QString queryId = queryIdPrefix() + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QNetworkReply *reply = send(sql, queryId, readOnly, true);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer poll;
    poll.setInterval(50);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (!out.cancelled && !reportProgress(progress, 0.0, purpose)) {
            out.cancelled = true;
            reply->abort();
        }
    });
    poll.start();
    if (!reply->isFinished())
        loop.exec();
    poll.stop();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QByteArray body = out.cancelled ? QByteArray() : reply->readAll();
    const bool compressed = reply->rawHeader("Content-Encoding").trimmed() == "gzip";
    const QNetworkReply::NetworkError netError = reply->error();
    const QUrl redirect = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
    const QString netText = reply->errorString();
    reply->deleteLater();
    if (out.cancelled) {
        // Dropping the connection does not stop a query on 18.16: kill it by its id.
        post(QStringLiteral("KILL QUERY WHERE query_id = %1 ASYNC").arg(quoteLiteral(queryId)),
             QStringLiteral("stopping a cancelled query"), false, {});
        out.error = failure(purpose, QStringLiteral("cancelled"));
        return out;
    }
    // A whole answer is gzip (ClickHouse sends an empty one, and only that, uncompressed); an
    // error's body is read as it came when it does not inflate.
    const bool failed = status != 200 || netError != QNetworkReply::NoError;
    if (compressed) {
        QByteArray inflated;
        if (gunzip(body, &inflated, kMaxAnswerBytes)) {
            body = std::move(inflated);
        } else if (!failed) {
            out.error = failure(purpose, QStringLiteral("the answer was cut off or damaged on the "
                                                        "way, or inflates past %1 MB (%2 "
                                                        "compressed bytes came)")
                                             .arg(kMaxAnswerBytes >> 20)
                                             .arg(body.size()));
            return out;
        } else {
            body.clear();
        }
    } else if (!failed && !body.isEmpty()) {
        out.error = failure(purpose, QStringLiteral("the answer came uncompressed although gzip "
                                                    "was asked for (a proxy on the way?), so it "
                                                    "cannot be checked whole"));
        return out;
    }
    if (status >= 300 && status < 400) {
        out.error = failure(purpose, QStringLiteral("the server answered %1, a redirect to %2: "
                                                    "not followed (it would carry the password)")
                                         .arg(status)
                                         .arg(redirect.toString()));
        return out;
    }
    if (status != 200 || netError != QNetworkReply::NoError) {
        out.error =
            failure(purpose, status > 0 && !body.trimmed().isEmpty()
                                 ? serverText(body)
                                 : QStringLiteral("%1 (%2)").arg(netText, m_endpoint.toString()));
        return out;
    }
    out.bytes = body.size();
    // Every line is a row, an empty one too (one empty text column); the last line end ends
    // the answer.
    QList<QByteArray> lines = body.split('\n');
    if (!lines.isEmpty() && lines.back().isEmpty())
        lines.removeLast();
    for (const QByteArray &line : lines)
        out.rows.push_back(tsvRow(line));
    out.ok = true;
    return out;
}

std::unique_ptr<ChRowStream> ChConnection::stream(const QString &sql, const QString &purpose,
                                                  const std::atomic<bool> *stop)
{
    QNetworkReply *reply = send(
        sql, queryIdPrefix() + QUuid::createUuid().toString(QUuid::WithoutBraces), true, false);
    // The reply holds at most this much unread: the server waits while the importer works.
    reply->setReadBufferSize(4 << 20);
    return std::unique_ptr<ChRowStream>(new ChRowStream(reply, failure(purpose, QString()), stop));
}

ChRowStream::ChRowStream(QNetworkReply *reply, QString failurePrefix, const std::atomic<bool> *stop)
    : m_reply(reply), m_failurePrefix(std::move(failurePrefix)), m_stop(stop)
{
}

ChRowStream::~ChRowStream()
{
    if (m_reply) {
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ChRowStream::fail(const QString &why)
{
    m_error = m_failurePrefix + why;
    m_reply->abort();
    m_reply->deleteLater();
    m_reply = nullptr;
}

void ChRowStream::wait()
{
    QEventLoop loop;
    QObject::connect(m_reply, &QNetworkReply::readyRead, &loop, &QEventLoop::quit);
    QObject::connect(m_reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(m_reply, &QNetworkReply::metaDataChanged, &loop, &QEventLoop::quit);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (m_stop && m_stop->load())
            loop.quit();
    });
    poll.start(50);
    loop.exec();
}

bool ChRowStream::next(QStringList *row)
{
    while (m_reply) {
        if (m_stop && m_stop->load()) {
            fail(QStringLiteral("stopped"));
            return false;
        }
        const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (!m_checked && (status.isValid() || m_reply->isFinished())) {
            m_checked = true;
            if (status.toInt() != 200) {
                // An error's body is the server's message: read it whole.
                while (!m_reply->isFinished())
                    wait();
                const QByteArray body = m_reply->readAll();
                fail(!body.trimmed().isEmpty() ? serverText(body) : m_reply->errorString());
                return false;
            }
        }
        // A row longer than the buffer: let the buffer grow to hold it, or no line ever ends.
        if (m_checked && !m_reply->canReadLine() &&
            m_reply->bytesAvailable() >= m_reply->readBufferSize())
            m_reply->setReadBufferSize(2 * m_reply->readBufferSize());
        // Each line is held back until the next one (or the clean end) comes: a query that fails
        // after its first rows ends its answer with the server's message as one more line.
        if (m_checked && m_reply->canReadLine()) {
            QByteArray line = m_reply->readLine();
            line.chop(1);
            std::swap(line, m_held);
            if (!m_holding) {
                m_holding = true;
                continue;
            }
            *row = tsvRow(line);
            return true;
        }
        if (m_reply->isFinished()) {
            if (m_reply->error() != QNetworkReply::NoError) {
                fail(m_reply->errorString());
            } else if (m_reply->bytesAvailable() > 0) {
                fail(QStringLiteral("the answer ended in the middle of a row"));
            } else if (m_holding) {
                m_holding = false;
                if (isServerFailureLine(m_held)) {
                    fail(serverText(m_held));
                    return false;
                }
                *row = tsvRow(m_held);
                return true;
            } else {
                m_reply->deleteLater();
                m_reply = nullptr;
            }
            return false;
        }
        wait();
    }
    return false;
}

QString ChConnection::quoteIdentifier(const QString &name) const
{
    QString q = name;
    q.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('`'), QLatin1String("\\`"));
    return QLatin1Char('`') + q + QLatin1Char('`');
}

QString ChConnection::quoteLiteral(const QString &text) const
{
    QString q = text;
    q.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

bool ChConnection::isNumberType(const QString &type) const
{
    return isNumberTypeName(type);
}

bool ChConnection::isTextType(const QString &type) const
{
    const QString t = baseType(type);
    return t == QLatin1String("String") || t.startsWith(QLatin1String("FixedString(")) ||
           t.startsWith(QLatin1String("Enum"));
}

bool ChConnection::isIntegerType(const QString &type) const
{
    const QString t = baseType(type);
    return t.startsWith(QLatin1String("Int")) || t.startsWith(QLatin1String("UInt"));
}

QString ChConnection::columnsSql(const QString &table) const
{
    // DESCRIBE lists the columns in the table's order (name, type, ...).
    return QStringLiteral("DESCRIBE TABLE %1").arg(quoteIdentifier(table));
}

WarehouseRows ChConnection::queryColumns(const QString &select, const QString &purpose)
{
    return queryShaped(QStringLiteral("DESCRIBE TABLE (%1)").arg(select), purpose, 2);
}

QString ChConnection::textExpr(const QString &ref) const
{
    return QStringLiteral("toString(%1)").arg(ref);
}

QString ChConnection::integerText(const QString &expr) const
{
    return QStringLiteral("toString(toInt64(%1))").arg(expr);
}

QString ChConnection::md5Bucket(const QString &expr) const
{
    return QStringLiteral("reinterpretAsUInt32(reverse(substring(MD5(%1), 1, 4)))").arg(expr);
}

QString ChConnection::containsExpr(const QString &text, const QString &needle) const
{
    return QStringLiteral("position(lowerUTF8(%1), lowerUTF8(%2)) > 0").arg(text, needle);
}

QString ChConnection::categoryExpr(const QString &ref) const
{
    return QStringLiteral("coalesce(nullIf(lowerUTF8(%1), ''), %2)")
        .arg(
            trimmed(QStringLiteral("replaceRegexpAll(toString(%1), '[[:space:]]+', ' ')").arg(ref)),
            quoteLiteral(kMissingLevel));
}

QString ChConnection::targetExpr(const QString &ref) const
{
    // 18.16 gets `CASE x WHEN` wrong (typed Nullable(Nothing)); multiIf is right.
    const QString t = QStringLiteral("lowerUTF8(replaceRegexpAll(toString(%1), "
                                     "'^[ \\t\\r\\n]+|[ \\t\\r\\n]+$', ''))")
                          .arg(ref);
    return QStringLiteral("multiIf(%1 IN ('yes', '1', 'true', 'y'), 1, %1 IN ('no', '0', 'false', "
                          "'n'), 0, NULL)")
        .arg(t);
}

QString ChConnection::numberExpr(const QString &ref, const QString &type) const
{
    if (isNumberType(type)) {
        // NaN and the infinities as NULL (the plausible ranges reject their rows).
        const QString v = QStringLiteral("toFloat64(%1)").arg(ref);
        return QStringLiteral("if(isFinite(%1), %1, NULL)").arg(v);
    }
    // toFloat64OrNull reads 1e400 as inf and 1e-400 as 0, which the import refuses (no double
    // holds them): NULL, as for text that is no number (which it had read as missing).
    const QString t = trimmedText(QStringLiteral("toString(%1)").arg(ref));
    // (It reads no leading '+', which std::from_chars is given without it.)
    const QString v =
        QStringLiteral("toFloat64OrNull(if(startsWith(%1, '+'), substring(%1, 2), %1))").arg(t);
    return QStringLiteral(
               "if(match(%1, '^[+-]?([0-9]+\\\\.?[0-9]*|\\\\.[0-9]+)([eE][+-]?[0-9]+)?$') AND "
               "isFinite(%2) AND NOT (%2 = 0 AND match(%1, '^[+-]?[0.]*[1-9]')), %2, NULL)")
        .arg(t, v);
}

QString ChConnection::notANumberExpr(const QString &ref, const QString &type) const
{
    if (isNumberType(type))
        return QStringLiteral("ifNull(NOT isFinite(toFloat64(%1)), 0)").arg(ref);
    // Neither missing (the import's tokens for it) nor a number: "abc", "NaN", "inf", 1e400.
    const QString t = trimmedText(QStringLiteral("toString(%1)").arg(ref));
    // (NULL NOT IN (...) is 1 on ClickHouse 18.16: a NULL, missing, rejected the row.)
    return QStringLiteral("ifNull(isNotNull(%1) AND lower(%1) NOT IN ('', 'na', 'n/a', 'null', "
                          "'?') AND %2 IS NULL, 0)")
        .arg(t, numberExpr(ref, type));
}

QString ChConnection::checksumExpr(const QString &, const QStringList &refs) const
{
    // A sum of the rows' hashes (UInt64, wrapping): the same rows in any order, on any shards.
    return QStringLiteral("sum(cityHash64(%1))").arg(refs.join(QStringLiteral(", ")));
}

bool ChConnection::isNumberTypeName(const QString &type)
{
    const QString t = baseType(type);
    return t.startsWith(QLatin1String("Int")) || t.startsWith(QLatin1String("UInt")) ||
           t.startsWith(QLatin1String("Float")) || t.startsWith(QLatin1String("Decimal"));
}

QString ChConnection::doubleLiteral(double v) const
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return QString::number(v, 'g', 17);
}

QString ChConnection::toDouble(const QString &expr) const
{
    return QStringLiteral("toFloat64(%1)").arg(expr);
}

QString ChConnection::ln(const QString &expr) const
{
    return QStringLiteral("log(%1)").arg(expr);
}

QString ChConnection::aggregateIf(const QString &function, const QString &argument,
                                  const QString &condition) const
{
    if (argument == QLatin1String("*"))
        return QStringLiteral("%1If(%2)").arg(function, condition);
    return QStringLiteral("%1If(%2, %3)").arg(function, argument, condition);
}

QString ChConnection::countDistinctIf(const QString &expr, const QString &condition) const
{
    return QStringLiteral("uniqExactIf(%1, %2)").arg(expr, condition);
}

QString ChConnection::distinctRowsSql(const QString &from, const QStringList &refs,
                                      const QString &condition) const
{
    // uniqExact leaves out a row with a NULL argument: each value as (is NULL, its text).
    QStringList args;
    for (const QString &r : refs)
        args << QStringLiteral("isNull(%1), ifNull(toString(%1), '')").arg(r);
    return QStringLiteral("SELECT uniqExact(%1) FROM %2 WHERE %3")
        .arg(args.join(QStringLiteral(", ")), from, condition);
}

QString ChConnection::trimmedText(const QString &expr) const
{
    return QStringLiteral("replaceRegexpAll(%1, '^[ \\t]+|[ \\t]+$', '')").arg(expr);
}

QString ChConnection::valueAtMax(const QString &value, const QString &by, const QString &then) const
{
    // 18.16 compares tuples in argMax: the largest `by`, then the largest -`then`.
    return QStringLiteral("argMax(%1, tuple(toFloat64(%2), -toFloat64(%3)))").arg(value, by, then);
}

QString ChConnection::lookup(const QString &key, const QStringList &labels,
                             const QStringList &values) const
{
    if (labels.isEmpty())
        return QStringLiteral("toFloat64(0)");
    // One hash lookup (transform) instead of a comparison per label (multiIf): a Newton step
    // over 411,880 rows took a tenth less. transform() takes no Nullable key, so NULL reads as
    // the empty text, which no label is; one that is looks up with multiIf.
    if (!labels.contains(quoteLiteral(QString()))) {
        QStringList typed;
        for (const QString &v : values)
            typed << QStringLiteral("toFloat64(%1)").arg(v);
        return QStringLiteral("transform(ifNull(%1, ''), [%2], [%3], toFloat64(0))")
            .arg(key, labels.join(QStringLiteral(", ")), typed.join(QStringLiteral(", ")));
    }
    QStringList arms;
    for (qsizetype i = 0; i < labels.size(); ++i)
        arms << QStringLiteral("%1 = %2, toFloat64(%3)").arg(key, labels[i], values[i]);
    return QStringLiteral("multiIf(%1, toFloat64(0))").arg(arms.join(QStringLiteral(", ")));
}

namespace {

/// The stages as one query's WITH aliases (ClickHouse computes an alias once, wherever it is
/// named) and its WHERE: read straight from the table, so that a Distributed table's shards
/// compute and aggregate their own rows and send the initiator partial aggregates. Nested
/// subqueries would have the shards send every row.
struct FlatRows
{
    QString with;  ///< "WITH x AS a, ... " or empty
    QString where; ///< " WHERE ..." or empty
};

FlatRows flatRows(const StagedRows &rows)
{
    QStringList columns, conditions;
    for (size_t i = 0; i < rows.stages.size(); ++i) {
        columns << rows.stages[i];
        conditions << rows.filters[i];
    }
    FlatRows f;
    if (!columns.isEmpty())
        f.with = QStringLiteral("WITH %1 ").arg(columns.join(QStringLiteral(", ")));
    if (!conditions.isEmpty())
        f.where = QStringLiteral(" WHERE %1").arg(conditions.join(QStringLiteral(" AND ")));
    return f;
}

} // namespace

QString ChConnection::aggregateSql(const StagedRows &rows, const QStringList &aggregates) const
{
    const FlatRows f = flatRows(rows);
    return QStringLiteral("%1SELECT %2 FROM %3%4")
        .arg(f.with, aggregates.join(QStringLiteral(", ")), rows.from, f.where);
}

QString ChConnection::selectSql(const StagedRows &rows, const GroupedSelect &select) const
{
    FlatRows f = flatRows(rows);
    if (!select.where.isEmpty())
        f.where = f.where.isEmpty() ? QStringLiteral(" WHERE ") + select.where
                                    : QStringLiteral("%1 AND (%2)").arg(f.where, select.where);
    QString sql = QStringLiteral("%1SELECT %2 FROM %3%4")
                      .arg(f.with, select.items.join(QStringLiteral(", ")), rows.from, f.where) +
                  select.groupedClauses();
    // 18.16 reads LIMIT offset, count (LIMIT ... OFFSET came later).
    if (select.limit >= 0)
        sql += select.offset > 0
                   ? QStringLiteral(" LIMIT %1, %2").arg(select.offset).arg(select.limit)
                   : QStringLiteral(" LIMIT %1").arg(select.limit);
    return sql;
}

QString ChConnection::rankedGroupsSql(const StagedRows &rows, const QString &key,
                                      const QString &y) const
{
    // 18.16 has no window functions: the shards group their rows by value, the initiator sorts
    // the distinct values (largest first) into one array and sums along it (arrayCumSum). Its
    // memory grows with the distinct values (a few copies of an array of them), which with
    // continuous columns can be nearly as many as the rows. The key is grouped by its own
    // name: named again (AS cl_key), the shards' answer lacked it.
    const FlatRows f = flatRows(rows);
    return QStringLiteral(
               "SELECT cl_g.1 AS cl_key, cl_g.2 AS cl_n, cl_g.3 AS cl_pos, cl_g.4 AS cl_above, "
               "cl_g.5 AS cl_posabove FROM (SELECT arrayJoin(arrayMap((t, cn, cp) -> (t.1, t.2, "
               "t.3, cn - t.2, cp - t.3), cl_t, arrayCumSum(arrayMap(x -> x.2, cl_t)), "
               "arrayCumSum(arrayMap(x -> x.3, cl_t)))) AS cl_g FROM (SELECT "
               "arrayReverseSort(groupArray((%2, cl_n, cl_pos))) AS cl_t FROM (%1SELECT %2, "
               "toFloat64(count()) AS cl_n, toFloat64(ifNull(sum(%3), 0)) AS cl_pos FROM %4%5 "
               "GROUP BY %2)))")
        .arg(f.with, key, y, rows.from, f.where);
}

QString ChConnection::groupingSetsSql(const StagedRows &rows, const QStringList &keys,
                                      const std::vector<std::vector<int>> &sets,
                                      const QStringList &aggregates) const
{
    // No GROUPING SETS in 18.16: each row is repeated once per set (ARRAY JOIN over the sets'
    // numbers), and a key is grouped by only in the copies of the sets that name it. Every
    // aggregate is computed for every set.
    QStringList numbers, flags, grouped;
    for (size_t s = 0; s < sets.size(); ++s)
        numbers << QString::number(s);
    for (qsizetype k = 0; k < keys.size(); ++k) {
        QStringList in;
        for (size_t s = 0; s < sets.size(); ++s) {
            if (std::find(sets[s].begin(), sets[s].end(), int(k)) != sets[s].end())
                in << QString::number(s);
        }
        if (in.isEmpty()) {
            flags << QStringLiteral("toUInt8(1)");
            grouped << QStringLiteral("NULL");
            continue;
        }
        const QString member =
            QStringLiteral("has([%1], cl_set)").arg(in.join(QStringLiteral(", ")));
        flags << QStringLiteral("if(%1, 0, 1)").arg(member);
        grouped << QStringLiteral("if(%1, %2, NULL)").arg(member, keys[k]);
    }
    QStringList groupBy{QStringLiteral("cl_set")};
    for (const QString &g : grouped) {
        if (g != QLatin1String("NULL"))
            groupBy << g;
    }
    const FlatRows f = flatRows(rows);
    return QStringLiteral("%1SELECT %2 FROM %3 ARRAY JOIN [%4] AS cl_set%5 GROUP BY %6")
        .arg(f.with, (flags + grouped + aggregates).join(QStringLiteral(", ")), rows.from,
             numbers.join(QStringLiteral(", ")), f.where, groupBy.join(QStringLiteral(", ")));
}

QString ChConnection::codedSetsSql(const StagedRows &rows, const QStringList &keys,
                                   const std::vector<std::vector<int>> &sets,
                                   const QStringList &aggregates, int pairAggregates,
                                   const std::vector<QStringList> &levels) const
{
    Q_ASSERT(pairAggregates >= 1 && pairAggregates <= aggregates.size());
    // Grouped by one integer, the group's id, where grouping by the set's number and every
    // key's label (NULL where not grouped) took 3.8 times as long.
    StagedRows coded = rows;
    QStringList codes;
    for (qsizetype k = 0; k < keys.size(); ++k) {
        QStringList quoted;
        for (const QString &label : levels[size_t(k)])
            quoted << quoteLiteral(label);
        codes << QStringLiteral("indexOf([%1], %2) AS cl_code%3")
                     .arg(quoted.join(QStringLiteral(", ")), keys[k], QString::number(k));
    }
    coded.add(codes);
    // The rows first grouped by every key at once, their cell (the keys' codes in one
    // integer): each shard sends one partial row per cell that occurs, as many whatever the
    // rows, and the initiator repeats the cells, not the rows, once per set. Where each row was
    // repeated once per set (56 for 10 keys) a Newton step over 411,880 rows took 4.5 s, 1.5 s
    // so. Needs every aggregate's partial results to combine, and the cells to fit 62 bits.
    QStringList combined;
    double cells = 1;
    for (const QStringList &l : levels)
        cells *= double(l.size() + 1);
    for (const QString &aggregate : aggregates) {
        const QString how = partialCombiner(aggregate);
        if (how.isEmpty())
            break;
        combined << how;
    }
    const bool cellsFirst = combined.size() == aggregates.size() && cells < 0x1p62;
    QString cellsSql, cellsWith; // cellsWith: the keys' codes read back from the cell
    if (cellsFirst) {
        QStringList cell, decode, partials;
        qint64 unit = 1;
        for (qsizetype k = 0; k < keys.size(); ++k) {
            const qint64 radix = levels[size_t(k)].size() + 1; // code 0: not among the levels
            cell << QStringLiteral("toUInt64(cl_code%1) * %2").arg(k).arg(unit);
            decode << QStringLiteral("modulo(intDiv(cl_cell, %1), %2) AS cl_code%3")
                          .arg(unit)
                          .arg(radix)
                          .arg(k);
            unit *= radix;
        }
        StagedRows celled = coded;
        celled.add(
            {(cell.isEmpty() ? QStringLiteral("toUInt64(0)") : cell.join(QStringLiteral(" + "))) +
             QStringLiteral(" AS cl_cell")});
        for (qsizetype j = 0; j < aggregates.size(); ++j)
            partials << QStringLiteral("%1 AS cl_p%2").arg(aggregates[j], QString::number(j));
        const FlatRows f = flatRows(celled);
        cellsSql = QStringLiteral("%1SELECT cl_cell, %2 FROM %3%4 GROUP BY cl_cell")
                       .arg(f.with, partials.join(QStringLiteral(", ")), celled.from, f.where);
        if (!decode.isEmpty())
            cellsWith = QStringLiteral("WITH %1 ").arg(decode.join(QStringLiteral(", ")));
    }
    // Each cell (or row) once per set, as its group's id in that set.
    const qint64 radix = codedRadix(levels);
    QStringList ids, pairs;
    for (size_t s = 0; s < sets.size(); ++s) {
        QString id = QStringLiteral("toUInt64(%1)").arg(qint64(s) * radix * radix);
        if (!sets[s].empty())
            id += QStringLiteral(" + cl_code%1 * %2").arg(sets[s][0]).arg(radix);
        if (sets[s].size() == 2) {
            id += QStringLiteral(" + cl_code%1").arg(sets[s][1]);
            pairs << QString::number(s);
        }
        ids << id;
    }
    QStringList named, all, first;
    for (qsizetype j = 0; j < aggregates.size(); ++j) {
        named << (cellsFirst
                      ? QStringLiteral("%1(cl_p%2) AS cl_a%2").arg(combined[j], QString::number(j))
                      : QStringLiteral("%1 AS cl_a%2").arg(aggregates[j], QString::number(j)));
        // Not Nullable, so that both arrays below have one type (an empty result, NULL, as 0).
        all << QStringLiteral("ifNull(toFloat64(cl_a%1), toFloat64(0))").arg(j);
        if (j < pairAggregates)
            first << all.last();
    }
    QString inner;
    if (cellsFirst) {
        inner =
            QStringLiteral("%1SELECT cl_id, %2 FROM (%3) ARRAY JOIN [%4] AS cl_id GROUP BY cl_id")
                .arg(cellsWith, named.join(QStringLiteral(", ")), cellsSql,
                     ids.join(QStringLiteral(", ")));
    } else {
        const FlatRows f = flatRows(coded);
        inner =
            QStringLiteral("%1SELECT cl_id, %2 FROM %3 ARRAY JOIN [%4] AS cl_id%5 GROUP BY cl_id")
                .arg(f.with, named.join(QStringLiteral(", ")), coded.from,
                     ids.join(QStringLiteral(", ")), f.where);
    }
    // A pair's cell sends only its first `pairAggregates`: most rows are pairs' cells.
    const QString sums = QLatin1Char('[') + all.join(QStringLiteral(", ")) + QLatin1Char(']');
    const QString pairSums = QLatin1Char('[') + first.join(QStringLiteral(", ")) + QLatin1Char(']');
    return QStringLiteral("SELECT cl_id, %1 FROM (%2)")
        .arg(pairs.isEmpty() || first.size() == all.size()
                 ? sums
                 : QStringLiteral("if(has([%1], intDiv(cl_id, %2)), %3, %4)")
                       .arg(pairs.join(QStringLiteral(", ")))
                       .arg(radix * radix)
                       .arg(pairSums, sums),
             inner);
}

QStringList ChConnection::snapshotBegin() const
{
    return {};
}

QString ChConnection::snapshotEnd() const
{
    return {};
}

} // namespace cl
