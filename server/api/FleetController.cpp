#include "FleetController.h"

#include "lifecycle/FleetHealth.h"

#include <QJsonArray>

namespace hangar::api {

using http::HttpReply;
using http::Request;
using Method = QHttpServerRequest::Method;

namespace {

QJsonObject toJson(const FleetHealth::Finding& f) {
    using Kind = FleetHealth::Finding::Kind;
    QJsonArray fixes;
    for (FleetHealth::Fix fix : FleetHealth::fixesFor(f))
        fixes.append(FleetHealth::fixName(fix));
    QJsonObject out{{QStringLiteral("kind"), FleetHealth::kindName(f.kind)},
                    {QStringLiteral("name"), f.name},
                    {QStringLiteral("backend"), f.backend},
                    {QStringLiteral("provider"), providerStateName(f.provider)},
                    {QStringLiteral("fixes"), fixes}};
    // An orphan has no record: no id, no recorded state.
    if (f.kind != Kind::Orphan) {
        out.insert(QStringLiteral("sandboxId"), f.sandboxId);
        out.insert(QStringLiteral("recorded"), stateName(f.recorded));
    }
    return out;
}

// A required string field of the fix request; empty with `why` set when absent or not a string.
QString field(const QJsonObject& body, const char* name, QString* why) {
    const QJsonValue v = body.value(QLatin1String(name));
    if (!v.isString() || v.toString().isEmpty())
        *why = QStringLiteral("\"%1\" is required and must be a string").arg(QLatin1String(name));
    return v.toString();
}

} // namespace

FleetController::FleetController(FleetHealth& fleet, QObject* parent)
    : QObject(parent)
    , m_fleet(fleet) {
}

void FleetController::addRoutes(http::Router& router) {
    using http::Auth;
    router.add({Method::Get, QStringLiteral("/api/fleet/health"), Auth::Required,
                [this](const Request& request, HttpReply reply) { health(request, reply); }});
    router.add({Method::Post, QStringLiteral("/api/fleet/health/fix"), Auth::Required,
                [this](const Request& request, HttpReply reply) { fix(request, reply); }});
}

void FleetController::health(const Request&, HttpReply reply) {
    // The degraded marks as they are now, with the scan's findings once every provider answered.
    QJsonArray degraded;
    for (auto it = m_fleet.degraded().constBegin(); it != m_fleet.degraded().constEnd(); ++it)
        degraded.append(QJsonObject{{QStringLiteral("sandboxId"), it.key()},
                                    {QStringLiteral("reason"), it.value()}});
    m_fleet.scan().then(this, [reply, degraded](Result<QList<FleetHealth::Finding>> r) mutable {
        if (!r) {
            reply.error(r.error());
            return;
        }
        QJsonArray findings;
        for (const FleetHealth::Finding& f : r.value())
            findings.append(toJson(f));
        reply.json(QJsonObject{{QStringLiteral("findings"), findings},
                               {QStringLiteral("degraded"), degraded}});
    });
}

void FleetController::fix(const Request& request, HttpReply reply) {
    QString why;
    const auto body = request.jsonObject(&why);
    if (!body) {
        reply.badRequest(why);
        return;
    }
    const QString kindText = field(*body, "kind", &why);
    const QString name = field(*body, "name", &why);
    const QString backend = field(*body, "backend", &why);
    const QString fixText = field(*body, "fix", &why);
    if (!why.isEmpty()) {
        reply.badRequest(why);
        return;
    }
    const auto kind = FleetHealth::kindFromName(kindText);
    if (!kind) {
        reply.invalidValue(QStringLiteral("unknown kind \"%1\"").arg(kindText));
        return;
    }
    const auto fix = FleetHealth::fixFromName(fixText);
    if (!fix) {
        reply.invalidValue(QStringLiteral("unknown fix \"%1\"").arg(fixText));
        return;
    }
    auto finding = m_fleet.finding(*kind, name, backend);
    if (!finding) {
        reply.error(finding.error());
        return;
    }
    m_fleet.fix(finding.value(), *fix).then(this, [reply](Result<void> r) mutable {
        if (!r)
            reply.error(r.error());
        else
            reply.noContent();
    });
}

} // namespace hangar::api
