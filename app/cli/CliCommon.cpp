// CLI helpers: argument reader, workspace opening, terminal progress line.
#include "CliCommon.h"

#include "import/LayoutMatcher.h"
#include "store/LiveDatasets.h"

#include <QFileInfo>

#include <unistd.h>

#include <cstdio>

namespace cl::cli {

std::optional<QString> Args::take(const QString &name)
{
    for (int i = 0; i < m_args.size(); ++i) {
        const QString &a = m_args[i];
        if (a == name && i + 1 < m_args.size()) {
            const QString v = m_args[i + 1];
            m_args.remove(i, 2);
            return v;
        }
        if (a.startsWith(name + QLatin1Char('='))) {
            const QString v = a.mid(name.size() + 1);
            m_args.removeAt(i);
            return v;
        }
    }
    return std::nullopt;
}

QStringList Args::takeAll(const QString &name)
{
    QStringList values;
    while (auto v = take(name))
        values << *v;
    return values;
}

bool Args::takeFlag(const QString &name)
{
    return m_args.removeAll(name) > 0;
}

QString Args::unknownOption() const
{
    for (const QString &a : m_args) {
        if (a.startsWith(QLatin1String("--")))
            return a;
    }
    return {};
}

bool takeRoleMaps(Args &args, QMap<QString, ColumnRole> *roles, const QString &prefix, Io &io)
{
    for (const QString &m : args.takeAll(QStringLiteral("--map"))) {
        const qsizetype eq = m.lastIndexOf(QLatin1Char('='));
        ColumnRole role = ColumnRole::None;
        if (eq <= 0 || !LayoutMatcher::parseRole(m.mid(eq + 1), &role)) {
            io.err << prefix << "--map wants COLUMN=ROLE with a role such as target, age, job, "
                   << "marital, education, contact, month, duration, pdays, none; got '"
                   << terminalSafe(m) << "'" << Qt::endl;
            return false;
        }
        roles->insert(m.left(eq), role);
    }
    return true;
}

bool openWorkspace(Workspace &ws, const std::optional<QString> &path, Io &io,
                   WorkspaceAccess access)
{
    const QString file = path.value_or(Workspace::defaultPath());
    if (access != WorkspaceAccess::CreateIfMissing && !QFileInfo::exists(file)) {
        io.err << "campaignlens-cli: no workspace at " << file
               << " (import a file or run 'demo' to create one)" << Qt::endl;
        return false;
    }
    const bool reading =
        access == WorkspaceAccess::Read || access == WorkspaceAccess::ReadAndPublish;
    QString error;
    if (!ws.open(file, &error,
                 reading ? Workspace::Access::ReadOnly : Workspace::Access::ReadWrite)) {
        io.err << "campaignlens-cli: " << error << Qt::endl;
        return false;
    }
    if (!ws.damage().isEmpty()) {
        if (access == WorkspaceAccess::ReadAndPublish) {
            io.err << "campaignlens-cli: " << ws.damageSummary()
                   << "; what this command would write could be wrong, so it writes nothing. "
                   << ws.recoveryAdvice() << Qt::endl;
            return false;
        }
        io.err << "warning: " << ws.damageSummary() << "; what can still be read is shown. "
               << ws.recoveryAdvice() << Qt::endl;
    } else if (!ws.integrityCheckComplete() && !reading) {
        io.err << "note: " << ws.path() << " is large: the check for damage stopped after "
               << Workspace::kCheckBudgetWriteMs / 1000 << " s, before the end of the file"
               << Qt::endl;
    }
    return true;
}

qint64 resolveDataset(Workspace &ws, const std::optional<QString> &text, const QString &prefix,
                      Io &io, int *code)
{
    if (text) {
        bool ok = false;
        const qint64 id = text->toLongLong(&ok);
        if (!ok) {
            io.err << prefix << "--dataset wants a dataset id, not '" << *text << "'" << Qt::endl;
            *code = 2;
            return -1;
        }
        if (!ws.dataset(id)) {
            if (const auto live = LiveDatasets::find(ws, id))
                io.err << prefix << "dataset " << id << " is live (" << live->engine << " table "
                       << terminalSafe(live->table, LineBreaks::Escape)
                       << "): this command does not run on the engine yet; segments, model, "
                          "score, ask and report do, or take a snapshot with import --from URL "
                          "--table T"
                       << Qt::endl;
            else
                io.err << prefix << "no dataset " << id << " in " << ws.path() << Qt::endl;
            *code = 1;
            return -1;
        }
        return id;
    }
    const auto latest = ws.latestDataset();
    if (!latest) {
        io.err << prefix << "no dataset in " << ws.path() << " (import one first)" << Qt::endl;
        *code = 1;
        return -1;
    }
    return latest->id;
}

qint64 openDatasetFromArgs(Args &args, Workspace &ws, const QString &prefix, Io &io, int *code,
                           WorkspaceAccess access)
{
    const auto workspacePath = args.take(QStringLiteral("--workspace"));
    const auto datasetText = args.take(QStringLiteral("--dataset"));
    if (!args.rest().isEmpty()) {
        io.err << prefix << "unexpected argument '" << args.rest().front() << "'" << Qt::endl;
        *code = 2;
        return -1;
    }
    if (!openWorkspace(ws, workspacePath, io, access)) {
        *code = 1;
        return -1;
    }
    return resolveDataset(ws, datasetText, prefix, io, code);
}

QString terminalSafe(QStringView text, LineBreaks breaks)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        const bool control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
        bool keep = !control;
        if (control && breaks == LineBreaks::Keep)
            keep = c == u'\n' || c == u'\t' ||
                   (c == u'\r' && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n'));
        if (keep) {
            out += QChar(c);
        } else if (c == u'\n' || c == u'\t' || c == u'\r') {
            out += c == u'\n'   ? QLatin1String("\\n")
                   : c == u'\t' ? QLatin1String("\\t")
                                : QLatin1String("\\r");
        } else {
            out += QStringLiteral("\\x%1").arg(int(c), 2, 16, QLatin1Char('0'));
        }
    }
    return out;
}

QString terminalSafeJson(const QByteArray &json)
{
    // Outside strings JSON has only ASCII punctuation, so every such character is in a string.
    QString out = QString::fromUtf8(json);
    for (qsizetype i = out.size() - 1; i >= 0; --i) {
        const char16_t c = out[i].unicode();
        if (c >= 0x7f && c <= 0x9f)
            out.replace(i, 1, QStringLiteral("\\u%1").arg(int(c), 4, 16, QLatin1Char('0')));
    }
    return out;
}

ProgressCallback terminalProgress(Io &io)
{
    if (!isatty(fileno(stderr)))
        return {};
    return [&io, last = -1](double fraction, const QString &phase) mutable {
        const int percent = int(fraction * 100.0);
        if (percent != last) {
            last = percent;
            io.err << "\r" << phase << "  " << percent << "%   " << (percent >= 100 ? "\n" : "");
            io.err.flush();
        }
        return true;
    };
}

} // namespace cl::cli
