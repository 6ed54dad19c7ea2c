#include "SandboxesController.h"

#include "JsonCodec.h"
#include "accounts/AccountManager.h"
#include "lifecycle/LifecycleService.h"

#include <QJsonArray>

namespace hangar::api {

using http::HttpReply;
using http::Request;
using Method = QHttpServerRequest::Method;

namespace {

// Replies with the sandbox a task produced, or its error.
void replyWith(Task<Sandbox> task, QObject* context, HttpReply reply,
               HttpReply::Status status = HttpReply::Status::Ok) {
    task.then(context, [reply, status](Result<Sandbox> r) mutable {
        if (!r)
            reply.error(r.error());
        else
            reply.json(toJson(r.value()), status);
    });
}

} // namespace

SandboxesController::SandboxesController(LifecycleService& engine, QObject* parent)
    : QObject(parent)
    , m_engine(engine) {
}

void SandboxesController::addRoutes(http::Router& router) {
    auto bind = [this](void (SandboxesController::*handler)(const Request&, HttpReply)) {
        return [this, handler](const Request& request, HttpReply reply) {
            (this->*handler)(request, reply);
        };
    };
    using http::Auth;
    router.add({Method::Get, QStringLiteral("/api/sandboxes"), Auth::Required,
                bind(&SandboxesController::list)});
    router.add({Method::Post, QStringLiteral("/api/sandboxes"), Auth::Required,
                bind(&SandboxesController::create)});
    router.add({Method::Get, QStringLiteral("/api/sandboxes/:id"), Auth::Required,
                bind(&SandboxesController::get)});
    router.add({Method::Delete, QStringLiteral("/api/sandboxes/:id"), Auth::Required,
                bind(&SandboxesController::remove)});
    router.add({Method::Post, QStringLiteral("/api/sandboxes/:id/resume"), Auth::Required,
                bind(&SandboxesController::resume)});
    router.add({Method::Post, QStringLiteral("/api/sandboxes/:id/hibernate"), Auth::Required,
                bind(&SandboxesController::hibernate)});
}

void SandboxesController::list(const Request& request, HttpReply reply) {
    const QString state = request.query(QStringLiteral("state"));
    const QString backend = request.query(QStringLiteral("backend"));
    if (!state.isEmpty() && !stateFromName(state)) {
        reply.invalidValue(QStringLiteral("unknown state \"%1\"").arg(state));
        return;
    }
    auto all = m_engine.sandboxes();
    if (!all) {
        reply.error(all.error());
        return;
    }
    const QString account = request.query(QStringLiteral("account"));
    if (!account.isEmpty()) {
        // An account nobody knows is a mistake to report, not an empty fleet.
        bool known = m_engine.backend(account) || (m_accounts && m_accounts->account(account));
        for (const Sandbox& s : all.value())
            known = known || s.backend == account;
        if (!known) {
            reply.invalidValue(QStringLiteral("unknown account \"%1\"").arg(account));
            return;
        }
    }
    QJsonArray out;
    for (const Sandbox& s : all.value()) {
        if (!state.isEmpty() && stateName(s.state) != state)
            continue;
        if (!backend.isEmpty() && accounts::kindOfKey(s.backend) != backend)
            continue;
        if (!account.isEmpty() && s.backend != account)
            continue;
        out.append(toJson(s));
    }
    reply.json(QJsonObject{{QStringLiteral("sandboxes"), out}});
}

void SandboxesController::create(const Request& request, HttpReply reply) {
    QString why;
    const auto body = request.jsonObject(&why);
    if (!body) {
        reply.badRequest(why);
        return;
    }
    // Shape here (400); the engine judges the values: a chat or thread id it cannot use in a
    // sandbox name, or an unknown backend, comes back as InvalidArgument (422).
    for (const char* field : {"chatId", "threadId"}) {
        const QJsonValue v = body->value(QLatin1String(field));
        if (v.isUndefined() || v.isNull()) {
            reply.badRequest(QStringLiteral("\"%1\" is required").arg(QLatin1String(field)));
            return;
        }
        if (!v.isString()) {
            reply.badRequest(QStringLiteral("\"%1\" must be a string").arg(QLatin1String(field)));
            return;
        }
    }
    const QJsonValue backend = body->value(QStringLiteral("backend"));
    if (!backend.isUndefined() && !backend.isNull() && !backend.isString()) {
        reply.badRequest(QStringLiteral("\"backend\" must be a string"));
        return;
    }
    // "account" names an account's key ("sprites:work"); "backend" the older way ("sprites").
    const QJsonValue account = body->value(QStringLiteral("account"));
    if (!account.isUndefined() && !account.isNull() && !account.isString()) {
        reply.badRequest(QStringLiteral("\"account\" must be a string"));
        return;
    }
    const QString where = account.isString() ? account.toString() : backend.toString();
    // "profile": the id of the profile to create it from (the default profile when absent).
    const QJsonValue profile = body->value(QStringLiteral("profile"));
    if (!profile.isUndefined() && !profile.isNull() && !profile.isString()) {
        reply.badRequest(QStringLiteral("\"profile\" must be a string"));
        return;
    }
    replyWith(m_engine.provision(body->value(QStringLiteral("chatId")).toString(),
                                 body->value(QStringLiteral("threadId")).toString(), where,
                                 ProvisionOptions{profile.toString()}),
              this, reply);
}

void SandboxesController::get(const Request& request, HttpReply reply) {
    auto s = m_engine.sandbox(request.param(QStringLiteral("id")));
    if (!s)
        reply.error(s.error());
    else
        reply.json(toJson(s.value()));
}

void SandboxesController::remove(const Request& request, HttpReply reply) {
    m_engine.destroy(request.param(QStringLiteral("id")))
        .then(this, [reply](Result<void> r) mutable {
            if (!r)
                reply.error(r.error());
            else
                reply.noContent();
        });
}

void SandboxesController::resume(const Request& request, HttpReply reply) {
    replyWith(m_engine.resume(request.param(QStringLiteral("id")),
                              QStringLiteral("resume requested over the API")),
              this, reply);
}

void SandboxesController::hibernate(const Request& request, HttpReply reply) {
    replyWith(m_engine.hibernate(request.param(QStringLiteral("id")),
                                 QStringLiteral("hibernate requested over the API")),
              this, reply);
}

} // namespace hangar::api
