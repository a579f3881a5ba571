// DatasetWriter: the silver table with its raw remainders, the raw and labelled views, the
// category levels and the dataset row, in one transaction.
//
// Storage: one physical table per dataset, the silver table (clean values, dictionary codes)
// plus a "<column>__raw" remainder column for each source column whose raw value the clean
// one does not determine: the exact spelling of a category or of the target when it differs
// from its label, a pdays sentinel other than the usual one, free text. A remainder column is
// added (ALTER TABLE ... ADD COLUMN, older rows read NULL) only when a row first needs it, so
// for the bank files there is none and each row is written once and small. The raw table is
// a view that rebuilds every typed value of the source from the two.
#include "DatasetWriter.h"

#include "Database.h"
#include "Statement.h"
#include "Workspace.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cstring>

namespace cl {

namespace {

constexpr int kRowsPerInsert = 64;

QString sqlType(StorageType t)
{
    switch (t) {
    case StorageType::Integer:
        return QStringLiteral("INTEGER");
    case StorageType::Real:
        return QStringLiteral("REAL");
    case StorageType::Text:
        return QStringLiteral("TEXT");
    }
    return {};
}

/// INSERT INTO `target` (already quoted, with its column list) VALUES (?, ...), ... `rows` times.
QString insertSql(const QString &target, int columns, int rows)
{
    QString one = QStringLiteral("(");
    for (int c = 0; c < columns; ++c)
        one += c ? QStringLiteral(",?") : QStringLiteral("?");
    one += QLatin1Char(')');
    QString sql = QStringLiteral("INSERT INTO %1 VALUES ").arg(target);
    for (int r = 0; r < rows; ++r)
        sql += r ? QLatin1Char(',') + one : one;
    return sql;
}

} // namespace

DatasetWriter::DatasetWriter(Workspace &workspace) : m_ws(workspace) {}

DatasetWriter::~DatasetWriter()
{
    m_rowInsert.reset();
    m_rowInsertMany.reset();
    m_rejectInsert.reset();
    m_columnCopy.reset();
    m_logWriteBehind.reset();
    m_tx.reset(); // rolls back unless committed
    if (m_checkpointOff)
        m_ws.db().exec(QStringLiteral("PRAGMA wal_autocheckpoint=1000"));
}

QString DatasetWriter::silverTable() const
{
    DatasetInfo info;
    info.id = m_datasetId;
    return info.silverTable();
}

QString DatasetWriter::lastError() const
{
    return m_ws.db().lastError();
}

bool DatasetWriter::busy() const
{
    return m_ws.db().lastErrorWasBusy();
}

bool DatasetWriter::begin(int waitMs, const std::function<bool()> &waiting)
{
    Database &db = m_ws.db();
    // The import stays in WAL mode so that other processes can read the workspace meanwhile
    // (a rollback journal would lock them out until the commit). The log is copied into the
    // file once, after the commit, instead of every 1000 pages.
    const bool logged = m_ws.writesLog();
    if (logged) {
        db.exec(QStringLiteral("PRAGMA wal_autocheckpoint=0"));
        m_checkpointOff = true;
    }
    constexpr int kAttemptMs = 250;
    db.setBusyTimeout(std::min(kAttemptMs, std::max(0, waitMs)));
    QElapsedTimer waited;
    waited.start();
    m_tx.emplace(db);
    while (!m_tx->isActive() && db.lastErrorWasBusy() && waited.elapsed() < waitMs) {
        if (waiting && !waiting())
            break;
        m_tx.emplace(db);
    }
    db.setBusyTimeout(Database::kBusyTimeoutMs);
    if (!m_tx->isActive())
        return false;
    // The log grows by the whole dataset before the checkpoint syncs it: written to disk as
    // it grows, the sync then has little left (0.34 s of 4.8 s at x100 before). A workspace
    // being built has no log: its file grows instead, and is synced when it is finished.
    if (!m_ws.path().isEmpty())
        m_logWriteBehind = std::make_unique<WriteBehind>(
            logged ? m_ws.path() + QStringLiteral("-wal") : m_ws.path());
    return true;
}

bool DatasetWriter::createTables(const DatasetTables &tables)
{
    m_tables = tables;
    m_remainderStored.assign(m_tables.remainders.size(), false);
    Database &db = m_ws.db();
    // Live datasets draw from the same numbers: `--dataset ID` names one or the other.
    Statement next(db, QStringLiteral("SELECT max(coalesce((SELECT max(id) FROM dataset), 0), "
                                      "coalesce((SELECT max(id) FROM live_dataset), 0)) + 1"));
    if (!next.step())
        return false;
    m_datasetId = next.columnInt64(0);
    // An explicit row id that no source column can shadow (LayoutMatcher renames a column of
    // that name); SQLite's rowid can be (a file with a "rowid" column). The inserts name
    // their columns, so it numbers the rows 1, 2, ... in source order.
    QStringList columns{Database::quoteIdentifier(kRowIdColumn) +
                        QStringLiteral(" INTEGER PRIMARY KEY")};
    for (const DatasetTables::Column &c : m_tables.silver)
        columns << Database::quoteIdentifier(c.name) + QLatin1Char(' ') + sqlType(c.type);
    if (!db.exec(
            QStringLiteral("CREATE TABLE %1 (%2);")
                .arg(Database::quoteIdentifier(silverTable()), columns.join(QStringLiteral(", ")))))
        return false;
    m_bindOrder.clear();
    for (int i = 0; i < int(m_tables.silver.size()); ++i)
        m_bindOrder.push_back(i);
    m_rejectInsert = std::make_unique<Statement>(
        db, QStringLiteral("INSERT INTO rejected_row(dataset_id, line, reason, raw) "
                           "VALUES (?, ?, ?, ?)"));
    std::vector<ColumnStore::Column> copyColumns;
    for (const DatasetTables::Column &c : m_tables.silver)
        copyColumns.push_back({c.name, c.categorical});
    m_columnCopy = std::make_unique<ColumnStore::Writer>(db, m_datasetId, std::move(copyColumns));
    if (!m_columnCopy->begin()) {
        db.setLastError(m_columnCopy->lastError());
        return false;
    }
    return prepareInserts() && m_rejectInsert->ok();
}

/// The row inserts for the columns the table has now (m_bindOrder).
bool DatasetWriter::prepareInserts()
{
    const int silverCount = int(m_tables.silver.size());
    QStringList names;
    for (int i : m_bindOrder)
        names << Database::quoteIdentifier(i < silverCount
                                               ? m_tables.silver[size_t(i)].name
                                               : m_tables.remainders[size_t(i - silverCount)].name);
    const QString table = QStringLiteral("%1(%2)").arg(Database::quoteIdentifier(silverTable()),
                                                       names.join(QLatin1Char(',')));
    const int width = int(m_bindOrder.size());
    m_rowInsert = std::make_unique<Statement>(m_ws.db(), insertSql(table, width, 1));
    m_rowInsertMany =
        std::make_unique<Statement>(m_ws.db(), insertSql(table, width, kRowsPerInsert));
    m_boundOne.assign(size_t(width), ImportCell{});
    m_boundMany.assign(size_t(width) * kRowsPerInsert, ImportCell{});
    return m_rowInsert->ok() && m_rowInsertMany->ok();
}

/// Adds the remainder columns a row of `batch` is the first to need.
bool DatasetWriter::addRemainderColumns(const ImportBatch &batch)
{
    bool added = false;
    for (size_t r = 0; r < m_tables.remainders.size(); ++r) {
        if (m_remainderStored[r] || !batch.remaindersUsed[r])
            continue;
        const DatasetTables::Column &column = m_tables.remainders[r];
        if (!m_ws.db().exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN %2 %3")
                                .arg(Database::quoteIdentifier(silverTable()),
                                     Database::quoteIdentifier(column.name), sqlType(column.type))))
            return false;
        m_remainderStored[r] = true;
        m_bindOrder.push_back(int(m_tables.silver.size() + r));
        added = true;
    }
    if (!added)
        return true;
    m_rowInsert.reset(); // they list the columns the table had before
    m_rowInsertMany.reset();
    return prepareInserts();
}

