// The desktop wiring end to end: settings and secrets -> engine -> window, and the console
// API served in-process when Settings ask for it (a real HTTP request with the token).
#include "ConsoleServer.h"
#include "ConsoleSettings.h"
#include "DesktopConsole.h"
#include "MainWindow.h"
#include "SandboxDetailPane.h"
#include "SettingsDialog.h"
#include "TerminalTabs.h"
#include "config/Config.h"
#include "config/MemorySecretStore.h"
#include "files/FileBrowser.h"
#include "sandbox/CheckpointsTab.h"
#include "sandbox/NetworkPolicyTab.h"
#include "sandbox/PortsTab.h"
#include "sandbox/ServicesTab.h"

#include <QAction>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace hangar;

namespace {

constexpr int kWaitMs = 10'000;
const QString kApiToken = QStringLiteral("desktop-console-test-token");

} // namespace

class TstDesktopConsole : public QObject {
    Q_OBJECT

private slots:
    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           m_dir->filePath(QStringLiteral("config")));
        QSettings().clear();
    }

    void startsWithoutServing() {
        DesktopConsole console(std::make_unique<MemorySecretStore>(), environment());
        const Status started = console.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().describe()));
        QVERIFY(console.window());
        QVERIFY(console.window()->isVisible());
        QVERIFY(!console.server());
        QVERIFY(console.window()->apiAddress().isEmpty());
        // The detail pane's tabs are wired, and follow the pane's sandbox.
        SandboxDetailPane* pane = console.window()->detailPane();
        QTabWidget* tabs = pane->tabs();
        for (QWidget* tab : QList<QWidget*>{console.terminalTabs(), console.fileBrowser(),
                                            console.checkpointsTab(), console.networkTab(),
                                            console.servicesTab(), console.portsTab()}) {
            QVERIFY(tab);
            QVERIFY(tabs->indexOf(tab) >= 0);
        }
        emit pane->sandboxIdChanged(QStringLiteral("some-sandbox"));
        QCOMPARE(console.checkpointsTab()->sandboxId(), QStringLiteral("some-sandbox"));
        QCOMPARE(console.networkTab()->sandboxId(), QStringLiteral("some-sandbox"));
        QCOMPARE(console.servicesTab()->sandboxId(), QStringLiteral("some-sandbox"));
        QCOMPARE(console.portsTab()->sandboxId(), QStringLiteral("some-sandbox"));
        QCOMPARE(console.terminalTabs()->sandboxId(), QStringLiteral("some-sandbox"));
        // Fleet health is the engine's, and its action is live.
        QVERIFY(console.window()->fleetHealthAction()->isEnabled());
    }

    void servesTheApiWhenEnabled() {
        QSettings().setValue(console_settings::serveApi, true);
        DesktopConsole console(std::make_unique<MemorySecretStore>(), environment());
        const Status started = console.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().describe()));
        QVERIFY(console.server());
        QCOMPARE(console.window()->apiAddress(), console.server()->url());

        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(console.server()->url() + QStringLiteral("api/sandboxes")));
        request.setRawHeader("Authorization", "Bearer " + kApiToken.toUtf8());
        QNetworkReply* reply = network.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, kWaitMs);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();

        // Without the token: refused.
        QNetworkReply* anonymous = network.get(
            QNetworkRequest(QUrl(console.server()->url() + QStringLiteral("api/sandboxes"))));
        QSignalSpy refused(anonymous, &QNetworkReply::finished);
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, kWaitMs);
        QCOMPARE(anonymous->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        anonymous->deleteLater();

        // Settings show the token for copying.
        console.openSettings();
        SettingsDialog* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = console.window()->findChild<SettingsDialog*>()),
                                 kWaitMs);
        auto* token = dialog->findChild<QLineEdit*>(QStringLiteral("apiToken"));
        QVERIFY(token);
        QCOMPARE(token->text(), kApiToken);
        dialog->reject();
    }

    void spritesRequiredWithoutATokenIsAClearError() {
        QProcessEnvironment env = environment();
        env.insert(env::spritesEnabled, QStringLiteral("true"));
        DesktopConsole console(std::make_unique<MemorySecretStore>(), env);
        const Status started = console.start();
        QVERIFY(!started);
        QVERIFY2(started.error().describe().contains(env::spritesToken),
                 qPrintable(started.error().describe()));
        QVERIFY(!console.window());
    }

private:
    QProcessEnvironment environment() const {
        QProcessEnvironment env;
        env.insert(env::dataDir, m_dir->filePath(QStringLiteral("data")));
        env.insert(env::apiListen, QStringLiteral("127.0.0.1:0"));
        env.insert(env::apiToken, kApiToken);
        return env;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_MAIN(TstDesktopConsole)
#include "tst_desktopconsole.moc"
