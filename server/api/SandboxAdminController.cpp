#include "SandboxAdminController.h"

#include "tools/SandboxAdmin.h"

#include <QJsonArray>

namespace hangar::api {

using http::HttpReply;
using http::Request;
using Method = QHttpServerRequest::Method;

namespace {

const QString kActor = QStringLiteral("api");

QJsonObject toJson(const CheckpointInfo& c) {
    return {{QStringLiteral("id"), c.id},
            {QStringLiteral("createdAt"), c.createdAt.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("comment"), c.comment},
            {QStringLiteral("sizeBytes"), c.sizeBytes}};
}

QJsonObject toJson(const NetworkPolicy& policy) {
    QJsonArray rules;
    for (const NetworkRule& rule : policy.rules) {
        QJsonObject o;
        if (!rule.domain.isEmpty())
            o.insert(QStringLiteral("domain"), rule.domain);
        if (!rule.action.isEmpty())
            o.insert(QStringLiteral("action"), rule.action);
        if (!rule.include.isEmpty())
            o.insert(QStringLiteral("include"), rule.include);
        rules.append(o);
    }
    return {{QStringLiteral("rules"), rules}};
}

// {"rules": [{"domain", "action"} | {"include"}]}: the shape, not the values (the backend
// checks those, and says which rule it refuses).
std::optional<NetworkPolicy> policyFromJson(const QJsonObject& body, QString* why) {
    const QJsonValue rules = body.value(QStringLiteral("rules"));
    if (!rules.isArray()) {
        *why = QStringLiteral("\"rules\" is required and must be an array");
        return std::nullopt;
    }
    NetworkPolicy policy;
    int index = 0;
    for (const QJsonValue& item : rules.toArray()) {
        const QJsonObject o = item.toObject();
        NetworkRule rule;
        for (auto [key, target] :
             {std::pair{"domain", &rule.domain}, std::pair{"action", &rule.action},
              std::pair{"include", &rule.include}}) {
            const QJsonValue v = o.value(QLatin1String(key));
            if (!item.isObject() || (!v.isUndefined() && !v.isString())) {
                *why = QStringLiteral("rule %1: \"%2\" must be a string")
                           .arg(index)
                           .arg(QLatin1String(key));
                return std::nullopt;
            }
            *target = v.toString();
        }
        policy.rules.append(rule);
        ++index;
    }
    return policy;
}

} // namespace

SandboxAdminController::SandboxAdminController(SandboxAdmin& admin, QObject* parent)
    : QObject(parent)
    , m_admin(admin) {
}

void SandboxAdminController::addRoutes(http::Router& router) {
    using http::Auth;
    const QString checkpoints = QStringLiteral("/api/sandboxes/:id/checkpoints");
    const QString checkpoint = checkpoints + QStringLiteral("/:checkpoint");
    const QString policy = QStringLiteral("/api/sandboxes/:id/network-policy");
    router.add({Method::Get, checkpoints, Auth::Required,
                [this](const Request& r, HttpReply reply) { listCheckpoints(r, reply); }});
    router.add({Method::Post, checkpoints, Auth::Required,
                [this](const Request& r, HttpReply reply) { createCheckpoint(r, reply); }});
    router.add({Method::Post, checkpoint + QStringLiteral("/restore"), Auth::Required,
                [this](const Request& r, HttpReply reply) { restoreCheckpoint(r, reply); }});
    router.add({Method::Delete, checkpoint, Auth::Required,
                [this](const Request& r, HttpReply reply) { deleteCheckpoint(r, reply); }});
    router.add({Method::Get, policy, Auth::Required,
                [this](const Request& r, HttpReply reply) { networkPolicy(r, reply); }});
    router.add({Method::Put, policy, Auth::Required,
                [this](const Request& r, HttpReply reply) { setNetworkPolicy(r, reply); }});
}

void SandboxAdminController::listCheckpoints(const Request& request, HttpReply reply) {
    m_admin.checkpoints(request.param(QStringLiteral("id")))
        .then(this, [reply](Result<QList<CheckpointInfo>> r) mutable {
            if (!r) {
                reply.error(r.error());
                return;
            }
            QJsonArray list;
            for (const CheckpointInfo& c : r.value())
                list.append(toJson(c));
            reply.json(QJsonObject{{QStringLiteral("checkpoints"), list}});
        });
}

void SandboxAdminController::createCheckpoint(const Request& request, HttpReply reply) {
    QString why;
    QString comment;
    if (!request.http.body().isEmpty()) {
        const auto body = request.jsonObject(&why);
        if (!body) {
            reply.badRequest(why);
            return;
        }
        const QJsonValue v = body->value(QStringLiteral("comment"));
        if (!v.isUndefined() && !v.isString()) {
            reply.badRequest(QStringLiteral("\"comment\" must be a string"));
            return;
        }
        comment = v.toString();
    }
    m_admin.createCheckpoint(request.param(QStringLiteral("id")), comment, kActor)
        .then(this, [reply](Result<CheckpointInfo> r) mutable {
            if (!r)
                reply.error(r.error());
            else
                reply.json(toJson(r.value()), HttpReply::Status::Created);
        });
}

void SandboxAdminController::restoreCheckpoint(const Request& request, HttpReply reply) {
    RestoreOptions options;
    options.actor = kActor;
    if (!request.http.body().isEmpty()) {
        QString why;
        const auto body = request.jsonObject(&why);
        if (!body) {
            reply.badRequest(why);
            return;
        }
        const QJsonValue safety = body->value(QStringLiteral("safetyCheckpoint"));
        if (!safety.isUndefined() && !safety.isBool()) {
            reply.badRequest(QStringLiteral("\"safetyCheckpoint\" must be true or false"));
            return;
        }
        options.safetyCheckpoint = safety.toBool(true);
    }
    m_admin
        .restoreCheckpoint(request.param(QStringLiteral("id")),
                           request.param(QStringLiteral("checkpoint")), options)
        .then(this, [reply](Result<RestoreOutcome> r) mutable {
            if (!r) {
                reply.error(r.error());
                return;
            }
            QJsonObject out{{QStringLiteral("restored"), r.value().checkpointId}};
            if (!r.value().safetyCheckpointId.isEmpty())
                out.insert(QStringLiteral("safetyCheckpoint"), r.value().safetyCheckpointId);
            reply.json(out);
        });
}

void SandboxAdminController::deleteCheckpoint(const Request& request, HttpReply reply) {
    m_admin
        .deleteCheckpoint(request.param(QStringLiteral("id")),
                          request.param(QStringLiteral("checkpoint")), kActor)
        .then(this, [reply](Result<void> r) mutable {
            if (!r)
                reply.error(r.error());
            else
                reply.noContent();
        });
}

void SandboxAdminController::networkPolicy(const Request& request, HttpReply reply) {
    m_admin.networkPolicy(request.param(QStringLiteral("id")))
        .then(this, [reply](Result<NetworkPolicy> r) mutable {
            if (!r)
                reply.error(r.error());
            else
                reply.json(toJson(r.value()));
        });
}

void SandboxAdminController::setNetworkPolicy(const Request& request, HttpReply reply) {
    QString why;
    const auto body = request.jsonObject(&why);
    if (!body) {
        reply.badRequest(why);
        return;
    }
    const auto policy = policyFromJson(*body, &why);
    if (!policy) {
        reply.badRequest(why);
        return;
    }
    m_admin.setNetworkPolicy(request.param(QStringLiteral("id")), *policy, kActor)
        .then(this, [reply](Result<NetworkPolicy> r) mutable {
            if (!r)
                reply.error(r.error());
            else
                reply.json(toJson(r.value()));
        });
}

} // namespace hangar::api
