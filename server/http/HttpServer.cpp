#include "HttpServer.h"

#include "ApiToken.h"

#include "ListenAddress.h"
#include <QLoggingCategory>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcHttp, "hangar.http")

namespace hangar::http {

HttpServer::HttpServer(Router router, QString token, RequestGuard guard, CookieSessions* sessions,
                       ServerLimits limits, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_router(std::move(router))
    , m_token(token.toUtf8())
    , m_guard(std::move(guard))
    , m_sessions(sessions)
    , m_limits(limits) {
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, &HttpServer::onNewWebSocket);
}

Result<QString> HttpServer::listenOn(const QString& hostPort) {
    auto where = ListenAddress::parse(hostPort);
    if (!where)
        return where.error();
    m_guard.setBoundAddress(where.value().address);
    return http::listenOn(*this, where.value());
}

bool HttpServer::authorized(const QHttpServerRequest& request) const {
    const QByteArray header = request.value(QByteArrayLiteral("Authorization"));
    static const QByteArray prefix = QByteArrayLiteral("Bearer ");
    if (header.startsWith(prefix) && !m_token.isEmpty())
        return tokensEqual(header.mid(prefix.size()).trimmed(), m_token);
    return m_sessions && m_sessions->isValid(CookieSessions::sessionOf(request));
}

namespace {

constexpr auto kAnsweredProperty = "hangarAnswered";

bool isUpgrade(const QHttpServerRequest& request) {
    return request.value(QByteArrayLiteral("Upgrade"))
               .compare(QByteArrayLiteral("websocket"), Qt::CaseInsensitive) == 0;
}

} // namespace

bool HttpServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) {
    HttpReply reply(makeResponder(request, socket), socket);
    const bool upgrade = isUpgrade(request);
    // For an upgrade, Qt goes ahead with the handshake when this returns true; a refusal is
    // written here, and returning false makes Qt close the connection (missingHandler skips
    // sockets answered here).
    auto answered = [upgrade, socket] {
        if (!upgrade)
            return true;
        socket->setProperty(kAnsweredProperty, true);
        return false;
    };
    for (const auto& [name, value] : m_guard.headers(request))
        reply.addHeader(name, value);
    qint64 headerBytes = 0;
    for (const auto& [name, value] : request.headers())
        headerBytes += name.size() + value.size() + 4;
    if (headerBytes > m_limits.maxHeaderBytes) {
        reply.error(HttpReply::Status::RequestHeaderFieldsTooLarge, QStringLiteral("EFBIG"),
                    QStringLiteral("the request headers are larger than %1 bytes")
                        .arg(m_limits.maxHeaderBytes));
        return answered();
    }
    if (const auto refusal = m_guard.check(request)) {
        reply.error(refusal->status, refusal->code, refusal->message);
        return answered();
    }
    if (m_guard.isPreflight(request)) {
        reply.noContent();
        return answered();
    }
    const auto match =
        m_router.match(request.method(), request.url().path(QUrl::FullyEncoded), upgrade);
    const qint64 limit = match.route && match.route->maxBodyBytes > 0 ? match.route->maxBodyBytes
                                                                      : m_limits.maxBodyBytes;
    if (request.body().size() > limit) {
        reply.error(HttpReply::Status::PayloadTooLarge, QStringLiteral("EFBIG"),
                    QStringLiteral("the request body is larger than %1 bytes").arg(limit));
        return answered();
    }
    if (!match.route) {
        if (match.pathMatchedOtherMethod) {
            reply.error(HttpReply::Status::MethodNotAllowed, QStringLiteral("method_not_allowed"),
                        QStringLiteral("%1 does not accept this method").arg(request.url().path()));
        } else {
            reply.error(HttpReply::Status::NotFound, QStringLiteral("not_found"),
                        QStringLiteral("no such endpoint: %1").arg(request.url().path()));
        }
        return answered();
    }
    if (match.route->auth == Auth::Required && !authorized(request)) {
        reply.error(HttpReply::Status::Unauthorized, QStringLiteral("unauthorized"),
                    QStringLiteral("missing or invalid bearer token"));
        return answered();
    }
    if (upgrade)
        return true; // the handshake follows; onNewWebSocket() hands the socket to the route
    match.route->handler(Request{request, match.params}, reply);
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) {
    if (socket->property(kAnsweredProperty).toBool())
        return;
    HttpReply reply(makeResponder(request, socket), socket);
    reply.error(HttpReply::Status::NotFound, QStringLiteral("not_found"),
                QStringLiteral("no such endpoint: %1").arg(request.url().path()));
}

void HttpServer::onNewWebSocket() {
    while (hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = nextPendingWebSocketConnection();
        if (!socket)
            continue;
        const QUrl url = socket->requestUrl();
        const auto match =
            m_router.match(QHttpServerRequest::Method::Get, url.path(QUrl::FullyEncoded), true);
        if (!match.route) {
            socket->close(QWebSocketProtocol::CloseCodeNormal);
            continue;
        }
        match.route->socketHandler(SocketRequest{url, match.params}, std::move(socket));
    }
}

} // namespace hangar::http
