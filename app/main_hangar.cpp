// hangar: the desktop console. Wiring only: see DesktopConsole.
#include "DesktopConsole.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

using namespace hangar;

int main(int argc, char* argv[]) {
    // --help and --version are answered before QApplication, which aborts without a display.
    // Other options (Qt's own -platform, -style, ...) are left for QApplication to take.
    {
        const QCoreApplication probe(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("hangar"));
        QCoreApplication::setApplicationVersion(QStringLiteral(HANGAR_VERSION));
        QCommandLineParser parser;
        parser.setApplicationDescription(
            QStringLiteral("Hangar: the desktop console for AI-agent sandboxes.\n"
                           "Configured by environment variables; hangard --help lists them."));
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        const QCommandLineOption help = parser.addHelpOption();
        const QCommandLineOption version = parser.addVersionOption();
        (void)parser.parse(QCoreApplication::arguments());
        if (parser.isSet(help))
            parser.showHelp(0);
        if (parser.isSet(version))
            parser.showVersion();
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hangar"));
    QApplication::setOrganizationName(QStringLiteral("hangar"));
    QApplication::setApplicationDisplayName(QStringLiteral("Hangar"));
    QApplication::setApplicationVersion(QStringLiteral(HANGAR_VERSION));
    // Wayland's app id: the compositor finds the icon and name in packaging/<id>.desktop.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.hangar.Hangar"));

    DesktopConsole console;
    if (const Status started = console.start(); !started) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Hangar"),
                              started.error().describe());
        return 1;
    }
    return app.exec();
}
