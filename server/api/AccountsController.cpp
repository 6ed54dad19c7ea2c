#include "AccountsController.h"

#include "accounts/AccountManager.h"
#include "lifecycle/LifecycleService.h"

#include <QJsonArray>

namespace hangar::api {

using http::HttpReply;
using http::Request;
using Method = QHttpServerRequest::Method;

namespace {

QJsonValue orNull(const QString& text) {
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QJsonObject toJson(const AccountInfo& a, int sandboxes) {
    return QJsonObject{
        {QStringLiteral("key"), a.key},
        {QStringLiteral("kind"), a.kind},
        {QStringLiteral("id"), orNull(a.id)},
        {QStringLiteral("name"), a.name},
        {QStringLiteral("organization"), orNull(a.organization)},
        {QStringLiteral("baseUrl"), orNull(a.baseUrl)},
        {QStringLiteral("named"), a.named},
        {QStringLiteral("available"), a.available},
        {QStringLiteral("default"), a.isDefault},
        {QStringLiteral("problem"), orNull(a.problem)},
        {QStringLiteral("sandboxes"), sandboxes},
    };
}

// Reads the string fields of an account body into `account`; absent fields keep its values.
// False with `why` set when a field is present but not a string.
bool readFields(const QJsonObject& body, SpritesAccount& account, std::optional<QString>& token,
                QString* why) {
    const QList<std::pair<const char*, QString*>> fields{
        {"name", &account.name},
        {"organization", &account.organization},
        {"baseUrl", &account.baseUrl},
    };
    for (const auto& [name, target] : fields) {
        const QJsonValue v = body.value(QLatin1String(name));
        if (v.isUndefined())
            continue;
        if (!v.isString()) {
            *why = QStringLiteral("\"%1\" must be a string").arg(QLatin1String(name));
            return false;
        }
        *target = v.toString().trimmed();
    }
    const QJsonValue t = body.value(QStringLiteral("token"));
    if (!t.isUndefined()) {
        if (!t.isString()) {
            *why = QStringLiteral("\"token\" must be a string");
            return false;
        }
        token = t.toString();
    }
    return true;
}

} // namespace

AccountsController::AccountsController(LifecycleService& engine, AccountManager* accounts,
                                       QObject* parent)
    : QObject(parent)
    , m_engine(engine)
    , m_accounts(accounts) {
}

void AccountsController::addRoutes(http::Router& router) {
    auto bind = [this](void (AccountsController::*handler)(const Request&, HttpReply)) {
        return [this, handler](const Request& request, HttpReply reply) {
            (this->*handler)(request, reply);
        };
    };
    using http::Auth;
    router.add({Method::Get, QStringLiteral("/api/accounts"), Auth::Required,
                bind(&AccountsController::list)});
    router.add({Method::Post, QStringLiteral("/api/accounts"), Auth::Required,
                bind(&AccountsController::add)});
    router.add({Method::Post, QStringLiteral("/api/accounts/default"), Auth::Required,
                bind(&AccountsController::setDefault)});
    router.add({Method::Put, QStringLiteral("/api/accounts/:id"), Auth::Required,
                bind(&AccountsController::change)});
    router.add({Method::Delete, QStringLiteral("/api/accounts/:id"), Auth::Required,
                bind(&AccountsController::remove)});
}

bool AccountsController::refuseWithoutAccounts(HttpReply& reply) const {
    if (m_accounts)
        return false;
    reply.error(makeError(ErrorCode::Unavailable,
                          QStringLiteral("accounts cannot be changed through this server")));
    return true;
}

void AccountsController::list(const Request&, HttpReply reply) {
    auto all = m_engine.sandboxes();
    if (!all) {
        reply.error(all.error());
        return;
    }
    QHash<QString, int> counts;
    for (const Sandbox& s : all.value())
        ++counts[s.backend];
    QList<AccountInfo> accounts;
    if (m_accounts) {
        accounts = m_accounts->accounts();
    } else {
        for (const QString& key : m_engine.backendKinds()) {
            AccountInfo a;
            a.key = key;
            a.kind = accounts::kindOfKey(key);
            a.name = key;
            a.available = true;
            a.isDefault = key == m_engine.options().defaultBackend;
            accounts.append(a);
        }
    }
    QJsonArray out;
    for (const AccountInfo& a : accounts)
        out.append(toJson(a, counts.value(a.key)));
    reply.json(QJsonObject{{QStringLiteral("accounts"), out},
                           {QStringLiteral("default"), m_engine.options().defaultBackend}});
}

void AccountsController::add(const Request& request, HttpReply reply) {
    QString why;
    const auto body = request.jsonObject(&why);
    if (!body) {
        reply.badRequest(why);
        return;
    }
    for (const char* field : {"id", "name", "baseUrl", "token"}) {
        const QJsonValue v = body->value(QLatin1String(field));
        if (v.isUndefined() || v.isNull()) {
            reply.badRequest(QStringLiteral("\"%1\" is required").arg(QLatin1String(field)));
            return;
        }
    }
    if (!body->value(QStringLiteral("id")).isString()) {
        reply.badRequest(QStringLiteral("\"id\" must be a string"));
        return;
    }
    SpritesAccount account;
    account.id = body->value(QStringLiteral("id")).toString();
    std::optional<QString> token;
    if (!readFields(*body, account, token, &why)) {
        reply.badRequest(why);
        return;
    }
    if (refuseWithoutAccounts(reply))
        return;
    m_accounts->add(account, token.value_or(QString()))
        .then(this, [reply](Result<AccountInfo> r) mutable {
            if (!r)
                reply.error(r.error());
            else
                reply.json(toJson(r.value(), 0), HttpReply::Status::Created);
        });
}

void AccountsController::change(const Request& request, HttpReply reply) {
    QString why;
    const auto body = request.jsonObject(&why);
    if (!body) {
        reply.badRequest(why);
        return;
    }
    if (refuseWithoutAccounts(reply))
        return;
    const QString id = request.param(QStringLiteral("id"));
    std::optional<SpritesAccount> current;
    for (const SpritesAccount& a : m_accounts->namedAccounts()) {
        if (a.id == id)
            current = a;
    }
    if (!current) {
        reply.error(makeError(ErrorCode::NotFound, QStringLiteral("no account \"%1\"").arg(id)));
        return;
    }
    if (body->contains(QStringLiteral("id")) && body->value(QStringLiteral("id")) != id) {
        reply.invalidValue(QStringLiteral("an account's id cannot change"));
        return;
    }
    SpritesAccount changed = *current;
    std::optional<QString> token;
    if (!readFields(*body, changed, token, &why)) {
        reply.badRequest(why);
        return;
    }
    const QString key = changed.key();
    m_accounts->update(changed, token)
        .then(this, [this, reply, key](Result<AccountInfo> r) mutable {
            if (!r) {
                reply.error(r.error());
                return;
            }
            int count = 0;
            if (auto all = m_engine.sandboxes()) {
                for (const Sandbox& s : all.value())
                    count += s.backend == key ? 1 : 0;
            }
            reply.json(toJson(r.value(), count));
        });
}

void AccountsController::remove(const Request& request, HttpReply reply) {
    if (refuseWithoutAccounts(reply))
        return;
    m_accounts->remove(request.param(QStringLiteral("id")))
        .then(this, [reply](Result<void> r) mutable {
            if (!r)
                reply.error(r.error());
            else
                reply.noContent();
        });
}

void AccountsController::setDefault(const Request& request, HttpReply reply) {
    QString why;
    const auto body = request.jsonObject(&why);
    if (!body) {
        reply.badRequest(why);
        return;
    }
    const QJsonValue key = body->value(QStringLiteral("account"));
    if (!key.isString()) {
        reply.badRequest(QStringLiteral("\"account\" is required and must be a string"));
        return;
    }
    if (refuseWithoutAccounts(reply))
        return;
    if (auto set = m_accounts->setDefaultAccount(key.toString()); !set) {
        reply.error(set.error());
        return;
    }
    reply.json(QJsonObject{{QStringLiteral("default"), m_accounts->defaultAccount()}});
}

} // namespace hangar::api