void DatasetWriter::bindValue(Statement &st, int index, const ImportCell &cell,
                              const std::string &text)
{
    switch (cell.kind) {
    case ImportCell::Null:
        st.bindNull(index);
        break;
    case ImportCell::Int:
        st.bind(index, qint64(cell.i));
        break;
    case ImportCell::Real:
        st.bind(index, cell.d);
        break;
    case ImportCell::Text:
        st.bindTextStatic(index, text.data() + cell.offset, int(cell.length));
        break;
    }
}

void DatasetWriter::encodeColumns(ImportBatch &batch)
{
    const size_t width = m_tables.silver.size() + m_tables.remainders.size();
    m_columnCopy->encodeBatch(batch, width, &batch.columnChunks);
}

bool DatasetWriter::write(const ImportBatch &batch)
{
    if (!addRemainderColumns(batch))
        return false;
    const size_t width = m_tables.silver.size() + m_tables.remainders.size();
    const size_t columns = m_bindOrder.size();
    const int *order = m_bindOrder.data();
    int r = 0;
    for (; r + kRowsPerInsert <= batch.rows; r += kRowsPerInsert) {
        for (int k = 0; k < kRowsPerInsert; ++k) {
            const ImportCell *row = batch.cells.data() + size_t(r + k) * width;
            const size_t first = size_t(k) * columns;
            for (size_t j = 0; j < columns; ++j)
                bindCell(*m_rowInsertMany, m_boundMany[first + j], int(first + j) + 1,
                         row[order[j]], batch.text);
        }
        if (!m_rowInsertMany->exec())
            return false;
        m_rowInsertMany->reset();
    }
    for (; r < batch.rows; ++r) {
        const ImportCell *row = batch.cells.data() + size_t(r) * width;
        for (size_t j = 0; j < columns; ++j)
            bindCell(*m_rowInsert, m_boundOne[j], int(j) + 1, row[order[j]], batch.text);
        if (!m_rowInsert->exec())
            return false;
        m_rowInsert->reset();
    }
    if (!m_columnCopy->store(batch.columnChunks)) {
        m_ws.db().setLastError(m_columnCopy->lastError());
        return false;
    }
    for (const RejectedRow &rejected : batch.rejects) {
        m_rejectInsert->bind(1, m_datasetId);
        m_rejectInsert->bind(2, qint64(rejected.line));
        m_rejectInsert->bind(3, rejected.reason);
        m_rejectInsert->bind(4, rejected.raw);
        if (!m_rejectInsert->exec())
            return false;
        m_rejectInsert->reset();
    }
    return true;
}

