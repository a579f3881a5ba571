// NewWorkspace: see the header. The temporary file is an ordinary SQLite file without a log.
#include "NewWorkspace.h"

#include "util/AtomicFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <csignal>

#include <unistd.h>

namespace cl {

namespace {

const QLatin1String kBuildingTag(".building-");

/// The SQLite files that belong to a database file.
QStringList withCompanions(const QString &file)
{
    return {file, file + QStringLiteral("-journal"), file + QStringLiteral("-wal"),
            file + QStringLiteral("-shm")};
}

} // namespace

NewWorkspace::NewWorkspace(QString path) : m_path(std::move(path)) {}

NewWorkspace::~NewWorkspace()
{
    if (!m_committed)
        removeBuildingFile();
}

bool NewWorkspace::nothingAt(const QString &path)
{
    const QFileInfo info(path);
    return !info.exists() && !info.isSymLink();
}

QString NewWorkspace::buildingPath(const QString &path, qint64 pid)
{
    return path + kBuildingTag + QString::number(pid);
}

void NewWorkspace::removeLeftovers(const QString &path)
{
    const QFileInfo target(path);
    const QString prefix = target.fileName() + kBuildingTag;
    QDir folder = target.absoluteDir();
    // Every file, compared by its name: the workspace's own name may hold wildcard characters
    // ("*y.cl" would match "xy.cl.building-5888" and read its number as 888).
    const QStringList names = folder.entryList(QDir::Files | QDir::Hidden);
    for (const QString &name : names) {
        if (!name.startsWith(prefix))
            continue;
        const QString digits = name.mid(prefix.size());
        if (digits.isEmpty() ||
            !std::all_of(digits.begin(), digits.end(), [](QChar c) { return c.isDigit(); }))
            continue; // a companion (-journal, -wal, -shm) or no file of ours
        bool ok = false;
        const qint64 pid = digits.toLongLong(&ok);
        // Only a process that no longer runs leaves its file for good (another may be
        // building the same path right now: the first to finish wins, the other is refused).
        if (!ok || pid <= 0 || (::kill(pid_t(pid), 0) == 0 || errno != ESRCH))
            continue;
        for (const QString &file : withCompanions(folder.filePath(name)))
            QFile::remove(file);
    }
}

bool NewWorkspace::open(QString *error)
{
    const QFileInfo target(m_path);
    if (!target.absoluteDir().exists() && !QDir().mkpath(target.absolutePath())) {
        if (error)
            *error =
                QStringLiteral("%1: cannot create folder %2").arg(m_path, target.absolutePath());
        return false;
    }
    removeLeftovers(m_path);
    m_building = buildingPath(target.absoluteFilePath(), QCoreApplication::applicationPid());
    if (!m_ws.open(m_building, error, Workspace::Access::Build)) {
        removeBuildingFile();
        m_building.clear();
        return false;
    }
    return true;
}

bool NewWorkspace::commit(QString *error)
{
    if (m_building.isEmpty() || !m_ws.isOpen()) {
        if (error)
            *error = QStringLiteral("%1: the new workspace is not open").arg(m_path);
        return false;
    }
    if (!m_ws.finishBuild(error) || !renameWithoutReplacing(m_building, m_path, error)) {
        removeBuildingFile();
        return false;
    }
    m_committed = true;
    Workspace::rememberBuiltFile(m_path);
    return true;
}

void NewWorkspace::removeBuildingFile()
{
    if (m_building.isEmpty())
        return;
    m_ws.close();
    for (const QString &file : withCompanions(m_building))
        QFile::remove(file);
}

} // namespace cl
