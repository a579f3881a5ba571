// GuiLanguage: picks the GUI language (English or Norwegian bokmål) and installs its translators.
#include "GuiLanguage.h"
#include "util/NumberText.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

#include <memory>

namespace cl {

namespace {

/// The translators this module installed; owned here so a second call can replace them.
std::unique_ptr<QTranslator> &appTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

std::unique_ptr<QTranslator> &qtTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

void removeInstalled()
{
    for (auto *slot : {&appTranslator(), &qtTranslator()}) {
        if (*slot) {
            QCoreApplication::removeTranslator(slot->get());
            slot->reset();
        }
    }
}

/// Qt's own texts on our dialogs' standard buttons, also in the app's catalogue (lupdate reads
/// these markers; Qt looks them up by context): the app's translator is searched after Qt's, so
/// these count only where a distribution's qtbase_nb.qm lacks one. The rest of Qt's texts are
/// in translations/qtbase_nb.ts.
[[maybe_unused]] constexpr const char *kQtTexts[] = {
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Yes to &All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "N&o to All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Abort"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Restore Defaults"),
    QT_TRANSLATE_NOOP("QMessageBox", "Show Details..."),
    QT_TRANSLATE_NOOP("QMessageBox", "Hide Details..."),
};

} // namespace

QStringList guiLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("nb")};
}

QString currentGuiLanguage()
{
    return appTranslator() ? QStringLiteral("nb") : QStringLiteral("en");
}

QString guiLanguageSettingKey()
{
    return QStringLiteral("ui/language");
}

QString chooseGuiLanguage(const QString &option)
{
    const QString wanted = option.trimmed().toLower();
    if (guiLanguages().contains(wanted))
        return wanted;
    if (wanted == QLatin1String("no") || wanted == QLatin1String("nn"))
        return QStringLiteral("nb");
    const QString stored = QSettings().value(guiLanguageSettingKey()).toString();
    if (guiLanguages().contains(stored))
        return stored;
    return isNorwegian(QLocale::system()) ? QStringLiteral("nb") : QStringLiteral("en");
}

bool installGuiLanguage(const QString &language)
{
    removeInstalled();
    if (language != QLatin1String("nb"))
        return language == QLatin1String("en");
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(QStringLiteral(":/i18n/campaignlens_nb.qm")))
        return false;
    QCoreApplication::installTranslator(translator.get());
    appTranslator() = std::move(translator);
    // Qt's own dialog texts (file dialogs, standard buttons, context menus): the distribution's
    // qtbase_nb.qm when it ships one (it follows Qt's own strings), else ours.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QLocale(QLocale::NorwegianBokmal, QLocale::Norway), QStringLiteral("qtbase"),
                 QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)) ||
        qt->load(QStringLiteral(":/i18n/qtbase_nb.qm"))) {
        QCoreApplication::installTranslator(qt.get());
        qtTranslator() = std::move(qt);
    }
    return true;
}

void addLanguageMenu(QMenu *menu)
{
    QMenu *languages = menu->addMenu(QCoreApplication::translate("cl::GuiLanguage", "&Language"));
    auto *group = new QActionGroup(languages);
    const QString stored = QSettings().value(guiLanguageSettingKey()).toString();
    const QList<QPair<QString, QString>> choices{
        {QString(), QCoreApplication::translate("cl::GuiLanguage", "Follow the &system")},
        {QStringLiteral("en"), QStringLiteral("&English")}, // each language in its own words
        {QStringLiteral("nb"), QStringLiteral("&Norsk bokmål")}};
    for (const auto &[code, label] : choices) {
        QAction *action = languages->addAction(label);
        action->setCheckable(true);
        action->setChecked(code == stored || (code.isEmpty() && !guiLanguages().contains(stored)));
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, languages, [languages, code = code] {
            QSettings().setValue(guiLanguageSettingKey(), code);
            QMessageBox::information(
                languages->window(), QCoreApplication::translate("cl::GuiLanguage", "Language"),
                QCoreApplication::translate("cl::GuiLanguage",
                                            "The new language is used from the next start of "
                                            "CampaignLens."));
        });
    }
}

} // namespace cl
