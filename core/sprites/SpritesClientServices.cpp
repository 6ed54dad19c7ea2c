// SpritesClient: services and their log streams (sprites-api.md §6, §14.5).
#include "SpritesClient.h"

#include "util/Async.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>

namespace hangar::sprites {

namespace {

QString encoded(const QString& segment) {
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

Status validService(const QString& sprite, const QString& service) {
    if (auto valid = SpritesClient::validateName(sprite); !valid)
        return valid;
    // The same alphabet as sprite names; "signal" is the path of POST /services/signal.
    if (auto valid = SpritesClient::validateName(service);
        !valid || service == QLatin1String("signal"))
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("invalid service name '%1'").arg(service));
    return {};
}

} // namespace

QString SpritesClient::servicePath(const QString& sprite, const QString& service) const {
    return spritePath(sprite) + QStringLiteral("/services/") + encoded(service);
}

Task<QList<ServiceEvent>> SpritesClient::serviceStream(HttpCall call, ServiceEventHandler onEvent) {
    auto events = std::make_shared<QList<ServiceEvent>>();
    Task<void> streamed = m_http->stream(call, [events, onEvent](const QJsonObject& object) {
        const ServiceEvent event = ServiceEvent::fromJson(object);
        events->append(event);
        if (onEvent)
            onEvent(event);
    });
    return mapResult<QList<ServiceEvent>>(streamed, this,
                                          [events](Status done) -> Result<QList<ServiceEvent>> {
                                              if (!done)
                                                  return done.error();
                                              return *events;
                                          });
}

Task<QList<ServiceInfo>> SpritesClient::listServices(const QString& sprite) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<QList<ServiceInfo>>(valid.error());
    const QString path = spritePath(sprite) + QStringLiteral("/services");
    return mapResult<QList<ServiceInfo>>(
        m_http->send(HttpCall{"GET", path, {}, {}, {}, 0}), this,
        [path](Result<HttpResult> r) -> Result<QList<ServiceInfo>> {
            if (!r)
                return r.error();
            const QJsonDocument doc = QJsonDocument::fromJson(r.value().body);
            // A bare array (Go) or {"services": [...]} (§14.5).
            if (!doc.isArray() && !doc.isObject())
                return makeError(ErrorCode::Io,
                                 QStringLiteral("GET %1: the answer is not JSON").arg(path));
            const QJsonArray array = doc.isArray()
                                         ? doc.array()
                                         : doc.object().value(QStringLiteral("services")).toArray();
            QList<ServiceInfo> services;
            for (const auto& entry : array)
                services.append(ServiceInfo::fromJson(entry.toObject()));
            return services;
        });
}

Task<ServiceInfo> SpritesClient::getService(const QString& sprite, const QString& service) {
    if (auto valid = validService(sprite, service); !valid)
        return failedTask<ServiceInfo>(valid.error());
    return mapResult<ServiceInfo>(
        jsonCall(HttpCall{"GET", servicePath(sprite, service), {}, {}, {}, 0}), this,
        [](Result<QJsonObject> r) -> Result<ServiceInfo> {
            if (!r)
                return r.error();
            return ServiceInfo::fromJson(r.value());
        });
}

Task<QList<ServiceEvent>> SpritesClient::putService(const QString& sprite, const QString& service,
                                                    const ServiceRequest& request,
                                                    const QString& duration,
                                                    ServiceEventHandler onEvent) {
    if (auto valid = validService(sprite, service); !valid)
        return failedTask<QList<ServiceEvent>>(valid.error());
    if (request.cmd.isEmpty())
        return failedTask<QList<ServiceEvent>>(
            makeError(ErrorCode::InvalidArgument, QStringLiteral("service: no cmd given")));
    HttpCall call{"PUT",
                  servicePath(sprite, service),
                  {},
                  QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact),
                  "application/json",
                  0};
    if (!duration.isEmpty())
        call.query.append({QStringLiteral("duration"), duration});
    return serviceStream(call, std::move(onEvent));
}

