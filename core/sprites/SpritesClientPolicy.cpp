// SpritesClient: the @fly/sprites 0.1.0 gateway calls (restart, check; upgrade of §2.7), the
// privileges and resources policies (sprites-api.md §14.6), and the objects that live longer
// than a call: the sprite watch, the port and file watches, and port forwards.
#include "SpritesClient.h"

#include "util/Async.h"

#include <QJsonDocument>

namespace hangar::sprites {

namespace {

template <typename T> Result<T> fromObject(Result<QJsonObject> r) {
    if (!r)
        return r.error();
    return T::fromJson(r.value());
}

} // namespace

Task<void> SpritesClient::upgradeSprite(const QString& name) {
    if (auto valid = validateName(name); !valid)
        return failedTask<void>(valid.error());
    return discardValue(
        m_http->send(
            HttpCall{"POST", spritePath(name) + QStringLiteral("/upgrade"), {}, {}, {}, 60'000}),
        this);
}

Task<SpriteRestart> SpritesClient::restartSprite(const QString& name) {
    if (auto valid = validateName(name); !valid)
        return failedTask<SpriteRestart>(valid.error());
    return mapResult<SpriteRestart>(
        jsonCall(
            HttpCall{"POST", spritePath(name) + QStringLiteral("/restart"), {}, {}, {}, 60'000}),
        this, fromObject<SpriteRestart>);
}

Task<SpriteCheck> SpritesClient::checkSprite(const QString& name) {
    if (auto valid = validateName(name); !valid)
        return failedTask<SpriteCheck>(valid.error());
    return mapResult<SpriteCheck>(
        jsonCall(HttpCall{"GET", spritePath(name) + QStringLiteral("/check"), {}, {}, {}, 0}), this,
        fromObject<SpriteCheck>);
}

SpriteWatch* SpritesClient::watchSprites(const QString& prefix, int maxResults) {
    HttpCall call{"GET", QStringLiteral("/v1/sprites"), {}, {}, {}, 0};
    if (!prefix.isEmpty())
        call.query.append({QStringLiteral("prefix"), prefix});
    if (maxResults > 0)
        call.query.append({QStringLiteral("max_results"), QString::number(maxResults)});
    return new SpriteWatch(m_http->open(call, QByteArrayLiteral("application/x-ndjson")), this);
}

// --- policies -------------------------------------------------------------------------------

Task<PrivilegesPolicy> SpritesClient::privilegesPolicy(const QString& sprite) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<PrivilegesPolicy>(valid.error());
    return mapResult<PrivilegesPolicy>(
        jsonCall(HttpCall{
            "GET", spritePath(sprite) + QStringLiteral("/policy/privileges"), {}, {}, {}, 0}),
        this, fromObject<PrivilegesPolicy>);
}

Task<void> SpritesClient::setPrivilegesPolicy(const QString& sprite,
                                              const PrivilegesPolicy& policy) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<void>(valid.error());
    return discardValue(
        m_http->send(HttpCall{"POST",
                              spritePath(sprite) + QStringLiteral("/policy/privileges"),
                              {},
                              QJsonDocument(policy.toJson()).toJson(QJsonDocument::Compact),
                              "application/json",
                              0}),
        this);
}

Task<ResourcesPolicy> SpritesClient::resourcesPolicy(const QString& sprite) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<ResourcesPolicy>(valid.error());
    return mapResult<ResourcesPolicy>(
        jsonCall(HttpCall{
            "GET", spritePath(sprite) + QStringLiteral("/policy/resources"), {}, {}, {}, 0}),
        this, fromObject<ResourcesPolicy>);
}

Task<void> SpritesClient::setResourcesPolicy(const QString& sprite, const ResourcesPolicy& policy) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<void>(valid.error());
    return discardValue(
        m_http->send(HttpCall{"POST",
                              spritePath(sprite) + QStringLiteral("/policy/resources"),
                              {},
                              QJsonDocument(policy.toJson()).toJson(QJsonDocument::Compact),
                              "application/json",
                              0}),
        this);
}

Task<void> SpritesClient::policyDelete(const QString& sprite, const QString& kind) {
    if (auto valid = validateName(sprite); !valid)
        return failedTask<void>(valid.error());
    return discardValue(
        m_http->send(HttpCall{
            "DELETE", spritePath(sprite) + QStringLiteral("/policy/") + kind, {}, {}, {}, 0}),
        this);
}

Task<void> SpritesClient::deletePrivilegesPolicy(const QString& sprite) {
    return policyDelete(sprite, QStringLiteral("privileges"));
}

Task<void> SpritesClient::deleteResourcesPolicy(const QString& sprite) {
    return policyDelete(sprite, QStringLiteral("resources"));
}

// --- proxy and watches ----------------------------------------------------------------------

Result<PortForward*> SpritesClient::forwardPort(const QString& sprite, quint16 remotePort,
                                                const QString& remoteHost, quint16 localPort) {
    if (auto valid = validateName(sprite); !valid)
        return valid.error();
    if (remotePort == 0 || remoteHost.isEmpty())
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("port forward: give a host and a port from 1 to 65535"));
    auto* forward =
        new PortForward(socketRequest(spritePath(sprite) + QStringLiteral("/proxy"), {}),
                        remoteHost, remotePort, m_options, this);
    if (auto listening = forward->listen(QHostAddress::LocalHost, localPort); !listening) {
        delete forward;
        return listening.error();
    }
    return forward;
}

PortWatch* SpritesClient::watchPorts(const QString& sprite) {
    return new PortWatch(socketRequest(spritePath(sprite) + QStringLiteral("/ports/watch"), {}),
                         this);
}

FileWatch* SpritesClient::watchFiles(const QString& sprite, const QStringList& paths,
                                     bool recursive, const QString& workingDir) {
    return new FileWatch(socketRequest(spritePath(sprite) + QStringLiteral("/fs/watch"), {}), paths,
                         recursive, workingDir, this);
}

} // namespace hangar::sprites
