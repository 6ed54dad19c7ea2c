#include "DesktopConsole.h"

#include "ConsoleServer.h"
#include "ConsoleSettings.h"
#include "Engine.h"
#include "FileBrowser.h"
#include "MainWindow.h"
#include "SandboxDetailPane.h"
#include "SettingsDialog.h"
#include "TerminalTabs.h"
#include "Translations.h"
#include "config/KeychainSecretStore.h"
#include "sandbox/CheckpointsTab.h"
#include "sandbox/NetworkPolicyTab.h"
#include "sandbox/PortsTab.h"
#include "sandbox/ServicesTab.h"
#include "terminal/TerminalHub.h"
#include "terminal/TranscriptStore.h"

#include <QApplication>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>

namespace hangar {

DesktopConsole::DesktopConsole(std::unique_ptr<SecretStore> secrets,
                               QProcessEnvironment environment, QObject* parent)
    : QObject(parent)
    , m_environment(std::move(environment))
    , m_secrets(secrets ? std::move(secrets) : std::make_unique<KeychainSecretStore>()) {
}

DesktopConsole::~DesktopConsole() {
    // Views and the API hold references into the engine: they go first.
    m_server.reset();
    m_window.reset();
    m_terminals.reset();
    m_transcripts.reset();
    m_engine.reset();
}

Status DesktopConsole::start() {
    installTranslations(m_settings.value(console_settings::language).toString());

    auto config = Config::load(m_environment, &m_settings);
    if (!config)
        return config.error();
    // SPRITES_TOKEN, else the keychain; the engine is built once the keychain has answered.
    auto secrets = EngineSecrets::resolve(config.value(), m_environment, *m_secrets);
    if (!secrets)
        return secrets.error();
    auto engine = Engine::create(config.value(), nullptr, secrets.value());
    if (!engine)
        return engine.error();
    m_engine = std::move(engine.value());
    if (auto profiles = m_engine->enableProfiles(*m_secrets); !profiles)
        return profiles.error();

    m_transcripts = std::make_unique<TranscriptStore>(m_engine->config().dataDir +
                                                      QStringLiteral("/transcripts"));
    m_terminals = std::make_unique<TerminalHub>(m_engine->lifecycle());
    m_terminals->setTranscripts(m_transcripts.get());

    m_window = std::make_unique<MainWindow>(m_engine->lifecycle());
    m_window->setFleetHealth(&m_engine->fleetHealth());
    m_window->setProfiles(m_engine->profiles());
    m_window->setAccounts(&m_engine->accounts());
    connect(m_window.get(), &MainWindow::settingsRequested, this, &DesktopConsole::openSettings);
    SandboxDetailPane* pane = m_window->detailPane();
    m_terminalTabs = new TerminalTabs(m_engine->lifecycle(), *m_terminals, pane);
    pane->tabs()->addTab(m_terminalTabs, tr("&Terminals"));
    connect(pane, &SandboxDetailPane::sandboxIdChanged, m_terminalTabs,
            &TerminalTabs::setSandboxId);
    m_fileBrowser = new FileBrowser(m_engine->lifecycle(), m_engine->tools(), pane);
    pane->tabs()->addTab(m_fileBrowser, tr("&Files"));
    connect(pane, &SandboxDetailPane::sandboxIdChanged, m_fileBrowser, &FileBrowser::setSandboxId);
    // "Open terminal here": a shell in that folder, in the Terminals tab (same sandbox).
    connect(m_fileBrowser, &FileBrowser::openTerminalRequested, this,
            [this, pane](const QString& directory) {
                pane->tabs()->setCurrentWidget(m_terminalTabs);
                m_terminalTabs->openShellIn(directory);
            });
    m_checkpointsTab = new CheckpointsTab(m_engine->lifecycle(), pane);
    pane->tabs()->addTab(m_checkpointsTab, tr("Chec&kpoints"));
    connect(pane, &SandboxDetailPane::sandboxIdChanged, m_checkpointsTab,
            &CheckpointsTab::setSandboxId);
    m_networkTab = new NetworkPolicyTab(m_engine->lifecycle(), pane);
    pane->tabs()->addTab(m_networkTab, tr("Network polic&y"));
    connect(pane, &SandboxDetailPane::sandboxIdChanged, m_networkTab,
            &NetworkPolicyTab::setSandboxId);
    m_portsTab = new PortsTab(m_engine->lifecycle(), pane);
    pane->tabs()->addTab(m_portsTab, tr("&Ports"));
    connect(pane, &SandboxDetailPane::sandboxIdChanged, m_portsTab, &PortsTab::setSandboxId);
    m_servicesTab = new ServicesTab(m_engine->lifecycle(), pane);
    pane->tabs()->addTab(m_servicesTab, tr("Ser&vices"));
    connect(pane, &SandboxDetailPane::sandboxIdChanged, m_servicesTab, &ServicesTab::setSandboxId);
    m_window->show();
    // Not fatal (there is no Sprites backend then), but the operator should know why.
    constexpr int kWarningMs = 20'000;
    for (const QString& warning : secrets.value().warnings)
        m_window->statusBar()->showMessage(warning, kWarningMs);

    serveApiIfEnabled();
    m_engine->start().then(m_window.get(), [this](Status started) {
        if (!started)
            QMessageBox::warning(
                m_window.get(), tr("Hangar"),
                tr("Start-up recovery failed: %1").arg(started.error().describe()));
    });
    return {};
}

void DesktopConsole::serveApiIfEnabled() {
    if (!m_settings.value(console_settings::serveApi, false).toBool())
        return;
    auto server = ConsoleServer::start(*m_engine, m_environment, m_terminals.get());
    if (!server) {
        m_window->statusBar()->showMessage(
            tr("The console API could not start: %1").arg(server.error().describe()));
        return;
    }
    m_server = std::move(server.value());
    m_window->setApiAddress(m_server->url());
}

void DesktopConsole::openSettings() {
    auto* dialog = new SettingsDialog(m_settings, *m_secrets, m_environment, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_server)
        dialog->setApiToken(m_server->token());
    dialog->setAccounts(m_engine->accounts());
    connect(dialog, &SettingsDialog::engineSettingsChanged, this,
            [this] { offerRestart(tr("The new settings take effect when Hangar starts again.")); });
    connect(dialog, &SettingsDialog::languageChanged, this, [this] {
        offerRestart(tr("The new language takes effect when Hangar starts again."));
    });
    dialog->open();
}

void DesktopConsole::offerRestart(const QString& why) {
    // Both signals may follow one save: ask once.
    if (m_restartOffered)
        return;
    m_restartOffered = true;
    auto* box = new QMessageBox(QMessageBox::Information, tr("Restart Hangar"), why,
                                QMessageBox::NoButton, m_window.get());
    QPushButton* restart = box->addButton(tr("Restart now"), QMessageBox::AcceptRole);
    box->addButton(tr("Later"), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, restart] {
        m_restartOffered = false;
        if (box->clickedButton() != restart)
            return;
        // The same program with the same arguments; sandboxes keep running meanwhile.
        if (QProcess::startDetached(QCoreApplication::applicationFilePath(),
                                    QCoreApplication::arguments().mid(1)))
            QCoreApplication::quit();
        else
            m_window->statusBar()->showMessage(
                tr("Could not start Hangar again; please start it yourself."));
    });
    box->open();
}

} // namespace hangar
