#include "SpritesServer.h"

#include "http/ApiToken.h"

#include "http/ListenAddress.h"
#include <QHostAddress>
#include <QRegularExpression>

namespace hangar::spritesapi {

namespace {

const char* const AnsweredProperty = "hangarSpritesAnswered";

bool isUpgrade(const QHttpServerRequest& request) {
    return request.value(QByteArrayLiteral("Upgrade"))
               .compare(QByteArrayLiteral("websocket"), Qt::CaseInsensitive) == 0;
}

QString methodName(QHttpServerRequest::Method method) {
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    default:
        return QStringLiteral("OTHER");
    }
}

} // namespace

SpritesServer::SpritesServer(QString token, FaultPlan* faults, qint64 maxBodyBytes, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_token(token.toUtf8())
    , m_faults(faults)
    , m_maxBodyBytes(maxBodyBytes) {
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this,
            &SpritesServer::onNewWebSocket);
}

void SpritesServer::route(QHttpServerRequest::Method method, const QString& pattern,
                          Handler handler) {
    m_router.add(http::Route{method, pattern, http::Auth::Required, {}});
    m_handlers.append(std::move(handler));
}

void SpritesServer::socketRoute(const QString& pattern, UpgradeCheck check, SocketHandler handler) {
    m_socketRouter.add(
        http::Route{QHttpServerRequest::Method::Get, pattern, http::Auth::Required, {}});
    m_socketHandlers.append({std::move(check), std::move(handler)});
}

Result<QString> SpritesServer::listenOn(const QString& hostPort) {
    auto where = http::ListenAddress::parse(hostPort);
    if (!where)
        return where.error();
    return http::listenOn(*this, where.value());
}

QUrlQuery formQuery(const QUrl& url) {
    // Both SDKs form-encode their queries (URLSearchParams, Go's url.Values): a space is '+',
    // and a literal '+' arrives as %2B. QUrlQuery alone would keep the '+'.
    QString query = url.query(QUrl::FullyEncoded);
    query.replace(QLatin1Char('+'), QStringLiteral("%20"));
    return QUrlQuery(query);
}

QString queryValue(const http::Request& request, const QString& name) {
    return formQuery(request.http.url()).queryItemValue(name, QUrl::FullyDecoded);
}

bool SpritesServer::authorized(const QHttpServerRequest& request) const {
    const QByteArray header = request.value(QByteArrayLiteral("Authorization"));
    static const QByteArray prefix = QByteArrayLiteral("Bearer ");
    if (!header.startsWith(prefix) || m_token.isEmpty())
        return false;
    return http::tokensEqual(header.mid(prefix.size()).trimmed(), m_token);
}

bool SpritesServer::applyFault(const QHttpServerRequest& request, SpritesReply& reply) {
    if (!m_faults)
        return false;
    auto fault = m_faults->take(methodName(request.method()), request.url().path());
    if (!fault)
        return false;
    switch (fault->kind) {
    case FaultPlan::Kind::Delay:
        reply.setDelay(fault->delayMs);
        return false;
    case FaultPlan::Kind::Drop:
        if (isUpgrade(request))
            return false; // socket drops are planned with method "WS" (FaultPlan.h)
        reply.setDropMidBody(true);
        return false;
    case FaultPlan::Kind::Respond:
        break;
    }
    const auto status = static_cast<SpritesReply::Status>(fault->status);
    QJsonObject extra;
    SpritesReply::Headers headers;
    QString code = QStringLiteral("injected_fault");
    QString message = QStringLiteral("injected fault: HTTP %1").arg(fault->status);
    if (fault->status == 429) {
        code = QStringLiteral("rate_limited");
        message = QStringLiteral("rate limit exceeded (injected)");
        extra.insert(QStringLiteral("limit"), 10);
        extra.insert(QStringLiteral("window_seconds"), 60);
    }
    if (fault->retryAfterSeconds >= 0) {
        extra.insert(QStringLiteral("retry_after_seconds"), fault->retryAfterSeconds);
        headers.append(
            {QByteArrayLiteral("Retry-After"), QByteArray::number(fault->retryAfterSeconds)});
        headers.append({QByteArrayLiteral("X-RateLimit-Limit"), QByteArrayLiteral("10")});
        headers.append({QByteArrayLiteral("X-RateLimit-Remaining"), QByteArrayLiteral("0")});
    }
    reply.gatewayError(status, code, message, extra, headers);
    return true;
}

bool SpritesServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) {
    SpritesReply reply(makeResponder(request, socket), socket);
    const bool upgrade = isUpgrade(request);
    // For an upgrade, "handled" (true) means "go ahead with the handshake".
    auto refused = [upgrade, socket]() {
        if (!upgrade)
            return true;
        socket->setProperty(AnsweredProperty, true);
        return false;
    };
    if (!authorized(request)) {
        reply.gatewayError(SpritesReply::Status::Unauthorized, QStringLiteral("unauthorized"),
                           QStringLiteral("Missing or invalid authentication"));
        return refused();
    }
    if (applyFault(request, reply))
        return refused();
    if (request.body().size() > m_maxBodyBytes) {
        reply.gatewayError(
            SpritesReply::Status::PayloadTooLarge, QStringLiteral("payload_too_large"),
            QStringLiteral("the request body is larger than %1 bytes").arg(m_maxBodyBytes));
        return refused();
    }
    const QString path = request.url().path(QUrl::FullyEncoded);
    if (upgrade) {
        const auto match = m_socketRouter.match(request.method(), path);
        if (!match.route) {
            reply.gatewayError(
                SpritesReply::Status::NotFound, QStringLiteral("not_found"),
                QStringLiteral("no WebSocket endpoint at %1").arg(request.url().path()));
            return refused();
        }
        const auto index = match.route - m_socketRouter.routes().constData();
        m_socketHandlers[index].first(http::Request{request, match.params}, reply);
        return reply.isDone() ? refused() : true;
    }
    const auto match = m_router.match(request.method(), path);
    if (!match.route) {
        if (match.pathMatchedOtherMethod)
            reply.gatewayError(
                SpritesReply::Status::MethodNotAllowed, QStringLiteral("method_not_allowed"),
                QStringLiteral("%1 does not accept this method").arg(request.url().path()));
        else
            reply.gatewayError(SpritesReply::Status::NotFound, QStringLiteral("not_found"),
                               QStringLiteral("no such endpoint: %1").arg(request.url().path()));
        return true;
    }
    const auto index = match.route - m_router.routes().constData();
    m_handlers[index](http::Request{request, match.params}, reply);
    return true;
}

void SpritesServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) {
    if (socket->property(AnsweredProperty).toBool())
        return; // a refused upgrade, answered by handleRequest
    SpritesReply reply(makeResponder(request, socket), socket);
    reply.gatewayError(SpritesReply::Status::NotFound, QStringLiteral("not_found"),
                       QStringLiteral("no such endpoint: %1").arg(request.url().path()));
}

void SpritesServer::onNewWebSocket() {
    while (hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = nextPendingWebSocketConnection();
        if (!socket)
            continue;
        const QUrl url = socket->request().url();
        const auto match =
            m_socketRouter.match(QHttpServerRequest::Method::Get, url.path(QUrl::FullyEncoded));
        if (!match.route) {
            socket->close(QWebSocketProtocol::CloseCodeNormal);
            continue;
        }
        const auto index = match.route - m_socketRouter.routes().constData();
        m_socketHandlers[index].second(SocketRequest{url, match.params, formQuery(url)},
                                       std::move(socket));
    }
}

} // namespace hangar::spritesapi
