// Keyboard shortcuts: actions that press a panel's button, and the Help > Keyboard shortcuts list.
#include "KeyboardShortcuts.h"

#include <QAbstractButton>
#include <QAction>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace cl {

QAction *addButtonShortcut(QWidget *panel, QAbstractButton *button, const QString &text,
                           const QKeySequence &shortcut)
{
    auto *action = new QAction(text, panel);
    action->setShortcut(shortcut);
    QObject::connect(action, &QAction::triggered, button, &QAbstractButton::click);
    panel->addAction(action);
    const QString keys = shortcut.toString(QKeySequence::NativeText);
    button->setToolTip(button->toolTip().isEmpty()
                           ? keys
                           : QStringLiteral("%1 (%2)").arg(button->toolTip(), keys));
    return action;
}

namespace {

QString plainText(QString text)
{
    text.remove(QLatin1Char('&'));
    if (text.endsWith(QChar(0x2026)))
        text.chop(1);
    else if (text.endsWith(QLatin1String("...")))
        text.chop(3);
    return text.trimmed();
}

/// The menu, tab or dock title of the first place the action is shown in.
QString placeOf(QMainWindow *window, QAction *action)
{
    auto *tabs = qobject_cast<QTabWidget *>(window->centralWidget());
    for (QObject *o : action->associatedObjects()) {
        if (auto *menu = qobject_cast<QMenu *>(o)) {
            // A submenu is named by the menu bar entry above it.
            QMenu *top = menu;
            while (auto *parentMenu = qobject_cast<QMenu *>(top->parentWidget()))
                top = parentMenu;
            return plainText(top->title());
        }
        auto *w = qobject_cast<QWidget *>(o);
        for (; w && w != window; w = w->parentWidget()) {
            if (tabs && tabs->indexOf(w) >= 0)
                return QCoreApplication::translate("cl::KeyboardShortcutsDialog", "%1 tab")
                    .arg(plainText(tabs->tabText(tabs->indexOf(w))));
            if (auto *dock = qobject_cast<QDockWidget *>(w))
                return plainText(dock->windowTitle());
        }
    }
    return QCoreApplication::translate("cl::KeyboardShortcutsDialog", "Window");
}

} // namespace

QList<ShortcutEntry> collectShortcuts(QMainWindow *window)
{
    QList<ShortcutEntry> entries;
    QStringList places;
    for (QAction *action : window->findChildren<QAction *>()) {
        if (action->shortcuts().isEmpty() || action->isSeparator())
            continue;
        QStringList keys;
        for (const QKeySequence &k : action->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        ShortcutEntry e;
        e.action = action;
        e.text = plainText(action->text());
        e.keys = keys.join(QStringLiteral(", "));
        e.where = placeOf(window, action);
        if (!places.contains(e.where))
            places << e.where;
        entries << e;
    }
    // Menus first, in menu bar order, then the tabs in tab order, then docks as met.
    QStringList order;
    for (QAction *a : window->menuBar()->actions())
        if (a->menu())
            order << plainText(a->menu()->title());
    if (auto *tabs = qobject_cast<QTabWidget *>(window->centralWidget()))
        for (int i = 0; i < tabs->count(); ++i)
            order << QCoreApplication::translate("cl::KeyboardShortcutsDialog", "%1 tab")
                         .arg(plainText(tabs->tabText(i)));
    for (const QString &p : std::as_const(places))
        if (!order.contains(p))
            order << p;
    // Within a menu, the menu's order.
    const auto position = [](const ShortcutEntry &e) {
        for (QObject *o : e.action->associatedObjects())
            if (auto *menu = qobject_cast<QMenu *>(o))
                return int(menu->actions().indexOf(e.action));
        return 0;
    };
    std::stable_sort(entries.begin(), entries.end(),
                     [&order, &position](const ShortcutEntry &a, const ShortcutEntry &b) {
                         const auto ia = order.indexOf(a.where), ib = order.indexOf(b.where);
                         return ia != ib ? ia < ib : position(a) < position(b);
                     });
    return entries;
}

KeyboardShortcutsDialog::KeyboardShortcutsDialog(QMainWindow *window) : QDialog(window)
{
    setWindowTitle(tr("Keyboard shortcuts"));
    const QList<ShortcutEntry> entries = collectShortcuts(window);
    m_table = new QTableWidget(int(entries.size()), 3, this);
    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->setHorizontalHeaderLabels({tr("Action"), tr("Keys"), tr("Where")});
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false);
    for (int r = 0; r < entries.size(); ++r) {
        m_table->setItem(r, 0, new QTableWidgetItem(entries[r].text));
        m_table->setItem(r, 1, new QTableWidgetItem(entries[r].keys));
        m_table->setItem(r, 2, new QTableWidgetItem(entries[r].where));
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    const int width = m_table->horizontalHeader()->length() + m_table->frameWidth() * 2 + 40;
    const int height = m_table->horizontalHeader()->height() + m_table->verticalHeader()->length() +
                       m_table->frameWidth() * 2 + buttons->sizeHint().height() + 40;
    resize(qMax(width, 420), qBound(300, height, 680));
}

} // namespace cl
