#pragma once

#include "FaultPlan.h"
#include "ServiceLog.h"
#include "SpriteRegistry.h"
#include "SpritesServer.h"
#include "backend/Backend.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace hangar::spritesapi {

// The Sprites-compatible API (sprites-api.md) served over a Backend — in practice
// LocalBackend, so sprites are local sandboxes and exec sessions are real processes.
// This slice serves the gateway lifecycle (create, get, list, update, delete), exec over
// WebSocket (non-TTY framing, TTY, attach by session id) and the filesystem API (read, write,
// list, delete, rename, copy, chmod), the session list and kill, checkpoints (create, list,
// get, restore, delete; progress as NDJSON), the network policy, services (list, get, create,
// delete, start, stop, signal, restart, logs; real processes, definitions in memory) and the TCP
// proxy; and the @fly/sprites 0.1.0 additions (§14): sprite restart, check, upgrade and watch,
// HTTP exec, the port and filesystem watches, the privileges and resources policies and fs
// chown. Faults for client tests: faults().
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

    // A service (sprites-api.md §6): its definition and the session that runs it.
    struct Service {
        QString name;
        QString cmd;
        QStringList args;
        QStringList needs;
        QMap<QString, QString> env;
        QString dir;
        std::optional<int> httpPort;
        QPointer<ExecSession> session; // null when not running
        QString status = QStringLiteral("stopped");
        QDateTime startedAt;
        QString error;
        int restartCount = 0;
        bool stopping = false; // a stop or signal was asked for: the exit is a clean stop
        std::shared_ptr<ServiceLog> log = std::make_shared<ServiceLog>();
    };
    QJsonObject serviceJson(const Service& service) const;
    // 404 (text) and null when the sprite has no such service.
    std::shared_ptr<Service> findService(const QString& name, const QString& service,
                                         SpritesReply& reply) const;
    void putService(const http::Request& request, SpritesReply reply, const QString& name);
    // Starts it and reports the first `windowMs` as NDJSON (0: answers the service object).
    void startService(const QString& name, std::shared_ptr<Service> service, qint64 windowMs,
                      SpritesReply reply);
    // Streams `stopping` ... `stopped`; then `complete` and the end, or `then(reply)` to go on.
    void stopService(std::shared_ptr<Service> service, qint64 timeoutMs, SpritesReply reply,
                     std::function<void(SpritesReply)> then = {});
    // Stops a running service (if it runs) and starts it again, one NDJSON stream (§14.5).
    void restartService(const QString& name, std::shared_ptr<Service> service, qint64 windowMs,
                        SpritesReply reply);

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
    QHash<QString, QMap<QString, std::shared_ptr<Service>>> m_services; // sprite -> name -> service
    QHash<QString, QJsonObject> m_networkPolicies; // the last policy document set, as sent
    QHash<QString, QJsonObject> m_privileges;      // sprite -> privileges policy (§14.6)
    QHash<QString, QJsonObject> m_resources;       // sprite -> resources policy
};

} // namespace hangar::spritesapi
