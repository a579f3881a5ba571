// NewWorkspace: a workspace created whole or not at all, built beside its path and renamed in.
#pragma once

#include "Workspace.h"

#include <QString>

namespace cl {

/**
 * A workspace that does not exist yet, made whole or not at all: it is built in a temporary
 * file beside `path` (`PATH.building-PID`) that no other connection opens, so SQLite writes
 * its pages once, with no log and no syncs (Workspace::Access::Build), and commit() gives it
 * its log mode, syncs it and renames it into place. A file that appeared at `path` meanwhile
 * is never replaced. Destroyed before commit() (a failed or cancelled import), the temporary
 * file is removed; after a kill -9 it is left behind, and removed by the next NewWorkspace of
 * the same path or the next Workspace::open of the workspace for writing. One thread.
 */
class NewWorkspace
{
public:
    explicit NewWorkspace(QString path);
    ~NewWorkspace();
    NewWorkspace(const NewWorkspace &) = delete;
    NewWorkspace &operator=(const NewWorkspace &) = delete;

    /// Creates the temporary workspace (and the folder). False with *error set.
    bool open(QString *error);
    Workspace &workspace() { return m_ws; }
    /// Closes, syncs and renames into place. False with *error set; then nothing is at the path
    /// that was not there before.
    bool commit(QString *error);

    /// Whether nothing is at `path`, not even a link to a missing file: then a workspace there
    /// is new, and is built with this class.
    static bool nothingAt(const QString &path);
    /// The temporary file's name for `path` in a process numbered `pid`.
    static QString buildingPath(const QString &path, qint64 pid);
    /// Removes the temporary files for `path` whose process no longer runs (killed while it
    /// built a workspace there).
    static void removeLeftovers(const QString &path);

private:
    void removeBuildingFile();

    QString m_path;
    QString m_building;
    Workspace m_ws;
    bool m_committed = false;
};

} // namespace cl
