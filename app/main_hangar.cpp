// hangar: the desktop console. Wiring only: configuration -> engine -> main window.
#include "Engine.h"
#include "MainWindow.h"
#include "lifecycle/LifecycleService.h"

#include <QApplication>
#include <QMessageBox>
#include <QSettings>

using namespace hangar;

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hangar"));
    QApplication::setOrganizationName(QStringLiteral("hangar"));
    QApplication::setApplicationDisplayName(QStringLiteral("Hangar"));
    QApplication::setApplicationVersion(QStringLiteral(HANGAR_VERSION));

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
