#include "ConsoleApi.h"

#include "EventsController.h"
#include "FilesController.h"
#include "SandboxesController.h"
#include "ToolsController.h"

#include <QJsonObject>

namespace hangar::api {

ConsoleApi::ConsoleApi(LifecycleService& engine, SandboxTools& tools, const QString& token,
                       ConsoleApiOptions options, QObject* parent)
    : QObject(parent) {
    m_sandboxes = new SandboxesController(engine, this);
    m_events = new EventsController(engine, options.sse, this);
    m_files = new FilesController(tools, this);
    m_tools = new ToolsController(tools, this);

    m_router.add({QHttpServerRequest::Method::Get, QStringLiteral("/api/version"),
                  http::Auth::Required, [](const http::Request&, http::HttpReply reply) {
                      reply.json(
                          QJsonObject{{QStringLiteral("apiVersion"), kVersion},
                                      {QStringLiteral("hangar"), QStringLiteral(HANGAR_VERSION)}});
                  }});
    m_sandboxes->addRoutes(m_router);
    m_events->addRoutes(m_router);
    m_files->addRoutes(m_router);
    m_tools->addRoutes(m_router);
    m_server = new http::HttpServer(m_router, token, {}, this);
}

ConsoleApi::~ConsoleApi() = default;

int ConsoleApi::eventListenerCount() const {
    return m_events->listenerCount();
}

} // namespace hangar::api
