// Workspace: schema migrations and the dataset catalogue.
#include "Workspace.h"

#include "NewWorkspace.h"
#include "Statement.h"
#include "Transaction.h"
#include "util/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <atomic>
#include <mutex>

namespace cl {

namespace {

/// Files found sound in this process (canonical path -> state), and the lock of the lists.
std::mutex soundMutex;
QHash<QString, QString> soundInProcess;

/// Files held open for writing by a connection of this process that found them sound:
/// canonical path -> (connections, whether their check was complete). Their commits keep the
/// file sound (SQLite's transactions), so this process's other connections need not check it:
/// the window writes now and then, and its workers open the file again for every load (a 1 s
/// check of a 4-million-row workspace before the first chart).
struct SoundWriters
{
    int connections = 0;
    bool complete = true;
};
QHash<QString, SoundWriters> soundWriters;
std::atomic<int> checksRun{0};

StorageType storageTypeFromName(const QString &n)
{
    if (n == QLatin1String("integer"))
        return StorageType::Integer;
    if (n == QLatin1String("real"))
        return StorageType::Real;
    return StorageType::Text;
}

// Each entry migrates from version i to i + 1. Never edit a shipped entry; append.
const char *const kMigrations[] = {
    R"sql(
    CREATE TABLE dataset(
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        source_path TEXT NOT NULL,
        source_size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        dialect TEXT NOT NULL,
        layout TEXT NOT NULL,
        data_lines INTEGER NOT NULL,
        rows_read INTEGER NOT NULL,
        rows_rejected INTEGER NOT NULL,
        subscribers INTEGER NOT NULL,
        synthetic INTEGER NOT NULL DEFAULT 0,
        columns TEXT NOT NULL,
        quality TEXT NOT NULL,
        imported_at TEXT NOT NULL);
    CREATE INDEX dataset_sha256 ON dataset(sha256);
    CREATE TABLE rejected_row(
        dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        line INTEGER NOT NULL,
        reason TEXT NOT NULL,
        raw TEXT NOT NULL);
    CREATE INDEX rejected_row_dataset ON rejected_row(dataset_id, line);
    CREATE TABLE category_level(
        dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        column_name TEXT NOT NULL,
        code INTEGER NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY(dataset_id, column_name, code));
    CREATE TABLE setting(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    )sql",
    // 2: chat history per dataset and the audit log of every payload sent (issue 5).
    R"sql(
    CREATE TABLE chat_exchange(
        id INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        status TEXT NOT NULL,
        error TEXT NOT NULL,
        evidence TEXT NOT NULL,
        unverified TEXT NOT NULL,
        model TEXT NOT NULL,
        share_mode TEXT NOT NULL,
        prompt_version TEXT NOT NULL,
        prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        cost REAL NOT NULL);
    CREATE INDEX chat_exchange_dataset ON chat_exchange(dataset_id, id);
    CREATE TABLE chat_audit(
        id INTEGER PRIMARY KEY,
        exchange_id INTEGER,
        sent_at TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        body TEXT NOT NULL);
    )sql",
    // 3: model runs (settings, data hash, metrics, coefficients) and per-client scores (issue 4).
    R"sql(
    CREATE TABLE model_run(
        id INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        data_sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL,
        settings TEXT NOT NULL,
        metrics TEXT NOT NULL,
        coefficients TEXT NOT NULL);
    CREATE INDEX model_run_dataset ON model_run(dataset_id, id);
    CREATE TABLE model_score(
        run_id INTEGER NOT NULL REFERENCES model_run(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        row_id INTEGER NOT NULL,
        score REAL,
        PRIMARY KEY(run_id, row_id)) WITHOUT ROWID;
    CREATE INDEX model_score_rank ON model_score(run_id, score DESC, row_id);
    )sql",
    // 4: chat exchanges the user pinned for the report's Q&A (issue 6).
    R"sql(
    ALTER TABLE chat_exchange ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
    )sql",
    // 5: a dataset records its source as a descriptor of any kind (issue 12); the CSV file's
    // path, size, SHA-256 and dialect move into it.
    R"sql(
    ALTER TABLE dataset ADD COLUMN source TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE dataset ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
    UPDATE dataset SET dialect = '{}' WHERE NOT json_valid(dialect);
    UPDATE dataset SET fingerprint = sha256, source = json_object(
        'kind', 'csv',
        'label', replace(source_path, rtrim(source_path, replace(source_path, '/', '')), ''),
        'location', source_path,
        'fingerprint', sha256,
        'details', json_object(
            'bytes', source_size,
            'dialect', json(dialect),
            -- CsvDialect::describe() as it was written when this migration shipped
            'summary', CASE WHEN dialect ->> '$.delimiter' IS NULL THEN ''
                ELSE (CASE dialect ->> '$.delimiter' WHEN char(9) THEN 'tab'
                      ELSE '''' || (dialect ->> '$.delimiter') || '''' END)
                     || ' delimited, ' || (dialect ->> '$.encoding')
                     || (CASE WHEN dialect ->> '$.bom' THEN ', BOM' ELSE '' END)
                     || (CASE WHEN dialect ->> '$.header' THEN ', header row'
                         ELSE ', no header' END)
                     || (CASE WHEN dialect ->> '$.decimal_comma' THEN ', decimal comma'
                         ELSE '' END)
                     || (CASE WHEN dialect ->> '$.crlf' THEN ', CRLF' ELSE ', LF' END) END));
    DROP INDEX dataset_sha256;
    ALTER TABLE dataset DROP COLUMN source_path;
    ALTER TABLE dataset DROP COLUMN source_size;
    ALTER TABLE dataset DROP COLUMN sha256;
    ALTER TABLE dataset DROP COLUMN dialect;
    CREATE INDEX dataset_fingerprint ON dataset(fingerprint);
    )sql",
    // 6: a columnar copy of each dataset's silver table, in chunks of rows (issue 13; see
    // ColumnStore). Datasets imported before get theirs on first use.
    R"sql(
    CREATE TABLE column_chunk(
        id INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        column_name TEXT NOT NULL,
        chunk INTEGER NOT NULL,
        rows INTEGER NOT NULL,
        encoding INTEGER NOT NULL,
        dictionary BLOB,
        data BLOB NOT NULL,
        checksum INTEGER NOT NULL,
        UNIQUE(dataset_id, column_name, chunk));
    CREATE TABLE column_copy(
        dataset_id INTEGER PRIMARY KEY REFERENCES dataset(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        format INTEGER NOT NULL,
        rows INTEGER NOT NULL,
        rows_per_chunk INTEGER NOT NULL,
        columns TEXT NOT NULL,
        built_at TEXT NOT NULL);
    )sql",
    // 7: a model run's scores in chunks of rows, one double per client in row order (issue 13:
    // a row and an index entry per client took tens of seconds for four million). Runs stored
    // before keep theirs in model_score.
    R"sql(
    CREATE TABLE model_score_chunk(
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES model_run(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        chunk INTEGER NOT NULL,
        rows INTEGER NOT NULL,
        scored INTEGER NOT NULL,
        data BLOB NOT NULL,
        UNIQUE(run_id, chunk));
    )sql",
    // 8: how many clients a run scored, kept with the run (issue 13): counting them in
    // model_score on every list of runs read millions of index entries per run, on the GUI
    // thread.
    R"sql(
    ALTER TABLE model_run ADD COLUMN scored_rows INTEGER NOT NULL DEFAULT 0;
    UPDATE model_run SET scored_rows = coalesce(
        (SELECT sum(c.scored) FROM model_score_chunk c WHERE c.run_id = model_run.id),
        (SELECT count(*) FROM model_score s WHERE s.run_id = model_run.id AND s.score IS NOT NULL));
    )sql",
    // 9: a chat exchange whose tokens were estimated, because the server reported none
    // (issue 15); the cost is then an estimate too.
    R"sql(
    ALTER TABLE chat_exchange ADD COLUMN tokens_estimated INTEGER NOT NULL DEFAULT 0;
    )sql",
    // 10: live datasets (issue 14): a table on a database engine, registered with its
    // connection (never a password), its column roles and levels, and its fingerprint. Its id
    // is drawn from the same numbers as a dataset's (LiveDatasets::nextId).
    R"sql(
    CREATE TABLE live_dataset(
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        engine TEXT NOT NULL,
        url TEXT NOT NULL,
        table_name TEXT NOT NULL,
        columns TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        subscribers INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        connected_at TEXT NOT NULL);
    )sql",
    // 11: a live dataset over a read-only query instead of a table (connect --query).
    R"sql(
    ALTER TABLE live_dataset ADD COLUMN query TEXT NOT NULL DEFAULT '';
    )sql",
};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == Workspace::kSchemaVersion,
              "one migration per schema version");

