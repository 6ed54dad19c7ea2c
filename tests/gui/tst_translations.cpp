// The German translation is built in and complete enough to show: the main window and the
// settings dialog come up in German when asked for, and in English otherwise.
#include "GuiRig.h"
#include "MainWindow.h"
#include "SettingsDialog.h"
#include "StatusPalette.h"
#include "Translations.h"
#include "config/MemorySecretStore.h"

#include <QAction>
#include <QSettings>
#include <QTest>
#include <QTranslator>

using namespace hangar;

class TstTranslations : public QObject {
    Q_OBJECT

private slots:
    void germanIsAvailable() {
        QVERIFY(availableLanguages().contains(QStringLiteral("de")));
        QVERIFY(availableLanguages().contains(QStringLiteral("en")));
    }

    void englishByDefault() {
        installTranslations(QStringLiteral("en"));
        test::GuiRig rig;
        QVERIFY(rig.open());
        MainWindow& w = rig.show();
        QCOMPARE(w.action(MainWindow::Action::Hibernate)->text(), QStringLiteral("&Hibernate"));
        QCOMPARE(StatusPalette::label(SandboxState::Active), QStringLiteral("active"));
    }

    void germanWhenAsked() {
        const QLocale locale = installTranslations(QStringLiteral("de"));
        QCOMPARE(locale.language(), QLocale::German);
        test::GuiRig rig;
        QVERIFY(rig.open());
        MainWindow& w = rig.show();
        QVERIFY2(w.action(MainWindow::Action::Hibernate)->text() != QStringLiteral("&Hibernate"),
                 qPrintable(w.action(MainWindow::Action::Hibernate)->text()));
        QVERIFY2(w.action(MainWindow::Action::Delete)->text() != QStringLiteral("&Delete…"),
                 qPrintable(w.action(MainWindow::Action::Delete)->text()));
        QVERIFY(StatusPalette::label(SandboxState::Active) != QStringLiteral("active"));
        QVERIFY(w.stateCountsText() != QStringLiteral("No sandboxes"));

        QSettings settings(rig.dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        MemorySecretStore secrets;
        SettingsDialog dialog(settings, secrets, QProcessEnvironment());
        QVERIFY(dialog.windowTitle() != QStringLiteral("Hangar settings"));
    }
};

QTEST_MAIN(TstTranslations)
#include "tst_translations.moc"
