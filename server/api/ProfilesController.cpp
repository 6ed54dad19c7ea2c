#include "ProfilesController.h"

#include "profiles/ProfileStore.h"
#include "util/Async.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QPointer>

#include <memory>

namespace hangar::api {

using http::HttpReply;
using http::Request;
using Method = QHttpServerRequest::Method;

namespace {

constexpr qint64 kMaxProfileBodyBytes = 16 * 1024 * 1024; // files are carried inline

// What a create or replace request says, checked for shape: the profile, and the write-only
// secret values and private keys it names (each must be one of the profile's).
struct ProfileRequest {
    Profile profile;
    QJsonObject body;
};

std::optional<ProfileRequest> parseProfile(const Request& request, HttpReply& reply) {
    QString why;
    const auto body = request.jsonObject(&why);
    if (!body) {
        reply.badRequest(why);
        return std::nullopt;
    }
    auto profile = Profile::fromJson(*body);
    if (!profile) {
        reply.badRequest(profile.error().message);
        return std::nullopt;
    }
    for (const char* field : {"secretValues", "privateKeys"}) {
        const QJsonValue v = body->value(QLatin1String(field));
        if (!v.isUndefined() && !v.isNull() && !v.isObject()) {
            reply.badRequest(QStringLiteral("\"%1\" must be an object").arg(QLatin1String(field)));
            return std::nullopt;
        }
        const QJsonObject values = v.toObject();
        for (auto it = values.begin(); it != values.end(); ++it) {
            if (!it.value().isString()) {
                reply.badRequest(
                    QStringLiteral("%1.%2 must be a string").arg(QLatin1String(field), it.key()));
                return std::nullopt;
            }
        }
    }
    const QJsonObject secrets = body->value(QStringLiteral("secretValues")).toObject();
    for (auto it = secrets.begin(); it != secrets.end(); ++it) {
        if (!profile.value().secrets.contains(it.key())) {
            reply.invalidValue(
                QStringLiteral("secretValues.%1: the profile has no secret of that name")
                    .arg(it.key()));
            return std::nullopt;
        }
    }
    const QJsonObject keys = body->value(QStringLiteral("privateKeys")).toObject();
    for (auto it = keys.begin(); it != keys.end(); ++it) {
        const auto& all = profile.value().keys;
        const QString name = it.key();
        if (std::none_of(all.cbegin(), all.cend(), [&name](const ProfileKey& k) {
                return k.name == name && k.source == ProfileKey::Source::Import;
            })) {
            reply.invalidValue(
                QStringLiteral("privateKeys.%1: the profile has no imported key of that name")
                    .arg(name));
            return std::nullopt;
        }
    }
    return ProfileRequest{std::move(profile).value(), *body};
}

Error gone() {
    return makeError(ErrorCode::Cancelled, QStringLiteral("the profiles went away"));
}

} // namespace

ProfilesController::ProfilesController(ProfileStore& profiles, QObject* parent)
    : QObject(parent)
    , m_profiles(profiles) {
}

void ProfilesController::addRoutes(http::Router& router) {
    using http::Auth;
    auto route = [this](Method method, const char* pattern, auto handler, qint64 limit = 0) {
        return http::Route{method, QLatin1String(pattern), Auth::Required,
                           [this, handler](const Request& request, HttpReply reply) {
                               (this->*handler)(request, reply);
                           },
                           limit};
    };
    router.add(route(Method::Get, "/api/profiles", &ProfilesController::list));
    router.add(
        route(Method::Post, "/api/profiles", &ProfilesController::create, kMaxProfileBodyBytes));
    router.add(route(Method::Get, "/api/profiles/:id", &ProfilesController::get));
    router.add(route(Method::Put, "/api/profiles/:id", &ProfilesController::replace,
                     kMaxProfileBodyBytes));
    router.add(route(Method::Delete, "/api/profiles/:id", &ProfilesController::remove));
    router.add(
        route(Method::Put, "/api/profiles/:id/secrets/:name", &ProfilesController::setSecret));
}

void ProfilesController::replyWithProfile(const Profile& profile, HttpReply reply,
                                          HttpReply::Status status) {
    QJsonObject json = profile.toJson();
    whenReady(m_profiles.secretsSet(profile), this,
              [reply, json, status](Result<QStringList> set) mutable {
                  if (!set) {
                      reply.error(set.error());
                      return;
                  }
                  json.insert(QStringLiteral("secretsSet"),
                              QJsonArray::fromStringList(set.value()));
                  reply.json(json, status);
              });
}

void ProfilesController::list(const Request&, HttpReply reply) {
    auto all = m_profiles.profiles();
    if (!all) {
        reply.error(all.error());
        return;
    }
    QJsonArray out;
    for (const Profile& p : all.value())
        out.append(p.toJson());
    reply.json(QJsonObject{{QStringLiteral("profiles"), out}});
}

void ProfilesController::get(const Request& request, HttpReply reply) {
    auto p = m_profiles.profile(request.param(QStringLiteral("id")));
    if (!p) {
        reply.error(p.error());
        return;
    }
    replyWithProfile(p.value(), reply, HttpReply::Status::Ok);
}

Task<void> ProfilesController::writeSecrets(const QString& profileId, const QJsonObject& body) {
    QList<std::function<Task<void>()>> writes;
    QPointer<ProfileStore> profiles(&m_profiles);
    const QJsonObject secrets = body.value(QStringLiteral("secretValues")).toObject();
    for (auto it = secrets.begin(); it != secrets.end(); ++it) {
        const QString name = it.key();
        const QString value = it.value().toString();
        writes <<
            [this, profileId, name, value] { return m_profiles.setSecret(profileId, name, value); };
    }
    const QJsonObject keys = body.value(QStringLiteral("privateKeys")).toObject();
    for (auto it = keys.begin(); it != keys.end(); ++it) {
        const QString name = it.key();
        const QString value = it.value().toString();
        writes << [profiles, profileId, name, value] {
            return profiles ? profiles->setImportedKey(profileId, name, value)
                            : failedTask<void>(gone());
        };
    }
    Task<void> done = readyTask();
    for (const auto& write : writes) {
        // The application's context: an answer after this controller went must not assert.
        done =
            chain<void>(done, QCoreApplication::instance(), [write](Result<void> r) -> Task<void> {
                if (!r)
                    return failedTask<void>(r.error());
                return write();
            });
    }
    return done;
}

void ProfilesController::create(const Request& request, HttpReply reply) {
    auto parsed = parseProfile(request, reply);
    if (!parsed)
        return;
    auto created = m_profiles.create(parsed->profile);
    if (!created) {
        reply.error(created.error());
        return;
    }
    const Profile profile = created.value();
    whenReady(writeSecrets(profile.id, parsed->body), this,
              [this, reply, profile](Result<void> r) mutable {
                  if (!r) {
                      reply.error(r.error());
                      return;
                  }
                  replyWithProfile(profile, reply, HttpReply::Status::Created);
              });
}

void ProfilesController::replace(const Request& request, HttpReply reply) {
    auto parsed = parseProfile(request, reply);
    if (!parsed)
        return;
    parsed->profile.id = request.param(QStringLiteral("id"));
    auto updated = m_profiles.update(parsed->profile);
    if (!updated) {
        reply.error(updated.error());
        return;
    }
    const Profile profile = updated.value();
    whenReady(writeSecrets(profile.id, parsed->body), this,
              [this, reply, profile](Result<void> r) mutable {
                  if (!r) {
                      reply.error(r.error());
                      return;
                  }
                  replyWithProfile(profile, reply, HttpReply::Status::Ok);
              });
}

void ProfilesController::remove(const Request& request, HttpReply reply) {
    if (auto st = m_profiles.remove(request.param(QStringLiteral("id"))); !st) {
        reply.error(st.error());
        return;
    }
    reply.noContent();
}

void ProfilesController::setSecret(const Request& request, HttpReply reply) {
    QString why;
    const auto body = request.jsonObject(&why);
    if (!body) {
        reply.badRequest(why);
        return;
    }
    const QJsonValue value = body->value(QStringLiteral("value"));
    if (!value.isString()) {
        reply.badRequest(QStringLiteral("\"value\" is required and must be a string"));
        return;
    }
    whenReady(m_profiles.setSecret(request.param(QStringLiteral("id")),
                                   request.param(QStringLiteral("name")), value.toString()),
              this, [reply](Result<void> r) mutable {
                  if (!r)
                      reply.error(r.error());
                  else
                      reply.noContent();
              });
}

} // namespace hangar::api