DatasetInfo readDataset(Statement &st)
{
    DatasetInfo d;
    d.id = st.columnInt64(0);
    d.name = st.columnText(1);
    d.source =
        SourceDescriptor::fromJson(QJsonDocument::fromJson(st.columnText(2).toUtf8()).object());
    d.layout = st.columnText(3);
    d.dataLines = st.columnInt64(4);
    d.rowsRead = st.columnInt64(5);
    d.rowsRejected = st.columnInt64(6);
    d.subscribers = st.columnInt64(7);
    d.synthetic = st.columnInt64(8) != 0;
    for (const auto &v : QJsonDocument::fromJson(st.columnText(9).toUtf8()).array()) {
        const QJsonObject o = v.toObject();
        SilverColumn c;
        c.name = o.value("name").toString();
        c.sourceName = o.value("source").toString();
        c.rawType = storageTypeFromName(o.value("raw_type").toString());
        c.role = roleFromName(o.value("role").toString());
        c.categorical = o.value("categorical").toBool();
        c.derived = o.value("derived").toBool();
        d.columns << c;
    }
    d.quality = QJsonDocument::fromJson(st.columnText(10).toUtf8()).object();
    d.importedAt = QDateTime::fromString(st.columnText(11), Qt::ISODateWithMs);
    return d;
}

