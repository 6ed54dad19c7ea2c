#pragma once

#include "http/Router.h"

#include <QObject>

namespace hangar {
class SandboxAdmin;
}

namespace hangar::api {

// /api/sandboxes/:id/checkpoints (list, take, restore, delete) and
// /api/sandboxes/:id/network-policy (read, replace), through SandboxAdmin: each change lands in
// the sandbox's timeline as a note by "api".
class SandboxAdminController : public QObject {
    Q_OBJECT
public:
    SandboxAdminController(SandboxAdmin& admin, QObject* parent = nullptr);

    void addRoutes(http::Router& router);

private:
    void listCheckpoints(const http::Request& request, http::HttpReply reply);
    void createCheckpoint(const http::Request& request, http::HttpReply reply);
    void restoreCheckpoint(const http::Request& request, http::HttpReply reply);
    void deleteCheckpoint(const http::Request& request, http::HttpReply reply);
    void networkPolicy(const http::Request& request, http::HttpReply reply);
    void setNetworkPolicy(const http::Request& request, http::HttpReply reply);

    SandboxAdmin& m_admin;
};

} // namespace hangar::api
