// campaignlens: the desktop app. Parses the command line and opens the main window.
#include "AppContext.h"
#include "AppStyle.h"
#include "GuiLanguage.h"
#include "MainWindow.h"
#include "util/NumberText.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("CampaignLens"));
    QApplication::setApplicationName(QStringLiteral("CampaignLens"));
    QApplication::setApplicationVersion(QStringLiteral(CAMPAIGNLENS_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/campaignlens.svg")));
    // The installed menu entry (resources/linux): lets the desktop match windows to it.
    QGuiApplication::setDesktopFileName(QStringLiteral(CAMPAIGNLENS_APP_ID));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("CampaignLens: campaign analytics for bank marketing."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(
        QStringLiteral("workspace"), QStringLiteral("Workspace file to open (created if missing)."),
        QStringLiteral("PATH"), cl::Workspace::defaultPath());
    const QCommandLineOption datasetOption(QStringLiteral("dataset"),
                                           QStringLiteral("Dataset id to show first."),
                                           QStringLiteral("ID"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Save a picture of the window to FILE once the data is shown, then quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption tabOption(QStringLiteral("tab"),
                                       QStringLiteral("Tab to show first (e.g. Report)."),
                                       QStringLiteral("NAME"));
    const QCommandLineOption delayOption(
        QStringLiteral("screenshot-delay"),
        QStringLiteral("Milliseconds to wait before the screenshot (default 1500)."),
        QStringLiteral("MS"), QStringLiteral("1500"));
    parser.addOption(workspaceOption);
    parser.addOption(datasetOption);
    parser.addOption(screenshotOption);
    parser.addOption(tabOption);
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        QStringLiteral("GUI language: nb (Norwegian bokmål) or en (default: the setting, else "
                       "the system locale)."),
        QStringLiteral("LANG"));
    const QCommandLineOption paletteOption(
        QStringLiteral("palette"),
        QStringLiteral("system (the desktop's), light or dark (a Fusion palette); "
                       "default: $CAMPAIGNLENS_PALETTE, else system."),
        QStringLiteral("NAME"), qEnvironmentVariable("CAMPAIGNLENS_PALETTE"));
    parser.addOption(delayOption);
    parser.addOption(paletteOption);
    parser.addOption(langOption);
    parser.process(app);
    cl::applyAppStyle(&app, cl::paletteChoiceFromName(parser.value(paletteOption)));

    // Before any window exists, so that every tr() sees the translator.
    const QString language = cl::chooseGuiLanguage(parser.value(langOption));
    if (!cl::installGuiLanguage(language))
        std::fprintf(stderr, "campaignlens: no translation for '%s'\n", qPrintable(language));
    // Numbers and dates follow a language chosen against the desktop's (--lang or the setting);
    // otherwise they keep the desktop's locale.
    const bool norwegianDesktop = cl::isNorwegian(QLocale());
    if (language == QLatin1String("nb") && !norwegianDesktop)
        QLocale::setDefault(QLocale(QLocale::NorwegianBokmal, QLocale::Norway));
    else if (language == QLatin1String("en") && norwegianDesktop)
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));

    cl::AppContext context;
    QString error;
    if (!context.openWorkspace(parser.value(workspaceOption), &error)) {
        std::fprintf(stderr, "campaignlens: %s\n", qPrintable(error));
        QMessageBox::critical(
            nullptr, QStringLiteral("CampaignLens"),
            QCoreApplication::translate("main", "Cannot open the workspace.\n\n%1").arg(error));
        return 1;
    }
    cl::MainWindow window(&context);
    window.show();

    const QString screenshot = parser.value(screenshotOption);
    const int delayMs = qMax(0, parser.value(delayOption).toInt());
    const auto takeScreenshot = [&window, &app, screenshot, delayMs] {
        QTimer::singleShot(delayMs, &window, [&window, &app, screenshot] {
            const bool saved = window.grab().save(screenshot);
            if (!saved)
                std::fprintf(stderr, "campaignlens: cannot write %s\n", qPrintable(screenshot));
            app.exit(saved ? 0 : 1);
        });
    };
    QTimer::singleShot(0, &window, [&] {
        if (parser.isSet(datasetOption))
            context.setCurrentDataset(parser.value(datasetOption).toLongLong());
        if (context.currentDatasetId() < 0)
            window.openInitialDataset();
        if (parser.isSet(tabOption) && !window.showPanel(parser.value(tabOption)))
            std::fprintf(stderr, "campaignlens: no tab '%s'\n",
                         qPrintable(parser.value(tabOption)));
        if (!screenshot.isEmpty()) {
            if (context.currentDatasetId() >= 0)
                takeScreenshot();
            else
                QObject::connect(&window, &cl::MainWindow::demoLoaded, &window, takeScreenshot);
        }
    });
    return app.exec();
}