QString compactJson(const QJsonDocument &doc)
{
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

/// The column that identifies a row of `table` (see DatasetInfo::rowIdColumn): its INTEGER
/// PRIMARY KEY, else the first alias of SQLite's rowid that no column of the table shadows.
QString rowIdColumnOf(Database &db, const QString &table)
{
    Statement st(db, QStringLiteral("SELECT name, pk, upper(type) FROM pragma_table_info(?)"));
    st.bind(1, table);
    QStringList names;
    QString primaryKey;
    int keyColumns = 0;
    while (st.step()) {
        names << st.columnText(0).toLower();
        if (st.columnInt(1) > 0) {
            ++keyColumns;
            if (st.columnText(2) == QLatin1String("INTEGER"))
                primaryKey = st.columnText(0);
        }
    }
    if (keyColumns == 1 && !primaryKey.isEmpty())
        return primaryKey;
    for (const char *alias : {"rowid", "_rowid_", "oid"}) {
        if (!names.contains(QLatin1String(alias)))
            return QString::fromLatin1(alias);
    }
    return QStringLiteral("rowid"); // all three shadowed: nothing better exists
}

const QString kDatasetColumns =
    QStringLiteral("id, name, source, layout, data_lines, rows_read, rows_rejected, subscribers, "
                   "synthetic, columns, quality, imported_at");

} // namespace

DatasetInfo Workspace::withRowId(DatasetInfo info)
{
    info.rowIdColumn = rowIdColumnOf(m_db, info.silverTable());
    return info;
}

QString Workspace::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir.isEmpty() ? QDir::homePath() + QStringLiteral("/.campaignlens") : dir)
        .filePath(QStringLiteral("workspace.campaignlens"));
}

