#pragma once

#include "http/HttpServer.h"

#include <QObject>

#include <memory>

namespace hangar {
class LifecycleService;
}

namespace hangar::api {

class SandboxesController;

// The console API for browser frontends and local agents (/api/...), documented in
// docs/api.md. Every route needs the bearer token.
class ConsoleApi : public QObject {
    Q_OBJECT
public:
    static constexpr int kVersion = 1;

    ConsoleApi(LifecycleService& engine, const QString& token, QObject* parent = nullptr);
    ~ConsoleApi() override;

    Result<QString> listen(const QString& hostPort) { return m_server->listenOn(hostPort); }

private:
    SandboxesController* m_sandboxes = nullptr;
    http::HttpServer* m_server = nullptr;
};

} // namespace hangar::api
