#pragma once

#include "FaultPlan.h"
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
// delete, start, stop, signal; in memory) and the TCP proxy. Faults for client tests: faults().
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
    void addOpsRoutes();     // sessions list/kill, checkpoints, network policy: SpritesOps.cpp
    void addServiceRoutes(); // SpritesServices.cpp
    void addProxyRoutes();   // SpritesProxy.cpp

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
    };
    QJsonObject serviceJson(const Service& service) const;
    // 404 (text) and null when the sprite has no such service.
    std::shared_ptr<Service> findService(const QString& name, const QString& service,
                                         SpritesReply& reply) const;
    void putService(const http::Request& request, SpritesReply reply, const QString& name);
    // Starts it and reports the first `windowMs` as NDJSON (0: answers the service object).
    void startService(const QString& name, std::shared_ptr<Service> service, qint64 windowMs,
                      SpritesReply reply);
    void stopService(std::shared_ptr<Service> service, qint64 timeoutMs, SpritesReply reply);

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
};

} // namespace hangar::spritesapi