bool Workspace::open(const QString &path, QString *error, Access access)
{
    releaseSoundWriter();
    m_damage.clear();
    m_checkComplete = true;
    m_wasChecked = false;
    m_readOnly = false;
    m_building = false;
    if (access == Access::ReadOnly)
        return openForReading(path, error);
    if (access == Access::Build)
        return openForBuilding(path, error);
    const QFileInfo info(path);
    if (!info.absoluteDir().exists() && !QDir().mkpath(info.absolutePath())) {
        if (error)
            *error = QStringLiteral("%1: cannot create folder %2").arg(path, info.absolutePath());
        return false;
    }
    if (!m_db.open(path)) {
        if (error)
            *error = m_db.lastError();
        return false;
    }
    auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        m_db.close();
        return false;
    };
    if (m_db.isReadOnly() || !QFileInfo(info.absolutePath()).isWritable())
        return fail(QStringLiteral("%1: the workspace is read-only (writing needs write permission "
                                   "on the file and its folder); commands that only read it, "
                                   "such as info and segments, still work")
                        .arg(path));
    // Checked before anything is written: a damaged file is never written into.
    if (!checkIntegrity(kCheckBudgetWriteMs))
        return fail(damageSummary() + QStringLiteral("; nothing is written into it. ") +
                    recoveryAdvice());
    // 64 KiB pages: bulk imports and full-table scans are the common work here. Takes effect
    // only on a new, empty file. WAL keeps readers going during an import and makes a killed
    // import harmless.
    if (!m_db.exec(QStringLiteral(
            "PRAGMA page_size=65536; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768; "
            "PRAGMA temp_store=MEMORY;")))
        return fail(QStringLiteral("%1: not a usable workspace: %2").arg(path, m_db.lastError()));
    if (!migrate(error)) {
        m_db.close();
        return false;
    }
    // An import killed while it built a new workspace at this path left its temporary file
    // beside it; nothing else would remove it once the path holds a workspace.
    NewWorkspace::removeLeftovers(path);
    if (m_damage.isEmpty()) {
        std::lock_guard<std::mutex> lock(soundMutex);
        m_soundWriterKey = QFileInfo(path).canonicalFilePath();
        SoundWriters &writers = soundWriters[m_soundWriterKey];
        writers.complete =
            writers.connections == 0 ? m_checkComplete : writers.complete && m_checkComplete;
        ++writers.connections;
    }
    return true;
}

bool Workspace::openForBuilding(const QString &path, QString *error)
{
    auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        m_db.close();
        return false;
    };
    if (QFileInfo::exists(path))
        return fail(
            QStringLiteral("%1: already exists (a workspace is built in a new file)").arg(path));
    if (!m_db.open(path))
        return fail(m_db.lastError());
    // No other connection ever opens this file before it is renamed into place, and a failed
    // build is deleted whole: no log and no syncs are needed. The pages are written once,
    // instead of into the log and then again into the file. Rows are only appended, so a small
    // cache does: 2 MB instead of 32 (37 MB less peak memory at x100, 7,500 fewer page faults,
    // less to write at the commit).
    if (!m_db.exec(QStringLiteral(
            "PRAGMA page_size=65536; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
            "PRAGMA foreign_keys=ON; PRAGMA cache_size=-2048; PRAGMA temp_store=MEMORY;")))
        return fail(
            QStringLiteral("%1: cannot create a workspace: %2").arg(path, m_db.lastError()));
    if (!migrate(error)) {
        m_db.close();
        return false;
    }
    m_building = true;
    return true;
}

bool Workspace::finishBuild(QString *error)
{
    const QString path = m_db.path();
    auto fail = [&](const QString &message) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, message);
        m_db.close();
        return false;
    };
    if (!m_building || !m_db.isOpen())
        return fail(QStringLiteral("not a workspace being built"));
    {
        Statement wal(m_db, QStringLiteral("PRAGMA journal_mode=WAL"));
        if (!wal.step() || wal.columnText(0) != QLatin1String("wal"))
            return fail(QStringLiteral("cannot switch on the write-ahead log: ") +
                        m_db.lastError());
    }
    m_db.close();
    m_building = false;
    return syncToDisk(path, error); // its error names the file
}

