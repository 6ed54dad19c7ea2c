#pragma once

#include "http/Router.h"
#include "http/SseStream.h"

#include <QObject>

namespace hangar {
class TerminalHub;
}

namespace hangar::api {

// Terminal sessions for browsers, shared by name (`?session=`, default "default"):
//   GET  /api/sandboxes/:id/terminal/stream   SSE: output (scrollback first), exit, error
//   POST /api/sandboxes/:id/terminal/input    raw body -> the shell's input
//   POST /api/sandboxes/:id/terminal/resize   {"cols": 120, "rows": 40}
//   WS   /api/sandboxes/:id/terminal/ws       binary output; text or binary input; text
//                                             {"type":"resize","cols":..,"rows":..}
class TerminalController : public QObject {
    Q_OBJECT
public:
    TerminalController(TerminalHub& hub, http::SseLimits limits = {}, QObject* parent = nullptr);
    void addRoutes(http::Router& router);

private:
    void stream(const http::Request& request, http::HttpReply reply);
    void input(const http::Request& request, http::HttpReply reply);
    void resize(const http::Request& request, http::HttpReply reply);
    void socket(const http::SocketRequest& request, std::unique_ptr<QWebSocket> socket);

    TerminalHub& m_hub;
    http::SseLimits m_limits;
};

} // namespace hangar::api
