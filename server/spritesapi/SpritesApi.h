#pragma once

#include "FaultPlan.h"
#include "ServiceEvents.h"
#include "ServiceWindow.h"
#include "SpriteRegistry.h"
#include "SpritesServer.h"
#include "backend/Backend.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace hangar::spritesapi {

// The Sprites-compatible API (sprites-api.md) served over a Backend — in practice
// LocalBackend, so sprites are local sandboxes and exec sessions are real processes.
// This slice serves the gateway lifecycle (create, get, list, update, delete), exec over
// WebSocket (non-TTY framing, TTY, attach by session id) and the filesystem API (read, write,
// list, delete, rename, copy, chmod), the session list and kill, checkpoints (create, list,
// get, restore, delete; progress as NDJSON), the network policy, services (list, get, create,
// delete, start, stop, signal, restart, logs: the backend's own services) and the TCP proxy; and
// the @fly/sprites 0.1.0 additions (§14): sprite restart, check, upgrade and watch, HTTP exec, the
// port and filesystem watches, the privileges and resources policies and fs chown. Faults for
// client tests: faults().
//
// A sprite is `cold` while its sandbox is hibernated (a new sprite starts cold, exec wakes it),
// `running` while a session runs, `warm` otherwise.
class SpritesApi : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString token; // bearer token every request must carry
        QString organization = QStringLiteral("hangar");
        QString stateFile;                      // sprite records; empty = in memory
        qint64 maxBodyBytes = 16 * 1024 * 1024; // fs write limit (413 above)
    };

    SpritesApi(Backend& backend, Options options, QObject* parent = nullptr);
    ~SpritesApi() override;

    // "host:port" (port 0 = any free one); returns the bound address.
    Result<QString> listen(const QString& hostPort);
    FaultPlan& faults() { return m_faults; }

private:
    void addGatewayRoutes();
    void addExecRoutes();
    void addFsRoutes();
    void addOpsRoutes();        // sessions list/kill, checkpoints, network policy: SpritesOps.cpp
    void addServiceRoutes();    // SpritesServices.cpp
    void addProxyRoutes();      // SpritesProxy.cpp
    void addLifecycleRoutes();  // restart, check, upgrade, the sprite watch: SpritesLifecycle.cpp
    void addHttpExecRoutes();   // SpritesHttpExec.cpp
    void addPolicyRoutes();     // privileges and resources: SpritesPolicy.cpp
    void addServiceLogRoutes(); // service logs and restart: SpritesServiceLogs.cpp
    void addWatchRoutes();      // ports/watch and fs/watch: SpritesWatch.cpp
    void addChownRoute();       // fs/chown: SpritesFsChown.cpp

    // GET /v1/sprites with Accept: application/x-ndjson (§14.2.3).
    void watchSprites(const http::Request& request, SpritesReply reply);
    QJsonObject orgCounters(const QMap<QString, int>& counts) const;

    // Services (sprites-api.md §6) are the backend's own (Backend's services API): the routes
    // translate requests, states and the service log to and from the wire.
    // With the sprite's service `svc` (a text 404 when there is none): then(info, reply).
    void withService(const QString& name, const QString& svc, SpritesReply reply,
                     std::function<void(const ServiceInfo&, SpritesReply)> then);
    void putService(const http::Request& request, SpritesReply reply, const QString& name);
    // Wakes the sprite, then runs `call` with a ServiceWindow of `kind` reporting it for `ms`;
    // a start with a window of 0 answers the service object instead of streaming.
    void runService(const QString& name, const QString& svc, ServiceWindow::Kind kind, qint64 ms,
                    SpritesReply reply, std::function<Task<void>()> call);

    // Replies 400/404 (gateway JSON) and returns false when the request's sprite is unusable.
    bool checkSprite(const QString& name, SpritesReply& reply) const;
    Task<QJsonObject> spriteJson(const SpriteRecord& record);
    QJsonObject spriteObject(const SpriteRecord& record, ProviderState state) const;

    void createSprite(const http::Request& request, SpritesReply reply);
    void listSprites(const http::Request& request, SpritesReply reply);
    void updateSprite(const http::Request& request, SpritesReply reply);
    void deleteSprite(const http::Request& request, SpritesReply reply);

    void listSessions(const QString& name, SpritesReply reply);
    void killSession(const http::Request& request, SpritesReply reply, const QString& name);
    void createCheckpoint(const http::Request& request, SpritesReply reply, const QString& name);
    void restoreCheckpoint(const QString& name, const QString& id, SpritesReply reply);
    // Finds a checkpoint by id (404 when there is none) and hands it to `then`.
    void withCheckpoint(const QString& name, const QString& id, SpritesReply reply,
                        std::function<void(const CheckpointInfo&, SpritesReply)> then);

    void checkExecUpgrade(const http::Request& request, SpritesReply reply);
    void openExec(const SocketRequest& request, std::unique_ptr<QWebSocket> socket);

    Backend& m_backend;
    Options m_options;
    FaultPlan m_faults;
    SpriteRegistry m_registry;
    SpritesServer* m_server = nullptr;
    QHash<QString, QJsonObject> m_networkPolicies; // the last policy document set, as sent
    QHash<QString, QJsonObject> m_privileges;      // sprite -> privileges policy (§14.6)
    QHash<QString, QJsonObject> m_resources;       // sprite -> resources policy
};

} // namespace hangar::spritesapi