bool Workspace::openForReading(const QString &path, QString *error)
{
    auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        m_db.close();
        return false;
    };
    const QFileInfo info(path);
    if (!info.isFile())
        return fail(QStringLiteral("%1: no such workspace").arg(path));
    // Where we may write, a writable connection that refuses writes (query_only): unlike a
    // read-only one it removes the -wal and -shm files when it is the last to close.
    const bool writable = info.isWritable() && QFileInfo(info.absolutePath()).isWritable();
    if (!m_db.open(path, writable ? Database::Mode::ReadWrite : Database::Mode::ReadOnly) ||
        !m_db.exec(QStringLiteral("PRAGMA query_only=1")))
        return fail(m_db.lastError());
    int version = schemaVersion();
    if (version < 0) {
        // A WAL file whose folder we cannot write: its -shm cannot be created. Read it as
        // immutable (no locks): fine for a read-only copy, which nobody changes meanwhile.
        const QString reason = m_db.lastError();
        if (!m_db.open(path, Database::Mode::ReadOnlyImmutable) || (version = schemaVersion()) < 0)
            return fail(QStringLiteral("%1: not a usable workspace: %2").arg(path, reason));
    }
    if (version > kSchemaVersion)
        return fail(QStringLiteral("%1: made by a newer CampaignLens (schema %2, this one knows "
                                   "%3)")
                        .arg(path)
                        .arg(version)
                        .arg(kSchemaVersion));
    if (version < kSchemaVersion) {
        // An older schema is upgraded once by a connection that may write.
        m_db.close();
        if (writable)
            return open(path, error, Access::ReadWrite);
        return fail(QStringLiteral("%1: made by an older CampaignLens (schema %2) and read-only "
                                   "here: open it once with write access to upgrade it")
                        .arg(path)
                        .arg(version));
    }
    m_readOnly = true;
    // Damage is recorded, not refused: what can be read is still worth reading.
    checkIntegrity(kCheckBudgetReadMs);
    m_db.exec(QStringLiteral("PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY;"));
    return true;
}

namespace {

/// Size and modification time of the file and of its write-ahead log: what changes when
/// anything is written to the workspace. An empty log is no log (every connection makes one
/// and the last to close removes it).
QString fileState(const QString &path)
{
    const QFileInfo main(path), wal(path + QStringLiteral("-wal"));
    const bool logged = wal.exists() && wal.size() > 0;
    return QStringLiteral("%1:%2:%3:%4")
        .arg(main.size())
        .arg(main.lastModified().toMSecsSinceEpoch())
        .arg(logged ? wal.size() : 0)
        .arg(logged ? wal.lastModified().toMSecsSinceEpoch() : 0);
}

/// Where the states of workspaces found sound are kept between processes (never the data):
/// a command-line run on a multi-gigabyte workspace should not pay the check every time.
QString soundFilesPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    return dir.isEmpty() ? QString() : dir + QStringLiteral("/sound-workspaces.json");
}

QJsonObject readSoundFiles()
{
    const QString path = soundFilesPath();
    QFile f(path);
    if (path.isEmpty() || !f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.read(1 << 20)).object();
}

/// Records `key` as sound in `state`; written whole or not at all (QSaveFile).
void rememberSoundFile(const QString &key, const QString &state)
{
    const QString path = soundFilesPath();
    if (path.isEmpty() || !QDir().mkpath(QFileInfo(path).absolutePath()))
        return;
    QJsonObject all = readSoundFiles();
    constexpr int kRemembered = 64;
    while (all.size() >= kRemembered)
        all.remove(all.begin().key());
    all.insert(key, state);
    QSaveFile out(path);
    if (out.open(QIODevice::WriteOnly) &&
        out.write(QJsonDocument(all).toJson(QJsonDocument::Compact)) >= 0)
        out.commit();
}