/// The raw table: every source column with the value of the source, typed, in source order,
/// rebuilt from the silver value and the remainder (see the top of this file).
bool DatasetWriter::createRawView(const std::vector<QStringList> &levels)
{
    DatasetInfo info;
    info.id = m_datasetId;
    QStringList cols;
    for (const RawColumnRule &rule : m_tables.raw) {
        const QString silver =
            rule.silver >= 0
                ? QStringLiteral("s.") +
                      Database::quoteIdentifier(m_tables.silver[size_t(rule.silver)].name)
                : QString();
        const bool stored = rule.remainder >= 0 && m_remainderStored[size_t(rule.remainder)];
        const QString remainder =
            stored ? QStringLiteral("s.") +
                         Database::quoteIdentifier(m_tables.remainders[size_t(rule.remainder)].name)
                   : QStringLiteral("NULL");
        QString expr;
        if (rule.kind == RawColumnRule::Kind::Target) {
            expr = QStringLiteral("coalesce(%1, CASE %2 WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END)")
                       .arg(remainder, silver);
        } else if (rule.silver < 0) {
            expr = remainder;
        } else if (rule.kind == RawColumnRule::Kind::Categorical) {
            QString caseExpr = QStringLiteral("CASE ") + silver;
            const QStringList &labels = levels[size_t(rule.silver)];
            for (int code = 0; code < labels.size(); ++code)
                if (labels[code] != kMissingLevel)
                    caseExpr += QStringLiteral(" WHEN %1 THEN %2")
                                    .arg(code)
                                    .arg(Database::quoteLiteral(labels[code]));
            expr = caseExpr == QStringLiteral("CASE ") + silver
                       ? remainder // only the missing level: NULL unless spelled otherwise
                       : QStringLiteral("coalesce(%1, %2 END)").arg(remainder, caseExpr);
        } else if (rule.kind == RawColumnRule::Kind::Pdays && m_tables.previouslyContacted >= 0) {
            expr = QStringLiteral("coalesce(%1, %2, CASE s.%3 WHEN 0 THEN %4 END)")
                       .arg(remainder, silver,
                            Database::quoteIdentifier(
                                m_tables.silver[size_t(m_tables.previouslyContacted)].name))
                       .arg(m_tables.pdaysSentinel);
        } else if (rule.remainder >= 0) {
            expr = QStringLiteral("coalesce(%1, %2)").arg(remainder, silver);
        } else {
            expr = silver;
        }
        cols << expr + QStringLiteral(" AS ") + Database::quoteIdentifier(rule.name);
    }
    return m_ws.db().exec(QStringLiteral("CREATE VIEW %1 AS SELECT %2 FROM %3 AS s")
                              .arg(Database::quoteIdentifier(info.rawTable()),
                                   cols.join(QStringLiteral(", ")),
                                   Database::quoteIdentifier(silverTable())));
}

