// AtomicFile: QSaveFile, unbuffered, with every write, the sync and the rename checked.
#include "AtomicFile.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace cl {

AtomicFile::AtomicFile(const QString &path) : m_path(path), m_file(path) {}

bool AtomicFile::fail(const QString &reason)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("cannot write %1: %2").arg(m_path, reason);
    cancel();
    return false;
}

bool AtomicFile::open()
{
    m_error.clear();
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return fail(m_file.errorString());
    return true;
}

bool AtomicFile::write(const char *data, qint64 size)
{
    if (!m_error.isEmpty())
        return false;
    if (!m_file.isOpen())
        return fail(QStringLiteral("the file is not open"));
    while (size > 0) {
        // A short write (the disk filled up mid-way) returns a count; the next one the reason.
        const qint64 n = m_file.write(data, size);
        if (n <= 0) {
            const QString reason = m_file.error() != QFileDevice::NoError
                                       ? m_file.errorString()
                                       : QStringLiteral("nothing could be written");
            return fail(reason);
        }
        data += n;
        size -= n;
    }
    return true;
}

bool AtomicFile::commit()
{
    if (!m_error.isEmpty())
        return false;
    if (!m_file.isOpen())
        return fail(QStringLiteral("the file is not open"));
    // A file system may report a failed write only when the data is flushed (NFS, quotas):
    // QSaveFile::commit() ignores the result of its sync, so sync here and check it.
    const int fd = m_file.handle();
    if (fd >= 0 && ::fsync(fd) != 0 && errno != EINVAL)
        return fail(QString::fromLocal8Bit(std::strerror(errno)));
    if (!m_file.commit()) {
        m_error = QStringLiteral("cannot write %1: %2").arg(m_path, m_file.errorString());
        return false;
    }
    return true;
}

void AtomicFile::cancel()
{
    if (!m_file.isOpen())
        return;
    m_file.cancelWriting();
    m_file.commit(); // after cancelWriting() this only removes the temporary file
}

bool AtomicFile::writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    AtomicFile file(path);
    if (file.open() && file.write(bytes) && file.commit())
        return true;
    if (error)
        *error = file.error();
    return false;
}

namespace {

QString systemError(const QString &path)
{
    return QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
}

bool setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

bool syncToDisk(const QString &path, QString *error)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return setError(error, systemError(path));
    // EINVAL: a file system (or folder) that cannot be synced; nothing more can be done.
    const bool ok = ::fsync(fd) == 0 || errno == EINVAL;
    const QString message = ok ? QString() : systemError(path);
    ::close(fd);
    return ok || setError(error, message);
}

bool renameWithoutReplacing(const QString &from, const QString &to, QString *error)
{
    const QByteArray source = QFile::encodeName(from);
    const QByteArray target = QFile::encodeName(to);
    int done =
        ::renameat2(AT_FDCWD, source.constData(), AT_FDCWD, target.constData(), RENAME_NOREPLACE);
    if (done != 0 && (errno == EINVAL || errno == ENOSYS)) {
        // No RENAME_NOREPLACE here: a second name, which fails when the target exists, then
        // the first name removed.
        done = ::link(source.constData(), target.constData());
        if (done == 0)
            ::unlink(source.constData());
    }
    if (done != 0)
        return setError(error, errno == EEXIST
                                   ? QStringLiteral("%1: appeared meanwhile; left as it is").arg(to)
                                   : systemError(to));
    return syncToDisk(QFileInfo(to).absolutePath(), error);
}

} // namespace cl
