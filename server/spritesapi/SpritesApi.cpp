// The Sprites emulator: construction and the gateway lifecycle routes (sprites-api.md §2).
#include "SpritesApi.h"

#include "SpritesJson.h"
#include "util/Async.h"

#include <QJsonArray>
#include <QUuid>

namespace hangar::spritesapi {

namespace {

using Method = QHttpServerRequest::Method;
using S = SpritesReply::Status;

constexpr int DefaultPageSize = 50;
constexpr int MaxPageSize = 500;
constexpr int RunningLimit = 10;
constexpr int WarmLimit = 50;

void backendError(SpritesReply& reply, const Error& error) {
    const S status = error.code == ErrorCode::NotFound          ? S::NotFound
                     : error.code == ErrorCode::InvalidArgument ? S::BadRequest
                     : error.code == ErrorCode::Unavailable     ? S::ServiceUnavailable
                                                                : S::InternalServerError;
    reply.gatewayError(status, errorCodeName(error.code), error.describe());
}

// url_settings from a create/update body; false (and a 400 reply) when malformed.
bool readUrlSettings(const QJsonObject& body, SpriteRecord* record, SpritesReply& reply) {
    const QJsonValue value = body.value(QStringLiteral("url_settings"));
    if (value.isUndefined() || value.isNull())
        return true;
    const QJsonObject settings = value.toObject();
    const QString auth = settings.value(QStringLiteral("auth")).toString(record->urlAuth);
    if (!value.isObject() || (auth != QLatin1String("sprite") && auth != QLatin1String("public"))) {
        reply.gatewayError(S::BadRequest, QStringLiteral("invalid_url_settings"),
                           QStringLiteral("url_settings.auth must be \"sprite\" or \"public\""));
        return false;
    }
    record->urlAuth = auth;
    if (settings.contains(QStringLiteral("private_access")))
        record->privateAccess = settings.value(QStringLiteral("private_access")).toString();
    return true;
}

bool readLabels(const QJsonObject& body, SpriteRecord* record, SpritesReply& reply) {
    if (body.value(QStringLiteral("clear_labels")).toBool())
        record->labels.clear();
    const QJsonValue value = body.value(QStringLiteral("labels"));
    if (value.isUndefined() || value.isNull())
        return true;
    QStringList labels;
    const QJsonArray array = value.toArray();
    for (const auto& label : array) {
        if (!label.isString()) {
            reply.gatewayError(S::BadRequest, QStringLiteral("invalid_labels"),
                               QStringLiteral("labels must be an array of strings"));
            return false;
        }
        labels.append(label.toString());
    }
    if (!value.isArray()) {
        reply.gatewayError(S::BadRequest, QStringLiteral("invalid_labels"),
                           QStringLiteral("labels must be an array of strings"));
        return false;
    }
    record->labels = labels;
    return true;
}

} // namespace

SpritesApi::SpritesApi(Backend& backend, Options options, QObject* parent)
    : QObject(parent)
    , m_backend(backend)
    , m_options(std::move(options))
    , m_registry(m_options.stateFile) {
    // A little headroom over the fs write limit, so the handler can answer 413 itself.
    m_server = new SpritesServer(m_options.token, &m_faults, m_options.maxBodyBytes, this);
    addGatewayRoutes();
    addExecRoutes();
    addFsRoutes();
    addOpsRoutes();
    addServiceRoutes();
    addProxyRoutes();
    addLifecycleRoutes();
    addHttpExecRoutes();
    addPolicyRoutes();
    addServiceLogRoutes();
    addWatchRoutes();
    addChownRoute();
}

SpritesApi::~SpritesApi() = default;

Result<QString> SpritesApi::listen(const QString& hostPort) {
    return m_server->listenOn(hostPort);
}

bool SpritesApi::checkSprite(const QString& name, SpritesReply& reply) const {
    if (auto valid = SpriteRegistry::validateName(name); !valid) {
        reply.gatewayError(S::BadRequest, QStringLiteral("invalid_name"), valid.error().message);
        return false;
    }
    if (!m_registry.contains(name)) {
        reply.gatewayError(S::NotFound, QStringLiteral("sprite not found"),
                           QStringLiteral("sprite '%1' not found").arg(name));
        return false;
    }
    return true;
}

QJsonObject SpritesApi::spriteObject(const SpriteRecord& r, ProviderState state) const {
    QJsonObject urlSettings{{QStringLiteral("auth"), r.urlAuth}};
    if (!r.privateAccess.isEmpty())
        urlSettings.insert(QStringLiteral("private_access"), r.privateAccess);
    QJsonObject sprite{
        {QStringLiteral("id"), r.id},
        {QStringLiteral("name"), r.name},
        {QStringLiteral("organization"), m_options.organization},
        {QStringLiteral("status"), providerStatusName(state)},
        {QStringLiteral("url"), QStringLiteral("https://%1.sprites.localhost").arg(r.name)},
        {QStringLiteral("url_settings"), urlSettings},
        {QStringLiteral("created_at"), timeValue(r.createdAt)},
        {QStringLiteral("updated_at"), timeValue(r.updatedAt)},
        {QStringLiteral("last_running_at"), timeValue(r.lastRunningAt)},
        {QStringLiteral("last_warming_at"), QJsonValue::Null},
        {QStringLiteral("version"), QString::fromLatin1(SpritesReply::Version)},
        {QStringLiteral("environment_version"), QString::fromLatin1(SpritesReply::Version)}};
    if (!r.labels.isEmpty())
        sprite.insert(QStringLiteral("labels"), QJsonArray::fromStringList(r.labels));
    return sprite;
}

Task<QJsonObject> SpritesApi::spriteJson(const SpriteRecord& record) {
    return mapResult<QJsonObject>(
        m_backend.status(record.name), this,
        [this, record](Result<ProviderStatus> status) -> Result<QJsonObject> {
            if (!status)
                return status.error();
            return spriteObject(record, status.value().state);
        });
}

void SpritesApi::addGatewayRoutes() {
    m_server->route(Method::Post, QStringLiteral("/v1/sprites"),
                    [this](const http::Request& r, SpritesReply reply) { createSprite(r, reply); });
    m_server->route(Method::Get, QStringLiteral("/v1/sprites"),
                    [this](const http::Request& r, SpritesReply reply) { listSprites(r, reply); });
    m_server->route(Method::Get, QStringLiteral("/v1/sprites/:name"),
                    [this](const http::Request& r, SpritesReply reply) {
                        if (!checkSprite(r.param(QStringLiteral("name")), reply))
                            return;
                        spriteJson(*m_registry.get(r.param(QStringLiteral("name"))))
                            .then(this, [reply](Result<QJsonObject> sprite) mutable {
                                if (!sprite)
                                    return backendError(reply, sprite.error());
                                reply.json(sprite.value());
                            });
                    });
    m_server->route(Method::Put, QStringLiteral("/v1/sprites/:name"),
                    [this](const http::Request& r, SpritesReply reply) { updateSprite(r, reply); });
    m_server->route(Method::Delete, QStringLiteral("/v1/sprites/:name"),
                    [this](const http::Request& r, SpritesReply reply) { deleteSprite(r, reply); });
}

void SpritesApi::createSprite(const http::Request& request, SpritesReply reply) {
    QString why;
    const auto body = request.jsonObject(&why);
    if (!body)
        return reply.gatewayError(S::BadRequest, QStringLiteral("invalid_body"), why);
    const QString name = body->value(QStringLiteral("name")).toString();
    if (auto valid = SpriteRegistry::validateName(name); !valid)
        return reply.gatewayError(S::BadRequest, QStringLiteral("invalid_name"),
                                  valid.error().message);
    if (m_registry.contains(name))
        return reply.gatewayError(S::BadRequest, QStringLiteral("already_exists"),
                                  QStringLiteral("a sprite named '%1' already exists").arg(name));
    SpriteRecord record;
    record.id = QStringLiteral("sprite-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    record.name = name;
    record.createdAt = record.updatedAt = QDateTime::currentDateTimeUtc();
    if (!readUrlSettings(*body, &record, reply) || !readLabels(*body, &record, reply))
        return;
    // `config` (either spelling), `environment`, `wait_for_capacity`: accepted and ignored.
    // A new sprite is cold: create the sandbox, then put it to sleep until first use. Its network
    // policy is the empty document (§7.1: never set = {"rules":[]}, unrestricted egress), not
    // the backend's equivalent default of one `allow *` rule.
    auto created =
        chain<void>(discardValue(m_backend.create(name), this), this, [this, name](Status made) {
            return made ? m_backend.setNetworkPolicy(name, NetworkPolicy{})
                        : failedTask<void>(made.error());
        });
    chain<void>(created, this, [this, name](Status made) {
        return made ? m_backend.hibernate(name) : failedTask<void>(made.error());
    }).then(this, [this, record, reply](Status ready) mutable {
        if (!ready)
            return backendError(reply, ready.error());
        if (auto saved = m_registry.put(record); !saved)
            return backendError(reply, saved.error());
        reply.json(spriteObject(record, ProviderState::Cold), S::Created);
    });
}

void SpritesApi::listSprites(const http::Request& request, SpritesReply reply) {
    // Content negotiation on one path: the NDJSON form is the sprite watch (§14.2.3).
    if (request.http.value(QByteArrayLiteral("Accept")).contains("application/x-ndjson"))
        return watchSprites(request, reply);
    const QString prefix = queryValue(request, QStringLiteral("prefix"));
    int pageSize = DefaultPageSize;
    if (const QString max = queryValue(request, QStringLiteral("max_results")); !max.isEmpty()) {
        bool ok = false;
        pageSize = max.toInt(&ok);
        if (!ok || pageSize < 1)
            return reply.gatewayError(S::BadRequest, QStringLiteral("invalid_parameter"),
                                      QStringLiteral("max_results must be a positive integer"));
        pageSize = std::min(pageSize, MaxPageSize);
    }
    QString after;
    if (const QString token = queryValue(request, QStringLiteral("continuation_token"));
        !token.isEmpty()) {
        after = QString::fromUtf8(QByteArray::fromBase64(
            token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        if (SpriteRegistry::validateName(after).ok() == false)
            return reply.gatewayError(S::BadRequest, QStringLiteral("invalid_parameter"),
                                      QStringLiteral("invalid continuation_token"));
    }
    QList<SpriteRecord> page;
    bool hasMore = false;
    for (const SpriteRecord& record : m_registry.all()) {
        if (!record.name.startsWith(prefix) || (!after.isEmpty() && record.name <= after))
            continue;
        if (page.size() == pageSize) {
            hasMore = true;
            break;
        }
        page.append(record);
    }
    QList<Task<QJsonObject>> sprites;
    for (const SpriteRecord& record : page)
        sprites.append(spriteJson(record));
    QString next;
    if (hasMore)
        next = QString::fromLatin1(page.last().name.toUtf8().toBase64(
            QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    QtFuture::whenAll(sprites.begin(), sprites.end())
        .then(this, [this, reply, hasMore, next](const QList<Task<QJsonObject>>& done) mutable {
            QJsonArray array;
            QMap<QString, int> counts;
            for (const auto& task : done) {
                const Result<QJsonObject> sprite = task.result();
                if (!sprite)
                    return backendError(reply, sprite.error());
                array.append(sprite.value());
                counts[sprite.value().value(QStringLiteral("status")).toString()] += 1;
            }
            const QJsonObject org = orgCounters(counts);
            // Counters at the top level (docs, JS) and nested (Go): §2.4.
            QJsonObject body = org;
            body.insert(QStringLiteral("org"), org);
            body.insert(QStringLiteral("sprites"), array);
            body.insert(QStringLiteral("has_more"), hasMore);
            body.insert(QStringLiteral("next_continuation_token"),
                        hasMore ? QJsonValue(next) : QJsonValue(QJsonValue::Null));
            reply.json(body);
        });
}

QJsonObject SpritesApi::orgCounters(const QMap<QString, int>& counts) const {
    return {{QStringLiteral("name"), m_options.organization},
            {QStringLiteral("running"), counts.value(QStringLiteral("running"))},
            {QStringLiteral("warm"), counts.value(QStringLiteral("warm"))},
            {QStringLiteral("cold"), counts.value(QStringLiteral("cold"))},
            {QStringLiteral("running_limit"), RunningLimit},
            {QStringLiteral("warm_limit"), WarmLimit}};
}

void SpritesApi::updateSprite(const http::Request& request, SpritesReply reply) {
    const QString name = request.param(QStringLiteral("name"));
    if (!checkSprite(name, reply))
        return;
    QString why;
    const auto body = request.jsonObject(&why);
    if (!body)
        return reply.gatewayError(S::BadRequest, QStringLiteral("invalid_body"), why);
    SpriteRecord record = *m_registry.get(name);
    if (!readUrlSettings(*body, &record, reply) || !readLabels(*body, &record, reply))
        return;
    record.updatedAt = QDateTime::currentDateTimeUtc();
    if (auto saved = m_registry.put(record); !saved)
        return backendError(reply, saved.error());
    spriteJson(record).then(this, [reply](Result<QJsonObject> sprite) mutable {
        if (!sprite)
            return backendError(reply, sprite.error());
        reply.json(sprite.value());
    });
}

void SpritesApi::deleteSprite(const http::Request& request, SpritesReply reply) {
    const QString name = request.param(QStringLiteral("name"));
    if (!checkSprite(name, reply))
        return;
    m_backend.destroy(name).then(this, [this, name, reply](Status destroyed) mutable {
        if (!destroyed)
            return backendError(reply, destroyed.error());
        if (auto removed = m_registry.remove(name); !removed)
            return backendError(reply, removed.error());
        m_networkPolicies.remove(name);
        m_privileges.remove(name);
        m_resources.remove(name);
        reply.noContent();
    });
}

} // namespace hangar::spritesapi