bool DatasetWriter::finish(DatasetInfo info, const std::vector<QStringList> &levels)
{
    Database &db = m_ws.db();
    info.id = m_datasetId;
    Statement level(db, QStringLiteral("INSERT INTO category_level(dataset_id, column_name, code, "
                                       "label) VALUES (?, ?, ?, ?)"));
    QStringList viewCols{QStringLiteral("s.") + Database::quoteIdentifier(kRowIdColumn)};
    for (size_t i = 0; i < m_tables.silver.size(); ++i) {
        const QString &name = m_tables.silver[i].name;
        const QString q = Database::quoteIdentifier(name);
        if (!m_tables.silver[i].categorical) {
            viewCols << QStringLiteral("s.") + q;
            continue;
        }
        const QStringList &labels = levels[i];
        QString caseExpr = QStringLiteral("CASE s.%1").arg(q);
        for (int code = 0; code < labels.size(); ++code) {
            level.bind(1, m_datasetId);
            level.bind(2, name);
            level.bind(3, qint64(code));
            level.bind(4, labels[code]);
            if (!level.exec())
                return false;
            level.reset();
            caseExpr += QStringLiteral(" WHEN %1 THEN %2")
                            .arg(code)
                            .arg(Database::quoteLiteral(labels[code]));
        }
        viewCols << caseExpr + QStringLiteral(" END AS ") + q;
    }
    if (!db.exec(QStringLiteral("CREATE VIEW %1 AS SELECT %2 FROM %3 AS s")
                     .arg(Database::quoteIdentifier(info.silverView()),
                          viewCols.join(QStringLiteral(", ")),
                          Database::quoteIdentifier(info.silverTable()))))
        return false;
    if (!createRawView(levels))
        return false;
    if (!m_columnCopy->finish()) {
        db.setLastError(m_columnCopy->lastError());
        return false;
    }
    return Workspace::insertDataset(db, info);
}

bool DatasetWriter::commit()
{
    m_rowInsert.reset();
    m_rowInsertMany.reset();
    m_rejectInsert.reset();
    m_columnCopy.reset();
    // A page the disk failed to write is reported to one handle only, perhaps the
    // write-behind's (see WriteBehind): the import fails here instead of committing over it.
    if (m_logWriteBehind) {
        m_logWriteBehind->stop();
        const int error = m_logWriteBehind->syncError();
        m_logWriteBehind.reset();
        if (error != 0) {
            m_ws.db().setLastError(QStringLiteral("syncing %1 failed: %2")
                                       .arg(m_ws.path(), QString::fromLocal8Bit(strerror(error))));
            return false;
        }
    }
    return m_tx && m_tx->commit();
}

double DatasetWriter::checkpoint()
{
    QElapsedTimer timer;
    timer.start();
    if (!m_ws.writesLog())
        return 0; // nothing to copy: the pages are in the file already
    // As for the log (stopped in commit()): the pages the checkpoint copies into the file are
    // synced while it copies them.
    std::optional<WriteBehind> fileWriteBehind;
    if (!m_ws.path().isEmpty())
        fileWriteBehind.emplace(m_ws.path(), 20);
    m_ws.db().exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return double(timer.elapsed()) / 1000.0;
}

} // namespace cl
