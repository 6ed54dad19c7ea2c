#pragma once

#include "http/HttpServer.h"

#include <QObject>

#include <memory>

#include "http/CookieSessions.h"
#include "http/SseStream.h"

namespace hangar {
class LifecycleService;
class SandboxTools;
class TerminalHub;
} // namespace hangar

namespace hangar::api {

class EventsController;
class FilesController;
class SandboxesController;
class ToolsController;
class TerminalController;

struct ConsoleApiOptions {
    http::SseLimits sse;
    QStringList corsOrigins; // exact origins allowed to call from a browser; empty: none
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

private:
    void addSessionRoutes();

    http::Router m_router;
    http::CookieSessions m_cookieSessions;
    SandboxesController* m_sandboxes = nullptr;
    EventsController* m_events = nullptr;
    FilesController* m_files = nullptr;
    ToolsController* m_tools = nullptr;
    TerminalController* m_terminals = nullptr;
    http::HttpServer* m_server = nullptr;
};

} // namespace hangar::api
