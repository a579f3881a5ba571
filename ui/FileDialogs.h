// File dialogs that open in the folder last used for the same purpose (kept in QSettings).
#pragma once

#include <QFileDialog>
#include <QString>

class QWidget;

namespace cl::FileDialogs {

/**
 * The folder last used for `purpose` (QSettings "fileDialogs/<purpose>") if it still exists,
 * else `fallback` (which the caller may still have to create), else the home folder.
 */
QString lastFolder(const QString &purpose, const QString &fallback = {});

/// The dialogs' options: Qt's own dialog (in the GUI's language) when the GUI's language is not
/// the desktop's, else the desktop's native dialog. GUI thread only.
QFileDialog::Options options();

/// Remembers the folder of `path` (a file's folder, or `path` itself if it is a folder).
void remember(const QString &purpose, const QString &path);

/// QFileDialog::getOpenFileName starting in lastFolder(purpose); remembers the choice.
QString openFile(QWidget *parent, const QString &purpose, const QString &caption,
                 const QString &filter, const QString &fallbackFolder = {});

/// QFileDialog::getSaveFileName offering `fileName` in lastFolder(purpose); remembers it.
QString saveFile(QWidget *parent, const QString &purpose, const QString &caption,
                 const QString &fileName, const QString &filter);

/// QFileDialog::getExistingDirectory starting in `start` if it exists, else
/// lastFolder(purpose, fallback); remembers the choice.
QString existingFolder(QWidget *parent, const QString &purpose, const QString &caption,
                       const QString &start = {}, const QString &fallback = {});

} // namespace cl::FileDialogs
