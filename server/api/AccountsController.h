#pragma once

#include "http/Router.h"

#include <QObject>

namespace hangar {
class AccountManager;
class LifecycleService;
} // namespace hangar

namespace hangar::api {

// /api/accounts: the local backend, the environment's Sprites backend and the named Sprites
// accounts (never a token); POST adds a named account (its token is write-only), PUT changes
// one (the fields given), DELETE removes one (409 while sandboxes belong to it), POST
// /api/accounts/default switches where new sandboxes go. Without an AccountManager the list is the
// engine's backends and changes are refused (503).
class AccountsController : public QObject {
    Q_OBJECT
public:
    AccountsController(LifecycleService& engine, AccountManager* accounts,
                       QObject* parent = nullptr);

    void addRoutes(http::Router& router);

private:
    void list(const http::Request& request, http::HttpReply reply);
    void add(const http::Request& request, http::HttpReply reply);
    void change(const http::Request& request, http::HttpReply reply);
    void remove(const http::Request& request, http::HttpReply reply);
    void setDefault(const http::Request& request, http::HttpReply reply);
    bool refuseWithoutAccounts(http::HttpReply& reply) const;

    LifecycleService& m_engine;
    AccountManager* m_accounts = nullptr;
};

} // namespace hangar::api
