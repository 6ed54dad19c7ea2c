#pragma once

#include "http/HttpServer.h"

#include <QObject>

#include <memory>

#include "http/CookieSessions.h"
#include "http/SseStream.h"

namespace hangar {
class AccountManager;
class FleetHealth;
class LifecycleService;
class ProfileStore;
class SandboxTools;
class TerminalHub;
} // namespace hangar

namespace hangar::api {

class AccountsController;
class EventsController;
class FilesController;
class FleetController;
class ProfilesController;
class SandboxAdminController;
class SandboxesController;
class ToolsController;
class TerminalController;

struct ConsoleApiOptions {
    http::SseLimits sse;
    QStringList corsOrigins; // exact origins allowed to call from a browser; empty: none
    // The engine's fleet health (with its machine listers and probe). Without one the API
    // keeps its own over `engine`: ghosts and drift, but no orphans (nothing lists machines).
    FleetHealth* fleet = nullptr;
    // The engine's accounts (/api/accounts). Without them the list is the engine's backends
    // and changing accounts is refused.
    AccountManager* accounts = nullptr;
    // The engine's profiles (/api/profiles); without them those routes are not served.
    ProfileStore* profiles = nullptr;
};

// The console API for browser frontends and local agents (/api/...), documented in
// docs/api.md. Every route needs the bearer token.
class ConsoleApi : public QObject {
    Q_OBJECT
public:
    static constexpr int kVersion = 1;

    ConsoleApi(LifecycleService& engine, SandboxTools& tools, TerminalHub& terminals,
               const QString& token, ConsoleApiOptions options = {}, QObject* parent = nullptr);
    ~ConsoleApi() override;

    Result<QString> listen(const QString& hostPort) { return m_server->listenOn(hostPort); }
    // The route table, for documentation checks.
    const http::Router& router() const { return m_router; }
    int eventListenerCount() const;
    FleetHealth& fleetHealth() const { return *m_fleet; }

private:
    void addSessionRoutes();

    http::Router m_router;
    http::CookieSessions m_cookieSessions;
    SandboxesController* m_sandboxes = nullptr;
    EventsController* m_events = nullptr;
    FilesController* m_files = nullptr;
    ToolsController* m_tools = nullptr;
    TerminalController* m_terminals = nullptr;
    FleetHealth* m_fleet = nullptr;
    FleetController* m_fleetController = nullptr;
    SandboxAdminController* m_admin = nullptr;
    ProfilesController* m_profiles = nullptr;
    AccountsController* m_accounts = nullptr;
    http::HttpServer* m_server = nullptr;
};

} // namespace hangar::api
