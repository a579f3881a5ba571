// Keyboard shortcuts: actions that press a panel's button, and the Help > Keyboard shortcuts list.
#pragma once

#include <QDialog>
#include <QKeySequence>
#include <QList>
#include <QString>

class QAbstractButton;
class QAction;
class QMainWindow;
class QTableWidget;

namespace cl {

/**
 * Adds to `panel` an action named `text` with `shortcut` that clicks `button` (a disabled
 * button ignores it), and names the shortcut in the button's tool tip. The action is a
 * window shortcut of the panel, so it works while the panel is shown (its tab is current).
 * The panel owns the action.
 */
QAction *addButtonShortcut(QWidget *panel, QAbstractButton *button, const QString &text,
                           const QKeySequence &shortcut);

/// One row of the shortcut list: an action, its keys and where it works.
struct ShortcutEntry
{
    QAction *action = nullptr;
    QString text;  ///< the action's text without '&' and a trailing "…"
    QString keys;  ///< every shortcut of the action, in the platform's notation
    QString where; ///< the menu, tab or dock the action belongs to
};

/// Every action under `window` that has a shortcut, grouped by menu, tab and dock in the
/// order they appear. Read from the actions themselves, so the list cannot drift from them.
QList<ShortcutEntry> collectShortcuts(QMainWindow *window);

/**
 * Help > Keyboard shortcuts: a table of collectShortcuts(window), built when it is made.
 * Thread affinity: GUI thread.
 */
class KeyboardShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit KeyboardShortcutsDialog(QMainWindow *window);

    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table = nullptr;
};

} // namespace cl
