#pragma once

#include "FaultPlan.h"
#include "SpritesReply.h"
#include "http/Router.h"
#include "util/Result.h"

#include <QAbstractHttpServer>
#include <QUrl>
#include <QUrlQuery>
#include <QWebSocket>

#include <functional>
#include <memory>

namespace hangar::spritesapi {

// The query of a request as the SDKs write it: form-encoded, '+' for a space. Every query value
// of the emulator is read through these (http::Request::query() would keep the '+').
QUrlQuery formQuery(const QUrl& url);
QString queryValue(const http::Request& request, const QString& name);

// An accepted WebSocket upgrade, as its handler sees it.
struct SocketRequest {
    QUrl url;
    QHash<QString, QString> params;
    QUrlQuery query;
    QString param(const QString& name) const { return params.value(name); }
    QString value(const QString& name) const {
        return query.queryItemValue(name, QUrl::FullyDecoded);
    }
    QStringList values(const QString& name) const {
        return query.allQueryItemValues(name, QUrl::FullyDecoded);
    }
};

using Handler = std::function<void(const http::Request&, SpritesReply)>;
// Runs when an upgrade request arrives, before the handshake: replying refuses the upgrade
// with that answer; not replying (synchronously) lets it proceed.
using UpgradeCheck = std::function<void(const http::Request&, SpritesReply)>;
using SocketHandler = std::function<void(const SocketRequest&, std::unique_ptr<QWebSocket>)>;

// The HTTP plumbing of the Sprites emulator: one route table (http::Router for matching),
// bearer auth with the Sprites 401 body, fault injection, and WebSocket upgrades on the same
// port. Qt 6.4's QAbstractHttpServer calls handleRequest() for an upgrade first and hands the
// socket to its QWebSocketServer only when that returns true; returning false makes it call
// missingHandler() and close the connection, so a refusal is written by handleRequest and
// missingHandler then leaves it alone. The 101 response is QWebSocketServer's own: it cannot
// carry extra headers such as X-Sprite-Capabilities.
class SpritesServer : public QAbstractHttpServer {
    Q_OBJECT
public:
    SpritesServer(QString token, FaultPlan* faults, qint64 maxBodyBytes, QObject* parent = nullptr);

    void route(QHttpServerRequest::Method method, const QString& pattern, Handler handler);
    void socketRoute(const QString& pattern, UpgradeCheck check, SocketHandler handler);

    Result<QString> listenOn(const QString& hostPort);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    bool authorized(const QHttpServerRequest& request) const;
    // Applies a fault; true when it answered the request already.
    bool applyFault(const QHttpServerRequest& request, SpritesReply& reply);
    void onNewWebSocket();

    QByteArray m_token;
    FaultPlan* m_faults;
    qint64 m_maxBodyBytes;
    http::Router m_router;
    QList<Handler> m_handlers; // parallel to m_router.routes()
    http::Router m_socketRouter;
    QList<QPair<UpgradeCheck, SocketHandler>> m_socketHandlers;
};

} // namespace hangar::spritesapi
