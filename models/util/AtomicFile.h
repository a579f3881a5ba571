// AtomicFile: a file written whole or not at all (temporary file, checked writes, rename).
#pragma once

#include <QByteArray>
#include <QSaveFile>
#include <QString>

namespace cl {

/**
 * Writes a file whole or not at all: the bytes go to a temporary file in the target's folder,
 * every write, the flush to disk and the close are checked, and only then is the temporary
 * file renamed over the target. On any failure, or when the object is destroyed before
 * commit(), the temporary file is removed and the target is left as it was.
 *
 * QSaveFile alone is not enough: it takes a short write (full disk, file-size limit) for
 * success and renames the truncated file into place. This opens it unbuffered, so that each
 * write reaches the system at once and a short or failed write is seen.
 *
 * Every error names the file ("cannot write /x/report.md: No space left on device").
 * Thread affinity: one thread at a time; owns its temporary file.
 */
class AtomicFile
{
public:
    explicit AtomicFile(const QString &path);
    AtomicFile(const AtomicFile &) = delete;
    AtomicFile &operator=(const AtomicFile &) = delete;

    /// Creates the temporary file. False with error() set when the folder is not writable.
    bool open();
    /// Writes all of `size` bytes or fails; after a failure every call fails.
    bool write(const char *data, qint64 size);
    bool write(const QByteArray &bytes) { return write(bytes.constData(), bytes.size()); }
    /// Syncs, closes and renames into place. False (target untouched) on any failure.
    bool commit();
    /// Drops what was written; the target is left as it was.
    void cancel();

    QString path() const { return m_path; }
    /// Why the last call failed, naming the file; empty while all went well.
    QString error() const { return m_error; }

    /// The whole file in one call: open, write, commit. False with *error set on failure.
    static bool writeFile(const QString &path, const QByteArray &bytes, QString *error = nullptr);

private:
    bool fail(const QString &reason);

    QString m_path;
    QSaveFile m_file;
    QString m_error;
};

/// Flushes a file (or a folder's entries) to disk: fsync. False with *error ("PATH: reason").
bool syncToDisk(const QString &path, QString *error = nullptr);

/**
 * Renames `from` to `to` only when `to` does not exist (Linux renameat2 RENAME_NOREPLACE, or
 * a hard link and an unlink where the file system lacks it), then syncs the folder: never
 * replaces a file that appeared meanwhile. False with *error set otherwise.
 */
bool renameWithoutReplacing(const QString &from, const QString &to, QString *error = nullptr);

} // namespace cl
