#pragma once

#include "http/Router.h"

#include <QObject>

namespace hangar {
class SandboxTools;
}

namespace hangar::api {

// The agent tools over HTTP: POST /api/sandboxes/:id/exec and
// /api/sandboxes/:id/tools/{glob,grep,stat,mkdir,readdir}, JSON in and out. Each call wakes
// a hibernated sandbox first and refreshes its activity (SandboxTools does both).
class ToolsController : public QObject {
    Q_OBJECT
public:
    ToolsController(SandboxTools& tools, QObject* parent = nullptr);
    void addRoutes(http::Router& router);

private:
    void exec(const http::Request& request, http::HttpReply reply);
    void glob(const http::Request& request, http::HttpReply reply);
    void grep(const http::Request& request, http::HttpReply reply);
    void stat(const http::Request& request, http::HttpReply reply);
    void mkdir(const http::Request& request, http::HttpReply reply);
    void readdir(const http::Request& request, http::HttpReply reply);

    SandboxTools& m_tools;
};

} // namespace hangar::api