/// `state`, or the same with ":partial" when the check stopped at its time budget.
QString soundState(const QString &state, bool complete)
{
    return complete ? state : state + QStringLiteral(":partial");
}

void rememberSound(const QString &key, const QString &state)
{
    std::lock_guard<std::mutex> lock(soundMutex);
    soundInProcess.insert(key, state);
    rememberSoundFile(key, state);
}

} // namespace

void Workspace::rememberBuiltFile(const QString &path)
{
    rememberSound(QFileInfo(path).canonicalFilePath(), soundState(fileState(path), true));
}

int Workspace::damageChecksRun()
{
    return checksRun;
}

void Workspace::releaseSoundWriter()
{
    if (m_soundWriterKey.isEmpty())
        return;
    std::lock_guard<std::mutex> lock(soundMutex);
    auto it = soundWriters.find(m_soundWriterKey);
    if (it != soundWriters.end() && --it->connections <= 0)
        soundWriters.erase(it);
    m_soundWriterKey.clear();
}

void Workspace::close()
{
    releaseSoundWriter();
    m_db.close();
    m_building = false;
}

Workspace::~Workspace()
{
    releaseSoundWriter();
    // A file this connection wrote and found sound when it opened is as sound when it closes
    // (SQLite's transactions keep it so): the next process need not check it again.
    if (!m_db.isOpen() || m_readOnly || !m_damage.isEmpty() || !m_wasChecked)
        return;
    const QString path = m_db.path();
    const QString key = QFileInfo(path).canonicalFilePath();
    m_db.close();
    rememberSound(key, soundState(fileState(path), m_checkComplete));
}

bool Workspace::checkIntegrity(int budgetMs)
{
    // Once per state of the file: the GUI's worker connections open the same workspace again
    // and again, every command-line run opens it anew, and a check of a large file takes a
    // while. Any write by another program changes the file's or its log's size or time, and
    // so checks it again. A check cut short by its time budget is remembered as such:
    // integrityCheckComplete() stays false for that state of the file.
    const QString key = QFileInfo(path()).canonicalFilePath();
    const QString state = fileState(path());
    {
        std::lock_guard<std::mutex> lock(soundMutex);
        if (const auto writer = soundWriters.constFind(key); writer != soundWriters.cend()) {
            m_checkComplete = writer->complete;
            m_wasChecked = true;
            return true;
        }
        QString known = soundInProcess.value(key);
        if (known != soundState(state, true) && known != soundState(state, false))
            known = readSoundFiles().value(key).toString();
        if (known == soundState(state, true) || known == soundState(state, false)) {
            soundInProcess.insert(key, known);
            m_checkComplete = known == soundState(state, true);
            m_wasChecked = true;
            return true;
        }
    }
    ++checksRun;
    m_damage = m_db.quickCheck(budgetMs, &m_checkComplete);
    m_wasChecked = true;
    if (m_damage.isEmpty())
        rememberSound(key, soundState(state, m_checkComplete));
    return m_damage.isEmpty();
}

QString Workspace::damageSummary() const
{
    if (m_damage.isEmpty())
        return {};
    QString first = m_damage.first();
    if (m_damage.size() > 1)
        first += QStringLiteral(" and %1 more problem(s)").arg(m_damage.size() - 1);
    return QStringLiteral("%1 is damaged (PRAGMA quick_check: %2)").arg(path(), first);
}

QString Workspace::recoveryAdvice()
{
    const QString file = QStringLiteral("'%1'").arg(path());
    QString text = QStringLiteral("To save what can still be read, copy it into a new workspace "
                                  "with sqlite3 %1 .recover | sqlite3 recovered.campaignlens")
                       .arg(file);
    // The catalogue may itself be unreadable; then only the generic advice is given.
    QStringList ids;
    Statement st(m_db, QStringLiteral("SELECT id FROM dataset ORDER BY id"));
    while (st.ok() && st.step())
        ids << st.columnText(0);
    if (!ids.isEmpty()) {
        text += QStringLiteral(", or export a dataset that still reads to CSV and import that "
                               "file into a new workspace: sqlite3 -header -csv %1 'SELECT * "
                               "FROM ds%2_raw' > ds%2.csv (datasets here: %3)")
                    .arg(file, ids.first(), ids.join(QStringLiteral(", ")));
    }
    return text;
}

