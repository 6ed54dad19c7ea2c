// hangar: the desktop console. Wiring only: configuration -> engine -> main window.
#include "Engine.h"
#include "MainWindow.h"
#include "lifecycle/LifecycleService.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QSettings>

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

    const QSettings settings;
    auto config = Config::load(QProcessEnvironment::systemEnvironment(), &settings);
    if (!config) {
        QMessageBox::critical(nullptr, QStringLiteral("Hangar"), config.error().message);
        return 2;
    }
    auto engine = Engine::create(config.value());
    if (!engine) {
        QMessageBox::critical(nullptr, QStringLiteral("Hangar"), engine.error().describe());
        return 1;
    }
    Engine& e = *engine.value();

    MainWindow window(e.lifecycle());
    window.show();
    e.start().then(&window, [&window](Result<void> r) {
        if (!r)
            QMessageBox::warning(&window, QStringLiteral("Hangar"), r.error().message);
    });
    return app.exec();
}
