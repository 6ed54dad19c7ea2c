#pragma once

#include "config/SecretStore.h"
#include "util/Result.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QSettings>

#include <memory>

namespace hangar {

class ConsoleServer;
class Engine;
class CheckpointsTab;
class FileBrowser;
class NetworkPolicyTab;
class PortsTab;
class ServicesTab;
class MainWindow;
class TerminalHub;
class TerminalTabs;
class TranscriptStore;

// The desktop console's wiring: settings and keychain -> engine -> main window, the console API
// when enabled in Settings, and the settings dialog. Owns all of it.
class DesktopConsole : public QObject {
    Q_OBJECT
public:
    // The system keychain holds the tokens unless another store is given (tests).
    explicit DesktopConsole(
        std::unique_ptr<SecretStore> secrets = {},
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment(),
        QObject* parent = nullptr);
    ~DesktopConsole() override;

    // Builds everything and shows the window. An error means there is nothing to show (the
    // caller reports it and exits).
    Status start();

    MainWindow* window() const { return m_window.get(); }
    ConsoleServer* server() const { return m_server.get(); }
    TerminalTabs* terminalTabs() const { return m_terminalTabs; }
    FileBrowser* fileBrowser() const { return m_fileBrowser; }
    CheckpointsTab* checkpointsTab() const { return m_checkpointsTab; }
    NetworkPolicyTab* networkTab() const { return m_networkTab; }
    PortsTab* portsTab() const { return m_portsTab; }
    ServicesTab* servicesTab() const { return m_servicesTab; }

public slots:
    void openSettings();

private:
    void serveApiIfEnabled();
    // After settings changed what is read at start: offer to start Hangar again.
    void offerRestart(const QString& why);

    QProcessEnvironment m_environment;
    QSettings m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<TranscriptStore> m_transcripts;
    std::unique_ptr<TerminalHub> m_terminals; // the desktop's shells, shared with the API
    std::unique_ptr<MainWindow> m_window;
    TerminalTabs* m_terminalTabs = nullptr; // owned by the window
    FileBrowser* m_fileBrowser = nullptr;   // owned by the window
    CheckpointsTab* m_checkpointsTab = nullptr;
    NetworkPolicyTab* m_networkTab = nullptr;
    PortsTab* m_portsTab = nullptr;
    ServicesTab* m_servicesTab = nullptr;
    std::unique_ptr<ConsoleServer> m_server;
    bool m_restartOffered = false;
};

} // namespace hangar
