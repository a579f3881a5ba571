// PgTableSource: a cursor over `SELECT col::text, ...` in a read-only snapshot transaction.
#include "PgTableSource.h"

namespace cl {

namespace {

constexpr int kSampleRows = 2000;
const QString kCursor = QStringLiteral("campaignlens_snapshot");

} // namespace

PgTableSource::PgTableSource(QString url, QString table, QString query)
    : WarehouseTableSource(kPgTableSourceKind, PgConnection::engineName(),
                           PgConnection::withoutPassword(url), std::move(table), std::move(query)),
      m_connectUrl(std::move(url))
{
}

PgTableSource::~PgTableSource() = default;

bool PgTableSource::open()
{
    QString why;
    if (!m_conn.open(m_connectUrl, &why)) {
        m_error = why;
        return false;
    }
    m_connectUrl.clear(); // the password, if the URL had one, is not kept
    const QString table = relation(m_conn), what = relationText(m_conn);
    const ProgressCallback going = [this](double, const QString &) { return !m_stop.load(); };
    const WarehouseRows began =
        m_conn.query(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"),
                     QStringLiteral("starting a read-only snapshot of %1").arg(what), going);
    if (!began.ok) {
        m_error = began.error;
        return false;
    }
    const WarehouseRows columns =
        m_conn.query(QStringLiteral("SELECT * FROM %1 LIMIT 0").arg(table),
                     QStringLiteral("reading the columns of %1").arg(what), going);
    if (!columns.ok) {
        m_error = columns.error;
        return false;
    }
    m_header = columns.columns;
    beginRecords();
    if (m_header.isEmpty()) {
        m_error = QStringLiteral("%1: no columns").arg(name());
        return false;
    }
    const WarehouseRows count =
        m_conn.queryShaped(QStringLiteral("SELECT count(*) FROM %1").arg(table),
                           QStringLiteral("counting the rows of %1").arg(what), 1, 1, going);
    if (!count.ok) {
        m_error = count.error;
        return false;
    }
    m_total = count.rows.at(0).at(0).toLongLong();
    QStringList texts;
    for (const QString &c : std::as_const(m_header))
        texts << m_conn.quoteIdentifier(c) + QStringLiteral("::text");
    const WarehouseRows declared =
        m_conn.query(QStringLiteral("DECLARE %1 NO SCROLL CURSOR FOR SELECT %2 FROM %3")
                         .arg(kCursor, texts.join(QStringLiteral(", ")), table),
                     QStringLiteral("opening a cursor over %1").arg(what), going);
    if (!declared.ok) {
        m_error = declared.error;
        return false;
    }
    // The sample is the first rows of the first page, from which next() starts.
    static_assert(kSampleRows <= PgTableSource::kPageRows);
    if (!fetch())
        return false;
    for (size_t i = 0; i < m_page.size() && m_sample.size() < kSampleRows; ++i) {
        QStringList row = m_page[i];
        for (QString &f : row) {
            if (f.isNull())
                f = QStringLiteral("");
        }
        m_sample << row;
    }
    return true;
}

/// The next page of the cursor into m_page (replacing it); false with m_error on failure.
bool PgTableSource::fetch()
{
    WarehouseRows page = m_conn.queryShaped(
        QStringLiteral("FETCH FORWARD %1 FROM %2").arg(kPageRows).arg(kCursor),
        QStringLiteral("reading the rows of %1").arg(relationText(m_conn)), int(m_header.size()),
        -1, [this](double, const QString &) { return !m_stop.load(); });
    if (!page.ok) {
        m_error = page.cancelled ? QStringLiteral("%1: stopped").arg(name()) : page.error;
        return false;
    }
    m_page = std::move(page.rows);
    m_next = 0;
    m_exhausted = m_page.size() < size_t(kPageRows);
    return true;
}

bool PgTableSource::next(SourceRecord &record)
{
    if (m_stop)
        return false;
    if (m_next >= m_page.size()) {
        if (m_exhausted || !fetch() || m_page.empty())
            return false;
    }
    const QStringList &row = m_page[m_next++];
    record = this->record(row);
    return true;
}

void PgTableSource::endReading()
{
    if (m_conn.isOpen())
        m_conn.query(QStringLiteral("COMMIT"), QStringLiteral("ending the snapshot"));
    m_conn.close();
}

} // namespace cl
