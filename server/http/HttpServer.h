#pragma once

#include "CookieSessions.h"
#include "RequestGuard.h"
#include "Router.h"
#include "util/Result.h"

#include <QAbstractHttpServer>
#include <QHostAddress>

namespace hangar::http {

struct ServerLimits {
    qint64 maxHeaderBytes = 16 * 1024;
    // JSON bodies are small; file uploads will stream instead (QHttpServer 6.4 buffers whole
    // bodies, slowly, so the limit stays low).
    qint64 maxBodyBytes = 1024 * 1024;
};

// An HTTP server that dispatches through one Router, checks the bearer token on every route
// that requires it, enforces body limits and answers every failure as a JSON error.
class HttpServer : public QAbstractHttpServer {
    Q_OBJECT
public:
    // `sessions` (may be null) lets a browser cookie stand in for the bearer token.
    HttpServer(Router router, QString token, RequestGuard guard, CookieSessions* sessions,
               ServerLimits limits = {}, QObject* parent = nullptr);

    // Listens on "host:port" (port 0 picks a free one); returns the address actually bound.
    Result<QString> listenOn(const QString& hostPort);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    void onNewWebSocket();
    bool authorized(const QHttpServerRequest& request) const;

    Router m_router;
    QByteArray m_token;
    RequestGuard m_guard;
    CookieSessions* m_sessions;
    ServerLimits m_limits;
};

} // namespace hangar::http
