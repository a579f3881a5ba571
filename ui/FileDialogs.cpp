// File dialogs that open in the folder last used for the same purpose (kept in QSettings).
#include "FileDialogs.h"

#include "GuiLanguage.h"
#include "util/NumberText.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>

namespace cl::FileDialogs {

namespace {
QString key(const QString &purpose)
{
    return QStringLiteral("fileDialogs/") + purpose;
}
} // namespace

QFileDialog::Options options()
{
    // The desktop's own dialog speaks the desktop's language: a bokmål GUI on an English
    // desktop (or the reverse) takes Qt's dialog, which speaks the GUI's.
    const bool desktopNorwegian = isNorwegian(QLocale::system());
    const bool guiNorwegian = currentGuiLanguage() == QLatin1String("nb");
    return desktopNorwegian == guiNorwegian ? QFileDialog::Options()
                                            : QFileDialog::DontUseNativeDialog;
}

QString lastFolder(const QString &purpose, const QString &fallback)
{
    const QString saved = QSettings().value(key(purpose)).toString();
    if (!saved.isEmpty() && QFileInfo(saved).isDir())
        return saved;
    return fallback.isEmpty() ? QDir::homePath() : fallback;
}

void remember(const QString &purpose, const QString &path)
{
    if (path.isEmpty())
        return;
    const QFileInfo info(path);
    QSettings().setValue(key(purpose),
                         info.isDir() ? info.absoluteFilePath() : info.absolutePath());
}

QString openFile(QWidget *parent, const QString &purpose, const QString &caption,
                 const QString &filter, const QString &fallbackFolder)
{
    const QString path = QFileDialog::getOpenFileName(
        parent, caption, lastFolder(purpose, fallbackFolder), filter, nullptr, options());
    remember(purpose, path);
    return path;
}

QString saveFile(QWidget *parent, const QString &purpose, const QString &caption,
                 const QString &fileName, const QString &filter)
{
    const QString path = QFileDialog::getSaveFileName(
        parent, caption, QDir(lastFolder(purpose)).filePath(fileName), filter, nullptr, options());
    remember(purpose, path);
    return path;
}

QString existingFolder(QWidget *parent, const QString &purpose, const QString &caption,
                       const QString &start, const QString &fallback)
{
    const QString from = QFileInfo(start).isDir() ? start : lastFolder(purpose, fallback);
    const QString dir = QFileDialog::getExistingDirectory(parent, caption, from,
                                                          QFileDialog::ShowDirsOnly | options());
    remember(purpose, dir);
    return dir;
}

} // namespace cl::FileDialogs