Workspace::FileKind Workspace::inspectFile(const QString &path, QString *detail)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return FileKind::Missing;
    if (info.size() == 0)
        return FileKind::OtherDatabase; // SQLite reads an empty file as an empty database
    // As openForReading(): where we may write, a writable connection that refuses writes, so
    // that no -wal or -shm file is left beside it.
    const bool writable = info.isWritable() && QFileInfo(info.absolutePath()).isWritable();
    Database db;
    auto notSqlite = [&] {
        if (detail)
            *detail = db.lastError();
        return FileKind::NotSqlite;
    };
    if (!db.open(path, writable ? Database::Mode::ReadWrite : Database::Mode::ReadOnly) ||
        !db.exec(QStringLiteral("PRAGMA query_only=1")))
        return notSqlite();
    Statement version(db, QStringLiteral("PRAGMA user_version"));
    if (!version.step())
        return notSqlite();
    const int schema = version.columnInt(0);
    Statement tables(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                        "AND name IN ('dataset', 'setting')"));
    if (!tables.step())
        return notSqlite();
    if (schema <= 0 || tables.columnInt(0) != 2)
        return FileKind::OtherDatabase;
    return schema > kSchemaVersion ? FileKind::NewerWorkspace : FileKind::Workspace;
}

int Workspace::schemaVersion()
{
    Statement st(m_db, QStringLiteral("PRAGMA user_version"));
    return st.step() ? st.columnInt(0) : -1;
}

bool Workspace::migrate(QString *error)
{
    const int version = schemaVersion();
    if (version < 0) {
        if (error)
            *error = QStringLiteral("%1: not a SQLite database: %2").arg(path(), m_db.lastError());
        return false;
    }
    if (version > kSchemaVersion) {
        if (error)
            *error = QStringLiteral("%1: made by a newer CampaignLens (schema %2, this one knows "
                                    "%3)")
                         .arg(path())
                         .arg(version)
                         .arg(kSchemaVersion);
        return false;
    }
    for (int v = version; v < kSchemaVersion; ++v) {
        Transaction tx(m_db);
        if (!m_db.exec(QString::fromUtf8(kMigrations[v])) ||
            !m_db.exec(QStringLiteral("PRAGMA user_version=%1").arg(v + 1)) || !tx.commit()) {
            if (error)
                *error = QStringLiteral("%1: schema migration to version %2 failed: %3")
                             .arg(path())
                             .arg(v + 1)
                             .arg(m_db.lastError());
            return false;
        }
    }
    return true;
}

QList<DatasetInfo> Workspace::datasets()
{
    QList<DatasetInfo> out;
    Statement st(m_db, QStringLiteral("SELECT %1 FROM dataset ORDER BY id").arg(kDatasetColumns));
    while (st.step())
        out << readDataset(st);
    for (DatasetInfo &d : out)
        d.rowIdColumn = rowIdColumnOf(m_db, d.silverTable());
    return out;
}

std::optional<DatasetInfo> Workspace::dataset(qint64 id)
{
    Statement st(m_db, QStringLiteral("SELECT %1 FROM dataset WHERE id = ?").arg(kDatasetColumns));
    st.bind(1, id);
    if (st.step())
        return withRowId(readDataset(st));
    return std::nullopt;
}

