#pragma once

#include "HttpReply.h"

#include <QHash>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <memory>
#include <optional>

namespace hangar::http {

// One request as a handler sees it: the HTTP request plus the path parameters.
struct Request {
    const QHttpServerRequest& http;
    QHash<QString, QString> params; // ":id" in the pattern -> "id"

    QString param(const QString& name) const { return params.value(name); }
    QString query(const QString& name) const;
    // The body as a JSON object; nullopt (with the reason in *why) when it is not one.
    std::optional<QJsonObject> jsonObject(QString* why) const;
};

using Handler = std::function<void(const Request&, HttpReply)>;

// An accepted WebSocket upgrade as its handler sees it (the HTTP request is gone by then).
struct SocketRequest {
    QUrl url;
    QHash<QString, QString> params;
    QString param(const QString& name) const { return params.value(name); }
    QString query(const QString& name) const;
};
using SocketHandler = std::function<void(const SocketRequest&, std::unique_ptr<QWebSocket>)>;

enum class Auth { Required, Public };

struct Route {
    QHttpServerRequest::Method method;
    QString pattern; // "/api/sandboxes/:id/resume"; a last segment "*path" takes the rest
    Auth auth;
    Handler handler;
    qint64 maxBodyBytes = 0;          // 0: the server's default limit
    SocketHandler socketHandler = {}; // set: a WebSocket route (GET with Upgrade)
};

// The one explicit route table of a server: method, path pattern, auth, handler.
class Router {
public:
    void add(Route route);
    const QList<Route>& routes() const { return m_routes; }

    struct Match {
        const Route* route = nullptr;
        QHash<QString, QString> params;
        bool pathMatchedOtherMethod = false; // -> 405 instead of 404
    };
    // `path` as sent, percent-encoded. WebSocket routes match only upgrades and the others
    // only plain requests.
    Match match(QHttpServerRequest::Method method, const QString& path, bool upgrade = false) const;

private:
    QList<Route> m_routes;
};

} // namespace hangar::http
