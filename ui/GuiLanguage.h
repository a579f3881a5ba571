// GuiLanguage: picks the GUI language (English or Norwegian bokmål) and installs its translators.
#pragma once

#include <QString>

class QMenu;

namespace cl {

/// The languages the GUI is translated into ("en" is the source language).
QStringList guiLanguages();

/**
 * The GUI language to use: @p option when it names one of guiLanguages() (e.g. `--lang nb`),
 * else the "ui/language" setting when set, else "nb" when the system locale's language is
 * Norwegian (nb, no or nn), else "en".
 */
QString chooseGuiLanguage(const QString &option = QString());

/**
 * Installs the translators for @p language on the running QCoreApplication (the app's own
 * campaignlens_nb.qm from the resources, plus Qt's qtbase_nb.qm: the distribution's when
 * installed, else the app's own from the resources), replacing those installed by an earlier call;
 * "en" removes them. Call before any window is built. Returns false when the app's translation for
 * @p language is not found. GUI thread only.
 */
bool installGuiLanguage(const QString &language);

/// The language installGuiLanguage() last installed ("en" before any call).
QString currentGuiLanguage();

/// The setting that keeps the chosen GUI language ("" = follow the system locale).
QString guiLanguageSettingKey();

/**
 * Adds a "Language" submenu to @p menu: follow the system, English or Norsk bokmål. A choice is
 * kept in the guiLanguageSettingKey() setting and takes effect at the next start (said in a
 * message box). GUI thread only; the actions are owned by the submenu.
 */
void addLanguageMenu(QMenu *menu);

} // namespace cl