bool Workspace::insertDataset(Database &db, const DatasetInfo &info)
{
    QJsonArray columns;
    for (const SilverColumn &c : info.columns)
        columns.append(QJsonObject{{"name", c.name},
                                   {"source", c.sourceName},
                                   {"raw_type", storageTypeName(c.rawType)},
                                   {"role", roleName(c.role)},
                                   {"categorical", c.categorical},
                                   {"derived", c.derived}});
    Statement ins(db, QStringLiteral("INSERT INTO dataset(id, %1, fingerprint) VALUES "
                                     "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                          .arg(kDatasetColumns.mid(4)));
    int i = 0;
    ins.bind(++i, info.id);
    ins.bind(++i, info.name);
    ins.bind(++i, compactJson(QJsonDocument(info.source.toJson())));
    ins.bind(++i, info.layout);
    ins.bind(++i, info.dataLines);
    ins.bind(++i, info.rowsRead);
    ins.bind(++i, info.rowsRejected);
    ins.bind(++i, info.subscribers);
    ins.bind(++i, qint64(info.synthetic ? 1 : 0));
    ins.bind(++i, compactJson(QJsonDocument(columns)));
    ins.bind(++i, compactJson(QJsonDocument(info.quality)));
    ins.bind(++i, (info.importedAt.isValid() ? info.importedAt : QDateTime::currentDateTimeUtc())
                      .toString(Qt::ISODateWithMs));
    ins.bind(++i, info.source.fingerprint);
    return ins.exec();
}

std::optional<DatasetInfo> Workspace::findByFingerprint(const QString &fingerprint)
{
    if (fingerprint.isEmpty())
        return std::nullopt;
    Statement st(m_db,
                 QStringLiteral("SELECT %1 FROM dataset WHERE fingerprint = ? ORDER BY id DESC")
                     .arg(kDatasetColumns));
    st.bind(1, fingerprint);
    if (st.step())
        return withRowId(readDataset(st));
    return std::nullopt;
}

bool Workspace::hasSourceOfSize(const QString &kind, qint64 bytes)
{
    Statement st(m_db,
                 QStringLiteral("SELECT 1 FROM dataset WHERE json_extract(source, '$.kind') = ? "
                                "AND json_extract(source, '$.details.bytes') = ? LIMIT 1"));
    st.bind(1, kind);
    st.bind(2, bytes);
    return st.step();
}

std::optional<DatasetInfo> Workspace::latestDataset()
{
    Statement st(
        m_db,
        QStringLiteral("SELECT %1 FROM dataset ORDER BY id DESC LIMIT 1").arg(kDatasetColumns));
    if (st.step())
        return withRowId(readDataset(st));
    return std::nullopt;
}

bool Workspace::removeDataset(qint64 id, QString *error)
{
    const auto info = dataset(id);
    if (!info) {
        if (error)
            *error = QStringLiteral("no dataset %1").arg(id);
        return false;
    }
    Transaction tx(m_db);
    // Views first (they read the silver table). The raw relation is a view since the single
    // table layout, a table in workspaces imported before it.
    bool ok = true;
    for (const QString &name : {info->silverView(), info->rawTable(), info->silverTable()}) {
        Statement type(m_db, QStringLiteral("SELECT type FROM sqlite_schema WHERE name = ?"));
        type.bind(1, name);
        if (!type.step())
            continue;
        const QString kind = type.columnText(0) == QLatin1String("view") ? QStringLiteral("VIEW")
                                                                         : QStringLiteral("TABLE");
        type.reset();
        ok = ok &&
             m_db.exec(QStringLiteral("DROP %1 %2").arg(kind, Database::quoteIdentifier(name)));
    }
    ok =
        ok && m_db.exec(QStringLiteral("DELETE FROM dataset WHERE id = %1").arg(id)) && tx.commit();
    if (!ok && error)
        *error = m_db.lastError();
    return ok;
}

QString Workspace::setting(const QString &key, const QString &fallback)
{
    Statement st(m_db, QStringLiteral("SELECT value FROM setting WHERE key = ?"));
    st.bind(1, key);
    return st.step() ? st.columnText(0) : fallback;
}

bool Workspace::setSetting(const QString &key, const QString &value)
{
    Statement st(m_db, QStringLiteral("INSERT INTO setting(key, value) VALUES (?, ?) "
                                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    st.bind(1, key);
    st.bind(2, value);
    return st.exec();
}

} // namespace cl