Task<void> SpritesClient::deleteService(const QString& sprite, const QString& service) {
    if (auto valid = validService(sprite, service); !valid)
        return failedTask<void>(valid.error());
    return discardValue(
        m_http->send(HttpCall{"DELETE", servicePath(sprite, service), {}, {}, {}, 0}), this);
}

Task<QList<ServiceEvent>> SpritesClient::startService(const QString& sprite, const QString& service,
                                                      const QString& duration,
                                                      ServiceEventHandler onEvent) {
    if (auto valid = validService(sprite, service); !valid)
        return failedTask<QList<ServiceEvent>>(valid.error());
    HttpCall call{"POST", servicePath(sprite, service) + QStringLiteral("/start"), {}, {}, {}, 0};
    if (!duration.isEmpty())
        call.query.append({QStringLiteral("duration"), duration});
    return serviceStream(call, std::move(onEvent));
}

Task<QList<ServiceEvent>> SpritesClient::stopService(const QString& sprite, const QString& service,
                                                     const QString& timeout,
                                                     ServiceEventHandler onEvent) {
    if (auto valid = validService(sprite, service); !valid)
        return failedTask<QList<ServiceEvent>>(valid.error());
    HttpCall call{"POST", servicePath(sprite, service) + QStringLiteral("/stop"), {}, {}, {}, 0};
    if (!timeout.isEmpty())
        call.query.append({QStringLiteral("timeout"), timeout});
    return serviceStream(call, std::move(onEvent));
}

Task<QList<ServiceEvent>> SpritesClient::restartService(const QString& sprite,
                                                        const QString& service,
                                                        const QString& duration,
                                                        ServiceEventHandler onEvent) {
    if (auto valid = validService(sprite, service); !valid)
        return failedTask<QList<ServiceEvent>>(valid.error());
    HttpCall call{"POST", servicePath(sprite, service) + QStringLiteral("/restart"), {}, {}, {}, 0};
    if (!duration.isEmpty())
        call.query.append({QStringLiteral("duration"), duration});
    return serviceStream(call, std::move(onEvent));
}

Task<void> SpritesClient::signalService(const QString& sprite, const QString& service,
                                        const QString& signal) {
    if (auto valid = validService(sprite, service); !valid)
        return failedTask<void>(valid.error());
    if (signal.isEmpty())
        return failedTask<void>(
            makeError(ErrorCode::InvalidArgument, QStringLiteral("signal: no signal given")));
    const QJsonObject body{{QStringLiteral("name"), service}, {QStringLiteral("signal"), signal}};
    return discardValue(
        m_http->send(HttpCall{"POST",
                              spritePath(sprite) + QStringLiteral("/services/signal"),
                              {},
                              QJsonDocument(body).toJson(QJsonDocument::Compact),
                              "application/json",
                              0}),
        this);
}

Task<QList<ServiceEvent>> SpritesClient::serviceLogs(const QString& sprite, const QString& service,
                                                     std::optional<int> lines,
                                                     const QString& follow,
                                                     ServiceEventHandler onEvent) {
    if (auto valid = validService(sprite, service); !valid)
        return failedTask<QList<ServiceEvent>>(valid.error());
    HttpCall call{"GET", servicePath(sprite, service) + QStringLiteral("/logs"), {}, {}, {}, 0};
    if (lines)
        call.query.append({QStringLiteral("lines"), QString::number(*lines)});
    if (!follow.isEmpty())
        call.query.append({QStringLiteral("duration"), follow});
    return serviceStream(call, std::move(onEvent));
}

Result<QNetworkReply*> SpritesClient::openServiceLogs(const QString& sprite, const QString& service,
                                                      std::optional<int> lines,
                                                      const QString& follow) {
    if (auto valid = validService(sprite, service); !valid)
        return valid.error();
    HttpCall call{"GET", servicePath(sprite, service) + QStringLiteral("/logs"), {}, {}, {}, 0};
    if (lines)
        call.query.append({QStringLiteral("lines"), QString::number(*lines)});
    if (!follow.isEmpty())
        call.query.append({QStringLiteral("duration"), follow});
    QNetworkReply* reply = m_http->open(call, QByteArrayLiteral("application/x-ndjson"));
    reply->setParent(this);
    return reply;
}

} // namespace hangar::sprites
