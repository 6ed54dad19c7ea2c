// The Sprites emulator's privileges and resources policies (sprites-api.md §14.6): stored,
// validated and returned as documents; not enforced on the local sandbox. Errors are text/plain.
#include "SpritesApi.h"

#include <QJsonArray>

namespace hangar::spritesapi {

namespace {

using Method = QHttpServerRequest::Method;
using S = SpritesReply::Status;

// The stored privileges document, or the reason it is invalid. Unknown keys are dropped.
std::optional<QJsonObject> parsePrivileges(const QJsonObject& body, QString* why) {
    QJsonObject out;
    if (body.contains(QStringLiteral("profile"))) {
        const QJsonValue profile = body.value(QStringLiteral("profile"));
        static const QStringList profiles{QString(), QStringLiteral("minimal"),
                                          QStringLiteral("standard"), QStringLiteral("privileged")};
        if (!profile.isString() || !profiles.contains(profile.toString())) {
            *why = QStringLiteral("profile must be one of \"\", minimal, standard, privileged");
            return std::nullopt;
        }
        out.insert(QStringLiteral("profile"), profile);
    }
    if (body.contains(QStringLiteral("devices"))) {
        const QJsonValue devices = body.value(QStringLiteral("devices"));
        bool strings = devices.isArray();
        for (const auto& device : devices.toArray())
            strings = strings && device.isString();
        if (!strings) {
            *why = QStringLiteral("devices must be an array of strings");
            return std::nullopt;
        }
        out.insert(QStringLiteral("devices"), devices);
    }
    // camelCase on the wire; the snake_case spelling is accepted too (§14.9 item 40).
    for (const QString& key :
         {QStringLiteral("noNewPrivileges"), QStringLiteral("no_new_privileges")}) {
        if (!body.contains(key))
            continue;
        if (!body.value(key).isBool()) {
            *why = QStringLiteral("noNewPrivileges must be a boolean");
            return std::nullopt;
        }
        out.insert(QStringLiteral("noNewPrivileges"), body.value(key));
    }
    return out;
}

std::optional<QJsonObject> parseResources(const QJsonObject& body, QString* why) {
    QJsonObject out;
    const QJsonValue memory = body.value(QStringLiteral("memory"));
    if (memory.isUndefined() || memory.isNull())
        return out;
    const QJsonObject m = memory.toObject();
    const QJsonValue limit = m.value(QStringLiteral("limit_mb"));
    const double mb = limit.toDouble();
    if (!memory.isObject() || !limit.isDouble() || mb <= 0 || mb != std::floor(mb) ||
        mb > 1024.0 * 1024.0) {
        *why = QStringLiteral("memory.limit_mb must be a positive integer");
        return std::nullopt;
    }
    QJsonObject stored{{QStringLiteral("limit_mb"), static_cast<qint64>(mb)}};
    if (m.contains(QStringLiteral("autoscale"))) {
        if (!m.value(QStringLiteral("autoscale")).isBool()) {
            *why = QStringLiteral("memory.autoscale must be a boolean");
            return std::nullopt;
        }
        stored.insert(QStringLiteral("autoscale"), m.value(QStringLiteral("autoscale")));
    }
    out.insert(QStringLiteral("memory"), stored);
    return out;
}

} // namespace

void SpritesApi::addPolicyRoutes() {
    using Parse = std::optional<QJsonObject> (*)(const QJsonObject&, QString*);
    const QList<std::tuple<QString, QHash<QString, QJsonObject>*, Parse>> kinds{
        {QStringLiteral("privileges"), &m_privileges, &parsePrivileges},
        {QStringLiteral("resources"), &m_resources, &parseResources}};
    for (const auto& [kind, store, parse] : kinds) {
        const QString path = QStringLiteral("/v1/sprites/:name/policy/") + kind;
        m_server->route(Method::Get, path,
                        [this, store](const http::Request& r, SpritesReply reply) {
                            const QString name = r.param(QStringLiteral("name"));
                            if (checkSprite(name, reply))
                                reply.json(store->value(name)); // unset: {}
                        });
        m_server->route(Method::Post, path,
                        [this, store, parse](const http::Request& r, SpritesReply reply) {
                            const QString name = r.param(QStringLiteral("name"));
                            if (!checkSprite(name, reply))
                                return;
                            QString why;
                            const auto body = r.jsonObject(&why);
                            if (!body)
                                return plainError(reply, S::BadRequest, why);
                            const auto document = parse(*body, &why);
                            if (!document)
                                return plainError(reply, S::BadRequest, why);
                            store->insert(name, *document);
                            reply.noContent();
                        });
        m_server->route(Method::Delete, path,
                        [this, store](const http::Request& r, SpritesReply reply) {
                            const QString name = r.param(QStringLiteral("name"));
                            if (!checkSprite(name, reply))
                                return;
                            store->remove(name);
                            reply.noContent();
                        });
    }
}

} // namespace hangar::spritesapi
