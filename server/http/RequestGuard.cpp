#include "RequestGuard.h"

#include <QUrl>

namespace hangar::http {

namespace {

bool isLoopbackName(const QString& host) {
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// "127.0.0.1:8377" or "[::1]:8377" -> the host part.
QString hostPart(const QByteArray& hostHeader) {
    const QUrl url(QStringLiteral("http://") + QString::fromLatin1(hostHeader));
    return url.host();
}

} // namespace

RequestGuard::RequestGuard(QStringList corsOrigins)
    : m_corsOrigins(std::move(corsOrigins)) {
}

bool RequestGuard::originAllowed(const QByteArray& origin, const QByteArray& host) const {
    if (origin == "http://" + host || origin == "https://" + host)
        return true;
    return m_corsOrigins.contains(QString::fromLatin1(origin));
}

std::optional<Refusal> RequestGuard::check(const QHttpServerRequest& request) const {
    const QByteArray host = request.value(QByteArrayLiteral("Host"));
    if (host.isEmpty())
        return Refusal{HttpReply::Status::BadRequest, QStringLiteral("EINVAL"),
                       QStringLiteral("a Host header is required")};
    // A page on some other site can make a browser send requests to 127.0.0.1 under its own
    // name (DNS rebinding): a loopback server talks only to loopback names.
    if (m_bound.isLoopback() && !isLoopbackName(hostPart(host))) {
        return Refusal{HttpReply::Status::Forbidden, QStringLiteral("host_not_allowed"),
                       QStringLiteral("this server only answers to localhost names")};
    }
    const QByteArray origin = request.value(QByteArrayLiteral("Origin"));
    if (!origin.isEmpty() && !originAllowed(origin, host)) {
        return Refusal{
            HttpReply::Status::Forbidden, QStringLiteral("origin_not_allowed"),
            QStringLiteral("requests from %1 are not allowed (see HANGAR_API_CORS_ORIGINS)")
                .arg(QString::fromLatin1(origin).left(200))};
    }
    return std::nullopt;
}

bool RequestGuard::isPreflight(const QHttpServerRequest& request) const {
    return request.method() == QHttpServerRequest::Method::Options &&
           !request.value(QByteArrayLiteral("Origin")).isEmpty() &&
           !request.value(QByteArrayLiteral("Access-Control-Request-Method")).isEmpty();
}

QList<Header> RequestGuard::headers(const QHttpServerRequest& request) const {
    QList<Header> out{
        {QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")},
        {QByteArrayLiteral("X-Frame-Options"), QByteArrayLiteral("DENY")},
        {QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer")},
        {QByteArrayLiteral("Content-Security-Policy"),
         QByteArrayLiteral("default-src 'self'; frame-ancestors 'none'; base-uri 'none'")},
        {QByteArrayLiteral("Cross-Origin-Resource-Policy"), QByteArrayLiteral("same-origin")},
    };
    const QByteArray origin = request.value(QByteArrayLiteral("Origin"));
    if (!origin.isEmpty() && m_corsOrigins.contains(QString::fromLatin1(origin))) {
        out.append({QByteArrayLiteral("Access-Control-Allow-Origin"), origin});
        out.append(
            {QByteArrayLiteral("Access-Control-Allow-Credentials"), QByteArrayLiteral("true")});
        out.append({QByteArrayLiteral("Access-Control-Allow-Methods"),
                    QByteArrayLiteral("GET, POST, PUT, DELETE, OPTIONS")});
        out.append({QByteArrayLiteral("Access-Control-Allow-Headers"),
                    QByteArrayLiteral("Authorization, Content-Type, Last-Event-ID")});
        out.append({QByteArrayLiteral("Access-Control-Max-Age"), QByteArrayLiteral("600")});
        out.append({QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin")});
    }
    return out;
}

} // namespace hangar::http
