#pragma once

#include "http/Router.h"

#include <QObject>

namespace hangar {
class AccountManager;
class LifecycleService;
} // namespace hangar

namespace hangar::api {

// /api/sandboxes: list, create (idempotent by name), get, delete, resume, hibernate.
class SandboxesController : public QObject {
    Q_OBJECT
public:
    SandboxesController(LifecycleService& engine, QObject* parent = nullptr);

    void addRoutes(http::Router& router);
    // The accounts `?account=` may name beside the engine's backends (one without a token).
    void setAccounts(AccountManager* accounts) { m_accounts = accounts; }

private:
    void list(const http::Request& request, http::HttpReply reply);
    void create(const http::Request& request, http::HttpReply reply);
    void get(const http::Request& request, http::HttpReply reply);
    void remove(const http::Request& request, http::HttpReply reply);
    void resume(const http::Request& request, http::HttpReply reply);
    void hibernate(const http::Request& request, http::HttpReply reply);

    LifecycleService& m_engine;
    AccountManager* m_accounts = nullptr;
};

} // namespace hangar::api
