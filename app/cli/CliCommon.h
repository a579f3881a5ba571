// Shared pieces of the command-line subcommands: argument parsing, workspace, progress.
#pragma once

#include "data/ColumnRole.h"
#include "store/Workspace.h"
#include "util/Progress.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <optional>

namespace cl::cli {

/// Streams every subcommand writes to; stdout for results, stderr for progress and errors.
struct Io
{
    QTextStream &out;
    QTextStream &err;
    /// stdout is a terminal: data formats (CSV) are escaped too, not only the text ones.
    bool outIsTerminal = false;
};

/// Small argument reader: "--name value", "--name=value", flags and positionals.
class Args
{
public:
    explicit Args(QStringList args) : m_args(std::move(args)) {}
    /// Removes and returns the value of an option; empty optional if absent.
    std::optional<QString> take(const QString &name);
    /// Removes every occurrence of a repeatable option.
    QStringList takeAll(const QString &name);
    bool takeFlag(const QString &name);
    /// What is left: positionals, or unknown options (an error for the caller).
    QStringList rest() const { return m_args; }
    /// First leftover option ("--x"), if any.
    QString unknownOption() const;

private:
    QStringList m_args;
};

/**
 * Takes every --map COLUMN=ROLE (the last '=' splits) into *roles, for `import` and `connect`.
 * Prints the reason (prefixed, the value made terminal-safe) and returns false on a malformed
 * one: a usage error.
 */
bool takeRoleMaps(Args &args, QMap<QString, ColumnRole> *roles, const QString &prefix, Io &io);

/// Opens --workspace PATH (or the default). Prints the reason and returns false on error.
/// How a command uses the workspace: what it may create or write, and what it does with a
/// damaged file.
enum class WorkspaceAccess
{
    MustExist,       ///< commands that write into it (model, ask); refused when damaged
    CreateIfMissing, ///< import, demo; refused when damaged
    /// Reading commands (info, segments): opened read-only, so they work during an import and
    /// on a read-only file or folder; a damaged workspace is read with a warning.
    Read,
    /// Commands that publish what they read (report, score): read-only, but a damaged
    /// workspace is refused, since what it gives could be wrong.
    ReadAndPublish,
};

bool openWorkspace(Workspace &ws, const std::optional<QString> &path, Io &io,
                   WorkspaceAccess access = WorkspaceAccess::MustExist);

/**
 * The dataset named by --dataset ID, or the workspace's latest when `text` is empty.
 * Prints the reason (prefixed) and returns -1 with *code = 2 for a malformed id, 1 for a
 * missing dataset.
 */
qint64 resolveDataset(Workspace &ws, const std::optional<QString> &text, const QString &prefix,
                      Io &io, int *code);

/**
 * The tail every dataset subcommand shares, called once its own options are taken: takes
 * --workspace and --dataset, refuses anything left over, opens the workspace and resolves
 * the dataset. Returns the dataset id, or -1 with *code set (2 usage, 1 failure) and the
 * reason printed.
 */
qint64 openDatasetFromArgs(Args &args, Workspace &ws, const QString &prefix, Io &io, int *code,
                           WorkspaceAccess access = WorkspaceAccess::MustExist);

/// What terminalSafe() does with newline, tab and CR.
enum class LineBreaks
{
    Keep,  ///< Multi-line text (an answer): newline and tab kept, CR only before LF.
    Escape ///< One-line fields (a label inside a table row): escaped like the other controls.
};

/**
 * `text` made safe to print on a terminal: every C0 control character, DEL and every C1
 * control (U+0080..U+009F) is shown as `\xHH`, so model text or data labels cannot colour or
 * clear the screen, set the window title (OSC 0), write the clipboard (OSC 52) or overwrite a
 * line (CR + erase line). Everything else, other Unicode included, is kept. Stateless, so it
 * can be applied to the pieces of a stream one by one.
 */
QString terminalSafe(QStringView text, LineBreaks breaks = LineBreaks::Keep);

/**
 * Serialized JSON (QJsonDocument output) with DEL and the C1 controls, which QJsonDocument
 * leaves raw, written as `\u00HH`: the same JSON value, safe on a terminal. C0 controls are
 * already escaped by QJsonDocument.
 */
QString terminalSafeJson(const QByteArray &json);

/// A progress line on a terminal ("\rImporting x.csv  42%"); silent when stderr is no tty.
ProgressCallback terminalProgress(Io &io);

} // namespace cl::cli
